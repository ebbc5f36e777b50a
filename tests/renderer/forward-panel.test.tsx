import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { ForwardPanel } from '../../renderer/features/bundles/ForwardPanel';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

const deputyGroup = {
  ...group,
  ownRole: 'deputy' as const,
  members: [
    ...group.members,
    { code: 'THADS-HG', name: 'Cục Thi hành án dân sự tỉnh Hà Giang', kind: 'thads' as const, province: 'Hà Giang', parentName: '', role: 'member' as const, fingerprint: '', gatheredByDeputy: true },
  ],
};

describe('the deputy forwards its gathered members’ bundles', () => {
  it('names whom it gathers, signs the consolidated bundle and says where it was saved', async () => {
    const { api, call } = fakeApi({ 'bundles.exportConsolidated': () => ({ file: { id: 'a'.repeat(32), name: 'tong-hop.tdkt', size: 10 }, seq: 3, forwarded: 1 }) });
    render(
      <ApiProvider api={api}>
        <ForwardPanel group={deputyGroup} />
      </ApiProvider>,
    );
    expect(screen.getByText(/Phó Trưởng tổng hợp 1 đơn vị: Cục Thi hành án dân sự tỉnh Hà Giang/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xuất gói tổng hợp gửi Trưởng' }));
    await screen.findByText(/Đã ký gói tổng hợp số 3, chuyển nguyên 1 gói của đơn vị thành viên cho Trưởng\. Đã tải tệp tong-hop\.tdkt\./);
    expect(call).toHaveBeenCalledWith('bundles.exportConsolidated', { groupId: group.id });
  });

  it('says why there is nothing to forward, in the service’s words', async () => {
    const { api } = fakeApi({
      'bundles.exportConsolidated': () => {
        throw new Error('Chưa có gói mới nào của các đơn vị Phó Trưởng tổng hợp để chuyển Trưởng.');
      },
    });
    render(
      <ApiProvider api={api}>
        <ForwardPanel group={deputyGroup} />
      </ApiProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Xuất gói tổng hợp gửi Trưởng' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Chưa có gói mới nào');
  });

  it('cannot be pressed while no member is marked as gathered', () => {
    const { api } = fakeApi({});
    render(
      <ApiProvider api={api}>
        <ForwardPanel group={{ ...group, ownRole: 'deputy' }} />
      </ApiProvider>,
    );
    expect((screen.getByRole('button', { name: 'Xuất gói tổng hợp gửi Trưởng' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
