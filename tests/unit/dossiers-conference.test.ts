import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../db/client';
import { groupInputSchema, type Unit } from '../../electron/ipc/contract';
import { acclamationView, dossierBoard, printAcclamation, saveAcclamation } from '../../electron/services/dossiers/conference';
import type { AcclamationForm } from '../../electron/services/dossiers/conference-schemas';
import { exportMinistry, MINISTRY_CODE } from '../../electron/services/dossiers/ministry';
import { attachScan, createDossier } from '../../electron/services/dossiers/dossier';
import { exportDossiers } from '../../electron/services/dossiers/export';
import { listNominees } from '../../electron/services/awards/history';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { verifyCarried } from '../../electron/services/bundles/consolidated';
import { spawnSync } from 'node:child_process';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { schema } from '../../db/client';
import type { DossierRecord } from '../../electron/services/dossiers/schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { memberDeadlines } from '../../electron/services/groups-calendar/home';
import { planInForce } from '../../electron/services/groups-calendar/plan';
import { currentRecords, receiveRecord } from '../../electron/services/records/store';
import { file, on } from '../helpers/consolidated';
import { readZip } from '../helpers/zip';
import { documentText, parseDocx } from '../helpers/docx';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, tempDir } from '../helpers/units';

const YEAR = 2025;
const GROUP = 'KVTD-MNPB';
const unit = (code: string, province: string): Unit => ({ code, name: `Sở Tư pháp tỉnh ${province}`, kind: 'so_tu_phap', province, parentName: `UBND tỉnh ${province}` });
const CB = unit('STP-CB', 'Cao Bằng');
const LC = unit('STP-LC', 'Lào Cai');
const BK = unit('STP-BK', 'Bắc Kạn');
/** Six member units: thresholds on the members fall between whole votes (2/3 of 6 is exactly 4). */
const UNITS = [LEADER, DEPUTY, MEMBER, CB, LC, BK];

const members = (pins: Record<string, string> = {}) =>
  groupInput(pins, {
    year: YEAR,
    registrationDeadline: '2025-02-10',
    members: UNITS.map((u) => ({ ...u, role: u === LEADER ? ('leader' as const) : u === DEPUTY ? ('deputy' as const) : ('member' as const), fingerprint: pins[u.code] ?? '' })),
  });

const ref = (name: string) => ({ sha256: crypto.createHash('sha256').update(name).digest('hex'), name, size: 10, media_type: 'application/pdf' });

/** A unit's dossier as the leader would hold it after import: every required part scanned unless said. */
function dossierOf(u: Unit, over: Partial<DossierRecord> = {}, missing: string[] = []): DossierRecord {
  const part = (p: DossierRecord['parts'][number]['part'], name: string) => ({ part: p, name, form: '', form_verified: true, required: true, document: null, scans: missing.includes(name) ? [] : [ref(`${u.code}-${p}.pdf`)] });
  return {
    record_id: crypto.randomUUID(),
    type: 'dossier',
    version: 1,
    group: { code: GROUP, year: YEAR },
    unit: { code: u.code, name: u.name },
    nominee: { kind: 'unit', name: u.name, position: '', division: '', female: null },
    award: { code: 'CO_BTP', name: 'Cờ thi đua của Bộ Tư pháp' },
    rules: { edition: '2025-07-01', date: '2025-11-30' },
    eligibility: { status: 'met', reason: '', details: [], broken_year: null, verified: true },
    council: { meeting: { record_id: crypto.randomUUID(), version: 1 }, votes_for: 7, total_members: 9, reached: true },
    achievements: '',
    parts: [part('proposalLetter', 'Tờ trình đề nghị khen thưởng'), part('achievementReport', 'Báo cáo thành tích của tập thể'), part('minutes', 'Biên bản bình xét thi đua')],
    ...over,
  };
}

async function leaderYear() {
  on('2025-11-30');
  const leader = await makeUnit(LEADER);
  const group = saveGroup(leader.ws, groupInputSchema.parse(members()));
  const put = (d: DossierRecord) =>
    writeTransaction(leader.ws.db, (tx) => receiveRecord(tx, { recordId: d.record_id, type: 'dossier', ownerCode: d.unit.code, groupCode: GROUP, year: YEAR }, 1, d, crypto.randomUUID(), '2025-12-01T02:00:00.000Z'));
  return { ...leader, group, put };
}

