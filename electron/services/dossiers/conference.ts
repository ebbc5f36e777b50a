import crypto from 'node:crypto';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { schema, writeTransaction, type DbOrTx } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { nowIso, type Store } from '../workspace/clock';
import { UserError } from '../errors';
import { awardCatalogue } from '../awards/catalogue';
import { percentOf, shareText, tallyAcclamation, type AcclamationCount, type AcclamationRules, type AcclamationTally } from '../awards/votes';
import { acclamationBallotDocument, acclamationCountDocument, acclamationListDocument, conferenceMinutesDocument, type AcclamationView } from '../documents/acclamation-docs';
import { asciiName, writeDocx } from '../documents/write';
import type { Group } from '../../ipc/contract';
import { getGroup } from '../groups-calendar/groups';
import type { MilestoneToSend } from '../groups-calendar/home';
import { daysBefore, resolveDeadline } from '../groups-calendar/calendar';
import { ownPlan, planInForce, saveOwnPlan } from '../groups-calendar/plan';
import { planTemplate } from '../groups-calendar/template';
import { currentRecords, saveDraft, type StoredRecord } from '../records/store';
import { rankingView } from '../scoring/ranking-view';
import { compareVi, formatDateVi, localDate } from '../text/vietnamese';
import { isRealIsoDate } from '../groups-calendar/schemas';
import { requireOwnUnit } from '../units-keys/units';
import { missingParts, type DossierRecord } from './schemas';
import {
  acclamationFormSchema,
  type AcclamationForm,
  type AcclamationPaper,
  type AcclamationRecord,
  type AcclamationViewData,
  type BoardDossier,
  type DossierBoard,
} from './conference-schemas';

/**
 * The leader's year-end conference (issue 8 point 6): the board of every member's dossiers as
 * received, the suy tôn recorded and counted by tallyAcclamation, its four papers, and the date that
 * starts the count of the leader's 5 days to the Ministry's council (plan event "conference-end").
 */

/** The award the group's leading units are voted for (Cờ thi đua of the Ministry, catalogue code). */
const FLAG_AWARD = 'CO_BTP';
/** The plan's event whose date the conference sets; the "award-dossiers" step counts 5 days from it. */
const CONFERENCE_END = 'conference-end';

const eligibilityLabels = { met: 'Đủ điều kiện', not_met: 'Không đủ điều kiện', needs_review: 'Cần xem xét' } as const;
const nomineeOrder = { unit: 0, division: 1, person: 2 } as const;

function requireLeader(group: Group): void {
  if (group.ownRole !== 'leader') throw new UserError('Chỉ Trưởng Khu vực/Cụm tổ chức Hội nghị và ghi kết quả suy tôn.');
}

// ---- The dossier board ----

/** When each bundle arrived: the member's own date when it came through the deputy. */
function receivedDates(db: DbOrTx, bundleIds: string[]): Map<string, string> {
  if (!bundleIds.length) return new Map();
  const rows = db
    .select({ bundleId: schema.receivedBundles.bundleId, receivedAt: schema.receivedBundles.receivedAt, submittedAt: schema.receivedBundles.submittedAt })
    .from(schema.receivedBundles)
    .where(inArray(schema.receivedBundles.bundleId, bundleIds))
    .all();
  return new Map(rows.map((r) => [r.bundleId, r.submittedAt ?? r.receivedAt]));
}

function boardDossier(r: StoredRecord<DossierRecord>, receivedAt: string): BoardDossier {
  const d = r.content;
  const missing = missingParts(d);
  const e = d.eligibility;
  const failing = e.details.filter((x) => x.status !== 'met').map((x) => x.text);
  return {
    recordId: r.recordId,
    version: r.version,
    nominee: { kind: d.nominee.kind, name: d.nominee.name, position: d.nominee.position, division: d.nominee.division },
    award: d.award,
    receivedAt,
    missingText: missing.length ? `Thiếu: ${missing.map((p) => p.name).join('; ')}` : null,
    eligibility: {
      status: e.status,
      label: eligibilityLabels[e.status],
      reason: e.reason || failing.join('; ') + (e.broken_year ? ` (năm ${e.broken_year})` : ''),
      verified: e.verified,
      flagged: e.status !== 'met',
    },
    council: d.council
      ? `${d.council.votes_for}/${d.council.total_members} thành viên Hội đồng đồng ý: ${d.council.reached ? 'đạt' : 'không đạt'}`
      : 'Chưa có kết quả bình xét của Hội đồng',
  };
}

