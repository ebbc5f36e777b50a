import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { HomePage } from '../../renderer/features/groups-calendar/HomePage';
import type { MemberDeadlines } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

const LEADER = 'Sở Tư pháp tỉnh Tuyên Quang';
const to = [
  { role: 'leader' as const, roleName: 'Trưởng Khu vực thi đua', units: [LEADER] },
  { role: 'ministry' as const, roleName: 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp', units: [] },
];
const base = { section: 'registration' as const, deliverable: 'registration' as const, to, toText: `Trưởng Khu vực thi đua (${LEADER}); Vụ Thi đua - Khen thưởng, Bộ Tư pháp`, sent: [], receiptText: '' };

const home: MemberDeadlines = {
  group: { id: 1, code: group.code, name: group.name, year: 2022, kind: 'khu_vuc' },
  unit: { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', role: 'member' },
  today: '2022-02-12T03:00:00.000Z',
  milestones: [
    { ...base, key: 'plan-comments', title: 'Góp ý dự thảo Kế hoạch', deadline: '2022-02-12', rule: 'chậm nhất 05 ngày kể từ ngày kết thúc Hội nghị (hạn: 12/02/2022)', state: 'due_today', daysLeft: 0, stateText: 'Hôm nay là hạn cuối (12/02/2022).' },
    { ...base, key: 'mid-year-report', title: 'Báo cáo sơ kết 6 tháng', deadline: '2022-06-20', rule: 'trước ngày 20/06/2022', state: 'not_yet_due', daysLeft: 128, stateText: 'Chưa đến hạn (hạn 20/06/2022, còn 128 ngày).' },
    { ...base, key: 'inspection-self-report', title: 'Báo cáo tự kiểm tra', deadline: null, rule: 'chậm nhất 15 ngày trước khi bắt đầu kiểm tra (chưa có ngày)', state: 'no_deadline', daysLeft: null, stateText: 'Chưa có hạn.' },
    {
      ...base,
      key: 'registration',
      title: 'Đăng ký thi đua',
      deadline: '2022-02-10',
      rule: 'trước ngày 10/02/2022',
      state: 'on_time',
      daysLeft: -2,
      stateText: 'Đã gửi ngày 09/02/2022, đúng hạn.',
      sent: [{ bundleId: 'b1', seq: 3, sentAt: '2022-02-09T02:00:00.000Z', receipt: { receivedAt: '2022-02-11T02:00:00.000Z', by: 'STP-TQ', byName: LEADER } }],
      receiptText: `Đã được ${LEADER} tiếp nhận ngày 11/02/2022.`,
    },
  ],
};

function setup(value: MemberDeadlines | Error = home) {
  const fake = fakeApi({
    'groups-calendar.home': () => {
      if (value instanceof Error) throw value;
      return value;
    },
  });
  render(
    <ApiProvider api={fake.api}>
      <HomePage group={{ ...group, ownRole: 'member' }} />
    </ApiProvider>,
  );
  return fake;
}

describe('HomePage (Việc cần làm)', () => {
  it('lists what is due first, to whom, with the days left, in the order the service gives', async () => {
    const { call } = setup();
    const table = await screen.findByRole('table', { name: 'Việc cần gửi và thời hạn' });
    expect(call).toHaveBeenCalledWith('groups-calendar.home', { groupId: 1 });
    const rows = (within(table).getAllByRole('row') as HTMLTableRowElement[]).slice(1);
    expect(rows.map((r) => r.cells[0]!.textContent)).toEqual(['Góp ý dự thảo Kế hoạch', 'Báo cáo sơ kết 6 tháng', 'Báo cáo tự kiểm tra', 'Đăng ký thi đua']);
    expect(rows[0]!.textContent).toContain('Hạn hôm nay');
    expect(rows[0]!.cells[1]!.textContent).toBe(`${LEADER} (Trưởng Khu vực thi đua)Vụ Thi đua - Khen thưởng, Bộ Tư pháp`);
    // The relative rule is shown under its date; a plain "trước ngày" rule would only repeat it.
    expect(rows[0]!.cells[2]!.textContent).toBe('12/02/2022chậm nhất 05 ngày kể từ ngày kết thúc Hội nghị (hạn: 12/02/2022)');
    expect(rows[1]!.cells[2]!.textContent).toBe('20/06/2022');
    expect(rows[1]!.textContent).toContain('còn 128 ngày');
    expect(rows[2]!.cells[2]!.textContent).toContain('Chưa có hạn');
    expect(rows[2]!.cells[4]!.textContent).toBe('Chưa gửi');
    expect(screen.getByRole('note', { name: 'Việc gần nhất' }).textContent).toBe(
      `Việc gần nhất: Góp ý dự thảo Kế hoạch. Hôm nay là hạn cuối (12/02/2022). Gửi đến: Trưởng Khu vực thi đua (${LEADER}); Vụ Thi đua - Khen thưởng, Bộ Tư pháp.`,
    );
    expect(screen.getByText(/Hôm nay 12\/02\/2022/)).toBeTruthy();
  });

  it('shows what was sent, with its date and number, and the receipt that came back', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Việc cần gửi và thời hạn' });
    const registration = (within(table).getAllByRole('row') as HTMLTableRowElement[]).at(-1)!;
    expect(registration.cells[3]!.textContent).toBe('Đã gửiĐã gửi ngày 09/02/2022, đúng hạn.');
    expect(registration.cells[4]!.textContent).toBe(`Ngày 09/02/2022 · gói số 3Đã được ${LEADER} tiếp nhận ngày 11/02/2022.`);
  });

  it('says a sent bundle has no receipt yet, and explains an empty plan', async () => {
    setup({ ...home, milestones: [{ ...home.milestones[3]!, receiptText: '', sent: [{ ...home.milestones[3]!.sent[0]!, receipt: null }] }] });
    expect((await screen.findByRole('table')).textContent).toContain('Chưa có biên nhận.');
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('tells the member to import the kickoff when there is no plan yet', async () => {
    setup({ ...home, milestones: [] });
    expect(await screen.findByText(/hãy nhận gói ở mục “Nhận gói”/)).toBeTruthy();
  });

  it('shows the service’s message when the unit is not in the group', async () => {
    setup(new Error('Đơn vị này không có trong danh sách thành viên của Khu vực thi đua.'));
    expect((await screen.findByRole('alert')).textContent).toBe('Đơn vị này không có trong danh sách thành viên của Khu vực thi đua.');
  });
});
