import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, schema } from '../../db/client';
import { recreateRegistrationTables, undoMigrationsFrom } from '../helpers/migrations';
import { groupInputSchema } from '../../electron/ipc/contract';
import { decideQuarantine, importBundleFile, listQuarantine } from '../../electron/services/bundles/importer';
import { sendBundle } from '../../electron/services/bundles/outbox';
import { receiptsFor, writeReceipts } from '../../electron/services/bundles/receipts';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { getGroup, listGroups, saveGroup } from '../../electron/services/groups-calendar/groups';
import { planInForce } from '../../electron/services/groups-calendar/plan';
import { exportRegistration } from '../../electron/services/registration/export';
import { saveRegistration } from '../../electron/services/registration/registration';
import { pinnedKeysOf } from '../../electron/services/units-keys/units';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';

const file = (p: string) => ({ path: p, name: path.basename(p) });

/** A leader with the group set up, the member's and deputy's keys confirmed, and the kickoff published. */
async function kickedOff() {
  const member = await registeredMember();
  const deputy = await makeUnit(DEPUTY);
  const leader = await makeUnit(LEADER);
  const input = groupInput({ [MEMBER.code]: member.unit.keyId, [DEPUTY.code]: deputy.unit.keyId });
  const group = saveGroup(leader.ws, groupInputSchema.parse(input));
  const kickoff = await publishKickoff(leader.ws, group.id);
  return { member, deputy, leader: { ...leader, group }, kickoff };
}

describe('the kickoff', () => {
  it('brings the group, its members, the confirmed keys and the plan to a member who typed nothing', async () => {
    const { deputy, leader, kickoff, member } = await kickedOff();
    // The deputy's installation has no group at all: the leader's key is confirmed by phone first.
    const held = await importBundleFile(deputy.ws, file(kickoff.path));
    expect(held.status).toBe('quarantined');
    const [waiting] = listQuarantine(deputy.ws);
    expect(waiting!.fingerprint.replace(/\s/g, '').toLowerCase()).toBe(leader.unit.keyId);
    const landed = await decideQuarantine(deputy.ws, waiting!.id, true);
    expect(landed.status, landed.reason).toBe('accepted');
    expect(landed.reason).toContain('khởi động năm');

    const [group] = listGroups(deputy.ws.db);
    expect(group).toMatchObject({ code: 'KVTD-MNPB', year: 2022, ownRole: 'deputy', registrationDeadline: '2022-02-10' });
    expect(group!.members.map((m) => [m.code, m.role])).toEqual([
      ['STP-TQ', 'leader'],
      ['THADS-TQ', 'deputy'],
      ['STP-HG', 'member'],
    ]);
    // The member's key, confirmed by the leader, is pinned here without a phone call of the deputy's own.
    expect(pinnedKeysOf(deputy.ws.db, MEMBER.code).map((k) => k.keyId)).toEqual([member.unit.keyId]);
    expect(planInForce(deputy.ws.db, 'KVTD-MNPB', 2022)!.ownerCode).toBe(LEADER.code);

    // Importing it again changes nothing.
    expect((await importBundleFile(deputy.ws, file(kickoff.path))).status).toBe('duplicate');
  });

  it('the leader’s plan replaces the deadline the member had typed from the paper plan', async () => {
    const { leader, member } = await kickedOff();
    saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId }, { id: leader.group.id, registrationDeadline: '2022-02-12' })));
    const second = await publishKickoff(leader.ws, leader.group.id);
    // The member had typed the group with 10/02 and pinned the leader by fingerprint.
    saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
    expect(getGroup(member.ws.db, member.group.id).registrationDeadline).toBe('2022-02-10');
    const result = await importBundleFile(member.ws, file(second.path));
    expect(result.status, result.reason).toBe('accepted');
    expect(getGroup(member.ws.db, member.group.id).registrationDeadline).toBe('2022-02-12');
  });

  it('is refused from a unit that is not the leader it names, and when it leaves this unit out', async () => {
    const { member, deputy, leader } = await kickedOff();
    // A member forges a kickoff of its own for the same group, naming itself nowhere as leader.
    saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId, [DEPUTY.code]: deputy.unit.keyId }, { id: member.group.id })));
    const forged = await sendBundle(member.ws, {
      kind: 'kickoff',
      group: member.group,
      recipients: [DEPUTY.code],
      fileStem: 'gia-mao',
      prepare: () => ({ records: [], undo: () => {} }),
    });
    saveGroup(deputy.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId })));
    const refused = await importBundleFile(deputy.ws, file(forged.path));
    expect(refused.status).toBe('refused');
    expect(refused.reason).toBe('Gói khởi động năm chỉ do Trưởng gửi; Sở Tư pháp tỉnh Hà Giang (STP-HG) là thành viên của Khu vực/Cụm.');

    // A unit with no group yet: the same forgery (no group record) is refused once its key is confirmed.
    const fresh = await makeUnit(DEPUTY);
    expect((await importBundleFile(fresh.ws, file(forged.path))).status).toBe('quarantined');
    const decided = await decideQuarantine(fresh.ws, listQuarantine(fresh.ws)[0]!.id, true);
    expect(decided.status).toBe('refused');
    expect(decided.reason).toContain('Gói khởi động năm thiếu bản ghi bắt buộc (group, plan).');
    expect(listGroups(fresh.ws.db)).toEqual([]);
  });
});

