import type { UnitKind } from '../units-keys/schemas';
import { unitKindLabels, unitKinds } from '../units-keys/unit-kinds';
import type { CriteriaNode, CriteriaTable } from './criteria-schemas';
import { formatPoints } from '../text/points';
import { appliesTo, walkTable } from './rules';
import type { TableProblem } from './view-schemas';

/** How deep and how large a table may be: far beyond any office's table, short of what would slow the screens. */
export const MAX_TABLE_DEPTH = 5;
export const MAX_TABLE_NODES = 3000;

/**
 * The checks a leader sees before sending a table: maxima add up, numbering is unique and in order,
 * rules fit their items, classes and tie-breaks name what exists. Errors stop the table from being
 * sent; warnings are shown and left to the leader. Free of zod and Node: the criteria screen runs
 * them as one types.
 */
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

type Numbering = { style: 'roman' | 'arabic' | 'upper' | 'lower'; index: number; prefix: string } | null;

/** "IV" → roman 4; "2" → arabic 2; "1.3" → arabic 3 under "1"; "b" → lower 2; "B" → upper 2. Trailing "." or ")" is ignored. */
export function parseNumber(number: string): Numbering {
  const n = number.trim().replace(/[.)]$/, '');
  const roman = ROMAN.indexOf(n);
  if (roman >= 0) return { style: 'roman', index: roman + 1, prefix: '' };
  const dotted = /^((?:\d+\.)*)(\d+)$/.exec(n);
  if (dotted) return { style: 'arabic', index: Number(dotted[2]), prefix: dotted[1]!.replace(/\.$/, '') };
  if (/^[a-zđ]$/.test(n)) return { style: 'lower', index: 'abcdđeghiklmnopqrstuvxy'.indexOf(n) + 1 || n.charCodeAt(0) - 96, prefix: '' };
  if (/^[A-ZĐ]$/.test(n)) return { style: 'upper', index: 'ABCDĐEGHIKLMNOPQRSTUVXY'.indexOf(n) + 1 || n.charCodeAt(0) - 64, prefix: '' };
  return null;
}

const kindsOf = (table: CriteriaTable): readonly UnitKind[] => (table.unit_kinds.length ? table.unit_kinds : unitKinds);

