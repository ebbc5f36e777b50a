import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { KeyCard } from '../../renderer/features/units-keys/SetupUnit';
import { fakeApi } from './fake-api';
import { unit } from './fixtures';

const renewed = { ...unit, keyId: 'aa'.repeat(16), fingerprint: 'AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA' };

function setup() {
  const { api, call } = fakeApi({ 'units-keys.replaceKey': () => renewed });
  const onReplaced = vi.fn();
  render(
    <ApiProvider api={api}>
      <KeyCard unit={unit} onReplaced={onReplaced} />
    </ApiProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Thay khóa ký (máy cũ bị mất, hỏng)' }));
  return { call, onReplaced };
}

describe('replacing the unit’s key from its card', () => {
  it('says what replacing means before doing it, and does nothing when cancelled', () => {
    const { call, onReplaced } = setup();
    const question = screen.getByRole('alertdialog', { name: 'Xác nhận' });
    expect(question.textContent).toContain('phải gọi điện đối chiếu dấu vân tay mới');
    expect(question.textContent).toContain('gói mới ký bằng khóa cũ bị từ chối');
    expect(question.textContent).toContain('các gói đã gửi trước đó vẫn giữ nguyên giá trị');
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    expect(call).not.toHaveBeenCalled();
    expect(onReplaced).not.toHaveBeenCalled();
  });

  it('makes the new key once confirmed and names its fingerprint', async () => {
    const { call, onReplaced } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Tạo khóa mới' }));
    await waitFor(() => expect(onReplaced).toHaveBeenCalledWith(renewed));
    expect(call).toHaveBeenCalledWith('units-keys.replaceKey', {});
    expect(await screen.findByText(/Đã tạo khóa mới AAAA AAAA/)).toBeTruthy();
  });
});
