import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { exportRegistration } from '../../electron/services/registration/export';
import { saveRegistration } from '../../electron/services/registration/registration';
import { saveStaff } from '../../electron/services/registration/staff';
import { registrationDiff, registrationHistory } from '../../electron/services/registration/versions';
import { registrationDiffSchema, registrationVersionSchema } from '../../electron/services/registration/schemas';
import { enterOnBehalf } from '../../electron/services/registration/on-behalf';
import { onBehalfInputSchema } from '../../electron/services/registration/schemas';
import { leaderPinning, MEMBER, registeredMember } from '../helpers/units';

const file = (p: string) => ({ path: p, name: path.basename(p) });

/** A member sends version 1, corrects it and sends version 2; the leader imports both. */
async function corrected() {
  const member = await registeredMember();
  const first = await exportRegistration(member.ws, member.group.id);
  const [huong, binh] = member.staff;
  // Corrections: Bình's birth year was mistyped, Hương moves department, a new person, a title dropped.
  saveStaff(member.ws, { ...binh!, birthYear: 1976 });
  saveStaff(member.ws, { ...huong!, department: 'Phòng Hành chính tư pháp' });
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
    commitments: [
      { kind: 'project', content: 'Hoàn thành 100% nhiệm vụ thẩm định văn bản đúng hạn.' },
      { kind: 'key_task', content: 'Số hóa toàn bộ sổ hộ tịch trước tháng 10.' },
    ],
  });
  const second = await exportRegistration(member.ws, member.group.id);
  const leader = await leaderPinning({ [MEMBER.code]: member.unit.keyId });
  expect((await importBundleFile(leader.ws, file(first.path))).status).toBe('accepted');
  expect((await importBundleFile(leader.ws, file(second.path))).status).toBe('accepted');
  return { member, leader, first, second };
}

