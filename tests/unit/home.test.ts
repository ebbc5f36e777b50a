import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schema } from '../../db/client';
import { groupInputSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { receiptsFor, writeReceipts } from '../../electron/services/bundles/receipts';
import { memberDeadlinesSchema } from '../../electron/services/groups-calendar/board-schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { memberDeadlines } from '../../electron/services/groups-calendar/home';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { exportRegistration } from '../../electron/services/registration/export';
import { testClock } from '../helpers/clock';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';
import { forwarded, gatheredGroup } from '../helpers/consolidated';

afterEach(() => testClock.reset());
const at = (iso: string) => testClock.set(iso);
const file = (p: string) => ({ path: p, name: path.basename(p) });

/** The member holds the leader's plan from the kickoff, as in a real year. */
async function memberWithPlan() {
  const member = await registeredMember();
  const deputy = await makeUnit(DEPUTY);
  const leader = await makeUnit(LEADER);
  const leaderGroup = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId, [DEPUTY.code]: deputy.unit.keyId })));
  const kickoff = await publishKickoff(leader.ws, leaderGroup.id);
  saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
  const landed = await importBundleFile(member.ws, file(kickoff.path));
  expect(landed.status, landed.reason).toBe('accepted');
  return { member, leader };
}

describe('the member’s home screen of deadlines', () => {
  it('lists what it owes, due first, to whom, with days left or overdue', async () => {
    const { member } = await memberWithPlan();
    const home = memberDeadlinesSchema.parse(memberDeadlines(member.ws.db, member.group.id, { today: '2022-02-12T03:00:00.000Z' }));
    expect(home.unit).toEqual({ code: MEMBER.code, name: MEMBER.name, role: 'member' });
    // Overdue first, then by deadline, then what has no date yet; nothing sent.
    expect(home.milestones.map((m) => [m.key, m.state, m.daysLeft])).toEqual([
      ['registration', 'overdue', -2],
      ['plan-comments', 'due_soon', 3],
      ['mid-year-report', 'not_yet_due', 108],
      ['year-end-report', 'not_yet_due', 266],
      ['year-end-dossier', 'not_yet_due', 266],
      ['inspection-self-report', 'no_deadline', null],
    ]);
    const registration = home.milestones[0]!;
    expect(registration.to).toEqual([
      { role: 'leader', roleName: 'Trưởng Khu vực thi đua', units: [LEADER.name] },
      { role: 'deputy', roleName: 'Phó Trưởng Khu vực thi đua', units: [DEPUTY.name] },
      { role: 'ministry', roleName: 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp', units: [] },
    ]);
    expect(registration.toText).toBe(`Trưởng Khu vực thi đua (${LEADER.name}); Phó Trưởng Khu vực thi đua (${DEPUTY.name}); Vụ Thi đua - Khen thưởng, Bộ Tư pháp`);
    expect(registration.stateText).toBe('Quá hạn 2 ngày (hạn 10/02/2022).');
    expect(registration.rule).toBe('trước ngày 10/02/2022');
    expect(registration.sent).toEqual([]);
    expect(registration.receiptText).toBe('');
    expect(home.milestones[1]!.to).toEqual([{ role: 'leader', roleName: 'Trưởng Khu vực thi đua', units: [LEADER.name] }]);
    expect(home.milestones.at(-1)!.stateText).toBe('Chưa có hạn.');
  });

  it('shows what was sent, after what is still due, and the receipt once it comes back', async () => {
    const { member, leader } = await memberWithPlan();
    // 23:30 in Vietnam on the deadline day.
    at('2022-02-10T16:30:00.000Z');
    const exported = await exportRegistration(member.ws, member.group.id);
    const today = { today: '2022-02-12T03:00:00.000Z' };

    let home = memberDeadlines(member.ws.db, member.group.id, today);
    expect(home.milestones.map((m) => m.key)).toEqual(['plan-comments', 'mid-year-report', 'year-end-report', 'year-end-dossier', 'inspection-self-report', 'registration']);
    let registration = home.milestones.at(-1)!;
    expect(registration.state).toBe('on_time');
    expect(registration.stateText).toBe('Đã gửi ngày 10/02/2022, đúng hạn.');
    const seq = member.ws.db.select().from(schema.sentBundles).all().find((b) => b.kind === 'registration')!.seq;
    expect(registration.sent).toEqual([{ bundleId: expect.any(String), seq, sentAt: '2022-02-10T16:30:00.000Z', receipt: null }]);
    expect(registration.receiptText).toBe('');

    at('2022-02-11T02:00:00.000Z');
    expect((await importBundleFile(leader.ws, file(exported.path))).status).toBe('accepted');
    const accepted = leader.ws.db.select().from(schema.receivedBundles).all().find((b) => b.kind === 'registration')!;
    const [receipt] = await writeReceipts(leader.ws, [accepted.bundleId], tempDir('usb-'));
    const back = await importBundleFile(member.ws, file(receipt!.file));
    expect(back.status, back.reason).toBe('accepted');

    home = memberDeadlines(member.ws.db, member.group.id, today);
    registration = home.milestones.at(-1)!;
    expect(registration.sent[0]!.receipt).toEqual({ receivedAt: '2022-02-11T02:00:00.000Z', by: LEADER.code, byName: LEADER.name });
    expect(registration.receiptText).toBe(`Đã được ${LEADER.name} tiếp nhận ngày 11/02/2022.`);

    // A correction sent again: the first submission still dates it, the new one waits for its receipt.
    at('2022-02-14T02:00:00.000Z');
    await exportRegistration(member.ws, member.group.id);
    registration = memberDeadlines(member.ws.db, member.group.id, today).milestones.at(-1)!;
    expect(registration.state).toBe('on_time');
    expect(registration.sent).toHaveLength(2);
    expect(registration.receiptText).toBe(`Đã được ${LEADER.name} tiếp nhận ngày 11/02/2022; bản gửi ngày 14/02/2022 chưa có biên nhận.`);
  });

  it('tells the leader’s receipt for a bundle the deputy forwarded, whichever receipt was imported last', async () => {
    const { member, deputy, leader, consolidated } = await forwarded();
    saveGroup(member.ws, groupInputSchema.parse(gatheredGroup({ [LEADER.code]: leader.unit.keyId, [DEPUTY.code]: deputy.unit.keyId }, { id: member.group.id })));
    const sent = member.ws.db.select().from(schema.sentBundles).all().find((b) => b.kind === 'registration')!;
    const received = deputy.ws.db.select().from(schema.receivedBundles).all().find((b) => b.kind === 'registration')!;
    const [fromDeputy] = await writeReceipts(deputy.ws, [received.bundleId], tempDir('usb-'));
    expect((await importBundleFile(leader.ws, file(consolidated))).status).toBe('accepted');
    const outer = leader.ws.db.select().from(schema.receivedBundles).all().find((b) => b.kind === 'consolidated')!;
    const fromLeader = (await writeReceipts(leader.ws, [outer.bundleId], tempDir('usb-'))).find((r) => r.senderCode === member.unit.code)!;
    // The leader's receipt comes back first, the deputy's (older) one after it.
    for (const r of [fromLeader, fromDeputy!]) expect((await importBundleFile(member.ws, file(r.file))).status).toBe('accepted');
    expect(receiptsFor(member.ws.db, [sent.bundleId]).get(sent.bundleId)).toEqual({ receivedAt: '2022-02-20T03:00:00.000Z', by: LEADER.code });
  });

  it('gives the deputy its consolidated steps, each bundle to the step whose deadline is nearest', async () => {
    const deputy = await makeUnit(DEPUTY);
    const leader = await makeUnit(LEADER);
    const leaderGroup = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [DEPUTY.code]: deputy.unit.keyId })));
    const kickoff = await publishKickoff(leader.ws, leaderGroup.id);
    const own = saveGroup(deputy.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId })));
    expect((await importBundleFile(deputy.ws, file(kickoff.path))).status).toBe('accepted');
    // Its registration summary, a day late, and its mid-year one, early.
    for (const [n, createdAt] of [
      [1, '2022-02-16T02:00:00.000Z'],
      [2, '2022-06-01T02:00:00.000Z'],
    ] as const) {
      deputy.ws.db.insert(schema.sentBundles).values({ bundleId: `00000000-0000-4000-8000-00000000000${n}`, kind: 'consolidated', groupCode: 'KVTD-MNPB', year: 2022, seq: 100 + n, createdAt, archivePath: 'x.tdkt' }).run();
    }
    const home = memberDeadlines(deputy.ws.db, own.id, { today: '2022-06-02T03:00:00.000Z' });
    const step = (key: string) => home.milestones.find((m) => m.key === key)!;
    expect(step('registration-consolidated')).toMatchObject({ state: 'late', stateText: 'Đã gửi ngày 16/02/2022, muộn 1 ngày (hạn 15/02/2022).', sent: [expect.objectContaining({ seq: 101 })] });
    expect(step('registration-consolidated').toText).toBe(`Trưởng Khu vực thi đua (${LEADER.name})`);
    expect(step('mid-year-consolidated')).toMatchObject({ state: 'on_time', sent: [expect.objectContaining({ seq: 102 })] });
    expect(step('year-end-consolidated')).toMatchObject({ state: 'not_yet_due', sent: [] });
    expect(step('inspection-consolidated')).toMatchObject({ state: 'no_deadline', sent: [] });
    // The deputy registers to the leader and the Ministry, not to itself.
    expect(step('registration').to.map((t) => t.role)).toEqual(['leader', 'ministry']);
  });

  it('says so, in Vietnamese, for a group this unit is not in', async () => {
    const leader = await makeUnit(LEADER);
    const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput()));
    leader.ws.db.delete(schema.groupMembers).run();
    expect(() => memberDeadlines(leader.ws.db, group.id, { today: '2022-02-12T03:00:00.000Z' })).toThrow(/^Đơn vị này không có trong danh sách thành viên của Khu vực thi đua/);
  });
});
