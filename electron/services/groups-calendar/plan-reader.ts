import type { z } from 'zod';
import { formatDateVi, squashSpaces } from '../text/vietnamese';
import { stripUnsafeChars } from '../text/unsafe-chars';
import { receiverRoles, type DeadlineRule, type Milestone, type phaseSchema, type planEventSchema, type planSections } from './plan-schemas';
import { planTemplate } from './template';
import { headerColumns, rowCells, rowSentence, type Columns } from './plan-reader-table';
import { findDeadlines, findRange, foldSameLength, readPoint, resolvePoint, type DeadlineHit } from './plan-reader-dates';

/**
 * Reads a plan received as a document (kế hoạch hoạt động, kế hoạch phát động) and proposes the
 * phases, events and milestones it finds, each with the sentence it came from, for the leader to
 * accept, edit or drop. Nothing is guessed silently: what cannot be read, or is impossible (30/02),
 * is left empty and said in `problems`.
 */

type Section = (typeof planSections)[number];
type Sender = Milestone['from'];
type Receiver = Milestone['to'][number];

/** A milestone as found: Milestone's fields, empty where the sentence did not say, plus its source. */
export interface ProposedMilestone extends Omit<Milestone, 'section' | 'from' | 'deadline'> {
  section: Section | null;
  from: Sender | null;
  deadline: DeadlineRule | null;
  sentence: string;
  problems: string[];
}
export interface ProposedPhase extends Omit<z.infer<typeof phaseSchema>, 'from' | 'to'> {
  from: string | null;
  to: string | null;
  sentence: string;
  problems: string[];
}
/** An event relative deadlines count from; its date is unknown when the plan is made. */
export type ProposedEvent = z.infer<typeof planEventSchema> & { date: null; sentence: string };

export interface PlanReading {
  /** The plan's title as it reads under "KẾ HOẠCH" ('' when there is none). */
  title: string;
  year: number | null;
  phases: ProposedPhase[];
  events: ProposedEvent[];
  milestones: ProposedMilestone[];
  /** About the document as a whole. */
  problems: string[];
}

/** A paragraph and its folded twin (same length: an index in one is the same place in the other). */
interface Para {
  text: string;
  f: string;
}
const para = (text: string): Para => ({ text, f: foldSameLength(text) });

const NUMBERING = /^(?:([IVXLC]+)|(\d{1,2}(?:\.\d{1,2})*))[.)]\s+/;
const BULLET = /^[-+•–]\s*/;

/**
 * Paragraphs of the text. A line that does not end a sentence and is followed by one starting in
 * lower case is the same paragraph broken by a page (documents converted to text have these), and
 * so is a hard-wrapped line of pasted text.
 */
