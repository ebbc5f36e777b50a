import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { schema, type DbOrTx } from '../../../db/client';
import type { ImportResult } from '../../ipc/contract';
import type { Workspace } from '../workspace/workspace';
import { UserError } from '../errors';
import { copyFileAtomic, tempPathFor } from '../files/atomic';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../files/private';
import { formatDateVi } from '../text/vietnamese';
import { nowIso } from '../workspace/clock';
import { BUNDLE_EXTENSION, LIMITS } from './format';
import { openBundle } from './reader';
import type { BundleKindRegistry } from './kinds';

/**
 * A bundle too large for email travels as numbered parts (DESIGN.md §4). A part is a byte range of
 * the signed bundle behind a small header: it says which whole it belongs to (by the whole's sha256,
 * size and id) and which range it carries, with that range's own sha256. A part alone is never
 * trusted nor imported: the parts are held until all are there, joined in order, the whole checked
 * against its sha256, and only then read like any bundle (signature, trust, limits).
 *
 * File layout: "TDKTPART", the header's length (uint32, big-endian), the header (UTF-8 JSON, padded
 * with spaces), then the bytes of the range.
 */

export const PART_EXTENSION = '.tdkt-part';
const MAGIC = Buffer.from('TDKTPART', 'ascii');
const PREFIX_BYTES = MAGIC.length + 4;
/** The writer reserves this much for the header, filled in once the range's hash is known. */
const HEADER_RESERVED = 1024;
const HEADER_MAX = 4096;
const MiB = 1024 * 1024;

export const PART_LIMITS = {
  maxParts: 999,
  /** The smallest range a part may carry: a part is for mail, not a byte-by-byte trickle. */
  minPartSize: 1024,
  /** The size a person may set for mail (MB). */
  minLimitMb: 1,
  maxLimitMb: 2000,
  defaultLimitMb: 20,
};

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const WHOLE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.tdkt$/;

const partHeaderSchema = z
  .object({
    format: z.literal('thidua-tuphap-bundle-part'),
    format_version: z.literal(1),
    bundle: z
      .object({
        name: z.string().regex(WHOLE_NAME),
        bundle_id: z.string().uuid(),
        sha256: sha256Hex,
        size: z.number().int().min(1).max(LIMITS.bundleBytes),
      })
      .strict(),
    part: z
      .object({
        index: z.number().int().min(1),
        count: z.number().int().min(2).max(PART_LIMITS.maxParts),
        part_size: z.number().int().min(PART_LIMITS.minPartSize).max(LIMITS.bundleBytes),
        offset: z.number().int().min(0),
        length: z.number().int().min(1),
        sha256: sha256Hex,
      })
      .strict(),
  })
  .strict();
export type PartHeader = z.infer<typeof partHeaderSchema>;

/** The one way a whole is cut: equal ranges of `part_size`, the last one shorter. Every field must agree with it. */
function rangeProblem(h: PartHeader): string | null {
  const { size } = h.bundle;
  const p = h.part;
  const count = Math.ceil(size / p.part_size);
  if (p.count !== count) return `số phần ghi là ${p.count} nhưng gói dài ${size} byte chia thành phần ${p.part_size} byte phải là ${count} phần`;
  if (p.index > p.count) return `số thứ tự phần ${p.index} vượt quá tổng số ${p.count} phần`;
  const offset = (p.index - 1) * p.part_size;
  const length = Math.min(p.part_size, size - offset);
  if (p.offset !== offset || p.length !== length) return `đoạn dữ liệu ghi trong phần (từ byte ${p.offset}, dài ${p.length}) không khớp với vị trí phần ${p.index}/${p.count}`;
  return null;
}

export const partLabel = (h: PartHeader) => `phần ${h.part.index}/${h.part.count}`;

