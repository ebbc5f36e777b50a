import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { schema, writeTransaction, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { nowIso, type Store } from '../workspace/clock';
import { foldVi, formatDateVi, parseDateVi, squashSpaces } from '../text/vietnamese';
import { getOwnUnit } from '../units-keys/units';
import { columnLetters, formatCount, withEverySheet, type MergedRange, type OpenedSheet } from '../registration/sheet-reader';
import { readValue, type Value } from '../registration/xlsx';
import { awardCatalogue } from './catalogue';
import { checkYearFacts, findOrAddNominee } from './history';
import { yearFacts, yearFactsSchema, type Decision, type YearFacts } from './schemas';
import type { HistoryImportReport, HistoryImportRow, HistorySheetReport, NomineeKind } from './history-schemas';

/**
 * Past titles and awards from a sheet as offices keep them: a row per person or collective (name,
 * position, division, title or award, decision number and date, year), or a decision's list under
 * its title row ("QUYẾT ĐỊNH số 125/QĐ-STP ngày 15/12/2024 … công nhận danh hiệu Lao động tiên
 * tiến"), one sheet per decision: every visible sheet is read with its own header and title row,
 * and a sheet that holds nothing recognisable is reported, not fatal. The workbook is read within the
 * limits of the staff import's reader; the preview writes nothing, the import writes every recognised
 * row of every sheet in one transaction or none.
 */

/** At most this many rows per import, all sheets together: a unit's history of several years is a few thousand. */
export const MAX_HISTORY_ROWS = 20_000;
/** Rows above the table where a title or the header may be. */
const HEADER_SEARCH_ROWS = 15;

type Field = 'name' | 'position' | 'division' | 'title' | 'decision' | 'decisionNumber' | 'decisionDate' | 'year';
const FIELD_LABEL: Record<Field, string> = {
  name: 'Họ và tên (tên tập thể)',
  position: 'Chức vụ',
  division: 'Đơn vị, phòng',
  title: 'Danh hiệu, hình thức khen thưởng',
  decision: 'Số, ngày quyết định',
  decisionNumber: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  year: 'Năm',
};
const norm = (s: string) => foldVi(s).replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
/** Headers compared without marks, case or punctuation ("Số, ngày QĐ" is "so ngay qd"). */
const HEADERS: Record<Field, string[]> = {
  name: ['ho va ten', 'ho ten', 'ten', 'ten tap the', 'ten ca nhan', 'ten tap the ca nhan', 'ten ca nhan tap the', 'tap the ca nhan', 'ca nhan tap the', 'doi tuong', 'ho va ten ten tap the', 'ten don vi ca nhan'],
  position: ['chuc vu', 'chuc danh', 'chuc vu chuc danh'],
  division: ['don vi', 'phong', 'phong ban', 'don vi cong tac', 'bo phan', 'noi cong tac', 'phong ban don vi', 'don vi phong'],
  title: ['danh hieu', 'hinh thuc khen thuong', 'danh hieu hinh thuc khen thuong', 'danh hieu khen thuong', 'khen thuong', 'danh hieu thi dua', 'hinh thuc', 'noi dung khen thuong', 'danh hieu hoac hinh thuc khen thuong'],
  decision: ['so ngay quyet dinh', 'quyet dinh', 'so ngay qd', 'quyet dinh so ngay', 'qd so ngay', 'so ky hieu ngay quyet dinh', 'so ky hieu ngay thang quyet dinh'],
  decisionNumber: ['so quyet dinh', 'so qd', 'quyet dinh so', 'so hieu quyet dinh', 'so ky hieu quyet dinh'],
  decisionDate: ['ngay quyet dinh', 'ngay qd', 'ngay ky', 'ngay ban hanh', 'ngay ky quyet dinh'],
  year: ['nam', 'nam dat', 'nam khen thuong', 'nam dat danh hieu', 'nam xet'],
};

// ---- Titles: the catalogue's names and the ways offices write them ----

/** Words dropped and spellings unified before comparing: "của", "danh hiệu", "sỹ", "Ủy ban nhân dân". */
function titleKey(s: string): string {
  return ` ${norm(s)
    .replace(/\bsy\b/g, 'si')
    .replace(/\buy ban nhan dan\b/g, 'ubnd')
    .replace(/\bthu tuong chinh phu\b/g, 'thu tuong')
    .replace(/\b(cua|danh hieu|tang|cong nhan)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** Each family is a name as offices write it; the codes are its collective and individual forms. */
const FAMILIES: { aliases: string[]; codes: string[] }[] = [
  { aliases: ['tap the lao dong tien tien', 'ttldtt'], codes: ['TTLDTT'] },
  { aliases: ['tap the lao dong xuat sac', 'ttldxs'], codes: ['TTLDXS'] },
  { aliases: ['lao dong tien tien', 'ldtt'], codes: ['LDTT'] },
  { aliases: ['chien si thi dua co so', 'cstdcs', 'cstd co so'], codes: ['CSTDCS'] },
  { aliases: ['chien si thi dua cap bo', 'chien si thi dua bo tu phap', 'chien si thi dua nganh tu phap', 'cstd cap bo'], codes: ['CSTD_BO'] },
  { aliases: ['chien si thi dua cap tinh', 'chien si thi dua tinh', 'cstd cap tinh'], codes: ['CSTD_TINH'] },
  { aliases: ['chien si thi dua toan quoc', 'cstd toan quoc'], codes: ['CSTD_TQ'] },
  { aliases: ['co thi dua bo tu phap', 'co thi dua nganh tu phap', 'co thi dua bo truong bo tu phap'], codes: ['CO_BTP'] },
  { aliases: ['co thi dua ubnd tinh', 'co thi dua chu tich ubnd tinh', 'co thi dua tinh'], codes: ['CO_UBND'] },
  { aliases: ['co thi dua chinh phu'], codes: ['CO_CP'] },
  { aliases: ['giay khen'], codes: ['GK_TT', 'GK_CN'] },
  { aliases: ['bang khen bo truong bo tu phap', 'bang khen bo tu phap', 'bang khen bo truong'], codes: ['BK_BTP_TT', 'BK_BTP_CN'] },
  { aliases: ['bang khen chu tich ubnd tinh', 'bang khen ubnd tinh', 'bang khen chu tich ubnd'], codes: ['BK_UBND_TT', 'BK_UBND_CN'] },
  { aliases: ['bang khen thu tuong'], codes: ['BK_TTG_TT', 'BK_TTG_CN'] },
  { aliases: ['huan chuong lao dong hang ba'], codes: ['HCLD3_TT'] },
  { aliases: ['ky niem chuong vi su nghiep tu phap'], codes: ['KNC_TP'] },
];
const entryOf = new Map(awardCatalogue.entries.map((e) => [e.code, e]));
// The catalogue's own names are aliases too, so an entry added to the data is recognised by its name.
for (const e of awardCatalogue.entries) {
  const alias = titleKey(e.name).trim();
  const family = FAMILIES.find((f) => f.codes.includes(e.code));
  if (family && !family.aliases.includes(alias)) family.aliases.push(alias);
  else if (!family && !FAMILIES.some((f) => f.aliases.includes(alias))) FAMILIES.push({ aliases: [alias], codes: [e.code] });
}
const ALIASES = FAMILIES.flatMap((f) => f.aliases.map((a) => ({ alias: a, family: f }))).sort((a, b) => b.alias.length - a.alias.length);

/** The family a title's text names: the longest alias found in it, so "Tập thể lao động tiên tiến" is not read as "Lao động tiên tiến". */
export function matchTitle(text: string): { codes: string[] } | null {
  const t = titleKey(text);
  const hit = ALIASES.find((a) => t.includes(` ${a.alias} `));
  return hit ? { codes: hit.family.codes } : null;
}

// ---- Dates, decision numbers, years ----

/** "ngày 15/12/2024", "15-12-2024", "ngày 15 tháng 12 năm 2024": the first date written in a text. */
function dateIn(text: string): { iso: string } | { problem: string } | null {
  const t = stripMarksLower(text);
  const m = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})/.exec(t) ?? /(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{2,4})/.exec(t);
  if (!m) return null;
  const parsed = parseDateVi(`${m[1]}/${m[2]}/${m[3]}`);
  return parsed.ok ? { iso: parsed.iso } : { problem: parsed.message };
}
const stripMarksLower = (s: string) => foldVi(s);
const DATE_WORDS = /(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4})|(ngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{2,4})/g;

/** "125/QĐ-STP", "số 1234/QĐ-BTP": a number with a slash and a ký hiệu holding a letter (a date has none). */
function decisionNumberIn(text: string): string | null {
  const m = /(\d+\s*\/\s*(?=[\p{L}\d.\-/]*\p{L})[\p{L}\d.\-/]+)/u.exec(text);
  return m ? m[1]!.replace(/\s+/g, '').replace(/[/.-]+$/, '') : null;
}

/** "năm 2023" in a title, dates taken out first ("ngày 15 tháng 12 năm 2024" is the decision's date, not the year it rewards). */
function yearIn(text: string): number | null {
  const m = /\bnam\s*(\d{4})\b/.exec(stripMarksLower(text).replace(DATE_WORDS, ' '));
  return m ? Number(m[1]) : null;
}

/** A year cell: 2023, "2023", "năm 2023", or a date. */
function readYearCell(v: Value): number | null | undefined {
  if (v.date) return v.date.getUTCFullYear();
  if (v.number !== undefined) return Number.isInteger(v.number) && v.number >= 1945 && v.number <= 2100 ? v.number : undefined;
  const t = norm(v.text);
  if (!t) return null;
  const m = /^(?:nam )?(\d{4})$/.exec(t);
  return m ? Number(m[1]) : undefined;
}

// ---- Nominees: who a row is about ----

const COLLECTIVE_STARTS = ['tap the', 'phong', 'van phong', 'thanh tra', 'trung tam', 'so tu phap', 'chi cuc', 'cuc', 'thi hanh an', 'to', 'doi', 'ban', 'hoi dong', 'nha xuat ban'];
const UNIT_STARTS = ['so tu phap', 'cuc thi hanh an', 'thi hanh an dan su tinh', 'thi hanh an dan su thanh pho'];
const startsWithAny = (s: string, starts: string[]) => starts.some((w) => s === w || s.startsWith(`${w} `));

type Cells = Partial<Record<Field, Value>>;
type DataRow = { row: number; cells: Cells; problems: string[] };

type Header = { row: number; columns: Map<number, Field>; recognised: HistorySheetReport['recognised']; ignored: HistorySheetReport['ignored'] };

function findHeader(row: number, texts: { col: number; text: string }[]): Header | null {
  const columns = new Map<number, Field>();
  const recognised: Header['recognised'] = [];
  const ignored: Header['ignored'] = [];
  for (const { col, text } of texts) {
    const h = norm(text);
    const field = (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].includes(h) && ![...columns.values()].includes(f));
    if (field) {
      columns.set(col, field);
      recognised.push({ column: columnLetters(col), header: text, label: FIELD_LABEL[field] });
    } else ignored.push({ column: columnLetters(col), header: text });
  }
  return [...columns.values()].includes('name') && columns.size >= 2 ? { row, columns, recognised, ignored } : null;
}

type SheetRead =
  | { name: string; status: 'read'; header: Header; titleText: string; rows: DataRow[]; warnings: string[] }
  | { name: string; status: 'empty' | 'unrecognised'; reason: string };

/** Reads one sheet into rows of cells (no meaning yet), the title text above the header, and the merges; `counted` holds the rows of the sheets before it. */
async function readSheet(sheet: OpenedSheet, counted: { rows: number }): Promise<SheetRead> {
  const warnings: string[] = [];
  const titleLines: string[] = [];
  let header: Header | null = null;
  let looked = 0;
  const rows: DataRow[] = [];
  for await (const row of sheet.rows) {
    if (!header) {
      const texts = row.cells.flatMap((c) => {
        const r = readValue(c.value, c.numFmt, sheet.date1904);
        return 'problem' in r || !r.text ? [] : [{ col: c.col, text: r.text }];
      });
      header = findHeader(row.number, texts);
      if (!header) {
        titleLines.push(texts.map((t) => t.text).join(' '));
        if (++looked >= HEADER_SEARCH_ROWS) break;
      }
      continue;
    }
    const cells: Cells = {};
    const problems: string[] = [];
    for (const cell of row.cells) {
      const field = header.columns.get(cell.col);
      if (!field) continue;
      const r = readValue(cell.value, cell.numFmt, sheet.date1904);
      if ('problem' in r) problems.push(`ô ${cell.address} (cột ${FIELD_LABEL[field]}) ${r.problem}`);
      else if (r.text) cells[field] = r;
    }
    if (!Object.keys(cells).length && !problems.length) continue;
    if (++counted.rows > MAX_HISTORY_ROWS)
      throw new UserError(`Tệp có quá ${formatCount(MAX_HISTORY_ROWS)} dòng; mỗi lần chỉ nhập được tối đa ${formatCount(MAX_HISTORY_ROWS)} dòng. Hãy chia thành nhiều tệp.`);
    rows.push({ row: row.number, cells, problems });
  }
  if (!header) {
    return looked === 0
      ? { name: sheet.name, status: 'empty', reason: `Trang tính "${sheet.name}" trống.` }
      : { name: sheet.name, status: 'unrecognised', reason: `Không tìm thấy dòng tiêu đề có cột "Họ và tên" (hoặc "Tên tập thể, cá nhân") trong ${HEADER_SEARCH_ROWS} dòng đầu của trang tính "${sheet.name}".` };
  }
  if (!rows.length) return { name: sheet.name, status: 'empty', reason: `Trang tính "${sheet.name}" không có dòng nào dưới dòng tiêu đề (dòng ${header.row}).` };
  fillMerges(header, rows, sheet.merges, warnings);
  return { name: sheet.name, status: 'read', header, titleText: squashSpaces(titleLines.join(' ')), rows, warnings };
}

/**
 * Excel keeps a merged range's value in its top-left cell. Offices merge a division, a title or a
 * decision over the rows it covers: that value is read on each of them, and said so. A merged name
 * would give several rows one nominee, so those rows are refused.
 */
function fillMerges(header: Header, rows: DataRow[], merges: MergedRange[], warnings: string[]): void {
  const byRow = new Map(rows.map((r) => [r.row, r]));
  for (const m of merges) {
    const field = header.columns.get(m.left);
    if (!field || m.bottom === m.top || m.top <= header.row) continue;
    if (field === 'name') {
      for (let n = m.top; n <= m.bottom; n++) byRow.get(n)?.problems.push(`ô ${m.ref} là ô gộp trong cột ${FIELD_LABEL.name}: các dòng ${m.top}–${m.bottom} không thể cùng một tên; hãy bỏ gộp ô`);
      continue;
    }
    const value = byRow.get(m.top)?.cells[field];
    if (!value) continue;
    let filled = 0;
    for (let n = m.top + 1; n <= m.bottom; n++) {
      const r = byRow.get(n);
      if (r && !r.cells[field]) {
        r.cells[field] = value;
        filled++;
      }
    }
    if (filled) warnings.push(`Ô ${m.ref} là ô gộp trong cột ${FIELD_LABEL[field]}: giá trị "${value.text}" được dùng cho các dòng ${m.top}–${m.bottom}.`);
  }
}

function readDecision(cells: Cells): { decision: Decision | null; problem?: string } {
  const numberText = cells.decisionNumber?.text ?? cells.decision?.text ?? '';
  const number = decisionNumberIn(numberText) ?? (cells.decisionNumber ? squashSpaces(cells.decisionNumber.text) : null);
  const dateCell = cells.decisionDate ?? cells.decision;
  let date: string | null = null;
  if (dateCell?.date) date = dateCell.date.toISOString().slice(0, 10);
  else if (dateCell) {
    const d = dateIn(dateCell.text);
    if (d && 'problem' in d) return { decision: null, problem: `ngày quyết định "${dateCell.text}" không hợp lệ: ${d.problem}` };
    date = d?.iso ?? null;
    if (!d && cells.decisionDate) return { decision: null, problem: `không đọc được ngày quyết định "${cells.decisionDate.text}" (ghi dạng ngày/tháng/năm, ví dụ 15/12/2024)` };
  }
  if (!number && !date) return { decision: null };
  if (!number) return { decision: null, problem: `có ngày quyết định ${formatDateVi(date)} nhưng không đọc được số quyết định` };
  if (!date) return { decision: null, problem: `có số quyết định ${number} nhưng không đọc được ngày quyết định` };
  return { decision: { number, date } };
}

type Interpreted = Omit<HistoryImportRow, 'known'>;

/** What one row says, or why it cannot be read. */
function interpret(sheet: string, r: DataRow, title: HistorySheetReport['decisionTitle'], unitKey: string | null, warnings: Set<string>): Interpreted | { reason: string } {
  if (r.problems.length) return { reason: `${r.problems.join('; ')}.` };
  const name = squashSpaces(r.cells.name?.text ?? '');
  if (!name) return { reason: 'không có họ tên hoặc tên tập thể.' };
  const titleText = r.cells.title?.text ?? title?.text ?? '';
  if (!titleText) return { reason: 'không có danh hiệu hoặc hình thức khen thưởng.' };
  const family = r.cells.title ? matchTitle(titleText) : title?.code ? { codes: [title.code, ...(FAMILIES.find((f) => f.codes.includes(title.code!))?.codes ?? [])] } : null;
  if (!family) return { reason: `không khớp "${titleText}" với danh hiệu, hình thức khen thưởng nào trong danh mục.` };
  let nameKey = norm(name);
  const division = squashSpaces(r.cells.division?.text ?? '');
  const scopes = new Set(family.codes.map((c) => entryOf.get(c)!.scope));
  const looksCollective = startsWithAny(nameKey, COLLECTIVE_STARTS) || (unitKey !== null && nameKey === unitKey);
  const scope = scopes.size === 1 ? [...scopes][0]! : looksCollective ? 'collective' : 'individual';
  const code = family.codes.find((c) => entryOf.get(c)!.scope === scope)!;
  let kind: NomineeKind = 'person';
  let shown = name;
  if (scope === 'collective') {
    // "Tập thể Phòng Hành chính tư pháp" is the division itself.
    if (nameKey.startsWith('tap the ') && !nameKey.startsWith('tap the lao dong')) {
      shown = name.replace(/^\s*tập thể\s+/i, '');
      nameKey = norm(shown);
    }
    kind = (unitKey !== null && nameKey === unitKey) || startsWithAny(nameKey, UNIT_STARTS) ? 'unit' : 'division';
  }
  const { decision, problem } = r.cells.decision || r.cells.decisionNumber || r.cells.decisionDate ? readDecision(r.cells) : { decision: title?.decision ?? null };
  if (problem) return { reason: `${problem}.` };
  let year: number | null | undefined = null;
  if (r.cells.year) {
    year = readYearCell(r.cells.year);
    if (year === undefined) return { reason: `không đọc được năm "${r.cells.year.text}" (ghi năm bằng chữ số, ví dụ 2023 hoặc "năm 2023").` };
  }
  year ??= (r.cells.title ? yearIn(r.cells.title.text) : null) ?? title?.year ?? null;
  if (year === null && decision) {
    year = Number(decision.date.slice(0, 4));
    warnings.add('Dòng không ghi năm được tính theo năm của ngày quyết định; hãy kiểm tra với quyết định khen thưởng cuối năm ký vào năm sau.');
  }
  if (year === null) return { reason: 'không có năm được khen và không có ngày quyết định để suy ra.' };
  if (decision && Number(decision.date.slice(0, 4)) < year) return { reason: `quyết định ngày ${formatDateVi(decision.date)} có trước năm được khen ${year}.` };
  const entry = entryOf.get(code)!;
  return { sheet, row: r.row, name: shown, kind, division: kind === 'person' ? division : '', position: squashSpaces(r.cells.position?.text ?? ''), title: r.cells.title?.text ?? '', code, codeName: entry.name, decision, year };
}


/**
 * Reads the sheet and plans what it would write (the transaction given to `write` writes it). The
 * plan is made inside one snapshot, so a preview and a commit of an unchanged file say the same.
 */
async function run(store: Store, file: string, commit: boolean, expectSha256?: string, name = path.basename(file)): Promise<HistoryImportReport> {
  const bytes = await fs.readFile(file).catch((error: unknown) => {
    throw new UserError(`Không mở được tệp Excel "${file}".${error instanceof Error ? ` Chi tiết kỹ thuật: ${error.message}` : ''}`);
  });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (expectSha256 && expectSha256 !== sha256) throw new UserError('Tệp Excel đã thay đổi sau khi xem trước; hãy xem trước lại rồi mới nhập.');
  const counted = { rows: 0 };
  const read = await withEverySheet(file, (sheet) => readSheet(sheet, counted));
  // Rows and warnings name their sheet once the workbook has more than one.
  const several = read.length > 1;
  const at = (sheet: string) => (several ? `Trang tính "${sheet}": ` : '');
  const own = getOwnUnit(store.db);
  const unitKey = own ? norm(own.name) : null;
  const warnings = new Set<string>();
  const sheets: HistorySheetReport[] = [];
  const matched: Interpreted[] = [];
  const unmatched: HistoryImportReport['unmatched'] = [];
  for (const sheet of read) {
    const none = { layout: null, headerRow: null, decisionTitle: null, recognised: [], ignored: [] };
    if (sheet.status !== 'read') {
      sheets.push({ name: sheet.name, status: sheet.status, reason: sheet.reason, ...none });
      continue;
    }
    const titleCodes = sheet.titleText ? matchTitle(sheet.titleText) : null;
    const titleDecisionNumber = decisionNumberIn(sheet.titleText);
    const titleDate = dateIn(sheet.titleText);
    const layout: HistorySheetReport['layout'] = [...sheet.header.columns.values()].includes('title') ? 'rows' : 'decision';
    const decisionTitle: HistorySheetReport['decisionTitle'] =
      layout === 'decision' || titleDecisionNumber
        ? {
            text: sheet.titleText,
            decision: titleDecisionNumber && titleDate && 'iso' in titleDate ? { number: titleDecisionNumber, date: titleDate.iso } : null,
            code: titleCodes?.codes[0] ?? null,
            codeName: titleCodes ? entryOf.get(titleCodes.codes[0]!)!.name : null,
            year: yearIn(sheet.titleText) ?? (titleDate && 'iso' in titleDate ? Number(titleDate.iso.slice(0, 4)) : null),
          }
        : null;
    if (layout === 'decision' && !decisionTitle?.code) {
      const reason = `Trang tính "${sheet.name}" không có cột danh hiệu, hình thức khen thưởng, và dòng tiêu đề phía trên bảng không nêu danh hiệu nào trong danh mục${sheet.titleText ? ` ("${sheet.titleText.slice(0, 200)}")` : ''}.`;
      sheets.push({ name: sheet.name, status: 'unrecognised', reason, ...none });
      continue;
    }
    sheets.push({ name: sheet.name, status: 'read', reason: null, layout, headerRow: sheet.header.row, decisionTitle, recognised: sheet.header.recognised, ignored: sheet.header.ignored });
    for (const w of sheet.warnings) warnings.add(`${at(sheet.name)}${w}`);
    const rowWarnings = new Set<string>();
    for (const r of sheet.rows) {
      const x = interpret(sheet.name, r, decisionTitle, unitKey, rowWarnings);
      if ('reason' in x) unmatched.push({ sheet: sheet.name, row: r.row, name: r.cells.name?.text ?? '', text: r.cells.title?.text ?? '', reason: x.reason });
      else matched.push(x);
    }
    for (const w of rowWarnings) warnings.add(`${at(sheet.name)}${w}`);
  }
  const unread = sheets.filter((x) => x.status !== 'read');
  if (unread.length === sheets.length) {
    throw new UserError(several ? `Không đọc được trang tính nào của tệp: ${unread.map((x) => x.reason).join(' ')}` : unread[0]!.reason!);
  }
  const order = new Map(sheets.map((x, i) => [x.name, i]));
  const rowRef = (x: Interpreted) => (several ? `${x.row} (trang ${x.sheet})` : String(x.row));

  const apply = (tx: DbOrTx, write: boolean) => {
    const now = nowIso(store.clock);
    const known = new Set<string>();
    const nomineeKey = (x: Interpreted) => `${x.kind}|${norm(x.name)}|${norm(x.division)}`;
    const changes = { newNominees: 0, newYears: 0, changedYears: 0, unchangedYears: 0 };
    const groups = new Map<string, { x: Interpreted; rows: Interpreted[] }>();
    for (const x of matched) {
      const k = `${nomineeKey(x)}|${x.year}`;
      const g = groups.get(k) ?? { x, rows: [] };
      g.rows.push(x);
      groups.set(k, g);
    }
    const rows: HistoryImportRow[] = [];
    const seenNominees = new Set<string>();
    for (const { x, rows: group } of groups.values()) {
      const existing = findNominee(tx, x);
      if (existing) known.add(nomineeKey(x));
      else if (!seenNominees.has(nomineeKey(x))) changes.newNominees++;
      seenNominees.add(nomineeKey(x));
      const held = existing ? tx.select().from(schema.awardYearFacts).where(and(eq(schema.awardYearFacts.nomineeId, existing.id), eq(schema.awardYearFacts.year, x.year))).get() : undefined;
      const before = held ? yearFactsSchema.parse(held.facts) : yearFacts(x.year);
      const facts: YearFacts = structuredClone(before);
      for (const g of group) {
        const h = facts.honours.find((o) => o.code === g.code);
        if (!h) facts.honours.push({ code: g.code, decision: g.decision });
        else if (g.decision && (!h.decision || h.decision.number !== g.decision.number || h.decision.date !== g.decision.date)) {
          if (h.decision) warnings.add(`${at(g.sheet)}Dòng ${g.row}: «${g.codeName}» năm ${g.year} của ${g.name} đã có quyết định ${h.decision.number} ngày ${formatDateVi(h.decision.date)}, thay bằng ${g.decision.number} ngày ${formatDateVi(g.decision.date)}.`);
          h.decision = g.decision;
        }
      }
      const same = held && JSON.stringify(before) === JSON.stringify(facts);
      if (!held) changes.newYears++;
      else if (same) changes.unchangedYears++;
      else changes.changedYears++;
      for (const g of group) rows.push({ ...g, known: !!existing });
      if (!write || same) continue;
      const nominee = existing ?? findOrAddNominee(tx, { kind: x.kind, name: x.name, division: x.division, position: x.position }, now);
      const checked = checkYearFacts(nominee.kind, facts, nominee.name);
      const source = { source: 'xlsx' as const, sourceFile: name, sourceRows: group.map(rowRef).join(', '), updatedAt: now };
      tx.insert(schema.awardYearFacts)
        .values({ nomineeId: nominee.id, year: x.year, facts: checked, ...source })
        .onConflictDoUpdate({ target: [schema.awardYearFacts.nomineeId, schema.awardYearFacts.year], set: { facts: checked, ...source } })
        .run();
    }
    return { rows: rows.sort((a, b) => order.get(a.sheet)! - order.get(b.sheet)! || a.row - b.row), changes };
  };
  const planned = commit ? writeTransaction(store.db, (tx) => apply(tx, true)) : store.db.transaction((tx) => apply(tx, false));
  return {
    file: name,
    sha256,
    sheets,
    matched: planned.rows,
    unmatched,
    warnings: [...warnings],
    changes: planned.changes,
    committed: commit,
  };
}

/** The nominee a row names, as findOrAddNominee would find it, without adding one. */
function findNominee(tx: DbOrTx, x: Interpreted) {
  const same = tx
    .select()
    .from(schema.awardNominees)
    .where(and(eq(schema.awardNominees.kind, x.kind), eq(schema.awardNominees.nameKey, foldVi(x.name))))
    .all();
  const exact = same.find((n) => n.divisionKey === foldVi(x.division));
  if (exact) return exact;
  if (x.kind !== 'person') return undefined;
  const loose = x.division ? same.filter((n) => n.divisionKey === '') : same;
  return loose.length === 1 ? loose[0] : undefined;
}

/** Reads the sheet and says what an import would write; writes nothing. `name`: the file's name as the person chose it (a staged upload has another). */
export function previewHistoryXlsx(store: Store, file: string, name?: string): Promise<HistoryImportReport> {
  return run(store, file, false, undefined, name);
}

/** Imports every recognised row in one transaction; `expectSha256` (from the preview) refuses a file changed since. */
export function importHistoryXlsx(store: Store, file: string, expectSha256?: string, name?: string): Promise<HistoryImportReport> {
  return run(store, file, true, expectSha256, name);
}

const decisionText = (d: Decision | null) => (d ? `QĐ số ${d.number} ngày ${formatDateVi(d.date)}` : 'không ghi quyết định');
const kindText: Record<NomineeKind, string> = { unit: 'đơn vị', division: 'tập thể phòng', person: 'cá nhân' };

/** The report in Vietnamese, a line each, as the command line prints it: sheet by sheet what was recognised, then what is or was written. */
export function describeHistoryImport(r: HistoryImportReport): string[] {
  const lines: string[] = [];
  for (const s of r.sheets) {
    if (s.status !== 'read') {
      lines.push(`Trang tính "${s.name}" của tệp ${r.file}: không đọc (${s.status === 'empty' ? 'không có dữ liệu' : 'không nhận ra bảng'}). ${s.reason ?? ''}`.trim());
      continue;
    }
    lines.push(`Trang tính "${s.name}" của tệp ${r.file} (dòng tiêu đề: ${s.headerRow}), ${s.layout === 'rows' ? 'mỗi dòng một cá nhân hoặc tập thể' : 'danh sách kèm theo một quyết định'}.`);
    if (s.decisionTitle) {
      const t = s.decisionTitle;
      lines.push(`Tiêu đề: ${decisionText(t.decision)}${t.codeName ? `, «${t.codeName}»` : ''}${t.year ? `, năm ${t.year}` : ''}.`);
    }
    lines.push(`Cột đã nhận: ${s.recognised.map((c) => `${c.column} "${c.header}" → ${c.label}`).join('; ')}.`);
    if (s.ignored.length) lines.push(`Cột bỏ qua: ${s.ignored.map((c) => `${c.column} "${c.header}"`).join('; ')}.`);
    const matched = r.matched.filter((m) => m.sheet === s.name);
    const unmatched = r.unmatched.filter((u) => u.sheet === s.name);
    lines.push(`Đã nhận ${formatCount(matched.length)} dòng khớp danh mục:`);
    for (const m of matched) {
      const who = `${m.name}${m.division ? ` (${m.division})` : ''}, ${kindText[m.kind]}${m.known ? '' : ', mới'}`;
      lines.push(`  Dòng ${m.row}: ${who}: ${m.title ? `"${m.title}" → ` : ''}«${m.codeName}» (${m.code}), năm ${m.year}, ${decisionText(m.decision)}.`);
    }
    if (unmatched.length) {
      lines.push(`Không nhận được ${formatCount(unmatched.length)} dòng:`);
      for (const u of unmatched) lines.push(`  Dòng ${u.row}${u.name ? ` (${u.name})` : ''}: ${u.reason}`);
    }
  }
  const c = r.changes;
  const what = `${formatCount(c.newNominees)} đối tượng mới, ${formatCount(c.newYears)} năm mới, ${formatCount(c.changedYears)} năm bổ sung, ${formatCount(c.unchangedYears)} năm không đổi`;
  lines.push(r.committed ? `Đã ghi: ${what}.` : `Xem trước, chưa ghi gì: sẽ ghi ${what}.`);
  if (r.warnings.length) lines.push('Lưu ý:', ...r.warnings.map((w) => `  ${w}`));
  return lines;
}
