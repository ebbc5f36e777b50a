import { UserError } from '../errors';
import { columnLetters, formatCount, withFirstSheet, type MergedRange } from '../registration/sheet-reader';
import { readValue } from '../registration/xlsx';
import { cents, formatPoints, fromCents, parsePoints } from '../text/points';
import { foldVi } from '../text/vietnamese';
import { checkTable, MAX_TABLE_NODES, parseNumber } from './check';
import { criteriaTableContentSchema, type ClassRule, type CriteriaNode, type CriteriaTable, type NodeRole, type ScoringRule } from './criteria-schemas';
import { unitKindLabels } from '../units-keys/unit-kinds';
import type { UnitKind } from '../units-keys/schemas';
import type { CriteriaReading } from './view-schemas';

/**
 * Reads a scoring table from an .xlsx laid out as offices make them: title rows, then a header
 * (STT, Nội dung tiêu chí, Điểm chuẩn, Hướng dẫn chấm, Tài liệu minh chứng, Ghi chú), then rows
 * numbered "I", "1", "1.1", "a", with merged cells. The result is a proposal the leader accepts or
 * drops: what was understood and what was not are both listed by row, and the table is checked.
 * The file is opened through the staff sheet reader, so the same size, ZIP and bomb limits apply.
 */

/** More rows than any real table (the largest have a few hundred); a longer sheet is not a criteria table. */
export const MAX_CRITERIA_ROWS = 5000;
/** The header is looked for in the first rows, below the title and the decision it was issued with. */
const HEADER_SEARCH_ROWS = 30;

type Column = 'number' | 'content' | 'max' | 'guide' | 'evidence' | 'note';
const COLUMN_LABEL: Record<Column, string> = { number: 'STT', content: 'Nội dung tiêu chí', max: 'Điểm chuẩn', guide: 'Hướng dẫn chấm', evidence: 'Tài liệu minh chứng', note: 'Ghi chú' };
/** Header labels, compared folded (no marks, lower case, letters and digits only). */
const HEADERS: Record<Column, RegExp> = {
  number: /^(stt|so tt|tt|so thu tu|thu tu)$/,
  content: /^(noi dung|tieu chi|noi dung tieu chi|noi dung cac tieu chi|cac tieu chi|noi dung cham diem|tieu chi cham diem|noi dung tieu chi cham diem|linh vuc tieu chi)$/,
  max: /^(diem chuan|diem toi da|thang diem|diem|so diem|diem chuan toi da|muc diem|khung diem)$/,
  guide: /^(huong dan cham|cach cham|huong dan cham diem|cach cham diem|phuong phap cham|huong dan)$/,
  evidence: /^(tai lieu minh chung|minh chung|tai lieu kiem chung|ho so minh chung|tai lieu chung minh|minh chung kem theo)$/,
  note: /^(ghi chu)$/,
};
const fold = (s: string) => foldVi(s).replace(/[^a-z0-9%/ ]/g, ' ').replace(/\s+/g, ' ').trim();

interface SheetLine {
  row: number;
  /** Text of each cell, by column; merged cells hold their range's value in its top-left cell only. */
  text: Map<number, string>;
  /** Numbers as the cell stored them (not as formatted), by column. */
  number: Map<number, number>;
  problems: string[];
}

/** One table row read: its own numbering and cells, before the tree is built. */
interface ReadRow {
  row: number;
  number: string;
  content: string;
  max: number | null;
  guide: string;
  evidence: string;
  /** Rows below that share this row's merged points cell. */
  sharesPointsTo: number;
}

interface Built extends CriteriaNode {
  row: number;
  /** The standard points read from the sheet, or null when the cell was empty. */
  read: number | null;
  /** The row whose merged points cell spans this one. */
  sharedWith: Built | null;
  children: Built[];
}

/** A Sở Tư pháp table and a THADS table differ; unless told otherwise a sheet is read as serving both. */
export const BOTH_KINDS: UnitKind[] = ['so_tu_phap', 'thads'];

