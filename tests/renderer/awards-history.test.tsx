import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { HistoryPage } from '../../renderer/features/awards/HistoryPage';
import type { HistoryImportReport, NomineeSummary, StoredYear, YearFacts } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';

const nominees: NomineeSummary[] = [
  { id: 1, kind: 'unit', name: 'Sở Tư pháp tỉnh Hà Giang', division: '', position: '', female: null, staffId: null, years: [] },
  { id: 2, kind: 'person', name: 'Nguyễn Thị Hương', division: 'Phòng Hành chính tư pháp', position: 'Chuyên viên', female: true, staffId: 5, years: [2024] },
];
const catalogue = [
  { code: 'LDTT', name: 'Lao động tiên tiến', kind: 'title' as const, scope: 'individual' as const, grantedBy: '', legalBasis: '' },
  { code: 'TTLDTT', name: 'Tập thể lao động tiên tiến', kind: 'title' as const, scope: 'collective' as const, grantedBy: '', legalBasis: '' },
];
const y2024: StoredYear = {
  facts: { year: 2024, taskCompletion: 'hoan_thanh_tot', honours: [{ code: 'LDTT', decision: { number: '125/QĐ-STP', date: '2024-12-15' } }], discipline: [], initiatives: [], confirmed: [], groupLeads: [], targetsExceeded: null },
  source: { kind: 'xlsx', file: 'qd-125.xlsx', rows: '5', updatedAt: '2025-01-02T00:00:00.000Z' },
};
const report = (committed: boolean): HistoryImportReport => ({
  file: 'qd-125.xlsx',
  sha256: 'a'.repeat(64),
  sheets: [
    {
      name: 'QĐ 125',
      status: 'read',
      reason: null,
      layout: 'decision',
      headerRow: 4,
      decisionTitle: { text: 'QUYẾT ĐỊNH số 125/QĐ-STP ngày 15/12/2024', decision: { number: '125/QĐ-STP', date: '2024-12-15' }, code: 'LDTT', codeName: 'Lao động tiên tiến', year: 2024 },
      recognised: [{ column: 'B', header: 'Họ và tên', label: 'Họ và tên (tên tập thể)' }],
      ignored: [{ column: 'A', header: 'STT' }],
    },
    { name: 'Trống', status: 'empty', reason: 'Trang tính "Trống" trống.', layout: null, headerRow: null, decisionTitle: null, recognised: [], ignored: [] },
  ],
  matched: [{ sheet: 'QĐ 125', row: 5, name: 'Nguyễn Thị Hương', kind: 'person', division: 'Phòng Hành chính tư pháp', position: '', title: '', code: 'LDTT', codeName: 'Lao động tiên tiến', decision: { number: '125/QĐ-STP', date: '2024-12-15' }, year: 2024, known: true }],
  unmatched: [{ sheet: 'QĐ 125', row: 8, name: 'Hoàng Văn Nam', text: '', reason: 'ô B8:B9 là ô gộp trong cột Họ và tên (tên tập thể).' }],
  warnings: [],
  changes: { newNominees: 0, newYears: 1, changedYears: 0, unchangedYears: 0 },
  committed,
});

function renderPage() {
  const file = { id: 'f'.repeat(32), name: 'qd-125.xlsx', size: 1 };
  const saved: YearFacts[] = [];
  const { api, call } = fakeApi(
    {
      'awards.nominees': () => nominees,
      'catalogue.list': () => catalogue,
      'awards.years': () => [y2024],
      'awards.saveYear': (input) => {
        saved.push(input.facts as YearFacts);
        return { facts: input.facts as YearFacts, source: { kind: 'manual', file: null, rows: null, updatedAt: '' } };
      },
      'awards.previewHistoryXlsx': () => report(false),
      'awards.importHistoryXlsx': () => report(true),
    },
    { pickXlsx: vi.fn(async () => file) },
  );
  render(
    <ApiProvider api={api}>
      <HistoryPage year={2025} />
    </ApiProvider>,
  );
  return { call, file, saved };
}

