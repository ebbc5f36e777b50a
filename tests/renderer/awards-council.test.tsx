import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { CouncilPage } from '../../renderer/features/awards/CouncilPage';
import type { CouncilView, Input } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

const member = (name: string, role: string, attendance: 'present' | 'in_writing' | 'absent') => ({ name, position: 'Trưởng phòng', role, attendance });

const saved: CouncilView = {
  year: 2022,
  ruleDate: '2022-12-10',
  edition: '2025-11-20',
  status: 'draft',
  recordId: '0b6f5a8e-7d1c-4c1e-9a57-2f4f2e6b9c10',
  version: 1,
  meeting: {
    council_name: 'Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Tuyên Quang',
    date: '2022-12-10',
    start_time: '08:00',
    end_time: '10:30',
    place: 'Phòng họp tầng 2',
    chair: { name: 'Hoàng Văn Minh', position: 'Giám đốc Sở' },
    secretary: { name: 'Phạm Thị Thu', position: 'Chánh Văn phòng' },
    members: [member('Hoàng Văn Minh', 'Chủ tịch Hội đồng', 'present'), member('Phạm Thị Thu', 'Ủy viên thư ký', 'present'), member('Trần Thị Mai', 'Ủy viên', 'in_writing')],
    quorum: { numerator: 2, denominator: 3 },
    method: 'bỏ phiếu kín',
    content: '',
    default_threshold_percent: null,
    thresholds: [{ award_code: 'CSTDCS', percent: 70 }],
    nominations: [
      { nomineeId: 3, award_code: 'CSTDCS', votes_for: 3 },
      { nomineeId: 4, award_code: 'CSTDCS', votes_for: 2 },
    ],
  },
  tally: { total: 3, present: 2, inWriting: 1, voting: 3, quorumText: '2/3', quorumNeeded: 2, quorumMet: true },
  results: [
    { nomineeId: 3, nominee: { kind: 'person', name: 'Nguyễn Thị Hương', division: 'Phòng Hành chính tư pháp', position: 'Chuyên viên' }, award_code: 'CSTDCS', awardName: 'Chiến sĩ thi đua cơ sở', votes_for: 3, shareText: '100 %', thresholdText: '70 %', needed: 3, reached: true, verifiedLabel: 'chưa xác minh', source: 'Nghị định 152/2025/NĐ-CP; tỷ lệ do đơn vị quy định', text: '' },
    { nomineeId: 4, nominee: { kind: 'person', name: 'Lò Văn Hải', division: 'Phòng Hành chính tư pháp', position: 'Trưởng phòng' }, award_code: 'CSTDCS', awardName: 'Chiến sĩ thi đua cơ sở', votes_for: 2, shareText: '66,67 %', thresholdText: '70 %', needed: 3, reached: false, verifiedLabel: 'chưa xác minh', source: 'Nghị định 152/2025/NĐ-CP; tỷ lệ do đơn vị quy định', text: '' },
  ],
  awards: [
    { code: 'GK_TT', name: 'Giấy khen', scope: 'collective', cataloguePercent: null, percent: null, settable: true, verified: false, verifiedLabel: 'chưa xác minh', source: 'Danh mục chưa có quy định tỷ lệ biểu quyết của Hội đồng', note: null },
    { code: 'CSTDCS', name: 'Chiến sĩ thi đua cơ sở', scope: 'individual', cataloguePercent: 80, percent: 70, settable: true, verified: false, verifiedLabel: 'chưa xác minh', source: 'Nghị định 152/2025/NĐ-CP; tỷ lệ do đơn vị quy định', note: null },
    { code: 'CSTD_BO', name: 'Chiến sĩ thi đua cấp Bộ', scope: 'individual', cataloguePercent: 90, percent: 90, settable: false, verified: true, verifiedLabel: '', source: 'Nghị định 98/2023/NĐ-CP', note: null },
  ],
  nominees: [
    { id: 1, kind: 'unit', name: 'Sở Tư pháp tỉnh Tuyên Quang', division: '', position: '' },
    { id: 2, kind: 'division', name: 'Phòng Hành chính tư pháp', division: '', position: '' },
    { id: 3, kind: 'person', name: 'Nguyễn Thị Hương', division: 'Phòng Hành chính tư pháp', position: 'Chuyên viên' },
    { id: 4, kind: 'person', name: 'Lò Văn Hải', division: 'Phòng Hành chính tư pháp', position: 'Trưởng phòng' },
  ],
};

function renderPage(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const fake = fakeApi({
    'awards.council': () => saved,
    'awards.saveCouncil': (input) => ({ ...saved, meeting: { ...saved.meeting, ...input.meeting } as CouncilView['meeting'] }),
    ...handlers,
  });
  render(
    <ApiProvider api={fake.api}>
      <CouncilPage group={group} />
    </ApiProvider>,
  );
  return fake;
}

