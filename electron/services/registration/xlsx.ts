import type ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { schema, writeTransaction } from '../../../db/client';
import type { StaffField, StaffImportReport } from '../../ipc/contract';
import { staffInputSchema } from './schemas';
import { UserError } from '../errors';
import { nowIso, type Store } from '../workspace/clock';
import { foldVi, formatDateVi } from '../text/vietnamese';
import { staffKey } from './staff';
import { columnLetters, formatCount, withFirstSheet, type SheetCell } from './sheet-reader';

/** At most this many people per import; a larger list is split into several sheets. */
export const MAX_STAFF_ROWS = 100_000;
/** Problems listed in a refusal; the rest are counted. */
const MAX_LISTED = 30;

const FIELD_LABEL: Record<StaffField, string> = {
  fullName: 'Họ và tên',
  birthYear: 'Năm sinh',
  gender: 'Giới tính',
  position: 'Chức vụ',
  department: 'Phòng, bộ phận',
};

/**
 * Column headers accepted for each field, compared without tone marks, case, punctuation or extra
 * spaces. "Đơn vị công tác" in a unit's own list names the part of the unit a person works in, so it
 * fills the department.
 */
const HEADERS: Record<StaffField, string[]> = {
  fullName: ['ho va ten', 'ho ten', 'ten', 'ho va ten can bo', 'ho ten can bo', 'ten can bo', 'ho va ten can bo cong chuc'],
  birthYear: ['nam sinh', 'ngay sinh', 'ngay thang nam sinh'],
  gender: ['gioi tinh', 'gioi', 'phai'],
  position: ['chuc vu', 'chuc danh', 'chuc vu chuc danh', 'chuc vu hien tai'],
  department: ['phong ban', 'phong', 'don vi', 'bo phan', 'phong bo phan', 'don vi cong tac', 'noi cong tac', 'bo phan cong tac', 'phong ban cong tac'],
};

const norm = (s: string) => foldVi(s).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A cell read as text, or why it cannot be. */
export interface Value {
  text: string;
  date?: Date;
  number?: number;
}
export type Read = Value | { problem: string };

/** As exceljs's reader decides it: a format with day, month or year letters outside quotes and brackets. */
const isDateFormat = (fmt: string | undefined) => !!fmt && /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25569) * 86_400_000));
}

export function readValue(value: ExcelJS.CellValue | undefined, numFmt: string | undefined, date1904: boolean): Read {
  if (value == null) return { text: '' };
  if (typeof value === 'string') return { text: tidy(value) };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { problem: 'có giá trị lỗi' };
    // exceljs turns a date-formatted number into a Date, but not a formula's result.
    if (isDateFormat(numFmt)) return readValue(excelDate(value, date1904), undefined, date1904);
    return { text: String(value), number: value };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: 'có ngày tháng không hợp lệ' };
    return { text: formatDateVi(value.toISOString().slice(0, 10)), date: value };
  }
  const v = value as unknown as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result === undefined) {
      return { problem: 'là công thức chưa có kết quả đã lưu (tệp do một chương trình không tính công thức tạo ra). Hãy mở tệp bằng Excel, lưu lại rồi nhập lại, hoặc thay công thức bằng giá trị' };
    }
    return readValue(v.result as ExcelJS.CellValue, numFmt, date1904);
  }
  if (Array.isArray(v.richText)) return { text: tidy((v.richText as { text?: string | null }[]).map((r) => r.text ?? '').join('')) };
  if ('hyperlink' in v && 'text' in v) return readValue(v.text as ExcelJS.CellValue, numFmt, date1904);
  if ('error' in v) return { problem: `có lỗi ${String(v.error)}` };
  return { problem: 'có giá trị không đọc được' };
}