export function checkTable(table: CriteriaTable): TableProblem[] {
  const problems: TableProblem[] = [];
  const error = (node: CriteriaNode | null, message: string) => problems.push({ severity: 'error', node: node?.id ?? null, message });
  const warning = (node: CriteriaNode | null, message: string) => problems.push({ severity: 'warning', node: node?.id ?? null, message });
  const label = (node: CriteriaNode) => `Mục ${node.number}`;

  const ids = new Set<string>();
  let count = 0;
  for (const { node, depth, parent } of walkTable(table.nodes)) {
    count++;
    if (ids.has(node.id)) error(node, `${label(node)}: mã mục "${node.id}" trùng với một mục khác.`);
    ids.add(node.id);
    if (depth > MAX_TABLE_DEPTH) error(node, `${label(node)} nằm sâu quá ${MAX_TABLE_DEPTH} cấp.`);
    if (parent && parent.role !== 'standard' && node.role !== parent.role) {
      error(node, `${label(node)} nằm trong nhóm ${parent.role === 'bonus' ? 'điểm thưởng' : 'điểm trừ'} nên cũng phải là ${parent.role === 'bonus' ? 'điểm thưởng' : 'điểm trừ'}.`);
    }
    if (parent && node.unit_kinds.some((k) => !appliesTo(parent, k))) warning(node, `${label(node)} áp dụng cho loại đơn vị mà nhóm chứa nó không áp dụng.`);
    if (node.kind === 'item') checkItem(node, error);
    else if (node.children.length === 0) error(node, `${label(node)} là nhóm nhưng chưa có tiêu chí nào.`);
    else if (node.rule) error(node, `${label(node)} là nhóm: cách chấm đặt ở từng tiêu chí, không đặt ở nhóm.`);
  }
  if (count > MAX_TABLE_NODES) error(null, `Bảng có ${count} mục, quá giới hạn ${MAX_TABLE_NODES} mục.`);

  checkNumbering(table.nodes, null, error, warning);

  // Standard maxima add up for every unit kind the table serves: Sở and THADS tables may differ item by item.
  const kinds = kindsOf(table);
  for (const { node } of walkTable(table.nodes)) {
    if (node.kind !== 'group' || node.role !== 'standard') continue;
    const sums = kinds.filter((k) => appliesTo(node, k)).map((kind) => ({ kind, sum: node.children.filter((c) => c.role === 'standard' && appliesTo(c, kind)).reduce((s, c) => s + Math.round(c.max * 100), 0) }));
    const wrong = sums.filter((x) => x.sum !== Math.round(node.max * 100));
    const uniform = wrong.length === sums.length && wrong.every((x) => x.sum === wrong[0]!.sum);
    for (const x of uniform ? wrong.slice(0, 1) : wrong) {
      error(node, `${label(node)} có điểm chuẩn ${formatPoints(node.max)} nhưng các tiêu chí trong nhóm cộng lại ${formatPoints(x.sum / 100)}${uniform ? '' : ` (đối với ${unitKindLabels[x.kind]})`}.`);
    }
  }

  const conditions = new Set(table.conditions.map((c) => c.key));
  if (conditions.size !== table.conditions.length) error(null, 'Có điều kiện xếp loại bị khai báo hai lần.');
  const classCodes = new Set<string>();
  table.classes.forEach((cls, i) => {
    if (classCodes.has(cls.code)) error(null, `Loại "${cls.label}" bị khai báo hai lần.`);
    classCodes.add(cls.code);
    for (const c of cls.conditions) if (!conditions.has(c)) error(null, `Loại "${cls.label}" đòi một điều kiện không có trong bảng (${c}).`);
    const before = table.classes.slice(0, i).filter((b) => kinds.some((k) => appliesTo(b, k) && appliesTo(cls, k)));
    if (before.some((b) => b.min_total < cls.min_total)) error(null, `Các loại phải xếp từ cao xuống thấp: loại "${cls.label}" đòi nhiều điểm hơn một loại đứng trước nó.`);
    const reachable = kinds.filter((k) => appliesTo(cls, k)).map((kind) => ({ kind, max: reachableMax(table, kind) }));
    const short = reachable.filter((x) => cls.min_total > x.max);
    const uniform = short.length === reachable.length && short.every((x) => x.max === short[0]!.max);
    for (const x of uniform ? short.slice(0, 1) : short) {
      error(null, `Loại "${cls.label}" đòi ${formatPoints(cls.min_total)} điểm, nhiều hơn số điểm cao nhất có thể đạt (${formatPoints(x.max)})${uniform ? '' : ` đối với ${unitKindLabels[x.kind]}`}.`);
    }
  });
  for (const rule of table.tie_break) {
    if (rule.by !== 'group') continue;
    const node = [...walkTable(table.nodes)].find((x) => x.node.id === rule.node)?.node;
    if (!node) error(null, `Quy tắc xếp hạng khi bằng điểm nhắc đến một mục không có trong bảng (${rule.node}).`);
    else if (node.kind !== 'group' || node.role !== 'standard') error(node, `Quy tắc xếp hạng khi bằng điểm chỉ so sánh theo một nhóm tiêu chí chấm điểm, không theo ${label(node).toLowerCase()}.`);
  }
  return problems;
}