/** Every member's current dossiers as the leader (or deputy) holds them, and its own; a member that sent nothing listed as such. */
export function dossierBoard(db: DbOrTx, groupId: number): DossierBoard {
  const group = getGroup(db, groupId);
  if (group.ownRole === 'member') throw new UserError('Chỉ Trưởng hoặc Phó Trưởng Khu vực/Cụm xem hồ sơ đề nghị khen thưởng của các đơn vị.');
  const own = requireOwnUnit(db).code;
  const records = currentRecords<DossierRecord>(db, 'dossier', group.code, group.year);
  const received = receivedDates(db, [...new Set(records.filter((r) => r.ownerCode !== own && r.bundleId).map((r) => r.bundleId!))]);
  const units = [...group.members]
    .sort((a, b) => compareVi(a.name, b.name))
    .map((m) => {
      const mine = records.filter((r) => r.ownerCode === m.code && (m.code === own || r.status === 'received'));
      const dossiers = mine
        .map((r) => boardDossier(r, m.code === own ? r.updatedAt : (received.get(r.bundleId ?? '') ?? r.updatedAt)))
        .sort((a, b) => nomineeOrder[a.nominee.kind] - nomineeOrder[b.nominee.kind] || compareVi(a.nominee.name, b.nominee.name) || compareVi(a.award.name, b.award.name));
      const last = dossiers.map((d) => d.receivedAt).sort().at(-1);
      const stateText =
        m.code === own
          ? dossiers.length
            ? `Hồ sơ của đơn vị: ${dossiers.length} hồ sơ`
            : 'Đơn vị chưa lập hồ sơ'
          : last
            ? `Đã nhận ${dossiers.length} hồ sơ, ngày ${formatDateVi(last)}`
            : 'Chưa gửi hồ sơ';
      return { code: m.code, name: m.name, role: m.role, own: m.code === own, stateText, dossiers };
    })
    // Units with dossiers first, so the few the conference weighs are not below a long run of "Chưa gửi hồ sơ"; each part in Vietnamese order.
    .sort((a, b) => Number(!a.dossiers.length) - Number(!b.dossiers.length));
  const all = units.flatMap((u) => u.dossiers);
  return {
    group: { id: group.id, name: group.name, year: group.year },
    units,
    counts: {
      units: units.length,
      sent: units.filter((u) => u.dossiers.length).length,
      dossiers: all.length,
      incomplete: all.filter((d) => d.missingText).length,
      flagged: all.filter((d) => d.eligibility.flagged).length,
    },
  };
}

// ---- The suy tôn record ----

/** The reference values DOMAIN.md gives from comparable sectors: a start, never the Justice rule. */
const PRESETS: AcclamationViewData['presets'] = [
  {
    key: 'courts',
    label: 'Như ngành Tòa án: từ 2/3 tổng số đơn vị thành viên',
    threshold: { numerator: 2, denominator: 3 },
    base: 'members',
    source: 'Giá trị tham khảo của ngành Tòa án, không phải quy định của ngành Tư pháp',
  },
  {
    key: 'procuracy',
    label: 'Như ngành Kiểm sát: từ 80 % tổng số đơn vị thành viên',
    threshold: { numerator: 80, denominator: 100 },
    base: 'members',
    source: 'Giá trị tham khảo của ngành Kiểm sát, không phải quy định của ngành Tư pháp',
  },
];

const UNVERIFIED =
  'Tỷ lệ phiếu suy tôn của ngành Tư pháp (Quyết định 1208/QĐ-BTP về quy chế Khu vực, Cụm thi đua): chưa xác minh. Hãy ghi tỷ lệ, cách tính, số đơn vị được suy tôn và cách xử lý khi bằng phiếu theo quy chế của Khu vực/Cụm.';

const ownAcclamation = (db: DbOrTx, group: Group) => currentRecords<AcclamationRecord>(db, 'acclamation', group.code, group.year, requireOwnUnit(db).code)[0];

export const rulesOf = (r: AcclamationForm['rules']): AcclamationRules => ({ threshold: r.threshold, base: r.base, seats: r.seats, tieBreak: r.tie_break, secretBallot: r.secret_ballot });

export function countOf(form: AcclamationForm, members: number): AcclamationCount {
  return { members, voters: form.present.length, invalid: form.invalid, votes: Object.fromEntries(form.candidates.map((c) => [c.code, c.votes])) };
}

