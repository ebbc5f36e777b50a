import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { itemsFor, valueTypeOf } from '../../electron/services/scoring/rules';
import { sampleTable } from '../../electron/services/scoring/sample';
import { readZip } from '../helpers/zip';
import { shot } from '../helpers/screens';
import { groupInput, LEADER, MEMBER } from '../helpers/units';
import { download, downloadAll, e2eOffices, importFiles, joinByKickoff, nav, type Office } from '../helpers/offices';

/**
 * The year's scoring in Chromium, two data folders each behind its own browser shell: the leader
 * starts the criteria table from the sample and sends it in the kickoff → the member scores every item
 * (one refused above its maximum), attaches a Word file as evidence and exports the signed bundle →
 * the leader verifies item by item (one score lowered, with its reason), opens the evidence, finishes,
 * ranks and sends the verified scores in the receipt → the member sees where its score changed and why.
 */

const offices = e2eOffices('thidua-scoring-');
const table = sampleTable(2022);
const items = itemsFor(table, MEMBER.kind);
const LOWERED = items.find((n) => n.id === 'a1.1')!;
const OVER = items.find((n) => n.id === 'a2.2.2')!;
const BONUS = items.find((n) => n.role === 'bonus')!;
const REASON = 'Sổ công văn đi ghi ngày gửi 18/7/2022, chậm 3 ngày so với hạn.';
// A real Word document from the office seeds, under the name a person gives it.
const EVIDENCE = path.join(offices.work, 'Báo cáo 6 tháng đầu năm 2022.docx');

let leader: Office;
let member: Office;