/** A conference of the six units, all present, voting on the candidates given. */
function form(votes: Record<string, number>, rules: Partial<AcclamationForm['rules']> = {}, over: Partial<AcclamationForm> = {}): AcclamationForm {
  const nameOf = Object.fromEntries(UNITS.map((u) => [u.code, u.name]));
  return {
    award: { code: 'CO_BTP', name: 'Cờ thi đua của Bộ Tư pháp' },
    conference: { date: '2026-01-15', start_time: '08:00', end_time: '11:30', venue: 'Hội trường Sở Tư pháp tỉnh Tuyên Quang' },
    chair: { name: 'Đặng Văn Bình', position: 'Giám đốc Sở Tư pháp tỉnh Tuyên Quang' },
    secretary: { name: 'Lê Thu Hà', position: 'Chánh Văn phòng Sở Tư pháp tỉnh Tuyên Quang' },
    counting_board: [
      { name: 'Hoàng Văn Nam', unit: CB.name, role: 'Trưởng ban' },
      { name: 'Phạm Thị Lan', unit: LC.name, role: 'Thành viên' },
    ],
    present: UNITS.map((u) => ({ code: u.code, delegates: [`Đại biểu ${u.province}`] })),
    candidates: Object.entries(votes).map(([code, v]) => ({ code, name: nameOf[code]!, score: null, votes: v })),
    invalid: 0,
    rules: { threshold: { numerator: 2, denominator: 3 }, base: 'members', seats: null, tie_break: 'revote', secret_ballot: true, preset: 'courts', ...rules },
    content: ['Hội nghị đánh giá kết quả phong trào thi đua năm 2025 và ký kết giao ước thi đua năm 2026.'],
    ...over,
  };
}

describe('the dossier board', () => {
  it('lists the units with dossiers, then those without, each in Vietnamese order, flagging a missing scan and an unmet or doubtful condition; a unit that sent nothing says so', async () => {
    const l = await leaderYear();
    l.put(dossierOf(MEMBER));
    l.put(dossierOf(CB, {}, ['Báo cáo thành tích của tập thể', 'Biên bản bình xét thi đua']));
    l.put(
      dossierOf(LC, {
        eligibility: { status: 'not_met', reason: '', details: [{ status: 'not_met', text: 'Hoàn thành xuất sắc nhiệm vụ 05 năm liên tục' }], broken_year: 2023, verified: false },
        council: null,
      }),
    );
    l.put(dossierOf(LC, { nominee: { kind: 'person', name: 'Vũ Thị Mai', position: 'Phó Giám đốc', division: '', female: true }, award: { code: 'CSTD_BO', name: 'Chiến sĩ thi đua cấp Bộ' }, eligibility: { status: 'needs_review', reason: 'Sáng kiến chưa được công nhận', details: [], broken_year: null, verified: true } }));
    const b = dossierBoard(l.ws.db, l.group.id);
    expect(b.units.map((u) => u.name)).toEqual([
      'Sở Tư pháp tỉnh Cao Bằng',
      'Sở Tư pháp tỉnh Hà Giang',
      'Sở Tư pháp tỉnh Lào Cai',
      'Cục Thi hành án dân sự tỉnh Tuyên Quang',
      'Sở Tư pháp tỉnh Bắc Kạn',
      'Sở Tư pháp tỉnh Tuyên Quang',
    ]);
    const of = (code: string) => b.units.find((u) => u.code === code)!;
    expect(of(DEPUTY.code)).toMatchObject({ stateText: 'Chưa gửi hồ sơ', dossiers: [] });
    expect(of(LEADER.code)).toMatchObject({ own: true, stateText: 'Đơn vị chưa lập hồ sơ' });
    expect(of(MEMBER.code).stateText).toBe('Đã nhận 1 hồ sơ, ngày 01/12/2025');
    expect(of(MEMBER.code).dossiers[0]).toMatchObject({ missingText: null, eligibility: { label: 'Đủ điều kiện', flagged: false }, council: '7/9 thành viên Hội đồng đồng ý: đạt' });
    expect(of(CB.code).dossiers[0]!.missingText).toBe('Thiếu: Báo cáo thành tích của tập thể; Biên bản bình xét thi đua');
    // The collective first, then the person; the reason names the condition and the year breaking the chain.
    expect(of(LC.code).dossiers.map((d) => [d.nominee.name, d.eligibility.label, d.eligibility.reason, d.eligibility.flagged, d.council])).toEqual([
      ['Sở Tư pháp tỉnh Lào Cai', 'Không đủ điều kiện', 'Hoàn thành xuất sắc nhiệm vụ 05 năm liên tục (năm 2023)', true, 'Chưa có kết quả bình xét của Hội đồng'],
      ['Vũ Thị Mai', 'Cần xem xét', 'Sáng kiến chưa được công nhận', true, '7/9 thành viên Hội đồng đồng ý: đạt'],
    ]);
    expect(b.counts).toEqual({ units: 6, sent: 3, dossiers: 4, incomplete: 1, flagged: 2 });
  });

  it('is the leader’s or the deputy’s, not a member’s', async () => {
    on('2025-11-30');
    const m = await makeUnit(MEMBER);
    const g = saveGroup(m.ws, groupInputSchema.parse(members()));
    expect(() => dossierBoard(m.ws.db, g.id)).toThrow('Chỉ Trưởng hoặc Phó Trưởng Khu vực/Cụm xem hồ sơ đề nghị khen thưởng của các đơn vị.');
  });
});