export function tallyOf(form: AcclamationForm, members: number): AcclamationTally {
  return tallyAcclamation(
    form.candidates.map(({ code, name, score }) => ({ code, name, score })),
    countOf(form, members),
    rulesOf(form.rules),
  );
}

/** Ranking totals by unit code; none while the group has no criteria table. */
function rankingScores(store: Store, groupId: number): Map<string, number> {
  try {
    return new Map(rankingView(store, groupId, 'all').rows.map((r) => [r.code, r.total]));
  } catch (error) {
    if (error instanceof UserError) return new Map();
    throw error;
  }
}

/**
 * The leader's step to the Ministry in the plan in force (seed 000: "award-dossiers", 5 days after the
 * conference's end). Found by who sends it to whom, not by milestoneToSend's nearest date: the leader
 * also owes the deputy its own dossiers (a "dossier" step months earlier), which a late year would pick.
 */
export function ministryStep(db: DbOrTx, group: Pick<Group, 'code' | 'year'>): MilestoneToSend | null {
  const plan = planInForce(db, group.code, group.year)?.content.plan;
  const m = plan?.milestones.find((x) => x.deliverable === 'dossier' && x.from === 'leader' && x.to.includes('ministry'));
  return m ? { key: m.key, title: m.title, deadline: resolveDeadline(m.deadline, plan!.events) } : null;
}

function milestoneOf(ws: Store, group: Group): AcclamationViewData['milestone'] {
  const m = ministryStep(ws.db, group);
  if (!m) return null;
  let text = 'Chưa có hạn: hạn gửi tính từ ngày kết thúc Hội nghị tổng kết, hãy ghi ngày Hội nghị.';
  if (m.deadline) {
    const left = daysBefore(m.deadline, nowIso(ws.clock));
    text = `Hạn gửi Hội đồng Thi đua - Khen thưởng ngành Tư pháp: ${formatDateVi(m.deadline)} (05 ngày sau ngày kết thúc Hội nghị)${left > 0 ? `, còn ${left} ngày` : left === 0 ? ', hôm nay là hạn cuối' : `, đã quá hạn ${-left} ngày`}.`;
  }
  return { ...m, text };
}

function resultOf(form: AcclamationForm, members: number): NonNullable<AcclamationViewData['result']> {
  const t = tallyOf(form, members);
  const on = form.rules.base === 'members' ? 'tổng số đơn vị thành viên' : 'số đơn vị bỏ phiếu';
  const rows = t.rows.map((r) => {
    const outcome = r.elected ? 'elected' : r.revote ? 'revote' : r.reaches ? 'outside_seats' : 'not_reached';
    const outcomeText = { elected: 'Được suy tôn', revote: 'Bằng phiếu ở vị trí cuối: bỏ phiếu lại', outside_seats: 'Đạt tỷ lệ, ngoài số lượng', not_reached: 'Không đạt tỷ lệ' }[outcome];
    return { code: r.code, name: r.name, score: r.score, votes: r.votes, share: `${r.votes}/${t.base} (${percentOf(r.votes, t.base)})`, outcome, outcomeText, note: r.decidedBy } as const;
  });
  const elected = rows.filter((r) => r.outcome === 'elected').map((r) => r.name);
  const revote = rows.some((r) => r.outcome === 'revote');
  const summary = [
    elected.length ? `Được suy tôn: ${elected.join('; ')}.` : 'Chưa có đơn vị nào được suy tôn.',
    revote ? `Cần bỏ phiếu lại giữa ${rows.filter((r) => r.outcome === 'revote').map((r) => r.name).join(', ')} (bằng số phiếu ở vị trí cuối cùng).` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    base: t.base,
    needed: t.needed,
    valid: t.valid,
    thresholdText: `Cần từ ${shareText(form.rules.threshold)} ${on} (${t.base} đơn vị), tức ít nhất ${t.needed} phiếu đồng ý.`,
    rows,
    elected,
    revote,
    summary,
  };
}