describe('the year’s scoring in Chromium with two data folders', () => {
  let kickoff = '';
  let selfAssessment = '';
  let receipt = '';

  it('the leader starts the criteria table from the sample, sees it checked, and sends it in the kickoff', async () => {
    fs.copyFileSync(path.resolve('tests/fixtures/plans/seed-000-libreoffice.docx'), EVIDENCE);
    member = await offices.office('member', MEMBER);
    leader = await offices.office('leader', LEADER);
    // The leader's group pins the member's key, read over the phone (the group screen has its own test).
    saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId })));
    const { page } = leader;
    await page.goto(leader.url);
    await nav(page, 'Bảng tiêu chí');
    await page.getByRole('button', { name: 'Bắt đầu từ bảng mẫu' }).click();
    await expect.poll(() => page.getByText('Kiểm tra bảng: điểm các nhóm cộng đúng, số thứ tự đúng.').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Tổng điểm theo loại đơn vị' }).innerText()).toContain('200');

    await nav(page, 'Kế hoạch năm');
    kickoff = await download(page, 'Phát hành gói khởi động', offices.usb);
    await expect.poll(() => page.getByText(/Đã ký và phát hành gói khởi động số 1/).count()).toBe(1);
    await nav(page, 'Bảng tiêu chí');
    await expect.poll(() => page.getByText(/Phiên bản 1 đã gửi trong gói khởi động/).count()).toBe(1);
  });

  it('the member joins by the kickoff, scores every item (one refused above its maximum), attaches evidence, and exports', async () => {
    const { page } = member;
    await page.goto(member.url);
    await joinByKickoff(member, kickoff, leader);

    await nav(page, 'Tự chấm điểm');
    const total = page.getByLabel('Tổng điểm');
    await expect.poll(() => total.textContent()).toContain('Tổng điểm: 0/200');
    await expect.poll(() => total.textContent()).toContain(`Đã chấm 0/${items.length} tiêu chí`);

    // Above its maximum: refused beside the box, in Vietnamese, and not counted.
    const over = page.getByLabel(`Tự chấm: ${OVER.content}`, { exact: true });
    await over.fill('6');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Điểm 6 của mục 2.2 vượt quá điểm chuẩn 5.');
    expect(await over.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => total.textContent()).toContain('Tổng điểm: 0/200');
    await over.fill('4,5');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => total.textContent()).toContain('Tổng điểm: 4,5/200');

    // Every other item: on time, fully achieved, done; one bonus; no deduction.
    for (const node of items.filter((n) => n !== OVER)) {
      const box = page.getByLabel(`Tự chấm: ${node.content}`, { exact: true });
      const kind = valueTypeOf(node.rule ?? { type: 'manual' });
      if (kind === 'done') await box.selectOption('yes');
      else await box.fill(kind === 'days_late' ? '0' : kind === 'percent' ? '100' : node.role === 'standard' ? String(node.max) : node === BONUS ? '2' : '0');
    }
    // The standard items reach 199,5 of 200 (4,5 of 5 where refused first), the bonus adds 2.
    await expect.poll(() => total.textContent()).toContain('Tổng điểm: 201,5/200');
    expect(await total.textContent()).toContain('Điểm thưởng +2');
    expect(await total.textContent()).toContain(`Đã chấm ${items.length}/${items.length} tiêu chí`);
    expect(await page.getByLabel(`Điểm: ${LOWERED.content}`, { exact: true }).textContent()).toBe('2');

    const chooser = page.waitForEvent('filechooser');
    await page.getByLabel(`Đính kèm minh chứng: ${LOWERED.content}`, { exact: true }).click();
    await (await chooser).setFiles(EVIDENCE);
    await expect.poll(() => page.getByLabel(`Minh chứng: ${LOWERED.content}`, { exact: true }).textContent()).toContain(path.basename(EVIDENCE));
    await page.getByLabel(`Giải trình: ${LOWERED.content}`, { exact: true }).fill('Gửi đúng hạn theo Công văn số 125/STP-VP.');

    // The other items lack their evidence and the signed scan is not attached: listed, then sent as it is.
    await page.getByRole('button', { name: 'Ký và xuất gói' }).click();
    const gaps = page.getByRole('alertdialog', { name: 'Bảng tự chấm điểm còn thiếu' });
    await expect.poll(() => gaps.textContent()).toContain(`${items.filter((n) => n.evidence_required).length - 1} tiêu chí bắt buộc có minh chứng nhưng chưa đính kèm`);
    expect(await gaps.textContent()).not.toContain('chưa chấm');
    selfAssessment = await download(page, 'Gửi như hiện có', offices.usb);
    await expect.poll(() => page.getByText(/Đã ký và xuất gói tự chấm điểm số \d+ \(phiên bản 1\)/).count()).toBe(1);
    // The evidence travels inside the signed bundle, byte for byte.
    const sha = crypto.createHash('sha256').update(fs.readFileSync(EVIDENCE)).digest('hex');
    const inside = (await readZip(selfAssessment)).find((e) => e.name === `data/evidence/${sha}.docx`);
    expect(inside?.data.equals(fs.readFileSync(EVIDENCE))).toBe(true);
  });

  it('the leader imports it, verifies item by item with a reason, opens the evidence, ranks, and sends the verified scores', async () => {
    const { page } = leader;
    const results = await importFiles(page, [selfAssessment]);
    await expect.poll(() => results.textContent()).toContain(`Đã nhận gói tự chấm điểm thi đua số 1 của ${MEMBER.name} (${MEMBER.code}): đã nhận bảng tự chấm điểm và minh chứng.`);

    await nav(page, 'Thẩm định điểm');
    const progress = page.getByRole('table', { name: 'Tiến độ thẩm định' });
    await expect.poll(() => progress.locator('tr', { hasText: MEMBER.name }).textContent()).toContain('Chưa thẩm định');
    await page.getByRole('button', { name: `Thẩm định ${MEMBER.name}` }).click();

    // The evidence opens: a Word file the browser cannot show is handed over as a download, the very bytes the member attached.
    const opened = page.waitForEvent('download');
    await page.getByRole('button', { name: `Mở ${path.basename(EVIDENCE)}` }).click();
    expect((await opened).suggestedFilename()).toBe(path.basename(EVIDENCE));
    const copy = path.join(offices.work, 'opened', path.basename(EVIDENCE));
    await (await opened).saveAs(copy);
    expect(fs.readFileSync(copy).equals(fs.readFileSync(EVIDENCE))).toBe(true);

    // Three days late: 1 point of 2, and the reason is required before saving.
    await page.getByLabel(`Thẩm định: ${LOWERED.content}`, { exact: true }).fill('3');
    await expect.poll(() => page.getByText('Khác điểm tự chấm: 2 → 1').count()).toBe(1);
    await page.getByLabel('Lý do mục 1').first().fill(REASON);
    await page.getByRole('button', { name: 'Giữ điểm tự chấm cho các mục chưa xem' }).click();
    await page.getByRole('button', { name: 'Đánh dấu đã thẩm định xong' }).click();
    await expect.poll(() => page.getByText('Đã đánh dấu thẩm định xong.').count()).toBe(1);
    expect(await page.locator('.sa-summary').textContent()).toContain('Thẩm định: 200,5 (chênh −1)');

    await page.getByRole('button', { name: '← Danh sách đơn vị' }).click();
    await expect.poll(() => progress.locator('tr', { hasText: MEMBER.name }).textContent()).toContain('Đã thẩm định xong');

    await nav(page, 'Xếp hạng');
    const ranking = page.getByRole('table', { name: 'Bảng xếp hạng thi đua' });
    const row = ranking.locator('tbody tr', { hasText: MEMBER.name });
    await expect.poll(() => row.textContent()).toContain('Đã thẩm định');
    // Ranked on the verified total, the member's own total beside it.
    expect(await row.locator('td').first().textContent()).toBe('1');
    expect(await row.textContent()).toContain('200,5tự chấm 201,5');

    await nav(page, 'Thẩm định điểm');
    receipt = (await downloadAll(page, 'Gửi kết quả thẩm định (1 đơn vị)', 1, offices.usb))[0]!;
    await expect.poll(() => page.getByText(/Đã lập 1 biên nhận mang kết quả thẩm định/).count()).toBe(1);
  });

  it('the member imports the receipt and sees its verified scores: the lowered item, the new score and the reason', async () => {
    const { page } = member;
    const results = await importFiles(page, [receipt]);
    await expect.poll(() => results.textContent()).toContain('Đã nhận');
    await nav(page, 'Tự chấm điểm');
    const panel = page.getByLabel('Kết quả chấm của Trưởng Khu vực/Cụm');
    await expect.poll(() => panel.count()).toBe(1);
    expect(await panel.textContent()).toContain(`${LEADER.name} đã chấm phiên bản 1`);
    expect(await panel.textContent()).toContain('200,5 điểm — đơn vị tự chấm 201,5 điểm (−1).');
    expect(await panel.locator('li').allTextContents()).toEqual([`Mục A.I.1 ${LOWERED.content}: 2 → 1. Lý do: ${REASON}`]);
    // Beside the item itself too, where the member scores it.
    expect(await page.getByRole('note').filter({ hasText: 'Trưởng Khu vực/Cụm chấm' }).allTextContents()).toEqual([`Trưởng Khu vực/Cụm chấm 1 (đơn vị tự chấm 2): ${REASON}`]);
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, '50-tu-cham-ket-qua-tham-dinh');
  });
});
