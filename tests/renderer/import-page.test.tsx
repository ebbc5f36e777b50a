import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiProvider } from '../../renderer/api/context';
import { ImportPage } from '../../renderer/features/bundles/ImportPage';
import type { ImportResult, QuarantineEntry } from '../../electron/ipc/contract';
import { fakeApi } from './fake-api';

const leaderKey: QuarantineEntry = {
  id: 7,
  fileName: 'khoi-dong-2022-STP-TQ-so1.tdkt',
  senderCode: 'STP-TQ',
  senderName: 'Sở Tư pháp tỉnh Tuyên Quang',
  fingerprint: '3F2A 9C01 AB12 CD34 0000 1111 2222 3333',
  groupCode: 'KVTD-MNPB',
  year: 2022,
  receivedAt: '2022-01-20T02:00:00.000Z',
};
const ids = ['0b4a6c5e-8a43-4c5e-9d1f-0f4d7e8a9b10', '1c5b7d6f-9b54-4d6f-8e20-1a5e8f9b0c21', '2d6c8e7a-ac65-4e7a-9f31-2b6f9a0c1d32'];
const handle = (name: string) => ({ id: 'a'.repeat(32), name, size: 100 });

function setup(imported: ImportResult[], options: { quarantine?: QuarantineEntry[]; shell?: 'electron' | 'browser' } = {}) {
  let held = options.quarantine ?? [];
  const onImported = vi.fn();
  const fake = fakeApi(
    {
      'bundles.quarantine': () => held,
      'bundles.import': () => imported,
      'bundles.decide': ({ accept }) => {
        held = [];
        return accept
          ? { file: leaderKey.fileName, status: 'accepted', reason: 'Đã nhận gói khởi động năm số 1 của Sở Tư pháp tỉnh Tuyên Quang.', bundleId: ids[2], acknowledge: true }
          : { file: leaderKey.fileName, status: 'refused', reason: 'Đã từ chối gói.' };
      },
      'bundles.writeReceipts': ({ bundleIds }) => bundleIds.map((id, i) => ({ file: handle(`bien-nhan-${i}.tdkt`), senderCode: id === ids[1] ? 'STP-HG' : 'STP-TQ' })),
    },
    { shell: options.shell ?? 'browser', pickBundles: vi.fn(async () => [handle('a.tdkt')]) },
  );
  render(
    <ApiProvider api={fake.api}>
      <ImportPage onImported={onImported} />
    </ApiProvider>,
  );
  return { ...fake, onImported };
}

const accepted = (file: string, bundleId: string, acknowledge = true): ImportResult => ({ file, status: 'accepted', reason: `Đã nhận gói ${file}.`, bundleId, acknowledge });

