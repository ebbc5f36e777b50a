import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { ForwardPanel } from '../../renderer/features/bundles/ForwardPanel';
import { MailLimit } from '../../renderer/features/bundles/MailParts';
import { fakeApi } from './fake-api';
import { group } from './fixtures';

const MB = 1024 * 1024;
const deputyGroup = {
  ...group,
  ownRole: 'deputy' as const,
  members: [
    ...group.members,
    { code: 'THADS-HG', name: 'Cục Thi hành án dân sự tỉnh Hà Giang', kind: 'thads' as const, province: 'Hà Giang', parentName: '', role: 'member' as const, fingerprint: '', gatheredByDeputy: true },
  ],
};
const big = { id: 'a'.repeat(32), name: 'tong-hop-so3.tdkt', size: 31.5 * MB };
const parts = [1, 2].map((i) => ({ id: String(i).repeat(32), name: `tong-hop-so3.part-0${i}-of-02.tdkt-part`, size: 19 * MB }));

function exportBig() {
  const faked = fakeApi({ 'bundles.exportConsolidated': () => ({ file: big, seq: 3, forwarded: 1 }), 'bundles.split': () => parts });
  render(
    <ApiProvider api={faked.api}>
      <ForwardPanel group={deputyGroup} />
    </ApiProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Xuất gói tổng hợp gửi Trưởng' }));
  return faked;
}

describe('a bundle larger than the mail limit', () => {
  it('shows its size and the limit and, on request, saves it as numbered parts', async () => {
    const { api, call } = exportBig();
    const offer = await screen.findByRole('alertdialog', { name: 'Gói lớn hơn giới hạn gửi thư điện tử' });
    expect(offer.textContent).toContain('Gói tong-hop-so3.tdkt dài 31,5 MB, lớn hơn giới hạn 20 MB');
    expect(api.save).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Chia thành các phần' }));
    await screen.findByText(/Đã ký gói tổng hợp số 3, chuyển nguyên 1 gói .* Gói dài 31,5 MB đã được chia thành 2 phần, mỗi phần không quá 20 MB\. Đã tải 2 tệp\./);
    expect(screen.getByText(/Gửi đủ cả 2 phần/)).toBeTruthy();
    expect(call).toHaveBeenCalledWith('bundles.split', { file: big });
    expect(api.saveAll).toHaveBeenCalledWith(parts);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('is saved whole when the person chooses so', async () => {
    const { api, call } = exportBig();
    fireEvent.click(await screen.findByRole('button', { name: 'Lưu nguyên một tệp' }));
    await screen.findByText(/Đã tải tệp tong-hop-so3\.tdkt\./);
    expect(api.save).toHaveBeenCalledWith(big);
    expect(call).not.toHaveBeenCalledWith('bundles.split', expect.anything());
  });
});

describe('the mail limit of this computer', () => {
  it('shows the limit kept and saves a new one', async () => {
    const { api, call } = fakeApi({ 'bundles.setPartLimit': ({ megabytes }) => ({ bytes: megabytes * MB }) });
    render(
      <ApiProvider api={api}>
        <MailLimit />
      </ApiProvider>,
    );
    const input = screen.getByLabelText(/Giới hạn mỗi tệp đính kèm/) as HTMLInputElement;
    await screen.findByDisplayValue('20');
    fireEvent.change(input, { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu giới hạn' }));
    await screen.findByText('Đã lưu: gói lớn hơn 10 MB sẽ được đề nghị chia thành các phần khi lưu.');
    expect(call).toHaveBeenCalledWith('bundles.setPartLimit', { megabytes: 10 });
  });
});