/** The conference screen: the record as saved (or where a new one starts), its count, and the deadline to the Ministry. */
export function acclamationView(ws: Store, groupId: number): AcclamationViewData {
  const group = getGroup(ws.db, groupId);
  requireLeader(group);
  const own = requireOwnUnit(ws.db);
  const stored = ownAcclamation(ws.db, group);
  const scores = rankingScores(ws, groupId);
  const plan = planInForce(ws.db, group.code, group.year)?.content.plan;
  const collective = new Set(
    currentRecords<DossierRecord>(ws.db, 'dossier', group.code, group.year)
      .filter((r) => r.content.nominee.kind === 'unit')
      .map((r) => r.ownerCode),
  );
  const form = stored && acclamationFormSchema.parse(formOf(stored.content));
  return {
    group: { id: group.id, name: group.name, year: group.year },
    members: group.members.map((m) => ({ code: m.code, name: m.name })).sort((a, b) => compareVi(a.name, b.name)),
    saved: stored && form ? { recordId: stored.recordId, version: stored.version, status: stored.status, updatedAt: stored.updatedAt, form } : null,
    defaults: {
      award: { code: FLAG_AWARD, name: awardCatalogue.entries.find((e) => e.code === FLAG_AWARD)?.name ?? FLAG_AWARD },
      date: plan?.events.find((e) => e.key === CONFERENCE_END)?.date ?? localDate(nowIso(ws.clock)),
      venue: plan?.document.place ? `${own.name}, ${plan.document.place}` : own.name,
      chair: { name: plan?.document.signer_name ?? '', position: plan?.document.signer_title ? `${plan.document.signer_title} ${own.name}` : '' },
      present: group.members.map((m) => m.code),
      candidates: group.members
        .filter((m) => collective.has(m.code))
        .sort((a, b) => compareVi(a.name, b.name))
        .map((m) => ({ code: m.code, name: m.name, score: scores.get(m.code) ?? null })),
    },
    scores: Object.fromEntries(scores),
    presets: PRESETS,
    unverifiedText: UNVERIFIED,
    result: form ? resultOf(form, group.members.length) : null,
    milestone: milestoneOf(ws, group),
  };
}

const formOf = (r: AcclamationRecord): AcclamationForm => {
  const { record_id: _id, type: _type, version: _version, group: _group, ...form } = r;
  return form;
};

/** Sets the plan's conference-end event: the leader's step to the Ministry counts its 5 days from it. */
function setConferenceEnd(tx: DbOrTx, group: Group, date: string, now: string): void {
  const current = ownPlan(tx, group.code, group.year);
  const template = planTemplate(group.year, group.kind);
  const plan = current ? structuredClone(current.content.plan) : template;
  const at = plan.events.findIndex((e) => e.key === CONFERENCE_END);
  if (at >= 0) {
    if (plan.events[at]!.date === date) return;
    plan.events[at] = { ...plan.events[at]!, date };
  } else {
    const event = template.events.find((e) => e.key === CONFERENCE_END);
    if (!event) return;
    plan.events.push({ ...event, date });
  }
  saveOwnPlan(tx, group.code, group.year, plan, now);
}

/**
 * Records the conference and its suy tôn (a new version once one was sent to the Ministry): units
 * present and candidates must be members, the count must be possible; the conference's date goes
 * into the plan.
 */
export function saveAcclamation(ws: Store, groupId: number, input: AcclamationForm): AcclamationViewData {
  const group = getGroup(ws.db, groupId);
  requireLeader(group);
  const own = requireOwnUnit(ws.db);
  const form = acclamationFormSchema.parse(input);
  const nameOf = new Map(group.members.map((m) => [m.code, m.name]));
  const problems: string[] = [];
  const strangers = [...form.present.map((p) => p.code), ...form.candidates.map((c) => c.code)].filter((c) => !nameOf.has(c));
  if (strangers.length) problems.push(`Không phải đơn vị thành viên của ${group.name}: ${[...new Set(strangers)].join(', ')}.`);
  const twice = (codes: string[]) => codes.filter((c, i) => codes.indexOf(c) !== i);
  if (twice(form.present.map((p) => p.code)).length) problems.push('Một đơn vị có mặt được ghi hai lần.');
  if (twice(form.candidates.map((c) => c.code)).length) problems.push('Một đơn vị được đưa ra suy tôn hai lần.');
  // Format 1 holds the date's shape only: a 30/02 would be printed, a 45/13 broke the deadline's arithmetic.
  const held = Number(form.conference.date.slice(0, 4));
  if (!isRealIsoDate(form.conference.date)) problems.push('Ngày Hội nghị không phải là một ngày có thật.');
  else if (held < group.year || held > group.year + 1) {
    problems.push(`Ngày Hội nghị ${formatDateVi(form.conference.date)} không thuộc đợt xét khen thưởng năm ${group.year} (Hội nghị trong năm ${group.year} hoặc năm ${group.year + 1}).`);
  }
  if (form.conference.end_time < form.conference.start_time) problems.push('Giờ kết thúc Hội nghị phải sau giờ bắt đầu.');
  problems.push(...tallyOf(form, group.members.length).problems);
  if (problems.length) throw new UserError(`Chưa ghi được kết quả suy tôn: ${problems.join(' ')}`);
  // Names as the group lists them, whatever the form sent.
  const content = { ...form, candidates: form.candidates.map((c) => ({ ...c, name: nameOf.get(c.code)! })) };
  const now = nowIso(ws.clock);
  writeTransaction(ws.db, (tx) => {
    const current = ownAcclamation(tx, group);
    const recordId = current?.recordId ?? crypto.randomUUID();
    const version = current?.status === 'draft' ? current.version : (current?.version ?? 0) + 1;
    const record: AcclamationRecord = { record_id: recordId, type: 'acclamation', version, group: { code: group.code, year: group.year }, ...content };
    // A save that changes nothing keeps the version it has, sent or not.
    if (current && JSON.stringify(formOf(current.content)) === JSON.stringify(content)) return;
    saveDraft(tx, { recordId, type: 'acclamation', ownerCode: own.code, groupCode: group.code, year: group.year }, record, now);
    setConferenceEnd(tx, group, form.conference.date, now);
  });
  return acclamationView(ws, groupId);
}

