import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/react';
import type { ReactElement } from 'react';
import { ApiProvider } from '../../renderer/api/context';
import { SetupUnit } from '../../renderer/features/units-keys/SetupUnit';
import { GroupsPage } from '../../renderer/features/groups-calendar/GroupsPage';
import { StaffPage } from '../../renderer/features/registration/StaffPage';
import { fakeApi } from './fake-api';
import { unit } from './fixtures';

/** Submits the form empty: the app's own Vietnamese message shows under each box, never the browser's bubble. */
async function submitEmpty(ui: ReactElement, button: string) {
  const { api, call } = fakeApi({ 'registration.staffList': () => [] });
  const { container } = render(<ApiProvider api={api}>{ui}</ApiProvider>);
  // noValidate: the browser shows no "Please fill out this field." of its own.
  for (const form of container.querySelectorAll('form')) expect(form.noValidate).toBe(true);
  fireEvent.click(await screen.findByRole('button', { name: button }));
  const messages = (await screen.findAllByRole('alert')).map((a) => [a.closest('.field')!.querySelector('.field-label')!.textContent, a.textContent]);
  expect(call.mock.calls.map(([c]) => c).filter((c) => c !== 'registration.staffList')).toEqual([]);
  return messages;
}

describe('forms speak Vietnamese, next to the box', () => {
  it('unit setup', async () => {
    expect(await submitEmpty(<SetupUnit onDone={() => {}} />, 'Lưu và tạo khóa ký')).toEqual([
      ['Tên đơn vị', 'Hãy nhập tên đơn vị.'],
      ['Tỉnh/thành phố', 'Hãy nhập tỉnh/thành phố.'],
      ['Mã đơn vị', 'Hãy nhập mã đơn vị.'],
    ]);
  });

  it('a new group', async () => {
    expect(await submitEmpty(<GroupsPage unit={unit} groups={[]} onSaved={() => {}} />, 'Lưu Khu vực/Cụm')).toEqual([
      ['Mã Khu vực/Cụm', 'Hãy nhập mã Khu vực/Cụm.'],
      ['Tên Khu vực/Cụm thi đua', 'Hãy nhập tên Khu vực/Cụm thi đua.'],
    ]);
  });

  it('a staff member typed by hand', async () => {
    expect(await submitEmpty(<StaffPage />, 'Thêm cán bộ')).toEqual([['Họ và tên', 'Hãy nhập họ và tên.']]);
  });
});
