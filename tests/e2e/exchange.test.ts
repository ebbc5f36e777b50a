import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SetClock } from '../../electron/services/workspace/clock';
import { listGroups, saveGroup } from '../../electron/services/groups-calendar/groups';
import { saveStaff } from '../../electron/services/registration/staff';
import { saveRegistration } from '../../electron/services/registration/registration';
import { groupInputSchema } from '../../electron/ipc/contract';
import { splitBundle } from '../../electron/services/bundles/parts';
import { readZip } from '../helpers/zip';
import { download, downloadAll, e2eOffices, importFiles, joinByKickoff, nav, type Office } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { DEPUTY, LEADER, MEMBER } from '../helpers/units';
import { GATHERED, gatheredGroup } from '../helpers/consolidated';

/**
 * The year's exchange in Chromium, four data folders (leader, deputy, a member, a member the deputy
 * gathers) each behind its own browser shell: kickoff → the key confirmed by fingerprint → the home
 * screen of deadlines → registration → receipt → "đã được tiếp nhận" → the leader's status board; then
 * the gathered member's registration → the deputy → one consolidated bundle → the leader, who credits
 * the member with the day the deputy received it → receipts back to the deputy and the member.
 */

// Two days before the registration deadline (10/02/2022) in every office.
const clock = new SetClock('2022-02-08T02:00:00.000Z');
const offices = e2eOffices('thidua-exchange-', { clock });
// Where every download lands and every import is picked from.
const usb = offices.usb;

/** Sets the day in every office at once: they share one clock. */
const on = (isoDate: string) => clock.set(`${isoDate}T02:00:00.000Z`);

/** The unit's registration (kept by the service, as the registration tests type it), signed and exported from its screen. */
async function registerAndExport({ page, ws, unit }: Office, documentDate: string): Promise<string> {
  const [group] = listGroups(ws.db);
  const a = saveStaff(ws, { fullName: 'Nguyễn Thị Hương', birthYear: 1980, gender: 'nu', position: 'Phó Giám đốc', department: 'Ban Giám đốc' });
  saveRegistration(ws, {
    groupId: group!.id,
    numberSymbol: '05/ĐK-STP',
    place: unit.province,
    documentDate,
    signerAuthority: '',
    signerTitle: 'Giám đốc',
    signerName: 'Đặng Văn Bình',
    recipients: ['Như trên', 'Lưu: VT'],
    collective: [{ titleCode: 'TTLDXS', note: '' }],
    individuals: [{ staffId: a.id, titleCode: 'CSTDCS' }],
    commitments: [{ kind: 'key_task', content: 'Hoàn thành 100% nhiệm vụ thẩm định văn bản đúng hạn.' }],
  });
  await nav(page, 'Đăng ký thi đua');
  const file = await download(page, 'Ký và xuất gói hồ sơ…', usb);
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã ký và xuất gói đăng ký số');
  return file;
}

let leader: Office;
let deputy: Office;
let member: Office;
let gathered: Office;

beforeAll(async () => {
  member = await offices.office('member', MEMBER);
  deputy = await offices.office('deputy', DEPUTY);
  gathered = await offices.office('gathered', GATHERED);
  leader = await offices.office('leader', LEADER);
  // The leader's group, with the keys it confirmed by phone; the plan is the template of the year.
  // The Cục THADS of Hà Giang sends through the deputy, as in the seeds.
  const pins = { [MEMBER.code]: member.unit.keyId, [DEPUTY.code]: deputy.unit.keyId, [GATHERED.code]: gathered.unit.keyId };
  saveGroup(leader.ws, groupInputSchema.parse(gatheredGroup(pins)));
  // Opened once each office is ready, so the app's first look finds its group.
  for (const o of [member, deputy, gathered, leader]) await o.page.goto(o.url);
});

