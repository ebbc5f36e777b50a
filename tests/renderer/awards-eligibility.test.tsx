import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { EligibilityPage } from '../../renderer/features/awards/EligibilityPage';
import type { EligibilityView } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';

const view: EligibilityView = {
  year: 2025,
  date: '2025-12-31',
  dateText: '31/12/2025',
  edition: '2025-11-20',
  nominees: [
    {
      id: 2,
      kind: 'person',
      name: 'Nguyễn Thị Hương',
      division: 'Phòng Hành chính tư pháp',
      entries: [
        { code: 'CSTDCS', name: 'Chiến sĩ thi đua cơ sở', kind: 'title', status: 'met', statusLabel: 'Đạt', reason: 'Đủ điều kiện', details: [{ status: 'met', statusLabel: 'Đạt', text: 'Năm 2025 đạt «Lao động tiên tiến» (đang đề nghị, chưa có quyết định).' }], verified: true, verifiedLabel: '', brokenYear: null, source: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23', note: null },
        { code: 'CSTD_BO', name: 'Chiến sĩ thi đua cấp Bộ', kind: 'title', status: 'not_met', statusLabel: 'Chưa đạt', reason: 'Chưa đủ', details: [{ status: 'not_met', statusLabel: 'Chưa đạt', text: 'Cần 3 năm liên tục (các năm 2023–2025); chuỗi đứt ở năm 2023.' }], verified: true, verifiedLabel: '', brokenYear: 2023, source: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22', note: null },
        { code: 'BK_TTG_CN', name: 'Bằng khen của Thủ tướng Chính phủ', kind: 'award', status: 'needs_review', statusLabel: 'Cần xem xét', reason: 'Điều kiện chưa xác minh', details: [], verified: false, verifiedLabel: 'chưa xác minh', brokenYear: null, source: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 71', note: 'Chưa xác minh điều kiện.' },
        { code: 'HCLD3_CN', name: 'Huân chương Lao động hạng Ba', kind: 'award', status: 'needs_review', statusLabel: 'Cần xem xét', reason: 'Điều kiện của «Huân chương Lao động hạng Ba» chưa xác minh: Đối chiếu văn bản gốc.', details: [], verified: false, verifiedLabel: 'chưa xác minh', brokenYear: null, source: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 45', note: 'Đối chiếu văn bản gốc.' },
        { code: 'LDTT', name: 'Lao động tiên tiến', kind: 'title', status: 'needs_review', statusLabel: 'Cần xem xét', reason: 'Cần xem xét', details: [{ status: 'needs_review', statusLabel: 'Cần xem xét', text: 'Năm 2025 chưa có danh sách thành viên của tập thể.' }, { status: 'needs_review', statusLabel: 'Cần xem xét', text: 'Năm 2025 chưa có danh sách thành viên của tập thể.' }, { status: 'met', statusLabel: 'Đạt', text: 'Năm 2025 không bị kỷ luật.' }], verified: true, verifiedLabel: '', brokenYear: null, source: 'Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24', note: null },
      ],
    },
  ],
};

describe('EligibilityPage', () => {
  it('shows each entry met, not met or to review with its reasons, the year breaking a chain, “chưa xác minh” and the legal source; filters by result', async () => {
    const { api, call } = fakeApi({ 'awards.eligibility': () => view });
    render(
      <ApiProvider api={api}>
        <EligibilityPage year={2025} />
      </ApiProvider>,
    );
    const person = await screen.findByRole('region', { name: 'Nguyễn Thị Hương' });
    expect(call).toHaveBeenCalledWith('awards.eligibility', { year: 2025 });
    const rows = within(person).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows[0]).toContain('Chiến sĩ thi đua cơ sởĐạtĐạtNăm 2025 đạt «Lao động tiên tiến» (đang đề nghị, chưa có quyết định).Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23');
    expect(rows[1]).toContain('Chưa đạtChuỗi đứt ở năm 2023Chưa đạtCần 3 năm liên tục');
    expect(rows[2]).toContain('Cần xem xétchưa xác minh');
    expect(rows[2]).toContain('Chưa xác minh điều kiện.');
    // The note the reason already quotes is not said a second time under the source.
    expect(rows[3]!.split('Đối chiếu văn bản gốc.')).toHaveLength(2);
    // One missing fact failing several conditions is read once.
    expect(within(within(person).getAllByRole('row')[5]!).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Cần xem xétNăm 2025 chưa có danh sách thành viên của tập thể.', 'ĐạtNăm 2025 không bị kỷ luật.']);
    expect(screen.getByText(/Theo các quy định có hiệu lực ngày 31\/12\/2025/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Hiện'), { target: { value: 'not_met' } });
    expect(within(screen.getByRole('region', { name: 'Nguyễn Thị Hương' })).getAllByRole('row')).toHaveLength(2);
  });

  it('a year not of four digits is not asked for, and says so', async () => {
    const { api, call } = fakeApi({ 'awards.eligibility': () => view });
    render(
      <ApiProvider api={api}>
        <EligibilityPage year={2025} />
      </ApiProvider>,
    );
    await screen.findByRole('region', { name: 'Nguyễn Thị Hương' });
    fireEvent.change(screen.getByLabelText('Năm xét'), { target: { value: '25' } });
    expect(await screen.findByText('Năm xét ghi bằng 4 chữ số, ví dụ 2025.')).toBeTruthy();
    expect(call).toHaveBeenCalledTimes(1);
  });
});
