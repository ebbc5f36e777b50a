import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { schema } from '../../db/client';
import { collectBundleFiles, decideQuarantine, importBundleFile, importBundleFiles, listQuarantine } from '../../electron/services/bundles/importer';
import { exportRegistration } from '../../electron/services/registration/export';
import { saveRegistration } from '../../electron/services/registration/registration';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { overview } from '../../electron/services/registration/overview';
import { groupInputSchema } from '../../electron/ipc/contract';
import { readZip, writeRawZip } from '../helpers/zip';
import { exchange, groupInput, leaderPinning, MEMBER, registeredMember, resign, tempDir } from '../helpers/units';
import type { Workspace } from '../../electron/services/workspace/workspace';

const file = (p: string) => ({ path: p, name: path.basename(p) });
const tableCounts = (ws: Workspace) =>
  Object.fromEntries(
    (['records', 'receivedBundles', 'quarantinedBundles', 'pinnedKeys', 'units'] as const).map((t) => [
      t,
      ws.db.select({ n: count() }).from(schema[t]).get()!.n,
    ]),
  );
const registrations = (ws: Workspace) => ws.db.select().from(schema.records).where(eq(schema.records.type, 'registration')).all();
const query = (groupId: number) => ({ groupId, search: '', scope: 'all' as const, unitKind: 'all' as const, titleCode: '', sort: 'unit' as const, descending: false });

