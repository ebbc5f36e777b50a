import fsp from 'node:fs/promises';
import path from 'node:path';
import data from '../../resources/demo/khu-vuc-mien-nui-phia-bac.json';
import { openWorkspace, type Workspace } from '../services/workspace/workspace';
import { setupUnit } from '../services/units-keys/units';
import { nowIso, SetClock } from '../services/workspace/clock';
import { findGroup, saveGroup } from '../services/groups-calendar/groups';
import { saveStaff } from '../services/registration/staff';
import { saveRegistration } from '../services/registration/registration';
import { exportRegistration, printRegistration } from '../services/registration/export';
import { printConsolidated } from '../services/registration/consolidated-export';
import { decideQuarantine, importBundleFiles, listQuarantine } from '../services/bundles/importer';
import { exportConsolidated } from '../services/bundles/consolidated';
import { writeReceipts } from '../services/bundles/receipts';
import { publishKickoff } from '../services/groups-calendar/kickoff';
import { memberDeadlines } from '../services/groups-calendar/home';
import { statusBoard } from '../services/groups-calendar/status-board';
import { exportStatusBoard, planView, printPlan, savePlan } from '../services/groups-calendar/year-plan';
import { overview } from '../services/registration/overview';
import { formatDateVi } from '../services/text/vietnamese';
import type { GroupInput, OwnUnit } from '../ipc/contract';
import { groupInputSchema } from '../ipc/contract';
import { startFromSample } from '../services/scoring/criteria';
import { rankingView } from '../services/scoring/ranking-view';
import { exportRanking } from '../services/scoring/ranking-export';
import { ownVerifiedScores, sendVerifiedScores } from '../services/scoring/verification';
import { formatPoints } from '../services/text/points';
import { selfAssess, verifyMember } from './demo-scoring';
import { holdConference, proposeAwards } from './demo-awards';

type Member = (typeof data.members)[number];

/** A small deterministic generator, so every run of the demonstration tells the same story. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function person(rand: () => number, female: boolean): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const n = data.names;
  return `${pick(n.familyNames)} ${pick(female ? n.middleNamesFemale : n.middleNamesMale)} ${pick(female ? n.givenNamesFemale : n.givenNamesMale)}`;
}

/** Every installation of the demonstration reads one clock, moved through the year as the story goes. */
/** The demonstration's year: every date of the story is in it. */
const Y = data.group.year;
const clock = new SetClock(`${Y}-01-20T08:00:00+07:00`);
const at = (iso: string) => clock.set(iso);

interface Registered {
  file: string;
  /** A second version, sent later with a change, for a unit that corrects its registration. */
  correction?: string;
}

