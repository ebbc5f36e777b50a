import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { openWorkspace, type Workspace } from '../../electron/services/workspace/workspace';
import { exportRegistration } from '../../electron/services/registration/export';
import { enterOnBehalf } from '../../electron/services/registration/on-behalf';
import { memberRegistrations } from '../../electron/services/registration/overview';
import { getOwnRegistration, saveRegistration, type RegistrationContent } from '../../electron/services/registration/registration';
import { registrationRecordV1Schema } from '../../electron/services/registration/record';
import { onBehalfInputSchema } from '../../electron/services/registration/schemas';
import { saveStaff } from '../../electron/services/registration/staff';
import { registrationDiff, registrationHistory } from '../../electron/services/registration/versions';
import { testClock } from '../helpers/clock';
import { recreateRegistrationTables, undoMigrationsFrom } from '../helpers/migrations';
import { DEPUTY, LEADER, leaderPinning, MEMBER, registeredMember } from '../helpers/units';
import { readZip } from '../helpers/zip';

afterEach(() => testClock.reset());
const at = (iso: string) => testClock.set(iso);
const file = (p: string) => ({ path: p, name: path.basename(p) });

interface RecordRow {
  record_id: string;
  version: number;
  owner_code: string;
  group_code: string;
  year: number;
  status: 'draft' | 'frozen' | 'received';
  content: string;
  bundle_id: string | null;
  updated_at: string;
}

const storedRows = (ws: Workspace) => ws.db.$client.prepare("select * from records where type = 'registration' order by record_id, version").all() as RecordRow[];

/**
 * Takes a workspace's database back to before migration registrations_in_records: its registrations
 * written into the three tables as the code before it wrote them (one row per version, its targets and
 * commitments in order, the local staff row on our own people, `exported_at` and `received_bundle_id`),
 * and that migration marked as not applied. Opening the workspace again runs it.
 */