describe('importing a member registration', () => {
  it('accepts a bundle signed by the pinned key and shows it in the matrix and the table', async () => {
    const { leader, bundle } = await exchange();
    const [r] = await importBundleFiles(leader.ws, [file(bundle)]);
    expect(r).toMatchObject({ status: 'accepted' });
    const view = overview(leader.ws, query(leader.group.id));
    const row = view.matrix.find((m) => m.unitCode === MEMBER.code)!;
    expect(row.receivedAt).not.toBeNull();
    expect(row.version).toBe(1);
    expect(view.rows.filter((x) => x.unitCode === MEMBER.code).map((x) => `${x.personName}|${x.titleName}`)).toEqual([
      '|Tập thể lao động xuất sắc',
      'Đặng Văn Bình|Lao động tiên tiến',
      'Nguyễn Thị Hương|Chiến sĩ thi đua cơ sở',
    ]);
    // The signed original is archived unchanged.
    const stored = leader.ws.db.select().from(schema.receivedBundles).get()!;
    expect(await fs.readFile(path.join(leader.ws.dataDir, stored.archivePath))).toEqual(await fs.readFile(bundle));
  });

  it('says the same bundle twice is a duplicate and changes nothing', async () => {
    const { leader, bundle } = await exchange();
    await importBundleFile(leader.ws, file(bundle));
    const before = tableCounts(leader.ws);
    const again = await importBundleFile(leader.ws, { path: bundle, name: 'ban-sao.tdkt' });
    expect(again.status).toBe('duplicate');
    expect(again.reason).toContain('đã được nhận');
    expect(tableCounts(leader.ws)).toEqual(before);
  });

  it('lands the same bundle once when two imports race, keeping its archived original', async () => {
    const { leader, bundle } = await exchange();
    const results = await Promise.all([importBundleFile(leader.ws, file(bundle)), importBundleFile(leader.ws, file(bundle))]);
    expect(results.map((r) => r.status).sort()).toEqual(['accepted', 'duplicate']);
    const rows = leader.ws.db.select().from(schema.receivedBundles).all();
    expect(rows).toHaveLength(1);
    expect(await fs.readFile(path.join(leader.ws.dataDir, rows[0]!.archivePath))).toEqual(await fs.readFile(bundle));
  });

  it('refuses an older version of a record as stale: it never overwrites the newer one', async () => {
    const member = await registeredMember();
    const first = await exportRegistration(member.ws, member.group.id);
    saveRegistration(member.ws, { ...member.input, collective: [{ titleCode: 'CO_BTP', note: '' }] });
    const second = await exportRegistration(member.ws, member.group.id);
    expect([first.version, second.version, first.seq, second.seq]).toEqual([1, 2, 1, 2]);
    const leader = await leaderPinning({ [MEMBER.code]: member.unit.keyId });
    expect((await importBundleFile(leader.ws, file(second.path))).status).toBe('accepted');
    const stale = await importBundleFile(leader.ws, file(first.path));
    expect(stale.status).toBe('stale');
    expect(stale.reason).toContain('Gói cũ: đã có phiên bản mới hơn của đăng ký thi đua');
    const view = overview(leader.ws, query(leader.group.id));
    expect(view.rows.filter((r) => r.scope === 'collective').map((r) => r.titleCode)).toEqual(['CO_BTP']);
  });

  it('keeps older versions as history when a newer one arrives', async () => {
    const member = await registeredMember();
    const first = await exportRegistration(member.ws, member.group.id);
    const leader = await leaderPinning({ [MEMBER.code]: member.unit.keyId });
    await importBundleFile(leader.ws, file(first.path));
    saveRegistration(member.ws, { ...member.input, collective: [] });
    const second = await exportRegistration(member.ws, member.group.id);
    expect((await importBundleFile(leader.ws, file(second.path))).status).toBe('accepted');
    const versions = registrations(leader.ws).map((r) => r.version);
    expect(versions.sort()).toEqual([1, 2]);
    expect(overview(leader.ws, query(leader.group.id)).matrix.find((m) => m.unitCode === MEMBER.code)!.version).toBe(2);
  });

  it('holds a bundle from an unpinned key in quarantine until a person confirms it', async () => {
    const member = await registeredMember();
    const { path: bundle } = await exportRegistration(member.ws, member.group.id);
    const leader = await leaderPinning({});
    const r = await importBundleFile(leader.ws, file(bundle));
    expect(r.status).toBe('quarantined');
    expect(r.reason).toContain(member.unit.fingerprint);
    expect(registrations(leader.ws)).toHaveLength(0);
    const held = listQuarantine(leader.ws);
    expect(held).toMatchObject([{ senderCode: MEMBER.code, fingerprint: member.unit.fingerprint }]);
    expect((await importBundleFile(leader.ws, file(bundle))).reason).toContain('đã nằm trong danh sách chờ');
    const confirmed = await decideQuarantine(leader.ws, held[0]!.id, true);
    expect(confirmed.status).toBe('accepted');
    expect(listQuarantine(leader.ws)).toEqual([]);
    expect(leader.ws.db.select().from(schema.pinnedKeys).all().some((k) => k.keyId === member.unit.keyId && k.source === 'quarantine_confirmed')).toBe(true);
  });

  it('discards a quarantined bundle that a person rejects', async () => {
    const member = await registeredMember();
    const { path: bundle } = await exportRegistration(member.ws, member.group.id);
    const leader = await leaderPinning({});
    await importBundleFile(leader.ws, file(bundle));
    const [held] = listQuarantine(leader.ws);
    expect((await decideQuarantine(leader.ws, held!.id, false)).status).toBe('refused');
    expect(listQuarantine(leader.ws)).toEqual([]);
    expect(leader.ws.db.select().from(schema.pinnedKeys).all().some((k) => k.keyId === member.unit.keyId)).toBe(false);
    expect(await fs.readdir(leader.ws.dir.quarantine)).toEqual([]);
  });

  it('holds a bundle signed by another key than the sender pinned for a phone check (a replaced key), landing nothing', async () => {
    const impostor = await registeredMember();
    const { path: bundle } = await exportRegistration(impostor.ws, impostor.group.id);
    const leader = await leaderPinning({ [MEMBER.code]: 'ABCD EF01 2345 6789 ABCD EF01 2345 6789' });
    const before = tableCounts(leader.ws);
    const r = await importBundleFile(leader.ws, file(bundle));
    expect(r.status).toBe('quarantined');
    expect(r.reason).toContain('khác khóa đã ghim của Sở Tư pháp tỉnh Hà Giang (STP-HG): đơn vị báo đã thay khóa: hãy gọi điện đối chiếu dấu vân tay mới');
    expect(tableCounts(leader.ws)).toEqual({ ...before, quarantinedBundles: 1 });
    expect(await fs.readdir(leader.ws.dir.received)).toEqual([]);
  });

  it('refuses a bundle for another group or year', async () => {
    const member = await registeredMember();
    const { path: bundle } = await exportRegistration(member.ws, member.group.id);
    const leader = await leaderPinning({});
    saveGroup(leader.ws, groupInputSchema.parse({ ...groupInput({ [MEMBER.code]: member.unit.keyId }), id: leader.group.id, year: 2023 }));
    const r = await importBundleFile(leader.ws, file(bundle));
    expect(r.status).toBe('refused');
    expect(r.reason).toContain('Gói dành cho Khu vực/Cụm mã "KVTD-MNPB" năm 2022, nhưng đơn vị này chỉ khai báo Khu vực/Cụm mã "KVTD-MNPB" năm 2023.');
  });

  it('refuses a tampered copy and leaves what is stored as it was', async () => {
    const { leader, bundle } = await exchange();
    await importBundleFile(leader.ws, file(bundle));
    const before = tableCounts(leader.ws);
    const entries = await readZip(bundle);
    const rec = entries.find((e) => e.name.startsWith('data/records/'))!;
    rec.data = Buffer.from(rec.data.toString().replace('Nguyễn Thị Hương', 'Nguyễn Thị Hường'));
    const forged = path.join(tempDir(), 'sua.tdkt');
    await writeRawZip(forged, entries);
    const r = await importBundleFile(leader.ws, file(forged));
    expect(r).toMatchObject({ status: 'refused', file: 'sua.tdkt' });
    expect(r.reason).toContain('không khớp mã băm');
    expect(tableCounts(leader.ws)).toEqual(before);
  });

  it('takes a whole folder, ignoring other files, and reports a missing file', async () => {
    const { leader, bundle } = await exchange();
    const usb = tempDir('usb-');
    await fs.mkdir(path.join(usb, 'khu-vuc'));
    await fs.copyFile(bundle, path.join(usb, 'khu-vuc', 'a.tdkt'));
    await fs.writeFile(path.join(usb, 'ghi-chu.txt'), 'x');
    const found = await collectBundleFiles([usb, path.join(usb, 'khong-co.tdkt')]);
    expect(found.map((f) => f.name)).toEqual(['a.tdkt', path.join(usb, 'khong-co.tdkt')]);
    const results = await importBundleFiles(leader.ws, found);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'refused']);
    expect(results[1]!.reason).toContain('Không đọc được tệp');
  });
});