describe('the year’s exchange in Chromium with four data folders', () => {
  let kickoff = '';
  let kickoffReceipt = '';
  let registration = '';
  let receipt = '';

  it('the leader publishes the kickoff from the plan of the year', async () => {
    const { page } = leader;
    await nav(page, 'Kế hoạch năm');
    kickoff = await download(page, 'Phát hành gói khởi động', usb);
    await expect.poll(() => page.getByText(/Đã ký và phát hành gói khởi động số 1/).count()).toBe(1);
    expect(path.extname(kickoff)).toBe('.tdkt');
  });

  it('a member with no group imports it, confirms the leader’s fingerprint, and sees its deadlines', async () => {
    const { page } = member;
    // Before the kickoff the home screen says where the group comes from.
    expect(await page.locator('main').innerText()).toContain('Nhận gói khởi động năm do Trưởng Khu vực/Cụm gửi ở mục “Nhận gói”');
    const results = await importFiles(page, [kickoff]);
    await expect.poll(() => results.textContent()).toContain('Chờ xác nhận khóa');
    // What the member reads over the phone is the leader's own key card.
    const panel = page.getByRole('region', { name: 'Chờ xác nhận khóa ký' });
    expect(await panel.locator('.fingerprint').textContent()).toBe(leader.unit.fingerprint);
    expect(await panel.textContent()).toContain(LEADER.name);
    await shot(page, '20-nhan-goi-cho-xac-nhan');
    await panel.getByRole('button', { name: 'Xác nhận khóa và nhận gói' }).click();
    await expect.poll(() => results.textContent()).toContain('Đã nhận gói khởi động năm số 1');
    // The group arrived without typing it.
    await expect.poll(() => page.getByLabel('Khu vực/Cụm đang làm việc').locator('option:checked').textContent()).toBe('KVTD-MNPB năm 2022 — Thành viên');

    // A receipt goes back for the kickoff too: written and downloaded in one click.
    const started = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Ghi biên nhận cho 1 gói đã nhận' }).click();
    kickoffReceipt = path.join(usb, (await started).suggestedFilename());
    await (await started).saveAs(kickoffReceipt);
    await expect.poll(() => page.locator('.notice').textContent()).toContain(`Đã ký 1 biên nhận (gửi ${LEADER.code}). Đã tải 1 tệp về thư mục Tải xuống của trình duyệt`);
    await shot(page, '21-nhan-goi-bien-nhan');

    await nav(page, 'Việc cần làm');
    const table = page.getByRole('table', { name: 'Việc cần gửi và thời hạn' });
    const row = table.locator('tr', { hasText: 'Đăng ký thi đua' }).first();
    await expect.poll(() => row.textContent()).toContain('10/02/2022');
    expect(await row.textContent()).toContain('Còn 2 ngày (hạn 10/02/2022).');
    expect(await row.textContent()).toContain(LEADER.name);
    expect(await row.textContent()).toContain('Chưa gửi');
    expect(await page.getByRole('note', { name: 'Việc gần nhất' }).textContent()).toContain('Việc gần nhất: Đăng ký thi đua');
    await shot(page, '22-viec-can-lam');
  });

  it('the member registers and exports through the registration screen', async () => {
    registration = await registerAndExport(member, '2022-02-07');
  });

  let lastPart = '';
  it('the registration comes by mail in parts: those that came first are held, the missing one named', async () => {
    const { page } = leader;
    const parts = await splitBundle(registration, 6 * 1024, path.join(offices.work, 'mail'), leader.ws.kinds);
    expect(parts.length).toBeGreaterThan(2);
    lastPart = parts.pop()!;
    const results = await importFiles(page, parts);
    const n = parts.length + 1;
    await expect.poll(() => results.textContent()).toContain(`Còn thiếu phần ${n}/${n}`);
    const waiting = page.getByRole('region', { name: 'Gói đang chờ đủ phần' });
    expect(await waiting.textContent()).toContain(`Đã có ${n - 1}/${n} phần, còn thiếu phần ${n}/${n}; phần gần nhất nhận ngày`);
    await shot(page, '22b-goi-cho-du-phan');
  });

  it('the leader imports the last part with the kickoff’s receipt, and writes the registration’s receipt', async () => {
    const { page } = leader;
    const results = await importFiles(page, [lastPart, kickoffReceipt]);
    await expect.poll(() => results.locator('li').count()).toBe(2);
    await expect.poll(() => page.getByRole('region', { name: 'Gói đang chờ đủ phần' }).count()).toBe(0);
    expect(await page.getByRole('status', { name: 'Tóm tắt kết quả nhập' }).textContent()).toBe('Đã nhận 2 · Chờ xác nhận 0 · Từ chối 0');
    expect(await results.textContent()).toContain(`Đã nhận gói đăng ký thi đua số`);
    expect(await results.textContent()).toContain('biên nhận');
    // The receipt that came in is owed none: one receipt to write, for the registration.
    const started = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Ghi biên nhận cho 1 gói đã nhận' }).click();
    receipt = path.join(usb, (await started).suggestedFilename());
    await (await started).saveAs(receipt);
    await expect.poll(() => page.locator('.notice').textContent()).toContain(`Đã ký 1 biên nhận (gửi ${MEMBER.code}).`);
    expect(path.basename(receipt)).toMatch(/^bien-nhan-2022-STP-TQ-gui-STP-HG/);
    await shot(page, '23-truong-nhan-goi');
  });

  it('the member imports the receipt and its home screen says the registration was received', async () => {
    const { page } = member;
    const results = await importFiles(page, [receipt]);
    await expect.poll(() => results.textContent()).toContain('Đã nhận');
    // Nothing to acknowledge for a receipt.
    expect(await page.getByRole('button', { name: /Ghi biên nhận/ }).count()).toBe(0);
    await nav(page, 'Việc cần làm');
    const row = page.getByRole('table', { name: 'Việc cần gửi và thời hạn' }).locator('tr', { hasText: 'Đăng ký thi đua' }).first();
    await expect.poll(() => row.textContent()).toContain(`Đã được ${LEADER.name} tiếp nhận ngày 08/02/2022.`);
    expect(await row.textContent()).toContain('Đã gửi ngày 08/02/2022, đúng hạn.');
    expect(await row.textContent()).toMatch(/Ngày 08\/02\/2022 · gói số \d+/);
    await shot(page, '24-viec-can-lam-da-tiep-nhan');
  });

  it('the leader’s board shows the member on time, prints it and exports it', async () => {
    const { page } = leader;
    await nav(page, 'Theo dõi');
    const board = page.getByRole('table', { name: 'Bảng theo dõi gửi hồ sơ' });
    const head = await board.locator('thead th').allTextContents();
    const column = head.findIndex((t) => t.startsWith('Đăng ký thi đua'));
    expect(column).toBeGreaterThan(0);
    const memberRow = board.locator('tbody tr', { hasText: MEMBER.name });
    await expect.poll(() => memberRow.locator('th, td').nth(column).textContent()).toContain('Đúng hạn: 08/02/2022');
    // The deputy has sent nothing yet; its deadline has not passed.
    expect(await board.locator('tbody tr', { hasText: DEPUTY.name }).locator('th, td').nth(column).textContent()).toContain('Chưa đến hạn');
    await shot(page, '25-theo-doi');

    await page.getByLabel('Loại đơn vị').selectOption('thads');
    await expect.poll(() => board.locator('tbody tr').count()).toBe(2);
    expect(await board.locator('tbody').textContent()).toContain(DEPUTY.name);
    expect(await board.locator('tbody').textContent()).toContain(GATHERED.name);
    await page.getByLabel('Loại đơn vị').selectOption('all');

    const docx = await download(page, 'In (DOCX)', usb);
    const xml = (await readZip(docx)).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    expect(xml).toContain(MEMBER.name);
    const xlsx = await download(page, 'Xuất Excel (.xlsx)', usb);
    expect(path.extname(xlsx)).toBe('.xlsx');
  });

  it('the deputy imports the same kickoff, confirms the leader, and sees its own board', async () => {
    const { page } = deputy;
    await joinByKickoff(deputy, kickoff, leader);
    await nav(page, 'Theo dõi');
    const board = page.getByRole('table', { name: 'Bảng theo dõi gửi hồ sơ' });
    await expect.poll(() => board.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await board.locator('tbody').textContent()).toContain(DEPUTY.name);
    await shot(page, '26-theo-doi-pho-truong');
  });
  // The Cục THADS of Hà Giang sends through the deputy: a day later, the deputy forwards after the deadline.
  let gatheredRegistration = '';
  let deputyReceipt = '';
  let consolidated = '';
  let leaderReceipts: string[] = [];

  it('a member the deputy gathers joins by the kickoff and sends its registration to the deputy', async () => {
    const { page } = gathered;
    on('2022-02-09');
    await joinByKickoff(gathered, kickoff, leader);
    await nav(page, 'Việc cần làm');
    const row = page.getByRole('table', { name: 'Việc cần gửi và thời hạn' }).locator('tr', { hasText: 'Đăng ký thi đua' }).first();
    await expect.poll(() => row.textContent()).toContain('Còn 1 ngày (hạn 10/02/2022).');
    await shot(page, '27-viec-can-lam-don-vi-qua-pho-truong');
    gatheredRegistration = await registerAndExport(gathered, '2022-02-09');
  });

  it('the deputy imports it, writes its receipt, and forwards one consolidated bundle from its desk', async () => {
    const { page } = deputy;
    const results = await importFiles(page, [gatheredRegistration]);
    await expect.poll(() => results.textContent()).toContain('Đã nhận gói đăng ký thi đua số 1');
    deputyReceipt = (await downloadAll(page, 'Ghi biên nhận cho 1 gói đã nhận', 1, usb))[0]!;
    await expect.poll(() => page.locator('.notice').textContent()).toContain(`Đã ký 1 biên nhận (gửi ${GATHERED.code}).`);

    // Two days later, past the deadline: the member is still credited with the day the deputy received it.
    on('2022-02-11');
    await nav(page, 'Tiếp nhận và tổng hợp');
    const forward = page.locator('section', { has: page.getByRole('heading', { name: 'Chuyển gói cho Trưởng Khu vực/Cụm' }) });
    expect(await forward.textContent()).toContain(`Phó Trưởng tổng hợp 1 đơn vị: ${GATHERED.name}.`);
    const matrix = page.getByRole('table', { name: 'Ma trận tiếp nhận' });
    await expect.poll(() => matrix.locator('tr', { hasText: GATHERED.name }).textContent()).toContain('09/02/2022');
    consolidated = await download(page, 'Xuất gói tổng hợp gửi Trưởng', usb);
    // Numbered in the deputy's own sequence of bundles, after its receipt.
    await expect.poll(() => forward.textContent()).toContain(
      'Đã ký gói tổng hợp số 2 cho mốc “Tổng hợp đăng ký thi đua năm 2022 của các Cục Thi hành án dân sự thành viên Khu vực thi đua” (hạn 15/02/2022), chuyển nguyên 1 gói của đơn vị thành viên cho Trưởng.',
    );
    expect(path.basename(consolidated)).toMatch(/\.tdkt$/);
    await shot(page, '28-pho-truong-chuyen-goi');
  });

  it('the leader imports the consolidated bundle, credits the member with 09/02, and writes both receipts', async () => {
    const { page } = leader;
    const results = await importFiles(page, [consolidated]);
    await expect.poll(() => results.textContent()).toContain(`Đã nhận gói tổng hợp số 2 của ${DEPUTY.name} (${DEPUTY.code})`);
    expect(await results.textContent()).toContain(`${GATHERED.name} (${GATHERED.code}), gói đăng ký thi đua số 1: 1 bản đăng ký mới`);
    await shot(page, '29-truong-nhan-goi-tong-hop');
    // One bundle came in; the deputy and the member each get their own receipt.
    leaderReceipts = await downloadAll(page, 'Ghi biên nhận cho 1 gói đã nhận', 2, usb);
    await expect.poll(() => page.locator('.notice').textContent()).toMatch(new RegExp(`Đã ký 2 biên nhận \\(gửi (${DEPUTY.code}, ${GATHERED.code}|${GATHERED.code}, ${DEPUTY.code})\\)`));

    await nav(page, 'Theo dõi');
    const board = page.getByRole('table', { name: 'Bảng theo dõi gửi hồ sơ' });
    const column = (await board.locator('thead th').allTextContents()).findIndex((t) => t.startsWith('Đăng ký thi đua'));
    const cell = board.locator('tbody tr', { hasText: GATHERED.name }).locator('th, td').nth(column);
    await expect.poll(() => cell.textContent()).toContain('Đúng hạn: 09/02/2022');
    await shot(page, '30-theo-doi-qua-pho-truong');
  });

  it('the gathered member imports the receipts and its home screen says the registration was received', async () => {
    const { page } = gathered;
    const results = await importFiles(page, [deputyReceipt, ...leaderReceipts.filter((f) => f.includes(`gui-${GATHERED.code}`))]);
    await expect.poll(() => results.locator('li').count()).toBe(2);
    expect(await page.getByRole('status', { name: 'Tóm tắt kết quả nhập' }).textContent()).toBe('Đã nhận 2 · Chờ xác nhận 0 · Từ chối 0');
    await nav(page, 'Việc cần làm');
    const row = page.getByRole('table', { name: 'Việc cần gửi và thời hạn' }).locator('tr', { hasText: 'Đăng ký thi đua' }).first();
    await expect.poll(() => row.textContent()).toContain('tiếp nhận ngày');
    expect(await row.textContent()).toContain('Đã gửi ngày 09/02/2022, đúng hạn.');
    expect(await row.textContent()).toContain(`Đã được ${LEADER.name} tiếp nhận ngày 11/02/2022.`);
    await shot(page, '31-viec-can-lam-da-tiep-nhan-qua-pho-truong');
  });
});