export async function readCriteriaXlsx(file: string, options: { year?: number; unitKinds?: UnitKind[] } = {}): Promise<CriteriaReading> {
  const { sheet, lines, merges } = await withFirstSheet(file, async (opened) => {
    const lines: SheetLine[] = [];
    for await (const r of opened.rows) {
      if (lines.length >= MAX_CRITERIA_ROWS) {
        throw new UserError(`Trang tính có hơn ${formatCount(MAX_CRITERIA_ROWS)} dòng: không phải một bảng tiêu chí chấm điểm (bảng thật chỉ có vài trăm dòng).`);
      }
      const line: SheetLine = { row: r.number, text: new Map(), number: new Map(), problems: [] };
      for (const cell of r.cells) {
        const v = readValue(cell.value, cell.numFmt, opened.date1904);
        if ('problem' in v) line.problems.push(`ô ${cell.address} ${v.problem}`);
        else if (v.date) line.problems.push(`ô ${cell.address} bị Excel hiểu thành ngày tháng (${v.text})`);
        else if (v.text) {
          line.text.set(cell.col, v.text);
          if (v.number !== undefined) line.number.set(cell.col, v.number);
        }
      }
      if (line.text.size || line.problems.length) lines.push(line);
    }
    return { sheet: opened.name, lines, merges: opened.merges };
  });

  const headerAt = lines.slice(0, HEADER_SEARCH_ROWS).findIndex((l) => headerColumns(l) !== null);
  if (headerAt < 0) {
    throw new UserError(
      `Không tìm thấy dòng tiêu đề của bảng tiêu chí trong ${HEADER_SEARCH_ROWS} dòng đầu của trang tính "${sheet}". Dòng tiêu đề cần có cột "STT" và cột "Nội dung tiêu chí", cùng cột "Điểm chuẩn" (hoặc "Điểm tối đa", "Thang điểm").`,
    );
  }
  const columns = headerColumns(lines[headerAt]!)!;
  const recognised: string[] = [];
  const unread: CriteriaReading['unread'] = [];
  const skip = (row: number | null, message: string) => unread.push({ row, message });
  const headerRow = lines[headerAt]!.row;
  recognised.push(
    `Trang tính "${sheet}", dòng tiêu đề ${headerRow}: ${[...columns].map(([col, c]) => `cột ${columnLetters(col)} là "${COLUMN_LABEL[c]}"`).join(', ')}.`,
  );
  const absent = (['guide', 'evidence'] as const).filter((c) => ![...columns.values()].includes(c));
  if (absent.length) recognised.push(`Không có cột ${absent.map((c) => `"${COLUMN_LABEL[c]}"`).join(', ')}: để trống.`);

  const titleLines = lines.slice(0, headerAt).map((l) => [...l.text.values()].join(' '));
  const title = titleLines.find((t) => /\b(bang|tieu chi|cham diem)\b/.test(fold(t)) && !/^(can cu|kem theo)/.test(fold(t)));
  const source = titleLines.find((t) => /\b(quyet dinh|kem theo|ban hanh)\b/.test(fold(t)) && t !== title)?.replace(/^\(|\)$/g, '') ?? '';
  const statedYear = Number(/\bnam (20\d\d)\b/.exec(fold(titleLines.join(' ')))?.[1] ?? 0) || null;
  const year = options.year ?? statedYear ?? new Date().getFullYear();
  if (options.year && statedYear && statedYear !== options.year) recognised.push(`Tệp ghi năm ${statedYear}; bảng được lập cho năm ${options.year} của Khu vực/Cụm.`);

  const colOf = (c: Column) => [...columns].find(([, x]) => x === c)?.[0];
  const below = lines.slice(headerAt + 1);
  const classes = readClasses(below, colOf('number'), recognised, skip);
  const rows = readRows(below.filter((l) => !classes.lines.has(l.row)), columns, merges, colOf('max'), recognised, skip);
  const nodes = buildTree(rows, recognised, skip);
  if (!nodes.length) {
    throw new UserError(`Trang tính "${sheet}" có dòng tiêu đề (dòng ${headerRow}) nhưng không có dòng tiêu chí nào có số thứ tự bên dưới.`);
  }
  settle(nodes, null, recognised, skip);
  assignIds(nodes, '');
  const count = countNodes(nodes);
  if (count > MAX_TABLE_NODES) throw new UserError(`Bảng có ${formatCount(count)} mục, quá giới hạn ${formatCount(MAX_TABLE_NODES)} mục của một bảng tiêu chí.`);
  recognised.push(`Đọc được ${formatCount(count)} mục: ${formatCount(countNodes(nodes, 'group'))} nhóm và ${formatCount(countNodes(nodes, 'item'))} tiêu chí.`);
  if (!classes.rules.length) recognised.push('Tệp không có phần xếp loại (dòng như "Loại A: từ 180 điểm trở lên"): hãy khai báo các loại trên màn hình Bảng tiêu chí.');
  recognised.push('Điều kiện xếp loại và thứ tự xếp hạng khi bằng điểm không đọc từ tệp: hãy khai báo trên màn hình Bảng tiêu chí.');
  const unitKinds = options.unitKinds?.length ? [...new Set(options.unitKinds)] : BOTH_KINDS;
  recognised.push(`Bảng áp dụng cho ${unitKinds.map((k) => unitKindLabels[k]).join(' và ')}${options.unitKinds?.length ? '' : ' (mặc định: cả hai loại đơn vị)'}.`);

  const table: CriteriaTable = {
    title: clip(title ?? `Bảng tiêu chí chấm điểm thi đua năm ${year}`, 500),
    year,
    source: clip(source, 500),
    sample: false,
    unit_kinds: unitKinds,
    floor: 0,
    nodes: nodes.map(strip),
    conditions: [],
    classes: classes.rules,
    tie_break: [],
  };
  const parsed = criteriaTableContentSchema.safeParse(table);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => i.message);
    throw new UserError(`Đọc được bảng nhưng chưa lập được bảng tiêu chí hợp lệ: ${issues.join(' ')}`);
  }
  return { sheet, table: parsed.data, recognised, unread, problems: checkTable(parsed.data) };
}

