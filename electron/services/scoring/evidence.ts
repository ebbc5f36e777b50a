import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { UserError } from '../errors';
import { writeAtomically } from '../files/atomic';
import type { Workspace } from '../workspace/workspace';
import type { EvidenceRef } from './self-assessment-schemas';

/**
 * Evidence files (minh chứng) of any kind — scans, PDF, Word, photos — kept once per content in the
 * data folder under evidence/<sha256>, however many items cite them: a file attached twice is stored
 * once. The name the user gave it is kept in the record only, for display; on disk and in bundles a
 * file is named by its hash.
 */

/** Larger than any scan or photo an office makes; a bundle over the mail limit travels in parts. */
export const EVIDENCE_MAX_BYTES = 100 * 1024 * 1024;

const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.txt': 'text/plain',
  '.zip': 'application/zip',
  '.mp4': 'video/mp4',
};

export function mediaTypeOf(name: string): string {
  return MEDIA_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** The extension a bundle gives an evidence file, from its media type: never from text the user typed. */
export function evidenceExtension(mediaType: string): string {
  const ext = Object.entries(MEDIA_TYPES).find(([, t]) => t === mediaType)?.[0];
  return ext ?? '.bin';
}

export const evidenceDir = (ws: Workspace) => path.join(ws.dataDir, 'evidence');
export const evidencePath = (ws: Workspace, sha256: string) => path.join(evidenceDir(ws), sha256);

const sizeText = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/**
 * Stores a file as evidence: hashed while it is copied (one read), written atomically, kept once
 * per content. Refused, saying so, above the size limit or when it cannot be read.
 */
export async function storeEvidence(ws: Workspace, source: string, name: string, maxBytes = EVIDENCE_MAX_BYTES): Promise<EvidenceRef> {
  const stat = await fsp.stat(source).catch(() => null);
  if (!stat?.isFile()) throw new UserError(`Không đọc được tệp "${name}".`);
  const tooLarge = () => new UserError(`Tệp "${name}" (${sizeText(stat.size)}) vượt quá giới hạn ${sizeText(maxBytes)} cho một tệp minh chứng; hãy scan với độ phân giải thấp hơn hoặc chia nhỏ tệp.`);
  if (stat.size > maxBytes) throw tooLarge();
  if (stat.size === 0) throw new UserError(`Tệp "${name}" rỗng.`);
  const hash = crypto.createHash('sha256');
  let size = 0;
  let sha256 = '';
  const dir = evidenceDir(ws);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  // Written under a temp name first: its hash, and so its final name, is known only once it is all read.
  const staged = path.join(dir, `.nhan-${crypto.randomBytes(6).toString('hex')}`);
  try {
    await writeAtomically(staged, async (temp) => {
      await pipeline(
        fs.createReadStream(source),
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            size += chunk.length;
            // The file grew while it was read: the limit holds for what is stored.
            if (size > maxBytes) return done(tooLarge());
            hash.update(chunk);
            done(null, chunk);
          },
        }),
        fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
      );
    });
    sha256 = hash.digest('hex');
    const dest = evidencePath(ws, sha256);
    if (fs.existsSync(dest)) await fsp.rm(staged, { force: true });
    else await fsp.rename(staged, dest);
  } catch (error) {
    await fsp.rm(staged, { force: true });
    if (error instanceof UserError) throw error;
    throw new UserError(`Không đọc được tệp "${name}": ${(error as Error).message}`);
  }
  return { sha256, name: path.basename(name), size, media_type: mediaTypeOf(name) };
}

/** Where a stored evidence file is, checked: a file missing or changed on disk is named, not sent. */
export async function requireEvidence(ws: Workspace, ref: EvidenceRef): Promise<string> {
  const file = evidencePath(ws, ref.sha256);
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat || stat.size !== ref.size) throw new UserError(`Tệp minh chứng "${ref.name}" không còn trong thư mục dữ liệu; hãy đính kèm lại.`);
  return file;
}
