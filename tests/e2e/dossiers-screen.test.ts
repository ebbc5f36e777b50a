import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { saveStaff } from '../../electron/services/registration/staff';
import { listNominees, saveYearFacts } from '../../electron/services/awards/history';
import { saveCouncil } from '../../electron/services/awards/council';
import { groupInputSchema } from '../../electron/ipc/contract';
import { e2eOffices, nav, type Office } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { held, proposed, year } from '../helpers/awards';
import { councilMeeting, group2025 } from '../helpers/dossiers';
import { DEPUTY, LEADER, MEMBER } from '../helpers/units';

const offices = e2eOffices('thidua-e2e-dossiers-');
let member: Office;

beforeAll(async () => {
  member = await offices.office('member', MEMBER);
  const group = saveGroup(member.ws, groupInputSchema.parse(group2025({ [LEADER.code]: 'a'.repeat(32), [DEPUTY.code]: 'b'.repeat(32) })));
  saveStaff(member.ws, { fullName: 'Nguyễn Thị Hương', birthYear: 1980, gender: 'nu', position: 'Trưởng phòng', department: 'Phòng Hành chính tư pháp', allowDuplicate: false });
  saveStaff(member.ws, { fullName: 'Lò Văn Hải', birthYear: 1978, gender: 'nam', position: 'Chuyên viên', department: 'Văn phòng', allowDuplicate: false });
  const huong = listNominees(member.ws, 'nguyen thi huong')[0]!;
  saveYearFacts(member.ws, huong.id, year(2024, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [held('LDTT', 2024)] }));
  saveYearFacts(member.ws, huong.id, year(2025, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [proposed('LDTT')] }));
  const unit = listNominees(member.ws, '', 'unit')[0]!;
  // The unit's council voted both: 8 of 10 for her, 6 of 10 for the unit.
  saveCouncil(member.ws, group.id, councilMeeting([{ nomineeId: huong.id, award_code: 'CSTDCS', votes_for: 8 }, { nomineeId: unit.id, award_code: 'TTLDXS', votes_for: 6 }]));
});

/** Attaches a scanned PDF to a part of the open dossier through the browser's own file chooser. */
async function attach(page: Page, part: string, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: `Đính kèm bản scan: ${part}`, exact: true }).click();
  await (await chooser).setFiles(file);
  await expect.poll(() => page.getByRole('list', { name: `Bản scan: ${part}`, exact: true }).textContent()).toContain(path.basename(file));
}

/** Picks a nominee found by typing without marks and an award of its scope, and makes the dossier. */
async function create(page: Page, search: string, nominee: string, award: string, notOffered: string) {
  await page.getByLabel('Tìm người hoặc tập thể').fill(search);
  const who = page.getByLabel('Người hoặc tập thể được đề nghị');
  await expect.poll(() => who.locator('option').allTextContents()).toEqual(['— Chọn —', nominee]);
  await who.selectOption({ label: nominee });
  const awards = await page.getByLabel('Danh hiệu, hình thức khen thưởng').locator('option').allTextContents();
  expect(awards).toContain(award);
  expect(awards).not.toContain(notOffered);
  await page.getByLabel('Danh hiệu, hình thức khen thưởng').selectOption({ label: award });
  await page.getByRole('button', { name: 'Lập hồ sơ' }).click();
}

const rowOf = (page: Page, name: string) => page.locator('.dossier-list tbody tr').filter({ hasText: name });

