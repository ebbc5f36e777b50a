import fs from 'node:fs';
import fsp from 'node:fs/promises';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { keyIdOf, verifySignature } from '../units-keys/keys';
import { PRIVATE_FILE_MODE } from '../files/private';
import {
  bagInfoText,
  BAGIT_TXT,
  BundleError,
  bundleErrorFrom,
  bundleHeaderSchema,
  DATA_PATHS,
  LIMITS,
  manifestText,
  recordPath,
  signatureFileSchema,
  TAG_FILES,
  type BundleHeader,
} from './format';
import type { BundleKindRegistry } from './kinds';

/**
 * Reads a `.tdkt` bundle in the order DESIGN.md §4 sets: the ZIP structure and its limits from the
 * central directory (entries tile the file without gaps or overlaps, local headers agree with it),
 * then bundle.json and its signature, and only when the caller has judged trust, the payload — one
 * file, one record at a time. Nothing here ever holds more than the largest record in memory.
 */

/** What a bundle says about itself once its signature has been checked. */
export interface BundleHead {
  header: BundleHeader;
  /** SHA-256 of the exact bundle.json bytes that were signed. */
  headerSha256: string;
  signer: { keyId: string; publicKey: string };
}

export type VerifiedBundle = BundleHead & { recordCount: number };

export interface BundleRecord {
  record_id: string;
  version: number;
  type: string;
  content: unknown;
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Filled from the local header. */
  dataStart: number;
  /** First byte after the entry's data and data descriptor. */
  end: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const SIG_LOCAL = 0x04034b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const FLAG_DESCRIPTOR = 0x0008;
/** Bits a writer of plain deflate/stored entries may set: deflate level hints, data descriptor, UTF-8 names. */
const ALLOWED_FLAGS = 0x0002 | 0x0004 | FLAG_DESCRIPTOR | 0x0800;
const CHUNK = 2 * 1024 * 1024;
/** Deflated entries up to this size (every record, most documents) are read whole, without stream machinery. */
const SMALL = 4 * 1024 * 1024;
/**
 * Stored entries above this size stream through two read buffers reused from entry to entry: a
 * fresh buffer per scan or photo costs its page faults every time, more than hashing it.
 */
const SMALL_STORED = 256 * 1024;

type ReadBuffers = [Buffer, Buffer];
const readBuffers = (): ReadBuffers => [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];

const damaged = (name: string) => `Tệp "${name}" trong gói bị hỏng hoặc bị cắt cụt.`;

function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(gốc)'}: ${i.message.replace(/\.$/, '')}`)
    .join('; ');
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new BundleError('Tệp gói hồ sơ bị cắt cụt hoặc hỏng: thiếu dữ liệu ở cuối tệp.');
    done += n;
  }
  return buf;
}

/** The ZIP64 extended-information field: 8-byte values for exactly the fields saturated in the fixed header. */
function zip64Values(extra: Buffer, wanted: boolean[]): (number | undefined)[] {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (at + 4 + size > extra.length) break;
    if (id === 0x0001) {
      let p = at + 4;
      return wanted.map((w) => {
        if (!w) return undefined;
        if (p + 8 > at + 4 + size) throw new BundleError('Mục lục ZIP bị hỏng: trường ZIP64 thiếu giá trị.');
        const v = Number(extra.readBigUInt64LE(p));
        p += 8;
        return v;
      });
    }
    at += 4 + size;
  }
  if (wanted.some(Boolean)) throw new BundleError('Mục lục ZIP bị hỏng: thiếu trường ZIP64.');
  return wanted.map(() => undefined);
}

