import type { UnitKind } from '../units-keys/schemas';
import { cents, formatPoints, fromCents, hasTwoDecimals } from '../text/points';
import type { CriteriaNode, CriteriaTable, ItemValue, ScoringRule } from './criteria-schemas';

/**
 * The scoring rules: what one item earns from what a unit states for it, and the totals of a table.
 * Every sum runs in hundredths of a point (text/points). Pure and free of zod: the self-assessment
 * screen recomputes totals with it as one types.
 */



/** The value an item's rule asks for, so the form shows the right input. */
export function valueTypeOf(rule: ScoringRule): ItemValue['type'] {
  switch (rule.type) {
    case 'manual':
      return 'points';
    case 'fixed':
      return 'done';
    case 'lateness':
      return 'days_late';
    case 'percentage':
      return 'percent';
  }
}

export type ItemScore = { ok: true; points: number } | { ok: false; message: string };

const what = (node: CriteriaNode) => `mục ${node.number}`;

/**
 * What an item earns from the value a unit states, or why the value cannot stand: above the maximum,
 * below zero, a deduction beyond its cap, a value of the wrong kind for the item's rule.
 */
export function scoreItem(node: CriteriaNode, value: ItemValue): ItemScore {
  const rule = node.rule ?? { type: 'manual' as const };
  if (value.type !== valueTypeOf(rule)) return { ok: false, message: `Cách chấm của ${what(node)} không dùng loại giá trị này.` };
  switch (value.type) {
    case 'points': {
      const p = value.points;
      if (p < 0) return { ok: false, message: `Điểm của ${what(node)} không được âm.` };
      if (!hasTwoDecimals(p)) return { ok: false, message: `Điểm của ${what(node)} chỉ được có tối đa hai chữ số sau dấu phẩy.` };
      if (cents(p) > cents(node.max)) {
        const limit =
          node.role === 'deduction'
            ? `mức trừ tối đa ${formatPoints(node.max)} điểm`
            : node.role === 'bonus'
              ? `mức thưởng tối đa ${formatPoints(node.max)} điểm`
              : `điểm chuẩn ${formatPoints(node.max)}`;
        return { ok: false, message: `${node.role === 'deduction' ? 'Điểm trừ' : 'Điểm'} ${formatPoints(p)} của ${what(node)} vượt quá ${limit}.` };
      }
      return { ok: true, points: p };
    }
    case 'done':
      return { ok: true, points: value.done ? node.max : 0 };
    case 'days_late': {
      if (rule.type !== 'lateness') break;
      if (value.days === null) return { ok: true, points: rule.beyond };
      const bracket = rule.brackets.find((b) => value.days! <= b.days);
      return { ok: true, points: bracket ? bracket.points : rule.beyond };
    }
    case 'percent': {
      if (rule.type !== 'percentage') break;
      const bracket = rule.brackets.find((b) => (b.strict ? value.percent > b.from : value.percent >= b.from));
      return { ok: true, points: bracket ? bracket.points : rule.below };
    }
  }
  return { ok: false, message: `Cách chấm của ${what(node)} không dùng loại giá trị này.` };
}

export const appliesTo = (node: { unit_kinds: readonly string[] }, kind: UnitKind | null) => kind === null || node.unit_kinds.length === 0 || node.unit_kinds.includes(kind);

export interface NodeTotal {
  /** Standard nodes: the score; bonus and deduction nodes: the points added or taken, after caps. */
  points: number;
  /** Standard points (or the cap) that apply to this unit kind. */
  max: number;
}

export interface Totals {
  total: number;
  /** Sum of the standard maxima that apply: the "thang điểm" the total is read against. */
  max: number;
  bonus: number;
  deduction: number;
  byNode: Map<string, NodeTotal>;
  /** Items that apply and have no value yet, in table order. */
  missing: string[];
  /** Values the rules refuse, with why; they count as nothing until corrected. */
  refused: { node: string; message: string }[];
}

interface Acc {
  standard: number;
  bonus: number;
  deduction: number;
}

/**
 * The totals of a table for a unit kind from the values stated so far. Bonus and deduction groups
 * are capped at their maxima; a group never falls below its floor, the total never below the table's.
 */
