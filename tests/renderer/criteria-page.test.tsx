import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { CriteriaReading, CriteriaTable, CriteriaView } from '../../electron/ipc/contract';
import { checkTable } from '../../electron/services/scoring/check';
import { sampleTable } from '../../electron/services/scoring/sample';
import { ApiProvider } from '../../renderer/api/context';
import { CriteriaPage } from '../../renderer/features/scoring/CriteriaPage';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

/** The leader's side of the contract in memory, with the real checks, as the service states them. */
function leaderApi(initial: CriteriaTable | null, published = false, overrides = {}) {
  let view: CriteriaView = { table: initial, recordId: initial ? 'r' : null, version: initial ? 1 : 0, published, editable: true, problems: initial ? checkTable(initial) : [] };
  const saved = (table: CriteriaTable) => (view = { ...view, table, version: view.published ? view.version + 1 : Math.max(view.version, 1), published: false, problems: checkTable(table) });
  return fakeApi(
    {
      'scoring.criteria': () => view,
      'scoring.startFromSample': () => saved(sampleTable(2022)),
      'scoring.saveCriteria': ({ table }) => saved(table as CriteriaTable),
      'scoring.readCriteriaXlsx': () => reading,
    },
    overrides,
  );
}

const reading: CriteriaReading = {
  sheet: 'Bảng chấm điểm',
  table: { ...sampleTable(2022), title: 'BẢNG TIÊU CHÍ ĐỌC TỪ TỆP', sample: false },
  recognised: ['Trang tính "Bảng chấm điểm", dòng tiêu đề 5: cột A là "STT".'],
  unread: [{ row: 26, message: 'Dòng 26: số thứ tự "1..2" không theo kiểu I, 1, 1.1, a; đã đặt vào mục V, hãy sửa lại số thứ tự.' }],
  problems: [],
};

const page = (api: ReturnType<typeof fakeApi>['api'], g = group) =>
  render(
    <ApiProvider api={api}>
      <CriteriaPage group={g} />
    </ApiProvider>,
  );

