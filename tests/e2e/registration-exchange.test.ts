import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { setupUnit } from '../../electron/services/units-keys/units';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { groupInputSchema } from '../../electron/ipc/contract';
import { readZip, writeRawZip } from '../helpers/zip';
import { download, e2eOffices } from '../helpers/offices';
import { CLIPPED, shot } from '../helpers/screens';
import { DEPUTY, groupInput, LEADER, MEMBER } from '../helpers/units';

const offices = e2eOffices('thidua-e2e-');
const work = offices.work;

/** A tab at 1280 px, the narrow laptops of the offices, on the app that the bridge serves. */
async function openApp(url: string): Promise<Page> {
  const page = await offices.newPage(1280);
  await page.goto(url);
  return page;
}

/** Clicks a print button, takes the download, and returns the text of the DOCX's body. */
async function downloadedDocx(page: Page, button: string): Promise<string> {
  const file = await download(page, button, path.join(work, 'downloads'));
  expect(file.endsWith('.docx')).toBe(true);
  return (await readZip(file)).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
}

describe('the registration round trip in Chromium', () => {
  let bundleFile = '';
  let memberFingerprint = '';

  it('a member sets up, registers and exports a signed bundle', async () => {
    const { bridge } = await offices.serve('member');
    const page = await openApp(bridge.url);

    await page.getByLabel('Tên đơn vị', { exact: true }).fill(MEMBER.name);
    await page.getByLabel('Tỉnh/thành phố').fill(MEMBER.province);
    await page.getByLabel('Cơ quan chủ quản').fill(MEMBER.parentName);
    await page.getByLabel('Mã đơn vị').fill(MEMBER.code);
    await shot(page, '00-thiet-lap');
    await page.getByRole('button', { name: 'Lưu và tạo khóa ký' }).click();
    const keyCard = page.getByLabel('Dấu vân tay khóa ký');
    await expect.poll(() => keyCard.textContent()).toMatch(/([0-9A-F]{4} ){7}[0-9A-F]{4}/);
    memberFingerprint = (await keyCard.locator('.fingerprint').textContent())!;
    await shot(page, '01-khoa-ky');
    expect(await downloadedDocx(page, 'In thẻ khóa ký (DOCX)')).toContain(memberFingerprint);

    await page.getByRole('button', { name: 'Khu vực / Cụm' }).click();
    await page.getByLabel('Mã Khu vực/Cụm').fill('KVTD-MNPB');
    await page.getByLabel('Năm').fill('2022');
    // A date that does not exist is explained next to the box, in Vietnamese, whatever the browser's locale.
    await page.getByLabel('Hạn gửi đăng ký').fill('31/02/2030');
    await page.getByLabel('Hạn gửi đăng ký').blur();
    await expect.poll(() => page.locator('.date-input .field-error').textContent()).toBe('Tháng 2 năm 2030 chỉ có 28 ngày: không có ngày 31/02/2030.');
    await shot(page, '02-ngay-khong-co-that');
    await page.getByLabel('Hạn gửi đăng ký').fill('10/2/2030');
    await page.getByLabel('Tên Khu vực/Cụm thi đua').fill('Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc');
    await page.getByRole('button', { name: '+ Thêm đơn vị thành viên' }).click();
    await page.getByLabel('Mã đơn vị 2').fill(LEADER.code);
    await page.getByLabel('Tên đơn vị 2').fill(LEADER.name);
    await page.getByLabel('Tỉnh 2').fill(LEADER.province);
    await page.getByLabel('Vai trò 2').selectOption('leader');
    await page.getByRole('button', { name: 'Lưu Khu vực/Cụm' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Đã lưu');
    await shot(page, '02-khu-vuc-cum');

    await page.getByRole('button', { name: 'Cán bộ' }).click();
    for (const [name, year, gender, position] of [
      ['Nguyễn Thị Hương', '1980', 'nu', 'Phó Giám đốc'],
      ['Đặng Văn Bình', '1975', 'nam', 'Giám đốc'],
    ] as const) {
      await page.getByLabel('Họ và tên').fill(name);
      await page.getByLabel('Năm sinh').fill(year);
      await page.getByLabel('Giới tính').selectOption(gender);
      await page.getByLabel('Chức vụ').fill(position);
      await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain(`Đã lưu ${name}`);
    }
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cán bộ').addRows([
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Chức vụ', 'Phòng'],
      ['Lò Thị Ngân', 1995, 'Nữ', 'Chuyên viên', 'Phòng Hành chính tư pháp'],
      ['Nguyễn Thị Hương', 1980, 'Nữ', 'Phó Giám đốc', 'Ban Giám đốc'],
    ]);
    const sheet = path.join(work, 'can-bo.xlsx');
    await book.xlsx.writeFile(sheet);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Nhập từ Excel (.xlsx)…' }).click();
    await (await chooser).setFiles(sheet);
    const report = page.getByRole('region', { name: 'Kết quả nhập từ Excel' });
    await expect.poll(() => report.textContent()).toContain('Đã nhập 1 cán bộ từ trang tính “Cán bộ” (dòng tiêu đề: dòng 1).');
    expect(await report.textContent()).toContain('Dòng 3: Nguyễn Thị Hương (1980): đã có trong danh sách cán bộ.');
    await shot(page, '03-nhap-excel');
    await page.getByLabel('Tìm kiếm (gõ không dấu cũng được)').fill('nguyen');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Tìm kiếm (gõ không dấu cũng được)').fill('');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(3);
    await shot(page, '02-can-bo');
    // The check sees a box that is cut off (so a clean screen above means something).
    await page.getByLabel('Chức vụ').fill('Phó Trưởng phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật');
    expect(await page.evaluate<string[]>(CLIPPED)).toEqual([expect.stringMatching(/^input "Phó Trưởng phòng Phổ biến/)]);
    await page.getByLabel('Chức vụ').fill('');

    await page.getByRole('button', { name: 'Đăng ký thi đua' }).click();
    await page.getByLabel('Tập thể lao động xuất sắc').check();
    await page.getByLabel('Đăng ký của Nguyễn Thị Hương').selectOption('CSTDCS');
    await page.getByLabel('Đăng ký của Đặng Văn Bình').selectOption('LDTT');
    await page.getByLabel('Số, ký hiệu').fill('05/ĐK-STP');
    await page.getByLabel('Họ tên người ký').fill('Đặng Văn Bình');
    await page.getByLabel('Nội dung cam kết 1').fill('Hoàn thành 100% nhiệm vụ thẩm định dự thảo văn bản quy phạm pháp luật đúng thời hạn.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('phiên bản 1, bản nháp');
    await shot(page, '03-dang-ky');
    expect(await downloadedDocx(page, 'In bản đăng ký (DOCX)')).toContain('BẢN ĐĂNG KÝ THI ĐUA NĂM 2022');

    bundleFile = await download(page, 'Ký và xuất gói hồ sơ…', offices.usb);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Đã ký và xuất gói đăng ký số 1 (phiên bản 1)');
    await expect.poll(() => page.getByText(/đã xuất gói ngày/).textContent()).toContain('lưu thay đổi sẽ tạo phiên bản 2');
    expect(path.basename(bundleFile)).toBe('dang-ky-thi-dua-2022-STP-HG-so1.tdkt');
    await page.close();
  });

  it('the leader imports it, confirms the key, and finds the registration; a tampered copy is refused', async () => {
    const { ws, bridge } = await offices.serve('leader');
    await setupUnit(ws, LEADER);
    saveGroup(ws, groupInputSchema.parse(groupInput({}, { registrationDeadline: '2030-02-10' })));
    const page = await openApp(bridge.url);
    await page.getByRole('button', { name: 'Tiếp nhận và tổng hợp' }).click();

    const importFile = async (file: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Chọn gói hồ sơ…' }).click();
      await (await chooser).setFiles(file);
      return page.getByRole('list', { name: 'Kết quả nhập' });
    };

    const first = await importFile(bundleFile);
    await expect.poll(() => first.textContent()).toContain('Chờ xác nhận khóa');
    // What the leader reads over the phone is what the member's own screen shows.
    expect(await page.locator('.quarantine .fingerprint').textContent()).toBe(memberFingerprint);
    await shot(page, '04-cho-xac-nhan');
    // Rejecting asks first; going back leaves the bundle waiting.
    await page.getByRole('button', { name: 'Từ chối', exact: true }).click();
    await expect.poll(() => page.getByRole('alertdialog').textContent()).toContain(`Từ chối gói của ${MEMBER.name}?`);
    await shot(page, '04-tu-choi-hoi-truoc');
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await page.getByRole('button', { name: 'Xác nhận khóa và nhận gói' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Kết quả nhập' }).textContent()).toContain('Đã nhận gói đăng ký thi đua số 1 của Sở Tư pháp tỉnh Hà Giang');

    const table = page.getByRole('table', { name: 'Bảng tổng hợp' });
    await expect.poll(() => table.textContent()).toContain('Nguyễn Thị Hương');
    expect(await table.textContent()).toContain('Chiến sĩ thi đua cơ sở');
    expect(await table.textContent()).toContain('Tập thể lao động xuất sắc');
    const matrix = page.getByRole('table', { name: 'Ma trận tiếp nhận' });
    expect(await matrix.locator('tr', { hasText: MEMBER.name }).textContent()).toContain('Đã nhận');
    expect(await matrix.locator('tr', { hasText: DEPUTY.name }).textContent()).toContain('Chưa nhận');
    await shot(page, '05-tong-hop');
    const before = await table.innerHTML();

    const entries = await readZip(bundleFile);
    const record = entries.find((e) => e.name.startsWith('data/records/'))!;
    record.data = Buffer.from(record.data.toString('utf8').replace('"CSTDCS"', '"CSTD_TQ"'));
    const tampered = path.join(offices.usb, 'dang-ky-thi-dua-2022-STP-HG-da-sua.tdkt');
    await writeRawZip(tampered, entries);
    const refused = await importFile(tampered);
    await expect.poll(() => refused.textContent()).toContain('Từ chối');
    expect(await refused.textContent()).toContain('không khớp mã băm SHA-256 đã ký (tệp đã bị sửa đổi)');
    await shot(page, '06-tu-choi');
    expect(await table.innerHTML()).toBe(before);

    const printed = await downloadedDocx(page, 'In bảng tổng hợp (DOCX)');
    expect(printed).toContain('TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2022');
    expect(printed).toContain('Nguyễn Thị Hương');

    const again = await importFile(bundleFile);
    await expect.poll(() => again.textContent()).toContain('Đã có');

    // The whole USB stick: bundles are picked out of the folder, other files ignored.
    fs.writeFileSync(path.join(offices.usb, 'ghi-chu.txt'), 'Danh sách gửi Khu vực');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn cả thư mục (ổ USB)…' }).click();
    await (await chooser).setFiles(offices.usb);
    const folder = page.getByRole('list', { name: 'Kết quả nhập' });
    await expect.poll(() => folder.locator('li').count()).toBe(2);
    expect(await folder.locator('li', { hasText: 'da-sua' }).textContent()).toContain('Từ chối');
    expect(await folder.locator('li', { hasText: 'so1.tdkt' }).textContent()).toContain('Đã có');
    await shot(page, '07-thu-muc');
    expect(await table.innerHTML()).toBe(before);

    await page.getByLabel('Tìm (không dấu cũng được)').fill('binh');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.textContent()).toContain('Đặng Văn Bình');

    // The leader's group: pinned fingerprints, a THADS unit, the longest labels of each column.
    await page.getByRole('button', { name: 'Khu vực / Cụm' }).click();
    const names = page.locator('textarea[aria-label^="Tên đơn vị"]');
    await expect.poll(async () => Promise.all((await names.all()).map((box) => box.inputValue()))).toContain(DEPUTY.name);
    await shot(page, '08-khu-vuc-cum-truong');
    await page.getByRole('button', { name: 'Đơn vị và khóa ký' }).click();
    await shot(page, '09-khoa-ky-truong');
    await page.close();
  });
});
