import fs from 'node:fs';
import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { once } from 'node:events';
import yazl from 'yazl';
import './fast-crc';
import { writeAtomically } from '../files/atomic';
import { PRIVATE_FILE_MODE } from '../files/private';
import { sign } from '../units-keys/keys';
import { bagInfoText, BAGIT_TXT, manifestText, recordPath, type BundleHeader, type SignatureFile } from './format';
import { verifyBundleFile, type VerifiedBundle } from './reader';

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
 * yazl's own stream stages buffer 16 KB each, so without room here reading, hashing and writing take
 * turns; with it the next chunks are read and hashed while the disk writes the previous ones.
 */
const READ_AHEAD = 16 * 1024 * 1024;

function hashingStream(onDone: (sha256: string, size: number) => void): Transform {
  const hash = crypto.createHash('sha256');
  let size = 0;
  return new Transform({
    highWaterMark: READ_AHEAD,
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      onDone(hash.digest('hex'), size);
      cb();
    },
  });
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
): Promise<VerifiedBundle> {
  let verified: VerifiedBundle | undefined;
  await writeAtomically(
    dest,
    async (temp) => {
      const zip = new yazl.ZipFile();
      const out = fs.createWriteStream(temp, { highWaterMark: READ_AHEAD });
      const written = once(out, 'close');
      zip.outputStream.pipe(out);

      const header: BundleHeader = { ...fields, files: [], records: [] };
      for (const r of records) {
        const bytes = Buffer.from(JSON.stringify(r.content, null, 2), 'utf8');
        const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
        const path = recordPath(r.record_id, r.version);
        zip.addBuffer(bytes, path);
        header.files.push({ path, sha256, size: bytes.length, media_type: 'application/json' });
        header.records.push({ record_id: r.record_id, type: r.type, version: r.version, content_sha256: sha256 });
      }
      const streamed: Promise<void>[] = [];
      for (const f of files) {
        const entry = { path: f.path, sha256: '', size: 0, media_type: f.mediaType };
        header.files.push(entry);
        const options = { compress: !storedAsIs(f.path, f.mediaType) };
        if (Buffer.isBuffer(f.source)) {
          entry.sha256 = crypto.createHash('sha256').update(f.source).digest('hex');
          entry.size = f.source.length;
          zip.addBuffer(f.source, f.path, options);
          continue;
        }
        const source: Readable = fs.createReadStream(f.source, { highWaterMark: 4 * 1024 * 1024 });
        const hasher = hashingStream((sha256, size) => Object.assign(entry, { sha256, size }));
        streamed.push(once(hasher, 'end').then(() => undefined));
        source.on('error', (e) => hasher.destroy(e));
        zip.addReadStream(source.pipe(hasher), f.path, options);
      }
      // yazl pumps entries in order as `out` drains; the hashes are final once every stream ends.
      await Promise.all(streamed);

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
      zip.addBuffer(Buffer.from(BAGIT_TXT), 'bagit.txt');
      zip.addBuffer(Buffer.from(bagInfoText(header)), 'bag-info.txt');
      zip.addBuffer(Buffer.from(manifestText(header.files)), 'manifest-sha256.txt');
      zip.addBuffer(headerBytes, 'bundle.json');
      zip.addBuffer(Buffer.from(JSON.stringify(sig, null, 2)), 'bundle.sig.json');
      zip.end();
      await written;
    },
    PRIVATE_FILE_MODE,
    async (temp) => {
      verified = await verifyBundleFile(temp);
      if (verified.header.bundle_id !== fields.bundle_id) throw new Error('Gói vừa ghi không khớp với gói cần ghi.');
    },
  );
  return verified!;
}
