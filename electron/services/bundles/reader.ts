import fs from 'node:fs';
import zlib from 'node:zlib';
import fsp from 'node:fs/promises';
import crypto from 'node:crypto';
import yauzl from 'yauzl';
import { keyIdOf, verifySignature } from '../units-keys/keys';
import {
  bagInfoText,
  BAGIT_TXT,
  BundleError,
  bundleHeaderSchema,
  DATA_PATHS,
  LIMITS,
  manifestText,
  recordPath,
  signatureFileSchema,
  TAG_FILES,
  type BundleHeader,
} from './format';
import { recordSchemas } from './record-types';

export interface VerifiedBundle {
  header: BundleHeader;
  /** SHA-256 of the exact bundle.json bytes that were signed. */
  headerSha256: string;
  signer: { keyId: string; publicKey: string };
  /** Parsed and schema-checked records, keyed by record_id. */
  records: { type: string; content: unknown }[];
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(gốc)'}: ${i.message}`)
    .join('; ');
}

/** Checks one central-directory entry: its name and declared sizes, before any byte is inflated. */
function checkEntry(entry: yauzl.Entry, name: string): void {
  if (name.includes('\\')) throw new BundleError(`Tên tệp "${name}" chứa dấu gạch ngược "\\".`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw new BundleError(`Tên tệp "${name}" là đường dẫn tuyệt đối.`);
  if (name.split('/').includes('..')) throw new BundleError(`Tên tệp "${name}" chứa ".." (trỏ ra ngoài gói).`);
  const unixMode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (entry.versionMadeBy >> 8 === 3 && unixMode === S_IFLNK) throw new BundleError(`Tệp "${name}" là một liên kết (symlink), không được phép.`);
  if (name.endsWith('/')) throw new BundleError(`Gói chứa thư mục "${name}" không thuộc định dạng.`);
  if (!(TAG_FILES as readonly string[]).includes(name) && !DATA_PATHS.some((re) => re.test(name))) {
    throw new BundleError(`Tệp "${name}" không thuộc định dạng gói hồ sơ.`);
  }
  if (entry.generalPurposeBitFlag & 0x1) throw new BundleError(`Tệp "${name}" bị mã hóa, không đọc được.`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new BundleError(`Tệp "${name}" dùng kiểu nén không được hỗ trợ.`);
  const limit = name.startsWith('data/records/') ? LIMITS.recordBytes : name.startsWith('data/') ? LIMITS.entryBytes : LIMITS.tagFileBytes;
  if (entry.uncompressedSize > limit) throw new BundleError(`Tệp "${name}" quá lớn (${entry.uncompressedSize} byte, tối đa ${limit}).`);
  if (entry.uncompressedSize > LIMITS.ratioCheckFrom && entry.uncompressedSize > LIMITS.maxRatio * Math.max(entry.compressedSize, 1)) {
    throw new BundleError(`Tệp "${name}" có tỉ lệ nén bất thường (nghi là "bom nén"), gói bị từ chối.`);
  }
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    let total = 0;
    zip.on('error', (e: Error) => reject(e instanceof BundleError ? e : new BundleError(`Mục lục ZIP bị hỏng: ${e.message}`)));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        const raw = entry.fileName as unknown as Buffer;
        if (raw.some((b) => b > 0x7e || b < 0x20)) throw new BundleError('Gói chứa tên tệp có ký tự không hợp lệ.');
        const name = raw.toString('latin1');
        checkEntry(entry, name);
        if (entries.has(name)) throw new BundleError(`Tên tệp "${name}" xuất hiện hai lần trong gói.`);
        entries.set(name, entry);
        if (entries.size > LIMITS.entries) throw new BundleError(`Gói chứa quá nhiều tệp (tối đa ${LIMITS.entries}).`);
        total += entry.uncompressedSize;
        if (total > LIMITS.totalBytes) throw new BundleError('Tổng dung lượng các tệp trong gói vượt giới hạn.');
        zip.readEntry();
      } catch (e) {
        reject(e);
      }
    });
    zip.readEntry();
  });
}

