import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { groupInputSchema } from '../../electron/ipc/contract';
import { saveCouncil } from '../../electron/services/awards/council';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { councilMeeting, memberYear, YEAR } from '../helpers/dossiers';
import { download, e2eOffices, importFiles, nav } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER } from '../helpers/units';
import { readZip } from '../helpers/zip';

/**
 * The award round across two offices in Chromium, each behind its own browser shell: the member builds
 * its dossier for Cờ thi đua của Bộ Tư pháp, is refused export while the council minutes lack their
 * signed scan, attaches it and exports the signed bundle → the leader imports it, sees it on the
 * board, records the conference's suy tôn, and signs the bundle for the Ministry's council, which
 * carries the member's bundle byte for byte.
 */

const offices = e2eOffices('thidua-award-round-');
const DOSSIER = `${MEMBER.name} — Cờ thi đua của Bộ Tư pháp`;

async function attach(page: Page, part: string, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: `Đính kèm bản scan: ${part}`, exact: true }).click();
  await (await chooser).setFiles(file);
  await expect.poll(() => page.getByRole('list', { name: `Bản scan: ${part}`, exact: true }).textContent()).toContain(path.basename(file));
}

describe('the award round in Chromium with two data folders', () => {
  it('a dossier refused while a part lacks its scan, completed, exported; the leader records the vote and sends to the Ministry', { timeout: 240_000 }, async () => {
    const member = await memberYear();
    const leader = await makeUnit(LEADER);
    const deputy = await makeUnit(DEPUTY);
    const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId, [DEPUTY.code]: deputy.unit.keyId }, { year: YEAR, registrationDeadline: '2025-02-10' })));
    // The unit's council voted the unit for the flag, 9 of its 10 members.
    saveCouncil(member.ws, member.group.id, councilMeeting([{ nomineeId: member.unitId, award_code: 'CO_BTP', votes_for: 9 }]));
    const scan = path.join(offices.work, 'Ban ky dong dau.pdf');
    fs.writeFileSync(scan, '%PDF-1.4\n% bản scan đã ký, đóng dấu\n');

    // The member builds the dossier on its screen.
    const mp = await offices.show(member.ws);
    await nav(mp, 'Hồ sơ khen thưởng');
    await mp.getByLabel('Tìm người hoặc tập thể').fill('ha giang');
    await mp.getByLabel('Người hoặc tập thể được đề nghị').selectOption({ label: `${MEMBER.name} (Đơn vị)` });
    await mp.getByLabel('Danh hiệu, hình thức khen thưởng').selectOption({ label: 'Cờ thi đua của Bộ Tư pháp' });
    await mp.getByRole('button', { name: 'Lập hồ sơ' }).click();
    const detail = mp.getByRole('region', { name: DOSSIER });
    await detail.waitFor();
    const parts = (await detail.locator('.dossier-parts tbody tr td:first-child').allTextContents()).map((t) => t.replace(/ \(nếu có\)$/, ''));
    const minutes = parts.find((p) => /^Biên bản/.test(p))!;
    const others = parts.filter((p) => p !== minutes);
    expect(others.length).toBeGreaterThan(0);
    await detail.getByRole('button', { name: `Tạo văn bản: ${others[0]}` }).click();
    await expect.poll(() => detail.getByRole('button', { name: /^Mở .*\.docx để sửa$/ }).count()).toBeGreaterThan(0);
    for (const part of others) await attach(mp, part, scan);

    await mp.getByRole('button', { name: 'Ký và xuất gói hồ sơ' }).click();
    const refusal = mp.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toContain(MEMBER.name);
    expect((await refusal.textContent())!.toLowerCase()).toContain(minutes.toLowerCase());
    expect(await mp.locator('.dossier-list tbody tr').filter({ hasText: MEMBER.name }).textContent()).toContain('Còn thiếu');

    await attach(mp, minutes, scan);
    const bundle = await download(mp, 'Ký và xuất gói hồ sơ', offices.usb);
    await expect.poll(() => mp.getByRole('status').first().textContent()).toContain('Đã ký và xuất gói hồ sơ khen thưởng số 1 gồm 1 hồ sơ');

    // The leader imports it, sees it on the board, and records the conference.
    const lp = await offices.show(leader.ws);
    const results = await importFiles(lp, [bundle]);
    await expect.poll(() => results.textContent()).toContain('hồ sơ đề nghị khen thưởng');
    await nav(lp, 'Hội nghị suy tôn');
    const board = lp.getByRole('table', { name: 'Hồ sơ đề nghị khen thưởng của các đơn vị' });
    await expect.poll(() => board.textContent()).toContain('Cờ thi đua của Bộ Tư pháp');
    expect(await board.textContent()).toContain(MEMBER.name);

    await lp.getByLabel('Ngày Hội nghị').fill('10/12/2025');
    await lp.getByLabel('Chủ trì: họ tên').fill('Đặng Văn Bình');
    await lp.getByLabel('Chủ trì: chức vụ').fill('Giám đốc Sở Tư pháp tỉnh Tuyên Quang');
    await lp.getByLabel('Thư ký: họ tên').fill('Lê Thu Hà');
    await lp.getByLabel('Thư ký: chức vụ').fill('Chánh Văn phòng');
    if (!(await lp.getByLabel('Họ tên', { exact: true }).count())) await lp.getByRole('button', { name: 'Thêm thành viên Ban kiểm phiếu' }).click();
    await lp.getByLabel('Họ tên', { exact: true }).first().fill('Hoàng Văn Nam');
    await lp.getByRole('combobox', { name: /^Đơn vị/ }).first().selectOption({ label: DEPUTY.name });
    // The group's quy chế: two thirds of all its member units; three units, so 2 votes are needed.
    await lp.getByLabel('Tỷ lệ phiếu đồng ý: tử số').fill('2');
    await lp.getByLabel('Mẫu số (3 cho 2/3, 100 cho %)').fill('3');
    await lp.getByLabel(`Số phiếu đồng ý của ${MEMBER.name}`).fill('3');
    await lp.getByRole('button', { name: 'Ghi kết quả suy tôn' }).click();
    const result = lp.getByRole('table', { name: 'Kết quả suy tôn' });
    await expect.poll(() => result.textContent()).toContain('Được suy tôn');
    expect(await result.textContent()).toContain('3/3 (100 %)');
    // The calendar's step to the Ministry now has its deadline: five days after the conference.
    await expect.poll(() => lp.getByText(/Hạn gửi Hội đồng Thi đua - Khen thưởng ngành Tư pháp: 15\/12\/2025/).count()).toBe(1);
    await shot(lp, 'award-round-conference');

    const ministry = await download(lp, 'Lập gói gửi Bộ (kèm nguyên gói hồ sơ của đơn vị được suy tôn)', path.join(offices.usb, 'bo'));
    expect((await verifyBundleFile(ministry, bundleKinds)).header.kind).toBe('award_submission');
    const inner = (await readZip(ministry)).filter((e) => e.name.startsWith('data/bundles/'));
    expect(inner.map((e) => e.data.equals(fs.readFileSync(bundle)))).toEqual([true]);
    expect(group.members).toHaveLength(3);
  });
});
