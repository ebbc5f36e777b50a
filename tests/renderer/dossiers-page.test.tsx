import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { DossiersPage } from '../../renderer/features/dossiers/DossiersPage';
import type { DossierList, DossierView, FileHandle } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

type PartView = DossierView['parts'][number];

const part = (p: PartView['part'], name: string, form: string | null, formVerified: boolean, canGenerate: boolean): PartView => ({
  part: p,
  name,
  form,
  formVerified,
  required: true,
  canGenerate,
  document: null,
  scans: [],
  complete: false,
});

const nominees: DossierList['choices']['nominees'] = [
  { id: 1, kind: 'unit', name: 'Sở Tư pháp tỉnh Tuyên Quang', division: '', position: '' },
  { id: 2, kind: 'person', name: 'Nguyễn Thị Hương', division: 'Phòng Hành chính tư pháp', position: 'Trưởng phòng' },
  { id: 3, kind: 'person', name: 'Đặng Văn Bình', division: 'Ban Giám đốc', position: 'Giám đốc' },
  { id: 4, kind: 'division', name: 'Phòng Phổ biến, giáo dục pháp luật', division: '', position: '' },
];
const awards: DossierList['choices']['awards'] = [
  { code: 'TTLDXS', name: 'Tập thể lao động xuất sắc', scope: 'collective' },
  { code: 'CSTDCS', name: 'Chiến sĩ thi đua cơ sở', scope: 'individual' },
  { code: 'BK_BTP_CN', name: 'Bằng khen của Bộ trưởng Bộ Tư pháp', scope: 'individual' },
  { code: 'CTD_BTP', name: 'Cờ thi đua của Bộ Tư pháp', scope: 'collective' },
];

/** The dossier the fake service keeps, its completeness recomputed as the real one does (a required part lacking its scan is missing). */
function viewOf(d: Omit<DossierView, 'missing' | 'parts'> & { parts: PartView[] }): DossierView {
  const parts = d.parts.map((p) => ({ ...p, complete: p.scans.length > 0 }));
  return { ...d, parts, missing: parts.filter((p) => p.required && !p.scans.length).map((p) => p.name) };
}

const scan = { id: 'b'.repeat(32), name: 'to-trinh-da-ky.pdf', size: 204_800 } satisfies FileHandle;
const sha = 'c'.repeat(64);

