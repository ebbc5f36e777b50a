import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { UserError } from '../errors';
import { listZipEntries } from '../files/zip-entries';

const MB = 1024 * 1024;

/** What a staff sheet may be; each refusal states the limit it met. */
export const SHEET_LIMITS = {
  fileBytes: 20 * MB,
  zipEntries: 10_000,
  /** Inflated size of the worksheet read; a 100,000-row list is about 30 MB. */
  sheetBytes: 200 * MB,
  /** Shared strings are held in memory while the sheet is read, so they have a tighter bound. */
  sharedStringsBytes: 40 * MB,
  /** workbook.xml, its relationships, styles.xml. */
  partBytes: 10 * MB,
  /** Above 1 MB inflated, deflate rarely beats 1:200 on a real sheet; bombs reach 1:1000. */
  maxRatio: 200,
  ratioCheckFrom: MB,
  /** Excel's own limits: nothing beyond them is a sheet a clerk made. */
  excelRows: 1_048_576,
  excelColumns: 16_384,
};

export const formatCount = (n: number) => n.toLocaleString('vi-VN');
const formatMB = (bytes: number) => `${formatCount(Math.ceil(bytes / MB))} MB`;
const technical = (error: unknown) => (error instanceof Error && error.message ? ` Chi tiết kỹ thuật: ${error.message}` : '');
/** Why a part could not be read, for the clerk; yauzl's size check (a lying ZIP header) is named. */
function unreadable(error: unknown, what: string): UserError {
  if (error instanceof UserError) return error;
  if (error instanceof Error && /too many bytes in the stream/.test(error.message)) {
    return new UserError(`Tệp Excel bị hỏng: ${what} giải nén ra nhiều hơn kích thước đã khai báo (tệp bị sửa hoặc là "bom nén"), tệp bị từ chối.`);
  }
  return new UserError(`Tệp Excel bị hỏng: không đọc được ${what}.${technical(error)}`);
}

/** One non-empty cell as the sheet holds it: the value exceljs read, and the cell's number format. */
export interface SheetCell {
  address: string;
  col: number;
  value: ExcelJS.CellValue;
  numFmt: string | undefined;
}
export interface SheetRow {
  number: number;
  cells: SheetCell[];
}
/** A merged range, in cell numbers (1-based, inclusive). */
export interface MergedRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}
export interface OpenedSheet {
  name: string;
  /** Names of the other visible sheets, which are not read. */
  otherSheets: string[];
  date1904: boolean;
  /** Rows with at least one value, in order; a row number beyond Excel's limit is refused. */
  rows: AsyncIterable<SheetRow>;
  /** Merged ranges: known only once `rows` has been read to the end (Excel writes them after the data). */
  merges: MergedRange[];
}

/** Column letters to number: "A" → 1, "XFD" → 16384. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
export function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseRange(ref: string): MergedRange | null {
  const m = /^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$/.exec(ref);
  if (!m) return null;
  const [top, left] = [Number(m[2]), columnNumber(m[1]!)];
  const [bottom, right] = m[3] ? [Number(m[4]), columnNumber(m[3])] : [top, left];
  return { ref, top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/** The parts of exceljs's streaming WorkbookReader that its own ZIP layer (unzipper) calls. */
interface WorkbookReaderParts {
  _parseRels(entry: AsyncIterable<string>): Promise<void>;
  _parseWorkbook(entry: AsyncIterable<string>): Promise<void>;
  _parseStyles(entry: AsyncIterable<string>): Promise<void>;
  _parseSharedStrings(entry: AsyncIterable<string>): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>;
  workbookRels?: { Id: string; Type: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string; state?: string }[] };
  properties?: { model?: { date1904?: boolean } };
}

interface Zip {
  entries: Map<string, yauzl.Entry>;
  read(name: string, limit: number, what: string): Promise<AsyncIterable<string>>;
  close(): void;
}

/**
 * Opens the ZIP by its central directory and checks every declared size before a byte is inflated.
 * yauzl then enforces the declared size while inflating, so a lying header cannot inflate more.
 */
