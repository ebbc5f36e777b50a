import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Group, PlanView } from '../../electron/ipc/contract';
import { ApiProvider } from '../../renderer/api/context';
import { ApiError } from '../../renderer/api/client';
import { PlanPage } from '../../renderer/features/groups-calendar/PlanPage';
import { GroupsPage } from '../../renderer/features/groups-calendar/GroupsPage';
import { fakeApi } from './fake-api';
import { group, unit } from './fixtures';

type Plan = PlanView['plan'];

const plan: Plan = {
  movements: [{ kind: 'thuong_xuyen', name: 'Phong trào thi đua thường xuyên', description: '' }],
  phases: [
    { name: 'Đợt thi đua thứ nhất', from: '2022-01-01', to: '2022-06-30', purpose: '' },
    { name: 'Đợt thi đua thứ hai', from: '2022-07-01', to: '2022-12-31', purpose: '' },
  ],
  events: [{ key: 'inspection-end', title: 'Kết thúc kiểm tra', date: null, expected: 'Tháng 09/2022' }],
  milestones: [
    {
      key: 'registration',
      section: 'registration',
      title: 'Đăng ký thi đua năm 2022 của cơ quan, đơn vị mình',
      deliverable: 'registration',
      from: 'member',
      to: ['leader', 'deputy', 'ministry'],
      gathers: null,
      deadline: { type: 'date', date: '2022-02-10' },
      note: '',
    },
    {
      key: 'inspection-minutes',
      section: 'inspection',
      title: 'Báo cáo kết quả kiểm tra kèm theo Biên bản kiểm tra',
      deliverable: 'document',
      from: 'inspection_team',
      to: ['leader', 'deputy'],
      gathers: null,
      deadline: { type: 'after_event', event: 'inspection-end', days: 2 },
      note: '',
    },
  ],
  document: { number_symbol: '/KH-KVTĐ', place: '', date: '', signer_title: '', signer_name: '', recipients: ['Bộ Tư pháp', 'Lưu: VT'] },
};

function view(over: Partial<PlanView> = {}): PlanView {
  return {
    source: 'template',
    editable: true,
    published: false,
    version: 0,
    plan,
    deadlines: { registration: '2022-02-10', 'inspection-minutes': null },
    rules: { registration: 'trước ngày 10/02/2022', 'inspection-minutes': 'chậm nhất 02 ngày sau khi kết thúc kiểm tra (chưa có ngày)' },
    ...over,
  };
}

const saved = (p: Plan): PlanView => view({ source: 'own', version: 1, plan: p });

function renderPlan(api: ReturnType<typeof fakeApi>['api'], g: Group = group) {
  render(
    <ApiProvider api={api}>
      <PlanPage group={g} />
    </ApiProvider>,
  );
}

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const lastPlanSaved = (call: ReturnType<typeof fakeApi>['call']) =>
  (call.mock.calls.filter(([c]) => c === 'groups-calendar.savePlan').at(-1)![1] as { plan: Plan }).plan;

