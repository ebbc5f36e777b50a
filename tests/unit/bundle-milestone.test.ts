import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../../db/client';
import { groupInputSchema } from '../../electron/ipc/contract';
import type { BundleHeader } from '../../electron/services/bundles/format';
import { exportConsolidated } from '../../electron/services/bundles/consolidated';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import type { StatusBoard } from '../../electron/services/groups-calendar/board-schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { memberDeadlines } from '../../electron/services/groups-calendar/home';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { statusBoard } from '../../electron/services/groups-calendar/status-board';
import { exportRegistration } from '../../electron/services/registration/export';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { file, gatheredGroup, GATHERED, on } from '../helpers/consolidated';
import { DEPUTY, LEADER, makeUnit, registeredMember, resign, tempDir } from '../helpers/units';
import { rawZip, readZip } from '../helpers/zip';

/**
 * A bundle names the plan milestone it answers: the deputy sends a consolidated bundle for each of
 * four milestones, and the leader credits each to the one it names, not to the nearest by date.
 */

async function year() {
  on('2022-02-05');
  const member = await registeredMember(GATHERED, gatheredGroup());
  const deputy = await makeUnit(DEPUTY);
  const leader = await makeUnit(LEADER);
  const deputyGroup = saveGroup(deputy.ws, groupInputSchema.parse(gatheredGroup({ [GATHERED.code]: member.unit.keyId, [LEADER.code]: leader.unit.keyId })));
  const leaderGroup = saveGroup(leader.ws, groupInputSchema.parse(gatheredGroup({ [DEPUTY.code]: deputy.unit.keyId, [GATHERED.code]: member.unit.keyId })));
  // The deputy holds the leader's plan, with its four consolidated steps.
  const kickoff = await importBundleFile(deputy.ws, file((await publishKickoff(leader.ws, leaderGroup.id)).path));
  expect(kickoff.status, kickoff.reason).toBe('accepted');
  /** The member sends its registration on `sent`, the deputy receives it at once and forwards it on `forwarded`. */
  const relay = async (sent: string, forwarded: string) => {
    on(sent);
    const registration = await exportRegistration(member.ws, member.group.id);
    const received = await importBundleFile(deputy.ws, file(registration.path));
    expect(received.status, received.reason).toBe('accepted');
    on(forwarded);
    return exportConsolidated(deputy.ws, deputyGroup.id);
  };
  const headerOf = async (p: string) => (await verifyBundleFile(p, bundleKinds)).header;
  return { member, deputy: { ...deputy, group: deputyGroup }, leader: { ...leader, group: leaderGroup }, relay, headerOf };
}

const cell = (board: StatusBoard, code: string, key: string) => board.rows.find((r) => r.code === code)!.cells[board.columns.findIndex((c) => c.key === key)]!;

