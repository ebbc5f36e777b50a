import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { RegistrationPage } from '../../renderer/features/registration/RegistrationPage';
import type { DeadlineStatus, Registration, RegistrationInput } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { group, registration, staff, unit } from './fixtures';
import { catalogue } from '../../electron/services/catalogue/catalogue';
import { registrationConflicts } from '../../electron/services/catalogue/conflicts';

function setup(status: 'draft' | 'exported' | Registration, deadline: DeadlineStatus = { deadline: '2022-02-10', daysLeft: 5, text: 'Hạn gửi đăng ký: 10/02/2022. Còn 5 ngày.' }) {
  let saved = typeof status === 'object' ? status : registration(status === 'exported' ? { status, exportedAt: '2022-02-05T02:00:00.000Z', sent: { version: 1, at: '2022-02-05T02:00:00.000Z' } } : {});
  const fake = fakeApi({
    'registration.deadline': () => deadline,
    'catalogue.list': () => [...catalogue],
    // The real rule the save applies, over the real catalogue data.
    'registration.conflicts': (input) => registrationConflicts(catalogue, input.collective, input.individuals),
    'registration.staffList': () => staff,
    'registration.get': () => saved,
    'registration.save': (input) => (saved = registration({ version: saved.status === 'exported' ? 2 : 1, individuals: [], collective: input.collective.map((c) => ({ titleCode: c.titleCode, note: c.note ?? '' })) })),
    'registration.export': () => ({ file: { id: 'a'.repeat(32), name: 'dang-ky.tdkt', size: 10 }, version: 1, seq: 3 }),
  });
  render(
    <ApiProvider api={fake.api}>
      <RegistrationPage unit={unit} group={group} />
    </ApiProvider>,
  );
  return fake;
}