/** "Loại A: …", "Xếp loại xuất sắc – …", "- Mức loại B: …": a class and what it asks, written in one cell. */
const CLASS_LINE = /^(?:[-+•*]\s*)?((?:mức\s+)?(?:xếp\s+)?loại\s+[^:–-]{1,30}?)\s*[:–-]\s*(.+)$/iu;
/** A heading over the classes ("XẾP LOẠI", "VI. Phân loại thi đua"), read as nothing more. */
const CLASS_HEADING = /^((?:[ivx]+|\d+)[.)]?\s+)?(xep loai|phan loai|muc xep loai)( thi dua| don vi| ket qua)*:?$/;

/**
 * The classification section, where the sheet has one: rows like "Loại A: từ 180 điểm trở lên" or
 * "Xếp loại xuất sắc: đạt từ 95 điểm", each read into a class with its threshold. A threshold it
 * cannot state exactly ("trên 180 điểm"), or conditions written beside it, is reported, not guessed.
 */
function readClasses(lines: SheetLine[], numberCol: number | undefined, recognised: string[], skip: (row: number | null, m: string) => void): { rules: ClassRule[]; lines: Set<number> } {
  const found: (ClassRule & { row: number })[] = [];
  const used = new Set<number>();
  const headings: number[] = [];
  for (const line of lines) {
    const cells = [...line.text.entries()].sort((a, b) => a[0] - b[0]);
    const numbered = numberCol !== undefined && parseNumber(line.text.get(numberCol) ?? '') !== null;
    const text = cells.map(([, t]) => t.trim()).join(' ');
    if (!numbered && CLASS_HEADING.test(fold(text))) {
      headings.push(line.row);
      continue;
    }
    const m = cells.map(([, t]) => CLASS_LINE.exec(t.trim())).find((x) => x !== null);
    if (!m || numbered) continue;
    used.add(line.row);
    const label = clip(m[1]!.replace(/^(mức\s+)?(xếp\s+)?/iu, '').replace(/^./u, (c) => c.toUpperCase()).replace(/\s+/g, ' '), 200);
    const said = foldVi(m[2]!).replace(/[–—]/g, '-').trim();
    const min =
      /^(?:dat\s+)?(?:tu\s+)?(\d+(?:[.,]\d+)?)\s*diem\s+tro\s+len\b(.*)$/.exec(said) ??
      /^(?:dat\s+)?tu\s+(\d+(?:[.,]\d+)?)\s*(?:diem\s*)?(?:den|-)\s*(?:duoi\s+)?\d+(?:[.,]\d+)?\s*diem\b(.*)$/.exec(said) ??
      /^(?:dat\s+)?tu\s+(\d+(?:[.,]\d+)?)\s*diem\b(.*)$/.exec(said);
    const lowest = /^(?:dat\s+)?duoi\s+\d+(?:[.,]\d+)?\s*diem\b(.*)$/.exec(said);
    const points = min ? parsePoints(min[1]!) : lowest ? 0 : null;
    if (points === null) {
      skip(line.row, `Dòng ${line.row}: "${clip(text, 80)}" là một mức xếp loại nhưng không đọc được ngưỡng điểm (chỉ đọc "từ … điểm trở lên", "từ … đến dưới … điểm", "dưới … điểm"); hãy khai báo loại này trên màn hình.`);
      continue;
    }
    const rest = ((min ?? lowest)![min ? 2 : 1] ?? '').replace(/^[\s.,;]+|[\s.,;]+$/g, '');
    if (rest) skip(line.row, `Dòng ${line.row}: ${label} còn đòi "${clip(m[2]!.trim(), 80)}"; điều kiện kèm theo chưa đọc được, hãy khai báo điều kiện xếp loại trên màn hình.`);
    const base = foldVi(label).replace(/^loai\s+/, '').replace(/[^a-z0-9]/g, '').toUpperCase().slice(0, 12) || `L${found.length + 1}`;
    let code = base;
    for (let i = 2; found.some((f) => f.code === code); i++) code = `${base}${i}`;
    if (found.some((f) => foldVi(f.label) === foldVi(label))) {
      skip(line.row, `Dòng ${line.row}: ${label} được ghi hai lần; chỉ đọc lần đầu.`);
      continue;
    }
    found.push({ row: line.row, code, label, min_total: points, conditions: [], unit_kinds: [] });
    recognised.push(`Dòng ${line.row}: ${label} từ ${formatPoints(points)} điểm.`);
  }
  if (found.length) for (const h of headings) used.add(h);
  // Highest first, as the ranking reads them: a sheet listing them from the lowest is read the same.
  const rules = found.sort((a, b) => b.min_total - a.min_total).map(({ row: _row, ...rule }) => rule);
  return { rules, lines: used };
}