async function registerMember(ws: Workspace, unit: OwnUnit, member: Member, index: number, groupId: number, log: (s: string) => void): Promise<Registered> {
  const rand = random(index * 7919 + 17);
  const staffing = data.staffing[member.kind as 'so_tu_phap' | 'thads'];
  const headName = person(rand, rand() < 0.4);
  const staff = [
    saveStaff(ws, { fullName: headName, birthYear: 1965 + Math.floor(rand() * 10), gender: 'nam', position: staffing.head, department: 'Lãnh đạo' }),
    ...staffing.positions.map(([position, department]) => {
      const female = rand() < 0.5;
      return saveStaff(ws, { fullName: person(rand, female), birthYear: 1970 + Math.floor(rand() * 28), gender: female ? 'nu' : 'nam', position: position!, department: department!, allowDuplicate: true });
    }),
  ];
  const late = data.lateUnits.includes(member.code);
  const day = late ? 14 : 3 + (index % 6);
  const date = `${Y}-02-${String(day).padStart(2, '0')}`;
  at(`${date}T08:30:00+07:00`);
  const titles = member.role === 'leader' || index % 3 === 0 ? ['TTLDXS', 'CO_BTP'] : index % 3 === 1 ? ['TTLDXS', 'BK_BTP_TT'] : ['TTLDXS'];
  const input = {
    groupId,
    numberSymbol: `${String(10 + index).padStart(2, '0')}/${staffing.symbol}`,
    place: member.province,
    documentDate: date,
    signerAuthority: '',
    signerTitle: staffing.head.toUpperCase(),
    signerName: headName,
    recipients: ['Như trên', 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp', 'Lãnh đạo đơn vị', 'Lưu: VT, VP'],
    collective: titles.map((titleCode) => ({ titleCode, note: '' })),
    individuals: staff.map((s, i) => ({ staffId: s.id, titleCode: i === 0 ? 'CSTDCS' : i === 1 ? 'BK_BTP_CN' : i === 2 ? 'CSTDCS' : 'LDTT' })),
    commitments: [
      { kind: 'key_task' as const, content: staffing.keyTask },
      { kind: 'project' as const, content: staffing.project },
      { kind: 'other' as const, content: 'Thực hiện tốt văn hóa công sở; 100% công chức, người lao động hoàn thành nhiệm vụ, không có cá nhân bị kỷ luật.' },
    ],
  };
  saveRegistration(ws, input);
  const exported = await exportRegistration(ws, groupId);
  log(`  ${unit.name}: đăng ký ngày ${formatDateVi(date)}, ${staff.length} cá nhân, gói số ${exported.seq}${late ? ' (gửi chậm)' : ''}`);
  if (!data.resubmittedUnits.includes(member.code)) return { file: exported.path };
  // Corrected before the deadline: one more collective title, sent as version 2.
  at(`${Y}-02-09T15:00:00+07:00`);
  saveRegistration(ws, { ...input, collective: [...input.collective, { titleCode: 'BK_BTP_TT', note: 'Bổ sung theo góp ý của Trưởng Khu vực' }] });
  const corrected = await exportRegistration(ws, groupId);
  log(`  ${unit.name}: gửi lại bản đăng ký đã sửa (phiên bản ${corrected.version}) ngày 09/02/${Y}, gói số ${corrected.seq}`);
  return { file: exported.path, correction: corrected.path };
}

interface Install {
  member: Member;
  ws: Workspace;
  unit: OwnUnit;
}

/**
 * November: every member scores itself with evidence (two leave required evidence out, one first
 * types a deduction beyond its cap); the Cục THADS go through the deputy again; the leader verifies,
 * ranks, prints the ranking, and sends the verified scores back in the receipts.
 */
async function scoringRound(ctx: {
  installs: Install[];
  leader: Install;
  deputy: Install;
  leaderGroupId: number;
  out: string;
  dirs: Record<'toDeputy' | 'toLeader' | 'receipts' | 'documents', string>;
  log: (s: string) => void;
}): Promise<void> {
  const { installs, leader, deputy, leaderGroupId, out, log } = ctx;
  const usb = { toDeputy: path.join(out, 'usb', '5-tu-cham-gui-pho-truong'), toLeader: path.join(out, 'usb', '6-tu-cham-gui-truong'), results: path.join(out, 'usb', '7-ket-qua-tham-dinh') };
  for (const d of Object.values(usb)) await fsp.mkdir(d, { recursive: true });
  log('10. Các đơn vị tự chấm điểm theo bảng tiêu chí, đính kèm minh chứng và ký gói tự chấm điểm:');
  const scorers = installs.filter((i) => !data.missingUnits.includes(i.member.code));
  for (const [index, { member, ws, unit }] of scorers.entries()) {
    at(`${Y}-11-0${1 + (index % 4)}T09:00:00+07:00`);
    const result = await selfAssess(
      ws,
      unit,
      data.group.code,
      data.group.year,
      random(index * 104729 + 3),
      { evidenceDir: path.join(out, 'minh-chung', unit.code), lackEvidence: index % 5 === 2, overCap: index === 1 },
      log,
    );
    const gathered = member.role === 'member' && member.kind === 'thads';
    await carry(result.file, gathered || member.role === 'leader' ? usb.toDeputy : usb.toLeader);
    log(`  ${unit.name}: tự chấm ${formatPoints(result.total)} điểm${result.lacking ? `, ${result.lacking} tiêu chí bắt buộc có minh chứng nhưng chưa kèm` : ''}.`);
  }
  at(`${Y}-11-08T09:00:00+07:00`);
  await importBundleFiles(deputy.ws, await inFolder(usb.toDeputy));
  const forwarded = await exportConsolidated(deputy.ws, findGroup(deputy.ws.db, data.group.code, data.group.year)!.id, { kinds: ['self_assessment'] });
  await carry(forwarded.path, usb.toLeader);
  at(`${Y}-11-10T09:00:00+07:00`);
  const landed = await importBundleFiles(leader.ws, await inFolder(usb.toLeader));
  log(`11. ${leader.unit.name} nhập ${landed.filter((r) => r.status === 'accepted').length} gói tự chấm điểm (các Cục THADS qua gói tổng hợp của Phó Trưởng) và thẩm định từng tiêu chí:`);
  for (const { unit } of scorers) {
    const v = verifyMember(leader.ws, leaderGroupId, unit.code);
    if (v.markedDown) log(`  ${unit.name}: tự chấm ${formatPoints(v.self)}, thẩm định ${formatPoints(v.verified)} (${v.markedDown} tiêu chí không có minh chứng bị chấm 0 điểm).`);
  }
  const ranking = rankingView(leader.ws, leaderGroupId, 'all');
  const rankingFiles = [await exportRanking(leader.ws, leaderGroupId, 'all', 'docx'), await exportRanking(leader.ws, leaderGroupId, 'all', 'xlsx')];
  for (const f of rankingFiles) await fsp.copyFile(f, path.join(ctx.dirs.documents, path.basename(f)));
  log(`12. Xếp hạng theo điểm thẩm định: ${ranking.rows.slice(0, 3).map((r) => `${r.rank}. ${r.name} (${formatPoints(r.total)})`).join('; ')}; … ${ranking.tieBreak}`);
  log(`    Bảng tổng hợp kết quả chấm điểm, xếp hạng thi đua: ${rankingFiles.map((f) => path.basename(f)).join(', ')}.`);
  at(`${Y}-11-15T09:00:00+07:00`);
  const results = await sendVerifiedScores(leader.ws, leaderGroupId, usb.results);
  let back = 0;
  for (const { ws, unit } of installs) {
    const mine = results.filter((r) => r.senderCode === unit.code).map((r) => ({ path: r.file, name: path.basename(r.file) }));
    if (mine.length) back += (await importBundleFiles(ws, mine)).filter((r) => r.status === 'accepted').length;
  }
  const marked = scorers.map((s) => ({ s, result: ownVerifiedScores(s.ws, findGroup(s.ws.db, data.group.code, data.group.year)!.id) })).find((x) => x.result?.changes.length);
  const change = marked?.result?.changes[0];
  log(
    `13. Trưởng gửi ${results.length} biên nhận kèm điểm thẩm định; ${back} đã về đơn vị.${
      marked && change ? ` ${marked.s.unit.name} thấy: mục ${change.number} "${change.content}" từ ${formatPoints(change.selfPoints)} xuống ${formatPoints(change.verifiedPoints)} điểm, lý do "${change.reason}".` : ''
    }`,
  );
}

/** Who proposes awards in the demonstration, and what goes wrong for whom. */
const proposers: Record<string, 'none' | 'missing_scan' | 'unmet_condition'> = { 'STP-TQ': 'none', 'STP-HG': 'none', 'STP-CB': 'missing_scan', 'STP-BK': 'unmet_condition', 'STP-LC': 'none', 'THADS-HG': 'none' };

/**
 * The award round: units enter their history, hold their council and build their dossiers (one is
 * refused while a part lacks its signed scan; one proposes a person short of a condition); the Cục
 * THADS go through the deputy again; the leader imports them all.
 */
async function awardRound(ctx: { installs: Install[]; leader: Install; deputy: Install; out: string; dirs: Record<'documents', string>; log: (s: string) => void }): Promise<void> {
  const { installs, leader, deputy, out, log } = ctx;
  const usb = { toDeputy: path.join(out, 'usb', '8-ho-so-gui-pho-truong'), toLeader: path.join(out, 'usb', '9-ho-so-gui-truong') };
  for (const d of Object.values(usb)) await fsp.mkdir(d, { recursive: true });
  log('14. Hồ sơ đề nghị khen thưởng: các đơn vị nhập lịch sử danh hiệu, họp Hội đồng Thi đua – Khen thưởng, lập hồ sơ và ký gói:');
  for (const [index, { member, ws, unit }] of installs.filter((i) => proposers[i.member.code]).entries()) {
    at(`${Y}-11-0${1 + (index % 4)}T14:00:00+07:00`);
    const flaw = proposers[member.code]!;
    const result = await proposeAwards({ ws, unit, groupCode: data.group.code, year: data.group.year, flaw, scansDir: path.join(out, 'ban-scan', unit.code) });
    const flagged = result.dossiers.filter((d) => d.eligibility.status !== 'met');
    const notes = flagged.map((d) => `${d.nominee.name} – ${d.award.name}: ${d.eligibility.statusLabel.toLowerCase()} (${d.eligibility.reason})`);
    if (!result.file) {
      log(`  ${unit.name}: chưa gửi được — ${result.refused}`);
      continue;
    }
    if (member.role === 'leader') {
      log(`  ${unit.name} (Trưởng): ${result.dossiers.length} hồ sơ của chính mình, đưa thẳng vào Hội nghị.`);
      continue;
    }
    const gathered = member.role === 'member' && member.kind === 'thads';
    await carry(result.file, gathered ? usb.toDeputy : usb.toLeader);
    log(`  ${unit.name}: ${result.dossiers.length} hồ sơ đủ thành phần, đã ký gói${notes.length ? `; lưu ý: ${notes.join('; ')}` : ''}.`);
  }
  at(`${Y}-11-08T09:00:00+07:00`);
  await importBundleFiles(deputy.ws, await inFolder(usb.toDeputy));
  const forwarded = await exportConsolidated(deputy.ws, findGroup(deputy.ws.db, data.group.code, data.group.year)!.id, { kinds: ['dossier'] });
  await carry(forwarded.path, usb.toLeader);
  at(`${Y}-11-10T09:00:00+07:00`);
  const landed = await importBundleFiles(leader.ws, await inFolder(usb.toLeader));
  log(`15. ${leader.unit.name} nhập ${landed.filter((r) => r.status === 'accepted').length} gói hồ sơ khen thưởng (các Cục THADS qua gói tổng hợp của Phó Trưởng).`);

  at(`${Y}-11-25T14:00:00+07:00`);
  const votes = { 'STP-TQ': 26, 'STP-HG': 25, 'THADS-HG': 23, 'STP-LC': 17, 'STP-BK': 12 };
  const c = await holdConference(leader.ws, data.group.code, data.group.year, votes, [...data.missingUnits]);
  const b = c.board.counts;
  log(`    Bảng hồ sơ: ${b.sent}/${b.units} đơn vị đã gửi, ${b.dossiers} hồ sơ, ${b.incomplete} thiếu thành phần, ${b.flagged} chưa đủ điều kiện:`);
  for (const u of c.board.units) for (const d of u.dossiers.filter((x) => x.eligibility.flagged)) log(`      ${u.name}: ${d.nominee.name} – ${d.award.name}: ${d.eligibility.label}.`);
  log(`16. Hội nghị tổng kết bỏ phiếu kín suy tôn: ${c.result.thresholdText}`);
  for (const r of c.result.rows) log(`      ${r.name}: ${r.share}, ${r.outcomeText.toLowerCase()}.`);
  const conferenceDir = path.join(ctx.dirs.documents, 'hoi-nghi');
  await fsp.mkdir(conferenceDir, { recursive: true });
  for (const f of c.papers) await fsp.copyFile(f, path.join(conferenceDir, path.basename(f)));
  const ministry = await carry(c.sent.path, path.join(out, 'usb', '10-gui-bo'));
  log(`17. Phiếu suy tôn, biên bản kiểm phiếu, biên bản Hội nghị, danh sách suy tôn trong ${shown(conferenceDir)}; gói gửi Hội đồng Thi đua – Khen thưởng ngành ${shown(ministry)} mang nguyên gói hồ sơ của ${c.sent.units.join(', ')}. ${c.milestone?.text ?? ''}`);
  // Each proposer's own papers: the tờ trình, danh sách, báo cáo thành tích, biên bản và danh sách của Hội đồng.
  for (const { ws, unit } of installs.filter((i) => proposers[i.member.code])) {
    const dir = path.join(ctx.dirs.documents, unit.code);
    await fsp.mkdir(dir, { recursive: true });
    const own = path.join(ws.dataDir, 'documents');
    for (const f of (await fsp.readdir(own)).filter((n) => /^(to-trinh|danh-sach-de-nghi|danh-sach-hoi-dong|bao-cao-thanh-tich|bien-ban-hop-hoi-dong)/.test(n))) await fsp.copyFile(path.join(own, f), path.join(dir, f));
  }
}

/** Copies a bundle onto the "USB stick" of whoever carries it next. */
async function carry(file: string, folder: string): Promise<string> {
  await fsp.mkdir(folder, { recursive: true });
  const dest = path.join(folder, path.basename(file));
  await fsp.copyFile(file, dest);
  return dest;
}

/** A folder as the person running the demonstration would type it: relative when it is below here. */
const shown = (p: string) => {
  const relative = path.relative(process.cwd(), p);
  return relative && !relative.startsWith('..') ? relative : p;
};

const inFolder = async (folder: string) => (await fsp.readdir(folder)).sort().map((n) => ({ path: path.join(folder, n), name: n }));

/**
 * The year of seed 000's plan (2022), replayed in 2024 (the award catalogue holds no rules before
 * it), one installation per member unit: the leader builds the group and the plan and publishes the
 * kickoff, which every member imports once; the members sign their registrations (some late, one
 * missing, one corrected); the Cục THADS members' bundles go through the deputy's consolidated
 * bundle; the leader imports everything, confirms the one key it had not, and writes receipts that go
 * back to every sender; the status board, the plan and the consolidated table are written to
 * DIR/documents as DOCX and .xlsx. Then the scoring round and the award round.
 */
export async function runDemo(outDir: string, log: (s: string) => void): Promise<void> {
  const started = Date.now();
  const out = path.resolve(outDir);
  await fsp.rm(out, { recursive: true, force: true });
  const dirs = {
    units: path.join(out, 'units'),
    documents: path.join(out, 'documents'),
    kickoff: path.join(out, 'usb', '1-khoi-dong'),
    toDeputy: path.join(out, 'usb', '2-gui-pho-truong'),
    toLeader: path.join(out, 'usb', '3-gui-truong'),
    receipts: path.join(out, 'usb', '4-bien-nhan'),
  };
  for (const d of Object.values(dirs)) await fsp.mkdir(d, { recursive: true });

  log(`Trình diễn: ${data.group.name} năm ${data.group.year} (${data.members.length} đơn vị).`);
  at(`${Y}-01-20T08:00:00+07:00`);
  const installs = await Promise.all(
    data.members.map(async (member) => {
      const ws = openWorkspace({ dataDir: path.join(dirs.units, member.code), clock });
      const unit = await setupUnit(ws, { code: member.code, name: member.name, kind: member.kind as OwnUnit['kind'], province: member.province, parentName: member.parentName });
      return { member, ws, unit };
    }),
  );
  log(`1. Đã cài đặt ${installs.length} đơn vị, mỗi đơn vị một cơ sở dữ liệu và một khóa ký Ed25519.`);

  // The leader reads members' fingerprints over the phone and pins them in its group setup; one
  // member's key is left unconfirmed so its bundle waits in quarantine. The deputy gathers the Cục THADS.
  const leader = installs.find((i) => i.member.role === 'leader')!;
  const deputy = installs.find((i) => i.member.role === 'deputy')!;
  const group: GroupInput = {
    ...data.group,
    kind: 'khu_vuc',
    members: installs.map(({ member, unit }) => ({
      code: member.code,
      name: member.name,
      kind: member.kind as OwnUnit['kind'],
      province: member.province,
      parentName: member.parentName,
      role: member.role as 'leader' | 'deputy' | 'member',
      fingerprint: !data.unconfirmedKeyUnits.includes(member.code) ? unit.keyId : '',
      gatheredByDeputy: member.role === 'member' && member.kind === 'thads',
    })),
  };
  const leaderGroup = saveGroup(leader.ws, groupInputSchema.parse(group));
  // The year's table starts from the sample that ships with the app; the self-assessment is dated with the year-end report.
  startFromSample(leader.ws, leaderGroup.id);
  const plan = planView(leader.ws, leaderGroup.id).plan;
  const yearEnd = plan.milestones.find((m) => m.key === 'year-end-report')!;
  savePlan(leader.ws, leaderGroup.id, {
    ...plan,
    milestones: [...plan.milestones, { ...yearEnd, key: 'self-assessment', title: `Bảng tự chấm điểm thi đua năm ${data.group.year} kèm tài liệu minh chứng`, deliverable: 'self_assessment', note: '' }],
  });
  const planFile = await printPlan(leader.ws, leaderGroup.id);
  at(`${Y}-01-25T09:00:00+07:00`);
  const kickoff = await carry((await publishKickoff(leader.ws, leaderGroup.id)).path, dirs.kickoff);
  log(`2. ${leader.unit.name} lập kế hoạch năm theo mẫu (${path.basename(planFile)}), bảng tiêu chí chấm điểm từ bảng mẫu, và phát hành gói khởi động ${path.basename(kickoff)}.`);

  at(`${Y}-01-27T10:00:00+07:00`);
  let joined = 0;
  for (const { ws, unit } of installs) {
    if (unit.code === leader.unit.code) continue;
    // The leader's key is new here: the member compares its fingerprint by phone, then confirms it.
    const [held] = await importBundleFiles(ws, [{ path: kickoff, name: path.basename(kickoff) }]);
    const pending = listQuarantine(ws)[0];
    const landed = held?.status === 'quarantined' && pending ? await decideQuarantine(ws, pending.id, true) : held;
    if (landed?.status === 'accepted') joined++;
  }
  log(`3. ${joined} đơn vị nhập gói khởi động, đối chiếu dấu vân tay khóa của Trưởng Khu vực và có ngay Khu vực thi đua, thành viên, lịch năm.`);

  log('4. Các đơn vị lập và ký gói đăng ký thi đua:');
  for (const [index, { member, ws, unit }] of installs.entries()) {
    if (data.missingUnits.includes(member.code)) {
      log(`  ${unit.name}: chưa gửi đăng ký.`);
      continue;
    }
    const groupId = findGroup(ws.db, data.group.code, data.group.year)!.id;
    const sent = await registerMember(ws, unit, member, index, groupId, log);
    // The Cục THADS members send to the deputy, who forwards; the others, and the deputy itself, to the leader; the leader to the deputy.
    const gathered = member.role === 'member' && member.kind === 'thads';
    const to = gathered || member.role === 'leader' ? dirs.toDeputy : dirs.toLeader;
    await carry(sent.file, to);
    if (sent.correction) await carry(sent.correction, to);
  }

  at(`${Y}-02-15T09:00:00+07:00`);
  const atDeputy = await importBundleFiles(deputy.ws, await inFolder(dirs.toDeputy));
  const deputyGroupId = findGroup(deputy.ws.db, data.group.code, data.group.year)!.id;
  const forwarded = await exportConsolidated(deputy.ws, deputyGroupId, { kinds: ['registration'] });
  await carry(forwarded.path, dirs.toLeader);
  log(`5. ${deputy.unit.name} (Phó Trưởng) nhận ${atDeputy.filter((r) => r.status === 'accepted').length} gói, chuyển ${forwarded.forwarded} gói của các Cục THADS cho Trưởng trong một gói tổng hợp có chữ ký của mình.`);

  at(`${Y}-02-16T09:00:00+07:00`);
  const results = await importBundleFiles(leader.ws, await inFolder(dirs.toLeader));
  const count = (s: string) => results.filter((r) => r.status === s).length;
  log(`6. ${leader.unit.name} nhập ${results.length} gói: ${count('accepted')} đã nhận, ${count('quarantined')} chờ xác nhận khóa, ${count('refused')} bị từ chối.`);
  for (const q of listQuarantine(leader.ws)) {
    log(`   Chờ xác nhận: ${q.senderName}, dấu vân tay ${q.fingerprint}: đã gọi điện đối chiếu, xác nhận.`);
    const r = await decideQuarantine(leader.ws, q.id, true);
    results.push(r);
    log(`   ${r.reason}`);
  }
  const acknowledged = results.filter((r) => r.status === 'accepted' && r.acknowledge).map((r) => r.bundleId!);
  const receipts = await writeReceipts(leader.ws, acknowledged, dirs.receipts);
  log(`7. Trưởng ghi ${receipts.length} biên nhận vào ${shown(dirs.receipts)}; mỗi đơn vị nhập biên nhận của mình.`);

  at(`${Y}-02-18T09:00:00+07:00`);
  let confirmed = 0;
  for (const { ws, unit } of installs) {
    const mine = receipts.filter((r) => r.senderCode === unit.code).map((r) => ({ path: r.file, name: path.basename(r.file) }));
    if (!mine.length) continue;
    const back = await importBundleFiles(ws, mine);
    confirmed += back.filter((r) => r.status === 'accepted').length;
  }
  const hg = installs.find((i) => data.resubmittedUnits.includes(i.member.code))!;
  const hgHome = memberDeadlines(hg.ws.db, findGroup(hg.ws.db, data.group.code, data.group.year)!.id, { today: nowIso(clock) });
  const hgRegistration = hgHome.milestones.find((m) => m.deliverable === 'registration')!;
  log(`   ${confirmed} biên nhận đã về đơn vị gửi. Màn hình việc cần làm của ${hg.unit.name}: "${hgRegistration.stateText} ${hgRegistration.receiptText}"`);

  at(`${Y}-02-25T10:00:00+07:00`);
  const groupId = leaderGroup.id;
  const board = statusBoard(leader.ws.db, groupId, { today: nowIso(clock) });
  const column = board.columns.findIndex((c) => c.deliverable === 'registration' && c.from === 'member');
  const totals = board.columns[column]!.totals;
  const lateNames = board.rows.filter((r) => r.cells[column]?.state === 'late').map((r) => r.name);
  const missingNames = board.rows.filter((r) => r.cells[column]?.state === 'missing').map((r) => r.name);
  log(`8. Bảng theo dõi: đăng ký đã nhận ${totals.received}/${totals.expected}, gửi chậm: ${lateNames.join(', ') || 'không'}; chưa gửi: ${missingNames.join(', ') || 'không'}.`);
  const everything = { groupId, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false } as const;
  const view = overview(leader.ws, everything);
  log(`   Bảng tổng hợp đăng ký: ${view.rows.length} dòng (${view.rows.filter((r) => r.scope === 'collective').length} tập thể, ${view.rows.filter((r) => r.scope === 'individual').length} cá nhân).`);
  const documents = [
    planFile,
    await exportStatusBoard(leader.ws, groupId, 'all', 'docx'),
    await exportStatusBoard(leader.ws, groupId, 'all', 'xlsx'),
    await printConsolidated(leader.ws, everything),
    await printRegistration(leader.ws, groupId),
  ];
  for (const f of documents) await fsp.copyFile(f, path.join(dirs.documents, path.basename(f)));
  log(`9. Văn bản của Trưởng Khu vực trong ${shown(dirs.documents)}: ${documents.map((f) => path.basename(f)).join(', ')}.`);

  await scoringRound({ installs, leader, deputy, leaderGroupId: groupId, out, dirs, log });
  await awardRound({ installs, leader, deputy, out, dirs, log });

  for (const { ws } of installs) ws.close();
  log(`Xong trong ${((Date.now() - started) / 1000).toFixed(1)} giây. Cơ sở dữ liệu của Trưởng Khu vực: ${path.join(leader.ws.dataDir, 'thidua.sqlite')}`);
}
