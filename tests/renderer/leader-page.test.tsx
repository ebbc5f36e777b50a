import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { LeaderPage } from '../../renderer/features/bundles/LeaderPage';
import type { ImportResult, OverviewQuery } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { catalogue, group } from './fixtures';

const rows = [
  { unitCode: 'STP-HG', unitName: 'Sở Tư pháp tỉnh Hà Giang', unitKind: 'so_tu_phap' as const, scope: 'individual' as const, personName: 'Nguyễn Thị Hương', position: 'Phó Giám đốc', titleCode: 'CSTDCS', titleName: 'Chiến sĩ thi đua cơ sở', receivedAt: '2022-02-08T02:00:00.000Z', onBehalf: false },
];

const held = { id: 4, fileName: 'lc.tdkt', senderCode: 'THADS-LCH', senderName: 'Cục THADS tỉnh Lai Châu', fingerprint: '6C29 B8C8 9DE3 2A4A 1073 8F7A D607 8BFD', groupCode: 'KVTD-MNPB', year: 2022, receivedAt: '' };

/** What a USB folder gives: accepted, duplicate and stale bundles mixed with refused ones and one waiting for its key. */
const folder: ImportResult[] = [
  { file: 'usb/tq.tdkt', status: 'accepted', reason: 'Đã nhận gói số 1 của Sở Tư pháp tỉnh Tuyên Quang.' },
  { file: 'usb/hg.tdkt', status: 'refused', reason: 'Đề nghị đơn vị gửi lại gói. Chi tiết kỹ thuật: tệp "data/records/a.json" không khớp mã băm SHA-256 đã ký.' },
  { file: 'usb/lc.tdkt', status: 'quarantined', reason: 'Khóa ký 6C29 B8C8 chưa được xác nhận cho Cục THADS tỉnh Lai Châu.' },
  { file: 'usb/yb.tdkt', status: 'duplicate', reason: 'Gói này đã được nhận ngày 08/02/2022; không có gì thay đổi.' },
  { file: 'usb/cb.tdkt', status: 'accepted', reason: 'Đã nhận gói số 2 của Sở Tư pháp tỉnh Cao Bằng.' },
  { file: 'usb/db.tdkt', status: 'refused', reason: 'Nội dung tệp "data/records/b.json" không khớp mã băm SHA-256 đã ký (tệp đã bị sửa đổi). Đề nghị đơn vị gửi lại gói.' },
];