describe('the suy tôn record', () => {
  it('starts from every member present and the units with a collective dossier, with the reference thresholds offered and the Justice value unverified', async () => {
    const l = await leaderYear();
    l.put(dossierOf(MEMBER));
    l.put(dossierOf(CB));
    l.put(dossierOf(LC, { nominee: { kind: 'person', name: 'Vũ Thị Mai', position: '', division: '', female: true } }));
    const v = acclamationView(l.ws, l.group.id);
    expect(v.saved).toBeNull();
    expect(v.defaults.present).toHaveLength(6);
    expect(v.defaults.candidates.map((c) => c.name)).toEqual(['Sở Tư pháp tỉnh Cao Bằng', 'Sở Tư pháp tỉnh Hà Giang']);
    expect(v.defaults.award).toEqual({ code: 'CO_BTP', name: 'Cờ thi đua của Bộ Tư pháp' });
    expect(v.presets.map((p) => [p.key, p.threshold, p.base])).toEqual([
      ['courts', { numerator: 2, denominator: 3 }, 'members'],
      ['procuracy', { numerator: 80, denominator: 100 }, 'members'],
    ]);
    expect(v.unverifiedText).toContain('chưa xác minh');
    expect(v.milestone).toMatchObject({ key: 'award-dossiers', deadline: null });
  });

  it('elects a unit exactly at the threshold (4 of 6 is 2/3) and not one below; the conference date sets the deadline to the Ministry 5 days later', async () => {
    const l = await leaderYear();
    const v = saveAcclamation(l.ws, l.group.id, form({ [MEMBER.code]: 4, [CB.code]: 3, [LC.code]: 6 }));
    expect(v.result).toMatchObject({ base: 6, needed: 4, valid: 6, elected: ['Sở Tư pháp tỉnh Lào Cai', 'Sở Tư pháp tỉnh Hà Giang'], revote: false });
    expect(v.result!.thresholdText).toBe('Cần từ 2/3 tổng số đơn vị thành viên (6 đơn vị), tức ít nhất 4 phiếu đồng ý.');
    expect(v.result!.rows.map((r) => [r.name, r.share, r.outcomeText])).toEqual([
      ['Sở Tư pháp tỉnh Lào Cai', '6/6 (100 %)', 'Được suy tôn'],
      ['Sở Tư pháp tỉnh Hà Giang', '4/6 (66,67 %)', 'Được suy tôn'],
      ['Sở Tư pháp tỉnh Cao Bằng', '3/6 (50 %)', 'Không đạt tỷ lệ'],
    ]);
    expect(v.saved).toMatchObject({ version: 1, status: 'draft' });
    expect(planInForce(l.ws.db, GROUP, YEAR)!.content.plan.events.find((e) => e.key === 'conference-end')!.date).toBe('2026-01-15');
    expect(v.milestone).toEqual({
      key: 'award-dossiers',
      title: expect.stringContaining('Hồ sơ đề nghị khen thưởng') as string,
      deadline: '2026-01-20',
      text: 'Hạn gửi Hội đồng Thi đua - Khen thưởng ngành Tư pháp: 20/01/2026 (05 ngày sau ngày kết thúc Hội nghị), còn 51 ngày.',
    });
    // The leader's home screen reads the same deadline from the plan.
    expect(memberDeadlines(l.ws.db, l.group.id, { today: '2025-11-30T03:00:00.000Z' }).milestones.find((m) => m.key === 'award-dossiers')!.deadline).toBe('2026-01-20');
    // On the voters: 4 of 5 present is 80 %.
    const voters = saveAcclamation(l.ws, l.group.id, form({ [MEMBER.code]: 4 }, { threshold: { numerator: 80, denominator: 100 }, base: 'voters', preset: 'procuracy' }, { present: UNITS.slice(0, 5).map((u) => ({ code: u.code, delegates: [] })) }));
    expect(voters.result).toMatchObject({ base: 5, needed: 4, elected: ['Sở Tư pháp tỉnh Hà Giang'] });
    expect(voters.saved!.version).toBe(1);
  });

  it('a tie at the last seat needs a new ballot under "revote", and is parted by the ranking score under "higher_score"', async () => {
    const l = await leaderYear();
    const tie = saveAcclamation(l.ws, l.group.id, form({ [MEMBER.code]: 6, [CB.code]: 5, [LC.code]: 5 }, { seats: 2 }));
    expect(tie.result!.rows.map((r) => [r.name, r.outcome])).toEqual([
      ['Sở Tư pháp tỉnh Hà Giang', 'elected'],
      ['Sở Tư pháp tỉnh Cao Bằng', 'revote'],
      ['Sở Tư pháp tỉnh Lào Cai', 'revote'],
    ]);
    expect(tie.result!.summary).toBe('Được suy tôn: Sở Tư pháp tỉnh Hà Giang. Cần bỏ phiếu lại giữa Sở Tư pháp tỉnh Cao Bằng, Sở Tư pháp tỉnh Lào Cai (bằng số phiếu ở vị trí cuối cùng).');
    await expect(exportMinistry(l.ws, l.group.id)).rejects.toThrow('Chưa gửi được: Sở Tư pháp tỉnh Cao Bằng, Sở Tư pháp tỉnh Lào Cai bằng số phiếu ở vị trí cuối cùng; hãy bỏ phiếu lại và ghi kết quả.');
    const scored = form({ [MEMBER.code]: 6, [CB.code]: 5, [LC.code]: 5 }, { seats: 2, tie_break: 'higher_score' });
    scored.candidates = scored.candidates.map((c) => ({ ...c, score: c.code === LC.code ? 182.5 : 176 }));
    const parted = saveAcclamation(l.ws, l.group.id, scored);
    expect(parted.result!.rows.map((r) => [r.name, r.outcome, r.note])).toEqual([
      ['Sở Tư pháp tỉnh Hà Giang', 'elected', null],
      ['Sở Tư pháp tỉnh Lào Cai', 'elected', null],
      ['Sở Tư pháp tỉnh Cao Bằng', 'outside_seats', 'Bằng số phiếu với Sở Tư pháp tỉnh Lào Cai; xếp sau vì tổng điểm chấm thi đua thấp hơn.'],
    ]);
  });

  it('refuses an impossible count, a unit outside the group, and a member’s attempt, in Vietnamese', async () => {
    const l = await leaderYear();
    expect(() => saveAcclamation(l.ws, l.group.id, form({ [MEMBER.code]: 6 }, {}, { invalid: 1 }))).toThrow(
      'Chưa ghi được kết quả suy tôn: Sở Tư pháp tỉnh Hà Giang được 6 phiếu, nhiều hơn 5 phiếu hợp lệ.',
    );
    const stranger = form({ [MEMBER.code]: 4 });
    stranger.candidates.push({ code: 'STP-HN', name: 'Sở Tư pháp Hà Nội', score: null, votes: 1 });
    expect(() => saveAcclamation(l.ws, l.group.id, stranger)).toThrow('Không phải đơn vị thành viên của Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc: STP-HN.');
    expect(() => saveAcclamation(l.ws, l.group.id, form({ [MEMBER.code]: 4 }, { threshold: { numerator: 3, denominator: 2 } }))).toThrow('Tỷ lệ suy tôn không được quá 100 %.');
    expect(currentRecords(l.ws.db, 'acclamation', GROUP, YEAR)).toEqual([]);
    await expect(exportMinistry(l.ws, l.group.id)).rejects.toThrow('Chưa ghi kết quả Hội nghị và suy tôn: hãy ghi và lưu trước khi in.');
    saveAcclamation(l.ws, l.group.id, form({ [MEMBER.code]: 3 }));
    await expect(exportMinistry(l.ws, l.group.id)).rejects.toThrow('Chưa gửi được: không có đơn vị nào được suy tôn tại Hội nghị.');
    saveAcclamation(l.ws, l.group.id, form({ [MEMBER.code]: 5, [CB.code]: 4 }));
    await expect(exportMinistry(l.ws, l.group.id)).rejects.toThrow('Chưa gửi được: chưa có gói hồ sơ đề nghị khen thưởng của Sở Tư pháp tỉnh Hà Giang; Sở Tư pháp tỉnh Cao Bằng.');
    on('2025-11-30');
    const m = await makeUnit(MEMBER);
    const g = saveGroup(m.ws, groupInputSchema.parse(members()));
    expect(() => acclamationView(m.ws, g.id)).toThrow('Chỉ Trưởng Khu vực/Cụm tổ chức Hội nghị và ghi kết quả suy tôn.');
  });
});

