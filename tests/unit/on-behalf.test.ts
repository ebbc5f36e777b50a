import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../db/client';
import type { Workspace } from '../../electron/services/workspace/workspace';
import { registrationRecordV1Schema, type RegistrationRecord } from '../../electron/services/registration/record';
import { groupInputSchema, type Unit } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { statusBoardSchema, type StatusBoard } from '../../electron/services/groups-calendar/board-schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { statusBoard } from '../../electron/services/groups-calendar/status-board';
import { registrationHistory } from '../../electron/services/registration/versions';
import { acceptedSuffixes } from '../../electron/services/files/document-kinds';
import { enterOnBehalf } from '../../electron/services/registration/on-behalf';
import { overview } from '../../electron/services/registration/overview';
import { exportRegistration } from '../../electron/services/registration/export';
import { onBehalfInputSchema, type OnBehalfInput } from '../../electron/services/registration/schemas';
import { testClock } from '../helpers/clock';
import { groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';

afterEach(() => testClock.reset());
const at = (iso: string) => testClock.set(iso);

const DIEN_BIEN: Unit = { code: 'STP-DB', name: 'Sở Tư pháp tỉnh Điện Biên', kind: 'so_tu_phap', province: 'Điện Biên', parentName: 'UBND tỉnh Điện Biên' };

/** The paper the Sở Tư pháp tỉnh Hà Giang sent: its registration, typed in by the leader. */
const paper = (groupId: number, over: Partial<OnBehalfInput> = {}) =>
  onBehalfInputSchema.parse({
    groupId,
    unitCode: MEMBER.code,
    submittedAt: '2022-02-08',
    note: 'Theo Công văn số 12/STP ngày 08/02/2022',
    numberSymbol: '12/STP',
    place: 'Hà Giang',
    documentDate: '2022-02-08',
    signerAuthority: '',
    signerTitle: 'Giám đốc',
    signerName: 'Đặng Văn Bình',
    recipients: ['Như trên', 'Lưu: VT'],
    collective: [{ titleCode: 'TTLDXS', note: '' }],
    individuals: [
      { fullName: 'Nguyễn  Thị Hương', birthYear: 1980, gender: 'nu', position: 'Phó Giám đốc', department: 'Ban Giám đốc', titleCode: 'CSTDCS' },
      { fullName: 'Đặng Văn Bình', birthYear: 1975, gender: 'nam', position: 'Giám đốc', department: 'Ban Giám đốc', titleCode: 'LDTT' },
    ],
    commitments: [{ kind: 'key_task', content: 'Hoàn thành 100% nhiệm vụ thẩm định văn bản đúng hạn.' }],
    ...over,
  });

async function leaderWith(pins: Record<string, string> = {}) {
  const leader = await makeUnit(LEADER);
  const base = groupInput(pins);
  const group = saveGroup(leader.ws, groupInputSchema.parse({ ...base, members: [...base.members, { ...DIEN_BIEN, role: 'member', fingerprint: '' }] }));
  return { ...leader, group };
}

const registrations = (ws: { db: Workspace['db'] }) => ws.db.select().from(schema.records).where(eq(schema.records.type, 'registration')).all();
const cell = (board: StatusBoard, code: string, key = 'registration') => board.rows.find((r) => r.code === code)!.cells[board.columns.findIndex((c) => c.key === key)]!;
const board = (ws: { db: Parameters<typeof statusBoard>[0] }, groupId: number) => statusBoardSchema.parse(statusBoard(ws.db, groupId, { today: testClock.now().toISOString() }));

describe('entering a member’s registration on its behalf', () => {
  it('stores a received version with who entered it, when and from what, and keeps the scan', async () => {
    at('2022-02-15T03:00:00.000Z');
    const { ws, group } = await leaderWith();
    const scan = path.join(tempDir(), 'CV12-STP.pdf');
    fs.writeFileSync(scan, '%PDF-1.4 bản chụp công văn');
    const entry = enterOnBehalf(ws, paper(group.id), { name: 'CV12-STP.pdf', path: scan });
    expect(entry).toMatchObject({ unitCode: MEMBER.code, version: 1, submittedAt: '2022-02-08', enteredBy: LEADER.code, enteredAt: '2022-02-15T03:00:00.000Z', note: 'Theo Công văn số 12/STP ngày 08/02/2022', attachmentName: 'CV12-STP.pdf' });
    const row = ws.db.select().from(schema.onBehalfEntries).get()!;
    expect(fs.readFileSync(path.join(ws.dataDir, row.attachmentPath!), 'utf8')).toBe('%PDF-1.4 bản chụp công văn');
    const stored = registrations(ws);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ownerCode: MEMBER.code, status: 'received', version: 1, bundleId: entry.entryId });
    // What is stored is a registration record as a bundle would carry it.
    expect(registrationRecordV1Schema.parse(JSON.parse(stored[0]!.content))).toMatchObject({ unit: { code: MEMBER.code, name: MEMBER.name }, document: { number_symbol: '12/STP' } });

    // A correction sent on paper later is the next version of the same record.
    at('2022-02-18T03:00:00.000Z');
    const second = enterOnBehalf(ws, paper(group.id, { submittedAt: '2022-02-17', note: 'Theo Công văn số 15/STP ngày 17/02/2022', collective: [] }));
    expect(second).toMatchObject({ recordId: entry.recordId, version: 2, attachmentName: null });
    const { matrix, rows } = overview(ws, { groupId: group.id, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false });
    const hg = matrix.find((m) => m.unitCode === MEMBER.code)!;
    expect(hg).toMatchObject({ version: 2, sentAt: '2022-02-17', receivedAt: '2022-02-17', late: true });
    expect(hg.onBehalf).toEqual({ enteredBy: LEADER.code, enteredAt: '2022-02-18T03:00:00.000Z', note: 'Theo Công văn số 15/STP ngày 17/02/2022', attachmentName: null });
    // Names typed with two spaces are kept as one; the correction dropped the collective title.
    expect(rows.filter((r) => r.unitCode === MEMBER.code).map((r) => [r.personName, r.titleCode, r.onBehalf])).toEqual([
      ['Đặng Văn Bình', 'LDTT', true],
      ['Nguyễn Thị Hương', 'CSTDCS', true],
    ]);
    expect(matrix.find((m) => m.unitCode === DIEN_BIEN.code)).toMatchObject({ version: null, onBehalf: null, late: true });
  });

  it('counts on the status board by the paper’s date, on time or late, marked "nhập thay"', async () => {
    at('2022-02-20T03:00:00.000Z');
    const { ws, group } = await leaderWith();
    enterOnBehalf(ws, paper(group.id));
    enterOnBehalf(ws, paper(group.id, { unitCode: 'stp-db', place: 'Điện Biên', submittedAt: '2022-02-12', documentDate: '2022-02-11', note: 'Bản Word gửi qua thư điện tử ngày 12/02/2022' }));
    const b = board(ws, group.id);
    expect(cell(b, MEMBER.code)).toMatchObject({ state: 'on_time', sentAt: '2022-02-08', onBehalf: true, text: 'Đúng hạn: 08/02/2022 (nhập thay)' });
    expect(cell(b, DIEN_BIEN.code)).toMatchObject({ state: 'late', days: 2, onBehalf: true, text: 'Muộn 2 ngày: 12/02/2022 (nhập thay)' });
    expect(b.columns.find((c) => c.key === 'registration')!.totals).toMatchObject({ received: 3 - 1, late: 1 });
    // A member's later step is untouched: nothing typed in for the mid-year report.
    expect(cell(b, MEMBER.code, 'mid-year-report').onBehalf).toBe(false);
  });

  it('is superseded by a later bundle from the member, never the reverse', async () => {
    at('2022-02-09T03:00:00.000Z');
    const member = await registeredMember();
    const { ws, group } = await leaderWith({ [MEMBER.code]: member.unit.keyId });
    enterOnBehalf(ws, paper(group.id));
    // The member installs the app and sends its own registration on 12/02.
    at('2022-02-12T03:00:00.000Z');
    const sent = await exportRegistration(member.ws, member.group.id);
    at('2022-02-13T03:00:00.000Z');
    expect((await importBundleFile(ws, { path: sent.path, name: path.basename(sent.path) })).status).toBe('accepted');
    const q = { groupId: group.id, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false } as const;
    const hg = overview(ws, q).matrix.find((m) => m.unitCode === MEMBER.code)!;
    expect(hg).toMatchObject({ onBehalf: null, sentAt: '2022-02-12T03:00:00.000Z', late: true });
    // The board is credited with the first submission, the paper of 08/02; the bundle is a resend.
    expect(cell(board(ws, group.id), MEMBER.code)).toMatchObject({ state: 'on_time', onBehalf: true, resent: 1, text: 'Đúng hạn: 08/02/2022 (nhập thay); đã gửi lại 1 lần' });
    // A paper older than the bundle now held cannot be typed in over it.
    expect(() => enterOnBehalf(ws, paper(group.id, { submittedAt: '2022-02-10', note: 'Công văn gửi chậm' }))).toThrow(
      'Sở Tư pháp tỉnh Hà Giang đã gửi bản đăng ký qua ứng dụng ngày 12/02/2022, không sớm hơn ngày 10/02/2022 của văn bản này: bản nhập thay không thay thế bản đơn vị đã ký gửi.',
    );
  });

  it('keeps a newer version typed in when an older bundle arrives afterwards', async () => {
    at('2022-02-05T03:00:00.000Z');
    const member = await registeredMember();
    const sent = await exportRegistration(member.ws, member.group.id);
    at('2022-02-20T03:00:00.000Z');
    const { ws, group } = await leaderWith({ [MEMBER.code]: member.unit.keyId });
    // The paper correction of 15/02 came first; the USB stick with the bundle of 05/02 only now.
    enterOnBehalf(ws, paper(group.id, { submittedAt: '2022-02-15', note: 'Theo Công văn số 20/STP ngày 15/02/2022' }));
    expect((await importBundleFile(ws, { path: sent.path, name: path.basename(sent.path) })).status).toBe('accepted');
    const q = { groupId: group.id, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false } as const;
    const hg = overview(ws, q).matrix.find((m) => m.unitCode === MEMBER.code)!;
    expect(hg).toMatchObject({ sentAt: '2022-02-15', late: true });
    expect(hg.onBehalf?.note).toBe('Theo Công văn số 20/STP ngày 15/02/2022');
    // Both are history; the bundle's own version stays as the member signed it.
    expect(registrations(ws).map((r) => [r.version, (JSON.parse(r.content) as RegistrationRecord).document.number_symbol]).sort()).toEqual([
      [1, '05/ĐK-STP'],
      [1, '12/STP'],
    ]);
    // The board judges the first submission to reach the leader, as for every sender: the paper of 15/02.
    expect(cell(board(ws, group.id), MEMBER.code)).toMatchObject({ state: 'late', days: 5, onBehalf: true, resent: 1, text: 'Muộn 5 ngày: 15/02/2022 (nhập thay); đã gửi lại 1 lần' });
    // The history marks as current the version the overview counts: the paper, not the older bundle.
    const history = registrationHistory(ws.db, MEMBER.code, group.id);
    expect(history.filter((v) => v.current).map((v) => v.onBehalf !== null)).toEqual([true]);
  });

  it('keeps every type the file picker offers for the member’s paper, and no other', async () => {
    at('2022-02-15T03:00:00.000Z');
    const { ws, group } = await leaderWith();
    const offered = acceptedSuffixes('attachment');
    expect(offered).toEqual(expect.arrayContaining(['.pdf', '.jpg', '.png', '.docx']));
    for (const [i, suffix] of offered.entries()) {
      const scan = path.join(tempDir(), `CV${i}-STP${suffix.toUpperCase()}`);
      fs.writeFileSync(scan, 'bản chụp');
      const entry = enterOnBehalf(ws, paper(group.id), { name: path.basename(scan), path: scan });
      expect(entry.attachmentName).toBe(path.basename(scan));
    }
    // A plan's .txt is read as text, never kept as the paper a member sent.
    const text = path.join(tempDir(), 'CV-STP.txt');
    fs.writeFileSync(text, 'công văn');
    expect(() => enterOnBehalf(ws, paper(group.id), { name: 'CV-STP.txt', path: text })).toThrow('Tệp đính kèm "CV-STP.txt" không đúng loại');
  });

  it('refuses bad input with a Vietnamese reason', async () => {
    at('2022-02-20T03:00:00.000Z');
    const { ws, group } = await leaderWith();
    const messages = (over: Partial<OnBehalfInput>) => {
      const r = onBehalfInputSchema.safeParse({ ...paper(group.id), ...over });
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(messages({ submittedAt: '2022-02-30' })).toEqual(['Ngày trên văn bản hoặc ngày nhận không hợp lệ: hãy nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/02/2022.']);
    expect(messages({ note: '  ' })).toEqual(['Căn cứ nhập thay (công văn, tệp nhận được) không được để trống.']);
    expect(messages({ individuals: [{ fullName: '', birthYear: 1890, gender: 'nam', titleCode: 'CSTDCS' }] })).toEqual(['Họ và tên không được để trống.', 'Năm sinh không hợp lệ.']);

    expect(() => enterOnBehalf(ws, paper(group.id, { submittedAt: '2022-02-21' }))).toThrow('Ngày trên văn bản hoặc ngày nhận (21/02/2022) không được sau hôm nay.');
    expect(() => enterOnBehalf(ws, paper(group.id, { submittedAt: '2022-02-06' }))).toThrow('Ngày nhận 06/02/2022 không được trước ngày ký văn bản 08/02/2022.');
    expect(() => enterOnBehalf(ws, paper(group.id, { unitCode: 'STP-LC' }))).toThrow(`Đơn vị mã "STP-LC" không phải thành viên của ${group.name} năm 2022.`);
    expect(() => enterOnBehalf(ws, paper(group.id, { unitCode: LEADER.code }))).toThrow('Hồ sơ của chính đơn vị này được lập ở màn hình đăng ký, không nhập thay.');
    expect(() => enterOnBehalf(ws, paper(group.id, { collective: [{ titleCode: 'CSTDCS', note: '' }] }))).toThrow('Mã danh hiệu/hình thức khen thưởng "CSTDCS" không có trong danh mục dành cho tập thể.');
    const exe = path.join(tempDir(), 'cv.exe');
    fs.writeFileSync(exe, 'MZ');
    expect(() => enterOnBehalf(ws, paper(group.id), { name: 'cv.exe', path: exe })).toThrow('Tệp đính kèm "cv.exe" không đúng loại: chỉ nhận tệp PDF, Word (.doc, .docx) hoặc ảnh chụp (.jpg, .png, .tif).');
    // Nothing of the refused entries was kept.
    expect(ws.db.select().from(schema.onBehalfEntries).all()).toEqual([]);
    expect(registrations(ws)).toEqual([]);

    // A member of the group cannot enter for another.
    const member = await makeUnit(MEMBER);
    const memberGroup = saveGroup(member.ws, groupInputSchema.parse({ ...groupInput(), members: [...groupInput().members, { ...DIEN_BIEN, role: 'member', fingerprint: '' }] }));
    expect(() => enterOnBehalf(member.ws, paper(memberGroup.id, { unitCode: DIEN_BIEN.code }))).toThrow('Chỉ Trưởng hoặc Phó Trưởng Khu vực/Cụm thi đua được nhập thay hồ sơ của đơn vị thành viên.');
  });
});
