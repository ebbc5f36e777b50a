import ExcelJS from 'exceljs';
import { writeFileAtomic } from '../files/atomic';
import { stripUnsafeChars } from '../text/unsafe-chars';
import { formatDateVi, localDate } from '../text/vietnamese';
import { unitKindLabels } from '../units-keys/schemas';
import { type BoardCell, type StatusBoard } from './board-schemas';

const DATE_FORMAT = 'dd/mm/yyyy';
const stateLabel: Record<BoardCell['state'], string> = {
  on_time: 'Đúng hạn',
  late: 'Muộn',
  missing: 'Chưa gửi, quá hạn',
  not_yet_due: 'Chưa đến hạn',
  no_deadline: 'Chưa có hạn',
  not_applicable: 'Không phải gửi',
};
const roleLabel = { leader: 'Trưởng', deputy: 'Phó Trưởng', member: 'Thành viên' } as const;

/** An Excel date is a day with no time zone: the Vietnamese calendar day of a timestamp, at 00:00 UTC. */
const excelDate = (iso: string) => new Date(`${localDate(iso)}T00:00:00Z`);
const text = (s: string) => stripUnsafeChars(s);

const FIRST_MILESTONE_COL = 5;
const HEADER_ROWS = 3;
const TOP = 5;

/**
 * The status board as an .xlsx sheet, written atomically: a title, then for each milestone a pair of
 * columns (date sent as a real date, status in words) under its title and deadline; the header and
 * the units' names stay frozen while scrolling; totals at the foot.
 */
export async function writeStatusBoardXlsx(board: StatusBoard, dest: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = text(board.viewer.name);
  const sheet = book.addWorksheet('Theo dõi gửi hồ sơ', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: TOP + HEADER_ROWS - 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const lastCol = FIRST_MILESTONE_COL - 1 + board.columns.length * 2;
  const title = (row: number, value: string, bold: boolean) => {
    sheet.mergeCells(row, 1, row, Math.max(lastCol, 4));
    const cell = sheet.getCell(row, 1);
    cell.value = text(value);
    cell.font = { bold, size: bold ? 14 : 12 };
    cell.alignment = { horizontal: 'center' };
  };
  title(1, 'BẢNG THEO DÕI TÌNH HÌNH GỬI HỒ SƠ CỦA CÁC ĐƠN VỊ THÀNH VIÊN', true);
  title(2, `${board.group.name} năm ${board.group.year}`, true);
  const filter = board.unitKind === 'all' ? '' : ` - loại đơn vị: ${unitKindLabels[board.unitKind]}`;
  title(3, `Tính đến ngày ${formatDateVi(board.today)}${filter}`, false);

  const head = (row: number, col: number, value: ExcelJS.CellValue, toCol = col, toRow = row) => {
    if (toCol !== col || toRow !== row) sheet.mergeCells(row, col, toRow, toCol);
    const cell = sheet.getCell(row, col);
    cell.value = value;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  const bottom = TOP + HEADER_ROWS - 1;
  head(TOP, 1, 'STT', 1, bottom);
  head(TOP, 2, 'Đơn vị', 2, bottom);
  head(TOP, 3, 'Loại đơn vị', 3, bottom);
  head(TOP, 4, 'Vai trò', 4, bottom);
  board.columns.forEach((c, i) => {
    const col = FIRST_MILESTONE_COL + i * 2;
    head(TOP, col, text(c.title), col + 1);
    head(TOP + 1, col, c.deadline ? excelDate(c.deadline) : 'Chưa có hạn', col + 1);
    if (c.deadline) sheet.getCell(TOP + 1, col).numFmt = `"Hạn: "${DATE_FORMAT}`;
    head(TOP + 2, col, 'Ngày gửi');
    head(TOP + 2, col + 1, 'Tình trạng');
  });
  sheet.getRow(TOP).height = 60;

  board.rows.forEach((r, n) => {
    const row = sheet.getRow(bottom + 1 + n);
    row.getCell(1).value = n + 1;
    row.getCell(2).value = text(r.name);
    row.getCell(3).value = unitKindLabels[r.kind];
    row.getCell(4).value = roleLabel[r.role];
    r.cells.forEach((c, i) => {
      const col = FIRST_MILESTONE_COL + i * 2;
      if (c.sentAt) {
        row.getCell(col).value = excelDate(c.sentAt);
        row.getCell(col).numFmt = DATE_FORMAT;
      }
      const days = c.state === 'late' || c.state === 'missing' ? ` ${c.days} ngày` : '';
      // Sent while the milestone had no deadline yet: sent, neither on time nor late.
      const label = c.state === 'on_time' && !c.deadline ? 'Đã gửi' : stateLabel[c.state];
      row.getCell(col + 1).value = c.state === 'not_applicable' ? '' : `${label}${days}${c.resent ? `, gửi lại ${c.resent} lần` : ''}`;
    });
  });
  const foot = sheet.getRow(bottom + 1 + board.rows.length);
  foot.getCell(2).value = 'Tổng cộng';
  board.columns.forEach((c, i) => {
    foot.getCell(FIRST_MILESTONE_COL + i * 2 + 1).value = `Đã nhận ${c.totals.received}/${c.totals.expected}, muộn ${c.totals.late}, chưa gửi ${c.totals.missing}`;
  });
  foot.font = { bold: true };

  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 42;
  sheet.getColumn(3).width = 20;
  sheet.getColumn(4).width = 12;
  for (let i = 0; i < board.columns.length; i++) {
    sheet.getColumn(FIRST_MILESTONE_COL + i * 2).width = 12;
    sheet.getColumn(FIRST_MILESTONE_COL + i * 2 + 1).width = 24;
  }
  await writeFileAtomic(dest, new Uint8Array(await book.xlsx.writeBuffer()));
}