describe('versions of a member registration', () => {
  it('lists every version the leader received, the current first, with its bundle and date', async () => {
    const { leader } = await corrected();
    const history = registrationHistory(leader.ws.db, MEMBER.code.toLowerCase(), leader.group.id);
    expect(history.map((v) => [v.version, v.status, v.current])).toEqual([
      [2, 'received', true],
      [1, 'received', false],
    ]);
    expect(new Set(history.map((v) => v.bundleId)).size).toBe(2);
    expect(history.every((v) => v.at && v.forwardedBy === null)).toBe(true);
    expect(history[0]!.recordId).toBe(history[1]!.recordId);
    registrationVersionSchema.array().parse(history);
  });

  it('the member sees its own versions: exported, then a draft on top', async () => {
    const { member } = await corrected();
    saveRegistration(member.ws, { ...member.input, numberSymbol: '09/ĐK-STP' });
    const history = registrationHistory(member.ws.db, MEMBER.code, member.group.id);
    expect(history.map((v) => [v.version, v.status, v.current, v.bundleId])).toEqual([
      [3, 'draft', true, null],
      [2, 'exported', false, null],
      [1, 'exported', false, null],
    ]);
    expect(history[0]!.at).toBeNull();
  });

  it('says what changed between two versions: rows added, removed and changed field by field', async () => {
    const { leader } = await corrected();
    const [v2] = registrationHistory(leader.ws.db, MEMBER.code, leader.group.id);
    const diff = registrationDiff(leader.ws.db, v2!.recordId, 1, 2);
    registrationDiffSchema.parse(diff);
    expect(diff.collective).toEqual({
      added: [{ label: 'Cờ thi đua của Bộ Tư pháp' }],
      removed: [{ label: 'Tập thể lao động xuất sắc' }],
      changed: [],
    });
    expect(diff.individuals.added).toEqual([{ label: 'Đỗ Thị Lan (1990)' }]);
    expect(diff.individuals.removed).toEqual([]);
    // Bình is the same person with a corrected birth year: matched by name when the year differs.
    expect(diff.individuals.changed).toEqual([
      {
        label: 'Nguyễn Thị Hương (1980)',
        changes: [{ field: 'department', label: 'Phòng/bộ phận', from: 'Ban Giám đốc', to: 'Phòng Hành chính tư pháp' }],
      },
      {
        label: 'Đặng Văn Bình (1976)',
        changes: [
          { field: 'birthYear', label: 'Năm sinh', from: '1975', to: '1976' },
          { field: 'titleCode', label: 'Danh hiệu', from: 'Lao động tiên tiến', to: 'Chiến sĩ thi đua cơ sở' },
        ],
      },
    ]);
    expect(diff.commitments).toEqual({
      added: [{ label: 'Số hóa toàn bộ sổ hộ tịch trước tháng 10.' }],
      removed: [],
      changed: [
        {
          label: 'Hoàn thành 100% nhiệm vụ thẩm định văn bản đúng hạn.',
          changes: [{ field: 'kind', label: 'Loại', from: 'Nhiệm vụ trọng tâm', to: 'Công trình, đề án, sáng kiến' }],
        },
      ],
    });
    expect(diff.document).toEqual([
      { field: 'numberSymbol', label: 'Số, ký hiệu', from: '05/ĐK-STP', to: '07/ĐK-STP' },
      { field: 'documentDate', label: 'Ngày ký', from: '05/02/2022', to: '08/02/2022' },
    ]);
    // Backwards reads the other way round.
    const back = registrationDiff(leader.ws.db, v2!.recordId, 2, 1);
    expect(back.collective.added).toEqual(diff.collective.removed);
    expect(back.individuals.removed).toEqual([{ label: 'Đỗ Thị Lan (1990)' }]);
  });

  it('matches a person whose name was retyped in another case as the same person', async () => {
    const member = await registeredMember();
    await exportRegistration(member.ws, member.group.id);
    const [huong] = member.staff;
    saveStaff(member.ws, { ...huong!, fullName: 'Nguyễn thị Hương' });
    saveRegistration(member.ws, member.input);
    const history = registrationHistory(member.ws.db, MEMBER.code, member.group.id);
    const diff = registrationDiff(member.ws.db, history[0]!.recordId, 1, 2);
    expect(diff.individuals.added).toEqual([]);
    expect(diff.individuals.removed).toEqual([]);
    expect(diff.individuals.changed).toEqual([
      { label: 'Nguyễn thị Hương (1980)', changes: [{ field: 'fullName', label: 'Họ và tên', from: 'Nguyễn Thị Hương', to: 'Nguyễn thị Hương' }] },
    ]);
  });

  it('names a version the leader typed in from the member’s paper, and the member’s own bundle after it', async () => {
    const member = await registeredMember();
    const leader = await leaderPinning({ [MEMBER.code]: member.unit.keyId });
    const { groupId: _memberGroup, ...paper } = member.input;
    enterOnBehalf(
      leader.ws,
      onBehalfInputSchema.parse({
        ...paper,
        groupId: leader.group.id,
        unitCode: MEMBER.code,
        submittedAt: '2022-02-04',
        note: 'Theo Công văn số 12/STP ngày 04/02/2022',
        documentDate: '2022-02-04',
        individuals: [{ fullName: 'Đặng Văn Bình', birthYear: 1975, gender: 'nam', position: 'Giám đốc', department: 'Ban Giám đốc', titleCode: 'LDTT' }],
      }),
    );
    const [typed] = registrationHistory(leader.ws.db, MEMBER.code, leader.group.id);
    expect(typed).toMatchObject({ version: 1, status: 'received', current: true, at: '2022-02-04', forwardedBy: null });
    expect(typed!.onBehalf).toMatch(/^Nhập thay ngày \d\d\/\d\d\/\d{4}: Theo Công văn số 12\/STP ngày 04\/02\/2022$/);
  });

  it('says so when a version does not exist', async () => {
    const { leader } = await corrected();
    const [v2] = registrationHistory(leader.ws.db, MEMBER.code, leader.group.id);
    expect(() => registrationDiff(leader.ws.db, v2!.recordId, 1, 5)).toThrow('Không tìm thấy phiên bản 5 của bản đăng ký này.');
  });
});
