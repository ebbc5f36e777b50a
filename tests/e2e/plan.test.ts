import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupUnit } from '../../electron/services/units-keys/units';
import { listGroups } from '../../electron/services/groups-calendar/groups';
import { planView } from '../../electron/services/groups-calendar/year-plan';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { decideQuarantine, importBundleFile, listQuarantine } from '../../electron/services/bundles/importer';
import { readZip } from '../helpers/zip';
import { SCREENS_DIR } from '../helpers/browser';
import { download, e2eOffices } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { DEPUTY, LEADER, MEMBER } from '../helpers/units';

const offices = e2eOffices('thidua-e2e-plan-');
const YEAR = 2030;

/** The page never scrolls sideways: a wide table scrolls inside its card. */
const PAGE_SCROLLS_SIDEWAYS = 'document.documentElement.scrollWidth > document.documentElement.clientWidth';

describe('the leader builds the year in Chromium', () => {
  it('sets up the unit and group, edits the template plan, saves, prints, and publishes a kickoff that verifies', async () => {
    const { ws, bridge } = await offices.serve('leader');
    const page = await offices.newPage();
    await page.goto(bridge.url);

    await page.getByLabel('Tên đơn vị', { exact: true }).fill(LEADER.name);
    await page.getByLabel('Tỉnh/thành phố').fill(LEADER.province);
    await page.getByLabel('Cơ quan chủ quản').fill(LEADER.parentName);
    await page.getByLabel('Mã đơn vị').fill(LEADER.code);
    await page.getByRole('button', { name: 'Lưu và tạo khóa ký' }).click();
    await expect.poll(() => page.getByLabel('Dấu vân tay khóa ký').textContent()).toMatch(/([0-9A-F]{4} ){7}[0-9A-F]{4}/);

    await page.getByRole('button', { name: 'Khu vực / Cụm' }).click();
    await page.getByLabel('Mã Khu vực/Cụm').fill('KVTD-MNPB');
    await page.getByLabel('Năm').fill(String(YEAR));
    await page.getByLabel('Tên Khu vực/Cụm thi đua').fill('Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc');
    await page.getByLabel('Vai trò 1').selectOption('leader');
    const THADS_HG = { code: 'THADS-HG', name: 'Thi hành án dân sự tỉnh Hà Giang', province: 'Hà Giang' };
    for (const [i, u, role] of [
      [2, DEPUTY, 'deputy'],
      [3, MEMBER, 'member'],
      [4, THADS_HG, 'member'],
    ] as const) {
      await page.getByRole('button', { name: '+ Thêm đơn vị thành viên' }).click();
      await page.getByLabel(`Mã đơn vị ${i}`).fill(u.code);
      await page.getByLabel(`Tên đơn vị ${i}`).fill(u.name);
      await page.getByLabel(`Tỉnh ${i}`).fill(u.province);
      await page.getByLabel(`Vai trò ${i}`).selectOption(role);
    }
    await page.getByLabel('Loại đơn vị 2').selectOption('thads');
    await page.getByLabel('Loại đơn vị 4').selectOption('thads');
    // The deputy gathers the THADS member; the leader's and deputy's rows have no box.
    expect(await page.getByLabel('Phó Trưởng tổng hợp 2').count()).toBe(0);
    await page.getByLabel('Phó Trưởng tổng hợp 4').check();
    await page.getByRole('button', { name: 'Lưu Khu vực/Cụm' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Đã lưu');
    expect(listGroups(ws.db)[0]!.members.map((m) => [m.code, m.gatheredByDeputy])).toEqual([
      [LEADER.code, false],
      [DEPUTY.code, false],
      [MEMBER.code, false],
      [THADS_HG.code, true],
    ]);
    await shot(page, 'plan-00-khu-vuc-cum');

    await page.getByRole('button', { name: 'Kế hoạch năm' }).click();
    const source = page.getByLabel('Nguồn kế hoạch');
    // Saving the group wrote the template's plan for the year (the group form edits its registration deadline).
    await expect.poll(() => source.textContent()).toBe('Kế hoạch do đơn vị lập, phiên bản 1, chưa phát hành.');
    const calendar = page.getByRole('table', { name: 'Lịch các mốc' });
    // Seed 000's steps, by section, dated in the group's year; relative ones wait for their event.
    expect(await calendar.locator('tr.plan-section').allTextContents()).toEqual([
      expect.stringContaining('Đăng ký thi đua'),
      expect.stringContaining('Phát động thi đua'),
      expect.stringContaining('Sơ kết'),
      expect.stringContaining('Kiểm tra'),
      expect.stringContaining('Tổng kết'),
    ]);
    expect(await page.getByLabel('Ngày hạn mốc 1', { exact: true }).inputValue()).toBe(`10/02/${YEAR}`);
    expect(await page.getByLabel('Hạn tính được mốc 12', { exact: true }).textContent()).toBe('Chưa có ngày.');
    await shot(page, 'plan-01-mau');
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate<boolean>(PAGE_SCROLLS_SIDEWAYS), `trang cuộn ngang ở ${width}px`).toBe(false);
    }

    // The inspection ends on 20/09: the minutes are due 2 days later, the inspection plan 15 days before it starts.
    await page.getByLabel('Ngày diễn ra sự kiện 1', { exact: true }).fill(`01/09/${YEAR}`);
    await page.getByLabel('Ngày diễn ra sự kiện 2', { exact: true }).fill(`20/9/${YEAR}`);
    await page.getByLabel('Ngày hạn mốc 1', { exact: true }).fill(`12/02/${YEAR}`);
    await page.getByLabel('Họ tên người ký').fill('Đặng Văn Bình');
    await page.getByLabel('Chức vụ người ký').fill('Giám đốc Sở Tư pháp');
    await page.getByLabel('Địa danh').fill('Tuyên Quang');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`Đã lưu kế hoạch năm ${YEAR} (phiên bản 1).`);
    expect(await source.textContent()).toBe('Kế hoạch do đơn vị lập, phiên bản 1, chưa phát hành.');
    expect(await page.getByLabel('Hạn tính được mốc 12', { exact: true }).textContent()).toBe(`Hạn: 22/09/${YEAR}`);
    expect(await page.getByLabel('Hạn tính được mốc 10', { exact: true }).textContent()).toBe(`Hạn: 17/08/${YEAR}`);
    const groupId = listGroups(ws.db)[0]!.id;
    expect(planView(ws, groupId).deadlines).toMatchObject({ registration: `${YEAR}-02-12`, 'inspection-minutes': `${YEAR}-09-22` });
    await shot(page, 'plan-02-da-luu');

    const docx = await download(page, 'In kế hoạch (DOCX)', path.join(offices.work, 'documents'));
    expect(path.basename(docx)).toBe(`ke-hoach-${YEAR}-KVTD-MNPB-v1.docx`);
    // Kept beside the screenshots, for a person to render and look at.
    fs.copyFileSync(docx, path.join(SCREENS_DIR, 'plan-ke-hoach.docx'));
    const xml = (await readZip(docx)).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    expect(xml).toContain('KẾ HOẠCH');
    expect(xml).toContain(`12/02/${YEAR}`);
    expect(xml).toContain('Đặng Văn Bình');

    const bundle = await download(page, 'Phát hành gói khởi động', offices.usb);
    await expect.poll(() => page.getByRole('status').textContent()).toBe(
      `Đã ký và phát hành gói khởi động số 1. Đã tải tệp ${path.basename(bundle)} về thư mục Tải xuống của trình duyệt.`,
    );
    await expect.poll(() => source.textContent()).toContain('đã phát hành trong gói khởi động; lưu thay đổi sẽ tạo phiên bản 2');
    await shot(page, 'plan-03-phat-hanh');
    await page.close();

    // The file verifies on its own (signature, hashes, records) and a member takes it in once it confirms the leader's key.
    const verified = await verifyBundleFile(bundle, ws.kinds);
    expect(verified.header).toMatchObject({ kind: 'kickoff', year: YEAR, seq: 1, sender: { unit_code: LEADER.code } });
    expect(verified.recordCount).toBe(2);
    const { ws: member, bridge: memberBridge } = await offices.serve('member');
    await setupUnit(member, MEMBER);
    const waiting = await importBundleFile(member, { path: bundle, name: path.basename(bundle) });
    expect(waiting.status).toBe('quarantined');
    const [entry] = listQuarantine(member);
    expect(entry!.fingerprint.replace(/\s/g, '').toLowerCase()).toBe(verified.signer.keyId);
    expect((await decideQuarantine(member, entry!.id, true)).status).toBe('accepted');
    const [received] = listGroups(member.db);
    expect(received!.members.find((m) => m.code === THADS_HG.code)!.gatheredByDeputy).toBe(true);
    const seen = planView(member, received!.id);
    expect(seen).toMatchObject({ source: 'leader', editable: false, version: 1 });
    expect(seen.deadlines['inspection-minutes']).toBe(`${YEAR}-09-22`);

    // The member reads the leader's plan: no box to type in, the deadlines as the leader set them.
    const reader = await offices.newPage();
    await reader.goto(memberBridge.url);
    await reader.getByRole('button', { name: 'Kế hoạch năm' }).click();
    await expect.poll(() => reader.getByLabel('Nguồn kế hoạch').textContent()).toBe('Kế hoạch do Trưởng Khu vực/Cụm phát hành, phiên bản 1 — chỉ xem.');
    expect(await reader.locator('main input, main textarea, main select').count()).toBe(0);
    const table = reader.getByRole('table', { name: 'Lịch các mốc' });
    expect(await table.textContent()).toContain(`chậm nhất 02 ngày sau khi kết thúc kiểm tra (hạn: 22/09/${YEAR})`);
    expect(await table.textContent()).toContain('Đoàn kiểm tra → Trưởng, Phó Trưởng');
    await shot(reader, 'plan-04-thanh-vien-chi-xem');
    for (const width of [1366, 1024]) {
      await reader.setViewportSize({ width, height: 900 });
      expect(await reader.evaluate<boolean>(PAGE_SCROLLS_SIDEWAYS), `trang cuộn ngang ở ${width}px`).toBe(false);
    }
    await reader.close();
  });
});