function headerColumns(line: SheetLine): Map<number, Column> | null {
  const found = new Map<number, Column>();
  for (const [col, text] of line.text) {
    const t = fold(text);
    const c = (Object.keys(HEADERS) as Column[]).find((k) => HEADERS[k].test(t) && ![...found.values()].includes(k));
    if (c) found.set(col, c);
  }
  const has = (c: Column) => [...found.values()].includes(c);
  return has('number') && has('content') && has('max') ? found : null;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A number with "," or "." decimals in a cell or a phrase ("1,5", "20 điểm", "(tối đa 10 điểm)"); negative deductions count by their size. */
function pointsIn(text: string): number | null {
  const m = /(\d+(?:[.,]\d+)?)/.exec(text);
  return m ? parsePoints(m[1]!) : null;
}

/** "I. CÔNG TÁC …" written in one cell (a merged group title): the numbering and the rest. */
function splitNumber(text: string): { number: string; rest: string } | null {
  const m = /^((?:[IVX]+|\d+(?:\.\d+)*|[a-zđA-ZĐ])[.)]?)\s*[.:\-–)]?\s+(\S.*)$/.exec(text);
  if (!m || !parseNumber(m[1]!)) return null;
  // "A." or "a)" opens a title; a bare capital letter may be the first word of a sentence.
  if (/^[a-zđA-ZĐ]$/.test(m[1]!)) return null;
  return { number: m[1]!.replace(/[.)]$/, ''), rest: m[2]! };
}

/** The column-numbering row many tables have under the header: "(1) (2) (3)" or "1 2 3 4 5". */
const isColumnNumbers = (line: SheetLine) => line.text.size >= 3 && [...line.text.values()].every((t) => /^\(?\d{1,2}\)?$/.test(t));

