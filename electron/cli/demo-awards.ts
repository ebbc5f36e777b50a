import fsp from 'node:fs/promises';
import path from 'node:path';
import { printCouncilList, saveCouncil } from '../services/awards/council';
import { listNominees, saveYearFacts } from '../services/awards/history';
import type { NomineeSummary } from '../services/awards/history-schemas';
import { yearFacts } from '../services/awards/schemas';
import { UserError } from '../services/errors';
import { findGroup } from '../services/groups-calendar/groups';
import { attachScan, createDossier, listDossiers, saveAchievements } from '../services/dossiers/dossier';
import { generatePart } from '../services/dossiers/documents';
import { exportDossiers } from '../services/dossiers/export';
import { acclamationView, dossierBoard, printAcclamation, saveAcclamation } from '../services/dossiers/conference';
import { exportMinistry } from '../services/dossiers/ministry';
import type { DossierView } from '../services/dossiers/view-schemas';
import { requireOwnUnit } from '../services/units-keys/units';
import type { Workspace } from '../services/workspace/workspace';
import { evidenceBytes } from './demo-scoring';

/**
 * The award round of the demonstration, for one member unit: its history of past years, its own
 * council's meeting, and its dossiers built, generated, signed, scanned and sent.
 */

export interface Proposer {
  ws: Workspace;
  unit: { code: string; name: string };
  groupCode: string;
  year: number;
  /** What goes wrong, as it does in real offices: a part left without its signed scan, or a person short of a condition. */
  flaw: 'none' | 'missing_scan' | 'unmet_condition';
  scansDir: string;
}


/** The unit's last two years, excellent both (Bằng khen của Bộ trưởng needs two in a row), and its head's year. */
function enterHistory(p: Proposer, unit: NomineeSummary, head: NomineeSummary): void {
  const y = p.year;
  saveYearFacts(p.ws, unit.id, yearFacts(y - 1, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [{ code: 'TTLDXS', decision: { number: `${120 + y % 100}/QĐ-UBND`, date: `${y}-01-15` } }], targetsExceeded: true }));
  saveYearFacts(p.ws, unit.id, yearFacts(y, { taskCompletion: 'hoan_thanh_xuat_sac', targetsExceeded: true }));
  // Lao động tiên tiến proposed in the same round; Chiến sĩ thi đua cơ sở then needs an excellent year or a sáng kiến.
  const short = p.flaw === 'unmet_condition';
  saveYearFacts(
    p.ws,
    head.id,
    yearFacts(y, {
      taskCompletion: short ? 'hoan_thanh_tot' : 'hoan_thanh_xuat_sac',
      honours: [{ code: 'LDTT', decision: null }],
      confirmed: ['doan_ket_tham_gia_thi_dua'],
      initiatives: short ? [] : [{ id: `${p.unit.code}-SK-${y}`, title: 'Số hóa hồ sơ đăng ký thi đua, khen thưởng của đơn vị', kind: 'sang_kien', level: 'co_so', decision: { number: `15/QĐ-${p.unit.code}`, date: `${y}-10-20` }, usedFor: null }],
    }),
  );
}

/** The council: the head and six of the unit's people, one away who votes in writing; each proposal voted by all. */
function holdCouncil(p: Proposer, groupId: number, nominees: { id: number; award: string }[], head: NomineeSummary, staff: NomineeSummary[]): void {
  const others = staff.filter((n) => n.id !== head.id).slice(0, 6);
  const secretary = others[others.length - 1]!;
  const members = [
    { name: head.name, position: head.position, role: 'Chủ tịch Hội đồng', attendance: 'present' as const },
    ...others.map((n, i) => ({
      name: n.name,
      position: n.position,
      role: i === 0 ? 'Phó Chủ tịch Hội đồng' : n === secretary ? 'Ủy viên thư ký' : 'Ủy viên',
      attendance: i === 3 ? ('in_writing' as const) : ('present' as const),
    })),
  ];
  saveCouncil(p.ws, groupId, {
    council_name: `Hội đồng Thi đua – Khen thưởng ${p.unit.name}`,
    date: `${p.year}-10-28`,
    start_time: '08:00',
    end_time: '10:30',
    place: `Hội trường ${p.unit.name}`,
    chair: { name: head.name, position: head.position },
    secretary: { name: secretary.name, position: secretary.position },
    members,
    quorum: { numerator: 2, denominator: 3 },
    method: 'bỏ phiếu kín',
    content: 'Hội đồng nghe Thường trực báo cáo thành tích của các tập thể, cá nhân được đề nghị.\nHội đồng thảo luận và bỏ phiếu kín.',
    // Bằng khen của Bộ trưởng has no council vote rule in the catalogue: the unit applies its quy chế's 70 %.
    default_threshold_percent: 70,
    thresholds: [],
    nominations: nominees.map((n) => ({ nomineeId: n.id, award_code: n.award, votes_for: members.length })),
  });
}

