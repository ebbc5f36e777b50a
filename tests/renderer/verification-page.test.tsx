import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { VerificationPage } from '../../renderer/features/scoring/VerificationPage';
import type { CriteriaNode, CriteriaTable, VerificationRow, VerificationView } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

const node = (over: Partial<CriteriaNode> & Pick<CriteriaNode, 'id' | 'number' | 'content' | 'max'>): CriteriaNode => ({
  kind: 'item',
  role: 'standard',
  guide: '',
  evidence: '',
  evidence_required: false,
  unit_kinds: [],
  rule: { type: 'manual' },
  floor: 0,
  children: [],
  ...over,
});
const report = node({ id: 'a1', number: '1', content: 'Báo cáo 6 tháng', max: 2, rule: { type: 'lateness', brackets: [{ days: 0, points: 2 }, { days: 2, points: 1.5 }, { days: 5, points: 1 }], beyond: 0 }, evidence_required: true });
const quality = node({ id: 'a2', number: '2', content: 'Chất lượng tham mưu', max: 3, guide: 'Chấm theo mức độ hoàn thành.' });
const table: CriteriaTable = {
  title: 'Bảng tiêu chí mẫu',
  year: 2022,
  source: '',
  sample: true,
  unit_kinds: [],
  floor: null,
  nodes: [node({ id: 'a', number: 'A', content: 'Công tác chuyên môn', kind: 'group', max: 5, rule: null, children: [report, quality] })],
  conditions: [{ key: 'no_discipline', label: 'Không có cán bộ bị kỷ luật' }],
  classes: [],
  tie_break: [],
} as unknown as CriteriaTable;