/** A birth year from a year, a date, or text such as "1980", "15/03/1980", "năm 1980". */
function readYear(read: Value): number | null | undefined {
  if (read.date) return read.date.getUTCFullYear();
  if (read.number !== undefined) return Number.isInteger(read.number) && read.number >= 1000 && read.number <= 9999 ? read.number : undefined;
  const t = norm(read.text);
  if (!t) return null;
  const m = /^(?:nam |ns )?(?:(?:ngay )?\d{1,2} (?:thang )?\d{1,2} (?:nam )?|(?:thang )?\d{1,2} (?:nam )?)?(\d{4})$/.exec(t);
  return m ? Number(m[1]) : undefined;
}

function readGender(s: string): 'nam' | 'nu' | null {
  const g = norm(s);
  if (['nam', 'm', 'nam gioi', 'male'].includes(g)) return 'nam';
  if (['nu', 'f', 'nu gioi', 'female'].includes(g)) return 'nu';
  return null;
}

/** One data row, as read: text for each recognised field (empty when the cell is empty). */
interface SheetStaffRow {
  row: number;
  text: Partial<Record<StaffField, string>>;
  /** Birth year read from the cell: null when empty, undefined when the cell could not be read. */
  year: number | null | undefined;
}

/** Problems of a refused sheet: the first ones listed, all counted. */
class Problems {
  readonly listed: string[] = [];
  count = 0;
  add(message: string): void {
    if (this.count++ < MAX_LISTED) this.listed.push(message);
  }
  throwIfAny(): void {
    if (!this.count) return;
    const more = this.count > this.listed.length ? `\n… và ${formatCount(this.count - this.listed.length)} lỗi khác.` : '';
    throw new UserError(`Không nhập được danh sách cán bộ (${formatCount(this.count)} lỗi, chưa ghi gì vào danh sách). Hãy sửa tệp Excel rồi nhập lại:\n${this.listed.join('\n')}${more}`);
  }
}

/**
 * Reads staff from the first sheet of an .xlsx file (Họ và tên, Năm sinh, Giới tính, Chức vụ, Phòng),
 * streaming and within the limits of SHEET_LIMITS and MAX_STAFF_ROWS. Every row is checked first; one
 * bad cell refuses the whole sheet with every problem listed and nothing written. People already
 * listed, or listed twice in the sheet, are skipped and named in the report.
 */
