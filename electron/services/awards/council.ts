import path from 'node:path';
import { writeTransaction, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { awardListDocument, type AwardListEntry, type AwardListGroup } from '../documents/award-list-doc';
import { councilMinutesDocument, type CouncilMinutesView } from '../documents/council-minutes-doc';
import { asciiName, writeDocx } from '../documents/write';
import { getGroup } from '../groups-calendar/groups';
import { currentRecords, saveDraft, type StoredRecord } from '../records/store';
import { foldVi, formatDateVi } from '../text/vietnamese';
import { isRealIsoDate } from '../groups-calendar/schemas';
import { requireOwnUnit } from '../units-keys/units';
import { nowIso, type Store } from '../workspace/clock';
import type { Workspace } from '../workspace/workspace';
import { awardCatalogue, rulesInForce, sourceText, type EntryInForce, type RulesInForce } from './catalogue';
import {
  councilMeetingRecordV1Schema,
  nomineeKey,
  type CouncilAward,
  type CouncilMeetingInput,
  type CouncilMeetingRecord,
  type CouncilNominee,
  type CouncilResult,
  type CouncilView,
} from './council-schemas';
import { listNominees } from './history';
import { percentOf, percentShare, shareText, tallyCouncil, type CouncilMember, type CouncilTally } from './votes';

/**
 * The unit's own council (Hội đồng Thi đua – Khen thưởng) meeting: one record per group-year, kept in
 * the records store. The arithmetic is votes.ts tallyCouncil's; this module supplies each award's
 * threshold from the catalogue rules in force on the meeting's date, or the unit's value where the
 * rule is unverified or missing, and refuses a meeting that cannot stand (no quorum, more votes than
 * voters, the same nomination twice).
 */

export const COUNCIL_MEETING = 'council_meeting';

type Settings = Pick<CouncilMeetingRecord, 'default_threshold_percent' | 'thresholds'>;

const ruleDateOf = (year: number, date: string | null | undefined) => (date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : `${year}-12-31`);

/** The threshold of one award: the catalogue's when verified, else the unit's value if it set one. */
function awardOf(entry: EntryInForce, settings: Settings): CouncilAward {
  const rule = entry.councilVote;
  const own = settings.thresholds.find((t) => t.award_code === entry.code)?.percent;
  if (rule?.verified) {
    return { code: entry.code, name: entry.name, scope: entry.scope, cataloguePercent: rule.thresholdPercent, percent: rule.thresholdPercent, settable: false, verified: true, verifiedLabel: '', source: rule.sources.map(sourceText).join('; '), note: rule.note ?? null };
  }
  if (rule) {
    return {
      code: entry.code,
      name: entry.name,
      scope: entry.scope,
      cataloguePercent: rule.thresholdPercent,
      percent: own ?? rule.thresholdPercent,
      settable: true,
      verified: false,
      verifiedLabel: 'chưa xác minh',
      source: `${rule.sources.map(sourceText).join('; ')}${own !== undefined ? '; tỷ lệ do đơn vị quy định' : ''}`,
      note: rule.note ?? null,
    };
  }
  const percent = own ?? settings.default_threshold_percent;
  return {
    code: entry.code,
    name: entry.name,
    scope: entry.scope,
    cataloguePercent: null,
    percent,
    settable: true,
    verified: false,
    verifiedLabel: 'chưa xác minh',
    source: 'Danh mục chưa có quy định tỷ lệ biểu quyết của Hội đồng; tỷ lệ do đơn vị quy định (quy chế hoạt động của Hội đồng)',
    note: null,
  };
}

const awardsOf = (rules: RulesInForce, settings: Settings) => rules.entries.map((e) => awardOf(e, settings));

/** The register holds one unit, renamed with the unit's setup: a meeting's unit nomination stays the unit's under its old name. */
const matchKey = (n: { kind: string; name: string; division: string }) => (n.kind === 'unit' ? 'unit' : nomineeKey(n));

const membersOf = (record: Pick<CouncilMeetingRecord, 'members'>): CouncilMember[] =>
  record.members.map((m) => ({ name: m.name, role: [m.role, m.position].filter(Boolean).join(', '), present: m.attendance === 'present', votedInWriting: m.attendance === 'in_writing' }));

/** "Nguyễn Thị Hương (Chuyên viên, Phòng Hành chính tư pháp)": a person as the minutes name them; a collective by its name. */
export function nomineeText(n: CouncilNominee): string {
  const about = n.kind === 'person' ? [n.position, n.division].filter(Boolean).join(', ') : '';
  return about ? `${n.name} (${about})` : n.name;
}

type Nomination = CouncilMeetingRecord['nominations'][number];

interface Counted {
  tally: CouncilTally;
  awards: Map<string, CouncilAward>;
  /** Each nomination that could be counted, with its award and its line of the tally. */
  rows: { nomination: Nomination; award: CouncilAward; result: CouncilTally['results'][number] }[];
  /** Refusals beyond the tally's: awards not in force, a scope that does not fit, a threshold not set or not allowed. */
  problems: string[];
}

/** Every nomination against its award's threshold, on the total membership; what cannot stand, in Vietnamese. */
function count(record: Omit<CouncilMeetingRecord, 'record_id' | 'type' | 'version' | 'group' | 'unit'>, rules: RulesInForce): Counted {
  const awards = new Map(awardsOf(rules, record).map((a) => [a.code, a]));
  const problems: string[] = [];
  const on = formatDateVi(rules.date);
  for (const t of record.thresholds) {
    const a = awards.get(t.award_code);
    if (!a) problems.push(`Mã ${t.award_code} (tỷ lệ biểu quyết do đơn vị quy định) không có trong danh mục có hiệu lực ngày ${on}.`);
    else if (!a.settable) problems.push(`Tỷ lệ biểu quyết của «${a.name}» đã được xác minh theo ${a.source} (${a.percent} % tổng số thành viên), đơn vị không thay đổi được.`);
  }
  const ballots = [];
  const counted: { nomination: Nomination; award: CouncilAward }[] = [];
  for (const n of record.nominations) {
    const a = awards.get(n.award_code);
    if (!a) {
      problems.push(`«${n.nominee.name}»: mã ${n.award_code} không có trong danh mục có hiệu lực ngày ${on}.`);
      continue;
    }
    const collective = n.nominee.kind !== 'person';
    if ((a.scope === 'collective') !== collective) problems.push(`«${a.name}» dành cho ${a.scope === 'collective' ? 'tập thể' : 'cá nhân'}, không biểu quyết cho «${n.nominee.name}».`);
    if (a.percent === null) {
      problems.push(`«${a.name}» chưa có tỷ lệ biểu quyết trong danh mục: hãy nhập tỷ lệ Hội đồng áp dụng (theo quy chế của Hội đồng) trước khi ghi kết quả.`);
      continue;
    }
    ballots.push({ nominee: nomineeText(n.nominee), award: a.name, threshold: percentShare(a.percent), yes: n.votes_for });
    counted.push({ nomination: n, award: a });
  }
  const tally = tallyCouncil(membersOf(record), record.quorum, ballots);
  return { tally, awards, problems, rows: counted.map((c, i) => ({ ...c, result: tally.results[i]! })) };
}

function results({ tally, rows }: Counted, ids: Map<string, number>): CouncilResult[] {
  return rows.map(({ nomination: n, award: a, result: r }) => ({
    nomineeId: ids.get(matchKey(n.nominee)) ?? null,
    nominee: n.nominee,
    award_code: a.code,
    awardName: a.name,
    votes_for: n.votes_for,
    shareText: percentOf(n.votes_for, tally.total),
    thresholdText: shareText(r.threshold),
    needed: r.needed,
    reached: r.passed && tally.quorum.met,
    verifiedLabel: a.verifiedLabel,
    source: a.source,
    text: r.text,
  }));
}

/** The meeting's fields as the form edits them. */
function formOf(record: CouncilMeetingRecord): Omit<CouncilMeetingRecord, 'record_id' | 'type' | 'version' | 'group' | 'unit' | 'nominations'> {
  const { council_name, date, start_time, end_time, place, chair, secretary, members, quorum, method, content, default_threshold_percent, thresholds } = record;
  return { council_name, date, start_time, end_time, place, chair, secretary, members, quorum, method, content, default_threshold_percent, thresholds };
}

function ownMeeting(db: DbOrTx, groupCode: string, year: number, ownCode: string): StoredRecord<CouncilMeetingRecord> | undefined {
  return currentRecords<CouncilMeetingRecord>(db, COUNCIL_MEETING, groupCode, year, ownCode)[0];
}

/** The meeting a stored record holds, checked on the way out: a record edited outside the program says what is wrong. */
function parsedMeeting(stored: StoredRecord<CouncilMeetingRecord>): CouncilMeetingRecord {
  const parsed = councilMeetingRecordV1Schema.safeParse(stored.content);
  if (!parsed.success) throw new UserError(`Biên bản họp Hội đồng đã lưu bị hỏng (${parsed.error.issues[0]!.message}); hãy nhập lại cuộc họp.`);
  return parsed.data;
}

/** The meeting of the group-year the user works in, with each nomination counted, the awards to choose and the nominees of the register. */
export function councilView(store: Store, groupId: number): CouncilView {
  const group = getGroup(store.db, groupId);
  const own = requireOwnUnit(store.db);
  const stored = ownMeeting(store.db, group.code, group.year, own.code);
  const record = stored ? parsedMeeting(stored) : null;
  const rules = rulesInForce(awardCatalogue, ruleDateOf(group.year, record?.date));
  const register = listNominees(store);
  const ids = new Map(register.map((n) => [matchKey(n), n.id]));
  const settings: Settings = record ?? { default_threshold_percent: null, thresholds: [] };
  const counted = record ? count(record, rules) : null;
  const t = counted?.tally;
  const quorum = record?.quorum ?? { numerator: 2, denominator: 3 };
  return {
    year: group.year,
    ruleDate: rules.date,
    edition: rules.edition,
    status: !stored ? 'new' : stored.status === 'draft' ? 'draft' : 'frozen',
    recordId: stored?.recordId ?? null,
    version: stored?.version ?? 0,
    meeting: record
      ? {
          ...formOf(record),
          nominations: record.nominations.flatMap((n) => {
            const id = ids.get(matchKey(n.nominee));
            return id === undefined ? [] : [{ nomineeId: id, award_code: n.award_code, votes_for: n.votes_for }];
          }),
        }
      : {
          council_name: `Hội đồng Thi đua – Khen thưởng ${own.name}`,
          date: '',
          start_time: '08:00',
          end_time: '11:00',
          place: '',
          chair: { name: '', position: '' },
          secretary: { name: '', position: '' },
          members: [],
          quorum,
          method: 'bỏ phiếu kín',
          content: '',
          default_threshold_percent: null,
          thresholds: [],
          nominations: [],
        },
    tally: {
      total: t?.total ?? 0,
      present: t?.present ?? 0,
      inWriting: t?.inWriting ?? 0,
      voting: t?.voting ?? 0,
      quorumText: shareText(quorum),
      quorumNeeded: t?.quorum.needed ?? 0,
      quorumMet: t?.quorum.met ?? false,
    },
    results: counted ? results(counted, ids) : [],
    awards: awardsOf(rules, settings),
    nominees: register.map((n) => ({ id: n.id, kind: n.kind, name: n.name, division: n.division, position: n.position })),
  };
}

/**
 * Saves the meeting. Refused, with every reason, when it cannot stand: no member, a chair who is not a
 * present member, an award not in force or of the wrong scope, a threshold not set or not the unit's
 * to set, more yes votes than members with a vote, a nomination twice, or votes cast without quorum.
 * An exported version stays as sent: the save makes version + 1.
 */
export function saveCouncil(store: Store, groupId: number, input: CouncilMeetingInput): CouncilView {
  const group = getGroup(store.db, groupId);
  const own = requireOwnUnit(store.db);
  const register = new Map(listNominees(store).map((n) => [n.id, n]));
  const problems: string[] = [];
  if (!input.members.length) problems.push('Hội đồng chưa có thành viên nào.');
  // The record's format 1 holds the date's shape only: a 30/02 would be printed on the minutes.
  if (!isRealIsoDate(input.date)) problems.push('Ngày họp không phải là một ngày có thật.');
  const year = Number(input.date.slice(0, 4));
  if (year < group.year || year > group.year + 1) problems.push(`Ngày họp ${formatDateVi(input.date)} không thuộc đợt xét khen thưởng năm ${group.year} (họp trong năm ${group.year} hoặc đầu năm ${group.year + 1}).`);
  if (input.end_time < input.start_time) problems.push(`Giờ kết thúc (${input.end_time}) sớm hơn giờ bắt đầu (${input.start_time}).`);
  const chair = input.members.find((m) => foldVi(m.name) === foldVi(input.chair.name));
  if (!chair) problems.push(`Người chủ trì «${input.chair.name}» phải là thành viên Hội đồng.`);
  else if (chair.attendance !== 'present') problems.push(`Người chủ trì «${input.chair.name}» phải có mặt tại cuộc họp.`);
  const nominations = input.nominations.flatMap((n) => {
    const who = register.get(n.nomineeId);
    if (!who) {
      problems.push('Có trường hợp được biểu quyết không còn trong sổ theo dõi khen thưởng; hãy chọn lại.');
      return [];
    }
    return [{ nominee: { kind: who.kind, name: who.name, division: who.kind === 'person' ? who.division : '', position: who.kind === 'person' ? who.position : '' }, award_code: n.award_code, votes_for: n.votes_for }];
  });
  const stored = ownMeeting(store.db, group.code, group.year, own.code);
  const recordId = stored?.recordId ?? crypto.randomUUID();
  const version = stored?.status === 'draft' ? stored.version : (stored?.version ?? 0) + 1;
  const candidate = { ...input, record_id: recordId, type: COUNCIL_MEETING, version, group: { code: group.code, year: group.year }, unit: { code: own.code, name: own.name }, nominations };
  const parsed = councilMeetingRecordV1Schema.safeParse(candidate);
  if (!parsed.success) problems.push(...new Set(parsed.error.issues.map((i) => i.message)));
  if (parsed.success && problems.length === 0) {
    const counted = count(parsed.data, rulesInForce(awardCatalogue, parsed.data.date));
    problems.push(...counted.problems, ...counted.tally.problems);
    const t = counted.tally;
    if (parsed.data.nominations.length && !t.quorum.met)
      problems.push(`Cuộc họp có ${t.present}/${t.total} thành viên có mặt, cần ít nhất ${t.quorum.needed} (${shareText(t.quorum.share)} tổng số thành viên): không đủ điều kiện biểu quyết.`);
  }
  if (problems.length || !parsed.success) throw new UserError(problems.join(' '));
  writeTransaction(store.db, (tx) => {
    saveDraft(tx, { recordId, type: COUNCIL_MEETING, ownerCode: own.code, groupCode: group.code, year: group.year }, parsed.data, nowIso(store.clock));
  });
  return councilView(store, groupId);
}

/**
 * What the unit's council decided on one nominee for one award, for the dossier: the meeting's record
 * and version, the yes votes, the total membership and whether the threshold was reached (with
 * quorum). A person is matched by kind, name and division without diacritics or case; a division by
 * kind and name (the register keeps no division for it); the unit by its kind, whatever its name then
 * (it may have been renamed since). Null without a meeting or a
 * vote on that nominee and award.
 */
export function councilResultFor(
  db: DbOrTx,
  at: { groupCode: string; year: number; ownCode: string },
  nominee: { kind: 'unit' | 'division' | 'person'; name: string; division: string },
  awardCode: string,
): { meeting: { record_id: string; version: number }; votes_for: number; total_members: number; reached: boolean } | null {
  const stored = ownMeeting(db, at.groupCode, at.year, at.ownCode);
  if (!stored) return null;
  const record = parsedMeeting(stored);
  const wanted = matchKey(nominee);
  const n = record.nominations.find((x) => x.award_code === awardCode && matchKey(x.nominee) === wanted);
  if (!n) return null;
  const counted = count({ ...record, nominations: [n] }, rulesInForce(awardCatalogue, record.date));
  const r = counted.rows[0]?.result;
  return {
    meeting: { record_id: stored.recordId, version: stored.version },
    votes_for: n.votes_for,
    total_members: counted.tally.total,
    reached: Boolean(r?.passed) && counted.tally.quorum.met && counted.problems.length === 0,
  };
}

function printable(ws: Workspace, groupId: number) {
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  const stored = ownMeeting(ws.db, group.code, group.year, own.code);
  if (!stored) throw new UserError('Chưa ghi cuộc họp Hội đồng Thi đua – Khen thưởng: hãy nhập và lưu cuộc họp trước khi in.');
  const record = parsedMeeting(stored);
  const counted = count(record, rulesInForce(awardCatalogue, record.date));
  const problems = [...counted.problems, ...counted.tally.problems];
  if (problems.length) throw new UserError(`Không in được: ${problems.join(' ')}`);
  return { group, own, stored, record, counted };
}

/** BIÊN BẢN họp Hội đồng Thi đua – Khen thưởng, as the meeting stands, into the documents folder; the path of the DOCX. */
export async function printCouncilMinutes(ws: Workspace, groupId: number): Promise<string> {
  const { group, own, stored, record, counted } = printable(ws, groupId);
  const view: CouncilMinutesView = {
    heading: { parentName: own.parentName, unitName: own.name, numberSymbol: '      /BB-HĐTĐKT', place: own.province, date: record.date },
    councilName: record.council_name,
    year: group.year,
    date: record.date,
    startTime: record.start_time,
    endTime: record.end_time,
    venue: record.place,
    chair: record.chair,
    secretary: record.secretary,
    members: membersOf(record),
    content: record.content.split('\n').map((l) => l.trim()).filter(Boolean),
    method: record.method,
    tally: counted.tally,
  };
  const dest = path.join(ws.dataDir, 'documents', `bien-ban-hop-hoi-dong-${group.year}-${asciiName(own.code)}-v${stored.version}.docx`);
  await writeDocx(councilMinutesDocument(view), dest);
  return dest;
}

/** The list of those the council voted (reached their threshold, with quorum), per award in catalogue order; the path of the DOCX. */
export async function printCouncilList(ws: Workspace, groupId: number): Promise<string> {
  const { group, own, stored, record, counted } = printable(ws, groupId);
  const t = counted.tally;
  const passed = t.quorum.met ? counted.rows.filter((r) => r.result.passed).map((r) => r.nomination) : [];
  if (!passed.length) throw new UserError('Chưa có tập thể, cá nhân nào đạt tỷ lệ phiếu của Hội đồng: không có danh sách để in.');
  const entry = (n: Nomination): AwardListEntry => ({
    name: n.nominee.name,
    position: n.nominee.position,
    unit: n.nominee.kind === 'division' ? own.name : n.nominee.division,
    summary: `${n.votes_for}/${t.total} phiếu đồng ý (${percentOf(n.votes_for, t.total)})`,
  });
  const groups: AwardListGroup[] = [...counted.awards.values()]
    .filter((a) => passed.some((n) => n.award_code === a.code))
    .map((a) => {
      const of = passed.filter((n) => n.award_code === a.code);
      return { award: a.name, collectives: of.filter((n) => n.nominee.kind !== 'person').map(entry), individuals: of.filter((n) => n.nominee.kind === 'person').map(entry) };
    });
  const doc = awardListDocument({
    heading: { parentName: own.parentName, unitName: own.name, numberSymbol: null, place: own.province, date: record.date },
    attachedTo: `Biên bản họp ${record.council_name} ngày ${formatDateVi(record.date)}`,
    year: group.year,
    groups,
    lastColumn: 'note',
    signer: { title: 'CHỦ TỊCH HỘI ĐỒNG', note: '(Ký, ghi rõ họ tên)', name: record.chair.name },
  });
  const dest = path.join(ws.dataDir, 'documents', `danh-sach-hoi-dong-de-nghi-${group.year}-${asciiName(own.code)}-v${stored.version}.docx`);
  await writeDocx(doc, dest);
  return dest;
}
