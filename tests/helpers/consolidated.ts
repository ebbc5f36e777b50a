import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { groupInputSchema, type GroupInput, type Unit } from '../../electron/ipc/contract';
import { exportConsolidated } from '../../electron/services/bundles/consolidated';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { exportRegistration } from '../../electron/services/registration/export';
import { testClock } from './clock';
import { DEPUTY, groupInput, LEADER, makeUnit, registeredMember, type TestSigner } from './units';

/** A Cục THADS member whose bundles the deputy gathers, as in the seeds. */
export const GATHERED: Unit = { code: 'THADS-HG', name: 'Cục Thi hành án dân sự tỉnh Hà Giang', kind: 'thads', province: 'Hà Giang', parentName: 'Tổng cục Thi hành án dân sự' };

export const file = (p: string) => ({ path: p, name: path.basename(p) });

afterEach(() => testClock.reset());

/** Every installation reads the same clock: each step of the year happens on its own day. */
export function on(isoDate: string): void {
  testClock.set(`${isoDate}T03:00:00.000Z`);
}

/** The group with the gathered member, each unit pinning the keys given. */
export function gatheredGroup(pins: Record<string, string> = {}, overrides: Partial<GroupInput> = {}): GroupInput {
  const base = groupInput(pins, overrides);
  return { ...base, members: [...base.members, { ...GATHERED, role: 'member', fingerprint: pins[GATHERED.code] ?? '', gatheredByDeputy: true }] };
}

/**
 * Three installations: the gathered member registers on 05/02, the deputy receives it on 08/02 and
 * forwards it on 12/02 in a consolidated bundle, which the leader (pinning the member's and deputy's
 * keys unless told otherwise) imports later.
 */
export async function forwarded(options: { leaderPinsMember?: boolean } = {}) {
  on('2022-02-05');
  const member = await registeredMember(GATHERED, gatheredGroup());
  const registration = await exportRegistration(member.ws, member.group.id);
  const deputy = await makeUnit(DEPUTY);
  const leader = await makeUnit(LEADER);
  const deputyGroup = saveGroup(deputy.ws, groupInputSchema.parse(gatheredGroup({ [GATHERED.code]: member.unit.keyId, [LEADER.code]: leader.unit.keyId })));
  const leaderPins = { [DEPUTY.code]: deputy.unit.keyId, ...(options.leaderPinsMember === false ? {} : { [GATHERED.code]: member.unit.keyId }) };
  const leaderGroup = saveGroup(leader.ws, groupInputSchema.parse(gatheredGroup(leaderPins)));
  on('2022-02-08');
  const received = await importBundleFile(deputy.ws, file(registration.path));
  if (received.status !== 'accepted') throw new Error(received.reason);
  on('2022-02-12');
  const consolidated = await exportConsolidated(deputy.ws, deputyGroup.id, { summary: 'Phó Trưởng chuyển bản đăng ký của Cục THADS tỉnh Hà Giang.' });
  on('2022-02-20');
  const deputySigner: TestSigner = { ...(await deputy.ws.keys.load(deputy.unit.keyId)), keyId: deputy.unit.keyId };
  return {
    member: { ...member, registration: registration.path },
    deputy: { ...deputy, group: deputyGroup, signer: deputySigner },
    leader: { ...leader, group: leaderGroup },
    consolidated: consolidated.path,
    originalBytes: fs.readFileSync(registration.path),
  };
}
