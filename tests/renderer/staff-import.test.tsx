import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { ApiError } from '../../renderer/api/client';
import { StaffPage } from '../../renderer/features/registration/StaffPage';
import type { StaffImportReport } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';

const report: StaffImportReport = {
  sheet: 'Cán bộ',
  headerRow: 2,
  recognised: [
    { column: 'B', header: 'Họ và tên', field: 'fullName', label: 'Họ và tên' },
    { column: 'D', header: 'Giới tính', field: 'gender', label: 'Giới tính' },
    { column: 'F', header: 'Đơn vị công tác', field: 'department', label: 'Phòng, bộ phận' },
  ],
  ignored: [{ column: 'G', header: 'Ghi chú' }],
  added: 1200,
  duplicates: [
    { row: 3, fullName: 'Nguyễn Thị Hương', birthYear: 1980, sameAsRow: null },
    { row: 9, fullName: 'Lò Văn Hải', birthYear: null, sameAsRow: 4 },
  ],
  warnings: ['Ô F3:F5 là ô gộp trong cột Phòng, bộ phận: giá trị "Văn phòng" được dùng cho các dòng 3–5.'],
};

function renderPage(importXlsx: () => StaffImportReport) {
  const file = { id: 'f1', name: 'can-bo.xlsx', size: 1 };
  const { api, call } = fakeApi({ 'registration.staffList': () => [], 'registration.staffImportXlsx': importXlsx }, { pickXlsx: vi.fn(async () => file) });
  render(
    <ApiProvider api={api}>
      <StaffPage />
    </ApiProvider>,
  );
  return { call, file };
}

describe('StaffPage import from Excel', () => {
  it('shows what the import did: columns read and ignored, people added, duplicates by row, warnings', async () => {
    const { call, file } = renderPage(() => report);
    fireEvent.click(screen.getByRole('button', { name: 'Nhập từ Excel (.xlsx)…' }));
    const panel = await screen.findByRole('region', { name: 'Kết quả nhập từ Excel' });
    expect(call).toHaveBeenCalledWith('registration.staffImportXlsx', { file });
    const text = panel.textContent!;
    expect(text).toContain('Đã nhập 1.200 cán bộ từ trang tính “Cán bộ” (dòng tiêu đề: dòng 2).');
    expect(text).toContain('Cột đã nhận: B “Họ và tên” → Họ và tên; D “Giới tính” → Giới tính; F “Đơn vị công tác” → Phòng, bộ phận.');
    expect(text).toContain('Cột bỏ qua (không thuộc danh sách cán bộ): G “Ghi chú”.');
    expect(text).toContain('Bỏ qua 2 người trùng');
    const items = within(panel).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Dòng 3: Nguyễn Thị Hương (1980): đã có trong danh sách cán bộ.',
      'Dòng 9: Lò Văn Hải: trùng dòng 4.',
      'Ô F3:F5 là ô gộp trong cột Phòng, bộ phận: giá trị "Văn phòng" được dùng cho các dòng 3–5.',
    ]);
    fireEvent.click(within(panel).getByRole('button', { name: 'Đóng kết quả nhập' }));
    expect(screen.queryByRole('region', { name: 'Kết quả nhập từ Excel' })).toBeNull();
  });

  it('shows the refusal, and no report, when the sheet is refused', async () => {
    renderPage(() => {
      throw new ApiError('Tệp có quá 100.000 dòng cán bộ; mỗi lần chỉ nhập được tối đa 100.000 dòng.');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Nhập từ Excel (.xlsx)…' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Tệp có quá 100.000 dòng cán bộ');
    expect(screen.queryByRole('region', { name: 'Kết quả nhập từ Excel' })).toBeNull();
  });
});
