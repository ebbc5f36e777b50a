import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { exportRegistration } from '../../electron/services/registration/export';
import { keyIdOf, rawPublicKey } from '../../electron/services/units-keys/keys';
import { readZip, writeRawZip, type RawEntry } from '../helpers/zip';
import { registeredMember, resign, tempDir, type TestSigner } from '../helpers/units';

async function exported() {
  const member = await registeredMember();
  const { path: file } = await exportRegistration(member.ws, member.group.id);
  const signer: TestSigner = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
  return { member, file, signer, entries: await readZip(file) };
}

async function refusal(entries: RawEntry[]): Promise<string> {
  const file = path.join(tempDir(), 'forged.tdkt');
  await writeRawZip(file, entries);
  return verifyBundleFile(file).then(
    () => 'accepted',
    (e: Error) => `${e.name}: ${e.message}`,
  );
}

const recordOf = (entries: RawEntry[]) => entries.find((e) => e.name.startsWith('data/records/'))!;
const documentOf = (entries: RawEntry[]) => entries.find((e) => e.name.startsWith('data/documents/'))!;

describe('a bundle as written', () => {
  it('holds the BagIt layout, the record, the DOCX, and verifies', async () => {
    const { file, entries, member } = await exported();
    expect(entries.map((e) => e.name).sort()).toEqual(
      ['bag-info.txt', 'bagit.txt', 'bundle.json', 'bundle.sig.json', 'manifest-sha256.txt', recordOf(entries).name, documentOf(entries).name].sort(),
    );
    const v = await verifyBundleFile(file);
    expect(v.header.sender).toEqual({ unit_code: 'STP-HG', unit_name: 'Sở Tư pháp tỉnh Hà Giang', key_id: member.unit.keyId });
    expect(v.header.kind).toBe('registration');
    expect(v.records).toHaveLength(1);
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
    await expect(verifyBundleFile(file)).rejects.toThrow('không phải tệp ZIP');
  });

  it('truncated file', async () => {
    const { file } = await exported();
    const bytes = await fs.readFile(file);
    const cut = path.join(tempDir(), 'cut.tdkt');
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(verifyBundleFile(cut)).rejects.toThrow('bị cắt cụt');
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
    await expect(verifyBundleFile(tampered)).rejects.toThrow(/data\/documents\/.*không khớp mã băm/);
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
    resign(entries, signer);
    Object.assign(doc, { compress: true, declaredSize: 1000 });
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
    expect(await refusal(resign(entries, signer, (h) => void (h.records[0]!.type = 'bí_mật')))).toContain('Loại bản ghi "bí_mật" không được hỗ trợ');
  });
});