describe('Bảng tiêu chí (leader)', { timeout: 30_000 }, () => {
  it('starts from the sample, marked as such, with its totals per unit kind', async () => {
    const { api, call } = leaderApi(null);
    page(api);
    expect(await screen.findByText(/Chưa có bảng tiêu chí/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu từ bảng mẫu' }));
    expect(await screen.findByText('Bảng mẫu')).toBeTruthy();
    expect(call).toHaveBeenCalledWith('scoring.startFromSample', { groupId: group.id });
    const totals = screen.getByRole('table', { name: 'Tổng điểm theo loại đơn vị' });
    expect(within(totals).getAllByRole('row').map((r) => r.textContent)).toEqual(['Loại đơn vịTổng điểm chuẩnĐiểm thưởng tối đaĐiểm trừ tối đa', 'Sở Tư pháp2001020', 'Cục THADS / THADS tỉnh2001020']);
    expect(screen.getByText('Kiểm tra bảng: điểm các nhóm cộng đúng, số thứ tự đúng.')).toBeTruthy();
  });

  it('shows a group that no longer adds up as one types, the error after saving, and takes the leader to its row', async () => {
    const { api, call } = leaderApi(sampleTable(2022));
    page(api);
    fireEvent.click((await screen.findAllByRole('button', { name: 'Sửa mục 1' }))[0]!);
    const editor = screen.getByLabelText('Sửa mục 1', { selector: 'div' });
    fireEvent.change(within(editor).getByLabelText('Điểm chuẩn'), { target: { value: '2,5' } });
    expect(screen.getByText('các mục cộng lại 20,5')).toBeTruthy();
    expect(screen.getByText('Có thay đổi chưa lưu.')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Lưu bảng tiêu chí' })[0]!);
    expect(await screen.findByText(/Đã lưu bảng tiêu chí \(phiên bản 1\)\. Bảng còn 1 lỗi/)).toBeTruthy();
    const saved = call.mock.calls.find((c) => c[0] === 'scoring.saveCriteria')![1] as { table: CriteriaTable };
    expect(saved.table.nodes[0]!.children[0]!.children[0]!.max).toBe(2.5);
    const error = screen.getByRole('button', { name: 'Lỗi: Mục I có điểm chuẩn 20 nhưng các tiêu chí trong nhóm cộng lại 20,5.' });
    fireEvent.click(error);
    expect(screen.getByLabelText('Sửa mục I', { selector: 'div' })).toBeTruthy();
  });

  it('checks the table as one types, before saving: a check appears and goes again', async () => {
    const { api, call } = leaderApi(sampleTable(2022));
    page(api);
    fireEvent.click((await screen.findAllByRole('button', { name: 'Sửa mục 1' }))[0]!);
    const editor = screen.getByLabelText('Sửa mục 1', { selector: 'div' });
    const checks = screen.getByLabelText('Kiểm tra bảng');
    expect(checks.textContent).toContain('Kiểm tra bảng: điểm các nhóm cộng đúng, số thứ tự đúng.');
    fireEvent.change(within(editor).getByLabelText('Điểm chuẩn'), { target: { value: '2,5' } });
    expect(within(checks).getByRole('button', { name: 'Lỗi: Mục I có điểm chuẩn 20 nhưng các tiêu chí trong nhóm cộng lại 20,5.' })).toBeTruthy();
    expect(checks.textContent).toContain('Kiểm tra bảng: 1 lỗi, 0 cảnh báo');
    // A number used twice among its siblings, as typed.
    fireEvent.change(within(editor).getByLabelText('Số thứ tự'), { target: { value: '2' } });
    expect(within(checks).getByRole('button', { name: 'Lỗi: Số thứ tự "2" bị dùng hai lần trong cùng một nhóm.' })).toBeTruthy();
    fireEvent.change(within(editor).getByLabelText('Số thứ tự'), { target: { value: '1' } });
    fireEvent.change(within(editor).getByLabelText('Điểm chuẩn'), { target: { value: '2' } });
    expect(within(checks).queryAllByRole('button')).toHaveLength(0);
    expect(checks.textContent).toContain('Kiểm tra bảng: điểm các nhóm cộng đúng, số thứ tự đúng.');
    expect(call.mock.calls.some((c) => c[0] === 'scoring.saveCriteria')).toBe(false);
  });

  it('edits a rule, adds and removes items, moves them', async () => {
    const { api } = leaderApi(sampleTable(2022));
    page(api);
    fireEvent.click((await screen.findAllByRole('button', { name: 'Sửa mục 1' }))[0]!);
    const editor = screen.getByLabelText('Sửa mục 1', { selector: 'div' });
    expect(within(editor).getAllByLabelText(/Chậm đến/)).toHaveLength(4);
    fireEvent.change(within(editor).getByLabelText('Cách chấm', { selector: 'select' }), { target: { value: 'percentage' } });
    expect(within(editor).getAllByLabelText('Từ tỷ lệ (%)')).toHaveLength(2);
    fireEvent.change(within(editor).getByLabelText('Số thứ tự'), { target: { value: '1a' } });
    expect(screen.getByRole('button', { name: 'Chuyển mục 1a xuống' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Chuyển mục 1a xuống' }));
    const rows = screen.getAllByRole('row').map((r) => r.querySelector('td')?.textContent);
    expect(rows.indexOf('2')).toBeLessThan(rows.indexOf('1a'));
    fireEvent.click(screen.getByRole('button', { name: 'Xóa mục 1a' }));
    expect(screen.queryByRole('button', { name: 'Sửa mục 1a' })).toBeNull();
  });

  it('reads an .xlsx, lists what was read and not, and saves it only when accepted', async () => {
    const file = { id: 'a'.repeat(32), name: 'bang.xlsx', size: 10 };
    const { api, call } = leaderApi(null, false, { pickXlsx: vi.fn(async () => file) });
    page(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Nhập từ tệp Excel…' }));
    expect(await screen.findByText('BẢNG TIÊU CHÍ ĐỌC TỪ TỆP')).toBeTruthy();
    expect(call).toHaveBeenCalledWith('scoring.readCriteriaXlsx', { groupId: group.id, file });
    expect(screen.getByText(reading.unread[0]!.message)).toBeTruthy();
    expect(call.mock.calls.some((c) => c[0] === 'scoring.saveCriteria')).toBe(false);
    // Which unit kinds the sheet serves: both unless the leader says otherwise, and said so.
    const kinds = screen.getByRole('radiogroup', { name: 'Loại đơn vị áp dụng' });
    expect((within(kinds).getByLabelText('Cả Sở Tư pháp và Cục THADS / THADS tỉnh (mặc định)') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(kinds).getByLabelText('Chỉ Cục THADS / THADS tỉnh'));
    fireEvent.click(screen.getByRole('button', { name: 'Dùng bảng này' }));
    expect(await screen.findByText(/Đã dùng bảng đọc từ tệp Excel/)).toBeTruthy();
    expect(call).toHaveBeenCalledWith('scoring.saveCriteria', { groupId: group.id, table: { ...reading.table, unit_kinds: ['thads'] } });
    expect(screen.queryByText('Bảng mẫu')).toBeNull();
  });

  it('says when the version has gone out in a kickoff', async () => {
    const { api } = leaderApi(sampleTable(2022), true);
    page(api);
    expect(await screen.findByText(/Phiên bản 1 đã gửi trong gói khởi động\. Lần lưu tiếp theo tạo phiên bản 2/)).toBeTruthy();
  });
});

describe('Bảng tiêu chí (member)', () => {
  it('shows the received table read-only with its totals', async () => {
    const table = sampleTable(2022);
    const { api } = fakeApi({ 'scoring.criteria': () => ({ table, recordId: 'r', version: 2, published: true, editable: false, problems: [] }) });
    page(api, { ...group, ownRole: 'member' });
    expect(await screen.findByText(/Bảng do Trưởng Khu vực\/Cụm gửi trong gói khởi động \(phiên bản 2\)/)).toBeTruthy();
    expect(screen.getByText('Bảng mẫu')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Tổng điểm theo loại đơn vị' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Lưu|Sửa|Nhập|Thêm/ })).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.getByText(/Khi bằng điểm, lần lượt so sánh: Điểm của nhóm C\./)).toBeTruthy();
  });

  it('says where the table comes from before it has arrived', async () => {
    const { api } = fakeApi({ 'scoring.criteria': () => ({ table: null, recordId: null, version: 0, published: false, editable: false, problems: [] }) });
    page(api, { ...group, ownRole: 'member' });
    expect(await screen.findByText(/Chưa nhận bảng tiêu chí chấm điểm/)).toBeTruthy();
  });
});
