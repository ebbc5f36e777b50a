import { describe, expect, it } from 'vitest';
import { decideQuarantine, importBundleFile, listQuarantine } from '../../electron/services/bundles/importer';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { listGroups } from '../../electron/services/groups-calendar/groups';
import { criteriaView } from '../../electron/services/scoring/criteria';
import { e2eOffices } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { leaderPinning, makeUnit, MEMBER } from '../helpers/units';

const offices = e2eOffices('thidua-criteria-');

describe('the criteria table in Chromium', () => {
  it('the leader starts from the sample, breaks and fixes a group, saves and sends it; the member reads it', { timeout: 180_000 }, async () => {
    const leader = await leaderPinning({});
    const page = await offices.show(leader.ws);
    await page.getByRole('button', { name: 'Bảng tiêu chí' }).click();
    await page.getByRole('button', { name: 'Bắt đầu từ bảng mẫu' }).click();
    await expect.poll(() => page.getByText('Bảng mẫu', { exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'Sửa mục 1' }).first().click();
    const points = page.locator('.criteria-editor').getByLabel('Điểm chuẩn', { exact: true });
    await points.fill('3');
    await expect.poll(() => page.getByText('các mục cộng lại 21', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Lưu bảng tiêu chí' }).first().click();
    const error = page.getByRole('button', { name: 'Lỗi: Mục I có điểm chuẩn 20 nhưng các tiêu chí trong nhóm cộng lại 21.' });
    await expect.poll(() => error.count()).toBe(1);
    await shot(page, 'criteria-01-loi');
    await error.click();
    await page.getByRole('button', { name: 'Sửa mục 1' }).first().click();
    await page.locator('.criteria-editor').getByLabel('Điểm chuẩn', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Lưu bảng tiêu chí' }).first().click();
    await expect.poll(() => page.getByText('Kiểm tra bảng: điểm các nhóm cộng đúng, số thứ tự đúng.').count()).toBe(1);
    await shot(page, 'criteria-02-truong');
    await page.close();

    const sent = await publishKickoff(leader.ws, leader.group.id);
    expect(criteriaView(leader.ws, leader.group.id).published).toBe(true);

    const member = await makeUnit(MEMBER);
    expect((await importBundleFile(member.ws, { path: sent.path, name: 'khoi-dong.tdkt' })).status).toBe('quarantined');
    expect((await decideQuarantine(member.ws, listQuarantine(member.ws)[0]!.id, true)).status).toBe('accepted');
    const view = criteriaView(member.ws, listGroups(member.ws.db)[0]!.id);
    expect(view).toMatchObject({ editable: false, published: true });
    expect(view.table!.nodes[0]!.children[0]!.children[0]!.max).toBe(2);

    const reader = await offices.show(member.ws);
    await reader.getByRole('button', { name: 'Bảng tiêu chí' }).click();
    await expect.poll(() => reader.getByText(/Bảng do Trưởng Khu vực\/Cụm gửi trong gói khởi động/).count()).toBe(1);
    expect(await reader.getByRole('button', { name: /Lưu|Sửa mục/ }).count()).toBe(0);
    expect(await reader.getByRole('table', { name: 'Tổng điểm theo loại đơn vị' }).innerText()).toContain('200');
    await shot(reader, 'criteria-03-thanh-vien');
    await reader.close();
  });
});