describe('CouncilPage', () => {
  it('shows each nomination\'s votes, share of the total membership, what is needed and the result, with "chưa xác minh" and the source of each threshold', async () => {
    const { call } = renderPage();
    const results = await screen.findByRole('table', { name: 'Kết quả biểu quyết' });
    expect(call).toHaveBeenCalledWith('awards.council', { groupId: group.id });
    const rows = within(results).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows[0]).toContain('Nguyễn Thị Hương');
    expect(rows[0]).toContain('3/3 (100 %)70 %, ít nhất 3 phiếuĐạtchưa xác minh');
    expect(rows[1]).toContain('2/3 (66,67 %)70 %, ít nhất 3 phiếuKhông đạtchưa xác minh');
    expect(screen.getByText(/Tổng số 3 thành viên: có mặt 2, vắng có phiếu gửi bằng văn bản 1, vắng không có phiếu 0\./)).toBeTruthy();
    expect(screen.getByText('đủ điều kiện họp')).toBeTruthy();
    const thresholds = screen.getByRole('table', { name: 'Tỷ lệ phiếu cần đạt' });
    expect((screen.getByLabelText('Tỷ lệ của Chiến sĩ thi đua cơ sở (%)') as HTMLInputElement).value).toBe('70');
    expect(thresholds.textContent).toContain('Danh mục ghi 80 %; để trống để dùng tỷ lệ này.');
  });

  it('an edited vote waits for the save to be counted; the save sends the meeting as edited, a new member and a nomination included', async () => {
    const { call } = renderPage();
    await screen.findByRole('table', { name: 'Kết quả biểu quyết' });
    fireEvent.change(screen.getByLabelText('Số phiếu đồng ý cho Lò Văn Hải (Chiến sĩ thi đua cơ sở)'), { target: { value: '3' } });
    expect(screen.getAllByText('Lưu để tính')).toHaveLength(2);
    expect(screen.getByText(/Có thay đổi chưa lưu/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Thêm thành viên' }));
    fireEvent.change(screen.getByLabelText('Họ tên thành viên 4'), { target: { value: 'Vũ Đức Anh' } });
    fireEvent.change(screen.getByLabelText('Tham dự của thành viên 4'), { target: { value: 'absent' } });
    const adder = screen.getByRole('group', { name: 'Thêm trường hợp biểu quyết' });
    fireEvent.change(within(adder).getByLabelText('Tập thể, cá nhân'), { target: { value: '2' } });
    // A division is a collective: only collective awards are offered.
    expect(within(within(adder).getByLabelText('Danh hiệu, hình thức khen thưởng')).getAllByRole('option').map((o) => o.textContent)).toEqual(['— Chọn —', 'Giấy khen']);
    fireEvent.change(within(adder).getByLabelText('Danh hiệu, hình thức khen thưởng'), { target: { value: 'GK_TT' } });
    fireEvent.change(within(adder).getByLabelText('Số phiếu đồng ý'), { target: { value: '3' } });
    fireEvent.click(within(adder).getByRole('button', { name: 'Thêm vào biểu quyết' }));
    fireEvent.change(screen.getByLabelText('Tỷ lệ của Giấy khen (%)'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cuộc họp' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('awards.saveCouncil', expect.anything()));
    const sent = call.mock.calls.find(([c]) => c === 'awards.saveCouncil')![1] as Input<'awards.saveCouncil'>;
    expect(sent.groupId).toBe(group.id);
    expect(sent.meeting.members[3]).toEqual({ name: 'Vũ Đức Anh', position: '', role: 'Ủy viên', attendance: 'absent' });
    expect(sent.meeting.nominations).toEqual([
      { nomineeId: 3, award_code: 'CSTDCS', votes_for: 3 },
      { nomineeId: 4, award_code: 'CSTDCS', votes_for: 3 },
      { nomineeId: 2, award_code: 'GK_TT', votes_for: 3 },
    ]);
    expect(sent.meeting.thresholds).toEqual([
      { award_code: 'CSTDCS', percent: 70 },
      { award_code: 'GK_TT', percent: 50 },
    ]);
  });

  it('shows the service\'s refusal as it says it', async () => {
    renderPage({
      'awards.saveCouncil': () => {
        throw new Error('Cuộc họp có 1/3 thành viên có mặt, cần ít nhất 2 (2/3 tổng số thành viên): không đủ điều kiện biểu quyết.');
      },
    });
    await screen.findByRole('table', { name: 'Kết quả biểu quyết' });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cuộc họp' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Cuộc họp có 1/3 thành viên có mặt, cần ít nhất 2 (2/3 tổng số thành viên): không đủ điều kiện biểu quyết.');
  });

  it('prints the minutes and the list after saving, and hands each file to be saved', async () => {
    const handle = { id: '0123456789abcdef0123456789abcdef', name: 'bien-ban-hop-hoi-dong-2022-STP-TQ-v1.docx', size: 1000 };
    const { api, call } = renderPage({ 'awards.printCouncilMinutes': () => handle, 'awards.printCouncilList': () => ({ ...handle, name: 'danh-sach.docx' }) });
    await screen.findByRole('table', { name: 'Kết quả biểu quyết' });
    fireEvent.click(screen.getByRole('button', { name: 'In biên bản họp' }));
    expect((await screen.findByRole('status', {}, { timeout: 2000 })).textContent).toContain('Đã in biên bản họp Hội đồng. Đã tải tệp bien-ban-hop-hoi-dong-2022-STP-TQ-v1.docx.');
    const order = call.mock.calls.map(([c]) => c);
    expect(order.indexOf('awards.saveCouncil')).toBeLessThan(order.indexOf('awards.printCouncilMinutes'));
    fireEvent.click(screen.getByRole('button', { name: 'In danh sách được đề nghị' }));
    await waitFor(() => expect(api.save).toHaveBeenCalledWith({ ...handle, name: 'danh-sach.docx' }));
  });
});
