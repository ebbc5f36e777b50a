import { UserError } from '../errors';
import { formatDateVi } from '../text/vietnamese';
import { sourceText, type EntryInForce } from './catalogue';
import {
  disciplineLabels,
  disciplineLevels,
  initiativeKindLabels,
  initiativeLevelLabels,
  initiativeLevels,
  taskCompletionLabels,
  taskCompletionLevels,
  groupLevelLabels,
  type Condition,
  type Decision,
  type HonourHeld,
  type Initiative,
  type LegalSource,
  type MemberCondition,
  type NomineeHistory,
  type YearFacts,
} from './schemas';

/** needs_review: the history cannot decide it (a judgement for the council, or data not entered yet). */
export type ConditionStatus = 'met' | 'not_met' | 'needs_review';

export type ConditionResult = {
  condition: Condition;
  status: ConditionStatus;
  /** In Vietnamese, naming the years, titles and decisions it rests on. */
  reason: string;
  /** false when the condition (or one it rests on) is not verified: the UI shows "chưa xác minh". */
  verified: boolean;
  /** consecutive_years not met: the latest year that breaks the chain. */
  brokenYear?: number;
  /** initiative met: the sáng kiến counted, to be marked used once the award is decided (once only). */
  initiativeIds?: string[];
  children?: ConditionResult[];
};

export type Evaluation = {
  code: string;
  name: string;
  nomineeId: string;
  year: number;
  status: ConditionStatus;
  reason: string;
  /** false when the eligibility rule itself is unverified or a deciding condition is. */
  verified: boolean;
  ruleId: string | null;
  sources: LegalSource[];
  note?: string;
  results: ConditionResult[];
};

const rank = <T extends string>(order: readonly T[], v: T) => order.indexOf(v);
const decisionText = (d: Decision | null) => (d ? `QĐ số ${d.number} ngày ${formatDateVi(d.date)}` : 'đang đề nghị, chưa có quyết định');
const percentText = (n: number) => `${(Math.round(n * 10) / 10).toString().replace('.', ',')}%`;
const span = (from: number, to: number) => (from === to ? `năm ${to}` : `các năm ${from}–${to}`);

type Context = {
  entry: EntryInForce;
  history: NomineeHistory;
  facts: (y: number) => YearFacts | undefined;
  member: (id: string) => NomineeHistory | undefined;
  disciplineRestarts: boolean;
};

function yearIndex(history: NomineeHistory): Map<number, YearFacts> {
  const byYear = new Map<number, YearFacts>();
  for (const f of history.years) {
    if (byYear.has(f.year)) throw new UserError(`Lịch sử của "${history.nominee.name}" có hai bản ghi năm ${f.year}; mỗi năm chỉ một bản ghi.`);
    byYear.set(f.year, f);
  }
  return byYear;
}