function setup(initial: DossierView[] = []) {
  let dossiers = initial;
  const fake = fakeApi(
    {
      'dossiers.list': () => ({ year: 2025, ruleDate: '2025-12-31', ruleDateText: '31/12/2025', dossiers, choices: { nominees, awards } }),
      'dossiers.create': ({ nomineeId, awardCode }) => {
        const n = nominees.find((x) => x.id === nomineeId)!;
        if (dossiers.some((d) => d.nominee.name === n.name && d.award.code === awardCode)) throw new Error(`Đã có hồ sơ đề nghị cho ${n.name} với danh hiệu này.`);
        const d = viewOf({
          recordId: '00000000-0000-4000-8000-00000000000' + (dossiers.length + 1),
          version: 1,
          status: 'draft',
          sentVersion: null,
          rulesDateText: '31/12/2025',
          nominee: { kind: n.kind, name: n.name, position: n.position, division: n.division, female: true },
          award: { code: awardCode, name: awards.find((a) => a.code === awardCode)!.name },
          eligibility: { status: 'needs_review', statusLabel: 'Cần xem xét', reason: 'Điều kiện chưa xác minh', details: [], brokenYear: null, verifiedLabel: 'chưa xác minh' },
          council: null,
          achievements: '',
          parts: [part('proposalLetter', 'Tờ trình đề nghị khen thưởng', 'Mẫu số 01', true, true), part('achievementReport', 'Báo cáo thành tích', 'Mẫu số 02', false, true)],
        });
        dossiers = [...dossiers, d];
        return d;
      },
      'dossiers.save': ({ recordId, achievements }) => {
        dossiers = dossiers.map((d) => (d.recordId === recordId ? { ...d, achievements } : d));
        return dossiers.find((d) => d.recordId === recordId)!;
      },
      'dossiers.remove': ({ recordId }) => {
        dossiers = dossiers.filter((d) => d.recordId !== recordId);
        return { removed: true };
      },
      'dossiers.attachScan': ({ recordId, part: kind, file, allDossiers }) => {
        dossiers = dossiers.map((d) =>
          d.recordId === recordId || (allDossiers && d.parts.some((p) => p.part === kind)) ? viewOf({ ...d, parts: d.parts.map((p) => (p.part === kind ? { ...p, scans: [...p.scans, { sha256: sha, name: file.name, size: file.size }] } : p)) }) : d,
        );
        return dossiers.find((d) => d.recordId === recordId)!;
      },
      'dossiers.detachScan': ({ recordId, part: kind, sha256 }) => {
        dossiers = dossiers.map((d) => (d.recordId === recordId ? viewOf({ ...d, parts: d.parts.map((p) => (p.part === kind ? { ...p, scans: p.scans.filter((x) => x.sha256 !== sha256) } : p)) }) : d));
        return dossiers.find((d) => d.recordId === recordId)!;
      },
      'dossiers.generate': ({ recordId, part: kind }) => {
        dossiers = dossiers.map((d) => (d.recordId === recordId ? { ...d, parts: d.parts.map((p) => (p.part === kind ? { ...p, document: { name: 'to-trinh.docx', sha256: 'd'.repeat(64) } } : p)) } : d));
        return { file: { id: 'e'.repeat(32), name: 'to-trinh.docx', size: 9000 }, also: [{ id: '9'.repeat(32), name: 'danh-sach.docx', size: 8000 }], dossier: dossiers.find((d) => d.recordId === recordId)! };
      },
      'dossiers.export': () => {
        const incomplete = dossiers.filter((d) => d.missing.length);
        if (incomplete.length) throw new Error(`Chưa xuất được gói: hồ sơ còn thiếu thành phần.\n${incomplete.map((d) => `${d.nominee.name} — ${d.award.name}: thiếu ${d.missing.join(', ')}`).join('\n')}`);
        dossiers = dossiers.map((d) => ({ ...d, status: 'sent' as const, sentVersion: d.version }));
        return { file: { id: 'f'.repeat(32), name: 'ho-so-khen-thuong.tdkt', size: 4096 }, seq: 7, count: dossiers.length, milestone: { key: 'ho-so', title: 'Gửi hồ sơ đề nghị khen thưởng', deadline: '2026-01-10' } };
      },
    },
    { pickDocument: async () => scan },
  );
  render(
    <ApiProvider api={fake.api}>
      <DossiersPage group={{ ...group, year: 2025, ownRole: 'member' }} />
    </ApiProvider>,
  );
  return fake;
}

const optionTexts = (select: HTMLElement) => within(select).getAllByRole('option').map((o) => o.textContent);

