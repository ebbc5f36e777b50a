import type { Document } from 'docx';
import type { Group, OwnUnit } from '../../ipc/contract';
import type { CriteriaNode } from '../scoring/criteria-schemas';
import { classify } from '../scoring/ranking';
import { appliesTo, computeTotals } from '../scoring/rules';
import { valuesOf } from '../scoring/self-assessment';
import type { SelfAssessmentRecord } from '../scoring/self-assessment-schemas';
import type { SelfAssessmentView } from '../scoring/view-schemas';
import { formatPoints } from '../text/points';
import { bodyText, confirmationBlock, dataTable, heading, line, officialDocument, type Column } from './layout';

/** The six cities run by the centre are "thành phố", every other province a "tỉnh". */
const CITIES = ['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế'];

/** "tỉnh Tuyên Quang", "thành phố Hà Nội": the province as the chairman's title names it. */
export function provinceTitle(province: string): string {
  const name = province.trim().replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '');
  if (/^(thành phố|tp\.?)\s/i.test(province.trim()) || CITIES.some((c) => name.endsWith(c))) return `thành phố ${name}`;
  return `tỉnh ${name}`;
}

/**
 * Who confirms the self-score under the head's signature. A Sở Tư pháp's is the provincial chairman
 * (Quyết định 663/QĐ-BTP Điều 2); for other units the superior is not named in the sources we hold,
 * so the block names the superior without guessing its title.
 */
export function confirmationOf(unit: Pick<OwnUnit, 'kind' | 'province' | 'name'>, year: number): { title: string; statement: string; signer: string } {
  if (unit.kind === 'so_tu_phap') {
    const province = provinceTitle(unit.province);
    return {
      title: `Xác nhận của Chủ tịch Ủy ban nhân dân ${province}`,
      statement: `Chủ tịch Ủy ban nhân dân ${province} xác nhận kết quả tự chấm điểm thi đua năm ${year} của ${unit.name}, bảo đảm tính khách quan, chính xác trong việc tự chấm điểm.`,
      signer: 'Chủ tịch',
    };
  }
  return {
    title: 'Xác nhận của cơ quan quản lý cấp trên',
    statement: `Thủ trưởng cơ quan quản lý cấp trên xác nhận kết quả tự chấm điểm thi đua năm ${year} của ${unit.name}, bảo đảm tính khách quan, chính xác trong việc tự chấm điểm.`,
    signer: 'Thủ trưởng cơ quan',
  };
}

const signedPoints = (node: CriteriaNode, points: number) => (node.role === 'deduction' && points > 0 ? `-${formatPoints(points)}` : formatPoints(points));

/** The table's rows for this unit kind: groups bold with their totals, items with their score, explanation and evidence file names. */
function scoreRows(view: SelfAssessmentView, record: SelfAssessmentRecord) {
  const totals = computeTotals(view.table, view.unitKind, valuesOf(record));
  const items = new Map(record.items.map((i) => [i.node, i]));
  const rows: string[][] = [];
  const bold = new Set<number>();
  const walk = (nodes: readonly CriteriaNode[]) => {
    for (const node of nodes) {
      if (!appliesTo(node, view.unitKind)) continue;
      const t = totals.byNode.get(node.id);
      const capped = node.role === 'standard' ? formatPoints(t?.max ?? node.max) : `Tối đa ${formatPoints(node.max)}`;
      if (node.kind === 'group') {
        bold.add(rows.length);
        rows.push([node.number, node.content, capped, t ? signedPoints(node, t.points) : '', '']);
        walk(node.children);
        continue;
      }
      const item = items.get(node.id);
      const scored = item?.value && !totals.missing.includes(node.id) && !totals.refused.some((r) => r.node === node.id);
      const notes = [item?.explanation.trim() ?? '', item?.evidence.length ? `Minh chứng: ${item.evidence.map((e) => e.name).join('; ')}` : ''].filter(Boolean).join('\n');
      rows.push([node.number, node.content, capped, scored && t ? signedPoints(node, t.points) : '', notes]);
    }
  };
  walk(view.table.nodes);
  bold.add(rows.length);
  rows.push(['', 'TỔNG ĐIỂM TỰ CHẤM', formatPoints(totals.max), formatPoints(totals.total), `Trong đó: điểm thưởng ${formatPoints(totals.bonus)}, điểm trừ ${formatPoints(totals.deduction)}`]);
  return { rows, bold, totals };
}

