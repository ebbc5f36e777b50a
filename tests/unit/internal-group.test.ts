import { afterEach, describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { statusBoardSchema } from '../../electron/services/groups-calendar/board-schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { divisionOf } from '../../electron/services/groups-calendar/internal-group';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { planInForce } from '../../electron/services/groups-calendar/plan';
import { resolveDeadlines } from '../../electron/services/groups-calendar/calendar';
import { statusBoard } from '../../electron/services/groups-calendar/status-board';
import { enterOnBehalf } from '../../electron/services/registration/on-behalf';
import { overview } from '../../electron/services/registration/overview';
import { onBehalfInputSchema } from '../../electron/services/registration/schemas';
import { exportStatusBoard, printPlan } from '../../electron/services/groups-calendar/year-plan';
import { printConsolidated } from '../../electron/services/registration/consolidated-export';
import { documentText, parseDocx } from '../helpers/docx';
import { testClock } from '../helpers/clock';
import { LEADER, makeUnit } from '../helpers/units';

afterEach(() => testClock.reset());

const DIVISIONS: [string, string][] = [
  ['VP', 'Văn phòng Sở'],
  ['TTr', 'Thanh tra Sở'],
  ['XDKT', 'Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật'],
  ['HCTP', 'Phòng Hành chính tư pháp'],
  ['BTTP', 'Phòng Bổ trợ tư pháp'],
  ['TTDG', 'Trung tâm Dịch vụ đấu giá tài sản'],
];

/** The Sở Tư pháp tỉnh Tuyên Quang runs the year inside itself: its six divisions register with the Văn phòng. */
async function internalGroup() {
  testClock.set('2022-01-05T02:00:00.000Z');
  const so = await makeUnit(LEADER);
  const divisions = DIVISIONS.map(([suffix, name]) => divisionOf(LEADER, suffix, name));
  const group = saveGroup(
    so.ws,
    groupInputSchema.parse({
      code: 'STP-TQ.NB',
      name: 'Cụm thi đua nội bộ Sở Tư pháp tỉnh Tuyên Quang',
      year: 2022,
      kind: 'noi_bo',
      registrationDeadline: '2022-01-31',
      members: [{ ...LEADER, role: 'leader', fingerprint: '' }, ...divisions.map((d) => ({ ...d, role: 'member' as const, fingerprint: '' }))],
    }),
  );
  return { ...so, group, divisions };
}

const entry = (groupId: number, unitCode: string, submittedAt: string, signerName: string) =>
  onBehalfInputSchema.parse({
    groupId,
    unitCode,
    submittedAt,
    note: `Bản đăng ký giấy nộp Văn phòng Sở ngày ${submittedAt.split('-').reverse().join('/')}`,
    numberSymbol: '',
    place: 'Tuyên Quang',
    documentDate: submittedAt,
    signerAuthority: '',
    signerTitle: 'Trưởng phòng',
    signerName,
    recipients: ['Văn phòng Sở'],
    collective: [{ titleCode: 'TTLDTT', note: '' }],
    individuals: [{ fullName: signerName, birthYear: 1979, gender: 'nam', position: 'Trưởng phòng', department: '', titleCode: 'CSTDCS' }],
    commitments: [{ kind: 'key_task', content: 'Hoàn thành các nhiệm vụ được Giám đốc Sở giao đúng tiến độ.' }],
  });

describe('a Sở’s internal group (Cụm thi đua nội bộ)', () => {
  it('makes its divisions units of the Sở, with codes under the Sở’s and no keys', () => {
    expect(divisionOf(LEADER, 'vp', '  Văn phòng   Sở ')).toEqual({ code: 'STP-TQ.VP', name: 'Văn phòng Sở', kind: 'khac', province: 'Tuyên Quang', parentName: 'Sở Tư pháp tỉnh Tuyên Quang' });
    expect(() => divisionOf(LEADER, 'Phòng HC', 'Phòng Hành chính')).toThrow('Ký hiệu phòng "Phòng HC" không hợp lệ: chỉ gồm chữ không dấu, chữ số, gạch ngang, tối đa 12 ký tự (ví dụ VP, HCTP).');
    expect(() => divisionOf(LEADER, 'VP', ' ')).toThrow('Tên phòng/đơn vị thuộc Sở không được để trống.');
  });

  it('starts from the internal plan, takes entries on behalf of its divisions, and tracks them on the board', async () => {
    const { ws, group } = await internalGroup();
    expect(group.kind).toBe('noi_bo');
    expect(group.members.filter((m) => m.role === 'member').map((m) => m.code)).toHaveLength(6);
    expect(group.members.every((m) => m.fingerprint === '' || m.code === LEADER.code)).toBe(true);

    const plan = planInForce(ws.db, group.code, group.year)!.content.plan;
    expect(plan.milestones.map((m) => [m.key, m.to])).toEqual([
      ['registration', ['leader']],
      ['mid-year-report', ['leader']],
      ['year-end-report', ['leader']],
      ['year-end-dossier', ['leader']],
    ]);
    expect(plan.milestones[0]!.title).toBe('Đăng ký thi đua năm 2022 của phòng, đơn vị thuộc Sở gửi Văn phòng Sở');
    expect(plan.document.number_symbol).toBe('/KH-STP');
    expect(Object.fromEntries(resolveDeadlines(plan))).toEqual({ registration: '2022-01-31', 'mid-year-report': '2022-06-10', 'year-end-report': '2022-11-25', 'year-end-dossier': '2022-11-30' });
    // The divisions have no app: no kickoff goes to them.
    await expect(publishKickoff(ws, group.id)).rejects.toThrow('Cụm thi đua nội bộ không phát hành gói khởi động');

    testClock.set('2022-02-03T02:00:00.000Z');
    enterOnBehalf(ws, entry(group.id, 'STP-TQ.VP', '2022-01-20', 'Nguyễn Văn An'));
    enterOnBehalf(ws, entry(group.id, 'STP-TQ.HCTP', '2022-01-31', 'Trần Thị Bích'));
    enterOnBehalf(ws, entry(group.id, 'STP-TQ.TTR', '2022-02-02', 'Lê Văn Cường'));

    const board = statusBoardSchema.parse(statusBoard(ws.db, group.id, { today: '2022-02-03T02:00:00.000Z' }));
    const reg = board.columns.findIndex((c) => c.key === 'registration');
    const text = Object.fromEntries(board.rows.map((r) => [r.code, r.cells[reg]!.text]));
    expect(text).toEqual({
      'STP-TQ': '',
      'STP-TQ.VP': 'Đúng hạn: 20/01/2022 (nhập thay)',
      'STP-TQ.HCTP': 'Đúng hạn: 31/01/2022 (nhập thay)',
      'STP-TQ.TTR': 'Muộn 2 ngày: 02/02/2022 (nhập thay)',
      'STP-TQ.XDKT': 'Chưa gửi, quá hạn 3 ngày',
      'STP-TQ.BTTP': 'Chưa gửi, quá hạn 3 ngày',
      'STP-TQ.TTDG': 'Chưa gửi, quá hạn 3 ngày',
    });
    expect(board.columns[reg]!.totals).toMatchObject({ expected: 6, received: 3, late: 1, missing: 3 });
    expect(board.rows.find((r) => r.code === 'STP-TQ.VP')!.cells.map((c) => c.state)).toEqual(['on_time', 'not_yet_due', 'not_yet_due', 'not_yet_due']);

    const { matrix } = overview(ws, { groupId: group.id, search: '', scope: 'all', unitKind: 'khac', titleCode: '', sort: 'unit', descending: false });
    expect(matrix.filter((m) => m.onBehalf).map((m) => m.unitCode).sort()).toEqual(['STP-TQ.HCTP', 'STP-TQ.TTR', 'STP-TQ.VP']);
    expect(matrix.find((m) => m.unitCode === 'STP-TQ.TTR')).toMatchObject({ late: true, sentAt: '2022-02-02' });
  });
  it('prints its plan, board and registration table as the Cụm thi đua nội bộ, never as a regional Cụm thi đua', async () => {
    const { ws, group } = await internalGroup();
    enterOnBehalf(ws, entry(group.id, 'STP-TQ.VP', '2022-01-04', 'Lê Văn An'));
    const files = [
      await printPlan(ws, group.id),
      await exportStatusBoard(ws, group.id, 'all', 'docx'),
      await printConsolidated(ws, { groupId: group.id, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false }),
    ];
    for (const file of files) {
      const { errors, parts } = await parseDocx(file);
      expect(errors).toEqual([]);
      const text = documentText(parts).toLowerCase();
      expect(text, file).toContain('cụm thi đua nội bộ');
      // The Quy chế's own name speaks of Cụm and Khu vực; the group itself is never a plain Cụm thi đua.
      const rest = text.replaceAll('cụm thi đua nội bộ', '').replaceAll('cụm thi đua, khu vực thi đua ngành tư pháp', '').replaceAll('cụm, khu vực thi đua', '');
      expect(rest, file).not.toMatch(/cụm thi đua|khu vực thi đua/);
    }
    // The Sở's own plan and board are numbered as the Sở's: …/KH-STP, …/TD-STP.
    expect(documentText((await parseDocx(files[0]!)).parts)).toContain('/KH-STP');
    expect(documentText((await parseDocx(files[1]!)).parts)).toContain('/TD-STP');
  });
});