function readRows(lines: SheetLine[], columns: Map<number, Column>, merges: MergedRange[], maxCol: number | undefined, recognised: string[], skip: (row: number | null, m: string) => void): ReadRow[] {
  const colOf = (c: Column) => [...columns].find(([, x]) => x === c)?.[0];
  const rows: ReadRow[] = [];
  const pointsMerge = new Map(merges.filter((m) => maxCol !== undefined && m.left <= maxCol && m.right >= maxCol && m.bottom > m.top).map((m) => [m.top, m]));
  let blank = 0;
  for (const line of lines) {
    if (isColumnNumbers(line)) continue;
    for (const p of line.problems) skip(line.row, `Dòng ${line.row}: ${p}.`);
    const cell = (c: Column) => {
      const col = colOf(c);
      return col === undefined ? '' : (line.text.get(col) ?? '');
    };
    let number = cell('number').trim();
    let content = cell('content');
    // A group title merged across the table often sits in the first column, number and all.
    if (!content) {
      const first = [...line.text.entries()].sort((a, b) => a[0] - b[0])[0];
      if (first && first[0] !== colOf('max')) {
        const split = splitNumber(first[1]);
        if (split) [number, content] = [split.number, split.rest];
        else if (first[0] !== colOf('number')) content = first[1];
      }
    }
    if (!number && !content) {
      if (line.text.size) blank++;
      continue;
    }
    const folded = fold(content);
    if (!number && /^(tong cong|tong diem|tong so diem|cong)\b/.test(folded)) {
      recognised.push(`Dòng ${line.row}: "${clip(content, 60)}" là dòng tổng, bảng kết thúc ở đây; các dòng bên dưới (chữ ký, ghi chú) không đọc.`);
      break;
    }
    const maxText = cell('max');
    let max: number | null = null;
    if (maxText) {
      const col = colOf('max')!;
      max = line.number.has(col) ? Math.abs(line.number.get(col)!) : pointsIn(maxText);
      if (max === null) skip(line.row, `Dòng ${line.row}: điểm chuẩn "${clip(maxText, 40)}" không phải là số; hãy nhập điểm trên màn hình.`);
      else if (cents(max) / 100 !== max) {
        skip(line.row, `Dòng ${line.row}: điểm chuẩn ${String(max).replace('.', ',')} có quá hai chữ số sau dấu phẩy; đã làm tròn thành ${formatPoints(max)}.`);
        max = fromCents(cents(max));
      }
    } else {
      // "(20 điểm)" written in the title of a group.
      const inTitle = /\((?:toi da |tong )?(\d+(?:[.,]\d+)?) diem\)$/.exec(foldVi(content).replace(/\s+\)/, ')'));
      if (inTitle) {
        max = parsePoints(inTitle[1]!);
        content = content.replace(/\s*\([^()]*\)\s*$/, '');
      }
    }
    const note = cell('note');
    const guide = [cell('guide'), note ? `Ghi chú: ${note}` : ''].filter(Boolean).join('\n');
    const merge = maxCol !== undefined ? pointsMerge.get(line.row) : undefined;
    rows.push({ row: line.row, number, content, max, guide, evidence: cell('evidence'), sharesPointsTo: merge ? merge.bottom : line.row });
  }
  if (blank) recognised.push(`Bỏ qua ${formatCount(blank)} dòng không có số thứ tự và nội dung.`);
  return rows;
}

/** Rank of a numbering style in the tree: A above I above 1 above 1.1 above a. */
function rankOf(number: string): number | null {
  const n = parseNumber(number);
  if (!n) return null;
  if (n.style === 'upper') return 0;
  if (n.style === 'roman') return 1;
  if (n.style === 'arabic') return 1 + (n.prefix ? n.prefix.split('.').length + 1 : 1);
  return 10;
}

const SECTION: { role: NodeRole; pattern: RegExp; label: string }[] = [
  { role: 'bonus', pattern: /\b(diem thuong|cong diem|diem cong)\b/, label: 'điểm thưởng' },
  { role: 'deduction', pattern: /\b(diem tru|tru diem)\b/, label: 'điểm trừ' },
];

function node(r: ReadRow, number: string): Built {
  return {
    id: '',
    number,
    content: clip(r.content || `Mục ${number}`, 4000),
    kind: 'item',
    role: 'standard',
    max: r.max ?? 0,
    guide: clip(r.guide, 8000),
    evidence: clip(r.evidence, 4000),
    evidence_required: r.evidence.trim() !== '',
    unit_kinds: [],
    rule: null,
    floor: 0,
    children: [],
    row: r.row,
    read: r.max,
    sharedWith: null,
  };
}

