import crypto from 'node:crypto';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { schema, type Db } from '../../db/client';
import { groupInputSchema, type GroupInput, type Unit } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { statusBoardDocument } from '../../electron/services/documents/status-board-doc';
import { writeDocx } from '../../electron/services/documents/write';
import { statusBoardSchema, type StatusBoard } from '../../electron/services/groups-calendar/board-schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { statusBoard } from '../../electron/services/groups-calendar/status-board';
import { writeStatusBoardXlsx } from '../../electron/services/groups-calendar/status-board-xlsx';
import { getOwnUnit } from '../../electron/services/units-keys/units';
import { testClock } from '../helpers/clock';
import { documentText, parseDocx } from '../helpers/docx';
import { DEPUTY, exchange, groupInput, LEADER, makeUnit, MEMBER, tempDir } from '../helpers/units';

afterEach(() => testClock.reset());
const at = (iso: string) => testClock.set(iso);

const unit = (code: string, name: string, kind: Unit['kind'], province: string): Unit => ({ code, name, kind, province, parentName: `UBND tỉnh ${province}` });
const DIEN_BIEN = unit('STP-DB', 'Sở Tư pháp tỉnh Điện Biên', 'so_tu_phap', 'Điện Biên');
const LAO_CAI = unit('STP-LC', 'Sở Tư pháp tỉnh Lào Cai', 'so_tu_phap', 'Lào Cai');
const YEN_BAI = unit('STP-YB', 'Sở Tư pháp tỉnh Yên Bái', 'so_tu_phap', 'Yên Bái');
const THADS_HG = unit('THADS-HG', 'Cục Thi hành án dân sự tỉnh Hà Giang', 'thads', 'Hà Giang');

/** Seven units: the leader, the deputy (a Cục THADS gathering THADS-HG) and five members. */
function bigGroup(pins: Record<string, string> = {}, overrides: Partial<GroupInput> = {}): GroupInput {
  const base = groupInput(pins);
  return {
    ...base,
    members: [
      ...base.members,
      ...[DIEN_BIEN, LAO_CAI, YEN_BAI].map((u) => ({ ...u, role: 'member' as const, fingerprint: '' })),
      { ...THADS_HG, role: 'member' as const, fingerprint: '', gatheredByDeputy: true },
    ],
    ...overrides,
  };
}

let seq = 100;
/** A bundle accepted from `sender`, straight in the table: the board reads only these columns. */
function received(db: Db, sender: string, kind: string, createdAt: string, receivedAt = createdAt, year = 2022): string {
  const bundleId = crypto.randomUUID();
  db.insert(schema.receivedBundles)
    .values({ bundleId, headerSha256: crypto.randomBytes(32).toString('hex'), senderCode: sender, keyId: '0'.repeat(32), kind, groupCode: 'KVTD-MNPB', year, seq: seq++, createdAt, receivedAt, fileName: 'x.tdkt', archivePath: 'x.tdkt' })
    .run();
  return bundleId;
}

function sent(db: Db, kind: string, createdAt: string): void {
  db.insert(schema.sentBundles).values({ bundleId: crypto.randomUUID(), kind, groupCode: 'KVTD-MNPB', year: 2022, seq: seq++, createdAt, archivePath: 'x.tdkt' }).run();
}

const cell = (board: StatusBoard, code: string, key: string) => {
  const row = board.rows.find((r) => r.code === code);
  const i = board.columns.findIndex((c) => c.key === key);
  expect(row, code).toBeTruthy();
  expect(i, key).toBeGreaterThanOrEqual(0);
  return row!.cells[i]!;
};
const column = (board: StatusBoard, key: string) => board.columns.find((c) => c.key === key)!;

/** The leader's installation with the template plan and the registrations of 20/02/2022 in. */
async function leaderWithSubmissions() {
  const leader = await makeUnit(LEADER);
  const group = saveGroup(leader.ws, groupInputSchema.parse(bigGroup()));
  const db = leader.ws.db;
  // 23:30 on the deadline day in Vietnam (16:30 UTC) is on time, though it arrived two days later.
  received(db, MEMBER.code, 'registration', '2022-02-10T16:30:00.000Z', '2022-02-12T02:00:00.000Z');
  // Midnight in Vietnam is the next day: one day late.
  received(db, DIEN_BIEN.code, 'registration', '2022-02-10T17:00:00.000Z', '2022-02-11T01:00:00.000Z');
  // Late, then corrected and sent again.
  received(db, LAO_CAI.code, 'registration', '2022-02-13T02:00:00.000Z', '2022-02-13T05:00:00.000Z');
  received(db, LAO_CAI.code, 'registration', '2022-02-15T02:00:00.000Z', '2022-02-15T05:00:00.000Z');
  received(db, THADS_HG.code, 'registration', '2022-02-09T02:00:00.000Z');
  received(db, DEPUTY.code, 'registration', '2022-02-09T03:00:00.000Z');
  received(db, DEPUTY.code, 'consolidated', '2022-02-14T02:00:00.000Z');
  // Another year's registration counts for nothing here.
  received(db, YEN_BAI.code, 'registration', '2021-02-01T02:00:00.000Z', '2021-02-01T02:00:00.000Z', 2021);
  return { ...leader, group };
}

