/**
 * Sets every entry's modification time in a zip archive to one fixed moment, in the local headers
 * and the central directory. The spreadsheet library stamps each entry with the time it was
 * written, so the same plan gave different bytes on every export (and two downloads differed
 * under the same strong ETag). The archive's other bytes are left as they are.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The MS-DOS date and time fields of a zip entry (2-second resolution, years 1980–2107). */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * Rewrites the entries' times in place and returns the same bytes.
 *
 * @example
 * const fixed = fixZipTimes(await book.xlsx.writeBuffer(), new Date("2025-02-28T00:00:00Z"));
 */
export function fixZipTimes(bytes: Uint8Array, when: Date): Uint8Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { time, date } = dosDateTime(when);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("not a zip archive: no end of central directory");
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== CENTRAL) throw new Error("the zip directory is damaged");
    buf.writeUInt16LE(time, at + 12);
    buf.writeUInt16LE(date, at + 14);
    const local = buf.readUInt32LE(at + 42);
    if (buf.readUInt32LE(local) !== LOCAL) throw new Error("a zip entry is damaged");
    buf.writeUInt16LE(time, local + 10);
    buf.writeUInt16LE(date, local + 12);
    at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return bytes;
}