export async function importStaffXlsx({ db, clock }: Store, file: string): Promise<StaffImportReport> {
  const problems = new Problems();
  const warnings: string[] = [];
  const read = await withFirstSheet(file, async (sheet) => {
    if (sheet.otherSheets.length) {
      warnings.push(`Chỉ đọc trang tính đầu tiên "${sheet.name}"; không đọc các trang: ${sheet.otherSheets.map((n) => `"${n}"`).join(', ')}.`);
    }
    let header: { row: number; columns: Map<number, StaffField>; recognised: StaffImportReport['recognised']; ignored: StaffImportReport['ignored'] } | null = null;
    let looked = 0;
    const rows: SheetStaffRow[] = [];
    for await (const row of sheet.rows) {
      if (!header) {
        // The header is the first of the top ten non-empty rows naming at least "Họ và tên" and "Giới tính".
        header = findHeader(row.number, row.cells, sheet.date1904);
        if (!header && ++looked >= 10) break;
        continue;
      }
      const text: SheetStaffRow['text'] = {};
      let year: SheetStaffRow['year'] = null;
      for (const cell of row.cells) {
        const field = header.columns.get(cell.col);
        if (!field) continue;
        const r = readValue(cell.value, cell.numFmt, sheet.date1904);
        if ('problem' in r) {
          problems.add(`Dòng ${row.number} (ô ${cell.address}, cột ${FIELD_LABEL[field]}): ô ${r.problem}.`);
          continue;
        }
        text[field] = r.text;
        if (field === 'birthYear') year = readYear(r);
      }
      if (!text.fullName && !text.gender && !text.birthYear) continue;
      if (rows.length >= MAX_STAFF_ROWS) {
        throw new UserError(`Tệp có quá ${formatCount(MAX_STAFF_ROWS)} dòng cán bộ; mỗi lần chỉ nhập được tối đa ${formatCount(MAX_STAFF_ROWS)} dòng. Hãy chia danh sách thành nhiều tệp.`);
      }
      rows.push({ row: row.number, text, year });
    }
    if (!header) throw new UserError('Không tìm thấy dòng tiêu đề có cột "Họ và tên" và "Giới tính" trong 10 dòng đầu của trang tính.');
    applyMerges(header.row, header.columns, rows, sheet.merges, problems, warnings);
    return { sheet: sheet.name, header, rows };
  });
  const { header, rows } = read;
  const absent = (['birthYear', 'position', 'department'] as const).filter((f) => ![...header.columns.values()].includes(f)).map((f) => FIELD_LABEL[f]);
  if (absent.length) warnings.push(`Không có cột ${absent.join('; ')}: ${absent.length > 1 ? 'các thông tin này' : 'thông tin này'} để trống.`);

  const people: (ReturnType<typeof staffInputSchema.parse> & { row: number })[] = [];
  const columnOf = new Map([...header.columns].map(([col, field]) => [field, col]));
  const at = (field: StaffField, row: number) => `ô ${columnLetters(columnOf.get(field)!)}${row}`;
  for (const r of rows) {
    const gender = readGender(r.text.gender ?? '');
    if (!gender) problems.add(`Dòng ${r.row} (${at('gender', r.row)}): giới tính "${r.text.gender ?? ''}" không hợp lệ (ghi Nam hoặc Nữ).`);
    if (r.year === undefined) {
      problems.add(`Dòng ${r.row} (${at('birthYear', r.row)}): không đọc được năm sinh "${r.text.birthYear}" (ghi năm bằng chữ số, ví dụ 1980, hoặc ngày sinh dạng 15/03/1980).`);
    }
    const parsed = staffInputSchema.safeParse({
      fullName: r.text.fullName ?? '',
      birthYear: r.year ?? null,
      gender: gender ?? 'nam',
      position: r.text.position ?? '',
      department: r.text.department ?? '',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as StaffField;
        const where = columnOf.has(field) ? ` (${at(field, r.row)})` : '';
        problems.add(`Dòng ${r.row}${where}: ${issue.message}${field === 'birthYear' ? ` (${r.year})` : ''}`);
      }
    } else if (gender && r.year !== undefined) people.push({ ...parsed.data, row: r.row });
  }
  problems.throwIfAny();
  if (!people.length) throw new UserError('Trang tính không có dòng cán bộ nào dưới dòng tiêu đề.');

  const stored = new Set(db.select({ fullName: schema.staff.fullName, birthYear: schema.staff.birthYear }).from(schema.staff).all().map(staffKey));
  const firstRow = new Map<string, number>();
  const duplicates: StaffImportReport['duplicates'] = [];
  const fresh: typeof people = [];
  for (const p of people) {
    const key = staffKey(p);
    const same = firstRow.get(key);
    if (stored.has(key) || same !== undefined) {
      duplicates.push({ row: p.row, fullName: p.fullName, birthYear: p.birthYear, sameAsRow: same ?? null });
      continue;
    }
    firstRow.set(key, p.row);
    fresh.push(p);
  }
  const createdAt = nowIso(clock);
  writeTransaction(db, (tx) => {
    // One prepared statement for every row: a 100,000-row sheet is written in seconds, all or nothing.
    const insert = tx
      .insert(schema.staff)
      .values({ fullName: sql.placeholder('fullName'), birthYear: sql.placeholder('birthYear'), gender: sql.placeholder('gender'), position: sql.placeholder('position'), department: sql.placeholder('department'), createdAt })
      .prepare();
    for (const { id: _id, row: _row, ...s } of fresh) insert.run(s);
  });
  return { sheet: read.sheet, headerRow: header.row, recognised: header.recognised, ignored: header.ignored, added: fresh.length, duplicates, warnings };
}

