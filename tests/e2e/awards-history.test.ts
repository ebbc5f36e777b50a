import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { saveStaff } from '../../electron/services/registration/staff';
import { listNominees, yearsOf } from '../../electron/services/awards/history';
import { e2eOffices, nav } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { SCREENS_DIR } from '../helpers/browser';
import { MEMBER } from '../helpers/units';

const offices = e2eOffices('thidua-e2e-awards-history-');

/** A decision's list under its title row, as an office keeps it. */
async function decisionSheet(file: string) {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('QĐ 125');
  ws.addRow(['QUYẾT ĐỊNH số 125/QĐ-STP ngày 15/12/2024 của Giám đốc Sở Tư pháp công nhận danh hiệu Lao động tiên tiến năm 2024']);
  ws.mergeCells('A1:D1');
  ws.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị']);
  ws.addRow([1, 'Nguyễn Thị Hương', 'Chuyên viên', 'Phòng Hành chính tư pháp']);
  ws.addRow([2, 'Lò Văn Hải', 'Phó Trưởng phòng', null]);
  ws.mergeCells('D3:D4');
  ws.addRow([3, null, 'Chuyên viên', 'Văn phòng']);
  await book.xlsx.writeFile(file);
  return file;
}

describe('the award history in Chromium', () => {
  it('imports a decision sheet after its preview, types a year in, and shows eligibility with reasons and sources', async () => {
    const { ws, page, url } = await offices.office('member', MEMBER);
    for (const [fullName, gender] of [
      ['Nguyễn Thị Hương', 'nu'],
      ['Lò Văn Hải', 'nam'],
    ] as const)
      saveStaff(ws, { fullName, birthYear: 1980, gender, position: 'Chuyên viên', department: 'Phòng Hành chính tư pháp', allowDuplicate: false });
    await page.goto(url);
    await nav(page, 'Lịch sử khen thưởng');
    await page.getByRole('button', { name: 'Xem lịch sử của Nguyễn Thị Hương' }).waitFor();

    const sheet = await decisionSheet(path.join(offices.work, 'qd-125.xlsx'));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Nhập từ Excel (.xlsx)…' }).click();
    await (await chooser).setFiles(sheet);
    const preview = page.getByRole('region', { name: 'Xem trước tệp lịch sử' });
    await expect.poll(() => preview.textContent()).toContain('Xem trước, chưa ghi gì: sẽ ghi 0 đối tượng mới, 2 năm mới');
    expect(await preview.textContent()).toContain('Dòng 5: không có họ tên hoặc tên tập thể.');
    // The name the person chose, not the staged upload's.
    expect(await preview.textContent()).toContain('Trang tính “QĐ 125” của tệp qd-125.xlsx');
    await shot(page, 'awards-history-preview');
    await preview.getByRole('button', { name: 'Ghi vào lịch sử' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Kết quả nhập lịch sử' }).textContent()).toContain('Đã ghi: 0 đối tượng mới, 2 năm mới');

    await page.getByRole('button', { name: 'Xem lịch sử của Nguyễn Thị Hương' }).click();
    const form = page.getByRole('form', { name: 'Nhập một năm' });
    await form.getByLabel('Năm').fill('2025');
    await form.getByLabel('Mức hoàn thành nhiệm vụ').selectOption('hoan_thanh_xuat_sac');
    await form.getByLabel('Sáng kiến, đề tài (tên)').fill('Sổ tay hòa giải ở cơ sở');
    await form.getByRole('button', { name: 'Lưu năm' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã lưu năm 2025 của Nguyễn Thị Hương.');
    const huong = listNominees(ws, 'nguyen thi huong')[0]!;
    expect(yearsOf(ws.db, huong.id).map((y) => [y.facts.year, y.source.kind])).toEqual([
      [2025, 'manual'],
      [2024, 'xlsx'],
    ]);
    await shot(page, 'awards-history');

    await nav(page, 'Xét điều kiện');
    await page.getByLabel('Năm xét').fill('2025');
    const person = page.getByRole('region', { name: 'Nguyễn Thị Hương' });
    await expect.poll(() => person.textContent()).toContain('Chiến sĩ thi đua cơ sở');
    expect(await person.textContent()).toContain('Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(await page.locator('main').textContent()).toContain('chưa xác minh');
    // The top of a long page as a person first sees it, at 1366 px.
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: path.join(SCREENS_DIR, 'awards-eligibility-top-1366.png') });
    await shot(page, 'awards-eligibility');
  });
});