/** Checks one entry's name, kind and declared sizes, before any byte is inflated. */
function checkEntry(raw: Buffer, versionMadeBy: number, externalAttributes: number, e: ZipEntry): void {
  if (raw.some((b) => b > 0x7e || b < 0x20)) throw new BundleError('Gói chứa tên tệp có ký tự không hợp lệ.');
  const name = e.name;
  if (name.includes('\\')) throw new BundleError(`Tên tệp "${name}" chứa dấu gạch ngược "\\".`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw new BundleError(`Tên tệp "${name}" là đường dẫn tuyệt đối.`);
  if (name.split('/').includes('..')) throw new BundleError(`Tên tệp "${name}" chứa ".." (trỏ ra ngoài gói).`);
  const unixMode = (externalAttributes >>> 16) & S_IFMT;
  if (versionMadeBy >> 8 === 3 && unixMode === S_IFLNK) throw new BundleError(`Tệp "${name}" là một liên kết (symlink), không được phép.`);
  if (name.endsWith('/')) throw new BundleError(`Gói chứa thư mục "${name}" không thuộc định dạng.`);
  if (!(TAG_FILES as readonly string[]).includes(name) && !DATA_PATHS.some((re) => re.test(name))) {
    throw new BundleError(`Tệp "${name}" không thuộc định dạng gói hồ sơ.`);
  }
  if (e.flags & 0x41) throw new BundleError(`Tệp "${name}" bị mã hóa, không đọc được.`);
  if (e.flags & ~ALLOWED_FLAGS) throw new BundleError(`Tệp "${name}" dùng tùy chọn ZIP không được hỗ trợ.`);
  if (e.method !== 0 && e.method !== 8) throw new BundleError(`Tệp "${name}" dùng kiểu nén không được hỗ trợ.`);
  const limit = name.startsWith('data/records/') ? LIMITS.recordBytes : name.startsWith('data/') ? LIMITS.entryBytes : LIMITS.tagFileBytes;
  if (e.uncompressedSize > limit) throw new BundleError(`Tệp "${name}" quá lớn (${e.uncompressedSize} byte, tối đa ${limit}).`);
  if (e.method === 0 && e.compressedSize !== e.uncompressedSize) throw new BundleError(`${damaged(name)} Kích thước khai báo không khớp.`);
  // Deflate never grows data by more than a few bytes per 16 KB block.
  if (e.method === 8 && e.compressedSize > e.uncompressedSize + e.uncompressedSize / 256 + 1024) {
    throw new BundleError(`${damaged(name)} Kích thước nén lớn bất thường.`);
  }
  if (e.uncompressedSize > LIMITS.ratioCheckFrom && e.uncompressedSize > LIMITS.maxRatio * Math.max(e.compressedSize, 1)) {
    throw new BundleError(`Tệp "${name}" có tỉ lệ nén bất thường (nghi là "bom nén"), gói bị từ chối.`);
  }
}

/**
 * Finds the central directory from the end records. yauzl parses the same records but does not
 * say where the directory starts, which the tiling check needs; the central directory entries
 * themselves are then read by yauzl.
 */
function locateCentralDirectory(fd: number, fileSize: number): { offset: number; size: number; count: number } {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = readExactly(fd, tailLength, fileSize - tailLength);
  for (let at = tailLength - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== SIG_EOCD || at + 22 + tail.readUInt16LE(at + 20) !== tailLength) continue;
    const eocd = fileSize - tailLength + at;
    let count = tail.readUInt16LE(at + 10);
    let size = tail.readUInt32LE(at + 12);
    let offset = tail.readUInt32LE(at + 16);
    if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0 || tail.readUInt16LE(at + 8) !== count) {
      throw new BundleError('Tệp gói hồ sơ là ZIP nhiều phần, không đọc được.');
    }
    let cdEnd = eocd;
    if (eocd >= 20 && readExactly(fd, 4, eocd - 20).readUInt32LE(0) === SIG_ZIP64_LOCATOR) {
      const locator = readExactly(fd, 20, eocd - 20);
      const recordAt = Number(locator.readBigUInt64LE(8));
      if (recordAt + 56 !== eocd - 20) throw new BundleError('Mục lục ZIP64 bị hỏng.');
      const record = readExactly(fd, 56, recordAt);
      if (record.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw new BundleError('Mục lục ZIP64 bị hỏng.');
      count = Number(record.readBigUInt64LE(32));
      size = Number(record.readBigUInt64LE(40));
      offset = Number(record.readBigUInt64LE(48));
      cdEnd = recordAt;
    }
    // The directory ends exactly where the end records begin: nothing hides between them.
    if (offset + size !== cdEnd) throw new BundleError('Mục lục ZIP bị hỏng: vị trí mục lục không khớp.');
    return { offset, size, count };
  }
  throw new BundleError('Tệp gói hồ sơ bị cắt cụt hoặc hỏng: không đọc được mục lục ZIP.');
}