/** The tree from the numbering: each row goes under the nearest row above it numbered in a higher style ("1.2" under "1"). */
function buildTree(rows: ReadRow[], recognised: string[], skip: (row: number | null, m: string) => void): Built[] {
  const roots: Built[] = [];
  const stack: { node: Built; rank: number }[] = [];
  let sharedUntil = 0;
  let sharedBy: Built | null = null;
  for (const r of rows) {
    let number = r.number.replace(/[.)]$/, '');
    if (!number) {
      const section = SECTION.find((s) => s.pattern.test(fold(r.content)));
      if (section && (r.max !== null || r.content === r.content.toUpperCase())) {
        // An unnumbered "ĐIỂM THƯỞNG" heading opens a top-level section, numbered after the last one.
        const top = roots[roots.length - 1];
        const n = top ? parseNumber(top.number) : null;
        number = n?.style === 'roman' ? ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][n.index] ?? `${roots.length + 1}` : n?.style === 'upper' ? String.fromCharCode(65 + n.index) : `${roots.length + 1}`;
        recognised.push(`Dòng ${r.row}: phần ${section.label} không có số thứ tự; đã đánh số ${number}.`);
        const built = node(r, number);
        roots.push(built);
        stack.length = 0;
        stack.push({ node: built, rank: rankOf(number) ?? 1 });
        continue;
      }
      const last = stack[stack.length - 1]?.node;
      if (last && !r.max && !r.evidence) {
        last.guide = clip([last.guide, r.content, r.guide].filter(Boolean).join('\n'), 8000);
        recognised.push(`Dòng ${r.row}: không có số thứ tự; nội dung được ghi tiếp vào hướng dẫn chấm của mục ${last.number}.`);
      } else skip(r.row, `Dòng ${r.row}: không có số thứ tự ("${clip(r.content, 60)}"), không biết thuộc mục nào nên không đọc; hãy thêm trên màn hình nếu cần.`);
      continue;
    }
    // "1,2" for "1.2" is a slip of the keyboard, not another numbering.
    if (/^\d+(,\d+)+$/.test(number)) {
      skip(r.row, `Dòng ${r.row}: số thứ tự "${r.number}" viết dấu phẩy; đã hiểu là "${number.replace(/,/g, '.')}".`);
      number = number.replace(/,/g, '.');
    }
    let rank = rankOf(number);
    const built = node(r, number);
    if (rank === null) {
      // Placed beside the row above it, where a typo most likely belongs.
      rank = stack.pop()?.rank ?? 1;
      const parent = stack[stack.length - 1]?.node;
      skip(r.row, `Dòng ${r.row}: số thứ tự "${r.number}" không theo kiểu I, 1, 1.1, a; đã đặt ${parent ? `vào mục ${parent.number}` : 'ở cấp đầu'}, hãy sửa lại số thứ tự.`);
    } else {
      const prefix = parseNumber(number)!.prefix;
      const owner = prefix ? stack.findIndex((s) => s.node.number === prefix) : -1;
      if (owner >= 0) stack.length = owner + 1;
      else while (stack.length && stack[stack.length - 1]!.rank >= rank) stack.pop();
    }
    const parent = stack[stack.length - 1]?.node;
    (parent ? parent.children : roots).push(built);
    stack.push({ node: built, rank });
    // Rows sharing one merged points cell: the points belong to the first row; rows inside it below a
    // parent are the parent's parts, without points of their own.
    if (r.row <= sharedUntil && sharedBy && r.max === null) {
      built.sharedWith = sharedBy;
      if (!isInside(sharedBy, built)) skip(r.row, `Dòng ${r.row}: ô điểm chuẩn gộp chung với mục ${sharedBy.number} (dòng ${sharedBy.row}); không chia được điểm cho mục ${number}, hãy nhập điểm trên màn hình.`);
    }
    if (r.sharesPointsTo > r.row) {
      sharedUntil = r.sharesPointsTo;
      sharedBy = built;
      recognised.push(`Dòng ${r.row}–${r.sharesPointsTo}: ô điểm chuẩn gộp ${formatPoints(r.max ?? 0)} điểm, thuộc mục ${number}.`);
    }
  }
  return roots;
}

const isInside = (ancestor: Built, n: Built): boolean => ancestor.children.some((c) => c === n || isInside(c, n));

