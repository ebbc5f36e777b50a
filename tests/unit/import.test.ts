import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { schema } from '../../db/client';
import { collectBundleFiles, decideQuarantine, importBundleFile, importBundleFiles, listQuarantine } from '../../electron/services/bundles/importer';
import { exportRegistration } from '../../electron/services/registration/export';
import { saveRegistration } from '../../electron/services/registration/registration';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { overview } from '../../electron/services/registration/overview';
import { groupInputSchema } from '../../electron/ipc/contract';
import { readZip, writeRawZip } from '../helpers/zip';
import { exchange, groupInput, leaderPinning, MEMBER, registeredMember, tempDir } from '../helpers/units';
import type { Workspace } from '../../electron/services/workspace/workspace';

const file = (p: string) => ({ path: p, name: path.basename(p) });
const tableCounts = (ws: Workspace) =>
  Object.fromEntries(
    (['registrations', 'registrationTargets', 'receivedBundles', 'quarantinedBundles', 'pinnedKeys', 'units'] as const).map((t) => [
      t,
      ws.db.select({ n: count() }).from(schema[t]).get()!.n,
    ]),
  );
const query = (groupId: number) => ({ groupId, search: '', scope: 'all' as const, unitKind: 'all' as const, titleCode: '', sort: 'unit' as const, descending: false });

describe('importing a member registration', () => {
  it('accepts a bundle signed by the pinned key and shows it in the matrix and the table', async () => {
    const { leader, bundle } = await exchange();
    const [r] = await importBundleFiles(leader.ws, [file(bundle)]);
    expect(r).toMatchObject({ status: 'accepted' });
    const view = overview(leader.ws.db, query(leader.group.id));
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

  it('refuses an older seq from the same sender as stale, and lands a newer version as history', async () => {
    const member = await registeredMember();
    const first = await exportRegistration(member.ws, member.group.id);
    saveRegistration(member.ws.db, { ...member.input, collective: [{ titleCode: 'CO_BTP', note: '' }] });
    const second = await exportRegistration(member.ws, member.group.id);
    expect([first.version, second.version, first.seq, second.seq]).toEqual([1, 2, 1, 2]);
    const leader = await leaderPinning({ [MEMBER.code]: member.unit.keyId });
    expect((await importBundleFile(leader.ws, file(second.path))).status).toBe('accepted');
    const stale = await importBundleFile(leader.ws, file(first.path));
    expect(stale.status).toBe('stale');
    expect(stale.reason).toContain('số thứ tự 1 không mới hơn gói số 2');
    const view = overview(leader.ws.db, query(leader.group.id));
    expect(view.rows.filter((r) => r.scope === 'collective').map((r) => r.titleCode)).toEqual(['CO_BTP']);
  });

  it('keeps older versions as history when a newer one arrives', async () => {
    const member = await registeredMember();
    const first = await exportRegistration(member.ws, member.group.id);
    const leader = await leaderPinning({ [MEMBER.code]: member.unit.keyId });
    await importBundleFile(leader.ws, file(first.path));
    saveRegistration(member.ws.db, { ...member.input, collective: [] });
    const second = await exportRegistration(member.ws, member.group.id);
    expect((await importBundleFile(leader.ws, file(second.path))).status).toBe('accepted');
    const versions = leader.ws.db.select({ v: schema.registrations.version }).from(schema.registrations).all().map((r) => r.v);
    expect(versions.sort()).toEqual([1, 2]);
    expect(overview(leader.ws.db, query(leader.group.id)).matrix.find((m) => m.unitCode === MEMBER.code)!.version).toBe(2);
  });

  it('holds a bundle from an unpinned key in quarantine until a person confirms it', async () => {
    const member = await registeredMember();
    const { path: bundle } = await exportRegistration(member.ws, member.group.id);
    const leader = await leaderPinning({});
    const r = await importBundleFile(leader.ws, file(bundle));
    expect(r.status).toBe('quarantined');
    expect(r.reason).toContain(member.unit.fingerprint);
    expect(leader.ws.db.select().from(schema.registrations).all()).toHaveLength(0);
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

  it('refuses a bundle signed by another key than the sender pinned, writing nothing', async () => {
    const impostor = await registeredMember();
    const { path: bundle } = await exportRegistration(impostor.ws, impostor.group.id);
    const leader = await leaderPinning({ [MEMBER.code]: 'ABCD EF01 2345 6789 ABCD EF01 2345 6789' });
    const before = tableCounts(leader.ws);
    const r = await importBundleFile(leader.ws, file(bundle));
    expect(r.status).toBe('refused');
    expect(r.reason).toContain('không phải khóa đã ghim của Sở Tư pháp tỉnh Hà Giang');
    expect(tableCounts(leader.ws)).toEqual(before);
    expect(await fs.readdir(leader.ws.dir.received)).toEqual([]);
  });

  it('refuses a bundle for another group or year', async () => {
    const member = await registeredMember();
    const { path: bundle } = await exportRegistration(member.ws, member.group.id);
    const leader = await leaderPinning({});
    saveGroup(leader.ws.db, groupInputSchema.parse({ ...groupInput({ [MEMBER.code]: member.unit.keyId }), id: leader.group.id, year: 2023 }));
    const r = await importBundleFile(leader.ws, file(bundle));
    expect(r.status).toBe('refused');
    expect(r.reason).toContain('Gói dành cho Khu vực/Cụm "KVTD-MNPB" năm 2022');
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
