import data from '../../../resources/catalogue/catalogue.json';
import { UserError } from '../errors';
import { formatDateVi } from '../text/vietnamese';
import {
  awardCatalogueSchema,
  type AwardCatalogue,
  type BaseSalary,
  type CatalogueEntry,
  type Condition,
  type CouncilVoteRule,
  type DossierRule,
  type EligibilityRule,
  type GrantRule,
  type LegalSource,
  type MoneyRule,
  type Principle,
  type Rule,
} from './schemas';

/** The rules of one title or award in force on one date: what eligibility, dossiers, votes and money read. */
export type EntryInForce = {
  code: string;
  name: string;
  kind: CatalogueEntry['kind'];
  scope: CatalogueEntry['scope'];
  exclusiveGroup?: string;
  /** The date the rules were picked for (yyyy-mm-dd). */
  date: string;
  /** One per hierarchy (Sở Tư pháp, THADS) in force. */
  grant: GrantRule[];
  eligibility: EligibilityRule | null;
  dossier: DossierRule | null;
  councilVote: CouncilVoteRule | null;
  money: MoneyRule | null;
  /** The principles over every award in force on the date (discipline restarts a count, …). */
  principles: Principle[];
  /** Names of every code of the catalogue, so reasons name titles as people know them. */
  names: Readonly<Record<string, string>>;
};

export type RulesInForce = {
  date: string;
  edition: string;
  baseSalary: BaseSalary | null;
  principles: Principle[];
  /** Entries with at least one rule in force on the date, in catalogue order. */
  entries: EntryInForce[];
};

const PREFIX = 'Danh mục danh hiệu, khen thưởng (resources/catalogue) không hợp lệ';

/** "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23": how a source is printed. */
export function sourceText(source: LegalSource): string {
  return source.article ? `${source.document}, ${source.article}` : source.document;
}

/** The entry, rule or field a zod issue path points at, named for a person: mục "CSTDCS" (Chiến sĩ thi đua cơ sở), quy tắc "…". */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let node: unknown = raw;
  let i = 0;
  const at = (key: PropertyKey) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined);
  const field = (v: unknown, k: string) => (v && typeof v === 'object' && typeof (v as Record<string, unknown>)[k] === 'string' ? ((v as Record<string, string>)[k] as string) : null);
  while (i < path.length) {
    const key = path[i]!;
    const next = at(key);
    if ((key === 'entries' || key === 'rules' || key === 'principles' || key === 'baseSalary') && typeof path[i + 1] === 'number') {
      const item = (next as unknown[] | undefined)?.[path[i + 1] as number];
      const code = field(item, 'code');
      const id = field(item, 'id');
      const n = (path[i + 1] as number) + 1;
      if (key === 'entries') parts.push(code ? `mục "${code}"${field(item, 'name') ? ` (${field(item, 'name')})` : ''}` : `mục thứ ${n}`);
      else if (key === 'rules') parts.push(id ? `quy tắc "${id}"` : `quy tắc thứ ${n}`);
      else if (key === 'principles') parts.push(id ? `nguyên tắc "${id}"` : `nguyên tắc thứ ${n}`);
      else parts.push(id ? `mức lương cơ sở "${id}"` : `mức lương cơ sở thứ ${n}`);
      node = item;
      i += 2;
      continue;
    }
    parts.push(`trường "${path.slice(i).map(String).join('.')}"`);
    break;
  }
  return parts.join(', ') || 'toàn bộ tệp';
}

function fail(where: string, what: string): never {
  throw new UserError(`${PREFIX}: ${where}: ${what}`);
}

const entryName = (e: CatalogueEntry) => `mục "${e.code}" (${e.name})`;
const period = (r: { validFrom: string; validTo: string | null }) => `${formatDateVi(r.validFrom)} – ${r.validTo ? formatDateVi(r.validTo) : 'nay'}`;
const overlaps = (a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }) =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');

function codesIn(condition: Condition): string[] {
  switch (condition.kind) {
    case 'title_held':
    case 'never_held':
    case 'held_count':
      return condition.codes;
    case 'member_share':
    case 'member_count':
      return condition.member.kind === 'title_held' ? condition.member.codes : [];
    case 'consecutive_years':
      return codesIn(condition.condition);
    case 'any_of':
    case 'all_of':
      return condition.conditions.flatMap(codesIn);
    default:
      return [];
  }
}

/** Two rules of one kind in force on the same day would make the answer depend on their order: refused. */
function checkPeriods<T extends { id: string; validFrom: string; validTo: string | null; verified: boolean; configurable: boolean }>(items: T[], slot: (t: T) => string, where: (t: T) => string) {
  for (const item of items) {
    if (item.validTo !== null && item.validTo < item.validFrom) fail(where(item), `ngày hết hiệu lực ${formatDateVi(item.validTo)} trước ngày bắt đầu ${formatDateVi(item.validFrom)}.`);
    if (!item.verified && !item.configurable) fail(where(item), 'quy tắc chưa xác minh (verified: false) phải cho phép đơn vị cấu hình (configurable: true).');
  }
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      if (slot(a) === slot(b) && overlaps(a, b))
        fail(where(b), `trùng thời gian hiệu lực với quy tắc "${a.id}" (${period(a)} và ${period(b)}); mỗi lúc chỉ một quy tắc cùng loại có hiệu lực.`);
    }
}

