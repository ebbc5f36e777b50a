import type { CriteriaNode, CriteriaTable, ItemValue } from '../../electron/services/scoring/criteria-schemas';
import { itemsFor } from '../../electron/services/scoring/rules';
import type { SelfAssessmentRecord } from '../../electron/services/scoring/self-assessment-schemas';

/** The scoring benches' data, free of side effects: a 300-item table and a unit's varied, valid values. */

/** 10 groups of 28 items (every rule kind), 10 bonus items capped, 10 deductions capped: 300 items. */
export function benchTable(): CriteriaTable {
  const item = (id: string, n: number, i: number): CriteriaNode => {
    const rule: CriteriaNode['rule'] =
      i % 4 === 0
        ? { type: 'lateness', brackets: [{ days: 0, points: 2 }, { days: 2, points: 1.5 }, { days: 5, points: 1 }, { days: 10, points: 0.5 }], beyond: 0 }
        : i % 4 === 1
          ? { type: 'percentage', brackets: [{ from: 95, strict: true, points: 2 }, { from: 75, strict: false, points: 1 }, { from: 50, strict: false, points: 0.5 }], below: 0 }
          : i % 4 === 2
            ? { type: 'fixed' }
            : { type: 'manual' };
    return { id, number: String(n), content: `Tiêu chí ${id}`, kind: 'item', role: 'standard', max: 2, guide: '', evidence: '', evidence_required: i % 3 === 0, unit_kinds: [], rule, floor: 0, children: [] };
  };
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
  const groups: CriteriaNode[] = Array.from({ length: 10 }, (_, g) => ({
    ...item(`g${g}`, 0, 3),
    number: roman[g]!,
    kind: 'group' as const,
    max: 56,
    rule: null,
    children: Array.from({ length: 28 }, (_, i) => item(`g${g}.${i}`, i + 1, i)),
  }));
  const side = (role: 'bonus' | 'deduction', number: string): CriteriaNode => ({
    ...item(role, 0, 3),
    number,
    kind: 'group',
    role,
    max: 10,
    rule: null,
    children: Array.from({ length: 10 }, (_, i) => ({ ...item(`${role}.${i}`, i + 1, 3), role })),
  });
  return {
    title: 'Bảng đo',
    year: 2026,
    source: '',
    sample: false,
    unit_kinds: [],
    floor: 0,
    nodes: [...groups, side('bonus', 'XI'), side('deduction', 'XII')],
    conditions: [{ key: 'targets', label: 'Đạt các chỉ tiêu' }],
    classes: [{ code: 'A', label: 'Loại A', min_total: 450, conditions: ['targets'], unit_kinds: [] }, { code: 'B', label: 'Loại B', min_total: 300, conditions: [], unit_kinds: [] }],
    tie_break: [{ by: 'group', node: 'g0' }, { by: 'fewer_deductions' }],
  };
}

/** Varied, valid values for every item: what a unit of the bench states. */
export function benchValues(table: CriteriaTable, seed: number): SelfAssessmentRecord['items'] {
  return itemsFor(table, 'so_tu_phap').map((node, i) => {
    const r = (seed * 7919 + i * 104729) % 1000;
    const value: ItemValue =
      node.rule!.type === 'lateness'
        ? { type: 'days_late', days: r % 13 }
        : node.rule!.type === 'percentage'
          ? { type: 'percent', percent: (r % 1000) / 10 }
          : node.rule!.type === 'fixed'
            ? { type: 'done', done: r % 5 !== 0 }
            : { type: 'points', points: node.role === 'standard' ? (r % 9) / 4 : (r % 5) / 2 };
    return { node: node.id, value, explanation: '', evidence: [] };
  });
}