/** Groups and items, roles, maxima and rules, once the tree is known. */
function settle(nodes: Built[], parent: Built | null, recognised: string[], skip: (row: number | null, m: string) => void) {
  for (const n of nodes) {
    n.role = parent?.role ?? 'standard';
    if (!parent || parent.role === 'standard') {
      const section = SECTION.find((s) => s.pattern.test(fold(n.content)));
      if (section && (n.children.length || !parent)) {
        n.role = section.role;
        recognised.push(`Dòng ${n.row}: mục ${n.number} là phần ${section.label}${n.read !== null ? `, tối đa ${formatPoints(n.read)} điểm` : ''}.`);
      }
    }
    // Lines "a", "b" inside a row's merged points cell, without points of their own, spell out how that row is scored.
    if (n.read !== null && n.children.length && n.children.every((c) => c.sharedWith === n && !c.children.length)) {
      n.guide = clip([n.guide, ...n.children.map((c) => `${c.number}) ${c.content}${c.guide ? `: ${c.guide}` : ''}`)].filter(Boolean).join('\n'), 8000);
      recognised.push(`Dòng ${n.children[0]!.row}–${n.children[n.children.length - 1]!.row}: các dòng ${n.children.map((c) => c.number).join(', ')} nằm trong ô điểm chuẩn gộp của mục ${n.number}, được ghi vào hướng dẫn chấm của mục này.`);
      n.children = [];
    }
    settle(n.children, n, recognised, skip);
    const sum = n.children.filter((c) => c.role === n.role || n.role !== 'standard').reduce((s, c) => s + cents(c.max), 0);
    if (n.children.length) {
      n.kind = 'group';
      if (n.read === null) {
        n.max = fromCents(sum);
        recognised.push(`Dòng ${n.row}: mục ${n.number} không ghi điểm chuẩn; đã lấy tổng các mục trong nhóm (${formatPoints(n.max)} điểm).`);
      }
      continue;
    }
    n.kind = 'item';
    if (n.read === null && !n.sharedWith) skip(n.row, `Dòng ${n.row}: mục ${n.number} không có điểm chuẩn; hãy nhập trên màn hình.`);
    n.rule = n.role === 'standard' ? ruleFromGuide(n) : { type: 'manual' };
    if (n.rule.type !== 'manual') recognised.push(`Dòng ${n.row}: mục ${n.number} chấm ${n.rule.type === 'lateness' ? 'theo số ngày chậm' : 'theo tỷ lệ đạt'} (${describeRule(n.rule)}), theo hướng dẫn chấm.`);
  }
}
function countNodes(nodes: CriteriaNode[], kind?: CriteriaNode['kind']): number {
  return nodes.reduce((s, n) => s + (kind === undefined || n.kind === kind ? 1 : 0) + countNodes(n.children, kind), 0);
}

/** ASCII ids from the numbering path ("I" → "i", "1" under it → "i.1", "đ" → "dd"), kept unique. */
function assignIds(nodes: Built[], prefix: string, used = new Set<string>()) {
  for (const n of nodes) {
    const own = !parseNumber(n.number) ? `r${n.row}` :
      foldVi(n.number.replace(/Đ/g, 'DD').replace(/đ/g, 'dd'))
        .replace(/[^a-z0-9.]/g, '')
        .split('.')
        .pop() || `r${n.row}`;
    let id = (prefix ? `${prefix}.${own}` : own).slice(0, 60);
    for (let i = 2; used.has(id); i++) id = `${(prefix ? `${prefix}.${own}` : own).slice(0, 56)}-${i}`;
    used.add(id);
    n.id = id;
    assignIds(n.children, id, used);
  }
}

function strip(n: Built): CriteriaNode {
  const { row: _row, read: _read, sharedWith: _shared, children, ...rest } = n;
  return { ...rest, children: children.map(strip) };
}

function describeRule(rule: ScoringRule): string {
  if (rule.type === 'lateness') return [...rule.brackets.map((b) => (b.days === 0 ? `đúng hạn ${formatPoints(b.points)}` : `chậm đến ${b.days} ngày ${formatPoints(b.points)}`)), `chậm hơn ${formatPoints(rule.beyond)}`].join('; ');
  if (rule.type === 'percentage') return [...rule.brackets.map((b) => `${b.strict ? 'trên' : 'từ'} ${b.from}% ${formatPoints(b.points)}`), `thấp hơn ${formatPoints(rule.below)}`].join('; ');
  return '';
}

/** What a clause of the guide gives: "điểm tối đa", "1,5 điểm", "3/4 số điểm", "trừ 0,5 điểm", "0 điểm". */
function valueOf(text: string, max: number): number | null {
  const t = text.trim();
  if (/^(duoc )?(diem toi da|toi da|du diem|ca diem)\b/.test(t)) return max;
  const part = /^(?:duoc )?(\d+)\/(\d+)(?: so diem| diem)?\b/.exec(t);
  if (part) {
    const v = (max * Number(part[1])) / Number(part[2]!);
    return cents(v) / 100 === v ? v : null;
  }
  const off = /^tru (\d+(?:[.,]\d+)?) diem\b/.exec(t);
  if (off) return fromCents(cents(max) - cents(parsePoints(off[1]!) ?? Infinity));
  const pts = /^(?:duoc |dat |cham )?(\d+(?:[.,]\d+)?) diem\b/.exec(t);
  if (pts) return parsePoints(pts[1]!);
  if (/^(khong (duoc )?(cham |tinh )?diem|khong co diem)\b/.test(t)) return 0;
  return null;
}