/**
 * Reads catalogue data and checks it whole: the shape (zod), then what a shape cannot say (codes and
 * rule ids unique, periods not overlapping, codes in conditions known, unverified rules configurable).
 * A fault is a UserError naming the entry and the rule, so whoever edited the data knows where.
 */
export function loadCatalogue(raw: unknown): AwardCatalogue {
  const parsed = awardCatalogueSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A condition of a kind the schema does not know fails every branch of the union: name its kind.
    const node = issue.path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<PropertyKey, unknown>)[k] : undefined), raw);
    const kind = issue.path.includes('conditions') && node && typeof node === 'object' && typeof (node as { kind?: unknown }).kind === 'string' ? ` (điều kiện loại "${(node as { kind: string }).kind}" không có hoặc thiếu, sai trường)` : '';
    fail(describePath(raw, issue.path), issue.message.replace(/\.?$/, `${kind}.`));
  }
  const catalogue = parsed.data;
  const codes = new Set<string>();
  const ids = new Map<string, string>();
  const claimId = (id: string, where: string) => {
    const first = ids.get(id);
    if (first) fail(where, `mã quy tắc "${id}" đã dùng ở ${first}; mỗi quy tắc một mã riêng.`);
    ids.set(id, where);
  };
  for (const e of catalogue.entries) {
    if (codes.has(e.code)) fail(entryName(e), `mã "${e.code}" trùng với một mục khác.`);
    codes.add(e.code);
  }
  catalogue.baseSalary.forEach((b) => claimId(b.id, `mức lương cơ sở "${b.id}"`));
  catalogue.principles.forEach((p) => claimId(p.id, `nguyên tắc "${p.id}"`));
  checkPeriods(catalogue.baseSalary, () => 'base', (b) => `mức lương cơ sở "${b.id}"`);
  checkPeriods(catalogue.principles, (p) => p.kind, (p) => `nguyên tắc "${p.id}"`);
  for (const e of catalogue.entries) {
    const where = (r: Rule) => `${entryName(e)}, quy tắc "${r.id}"`;
    e.rules.forEach((r) => claimId(r.id, where(r)));
    checkPeriods(e.rules, (r) => (r.aspect === 'grant' ? `grant:${r.context}` : r.aspect), where);
    for (const r of e.rules) {
      if (r.aspect !== 'eligibility') continue;
      if (r.conditions.length === 0 && (r.verified || !r.note)) fail(where(r), 'danh sách điều kiện trống chỉ dùng cho quy tắc chưa xác minh (verified: false) có ghi chú lý do.');
      for (const code of r.conditions.flatMap(codesIn))
        if (!codes.has(code)) fail(where(r), `điều kiện nhắc tới mã danh hiệu "${code}" không có trong danh mục.`);
    }
  }
  return catalogue;
}

/** The catalogue shipped in resources/, checked when the program starts. */
export const awardCatalogue: AwardCatalogue = loadCatalogue(data);

function inForce(rule: { validFrom: string; validTo: string | null }, date: string): boolean {
  return rule.validFrom <= date && (rule.validTo === null || date <= rule.validTo);
}

/** The rules in force on a date (yyyy-mm-dd): Nghị định 98/2023 ones to 30/06/2025, Nghị định 152/2025 ones from 01/07/2025. */
export function rulesInForce(catalogue: AwardCatalogue, date: string): RulesInForce {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UserError(`Ngày xét "${date}" không hợp lệ: cần dạng năm-tháng-ngày.`);
  const principles = catalogue.principles.filter((p) => inForce(p, date));
  const names: Record<string, string> = Object.fromEntries(catalogue.entries.map((e) => [e.code, e.name]));
  const entries: EntryInForce[] = [];
  for (const e of catalogue.entries) {
    const rules = e.rules.filter((r) => inForce(r, date));
    if (rules.length === 0) continue;
    const one = <A extends Rule['aspect']>(aspect: A) => (rules.find((r) => r.aspect === aspect) as Extract<Rule, { aspect: A }> | undefined) ?? null;
    entries.push({
      code: e.code,
      name: e.name,
      kind: e.kind,
      scope: e.scope,
      ...(e.exclusiveGroup ? { exclusiveGroup: e.exclusiveGroup } : {}),
      date,
      grant: rules.filter((r): r is GrantRule => r.aspect === 'grant'),
      eligibility: one('eligibility'),
      dossier: one('dossier'),
      councilVote: one('council_vote'),
      money: one('money'),
      principles,
      names,
    });
  }
  return { date, edition: catalogue.edition, baseSalary: catalogue.baseSalary.find((b) => inForce(b, date)) ?? null, principles, entries };
}

export type AwardMoney = { coefficient: number; baseSalaryVnd: number; amountVnd: number; verified: boolean; sources: LegalSource[] };

/** Tiền thưởng = coefficient × lương cơ sở, both as in force on the date; null when either is not known. */
export function awardMoney(rules: RulesInForce, code: string): AwardMoney | null {
  const money = rules.entries.find((e) => e.code === code)?.money;
  if (!money || !rules.baseSalary) return null;
  return {
    coefficient: money.coefficient,
    baseSalaryVnd: rules.baseSalary.amountVnd,
    // Whole đồng: 0,3 × 2.340.000 is 702.000, not 702.000,0000001.
    amountVnd: Math.round(money.coefficient * rules.baseSalary.amountVnd),
    verified: money.verified && rules.baseSalary.verified,
    sources: [...money.sources, ...rules.baseSalary.sources],
  };
}
