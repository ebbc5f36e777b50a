import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { writeRawZip, type RawEntry } from './zip';

/* Sheets for tests and for `npm run bench` (so nothing here may import vitest). */

export const STAFF_HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Chức vụ', 'Phòng'];

/** A real .xlsx made by exceljs: a title row, then `header`, then `rows`; `edit` may touch the sheet after. */
export async function writeStaffWorkbook(
  file: string,
  rows: ExcelJS.CellValue[][],
  options: { header?: string[]; edit?: (ws: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void } = {},
): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Cán bộ');
  ws.addRow(['DANH SÁCH CÁN BỘ, CÔNG CHỨC']);
  ws.addRow(options.header ?? STAFF_HEADER);
  rows.forEach((r) => ws.addRow(r));
  options.edit?.(ws, book);
  await book.xlsx.writeFile(file);
  return file;
}

/** A list of `count` people written as Excel would (shared strings, styles), with exceljs's streaming writer. */
export async function writeLargeStaffWorkbook(file: string, count: number): Promise<string> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = book.addWorksheet('Cán bộ');
  ws.addRow(STAFF_HEADER).commit();
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
  for (let i = 1; i <= count; i++) {
    ws.addRow([i, `${family[i % 10]} Thị Hương ${i}`, 1960 + (i % 50), i % 2 ? 'Nam' : 'Nữ', 'Chuyên viên', `Phòng Hành chính tư pháp ${i % 20}`]).commit();
  }
  ws.commit();
  await book.commit();
  return file;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One worksheet row in SpreadsheetML, inline strings and numbers, written by hand for speed. */
export function sheetRowXml(row: number, values: (string | number | null)[]): string {
  const cells = values
    .map((v, i) => {
      if (v === null) return '';
      const ref = `${String.fromCharCode(65 + i)}${row}`;
      return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xml(v)}</t></is></c>`;
    })
    .join('');
  return `<row r="${row}">${cells}</row>`;
}

export const sheetXml = (rows: string, before = '', after = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${before}<sheetData>${rows}</sheetData>${after}</worksheet>`;

/** The parts every .xlsx needs around one worksheet. */
export function xlsxEntries(sheet: Omit<RawEntry, 'name'>): RawEntry[] {
  const text = (name: string, s: string): RawEntry => ({ name, data: Buffer.from(s), compress: true });
  return [
    text(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    text(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    text(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Cán bộ" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    text(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ];
}

/** Writes an .xlsx whose worksheet is `sheet` (XML text, or a forged entry). */
export async function writeRawXlsx(file: string, sheet: string | Omit<RawEntry, 'name'>): Promise<string> {
  await writeRawZip(file, xlsxEntries(typeof sheet === 'string' ? { data: Buffer.from(sheet), compress: true } : sheet));
  return file;
}

/**
 * A raw deflate stream that inflates to `bytes` spaces, about 1,000 times smaller: one fully
 * flushed block of 1 MiB repeated (each block stands alone), then an empty final block.
 */
export function deflateBomb(bytes: number): Buffer {
  const MiB = 1024 * 1024;
  const block = zlib.deflateRawSync(Buffer.alloc(MiB, 0x20), { finishFlush: zlib.constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: Math.ceil(bytes / MiB) }, () => block), Buffer.from([0x03, 0x00])]);
}

/** An .xlsx whose worksheet inflates to `bytes` of blanks; the central directory says `declared`. */
export function writeBombXlsx(file: string, bytes: number, declared = bytes): Promise<string> {
  return writeRawXlsx(file, { data: Buffer.alloc(0), deflated: deflateBomb(bytes), declaredSize: declared });
}