describe('the suy tôn record with an impossible date', () => {
  it.each([
    ['2025-02-30', 'Ngày Hội nghị không phải là một ngày có thật.'],
    ['2026-13-45', 'Ngày Hội nghị không phải là một ngày có thật.'],
    ['1999-01-01', 'Ngày Hội nghị 01/01/1999 không thuộc đợt xét khen thưởng năm 2025 (Hội nghị trong năm 2025 hoặc năm 2026).'],
  ])('%s is refused in Vietnamese, nothing saved and no deadline set', async (date, reason) => {
    const l = await leaderYear();
    const f = form({ [MEMBER.code]: 5 });
    f.conference.date = date;
    expect(() => saveAcclamation(l.ws, l.group.id, f)).toThrow(`Chưa ghi được kết quả suy tôn: ${reason}`);
    expect(currentRecords(l.ws.db, 'acclamation', GROUP, YEAR)).toEqual([]);
  });
});

describe('the four papers', () => {
  it('are written into documents/, name the units and the numbers, and open in LibreOffice', async () => {
    const l = await leaderYear();
    saveAcclamation(l.ws, l.group.id, form({ [MEMBER.code]: 4, [CB.code]: 3, [LC.code]: 6 }));
    const files = await printAcclamation(l.ws, l.group.id);
    expect(files.map((f) => path.relative(l.ws.dataDir, f))).toEqual([
      'documents/phieu-suy-ton-2025-KVTD-MNPB.docx',
      'documents/bien-ban-kiem-phieu-2025-KVTD-MNPB.docx',
      'documents/bien-ban-hoi-nghi-tong-ket-2025-KVTD-MNPB.docx',
      'documents/danh-sach-don-vi-duoc-suy-ton-2025-KVTD-MNPB.docx',
    ]);
    const texts: string[] = [];
    for (const f of files) {
      const { errors, parts } = await parseDocx(f);
      expect(errors).toEqual([]);
      // LibreOffice's per cent sign never leaves its number: a no-break space.
      texts.push(documentText(parts).replace(/\u00a0/g, ' '));
    }
    const [ballot, count, minutes, list] = texts as [string, string, string, string];
    expect(ballot).toContain('PHIẾU SUY TÔN');
    for (const name of ['Sở Tư pháp tỉnh Cao Bằng', 'Sở Tư pháp tỉnh Hà Giang', 'Sở Tư pháp tỉnh Lào Cai']) expect(ballot).toContain(name);
    expect(ballot).toContain('Bỏ phiếu kín');
    expect(count).toContain('BIÊN BẢN KIỂM PHIẾU');
    expect(count).toContain('Số phiếu hợp lệ: 06');
    expect(count).toContain('từ 2/3 tổng số đơn vị thành viên (6 đơn vị) trở lên, tức ít nhất 4 phiếu đồng ý');
    expect(count).toContain('Sở Tư pháp tỉnh Hà Giang (4/6 phiếu, 66,67 %)');
    expect(minutes).toContain('Đặng Văn Bình');
    expect(minutes).toContain('Đại biểu Cao Bằng');
    expect(minutes).toContain('Hội nghị thống nhất suy tôn 02 đơn vị');
    expect(list).toContain('6/6');
    expect(list).toContain('Tổng cộng: 02 đơn vị.');
    expect(list).not.toContain('Sở Tư pháp tỉnh Cao Bằng');
    const dir = tempDir('acclamation-pdf-');
    const profile = tempDir('lo-profile-');
    execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore', timeout: 240_000 });
    for (const f of files) expect(fs.existsSync(path.join(dir, path.basename(f).replace(/\.docx$/, '.pdf'))), f).toBe(true);
  }, 300_000);
});

