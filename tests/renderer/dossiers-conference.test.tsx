import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { ConferencePage } from '../../renderer/features/dossiers/ConferencePage';
import type { Input, Output } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

type View = Output<'dossiers.acclamation'>;
type Form = Input<'dossiers.saveAcclamation'>['acclamation'];

const HG = { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang' };
const TQ = { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang' };
const CB = { code: 'STP-CB', name: 'Sở Tư pháp tỉnh Cao Bằng' };

const dossier = (over: Partial<Output<'dossiers.board'>['units'][number]['dossiers'][number]> = {}) => ({
  recordId: crypto.randomUUID(),
  version: 1,
  nominee: { kind: 'unit' as const, name: HG.name, position: '', division: '' },
  award: { code: 'CO_BTP', name: 'Cờ thi đua của Bộ Tư pháp' },
  receivedAt: '2025-12-06T03:00:00.000Z',
  missingText: null,
  eligibility: { status: 'met' as const, label: 'Đủ điều kiện', reason: '', verified: true, flagged: false },
  council: '7/9 thành viên Hội đồng đồng ý: đạt',
  ...over,
});

const board: Output<'dossiers.board'> = {
  group: { id: 1, name: group.name, year: 2025 },
  units: [
    { code: CB.code, name: CB.name, role: 'member', own: false, stateText: 'Đã nhận 1 hồ sơ, ngày 06/12/2025', dossiers: [dossier({ nominee: { kind: 'unit', name: CB.name, position: '', division: '' }, missingText: 'Thiếu: Báo cáo thành tích của tập thể' })] },
    {
      code: HG.code,
      name: HG.name,
      role: 'member',
      own: false,
      stateText: 'Đã nhận 1 hồ sơ, ngày 06/12/2025',
      dossiers: [dossier({ eligibility: { status: 'not_met', label: 'Không đủ điều kiện', reason: 'Hoàn thành xuất sắc nhiệm vụ 05 năm liên tục (năm 2023)', verified: false, flagged: true } })],
    },
    { code: TQ.code, name: TQ.name, role: 'leader', own: true, stateText: 'Đơn vị chưa lập hồ sơ', dossiers: [] },
  ],
  counts: { units: 3, sent: 2, dossiers: 2, incomplete: 1, flagged: 1 },
};

const view: View = {
  group: { id: 1, name: group.name, year: 2025 },
  members: [CB, HG, TQ],
  saved: null,
  defaults: {
    award: { code: 'CO_BTP', name: 'Cờ thi đua của Bộ Tư pháp' },
    date: '2026-01-15',
    venue: 'Sở Tư pháp tỉnh Tuyên Quang',
    chair: { name: 'Đặng Văn Bình', position: 'Giám đốc Sở Tư pháp tỉnh Tuyên Quang' },
    present: [CB.code, HG.code, TQ.code],
    candidates: [
      { ...CB, score: 176 },
      { ...HG, score: 182.5 },
    ],
  },
  scores: { [CB.code]: 176, [HG.code]: 182.5 },
  presets: [
    { key: 'courts', label: 'Như ngành Tòa án: từ 2/3 tổng số đơn vị thành viên', threshold: { numerator: 2, denominator: 3 }, base: 'members', source: 'tham khảo' },
    { key: 'procuracy', label: 'Như ngành Kiểm sát: từ 80 % tổng số đơn vị thành viên', threshold: { numerator: 80, denominator: 100 }, base: 'members', source: 'tham khảo' },
  ],
  unverifiedText: 'Tỷ lệ phiếu suy tôn của ngành Tư pháp (Quyết định 1208/QĐ-BTP về quy chế Khu vực, Cụm thi đua): chưa xác minh.',
  result: null,
  milestone: { key: 'award-dossiers', title: 'Hồ sơ đề nghị khen thưởng', deadline: null, text: 'Chưa có hạn: hạn gửi tính từ ngày kết thúc Hội nghị tổng kết, hãy ghi ngày Hội nghị.' },
};

function setup() {
  const saved: Form[] = [];
  const fake = fakeApi({
    'dossiers.board': () => board,
    'dossiers.acclamation': () => view,
    'dossiers.saveAcclamation': ({ acclamation }) => {
      saved.push(acclamation as Form);
      return {
        ...view,
        saved: { recordId: crypto.randomUUID(), version: 1, status: 'draft', updatedAt: '2026-01-15T05:00:00.000Z', form: acclamation as Form },
        result: {
          base: 3,
          needed: 2,
          valid: 3,
          thresholdText: 'Cần từ 2/3 tổng số đơn vị thành viên (3 đơn vị), tức ít nhất 2 phiếu đồng ý.',
          rows: [
            { ...HG, score: 182.5, votes: 2, share: '2/3 (66,67 %)', outcome: 'elected', outcomeText: 'Được suy tôn', note: null },
            { ...CB, score: 176, votes: 1, share: '1/3 (33,33 %)', outcome: 'not_reached', outcomeText: 'Không đạt tỷ lệ', note: null },
          ],
          elected: [HG.name],
          revote: false,
          summary: 'Được suy tôn: Sở Tư pháp tỉnh Hà Giang.',
        },
        milestone: { key: 'award-dossiers', title: 'Hồ sơ đề nghị khen thưởng', deadline: '2026-01-20', text: 'Hạn gửi Hội đồng Thi đua - Khen thưởng ngành Tư pháp: 20/01/2026 (05 ngày sau ngày kết thúc Hội nghị), còn 5 ngày.' },
      };
    },
    'dossiers.printAcclamation': ({ papers }) => papers.map((p) => ({ id: 'a'.repeat(32), name: `${p}.docx`, size: 10 })),
    'dossiers.exportMinistry': () => ({ file: { id: 'b'.repeat(32), name: 'ho-so-suy-ton-gui-bo.tdkt', size: 10 }, seq: 7, units: [HG.name], milestone: { key: 'award-dossiers', title: 'x', deadline: '2026-01-20' } }),
  });
  render(
    <ApiProvider api={fake.api}>
      <ConferencePage group={group} />
    </ApiProvider>,
  );
  return { ...fake, saved };
}

describe('the conference screen', () => {
  it('shows every unit’s dossiers with what is missing and what is flagged, and a unit with none', async () => {
    setup();
    const table = await screen.findByRole('table', { name: 'Hồ sơ đề nghị khen thưởng của các đơn vị' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual([`${CB.name}Đã nhận 1 hồ sơ, ngày 06/12/2025`, `${HG.name}Đã nhận 1 hồ sơ, ngày 06/12/2025`, `${TQ.name}`]);
    expect(rows[0]!.textContent).toContain('Thiếu: Báo cáo thành tích của tập thể');
    expect(rows[0]!.textContent).toContain('06/12/2025');
    expect(rows[1]!.textContent).toContain('Không đủ điều kiện (chưa xác minh)Hoàn thành xuất sắc nhiệm vụ 05 năm liên tục (năm 2023)');
    expect(rows[2]!.textContent).toContain('Đơn vị chưa lập hồ sơ');
    expect(screen.getByText(/2\/3 đơn vị có hồ sơ · 2 hồ sơ · 1 hồ sơ thiếu thành phần/)).toBeTruthy();
    expect(screen.getByText(/chưa xác minh\.$/)).toBeTruthy();
    expect(screen.getByText('Chưa có hạn: hạn gửi tính từ ngày kết thúc Hội nghị tổng kết, hãy ghi ngày Hội nghị.')).toBeTruthy();
    expect((screen.getByRole('button', { name: /Lập gói gửi Bộ/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('asks for the rules first, then records the votes with a reference threshold, shows the result, prints the four papers and sends the bundle with its deadline', async () => {
    const { call, api, saved } = setup();
    await screen.findByRole('table', { name: 'Số phiếu đồng ý của từng đơn vị' });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi kết quả suy tôn' }));
    expect(await screen.findByText('Hãy chọn tỷ lệ phiếu suy tôn theo quy chế của Khu vực/Cụm trước khi ghi kết quả.')).toBeTruthy();
    expect(saved).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Như ngành Tòa án: từ 2/3 tổng số đơn vị thành viên' }));
    expect(screen.getByText('Đang áp dụng: từ 2/3 tổng số đơn vị thành viên (chưa xác minh).')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(`Số phiếu đồng ý của ${HG.name}`), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText(`Số phiếu đồng ý của ${CB.name}`), { target: { value: '1' } });
    fireEvent.click(screen.getByLabelText(`${TQ.name} có mặt`));
    fireEvent.change(screen.getByLabelText(`Đại biểu của ${HG.name}`), { target: { value: 'Nguyễn Văn A; Trần Thị B' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ghi kết quả suy tôn' }));
    await screen.findByText('Đã ghi kết quả suy tôn (phiên bản 1).');
    expect(saved[0]).toMatchObject({
      rules: { threshold: { numerator: 2, denominator: 3 }, base: 'members', seats: null, tie_break: 'revote', secret_ballot: true, preset: 'courts' },
      candidates: [
        { code: CB.code, votes: 1, score: 176 },
        { code: HG.code, votes: 2, score: 182.5 },
      ],
      present: [
        { code: CB.code, delegates: [] },
        { code: HG.code, delegates: ['Nguyễn Văn A', 'Trần Thị B'] },
      ],
      invalid: 0,
      conference: { date: '2026-01-15', start_time: '08:00', end_time: '11:30' },
    });
    const result = screen.getByRole('table', { name: 'Kết quả suy tôn' });
    expect(within(result).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([`${HG.name}2/3 (66,67 %)Được suy tôn`, `${CB.name}1/3 (33,33 %)Không đạt tỷ lệ`]);
    expect(screen.getByText(/20\/01\/2026 \(05 ngày sau ngày kết thúc Hội nghị\)/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /^In phiếu suy tôn/ }));
    await waitFor(() => expect(api.saveAll).toHaveBeenCalledTimes(1));
    expect(call).toHaveBeenCalledWith('dossiers.printAcclamation', { groupId: 1, papers: ['ballot', 'count', 'minutes', 'list'] });

    fireEvent.click(screen.getByRole('button', { name: /Lập gói gửi Bộ/ }));
    expect(await screen.findByText('Đã lập gói số 7 gửi Hội đồng Thi đua - Khen thưởng ngành Tư pháp với hồ sơ của Sở Tư pháp tỉnh Hà Giang; hạn gửi 20/01/2026. Đã tải tệp ho-so-suy-ton-gui-bo.tdkt.')).toBeTruthy();
  });
});
