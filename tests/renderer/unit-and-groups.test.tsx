import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { ApiError } from '../../renderer/api/client';
import { GroupsPage } from '../../renderer/features/groups-calendar/GroupsPage';
import { EditUnit } from '../../renderer/features/units-keys/SetupUnit';
import { fakeApi } from './fake-api';
import { group, unit } from './fixtures';

const lockedReason = 'Mã đơn vị đã dùng trong gói hồ sơ gửi ngày 06/02/2022 nên không đổi được: các đơn vị khác đã biết đơn vị theo mã này.';

describe('Sửa thông tin đơn vị', () => {
  it('sends the corrected details, the code included while nothing was exported', async () => {
    const { api, call } = fakeApi({ 'units-keys.update': (u) => ({ ...unit, ...u }) });
    const onSaved = vi.fn();
    render(
      <ApiProvider api={api}>
        <EditUnit unit={unit} onSaved={onSaved} />
      </ApiProvider>,
    );
    const code = screen.getByLabelText('Mã đơn vị') as HTMLInputElement;
    expect(code.disabled).toBe(false);
    fireEvent.change(code, { target: { value: 'stp-tq2' } });
    fireEvent.change(screen.getByLabelText('Tỉnh/thành phố'), { target: { value: 'Tuyên Quang mới' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu thông tin đơn vị' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('units-keys.update', { code: 'STP-TQ2', name: unit.name, kind: unit.kind, province: 'Tuyên Quang mới', parentName: unit.parentName });
  });

  it('keeps the code field disabled once a bundle was exported, and says why', () => {
    const { api } = fakeApi({});
    render(
      <ApiProvider api={api}>
        <EditUnit unit={{ ...unit, codeLockedReason: lockedReason }} onSaved={() => {}} />
      </ApiProvider>,
    );
    expect((screen.getByLabelText('Mã đơn vị') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText(lockedReason)).toBeTruthy();
    expect((screen.getByLabelText('Tên đơn vị') as HTMLInputElement).disabled).toBe(false);
  });
});

/** The groups page over a fake api; returns the spy that tells whether the page reported a change. */
function renderGroups(api: ReturnType<typeof fakeApi>['api'], groups = [group]) {
  const onSaved = vi.fn();
  render(
    <ApiProvider api={api}>
      <GroupsPage unit={unit} groups={groups} onSaved={onSaved} />
    </ApiProvider>,
  );
  return onSaved;
}

describe('Xóa Khu vực/Cụm', () => {
  it('asks first and deletes only after the person confirms', async () => {
    const { api, call } = fakeApi({ 'groups-calendar.remove': () => ({ removed: true }) });
    const onSaved = renderGroups(api);
    fireEvent.click(screen.getByRole('button', { name: 'Xóa Khu vực/Cụm' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Xác nhận' });
    expect(dialog.textContent).toContain(`Xóa Khu vực/Cụm ${group.code} năm ${group.year}`);
    expect(call).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(call).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Xóa Khu vực/Cụm' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Xóa' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(call).toHaveBeenCalledWith('groups-calendar.remove', { groupId: group.id });
    expect(await screen.findByText(`Đã xóa Khu vực/Cụm ${group.code} năm ${group.year}.`)).toBeTruthy();
  });

  it('shows why a group cannot be deleted', async () => {
    const refusal = `Không xóa được Khu vực/Cụm ${group.code} năm ${group.year} vì đã có 1 gói hồ sơ đã gửi: các đơn vị khác đang giữ hồ sơ gắn với Khu vực/Cụm này.`;
    const { api } = fakeApi({
      'groups-calendar.remove': () => {
        throw new ApiError(refusal);
      },
    });
    const onSaved = renderGroups(api);
    fireEvent.click(screen.getByRole('button', { name: 'Xóa Khu vực/Cụm' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Xóa' }));
    expect((await screen.findByText(refusal)).textContent).toBe(refusal);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('offers no delete for a group not yet saved', () => {
    const { api } = fakeApi({});
    renderGroups(api, []);
    expect(screen.queryByRole('button', { name: 'Xóa Khu vực/Cụm' })).toBeNull();
  });
});