/** A member proposes itself for the Cờ with every required scan and sends its dossier bundle. */
async function memberSends(u: Unit) {
  const m = await makeUnit(u);
  const g = saveGroup(m.ws, groupInputSchema.parse(members()));
  const unitId = listNominees(m.ws).find((n) => n.name === u.name)!.id;
  const d = createDossier(m.ws, g.id, unitId, 'CO_BTP');
  for (const p of d.parts.filter((x) => x.required)) {
    const scan = path.join(tempDir('scan-'), `${p.part}.pdf`);
    fs.writeFileSync(scan, `%PDF-1.4\n% ${u.code} ${p.part}\n`);
    await attachScan(m.ws, g.id, d.recordId, p.part, scan, `${p.part}.pdf`);
  }
  return { ...m, sent: await exportDossiers(m.ws, g.id) };
}

/** Hà Giang and Cao Bằng send real dossier bundles on 05/12; the leader imports them and holds the conference on 15/01. */
async function conferenceWithBundles() {
  on('2025-12-05');
  const leader = await makeUnit(LEADER);
  const hg = await memberSends(MEMBER);
  const cb = await memberSends(CB);
  const group = saveGroup(leader.ws, groupInputSchema.parse(members({ [MEMBER.code]: hg.unit.keyId, [CB.code]: cb.unit.keyId })));
  on('2025-12-06');
  for (const b of [hg.sent.path, cb.sent.path]) {
    const landed = await importBundleFile(leader.ws, file(b));
    expect(landed.status, landed.reason).toBe('accepted');
  }
  on('2026-01-16');
  return { leader, group, hg, cb };
}

