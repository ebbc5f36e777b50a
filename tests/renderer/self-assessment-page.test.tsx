import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { SelfAssessmentPage } from '../../renderer/features/scoring/SelfAssessmentPage';
import type { SelfAssessmentView, VerifiedResult } from '../../electron/ipc/contract';
import { sampleTable } from '../../electron/services/scoring/sample';
import { gapsOf } from '../../electron/services/scoring/self-assessment';
import type { SelfAssessmentRecord } from '../../electron/services/scoring/self-assessment-schemas';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

const table = sampleTable(2022);

function viewOf(record: SelfAssessmentRecord, status: SelfAssessmentView['status'] = 'draft'): SelfAssessmentView {
  return {
    table,
    tableRef: { recordId: '00000000-0000-4000-8000-000000000001', version: 1 },
    unitKind: 'so_tu_phap',
    record,
    status,
    version: record.version,
    totals: { total: 0, max: 200, bonus: 0, deduction: 0 },
    gaps: gapsOf(table, 'so_tu_phap', record),
    signer: { title: 'Giám đốc', name: '' },
  };
}

const empty: SelfAssessmentRecord = {
  record_id: '00000000-0000-4000-8000-000000000002',
  type: 'self_assessment',
  version: 1,
  unit: { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap' },
  group: { code: 'KVTD-MNPB', year: 2022 },
  table: { record_id: '00000000-0000-4000-8000-000000000001', version: 1 },
  items: [],
  conditions_met: [],
  confirmation: null,
};

function setup(verified: VerifiedResult | null = null) {
  let record = empty;
  const fake = fakeApi({
    'scoring.selfAssessment': () => viewOf(record),
    'scoring.verifiedScores': () => verified,
    'scoring.saveSelfAssessment': (input) => {
      record = { ...record, items: input.items.filter((i) => i.value || i.explanation || i.evidence.length), conditions_met: input.conditions_met, confirmation: input.confirmation ?? null };
      return viewOf(record);
    },
    'scoring.exportSelfAssessment': () => ({ file: { id: 'a'.repeat(32), name: 'tu-cham-diem.tdkt', size: 10 }, seq: 4, version: 1 }),
  });
  render(
    <ApiProvider api={fake.api}>
      <SelfAssessmentPage group={{ ...group, ownRole: 'member' }} />
    </ApiProvider>,
  );
  return fake;
}

const totalText = () => screen.getByLabelText('Tổng điểm').textContent;

describe('SelfAssessmentPage', () => {
  it('updates the group and overall totals as one types, with comma decimals', async () => {
    setup();
    const box = await screen.findByLabelText('Tự chấm: Xử lý văn bản trái pháp luật phát hiện qua kiểm tra');
    expect(totalText()).toContain('Tổng điểm: 0/200');
    fireEvent.change(box, { target: { value: '4,5' } });
    expect(totalText()).toContain('Tổng điểm: 4,5/200');
    expect(screen.getByLabelText('Điểm nhóm II: Xây dựng, thẩm định, kiểm tra và rà soát văn bản quy phạm pháp luật').textContent).toBe('4,5');
    // A report one day late earns 1,5 of 2; a deduction is taken from the total.
    fireEvent.change(screen.getByLabelText('Tự chấm: Báo cáo công tác tư pháp năm'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Tự chấm: Có cán bộ, công chức bị xử lý kỷ luật trong năm'), { target: { value: '2' } });
    expect(totalText()).toContain('Tổng điểm: 4/200');
    expect(totalText()).toContain('Điểm trừ −2');
    // The status bar does not say "saved" before the save comes back.
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Đã lưu'), { timeout: 3000 });
  });

  it('refuses a value above the maximum, below zero or a deduction beyond its cap, saying why beside the box', async () => {
    const { call } = setup();
    const box = await screen.findByLabelText('Tự chấm: Xử lý văn bản trái pháp luật phát hiện qua kiểm tra');
    fireEvent.change(box, { target: { value: '6' } });
    const cell = box.closest('td')!;
    expect(within(cell).getByRole('alert').textContent).toBe('Điểm 6 của mục 2.2 vượt quá điểm chuẩn 5.');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(totalText()).toContain('Tổng điểm: 0/200');
    fireEvent.change(box, { target: { value: '-1' } });
    expect(within(cell).getByRole('alert').textContent).toBe('Điểm của mục 2.2 không được âm.');
    const deduction = screen.getByLabelText('Tự chấm: Chậm hoặc không gửi văn bản, báo cáo theo yêu cầu của Trưởng Khu vực');
    fireEvent.change(deduction, { target: { value: '7' } });
    expect(within(deduction.closest('td')!).getByRole('alert').textContent).toBe('Điểm trừ 7 của mục 1 vượt quá mức trừ tối đa 5 điểm.');
    fireEvent.blur(deduction);
    await waitFor(() => expect(call).toHaveBeenCalledWith('scoring.saveSelfAssessment', expect.anything()));
    // What is refused is never sent as a value.
    const sent = call.mock.calls.filter(([c]) => c === 'scoring.saveSelfAssessment').at(-1)![1] as { items: { node: string; value: unknown }[] };
    expect(sent.items.filter((i) => i.value !== null)).toEqual([]);
    fireEvent.change(box, { target: { value: '5' } });
    expect(within(cell).queryByRole('alert')).toBeNull();
    expect(totalText()).toContain('Tổng điểm: 5/200');
  });

  it('lists the gaps before export and sends as it is only when told so', async () => {
    const { call, api } = setup();
    fireEvent.change(await screen.findByLabelText('Tự chấm: Xử lý văn bản trái pháp luật phát hiện qua kiểm tra'), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ký và xuất gói' }));
    const panel = await screen.findByRole('alertdialog', { name: 'Bảng tự chấm điểm còn thiếu' });
    expect(panel.textContent).toContain('tiêu chí chưa chấm');
    // Numbered with their groups', since numbering restarts in every group.
    expect(panel.textContent).toContain('mục A.I.1 Báo cáo công tác tư pháp 06 tháng đầu năm');
    // Scored, but its evidence is required and not attached.
    expect(within(panel).getByText(/bắt buộc có minh chứng/).parentElement!.textContent).toContain('mục A.II.2.2 Xử lý văn bản trái pháp luật phát hiện qua kiểm tra');
    expect(panel.textContent).toContain('Chưa đính kèm bản scan bảng tự chấm điểm đã ký và được xác nhận.');
    expect(call).not.toHaveBeenCalledWith('scoring.exportSelfAssessment', expect.anything());
    fireEvent.click(within(panel).getByRole('button', { name: 'Gửi như hiện có' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('scoring.exportSelfAssessment', { groupId: group.id, acceptGaps: true }));
    await waitFor(() => expect(api.save).toHaveBeenCalled());
    expect((await screen.findByText(/Đã ký và xuất gói tự chấm điểm số 4/)).textContent).toContain('Đã tải tệp tu-cham-diem.tdkt.');
  });

  it('shows the verified total against its own and highlights the items the leader changed, with the reason', async () => {
    setup({
      by: 'Sở Tư pháp tỉnh Tuyên Quang',
      receivedAt: '2022-12-20T03:00:00.000Z',
      selfVersion: 1,
      selfTotal: 182,
      verifiedTotal: 179.5,
      changes: [{ node: 'a2.2.2', number: '2.2', content: 'Xử lý văn bản trái pháp luật phát hiện qua kiểm tra', selfPoints: 5, verifiedPoints: 2.5, reason: 'Thiếu minh chứng xử lý 2 văn bản.' }],
    });
    const panel = await screen.findByLabelText('Kết quả chấm của Trưởng Khu vực/Cụm');
    expect(panel.textContent).toContain('179,5 điểm');
    expect(panel.textContent).toContain('đơn vị tự chấm 182 điểm (−2,5)');
    expect(panel.textContent).toContain('nhận ngày 20/12/2022');
    // Numbered with its groups, as the gaps are: a bare "2.2" stands in several groups.
    expect(panel.textContent).toContain('Mục A.II.2.2 Xử lý văn bản trái pháp luật phát hiện qua kiểm tra: 5 → 2,5. Lý do: Thiếu minh chứng xử lý 2 văn bản.');
    const row = screen.getByLabelText('Tự chấm: Xử lý văn bản trái pháp luật phát hiện qua kiểm tra').closest('tr')!;
    expect(row.className).toBe('sa-changed');
    expect(within(row).getByRole('note').textContent).toContain('Thiếu minh chứng xử lý 2 văn bản.');
  });
});