/**
 * "BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM …" in the Decree 30/2020 layout, landscape for its five columns:
 * the table in the order the criteria table sets, the class conditions the unit states, the head's
 * signature and the superior's confirmation of the self-score. Undated and unnumbered: it is signed
 * and confirmed on paper, then scanned back.
 */
export function selfAssessmentDocument(view: SelfAssessmentView, unit: OwnUnit, group: Pick<Group, 'name' | 'year' | 'kind'>, record: SelfAssessmentRecord = view.record): Document {
  const { table } = view;
  const { rows, bold, totals } = scoreRows(view, record);
  const columns: Column[] = [
    { title: 'Số TT', weight: 6, align: 'center' },
    { title: 'Nội dung tiêu chí', weight: 44 },
    { title: 'Điểm chuẩn', weight: 9, align: 'center' },
    { title: 'Điểm tự chấm', weight: 9, align: 'center' },
    { title: 'Giải trình / Tài liệu minh chứng', weight: 32 },
  ];
  // The conditions a class of this unit kind asks for: the unit states each met or not.
  const asked = new Set(table.classes.filter((c) => appliesTo(c, view.unitKind)).flatMap((c) => c.conditions));
  const conditions = table.conditions.filter((c) => asked.has(c.key));
  const met = new Set(record.conditions_met);
  const klass = classify(table, view.unitKind, totals.total, met);
  const groupKind = group.kind === 'khu_vuc' ? 'Khu vực thi đua' : 'Cụm thi đua';
  // A sample's title says so already; its source is a note to the leader, not a decision to cite.
  const basis = table.sample || !table.source ? table.title : `${table.title} (${table.source})`;
  const body = [
    ...(table.sample
      ? [line('BẢNG MẪU: chấm theo bảng tiêu chí mẫu kèm theo phần mềm, không phải bảng tiêu chí được ban hành.', { bold: true, italics: true, size: 26 })]
      : []),
    bodyText(`Căn cứ ${basis} của ${group.name}, ${unit.name} tự chấm điểm thi đua năm ${group.year} như sau:`),
    dataTable(columns, rows, true, { boldRows: bold, size: 24 }),
    line(
      `Tổng điểm tự chấm: ${formatPoints(totals.total)}/${formatPoints(totals.max)} điểm${klass.rule ? `; đơn vị tự đánh giá đạt mức "${klass.rule.label}" theo bảng tiêu chí` : ''}.`,
      { indent: true, before: 200 },
    ),
    ...(conditions.length
      ? [
          heading('Điều kiện xếp loại đơn vị tự đánh giá:'),
          ...conditions.map((c) => bodyText(`- ${c.label}: ${met.has(c.key) ? 'Đã đạt' : 'Chưa đạt'}.`)),
        ]
      : []),
    bodyText(`${unit.name} cam đoan kết quả tự chấm điểm trên là đúng sự thật, có tài liệu minh chứng kèm theo./.`),
  ];
  const confirmation = confirmationOf(unit, group.year);
  return officialDocument({
    heading: { parentName: unit.parentName, unitName: unit.name, numberSymbol: '      /      ', place: unit.province, date: '' },
    title: `BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM ${group.year}`,
    subtitle: unit.name,
    body,
    signature: {
      recipients: [`Trưởng ${groupKind} (để tổng hợp)`, 'Lưu: VT'],
      authority: '',
      title: view.signer.title,
      // A name not known is written by hand on the dotted line.
      name: view.signer.name || '…………………………………',
    },
    landscape: true,
    // A paragraph between the two tables: Word joins tables that touch into one.
    after: [line('', { after: 0 }), confirmationBlock(confirmation.title, confirmation.statement, confirmation.signer, true)],
    description: `Bảng tự chấm điểm thi đua năm ${group.year}, phiên bản ${record.version}`,
  });
}