/**
 * Streams one entry through SHA-256, keeping the bytes only when asked (small JSON files). Data is
 * read from the offset yauzl validated in the local header, in 1 MiB reads, and inflated here; the
 * declared size is enforced byte by byte, so a lying header cannot make it inflate more.
 */
function readEntry(zip: yauzl.ZipFile, file: string, entry: yauzl.Entry, name: string, keep: boolean): Promise<{ sha256: string; size: number; bytes?: Buffer }> {
  return new Promise((resolve, reject) => {
    zip.readLocalFileHeader(entry, { minimal: true }, (err, header) => {
      if (err) return reject(new BundleError(`Tệp "${name}" bị hỏng hoặc bị cắt cụt trong gói.`));
      const start = header.fileDataStart;
      const raw = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 1024 * 1024 });
      const stream = entry.compressionMethod === 8 ? raw.pipe(zlib.createInflateRaw()) : raw;
      const broken = () => {
        raw.destroy();
        reject(new BundleError(`Tệp "${name}" bị hỏng hoặc bị cắt cụt trong gói.`));
      };
      raw.on('error', broken);
      const hash = crypto.createHash('sha256');
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > entry.uncompressedSize) {
          raw.destroy();
          stream.destroy();
          return reject(new BundleError(`Tệp "${name}" giải nén ra nhiều hơn kích thước khai báo.`));
        }
        hash.update(chunk);
        if (keep) chunks.push(chunk);
      });
      stream.on('error', broken);
      stream.on('end', () => {
        if (size !== entry.uncompressedSize) return broken();
        resolve({ sha256: hash.digest('hex'), size, bytes: keep ? Buffer.concat(chunks) : undefined });
      });
    });
  });
}

function parseJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BundleError(`Tệp "${name}" không phải JSON hợp lệ.`);
  }
}

async function explainOpenFailure(file: string): Promise<BundleError> {
  const handle = await fsp.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead < 4 || head.readUInt32LE(0) !== 0x04034b50) return new BundleError('Tệp không phải gói hồ sơ .tdkt (không phải tệp ZIP).');
    return new BundleError('Tệp gói hồ sơ bị cắt cụt hoặc hỏng: không đọc được mục lục ZIP.');
  } finally {
    await handle.close();
  }
}

/**
 * Checks a bundle completely — structure, limits, every hash, and the signature by the key it names —
 * without touching any database. Throws a BundleError whose message says why it is refused.
 */