/**
 * Lateness or percentage brackets where the guide states every one of them clause by clause
 * ("đúng hạn: điểm tối đa; chậm 01 - 02 ngày: 1,5 điểm; …", "từ 95% đến dưới 100%: …"). Anything less
 * clear stays manual: a wrong guess would score units wrongly without anyone seeing it.
 */
export function ruleFromGuide(n: Pick<CriteriaNode, 'guide' | 'max'>): ScoringRule {
  const clauses = n.guide
    .split(/[;\n]|\.\s/)
    .map((c) => foldVi(c).replace(/[–—]/g, '-').replace(/^[-+•*]\s*/, '').trim())
    .filter(Boolean);
  const manual: ScoringRule = { type: 'manual' };
  if (!clauses.length || n.max <= 0) return manual;
  const late: { days: number; points: number }[] = [];
  let beyond: number | null = null;
  const pct: { from: number; strict: boolean; points: number }[] = [];
  let below: number | null = null;
  let unreadClauses = 0;
  for (const c of clauses) {
    const [cond, rest] = c.includes(':') ? [c.slice(0, c.indexOf(':')), c.slice(c.indexOf(':') + 1)] : [c, ''];
    const at = (re: RegExp) => {
      const m = re.exec(cond);
      return m && { m, v: valueOf(rest || cond.slice(m.index + m[0].length).replace(/^[ ,]*(thi |duoc )?/, ''), n.max) };
    };
    const hit =
      at(/(gui |nop |thuc hien |hoan thanh )?dung (thoi )?han/) ??
      at(/cham (?:qua|tren|sau) 0*(\d+) ngay( lam viec)?( tro len)?( hoac khong (gui|nop|thuc hien))?|khong (gui|nop|thuc hien)/) ??
      at(/cham (?:tu )?0*(\d+)\s*(?:-|den)\s*0*(\d+) ngay( lam viec)?/) ??
      at(/cham 0*(\d+) ngay( lam viec)?/) ??
      at(/(?:dat )?tu (\d+(?:[.,]\d+)?) ?% (?:den (?:duoi )?\d+(?:[.,]\d+)? ?%|tro len)/) ??
      at(/(?:dat )?(?:tren|hon) (\d+(?:[.,]\d+)?) ?%/) ??
      at(/(?:dat )?duoi (\d+(?:[.,]\d+)?) ?%/) ??
      at(/dat (\d+(?:[.,]\d+)?) ?%/);
    if (!hit) {
      unreadClauses++;
      continue;
    }
    const { m, v } = hit;
    if (v === null) return manual;
    const said = m[0];
    if (/dung (thoi )?han/.test(said)) late.push({ days: 0, points: v });
    else if (/cham (qua|tren|sau)|khong (gui|nop|thuc hien)/.test(said)) beyond = v;
    else if (/^cham/.test(said)) late.push({ days: Number(/(\d+) ngay/.exec(said)![1]), points: v });
    else if (/duoi/.test(said) && !/^(dat )?tu/.test(said)) below = v;
    else pct.push({ from: parsePoints(m[1]!)!, strict: /tren|hon/.test(said), points: v });
  }
  const fits = (ps: number[]) => ps.every((p, i) => p >= 0 && p <= n.max && (i === 0 || p <= ps[i - 1]!));
  if (late.length >= 2 && !pct.length && !unreadClauses) {
    late.sort((a, b) => a.days - b.days);
    const rule: ScoringRule = { type: 'lateness', brackets: late, beyond: beyond ?? 0 };
    const increasing = late.every((b, i) => i === 0 || b.days > late[i - 1]!.days);
    if (increasing && late[0]!.days === 0 && fits([...late.map((b) => b.points), rule.beyond])) return rule;
  }
  if (pct.length >= 2 && !late.length && !unreadClauses && below !== null) {
    pct.sort((a, b) => b.from - a.from || Number(b.strict) - Number(a.strict));
    if (fits([...pct.map((b) => b.points), below])) return { type: 'percentage', brackets: pct, below };
  }
  return manual;
}
