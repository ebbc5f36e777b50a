import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { ApiError } from '../../renderer/api/client';
import { SetupUnit } from '../../renderer/features/units-keys/SetupUnit';
import { fakeApi } from './fake-api';
import { unit } from './fixtures';

describe('SetupUnit', () => {
  it('sends what the person typed and hands back the unit with its fingerprint', async () => {
    const { api, call } = fakeApi({ 'units-keys.setup': () => unit });
    const onDone = vi.fn();
    render(
      <ApiProvider api={api}>
        <SetupUnit onDone={onDone} />
      </ApiProvider>,
    );
    fireEvent.change(screen.getByLabelText('Tên đơn vị'), { target: { value: 'Sở Tư pháp tỉnh Tuyên Quang' } });
    fireEvent.change(screen.getByLabelText('Loại đơn vị'), { target: { value: 'so_tu_phap' } });
    fireEvent.change(screen.getByLabelText('Tỉnh/thành phố'), { target: { value: 'Tuyên Quang' } });
    fireEvent.change(screen.getByLabelText('Mã đơn vị'), { target: { value: 'stp-tq' } });
    // Shown as it will be stored: codes are upper case.
    expect((screen.getByLabelText('Mã đơn vị') as HTMLInputElement).value).toBe('STP-TQ');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu và tạo khóa ký' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(unit));
    expect(call).toHaveBeenCalledWith('units-keys.setup', { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', province: 'Tuyên Quang', parentName: '' });
  });

  it('shows the Vietnamese reason when setup is refused', async () => {
    const { api } = fakeApi({
      'units-keys.setup': () => {
        throw new ApiError('Mã đơn vị chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.');
      },
    });
    render(
      <ApiProvider api={api}>
        <SetupUnit onDone={() => {}} />
      </ApiProvider>,
    );
    fireEvent.change(screen.getByLabelText('Tên đơn vị'), { target: { value: 'X' } });
    fireEvent.change(screen.getByLabelText('Tỉnh/thành phố'), { target: { value: 'Y' } });
    fireEvent.change(screen.getByLabelText('Mã đơn vị'), { target: { value: 'Sở TP' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu và tạo khóa ký' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Mã đơn vị chỉ gồm chữ không dấu');
  });
});
