import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';

/** A ZIP entry as tests forge it: any name, optionally deflated, optionally a Unix symlink. */
export interface RawEntry {
  name: string;
  data: Buffer;
  compress?: boolean;
  symlink?: boolean;
  /** A raw deflate stream stored as the entry's body as is (a bomb made by hand); `data` then only gives the CRC. */
  deflated?: Buffer;
  /** Size to declare in the headers instead of the real one (a lying header). */
  declaredSize?: number;
  /** CRC-32 as recorded in the central directory (set by readZip); writeRawZip computes its own. */
  crc32?: number;
  /** CRC-32 to write in both headers instead of the real one. */
  writtenCrc32?: number;
  /** What the local header alone says, where it should disagree with the central directory. */
  local?: { name?: string; method?: number; flags?: number; crc32?: number; compressedSize?: number; uncompressedSize?: number };
  /** No local record of its own: the central directory points at this offset (sharing or overlapping another entry's bytes). */
  pointsAt?: number;
}

/** Forged bombs repeat one large buffer thousands of times: deflate and checksum it once. */
const deflated = new WeakMap<Buffer, Buffer>();
const crcs = new WeakMap<Buffer, number>();
const bodyOf = (e: RawEntry) => {
  if (e.deflated) return e.deflated;
  if (!e.compress) return e.data;
  if (!deflated.has(e.data)) deflated.set(e.data, zlib.deflateRawSync(e.data));
  return deflated.get(e.data)!;
};
const crcOf = (data: Buffer) => {
  if (!crcs.has(data)) crcs.set(data, zlib.crc32(data));
  return crcs.get(data)!;
};

/** The local header and data of one entry, as they sit in the file. */
export function localRecord(e: RawEntry): Buffer {
  const body = bodyOf(e);
  const name = Buffer.from(e.local?.name ?? e.name, 'latin1');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(e.local?.flags ?? 0, 6);
  local.writeUInt16LE(e.local?.method ?? (e.compress || e.deflated ? 8 : 0), 8);
  local.writeUInt32LE(e.local?.crc32 ?? e.writtenCrc32 ?? crcOf(e.data), 14);
  local.writeUInt32LE(e.local?.compressedSize ?? body.length, 18);
  local.writeUInt32LE(e.local?.uncompressedSize ?? e.declaredSize ?? e.data.length, 22);
  local.writeUInt16LE(name.length, 26);
  return Buffer.concat([local, name, body]);
}

/**
 * Writes a ZIP by hand, byte for byte, so tests can make what no well-behaved writer would:
 * "..", absolute paths, backslashes, duplicate names, links, zip bombs, local headers that
 * disagree with the central directory, entries that share bytes.
 */
export async function writeRawZip(file: string, entries: RawEntry[]): Promise<void> {
  await fs.writeFile(file, rawZip(entries));
}

export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'latin1');
    const body = bodyOf(e);
    const method = e.compress || e.deflated ? 8 : 0;
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(e.writtenCrc32 ?? crcOf(e.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.declaredSize ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(e.pointsAt ?? offset, 42);
    centrals.push(central, name);
    if (e.pointsAt !== undefined) continue;
    const record = localRecord(e);
    locals.push(record);
    offset += record.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Reads every entry of a (valid) ZIP into memory. */
export function readZip(file: string): Promise<RawEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out: RawEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: entry.fileName, data: Buffer.concat(chunks), compress: entry.compressionMethod === 8, crc32: entry.crc32 });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