function beforeTheMove(ws: Workspace): Workspace {
  const raw = ws.db.$client;
  recreateRegistrationTables(raw);
  const head = raw.prepare(
    'insert into registrations (record_id, version, unit_code, group_code, year, status, number_symbol, place, document_date, signer_authority, signer_title, signer_name, recipients, updated_at, exported_at, received_bundle_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const target = raw.prepare(
    'insert into registration_targets (record_id, version, scope, title_code, staff_id, person_name, birth_year, gender, position, department, note, sort_order) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const commitment = raw.prepare('insert into registration_commitments (record_id, version, kind, content, sort_order) values (?, ?, ?, ?, ?)');
  for (const r of storedRows(ws)) {
    const c = JSON.parse(r.content) as RegistrationContent;
    const d = c.document;
    const status = r.status === 'frozen' ? 'exported' : r.status;
    head.run(r.record_id, r.version, r.owner_code, r.group_code, r.year, status, d.number_symbol, d.place, d.date, d.signer_authority, d.signer_title, d.signer_name, JSON.stringify(d.recipients), r.updated_at, r.status === 'frozen' ? r.updated_at : null, r.status === 'received' ? r.bundle_id : null);
    c.collective.forEach((t, i) => target.run(r.record_id, r.version, 'collective', t.title_code, null, null, null, null, null, null, t.note, i));
    c.individuals.forEach((p, i) => target.run(r.record_id, r.version, 'individual', p.title_code, p.staff_id ?? null, p.full_name, p.birth_year, p.gender, p.position, p.department, '', i));
    c.commitments.forEach((x, i) => commitment.run(r.record_id, r.version, x.kind, x.content, i));
  }
  raw.exec("delete from records where type = 'registration'");
  undoMigrationsFrom(raw, '0009_');
  const dataDir = ws.dataDir;
  ws.close();
  return openWorkspace({ dataDir, clock: testClock });
}

/** Everything the screens read of the registrations: the own one, each member's, every history and every diff. */
function screens(ws: Workspace, groupId: number) {
  const out: Record<string, unknown> = { own: getOwnRegistration(ws.db, groupId) };
  out.members = memberRegistrations(ws, groupId).members.map((m) => ({ ...m, member: m.member.code }));
  for (const code of [MEMBER.code, DEPUTY.code, LEADER.code]) {
    const history = registrationHistory(ws.db, code, groupId);
    out[`history ${code}`] = history;
    for (const a of history) for (const b of history) if (a.recordId === b.recordId && a.version < b.version) out[`diff ${code} ${a.version}→${b.version}`] = registrationDiff(ws.db, a.recordId, a.version, b.version);
  }
  return out;
}

/** The member: version 1 and 2 exported (a person's birth year corrected between), 3 a draft. The leader: both received, two versions typed in for the deputy, its own draft. */
async function year() {
  at('2022-02-05T03:00:00.000Z');
  const member = await registeredMember();
  const first = await exportRegistration(member.ws, member.group.id);
  const [huong, binh] = member.staff;
  at('2022-02-08T03:00:00.000Z');
  saveStaff(member.ws, { ...binh!, birthYear: 1976 });
  const lan = saveStaff(member.ws, { fullName: 'Đỗ Thị Lan', birthYear: 1990, gender: 'nu', position: 'Chuyên viên', department: 'Văn phòng' });
  saveRegistration(member.ws, {
    ...member.input,
    numberSymbol: '07/ĐK-STP',
    documentDate: '2022-02-08',
    collective: [{ titleCode: 'CO_BTP', note: 'Đề nghị Bộ tặng Cờ' }],
    individuals: [
      { staffId: huong!.id, titleCode: 'CSTDCS' },
      { staffId: binh!.id, titleCode: 'CSTDCS' },
      { staffId: lan.id, titleCode: 'LDTT' },
    ],
  });
  const second = await exportRegistration(member.ws, member.group.id);
  at('2022-02-12T03:00:00.000Z');
  saveRegistration(member.ws, { ...member.input, numberSymbol: '09/ĐK-STP', documentDate: '2022-02-12', individuals: [{ staffId: lan.id, titleCode: 'LDTT' }] });

  const leader = await leaderPinning({ [MEMBER.code]: member.unit.keyId });
  at('2022-02-14T03:00:00.000Z');
  expect((await importBundleFile(leader.ws, file(first.path))).status).toBe('accepted');
  expect((await importBundleFile(leader.ws, file(second.path))).status).toBe('accepted');
  const paper = (over: object) =>
    onBehalfInputSchema.parse({
      groupId: leader.group.id,
      unitCode: DEPUTY.code,
      submittedAt: '2022-02-08',
      note: 'Theo Công văn số 12/CTHADS ngày 08/02/2022',
      numberSymbol: '12/CTHADS',
      place: 'Tuyên Quang',
      documentDate: '2022-02-08',
      signerAuthority: 'KT. CỤC TRƯỞNG',
      signerTitle: 'Phó Cục trưởng',
      signerName: 'Lê Văn Tâm',
      recipients: ['Như trên', 'Lưu: VT'],
      collective: [{ titleCode: 'TTLDXS', note: 'Lần đầu' }],
      individuals: [{ fullName: 'Lê Văn Tâm', birthYear: null, gender: 'nam', position: 'Phó Cục trưởng', department: '', titleCode: 'CSTDCS' }],
      commitments: [{ kind: 'project', content: 'Đề án số hóa hồ sơ thi hành án.' }],
      ...over,
    });
  enterOnBehalf(leader.ws, paper({}));
  at('2022-02-16T03:00:00.000Z');
  enterOnBehalf(leader.ws, paper({ submittedAt: '2022-02-15', note: 'Theo Công văn số 15/CTHADS ngày 15/02/2022', individuals: [] }));
  at('2022-02-17T03:00:00.000Z');
  const nam = saveStaff(leader.ws, { fullName: 'Hoàng Văn Nam', birthYear: 1970, gender: 'nam', position: 'Giám đốc', department: 'Ban Giám đốc' });
  saveRegistration(leader.ws, { ...member.input, groupId: leader.group.id, numberSymbol: '01/ĐK-STP', place: 'Tuyên Quang', documentDate: '2022-02-17', signerName: 'Hoàng Văn Nam', collective: [], individuals: [{ staffId: nam.id, titleCode: 'CSTDCS' }] });
  at('2022-02-25T03:00:00.000Z');
  return { member, leader, first, second, lan };
}

describe('migration registrations_in_records: registrations move into the records store', () => {
  it('keeps every version, its status, bundle, history and diffs, as the three tables held them', async () => {
    const { member, leader } = await year();
    const before = { member: storedRows(member.ws), leader: storedRows(leader.ws) };
    const shown = { member: screens(member.ws, member.group.id), leader: screens(leader.ws, leader.group.id) };
    // Drafts, exported and received versions, a bundle and an entry on behalf: all that the migration must move.
    expect(before.member.map((r) => [r.version, r.status, !!r.bundle_id])).toEqual([
      [1, 'frozen', true],
      [2, 'frozen', true],
      [3, 'draft', false],
    ]);
    expect(before.leader.map((r) => [r.owner_code, r.status]).sort()).toEqual([
      ['STP-HG', 'received'],
      ['STP-HG', 'received'],
      ['STP-TQ', 'draft'],
      ['THADS-TQ', 'received'],
      ['THADS-TQ', 'received'],
    ]);

    const memberWs = beforeTheMove(member.ws);
    const leaderWs = beforeTheMove(leader.ws);
    try {
      expect(memberWs.db.$client.prepare("select name from sqlite_master where name like 'registration%'").all()).toEqual([]);
      // The same rows to the byte: each content the record format 1 with its keys in order, the local staff links on our own people.
      expect(storedRows(memberWs)).toEqual(before.member);
      expect(storedRows(leaderWs)).toEqual(before.leader);
      expect(screens(memberWs, member.group.id)).toEqual(shown.member);
      expect(screens(leaderWs, leader.group.id)).toEqual(shown.leader);
    } finally {
      memberWs.close();
      leaderWs.close();
    }
  });

  it('stores what travelled: an exported version is the bundle’s record, with the staff links beside it', async () => {
    const { member } = await year();
    const ws = beforeTheMove(member.ws);
    try {
      const sent = ws.db.$client.prepare("select bundle_id as id, archive_path as p from sent_bundles where kind = 'registration' order by seq").all() as { id: string; p: string }[];
      const frozen = storedRows(ws).filter((r) => r.status === 'frozen');
      expect(frozen.map((r) => r.bundle_id)).toEqual(sent.map((s) => s.id));
      for (const [i, r] of frozen.entries()) {
        const entries = await readZip(path.join(ws.dataDir, sent[i]!.p));
        const travelled = JSON.parse(entries.find((e) => e.name === `data/records/${r.record_id}.v${r.version}.json`)!.data.toString('utf8')) as unknown;
        const content = JSON.parse(r.content) as RegistrationContent;
        expect(content.individuals.every((p) => typeof p.staff_id === 'number')).toBe(true);
        const withoutLinks = { ...content, individuals: content.individuals.map(({ staff_id: _s, ...p }) => p) };
        expect(withoutLinks).toEqual(travelled);
        registrationRecordV1Schema.parse(withoutLinks);
      }
    } finally {
      ws.close();
    }
  });

  it('goes on after the migration: a staff edit reaches the draft, which is sent and received as version 3', async () => {
    const { member, leader, lan } = await year();
    const memberWs = beforeTheMove(member.ws);
    const leaderWs = beforeTheMove(leader.ws);
    try {
      saveStaff(memberWs, { ...lan, position: 'Chuyên viên chính' });
      const draft = getOwnRegistration(memberWs.db, member.group.id)!;
      expect(draft).toMatchObject({ version: 3, status: 'draft', sent: { version: 2 } });
      // The page saves what is on screen, by staff row, before exporting.
      saveRegistration(memberWs, { ...member.input, numberSymbol: '09/ĐK-STP', documentDate: '2022-02-12', individuals: draft.individuals.map((p) => ({ staffId: p.staffId!, titleCode: p.titleCode })) });
      expect(getOwnRegistration(memberWs.db, member.group.id)!.individuals).toEqual([expect.objectContaining({ staffId: lan.id, fullName: 'Đỗ Thị Lan', position: 'Chuyên viên chính' })]);
      const third = await exportRegistration(memberWs, member.group.id);
      expect(third.version).toBe(3);
      expect((await importBundleFile(leaderWs, file(third.path))).status).toBe('accepted');
      const history = registrationHistory(leaderWs.db, MEMBER.code, leader.group.id);
      expect(history.map((v) => [v.version, v.status, v.current])).toEqual([
        [3, 'received', true],
        [2, 'received', false],
        [1, 'received', false],
      ]);
      const diff = registrationDiff(leaderWs.db, history[0]!.recordId, 2, 3);
      expect(diff.individuals.changed).toEqual([{ label: 'Đỗ Thị Lan (1990)', changes: [{ field: 'position', label: 'Chức vụ', from: 'Chuyên viên', to: 'Chuyên viên chính' }] }]);
    } finally {
      memberWs.close();
      leaderWs.close();
    }
  });
});