function setup(imported: ImportResult[] = [{ file: 'hg.tdkt', status: 'refused', reason: 'Chữ ký số không hợp lệ: nội dung "bundle.json" đã bị thay đổi sau khi ký.' }]) {
  const handle = { id: 'b'.repeat(32), name: 'hg.tdkt', size: 100 };
  let quarantine = [held];
  const fake = fakeApi(
    {
      'catalogue.list': () => catalogue,
      'bundles.quarantine': () => quarantine,
      'registration.overview': () => ({
        matrix: [
          { unitCode: 'STP-TQ', unitName: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', role: 'leader', own: true, sentAt: '2022-02-03T01:00:00.000Z', receivedAt: '2022-02-03T01:00:00.000Z', version: 1, late: false, onBehalf: null },
          { unitCode: 'STP-HG', unitName: 'Sở Tư pháp tỉnh Hà Giang', kind: 'so_tu_phap', role: 'member', own: false, sentAt: null, receivedAt: null, version: null, late: true, onBehalf: null },
        ],
        rows,
      }),
      'bundles.import': () => imported,
      'bundles.decide': ({ accept }) => {
        quarantine = [];
        return accept
          ? { file: 'lc.tdkt', status: 'accepted', reason: 'Đã nhận gói số 1 của Cục THADS tỉnh Lai Châu.' }
          : { file: 'lc.tdkt', status: 'refused', reason: 'Đã từ chối gói của Cục THADS tỉnh Lai Châu; khóa 6C29 B8C8 không được ghim.' };
      },
    },
    { pickBundles: vi.fn(async () => [handle]) },
  );
  render(
    <ApiProvider api={fake.api}>
      <LeaderPage group={group} />
    </ApiProvider>,
  );
  return fake;
}

describe('LeaderPage', () => {
  it('shows who sent and who is overdue', async () => {
    setup();
    const matrix = await screen.findByRole('table', { name: 'Ma trận tiếp nhận' });
    await waitFor(() => expect(within(matrix).getAllByRole('row')).toHaveLength(3));
    const [, leaderRow, memberRow] = within(matrix).getAllByRole('row');
    expect(leaderRow!.textContent).toContain('Đã xuất gói');
    expect(leaderRow!.textContent).toContain('03/02/2022');
    expect(memberRow!.textContent).toContain('Chưa nhận');
    expect(memberRow!.textContent).toContain('Quá hạn');
  });

  it('imports the chosen files and shows each refusal with its reason', async () => {
    const { call } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Chọn gói hồ sơ…' }));
    const results = await screen.findByRole('list', { name: 'Kết quả nhập' });
    expect(results.textContent).toContain('Từ chối');
    expect(results.textContent).toContain('Chữ ký số không hợp lệ');
    expect(call).toHaveBeenCalledWith('bundles.import', { files: [{ id: 'b'.repeat(32), name: 'hg.tdkt', size: 100 }] });
  });

  it('confirms a quarantined key only when the person says so', async () => {
    const { call } = setup();
    expect(await screen.findByText('6C29 B8C8 9DE3 2A4A 1073 8F7A D607 8BFD')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Xác nhận khóa và nhận gói' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('bundles.decide', { id: 4, accept: true }));
  });

  it('asks the main process to sort and filter the consolidated table', async () => {
    const { call } = setup();
    fireEvent.click(await screen.findByRole('button', { name: /Họ và tên/ }));
    fireEvent.change(screen.getByLabelText('Tìm (không dấu cũng được)'), { target: { value: 'huong' } });
    await waitFor(() => {
      const last = call.mock.calls.filter(([c]) => c === 'registration.overview').at(-1)![1] as OverviewQuery;
      expect(last).toMatchObject({ groupId: 1, sort: 'person', descending: false, search: 'huong' });
    });
    const table = screen.getByRole('table', { name: 'Bảng tổng hợp' });
    expect(within(table).getByText('Nguyễn Thị Hương')).toBeTruthy();
  });

  it('puts refused and waiting bundles first under a summary line, below the quarantine panel', async () => {
    setup(folder);
    fireEvent.click(await screen.findByRole('button', { name: 'Chọn cả thư mục (ổ USB)…' }));
    const results = await screen.findByRole('list', { name: 'Kết quả nhập' });
    const rows = within(results).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.result-file')!.textContent)).toEqual(['usb/hg.tdkt', 'usb/db.tdkt', 'usb/lc.tdkt', 'usb/tq.tdkt', 'usb/yb.tdkt', 'usb/cb.tdkt']);
    expect(screen.getByRole('status', { name: 'Tóm tắt kết quả nhập' }).textContent).toBe('Đã nhận 2 · Đã có 1 · Chờ xác nhận 1 · Từ chối 2');
    const panel = screen.getByRole('region', { name: 'Chờ xác nhận khóa ký' });
    expect(panel.compareDocumentPosition(results) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows what to do on a refusal, with the technical reason on a line of its own', async () => {
    setup(folder);
    fireEvent.click(await screen.findByRole('button', { name: 'Chọn cả thư mục (ổ USB)…' }));
    const refused = within(await screen.findByRole('list', { name: 'Kết quả nhập' })).getAllByRole('listitem')[0]!;
    expect(refused.querySelector('.result-reason')!.textContent).toBe('Đề nghị đơn vị gửi lại gói.');
    expect(refused.querySelector('.result-detail')!.textContent).toBe('Chi tiết kỹ thuật: tệp "data/records/a.json" không khớp mã băm SHA-256 đã ký.');
    const tampered = within(screen.getByRole('list', { name: 'Kết quả nhập' })).getAllByRole('listitem')[1]!;
    expect(tampered.querySelector('.result-reason')!.textContent).toBe('Đề nghị đơn vị gửi lại gói.');
    expect(tampered.querySelector('.result-detail')!.textContent).toBe('Nội dung tệp "data/records/b.json" không khớp mã băm SHA-256 đã ký (tệp đã bị sửa đổi).');
  });

  it('keeps the other results when a key is confirmed and updates that one row', async () => {
    setup(folder);
    fireEvent.click(await screen.findByRole('button', { name: 'Chọn cả thư mục (ổ USB)…' }));
    await screen.findByRole('list', { name: 'Kết quả nhập' });
    fireEvent.click(screen.getByRole('button', { name: 'Xác nhận khóa và nhận gói' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Chờ xác nhận khóa ký' })).toBeNull());
    const rows = within(screen.getByRole('list', { name: 'Kết quả nhập' })).getAllByRole('listitem');
    expect(rows).toHaveLength(6);
    const lc = rows.find((r) => r.textContent!.includes('usb/lc.tdkt'))!;
    expect(lc.textContent).toContain('Đã nhận gói số 1 của Cục THADS tỉnh Lai Châu.');
    expect(screen.getByRole('status', { name: 'Tóm tắt kết quả nhập' }).textContent).toBe('Đã nhận 3 · Đã có 1 · Chờ xác nhận 0 · Từ chối 2');
  });

  it('asks before rejecting a waiting bundle, and rejects only when the person confirms', async () => {
    const { call } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Từ chối' }));
    const ask = screen.getByRole('alertdialog', { name: 'Từ chối gói của Cục THADS tỉnh Lai Châu?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Quay lại' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(call.mock.calls.some(([c]) => c === 'bundles.decide')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Từ chối' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Từ chối gói' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('bundles.decide', { id: 4, accept: false }));
    expect((await screen.findByRole('list', { name: 'Kết quả nhập' })).textContent).toContain('Đã từ chối gói của Cục THADS tỉnh Lai Châu');
  });
});
