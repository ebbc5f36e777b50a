import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { startFromSample } from '../../electron/services/scoring/criteria';
import { groupInputSchema } from '../../electron/ipc/contract';
import { e2eOffices, type Office } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { DEPUTY, groupInput, LEADER, MEMBER } from '../helpers/units';

const offices = e2eOffices('thidua-self-assessment-');
let unit: Office;

beforeAll(async () => {
  unit = await offices.office('unit', LEADER);
  const group = saveGroup(unit.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: 'a'.repeat(32), [DEPUTY.code]: 'b'.repeat(32) })));
  startFromSample(unit.ws, group.id);
});

describe('the Tự chấm điểm screen in Chromium', () => {
  it('scores, refuses beside the box, attaches evidence through the browser’s chooser, and lists the gaps before export', async () => {
    const { page } = unit;
    await page.goto(unit.url);
    await page.getByRole('button', { name: 'Tự chấm điểm' }).click();
    const box = page.getByLabel('Tự chấm: Xử lý văn bản trái pháp luật phát hiện qua kiểm tra');
    await box.fill('4,5');
    await expect.poll(() => page.getByLabel('Tổng điểm').textContent()).toContain('Tổng điểm: 4,5/200');
    await page.getByLabel('Tự chấm: Báo cáo công tác tư pháp năm', { exact: true }).fill('2');
    await page.getByLabel('Tự chấm: Rà soát, hệ thống hóa văn bản quy phạm pháp luật kỳ 2024–2028 theo kế hoạch').selectOption('yes');
    await page.getByLabel('Giải trình: Xử lý văn bản trái pháp luật phát hiện qua kiểm tra').fill('Đã xử lý 9/10 văn bản trái pháp luật phát hiện qua kiểm tra.');
    const scan = path.join(offices.work, 'Bao cao xu ly van ban.pdf');
    fs.writeFileSync(scan, '%PDF-1.4 minh chứng');
    const chooser = page.waitForEvent('filechooser');
    await page.getByLabel('Đính kèm minh chứng: Xử lý văn bản trái pháp luật phát hiện qua kiểm tra').click();
    await (await chooser).setFiles(scan);
    await expect.poll(() => page.getByLabel('Minh chứng: Xử lý văn bản trái pháp luật phát hiện qua kiểm tra', { exact: true }).textContent()).toContain('Bao cao xu ly van ban.pdf');
    await page.getByLabel('Tự chấm: Có cán bộ, công chức bị xử lý kỷ luật trong năm').fill('12');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Điểm trừ 12 của mục 2 vượt quá mức trừ tối đa 10 điểm.');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Đã lưu');
    // The totals bar sticks to the top while the table scrolls: shot from the top, where it sits in its place.
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, '40-tu-cham-diem');
    await page.getByLabel('Tự chấm: Có cán bộ, công chức bị xử lý kỷ luật trong năm').fill('1');
    await page.getByRole('button', { name: 'Ký và xuất gói' }).click();
    const gaps = page.getByRole('alertdialog', { name: 'Bảng tự chấm điểm còn thiếu' });
    await expect.poll(() => gaps.textContent()).toContain('tiêu chí chưa chấm');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, '41-tu-cham-diem-con-thieu');
  });
});
