import { crc32, deflateRawSync } from "node:zlib";

/**
 * A minimal zip writer for the fuzz tests: rebuilds a workbook after its XML was mutated, and
 * can lie in the headers (declared sizes, compression method) the way a hostile file would.
 */
export interface ZipFileEntry {
  name: string;
  data: Uint8Array;
  /** Written compressed (8) or stored (0); another number is written as is, unsupported. */
  method?: number;
  /** Overrides the uncompressed size written in both headers (a lie, for zip-bomb tests). */
  declaredSize?: number;
  /** Already deflated bytes to write instead of compressing `data`. */
  compressed?: Uint8Array;
  /** Overrides the CRC written in both headers. */
  crc?: number;
}

export function writeZip(entries: readonly ZipFileEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = e.compressed
      ? Buffer.from(e.compressed)
      : method === 8
        ? deflateRawSync(e.data)
        : Buffer.from(e.data);
    const name = Buffer.from(e.name, "utf8");
    const crc = e.crc ?? crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
