import type { UnitKind } from '../units-keys/schemas';
import { compareVi } from '../text/vietnamese';
import type { ClassRule, CriteriaTable, TieBreak } from './criteria-schemas';
import { appliesTo, type Totals } from './rules';

/**
 * Ranking and classification (xếp hạng, xếp loại). Units are ranked on their verified totals, or their
 * own totals while the leader has not verified them (marked as such); equal totals are parted by the
 * table's tie-break rules in turn, and units still equal share the rank. A class is earned at its
 * threshold only when every condition it lists is met.
 */

export interface Classification {
  rule: ClassRule | null;
  /** Why the unit misses a better class it has the points for: the conditions not met. */
  missed: { rule: ClassRule; conditions: string[] }[];
}

export function classify(table: CriteriaTable, kind: UnitKind, total: number, met: ReadonlySet<string>): Classification {
  const missed: Classification['missed'] = [];
  for (const rule of table.classes) {
    if (!appliesTo(rule, kind) || total < rule.min_total) continue;
    const lacking = rule.conditions.filter((c) => !met.has(c));
    if (lacking.length === 0) return { rule, missed };
    missed.push({ rule, conditions: lacking.map((c) => table.conditions.find((x) => x.key === c)?.label ?? c) });
  }
  return { rule: null, missed };
}

/** What ranking reads of a unit's totals: the total, bonus and deduction, and the groups tie-breaks compare. */
export type RankTotals = Pick<Totals, 'total' | 'max' | 'bonus' | 'deduction' | 'byNode'>;

export interface RankInput {
  code: string;
  name: string;
  kind: UnitKind;
  totals: RankTotals;
  /** The leader has verified this unit's scores; otherwise the totals are its own. */
  verified: boolean;
  conditionsMet: ReadonlySet<string>;
}

/** A ranked unit: what the caller gave, with its rank, class and what decided a tie. */
export type RankedUnit<T extends RankInput = RankInput> = T & {
  rank: number;
  /** Rank shared with another unit after every tie-break. */
  shared: boolean;
  classification: Classification;
  /** The tie-break that placed the unit against the one with the same total just above it, if any. */
  decidedBy: string | null;
};

const groupPoints = (t: RankTotals, node: string) => t.byNode.get(node)?.points ?? 0;

function tieKey(rule: TieBreak, t: RankTotals): number {
  switch (rule.by) {
    case 'group':
      return groupPoints(t, rule.node);
    case 'fewer_deductions':
      return -t.deduction;
    case 'more_bonus':
      return t.bonus;
  }
}

export function tieBreakText(table: CriteriaTable, rule: TieBreak): string {
  switch (rule.by) {
    case 'group': {
      const node = findNode(table, rule.node);
      return `điểm nhóm ${node ? `${node.number}. ${node.content}` : rule.node} cao hơn`;
    }
    case 'fewer_deductions':
      return 'bị trừ ít điểm hơn';
    case 'more_bonus':
      return 'được thưởng nhiều điểm hơn';
  }
}

/** The tie-break as a person reads it: "Bằng tổng điểm thì xét lần lượt: …; vẫn bằng nhau thì đồng hạng." */
export function tieBreakStatement(table: CriteriaTable): string {
  if (table.tie_break.length === 0) return 'Các đơn vị bằng tổng điểm thì đồng hạng.';
  return `Các đơn vị bằng tổng điểm thì xét lần lượt: ${table.tie_break.map((r) => tieBreakText(table, r)).join('; ')}; vẫn bằng nhau thì đồng hạng.`;
}

function findNode(table: CriteriaTable, id: string) {
  const stack = [...table.nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.id === id) return n;
    stack.push(...n.children);
  }
  return undefined;
}

/**
 * Ranks the units (all of them, or one unit kind when the caller filters first). Ties in the total
 * are parted by the table's rules in turn; names only order units that share a rank on the page.
 */
export function rankUnits<T extends RankInput>(table: CriteriaTable, units: readonly T[]): RankedUnit<T>[] {
  const keys = new Map(units.map((u) => [u.code, [u.totals.total, ...table.tie_break.map((r) => tieKey(r, u.totals))]]));
  const compare = (a: RankInput, b: RankInput) => {
    const ka = keys.get(a.code)!;
    const kb = keys.get(b.code)!;
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
    return 0;
  };
  const sorted = [...units].sort((a, b) => compare(a, b) || compareVi(a.name, b.name));
  const ranked: RankedUnit<T>[] = [];
  sorted.forEach((u, i) => {
    const prev = sorted[i - 1];
    const tiedWithPrev = prev !== undefined && compare(prev, u) === 0;
    const tiedWithNext = sorted[i + 1] !== undefined && compare(u, sorted[i + 1]!) === 0;
    const rank = tiedWithPrev ? ranked[i - 1]!.rank : i + 1;
    let decidedBy: string | null = null;
    if (prev && !tiedWithPrev && prev.totals.total === u.totals.total) {
      const ka = keys.get(prev.code)!;
      const kb = keys.get(u.code)!;
      const i = ka.findIndex((k, j) => j > 0 && k !== kb[j]);
      decidedBy = `Bằng tổng điểm với đơn vị xếp trên; xếp sau vì đơn vị xếp trên ${tieBreakText(table, table.tie_break[i - 1]!)}.`;
    }
    ranked.push({ ...u, rank, shared: tiedWithPrev || tiedWithNext, classification: classify(table, u.kind, u.totals.total, u.conditionsMet), decidedBy });
  });
  return ranked;
}

/** "Loại A (Xuất sắc)" or why not: for tables, documents and the member's own view. */
export function classificationText(c: Classification): string {
  const got = c.rule ? `${c.rule.label}` : 'Không xếp loại';
  const why = c.missed.map((m) => `đủ điểm ${m.rule.label} nhưng chưa đạt điều kiện: ${m.conditions.join('; ')}`);
  return why.length ? `${got} (${why.join('; ')})` : got;
}
