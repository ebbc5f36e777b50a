import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { BoardPage } from '../../renderer/features/groups-calendar/BoardPage';
import type { BoardCell, StatusBoard } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

const cell = (state: BoardCell['state'], text: string, over: Partial<BoardCell> = {}): BoardCell => ({ state, deadline: '2022-02-10', sentAt: null, receivedAt: null, days: null, resent: 0, onBehalf: false, text, ...over });
const totals = { expected: 3, received: 2, late: 1, missing: 1, notYetDue: 0, noDeadline: 0 };

const board: StatusBoard = {
  group: { id: 1, code: group.code, name: group.name, year: 2022, kind: 'khu_vuc' },
  viewer: { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', role: 'leader' },
  today: '2022-02-13T03:00:00.000Z',
  unitKind: 'all',
  columns: [
    { key: 'registration', title: 'Đăng ký thi đua', deliverable: 'registration', from: 'member', deadline: '2022-02-10', rule: 'trước ngày 10/02/2022', totals },
    { key: 'inspection-self-report', title: 'Báo cáo tự kiểm tra', deliverable: 'inspection_report', from: 'member', deadline: null, rule: 'chậm nhất 15 ngày trước khi bắt đầu kiểm tra (chưa có ngày)', totals: { ...totals, received: 0, late: 0, missing: 0, noDeadline: 2, expected: 2 } },
  ],
  rows: [
    {
      code: 'THADS-LCH',
      name: 'Cục Thi hành án dân sự tỉnh Lai Châu',
      kind: 'thads',
      role: 'member',
      gatheredByDeputy: true,
      cells: [cell('missing', 'Chưa gửi, quá hạn 3 ngày', { days: 3 }), cell('not_applicable', '')],
    },
    {
      code: 'STP-HG',
      name: 'Sở Tư pháp tỉnh Hà Giang',
      kind: 'so_tu_phap',
      role: 'member',
      gatheredByDeputy: false,
      cells: [cell('late', 'Muộn 2 ngày: 12/02/2022', { sentAt: '2022-02-12T01:00:00.000Z', receivedAt: '2022-02-12T08:00:00.000Z', days: 2 }), cell('no_deadline', 'Chưa có hạn', { deadline: null })],
    },
    {
      code: 'STP-TQ',
      name: 'Sở Tư pháp tỉnh Tuyên Quang',
      kind: 'so_tu_phap',
      role: 'leader',
      gatheredByDeputy: false,
      cells: [cell('on_time', 'Đúng hạn: 09/02/2022', { sentAt: '2022-02-09T01:00:00.000Z' }), cell('no_deadline', 'Chưa có hạn', { deadline: null })],
    },
  ],
};

function setup() {
  const file = { id: 'c'.repeat(32), name: 'theo-doi.docx', size: 10 };
  const fake = fakeApi({
    'groups-calendar.board': ({ unitKind }) => ({ ...board, unitKind: unitKind ?? 'all', rows: board.rows.filter((r) => !unitKind || unitKind === 'all' || r.kind === unitKind) }),
    'groups-calendar.exportBoard': ({ format }) => ({ ...file, name: `theo-doi.${format}` }),
  });
  render(
    <ApiProvider api={fake.api}>
      <BoardPage group={group} />
    </ApiProvider>,
  );
  return fake;
}

describe('BoardPage (Theo dõi gửi hồ sơ)', () => {
  it('shows members × milestones with each state in words, and the totals', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Bảng theo dõi gửi hồ sơ' });
    const [head, ...rows] = (within(table).getAllByRole('row') as HTMLTableRowElement[]);
    expect([...head!.cells].map((c) => c.textContent)).toEqual(['Đơn vị', 'Đăng ký thi đuaHạn 10/02/2022', 'Báo cáo tự kiểm trachậm nhất 15 ngày trước khi bắt đầu kiểm tra (chưa có ngày)']);
    expect(rows.map((r) => [...r.cells].map((c) => c.textContent))).toEqual([
      ['Cục Thi hành án dân sự tỉnh Lai ChâuGửi qua Phó Trưởng', 'Chưa gửi, quá hạn 3 ngày', '—'],
      ['Sở Tư pháp tỉnh Hà Giang', 'Muộn 2 ngày: 12/02/2022nhận 12/02/2022', 'Chưa có hạn'],
      ['Sở Tư pháp tỉnh Tuyên QuangTrưởng', 'Đúng hạn: 09/02/2022', 'Chưa có hạn'],
      ['Tổng cộng (3 đơn vị)', 'Đã nhận 2/31 muộn1 chưa gửi, quá hạn', 'Đã nhận 0/22 chưa có hạn'],
    ]);
    expect(screen.getByText(/Tình hình đến ngày 13\/02\/2022/)).toBeTruthy();
    expect(within(table).getByLabelText('Không phải gửi')).toBeTruthy();
  });

  it('filters by unit kind through the service', async () => {
    const { call } = setup();
    await screen.findByRole('table', { name: 'Bảng theo dõi gửi hồ sơ' });
    fireEvent.change(screen.getByLabelText('Loại đơn vị'), { target: { value: 'thads' } });
    await waitFor(() => expect(call).toHaveBeenCalledWith('groups-calendar.board', { groupId: 1, unitKind: 'thads' }));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(3));
  });

  it('prints as DOCX and exports as .xlsx with the filter shown, and says where the file went', async () => {
    const { api, call } = setup();
    await screen.findByRole('table', { name: 'Bảng theo dõi gửi hồ sơ' });
    fireEvent.change(screen.getByLabelText('Loại đơn vị'), { target: { value: 'so_tu_phap' } });
    fireEvent.click(screen.getByRole('button', { name: 'Xuất Excel (.xlsx)' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('groups-calendar.exportBoard', { groupId: 1, unitKind: 'so_tu_phap', format: 'xlsx' }));
    expect((await screen.findByRole('status')).textContent).toBe('Đã tải tệp theo-doi.xlsx.');
    fireEvent.click(screen.getByRole('button', { name: 'In (DOCX)' }));
    await waitFor(() => expect(api.save).toHaveBeenCalledWith({ id: 'c'.repeat(32), name: 'theo-doi.docx', size: 10 }));
  });

  it('shows the service’s refusal for a member', async () => {
    const fake = fakeApi({
      'groups-calendar.board': () => {
        throw new Error('Bảng theo dõi tình hình gửi hồ sơ chỉ dành cho Trưởng và Phó Trưởng Khu vực/Cụm thi đua.');
      },
    });
    render(
      <ApiProvider api={fake.api}>
        <BoardPage group={group} />
      </ApiProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('chỉ dành cho Trưởng và Phó Trưởng');
  });
});
