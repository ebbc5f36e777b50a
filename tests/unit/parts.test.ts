import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { schema } from '../../db/client';
import { collectBundleFiles, importBundleFiles } from '../../electron/services/bundles/importer';
import { discardHeldWhole, heldWholes, partLimitBytes, partsNeeded, setPartLimit, splitBundle, type PartHeader } from '../../electron/services/bundles/parts';
import { exportRegistration } from '../../electron/services/registration/export';
import { saveRegistration } from '../../electron/services/registration/registration';
import { exchange, tempDir } from '../helpers/units';
import { testClock } from '../helpers/clock';
import type { Workspace } from '../../electron/services/workspace/workspace';

/** Small parts, so a registration bundle (about 20 KB with its printed DOCX) travels as several. */
const PART_BYTES = 6 * 1024;

const file = (p: string) => ({ path: p, name: path.basename(p) });
const files = (ps: string[]) => ps.map(file);
const tableCounts = (ws: Workspace) => ({
  receivedBundles: ws.db.select({ n: count() }).from(schema.receivedBundles).get()!.n,
  quarantinedBundles: ws.db.select({ n: count() }).from(schema.quarantinedBundles).get()!.n,
  registrations: ws.db.select({ n: count() }).from(schema.records).where(eq(schema.records.type, 'registration')).get()!.n,
});
const holding = async (ws: Workspace) => (await fs.readdir(path.join(ws.dataDir, 'bundles', 'parts')).catch(() => [])).filter((n) => !n.endsWith('.done.json'));

async function splitExchange() {
  const ex = await exchange();
  const parts = await splitBundle(ex.bundle, PART_BYTES, tempDir('parts-'), ex.leader.ws.kinds);
  return { ...ex, parts };
}

/** Rewrites a part's header (same reserved length), leaving its range as it is. */
async function editHeader(part: string, edit: (h: PartHeader & { extra?: number }) => void): Promise<void> {
  const bytes = await fs.readFile(part);
  const length = bytes.readUInt32BE(8);
  const header = JSON.parse(bytes.subarray(12, 12 + length).toString('utf8')) as PartHeader;
  edit(header);
  const json = Buffer.alloc(length, 0x20);
  Buffer.from(JSON.stringify(header)).copy(json);
  json.copy(bytes, 12);
  await fs.writeFile(part, bytes);
}

afterEach(() => testClock.reset());