export function computeTotals(table: CriteriaTable, kind: UnitKind | null, values: ReadonlyMap<string, ItemValue>): Totals {
  const byNode = new Map<string, NodeTotal>();
  const missing: string[] = [];
  const refused: Totals['refused'] = [];
  let bonusAll = 0;
  let deductionAll = 0;

  // Returns, in cents, what the node adds to its parent (negative for deductions) and its applicable max.
  const walk = (node: CriteriaNode): { delta: number; max: number } | null => {
    if (!appliesTo(node, kind)) return null;
    if (node.kind === 'item') {
      const value = values.get(node.id);
      let earned = 0;
      if (!value) missing.push(node.id);
      else {
        const scored = scoreItem(node, value);
        if (scored.ok) earned = cents(scored.points);
        else refused.push({ node: node.id, message: scored.message });
      }
      byNode.set(node.id, { points: fromCents(earned), max: node.max });
      if (node.role === 'bonus') bonusAll += earned;
      if (node.role === 'deduction') deductionAll += earned;
      return { delta: node.role === 'deduction' ? -earned : earned, max: node.role === 'standard' ? cents(node.max) : 0 };
    }
    const acc: Acc = { standard: 0, bonus: 0, deduction: 0 };
    let max = 0;
    for (const child of node.children) {
      const r = walk(child);
      if (!r) continue;
      max += r.max;
      if (child.role === 'deduction') acc.deduction -= r.delta;
      else if (child.role === 'bonus') acc.bonus += r.delta;
      else acc.standard += r.delta;
    }
    if (node.role === 'bonus' || node.role === 'deduction') {
      const sum = node.role === 'bonus' ? acc.bonus : acc.deduction;
      const capped = Math.min(sum, cents(node.max));
      // What the cap cut off is not counted in the unit's bonus or deduction either.
      if (node.role === 'bonus') bonusAll -= sum - capped;
      else deductionAll -= sum - capped;
      byNode.set(node.id, { points: fromCents(capped), max: node.max });
      return { delta: node.role === 'deduction' ? -capped : capped, max: 0 };
    }
    const raw = acc.standard + acc.bonus - acc.deduction;
    const score = Math.max(cents(node.floor), raw);
    // A floor reached through deductions means part of them was not taken.
    deductionAll -= Math.min(score - raw, acc.deduction);
    byNode.set(node.id, { points: fromCents(score), max: fromCents(max) });
    return { delta: score, max };
  };

  let sum = 0;
  let max = 0;
  for (const node of table.nodes) {
    const r = walk(node);
    if (!r) continue;
    sum += r.delta;
    max += r.max;
  }
  const total = Math.max(cents(table.floor), sum);
  deductionAll -= Math.min(total - sum, deductionAll);
  return { total: fromCents(total), max: fromCents(max), bonus: fromCents(bonusAll), deduction: fromCents(deductionAll), byNode, missing, refused };
}

/** Every node of a table in reading order, with its depth and parent. */
export function* walkTable(nodes: readonly CriteriaNode[], depth = 1, parent: CriteriaNode | null = null): Generator<{ node: CriteriaNode; depth: number; parent: CriteriaNode | null }> {
  for (const node of nodes) {
    yield { node, depth, parent };
    yield* walkTable(node.children, depth + 1, node);
  }
}

/** Items a unit of this kind scores: an item applies when it and every group above it apply. */
export function itemsFor(table: CriteriaTable, kind: UnitKind): CriteriaNode[] {
  const out: CriteriaNode[] = [];
  const walk = (nodes: readonly CriteriaNode[]) => {
    for (const n of nodes) {
      if (!appliesTo(n, kind)) continue;
      if (n.kind === 'item') out.push(n);
      else walk(n.children);
    }
  };
  walk(table.nodes);
  return out;
}

/**
 * "A.I.1": each node's number with its groups', since numbering restarts in every group. A number
 * that already carries its group's ("2.1" under "2") is not prefixed twice.
 */
export function numberPaths(nodes: readonly CriteriaNode[], parent: { path: string; number: string } | null = null): Map<string, string> {
  return new Map(
    nodes.flatMap((n) => {
      const path = !parent ? n.number : n.number.startsWith(`${parent.number}.`) ? `${parent.path.slice(0, -parent.number.length)}${n.number}` : `${parent.path}.${n.number}`;
      return [[n.id, path] as const, ...numberPaths(n.children, { path, number: n.number })];
    }),
  );
}