// ---- The four papers ----

/** The conference as acclamation-docs prints it, from the saved record. */
export function acclamationPrintView(ws: Store, groupId: number): { view: AcclamationView; record: StoredRecord<AcclamationRecord> } {
  const group = getGroup(ws.db, groupId);
  requireLeader(group);
  const own = requireOwnUnit(ws.db);
  const stored = ownAcclamation(ws.db, group);
  if (!stored) throw new UserError('Chưa ghi kết quả Hội nghị và suy tôn: hãy ghi và lưu trước khi in.');
  const form = formOf(stored.content);
  const doc = planInForce(ws.db, group.code, group.year)?.content.plan.document;
  const presentCodes = new Set(form.present.map((p) => p.code));
  const nameOf = new Map(group.members.map((m) => [m.code, m.name]));
  const view: AcclamationView = {
    heading: { parentName: own.parentName, unitName: own.name, place: doc?.place || own.province, date: form.conference.date },
    groupName: group.name,
    groupKind: group.kind,
    year: group.year,
    award: form.award.name,
    date: form.conference.date,
    startTime: form.conference.start_time,
    endTime: form.conference.end_time,
    venue: form.conference.venue,
    chair: form.chair,
    secretary: form.secretary,
    attendees: form.present.map((p) => ({ unit: nameOf.get(p.code) ?? p.code, delegates: p.delegates })).sort((a, b) => compareVi(a.unit, b.unit)),
    absentUnits: group.members.filter((m) => !presentCodes.has(m.code)).map((m) => m.name).sort(compareVi),
    content: form.content,
    countingBoard: form.counting_board,
    rules: rulesOf(form.rules),
    count: countOf(form, group.members.length),
    tally: tallyOf(form, group.members.length),
    leader: { title: doc?.signer_title || form.chair.position, name: doc?.signer_name || form.chair.name },
    recipients: ['Hội đồng Thi đua - Khen thưởng ngành Tư pháp', 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp', 'Các đơn vị thành viên', 'Lưu: VT'],
  };
  return { view, record: stored };
}

const PAPERS: Record<AcclamationPaper, { stem: string; make: (v: AcclamationView) => ReturnType<typeof acclamationBallotDocument> }> = {
  ballot: { stem: 'phieu-suy-ton', make: acclamationBallotDocument },
  count: { stem: 'bien-ban-kiem-phieu', make: acclamationCountDocument },
  minutes: { stem: 'bien-ban-hoi-nghi-tong-ket', make: conferenceMinutesDocument },
  list: { stem: 'danh-sach-don-vi-duoc-suy-ton', make: acclamationListDocument },
};

export const ACCLAMATION_PAPERS = Object.keys(PAPERS) as AcclamationPaper[];

/** Writes the papers asked for into <dataDir>/documents/ and returns their paths, in the order asked. */
export async function printAcclamation(ws: Workspace, groupId: number, papers: readonly AcclamationPaper[] = ACCLAMATION_PAPERS): Promise<string[]> {
  const { view } = acclamationPrintView(ws, groupId);
  const group = getGroup(ws.db, groupId);
  const out: string[] = [];
  for (const p of papers) {
    const dest = path.join(ws.dataDir, 'documents', `${PAPERS[p].stem}-${group.year}-${asciiName(group.code)}.docx`);
    await writeDocx(PAPERS[p].make(view), dest);
    out.push(dest);
  }
  return out;
}