describe('bundles that fit the mail: parts', () => {
  it('writes numbered parts that each fit, every one only a byte range of the signed bundle', async () => {
    const { bundle, parts } = await splitExchange();
    const whole = await fs.readFile(bundle);
    expect(parts.length).toBe(partsNeeded(whole.length, PART_BYTES));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const n = String(parts.length).padStart(2, '0');
    expect(path.basename(parts[0]!)).toBe(`${path.basename(bundle, '.tdkt')}.part-01-of-${n}.tdkt-part`);
    const ranges: Buffer[] = [];
    for (const p of parts) {
      const bytes = await fs.readFile(p);
      expect(bytes.length).toBeLessThanOrEqual(PART_BYTES);
      expect(bytes.subarray(0, 8).toString()).toBe('TDKTPART');
      const header = JSON.parse(bytes.subarray(12, 12 + bytes.readUInt32BE(8)).toString());
      expect(header.bundle.sha256).toBe(crypto.createHash('sha256').update(whole).digest('hex'));
      ranges.push(bytes.subarray(12 + bytes.readUInt32BE(8)));
    }
    // Nothing but the header and the whole's own bytes, in order.
    expect(Buffer.concat(ranges).equals(whole)).toBe(true);
  });

  it('refuses to split a bundle that already fits, or into parts too small', async () => {
    const { bundle, leader } = await exchange();
    await expect(splitBundle(bundle, 20 * 1024 * 1024, tempDir(), leader.ws.kinds)).rejects.toThrow('không cần chia');
    await expect(splitBundle(bundle, 1500, tempDir(), leader.ws.kinds)).rejects.toThrow('quá nhỏ');
  });

  it('imports shuffled parts arriving in two batches: held naming the missing ones, then joined, verified and accepted once', async () => {
    const { leader, bundle, parts } = await splitExchange();
    const shuffled = [...parts].reverse();
    const first = shuffled.slice(0, 2);
    const [held] = await importBundleFiles(leader.ws, files(first));
    const n = parts.length;
    const missing = parts
      .map((_, i) => i + 1)
      .filter((i) => !first.includes(parts[i - 1]!))
      .map((i) => `phần ${i}/${n}`);
    expect(held).toMatchObject({ status: 'held' });
    expect(held!.reason).toContain(`Đã giữ 2/${n} phần`);
    expect(held!.reason).toContain(`Còn thiếu ${missing.join(', ')} của gói "${path.basename(bundle)}"`);
    expect(tableCounts(leader.ws)).toMatchObject({ receivedBundles: 0, registrations: 0 });

    // The rest from a folder, the ones already held among them.
    const folder = tempDir('usb-');
    for (const p of shuffled.slice(1)) await fs.copyFile(p, path.join(folder, path.basename(p)));
    const results = await importBundleFiles(leader.ws, await collectBundleFiles([folder]));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'accepted', file: `${path.basename(bundle)} (${n} phần)` });
    expect(results[0]!.reason).toMatch(new RegExp(`^Đã ghép đủ ${n} phần và kiểm tra toàn vẹn gói .*Đã nhận gói đăng ký thi đua`));
    const stored = leader.ws.db.select().from(schema.receivedBundles).get()!;
    expect(await fs.readFile(path.join(leader.ws.dataDir, stored.archivePath))).toEqual(await fs.readFile(bundle));
    expect(await holding(leader.ws)).toEqual([]);

    // The same parts again, all or one: nothing changes and nothing is held.
    const before = tableCounts(leader.ws);
    const again = await importBundleFiles(leader.ws, files(parts));
    expect(again).toEqual([expect.objectContaining({ status: 'duplicate' })]);
    expect(again[0]!.reason).toContain('đã được ghép đủ');
    expect((await importBundleFiles(leader.ws, files([parts[1]!])))[0]!.status).toBe('duplicate');
    expect(tableCounts(leader.ws)).toEqual(before);
    expect(await holding(leader.ws)).toEqual([]);
  });

  it('names the one part dropped, and imports once it comes', async () => {
    const { leader, parts } = await splitExchange();
    const n = parts.length;
    const [r] = await importBundleFiles(leader.ws, files(parts.filter((_, i) => i !== 2)));
    expect(r!.status).toBe('held');
    expect(r!.reason).toContain(`Còn thiếu phần 3/${n} của gói`);
    const [late] = await importBundleFiles(leader.ws, files([parts[2]!]));
    expect(late!.status).toBe('accepted');
    expect(await heldWholes(leader.ws)).toEqual([]);
  });

  it('shows the wholes still waiting for parts, and gives one up on request', async () => {
    const { leader, parts, bundle } = await splitExchange();
    const n = parts.length;
    testClock.set('2026-11-20T03:00:00.000Z');
    await importBundleFiles(leader.ws, files([parts[3]!]));
    testClock.set('2026-11-23T08:30:00.000Z');
    await importBundleFiles(leader.ws, files([parts[0]!]));
    testClock.reset();
    const sha = crypto.createHash('sha256').update(await fs.readFile(bundle)).digest('hex');
    const [waiting, ...others] = await heldWholes(leader.ws);
    expect(others).toEqual([]);
    expect(waiting).toMatchObject({ sha256: sha, name: path.basename(bundle), count: n, held: [1, 4] });
    expect(waiting!.lastReceived).toBe('2026-11-23T08:30:00.000Z');

    await expect(discardHeldWhole(leader.ws, '../' + sha.slice(3))).rejects.toThrow('Mã gói không hợp lệ.');
    await discardHeldWhole(leader.ws, sha);
    expect(await heldWholes(leader.ws)).toEqual([]);
    expect(await holding(leader.ws)).toEqual([]);
    // Given up, not remembered: the same parts brought again are held again, and the whole lands once complete.
    const [again] = await importBundleFiles(leader.ws, files([parts[0]!]));
    expect(again!.reason).toContain(`Đã giữ 1/${n} phần`);
    const [whole] = await importBundleFiles(leader.ws, files(parts.slice(1)));
    expect(whole!.status).toBe('accepted');
  });

  it('refuses a tampered part naming it, holds the others, and accepts the whole once the good part comes', async () => {
    const { leader, parts } = await splitExchange();
    const n = parts.length;
    const tampered = path.join(tempDir(), path.basename(parts[1]!));
    const bytes = await fs.readFile(parts[1]!);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    await fs.writeFile(tampered, bytes);
    const results = await importBundleFiles(leader.ws, files([...parts.filter((_, i) => i !== 1), tampered]));
    const refused = results.find((r) => r.status === 'refused')!;
    expect(refused.file).toBe(path.basename(tampered));
    expect(refused.reason).toContain(`phần 2/${n} của gói`);
    expect(refused.reason).toContain('đã bị thay đổi trên đường gửi');
    expect(results.find((r) => r.status === 'held')!.reason).toContain(`Còn thiếu phần 2/${n}`);
    expect(tableCounts(leader.ws).receivedBundles).toBe(0);
    expect((await importBundleFiles(leader.ws, files([parts[1]!])))[0]!.status).toBe('accepted');
  });

  it('refuses the joined whole when a part was altered together with its own hash, and forgets the parts', async () => {
    const { leader, parts } = await splitExchange();
    const forged = path.join(tempDir(), path.basename(parts[0]!));
    const bytes = await fs.readFile(parts[0]!);
    const start = 12 + bytes.readUInt32BE(8);
    bytes[start + 100] = bytes[start + 100]! ^ 0xff;
    await fs.writeFile(forged, bytes);
    await editHeader(forged, (h) => {
      h.part.sha256 = crypto.createHash('sha256').update(bytes.subarray(start)).digest('hex');
    });
    const [r] = await importBundleFiles(leader.ws, files([forged, ...parts.slice(1)]));
    expect(r!.status).toBe('refused');
    expect(r!.reason).toContain('mã băm của cả gói không khớp');
    expect(tableCounts(leader.ws).receivedBundles).toBe(0);
    expect(await holding(leader.ws)).toEqual([]);
    // The genuine parts, sent again, go through.
    expect((await importBundleFiles(leader.ws, files(parts)))[0]!.status).toBe('accepted');
  });

  it('names a held part that changed in the holding folder when the whole does not join', async () => {
    const { leader, parts } = await splitExchange();
    await importBundleFiles(leader.ws, files(parts.slice(1)));
    const [sha] = await holding(leader.ws);
    const held = path.join(leader.ws.dataDir, 'bundles', 'parts', sha!, '0002.tdkt-part');
    const bytes = await fs.readFile(held);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    await fs.writeFile(held, bytes);
    const [r] = await importBundleFiles(leader.ws, files([parts[0]!]));
    expect(r!.status).toBe('refused');
    expect(r!.reason).toContain(`phần 2/${parts.length} đã bị thay đổi trong thư mục lưu tạm`);
    expect(await holding(leader.ws)).toEqual([]);
  });

  it('keeps a part of another bundle with the same name apart from this one', async () => {
    const { member, leader, bundle, parts } = await splitExchange();
    saveRegistration(member.ws, { ...member.input, collective: [{ titleCode: 'CO_BTP', note: '' }] });
    const second = await exportRegistration(member.ws, member.group.id);
    // Renamed to the first one's name, as a person saving two files might.
    const renamed = path.join(tempDir(), path.basename(bundle));
    await fs.copyFile(second.path, renamed);
    const otherParts = await splitBundle(renamed, PART_BYTES, tempDir(), leader.ws.kinds);
    expect(path.basename(otherParts[0]!)).toBe(path.basename(parts[0]!));
    const results = await importBundleFiles(leader.ws, files([...parts, otherParts[0]!]));
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'held']);
    expect(results.find((r) => r.status === 'held')!.reason).toContain(`Đã giữ 1/${otherParts.length} phần`);
    const rest = await importBundleFiles(leader.ws, files(otherParts.slice(1)));
    expect(rest).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect(tableCounts(leader.ws).receivedBundles).toBe(2);
  });

  it('refuses a part that differs from the one held for the same place', async () => {
    const { leader, parts } = await splitExchange();
    await importBundleFiles(leader.ws, files([parts[0]!]));
    const other = path.join(tempDir(), path.basename(parts[0]!));
    const bytes = await fs.readFile(parts[0]!);
    const start = 12 + bytes.readUInt32BE(8);
    bytes[start + 5] = bytes[start + 5]! ^ 0x01;
    await fs.writeFile(other, bytes);
    await editHeader(other, (h) => {
      h.part.sha256 = crypto.createHash('sha256').update(bytes.subarray(start)).digest('hex');
    });
    const [r] = await importBundleFiles(leader.ws, files([other]));
    expect(r).toMatchObject({ status: 'refused', file: path.basename(other) });
    expect(r!.reason).toContain(`khác với phần 1/${parts.length} đã nhận trước đó`);
  });

  describe('bad parts are refused with the reason, and nothing is held', () => {
    const cases: [string, (p: string) => Promise<void>, string][] = [
      ['truncated', async (p) => fs.truncate(p, (await fs.stat(p)).size - 7), 'bị cắt cụt'],
      ['with bytes added', async (p) => fs.appendFile(p, 'x'), 'thêm dữ liệu lạ'],
      ['not a part at all', async (p) => fs.writeFile(p, 'PK\u0003\u0004 not a part'), 'không phải là một phần gói'],
      ['cut inside its header', async (p) => fs.truncate(p, 40), 'cắt cụt ngay ở phần đầu'],
      ['with a bad header JSON', async (p) => editRaw(p, (b) => b.write('{"format": tdkt', 12)), 'không phải JSON hợp lệ'],
      ['with a huge header length', async (p) => editRaw(p, (b) => b.writeUInt32BE(0x7fffffff, 8)), 'ngoài giới hạn'],
      ['whose count disagrees with the size', async (p) => editHeader(p, (h) => (h.part.count += 1)), 'số phần ghi là'],
      ['whose index is out of range', async (p) => editHeader(p, (h) => (h.part.index = h.part.count + 1)), 'vượt quá tổng số'],
      ['whose byte range is not its place', async (p) => editHeader(p, (h) => (h.part.offset += 1)), 'không khớp với vị trí'],
      ['declaring a huge whole', async (p) => editHeader(p, (h) => (h.bundle.size = 1e13)), 'trường "bundle.size"'],
      ['with an unknown field', async (p) => editHeader(p, (h) => (h.extra = 1)), 'sai định dạng'],
      ['with a whole name that is a path', async (p) => editHeader(p, (h) => (h.bundle.name = '../x.tdkt')), 'trường "bundle.name"'],
    ];
    for (const [what, spoil, reason] of cases) {
      it(`a part ${what}`, async () => {
        const { leader, parts } = await splitExchange();
        const bad = path.join(tempDir(), path.basename(parts[1]!));
        await fs.copyFile(parts[1]!, bad);
        await spoil(bad);
        const [r] = await importBundleFiles(leader.ws, files([bad]));
        expect(r).toMatchObject({ status: 'refused', file: path.basename(bad) });
        expect(r!.reason).toContain(reason);
        expect(r!.reason).toContain('Đề nghị đơn vị gửi lại phần này.');
        expect(await holding(leader.ws)).toEqual([]);
      });
    }
  });

  it('on the command line: thidua split writes the parts, thidua import takes them from folders in two runs', async () => {
    const { leader, bundle } = await exchange();
    const dbFile = path.join(leader.ws.dataDir, 'thidua.sqlite');
    leader.ws.close();
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.resolve('dist/cli.js'), ...args], { encoding: 'utf8' });
    const out = tempDir('mail-');
    const split = cli('split', bundle, '--max', '6KB', '--out', out);
    expect(split.status).toBe(0);
    const parts = (await fs.readdir(out)).sort();
    expect(split.stdout).toContain(`thành ${parts.length} phần`);
    const [usb1, usb2] = [tempDir('usb-'), tempDir('usb-')];
    for (const [i, name] of parts.entries()) await fs.copyFile(path.join(out, name), path.join(i % 2 ? usb2 : usb1, name));
    const first = cli('import', '--db', dbFile, '--json', usb1);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual([expect.objectContaining({ status: 'held', reason: expect.stringContaining('Còn thiếu phần 2/') })]);
    const second = cli('import', '--db', dbFile, usb2);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^ĐÃ NHẬN {2}.*\(\d+ phần\): Đã ghép đủ/);
    expect(cli('split', bundle, '--max', 'nhiều').stderr).toContain('--max phải là dung lượng như 20MB hoặc 512KB');
    // Four runs of the command line, each starting Node and opening the database.
  }, 120_000);

  it('keeps the mail limit per installation: 20 MB unless set, whole MB within bounds', async () => {
    const { leader } = await exchange();
    expect(partLimitBytes(leader.ws.db)).toBe(20 * 1024 * 1024);
    expect(setPartLimit(leader.ws.db, 10)).toBe(10 * 1024 * 1024);
    expect(partLimitBytes(leader.ws.db)).toBe(10 * 1024 * 1024);
    expect(() => setPartLimit(leader.ws.db, 0)).toThrow('từ 1 đến 2000 MB');
    expect(() => setPartLimit(leader.ws.db, 2.5)).toThrow('số nguyên');
  });
});

async function editRaw(part: string, edit: (b: Buffer) => void): Promise<void> {
  const bytes = await fs.readFile(part);
  edit(bytes);
  await fs.writeFile(part, bytes);
}
