import { parseDateVi } from '../text/vietnamese';

/**
 * How plans write their dates and deadlines, read from folded text (see foldSameLength): a plan
 * typed without some tone marks, with "–" for "-", or with a non-breaking space still reads.
 */

const foldCache = new Map<string, string>();
/**
 * Lower-case, without tone marks, "đ" as "d", dashes as "-", any space as " ": one character for
 * one, so a match in the folded text is the same stretch of the original.
 */
export function foldSameLength(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    let f = foldCache.get(c);
    if (f === undefined) {
      if (/\s/.test(c)) f = ' ';
      else if (c === 'đ' || c === 'Đ') f = 'd';
      else if (/[\u2010-\u2015\u2212]/.test(c)) f = '-';
      else {
        const base = c.normalize('NFD')[0]!.toLowerCase();
        f = base.length === 1 ? base : c;
      }
      foldCache.set(c, f);
    }
    out += f;
  }
  return out;
}

/** A day, a month or a year end as the plan writes it, before the plan's year fills what it omits. */
export type Point =
  | { kind: 'day'; d: number; m: number; y: number | null; shortYear: boolean; text: string }
  | { kind: 'month'; m: number; y: number | null; edge: 'start' | 'end' | null; text: string }
  | { kind: 'quarter'; q: number; y: number | null; text: string }
  | { kind: 'year'; y: number | null; edge: 'start' | 'end'; text: string };

// After a date, no further digit and no "/2022" left over: "10/02/202" is unreadable, not 10/02.
const NO_MORE = String.raw`(?!\d|\s*[/.-]\s*\d)`;
/** Words before a date that change nothing: "vào", "là", "ngày", a weekday, an hour ("17h00 ngày…"). */
const LEAD = /(?:(?:vao|la|ngay|thu\s+(?:hai|ba|tu|nam|sau|bay)|chu nhat|\d{1,2}\s*(?:h|gio)(?:\s*\d{2}(?:\s*phut)?)?)[\s,]+)*/y;
const DAY_WORD = new RegExp(String.raw`(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:nam|,|/)\s*(\d{4}))?${NO_MORE}`, 'y');
const DAY_NUM = new RegExp(String.raw`(?:het\s+(?:ngay\s+)?)?(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?${NO_MORE}`, 'y');
const MONTH = new RegExp(String.raw`(?:(dau|cuoi|het)\s+)?thang\s+(\d{1,2})(?:\s*(?:/|-|\.|nam)\s*(\d{4}))?${NO_MORE}`, 'y');
const YEAR = /(dau|cuoi|het|ket thuc)\s+nam(?:\s+(\d{4}))?(?!\d)/y;
const QUARTER = /(?:(?:cuoi|het)\s+)?quy\s+(iv|iii|ii|i|[1-4])(?![a-z0-9])(?:\s*(?:\/|-|nam)\s*(\d{4}))?(?!\d)/y;
const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

function sticky(re: RegExp, f: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(f);
}