/**
 * Serves yauzl's reads of the end records and the central directory from one read of the file's
 * tail: thousands of entries are listed without thousands of small reads from disk.
 */
class TailReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly tail: Buffer,
    private readonly tailStart: number,
  ) {
    super();
  }

  private slice(start: number, end: number): Buffer {
    if (start < this.tailStart || end > this.tailStart + this.tail.length) throw new BundleError('Mục lục ZIP bị hỏng: trỏ ra ngoài vùng mục lục.');
    return this.tail.subarray(start - this.tailStart, end - this.tailStart);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from([this.slice(start, end)], { objectMode: false });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null) => void): void {
    let error: Error | null = null;
    try {
      this.slice(position, position + length).copy(buffer, offset);
    } catch (e) {
      error = e as Error;
    }
    // Never synchronously: yauzl asks for the next entry from inside the callback.
    process.nextTick(callback, error);
  }
}

function openZip(fd: number, fileSize: number, cdOffset: number): Promise<yauzl.ZipFile> {
  // yauzl looks for the end records in the last 20 + 22 + 65,535 bytes (ZIP64 locator, end record, comment).
  const tailStart = Math.min(cdOffset, fileSize - Math.min(fileSize, 20 + 22 + 0xffff));
  const reader = new TailReader(readExactly(fd, fileSize - tailStart, tailStart), tailStart);
  return new Promise((resolve, reject) =>
    yauzl.fromRandomAccessReader(reader, fileSize, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

/** The central directory as yauzl reads it; every entry is checked before the next is read. */
function listEntries(zip: yauzl.ZipFile, cd: { size: number; count: number }): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = [];
    const names = new Set<string>();
    let cdBytes = 0;
    zip.on('error', (e: unknown) => reject(bundleErrorFrom('Mục lục ZIP của gói bị hỏng.', e)));
    zip.on('end', () => {
      // yauzl found the same directory as the end records describe, and nothing else is in it.
      if (entries.length !== cd.count || cdBytes !== cd.size) reject(new BundleError('Mục lục ZIP của gói bị hỏng: số mục không khớp.'));
      else resolve(entries);
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        const raw = entry.fileName as unknown as Buffer;
        const e: ZipEntry = {
          name: raw.toString('latin1'),
          method: entry.compressionMethod,
          flags: entry.generalPurposeBitFlag,
          crc32: entry.crc32,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          localOffset: entry.relativeOffsetOfLocalHeader,
          dataStart: 0,
          end: 0,
        };
        cdBytes += 46 + entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength;
        checkEntry(raw, entry.versionMadeBy, entry.externalFileAttributes, e);
        if (names.has(e.name)) throw new BundleError(`Tên tệp "${e.name}" xuất hiện hai lần trong gói.`);
        names.add(e.name);
        entries.push(e);
        if (entries.length > LIMITS.entries) throw new BundleError(`Gói chứa quá nhiều tệp (tối đa ${LIMITS.entries}).`);
        zip.readEntry();
      } catch (error) {
        reject(error);
      }
    });
    zip.readEntry();
  });
}

/**
 * Reads each entry's local header and checks it says what the central directory says (a ZIP tool
 * that walks local headers must see the same files), then that the entries tile the file from its
 * first byte to the central directory: no entry shares bytes with another, none lies outside.
 */
