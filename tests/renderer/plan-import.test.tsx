import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import type { PlanReading, PlanView } from '../../electron/ipc/contract';
import { ApiProvider } from '../../renderer/api/context';
import { PlanImport } from '../../renderer/features/groups-calendar/PlanImport';
import { fakeApi } from './fake-api';

type Plan = PlanView['plan'];

const plan: Plan = {
  movements: [],
  phases: [],
  events: [],
  milestones: [
    { key: 'registration', section: 'registration', title: 'Đăng ký thi đua (cũ)', deliverable: 'registration', from: 'member', to: ['leader'], gathers: null, deadline: { type: 'date', date: '2022-02-01' }, note: '' },
  ],
  document: { number_symbol: '', place: '', date: '', signer_title: '', signer_name: '', recipients: [] },
};

const reading: PlanReading = {
  title: 'Hoạt động của Khu vực thi đua năm 2022',
  year: 2022,
  phases: [{ name: 'Đợt thi đua thứ nhất', from: '2022-01-01', to: '2022-06-30', purpose: '', sentence: 'Đợt thi đua thứ nhất: từ đầu năm đến ngày 30/6/2022', problems: [] }],
  events: [{ key: 'inspection-end', title: 'Kết thúc kiểm tra', date: null, expected: 'Tháng 09/2022', sentence: 'Thời gian dự kiến thực hiện kiểm tra: Tháng 09/2022.' }],
  milestones: [
    {
      key: 'registration',
      section: 'registration',
      title: 'Đăng ký thi đua năm 2022',
      deliverable: 'registration',
      from: 'member',
      to: ['leader', 'deputy'],
      gathers: null,
      deadline: { type: 'date', date: '2022-02-10' },
      note: '',
      sentence: 'Các đơn vị thành viên … gửi cho Trưởng, Phó Trưởng Khu vực thi đua trước ngày 10/02/2022.',
      problems: [],
    },
    {
      key: 'inspection-minutes',
      section: 'inspection',
      title: 'Báo cáo kết quả kiểm tra',
      deliverable: 'document',
      from: 'inspection_team',
      to: ['leader', 'deputy'],
      gathers: null,
      deadline: { type: 'after_event', event: 'inspection-end', days: 2 },
      note: '',
      sentence: 'Đoàn kiểm tra … chậm nhất 02 ngày sau khi kết thúc kiểm tra.',
      problems: [],
    },
    {
      key: 'mid-year-report',
      section: 'mid_year',
      title: 'Báo cáo sơ kết 6 tháng',
      deliverable: 'mid_year_report',
      from: 'member',
      to: ['leader'],
      gathers: null,
      deadline: null,
      note: '',
      sentence: 'Các đơn vị gửi Báo cáo sơ kết trước ngày 30/02/2022.',
      problems: ['Ngày 30/02/2022 không có thật: hãy nhập hạn đúng.'],
    },
  ],
  problems: [],
};

describe('a plan received as a document', () => {
  it('proposes what it found with the sentence; the leader completes one, and the taken milestones, their event and the phase go into the plan', async () => {
    const saved: Plan[] = [];
    const { api, call } = fakeApi({
      'groups-calendar.readPlan': () => reading,
      'groups-calendar.savePlan': (input) => {
        saved.push(input.plan as Plan);
        return { source: 'own', editable: true, published: false, version: 1, plan: input.plan as Plan, deadlines: {}, rules: {} };
      },
    });
    render(
      <ApiProvider api={api}>
        <PlanImport groupId={1} plan={plan} onSaved={() => {}} />
      </ApiProvider>,
    );
    fireEvent.change(screen.getByLabelText('Hoặc dán nội dung kế hoạch'), { target: { value: 'KẾ HOẠCH …' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đọc nội dung đã dán' }));
    await screen.findByText('Hoạt động của Khu vực thi đua năm 2022');
    expect(call).toHaveBeenCalledWith('groups-calendar.readPlan', { text: 'KẾ HOẠCH …' });
    expect(screen.getByText('Ngày 30/02/2022 không có thật: hãy nhập hạn đúng.')).toBeTruthy();
    expect(screen.getByText(/02 ngày sau "Kết thúc kiểm tra"/)).toBeTruthy();
    // The impossible date is not taken until the leader gives one.
    const flagged = screen.getByLabelText('Đưa vào kế hoạch: Báo cáo sơ kết 6 tháng') as HTMLInputElement;
    expect(flagged.checked).toBe(false);
    expect(screen.getByRole('button', { name: 'Đưa 2 mốc đã chọn vào kế hoạch' })).toBeTruthy();
    fireEvent.click(flagged);
    fireEvent.change(screen.getByLabelText('Hạn'), { target: { value: '31/05/2022' } });
    fireEvent.blur(screen.getByLabelText('Hạn'));
    fireEvent.click(await screen.findByRole('button', { name: 'Đưa 3 mốc đã chọn vào kế hoạch' }));
    await screen.findByText('Đã đưa 3 mốc vào kế hoạch năm.');

    const merged = saved[0]!;
    expect(merged.milestones.map((m) => [m.key, m.deadline])).toEqual([
      ['registration', { type: 'date', date: '2022-02-10' }],
      ['inspection-minutes', { type: 'after_event', event: 'inspection-end', days: 2 }],
      ['mid-year-report', { type: 'date', date: '2022-05-31' }],
    ]);
    expect(merged.events).toEqual([{ key: 'inspection-end', title: 'Kết thúc kiểm tra', date: null, expected: 'Tháng 09/2022' }]);
    expect(merged.phases).toEqual([{ name: 'Đợt thi đua thứ nhất', from: '2022-01-01', to: '2022-06-30', purpose: '' }]);
  });
});