describe('the member’s Hồ sơ khen thưởng screen in Chromium', () => {
  it('builds two dossiers, is refused export while a part lacks its scan, completes them and exports the bundle', async () => {
    const { page } = member;
    await page.goto(member.url);
    await nav(page, 'Hồ sơ khen thưởng');
    // A person: individual awards only; the unit: collective ones only.
    await create(page, 'huong', 'Nguyễn Thị Hương — Trưởng phòng, Phòng Hành chính tư pháp', 'Chiến sĩ thi đua cơ sở', 'Tập thể lao động xuất sắc');
    await page.getByRole('region', { name: 'Nguyễn Thị Hương — Chiến sĩ thi đua cơ sở' }).waitFor();
    await create(page, 'ha giang', 'Sở Tư pháp tỉnh Hà Giang (Đơn vị)', 'Tập thể lao động xuất sắc', 'Chiến sĩ thi đua cơ sở');
    await page.getByRole('region', { name: 'Sở Tư pháp tỉnh Hà Giang — Tập thể lao động xuất sắc' }).waitFor();
    // The unit first; each with its council's vote on the total membership.
    expect(await page.locator('.dossier-list tbody tr td:first-child').allTextContents()).toEqual(['Sở Tư pháp tỉnh Hà Giang', 'Nguyễn Thị HươngPhòng Hành chính tư pháp']);
    expect(await rowOf(page, 'Nguyễn Thị Hương').textContent()).toContain('Đạt tỷ lệ8/10 thành viên đồng ý');
    expect(await rowOf(page, 'Sở Tư pháp tỉnh Hà Giang').textContent()).toContain('Không đạt tỷ lệ6/10 thành viên đồng ý');

    await page.getByRole('button', { name: 'Mở hồ sơ: Nguyễn Thị Hương — Chiến sĩ thi đua cơ sở' }).click();
    const detail = page.getByRole('region', { name: 'Nguyễn Thị Hương — Chiến sĩ thi đua cơ sở' });
    await detail.getByLabel('Thành tích đạt được').fill('Năm 2025 hoàn thành xuất sắc nhiệm vụ; chủ trì xây dựng Sổ tay hòa giải ở cơ sở.');
    await detail.getByRole('button', { name: 'Lưu thành tích' }).click();
    await expect.poll(() => detail.getByRole('status').textContent()).toBe('Đã lưu');
    expect(await detail.getByLabel('Hội đồng Thi đua – Khen thưởng').textContent()).toContain('8/10 thành viên đồng ý, đạt tỷ lệ');

    // Every part the catalogue requires, each with its form; the tờ trình generated as DOCX, offered to open.
    const parts = (await detail.locator('.dossier-parts tbody tr td:first-child').allTextContents()).map((t) => t.replace(/ \(nếu có\)$/, ''));
    expect(parts.length).toBeGreaterThan(1);
    const letter = parts.find((p) => /^Tờ trình/.test(p))!;
    await detail.getByRole('button', { name: `Tạo văn bản: ${letter}` }).click();
    await expect.poll(() => detail.getByRole('button', { name: /^Mở .*\.docx để sửa$/ }).count()).toBeGreaterThan(0);
    expect(await detail.getByRole('button', { name: `Tạo văn bản: ${letter}` }).textContent()).toBe('Tạo lại văn bản');

    // One signed tờ trình covers both dossiers.
    const scan = path.join(offices.work, 'To trinh da ky.pdf');
    fs.writeFileSync(scan, '%PDF-1.4 bản scan đã ký, đóng dấu');
    await detail.getByLabel(/^Đính kèm cho mọi hồ sơ năm 2025 có thành phần này$/).first().check();
    await attach(page, letter, scan);
    await expect.poll(() => rowOf(page, 'Sở Tư pháp tỉnh Hà Giang').textContent()).not.toContain(letter);

    await page.getByRole('button', { name: 'Ký và xuất gói hồ sơ' }).click();
    const refusal = page.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toContain('Nguyễn Thị Hương');
    expect(await refusal.textContent()).toContain('Sở Tư pháp tỉnh Hà Giang');
    // Every required part still lacking its scan is named, as the sentence reads them (in lower case); the optional ones are not.
    const required = await detail.locator('.dossier-parts tbody tr').filter({ hasText: 'Còn thiếu' }).locator('td:first-child').allTextContents();
    expect(required.length).toBeGreaterThan(0);
    for (const part of required) expect((await refusal.textContent())!.toLowerCase()).toContain(part.toLowerCase());
    for (const part of parts.filter((p) => p !== letter && !required.includes(p))) expect((await refusal.textContent())!.toLowerCase()).not.toContain(part.toLowerCase());
    expect(await rowOf(page, 'Nguyễn Thị Hương').textContent()).toContain('Còn thiếu:');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'dossiers-refused');

    for (const part of required) await attach(page, part, scan);
    await expect.poll(() => rowOf(page, 'Nguyễn Thị Hương').textContent()).toContain('Đủ hồ sơ');
    await page.getByRole('button', { name: 'Mở hồ sơ: Sở Tư pháp tỉnh Hà Giang — Tập thể lao động xuất sắc' }).click();
    const unitDetail = page.getByRole('region', { name: 'Sở Tư pháp tỉnh Hà Giang — Tập thể lao động xuất sắc' });
    for (const part of await unitDetail.locator('.dossier-parts tbody tr').filter({ hasText: 'Còn thiếu' }).locator('td:first-child').allTextContents()) await attach(page, part, scan);
    await expect.poll(() => rowOf(page, 'Sở Tư pháp tỉnh Hà Giang').textContent()).toContain('Đủ hồ sơ');

    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Ký và xuất gói hồ sơ' }).click();
    expect((await downloaded).suggestedFilename()).toMatch(/\.tdkt$/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã ký và xuất gói hồ sơ khen thưởng số 1 gồm 2 hồ sơ');
    for (const name of ['Nguyễn Thị Hương', 'Sở Tư pháp tỉnh Hà Giang']) expect(await rowOf(page, name).textContent()).toContain('Đã gửi phiên bản 1');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'dossiers-exported');
  });
});