async function openZip(file: string): Promise<Zip> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(err) : resolve(z))),
  ).catch((error: unknown) => {
    throw new UserError(`Không đọc được tệp Excel: tệp phải có định dạng .xlsx (bảng tính Excel 2007 trở lên), tệp này không phải hoặc đã bị hỏng.${technical(error)}`);
  });
  const entries = await listZipEntries(zip, SHEET_LIMITS.zipEntries, {
    tooMany: `Tệp Excel chứa quá nhiều thành phần (hơn ${formatCount(SHEET_LIMITS.zipEntries)}), không phải một bảng tính bình thường.`,
    broken: 'Tệp Excel bị hỏng: không đọc được mục lục của tệp.',
  });
  return {
    entries,
    async read(name, limit, what) {
      const entry = entries.get(name)!;
      if (entry.uncompressedSize > limit) {
        throw new UserError(`Tệp Excel quá lớn khi giải nén: ${what} khai báo ${formatMB(entry.uncompressedSize)}, giới hạn là ${formatMB(limit)}. Hãy chia danh sách thành nhiều tệp nhỏ hơn.`);
      }
      if (entry.uncompressedSize > SHEET_LIMITS.ratioCheckFrom && entry.uncompressedSize > SHEET_LIMITS.maxRatio * Math.max(entry.compressedSize, 1)) {
        throw new UserError(
          `Tệp Excel có tỉ lệ nén bất thường (${what}: ${formatMB(entry.compressedSize)} giải nén ra ${formatMB(entry.uncompressedSize)}, nghi là "bom nén"), tệp bị từ chối.`,
        );
      }
      const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s)))).catch((error: unknown) => {
        throw new UserError(`Tệp Excel bị hỏng: không mở được ${what}.${technical(error)}`);
      });
      // exceljs decodes every chunk on its own, which breaks a Vietnamese letter split between two
      // chunks; decoding here, across chunk boundaries, hands it whole characters only.
      stream.setEncoding('utf8');
      return stream as AsyncIterable<string>;
    },
    close: () => zip.close(),
  };
}