/** "dang-ky-so1.part-03-of-07.tdkt-part": the number padded so the parts sort in order in any folder. */
function partFileName(wholeName: string, index: number, count: number): string {
  const width = Math.max(2, String(count).length);
  const pad = (n: number) => String(n).padStart(width, '0');
  return `${wholeName.slice(0, -BUNDLE_EXTENSION.length)}.part-${pad(index)}-of-${pad(count)}${PART_EXTENSION}`;
}

export const isPartFile = (name: string) => name.toLowerCase().endsWith(PART_EXTENSION);

/** A bundle's file name as a part may carry it: what the format allows, whatever the file was renamed to. */
function wholeNameOf(file: string): string {
  const stem = path.basename(file).replace(/\.tdkt$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 150);
  return `${stem || 'goi-ho-so'}${BUNDLE_EXTENSION}`;
}

/** The parts a whole of `size` bytes needs to fit `maxBytes` per file (header included). */
export function partsNeeded(size: number, maxBytes: number): number {
  const partSize = maxBytes - PREFIX_BYTES - HEADER_RESERVED;
  return partSize < PART_LIMITS.minPartSize ? Infinity : Math.ceil(size / partSize);
}

const sizeMb = (bytes: number) => `${(bytes / MiB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/**
 * Writes `file` (a bundle already written and verified) as parts of at most `maxBytes` each into
 * `folder`, in one streaming pass: each range is hashed as it is copied, the whole too, and the
 * headers filled in at the end; every part is synced before any is renamed into place.
 */
export async function splitBundle(file: string, maxBytes: number, folder: string, kinds: BundleKindRegistry): Promise<string[]> {
  // Only a bundle is cut, and its id is read from its signed head: parts name the whole they belong to.
  const head = await openBundle(file, kinds);
  const bundleId = head.header.bundle_id;
  await head.close();
  const size = (await fsp.stat(file)).size;
  const partSize = maxBytes - PREFIX_BYTES - HEADER_RESERVED;
  if (partSize < PART_LIMITS.minPartSize) throw new UserError(`Giới hạn mỗi phần quá nhỏ (${maxBytes} byte).`);
  const count = Math.ceil(size / partSize);
  if (count < 2) throw new UserError(`Gói dài ${sizeMb(size)}, không vượt giới hạn ${sizeMb(maxBytes)}; không cần chia thành các phần.`);
  if (count > PART_LIMITS.maxParts) throw new UserError(`Gói dài ${sizeMb(size)} phải chia thành ${count} phần, quá ${PART_LIMITS.maxParts} phần; hãy đặt giới hạn lớn hơn.`);
  await fsp.mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  const name = wholeNameOf(file);
  const whole = crypto.createHash('sha256');
  const written: { dest: string; temp: string; fd: fsp.FileHandle; sha256: string; offset: number; length: number }[] = [];
  try {
    const source = await fsp.open(file, 'r');
    try {
      const buffer = Buffer.allocUnsafe(Math.min(partSize, 4 * MiB));
      for (let index = 1; index <= count; index++) {
        const dest = path.join(folder, partFileName(name, index, count));
        const temp = tempPathFor(dest);
        const fd = await fsp.open(temp, 'wx', PRIVATE_FILE_MODE);
        const offset = (index - 1) * partSize;
        const length = Math.min(partSize, size - offset);
        const entry = { dest, temp, fd, sha256: '', offset, length };
        written.push(entry);
        const hash = crypto.createHash('sha256');
        let at = PREFIX_BYTES + HEADER_RESERVED;
        for (let done = 0; done < length; ) {
          const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, length - done), offset + done);
          if (!bytesRead) throw new Error('Tệp gói ngắn đi trong lúc chia.');
          const chunk = buffer.subarray(0, bytesRead);
          hash.update(chunk);
          whole.update(chunk);
          await fd.write(chunk, 0, bytesRead, at);
          at += bytesRead;
          done += bytesRead;
        }
        entry.sha256 = hash.digest('hex');
      }
    } finally {
      await source.close();
    }
    const wholeSha = whole.digest('hex');
    for (const [i, w] of written.entries()) {
      const header: PartHeader = {
        format: 'thidua-tuphap-bundle-part',
        format_version: 1,
        bundle: { name, bundle_id: bundleId, sha256: wholeSha, size },
        part: { index: i + 1, count, part_size: partSize, offset: w.offset, length: w.length, sha256: w.sha256 },
      };
      const json = Buffer.from(JSON.stringify(header), 'utf8');
      if (json.length > HEADER_RESERVED) throw new Error('Phần đầu của phần gói quá dài.');
      const head = Buffer.alloc(PREFIX_BYTES + HEADER_RESERVED, 0x20);
      MAGIC.copy(head, 0);
      head.writeUInt32BE(HEADER_RESERVED, MAGIC.length);
      json.copy(head, PREFIX_BYTES);
      await w.fd.write(head, 0, head.length, 0);
      await w.fd.sync();
    }
    for (const w of written) await w.fd.close();
    for (const w of written) await fsp.rename(w.temp, w.dest);
    return written.map((w) => w.dest);
  } catch (error) {
    for (const w of written) {
      await w.fd.close().catch(() => {});
      await fsp.rm(w.temp, { force: true });
    }
    throw error;
  }
}

/** Parts of a bundle for the mail, at this installation's limit: copies made in staging (gone with the workspace); the signed original stays in the outbox. */
export function splitForMail(ws: Workspace, file: string): Promise<string[]> {
  return splitBundle(file, partLimitBytes(ws.db), path.join(ws.dir.staging, `parts-out-${crypto.randomBytes(6).toString('hex')}`), ws.kinds);
}

/** A part refused, worded for the person importing it. */
export class PartError extends Error {
  override name = 'PartError';
}

/** Reads and checks a part's header and length, from its open file; the range itself is checked by its hash later. */
async function readPartHeader(fd: fsp.FileHandle, fileSize: number): Promise<{ header: PartHeader; dataStart: number }> {
  const prefix = Buffer.alloc(PREFIX_BYTES);
  const { bytesRead } = await fd.read(prefix, 0, PREFIX_BYTES, 0);
  if (bytesRead < PREFIX_BYTES || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw new PartError('tệp không phải là một phần gói hồ sơ (.tdkt-part) hoặc đã hỏng phần đầu');
  const headerBytes = prefix.readUInt32BE(MAGIC.length);
  if (headerBytes < 2 || headerBytes > HEADER_MAX) throw new PartError(`phần đầu dài ${headerBytes} byte, ngoài giới hạn cho phép (tối đa ${HEADER_MAX} byte)`);
  const raw = Buffer.alloc(headerBytes);
  const got = await fd.read(raw, 0, headerBytes, PREFIX_BYTES);
  if (got.bytesRead < headerBytes) throw new PartError('tệp bị cắt cụt ngay ở phần đầu');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new PartError('phần đầu không đọc được (không phải JSON hợp lệ)');
  }
  const result = partHeaderSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new PartError(`phần đầu sai định dạng (trường "${issue.path.join('.')}" không hợp lệ)`);
  }
  const header = result.data;
  const problem = rangeProblem(header);
  if (problem) throw new PartError(`phần đầu không nhất quán: ${problem}`);
  const dataStart = PREFIX_BYTES + headerBytes;
  const expected = dataStart + header.part.length;
  if (fileSize !== expected) {
    throw new PartError(fileSize < expected ? `tệp bị cắt cụt (dài ${fileSize} byte, phải là ${expected} byte)` : `tệp có thêm dữ liệu lạ ở cuối (dài ${fileSize} byte, phải là ${expected} byte)`);
  }
  return { header, dataStart };
}

/** Reads a range of an open file 4 MB at a time; `sink` takes each chunk before the next is read. */
async function eachChunk(fd: fsp.FileHandle, start: number, length: number, sink: (chunk: Buffer) => void | Promise<void>): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(Math.max(length, 1), 4 * MiB));
  for (let done = 0; done < length; ) {
    const { bytesRead } = await fd.read(buffer, 0, Math.min(buffer.length, length - done), start + done);
    if (!bytesRead) throw new PartError('tệp bị cắt cụt');
    await sink(buffer.subarray(0, bytesRead));
    done += bytesRead;
  }
}

async function hashRange(fd: fsp.FileHandle, start: number, length: number): Promise<string> {
  const hash = crypto.createHash('sha256');
  await eachChunk(fd, start, length, (chunk) => void hash.update(chunk));
  return hash.digest('hex');
}

/** Opens a part file and checks it whole: header, length, and its range against its own sha256. */
async function checkPartFile(file: string): Promise<PartHeader> {
  const fd = await fsp.open(file, 'r');
  try {
    const { header, dataStart } = await readPartHeader(fd, (await fd.stat()).size);
    if ((await hashRange(fd, dataStart, header.part.length)) !== header.part.sha256) {
      throw new PartError(`${partLabel(header)} của gói "${header.bundle.name}" đã bị thay đổi trên đường gửi (mã băm của phần không khớp)`);
    }
    return header;
  } finally {
    await fd.close();
  }
}

async function headerOf(file: string): Promise<PartHeader> {
  const fd = await fsp.open(file, 'r');
  try {
    return (await readPartHeader(fd, (await fd.stat()).size)).header;
  } finally {
    await fd.close();
  }
}

/** Where this installation holds parts until their whole is complete: one folder per whole, by its sha256. */
const holdingRoot = (ws: Workspace) => path.join(ws.dataDir, 'bundles', 'parts');
const heldPath = (ws: Workspace, sha: string, index: number) => path.join(holdingRoot(ws), sha, `${String(index).padStart(4, '0')}${PART_EXTENSION}`);
/** Left once a whole has been joined and imported: a part of it arriving later is said to be a repeat, not held again. */
const donePath = (ws: Workspace, sha: string) => path.join(holdingRoot(ws), `${sha}.done.json`);

async function heldIndexes(ws: Workspace, sha: string): Promise<number[]> {
  const names = await fsp.readdir(path.join(holdingRoot(ws), sha)).catch(() => [] as string[]);
  return names
    .map((n) => /^(\d{4})\.tdkt-part$/.exec(n)?.[1])
    .filter((n): n is string => !!n)
    .map(Number)
    .sort((a, b) => a - b);
}

const sameWhole = (a: PartHeader, b: PartHeader) =>
  a.bundle.name === b.bundle.name && a.bundle.bundle_id === b.bundle.bundle_id && a.bundle.size === b.bundle.size && a.part.count === b.part.count && a.part.part_size === b.part.part_size;

type Result = Omit<ImportResult, 'file'> & { file: string };

/** What one part file became: held (new or already held), already imported with its whole, or refused. */
type Received = { kind: 'held' | 'again' | 'done'; header: PartHeader; file: string } | { kind: 'refused'; result: Result };

const RESEND_PART = 'Đề nghị đơn vị gửi lại phần này.';

async function receivePart(ws: Workspace, file: { path: string; name: string }): Promise<Received> {
  const refuse = (reason: string): Received => ({ kind: 'refused', result: { file: file.name, status: 'refused', reason } });
  const stat = await fsp.stat(file.path).catch(() => null);
  if (!stat) return refuse('Không đọc được tệp (tệp không tồn tại hoặc không có quyền đọc). Hãy kiểm tra lại tệp hoặc thư mục đã chọn.');
  if (!stat.isFile()) return refuse('Đường dẫn không phải là một tệp phần gói hồ sơ.');
  let header: PartHeader;
  try {
    header = await headerOf(file.path);
  } catch (error) {
    if (error instanceof PartError) return refuse(`Phần gói hồ sơ bị từ chối: ${error.message}. ${RESEND_PART}`);
    return refuse('Không đọc được tệp (tệp không tồn tại hoặc không có quyền đọc). Hãy kiểm tra lại tệp hoặc thư mục đã chọn.');
  }
  const what = `${partLabel(header)} của gói "${header.bundle.name}"`;
  const sha = header.bundle.sha256;
  if (fs.existsSync(donePath(ws, sha))) return { kind: 'done', header, file: file.name };
  // Parts of one whole must describe the same whole: a part that disagrees is not mixed in.
  const held = await heldIndexes(ws, sha);
  if (held.length) {
    const other = await headerOf(heldPath(ws, sha, held[0]!)).catch(() => null);
    if (other && !sameWhole(other, header)) {
      return refuse(`${cap(what)} mô tả gói khác với các phần đã nhận trước đó cùng mã băm (tên, mã gói, dung lượng hoặc số phần khác nhau); phần này không được giữ. ${RESEND_PART}`);
    }
  }
  const dest = heldPath(ws, sha, header.part.index);
  if (held.includes(header.part.index)) {
    const before = await headerOf(dest).catch(() => null);
    if (before?.part.sha256 === header.part.sha256) return { kind: 'again', header, file: file.name };
    return refuse(`${cap(what)} khác với ${partLabel(header)} đã nhận trước đó; phần này không được giữ. ${RESEND_PART}`);
  }
  try {
    // Checked on the private copy, so what is held is exactly what was checked.
    await copyFileAtomic(file.path, dest, async (temp) => {
      const copied = await checkPartFile(temp);
      if (JSON.stringify(copied) !== JSON.stringify(header)) throw new PartError('tệp thay đổi trong lúc đọc');
      // Its arrival, by this installation's clock, is what the list of wholes still waiting shows.
      const now = new Date(nowIso(ws.clock));
      await fsp.utimes(temp, now, now);
    });
  } catch (error) {
    if (error instanceof PartError) return refuse(`Phần gói hồ sơ bị từ chối: ${error.message}. ${RESEND_PART}`);
    throw error;
  }
  return { kind: 'held', header, file: file.name };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A whole joined from its parts, in staging, ready to be imported like any bundle. */
export interface Joined {
  path: string;
  name: string;
  /** Records the import's outcome: the held parts go; a whole that was taken is remembered, so its parts are not held again. */
  settle(result: ImportResult): Promise<ImportResult>;
}

/**
 * Joins the held parts of a complete whole: the folder is first moved into this process's staging
 * (only one import can win that rename), the ranges written in order while the whole is hashed, and
 * the result checked against the sha256 and size every part declared.
 */
async function join(ws: Workspace, header: PartHeader): Promise<Joined | Result | null> {
  const sha = header.bundle.sha256;
  const claimed = path.join(ws.dir.staging, `parts-${crypto.randomBytes(8).toString('hex')}`);
  try {
    await fsp.rename(path.join(holdingRoot(ws), sha), claimed);
  } catch {
    // Another import took the folder and is joining it.
    return null;
  }
  const joined = path.join(ws.dir.staging, `joined-${crypto.randomBytes(8).toString('hex')}${BUNDLE_EXTENSION}`);
  const name = header.bundle.name;
  const count = header.part.count;
  try {
    const out = await fsp.open(joined, 'wx', PRIVATE_FILE_MODE);
    const whole = crypto.createHash('sha256');
    let size = 0;
    try {
      for (let index = 1; index <= count; index++) {
        const fd = await fsp.open(path.join(claimed, path.basename(heldPath(ws, sha, index))), 'r');
        try {
          const { header: h, dataStart } = await readPartHeader(fd, (await fd.stat()).size);
          if (!sameWhole(h, header) || h.part.index !== index) throw new PartError(`${partLabel(h)} được giữ sai chỗ`);
          // Each held part was checked against its own hash on arrival; here only the whole is hashed.
          await eachChunk(fd, dataStart, h.part.length, async (chunk) => {
            whole.update(chunk);
            await out.write(chunk, 0, chunk.length, size);
            size += chunk.length;
          });
        } finally {
          await fd.close();
        }
      }
      await out.sync();
    } finally {
      await out.close();
    }
    if (size !== header.bundle.size || whole.digest('hex') !== sha) {
      // Rare: only now is each held part hashed again, to name the one that changed since it was held, if one did.
      const changed: string[] = [];
      for (let index = 1; index <= count; index++) {
        await checkPartFile(path.join(claimed, path.basename(heldPath(ws, sha, index)))).catch(() => changed.push(`phần ${index}/${count}`));
      }
      await fsp.rm(claimed, { recursive: true, force: true });
      await fsp.rm(joined, { force: true });
      const which = changed.length ? `${changed.join(', ')} đã bị thay đổi trong thư mục lưu tạm` : 'có phần đã bị sửa cả nội dung lẫn phần đầu';
      return {
        file: `${name} (${count} phần)`,
        status: 'refused',
        reason: `Ghép ${count} phần của gói "${name}" không ra đúng gói đã chia (mã băm của cả gói không khớp): ${which}. Các phần đã nhận được bỏ đi. Đề nghị đơn vị gửi lại tất cả các phần.`,
      };
    }
  } catch (error) {
    await fsp.rm(joined, { force: true });
    // Put back what was held, so nothing the person brought is lost to a fault of ours.
    await fsp.rename(claimed, path.join(holdingRoot(ws), sha)).catch(() => fsp.rm(claimed, { recursive: true, force: true }));
    if (error instanceof PartError) return { file: `${name} (${count} phần)`, status: 'refused', reason: `Không ghép được gói "${name}": ${error.message}.` };
    throw error;
  }
  return {
    path: joined,
    name,
    settle: async (result) => {
      await fsp.rm(claimed, { recursive: true, force: true });
      await fsp.rm(joined, { force: true });
      // A refused whole is forgotten: once the cause is fixed (the group set up, a key confirmed), the same parts can be brought again.
      if (result.status !== 'refused') {
        await fsp.writeFile(donePath(ws, sha), JSON.stringify({ name, at: nowIso(ws.clock), status: result.status }), { mode: PRIVATE_FILE_MODE });
      }
      return { ...result, file: `${name} (${count} phần)`, reason: `Đã ghép đủ ${count} phần và kiểm tra toàn vẹn gói "${name}". ${result.reason}`.trim() };
    },
  };
}

/**
 * Takes the part files of one import: each checked and held; then, for every whole they belong to,
 * either joined (all parts present) or reported with the parts still missing. Refused parts are
 * named one by one; a whole is reported once, whichever of its parts came this time.
 */
export async function receiveParts(ws: Workspace, files: { path: string; name: string }[]): Promise<{ results: Result[]; joined: Joined[] }> {
  await fsp.mkdir(holdingRoot(ws), { recursive: true, mode: PRIVATE_DIR_MODE });
  const results: Result[] = [];
  const wholes = new Map<string, { header: PartHeader; files: string[]; again: number }>();
  for (const file of files) {
    const got = await receivePart(ws, file);
    if (got.kind === 'refused') {
      results.push(got.result);
      continue;
    }
    const w = wholes.get(got.header.bundle.sha256) ?? { header: got.header, files: [], again: 0 };
    w.files.push(got.file);
    if (got.kind !== 'held') w.again++;
    wholes.set(got.header.bundle.sha256, w);
  }
  const joined: Joined[] = [];
  for (const [sha, w] of wholes) {
    const { name, count } = { name: w.header.bundle.name, count: w.header.part.count };
    const label = `${name} (${w.files.length} phần)`;
    const done = await fsp.readFile(donePath(ws, sha), 'utf8').catch(() => null);
    if (done) {
      const at = (JSON.parse(done) as { at: string }).at;
      results.push({ file: label, status: 'duplicate', reason: `Gói "${name}" đã được ghép đủ ${count} phần và nhập ngày ${formatDateVi(at)}; không có gì thay đổi.` });
      continue;
    }
    const held = await heldIndexes(ws, sha);
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !held.includes(i));
    if (!missing.length) {
      const j = await join(ws, w.header);
      if (j && 'settle' in j) joined.push(j);
      else if (j) results.push(j);
      else results.push({ file: label, status: 'held', reason: `Đã giữ các phần của gói "${name}"; một lần nhập khác đang ghép gói này.` });
      continue;
    }
    const again = w.again ? ` (${w.again} phần đã có từ trước)` : '';
    results.push({
      file: label,
      status: 'held',
      reason: `Đã giữ ${held.length}/${count} phần của gói "${name}"${again}. Còn thiếu ${missing.map((i) => `phần ${i}/${count}`).join(', ')} của gói "${name}". Hãy nhập các phần còn thiếu (cùng thư mục hoặc ở lần nhập sau); gói chỉ được kiểm tra chữ ký và nhận khi đủ tất cả các phần.`,
    });
  }
  return { results, joined };
}

/** A whole of which only some parts are held here, waiting for the rest. */
export interface HeldWhole {
  sha256: string;
  name: string;
  count: number;
  held: number[];
  /** When the latest of its parts arrived (ISO). */
  lastReceived: string;
}

/**
 * The wholes still waiting for parts, the longest waiting first: a sender may never send the rest,
 * and the person sees what is held rather than the holding folder growing unseen.
 */
export async function heldWholes(ws: Workspace): Promise<HeldWhole[]> {
  const names = await fsp.readdir(holdingRoot(ws)).catch(() => [] as string[]);
  const wholes: HeldWhole[] = [];
  for (const sha of names.filter((n) => sha256Hex.safeParse(n).success)) {
    const held = await heldIndexes(ws, sha);
    if (!held.length) continue;
    const header = await headerOf(heldPath(ws, sha, held[0]!)).catch(() => null);
    if (!header) continue;
    const times = await Promise.all(held.map(async (i) => (await fsp.stat(heldPath(ws, sha, i))).mtimeMs));
    wholes.push({ sha256: sha, name: header.bundle.name, count: header.part.count, held, lastReceived: new Date(Math.max(...times)).toISOString() });
  }
  return wholes.sort((a, b) => a.lastReceived.localeCompare(b.lastReceived));
}

/** Gives up waiting for a whole: its held parts go; the same parts can be brought again later. */
export async function discardHeldWhole(ws: Workspace, sha256: string): Promise<void> {
  if (!sha256Hex.safeParse(sha256).success) throw new UserError('Mã gói không hợp lệ.');
  await fsp.rm(path.join(holdingRoot(ws), sha256), { recursive: true, force: true });
}

/** The size above which this installation offers to write a bundle as parts (set per installation; 20 MB unless changed). */
export function partLimitBytes(db: DbOrTx): number {
  const row = db.select().from(schema.appSettings).where(eq(schema.appSettings.key, 'part_limit_mb')).get();
  const mb = row ? Number(row.value) : PART_LIMITS.defaultLimitMb;
  return (Number.isFinite(mb) ? mb : PART_LIMITS.defaultLimitMb) * MiB;
}

export function setPartLimit(db: DbOrTx, megabytes: number): number {
  if (!Number.isInteger(megabytes) || megabytes < PART_LIMITS.minLimitMb || megabytes > PART_LIMITS.maxLimitMb) {
    throw new UserError(`Giới hạn dung lượng gửi thư phải là số nguyên từ ${PART_LIMITS.minLimitMb} đến ${PART_LIMITS.maxLimitMb} MB.`);
  }
  db.insert(schema.appSettings)
    .values({ key: 'part_limit_mb', value: String(megabytes) })
    .onConflictDoUpdate({ target: schema.appSettings.key, set: { value: String(megabytes) } })
    .run();
  return partLimitBytes(db);
}