describe('a batch never stops at one bad bundle', () => {
  it('reports a bundle with a hostile record type refused and still imports the others', async () => {
    const { member, leader, bundle } = await exchange();
    const signer = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
    const bad: string[] = [];
    for (const type of ['constructor', '__proto__']) {
      const forged = path.join(tempDir(), `${type}.tdkt`);
      await writeRawZip(forged, resign(await readZip(bundle), signer, (h) => void ((h.records[0]!.type = type), (h.bundle_id = crypto.randomUUID()))));
      bad.push(forged);
    }
    const results = await importBundleFiles(leader.ws, [file(bad[0]!), file(bad[1]!), file(bundle)]);
    expect(results.map((r) => r.status)).toEqual(['refused', 'refused', 'accepted']);
    expect(results[0]!.reason).toBe('Loại bản ghi "constructor" không có trong gói đăng ký thi đua. Đề nghị đơn vị gửi lại gói.');
    expect(results[1]!.reason).toContain('Loại bản ghi "__proto__" không có trong gói đăng ký thi đua.');
  });

  it('refuses a pipe named as a bundle at once instead of reading it without end, and goes on', async () => {
    const { leader, bundle } = await exchange();
    const pipe = path.join(tempDir(), 'goi.tdkt');
    execFileSync('mkfifo', [pipe]);
    const results = await importBundleFiles(leader.ws, [file(pipe), file(bundle)]);
    expect(results.map((r) => r.status)).toEqual(['refused', 'accepted']);
    expect(results[0]!.reason).toBe('Đường dẫn không phải là một tệp gói hồ sơ. Hãy chọn tệp .tdkt.');
  });

  it('turns an unexpected failure into a refusal in Vietnamese with the technical detail behind it', async () => {
    const { leader, bundle } = await exchange();
    // The archive folder cannot be made: the system's own error, not a rule of the format.
    await fs.rm(leader.ws.dir.received, { recursive: true, force: true });
    await fs.writeFile(leader.ws.dir.received, 'không phải thư mục');
    const before = tableCounts(leader.ws);
    const [r] = await importBundleFiles(leader.ws, [file(bundle)]);
    expect(r!.status).toBe('refused');
    expect(r!.reason).toMatch(/^Không nhập được gói do một lỗi không lường trước; dữ liệu đã lưu không thay đổi\. .*Chi tiết kỹ thuật: E[A-Z]+/);
    expect(tableCounts(leader.ws)).toEqual(before);
  });

  it('says when a bundle was received as dd/mm/yyyy, never as an ISO date', async () => {
    const { leader, bundle } = await exchange();
    await importBundleFile(leader.ws, file(bundle));
    const again = await importBundleFile(leader.ws, file(bundle));
    expect(again.reason).toMatch(/đã được nhận ngày \d{2}\/\d{2}\/\d{4};/);
    expect(again.reason).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('trust is decided before the payload is read', () => {
  /** A bundle from the member's key carrying `count` records of `size` bytes each that no schema accepts. */
  async function heavy(count: number, size: number) {
    const member = await registeredMember();
    const { path: bundle } = await exportRegistration(member.ws, member.group.id);
    const signer = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
    const entries = await readZip(bundle);
    const extra = Array.from({ length: count }, () => {
      const record_id = crypto.randomUUID();
      const filler = crypto.randomBytes((size * 3) / 4).toString('base64');
      const data = Buffer.from(JSON.stringify({ record_id, type: 'registration', version: 1, filler }));
      return { record_id, data, sha256: crypto.createHash('sha256').update(data).digest('hex') };
    });
    entries.push(...extra.map((r) => ({ name: `data/records/${r.record_id}.v1.json`, data: r.data, compress: true })));
    resign(entries, signer, (h) => {
      h.files.push(...extra.map((r) => ({ path: `data/records/${r.record_id}.v1.json`, sha256: r.sha256, size: r.data.length, media_type: 'application/json' })));
      h.records.push(...extra.map((r) => ({ record_id: r.record_id, type: 'registration', version: 1, content_sha256: r.sha256 })));
    });
    const forged = path.join(tempDir(), 'nang.tdkt');
    await writeRawZip(forged, entries);
    return { member, forged };
  }

  it('quarantines a bundle from an unknown key without parsing its records, and validates them once the key is confirmed', async () => {
    const { member, forged } = await heavy(400, 100_000);
    const leader = await leaderPinning({});
    const before = process.memoryUsage();
    let peak = before.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const r = await importBundleFile(leader.ws, file(forged));
    clearInterval(sampler);
    expect(r).toMatchObject({ status: 'quarantined' });
    expect(r.reason).toContain(member.unit.fingerprint);
    // 40 MB of records: none of it is held (an old reader parsed them all, then refused the bundle for their schema).
    expect((Math.max(peak, process.memoryUsage().rss) - before.rss) / 1024 / 1024).toBeLessThan(100);
    const [held] = listQuarantine(leader.ws);
    const confirmed = await decideQuarantine(leader.ws, held!.id, true);
    expect(confirmed.status).toBe('refused');
    expect(confirmed.reason).toMatch(/^Bản ghi "data\/records\/.*" sai cấu trúc: .*Đề nghị đơn vị gửi lại gói\.$/);
    expect(registrations(leader.ws)).toHaveLength(0);
    expect(leader.ws.db.select().from(schema.receivedBundles).all()).toHaveLength(0);
  });

  it('holds a bundle signed by another key than the one pinned without parsing its records', async () => {
    const { forged } = await heavy(3, 1000);
    const leader = await leaderPinning({ [MEMBER.code]: 'ABCD EF01 2345 6789 ABCD EF01 2345 6789' });
    const r = await importBundleFile(leader.ws, file(forged));
    expect(r.status).toBe('quarantined');
    expect(r.reason).toContain('đơn vị báo đã thay khóa');
  });
});