function checkLocalHeaders(fd: number, entries: ZipEntry[], cdOffset: number): void {
  for (const e of entries) {
    const fixed = readExactly(fd, 30, e.localOffset);
    if (fixed.readUInt32LE(0) !== SIG_LOCAL) throw new BundleError(`${damaged(e.name)} Không tìm thấy phần đầu của tệp.`);
    const nameLength = fixed.readUInt16LE(26);
    const extraLength = fixed.readUInt16LE(28);
    const rest = readExactly(fd, nameLength + extraLength, e.localOffset + 30);
    const mismatch = (what: string) => new BundleError(`Phần đầu của tệp "${e.name}" không khớp với mục lục ZIP (${what}); gói có thể đã bị sửa đổi.`);
    if (rest.subarray(0, nameLength).toString('latin1') !== e.name) throw mismatch('tên tệp');
    if (fixed.readUInt16LE(6) !== e.flags) throw mismatch('cờ');
    if (fixed.readUInt16LE(8) !== e.method) throw mismatch('kiểu nén');
    let crc = fixed.readUInt32LE(14);
    let compressed = fixed.readUInt32LE(18);
    let uncompressed = fixed.readUInt32LE(22);
    const [u64, c64] = zip64Values(rest.subarray(nameLength), [uncompressed === 0xffffffff, compressed === 0xffffffff]);
    uncompressed = u64 ?? uncompressed;
    compressed = c64 ?? compressed;
    e.dataStart = e.localOffset + 30 + nameLength + extraLength;
    e.end = e.dataStart + e.compressedSize;
    if (e.flags & FLAG_DESCRIPTOR) {
      // Sizes and CRC follow the data; the local header holds zeros (or the same values).
      if ((crc || compressed || uncompressed) && (crc !== e.crc32 || compressed !== e.compressedSize || uncompressed !== e.uncompressedSize)) {
        throw mismatch('kích thước hoặc CRC-32');
      }
      const wide = e.compressedSize >= 0xffffffff || e.uncompressedSize >= 0xffffffff;
      const descriptor = readExactly(fd, Math.max(0, Math.min(wide ? 24 : 16, cdOffset - e.end)), e.end);
      const p = descriptor.length >= 4 && descriptor.readUInt32LE(0) === SIG_DESCRIPTOR ? 4 : 0;
      const need = p + (wide ? 20 : 12);
      if (descriptor.length < need) throw mismatch('phần mô tả sau dữ liệu');
      crc = descriptor.readUInt32LE(p);
      compressed = wide ? Number(descriptor.readBigUInt64LE(p + 4)) : descriptor.readUInt32LE(p + 4);
      uncompressed = wide ? Number(descriptor.readBigUInt64LE(p + 12)) : descriptor.readUInt32LE(p + 8);
      e.end += need;
    }
    if (crc !== e.crc32 || compressed !== e.compressedSize || uncompressed !== e.uncompressedSize) throw mismatch('kích thước hoặc CRC-32');
  }
  let cursor = 0;
  for (const e of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (e.localOffset !== cursor || e.end > cdOffset) {
      throw new BundleError(
        e.localOffset < cursor || e.end > cdOffset
          ? `Các tệp trong gói chồng lên nhau hoặc nằm ngoài phạm vi tệp (tại "${e.name}"); gói bị từ chối.`
          : `Gói có dữ liệu lạ xen giữa các tệp (trước "${e.name}"); gói bị từ chối.`,
      );
    }
    cursor = e.end;
  }
  if (cursor !== cdOffset) throw new BundleError('Gói có dữ liệu lạ trước mục lục ZIP; gói bị từ chối.');
}

/** Total inflated bytes are bounded by the declared sizes, and those by the bytes actually present. */
function checkTotals(entries: ZipEntry[]): void {
  let total = 0;
  let inflated = 0;
  let deflated = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (e.method === 8) {
      inflated += e.uncompressedSize;
      deflated += e.compressedSize;
    }
  }
  if (total > LIMITS.totalBytes) throw new BundleError('Tổng dung lượng các tệp trong gói vượt giới hạn.');
  if (inflated > LIMITS.ratioCheckFrom && inflated > LIMITS.maxRatio * deflated) {
    throw new BundleError('Các tệp trong gói có tỉ lệ nén bất thường (nghi là "bom nén"), gói bị từ chối.');
  }
}

