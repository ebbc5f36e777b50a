import { parseArgs } from 'node:util';
import { UserError } from '../services/errors';
import type { CriteriaNode } from '../services/scoring/criteria-schemas';
import { readCriteriaXlsx } from '../services/scoring/criteria-xlsx';
import type { CriteriaReading } from '../services/scoring/view-schemas';
import { formatPoints } from '../services/text/points';
import { printOrRefuse } from './output';

const RULE: Record<NonNullable<CriteriaNode['rule']>['type'], string> = { manual: '', fixed: 'đạt/không đạt', lateness: 'chấm theo số ngày chậm', percentage: 'chấm theo tỷ lệ đạt' };

function nodeLine(n: CriteriaNode): string {
  const points = n.role === 'bonus' ? `thưởng tối đa ${formatPoints(n.max)} điểm` : n.role === 'deduction' ? `trừ tối đa ${formatPoints(n.max)} điểm` : `${formatPoints(n.max)} điểm`;
  const rule = n.kind === 'item' && n.rule ? RULE[n.rule.type] : '';
  return [`${n.number}. ${n.content} — ${points}`, rule, n.evidence_required ? 'cần minh chứng' : ''].filter(Boolean).join('; ');
}

/** The reading as a leader checks it against the sheet: the tree, what was understood, what was not, the checks. */
export function describeCriteriaReading(r: CriteriaReading): string[] {
  const out = [`${r.table.title} (năm ${r.table.year})`];
  if (r.table.source) out.push(r.table.source);
  const walk = (nodes: CriteriaNode[], depth: number) => {
    for (const n of nodes) {
      out.push(`${'    '.repeat(depth)}${nodeLine(n)}`);
      walk(n.children, depth + 1);
    }
  };
  out.push('', 'CÁC MỤC');
  walk(r.table.nodes, 0);
  out.push('', `ĐÃ ĐỌC (${r.recognised.length})`, ...r.recognised.map((x) => `- ${x}`));
  out.push('', `CHƯA ĐỌC ĐƯỢC HOẶC CẦN XEM LẠI (${r.unread.length})`, ...r.unread.map((x) => `- ${x.message}`));
  out.push('', `KIỂM TRA BẢNG (${r.problems.length})`, ...r.problems.map((p) => `- ${p.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}: ${p.message}`));
  return out;
}

/** `thidua criteria read FILE.xlsx [--json]`: exit 0 with the proposed table, 1 with the reason when the file is refused. */
export async function criteriaReadCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UserError('Hãy chỉ ra đúng một tệp bảng tiêu chí (.xlsx).');
  return printOrRefuse(values.json, () => readCriteriaXlsx(positionals[0]!), describeCriteriaReading);
}