describe('HistoryPage', () => {
  it('lists the register, shows a nominee’s years with their decision dd/mm/yyyy and source, and saves a year typed in, with only the titles of its scope', async () => {
    const { call, saved } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Xem lịch sử của Nguyễn Thị Hương' }));
    const panel = await screen.findByRole('region', { name: 'Lịch sử của Nguyễn Thị Hương' });
    await within(panel).findByText('Lao động tiên tiến (QĐ số 125/QĐ-STP ngày 15/12/2024)');
    expect(within(panel).getByText('Nhập từ tệp qd-125.xlsx, dòng 5')).toBeTruthy();
    const form = within(panel).getByRole('form', { name: 'Nhập một năm' });
    const title = within(form).getByLabelText('Danh hiệu, hình thức khen thưởng') as HTMLSelectElement;
    expect([...title.options].map((o) => o.text)).toEqual(['Không thêm', 'Lao động tiên tiến']);
    fireEvent.change(within(form).getByLabelText('Mức hoàn thành nhiệm vụ'), { target: { value: 'hoan_thanh_xuat_sac' } });
    fireEvent.change(title, { target: { value: 'LDTT' } });
    fireEvent.change(within(form).getByLabelText('Sáng kiến, đề tài (tên)'), { target: { value: 'Sổ tay hòa giải' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lưu năm' }));
    expect(await screen.findByText('Đã lưu năm 2025 của Nguyễn Thị Hương.')).toBeTruthy();
    expect(saved[0]).toMatchObject({ year: 2025, taskCompletion: 'hoan_thanh_xuat_sac', honours: [{ code: 'LDTT', decision: null }], initiatives: [{ title: 'Sổ tay hòa giải', kind: 'sang_kien', level: 'co_so' }] });
    expect(call).toHaveBeenCalledWith('awards.saveYear', expect.objectContaining({ nomineeId: 2 }));
  });

  it('a year already recorded shows its task completion, and adding an initiative to it keeps that level', async () => {
    const { saved } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Xem lịch sử của Nguyễn Thị Hương' }));
    const form = await screen.findByRole('form', { name: 'Nhập một năm' });
    expect(screen.getByRole('heading', { name: 'Nhập một năm' })).toBeTruthy();
    const level = within(form).getByLabelText('Mức hoàn thành nhiệm vụ') as HTMLSelectElement;
    expect(level.value).toBe('');
    fireEvent.change(within(form).getByLabelText('Năm'), { target: { value: '2024' } });
    expect(level.value).toBe('hoan_thanh_tot');
    fireEvent.change(within(form).getByLabelText('Sáng kiến, đề tài (tên)'), { target: { value: 'Sổ tay hòa giải' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lưu năm' }));
    expect(await screen.findByText('Đã lưu năm 2024 của Nguyễn Thị Hương.')).toBeTruthy();
    expect(saved[0]).toMatchObject({ year: 2024, taskCompletion: 'hoan_thanh_tot', honours: [{ code: 'LDTT', decision: { number: '125/QĐ-STP' } }], initiatives: [{ title: 'Sổ tay hòa giải' }] });
  });

  it('a decision with a number and no date is refused on the page, in Vietnamese, before anything is sent', async () => {
    const { call } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Xem lịch sử của Nguyễn Thị Hương' }));
    const form = await screen.findByRole('form', { name: 'Nhập một năm' });
    fireEvent.change(within(form).getByLabelText('Số quyết định'), { target: { value: '12/QĐ-STP' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lưu năm' }));
    expect(await screen.findByText('Quyết định cần cả số và ngày (ngày/tháng/năm).')).toBeTruthy();
    expect(call).not.toHaveBeenCalledWith('awards.saveYear', expect.anything());
  });

  it('imports a sheet as a preview first, row by row, then writes it with the preview’s sha256', async () => {
    const { call, file } = renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Nhập từ Excel (.xlsx)…' }));
    const preview = await screen.findByRole('region', { name: 'Xem trước tệp lịch sử' });
    expect(preview.textContent).toContain('Xem trước, chưa ghi gì: sẽ ghi 0 đối tượng mới, 1 năm mới');
    expect(preview.textContent).toContain('Tiêu đề: QĐ số 125/QĐ-STP ngày 15/12/2024, «Lao động tiên tiến», năm 2024.');
    // Every sheet of the workbook is said: the empty one too.
    expect(preview.textContent).toContain('Trang tính “Trống” của tệp qd-125.xlsx: không đọc (không có dữ liệu). Trang tính "Trống" trống.');
    expect(within(preview).getByRole('list', { name: 'Dòng đã nhận' }).textContent).toBe(
      'Dòng 5: Nguyễn Thị Hương (Phòng Hành chính tư pháp), cá nhân: «Lao động tiên tiến», năm 2024, QĐ số 125/QĐ-STP ngày 15/12/2024.',
    );
    expect(within(preview).getByRole('list', { name: 'Dòng không nhận được' }).textContent).toContain('Dòng 8 (Hoàng Văn Nam): ô B8:B9 là ô gộp');
    expect(call).not.toHaveBeenCalledWith('awards.importHistoryXlsx', expect.anything());
    fireEvent.click(within(preview).getByRole('button', { name: 'Ghi vào lịch sử' }));
    const done = await screen.findByRole('region', { name: 'Kết quả nhập lịch sử' });
    expect(done.textContent).toContain('Đã ghi: 0 đối tượng mới, 1 năm mới');
    expect(call).toHaveBeenCalledWith('awards.importHistoryXlsx', { file, sha256: 'a'.repeat(64) });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Xem trước tệp lịch sử' })).toBeNull());
  });
});