export async function verifyBundleFile(file: string): Promise<VerifiedBundle> {
  let stat: fs.Stats;
  try {
    stat = await fsp.stat(file);
  } catch {
    throw new BundleError('Không mở được tệp.');
  }
  if (!stat.isFile()) throw new BundleError('Đường dẫn không phải là một tệp.');
  if (stat.size > LIMITS.bundleBytes) throw new BundleError('Tệp gói hồ sơ quá lớn.');
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch {
    throw await explainOpenFailure(file);
  }
  try {
    const entries = await listEntries(zip);
    for (const name of TAG_FILES) if (!entries.has(name)) throw new BundleError(`Gói thiếu tệp "${name}".`);
    const readTag = async (name: string) => (await readEntry(zip, file, entries.get(name)!, name, true)).bytes!;

    const headerBytes = await readTag('bundle.json');
    const parsedHeader = bundleHeaderSchema.safeParse(parseJson(headerBytes, 'bundle.json'));
    if (!parsedHeader.success) throw new BundleError(`Tệp "bundle.json" sai cấu trúc: ${describeZodError(parsedHeader.error)}.`);
    const header = parsedHeader.data;

    const parsedSig = signatureFileSchema.safeParse(parseJson(await readTag('bundle.sig.json'), 'bundle.sig.json'));
    if (!parsedSig.success) throw new BundleError(`Tệp "bundle.sig.json" sai cấu trúc: ${describeZodError(parsedSig.error)}.`);
    const senderSig = parsedSig.data.signatures[0]!;
    const publicKey = Buffer.from(senderSig.public_key, 'base64');
    if (senderSig.key_id !== header.sender.key_id || keyIdOf(publicKey) !== header.sender.key_id) {
      throw new BundleError('Chữ ký không phải của khóa mà gói ghi là khóa của đơn vị gửi.');
    }
    for (const s of parsedSig.data.signatures) {
      if (keyIdOf(Buffer.from(s.public_key, 'base64')) !== s.key_id || !verifySignature(headerBytes, Buffer.from(s.signature, 'base64'), Buffer.from(s.public_key, 'base64'))) {
        throw new BundleError('Chữ ký số không hợp lệ: nội dung "bundle.json" đã bị thay đổi sau khi ký.');
      }
    }

    // Every data file is listed once in bundle.json, and bundle.json lists nothing that is absent.
    const listed = new Map(header.files.map((f) => [f.path, f]));
    if (listed.size !== header.files.length) throw new BundleError('Tệp "bundle.json" liệt kê một tệp hai lần.');
    for (const name of entries.keys()) {
      if (name.startsWith('data/') && !listed.has(name)) throw new BundleError(`Gói có tệp thừa không có trong danh mục: "${name}".`);
    }
    for (const path of listed.keys()) if (!entries.has(path)) throw new BundleError(`Gói thiếu tệp "${path}".`);
    for (const r of header.records) {
      const f = listed.get(recordPath(r.record_id, r.version));
      if (!f || f.sha256 !== r.content_sha256) throw new BundleError(`Bản ghi ${r.record_id} không khớp với danh mục tệp.`);
      if (!recordSchemas[r.type]) throw new BundleError(`Loại bản ghi "${r.type}" không được hỗ trợ.`);
    }

    if ((await readTag('bagit.txt')).toString('utf8') !== BAGIT_TXT) throw new BundleError('Tệp "bagit.txt" không đúng định dạng BagIt 1.0.');
    if ((await readTag('manifest-sha256.txt')).toString('utf8') !== manifestText(header.files)) {
      throw new BundleError('Tệp "manifest-sha256.txt" không khớp với danh mục đã ký.');
    }
    if ((await readTag('bag-info.txt')).toString('utf8') !== bagInfoText(header)) throw new BundleError('Tệp "bag-info.txt" không khớp với danh mục đã ký.');

    const recordsByPath = new Map(header.records.map((r) => [recordPath(r.record_id, r.version), r]));
    const records: VerifiedBundle['records'] = [];
    for (const f of header.files) {
      const meta = recordsByPath.get(f.path);
      const got = await readEntry(zip, file, entries.get(f.path)!, f.path, !!meta);
      if (got.size !== f.size || got.sha256 !== f.sha256) throw new BundleError(`Nội dung tệp "${f.path}" không khớp mã băm SHA-256 đã ký (tệp đã bị sửa đổi).`);
      if (!meta) continue;
      const parsed = recordSchemas[meta.type]!.safeParse(parseJson(got.bytes!, f.path));
      if (!parsed.success) throw new BundleError(`Bản ghi "${f.path}" sai cấu trúc: ${describeZodError(parsed.error)}.`);
      const content = parsed.data as { record_id?: unknown; version?: unknown; type?: unknown };
      if (content.record_id !== meta.record_id || content.version !== meta.version || content.type !== meta.type) {
        throw new BundleError(`Bản ghi "${f.path}" không khớp với danh mục đã ký.`);
      }
      records.push({ type: meta.type, content: parsed.data });
    }
    return {
      header,
      headerSha256: crypto.createHash('sha256').update(headerBytes).digest('hex'),
      signer: { keyId: senderSig.key_id, publicKey: senderSig.public_key },
      records,
    };
  } finally {
    zip.close();
  }
}
