import ExcelJS from 'exceljs';
import { writeFileAtomic } from '../files/atomic';
import { stripUnsafeChars } from '../text/unsafe-chars';
import { formatDateVi } from '../text/vietnamese';
import { unitKindLabels } from '../units-keys/schemas';
import { basisMark, groupColumns } from '../documents/ranking-doc';
import type { RankingView } from './view-schemas';

const text = (s: string) => stripUnsafeChars(s);
const TOP = 5;
const POINTS = '0.##';

/**
 * The ranking as an .xlsx sheet, written atomically: a title, a header row with each group of criteria
 * and its maximum, a row per ranked unit with its points as real numbers (so the office can sum and
 * sort), the basis, the class and the tie-break that placed it; the rule and the units not ranked below.
 */
export async function writeRankingXlsx(view: RankingView, dest: string, today: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const groups = groupColumns(view);
  const sheet = book.addWorksheet('Xếp hạng thi đua', {
    views: [{ state: 'frozen', xSplit: 3, ySplit: TOP }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = [
    'Xếp hạng',
    'Đồng hạng',
    'Đơn vị',
    'Loại đơn vị',
    ...groups.map((g) => `${g.number}. ${g.content} (tối đa ${String(g.max).replace('.', ',')})`),
    'Điểm thưởng',
    'Điểm trừ',
    'Tổng điểm',
    'Căn cứ',
    'Xếp loại',
    'Ghi chú',
  ];
  const lastCol = headers.length;
  const title = (row: number, value: string, bold: boolean) => {
    sheet.mergeCells(row, 1, row, lastCol);
    const cell = sheet.getCell(row, 1);
    cell.value = text(value);
    cell.font = { bold, size: bold ? 14 : 12 };
    cell.alignment = { horizontal: 'center' };
  };
  const scope = view.scope === 'all' ? '' : ` - loại đơn vị: ${unitKindLabels[view.scope]}`;
  title(1, 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA', true);
  title(2, `${view.groupName} năm ${view.year}${view.table.sample ? ' - Bảng mẫu' : ''}`, true);
  title(3, `Tính đến ngày ${formatDateVi(today)}${scope}`, false);

  const head = sheet.getRow(TOP);
  headers.forEach((h, i) => {
    const cell = head.getCell(i + 1);
    cell.value = text(h);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  head.height = 60;

  view.rows.forEach((r, n) => {
    const row = sheet.getRow(TOP + 1 + n);
    const values: ExcelJS.CellValue[] = [
      r.rank,
      r.shared ? 'Đồng hạng' : '',
      text(r.name),
      unitKindLabels[r.kind],
      ...groups.map((g) => (g.id in r.groups ? r.groups[g.id]! : '-')),
      r.bonus,
      r.deduction,
      r.total,
      basisMark[r.basis] ? basisMark[r.basis][0]!.toUpperCase() + basisMark[r.basis].slice(1) : 'Đã thẩm định',
      text(r.classification),
      text(r.decidedBy ?? ''),
    ];
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      if (typeof v === 'number' && i >= 4) cell.numFmt = POINTS;
      cell.alignment = { vertical: 'top', wrapText: i === 2 || i >= lastCol - 2 };
    });
  });
  let foot = TOP + 2 + view.rows.length;
  const note = (value: string) => {
    sheet.mergeCells(foot, 1, foot, lastCol);
    const cell = sheet.getCell(foot, 1);
    cell.value = text(value);
    cell.alignment = { wrapText: true };
    foot += 1;
  };
  note(`Nguyên tắc xếp hạng: ${view.tieBreak}`);
  if (view.missing.length) note(`Chưa xếp hạng (chưa gửi bảng tự chấm điểm): ${view.missing.map((m) => m.name).join('; ')}.`);

  sheet.getColumn(1).width = 9;
  sheet.getColumn(2).width = 11;
  sheet.getColumn(3).width = 40;
  sheet.getColumn(4).width = 20;
  for (let i = 0; i < groups.length + 3; i++) sheet.getColumn(5 + i).width = 14;
  sheet.getColumn(lastCol - 2).width = 16;
  sheet.getColumn(lastCol - 1).width = 40;
  sheet.getColumn(lastCol).width = 40;
  await writeFileAtomic(dest, new Uint8Array(await book.xlsx.writeBuffer()));
}