function paragraphsOf(raw: string): string[] {
  const text = stripUnsafeChars(raw.normalize('NFC'))
    .replace(/\r\n?/g, '\n')
    // Bold and italic markers of a text export: "**trước ngày 10/02/2022**".
    .replace(/\*+/g, '');
  const out: string[] = [];
  let blank = true;
  for (const line of text.split('\n')) {
    const row = rowCells(line);
    if (row) {
      // A table row stands alone: its cells are kept apart by tabs.
      out.push(row.join('\t'));
      blank = true;
      continue;
    }
    const t = squashSpaces(line);
    if (!t) {
      blank = true;
      continue;
    }
    const prev = out[out.length - 1];
    const continues =
      prev !== undefined &&
      !prev.includes('\t') &&
      !/[.:;!?…"”)]$/.test(prev) &&
      !BULLET.test(t) &&
      !NUMBERING.test(t) &&
      (/^[(\p{Ll}]/u.test(t) || (!blank && /[\p{Ll},]$/u.test(prev)));
    if (continues) out[out.length - 1] = `${prev} ${t}`;
    else out.push(t);
    blank = false;
  }
  return out;
}

const SECTION_WORDS: [RegExp, Section][] = [
  [/\bdang ky (?:thi dua|danh hieu|cac danh hieu)/, 'registration'],
  [/\bphat dong\b/, 'kickoff'],
  [/\bso ket\b/, 'mid_year'],
  [/\bkiem tra\b/, 'inspection'],
  [/\btong ket\b/, 'year_end'],
];
/** The section a heading names: the first of its words that names one. */
function sectionOf(f: string): Section | null {
  let best: { at: number; section: Section } | null = null;
  for (const [re, section] of SECTION_WORDS) {
    const m = re.exec(f);
    if (m && (!best || m.index < best.at)) best = { at: m.index, section };
  }
  return best?.section ?? null;
}

/** Heading level (1 = "II. NỘI DUNG" or a line in capitals, 2 = "1.", 3 = "1.1."), or 0 for body text. */
function headingLevel(text: string, f: string): number {
  const n = NUMBERING.exec(text);
  const body = n ? text.slice(n[0].length) : text;
  if (body.length > 160 || /[.;,:]$/.test(body) || BULLET.test(text)) return 0;
  // A step whose full stop is missing is still a step, not a heading.
  if (findDeadlines(f, text, 0, f.length).length || /\b(?:gui|nop)\b/.test(f)) return 0;
  if (n?.[1]) return 1;
  if (n?.[2]) return 1 + n[2].split('.').length;
  if (body.length <= 120 && /\p{Lu}/u.test(body) && body === body.toUpperCase()) return 1;
  // Word's own numbering leaves no number in the text: a short line naming a section is a heading.
  if (body.length <= 120 && sectionOf(f)) return 2;
  return 0;
}

// ---- Who: the roles named in a stretch of a sentence ----------------------------------------

type Role = Sender | 'ministry';
interface Mention {
  start: number;
  end: number;
  roles: Role[];
}
const GROUP = String.raw`(?:khu vuc|cum|khoi|kvtd|ctd)`;
const ROLE_PATTERNS: [RegExp, Role[]][] = [
  [new RegExp(String.raw`\btruong\s*,?\s*(?:va\s+)?pho\s+truong\s+${GROUP}`, 'g'), ['leader', 'deputy']],
  [new RegExp(String.raw`\bpho\s+truong\s+${GROUP}|\bpho\s+(?:cum|khoi)\s+truong\b`, 'g'), ['deputy']],
  [new RegExp(String.raw`(?<!pho\s)\btruong\s+${GROUP}|(?<!pho\s)\b(?:cum|khoi)\s+truong\b`, 'g'), ['leader']],
  [/\bdoan\s+kiem\s+tra\b/g, ['inspection_team']],
  [/\bvu\s+(?:thi dua\s*-?\s*khen thuong|tdkt)\b|\bbo\s+tu\s+phap\b|\bbo\s+truong\b|\bhoi\s+dong\s+thi\s+dua\s*-?\s*khen\s+thuong\s+(?:nganh|bo|trung uong)\b/g, ['ministry']],
  [
    /\b(?:cac\s+)?(?:co quan\s*,\s*)?don vi\s+thanh vien\b|\bcac\s+(?:co quan\s*,\s*)?don vi\b|\btung\s+don vi\b|\b(?:so tu phap|cuc thi hanh an dan su|cuc thads)\s+(?:cac tinh\s+)?thanh vien\b|\bso tu phap cac tinh\b|\bcac\s+thanh vien\b/g,
    ['member'],
  ],
];
const UNIT_WORDS = String.raw`(?:so tu phap|cuc thi hanh an dan su|cuc thads|thi hanh an dan su|tap chi|hoc vien|truong dai hoc|vien|vu|bao|nha xuat ban|trung tam|cuc|tong cuc)`;
/** "Sở Tư pháp tỉnh Tuyên Quang, Trưởng Khu vực thi đua": the plan names the leader's and deputy's units. */
const UNIT_ROLE = new RegExp(String.raw`\b(${UNIT_WORDS}\s[^,;.()]{2,80}?)\s*[,(-]\s*(pho\s+truong|truong)\s+${GROUP}`, 'g');

interface KnownUnit {
  name: string;
  role: Sender;
}
function learnUnits(paras: Para[]): KnownUnit[] {
  const units = new Map<string, Sender>();
  for (const p of paras) {
    UNIT_ROLE.lastIndex = 0;
    for (let m = UNIT_ROLE.exec(p.f); m; m = UNIT_ROLE.exec(p.f)) {
      const name = m[1]!.trim();
      // A unit's name is written with a capital and holds no verb or role ("Vụ" and "vụ", "Báo" and "báo cáo" fold alike).
      if (!/^\p{Lu}/u.test(p.text.slice(m.index)) || /\b(?:truong|gui|ve|cho|bao cao|tong hop)\b/.test(name)) continue;
      if (!units.has(name)) units.set(name, m[2]!.startsWith('pho') ? 'deputy' : 'leader');
    }
  }
  return [...units].map(([name, role]) => ({ name, role }));
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Roles named in f[from, to). With `bare`, "gửi về Sở Tư pháp" names the one known unit whose
 * name starts so (recipients only: as a subject, "Giám đốc Sở Tư pháp" is any member's director).
 */
function mentions(f: string, from: number, to: number, units: KnownUnit[], bare = false): Mention[] {
  // Searched in its own slice, so a search never runs on past `to`.
  const g = f.slice(from, to);
  const found: Mention[] = [];
  const scan = (re: RegExp, roles: Role[]) => {
    re.lastIndex = 0;
    for (let m = re.exec(g); m; m = re.exec(g)) found.push({ start: from + m.index, end: from + m.index + m[0].length, roles });
  };
  for (const [re, roles] of ROLE_PATTERNS) scan(re, roles);
  for (const u of units) scan(new RegExp(String.raw`\b${escapeRe(u.name)}\b`, 'g'), [u.role]);
  if (bare) {
    for (const kind of ['so tu phap', 'cuc thi hanh an dan su', 'cuc thads']) {
      const owners = units.filter((u) => u.name.startsWith(kind));
      if (owners.length === 1) scan(new RegExp(String.raw`\b${kind}\b(?!\s+(?:cac|tinh|thanh pho|tp|thanh vien))`, 'g'), [owners[0]!.role]);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  for (const m of found) if (!kept.length || m.start >= kept[kept.length - 1]!.end) kept.push(m);
  return kept;
}

// ---- The parts of a sentence ------------------------------------------------------------------

/** Where the subject ends: its first verb. */
const ACTION =
  /\b(?:to chuc|xay dung|tong hop|gui|co trach nhiem|chuan bi|hoan thanh|hoan chinh|thong nhat|nop|lap|phai|trien khai|tham gia|thuc hien|ban hanh|bao cao|trinh|dang ky)\b/g;
/** Sending verbs; "báo cáo" only when a receiver follows (otherwise it is the report itself). */
const SEND = /\b(?:gui|nop|trinh|bao cao)\b/g;
const PREPOSITION = /\b(?:ve|cho|den|toi|len)\s+/g;
/** The first words of what is sent, when it follows the verb: "gửi Báo cáo …", "gửi hồ sơ …". */
const DOCUMENT_NOUN = /\s*(?:bao cao|ke hoach|ho so|du thao|bien ban|dang ky|van ban|danh sach|to trinh|y kien|ket qua|bang|tai lieu)\b/y;
const LEADING_VERBS = /^(?:(?:to chuc|xay dung|hoan chinh|chuan bi|lap|co trach nhiem|thuc hien)\s+(?:va\s+)?)+/;
const SUBORDINATE = /^\s*(?:sau khi|truoc khi|khi|ngay sau khi)\b[^,]*,/;

function firstMatch(re: RegExp, f: string, from: number, to: number): RegExpExecArray | null {
  re.lastIndex = from;
  const m = re.exec(f);
  return m && m.index < to ? m : null;
}

/** Trimmed stretch of the original, without edge punctuation or a dangling "và", first letter capital. */
function phrase(p: Para, from: number, to: number, dropVerbs = true): string {
  let start = from;
  let end = to;
  const lead = dropVerbs && LEADING_VERBS.exec(p.f.slice(start, end));
  if (lead) start += lead[0].length;
  const trail = /[\s,;:.-]*(?:\bva\b)?[\s,;:.-]*$/.exec(p.f.slice(start, end));
  if (trail) end -= trail[0].length;
  while (start < end && /[\s,;:.-]/.test(p.f[start]!)) start++;
  const s = p.text.slice(start, end).trim();
  const capped = s.length > 1000 ? `${s.slice(0, 999)}…` : s;
  return capped.charAt(0).toUpperCase() + capped.slice(1);
}

const DELIVERABLE_WORDS: [RegExp, Milestone['deliverable']][] = [
  [/\bdang ky (?:thi dua|danh hieu|cac danh hieu)/, 'registration'],
  [/\b(?:y kien|gop y)\b.*\bdu thao\b|\bdu thao\b.*\b(?:y kien|gop y)\b/, 'plan_comments'],
  [/\b(?:0?6|sau) thang\b/, 'mid_year_report'],
  [/\bket qua kiem tra\b|\bbien ban kiem tra\b/, 'inspection_report'],
  [/\bho so (?:de nghi|khen thuong|suy ton)/, 'dossier'],
  [/\btu cham diem\b|\bbang (?:tu )?cham diem\b/, 'self_assessment'],
  [/\bbao cao\b.*\bnam\b|\btong ket\b/, 'year_end_report'],
];
const SECTION_DELIVERABLE: Partial<Record<Section, Milestone['deliverable']>> = {
  registration: 'registration',
  kickoff: 'plan_comments',
  mid_year: 'mid_year_report',
  inspection: 'inspection_report',
  year_end: 'year_end_report',
};
const DELIVERABLE_SECTION: Partial<Record<Milestone['deliverable'], Section>> = {
  registration: 'registration',
  plan_comments: 'kickoff',
  kickoff: 'kickoff',
  mid_year_report: 'mid_year',
  inspection_report: 'inspection',
  year_end_report: 'year_end',
  self_assessment: 'year_end',
  dossier: 'year_end',
};

function memberDeliverable(titleF: string, section: Section | null): Milestone['deliverable'] {
  for (const [re, d] of DELIVERABLE_WORDS) if (re.test(titleF)) return d;
  return (section && SECTION_DELIVERABLE[section]) ?? 'document';
}

/** The leader's sendings: the kickoff plan to the members, the award dossiers, else a tracked document. */
function leaderDeliverable(titleF: string, to: Set<Receiver>): Milestone['deliverable'] {
  if (to.has('member') && !to.has('ministry') && /\bke hoach\b/.test(titleF) && /\bphat dong\b/.test(titleF)) return 'kickoff';
  if (/^ho so (?:de nghi|khen thuong|suy ton)/.test(titleF)) return 'dossier';
  return 'document';
}

function gathersOf(f: string): Milestone['gathers'] {
  if (/\bcuc (?:thi hanh an dan su|thads)\b|\bthi hanh an dan su\b/.test(f)) return 'thads';
  if (/\bso tu phap\b/.test(f)) return 'so_tu_phap';
  if (/\bdon vi thuoc bo\b/.test(f)) return 'don_vi_thuoc_bo';
  return null;
}

// ---- Events -----------------------------------------------------------------------------------

const EVENT_CUT = new Set(['cua', 'doi', 'tai', 'theo', 'de', 'va']);
/** The events the template knows, under its keys; any other is named by its first words. */
const KNOWN_EVENTS: [RegExp, string][] = [
  [/^(?:bat dau|tien hanh|to chuc)\s+(?:dot\s+|viec\s+)?kiem tra\b/, 'inspection-start'],
  [/^(?:ket thuc|hoan thanh)\s+(?:dot\s+|viec\s+)?kiem tra\b/, 'inspection-end'],
  [/^(?:ket thuc|be mac)\s+hoi nghi\b(?!\s+so ket)/, 'conference-end'],
];
function eventKey(f: string): string {
  const known = KNOWN_EVENTS.find(([re]) => re.test(f.trim()));
  if (known) return known[1];
  const words: string[] = [];
  for (const w of f.split(/[^a-z0-9]+/).filter(Boolean)) {
    if (EVENT_CUT.has(w) || words.length === 4) break;
    words.push(w);
  }
  return words.join('-').slice(0, 40).replace(/-+$/, '') || 'su-kien';
}

// ---- Reading ----------------------------------------------------------------------------------

interface Ctx {
  year: number | null;
  /** The latest dated deadline so far, in the plan's order: a calendar runs forward. */
  latest: string | null;
  units: KnownUnit[];
  events: Map<string, ProposedEvent>;
}

function deadlineOf(hit: DeadlineHit, p: Para, ctx: Ctx, sentence: string): { rule: DeadlineRule | null; problems: string[] } {
  if (hit.kind === 'date') {
    if (!hit.point) return { rule: null, problems: [`Không đọc được ngày trong "${p.text.slice(hit.start, hit.end)}".`] };
    let { iso, problems } = resolvePoint(hit.point, 'end', ctx.year);
    if (!iso) return { rule: null, problems };
    // "trước ngày 15/01" after "trước ngày 30/11/2022": without its year it is the next January. A
    // section may step back a few weeks (kickoff's 10/02 after registration's 28/02), not months.
    const daysBack = ctx.latest ? (Date.parse(ctx.latest) - Date.parse(iso)) / 86_400_000 : 0;
    if (hit.point.y === null && ctx.latest && daysBack > 120 && ctx.year !== null) {
      const next = resolvePoint(hit.point, 'end', ctx.year + 1);
      if (next.iso) {
        problems = [...next.problems, `"${hit.point.text}" không ghi năm và đến sau hạn ${formatDateVi(ctx.latest)}: đã hiểu là năm ${ctx.year + 1}, hãy kiểm tra.`];
        iso = next.iso;
      }
    }
    if (!ctx.latest || iso > ctx.latest) ctx.latest = iso;
    if (hit.point.kind === 'month' && !hit.point.edge) problems.push(`Kế hoạch chỉ ghi tháng ("${hit.point.text}"): hạn đề xuất là ngày cuối tháng.`);
    else if (hit.point.kind !== 'day') problems.push(`Kế hoạch không ghi ngày cụ thể ("${hit.point.text}"): hạn đề xuất là ${formatDateVi(iso)}.`);
    const y = Number(iso.slice(0, 4));
    if (ctx.year !== null && (y < ctx.year || y > ctx.year + 1)) problems.push(`Hạn "${hit.point.text}" không thuộc năm của kế hoạch (${ctx.year}): có thể viết nhầm năm.`);
    return { rule: { type: 'date', date: iso }, problems };
  }
  const problems: string[] = [];
  if (hit.workingDays) problems.push(`Kế hoạch tính ${hit.days} ngày làm việc; hạn được tính theo ngày lịch, hãy điều chỉnh số ngày nếu cần.`);
  if (hit.days > 366) return { rule: null, problems: [...problems, `Số ngày ${hit.days} quá lớn.`] };
  if (!hit.event) return { rule: null, problems: [...problems, `Không rõ hạn tính ${hit.kind === 'after' ? 'sau' : 'trước'} sự kiện nào.`] };
  const title = phrase(p, hit.event.start, hit.event.end, false).slice(0, 300);
  const key = eventKey(p.f.slice(hit.event.start, hit.event.end));
  if (!ctx.events.has(key)) ctx.events.set(key, { key, title, date: null, expected: '', sentence });
  return { rule: { type: hit.kind === 'after' ? 'after_event' : 'before_event', event: key, days: hit.days }, problems };
}

interface Piece {
  /** The piece's own text: indices below are inside it. */
  p: Para;
  /** Null for a sending step the plan gives no deadline ("theo thời gian trong Kế hoạch kiểm tra"). */
  hit: DeadlineHit | null;
  /** Where its clauses start (for the clause a verb sits in). */
  clauses: number[];
}

function shift(hit: DeadlineHit, by: number): DeadlineHit {
  const moved = { ...hit, start: hit.start - by, end: hit.end - by };
  if (moved.kind !== 'date' && moved.event) moved.event = { start: moved.event.start - by, end: moved.event.end - by };
  return moved;
}

/**
 * Splits a paragraph where each deadline's sentence ends: "…trước ngày 30/11/2022; gửi hồ sơ …
 * chậm nhất sau 05 ngày…" is two. Each piece is cut out on its own, so a long paragraph costs its
 * length, not its length times its deadlines.
 */
function piecesOf(p: Para): Piece[] {
  const bounds = [0];
  const re = /;|\.(?=\s+\p{Lu})/gu;
  for (let m = re.exec(p.text); m; m = re.exec(p.text)) bounds.push(m.index + 1);
  bounds.push(p.text.length);
  const hits = findDeadlines(p.f, p.text, 0, p.f.length);
  const cuts: { start: number; end: number; hit: DeadlineHit; clauses: number[] }[] = [];
  let start = 0;
  let clauses: number[] = [];
  let h = 0;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [from, to] = [bounds[i]!, bounds[i + 1]!];
    clauses.push(from);
    const inClause: DeadlineHit[] = [];
    while (h < hits.length && hits[h]!.start < to) inClause.push(hits[h++]!);
    inClause.forEach((hit, j) => {
      const end = j + 1 < inClause.length ? hit.end : Math.max(to, hit.end);
      cuts.push({ start, end, hit, clauses: clauses.filter((c) => c < end) });
      start = end;
      clauses = [end];
    });
  }
  // What follows the last deadline ("…, đồng thời gửi cho các đơn vị thành viên") belongs to it.
  const last = cuts[cuts.length - 1];
  if (last) last.end = p.text.length;
  return cuts.map((c) => ({
    p: { text: p.text.slice(c.start, c.end), f: p.f.slice(c.start, c.end) },
    hit: shift(c.hit, c.start),
    clauses: c.clauses.map((x) => x - c.start),
  }));
}

const CLAUSE_END = /[.;]/g;
const NO_DEADLINE = 'Kế hoạch không ghi hạn cho việc gửi này: hãy nhập hạn (một ngày, hoặc số ngày trước hay sau một sự kiện) hoặc bỏ.';

/** "Thời gian: trước ngày 15/11/2022", "Thời hạn hoàn thành: Tháng 11/2022": the deadline of the step just above. */
const TIME_LINE = /^(?:thoi gian|thoi han|han)\b[^:]{0,60}:\s*/;
function timeLineHit(p: Para): DeadlineHit | null {
  const head = TIME_LINE.exec(p.f);
  if (!head || firstMatch(SEND, p.f, 0, p.f.length)) return null;
  const hit = findDeadlines(p.f, p.text, head[0].length, p.f.length)[0];
  if (hit) return hit;
  const at = readPoint(p.f, p.text, head[0].length);
  return at ? { kind: 'date', start: head[0].length, end: at.end, point: at.point } : null;
}

interface ReadPiece {
  milestones: ProposedMilestone[];
  sender: Sender | null;
  /** A deadline with no sending verb ("Việc tổng kết … hoàn thành trước ngày 30/11/2022"), in the plan's words. */
  completion: string | null;
}

function readPiece(piece: Piece, ctx: Ctx, section: Section | null, inherited: Sender | null): ReadPiece {
  const { p } = piece;
  const sentence = p.text.trim().replace(/^[;,.\s]+/, '').replace(/[;,\s]+$/, '');
  const problems: string[] = [];
  const { rule, problems: dateProblems } = piece.hit ? deadlineOf(piece.hit, p, ctx, sentence) : { rule: null, problems: [NO_DEADLINE] };
  // Undated: the step's clause ends where the first sending clause does.
  const firstSend = firstMatch(SEND, p.f, 0, p.f.length);
  CLAUSE_END.lastIndex = firstSend?.index ?? 0;
  const undated = (firstSend && CLAUSE_END.exec(p.f)?.index) ?? p.f.length;
  const hit = piece.hit ?? { start: undated, end: undated };
  // The deadline's own words are no part of the subject ("hoàn thành trước ngày…").
  const f = p.f.slice(0, hit.start) + ' '.repeat(hit.end - hit.start) + p.f.slice(hit.end);
  const subjectStart = SUBORDINATE.exec(f)?.[0].length ?? 0;
  const action = firstMatch(ACTION, f, subjectStart, p.f.length);
  const subjectEnd = action?.index ?? p.f.length;
  const senders = mentions(f, subjectStart, subjectEnd, ctx.units).filter((m) => !m.roles.includes('ministry'));
  const named = senders[senders.length - 1];
  if (named && named.roles.length > 1) problems.push('Câu nêu cả Trưởng và Phó Trưởng là bên gửi: đề xuất Trưởng, hãy kiểm tra.');

  // The sending verb nearest before the deadline (or the first after it when the deadline leads).
  const sends: RegExpExecArray[] = [];
  SEND.lastIndex = 0;
  for (let m = SEND.exec(f); m && m.index < p.f.length; m = SEND.exec(f)) {
    if (m[0] === 'trinh' && /quy\s$/.test(f.slice(Math.max(0, m.index - 4), m.index))) continue;
    if (m[0] === 'bao cao') {
      const next = mentions(f, m.index + m[0].length, Math.min(p.f.length, m.index + 120), ctx.units, true)[0];
      if (!next || f.slice(m.index + m[0].length, next.start).trim() !== '') continue;
    }
    sends.push(m);
  }
  const send = sends.filter((m) => m.index < hit.start).pop() ?? sends.find((m) => m.index > hit.end) ?? null;
  const from: Sender | null = named ? (named.roles.includes('leader') ? 'leader' : (named.roles[0] as Sender)) : send ? inherited : null;

  const to = new Set<Receiver>();
  let title = '';
  if (send) {
    const verbEnd = send.index + send[0].length;
    const stop = hit.start > send.index ? hit.start : p.f.length;
    const zone = mentions(f, verbEnd, stop, ctx.units, true);
    let prep: number | null = null;
    const starts = new Set(zone.map((z) => z.start));
    PREPOSITION.lastIndex = verbEnd;
    for (let m = PREPOSITION.exec(f); m && m.index < stop; m = PREPOSITION.exec(f)) {
      if (starts.has(m.index + m[0].length)) {
        prep = m.index;
        break;
      }
    }
    const receivers = prep === null ? zone : zone.filter((z) => z.start > prep);
    for (const r of receivers) for (const role of r.roles) if (role !== 'inspection_team') to.add(role);
    // "…, đồng thời gửi cho các đơn vị thành viên": a second receiver after the deadline.
    if (stop === hit.start) {
      SEND.lastIndex = hit.end;
      for (let m = SEND.exec(f); m && m.index < p.f.length; m = SEND.exec(f)) {
        CLAUSE_END.lastIndex = m.index;
        const end = CLAUSE_END.exec(f)?.index ?? p.f.length;
        for (const r of mentions(f, m.index + m[0].length, end, ctx.units, true)) for (const role of r.roles) if (role !== 'inspection_team') to.add(role);
        SEND.lastIndex = Math.max(SEND.lastIndex, end);
      }
    }
    // What is sent: the words after the verb when they name a document, else the clause's own words before it.
    DOCUMENT_NOUN.lastIndex = verbEnd;
    if (DOCUMENT_NOUN.exec(f) && !zone.some((z) => z.start <= verbEnd + 1)) {
      title = phrase(p, verbEnd, prep ?? (receivers[0]?.start ?? stop));
    } else {
      const clauseStart = Math.max(subjectStart, ...piece.clauses.filter((c) => c <= send.index));
      // The clause's subject ends at its first verb (at the latest, the sending verb itself).
      const subjectEnd = firstMatch(ACTION, f, clauseStart, send.index + 1)?.index ?? send.index;
      const clauseSubject = mentions(f, clauseStart, subjectEnd, ctx.units);
      const subjectWords = f.slice(clauseStart, subjectEnd).trim();
      // "… Trưởng Khu vực tổng hợp X gửi": X. "Kế hoạch kiểm tra phải … gửi": the subject is what is sent.
      if (clauseSubject.length) title = phrase(p, subjectEnd < send.index ? subjectEnd : clauseSubject[clauseSubject.length - 1]!.end, send.index);
      else if (subjectWords.split(/\s+/).length >= 2) title = phrase(p, clauseStart, subjectEnd);
      else title = phrase(p, clauseStart, send.index);
    }
  } else {
    problems.push('Câu này nêu một hạn nhưng không nói gửi gì cho ai: có thể là hạn hoàn thành một việc. Hãy sửa hoặc bỏ.');
    title = phrase(p, subjectStart, hit.start);
  }
  if (from && from !== 'inspection_team') to.delete(from);

  const titleF = foldSameLength(title);
  const consolidates = from === 'deputy' && to.has('leader') && /\btong hop\b/.test(f.slice(0, send?.index ?? p.f.length));
  const gathers = consolidates ? gathersOf(f.slice(subjectEnd, send?.index ?? p.f.length)) : null;
  if (consolidates && !gathers) problems.push('Không rõ Phó Trưởng tổng hợp của những đơn vị thành viên nào.');
  // One deadline for a report and the award dossiers: two bundles, so two milestones.
  const parts: { title: string; deliverable: Milestone['deliverable'] }[] = [];
  if (consolidates) parts.push({ title, deliverable: 'consolidated' });
  else if (from === 'leader') parts.push({ title, deliverable: leaderDeliverable(titleF, to) });
  // The inspection team has no installation of its own: its minutes are a paper the app only tracks.
  else if (from === 'inspection_team') parts.push({ title, deliverable: 'document' });
  else {
    const split = /[;,]\s*(?=ho so (?:de nghi|khen thuong|suy ton))/.exec(titleF);
    if (split && memberDeliverable(titleF.slice(0, split.index), section) !== 'dossier') {
      parts.push({ title: title.slice(0, split.index).trim(), deliverable: memberDeliverable(titleF.slice(0, split.index), section) });
      const rest = title.slice(split.index + split[0].length);
      parts.push({ title: rest.charAt(0).toUpperCase() + rest.slice(1), deliverable: 'dossier' });
    } else parts.push({ title, deliverable: from || send ? memberDeliverable(titleF, section) : 'document' });
  }

  const milestones = parts.map((part): ProposedMilestone => {
    const own = [...dateProblems, ...problems];
    const sec = section ?? DELIVERABLE_SECTION[part.deliverable] ?? sectionOf(foldSameLength(part.title));
    if (!sec) own.push('Không xác định được phần của kế hoạch (đăng ký, phát động, sơ kết, kiểm tra hay tổng kết).');
    if (!from && send) own.push('Không xác định được đơn vị gửi.');
    if (send && !to.size) own.push('Không xác định được nơi nhận.');
    if (!part.title) own.push('Không xác định được nội dung phải gửi.');
    return {
      key: '',
      section: sec,
      title: part.title,
      deliverable: part.deliverable,
      from,
      to: receiverRoles.filter((r) => to.has(r)),
      gathers: part.deliverable === 'consolidated' ? gathers : null,
      deadline: rule,
      note: '',
      sentence,
      problems: own,
    };
  });
  const completion = !send && piece.hit ? p.text.slice(piece.hit.start, piece.hit.end).trim() : null;
  return { milestones, sender: from, completion: completion && completion.charAt(0).toUpperCase() + completion.slice(1) };
}

function readPhase(p: Para, body: number, ctx: Ctx): ProposedPhase | null {
  const head = /\bdot\b/.exec(p.f.slice(body, body + 60));
  if (!head) return null;
  const range = findRange(p.f, p.text, body + head.index);
  if (!range) return null;
  const nameEnd = Math.min(...[p.f.indexOf(':', body), p.f.indexOf('(', body), p.f.indexOf(',', body), range.start].filter((i) => i > body + head.index));
  const problems: string[] = [];
  const hint = (other: typeof range.from) => other.y ?? ctx.year;
  const a = resolvePoint(range.from, 'start', hint(range.to));
  const b = resolvePoint(range.to, 'end', hint(range.from));
  problems.push(...a.problems, ...b.problems);
  if (a.iso && b.iso && a.iso > b.iso) problems.push('Đợt thi đua kết thúc trước khi bắt đầu.');
  const name = phrase(p, body + head.index, nameEnd).slice(0, 200);
  return { name, from: a.iso, to: b.iso, purpose: phrase(p, range.end, p.text.length).slice(0, 2000), sentence: p.text.slice(body), problems };
}

/** "Thời gian dự kiến thực hiện kiểm tra: Tháng 09/2022." → what, and when. */
const EXPECTED = /^thoi gian (?:du kien\s+)?(?:thuc hien\s+|to chuc\s+|dien ra\s+)?(.{2,80}?)\s*:\s*(.+)$/;

const plausibleYear = (y: number) => y >= 1990 && y <= 2100;

function planYear(paras: Para[]): { title: string; year: number | null } {
  const at = paras.findIndex((p) => /^ke hoach\b/.test(p.f) && p.text.length < 200);
  let title = '';
  if (at >= 0) {
    const rest = paras[at]!.text.slice('KẾ HOẠCH'.length).trim();
    title = rest || (paras[at + 1]?.text ?? '');
    const years = [...foldSameLength(title).matchAll(/\bnam (\d{4})\b/g)].map((m) => Number(m[1])).filter(plausibleYear);
    if (years.length) return { title, year: years[years.length - 1]! };
  }
  // Otherwise the year most of its deadlines fall in.
  const counts = new Map<number, number>();
  for (const p of paras) {
    for (const hit of findDeadlines(p.f, p.text, 0, p.f.length)) {
      if (hit.kind === 'date' && hit.point?.y && plausibleYear(hit.point.y)) counts.set(hit.point.y, (counts.get(hit.point.y) ?? 0) + 1);
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return { title, year: best?.[0] ?? null };
}

const LEADING_EVENT_VERB = /^(?:ket thuc|hoan thanh|tien hanh|bat dau|to chuc|be mac|viec)\s+/;
const FILLER = new Set(['cua', 'cac', 'va', 'thi', 'dua', 'viec', 'nam', 'dot']);
const contentWords = (titleF: string) => titleF.replace(LEADING_EVENT_VERB, '').split(/[^a-z0-9]+/).filter((w) => w && !FILLER.has(w));

/** The event a completion deadline is about: one whose name holds every word of the deadline's subject; an end before a start. */
function completedEvent(title: string, events: ProposedEvent[]): ProposedEvent | null {
  const words = contentWords(foldSameLength(title));
  if (words.length < 2) return null;
  const matching = events.filter((e) => {
    const own = new Set(contentWords(foldSameLength(e.title)));
    return words.every((w) => own.has(w));
  });
  return matching.find((e) => /^(?:ket thuc|hoan thanh)\b/.test(foldSameLength(e.title))) ?? matching[0] ?? null;
}

/**
 * Keys as the template names the same steps ("registration-consolidated"), so a plan read from a
 * document lines up with one built from the template; other steps get "section-sender".
 */
let templateSteps: ReturnType<typeof planTemplate>['milestones'] | null = null;
function assignKeys(milestones: ProposedMilestone[]): void {
  // Keys do not depend on the year; any year of the template names them.
  const template = (templateSteps ??= planTemplate(2001).milestones);
  const taken = new Set<string>();
  const sameTo = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const pick = (m: ProposedMilestone, loose: boolean) =>
    template.find((t) => !taken.has(t.key) && t.section === m.section && t.from === m.from && t.deliverable === m.deliverable && (loose || sameTo(t.to, m.to)));
  for (const loose of [false, true]) {
    for (const m of milestones) {
      if (m.key) continue;
      const t = pick(m, loose);
      if (t) {
        m.key = t.key;
        taken.add(t.key);
      }
    }
  }
  const next = new Map<string, number>();
  for (const m of milestones) {
    if (m.key) continue;
    const base = `${m.section ?? 'plan'}-${m.from ?? 'unknown'}`.replace(/_/g, '-');
    let n = next.get(base) ?? 1;
    let key = n === 1 ? base : `${base}-${n}`;
    while (taken.has(key)) key = `${base}-${++n}`;
    next.set(base, n + 1);
    m.key = key;
    taken.add(key);
  }
}

/** A plan runs to tens of pages; beyond these it is not a plan, and reading it would only cost time. */
export const PLAN_TEXT_LIMITS = { chars: 2_000_000, proposals: 200 };

/** Reads a plan's text (a .txt, a DOCX's paragraphs, or pasted text). Pure: never throws on content. */
export function readPlanText(raw: string): PlanReading {
  if (raw.length > PLAN_TEXT_LIMITS.chars) {
    const problem = `Văn bản quá dài (${raw.length.toLocaleString('vi-VN')} ký tự; giới hạn ${PLAN_TEXT_LIMITS.chars.toLocaleString('vi-VN')}): đây không phải một kế hoạch, văn bản không được đọc.`;
    return { title: '', year: null, phases: [], events: [], milestones: [], problems: [problem] };
  }
  const paras = paragraphsOf(raw).map(para);
  const { title, year } = planYear(paras);
  const ctx: Ctx = { year, latest: null, units: learnUnits(paras), events: new Map() };
  const phases: ProposedPhase[] = [];
  const milestones: ProposedMilestone[] = [];
  const expected: { what: string; when: string }[] = [];
  const completions: { text: string; milestones: ProposedMilestone[] }[] = [];
  const stack: (Section | null)[] = [];

  let tooMany = false;
  /** Steps of the paragraph just read that had no deadline: a "Thời gian: …" line below may give it. */
  let undated: ProposedMilestone[] = [];
  let columns: Columns | null = null;
  for (const source of paras) {
    const waiting = undated;
    undated = [];
    const cells = source.text.includes('\t') ? source.text.split('\t') : null;
    if (!cells) columns = null;
    else if (headerColumns(cells)) {
      columns = headerColumns(cells);
      continue;
    }
    // A row is read as the sentence its cells make; what it proposes keeps the row as its source.
    const p = cells ? para(rowSentence(cells, columns)) : source;
    const rowText = cells && cells.filter(Boolean).join(' | ');
    if (phases.length + milestones.length >= PLAN_TEXT_LIMITS.proposals) {
      tooMany = true;
      break;
    }
    const body = (NUMBERING.exec(p.text) ?? BULLET.exec(p.text))?.[0].length ?? 0;
    const phase = readPhase(p, body, ctx);
    if (phase) {
      phases.push(phase);
      continue;
    }
    const level = cells ? 0 : headingLevel(p.text, p.f);
    if (level) {
      stack.length = level;
      stack[level - 1] = sectionOf(p.f);
      continue;
    }
    const text: Para = { text: p.text.slice(body), f: p.f.slice(body) };
    const timed = waiting.length ? timeLineHit(text) : null;
    if (timed) {
      for (const m of waiting) {
        const read = deadlineOf(timed, text, ctx, m.sentence);
        m.deadline = read.rule;
        m.problems = [...read.problems, ...m.problems.filter((x) => x !== NO_DEADLINE)];
        m.sentence = `${m.sentence} ${text.text}`;
      }
      continue;
    }
    const e = EXPECTED.exec(p.f.slice(body));
    if (e) expected.push({ what: e[1]!.trim(), when: p.text.slice(p.text.length - e[2]!.length).trim().replace(/\.$/, '').slice(0, 200) });
    const section = [...stack].reverse().find((s) => s) ?? null;
    let sender: Sender | null = null;
    const pieces = piecesOf(text);
    if (!pieces.length && section && firstMatch(SEND, text.f, 0, text.f.length)) {
      // A sending step with no deadline is proposed only when it is clearly one: a section, a sender, a receiver.
      const read = readPiece({ p: text, hit: null, clauses: [0] }, ctx, section, null);
      undated = read.milestones.filter((m) => m.from && m.to.length);
      if (rowText) for (const m of undated) m.sentence = rowText;
      milestones.push(...undated);
    }
    for (const piece of pieces) {
      if (phases.length + milestones.length >= PLAN_TEXT_LIMITS.proposals) {
        tooMany = true;
        break;
      }
      const read = readPiece(piece, ctx, section, sender);
      if (rowText) for (const m of read.milestones) m.sentence = rowText;
      milestones.push(...read.milestones);
      if (read.completion) completions.push({ text: read.completion, milestones: read.milestones });
      sender = read.sender ?? sender;
    }
  }

  for (const ev of ctx.events.values()) {
    const titleF = foldSameLength(ev.title);
    const match = expected.find((x) => titleF.includes(x.what));
    if (match) ev.expected = match.when;
  }
  // "Việc tổng kết … hoàn thành trước ngày 30/11/2022" is when an event is expected, not a sending.
  for (const c of completions) {
    const ev = completedEvent(c.milestones[0]!.title, [...ctx.events.values()]);
    if (!ev || ev.expected) continue;
    ev.expected = c.text;
    for (const m of c.milestones) milestones.splice(milestones.indexOf(m), 1);
  }
  assignKeys(milestones);
  const problems: string[] = [];
  if (tooMany) problems.push(`Văn bản có quá nhiều mốc và đợt (hơn ${PLAN_TEXT_LIMITS.proposals}): chỉ phần đầu được đọc.`);
  if (year === null) problems.push('Không xác định được năm của kế hoạch (tiêu đề không ghi "năm …" và các hạn không ghi năm).');
  if (!phases.length && !milestones.length) problems.push('Không tìm thấy đợt thi đua hay mốc thời gian nào trong văn bản.');
  return { title, year, phases, events: [...ctx.events.values()], milestones, problems };
}