function namesOf(ctx: Context, codes: string[]): string {
  const names = [...new Set(codes.map((c) => `«${ctx.entry.names[c] ?? c}»`))];
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} hoặc ${names[names.length - 1]}`;
}

function heldIn(facts: YearFacts | undefined, codes: string[]): HonourHeld | undefined {
  return facts?.honours.find((h) => codes.includes(h.code));
}

const result = (condition: Condition, status: ConditionStatus, reason: string, extra: Partial<ConditionResult> = {}): ConditionResult => ({
  condition,
  status,
  reason,
  verified: condition.verified !== false,
  ...extra,
});

/** A member's fact: true, false, or null when that member's year is not entered. */
function memberSatisfies(m: MemberCondition, facts: YearFacts | undefined): boolean | null {
  if (!facts) return null;
  if (m.kind === 'title_held') return !!heldIn(facts, m.codes);
  if (facts.taskCompletion === null) return null;
  return rank(taskCompletionLevels, facts.taskCompletion) >= rank(taskCompletionLevels, m.atLeast);
}

function memberText(ctx: Context, m: MemberCondition): string {
  return m.kind === 'title_held' ? `đạt ${namesOf(ctx, m.codes)}` : `từ ${taskCompletionLabels[m.atLeast]} trở lên`;
}

/** Members of a collective in a year, or a result saying why they cannot be counted. */
function membersOf(ctx: Context, condition: Condition, y: number): { id: string; name: string; facts: YearFacts | undefined }[] | ConditionResult {
  if (ctx.history.nominee.kind !== 'collective') return result(condition, 'not_met', 'Điều kiện này chỉ áp dụng cho tập thể.');
  const ids = ctx.facts(y)?.memberIds;
  if (!ids || ids.length === 0) return result(condition, 'needs_review', `Năm ${y} chưa có danh sách thành viên của tập thể.`);
  return ids.map((id) => {
    const h = ctx.member(id);
    return { id, name: h?.nominee.name ?? id, facts: h ? yearIndex(h).get(y) : undefined };
  });
}

function evalAt(ctx: Context, c: Condition, y: number): ConditionResult {
  const facts = ctx.facts(y);
  switch (c.kind) {
    case 'task_completion': {
      const level = facts?.taskCompletion ?? null;
      if (level === null) return result(c, 'needs_review', `Năm ${y} chưa có kết quả đánh giá mức hoàn thành nhiệm vụ.`);
      const ok = rank(taskCompletionLevels, level) >= rank(taskCompletionLevels, c.atLeast);
      return result(c, ok ? 'met' : 'not_met', `Năm ${y}: ${taskCompletionLabels[level]} (cần từ ${taskCompletionLabels[c.atLeast]} trở lên).`);
    }
    case 'title_held': {
      const h = heldIn(facts, c.codes);
      return h
        ? result(c, 'met', `Năm ${y} đạt «${ctx.entry.names[h.code] ?? h.code}» (${decisionText(h.decision)}).`)
        : result(c, 'not_met', `Năm ${y} không đạt ${namesOf(ctx, c.codes)}${facts ? '' : ' (chưa nhập dữ liệu năm này)'}.`);
    }
    case 'consecutive_years':
      return consecutive(ctx, c, y);
    case 'member_share':
    case 'member_count': {
      const members = membersOf(ctx, c, y);
      if (!Array.isArray(members)) return members;
      const answers = members.map((m) => memberSatisfies(c.member, m.facts));
      const yes = answers.filter((a) => a === true).length;
      const unknown = answers.filter((a) => a === null).length;
      const total = members.length;
      // Integers only: 7 of 10 is exactly 70 %, never 69,999…
      const enough = (n: number) => (c.kind === 'member_share' ? n * 100 >= c.atLeastPercent * total : n >= c.atLeast);
      const need = c.kind === 'member_share' ? `cần từ ${percentText(c.atLeastPercent)}` : `cần ít nhất ${c.atLeast} người`;
      const head = `Năm ${y}: ${yes}/${total} thành viên (${percentText((yes * 100) / total)}) ${memberText(ctx, c.member)}, ${need}`;
      if (enough(yes)) return result(c, 'met', `${head}.`);
      if (enough(yes + unknown)) return result(c, 'needs_review', `${head}; còn ${unknown} người chưa có dữ liệu năm ${y}.`);
      return result(c, 'not_met', `${head}.`);
    }
    case 'no_discipline': {
      const serious = (f: YearFacts | undefined) => f?.discipline.find((d) => rank(disciplineLevels, d.level) >= rank(disciplineLevels, c.atLeast));
      const threshold = `từ ${disciplineLabels[c.atLeast]} trở lên`;
      if (c.who === 'nominee') {
        if (!facts) return result(c, 'needs_review', `Năm ${y} chưa có dữ liệu kỷ luật.`);
        const d = serious(facts);
        return d
          ? result(c, 'not_met', `Năm ${y} bị kỷ luật ${disciplineLabels[d.level]} (${decisionText(d.decision)}); điều kiện: không bị kỷ luật ${threshold}.`)
          : result(c, 'met', `Năm ${y} không bị kỷ luật ${threshold}.`);
      }
      const members = membersOf(ctx, c, y);
      if (!Array.isArray(members)) return members;
      const hit = members.flatMap((m) => {
        const d = serious(m.facts);
        return d ? [`${m.name} (${disciplineLabels[d.level]})`] : [];
      });
      if (hit.length) return result(c, 'not_met', `Năm ${y} có thành viên bị kỷ luật ${threshold}: ${hit.join(', ')}.`);
      const missing = members.filter((m) => !m.facts).length;
      return missing
        ? result(c, 'needs_review', `Năm ${y} chưa có dữ liệu kỷ luật của ${missing} thành viên.`)
        : result(c, 'met', `Năm ${y} không thành viên nào bị kỷ luật ${threshold}.`);
    }
    case 'initiative':
      return initiatives(ctx, c, y);
    case 'held_count': {
      const years = ctx.history.years.filter((f) => f.year <= y && heldIn(f, c.codes)).map((f) => f.year).sort((a, b) => a - b);
      const text = years.length ? `các năm ${years.join(', ')}` : 'chưa lần nào';
      return result(c, years.length >= c.atLeast ? 'met' : 'not_met', `Đạt ${namesOf(ctx, c.codes)} ${years.length} lần (${text}), cần ít nhất ${c.atLeast} lần.`);
    }
    case 'leads_group': {
      const leads = facts?.groupLeads.filter((g) => g.level === c.level) ?? [];
      const group = groupLevelLabels[c.level];
      if (leads.length === 0) return result(c, 'not_met', `Năm ${y} không dẫn đầu ${group}.`);
      if (c.acclaimed && !leads.some((g) => g.acclaimed)) return result(c, 'not_met', `Năm ${y} dẫn đầu ${group} nhưng chưa được Cụm, Khu vực suy tôn.`);
      return result(c, 'met', `Năm ${y} dẫn đầu ${group}${c.acclaimed ? ', được suy tôn' : ''}.`);
    }
    case 'targets_exceeded': {
      const v = facts?.targetsExceeded ?? null;
      if (v === null) return result(c, 'needs_review', `Năm ${y} chưa ghi kết quả thực hiện chỉ tiêu.`);
      return result(c, v ? 'met' : 'not_met', v ? `Năm ${y} hoàn thành vượt chỉ tiêu.` : `Năm ${y} không hoàn thành vượt chỉ tiêu.`);
    }
    case 'never_held': {
      // This year's proposal (no decision yet) is the nomination itself, not an earlier award.
      const earlier = ctx.history.years
        .filter((f) => f.year <= y)
        .flatMap((f) => f.honours.filter((h) => c.codes.includes(h.code) && (f.year < y || h.decision !== null)).map((h) => ({ year: f.year, h })));
      const first = earlier[0];
      return first
        ? result(c, 'not_met', `Đã được tặng «${ctx.entry.names[first.h.code] ?? first.h.code}» năm ${first.year} (${decisionText(first.h.decision)}); chỉ tặng một lần.`)
        : result(c, 'met', `Chưa từng được tặng ${namesOf(ctx, c.codes)}.`);
    }
    case 'confirmed':
      return facts?.confirmed.includes(c.key)
        ? result(c, 'met', `Năm ${y} đã được xác nhận: ${c.text}.`)
        : result(c, 'needs_review', `Cần Hội đồng xác nhận năm ${y}: ${c.text}.`);
    case 'any_of': {
      const children = c.conditions.map((x) => evalAt(ctx, x, y));
      const met = children.filter((r) => r.status === 'met');
      if (met.length) return { ...result(c, 'met', `Đạt theo trường hợp: ${met[0]!.reason}`, { children }), verified: c.verified !== false && met.some((r) => r.verified) };
      const status = children.some((r) => r.status === 'needs_review') ? 'needs_review' : 'not_met';
      const lead = status === 'not_met' ? 'Không đạt trường hợp nào' : 'Chưa đạt trường hợp nào, còn cần xem xét';
      return { ...result(c, status, `${lead}: ${children.map((r, i) => `(${i + 1}) ${r.reason}`).join(' ')}`, { children }), verified: c.verified !== false && children.every((r) => r.verified) };
    }
    case 'all_of': {
      const children = c.conditions.map((x) => evalAt(ctx, x, y));
      const status = combine(children);
      const shown = status === 'met' ? children : children.filter((r) => r.status === status);
      return { ...result(c, status, shown.map((r) => r.reason).join(' '), { children }), verified: c.verified !== false && children.every((r) => r.verified) };
    }
  }
}

function combine(results: ConditionResult[]): ConditionStatus {
  if (results.some((r) => r.status === 'not_met')) return 'not_met';
  return results.some((r) => r.status === 'needs_review') ? 'needs_review' : 'met';
}

/**
 * N years in a row ending with the year under review. The latest failing year is the one that breaks
 * the chain (the one a person must look at); from Nghị định 152/2025 Điều 4, a year under discipline
 * breaks it too, since counting restarts after the discipline ends.
 */
function consecutive(ctx: Context, c: Extract<Condition, { kind: 'consecutive_years' }>, y: number): ConditionResult {
  const from = y - c.years + 1;
  const children: ConditionResult[] = [];
  let review = false;
  for (let year = y; year >= from; year--) {
    const d = ctx.disciplineRestarts ? ctx.facts(year)?.discipline[0] : undefined;
    if (d) {
      const why = `Năm ${year} bị kỷ luật ${disciplineLabels[d.level]} (${decisionText(d.decision)}); thời gian tính khen thưởng tính lại sau khi hết kỷ luật`;
      return result(c, 'not_met', `Cần ${c.years} năm liên tục (${span(from, y)}); chuỗi đứt ở năm ${year}: ${why}.`, { brokenYear: year, children });
    }
    const r = evalAt(ctx, c.condition, year);
    children.push(r);
    if (r.status === 'not_met') return { ...result(c, 'not_met', `Cần ${c.years} năm liên tục (${span(from, y)}); chuỗi đứt ở năm ${year}: ${r.reason}`, { brokenYear: year, children }), verified: c.verified !== false && r.verified };
    if (r.status === 'needs_review') review = true;
  }
  const verified = c.verified !== false && children.every((r) => r.verified);
  if (review) return { ...result(c, 'needs_review', `${c.years} năm liên tục (${span(from, y)}) còn cần xem xét: ${children.filter((r) => r.status === 'needs_review').map((r) => r.reason).join(' ')}`, { children }), verified };
  return { ...result(c, 'met', `Đạt liên tục ${c.years} năm (${span(from, y)}).`, { children }), verified };
}

/** A sáng kiến counts once: one already used for another title or award (or another year) is left out, and said so. */
function initiatives(ctx: Context, c: Extract<Condition, { kind: 'initiative' }>, y: number): ConditionResult {
  const from = c.withinYears === null ? -Infinity : y - c.withinYears + 1;
  const candidates: { year: number; i: Initiative }[] = ctx.history.years
    .filter((f) => f.year <= y && f.year >= from)
    .flatMap((f) => f.initiatives.map((i) => ({ year: f.year, i })))
    .filter(({ i }) => c.kinds.includes(i.kind) && rank(initiativeLevels, i.level) >= rank(initiativeLevels, c.atLeastLevel))
    .sort((a, b) => b.year - a.year);
  const free = candidates.filter(({ i }) => !i.usedFor || (i.usedFor.code === ctx.entry.code && i.usedFor.year === y));
  const used = candidates.filter((x) => !free.includes(x));
  const what = `${c.kinds.map((k) => initiativeKindLabels[k]).join(' hoặc ')} ${initiativeLevelLabels[c.atLeastLevel]} trở lên`;
  const when = c.withinYears === null ? `đến năm ${y}` : `trong ${span(y - c.withinYears + 1, y)}`;
  const usedText = used.map(({ i }) => ` «${i.title}» đã dùng để xét «${ctx.entry.names[i.usedFor!.code] ?? i.usedFor!.code}» năm ${i.usedFor!.year}, mỗi sáng kiến chỉ tính một lần.`).join('');
  if (free.length >= c.count) {
    const chosen = free.slice(0, c.count);
    return result(c, 'met', `Có ${chosen.map(({ i, year }) => `«${i.title}» (năm ${year})`).join(', ')}: đủ ${c.count} ${what} ${when}.`, { initiativeIds: chosen.map(({ i }) => i.id) });
  }
  return result(c, 'not_met', `Cần ${c.count} ${what} ${when} chưa dùng cho khen thưởng khác; có ${free.length}.${usedText}`);
}

/**
 * Whether a nominee meets a title or award in a year, condition by condition, on the rules given
 * (rulesInForce on the date of the review). Pure: the history is read, never changed.
 */
export function evaluate(entry: EntryInForce, history: NomineeHistory, year: number): Evaluation {
  const rule = entry.eligibility;
  const base = { code: entry.code, name: entry.name, nomineeId: history.nominee.id, year };
  if (!rule)
    return { ...base, status: 'needs_review', reason: `«${entry.name}» chưa có điều kiện xét tặng có hiệu lực ngày ${formatDateVi(entry.date)}.`, verified: false, ruleId: null, sources: [], results: [] };
  const meta = { ruleId: rule.id, sources: rule.sources, ...(rule.note ? { note: rule.note } : {}) };
  const scopeName = (s: string) => (s === 'collective' ? 'tập thể' : 'cá nhân');
  if (history.nominee.kind !== entry.scope)
    return { ...base, ...meta, status: 'not_met', reason: `«${entry.name}» dành cho ${scopeName(entry.scope)}, không xét cho ${scopeName(history.nominee.kind)}.`, verified: rule.verified, results: [] };
  if (rule.unitKinds && !rule.unitKinds.includes(history.nominee.unitKind))
    return { ...base, ...meta, status: 'not_met', reason: `«${entry.name}» không xét cho loại đơn vị này.`, verified: rule.verified, results: [] };
  if (rule.conditions.length === 0)
    return { ...base, ...meta, status: 'needs_review', reason: `«${entry.name}»: ${rule.note ?? 'điều kiện chưa xác minh, cần đối chiếu văn bản gốc.'}`, verified: false, results: [] };

  const byYear = yearIndex(history);
  const members = new Map((history.members ?? []).map((m) => [m.nominee.id, m]));
  const ctx: Context = {
    entry,
    history,
    facts: (y) => byYear.get(y),
    member: (id) => members.get(id),
    disciplineRestarts: entry.principles.some((p) => p.kind === 'discipline_restarts_count'),
  };
  const results = rule.conditions.map((c) => evalAt(ctx, c, year));
  const status = combine(results);
  const verified = rule.verified && results.every((r) => r.verified);
  const source = rule.sources.map(sourceText).join('; ');
  const reason =
    status === 'met'
      ? `Đủ điều kiện «${entry.name}» năm ${year} (${source}).`
      : status === 'not_met'
        ? `Chưa đủ điều kiện «${entry.name}» năm ${year}: ${results.filter((r) => r.status === 'not_met').map((r) => r.reason).join(' ')}`
        : `Cần xem xét thêm cho «${entry.name}» năm ${year}: ${results.filter((r) => r.status === 'needs_review').map((r) => r.reason).join(' ')}`;
  return { ...base, ...meta, status, reason, verified, results };
}
