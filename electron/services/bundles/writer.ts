import crypto from 'node:crypto';
import { writeAtomically } from '../files/atomic';
import { PRIVATE_FILE_MODE } from '../files/private';
import { sign } from '../units-keys/keys';
import { bagInfoText, BAGIT_TXT, manifestText, recordPath, type BundleHeader, type SignatureFile } from './format';
import { verifyBundleFile, type VerifiedBundle } from './reader';
import { ZipWriter, type WrittenEntry } from './zip-writer';
import type { BundleKindRegistry } from './kinds';

export interface BundleRecordInput {
  record_id: string;
  type: string;
  version: number;
  content: unknown;
}

export interface BundleFileInput {
  /** Path inside the bundle, under data/. */
  path: string;
  /** A file on disk (streamed, never loaded whole) or bytes already in memory. */
  source: string | Buffer;
  mediaType: string;
  /**
   * The content's SHA-256 when the caller already knows it (a store that names files by their hash):
   * written into the catalogue without hashing the file a second time. The bundle is checked in full
   * before it is kept, so a file whose content no longer has this hash stops the writing.
   */
  sha256?: string;
}

export interface Signer {
  privateKey: crypto.KeyObject;
  rawPublic: Buffer;
  keyId: string;
}

type HeaderFields = Omit<BundleHeader, 'files' | 'records'>;

/**
 * Already-compressed formats are stored as they are: deflating them again costs time and saves
 * nothing. Decided by the name's extension or by the declared media type, whichever says so.
 */
const STORED_EXTENSIONS = /\.(docx|xlsx|pptx|odt|ods|tdkt|zip|7z|gz|pdf|jpe?g|png|gif|webp|heic|mp3|mp4|m4a|mov|bin)$/i;
const STORED_MEDIA_TYPES = /^(image\/(jpeg|png|gif|webp|heic)|video\/.*|audio\/(mpeg|mp4)|application\/(pdf|zip|gzip|x-7z-compressed|octet-stream|vnd\.openxmlformats-officedocument\..*|vnd\.oasis\.opendocument\..*))$/i;

export function storedAsIs(path: string, mediaType: string): boolean {
  return STORED_EXTENSIONS.test(path) || STORED_MEDIA_TYPES.test(mediaType.split(';')[0]!.trim());
}

/**
 * Writes a signed bundle to `dest`: streamed into a temp file beside it, fsynced, verified in full
 * as a reader would, and only then renamed into place. Memory stays flat whatever the payload size.
 */
export async function writeBundle(
  dest: string,
  fields: HeaderFields,
  records: BundleRecordInput[],
  files: BundleFileInput[],
  signer: Signer,
  kinds: BundleKindRegistry,
): Promise<VerifiedBundle> {
  let verified: VerifiedBundle | undefined;
  await writeAtomically(
    dest,
    async (temp) => {
      const zip = await ZipWriter.create(temp, PRIVATE_FILE_MODE);
      try {
        const header: BundleHeader = { ...fields, files: [], records: [] };
        for (const r of records) {
          const bytes = Buffer.from(JSON.stringify(r.content, null, 2), 'utf8');
          const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
          const path = recordPath(r.record_id, r.version);
          await zip.addBuffer(path, bytes, true);
          header.files.push({ path, sha256, size: bytes.length, media_type: 'application/json' });
          header.records.push({ record_id: r.record_id, type: r.type, version: r.version, content_sha256: sha256 });
        }
        for (const f of files) {
          const compress = !storedAsIs(f.path, f.mediaType);
          let written: WrittenEntry;
          if (Buffer.isBuffer(f.source)) {
            await zip.addBuffer(f.path, f.source, compress);
            written = { sha256: crypto.createHash('sha256').update(f.source).digest('hex'), size: f.source.length };
          } else {
            written = await zip.addFile(f.path, f.source, compress, f.sha256);
          }
          header.files.push({ path: f.path, ...written, media_type: f.mediaType });
        }

        const headerBytes = Buffer.from(JSON.stringify(header, null, 2), 'utf8');
        const sig: SignatureFile = {
          signatures: [
            {
              algorithm: 'ed25519',
              key_id: signer.keyId,
              public_key: signer.rawPublic.toString('base64'),
              signature: sign(headerBytes, signer.privateKey).toString('base64'),
            },
          ],
        };
        await zip.addBuffer('bagit.txt', Buffer.from(BAGIT_TXT), true);
        await zip.addBuffer('bag-info.txt', Buffer.from(bagInfoText(header)), true);
        await zip.addBuffer('manifest-sha256.txt', Buffer.from(manifestText(header.files)), true);
        await zip.addBuffer('bundle.json', headerBytes, true);
        await zip.addBuffer('bundle.sig.json', Buffer.from(JSON.stringify(sig, null, 2)), true);
      } catch (error) {
        await zip.abandon();
        throw error;
      }
      await zip.close();
    },
    PRIVATE_FILE_MODE,
    async (temp) => {
      verified = await verifyBundleFile(temp, kinds);
      if (verified.header.bundle_id !== fields.bundle_id) throw new Error('Gói vừa ghi không khớp với gói cần ghi.');
    },
  );
  return verified!;
}
