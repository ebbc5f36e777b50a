import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { writeBundle } from '../../electron/services/bundles/writer';
import { BundleError } from '../../electron/services/bundles/format';
import { exportRegistration } from '../../electron/services/registration/export';
import { keyIdOf, rawPublicKey } from '../../electron/services/units-keys/keys';
import { localRecord, rawZip, readZip, type RawEntry } from '../helpers/zip';
import { bundleFields, registeredMember, resign, tempDir, type TestSigner, refusal } from '../helpers/units';
import { forwarded } from '../helpers/consolidated';

async function exported() {
  const member = await registeredMember();
  const { path: file } = await exportRegistration(member.ws, member.group.id);
  const signer: TestSigner = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
  return { member, file, signer, entries: await readZip(file) };
}


const recordOf = (entries: RawEntry[]) => entries.find((e) => e.name.startsWith('data/records/'))!;
const documentOf = (entries: RawEntry[]) => entries.find((e) => e.name.startsWith('data/documents/'))!;

describe('a bundle as written', () => {
  it('holds the BagIt layout, the record, the DOCX, and verifies', async () => {
    const { file, entries, member } = await exported();
    expect(entries.map((e) => e.name).sort()).toEqual(
      ['bag-info.txt', 'bagit.txt', 'bundle.json', 'bundle.sig.json', 'manifest-sha256.txt', recordOf(entries).name, documentOf(entries).name].sort(),
    );
    const v = await verifyBundleFile(file, bundleKinds);
    expect(v.header.sender).toEqual({ unit_code: 'STP-HG', unit_name: 'Sở Tư pháp tỉnh Hà Giang', key_id: member.unit.keyId });
    expect(v.header.kind).toBe('registration');
    expect(v.recordCount).toBe(1);
    const manifest = entries.find((e) => e.name === 'manifest-sha256.txt')!.data.toString();
    expect(manifest).toContain(crypto.createHash('sha256').update(documentOf(entries).data).digest('hex'));
    expect(entries.find((e) => e.name === 'bag-info.txt')!.data.toString()).toMatch(/Payload-Oxum: \d+\.2/);
  });

  it('records a correct CRC-32 for every entry, so any ZIP tool can open it', async () => {
    const { entries } = await exported();
    for (const e of entries) expect(e.crc32, e.name).toBe(zlib.crc32(e.data));
  });

  it('re-verifies unchanged when its entries are copied into a new ZIP', async () => {
    const { entries } = await exported();
    expect(await refusal(entries)).toBe('accepted');
  });
});

