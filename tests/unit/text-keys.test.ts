import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { compareVi, comparePersonNames, foldVi, matchesVi, placeAndDate, formatDateVi } from '../../electron/services/text/vietnamese';
import { fingerprintWords, formatFingerprint, KeyStore, sign, verifySignature } from '../../electron/services/units-keys/keys';
import { fingerprintSchema } from '../../electron/ipc/contract';
import { tempDir } from '../helpers/units';

describe('Vietnamese text', () => {
  it('sorts with Vietnamese collation', () => {
    expect(['Điện Biên', 'Yên Bái', 'Bắc Kạn', 'Lào Cai', 'Bắc Giang', 'Lai Châu', 'Cao Bằng', 'Đắk Lắk'].sort(compareVi)).toEqual([
      'Bắc Giang',
      'Bắc Kạn',
      'Cao Bằng',
      'Đắk Lắk',
      'Điện Biên',
      'Lai Châu',
      'Lào Cai',
      'Yên Bái',
    ]);
  });
  it('sorts people by given name first', () => {
    expect(['Trần Văn Bình', 'Nguyễn Thị An', 'Lê Văn An', 'Đỗ Thị Ánh'].sort(comparePersonNames)).toEqual(['Lê Văn An', 'Nguyễn Thị An', 'Đỗ Thị Ánh', 'Trần Văn Bình']);
  });
  it('searches without tone marks', () => {
    expect(foldVi('Nguyễn Đức Thắng')).toBe('nguyen duc thang');
    expect(matchesVi('Nguyễn Đức Thắng', 'nguyen duc')).toBe(true);
    expect(matchesVi('Nguyễn Đức Thắng', 'DUC THANG')).toBe(true);
    expect(matchesVi('Nguyễn Đức Thắng', 'hùng')).toBe(false);
  });
  it('writes place and date as Decree 30 wants', () => {
    expect(placeAndDate('Tuyên Quang', '2022-02-05')).toBe('Tuyên Quang, ngày 05 tháng 02 năm 2022');
    expect(placeAndDate('Hà Giang', '2022-11-25')).toBe('Hà Giang, ngày 25 tháng 11 năm 2022');
    expect(formatDateVi('2022-02-09T20:00:00.000Z')).toBe('10/02/2022');
  });
});

describe('signing keys', () => {
  it('makes an Ed25519 key readable only by its owner, and signs with it', async () => {
    const dir = tempDir();
    const store = new KeyStore(path.join(dir, 'keys'));
    const { keyId, rawPublic } = await store.create();
    expect(keyId).toMatch(/^[0-9a-f]{32}$/);
    expect(formatFingerprint(keyId)).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const file = path.join(dir, 'keys', `${keyId}.pem`);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const { privateKey } = await store.load(keyId);
    const sig = sign(Buffer.from('bundle'), privateKey);
    expect(verifySignature(Buffer.from('bundle'), sig, rawPublic)).toBe(true);
    expect(verifySignature(Buffer.from('bundlE'), sig, rawPublic)).toBe(false);
  });
  it('seals the private key when the OS key store is available', async () => {
    const dir = tempDir();
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const store = new KeyStore(dir, { seal: xor, open: xor });
    const { keyId } = await store.create();
    expect(fs.readFileSync(path.join(dir, `${keyId}.sealed`)).toString('latin1')).not.toContain('PRIVATE KEY');
    await expect(store.load(keyId)).resolves.toBeTruthy();
  });
  it('spells every digit of the fingerprint in Vietnamese words, group by group', () => {
    expect(fingerprintWords('0b0d' + '0'.repeat(24) + '9aef')).toBe(
      'không Bê không Đê / không không không không / không không không không / không không không không / không không không không / không không không không / không không không không / chín A E Ép',
    );
  });

  it('loads a key made in the browser shell from the Electron window, sealing it on the way, and says why the reverse cannot', async () => {
    const dir = tempDir();
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const { keyId } = await new KeyStore(dir).create();
    const sealedStore = new KeyStore(dir, { seal: xor, open: xor });
    await expect(sealedStore.load(keyId)).resolves.toBeTruthy();
    expect(fs.readdirSync(dir)).toEqual([`${keyId}.sealed`]);
    await expect(sealedStore.load(keyId)).resolves.toBeTruthy();
    await expect(new KeyStore(dir).load(keyId)).rejects.toThrow('niêm phong bằng kho khóa của hệ điều hành');
    await expect(new KeyStore(tempDir()).load(keyId)).rejects.toThrow('Không tìm thấy khóa ký của đơn vị');
  });

  it('accepts a fingerprint as read over the phone', () => {
    expect(fingerprintSchema.parse('3f2a 9c01-AB12:cd34 0000 1111 2222 3333')).toBe('3f2a9c01ab12cd340000111122223333');
    expect(fingerprintSchema.safeParse('3f2a').error!.issues[0]!.message).toBe('Dấu vân tay khóa phải gồm đúng 32 chữ số hệ mười sáu.');
  });
});