describe('DossiersPage', () => {
  it('finds a nominee without marks, lists only the awards of its scope, creates the dossier and shows its parts with their forms', async () => {
    const { call } = setup();
    const who = await screen.findByLabelText('Người hoặc tập thể được đề nghị');
    const award = screen.getByLabelText('Danh hiệu, hình thức khen thưởng');
    expect(award).toHaveProperty('disabled', true);
    // The unit, its divisions, then people by given name (Bình before Hương).
    expect(optionTexts(who)).toEqual([
      '— Chọn —',
      'Sở Tư pháp tỉnh Tuyên Quang (Đơn vị)',
      'Phòng Phổ biến, giáo dục pháp luật (Phòng, bộ phận)',
      'Đặng Văn Bình — Giám đốc, Ban Giám đốc',
      'Nguyễn Thị Hương — Trưởng phòng, Phòng Hành chính tư pháp',
    ]);
    fireEvent.change(screen.getByLabelText('Tìm người hoặc tập thể'), { target: { value: 'nguyen' } });
    expect(optionTexts(who)).toEqual(['— Chọn —', 'Nguyễn Thị Hương — Trưởng phòng, Phòng Hành chính tư pháp']);
    fireEvent.change(who, { target: { value: '2' } });
    // A person: individual awards only, in Vietnamese order.
    expect(optionTexts(award)).toEqual(['— Chọn —', 'Bằng khen của Bộ trưởng Bộ Tư pháp', 'Chiến sĩ thi đua cơ sở']);
    fireEvent.change(screen.getByLabelText('Tìm người hoặc tập thể'), { target: { value: 'phong pho bien' } });
    fireEvent.change(who, { target: { value: '4' } });
    expect(optionTexts(award)).toEqual(['— Chọn —', 'Cờ thi đua của Bộ Tư pháp', 'Tập thể lao động xuất sắc']);
    fireEvent.change(screen.getByLabelText('Tìm người hoặc tập thể'), { target: { value: 'hương' } });
    fireEvent.change(who, { target: { value: '2' } });
    // Nothing asked of the service before an award is chosen.
    fireEvent.click(screen.getByRole('button', { name: 'Lập hồ sơ' }));
    expect(screen.getByText('Chọn danh hiệu hoặc hình thức khen thưởng.')).toBeTruthy();
    fireEvent.change(award, { target: { value: 'CSTDCS' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lập hồ sơ' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('dossiers.create', { groupId: group.id, nomineeId: 2, awardCode: 'CSTDCS' }));

    // The call is seen before its answer lands: the list appears once the page has the new dossier.
    const row = within(await screen.findByRole('table', { name: 'Danh sách hồ sơ' })).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('Nguyễn Thị Hương');
    expect(row.textContent).toContain('Còn thiếu: Tờ trình đề nghị khen thưởng; Báo cáo thành tích');
    expect(row.textContent).toContain('Cần xem xétchưa xác minhĐiều kiện chưa xác minh');
    expect(row.textContent).toContain('Chưa biểu quyết');
    expect(row.textContent).toContain('Chưa gửi');
    const detail = screen.getByRole('region', { name: 'Nguyễn Thị Hương — Chiến sĩ thi đua cơ sở' });
    const parts = within(detail).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(parts[0]).toContain('Tờ trình đề nghị khen thưởngMẫu số 01Tạo văn bản');
    expect(parts[0]).not.toContain('chưa xác minh');
    expect(parts[1]).toContain('Mẫu số 02chưa xác minh');
    expect(screen.getByText(/theo các quy định có hiệu lực ngày 31\/12\/2025/)).toBeTruthy();

    // The same award twice: the service's refusal shows beside the form, the dossier already made stays open.
    const form = screen.getByRole('form', { name: 'Lập hồ sơ mới' });
    expect((within(form).getByLabelText('Người hoặc tập thể được đề nghị') as HTMLSelectElement).value).toBe('');
    fireEvent.change(within(form).getByLabelText('Người hoặc tập thể được đề nghị'), { target: { value: '2' } });
    fireEvent.change(within(form).getByLabelText('Danh hiệu, hình thức khen thưởng'), { target: { value: 'CSTDCS' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lập hồ sơ' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Đã có hồ sơ đề nghị cho Nguyễn Thị Hương với danh hiệu này.');
    expect(within(screen.getByRole('table', { name: 'Danh sách hồ sơ' })).getAllByRole('row')).toHaveLength(2);
  });

  it('refuses the export naming the dossier and its missing part, then attaching the scan completes it and the export goes with its milestone', async () => {
    const { call, api } = setup();
    fireEvent.change(await screen.findByLabelText('Người hoặc tập thể được đề nghị'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Danh hiệu, hình thức khen thưởng'), { target: { value: 'CSTDCS' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lập hồ sơ' }));
    const detail = await screen.findByRole('region', { name: 'Nguyễn Thị Hương — Chiến sĩ thi đua cơ sở' });

    // Achievements are saved when the box is left; the report is then generated from them.
    fireEvent.change(within(detail).getByLabelText('Thành tích đạt được'), { target: { value: 'Hoàn thành xuất sắc nhiệm vụ năm 2025.' } });
    fireEvent.blur(within(detail).getByLabelText('Thành tích đạt được'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('dossiers.save', expect.objectContaining({ achievements: 'Hoàn thành xuất sắc nhiệm vụ năm 2025.' })));
    fireEvent.click(within(detail).getByRole('button', { name: 'Tạo văn bản: Tờ trình đề nghị khen thưởng' }));
    fireEvent.click(await within(detail).findByRole('button', { name: 'Mở to-trinh.docx để sửa' }));
    expect(api.open).toHaveBeenCalledWith({ id: 'e'.repeat(32), name: 'to-trinh.docx', size: 9000 });
    // The danh sách comes with the tờ trình, to open as well.
    expect(within(detail).getByRole('button', { name: 'Mở danh-sach.docx để sửa' })).toBeTruthy();
    expect(screen.getByText(/Đã tạo to-trinh.docx và danh-sach.docx/)).toBeTruthy();
    expect(within(detail).getByRole('button', { name: 'Tạo văn bản: Tờ trình đề nghị khen thưởng' }).textContent).toBe('Tạo lại văn bản');

    // One scan only: the report still lacks its scan, and the refusal says so in the page.
    fireEvent.click(within(detail).getByRole('button', { name: 'Đính kèm bản scan: Tờ trình đề nghị khen thưởng' }));
    await within(detail).findByRole('list', { name: 'Bản scan: Tờ trình đề nghị khen thưởng' });
    fireEvent.click(screen.getByRole('button', { name: 'Ký và xuất gói hồ sơ' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('Nguyễn Thị Hương — Chiến sĩ thi đua cơ sở: thiếu Báo cáo thành tích');
    expect(api.save).not.toHaveBeenCalled();
    const row = () => within(screen.getByRole('table', { name: 'Danh sách hồ sơ' })).getAllByRole('row')[1]!.textContent;
    expect(row()).toContain('Còn thiếu: Báo cáo thành tích');

    fireEvent.click(within(detail).getByRole('button', { name: 'Đính kèm bản scan: Báo cáo thành tích' }));
    await waitFor(() => expect(row()).toContain('Đủ hồ sơ'));
    expect(call).toHaveBeenCalledWith('dossiers.attachScan', { groupId: group.id, recordId: '00000000-0000-4000-8000-000000000001', part: 'achievementReport', file: scan, allDossiers: false });
    fireEvent.click(screen.getByRole('button', { name: 'Ký và xuất gói hồ sơ' }));
    const done = await screen.findByText(/Đã ký và xuất gói hồ sơ khen thưởng số 7/);
    expect(done.textContent).toBe('Đã ký và xuất gói hồ sơ khen thưởng số 7 gồm 1 hồ sơ cho mốc “Gửi hồ sơ đề nghị khen thưởng” (hạn 10/01/2026). Đã tải tệp ho-so-khen-thuong.tdkt.');
    expect(row()).toContain('Đã gửi phiên bản 1');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows where each dossier stands (sent, edited since, never sent) with its council vote; attaches one tờ trình to every dossier and detaches it from one; removes only one never sent', async () => {
    const base = {
      eligibility: { status: 'met' as const, statusLabel: 'Đạt', reason: 'Đủ điều kiện', details: [], brokenYear: null, verifiedLabel: '' },
      rulesDateText: '31/12/2025',
      achievements: '',
      parts: [part('proposalLetter', 'Tờ trình đề nghị khen thưởng', 'Mẫu số 01', true, true)],
    };
    const unitDossier = viewOf({
      ...base,
      recordId: '00000000-0000-4000-8000-000000000011',
      version: 2,
      status: 'draft',
      sentVersion: 1,
      nominee: { kind: 'unit', name: 'Sở Tư pháp tỉnh Tuyên Quang', position: '', division: '', female: null },
      award: { code: 'CTD_BTP', name: 'Cờ thi đua của Bộ Tư pháp' },
      council: { votesFor: 9, totalMembers: 11, reached: true, text: 'Hội đồng Thi đua – Khen thưởng: 9/11 thành viên đồng ý, đạt tỷ lệ phiếu theo quy định.' },
    });
    const person = viewOf({
      ...base,
      recordId: '00000000-0000-4000-8000-000000000012',
      version: 1,
      status: 'draft',
      sentVersion: null,
      nominee: { kind: 'person', name: 'Đặng Văn Bình', position: 'Giám đốc', division: 'Ban Giám đốc', female: false },
      award: { code: 'CSTDCS', name: 'Chiến sĩ thi đua cơ sở' },
      council: null,
    });
    const { call } = setup([person, unitDossier]);
    const rows = () => within(screen.getByRole('table', { name: 'Danh sách hồ sơ' })).getAllByRole('row').slice(1).map((r) => r.textContent);
    await waitFor(() => expect(rows()).toHaveLength(2));
    // The unit before its people.
    expect(rows()[0]).toContain('Sở Tư pháp tỉnh Tuyên Quang');
    expect(rows()[0]).toContain('Đạt tỷ lệ9/11 thành viên đồng ý');
    expect(rows()[0]).toContain('Đã gửi phiên bản 1; đang sửa phiên bản 2');
    expect(rows()[1]).toContain('Chưa gửi');

    fireEvent.click(screen.getByRole('button', { name: 'Mở hồ sơ: Sở Tư pháp tỉnh Tuyên Quang — Cờ thi đua của Bộ Tư pháp' }));
    const unitDetail = screen.getByRole('region', { name: 'Sở Tư pháp tỉnh Tuyên Quang — Cờ thi đua của Bộ Tư pháp' });
    expect(within(unitDetail).getByLabelText('Hội đồng Thi đua – Khen thưởng').textContent).toBe('Biểu quyết của Hội đồng: Đạt tỷ lệHội đồng Thi đua – Khen thưởng: 9/11 thành viên đồng ý, đạt tỷ lệ phiếu theo quy định.');
    expect(unitDetail.textContent).toContain('Đơn vị · Đã gửi phiên bản 1; đang sửa phiên bản 2');
    // Sent once: it stays, as the leader has it.
    expect(within(unitDetail).queryByRole('button', { name: 'Xóa hồ sơ' })).toBeNull();
    fireEvent.click(within(unitDetail).getByLabelText('Đính kèm cho mọi hồ sơ năm 2025 có thành phần này'));
    fireEvent.click(within(unitDetail).getByRole('button', { name: 'Đính kèm bản scan: Tờ trình đề nghị khen thưởng' }));
    await waitFor(() => expect(rows().every((r) => r!.includes('Đủ hồ sơ'))).toBe(true));
    expect(call).toHaveBeenCalledWith('dossiers.attachScan', expect.objectContaining({ recordId: unitDossier.recordId, part: 'proposalLetter', allDossiers: true }));
    // Detached from this dossier only: the other keeps its copy.
    fireEvent.click(within(unitDetail).getByRole('button', { name: 'Gỡ to-trinh-da-ky.pdf' }));
    await waitFor(() => expect(rows()[0]).toContain('Còn thiếu: Tờ trình đề nghị khen thưởng'));
    expect(rows()[1]).toContain('Đủ hồ sơ');
    expect(call).toHaveBeenCalledWith('dossiers.detachScan', { groupId: group.id, recordId: unitDossier.recordId, part: 'proposalLetter', sha256: sha });

    fireEvent.click(screen.getByRole('button', { name: 'Mở hồ sơ: Đặng Văn Bình — Chiến sĩ thi đua cơ sở' }));
    const personDetail = screen.getByRole('region', { name: 'Đặng Văn Bình — Chiến sĩ thi đua cơ sở' });
    fireEvent.click(within(personDetail).getByRole('button', { name: 'Xóa hồ sơ' }));
    const question = within(personDetail).getByRole('alertdialog', { name: 'Xác nhận' });
    expect(question.textContent).toContain('Xóa hồ sơ đề nghị Đặng Văn Bình — Chiến sĩ thi đua cơ sở?');
    expect(call).not.toHaveBeenCalledWith('dossiers.remove', expect.anything());
    fireEvent.click(within(question).getByRole('button', { name: 'Xóa hồ sơ' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(call).toHaveBeenCalledWith('dossiers.remove', { groupId: group.id, recordId: person.recordId });
    expect(screen.queryByRole('region', { name: 'Đặng Văn Bình — Chiến sĩ thi đua cơ sở' })).toBeNull();
  });
});