describe('bad bundles are refused with a reason', () => {
  it('not a ZIP at all', async () => {
    const file = path.join(tempDir(), 'x.tdkt');
    await fs.writeFile(file, 'Đây là một tệp văn bản.');
    await expect(verifyBundleFile(file, bundleKinds)).rejects.toThrow('không phải tệp ZIP');
  });

  it('truncated file', async () => {
    const { file } = await exported();
    const bytes = await fs.readFile(file);
    const cut = path.join(tempDir(), 'cut.tdkt');
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(verifyBundleFile(cut, bundleKinds)).rejects.toThrow('bị cắt cụt');
  });

  it('one byte changed in a record', async () => {
    const { entries } = await exported();
    const rec = recordOf(entries);
    rec.data = Buffer.from(rec.data.toString('utf8').replace('Hoàn thành 100%', 'Hoàn thành 900%'));
    expect(await refusal(entries)).toMatch(/Nội dung tệp "data\/records\/.*" không khớp mã băm/);
  });

  it('one byte changed in the document, in place in the file', async () => {
    const { file, entries } = await exported();
    const bytes = await fs.readFile(file);
    const doc = documentOf(entries).data;
    const at = bytes.indexOf(doc.subarray(0, 64)) + 40; // the DOCX is stored, so its bytes sit in the file as they are
    expect(at).toBeGreaterThan(40);
    bytes[at] = bytes[at]! ^ 0x01;
    const tampered = path.join(tempDir(), 't.tdkt');
    await fs.writeFile(tampered, bytes);
    await expect(verifyBundleFile(tampered, bundleKinds)).rejects.toThrow(/data\/documents\/.*không khớp mã băm/);
  });

  it('one byte changed in bundle.json', async () => {
    const { entries } = await exported();
    const header = entries.find((e) => e.name === 'bundle.json')!;
    header.data = Buffer.from(header.data.toString('utf8').replace('"seq": 1', '"seq": 7'));
    expect(await refusal(entries)).toContain('Chữ ký số không hợp lệ');
  });

  it('signed by a different key than the one bundle.json names', async () => {
    const { entries, signer } = await exported();
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const other = { privateKey, rawPublic: rawPublicKey(publicKey), keyId: keyIdOf(rawPublicKey(publicKey)) };
    resign(entries, other, (h) => void (h.sender.key_id = signer.keyId));
    expect(await refusal(entries)).toContain('không phải của khóa mà gói ghi');
  });

  it('an extra file not in the manifest', async () => {
    const { entries } = await exported();
    entries.push({ name: 'data/records/them.json', data: Buffer.from('{}') });
    expect(await refusal(entries)).toContain('tệp thừa không có trong danh mục: "data/records/them.json"');
  });

  it('an unknown file outside data/', async () => {
    const { entries } = await exported();
    entries.push({ name: 'readme.exe', data: Buffer.from('MZ') });
    expect(await refusal(entries)).toContain('"readme.exe" không thuộc định dạng');
  });

  it('a missing file', async () => {
    const { entries } = await exported();
    expect(await refusal(entries.filter((e) => !e.name.startsWith('data/documents/')))).toMatch(/thiếu tệp "data\/documents\//);
    expect(await refusal(entries.filter((e) => e.name !== 'bundle.sig.json'))).toContain('thiếu tệp "bundle.sig.json"');
  });

  it.each([
    ['data/../../evil.json', '".."'],
    ['/etc/passwd', 'đường dẫn tuyệt đối'],
    ['C:/Windows/evil.dll', 'đường dẫn tuyệt đối'],
    ['data\\records\\x.json', 'gạch ngược'],
  ])('a path like %s', async (name, reason) => {
    const { entries } = await exported();
    entries.push({ name, data: Buffer.from('x') });
    expect(await refusal(entries)).toContain(reason);
  });

  it('a link', async () => {
    const { entries } = await exported();
    entries.push({ name: 'data/records/link.json', data: Buffer.from('/etc/passwd'), symlink: true });
    expect(await refusal(entries)).toContain('liên kết (symlink)');
  });

  it('a duplicate entry name', async () => {
    const { entries } = await exported();
    entries.push({ ...recordOf(entries) });
    expect(await refusal(entries)).toContain('xuất hiện hai lần');
  });

  it('an entry larger than the limits', async () => {
    const { entries } = await exported();
    recordOf(entries).data = Buffer.alloc(5 * 1024 * 1024, 0x20);
    expect(await refusal(entries)).toMatch(/quá lớn/);
  });

  it('an absurd compression ratio', async () => {
    const { entries } = await exported();
    entries.push({ name: `data/evidence/${'a'.repeat(64)}.pdf`, data: Buffer.alloc(20 * 1024 * 1024), compress: true });
    expect(zlib.deflateRawSync(Buffer.alloc(1024)).length).toBeLessThan(50);
    expect(await refusal(entries)).toContain('tỉ lệ nén bất thường');
  });

  it('an entry that inflates to more than its header declares', async () => {
    const { entries, signer } = await exported();
    const doc = documentOf(entries);
    doc.data = Buffer.concat([doc.data, Buffer.alloc(3 * 1024 * 1024)]);
    // Headers and the signed catalogue all declare the deflated length, so only inflating tells.
    const declared = zlib.deflateRawSync(doc.data).length;
    resign(entries, signer, (h) => void (h.files.find((f) => f.path === doc.name)!.size = declared));
    Object.assign(doc, { compress: true, declaredSize: declared });
    expect(await refusal(entries)).toContain('giải nén ra nhiều hơn kích thước khai báo');
  });

  it('malformed JSON in a record, even correctly signed', async () => {
    const { entries, signer } = await exported();
    recordOf(entries).data = Buffer.from('{"record_id": ');
    expect(await refusal(resign(entries, signer))).toMatch(/Tệp "data\/records\/.*" không phải JSON hợp lệ/);
  });

  it('malformed bundle.json', async () => {
    const { entries } = await exported();
    entries.find((e) => e.name === 'bundle.json')!.data = Buffer.from('{ not json');
    expect(await refusal(entries)).toContain('"bundle.json" không phải JSON hợp lệ');
  });

  it('a record that fails its schema, even correctly signed', async () => {
    const { entries, signer } = await exported();
    const rec = recordOf(entries);
    rec.data = Buffer.from(rec.data.toString('utf8').replace('"TTLDXS"', '"HUY_CHUONG_TU_CHE"'));
    expect(await refusal(resign(entries, signer))).toMatch(/Bản ghi ".*" sai cấu trúc: collective\.0\.title_code: mã danh hiệu không có trong danh mục/);
  });

  it('a record whose type is unknown', async () => {
    const { entries, signer } = await exported();
    expect(await refusal(resign(entries, signer, (h) => void (h.records[0]!.type = 'bí_mật')))).toContain('Loại bản ghi "bí_mật" không có trong gói đăng ký thi đua');
  });
});

/** A bundle written by the app's own writer, with the given attachments. */
async function written(signer: TestSigner, files: { path: string; source: string | Buffer; mediaType: string }[]): Promise<string> {
  const dest = path.join(tempDir(), 'viet.tdkt');
  await writeBundle(
    dest,
    bundleFields(signer.keyId),
    [],
    files,
    signer, bundleKinds);
  return dest;
}

const EMPTY_SHA = crypto.createHash('sha256').update(Buffer.alloc(0)).digest('hex');

describe('entries of size zero', () => {
  it('a genuine bundle with 0-byte attachments, from memory and from a file, verifies', async () => {
    const { signer } = await exported();
    const emptyFile = path.join(tempDir(), 'rong.pdf');
    await fs.writeFile(emptyFile, '');
    const bundle = await written(signer, [
      { path: `data/evidence/${EMPTY_SHA}.pdf`, source: Buffer.alloc(0), mediaType: 'application/pdf' },
      { path: `data/evidence/${EMPTY_SHA}.txt`, source: emptyFile, mediaType: 'text/plain' },
    ]);
    const v = await verifyBundleFile(bundle, bundleKinds);
    expect(v.header.files.map((f) => f.size)).toEqual([0, 0]);
  });

  it('an empty bundle.json, an empty signature, and an empty record are refused, never a crash', async () => {
    const { entries, signer } = await exported();
    const emptied = (name: string) => entries.map((e) => (e.name === name ? { ...e, data: Buffer.alloc(0) } : e));
    expect(await refusal(emptied('bundle.json'))).toBe('BundleError: Tệp "bundle.json" không phải JSON hợp lệ.');
    expect(await refusal(emptied('bundle.sig.json'))).toBe('BundleError: Tệp "bundle.sig.json" không phải JSON hợp lệ.');
    const rec = recordOf(entries);
    rec.data = Buffer.alloc(0);
    expect(await refusal(resign(entries, signer))).toMatch(/^BundleError: Tệp "data\/records\/.*" không phải JSON hợp lệ/);
  });

  it('an attachment stored with no bytes but declaring some is refused', async () => {
    const { entries, signer } = await exported();
    const doc = documentOf(entries);
    resign(entries, signer);
    Object.assign(doc, { data: Buffer.alloc(0), declaredSize: 5000, compress: true });
    // The deflated stream of nothing is two bytes; the forged header says five thousand.
    expect(await refusal(entries)).toMatch(/^BundleError: /);
    const zeroStored = path.join(tempDir(), 'z.tdkt');
    const raw = rawZip(entries.map((e) => (e === doc ? { ...e, compress: false } : e)));
    await fs.writeFile(zeroStored, raw);
    await expect(verifyBundleFile(zeroStored, bundleKinds)).rejects.toThrow(BundleError);
  });
});

describe('a ZIP whose structure lies', () => {
  it('entries whose bytes overlap are refused, even when each local header is right', async () => {
    const { entries } = await exported();
    // The attachment's stored bytes hold a whole second entry, which the central directory also lists.
    const inner: RawEntry = { name: `data/evidence/${'b'.repeat(64)}.pdf`, data: Buffer.from('%PDF-1.4 ẩn bên trong') };
    const carrier: RawEntry = { name: `data/evidence/${'a'.repeat(64)}.pdf`, data: Buffer.concat([Buffer.alloc(10), localRecord(inner)]) };
    const zip = rawZip([carrier, ...entries]);
    const innerAt = 30 + carrier.name.length + 10;
    const forged = rawZip([carrier, { ...inner, pointsAt: innerAt }, ...entries]);
    expect(forged.length).toBeGreaterThan(zip.length);
    const file = path.join(tempDir(), 'chong.tdkt');
    await fs.writeFile(file, forged);
    await expect(verifyBundleFile(file, bundleKinds)).rejects.toThrow('chồng lên nhau');
  });

  it('thousands of signed entries sharing one compressed stream are refused before inflating', async () => {
    const { entries, signer } = await exported();
    const bomb = Buffer.alloc(1024 * 1024 - 1);
    const sha = crypto.createHash('sha256').update(bomb).digest('hex');
    const names = Array.from({ length: 3000 }, (_, i) => `data/evidence/${sha}.x${i}`);
    const shared: RawEntry[] = names.map((name, i) => ({ name, data: bomb, compress: true, ...(i ? { pointsAt: 0 } : {}) }));
    // Signed, listed and hashed correctly: only the structure gives it away (3 GB from a few MB).
    resign(entries, signer, (h) => h.files.push(...names.map((path) => ({ path, sha256: sha, size: bomb.length, media_type: 'application/octet-stream' }))));
    const file = path.join(tempDir(), 'bom.tdkt');
    await fs.writeFile(file, rawZip([shared[0]!, ...entries, ...shared.slice(1)]));
    await expect(verifyBundleFile(file, bundleKinds)).rejects.toThrow(/chồng lên nhau|không khớp với mục lục ZIP|bom nén/);
  });

  it.each([
    ['name', { name: 'data/documents/khac.docx' }],
    ['compression method', { method: 8 }],
    ['flags', { flags: 0x0008 }],
    ['size', { uncompressedSize: 1 }],
    ['CRC-32', { crc32: 1234 }],
  ])('a local header whose %s differs from the central directory is refused', async (_what, local) => {
    const { entries } = await exported();
    documentOf(entries).local = local;
    expect(await refusal(entries)).toMatch(/^BundleError: Phần đầu của tệp "data\/documents\/.*" không khớp với mục lục ZIP/);
  });

  it('an entry whose CRC-32 does not match its data is refused, in both headers alike', async () => {
    const { entries } = await exported();
    documentOf(entries).writtenCrc32 = 0xdeadbeef;
    expect(await refusal(entries)).toMatch(/^BundleError: Tệp "data\/documents\/.*" trong gói bị hỏng hoặc bị cắt cụt. Mã kiểm tra CRC-32 không khớp/);
    const fresh = await exported();
    fresh.entries.find((e) => e.name === 'bag-info.txt')!.writtenCrc32 = 7;
    expect(await refusal(fresh.entries)).toContain('Mã kiểm tra CRC-32 không khớp');
  });

  it('bytes hidden between entries are refused', async () => {
    const { entries } = await exported();
    const zip = rawZip(entries);
    const file = path.join(tempDir(), 'an.tdkt');
    // Shift everything by prepending junk, adjusting nothing: offsets no longer tile the file.
    await fs.writeFile(file, Buffer.concat([Buffer.from('PK\x03\x04 rác'), zip]));
    await expect(verifyBundleFile(file, bundleKinds)).rejects.toThrow(BundleError);
  });
});

describe('names that come from a file are looked up as own keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a record type "%s" is refused cleanly', async (type) => {
    const { entries, signer } = await exported();
    expect(await refusal(resign(entries, signer, (h) => void (h.records[0]!.type = type)))).toBe(`BundleError: Loại bản ghi "${type}" không có trong gói đăng ký thi đua.`);
  });
});