describe('Kế hoạch năm', () => {
  it('says the plan is the template, and saves an event date typed dd/mm/yyyy and a changed deadline', async () => {
    const { api, call } = fakeApi({ 'groups-calendar.plan': () => view(), 'groups-calendar.savePlan': ({ plan: p }) => saved(p as Plan) });
    renderPlan(api);
    expect((await screen.findByLabelText('Nguồn kế hoạch')).textContent).toContain('Kế hoạch theo mẫu năm 2022 (chưa lưu)');
    expect(screen.getByLabelText('Hạn tính được mốc 2').textContent).toBe('Chưa có ngày.');

    fireEvent.change(input('Ngày diễn ra sự kiện 1'), { target: { value: '20/9/2022' } });
    fireEvent.change(input('Ngày hạn mốc 1'), { target: { value: '15/02/2022' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu kế hoạch năm 2022 (phiên bản 1).')).toBeTruthy();
    const sent = lastPlanSaved(call);
    expect(sent.events[0]!.date).toBe('2022-09-20');
    expect(sent.milestones[0]!.deadline).toEqual({ type: 'date', date: '2022-02-15' });
    expect(sent.milestones[1]).toEqual(plan.milestones[1]);
    expect(screen.getByLabelText('Nguồn kế hoạch').textContent).toBe('Kế hoạch do đơn vị lập, phiên bản 1, chưa phát hành.');
  });

  it('switches a deadline from a date to "N ngày trước <sự kiện>" and sends that rule', async () => {
    const { api, call } = fakeApi({ 'groups-calendar.plan': () => view(), 'groups-calendar.savePlan': ({ plan: p }) => saved(p as Plan) });
    renderPlan(api);
    const type = (await screen.findByLabelText('Loại hạn mốc 1')) as HTMLSelectElement;
    fireEvent.change(type, { target: { value: 'before_event' } });
    expect(screen.queryByLabelText('Ngày hạn mốc 1')).toBeNull();
    fireEvent.change(input('Số ngày mốc 1'), { target: { value: '15' } });
    expect((within(screen.getByRole('radiogroup', { name: 'Sự kiện mốc 1' })).getByLabelText('Kết thúc kiểm tra') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Hạn tính được mốc 1').textContent).toBe('Hạn sẽ được tính lại khi lưu.');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu kế hoạch năm 2022 (phiên bản 1).');
    expect(lastPlanSaved(call).milestones[0]!.deadline).toEqual({ type: 'before_event', event: 'inspection-end', days: 15 });

    // Back to a date: it starts from the date the rule resolved to (none here), and asks for one.
    fireEvent.change(screen.getByLabelText('Loại hạn mốc 2'), { target: { value: 'date' } });
    expect(input('Ngày hạn mốc 2').value).toBe('');
  });

  it('shows the server refusal next to the form, in Vietnamese', async () => {
    const refusal = 'Hạn không phải là một ngày có thật.';
    const { api } = fakeApi({
      'groups-calendar.plan': () => view(),
      'groups-calendar.savePlan': () => {
        throw new ApiError(refusal);
      },
    });
    renderPlan(api);
    fireEvent.change(await screen.findByLabelText('Ngày hạn mốc 1'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect((await screen.findByRole('alert')).textContent).toBe(refusal);
  });

  it('adds a milestone in its section and removes one only after confirming', async () => {
    const { api, call } = fakeApi({ 'groups-calendar.plan': () => view(), 'groups-calendar.savePlan': ({ plan: p }) => saved(p as Plan) });
    renderPlan(api);
    fireEvent.click(await screen.findByRole('button', { name: '+ Thêm mốc (Sơ kết)' }));
    fireEvent.change(screen.getByLabelText('Nội dung mốc 2'), { target: { value: 'Báo cáo sơ kết 6 tháng' } });
    fireEvent.change(screen.getByLabelText('Ngày hạn mốc 2'), { target: { value: '31/05/2022' } });

    fireEvent.click(screen.getByRole('button', { name: 'Xóa mốc 1' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('Xóa mốc “Đăng ký thi đua năm 2022 của cơ quan, đơn vị mình” khỏi lịch?');
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    expect(screen.getByLabelText('Nội dung mốc 1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xóa mốc 1' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Xóa mốc' }));

    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await screen.findByText('Đã lưu kế hoạch năm 2022 (phiên bản 1).');
    const sent = lastPlanSaved(call);
    expect(sent.milestones.map((m) => [m.section, m.title])).toEqual([
      ['mid_year', 'Báo cáo sơ kết 6 tháng'],
      ['inspection', plan.milestones[1]!.title],
    ]);
    expect(sent.milestones[0]).toMatchObject({ key: 'moc-3', deadline: { type: 'date', date: '2022-05-31' }, from: 'member', to: ['leader'] });
  });

  it('adds a movement, removes a phase and edits the rest in their tables, and saves them', async () => {
    const { api, call } = fakeApi({ 'groups-calendar.plan': () => view(), 'groups-calendar.savePlan': ({ plan: p }) => saved(p as Plan) });
    renderPlan(api);
    await screen.findByLabelText('Nguồn kế hoạch');
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm phong trào' }));
    fireEvent.change(input('Loại phong trào 2'), { target: { value: 'theo_dot' } });
    fireEvent.change(input('Tên phong trào 2'), { target: { value: 'Phong trào thi đua “Chung sức xây dựng nông thôn mới”' } });
    fireEvent.click(screen.getByRole('button', { name: 'Xóa đợt 1' }));
    // The phase left is now the first row, and its inputs say so.
    expect(input('Tên đợt 1').value).toBe('Đợt thi đua thứ hai');
    fireEvent.change(input('Mục đích đợt 1'), { target: { value: 'Sơ kết, tổng kết năm' } });
    fireEvent.change(input('Thời gian dự kiến sự kiện 1'), { target: { value: 'Tháng 10/2022' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText('Đã lưu kế hoạch năm 2022 (phiên bản 1).')).toBeTruthy();
    const sent = lastPlanSaved(call);
    expect(sent.movements).toEqual([plan.movements[0], { kind: 'theo_dot', name: 'Phong trào thi đua “Chung sức xây dựng nông thôn mới”', description: '' }]);
    expect(sent.phases).toEqual([{ ...plan.phases[1]!, purpose: 'Sơ kết, tổng kết năm' }]);
    expect(sent.events).toEqual([{ ...plan.events[0]!, expected: 'Tháng 10/2022' }]);
    // Events are the plan's own: none is added or removed by hand.
    expect(screen.queryByRole('button', { name: /Xóa sự kiện/ })).toBeNull();
  });

  it('is read-only for a member with the plan its leader published', async () => {
    const published = { ...plan, events: [{ ...plan.events[0]!, date: '2022-09-20' }] };
    const { api, call } = fakeApi({
      'groups-calendar.plan': () =>
        view({
          source: 'leader',
          editable: false,
          published: true,
          version: 3,
          plan: published,
          deadlines: { registration: '2022-02-10', 'inspection-minutes': '2022-09-22' },
          rules: { registration: 'trước ngày 10/02/2022', 'inspection-minutes': 'chậm nhất 02 ngày sau khi kết thúc kiểm tra (hạn: 22/09/2022)' },
        }),
      'groups-calendar.printPlan': () => ({ id: 'a'.repeat(32), name: 'ke-hoach-2022-KVTD-MNPB-v3.docx', size: 1 }),
    });
    renderPlan(api, { ...group, ownRole: 'member' });
    expect((await screen.findByLabelText('Nguồn kế hoạch')).textContent).toBe('Kế hoạch do Trưởng Khu vực/Cụm phát hành, phiên bản 3 — chỉ xem.');
    expect(screen.queryAllByRole('textbox')).toEqual([]);
    expect(screen.queryAllByRole('combobox')).toEqual([]);
    expect(screen.queryAllByRole('checkbox')).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Lưu' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Bắt đầu lại từ mẫu' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Phát hành gói khởi động' })).toBeNull();
    const table = screen.getByRole('table', { name: 'Lịch các mốc' });
    expect(table.textContent).toContain('chậm nhất 02 ngày sau khi kết thúc kiểm tra (hạn: 22/09/2022)');
    expect(table.textContent).toContain('Đoàn kiểm tra → Trưởng, Phó Trưởng');
    expect(table.textContent).toContain('Đơn vị thành viên → Trưởng, Phó Trưởng, Bộ Tư pháp (Vụ TĐKT)');
    expect(screen.getByText('20/09/2022')).toBeTruthy();

    // Printing needs no save: the member prints the plan as received.
    fireEvent.click(screen.getByRole('button', { name: 'In kế hoạch (DOCX)' }));
    expect(await screen.findByText('Đã tải tệp ke-hoach-2022-KVTD-MNPB-v3.docx.')).toBeTruthy();
    expect(call.mock.calls.map(([c]) => c)).toEqual(['groups-calendar.plan', 'groups-calendar.printPlan']);
  });

  it('asks before starting again from the template, and only then replaces the plan', async () => {
    const reset = vi.fn(() => view({ source: 'own', version: 2 }));
    const { api } = fakeApi({ 'groups-calendar.plan': () => saved({ ...plan, milestones: [plan.milestones[0]!] }), 'groups-calendar.resetPlan': reset });
    renderPlan(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Bắt đầu lại từ mẫu' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('sẽ được thay bằng mẫu');
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    expect(reset).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Bắt đầu lại từ mẫu' }));
    fireEvent.click(screen.getByRole('button', { name: 'Thay bằng kế hoạch mẫu' }));
    expect(await screen.findByText('Đã thay bằng kế hoạch mẫu năm 2022.')).toBeTruthy();
    expect(reset).toHaveBeenCalledWith({ groupId: group.id });
    expect(screen.getByLabelText('Nội dung mốc 2')).toBeTruthy();
  });

  it('publishes the kickoff after saving, explains it, and says where the bundle was saved', async () => {
    const file = { id: 'b'.repeat(32), name: 'khoi-dong-2022-KVTD-MNPB-so1.tdkt', size: 10 };
    const save = vi.fn(async () => 'Đã lưu tệp /media/usb/khoi-dong-2022-KVTD-MNPB-so1.tdkt.');
    let published = false;
    const { api, call } = fakeApi(
      {
        'groups-calendar.plan': () => (published ? { ...saved(plan), published: true } : view()),
        'groups-calendar.savePlan': ({ plan: p }) => saved(p as Plan),
        'groups-calendar.publishKickoff': () => {
          published = true;
          return { file, seq: 1 };
        },
      },
      { save },
    );
    renderPlan(api);
    expect((await screen.findByText(/gửi cho mọi thành viên của Khu vực\/Cụm/)).textContent).toContain('đối chiếu dấu vân tay khóa của Trưởng Khu vực/Cụm');
    fireEvent.click(screen.getByRole('button', { name: 'Phát hành gói khởi động' }));
    expect((await screen.findByRole('status')).textContent).toBe('Đã ký và phát hành gói khởi động số 1. Đã lưu tệp /media/usb/khoi-dong-2022-KVTD-MNPB-so1.tdkt.');
    expect(save).toHaveBeenCalledWith(file);
    expect(call.mock.calls.map(([c]) => c)).toEqual(['groups-calendar.plan', 'groups-calendar.savePlan', 'groups-calendar.publishKickoff', 'groups-calendar.plan', 'bundles.partLimit']);
    await waitFor(() => expect(screen.getByLabelText('Nguồn kế hoạch').textContent).toContain('đã phát hành trong gói khởi động; lưu thay đổi sẽ tạo phiên bản 2'));
  });

  it('offers no kickoff to a member editing its own copy before the leader’s arrives', async () => {
    const { api } = fakeApi({ 'groups-calendar.plan': () => view() });
    renderPlan(api, { ...group, ownRole: 'member' });
    await screen.findByLabelText('Nguồn kế hoạch');
    expect(screen.getByRole('button', { name: 'Lưu' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Phát hành gói khởi động' })).toBeNull();
  });
});

describe('Phó Trưởng tổng hợp (Khu vực / Cụm)', () => {
  it('is ticked for members only and saved with the group', async () => {
    const withDeputy: Group = {
      ...group,
      members: [
        ...group.members,
        { code: 'THADS-TQ', name: 'Cục Thi hành án dân sự tỉnh Tuyên Quang', kind: 'thads', province: 'Tuyên Quang', parentName: '', role: 'deputy', fingerprint: '', gatheredByDeputy: false },
        { code: 'THADS-HG', name: 'Cục Thi hành án dân sự tỉnh Hà Giang', kind: 'thads', province: 'Hà Giang', parentName: '', role: 'member', fingerprint: '', gatheredByDeputy: false },
      ],
    };
    const { api, call } = fakeApi({ 'groups-calendar.save': (g) => ({ ...withDeputy, members: withDeputy.members.map((m, i) => ({ ...m, gatheredByDeputy: !!g.members[i]!.gatheredByDeputy })) }) });
    render(
      <ApiProvider api={api}>
        <GroupsPage unit={unit} groups={[withDeputy]} onSaved={() => {}} />
      </ApiProvider>,
    );
    // The leader (row 1) and the deputy (row 3) send their own bundles: no box for them.
    expect(screen.queryByLabelText('Phó Trưởng tổng hợp 1')).toBeNull();
    expect(screen.queryByLabelText('Phó Trưởng tổng hợp 3')).toBeNull();
    fireEvent.click(screen.getByLabelText('Phó Trưởng tổng hợp 4'));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu Khu vực/Cụm' }));
    await screen.findByText(/Đã lưu/);
    const sent = call.mock.calls.find(([c]) => c === 'groups-calendar.save')![1] as Group;
    expect(sent.members.map((m) => [m.code, m.gatheredByDeputy])).toEqual([
      ['STP-TQ', false],
      ['STP-HG', false],
      ['THADS-TQ', false],
      ['THADS-HG', true],
    ]);
    expect((screen.getByLabelText('Phó Trưởng tổng hợp 4') as HTMLInputElement).checked).toBe(true);
    // A member made deputy loses the box, and with it the tick.
    fireEvent.change(screen.getByLabelText('Vai trò 4'), { target: { value: 'deputy' } });
    expect(screen.queryByLabelText('Phó Trưởng tổng hợp 4')).toBeNull();
  });
});
