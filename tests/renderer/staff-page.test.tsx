import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { StaffPage } from '../../renderer/features/registration/StaffPage';
import type { Staff } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { staff } from './fixtures';

function setup() {
  let people: Staff[] = [...staff];
  const fake = fakeApi({
    'registration.staffList': () => people,
    'registration.staffDuplicateOf': (input) => people.find((p) => p.fullName === input.fullName && p.birthYear === input.birthYear) ?? null,
    'registration.staffSave': (input) => {
      const saved = { ...input, id: 9, position: input.position ?? '', department: input.department ?? '' } as Staff;
      people = [...people, saved];
      return saved;
    },
    'registration.staffRemove': ({ id }) => {
      const gone = people.find((p) => p.id === id) ?? null;
      people = people.filter((p) => p.id !== id);
      return { removed: gone };
    },
    'registration.staffRestore': (input) => {
      const person = { ...input, position: input.position ?? '', department: input.department ?? '' };
      people = [...people, person];
      return person;
    },
  });
  render(
    <ApiProvider api={fake.api}>
      <StaffPage />
    </ApiProvider>,
  );
  return fake;
}

const calls = (call: ReturnType<typeof fakeApi>['call']) => call.mock.calls.map(([c]) => c);

describe('StaffPage', () => {
  it('asks before removing a person, and puts them back on "Hoàn tác"', async () => {
    const { call } = setup();
    await screen.findByText('Đặng Văn Bình');
    fireEvent.click(screen.getAllByRole('button', { name: 'Xóa' })[0]!);
    expect((await screen.findByRole('alertdialog')).textContent).toContain('Xóa Đặng Văn Bình khỏi danh sách cán bộ?');
    expect(calls(call)).not.toContain('registration.staffRemove');
    fireEvent.click(screen.getAllByRole('button', { name: 'Xóa' }).find((b) => b.closest('[role=alertdialog]'))!);
    await waitFor(() => expect(screen.queryByText('Đặng Văn Bình', { selector: 'td' })).toBeNull());
    fireEvent.click(await screen.findByRole('button', { name: 'Hoàn tác' }));
    expect(await screen.findByText('Đặng Văn Bình', { selector: 'td' })).toBeTruthy();
    expect(calls(call)).toContain('registration.staffRestore');
  });

  it('flags a namesake born the same year and saves only when confirmed', async () => {
    const { call } = setup();
    await screen.findByText('Đặng Văn Bình');
    fireEvent.change(screen.getByLabelText('Họ và tên'), { target: { value: 'Đặng Văn Bình' } });
    fireEvent.change(screen.getByLabelText('Năm sinh'), { target: { value: '1975' } });
    fireEvent.click(screen.getByRole('button', { name: 'Thêm cán bộ' }));
    expect((await screen.findByRole('alertdialog')).textContent).toContain('Danh sách đã có Đặng Văn Bình, sinh năm 1975, Giám đốc.');
    expect(calls(call)).not.toContain('registration.staffSave');
    fireEvent.click(screen.getByRole('button', { name: 'Vẫn lưu' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('registration.staffSave', expect.objectContaining({ fullName: 'Đặng Văn Bình', allowDuplicate: true })));
  });
});