function checkItem(node: CriteriaNode, error: (n: CriteriaNode, m: string) => void) {
  const label = `Mục ${node.number}`;
  if (node.children.length) error(node, `${label} là tiêu chí nên không chứa mục con; hãy đổi thành nhóm.`);
  if (!node.rule) return error(node, `${label} chưa có cách chấm.`);
  if (node.max <= 0) error(node, `${label} chưa có ${node.role === 'standard' ? 'điểm chuẩn' : 'mức tối đa'}.`);
  const rule = node.rule;
  if (node.role !== 'standard' && rule.type !== 'manual' && rule.type !== 'fixed') error(node, `${label} là điểm ${node.role === 'bonus' ? 'thưởng' : 'trừ'}: chỉ chấm theo số điểm hoặc đạt/không đạt.`);
  if (rule.type === 'lateness') {
    const all = [...rule.brackets.map((b) => b.points), rule.beyond];
    if (all.some((p) => p > node.max)) error(node, `${label}: một mức chấm cho nhiều điểm hơn điểm chuẩn ${formatPoints(node.max)}.`);
    rule.brackets.forEach((b, i) => {
      const prev = rule.brackets[i - 1];
      if (prev && b.days <= prev.days) error(node, `${label}: các mức chậm phải theo số ngày tăng dần.`);
      if (prev && b.points > prev.points) error(node, `${label}: chậm hơn không thể được nhiều điểm hơn.`);
    });
    if (rule.beyond > rule.brackets[rule.brackets.length - 1]!.points) error(node, `${label}: chậm quá mọi mức không thể được nhiều điểm hơn mức cuối.`);
  }
  if (rule.type === 'percentage') {
    const all = [...rule.brackets.map((b) => b.points), rule.below];
    if (all.some((p) => p > node.max)) error(node, `${label}: một mức chấm cho nhiều điểm hơn điểm chuẩn ${formatPoints(node.max)}.`);
    rule.brackets.forEach((b, i) => {
      const prev = rule.brackets[i - 1];
      if (prev && (b.from > prev.from || (b.from === prev.from && (prev.strict ? !b.strict : true)))) error(node, `${label}: các mức tỷ lệ phải theo thứ tự giảm dần.`);
      if (prev && b.points > prev.points) error(node, `${label}: tỷ lệ thấp hơn không thể được nhiều điểm hơn.`);
    });
    if (rule.below > rule.brackets[rule.brackets.length - 1]!.points) error(node, `${label}: dưới mọi mức không thể được nhiều điểm hơn mức cuối.`);
  }
}

/** Siblings are numbered once each, in order, in one style, and "1.2" sits under "1". */
function checkNumbering(nodes: readonly CriteriaNode[], parent: CriteriaNode | null, error: (n: CriteriaNode, m: string) => void, warning: (n: CriteriaNode, m: string) => void) {
  const seen = new Set<string>();
  const last = new Map<string, number>();
  const styles = new Set<string>();
  for (const node of nodes) {
    const key = node.number.trim().replace(/[.)]$/, '');
    if (seen.has(key)) error(node, `Số thứ tự "${node.number}" bị dùng hai lần trong cùng một nhóm.`);
    seen.add(key);
    const n = parseNumber(node.number);
    if (!n) {
      warning(node, `Không đọc được số thứ tự "${node.number}".`);
      continue;
    }
    styles.add(n.style);
    const parentNumber = parent ? parent.number.trim().replace(/[.)]$/, '') : '';
    if (n.prefix && n.prefix !== parentNumber) error(node, `Mục ${node.number} không nằm dưới mục ${n.prefix}${parent ? ` mà dưới mục ${parent.number}` : ''}.`);
    const styleKey = `${n.style}:${n.prefix}`;
    const prev = last.get(styleKey) ?? 0;
    if (n.index !== prev + 1 && !seen.has(`dup:${key}`)) error(node, `Số thứ tự "${node.number}" không theo thứ tự (sau ${prev === 0 ? 'đầu nhóm' : `mục thứ ${prev}`}).`);
    last.set(styleKey, n.index);
    checkNumbering(node.children, node, error, warning);
  }
  if (styles.size > 1) warning(nodes[0]!, `Các mục cùng cấp${parent ? ` trong mục ${parent.number}` : ''} được đánh số theo nhiều kiểu khác nhau.`);
}

/** The most a unit of this kind can score: every standard point plus every bonus up to its caps. */
export function reachableMax(table: CriteriaTable, kind: UnitKind): number {
  const walk = (node: CriteriaNode): number => {
    if (!appliesTo(node, kind) || node.role === 'deduction') return 0;
    if (node.kind === 'item') return Math.round(node.max * 100);
    const sum = node.children.reduce((s, c) => s + walk(c), 0);
    return node.role === 'bonus' ? Math.min(sum, Math.round(node.max * 100)) : sum;
  };
  return table.nodes.reduce((s, n) => s + walk(n), 0) / 100;
}