/** Path of a part named in xl/_rels/workbook.xml.rels (targets are relative to xl/ or absolute). */
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`).replace(/\/\.\//g, '/');

/**
 * Watches the worksheet XML as it streams past: refuses column ranges beyond Excel's limit before
 * exceljs builds them (it makes one object per column in a <col> range), and collects <mergeCell>
 * elements, which exceljs's streaming reader skips. The tags are matched in text; a chunk is scanned
 * with the end of the previous one so a tag split across chunks is still seen, and only once.
 */
async function* watchSheet(chunks: AsyncIterable<string>, merges: MergedRange[]): AsyncGenerator<string> {
  const CARRY = 256;
  const tags = /<(col|mergeCell)\s([^>]*)>/g;
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + chunk;
    tags.lastIndex = 0;
    for (let m = tags.exec(text); m; m = tags.exec(text)) {
      if (m.index + m[0].length <= carry.length) continue;
      if (m[1] === 'col') {
        const max = Number(/\bmax\s*=\s*["'](\d+)["']/.exec(m[2]!)?.[1] ?? 0);
        if (max > SHEET_LIMITS.excelColumns) throw new UserError(`Trang tính khai báo cột thứ ${formatCount(max)}, vượt quá giới hạn ${formatCount(SHEET_LIMITS.excelColumns)} cột của Excel: tệp bị hỏng hoặc không do Excel tạo ra.`);
      } else {
        const range = parseRange(/\bref\s*=\s*["']([^"']*)["']/.exec(m[2]!)?.[1] ?? '');
        if (range) merges.push(range);
        if (merges.length > 100_000) throw new UserError('Trang tính có quá nhiều ô gộp (hơn 100.000), tệp bị từ chối.');
      }
    }
    carry = text.slice(-CARRY);
    yield chunk;
  }
}

/** A workbook opened within SHEET_LIMITS: its visible sheets by name, each opened for streaming on demand. */
interface OpenedWorkbook {
  sheets: string[];
  /** Opens the visible sheet at `index`; read its rows to the end before opening another. */
  open(index: number): Promise<OpenedSheet>;
}

/**
 * Opens an .xlsx within SHEET_LIMITS and runs `use` on it; the file is closed whatever happens. Rows
 * are read with exceljs's streaming WorkbookReader, whose ZIP layer is replaced by yauzl (above) so
 * that sizes are checked and bounded, and whose parts are read in the order that lets a sheet stream
 * straight through (exceljs would otherwise copy a sheet stored before its shared strings to a
 * temporary file).
 */
async function withWorkbook<T>(file: string, use: (book: OpenedWorkbook) => Promise<T>): Promise<T> {
  const size = await fs.stat(file).then(
    (s) => s.size,
    (error: unknown) => {
      throw new UserError(`Không mở được tệp Excel "${file}".${technical(error)}`);
    },
  );
  if (size > SHEET_LIMITS.fileBytes) throw new UserError(`Tệp Excel quá lớn (${formatMB(size)}); giới hạn là ${formatMB(SHEET_LIMITS.fileBytes)}. Hãy chia danh sách thành nhiều tệp nhỏ hơn.`);
  const zip = await openZip(file);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as WorkbookReaderParts;
    const part = (name: string, what: string, limit = SHEET_LIMITS.partBytes) => zip.read(name, limit, what);
    const parse = async <R>(what: string, run: () => Promise<R>): Promise<R> => {
      try {
        return await run();
      } catch (error) {
        throw unreadable(error, what);
      }
    };

    if (!zip.entries.has('xl/workbook.xml') || !zip.entries.has('xl/_rels/workbook.xml.rels')) {
      throw new UserError('Không đọc được tệp Excel: tệp phải có định dạng .xlsx (bảng tính Excel 2007 trở lên); tệp này không có phần sổ tính (workbook).');
    }
    await parse('phần sổ tính', async () => reader._parseRels(await part('xl/_rels/workbook.xml.rels', 'phần liên kết của sổ tính')));
    await parse('phần sổ tính', async () => reader._parseWorkbook(await part('xl/workbook.xml', 'phần sổ tính')));
    const rels = reader.workbookRels ?? [];
    const relPart = (type: string) => rels.map((r) => (r.Type.endsWith(`/${type}`) ? partPath(r.Target) : '')).find((p) => p && zip.entries.has(p));
    const styles = relPart('styles');
    if (styles) await parse('bảng kiểu định dạng', async () => reader._parseStyles(await part(styles, 'bảng kiểu định dạng')));
    const strings = relPart('sharedStrings');
    if (strings) {
      await parse('bảng chuỗi dùng chung', async () => {
        for await (const _ of reader._parseSharedStrings(await part(strings, 'bảng chuỗi dùng chung', SHEET_LIMITS.sharedStringsBytes)));
      });
    }

    const visible = (reader.model?.sheets ?? []).filter((s) => !s.state || s.state === 'visible');
    const pathOf = (sheet: { rId: string }) => {
      const target = rels.find((r) => r.Id === sheet.rId);
      const p = target && partPath(target.Target);
      return p && zip.entries.has(p) ? p : null;
    };
    if (!visible.length || !pathOf(visible[0]!)) throw new UserError('Tệp Excel không có trang tính nào.');

    const open = async (index: number): Promise<OpenedSheet> => {
      const sheet = visible[index]!;
      const sheetPath = pathOf(sheet);
      if (!sheetPath) throw new UserError(`Tệp Excel bị hỏng: không có phần dữ liệu của trang tính "${sheet.name}".`);
      const stream = await part(sheetPath, `trang tính "${sheet.name}"`, SHEET_LIMITS.sheetBytes);
      const merges: MergedRange[] = [];
      const [event] = [...reader._parseWorksheet(watchSheet(stream, merges), String(index + 1))];
      const worksheet = event!.value;

      async function* rows(): AsyncGenerator<SheetRow> {
        try {
          for await (const row of worksheet) {
            if (!(row.number >= 1 && row.number <= SHEET_LIMITS.excelRows)) {
              throw new UserError(`Trang tính có dòng số ${formatCount(row.number)}, vượt quá giới hạn ${formatCount(SHEET_LIMITS.excelRows)} dòng của Excel: tệp bị hỏng hoặc không do Excel tạo ra.`);
            }
            const cells: SheetCell[] = [];
            row.eachCell((cell) => {
              cells.push({ address: cell.address, col: Number(cell.col), value: cell.value, numFmt: cell.numFmt || undefined });
            });
            if (cells.length) yield { number: row.number, cells };
          }
        } catch (error) {
          throw unreadable(error, `trang tính "${sheet.name}"`);
        }
      }

      return {
        name: sheet.name,
        otherSheets: visible.filter((_, i) => i !== index).map((s) => s.name),
        date1904: Boolean(reader.properties?.model?.date1904),
        rows: rows(),
        merges,
      };
    };
    return await use({ sheets: visible.map((s) => s.name), open });
  } finally {
    zip.close();
  }
}

/** Opens the first visible sheet of an .xlsx for streaming, within SHEET_LIMITS, and runs `use` on it. */
export function withFirstSheet<T>(file: string, use: (sheet: OpenedSheet) => Promise<T>): Promise<T> {
  return withWorkbook(file, async (book) => use(await book.open(0)));
}

/** Runs `use` on every visible sheet of an .xlsx in turn (one sheet per decision), within SHEET_LIMITS. */
export function withEverySheet<T>(file: string, use: (sheet: OpenedSheet) => Promise<T>): Promise<T[]> {
  return withWorkbook(file, async (book) => {
    const out: T[] = [];
    for (let i = 0; i < book.sheets.length; i++) out.push(await use(await book.open(i)));
    return out;
  });
}
