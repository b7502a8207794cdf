import { crc32, inflateRawSync } from "node:zlib";

/**
 * A small reader of zip archives (an .xlsx is one), on node's zlib. It checks an uploaded
 * workbook before a spreadsheet library sees it (not a zip, truncated, a zip bomb) and lets tests
 * read a workbook's XML independently of the library that wrote it.
 */

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipError extends Error {
  override readonly name = "ZipError";
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

/**
 * Lists the entries of a zip archive from its central directory.
 *
 * @example
 * const entries = listZipEntries(bytes); // [{ name: "xl/workbook.xml", size: 1234, … }]
 */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) throw new ZipError("the file is too short to be a zip archive");
  const end = findEndOfCentralDirectory(buf);
  if (end < 0) throw new ZipError("the zip directory at the end of the file is missing (truncated?)");
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  const offset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new ZipError("ZIP64 archives are not supported");
  if (offset + size > end)
    throw new ZipError("the zip directory points past the end of the file (truncated?)");
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL) {
      throw new ZipError("the zip directory is damaged");
    }
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(at + 10),
      crc: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString("utf8", at + 46, at + 46 + nameLength),
    };
    if (entry.localOffset + 30 + entry.compressedSize > buf.length) {
      throw new ZipError(`the entry ${entry.name} runs past the end of the file (truncated?)`);
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The uncompressed bytes of one entry, checked against its CRC. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (buf.readUInt32LE(at) !== LOCAL) throw new ZipError(`the entry ${entry.name} is damaged`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw new ZipError(`the entry ${entry.name} is cut short`);
  let out: Buffer;
  if (entry.method === 0) out = Buffer.from(data);
  else if (entry.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
    } catch {
      throw new ZipError(`the entry ${entry.name} does not decompress`);
    }
  } else throw new ZipError(`the entry ${entry.name} uses an unsupported compression (${entry.method})`);
  if (out.length !== entry.size || crc32(out) !== entry.crc) {
    throw new ZipError(`the entry ${entry.name} is damaged (checksum mismatch)`);
  }
  return out;
}

/** Reads one named entry as UTF-8 text, or undefined when the archive has no such entry. */
export function readZipText(bytes: Uint8Array, name: string): string | undefined {
  const entry = listZipEntries(bytes).find((e) => e.name === name);
  return entry ? readZipEntry(bytes, entry).toString("utf8") : undefined;
}