describe('the writer', () => {
  it('stores already-compressed attachments as they are, by extension or by media type, and deflates the rest', async () => {
    const { signer } = await exported();
    const body = Buffer.from('nội dung '.repeat(500));
    const sha = crypto.createHash('sha256').update(body).digest('hex');
    const cases: [string, string, boolean][] = [
      ['pdf', 'application/pdf', true],
      ['jpg', 'image/jpeg', true],
      ['png', 'image/png', true],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', true],
      ['zip', 'application/zip', true],
      ['dat', 'application/pdf', true],
      ['anh', 'image/jpeg', true],
      ['txt', 'text/plain', false],
      ['csv', 'text/csv; charset=utf-8', false],
    ];
    const bundle = await written(
      signer,
      cases.map(([ext, mediaType]) => ({ path: `data/evidence/${sha}.${ext}`, source: body, mediaType })),
    );
    const stored = (await readZip(bundle)).filter((e) => e.name.startsWith('data/evidence/')).map((e) => [e.name.split('.').pop(), !e.compress]);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(cases.map(([ext, , s]) => [ext, s])));
  });
});

/** The deputy's consolidated bundle, as the bad-input tests above see a registration bundle. */
async function consolidatedEntries() {
  const { consolidated, deputy } = await forwarded();
  return { file: consolidated, signer: deputy.signer, entries: await readZip(consolidated) };
}