describe('the bundle for the Ministry’s council', () => {
  it('carries the vote, the voted units’ dossier bundles byte for byte as received and the papers, passes verification, and states the deadline 5 days after the conference', async () => {
    const { leader, group, hg, cb } = await conferenceWithBundles();
    const board = dossierBoard(leader.ws.db, group.id);
    expect(board.units.find((u) => u.code === MEMBER.code)!.stateText).toBe('Đã nhận 1 hồ sơ, ngày 06/12/2025');
    expect(acclamationView(leader.ws, group.id).defaults.candidates.map((c) => c.code)).toEqual([CB.code, MEMBER.code]);
    saveAcclamation(leader.ws, group.id, form({ [MEMBER.code]: 5, [CB.code]: 4, [LC.code]: 2 }));
    const sent = await exportMinistry(leader.ws, group.id);
    expect(sent.units).toEqual(['Sở Tư pháp tỉnh Hà Giang', 'Sở Tư pháp tỉnh Cao Bằng']);
    expect(sent.milestone).toEqual({ key: 'award-dossiers', title: expect.stringContaining('đã được suy tôn') as string, deadline: '2026-01-20' });

    const v = await verifyBundleFile(sent.path, bundleKinds);
    expect(v.header).toMatchObject({ kind: 'award_submission', recipient: { unit_codes: [MINISTRY_CODE] }, milestone: 'award-dossiers', sender: { unit_code: LEADER.code } });
    expect(v.header.records.map((r) => r.type).sort()).toEqual(['acclamation', 'consolidated']);
    const entries = new Map((await readZip(sent.path)).map((e) => [e.name, e.data]));
    const inner = [...entries.keys()].filter((n) => n.startsWith('data/bundles/'));
    expect(inner).toHaveLength(2);
    const archived = leader.ws.db.select().from(schema.receivedBundles).all();
    for (const [who, original] of [[MEMBER.code, hg.sent.path], [CB.code, cb.sent.path]] as const) {
      const row = archived.find((r) => r.senderCode === who)!;
      const carried = entries.get(`data/bundles/${row.bundleId}.tdkt`)!;
      // Unchanged: the member's own file, the leader's archived copy and what the Ministry gets are the same bytes.
      expect(carried.equals(fs.readFileSync(original))).toBe(true);
      expect(carried.equals(fs.readFileSync(path.join(leader.ws.dataDir, row.archivePath)))).toBe(true);
      const out = path.join(tempDir('inner-'), 'inner.tdkt');
      fs.writeFileSync(out, carried);
      expect((await verifyBundleFile(out, bundleKinds)).header.sender.unit_code).toBe(who);
    }
    // What the Ministry can check with no key pinned: each inner bundle's own signature, and `thidua verify` says so.
    expect((await verifyCarried(sent.path, bundleKinds)).map((c) => [c.senderCode, c.kind, c.problem])).toEqual([
      [MEMBER.code, 'dossier', null],
      [CB.code, 'dossier', null],
    ]);
    const cli = spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'verify', sent.path], { encoding: 'utf8' });
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout.match(/^ {2}HỢP LỆ {2}kèm theo data\/bundles\/.*, dossier, số 1, khóa /gm)).toHaveLength(2);
    expect([...entries.keys()].filter((n) => n.startsWith('data/documents/')).sort()).toEqual([
      'data/documents/bien-ban-hoi-nghi-tong-ket-2025-KVTD-MNPB.docx',
      'data/documents/bien-ban-kiem-phieu-2025-KVTD-MNPB.docx',
      'data/documents/danh-sach-don-vi-duoc-suy-ton-2025-KVTD-MNPB.docx',
      'data/documents/phieu-suy-ton-2025-KVTD-MNPB.docx',
    ]);
    // The leader's home screen counts the step as sent, on time.
    expect(memberDeadlines(leader.ws.db, group.id, { today: '2026-01-16T03:00:00.000Z' }).milestones.find((m) => m.key === 'award-dossiers')).toMatchObject({ state: 'on_time', deadline: '2026-01-20' });
    // The vote as sent is frozen: a correction becomes version 2.
    expect(acclamationView(leader.ws, group.id).saved).toMatchObject({ version: 1, status: 'frozen' });
    expect(saveAcclamation(leader.ws, group.id, form({ [MEMBER.code]: 6, [CB.code]: 4 })).saved).toMatchObject({ version: 2, status: 'draft' });
  }, 60_000);

  it('is refused while a voted unit’s dossier bundle is missing here, or its archived copy was changed', async () => {
    const { leader, group } = await conferenceWithBundles();
    saveAcclamation(leader.ws, group.id, form({ [MEMBER.code]: 5, [LC.code]: 4 }));
    await expect(exportMinistry(leader.ws, group.id)).rejects.toThrow('Chưa gửi được: chưa có gói hồ sơ đề nghị khen thưởng của Sở Tư pháp tỉnh Lào Cai.');
    saveAcclamation(leader.ws, group.id, form({ [MEMBER.code]: 5, [CB.code]: 4 }));
    const row = leader.ws.db.select().from(schema.receivedBundles).all().find((r) => r.senderCode === CB.code)!;
    const archive = path.join(leader.ws.dataDir, row.archivePath);
    const bytes = fs.readFileSync(archive);
    bytes[bytes.length - 30]! ^= 0xff;
    fs.writeFileSync(archive, bytes);
    await expect(exportMinistry(leader.ws, group.id)).rejects.toThrow(`Bản lưu gói số ${row.seq} của STP-CB bị hỏng`);
    expect(leader.ws.db.select().from(schema.sentBundles).all()).toEqual([]);
    expect(acclamationView(leader.ws, group.id).saved).toMatchObject({ status: 'draft' });
  }, 60_000);
});
