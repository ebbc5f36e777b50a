import fsp, { type FileHandle } from 'node:fs/promises';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BundleError } from './format';

/**
 * The ZIP container of a bundle. Written here rather than with yazl because a bundle's cost is its
 * large stored attachments: yazl passes every chunk through six stream stages (and a data
 * descriptor), which made writing 1 GB take four to five `openssl` passes. Here each 1 MB chunk is
 * hashed, CRC'd and written while it is still in the CPU cache, with reads and writes queued ahead
 * on the thread pool — across files too: one file's data is still being written while the next is
 * read — and the header's CRC is patched in place once the data is written, so local
 * headers say exactly what the central directory says. What it writes is the subset the reader
 * accepts: stored or deflated entries, ASCII names, ZIP64 only where a size or offset needs it.
 */

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const FLAG_UTF8 = 0x0800;
/** Unix, spec 6.3: how yazl and Info-ZIP mark their entries, so extracted files get mode 0644. */
const VERSION_MADE_BY = (3 << 8) | 63;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;
const MAX32 = 0xffffffff;
/** An entry this large gets ZIP64 sizes: deflate may grow incompressible data by a fraction of a percent. */
const ZIP64_ENTRY_FROM = 0xf0000000;
const CHUNK = 1024 * 1024;
/** Chunks in flight: enough that the disk never waits for the hash nor the hash for the disk. */
const DEPTH = 4;
const PENDING_LIMIT = 1024 * 1024;

export interface WrittenEntry {
  sha256: string;
  size: number;
}

