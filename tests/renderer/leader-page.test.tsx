import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { LeaderPage } from '../../renderer/features/bundles/LeaderPage';
import type { OverviewQuery } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { catalogue, group } from './fixtures';

const rows = [
  { unitCode: 'STP-HG', unitName: 'Sở Tư pháp tỉnh Hà Giang', unitKind: 'so_tu_phap' as const, scope: 'individual' as const, personName: 'Nguyễn Thị Hương', position: 'Phó Giám đốc', titleCode: 'CSTDCS', titleName: 'Chiến sĩ thi đua cơ sở', receivedAt: '2022-02-08T02:00:00.000Z' },
];

function setup() {
  const handle = { id: 'b'.repeat(32), name: 'hg.tdkt', size: 100 };
  const fake = fakeApi(
    {
      'catalogue.list': () => catalogue,
      'bundles.quarantine': () => [{ id: 4, fileName: 'lc.tdkt', senderCode: 'THADS-LCH', senderName: 'Cục THADS tỉnh Lai Châu', fingerprint: '6C29 B8C8 9DE3 2A4A 1073 8F7A D607 8BFD', groupCode: 'KVTD-MNPB', year: 2022, receivedAt: '' }],
      'leader.overview': () => ({
        matrix: [
          { unitCode: 'STP-TQ', unitName: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', role: 'leader', own: true, sentAt: '2022-02-03T01:00:00.000Z', receivedAt: '2022-02-03T01:00:00.000Z', version: 1, late: false },
          { unitCode: 'STP-HG', unitName: 'Sở Tư pháp tỉnh Hà Giang', kind: 'so_tu_phap', role: 'member', own: false, sentAt: null, receivedAt: null, version: null, late: true },
        ],
        rows,
      }),
      'bundles.import': () => [{ file: 'hg.tdkt', status: 'refused', reason: 'Chữ ký số không hợp lệ: nội dung "bundle.json" đã bị thay đổi sau khi ký.' }],
      'bundles.decide': () => ({ file: 'lc.tdkt', status: 'accepted', reason: 'Đã nhận gói số 1 của Cục THADS tỉnh Lai Châu.' }),
    },
    { pickBundles: vi.fn(async () => [handle]) },
  );
  render(
    <ApiProvider api={fake.api}>
      <LeaderPage group={group} />
    </ApiProvider>,
  );
  return fake;
}

describe('LeaderPage', () => {
  it('shows who sent and who is overdue', async () => {
    setup();
    const matrix = await screen.findByRole('table', { name: 'Ma trận tiếp nhận' });
    await waitFor(() => expect(within(matrix).getAllByRole('row')).toHaveLength(3));
    const [, leaderRow, memberRow] = within(matrix).getAllByRole('row');
    expect(leaderRow!.textContent).toContain('Đã xuất gói');
    expect(leaderRow!.textContent).toContain('03/02/2022');
    expect(memberRow!.textContent).toContain('Chưa nhận');
    expect(memberRow!.textContent).toContain('Quá hạn');
  });

  it('imports the chosen files and shows each refusal with its reason', async () => {
    const { call } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Chọn gói hồ sơ…' }));
    const results = await screen.findByRole('list', { name: 'Kết quả nhập' });
    expect(results.textContent).toContain('Từ chối');
    expect(results.textContent).toContain('Chữ ký số không hợp lệ');
    expect(call).toHaveBeenCalledWith('bundles.import', { files: [{ id: 'b'.repeat(32), name: 'hg.tdkt', size: 100 }] });
  });

  it('confirms a quarantined key only when the person says so', async () => {
    const { call } = setup();
    expect(await screen.findByText('6C29 B8C8 9DE3 2A4A 1073 8F7A D607 8BFD')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xác nhận khóa và nhận gói' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('bundles.decide', { id: 4, accept: true }));
  });

  it('asks the main process to sort and filter the consolidated table', async () => {
    const { call } = setup();
    fireEvent.click(await screen.findByRole('button', { name: /Họ và tên/ }));
    fireEvent.change(screen.getByLabelText('Tìm (không dấu cũng được)'), { target: { value: 'huong' } });
    await waitFor(() => {
      const last = call.mock.calls.filter(([c]) => c === 'leader.overview').at(-1)![1] as OverviewQuery;
      expect(last).toMatchObject({ groupId: 1, sort: 'person', descending: false, search: 'huong' });
    });
    const table = screen.getByRole('table', { name: 'Bảng tổng hợp' });
    expect(within(table).getByText('Nguyễn Thị Hương')).toBeTruthy();
  });
});