/** The report in Vietnamese, one line each, as the command line prints it. */
export function describeStaffImport(r: StaffImportReport): string[] {
  const lines = [`Đã nhập ${formatCount(r.added)} cán bộ từ trang tính "${r.sheet}" (dòng tiêu đề: ${r.headerRow}).`];
  lines.push(`Cột đã nhận: ${r.recognised.map((c) => `${c.column} "${c.header}" → ${c.label}`).join('; ')}.`);
  if (r.ignored.length) lines.push(`Cột bỏ qua (không thuộc danh sách cán bộ): ${r.ignored.map((c) => `${c.column} "${c.header}"`).join('; ')}.`);
  if (r.duplicates.length) {
    lines.push(`Bỏ qua ${formatCount(r.duplicates.length)} người trùng (cùng họ tên và năm sinh):`);
    for (const d of r.duplicates) {
      const who = `${d.fullName}${d.birthYear ? ` (${d.birthYear})` : ''}`;
      lines.push(`  Dòng ${d.row}: ${who}: ${d.sameAsRow ? `trùng dòng ${d.sameAsRow}` : 'đã có trong danh sách cán bộ'}.`);
    }
  }
  if (r.warnings.length) lines.push('Lưu ý:', ...r.warnings.map((w) => `  ${w}`));
  return lines;
}

function findHeader(row: number, cells: SheetCell[], date1904: boolean) {
  const columns = new Map<number, StaffField>();
  const recognised: StaffImportReport['recognised'] = [];
  const ignored: StaffImportReport['ignored'] = [];
  for (const cell of cells) {
    const r = readValue(cell.value, cell.numFmt, date1904);
    const header = 'problem' in r ? '' : r.text;
    if (!header) continue;
    const h = norm(header);
    const field = (Object.keys(HEADERS) as StaffField[]).find((f) => HEADERS[f].includes(h) && ![...columns.values()].includes(f));
    const column = columnLetters(cell.col);
    if (field) {
      columns.set(cell.col, field);
      recognised.push({ column, header, field, label: FIELD_LABEL[field] });
    } else ignored.push({ column, header });
  }
  const fields = [...columns.values()];
  return fields.includes('fullName') && fields.includes('gender') ? { row, columns, recognised, ignored } : null;
}

/**
 * Excel keeps a merged range's value in its top-left cell only. A vertical merge in a recognised
 * column is read as that value on every row it covers, and said so; a merged name would give
 * several people one name, so it refuses the sheet.
 */
function applyMerges(headerRow: number, columns: Map<number, StaffField>, rows: SheetStaffRow[], merges: { ref: string; top: number; left: number; bottom: number }[], problems: Problems, warnings: string[]): void {
  const firstAtOrAfter = (n: number) => {
    let [lo, hi] = [0, rows.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.row < n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  rows.sort((a, b) => a.row - b.row);
  for (const m of merges) {
    const field = columns.get(m.left);
    if (!field || m.bottom === m.top || m.top <= headerRow) continue;
    if (field === 'fullName') {
      problems.add(`Ô ${m.ref} là ô gộp trong cột Họ và tên: các dòng ${m.top}–${m.bottom} sẽ mang cùng một họ tên. Hãy bỏ gộp ô và ghi họ tên từng người trên dòng của mình.`);
      continue;
    }
    const start = firstAtOrAfter(m.top);
    const master = rows[start]?.row === m.top ? rows[start]! : undefined;
    let filled = 0;
    for (let i = master ? start + 1 : start; i < rows.length && rows[i]!.row <= m.bottom; i++) {
      const r = rows[i]!;
      if (r.text[field]) continue;
      r.text[field] = master?.text[field] ?? '';
      if (field === 'birthYear') r.year = master ? master.year : null;
      filled++;
    }
    if (filled) warnings.push(`Ô ${m.ref} là ô gộp trong cột ${FIELD_LABEL[field]}: giá trị "${master?.text[field] ?? ''}" được dùng cho các dòng ${m.top}–${m.bottom}.`);
  }
}