const evidence = { sha256: 'e'.repeat(64), name: 'Công văn 12.pdf', size: 2048, media_type: 'application/pdf' };
const view: VerificationView = {
  unit: { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', kind: 'so_tu_phap' },
  table,
  selfVersion: 2,
  record: {
    record_id: '00000000-0000-4000-8000-000000000001',
    type: 'verification',
    version: 1,
    group: { code: group.code, year: 2022 },
    unit: 'STP-HG',
    self_assessment: { record_id: '00000000-0000-4000-8000-000000000002', version: 2 },
    inspection: null,
    items: [],
    conditions_met: ['no_discipline'],
    complete: false,
  },
  items: [
    { node: report, selfValue: { type: 'days_late', days: 0 }, selfPoints: 2, explanation: 'Gửi đúng hạn.', evidence: [evidence], verifiedValue: null, verifiedPoints: null, reason: '', differs: false },
    { node: quality, selfValue: { type: 'points', points: 2.5 }, selfPoints: 2.5, explanation: '', evidence: [], verifiedValue: null, verifiedPoints: null, reason: '', differs: false },
  ],
  selfTotal: 4.5,
  verifiedTotal: 4.5,
  conditionsStated: ['no_discipline'],
  outdated: false,
  own: false,
};
const rows: VerificationRow[] = [
  { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', kind: 'so_tu_phap', selfVersion: 2, selfTotal: 4.5, verifiedTotal: 3.5, reviewed: 2, items: 2, differences: 1, complete: true, outdated: false, own: false },
  { code: 'STP-LC', name: 'Sở Tư pháp tỉnh Lào Cai', kind: 'so_tu_phap', selfVersion: 3, selfTotal: 4, verifiedTotal: 4, reviewed: 2, items: 2, differences: 0, complete: true, outdated: true, own: false },
  { code: 'STP-LS', name: 'Sở Tư pháp tỉnh Lạng Sơn', kind: 'so_tu_phap', selfVersion: null, selfTotal: null, verifiedTotal: null, reviewed: 0, items: 2, differences: 0, complete: false, outdated: false, own: false },
  // The leader is a member too: its own self-assessment, verified by itself.
  { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', selfVersion: 1, selfTotal: 5, verifiedTotal: 5, reviewed: 2, items: 2, differences: 0, complete: true, outdated: false, own: true },
];

function setup() {
  const handle = { id: 'f'.repeat(32), name: 'Công văn 12.pdf', size: 2048 };
  const receipt = { id: 'r'.repeat(32), name: 'bien-nhan.tdkt', size: 100 };
  const fake = fakeApi({
    'scoring.verificationBoard': () => rows,
    'scoring.verification': () => view,
    'scoring.evidenceFile': () => handle,
    'scoring.saveVerification': (input) => ({ ...view, record: { ...view.record, items: input.items.map((i) => ({ ...i, reason: i.reason ?? '' })), complete: input.complete } }),
    'scoring.sendVerifiedScores': () => [{ file: receipt, senderCode: 'STP-HG' }],
  });
  render(
    <ApiProvider api={fake.api}>
      <VerificationPage group={group} />
    </ApiProvider>,
  );
  return { ...fake, handle, receipt };
}

describe('the verification screens', () => {
  it('shows the progress across members in words and sends the finished results as receipts', async () => {
    const { api, call, receipt } = setup();
    const table = await screen.findByRole('table', { name: 'Tiến độ thẩm định' });
    const hg = within(table).getByRole('row', { name: /Hà Giang/ });
    expect(hg.textContent).toContain('Đã thẩm định xong');
    expect(hg.textContent).toContain('1 mục');
    expect(within(table).getByRole('row', { name: /Lào Cai/ }).textContent).toContain('Đã có phiên bản mới');
    expect(within(table).getByRole('row', { name: /Lạng Sơn/ }).textContent).toContain('Chưa gửi bảng tự chấm');
    const own = within(table).getByRole('row', { name: /Tuyên Quang/ });
    expect(own.textContent).toContain('đơn vị mình, tự thẩm định');
    expect(own.textContent).toContain('Đã thẩm định xong');
    expect(within(own).getByRole('button', { name: 'Thẩm định Sở Tư pháp tỉnh Tuyên Quang' })).toBeTruthy();
    // Its own finished result is not counted among those sent back in receipts.
    fireEvent.click(screen.getByRole('button', { name: 'Gửi kết quả thẩm định (1 đơn vị)' }));
    await waitFor(() => expect(api.saveAll).toHaveBeenCalledWith([receipt]));
    expect(call).toHaveBeenCalledWith('scoring.sendVerifiedScores', { groupId: group.id });
    expect(await screen.findByText(/Đã lập 1 biên nhận/)).toBeTruthy();
  });

  it('goes item by item: opens evidence, highlights a difference, requires its reason, saves, and completes', async () => {
    const { api, call, handle } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Thẩm định Sở Tư pháp tỉnh Hà Giang' }));
    expect(await screen.findByText(/Đúng hạn →/)).toBeTruthy();
    expect(screen.getByText('Gửi đúng hạn.')).toBeTruthy();
    // Items carry their groups' numbers: numbering restarts in every group.
    expect(screen.getByText('A.1')).toBeTruthy();
    expect(screen.getByText('A.2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mở Công văn 12.pdf' }));
    await waitFor(() => expect(api.open).toHaveBeenCalledWith(handle));
    expect(call).toHaveBeenCalledWith('scoring.evidenceFile', { groupId: group.id, unitCode: 'STP-HG', sha256: evidence.sha256 });

    // A value the rule refuses is refused in the rules' words.
    fireEvent.change(screen.getByLabelText('Thẩm định: Chất lượng tham mưu'), { target: { value: '4' } });
    expect((await screen.findAllByRole('alert')).map((a) => a.textContent).join(' ')).toContain('vượt quá điểm chuẩn 3');
    fireEvent.change(screen.getByLabelText('Thẩm định: Báo cáo 6 tháng'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Thẩm định: Chất lượng tham mưu'), { target: { value: '2,5' } });
    expect(screen.getByText('Khác điểm tự chấm: 2 → 1')).toBeTruthy();
    expect(screen.getByText('Bắt buộc khi điểm khác điểm tự chấm.')).toBeTruthy();
    expect(screen.getByText('(chênh −1)')).toBeTruthy();
    // Save refused on the screen until the reason is given.
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Mục 1: điểm thẩm định khác điểm tự chấm, hãy ghi lý do.')).toBeTruthy();
    expect(call.mock.calls.some(([c]) => c === 'scoring.saveVerification')).toBe(false);
    fireEvent.change(screen.getByLabelText('Lý do mục 1'), { target: { value: 'Sổ công văn ghi gửi chậm 3 ngày.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đánh dấu đã thẩm định xong' }));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('scoring.saveVerification', {
        groupId: group.id,
        unitCode: 'STP-HG',
        items: [
          { node: 'a1', value: { type: 'days_late', days: 3 }, reason: 'Sổ công văn ghi gửi chậm 3 ngày.' },
          { node: 'a2', value: { type: 'points', points: 2.5 }, reason: '' },
        ],
        conditions_met: ['no_discipline'],
        complete: true,
        inspection: null,
      }),
    );
    expect(await screen.findByText('Đã đánh dấu thẩm định xong.')).toBeTruthy();
  });

  it('records a cross-inspection with its team and date', async () => {
    const { call } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra chéo Sở Tư pháp tỉnh Hà Giang' }));
    await screen.findByText('Đoàn kiểm tra chéo');
    fireEvent.click(screen.getByRole('button', { name: 'Giữ điểm tự chấm cho các mục chưa xem' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Hãy chọn đơn vị của đoàn kiểm tra.')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('group', { name: 'Đơn vị của đoàn kiểm tra' })).getByLabelText('Sở Tư pháp tỉnh Tuyên Quang'));
    fireEvent.change(screen.getByLabelText('Thành viên đoàn (mỗi người một dòng)'), { target: { value: 'Nguyễn Văn An\n\nTrần Thị Bình ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(call.mock.calls.find(([c]) => c === 'scoring.saveVerification')).toBeTruthy());
    const input = call.mock.calls.find(([c]) => c === 'scoring.saveVerification')![1] as { inspection: { team_units: string[]; team_members: string[]; date: string }; items: unknown[] };
    expect(input.inspection.team_units).toEqual(['STP-TQ']);
    expect(input.inspection.team_members).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(input.inspection.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(input.items).toHaveLength(2);
  });

  it('opens a saved cross-inspection’s minutes with the system viewer, as it opens evidence', async () => {
    const minutes = { sha256: 'b'.repeat(64), name: 'Biên bản kiểm tra chéo.pdf', size: 4096, media_type: 'application/pdf' };
    const picked = { id: 'p'.repeat(32), name: 'Biên bản mới.pdf', size: 10 };
    const inspected = { ...view, record: { ...view.record, inspection: { team_units: ['STP-TQ'], team_members: [], date: '2022-11-20', minutes } } };
    const handle = { id: 'm'.repeat(32), name: minutes.name, size: minutes.size };
    const fake = fakeApi({
      'scoring.verificationBoard': () => rows,
      'scoring.verification': () => inspected,
      'scoring.evidenceFile': () => handle,
      'scoring.storeMinutes': () => ({ ...minutes, sha256: 'c'.repeat(64), name: 'Biên bản mới.pdf' }),
    }, { pickDocument: vi.fn(async () => picked) });
    render(
      <ApiProvider api={fake.api}>
        <VerificationPage group={group} />
      </ApiProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Kiểm tra chéo Sở Tư pháp tỉnh Hà Giang' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Mở Biên bản kiểm tra chéo.pdf' }));
    await waitFor(() => expect(fake.api.open).toHaveBeenCalledWith(handle));
    expect(fake.call).toHaveBeenCalledWith('scoring.evidenceFile', { groupId: group.id, unitCode: 'STP-HG', sha256: minutes.sha256 });
    // A new scan picked is said to be unsaved, not offered to open before the inspection is saved.
    fireEvent.click(screen.getByRole('button', { name: 'Thay bản quét biên bản' }));
    expect(await screen.findByText(/Biên bản mới.pdf \(chưa lưu\)/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mở Biên bản mới.pdf' })).toBeNull();
  });
});