const overflowOf = (e: ZipEntry) => new BundleError(`Tệp "${e.name}" giải nén ra nhiều hơn kích thước khai báo.`);

/** Reads a small entry whole (tag files, records), inflating at most its declared size; the caller checks its hash and CRC-32. */
function readSmall(fd: number, e: ZipEntry): Buffer {
  const stored = readExactly(fd, e.compressedSize, e.dataStart);
  let bytes = stored;
  if (e.method === 8 && e.compressedSize > 0) {
    try {
      bytes = zlib.inflateRawSync(stored, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw overflowOf(e);
      throw bundleErrorFrom(damaged(e.name), error);
    }
  }
  if (bytes.length !== e.uncompressedSize) throw new BundleError(`${damaged(e.name)} Kích thước sau giải nén không khớp.`);
  return bytes;
}

function checkCrc(e: ZipEntry, crc32: number): void {
  if (crc32 !== e.crc32) throw new BundleError(`${damaged(e.name)} Mã kiểm tra CRC-32 không khớp.`);
}

/** A data file's content against the signed catalogue first (tampering), then against its CRC-32 (damage). */
function checkContent(e: ZipEntry, sha256: string, expected: string, crc32: number): void {
  if (sha256 !== expected) throw new BundleError(`Nội dung tệp "${e.name}" không khớp mã băm SHA-256 đã ký (tệp đã bị sửa đổi).`, e.name);
  checkCrc(e, crc32);
}

/** Reads a stored entry in large chunks, the next read under way while this one is hashed. */
async function* storedChunks(handle: fsp.FileHandle, e: ZipEntry, buffers: ReadBuffers): AsyncGenerator<Buffer> {
  let position = e.dataStart;
  const stop = e.dataStart + e.compressedSize;
  const next = (i: number) => (position < stop ? handle.read(buffers[i]!, 0, Math.min(CHUNK, stop - position), position) : null);
  let i = 0;
  let pending = next(i);
  while (pending) {
    const { bytesRead } = await pending;
    if (bytesRead === 0) throw new BundleError(damaged(e.name));
    position += bytesRead;
    const chunk = buffers[i]!.subarray(0, bytesRead);
    i ^= 1;
    pending = next(i);
    yield chunk;
  }
}

/** Fresh buffers for the inflater, which may hold on to a chunk after it is written. */
async function* compressedChunks(handle: fsp.FileHandle, e: ZipEntry): AsyncGenerator<Buffer> {
  const stop = e.dataStart + e.compressedSize;
  for (let position = e.dataStart; position < stop; ) {
    const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(Math.min(CHUNK, stop - position)), 0, Math.min(CHUNK, stop - position), position);
    if (bytesRead === 0) throw new BundleError(damaged(e.name));
    position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

/** Writes a whole chunk: a file handle's write may take only part of it. */
async function writeAll(out: fsp.FileHandle, chunk: Buffer): Promise<void> {
  for (let done = 0; done < chunk.length; ) done += (await out.write(chunk, done, chunk.length - done)).bytesWritten;
}

/**
 * SHA-256 and CRC-32 of one entry's content in one pass, never inflating past its declared size;
 * with `out`, the content is also written there as it is read.
 */
async function hashEntry(handle: fsp.FileHandle, e: ZipEntry, buffers: ReadBuffers, out?: fsp.FileHandle): Promise<{ sha256: string; crc32: number; size: number }> {
  const hash = crypto.createHash('sha256');
  let crc = 0;
  let size = 0;
  // The pipeline reports the abort it caused, not why: the reason is kept here.
  let overflow: BundleError | undefined;
  const take = (chunk: Buffer) => {
    size += chunk.length;
    if (size > e.uncompressedSize) throw (overflow = overflowOf(e));
    hash.update(chunk);
    crc = zlib.crc32(chunk, crc);
  };
  try {
    // A stored chunk's buffer is refilled once the next one is asked for: it is written before that.
    if (e.method === 0 || e.compressedSize === 0) {
      for await (const chunk of storedChunks(handle, e, buffers)) {
        take(chunk);
        if (out) await writeAll(out, chunk);
      }
    } else {
      await pipeline(Readable.from(compressedChunks(handle, e)), zlib.createInflateRaw({ chunkSize: 256 * 1024 }), async (inflated: AsyncIterable<Buffer>) => {
        for await (const chunk of inflated) {
          take(chunk);
          if (out) await writeAll(out, chunk);
        }
      });
    }
  } catch (error) {
    throw overflow ?? bundleErrorFrom(damaged(e.name), error);
  }
  if (size !== e.uncompressedSize) throw new BundleError(`${damaged(e.name)} Kích thước sau giải nén không khớp.`);
  return { sha256: hash.digest('hex'), crc32: crc, size };
}

function parseJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BundleError(`Tệp "${name}" không phải JSON hợp lệ.`);
  }
}