describe('RegistrationPage', () => {
  it('explains by the collective titles that tiên tiến and xuất sắc exclude each other, as soon as both are ticked', async () => {
    setup('draft');
    fireEvent.click(await screen.findByLabelText(/Tập thể lao động tiên tiến/));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Tập thể chỉ được đăng ký một trong các danh hiệu "Tập thể lao động tiên tiến" và "Tập thể lao động xuất sắc"');
    expect(alert.previousElementSibling?.className).toBe('checks');
    fireEvent.click(screen.getByLabelText(/Tập thể lao động xuất sắc/));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('lets a person have one title plus award forms, and explains a second title on that person\'s row', async () => {
    const both = registration({
      individuals: [
        { staffId: 2, fullName: 'Nguyễn Thị Hương', birthYear: 1985, gender: 'nu', position: '', department: '', titleCode: 'LDTT' },
        { staffId: 2, fullName: 'Nguyễn Thị Hương', birthYear: 1985, gender: 'nu', position: '', department: '', titleCode: 'CSTDCS' },
      ],
    });
    const { call } = setup(both);
    const alert = await screen.findByLabelText('Xung đột đăng ký của Nguyễn Thị Hương');
    expect(alert.textContent).toContain('"Lao động tiên tiến" và "Chiến sĩ thi đua cơ sở"');
    expect(alert.closest('tr')?.textContent).toContain('Nguyễn Thị Hương');
    fireEvent.change(screen.getByLabelText('Đăng ký của Nguyễn Thị Hương'), { target: { value: 'CSTDCS' } });
    const row = screen.getByLabelText('Đăng ký của Nguyễn Thị Hương').closest('tr')!;
    fireEvent.click(within(row).getByLabelText('Giấy khen'));
    await waitFor(() => expect(screen.queryByLabelText('Xung đột đăng ký của Nguyễn Thị Hương')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('registration.save', expect.anything()));
    const input = call.mock.calls.find(([c]) => c === 'registration.save')![1] as RegistrationInput;
    expect(input.individuals).toEqual([
      { staffId: 2, titleCode: 'CSTDCS' },
      { staffId: 2, titleCode: 'GK_CN' },
    ]);
  });

  it('saves the titles chosen for each person', async () => {
    const { call } = setup('draft');
    const select = await screen.findByLabelText('Đăng ký của Nguyễn Thị Hương');
    expect((screen.getByLabelText('Đăng ký của Đặng Văn Bình') as HTMLSelectElement).value).toBe('LDTT');
    fireEvent.change(select, { target: { value: 'CSTDCS' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('registration.save', expect.anything()));
    const input = call.mock.calls.find(([c]) => c === 'registration.save')![1] as RegistrationInput;
    expect(input.individuals).toEqual([
      { staffId: 1, titleCode: 'LDTT' },
      { staffId: 2, titleCode: 'CSTDCS' },
    ]);
    expect(input.collective).toEqual([{ titleCode: 'TTLDXS', note: '' }]);
    expect((await screen.findByRole('status')).textContent).toContain('Đã lưu bản đăng ký');
  });

  it('lets the person type a new recipient on a new line, and sends the lines as typed', async () => {
    const { call } = setup('draft');
    const box = (await screen.findByLabelText('Nơi nhận (mỗi dòng một nơi)')) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Như trên\n' } });
    expect(box.value).toBe('Như trên\n');
    fireEvent.change(box, { target: { value: 'Như trên\n\nLưu: VT' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('registration.save', expect.objectContaining({ recipients: ['Như trên', '', 'Lưu: VT'] })));
  });

  it('tells the person an exported version is frozen and the next save makes a new version', async () => {
    setup('exported');
    expect((await screen.findByText(/đã xuất gói ngày 05\/02\/2022/)).textContent).toContain('lưu thay đổi sẽ tạo phiên bản 2');
  });

  it('exports a signed bundle and saves it where the person chooses', async () => {
    const { call, api } = setup('draft');
    fireEvent.click(await screen.findByRole('button', { name: 'Ký và xuất gói hồ sơ…' }));
    expect((await screen.findByRole('status')).textContent).toContain('Đã ký và xuất gói đăng ký số 3 (phiên bản 1). Đã tải tệp dang-ky.tdkt.');
    expect(api.save).toHaveBeenCalledWith({ id: 'a'.repeat(32), name: 'dang-ky.tdkt', size: 10 });
    expect(call.mock.calls.map(([c]) => c)).toContain('registration.export');
  });

  it('shows the deadline with the days left', async () => {
    setup('draft');
    expect((await screen.findByLabelText('Hạn gửi đăng ký')).textContent).toBe('Hạn gửi đăng ký: 10/02/2022. Còn 5 ngày.');
  });

  it('asks before exporting late, and exports only when the person confirms', async () => {
    const { call } = setup('draft', { deadline: '2022-02-10', daysLeft: -3, text: 'Hạn gửi đăng ký: 10/02/2022. Quá hạn 3 ngày.' });
    expect((await screen.findByLabelText('Hạn gửi đăng ký')).textContent).toContain('Quá hạn 3 ngày');
    fireEvent.click(screen.getByRole('button', { name: 'Ký và xuất gói hồ sơ…' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Đã quá hạn gửi đăng ký 3 ngày');
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(call.mock.calls.map(([c]) => c)).not.toContain('registration.export');
    fireEvent.click(screen.getByRole('button', { name: 'Ký và xuất gói hồ sơ…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Vẫn ký và xuất gói' }));
    await waitFor(() => expect(call.mock.calls.map(([c]) => c)).toContain('registration.export'));
  });

  it('tells the person which version was sent while a newer draft is edited', async () => {
    const fake = fakeApi({
      'registration.deadline': () => ({ deadline: '2022-02-10', daysLeft: 5, text: '' }),
      'catalogue.list': () => [...catalogue],
      'registration.conflicts': () => [],
      'registration.staffList': () => staff,
      'registration.get': () => registration({ version: 2, sent: { version: 1, at: '2022-02-05T02:00:00.000Z' } }),
    });
    render(
      <ApiProvider api={fake.api}>
        <RegistrationPage unit={unit} group={group} />
      </ApiProvider>,
    );
    expect((await screen.findByText(/Bản nháp, phiên bản 2/)).textContent).toContain('Đã gửi phiên bản 1 ngày 05/02/2022');
  });
});