describe('the status board', () => {
  it('shows each member on time, late, missing, not yet due or undated, in Vietnamese order, with totals', async () => {
    const { ws, group } = await leaderWithSubmissions();
    const board = statusBoardSchema.parse(statusBoard(ws.db, group.id, { today: '2022-02-20T03:00:00.000Z' }));

    expect(board.viewer).toEqual({ code: LEADER.code, name: LEADER.name, role: 'leader' });
    // Đ comes after D and before H, not after Y as in code point order.
    expect(board.rows.map((r) => r.name)).toEqual([
      'Cục Thi hành án dân sự tỉnh Hà Giang',
      'Cục Thi hành án dân sự tỉnh Tuyên Quang',
      'Sở Tư pháp tỉnh Điện Biên',
      'Sở Tư pháp tỉnh Hà Giang',
      'Sở Tư pháp tỉnh Lào Cai',
      'Sở Tư pháp tỉnh Tuyên Quang',
      'Sở Tư pháp tỉnh Yên Bái',
    ]);
    // What members and the deputy send; the leader's own reports to the Ministry are not columns.
    expect(board.columns.map((c) => c.key)).toEqual([
      'registration',
      'registration-consolidated',
      'plan-comments',
      'mid-year-report',
      'mid-year-consolidated',
      'inspection-self-report',
      'inspection-consolidated',
      'year-end-report',
      'year-end-dossier',
      'year-end-consolidated',
    ]);

    expect(cell(board, MEMBER.code, 'registration')).toMatchObject({ state: 'on_time', sentAt: '2022-02-10T16:30:00.000Z', receivedAt: '2022-02-12T02:00:00.000Z', text: 'Đúng hạn: 10/02/2022' });
    expect(cell(board, DIEN_BIEN.code, 'registration')).toMatchObject({ state: 'late', days: 1, text: 'Muộn 1 ngày: 11/02/2022' });
    expect(cell(board, LAO_CAI.code, 'registration')).toMatchObject({ state: 'late', days: 3, resent: 1, sentAt: '2022-02-13T02:00:00.000Z', text: 'Muộn 3 ngày: 13/02/2022; đã gửi lại 1 lần' });
    expect(cell(board, YEN_BAI.code, 'registration')).toMatchObject({ state: 'missing', days: 10, text: 'Chưa gửi, quá hạn 10 ngày' });
    // The leader sends its own registration to the deputy and the Ministry: none sent yet.
    expect(cell(board, LEADER.code, 'registration')).toMatchObject({ state: 'missing', receivedAt: null });
    expect(cell(board, YEN_BAI.code, 'mid-year-report')).toMatchObject({ state: 'not_yet_due', deadline: '2022-05-31', days: 100, text: 'Chưa đến hạn (còn 100 ngày)' });
    expect(cell(board, YEN_BAI.code, 'inspection-self-report')).toMatchObject({ state: 'no_deadline', deadline: null, text: 'Chưa có hạn' });
    // The leader does not comment on its own draft; only the deputy sends consolidated bundles.
    expect(cell(board, LEADER.code, 'plan-comments').state).toBe('not_applicable');
    expect(cell(board, MEMBER.code, 'registration-consolidated').state).toBe('not_applicable');
    expect(cell(board, DEPUTY.code, 'registration-consolidated')).toMatchObject({ state: 'on_time', resent: 0 });
    expect(cell(board, DEPUTY.code, 'mid-year-consolidated').state).toBe('not_yet_due');

    expect(column(board, 'registration')).toMatchObject({ deadline: '2022-02-10', rule: 'trước ngày 10/02/2022', totals: { expected: 7, received: 5, late: 2, missing: 2, notYetDue: 0, noDeadline: 0 } });
    expect(column(board, 'inspection-self-report').totals).toMatchObject({ expected: 7, noDeadline: 7 });
    expect(column(board, 'registration-consolidated').totals).toMatchObject({ expected: 1, received: 1 });
  });

  it('gives a bundle of a kind several milestones share to the milestone whose deadline is nearest', async () => {
    const { ws, group } = await leaderWithSubmissions();
    // The deputy's mid-year consolidated bundle, two days after 05/06.
    received(ws.db, DEPUTY.code, 'consolidated', '2022-06-07T02:00:00.000Z');
    const board = statusBoard(ws.db, group.id, { today: '2022-06-10T03:00:00.000Z' });
    expect(cell(board, DEPUTY.code, 'registration-consolidated')).toMatchObject({ state: 'on_time', resent: 0, sentAt: '2022-02-14T02:00:00.000Z' });
    expect(cell(board, DEPUTY.code, 'mid-year-consolidated')).toMatchObject({ state: 'late', days: 2, sentAt: '2022-06-07T02:00:00.000Z' });
    // Its event has no date yet: nothing is judged against it.
    expect(cell(board, DEPUTY.code, 'inspection-consolidated').state).toBe('no_deadline');
    expect(cell(board, YEN_BAI.code, 'mid-year-report')).toMatchObject({ state: 'missing', days: 10 });
  });

  it('filters the rows by unit kind, the totals with them', async () => {
    const { ws, group } = await leaderWithSubmissions();
    const board = statusBoard(ws.db, group.id, { today: '2022-02-20T03:00:00.000Z', unitKind: 'thads' });
    expect(board.rows.map((r) => r.code)).toEqual([THADS_HG.code, DEPUTY.code]);
    expect(board.columns).toHaveLength(10);
    expect(column(board, 'registration').totals).toMatchObject({ expected: 2, received: 2, late: 0, missing: 0 });
    expect(statusBoard(ws.db, group.id, { today: '2022-02-20T03:00:00.000Z', unitKind: 'don_vi_thuoc_bo' }).rows).toEqual([]);
  });

  it('shows the deputy the members it gathers and itself, under the leader’s plan brought by the kickoff', async () => {
    const deputy = await makeUnit(DEPUTY);
    const leader = await makeUnit(LEADER);
    const leaderGroup = saveGroup(leader.ws, groupInputSchema.parse(bigGroup({ [DEPUTY.code]: deputy.unit.keyId })));
    const kickoff = await publishKickoff(leader.ws, leaderGroup.id);
    // The deputy had typed the group with the registration deadline only, and pinned the leader.
    const own = saveGroup(deputy.ws, groupInputSchema.parse(bigGroup({ [LEADER.code]: leader.unit.keyId })));
    const landed = await importBundleFile(deputy.ws, { path: kickoff.path, name: path.basename(kickoff.path) });
    expect(landed.status, landed.reason).toBe('accepted');

    received(deputy.ws.db, THADS_HG.code, 'registration', '2022-02-09T02:00:00.000Z');
    received(deputy.ws.db, MEMBER.code, 'registration', '2022-02-09T02:00:00.000Z');
    sent(deputy.ws.db, 'consolidated', '2022-02-15T10:00:00.000Z');
    const board = statusBoard(deputy.ws.db, own.id, { today: '2022-02-20T03:00:00.000Z' });
    expect(board.viewer.role).toBe('deputy');
    expect(board.rows.map((r) => r.code)).toEqual([THADS_HG.code, DEPUTY.code]);
    expect(cell(board, THADS_HG.code, 'registration')).toMatchObject({ state: 'on_time' });
    // The deputy's own consolidated bundle, 17:00 in Vietnam on the deadline day.
    expect(cell(board, DEPUTY.code, 'registration-consolidated')).toMatchObject({ state: 'on_time', receivedAt: null, text: 'Đúng hạn: 15/02/2022' });
    // Comments on the draft go to the leader alone: the deputy follows only its own.
    expect(cell(board, THADS_HG.code, 'plan-comments').state).toBe('not_applicable');
    expect(cell(board, DEPUTY.code, 'plan-comments').state).toBe('missing');
  });

  it('is refused to a plain member, in Vietnamese', async () => {
    const member = await makeUnit(MEMBER);
    const group = saveGroup(member.ws, groupInputSchema.parse(bigGroup()));
    expect(() => statusBoard(member.ws.db, group.id, { today: '2022-02-20T03:00:00.000Z' })).toThrow('Bảng theo dõi tình hình gửi hồ sơ chỉ dành cho Trưởng và Phó Trưởng Khu vực/Cụm thi đua.');
  });

  it('counts a registration carried by a real bundle: its signed date for lateness, its arrival shown beside', async () => {
    at('2022-02-11T03:00:00.000Z');
    const { leader, bundle } = await exchange();
    at('2022-02-12T03:00:00.000Z');
    const landed = await importBundleFile(leader.ws, { path: bundle, name: path.basename(bundle) });
    expect(landed.status, landed.reason).toBe('accepted');
    const board = statusBoard(leader.ws.db, leader.group.id, { today: '2022-02-20T03:00:00.000Z' });
    expect(cell(board, MEMBER.code, 'registration')).toMatchObject({
      state: 'late',
      days: 1,
      sentAt: '2022-02-11T03:00:00.000Z',
      receivedAt: '2022-02-12T03:00:00.000Z',
      text: 'Muộn 1 ngày: 11/02/2022',
    });
  });
});