/** The date written at `pos` of the folded text, and where it ends; `original` gives its words for messages. */
export function readPoint(f: string, original: string, pos: number): { point: Point; end: number } | null {
  const start = pos + sticky(LEAD, f, pos)![0].length;
  const text = (end: number) => original.slice(start, end).trim();
  let m = sticky(DAY_WORD, f, start);
  if (m) {
    const end = start + m[0].length;
    return { point: { kind: 'day', d: Number(m[1]), m: Number(m[2]), y: m[3] ? Number(m[3]) : null, shortYear: false, text: text(end) }, end };
  }
  m = sticky(DAY_NUM, f, start);
  if (m) {
    const end = start + m[0].length;
    const y = m[4] ? Number(m[4]) : null;
    const short = m[4]?.length === 2;
    return { point: { kind: 'day', d: Number(m[1]), m: Number(m[3]), y: y === null ? null : short ? 2000 + y : y, shortYear: short, text: text(end) }, end };
  }
  m = sticky(MONTH, f, start);
  if (m) {
    const end = start + m[0].length;
    const edge = m[1] === 'dau' ? 'start' : m[1] ? 'end' : null;
    return { point: { kind: 'month', m: Number(m[2]), y: m[3] ? Number(m[3]) : null, edge, text: text(end) }, end };
  }
  m = sticky(QUARTER, f, start);
  if (m) {
    const end = start + m[0].length;
    return { point: { kind: 'quarter', q: QUARTERS[m[1]!]!, y: m[2] ? Number(m[2]) : null, text: text(end) }, end };
  }
  m = sticky(YEAR, f, start);
  if (m) {
    const end = start + m[0].length;
    return { point: { kind: 'year', y: m[2] ? Number(m[2]) : null, edge: m[1] === 'dau' ? 'start' : 'end', text: text(end) }, end };
  }
  return null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * The ISO date a point stands for, at the start or the end of the month or year it names. An
 * impossible day (30/02, 31/04, 32/01, month 13) gets a problem, never a rolled-over date.
 */
export function resolvePoint(point: Point, edge: 'start' | 'end', yearHint: number | null): { iso: string | null; problems: string[] } {
  const y = point.y ?? yearHint;
  if (y === null) return { iso: null, problems: [`"${point.text}" không ghi năm và không xác định được năm của kế hoạch.`] };
  if (point.kind === 'day') {
    const parsed = parseDateVi(`${point.d}/${point.m}/${String(y).padStart(4, '0')}`);
    if (!parsed.ok) return { iso: null, problems: [`Ngày "${point.text}" không có thật: ${parsed.message}`] };
    const problems = point.shortYear ? [`"${point.text}" ghi năm bằng hai chữ số, đã hiểu là năm ${y}.`] : [];
    return { iso: parsed.iso, problems };
  }
  if (point.kind === 'month') {
    if (point.m < 1 || point.m > 12) return { iso: null, problems: [`"${point.text}": không có tháng ${point.m}, tháng phải từ 1 đến 12.`] };
    if (y < 1900 || y > 2100) return { iso: null, problems: [`"${point.text}": năm ${y} không hợp lý.`] };
    const d = (point.edge ?? edge) === 'start' ? 1 : lastDay(y, point.m);
    return { iso: `${y}-${pad2(point.m)}-${pad2(d)}`, problems: [] };
  }
  if (y < 1900 || y > 2100) return { iso: null, problems: [`"${point.text}": năm ${y} không hợp lý.`] };
  if (point.kind === 'quarter') {
    const m = edge === 'start' ? point.q * 3 - 2 : point.q * 3;
    return { iso: `${y}-${pad2(m)}-${pad2(edge === 'start' ? 1 : lastDay(y, m))}`, problems: [] };
  }
  return { iso: point.edge === 'start' ? `${y}-01-01` : `${y}-12-31`, problems: [] };
}

/** A deadline found in a sentence: a date, a month ("trong tháng 8/2021"), or days after or before an event. */
export type DeadlineHit = { start: number; end: number } & (
  | { kind: 'date'; point: Point | null }
  | { kind: 'after' | 'before'; days: number; workingDays: boolean; event: { start: number; end: number } | null }
);

const NUMBER_DAYS = String.raw`(\d{1,3})\s*(?:\([^)]{0,30}\)\s*)?ngay(\s+lam\s+viec)?`;
const AFTER = new RegExp(
  String.raw`\b(?:(?:cham nhat|muon nhat|trong vong|trong thoi han|trong thoi gian|trong|khong qua|toi da)\s+(?:la\s+)?)?(?:sau\s+)?${NUMBER_DAYS}\s*,?\s*(?:sau\s+khi|ke\s+tu\s+ngay|ke\s+tu\s+khi|ke\s+tu|tinh\s+tu\s+ngay|tinh\s+tu\s+khi|tinh\s+tu|tu\s+ngay|sau\s+ngay|sau)\s+`,
  'g',
);
const BEFORE = new RegExp(String.raw`\b(?:(?:cham nhat|it nhat|toi thieu|truoc it nhat|truoc)\s+(?:la\s+)?)?${NUMBER_DAYS}\s*,?\s*(?:truoc\s+khi|truoc\s+ngay|truoc)\s+`, 'g');
const BEFORE_BARE = new RegExp(String.raw`\btruoc\s+(?:it nhat|toi thieu)\s+(?:la\s+)?${NUMBER_DAYS}`, 'g');
const BEFORE_BARE_EVENT = /\s*,?\s*(?:so voi|ke tu|tinh tu)\s+(?:ngay\s+)?/y;
const BY_DATE = /\b(?:(?:hoan thanh|han)\s+)?(?:truoc|cham nhat|muon nhat|han chot|han cuoi|han(?:\s+(?:nop|gui|hoan thanh))?\s*:?|khong qua|khong muon hon|den het|toi han)\s+(?:la\s+)?(?:vao\s+)?(ngay\s+)?/g;
const IN_MONTH = /\btrong\s+(?=(?:thang\s+\d|quy\s))/g;
/** An event's name runs to the end of the clause, or to "để", "và gửi", "đồng thời". */
const EVENT_END = /[.;()\n]|,|\s(?:de|dong thoi|va gui|nham)\s/g;

function eventSpan(f: string, from: number, limit: number): { start: number; end: number } | null {
  EVENT_END.lastIndex = from;
  const stop = EVENT_END.exec(f);
  const end = Math.min(stop && stop.index < limit ? stop.index : limit, from + 120);
  const text = f.slice(from, end).trimEnd();
  return /[a-z]{2}/.test(text) ? { start: from, end: from + text.length } : null;
}

/** Every deadline in f[from, to), in order, none overlapping. */
export function findDeadlines(f: string, original: string, from: number, to: number): DeadlineHit[] {
  const hits: DeadlineHit[] = [];
  const scan = (re: RegExp, take: (m: RegExpExecArray) => void) => {
    re.lastIndex = from;
    for (let m = re.exec(f); m && m.index < to; m = re.exec(f)) take(m);
  };
  for (const [re, kind] of [
    [AFTER, 'after'],
    [BEFORE, 'before'],
  ] as const) {
    scan(re, (m) => {
      const event = eventSpan(f, m.index + m[0].length, to);
      hits.push({ kind, start: m.index, end: event?.end ?? m.index + m[0].length, days: Number(m[1]), workingDays: !!m[2], event });
    });
  }
  scan(BEFORE_BARE, (m) => {
    const tail = sticky(BEFORE_BARE_EVENT, f, m.index + m[0].length);
    const event = tail ? eventSpan(f, m.index + m[0].length + tail[0].length, to) : null;
    hits.push({ kind: 'before', start: m.index, end: event?.end ?? m.index + m[0].length, days: Number(m[1]), workingDays: !!m[2], event });
  });
  scan(BY_DATE, (m) => {
    const at = readPoint(f, original, m.index + m[0].length);
    if (at && at.end <= to) hits.push({ kind: 'date', start: m.index, end: at.end, point: at.point });
    // "trước ngày" followed by something that is no date: a typo to flag, not a sentence to skip.
    else if (m[1] && !at) {
      const word = /\S+/y;
      word.lastIndex = m.index + m[0].length;
      const w = word.exec(f);
      const end = Math.min(to, w ? w.index + w[0].replace(/[.,;:]+$/, '').length : m.index + m[0].length);
      hits.push({ kind: 'date', start: m.index, end, point: null });
    }
  });
  scan(IN_MONTH, (m) => {
    const at = readPoint(f, original, m.index + m[0].length);
    if (at && (at.point.kind === 'month' || at.point.kind === 'quarter') && at.end <= to) hits.push({ kind: 'date', start: m.index, end: at.end, point: at.point });
  });
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DeadlineHit[] = [];
  for (const h of hits) if (!kept.length || h.start >= kept[kept.length - 1]!.end) kept.push(h);
  return kept;
}

/** A period "từ … đến …" or "trong tháng …", found from `from` on. */
export interface RangeHit {
  start: number;
  end: number;
  from: Point;
  to: Point;
}

const RANGE_FROM = /\btu\s+(?:ngay\s+)?/g;
const RANGE_TO = /\s*,?\s*(?:den|toi|-)\s*/y;

export function findRange(f: string, original: string, from: number): RangeHit | null {
  RANGE_FROM.lastIndex = from;
  for (let m = RANGE_FROM.exec(f); m; m = RANGE_FROM.exec(f)) {
    const a = readPoint(f, original, m.index + m[0].length);
    if (!a) continue;
    const link = sticky(RANGE_TO, f, a.end);
    const b = link && readPoint(f, original, a.end + link[0].length);
    if (b) return { start: m.index, end: b.end, from: a.point, to: b.point };
  }
  IN_MONTH.lastIndex = from;
  const m = IN_MONTH.exec(f);
  const month = m && readPoint(f, original, m.index + m[0].length);
  if (m && month?.point.kind === 'month') return { start: m.index, end: month.end, from: { ...month.point, edge: 'start' }, to: { ...month.point, edge: 'end' } };
  if (m && month?.point.kind === 'quarter') return { start: m.index, end: month.end, from: month.point, to: month.point };
  return null;
}