describe('receipts', () => {
  it('go back for every accepted bundle, to one folder, and the member sees its bundle received with the date', async () => {
    const { member, leader, kickoff } = await kickedOff();
    saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
    expect((await importBundleFile(member.ws, file(kickoff.path))).status).toBe('accepted');
    const sent = await exportRegistration(member.ws, member.group.id);
    const accepted = await importBundleFile(leader.ws, file(sent.path));
    expect(accepted.status, accepted.reason).toBe('accepted');
    const bundleId = leader.ws.db.select().from(schema.receivedBundles).all()[0]!.bundleId;

    const usb = tempDir('usb-');
    const written = await writeReceipts(leader.ws, [bundleId], usb);
    expect(written).toHaveLength(1);
    expect(fs.readdirSync(usb)).toEqual([path.basename(written[0]!.file)]);

    const sentId = member.ws.db.select().from(schema.sentBundles).all().find((b) => b.kind === 'registration')!.bundleId;
    expect(receiptsFor(member.ws.db, [sentId]).size).toBe(0);
    const receipt = await importBundleFile(member.ws, file(written[0]!.file));
    expect(receipt.status, receipt.reason).toBe('accepted');
    expect(receipt.reason).toContain('biên nhận');
    const got = receiptsFor(member.ws.db, [sentId]).get(sentId)!;
    expect(got.by).toBe(LEADER.code);
    expect(got.receivedAt).toBe(leader.ws.db.select().from(schema.receivedBundles).all()[0]!.receivedAt);
  });

  it('are judged per record: a receipt older in number than a later kickoff is not stale', async () => {
    const { member, leader, kickoff } = await kickedOff();
    saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
    await importBundleFile(member.ws, file(kickoff.path));
    const sent = await exportRegistration(member.ws, member.group.id);
    await importBundleFile(leader.ws, file(sent.path));
    const [receipt] = await writeReceipts(leader.ws, [leader.ws.db.select().from(schema.receivedBundles).all()[0]!.bundleId], tempDir('usb-'));
    // The leader then corrects the deadline and publishes again: a higher number than the receipt's.
    saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId }, { id: leader.group.id, registrationDeadline: '2022-02-14' })));
    const again = await publishKickoff(leader.ws, leader.group.id);
    expect((await importBundleFile(member.ws, file(again.path))).status).toBe('accepted');
    const late = await importBundleFile(member.ws, file(receipt!.file));
    expect(late.status, late.reason).toBe('accepted');
  });

  it('are refused for a bundle this unit never sent', async () => {
    const { member, leader, kickoff } = await kickedOff();
    saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
    await importBundleFile(member.ws, file(kickoff.path));
    const sent = await exportRegistration(member.ws, member.group.id);
    await importBundleFile(leader.ws, file(sent.path));
    const [receipt] = await writeReceipts(leader.ws, [leader.ws.db.select().from(schema.receivedBundles).all()[0]!.bundleId], tempDir('usb-'));
    member.ws.db.delete(schema.sentBundles).run();
    const refused = await importBundleFile(member.ws, file(receipt!.file));
    expect(refused.status).toBe('refused');
    expect(refused.reason).toContain('Biên nhận này xác nhận một gói không do đơn vị này gửi.');
  });
});

describe('the calendar owns the deadline', () => {
  it('moves a registration deadline stored before the calendar into the plan, for every group', () => {
    const file = path.join(tempDir(), 'thidua.db');
    openDatabase(file).$client.close();
    const raw = new Database(file);
    // Back to the schema of 0002, with a group as an earlier version stored it: 0003 and every migration after it run again.
    undoMigrationsFrom(raw, '0003_');
    // What they dropped: 0003 the group's registration deadline, registrations_in_records the registration tables.
    raw.exec('alter table emulation_groups add column registration_deadline text;');
    recreateRegistrationTables(raw);
    raw.prepare("insert into units (code, name, kind, province, updated_at) values ('STP-TQ', 'Sở Tư pháp tỉnh Tuyên Quang', 'so_tu_phap', 'Tuyên Quang', '2022-01-01')").run();
    raw.prepare("insert into own_unit (id, unit_code, key_id, created_at) values (1, 'STP-TQ', '00112233445566778899aabbccddeeff', '2022-01-01')").run();
    raw.prepare("insert into emulation_groups (code, year, name, kind, registration_deadline, created_at) values ('KVTD-MNPB', 2022, 'Khu vực', 'khu_vuc', '2022-02-10', '2022-01-01')").run();
    raw.prepare("insert into emulation_groups (code, year, name, kind, registration_deadline, created_at) values ('KVTD-MNPB', 2023, 'Khu vực', 'khu_vuc', NULL, '2023-01-01')").run();
    raw.close();
    const db = openDatabase(file);
    const plans = db.select().from(schema.records).all();
    expect(plans).toHaveLength(1);
    const plan = JSON.parse(plans[0]!.content) as { milestones: { key: string; deadline: unknown }[] };
    expect(plan.milestones).toEqual([expect.objectContaining({ key: 'registration', deadline: { type: 'date', date: '2022-02-10' } })]);
    expect(plans[0]).toMatchObject({ type: 'plan', ownerCode: 'STP-TQ', groupCode: 'KVTD-MNPB', year: 2022, status: 'draft', version: 1 });
    expect(plans[0]!.recordId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    db.$client.close();
  });

  it('keeps the member’s typed deadline editable from the group form, as the registration milestone', async () => {
    const member = await registeredMember();
    expect(getGroup(member.ws.db, member.group.id).registrationDeadline).toBe('2022-02-10');
    saveGroup(member.ws, groupInputSchema.parse(groupInput({}, { id: member.group.id, registrationDeadline: '' })));
    expect(getGroup(member.ws.db, member.group.id).registrationDeadline).toBeNull();
    saveRegistration(member.ws, member.input);
  });
});
