import ExcelJS from 'exceljs';
import { schema, type Db } from '../../../db/client';
import { staffInputSchema, type StaffInput } from './schemas';
import { UserError } from '../errors';
import { nowIso } from '../units-keys/units';
import { foldVi } from '../text/vietnamese';
import { listStaff, staffKey } from './staff';

/** Column headers accepted for each field, compared without tone marks, case or punctuation. */
const HEADERS: Record<keyof Omit<StaffInput, 'id'>, string[]> = {
  fullName: ['ho va ten', 'ho ten', 'ten'],
  birthYear: ['nam sinh', 'ngay sinh'],
  gender: ['gioi tinh'],
  position: ['chuc vu', 'chuc danh'],
  department: ['phong ban', 'phong', 'don vi', 'bo phan', 'phong bo phan'],
};

const norm = (s: string) => foldVi(s).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return String(value.getUTCFullYear());
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return String(value).trim();
}

function parseGender(s: string): 'nam' | 'nu' | null {
  const g = norm(s);
  if (g === 'nam' || g === 'm') return 'nam';
  if (g === 'nu' || g === 'f') return 'nu';
  return null;
}

/**
 * Reads staff from an .xlsx sheet (Họ và tên, Năm sinh, Giới tính, Chức vụ, Phòng). All rows are
 * checked first; one bad row refuses the whole sheet with every problem listed, nothing written.
 */
export async function importStaffXlsx(db: Db, file: string): Promise<{ added: number; skipped: number }> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(file);
  } catch {
    throw new UserError('Không đọc được tệp Excel: tệp phải có định dạng .xlsx.');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new UserError('Tệp Excel không có trang tính nào.');

  // The header is the first of the top ten rows naming at least "Họ và tên" and "Giới tính".
  let headerRow = 0;
  let columns: Partial<Record<keyof typeof HEADERS, number>> = {};
  for (let r = 1; r <= Math.min(sheet.rowCount, 10) && !headerRow; r++) {
    const found: typeof columns = {};
    sheet.getRow(r).eachCell((cell, col) => {
      const h = norm(cellText(cell.value));
      for (const [field, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
        if (found[field] === undefined && names.includes(h)) found[field] = col;
      }
    });
    if (found.fullName !== undefined && found.gender !== undefined) {
      headerRow = r;
      columns = found;
    }
  }
  if (!headerRow) throw new UserError('Không tìm thấy dòng tiêu đề có cột "Họ và tên" và "Giới tính" trong 10 dòng đầu.');

  const errors: string[] = [];
  const rows: ReturnType<typeof staffInputSchema.parse>[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (field: keyof typeof HEADERS) => (columns[field] ? cellText(row.getCell(columns[field]).value) : '');
    if (!get('fullName') && !get('gender') && !get('birthYear')) continue;
    const yearText = get('birthYear').match(/\d{4}/)?.[0];
    const gender = parseGender(get('gender'));
    if (!gender) {
      errors.push(`Dòng ${r}: giới tính "${get('gender')}" không hợp lệ (ghi Nam hoặc Nữ).`);
      continue;
    }
    const parsed = staffInputSchema.safeParse({
      fullName: get('fullName'),
      birthYear: yearText ? Number(yearText) : null,
      gender,
      position: get('position'),
      department: get('department'),
    });
    if (parsed.success) rows.push(parsed.data);
    else errors.push(`Dòng ${r}: ${parsed.error.issues.map((i) => i.message).join(' ')}`);
  }
  if (errors.length) throw new UserError(`Không nhập được danh sách cán bộ:\n${errors.slice(0, 20).join('\n')}`);
  if (!rows.length) throw new UserError('Tệp Excel không có dòng cán bộ nào dưới dòng tiêu đề.');

  const known = new Set(listStaff(db).map(staffKey));
  let added = 0;
  db.transaction((tx) => {
    for (const { id: _id, ...s } of rows) {
      if (known.has(staffKey(s))) continue;
      known.add(staffKey(s));
      tx.insert(schema.staff).values({ ...s, createdAt: nowIso() }).run();
      added++;
    }
  });
  return { added, skipped: rows.length - added };
}
