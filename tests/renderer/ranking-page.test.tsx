import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { RankingPage } from '../../renderer/features/scoring/RankingPage';
import type { RankingRow, RankingView } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

const row = (r: Partial<RankingRow> & Pick<RankingRow, 'rank' | 'code' | 'name' | 'total'>): RankingRow => ({
  shared: false,
  kind: 'so_tu_phap',
  selfTotal: r.total,
  basis: 'verified',
  groups: { a: r.total - 40, c: 40 },
  bonus: 0,
  deduction: 0,
  classification: 'Không xếp loại',
  decidedBy: null,
  ...r,
});
const view: RankingView = {
  groupName: group.name,
  year: 2022,
  scope: 'all',
  table: { title: 'Bảng tiêu chí chấm điểm thi đua năm 2022 (bảng mẫu)', sample: true, source: '' },
  columns: [
    { id: 'a', number: 'A', content: 'Công tác chuyên môn', max: 150, role: 'standard' },
    { id: 'c', number: 'C', content: 'Công tác chung', max: 50, role: 'standard' },
    { id: 'd', number: 'D', content: 'Điểm thưởng', max: 10, role: 'bonus' },
  ],
  rows: [
    row({ rank: 1, code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', total: 185.5, selfTotal: 190, bonus: 2.5, classification: 'Loại A (Xuất sắc)' }),
    row({ rank: 2, code: 'STP-YB', name: 'Sở Tư pháp tỉnh Yên Bái', total: 170.25, basis: 'in_progress' }),
    row({ rank: 3, code: 'STP-LC', name: 'Sở Tư pháp tỉnh Lào Cai', total: 170.25, decidedBy: 'Bằng tổng điểm với đơn vị xếp trên; xếp sau vì đơn vị xếp trên bị trừ ít điểm hơn.', basis: 'self' }),
    row({ rank: 4, shared: true, code: 'STP-CB', name: 'Sở Tư pháp tỉnh Cao Bằng', total: 120 }),
    row({ rank: 4, shared: true, code: 'STP-BK', name: 'Sở Tư pháp tỉnh Bắc Kạn', total: 120 }),
  ],
  missing: [{ code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang' }],
  tieBreak: 'Các đơn vị bằng tổng điểm thì xét lần lượt: bị trừ ít điểm hơn; vẫn bằng nhau thì đồng hạng.',
};

function setup() {
  const fake = fakeApi({
    'scoring.ranking': ({ unitKind }) => ({ ...view, scope: unitKind, rows: unitKind === 'thads' ? [] : view.rows }),
    'scoring.exportRanking': ({ format }) => ({ id: 'x'.repeat(32), name: `xep-hang.${format}`, size: 10 }),
  });
  render(
    <ApiProvider api={fake.api}>
      <RankingPage group={group} />
    </ApiProvider>,
  );
  return fake;
}

describe('the ranking screen', () => {
  it('ranks with shared ranks, basis marks, the tie-break, classes and charts', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Bảng xếp hạng thi đua' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('td')!.textContent)).toEqual(['1', '2', '3', '4đồng hạng', '4đồng hạng']);
    expect(rows[0]!.textContent).toContain('185,5');
    expect(rows[0]!.textContent).toContain('tự chấm 190');
    expect(rows[0]!.textContent).toContain('Loại A (Xuất sắc)');
    expect(rows[1]!.textContent).toContain('Đang thẩm định');
    expect(rows[2]!.textContent).toContain('Tự chấm');
    expect(rows[2]!.textContent).toContain('xếp sau vì đơn vị xếp trên bị trừ ít điểm hơn');
    // Bonus and deduction are their own columns, not a group of criteria.
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Hạng', 'Đơn vị', 'Atối đa 150', 'Ctối đa 50', 'Thưởng', 'Trừ', 'Tổng điểm', 'Căn cứ', 'Xếp loại']);
    expect(screen.getByText(/Nguyên tắc xếp hạng: Các đơn vị bằng tổng điểm/)).toBeTruthy();
    expect(screen.getByText('Chưa xếp hạng (chưa gửi bảng tự chấm điểm): Sở Tư pháp tỉnh Tuyên Quang.')).toBeTruthy();
    const totals = screen.getByRole('img', { name: 'Tổng điểm của các đơn vị' });
    expect(totals.querySelectorAll('rect')).toHaveLength(5);
    expect(totals.textContent).toContain('170,25');
    const groups = screen.getByRole('img', { name: 'Điểm theo nhóm tiêu chí' });
    expect(groups.querySelectorAll('rect')).toHaveLength(10);
    expect(screen.getByText('A. Công tác chuyên môn')).toBeTruthy();
    expect(screen.getByText(/\* đang thẩm định; tự chấm: điểm chưa phải kết quả thẩm định cuối cùng/)).toBeTruthy();
  });

  it('filters by unit kind and prints or exports what is shown', async () => {
    const { api, call } = setup();
    await screen.findByRole('table', { name: 'Bảng xếp hạng thi đua' });
    fireEvent.change(screen.getByLabelText('Loại đơn vị'), { target: { value: 'thads' } });
    expect(await screen.findByText('Chưa có đơn vị nào thuộc loại này gửi bảng tự chấm điểm.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'In bảng tổng hợp (DOCX)' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('scoring.exportRanking', { groupId: group.id, unitKind: 'thads', format: 'docx' }));
    fireEvent.click(screen.getByRole('button', { name: 'Xuất Excel (.xlsx)' }));
    await waitFor(() => expect(api.save).toHaveBeenCalledWith(expect.objectContaining({ name: 'xep-hang.xlsx' })));
  });
});
