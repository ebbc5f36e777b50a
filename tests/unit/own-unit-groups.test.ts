import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schema } from '../../db/client';
import { groupInputSchema, unitSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { removeGroup, saveGroup } from '../../electron/services/groups-calendar/groups';
import { exportRegistration } from '../../electron/services/registration/export';
import { getOwnRegistration } from '../../electron/services/registration/registration';
import { getOwnUnit, updateOwnUnit } from '../../electron/services/units-keys/units';
import { testClock } from '../helpers/clock';
import { exchange, groupInput, leaderPinning, makeUnit, MEMBER, registeredMember } from '../helpers/units';

const file = (p: string) => ({ path: p, name: path.basename(p) });
type Sqlite = { $client: { prepare(s: string): { all(...a: unknown[]): unknown[]; get(...a: unknown[]): unknown } } };
const rows = (db: Sqlite, sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args);
/** Every table at once, to see that a refused change left nothing half-written. */
const snapshot = (db: Sqlite) =>
  ['units', 'own_unit', 'pinned_keys', 'emulation_groups', 'group_members', 'records'].map((t) =>
    rows(db, `select * from ${t} order by 1, 2`),
  );

describe('correcting the own unit', () => {
  it('changes name, kind, province and parent name, keeping the key', async () => {
    const { ws, unit } = await makeUnit(MEMBER);
    const updated = updateOwnUnit(ws, { ...MEMBER, name: 'Sở Tư pháp tỉnh Hà Giang (sửa)', kind: 'khac', province: 'Hà Giang mới', parentName: '' });
    expect(updated).toMatchObject({ code: MEMBER.code, name: 'Sở Tư pháp tỉnh Hà Giang (sửa)', kind: 'khac', province: 'Hà Giang mới', parentName: '', keyId: unit.keyId });
    expect(getOwnUnit(ws.db)).toEqual(updated);
  });

  it('changes the code before the first export in every row that stores it', async () => {
    const m = await registeredMember();
    const updated = updateOwnUnit(m.ws, unitSchema.parse({ ...MEMBER, code: 'stp-hgi' }));
    expect(updated).toMatchObject({ code: 'STP-HGI', keyId: m.unit.keyId, codeLockedReason: '' });
    expect(rows(m.ws.db, 'select code from units where code = ?', MEMBER.code)).toEqual([]);
    expect(rows(m.ws.db, 'select unit_code as c from own_unit')).toEqual([{ c: 'STP-HGI' }]);
    expect(rows(m.ws.db, 'select unit_code as c from pinned_keys where source = ?', 'own')).toEqual([{ c: 'STP-HGI' }]);
    expect(rows(m.ws.db, 'select unit_code as c from group_members where unit_code like ?', 'STP-HG%')).toEqual([{ c: 'STP-HGI' }]);
    expect(rows(m.ws.db, 'select distinct owner_code as c from records')).toEqual([{ c: 'STP-HGI' }]);
    expect(rows(m.ws.db, 'pragma foreign_key_check')).toEqual([]);
    // The draft is still ours and exports under the new code.
    expect(getOwnRegistration(m.ws.db, m.group.id)).toMatchObject({ status: 'draft' });
    await exportRegistration(m.ws, m.group.id);
    // The draft saved under the old code is sent with the new one.
    expect(rows(m.ws.db, "select owner_code as c, status, json_extract(content, '$.unit.code') as u from records where type = 'registration'")).toEqual([{ c: 'STP-HGI', status: 'frozen', u: 'STP-HGI' }]);
  });

  it('refuses a code another known unit already has', async () => {
    const m = await registeredMember();
    const before = snapshot(m.ws.db);
    expect(() => updateOwnUnit(m.ws, { ...MEMBER, code: 'STP-TQ' })).toThrow(/STP-TQ đã là mã của Sở Tư pháp tỉnh Tuyên Quang/);
    expect(snapshot(m.ws.db)).toEqual(before);
  });

  it('refuses a new code once a bundle was exported, saying when, and changes nothing', async () => {
    const m = await registeredMember();
    testClock.set('2022-02-05T20:00:00Z');
    try {
      await exportRegistration(m.ws, m.group.id);
    } finally {
      testClock.reset();
    }
    const reason = 'Mã đơn vị đã dùng trong gói hồ sơ gửi ngày 06/02/2022 nên không đổi được';
    expect(getOwnUnit(m.ws.db)!.codeLockedReason).toContain(reason);
    const before = snapshot(m.ws.db);
    expect(() => updateOwnUnit(m.ws, { ...MEMBER, code: 'STP-HGI', name: 'Tên khác' })).toThrow(reason);
    expect(snapshot(m.ws.db)).toEqual(before);
    // The other details can still be corrected.
    expect(updateOwnUnit(m.ws, { ...MEMBER, name: 'Tên khác' })).toMatchObject({ code: MEMBER.code, name: 'Tên khác' });
  });
});

describe('deleting a group made by mistake', () => {
  it('deletes the group-year with its members and drafts while nothing was sent or received', async () => {
    const m = await registeredMember();
    const other = saveGroup(m.ws, groupInputSchema.parse(groupInput({}, { code: 'CUM-KHAC', year: 2023 })));
    expect(removeGroup(m.ws.db, m.group.id)).toEqual({ removed: true });
    expect(rows(m.ws.db, 'select id from emulation_groups')).toEqual([{ id: other.id }]);
    expect(rows(m.ws.db, 'select distinct group_id as g from group_members')).toEqual([{ g: other.id }]);
    expect(rows(m.ws.db, "select * from records where type = 'registration'")).toEqual([]);
    // Units and keys stay: other groups and future bundles still name them.
    expect(rows(m.ws.db, 'select code from units').length).toBe(3);
  });

  it('refuses after an export, naming the sent bundle, and deletes nothing', async () => {
    const m = await registeredMember();
    await exportRegistration(m.ws, m.group.id);
    const before = snapshot(m.ws.db);
    expect(() => removeGroup(m.ws.db, m.group.id)).toThrow('Không xóa được Khu vực/Cụm KVTD-MNPB năm 2022 vì đã có 1 gói hồ sơ đã gửi');
    expect(snapshot(m.ws.db)).toEqual(before);
  });

  it('refuses after a bundle was received for it', async () => {
    const { leader, bundle } = await exchange();
    expect((await importBundleFile(leader.ws, file(bundle))).status).toBe('accepted');
    const before = snapshot(leader.ws.db);
    expect(() => removeGroup(leader.ws.db, leader.group.id)).toThrow('1 gói hồ sơ đã nhận');
    expect(snapshot(leader.ws.db)).toEqual(before);
  });

  it('refuses while a bundle for it waits in quarantine', async () => {
    const member = await registeredMember();
    const { path: bundle } = await exportRegistration(member.ws, member.group.id);
    const leader = await leaderPinning({});
    expect((await importBundleFile(leader.ws, file(bundle))).status).toBe('quarantined');
    expect(() => removeGroup(leader.ws.db, leader.group.id)).toThrow('1 gói hồ sơ đang chờ xác nhận khóa');
    expect(leader.ws.db.select().from(schema.emulationGroups).all()).toHaveLength(1);
  });

  it('says so when the group is already gone', async () => {
    const m = await registeredMember();
    removeGroup(m.ws.db, m.group.id);
    expect(() => removeGroup(m.ws.db, m.group.id)).toThrow('Không tìm thấy Khu vực/Cụm thi đua cần xóa.');
  });
});