describe('the status board on paper and in a sheet', () => {
  it('prints as a landscape DOCX with the heading, a column per milestone with its deadline, the totals and a legend', async () => {
    const { ws, group } = await leaderWithSubmissions();
    const board = statusBoard(ws.db, group.id, { today: '2022-02-20T03:00:00.000Z' });
    const dir = tempDir('board-doc-');
    const file = path.join(dir, 'bang-theo-doi.docx');
    await writeDocx(statusBoardDocument(board, getOwnUnit(ws.db)!, { place: 'Tuyên Quang', title: 'Giám đốc', name: 'Trần Văn Minh' }), file);
    const { errors, parts } = await parseDocx(file);
    expect(errors).toEqual([]);
    const xml = parts.get('word/document.xml')!;
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const text = documentText(parts);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ TƯ PHÁP TỈNH TUYÊN QUANG',
      'Tuyên Quang, ngày 20 tháng 02 năm 2022',
      'BẢNG THEO DÕI TÌNH HÌNH GỬI HỒ SƠ CỦA CÁC ĐƠN VỊ THÀNH VIÊN',
      `${group.name} năm 2022, tính đến ngày 20/02/2022`,
      '(1)Hạn 10/02/2022',
      '(6)Chưa có hạn',
      'Sở Tư pháp tỉnh Điện Biên11/02/2022muộn 1 ngày',
      'Sở Tư pháp tỉnh Lào Cai13/02/2022muộn 3 ngàygửi lại 1 lần',
      'Sở Tư pháp tỉnh Yên BáiChưa gửiquá hạn 10 ngày',
      'Tổng cộngĐã nhận 5/7Muộn 2Chưa gửi 2',
      '(1) Đăng ký thi đua năm 2022 của cơ quan, đơn vị mình: do các đơn vị thành viên gửi, trước ngày 10/02/2022.',
      'TRƯỞNG KHU VỰC THI ĐUA',
    ]) {
      expect(text).toContain(s);
    }

  });

  it('exports as .xlsx with a frozen header, real dates and a status per cell', async () => {
    const { ws, group } = await leaderWithSubmissions();
    const board = statusBoard(ws.db, group.id, { today: '2022-02-20T03:00:00.000Z', unitKind: 'so_tu_phap' });
    const file = path.join(tempDir('board-xlsx-'), 'bang-theo-doi.xlsx');
    await writeStatusBoardXlsx(board, file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 7 });
    expect(sheet.getCell('A1').value).toBe('BẢNG THEO DÕI TÌNH HÌNH GỬI HỒ SƠ CỦA CÁC ĐƠN VỊ THÀNH VIÊN');
    expect(sheet.getCell('A3').value).toBe('Tính đến ngày 20/02/2022 - loại đơn vị: Sở Tư pháp');
    expect(sheet.getCell(5, 5).value).toBe('Đăng ký thi đua năm 2022 của cơ quan, đơn vị mình');
    expect(sheet.getCell(6, 5).value).toEqual(new Date('2022-02-10T00:00:00Z'));
    expect(sheet.getCell(6, 5).numFmt).toContain('dd/mm/yyyy');
    expect(sheet.getCell(7, 5).value).toBe('Ngày gửi');
    expect(sheet.getColumn(2).width).toBe(42);

    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 7 && rows.set(String(row.getCell(2).value), row));
    expect([...rows.keys()]).toEqual(['Sở Tư pháp tỉnh Điện Biên', 'Sở Tư pháp tỉnh Hà Giang', 'Sở Tư pháp tỉnh Lào Cai', 'Sở Tư pháp tỉnh Tuyên Quang', 'Sở Tư pháp tỉnh Yên Bái', 'Tổng cộng']);
    const dienBien = rows.get('Sở Tư pháp tỉnh Điện Biên')!;
    // Sent at midnight in Vietnam: the Vietnamese day, as a date Excel can sort and compute with.
    expect(dienBien.getCell(5).value).toEqual(new Date('2022-02-11T00:00:00Z'));
    expect(dienBien.getCell(5).numFmt).toBe('dd/mm/yyyy');
    expect(dienBien.getCell(6).value).toBe('Muộn 1 ngày');
    expect(rows.get('Sở Tư pháp tỉnh Lào Cai')!.getCell(6).value).toBe('Muộn 3 ngày, gửi lại 1 lần');
    expect(rows.get('Sở Tư pháp tỉnh Yên Bái')!.getCell(6).value).toBe('Chưa gửi, quá hạn 10 ngày');
    expect(rows.get('Sở Tư pháp tỉnh Yên Bái')!.getCell(5).value).toBeNull();
    expect(rows.get('Tổng cộng')!.getCell(6).value).toBe('Đã nhận 3/5, muộn 2, chưa gửi 2');
  });
});