interface CentralEntry {
  name: Buffer;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  offset: number;
  zip64: boolean;
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function entryName(name: string): Buffer {
  if (!/^[\x20-\x7e]+$/.test(name)) throw new Error(`Tên tệp trong gói phải là ASCII: ${JSON.stringify(name)}`);
  return Buffer.from(name, 'ascii');
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private readonly stamp = dosDateTime(new Date());
  /** Small entries are gathered and written together: thousands of records cost a few writes, not thousands. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Writes issued and not awaited yet; a failed one stays here, for `close` to report. */
  private readonly inflight = new Set<Promise<void>>();
  /**
   * The copy's chunk buffers, kept from one file to the next: a bundle of two hundred scans
   * allocates them once, not two hundred times (fresh memory costs its page faults every time).
   */
  private ring: { buffer: Buffer; written: Promise<void> }[] | undefined;
  /** The ring's slot the next file's first chunk goes into. */
  private slot = 0;

  private constructor(private readonly out: FileHandle) {}

  static async create(file: string, mode: number): Promise<ZipWriter> {
    return new ZipWriter(await fsp.open(file, 'wx', mode));
  }

  private localHeader(e: CentralEntry): Buffer {
    const extra = e.zip64 ? 20 : 0;
    const b = Buffer.alloc(30 + e.name.length + extra);
    b.writeUInt32LE(SIG_LOCAL, 0);
    b.writeUInt16LE(e.zip64 ? 45 : 20, 4);
    b.writeUInt16LE(FLAG_UTF8, 6);
    b.writeUInt16LE(e.method, 8);
    b.writeUInt16LE(this.stamp.time, 10);
    b.writeUInt16LE(this.stamp.date, 12);
    b.writeUInt32LE(e.crc32, 14);
    b.writeUInt32LE(e.zip64 ? MAX32 : e.compressedSize, 18);
    b.writeUInt32LE(e.zip64 ? MAX32 : e.size, 22);
    b.writeUInt16LE(e.name.length, 26);
    b.writeUInt16LE(extra, 28);
    e.name.copy(b, 30);
    if (e.zip64) {
      const at = 30 + e.name.length;
      b.writeUInt16LE(0x0001, at);
      b.writeUInt16LE(16, at + 2);
      b.writeBigUInt64LE(BigInt(e.size), at + 4);
      b.writeBigUInt64LE(BigInt(e.compressedSize), at + 12);
    }
    return b;
  }

  private async write(bytes: Buffer, position: number): Promise<void> {
    let done = 0;
    while (done < bytes.length) done += (await this.out.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
  }

  /** An entry whose bytes are in memory (records, tag files, small attachments). */
  async addBuffer(name: string, data: Buffer, compress: boolean): Promise<void> {
    const body = compress ? zlib.deflateRawSync(data) : data;
    const e: CentralEntry = {
      name: entryName(name),
      method: compress ? 8 : 0,
      crc32: zlib.crc32(data),
      compressedSize: body.length,
      size: data.length,
      offset: this.offset,
      zip64: data.length >= ZIP64_ENTRY_FROM,
    };
    const header = this.localHeader(e);
    this.pending.push(header, body);
    this.pendingBytes += header.length + body.length;
    this.offset += header.length + body.length;
    this.entries.push(e);
    if (this.pendingBytes >= PENDING_LIMIT) await this.flush();
  }

  private track(write: Promise<void>): Promise<void> {
    this.inflight.add(write);
    write.then(
      () => this.inflight.delete(write),
      () => undefined,
    );
    return write;
  }

  private flush(): Promise<void> {
    if (!this.pending.length) return Promise.resolve();
    const bytes = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return this.track(this.write(bytes, this.offset - bytes.length));
  }

  /**
   * An entry read from a file on disk, never held whole in memory. Returns the SHA-256 and size of
   * exactly the bytes written, so the manifest cannot disagree with the bundle even if the file changes.
   * With `sha256`, the caller already knows the content's hash (a content-addressed store): it is
   * not computed a second time here, and the check of the finished bundle, which hashes every byte
   * against the signed catalogue, refuses the bundle if the file no longer has that content.
   */
  async addFile(name: string, source: string, compress: boolean, sha256?: string): Promise<WrittenEntry> {
    void this.flush();
    const input = await fsp.open(source, 'r');
    try {
      const size = (await input.stat()).size;
      const e: CentralEntry = {
        name: entryName(name),
        method: compress ? 8 : 0,
        crc32: 0,
        compressedSize: compress ? 0 : size,
        size,
        offset: this.offset,
        zip64: size >= ZIP64_ENTRY_FROM,
      };
      const headerLength = this.localHeader(e).length;
      const dataStart = this.offset + headerLength;
      const hash = sha256 ? undefined : crypto.createHash('sha256');
      if (compress) {
        const counted = await this.deflateFrom(input, size, dataStart, (chunk) => {
          hash?.update(chunk);
          e.crc32 = zlib.crc32(chunk, e.crc32);
        });
        e.compressedSize = counted;
      } else {
        e.crc32 = await this.copyFrom(input, size, dataStart, hash);
      }
      // The header goes in last, now that its CRC and sizes are known.
      void this.track(this.write(this.localHeader(e), e.offset));
      this.offset = dataStart + e.compressedSize;
      this.entries.push(e);
      return { sha256: sha256 ?? hash!.digest('hex'), size };
    } finally {
      await input.close();
    }
  }

  private static changed(): BundleError {
    return new BundleError('Một tệp đính kèm đã thay đổi trong lúc ghi gói; hãy ghi lại gói.');
  }

  /**
   * Stored data: a ring of chunks, each read, hashed, CRC'd and written back to back. A chunk's
   * buffer is read into again only once its previous write has finished, which may be the previous
   * file's: the ring turns on from file to file without waiting for the disk in between.
   */
  private async copyFrom(input: FileHandle, size: number, at: number, hash: crypto.Hash | undefined): Promise<number> {
    const ring = (this.ring ??= Array.from({ length: DEPTH }, () => ({ buffer: Buffer.allocUnsafe(CHUNK), written: Promise.resolve() })));
    const first = this.slot;
    const chunks = Math.ceil(size / CHUNK);
    const reads: Promise<{ bytesRead: number }>[] = [];
    const issue = (k: number): void => {
      const slot = ring[(first + k) % DEPTH]!;
      reads[k % DEPTH] = slot.written.then(() => input.read(slot.buffer, 0, Math.min(CHUNK, size - k * CHUNK), k * CHUNK));
    };
    for (let k = 0; k < Math.min(DEPTH, chunks); k++) issue(k);
    let crc = 0;
    try {
      for (let k = 0; k < chunks; k++) {
        const slot = ring[(first + k) % DEPTH]!;
        const length = Math.min(CHUNK, size - k * CHUNK);
        const { bytesRead } = await reads[k % DEPTH]!;
        if (bytesRead !== length) throw ZipWriter.changed();
        const chunk = slot.buffer.subarray(0, length);
        hash?.update(chunk);
        crc = zlib.crc32(chunk, crc);
        slot.written = this.track(this.write(chunk, at + k * CHUNK));
        if (k + DEPTH < chunks) issue(k + DEPTH);
      }
    } catch (error) {
      // Every queued read settles before the caller closes the file.
      await Promise.allSettled(reads);
      throw error;
    }
    this.slot = (first + chunks) % DEPTH;
    return crc;
  }

  /** Deflated data goes through zlib's stream; returns the compressed length. */
  private async deflateFrom(input: FileHandle, size: number, at: number, onChunk: (chunk: Buffer) => void): Promise<number> {
    let read = 0;
    let written = 0;
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        const position = at + written;
        written += chunk.length;
        this.write(chunk, position).then(() => done(), done);
      },
    });
    await pipeline(
      input.createReadStream({ start: 0, autoClose: false, highWaterMark: CHUNK }),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          read += chunk.length;
          onChunk(chunk);
          yield chunk;
        }
      },
      zlib.createDeflateRaw(),
      sink,
    );
    if (read !== size) throw ZipWriter.changed();
    return written;
  }

  /** The central directory and end records; closes the file. */
  async close(): Promise<void> {
    try {
      const cdStart = this.offset;
      const parts: Buffer[] = [];
      for (const e of this.entries) parts.push(this.centralHeader(e));
      const cdSize = parts.reduce((n, p) => n + p.length, 0);
      const count = this.entries.length;
      const wide = count >= 0xffff || cdStart >= MAX32 || cdSize >= MAX32;
      if (wide) {
        const record = Buffer.alloc(56);
        record.writeUInt32LE(SIG_ZIP64_END, 0);
        record.writeBigUInt64LE(44n, 4);
        record.writeUInt16LE(VERSION_MADE_BY, 12);
        record.writeUInt16LE(45, 14);
        record.writeBigUInt64LE(BigInt(count), 24);
        record.writeBigUInt64LE(BigInt(count), 32);
        record.writeBigUInt64LE(BigInt(cdSize), 40);
        record.writeBigUInt64LE(BigInt(cdStart), 48);
        const locator = Buffer.alloc(20);
        locator.writeUInt32LE(SIG_ZIP64_LOCATOR, 0);
        locator.writeBigUInt64LE(BigInt(cdStart + cdSize), 8);
        locator.writeUInt32LE(1, 16);
        parts.push(record, locator);
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(SIG_END, 0);
      end.writeUInt16LE(wide ? 0xffff : count, 8);
      end.writeUInt16LE(wide ? 0xffff : count, 10);
      end.writeUInt32LE(wide ? MAX32 : cdSize, 12);
      end.writeUInt32LE(wide ? MAX32 : cdStart, 16);
      parts.push(end);
      for (const p of parts) this.pending.push(p);
      this.offset += parts.reduce((n, p) => n + p.length, 0);
      void this.flush();
      await Promise.all(this.inflight);
    } finally {
      await this.out.close();
    }
  }

  /** Closes the file without finishing it, after a failure. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.inflight);
    await this.out.close().catch(() => undefined);
  }

  private centralHeader(e: CentralEntry): Buffer {
    const wideOffset = e.offset >= MAX32;
    const values = [...(e.zip64 ? [e.size, e.compressedSize] : []), ...(wideOffset ? [e.offset] : [])];
    const extra = values.length ? 4 + 8 * values.length : 0;
    const b = Buffer.alloc(46 + e.name.length + extra);
    b.writeUInt32LE(SIG_CENTRAL, 0);
    b.writeUInt16LE(VERSION_MADE_BY, 4);
    b.writeUInt16LE(e.zip64 || wideOffset ? 45 : 20, 6);
    b.writeUInt16LE(FLAG_UTF8, 8);
    b.writeUInt16LE(e.method, 10);
    b.writeUInt16LE(this.stamp.time, 12);
    b.writeUInt16LE(this.stamp.date, 14);
    b.writeUInt32LE(e.crc32, 16);
    b.writeUInt32LE(e.zip64 ? MAX32 : e.compressedSize, 20);
    b.writeUInt32LE(e.zip64 ? MAX32 : e.size, 24);
    b.writeUInt16LE(e.name.length, 28);
    b.writeUInt16LE(extra, 30);
    b.writeUInt32LE(REGULAR_FILE_0644, 38);
    b.writeUInt32LE(wideOffset ? MAX32 : e.offset, 42);
    e.name.copy(b, 46);
    if (extra) {
      const at = 46 + e.name.length;
      b.writeUInt16LE(0x0001, at);
      b.writeUInt16LE(extra - 4, at + 2);
      values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), at + 4 + 8 * i));
    }
    return b;
  }
}