describe('ImportPage (Nhận gói)', () => {
  it('imports for any role, and tells the app something may have landed', async () => {
    const { call, onImported } = setup([accepted('usb/hg.tdkt', ids[0]!)]);
    fireEvent.click(await screen.findByRole('button', { name: 'Chọn gói hồ sơ…' }));
    expect((await screen.findByRole('list', { name: 'Kết quả nhập' })).textContent).toContain('Đã nhận gói usb/hg.tdkt.');
    expect(call).toHaveBeenCalledWith('bundles.import', { files: [handle('a.tdkt')] });
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  it('offers receipts for the accepted bundles that are owed one, writes them and downloads them', async () => {
    const { api, call } = setup([
      accepted('usb/hg.tdkt', ids[0]!),
      accepted('usb/hg2.tdkt', ids[1]!),
      // A receipt itself is not acknowledged; a duplicate was acknowledged the first time.
      accepted('usb/bien-nhan.tdkt', ids[2]!, false),
      { file: 'usb/cu.tdkt', status: 'duplicate', reason: 'Gói này đã được nhận.' },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Chọn gói hồ sơ…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Ghi biên nhận cho 2 gói đã nhận' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('bundles.writeReceipts', { bundleIds: [ids[0], ids[1]] }));
    await waitFor(() => expect(api.saveAll).toHaveBeenCalledWith([handle('bien-nhan-0.tdkt'), handle('bien-nhan-1.tdkt')]));
    const said = (await screen.findByText(/^Đã ký 2 biên nhận/)).closest('.notice')!.textContent;
    expect(said).toContain('Đã ký 2 biên nhận (gửi STP-TQ, STP-HG). Đã tải 2 tệp.');
    expect(said).toContain('Mang các tệp biên nhận trả lại đơn vị gửi');
    // Written once: the offer goes away.
    expect(screen.queryByRole('button', { name: /Ghi biên nhận/ })).toBeNull();
  });

  it('says where Electron saved the receipts', async () => {
    const saveAll = vi.fn(async () => 'Đã lưu 1 tệp vào E:\\.');
    const fake = fakeApi(
      {
        'bundles.quarantine': () => [],
        'bundles.import': () => [accepted('hg.tdkt', ids[0]!)],
        'bundles.writeReceipts': () => [{ file: handle('bien-nhan.tdkt'), senderCode: 'STP-HG' }],
      },
      { shell: 'electron', saveAll, pickBundles: vi.fn(async () => [handle('hg.tdkt')]) },
    );
    render(
      <ApiProvider api={fake.api}>
        <ImportPage />
      </ApiProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Chọn gói hồ sơ…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Ghi biên nhận cho 1 gói đã nhận' }));
    await waitFor(() => expect(screen.getByText(/Đã lưu 1 tệp vào E:\\\./)).toBeTruthy());
  });

  it('holds a first kickoff until the leader’s fingerprint is confirmed, then replaces that row and offers its receipt', async () => {
    const { call, onImported } = setup([{ file: `usb/${leaderKey.fileName}`, status: 'quarantined', reason: 'Khóa ký 3F2A 9C01 chưa được xác nhận.' }], { quarantine: [leaderKey] });
    const panel = await screen.findByRole('region', { name: 'Chờ xác nhận khóa ký' });
    expect(within(panel).getByText('3F2A 9C01 AB12 CD34 0000 1111 2222 3333')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Chọn gói hồ sơ…' }));
    await screen.findByRole('list', { name: 'Kết quả nhập' });
    // Nothing accepted yet: no receipt to write.
    expect(screen.queryByRole('button', { name: /Ghi biên nhận/ })).toBeNull();
    fireEvent.click(within(panel).getByRole('button', { name: 'Xác nhận khóa và nhận gói' }));
    await waitFor(() => expect(call).toHaveBeenCalledWith('bundles.decide', { id: 7, accept: true }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Chờ xác nhận khóa ký' })).toBeNull());
    const rows = within(screen.getByRole('list', { name: 'Kết quả nhập' })).getAllByRole('listitem');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain(`usb/${leaderKey.fileName}`);
    expect(rows[0]!.textContent).toContain('Đã nhận gói khởi động năm số 1');
    expect(onImported).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('button', { name: 'Ghi biên nhận cho 1 gói đã nhận' })).toBeTruthy();
  });

  it('lists the wholes still waiting for parts, with what is missing, and discards one after confirming', async () => {
    let waiting = [{ sha256: 'a'.repeat(64), name: 'tu-cham-diem-2026-STP-HG-so1.tdkt', count: 5, held: [1, 2, 4], lastReceived: '2026-11-20T03:00:00.000Z' }];
    const { call } = fakeApiRender({
      'bundles.quarantine': () => [],
      'bundles.heldParts': () => waiting,
      'bundles.discardHeldParts': () => {
        waiting = [];
        return {};
      },
    });
    const panel = await screen.findByRole('region', { name: 'Gói đang chờ đủ phần' });
    expect(panel.textContent).toContain('tu-cham-diem-2026-STP-HG-so1.tdkt');
    expect(panel.textContent).toContain('Đã có 3/5 phần, còn thiếu phần 3/5, phần 5/5; phần gần nhất nhận ngày 20/11/2026.');
    fireEvent.click(within(panel).getByRole('button', { name: 'Bỏ các phần…' }));
    expect(call).not.toHaveBeenCalledWith('bundles.discardHeldParts', expect.anything());
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Bỏ các phần đã giữ' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Gói đang chờ đủ phần' })).toBeNull());
    expect(call).toHaveBeenCalledWith('bundles.discardHeldParts', { sha256: 'a'.repeat(64) });
    expect(await screen.findByText(/Đã bỏ 3 phần đã giữ của gói "tu-cham-diem-2026-STP-HG-so1.tdkt"/)).toBeTruthy();
  });
});

function fakeApiRender(handlers: Parameters<typeof fakeApi>[0]) {
  const fake = fakeApi(handlers);
  render(
    <ApiProvider api={fake.api}>
      <ImportPage />
    </ApiProvider>,
  );
  return fake;
}
