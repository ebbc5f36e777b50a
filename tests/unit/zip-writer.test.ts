import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { ZipWriter } from '../../electron/services/bundles/zip-writer';
import { writeBundle } from '../../electron/services/bundles/writer';
import { readZip } from '../helpers/zip';
import { keyIdOf, rawPublicKey } from '../../electron/services/units-keys/keys';
import { bundleFields, tempDir } from '../helpers/units';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('the ZIP container as written', () => {
  it('holds stored and deflated entries, from memory and from disk, that another ZIP reader extracts byte for byte', async () => {
    const dir = tempDir();
    // Sizes straddle the copy's 1 MB chunks and its ring of four, which turns on from file to file
    // (c.pdf and d.pdf start mid-ring, while a.pdf's last writes may still be under way).
    const MB = 1024 * 1024;
    const sources = {
      'data/evidence/a.pdf': crypto.randomBytes(MB * 5 + 17),
      'data/evidence/b.txt': Buffer.from('Báo cáo thành tích năm 2026\n'.repeat(40_000)),
      'data/evidence/empty.pdf': Buffer.alloc(0),
      'data/evidence/c.pdf': crypto.randomBytes(MB),
      'data/evidence/d.pdf': crypto.randomBytes(MB * 2 + 5),
    };
    for (const [name, bytes] of Object.entries(sources)) await fs.writeFile(path.join(dir, path.basename(name)), bytes);
    const file = path.join(dir, 'out.zip');
    const zip = await ZipWriter.create(file, 0o600);
    const record = Buffer.from(JSON.stringify({ ten: 'Sở Tư pháp tỉnh Hà Giang' }));
    await zip.addBuffer('data/records/r.json', record, true);
    const written: Record<string, { sha256: string; size: number }> = {};
    for (const name of Object.keys(sources)) {
      written[name] = await zip.addFile(name, path.join(dir, path.basename(name)), name.endsWith('.txt'));
    }
    await zip.close();

    const entries = await readZip(file);
    expect(entries.map((e) => e.name)).toEqual(['data/records/r.json', ...Object.keys(sources)]);
    expect(entries[0]!.data).toEqual(record);
    for (const e of entries) expect(e.crc32, e.name).toBe(zlib.crc32(e.data));
    for (const [name, bytes] of Object.entries(sources)) {
      const e = entries.find((x) => x.name === name)!;
      expect(e.data.equals(bytes), name).toBe(true);
      expect(e.compress, name).toBe(name.endsWith('.txt'));
      expect(written[name]).toEqual({ sha256: sha(bytes), size: bytes.length });
    }
    // No data descriptors: each local header already carries the CRC and sizes.
    const raw = await fs.readFile(file);
    for (let at = raw.indexOf(Buffer.from([0x50, 0x4b, 3, 4])); at >= 0; at = raw.indexOf(Buffer.from([0x50, 0x4b, 3, 4]), at + 4)) {
      if (raw.readUInt16LE(at + 26) === 0 || raw.readUInt16LE(at + 26) > 64) continue; // random bytes that look like a signature
      expect(raw.readUInt16LE(at + 6) & 0x0008).toBe(0);
    }
  });

  it('takes a hash the caller already knows as it is, and the bundle is kept only if every byte has that hash', async () => {
    const dir = tempDir();
    const scan = crypto.randomBytes(3 * 1024 * 1024 + 1);
    const source = path.join(dir, 'scan.pdf');
    await fs.writeFile(source, scan);
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const signer = { privateKey, rawPublic: rawPublicKey(publicKey), keyId: keyIdOf(rawPublicKey(publicKey)) };
    const write = (dest: string, known: string) =>
      writeBundle(dest, bundleFields(signer.keyId), [], [{ path: `data/evidence/${known}.pdf`, source, mediaType: 'application/pdf', sha256: known }], signer, bundleKinds);

    const known = sha(scan);
    const good = await write(path.join(dir, 'good.tdkt'), known);
    expect(good.header.files).toEqual([{ path: `data/evidence/${known}.pdf`, sha256: known, size: scan.length, media_type: 'application/pdf' }]);
    // The file is no longer what its hash says (one byte flipped in the middle): nothing is kept.
    scan[1_500_000]! ^= 1;
    await fs.writeFile(source, scan);
    await expect(write(path.join(dir, 'stale.tdkt'), known)).rejects.toMatchObject({ name: 'BundleError', path: `data/evidence/${known}.pdf` });
    expect((await fs.readdir(dir)).sort()).toEqual(['good.tdkt', 'scan.pdf']);
  });

  it('writes the ZIP64 end records when the entries outnumber the classic directory', async () => {
    const file = path.join(tempDir(), 'many.zip');
    const zip = await ZipWriter.create(file, 0o600);
    for (let i = 0; i < 0xffff; i++) await zip.addBuffer(`data/records/${i}.json`, Buffer.from(String(i)), false);
    await zip.close();
    const raw = await fs.readFile(file);
    expect(raw.readUInt16LE(raw.length - 22 + 10)).toBe(0xffff);
    expect(raw.readUInt32LE(raw.length - 22 - 20 - 56)).toBe(0x06064b50);
    // yauzl finds the directory through the ZIP64 records and lists every entry with its offset.
    const listed = await new Promise<yauzl.Entry[]>((resolve, reject) =>
      yauzl.fromBuffer(raw, { lazyEntries: false }, (err, z) => {
        if (err) return reject(err);
        const all: yauzl.Entry[] = [];
        z.on('entry', (e: yauzl.Entry) => all.push(e));
        z.on('end', () => resolve(all));
        z.on('error', reject);
      }),
    );
    expect(listed).toHaveLength(0xffff);
    const last = listed[0xfffe]!;
    expect(last.fileName).toBe('data/records/65534.json');
    expect(raw.subarray(last.relativeOffsetOfLocalHeader + 30 + last.fileNameLength).subarray(0, 5).toString()).toBe('65534');
  });

  it.skipIf(process.platform !== 'linux')('refuses, in Vietnamese, an attachment that is not the size it said it was', async () => {
    // /proc files report size 0 and then yield bytes: the same as a file growing while it is copied.
    const dest = path.join(tempDir(), 'b.tdkt');
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const signer = { privateKey, rawPublic: rawPublicKey(publicKey), keyId: keyIdOf(rawPublicKey(publicKey)) };
    const attempt = writeBundle(dest, bundleFields(signer.keyId), [], [{ path: 'data/evidence/status.txt', source: '/proc/self/status', mediaType: 'text/plain' }], signer, bundleKinds);
    await expect(attempt).rejects.toThrow('Một tệp đính kèm đã thay đổi trong lúc ghi gói');
    expect(await fs.readdir(path.dirname(dest))).toEqual([]);
  });
});