async function explainOpenFailure(fd: number, size: number, cause: unknown): Promise<BundleError> {
  if (size < 4 || readExactly(fd, 4, 0).readUInt32LE(0) !== SIG_LOCAL) return new BundleError('Tệp không phải gói hồ sơ .tdkt (không phải tệp ZIP).');
  return bundleErrorFrom('Tệp gói hồ sơ bị cắt cụt hoặc hỏng: không đọc được mục lục ZIP.', cause);
}

/** A bundle whose structure, bundle.json and signature have been checked; its payload is read on demand. */
export interface OpenBundle extends BundleHead {
  /** Streams every data file through SHA-256 and CRC-32 and compares them with the signed catalogue; parses nothing. */
  verifyPayload(): Promise<void>;
  /**
   * Reads, checks and validates the records one at a time. Synchronous, so it can run inside the
   * import transaction; a record that fails throws a BundleError and the transaction rolls back.
   */
  records(): Generator<BundleRecord>;
  /**
   * Copies one data file, as signed, to `dest`, streamed and checked against the signed catalogue on
   * the way: a bundle carried inside this one is read without loading it whole. A file that does not
   * match leaves nothing at `dest`.
   */
  extractFile(path: string, dest: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a bundle and checks everything that decides trust — structure, limits, tag files,
 * bundle.json and its signatures — without reading the payload. Throws a BundleError saying why.
 */
export async function openBundle(file: string, kinds: BundleKindRegistry): Promise<OpenBundle> {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (error) {
    throw bundleErrorFrom('Không mở được tệp.', error);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new BundleError('Đường dẫn không phải là một tệp.');
    if (stat.size > LIMITS.bundleBytes) throw new BundleError('Tệp gói hồ sơ quá lớn.');
    const opened = await readHead(handle, stat.size, kinds);
    return opened;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readHead(handle: fsp.FileHandle, fileSize: number, kinds: BundleKindRegistry): Promise<OpenBundle> {
  const fd = handle.fd;
  let cd: ReturnType<typeof locateCentralDirectory>;
  let zip: yauzl.ZipFile;
  try {
    cd = locateCentralDirectory(fd, fileSize);
    if (cd.count > LIMITS.entries) throw new BundleError(`Gói chứa quá nhiều tệp (tối đa ${LIMITS.entries}).`);
    if (cd.size > LIMITS.centralDirectoryBytes) throw new BundleError('Mục lục ZIP của gói quá lớn.');
    zip = await openZip(fd, fileSize, cd.offset);
  } catch (error) {
    throw await explainOpenFailure(fd, fileSize, error);
  }
  let list: ZipEntry[];
  try {
    list = await listEntries(zip, cd);
  } finally {
    zip.close();
  }
  checkTotals(list);
  checkLocalHeaders(fd, list, cd.offset);
  const entries = new Map(list.map((e) => [e.name, e]));
  for (const name of TAG_FILES) if (!entries.has(name)) throw new BundleError(`Gói thiếu tệp "${name}".`);
  const readTag = (name: string) => {
    const e = entries.get(name)!;
    const bytes = readSmall(fd, e);
    checkCrc(e, zlib.crc32(bytes));
    return bytes;
  };

  const headerBytes = readTag('bundle.json');
  const parsedHeader = bundleHeaderSchema.safeParse(parseJson(headerBytes, 'bundle.json'));
  if (!parsedHeader.success) throw new BundleError(`Tệp "bundle.json" sai cấu trúc: ${describeZodError(parsedHeader.error)}.`);
  const header = parsedHeader.data;
  const kind = kinds.kind(header.kind);
  if (!kind) throw new BundleError(`Gói thuộc loại "${header.kind}" mà phiên bản phần mềm này chưa đọc được; hãy cập nhật phần mềm.`);

  const parsedSig = signatureFileSchema.safeParse(parseJson(readTag('bundle.sig.json'), 'bundle.sig.json'));
  if (!parsedSig.success) throw new BundleError(`Tệp "bundle.sig.json" sai cấu trúc: ${describeZodError(parsedSig.error)}.`);
  const senderSig = parsedSig.data.signatures[0]!;
  const publicKey = Buffer.from(senderSig.public_key, 'base64');
  if (senderSig.key_id !== header.sender.key_id || keyIdOf(publicKey) !== header.sender.key_id) {
    throw new BundleError('Chữ ký không phải của khóa mà gói ghi là khóa của đơn vị gửi.');
  }
  for (const s of parsedSig.data.signatures) {
    const key = Buffer.from(s.public_key, 'base64');
    if (keyIdOf(key) !== s.key_id || !verifySignature(headerBytes, Buffer.from(s.signature, 'base64'), key)) {
      throw new BundleError('Chữ ký số không hợp lệ: nội dung "bundle.json" đã bị thay đổi sau khi ký.');
    }
  }

  // Every data file is listed once in bundle.json, and bundle.json lists nothing that is absent.
  const listed = new Map(header.files.map((f) => [f.path, f]));
  if (listed.size !== header.files.length) throw new BundleError('Tệp "bundle.json" liệt kê một tệp hai lần.');
  for (const name of entries.keys()) {
    if (name.startsWith('data/') && !listed.has(name)) throw new BundleError(`Gói có tệp thừa không có trong danh mục: "${name}".`);
  }
  for (const f of header.files) {
    const e = entries.get(f.path);
    if (!e) throw new BundleError(`Gói thiếu tệp "${f.path}".`);
    if (e.uncompressedSize !== f.size) throw new BundleError(`Nội dung tệp "${f.path}" không khớp mã băm SHA-256 đã ký (tệp đã bị sửa đổi).`);
  }
  const recordIds = new Set<string>();
  for (const r of header.records) {
    const f = listed.get(recordPath(r.record_id, r.version));
    if (!f || f.sha256 !== r.content_sha256 || recordIds.has(r.record_id)) throw new BundleError(`Bản ghi ${r.record_id} không khớp với danh mục tệp.`);
    recordIds.add(r.record_id);
    if (!kinds.carries(kind, r.type)) throw new BundleError(`Loại bản ghi "${r.type}" không có trong gói ${kind.label}.`);
  }

  if (readTag('bagit.txt').toString('utf8') !== BAGIT_TXT) throw new BundleError('Tệp "bagit.txt" không đúng định dạng BagIt 1.0.');
  if (readTag('manifest-sha256.txt').toString('utf8') !== manifestText(header.files)) {
    throw new BundleError('Tệp "manifest-sha256.txt" không khớp với danh mục đã ký.');
  }
  // Compared ignoring case: the parsed header's codes are upper-cased, while an older installation
  // wrote bag-info.txt with its code as typed ("stp-hg"); bundle.json itself is what is signed.
  if (readTag('bag-info.txt').toString('utf8').toUpperCase() !== bagInfoText(header).toUpperCase()) {
    throw new BundleError('Tệp "bag-info.txt" không khớp với danh mục đã ký.');
  }

  return {
    header,
    headerSha256: crypto.createHash('sha256').update(headerBytes).digest('hex'),
    signer: { keyId: senderSig.key_id, publicKey: senderSig.public_key },
    async verifyPayload() {
      // In file order, so a large bundle is read front to back.
      const files = [...header.files].sort((a, b) => entries.get(a.path)!.localOffset - entries.get(b.path)!.localOffset);
      let sinceYield = 0;
      let buffers: ReadBuffers | undefined;
      for (const f of files) {
        const e = entries.get(f.path)!;
        let got: { sha256: string; crc32: number; size: number };
        if (e.method === 0 ? e.compressedSize <= SMALL_STORED : e.uncompressedSize <= SMALL && e.compressedSize <= SMALL) {
          const bytes = readSmall(fd, e);
          got = { sha256: crypto.createHash('sha256').update(bytes).digest('hex'), crc32: zlib.crc32(bytes), size: bytes.length };
          sinceYield += bytes.length;
          // Thousands of small files: let the event loop breathe every few megabytes.
          if (sinceYield > 16 * SMALL) {
            sinceYield = 0;
            await new Promise((resolve) => setImmediate(resolve));
          }
        } else {
          got = await hashEntry(handle, e, (buffers ??= readBuffers()));
        }
        checkContent(e, got.size === f.size ? got.sha256 : '', f.sha256, got.crc32);
      }
    },
    *records() {
      for (const r of header.records) {
        const path = recordPath(r.record_id, r.version);
        const e = entries.get(path)!;
        const bytes = readSmall(fd, e);
        checkContent(e, crypto.createHash('sha256').update(bytes).digest('hex'), r.content_sha256, zlib.crc32(bytes));
        const parsed = kinds.carries(kind, r.type)!.safeParse(parseJson(bytes, path));
        if (!parsed.success) throw new BundleError(`Bản ghi "${path}" sai cấu trúc: ${describeZodError(parsed.error)}.`);
        const content = parsed.data as { record_id?: unknown; version?: unknown; type?: unknown };
        if (content.record_id !== r.record_id || content.version !== r.version || content.type !== r.type) {
          throw new BundleError(`Bản ghi "${path}" không khớp với danh mục đã ký.`);
        }
        yield { record_id: r.record_id, version: r.version, type: r.type, content: parsed.data };
      }
    },
    async extractFile(path, dest) {
      const f = listed.get(path);
      if (!f) throw new BundleError(`Gói thiếu tệp "${path}".`);
      const e = entries.get(path)!;
      const out = await fsp.open(dest, 'wx', PRIVATE_FILE_MODE);
      try {
        try {
          const got = await hashEntry(handle, e, readBuffers(), out);
          checkContent(e, got.size === f.size ? got.sha256 : '', f.sha256, got.crc32);
          await out.sync();
        } finally {
          await out.close();
        }
      } catch (error) {
        await fsp.rm(dest, { force: true });
        throw error;
      }
    },
    close: () => handle.close(),
  };
}

/**
 * Checks a bundle completely — structure, limits, signature, every hash and CRC, every record
 * against its schema — without touching any database, in bounded memory. Throws a BundleError
 * whose message says why it is refused.
 */
export async function verifyBundleFile(file: string, kinds: BundleKindRegistry): Promise<VerifiedBundle> {
  const bundle = await openBundle(file, kinds);
  try {
    await bundle.verifyPayload();
    let recordCount = 0;
    for (const records = bundle.records(); !records.next().done; ) recordCount++;
    return { header: bundle.header, headerSha256: bundle.headerSha256, signer: bundle.signer, recordCount };
  } finally {
    await bundle.close();
  }
}