describe('a bundle names the milestone it answers', () => {
  it('credits two consolidated bundles each to its own milestone, though the second is sent nearer the first’s deadline', async () => {
    const { deputy, leader, relay, headerOf } = await year();
    // A day late for the registration step (15/02): still that step, not mid-year's four months away.
    const first = await relay('2022-02-10', '2022-02-16');
    expect(first.milestone).toEqual({ key: 'registration-consolidated', title: 'Tổng hợp đăng ký thi đua năm 2022 của các Cục Thi hành án dân sự thành viên Khu vực thi đua', deadline: '2022-02-15' });
    // The registration step answered, the next open one is mid-year's (05/06), though 01/03 is nearer 15/02.
    const second = await relay('2022-02-25', '2022-03-01');
    expect(second.milestone).toMatchObject({ key: 'mid-year-consolidated', deadline: '2022-06-05' });
    expect((await headerOf(first.path)).milestone).toBe('registration-consolidated');
    expect((await headerOf(second.path)).milestone).toBe('mid-year-consolidated');
    expect(deputy.ws.db.select({ seq: schema.sentBundles.seq, milestone: schema.sentBundles.milestone }).from(schema.sentBundles).where(eq(schema.sentBundles.kind, 'consolidated')).all()).toEqual([
      { seq: first.seq, milestone: 'registration-consolidated' },
      { seq: second.seq, milestone: 'mid-year-consolidated' },
    ]);

    on('2022-03-02');
    for (const p of [first.path, second.path]) {
      const landed = await importBundleFile(leader.ws, file(p));
      expect(landed.status, landed.reason).toBe('accepted');
    }
    const stored = leader.ws.db.select({ kind: schema.receivedBundles.kind, milestone: schema.receivedBundles.milestone }).from(schema.receivedBundles).all();
    expect(stored.filter((r) => r.kind === 'consolidated').map((r) => r.milestone)).toEqual(['registration-consolidated', 'mid-year-consolidated']);
    // The member's registrations travelled inside, each with the milestone its own header names.
    expect(stored.filter((r) => r.kind === 'registration').map((r) => r.milestone)).toEqual(['registration', 'registration']);

    const board = statusBoard(leader.ws.db, leader.group.id, { today: '2022-03-02T03:00:00.000Z' });
    expect(cell(board, DEPUTY.code, 'registration-consolidated')).toMatchObject({ state: 'late', days: 1, resent: 0, sentAt: '2022-02-16T03:00:00.000Z' });
    expect(cell(board, DEPUTY.code, 'mid-year-consolidated')).toMatchObject({ state: 'on_time', resent: 0, sentAt: '2022-03-01T03:00:00.000Z' });

    const home = memberDeadlines(deputy.ws.db, deputy.group.id, { today: '2022-03-02T03:00:00.000Z' });
    const step = (key: string) => home.milestones.find((m) => m.key === key)!;
    expect(step('registration-consolidated').sent.map((s) => s.seq)).toEqual([first.seq]);
    expect(step('mid-year-consolidated')).toMatchObject({ state: 'on_time', sent: [expect.objectContaining({ seq: second.seq })] });
  });

  it('falls back to the nearest deadline for an old bundle without the field, and for one naming a milestone the plan does not have as such', async () => {
    const { deputy, leader, relay } = await year();
    const first = await relay('2022-02-10', '2022-02-14');
    const second = await relay('2022-02-25', '2022-03-01');
    const signer = { ...(await deputy.ws.keys.load(deputy.unit.keyId)), keyId: deputy.unit.keyId };
    /** The second bundle signed again by the deputy with its header edited, under a bundle id of its own. */
    const variant = async (name: string, edit: (h: BundleHeader) => void) => {
      const entries = resign(await readZip(second.path), signer, (h) => {
        h.bundle_id = crypto.randomUUID();
        edit(h);
      });
      const dest = path.join(tempDir(), `${name}.tdkt`);
      fs.writeFileSync(dest, rawZip(entries));
      return dest;
    };
    on('2022-03-02');
    expect((await importBundleFile(leader.ws, file(first.path))).status).toBe('accepted');
    const variants = [
      // As an app made before headers named a milestone wrote it.
      await variant('cu', (h) => void delete h.milestone),
      // The plan was edited since: no such milestone.
      await variant('khong-co', (h) => void (h.milestone = 'so-ket-dot-3')),
      // A milestone of another kind (the members' mid-year report).
      await variant('khac-loai', (h) => void (h.milestone = 'mid-year-report')),
    ];
    for (const p of variants) {
      const landed = await importBundleFile(leader.ws, file(p));
      expect(landed.status, landed.reason).toBe('accepted');
    }
    const stored = leader.ws.db.select({ milestone: schema.receivedBundles.milestone }).from(schema.receivedBundles).where(eq(schema.receivedBundles.kind, 'consolidated')).all();
    expect(stored.map((r) => r.milestone)).toEqual(['registration-consolidated', null, 'so-ket-dot-3', 'mid-year-report']);
    // Each is credited as today's rule has it: to the step whose deadline is nearest 01/03, the registration's.
    const board = statusBoard(leader.ws.db, leader.group.id, { today: '2022-03-02T03:00:00.000Z' });
    expect(cell(board, DEPUTY.code, 'registration-consolidated')).toMatchObject({ state: 'on_time', resent: 3, sentAt: '2022-02-14T03:00:00.000Z' });
    expect(cell(board, DEPUTY.code, 'mid-year-consolidated')).toMatchObject({ state: 'not_yet_due', sentAt: null });
  });
});
