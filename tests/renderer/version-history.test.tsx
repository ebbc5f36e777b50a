import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { VersionHistory } from '../../renderer/features/registration/VersionHistory';
import type { Output } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';

const RECORD = '3b1f7f0e-8a44-4c55-9a59-1d2f4d5e6a7b';
const history: Output<'registration.history'> = [
  { recordId: RECORD, version: 3, status: 'received', current: true, at: '2022-02-09T02:00:00.000Z', bundleId: 'b3', forwardedBy: 'THADS-TQ', onBehalf: null },
  { recordId: RECORD, version: 2, status: 'received', current: false, at: '2022-02-07T02:00:00.000Z', bundleId: 'b2', forwardedBy: null, onBehalf: null },
  { recordId: RECORD, version: 1, status: 'received', current: false, at: '2022-02-05', bundleId: 'e1', forwardedBy: null, onBehalf: 'Nhập thay ngày 06/02/2022: Theo Công văn số 12/STP ngày 05/02/2022' },
];
const empty = { added: [], removed: [], changed: [] };

function setup() {
  const { api, call } = fakeApi({
    'registration.history': () => history,
    'registration.diff': ({ from, to }) => ({
      recordId: RECORD,
      from,
      to,
      collective: { added: [{ label: 'Cờ thi đua của Bộ Tư pháp' }], removed: [{ label: 'Tập thể lao động xuất sắc' }], changed: [] },
      individuals: {
        added: [],
        removed: [],
        changed: [{ label: 'Đặng Văn Bình (1976)', changes: [{ field: 'birthYear', label: 'Năm sinh', from: '1975', to: '1976' }] }],
      },
      commitments: empty,
      document: from === 1 ? [{ field: 'numberSymbol', label: 'Số, ký hiệu', from: '05/ĐK-STP', to: '07/ĐK-STP' }] : [],
    }),
  });
  render(
    <ApiProvider api={api}>
      <VersionHistory groupId={7} unitCode="STP-HG" unitName="Sở Tư pháp tỉnh Hà Giang" version={3} />
    </ApiProvider>,
  );
  return { call };
}

describe('VersionHistory', () => {
  it('shows the version in the row and, on "Lịch sử", every version with the current one named', async () => {
    const { call } = setup();
    expect(screen.getByText('phiên bản 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Lịch sử phiên bản của Sở Tư pháp tỉnh Hà Giang' }));
    const dialog = await screen.findByRole('dialog', { name: 'Lịch sử đăng ký của Sở Tư pháp tỉnh Hà Giang' });
    expect(call).toHaveBeenCalledWith('registration.history', { groupId: 7, unitCode: 'STP-HG' });
    const rows = within(within(dialog).getByRole('table', { name: 'Các phiên bản' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '3 (hiện hành)Đã nhận09/02/2022Do THADS-TQ chuyển tiếp',
      '2Đã nhận07/02/2022',
      '1Đã nhận05/02/2022Nhập thay ngày 06/02/2022: Theo Công văn số 12/STP ngày 05/02/2022',
    ]);
  });

  it('compares the current version with the one before, in words: added, removed, changed', async () => {
    const { call } = setup();
    fireEvent.click(screen.getByRole('button', { name: /Lịch sử phiên bản/ }));
    const changes = await screen.findByRole('region', { name: 'Thay đổi từ phiên bản 2 đến phiên bản 3' });
    expect(call).toHaveBeenCalledWith('registration.diff', { recordId: RECORD, from: 2, to: 3 });
    const lines = within(changes).getAllByRole('listitem').map((li) => [li.textContent, li.className]);
    expect(lines).toEqual([
      ['+ Thêm: Cờ thi đua của Bộ Tư pháp', 'diff-added'],
      ['− Bỏ: Tập thể lao động xuất sắc', 'diff-removed'],
      ['Đặng Văn Bình (1976): Năm sinh đổi “1975” thành “1976”', 'diff-changed'],
    ]);
    expect(within(changes).getAllByText('Không thay đổi.')).toHaveLength(2);
  });

  it('compares any chosen pair, and asks for two different versions', async () => {
    const { call } = setup();
    fireEvent.click(screen.getByRole('button', { name: /Lịch sử phiên bản/ }));
    await screen.findByRole('region', { name: /Thay đổi từ phiên bản 2/ });
    fireEvent.change(screen.getByLabelText('So sánh từ'), { target: { value: '1' } });
    const changes = await screen.findByRole('region', { name: 'Thay đổi từ phiên bản 1 đến phiên bản 3' });
    expect(call).toHaveBeenLastCalledWith('registration.diff', { recordId: RECORD, from: 1, to: 3 });
    expect(within(changes).getByText('Số, ký hiệu đổi “05/ĐK-STP” thành “07/ĐK-STP”')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('đến'), { target: { value: '1' } });
    await waitFor(() => expect(screen.queryByRole('region', { name: /Thay đổi từ/ })).toBeNull());
    expect(screen.getByText('Hãy chọn hai phiên bản khác nhau để so sánh.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