/** Generates every part the app prints, then attaches the signed scan of each (one for the batch's tờ trình and minutes). */
async function completeParts(p: Proposer, groupId: number, dossier: DossierView, skip: string | null): Promise<void> {
  for (const part of dossier.parts) {
    if (part.canGenerate) await generatePart(p.ws, groupId, dossier.recordId, part.part);
    if (!part.required || part.part === skip || part.scans.length) continue;
    const shared = part.part === 'proposalLetter' || part.part === 'minutes';
    const file = path.join(p.scansDir, `${shared ? part.part : `${part.part}-${dossier.recordId.slice(0, 8)}`}.pdf`);
    await fsp.writeFile(file, evidenceBytes('pdf', `${p.unit.code} - ${part.name} da ky, dong dau`));
    await attachScan(p.ws, groupId, dossier.recordId, part.part, file, `${part.name} (bản ký, đóng dấu).pdf`, shared);
  }
}

/**
 * A member's award round: history, council, two dossiers (the unit for Bằng khen của Bộ trưởng, its
 * head for Chiến sĩ thi đua cơ sở), documents generated, scans attached, bundle signed. Returns the
 * bundle, or the refusal a person reads when a part is still missing.
 */
export async function proposeAwards(p: Proposer): Promise<{ file: string | null; refused: string | null; dossiers: DossierView[] }> {
  const groupId = findGroup(p.ws.db, p.groupCode, p.year)!.id;
  await fsp.mkdir(p.scansDir, { recursive: true });
  const register = listNominees(p.ws);
  const unit = register.find((n) => n.kind === 'unit')!;
  const head = register.find((n) => n.kind === 'person' && n.division === 'Lãnh đạo')!;
  enterHistory(p, unit, head);
  const proposals = [
    { id: unit.id, award: 'BK_BTP_TT' },
    { id: head.id, award: 'CSTDCS' },
  ];
  holdCouncil(p, groupId, proposals, head, register.filter((n) => n.kind === 'person'));
  for (const { id, award } of proposals) {
    const d = createDossier(p.ws, groupId, id, award);
    saveAchievements(p.ws, groupId, d.recordId, `Năm ${p.year}, ${d.nominee.name} hoàn thành xuất sắc các nhiệm vụ được giao; các chỉ tiêu công tác tư pháp đều đạt và vượt kế hoạch.`);
  }
  // The head's báo cáo thành tích is its own paper (not the batch's): left unscanned, it stops the export.
  const skip = p.flaw === 'missing_scan' ? 'achievementReport' : null;
  for (const d of listDossiers(p.ws, groupId).dossiers) await completeParts(p, groupId, d, d.nominee.kind === 'person' ? skip : null);
  const dossiers = listDossiers(p.ws, groupId).dossiers;
  await printCouncilList(p.ws, groupId);
  try {
    return { file: (await exportDossiers(p.ws, groupId)).path, refused: null, dossiers };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { file: null, refused: error.message, dossiers };
  }
}

/**
 * The leader's conference: the board of every dossier received, the suy tôn recorded under the
 * group's own quy chế (two thirds of all member units, three seats, the higher verified score on a tie
 * at the last seat, secret ballot), its four papers, and the bundle for the Ministry's council with
 * the voted units' dossier bundles inside as received.
 */
export async function holdConference(ws: Workspace, groupCode: string, year: number, votes: Record<string, number>, absent: string[]) {
  const groupId = findGroup(ws.db, groupCode, year)!.id;
  const board = dossierBoard(ws.db, groupId);
  const view = acclamationView(ws, groupId);
  const d = view.defaults;
  const head = listNominees(ws).find((n) => n.kind === 'person' && n.division === 'Lãnh đạo')!;
  saveAcclamation(ws, groupId, {
    award: d.award,
    conference: { date: `${year}-11-25`, start_time: '08:00', end_time: '11:30', venue: d.venue },
    // The leader's head chairs, as its own register names it when the plan names no signer.
    chair: d.chair.name ? d.chair : { name: head.name, position: `${head.position} ${requireOwnUnit(ws.db).name}` },
    secretary: { name: 'Lương Thị Thu', position: 'Chánh Văn phòng Sở Tư pháp tỉnh Tuyên Quang' },
    // Two delegates of member units count the ballots (names as the conference chose them).
    counting_board: [
      { name: 'Hoàng Văn Thái', unit: view.members[0]!.name, role: 'Trưởng ban' },
      { name: 'Nông Thị Hạnh', unit: view.members[1]!.name, role: 'Thành viên' },
    ],
    present: d.present.filter((code) => !absent.includes(code)).map((code) => ({ code, delegates: [] })),
    candidates: d.candidates.map((c) => ({ ...c, votes: votes[c.code] ?? 0 })),
    invalid: 1,
    rules: { threshold: { numerator: 2, denominator: 3 }, base: 'members', seats: 3, tie_break: 'higher_score', secret_ballot: true, preset: 'group' },
    content: ['Hội nghị nghe báo cáo tổng kết phong trào thi đua năm và kết quả chấm điểm, xếp hạng của Khu vực.', 'Hội nghị bỏ phiếu kín suy tôn các đơn vị dẫn đầu.'],
  });
  const result = acclamationView(ws, groupId);
  const papers = await printAcclamation(ws, groupId);
  const sent = await exportMinistry(ws, groupId);
  return { board, result: result.result!, milestone: result.milestone, papers, sent };
}
