import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { DateInput } from '../../renderer/components/DateInput';
import { GroupsPage } from '../../renderer/features/groups-calendar/GroupsPage';
import { RegistrationPage } from '../../renderer/features/registration/RegistrationPage';
import type { GroupInput, RegistrationInput } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { catalogue, group, registration, staff, unit } from './fixtures';

function Harness({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateInput label="Ngày" value={value} onChange={setValue} />
      <output aria-label="Giá trị">{value}</output>
      <button type="button" onClick={() => setValue('2023-12-01')}>
        Đổi
      </button>
    </>
  );
}

const box = () => screen.getByRole('textbox', { name: 'Ngày' }) as HTMLInputElement;
const value = () => screen.getByLabelText('Giá trị').textContent;

describe('DateInput', () => {
  it('shows dd/mm/yyyy and hands the app yyyy-mm-dd, typed with or without zeros, with / . or -', () => {
    render(<Harness initial="2022-02-10" />);
    expect(box().value).toBe('10/02/2022');
    for (const typed of ['5/2/2022', '05.02.2022', '5-2-2022']) {
      fireEvent.change(box(), { target: { value: typed } });
      expect(value()).toBe('2022-02-05');
    }
    fireEvent.blur(box());
    expect(box().value).toBe('05/02/2022');
    fireEvent.change(box(), { target: { value: '' } });
    expect(value()).toBe('');
  });

  it('says in Vietnamese what is wrong with a date that does not exist, and never keeps the older date', () => {
    render(<Harness initial="2022-02-10" />);
    fireEvent.change(box(), { target: { value: '31/02/2024' } });
    fireEvent.blur(box());
    expect(value()).toBe('31/02/2024');
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { description: 'Tháng 2 năm 2024 chỉ có 29 ngày: không có ngày 31/02/2024.' })).toBe(box());
    fireEvent.change(box(), { target: { value: '29/02/2024' } });
    expect(value()).toBe('2024-02-29');
    expect(box().getAttribute('aria-invalid')).toBeNull();
  });

  it('follows a value the page replaces', () => {
    render(<Harness initial="" />);
    expect(box().value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Đổi' }));
    expect(box().value).toBe('01/12/2023');
  });
});

describe('date fields', () => {
  it('types the registration deadline day first', async () => {
    const { api, call } = fakeApi({ 'groups-calendar.save': (input) => ({ ...group, ...input, id: 1, registrationDeadline: input.registrationDeadline || null, ownRole: 'leader', members: group.members }) });
    render(
      <ApiProvider api={api}>
        <GroupsPage unit={unit} groups={[group]} onSaved={() => {}} />
      </ApiProvider>,
    );
    const deadline = screen.getByRole('textbox', { name: 'Hạn gửi đăng ký' }) as HTMLInputElement;
    expect(deadline.value).toBe('10/02/2022');
    fireEvent.change(deadline, { target: { value: '2/3/2022' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu Khu vực/Cụm' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('groups-calendar.save', expect.anything()));
    expect((call.mock.calls.find(([c]) => c === 'groups-calendar.save')![1] as GroupInput).registrationDeadline).toBe('2022-03-02');
  });

  it('types the registration document date day first', async () => {
    let saved = registration();
    const { api, call } = fakeApi({
      'catalogue.list': () => catalogue,
      'registration.staffList': () => staff,
      'registration.get': () => saved,
      'registration.conflicts': () => [],
      'registration.deadline': () => ({ deadline: '2022-02-10', daysLeft: 5, text: 'Hạn gửi đăng ký: 10/02/2022. Còn 5 ngày.' }),
      'registration.save': (input) => (saved = registration({ documentDate: input.documentDate })),
    });
    render(
      <ApiProvider api={api}>
        <RegistrationPage unit={unit} group={group} />
      </ApiProvider>,
    );
    const date = (await screen.findByRole('textbox', { name: 'Ngày ký' })) as HTMLInputElement;
    await waitFor(() => expect(date.value).toBe('05/02/2022'));
    fireEvent.change(date, { target: { value: '7.2.2022' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('registration.save', expect.anything()));
    expect((call.mock.calls.find(([c]) => c === 'registration.save')![1] as RegistrationInput).documentDate).toBe('2022-02-07');
  });
});