const innerOf = (entries: RawEntry[]) => entries.find((e) => e.name.startsWith('data/bundles/'))!;

describe('bad consolidated bundles are refused with a reason, as registration bundles are', () => {
  it('as written, it re-verifies when its entries are copied into a new ZIP, the member’s bundle stored as it is', async () => {
    const { entries } = await consolidatedEntries();
    expect(innerOf(entries).compress).toBe(false);
    expect(await refusal(entries)).toBe('accepted');
  });

  it('truncated file', async () => {
    const { file } = await consolidatedEntries();
    const bytes = await fs.readFile(file);
    const cut = path.join(tempDir(), 'cut.tdkt');
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await expect(verifyBundleFile(cut, bundleKinds)).rejects.toThrow('bị cắt cụt');
  });

  it('one byte changed in the member’s bundle, in place in the file', async () => {
    const { file, entries } = await consolidatedEntries();
    const bytes = await fs.readFile(file);
    const at = bytes.indexOf(innerOf(entries).data.subarray(0, 64)) + 100;
    expect(at).toBeGreaterThan(100);
    bytes[at] = bytes[at]! ^ 0x01;
    const tampered = path.join(tempDir(), 't.tdkt');
    await fs.writeFile(tampered, bytes);
    await expect(verifyBundleFile(tampered, bundleKinds)).rejects.toThrow(/data\/bundles\/.*không khớp mã băm/);
  });

  type Case = [string, (c: Awaited<ReturnType<typeof consolidatedEntries>>) => RawEntry[], string | RegExp];
  it.each<Case>([
    [
      'one byte changed in bundle.json',
      ({ entries }) => {
        const header = entries.find((e) => e.name === 'bundle.json')!;
        header.data = Buffer.from(header.data.toString('utf8').replace('"seq": 1', '"seq": 7'));
        return entries;
      },
      'Chữ ký số không hợp lệ',
    ],
    [
      'signed by a different key than the one bundle.json names',
      ({ entries, signer }) => {
        const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
        const other = { privateKey, rawPublic: rawPublicKey(publicKey), keyId: keyIdOf(rawPublicKey(publicKey)) };
        return resign(entries, other, (h) => void (h.sender.key_id = signer.keyId));
      },
      'không phải của khóa mà gói ghi',
    ],
    ['an extra bundle not in the manifest', ({ entries }) => [...entries, { name: 'data/bundles/them.tdkt', data: innerOf(entries).data }], 'tệp thừa không có trong danh mục: "data/bundles/them.tdkt"'],
    ['an unknown file outside data/', ({ entries }) => [...entries, { name: 'readme.exe', data: Buffer.from('MZ') }], '"readme.exe" không thuộc định dạng'],
    ['the member’s bundle missing', ({ entries }) => entries.filter((e) => !e.name.startsWith('data/bundles/')), /thiếu tệp "data\/bundles\//],
    ['a nested bundle named with ".."', ({ entries }) => [...entries, { name: 'data/bundles/../../x.tdkt', data: Buffer.from('x') }], '".."'],
    ['a nested bundle at an absolute path', ({ entries }) => [...entries, { name: '/data/bundles/x.tdkt', data: Buffer.from('x') }], 'đường dẫn tuyệt đối'],
    ['a backslash', ({ entries }) => [...entries, { name: 'data\\bundles\\x.tdkt', data: Buffer.from('x') }], 'gạch ngược'],
    ['a link', ({ entries }) => [...entries, { name: 'data/bundles/link.tdkt', data: Buffer.from('/etc/passwd'), symlink: true }], 'liên kết (symlink)'],
    ['a duplicate entry name', ({ entries }) => [...entries, { ...innerOf(entries) }], 'xuất hiện hai lần'],
    ['a CRC-32 that does not match the member’s bundle', ({ entries }) => ((innerOf(entries).writtenCrc32 = 0xdeadbeef), entries), 'Mã kiểm tra CRC-32 không khớp'],
    [
      'malformed JSON in the record, even correctly signed',
      ({ entries, signer }) => ((recordOf(entries).data = Buffer.from('{"bundles": [')), resign(entries, signer)),
      /Tệp "data\/records\/.*" không phải JSON hợp lệ/,
    ],
    [
      'a record that fails its schema, even correctly signed',
      ({ entries, signer }) => {
        const rec = recordOf(entries);
        rec.data = Buffer.from(rec.data.toString('utf8').replace(/"received_at": "[^"]*"/, '"received_at": "hôm qua"'));
        return resign(entries, signer);
      },
      /Bản ghi ".*" sai cấu trúc: bundles\.0\.received_at/,
    ],
    ['a record whose type is unknown', ({ entries, signer }) => resign(entries, signer, (h) => void (h.records[0]!.type = 'registration')), 'Loại bản ghi "registration" không có trong gói tổng hợp'],
    ['a record larger than the limits', ({ entries }) => ((recordOf(entries).data = Buffer.alloc(5 * 1024 * 1024, 0x20)), entries), 'quá lớn'],
  ])('%s', async (_what, forge, reason) => {
    const c = await consolidatedEntries();
    const got = await refusal(forge(c));
    if (typeof reason === 'string') expect(got).toContain(reason);
    else expect(got).toMatch(reason);
    expect(got).toMatch(/^BundleError: /);
  });
});
