import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
  type IRunOptions,
} from 'docx';
import { stripUnsafeChars } from '../text/unsafe-chars';
import { placeAndBlankDate, placeAndDate } from '../text/vietnamese';

/**
 * Decree 30/2020/NĐ-CP, Phụ lục I: A4, Times New Roman, margins 20/20/30/15 mm, national heading,
 * issuing unit top left, number and symbol, place and date, title, body, recipients and signer.
 * Sizes below are in half-points (26 = 13 pt).
 */
const FONT = 'Times New Roman';
/** Millimetres to twips, rounded (docx's own helper truncates: A4 must be 11906 × 16838). */
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const A4 = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

/**
 * Advance widths of Times New Roman (1/1000 em, from the font's metrics), enough to know whether a
 * line fits a column before Word decides where to break it. Vietnamese letters measure as their base
 * letter (Ư and Ơ a little wider for the horn); anything else as a wide capital, to stay on the safe side.
 */
const WIDTHS: Record<'regular' | 'bold', Record<string, number>> = {
  regular: {
    A: 722, B: 667, C: 667, D: 722, E: 611, F: 556, G: 722, H: 722, I: 333, J: 389, K: 722, L: 611, M: 889, N: 722, O: 722, P: 556, Q: 722, R: 667, S: 556, T: 611, U: 722, V: 722, W: 944, X: 722, Y: 722, Z: 611,
    ' ': 250, '-': 333, '–': 500, '.': 250, ',': 250, '/': 278, ':': 278, '(': 333, ')': 333,
  },
  bold: {
    A: 722, B: 667, C: 722, D: 722, E: 667, F: 611, G: 778, H: 778, I: 389, J: 500, K: 778, L: 667, M: 944, N: 722, O: 778, P: 611, Q: 778, R: 722, S: 556, T: 667, U: 722, V: 722, W: 1000, X: 722, Y: 722, Z: 667,
    ' ': 250, '-': 333, '–': 500, '.': 250, ',': 250, '/': 278, ':': 333, '(': 333, ')': 333,
  },
};

/** Width in twips of `text` at `halfPoints`, as Times New Roman sets it. */
export function textWidth(text: string, halfPoints: number, bold = false): number {
  const table = WIDTHS[bold ? 'bold' : 'regular'];
  let units = 0;
  for (const ch of text) {
    const base = ch.normalize('NFD')[0]!.replace('Đ', 'D').replace('đ', 'd');
    const horn = /[ƯƠươ]/.test(ch) ? 1.06 : 1;
    const upper = base.toUpperCase();
    const w = /\d/.test(base) ? 500 : base !== upper ? (table[upper] ?? 722) * 0.72 : (table[base] ?? 778);
    units += w * horn;
  }
  // 3% to spare: renderers differ a little (LibreOffice sets Liberation Serif, metric-compatible but hinted).
  return Math.ceil((units / 1000) * (halfPoints / 2) * 20 * 1.03);
}

export interface DocumentHeading {
  /** Cơ quan chủ quản, printed in capitals above the unit (may be empty). */
  parentName: string;
  /** Empty for a paper a person signs for themselves (a báo cáo thành tích cá nhân): the national heading alone. */
  unitName: string;
  /** Null for a paper that carries no number (a list attached to a letter, a ballot paper). */
  numberSymbol: string | null;
  place: string;
  /** ISO date, or an undated document of a year: the day and month left blank, filled by hand when signed. */
  date: string | { blankIn: number };
}

export interface Signature {
  recipients: string[];
  /** "TM.", "KT. GIÁM ĐỐC" … and/or the group role, printed above the title. */
  authority: string;
  title: string;
  name: string;
}

/** A signer among several side by side (minutes: the secretary and the chair), without recipients. */
export interface SignerBlock {
  title: string;
  /** "(Ký, ghi rõ họ tên)", "(Ký, đóng dấu)": printed in italics under the title. */
  note?: string;
  name: string;
}

type Run = string | IRunOptions;
/**
 * Every run of text in every document is made here, so this is where characters XML forbids are
 * dropped: forms and bundle records refuse them, but a file Word cannot open must never be written.
 * Here too a number keeps its per cent sign on its line ("80 %" never breaks before the sign).
 */
const run = (r: Run, base: IRunOptions = {}) => {
  const options = typeof r === 'string' ? { text: r } : r;
  return new TextRun({ font: FONT, ...base, ...options, ...(options.text === undefined ? {} : { text: stripUnsafeChars(options.text).replace(/(\d) %/g, '$1\u00a0%') }) });
};

export function line(
  content: Run | Run[],
  options: { size?: number; bold?: boolean; italics?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; before?: number; after?: number; keepNext?: boolean } = {},
): Paragraph {
  const runs = Array.isArray(content) ? content : [content];
  return new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent ? { firstLine: mm(12.7) } : undefined,
    spacing: { before: options.before ?? 0, after: options.after ?? 120, line: 288 },
    keepNext: options.keepNext,
    children: runs.map((r) => run(r, { size: options.size ?? 28, bold: options.bold, italics: options.italics })),
  });
}

/** Body paragraph: justified, first-line indent 12.7 mm, 6 pt after. */
export const bodyText = (content: Run | Run[]) => line(content, { indent: true });
export const heading = (text: string) => line(text, { bold: true, before: 120, keepNext: true });

/** A short rule under a centred line: a bottom border on a paragraph narrowed by indents. */
function rule(indentMm: number): Paragraph {
  return new Paragraph({
    indent: { left: mm(indentMm), right: mm(indentMm) },
    spacing: { before: 0, after: 60, line: 240 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

/** 1.15 line spacing: at single spacing the stacked marks of Vietnamese capitals (Ả, Ố) touch the line above. */
const centred = (text: string, size: number, extra: IRunOptions = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0, line: 276 }, children: [run(text, { size, ...extra })] });

function cell(children: Paragraph[], widthTwip: number): TableCell {
  return new TableCell({ children, width: { size: widthTwip, type: WidthType.DXA }, borders: NO_BORDERS });
}

function contentWidth(landscape: boolean): number {
  return (landscape ? A4.height : A4.width) - MARGIN.left - MARGIN.right;
}

/** Word's default cell margins, left and right. */
const CELL_MARGINS = 2 * 108;
const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * A heading line that does not fit its column is broken where a reader expects it: before the
 * province ("SỞ TƯ PHÁP / TỈNH HÀ GIANG"), never inside the province's name; without a province, at
 * the space that makes two lines of about equal width.
 */
export function headingLines(text: string, widthTwip: number, halfPoints: number, bold: boolean): string[] {
  if (textWidth(text, halfPoints, bold) <= widthTwip) return [text];
  const at = text.search(/ (TỈNH|THÀNH PHỐ|TP\.) /);
  if (at > 0) return [text.slice(0, at), text.slice(at + 1)];
  // No province in it: two lines of about equal width, not one long line and a lone last word.
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
  if (!spaces.length) return [text];
  const best = spaces.reduce((a, b) => (Math.abs(textWidth(text.slice(0, b), halfPoints, bold) - textWidth(text.slice(b + 1), halfPoints, bold)) < Math.abs(textWidth(text.slice(0, a), halfPoints, bold) - textWidth(text.slice(a + 1), halfPoints, bold)) ? b : a));
  return [text.slice(0, best), text.slice(best + 1)];
}

function headingTable(h: DocumentHeading, landscape: boolean): Table {
  const total = contentWidth(landscape);
  const placeDate = typeof h.date === 'string' ? placeAndDate(h.place, h.date) : placeAndBlankDate(h.place, h.date.blankIn);
  // The national title must stay on one line; the unit's name gets what it needs of the rest (at least
  // a third of the width), and the place and date, which may wrap, what is left.
  const leftAvail = total - (textWidth(NATIONAL_TITLE, 24, true) + CELL_MARGINS + 60);
  const parentLines = h.parentName ? headingLines(h.parentName.toUpperCase(), leftAvail - CELL_MARGINS, 24, false) : [];
  const unitLines = h.unitName ? headingLines(h.unitName.toUpperCase(), leftAvail - CELL_MARGINS, 24, true) : [];
  const numberLine = h.numberSymbol === null ? [] : [`Số: ${h.numberSymbol}`];
  const leftNeeds = Math.max(0, ...parentLines.map((t) => textWidth(t, 24)), ...unitLines.map((t) => textWidth(t, 24, true)), ...numberLine.map((t) => textWidth(t, 26))) + CELL_MARGINS;
  const left = Math.min(leftAvail, Math.max(leftNeeds, Math.round(total * (landscape ? 0.4 : 0.36))));
  const right = total - left;
  const placeDateSize = textWidth(placeDate, 28) <= right - CELL_MARGINS ? 28 : 26;
  // The rule under the unit's name: about a third of the column, centred (Decree 30, Phụ lục I).
  const ruleIndent = Math.round(left / 3 / 56.7);
  const leftCol = [
    ...parentLines.map((t) => centred(t, 24)),
    ...unitLines.map((t) => centred(t, 24, { bold: true })),
    ...(unitLines.length ? [rule(ruleIndent)] : []),
    ...numberLine.map((t) => centred(t, 26)),
  ];
  // Nothing on the left (a person's own paper): the national heading alone, centred on the page.
  const national = leftCol.length ? right : total;
  const rightCol = [
    centred(NATIONAL_TITLE, 24, { bold: true }),
    centred(MOTTO, 28, { bold: true }),
    // The rule under the motto is as long as the motto.
    rule(Math.round((national - CELL_MARGINS - textWidth(MOTTO, 28, true)) / 2 / 56.7)),
    // 14 pt, or 13 pt (the Decree allows both) when a long place name would push the year onto a line of its own.
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 60, after: 0 }, children: [run(placeDate, { size: placeDateSize, italics: true })] }),
  ];
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: leftCol.length ? [left, right] : [total],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: leftCol.length ? [cell(leftCol, left), cell(rightCol, right)] : [cell(rightCol, total)] })],
  });
}

function signatureTable(s: Signature, landscape: boolean): Table {
  const total = contentWidth(landscape);
  const left = Math.round(total * 0.5);
  const right = total - left;
  const recipients = [
    new Paragraph({ spacing: { after: 0 }, children: [run('Nơi nhận:', { size: 24, bold: true, italics: true })] }),
    ...s.recipients.map((r, i) => new Paragraph({ spacing: { after: 0 }, children: [run(`- ${r}${i === s.recipients.length - 1 ? '.' : ';'}`, { size: 22 })] })),
  ];
  const signer = [
    ...[s.authority, s.title].filter(Boolean).flatMap((t) => t.split('\n')).map((t) => centred(t.toUpperCase(), 28, { bold: true })),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 1400, after: 0 }, children: [run(s.name, { size: 28, bold: true })] }),
  ];
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(recipients, left), cell(signer, right)] })],
  });
}

/**
 * Signers side by side, three at most to a row (two when there are more, in rows): each title in bold
 * capitals, the note in italics, room for the signature, the name in bold; the names in a row of their
 * own so they line up whatever the titles' lines. One signer alone stands on the right, where a single
 * signer always signs.
 */
export function signerBlocks(signers: SignerBlock[], landscape = false): Table {
  const total = contentWidth(landscape);
  const perRow = signers.length === 3 ? 3 : 2;
  const width = Math.floor(total / perRow);
  const widths = Array.from({ length: perRow }, (_, i) => (i === perRow - 1 ? total - width * (perRow - 1) : width));
  const centredLines = (texts: string[], size: number, extra: IRunOptions, spacing: { before?: number; after?: number } = {}) =>
    texts.map((t) => new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: 0, line: 276, ...spacing }, children: [run(t, { size, ...extra })] }));
  const top = (s: SignerBlock | undefined) =>
    s ? [...centredLines(s.title.split('\n').map((t) => t.toUpperCase()), 28, { bold: true }), ...(s.note ? centredLines([s.note], 26, { italics: true }) : [])] : [new Paragraph({ children: [] })];
  const bottom = (s: SignerBlock | undefined) => (s ? centredLines([s.name], 28, { bold: true }, { before: 1400, after: 240 }) : [new Paragraph({ children: [] })]);
  const rows: (SignerBlock | undefined)[][] = [];
  for (let i = 0; i < signers.length; i += perRow) {
    const slice = signers.slice(i, i + perRow);
    // A row not full leaves its gaps on the left.
    rows.push([...Array<undefined>(perRow - slice.length).fill(undefined), ...slice]);
  }
  if (!rows.length) rows.push(Array<undefined>(perRow).fill(undefined));
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.flatMap((r) => [
      new TableRow({ cantSplit: true, children: r.map((s, i) => cell(top(s), widths[i]!)) }),
      new TableRow({ cantSplit: true, children: r.map((s, i) => cell(bottom(s), widths[i]!)) }),
    ]),
  });
}

export interface Column {
  title: string;
  /** Relative width. */
  weight: number;
  align?: 'left' | 'center';
}

const DATA_MARGINS = 2 * 80;

/**
 * Column widths: each column at least as wide as the longest word of its header and the widest short
 * cell (a number, "STT"), so those never break inside; what is left is shared by weight.
 */
function columnWidths(columns: Column[], rows: string[][], total: number, size: number): number[] {
  const longestWord = (text: string, bold: boolean) => Math.max(0, ...text.split(/\s+/).map((w) => textWidth(w, size, bold)));
  const min = columns.map((c, i) =>
    Math.max(longestWord(c.title, true), ...rows.map((r) => (r[i] && r[i].length <= 12 ? longestWord(r[i], false) : 0))) + DATA_MARGINS + 40,
  );
  const sum = columns.reduce((n, c) => n + c.weight, 0);
  const widths = columns.map((c, i) => Math.max(min[i]!, Math.floor((total * c.weight) / sum)));
  // Take any excess back from the columns above their minimum, in proportion.
  const excess = widths.reduce((n, w) => n + w, 0) - total;
  if (excess > 0) {
    const slack = widths.map((w, i) => w - min[i]!);
    const slackSum = slack.reduce((n, x) => n + x, 0);
    return widths.map((w, i) => w - Math.ceil((excess * slack[i]!) / slackSum));
  }
  return widths;
}

/**
 * A bordered data table with a bold header row repeated on every page. Text 13 pt, as forms use; a
 * board with a column per milestone passes a smaller `size` (half-points) to fit the page's width.
 */
export function dataTable(columns: Column[], rows: string[][], landscape = false, options: { boldLastRow?: boolean; boldRows?: ReadonlySet<number>; size?: number } = {}): Table {
  const total = contentWidth(landscape);
  const size = options.size ?? 26;
  const widths = columnWidths(columns, rows, total, size);
  const borders = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  const mk = (text: string, i: number, head: boolean, bold = head) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      borders,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 80, right: 80, top: 40, bottom: 40 },
      children: text.split('\n').map(
        (t) =>
          new Paragraph({
            alignment: head || columns[i]!.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
            spacing: { after: 0, line: 260 },
            // A header row never ends a page alone: it keeps with the first row of data.
            keepNext: head,
            children: [run(t, { size, bold })],
          }),
      ),
    });
  const last = rows.length - 1;
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => mk(c.title, i, true)) }),
      ...rows.map((r, n) => new TableRow({ cantSplit: true, children: r.map((t, i) => mk(t, i, false, (!!options.boldLastRow && n === last) || !!options.boldRows?.has(n))) })),
    ],
  });
}

/**
 * A superior's confirmation under the signer's block ("XÁC NHẬN CỦA …"): the heading, what the
 * superior confirms, and room for its signature and seal on the right; kept on one page.
 */
export function confirmationBlock(title: string, statement: string, signerTitle: string, landscape = false): Table {
  const total = contentWidth(landscape);
  const left = Math.round(total * 0.5);
  const right = total - left;
  // Every paragraph keeps with the next, so the heading never ends a page without the signature space.
  const keep = (p: { title: string; statement: string }) => [
    line(p.title.toUpperCase(), { bold: true, align: AlignmentType.CENTER, before: 480, after: 120, keepNext: true }),
    line(p.statement, { indent: true, keepNext: true }),
  ];
  const signer = [
    new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: 0, line: 276 }, children: [run(signerTitle.toUpperCase(), { size: 28, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 1600, line: 276 }, children: [run('(Ký, ghi rõ họ tên và đóng dấu)', { size: 26, italics: true })] }),
  ];
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({ cantSplit: true, children: [new TableCell({ children: keep({ title, statement }), columnSpan: 2, width: { size: total, type: WidthType.DXA }, borders: NO_BORDERS })] }),
      new TableRow({ cantSplit: true, children: [cell([new Paragraph({ children: [] })], left), cell(signer, right)] }),
    ],
  });
}

/** "Kính gửi:" with one addressee on its line, or several as a list of "- …;" lines. */
export function addressees(names: string[]): Paragraph[] {
  if (names.length <= 1) return [line(`Kính gửi: ${names[0] ?? ''}.`, { align: AlignmentType.CENTER, after: 200 })];
  const indent = mm(25);
  return names.map(
    (n, i) =>
      new Paragraph({
        indent: { left: indent + mm(22), hanging: i === 0 ? mm(22) : 0 },
        spacing: { after: i === names.length - 1 ? 200 : 0, line: 288 },
        children: [run(`${i === 0 ? 'Kính gửi:\t' : ''}- ${n}${i === names.length - 1 ? '.' : ';'}`, { size: 28 })],
        tabStops: [{ type: 'left', position: indent + mm(22) }],
      }),
  );
}

/** Assembles an official document; page numbers in the top margin from page 2 on. */
export function officialDocument(options: {
  heading: DocumentHeading;
  title: string;
  subtitle: string;
  body: FileChild[];
  /** The signer with the recipients (Nơi nhận) on the left, or signers side by side without recipients. */
  signature: Signature | SignerBlock[];
  landscape?: boolean;
  /** The official form the document follows ("Mẫu số 01"), printed top right above the heading. */
  form?: string | null;
  description: string;
  /** What follows the signature, such as a superior's confirmation block. */
  after?: FileChild[];
}): Document {
  const landscape = !!options.landscape;
  return new Document({
    // The document's properties (docProps/core.xml) are XML too.
    creator: stripUnsafeChars(options.heading.unitName),
    title: stripUnsafeChars(`${options.title} ${options.subtitle}`.trim()),
    description: stripUnsafeChars(options.description),
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { ...MARGIN, header: mm(10) },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: 26, children: [PageNumber.CURRENT] })] })],
          }),
        },
        children: [
          ...(options.form ? [line(options.form, { size: 26, bold: true, align: AlignmentType.RIGHT, after: 120 })] : []),
          headingTable(options.heading, landscape),
          line(options.title, { size: 28, bold: true, align: AlignmentType.CENTER, before: 360, after: 0 }),
          line(options.subtitle, { size: 28, bold: true, align: AlignmentType.CENTER, after: 0 }),
          rule(landscape ? 110 : 65),
          line('', { after: 120 }),
          ...options.body,
          // The space before the signature keeps with it, so a body ending in keepNext brings its last lines along.
          line('', { after: 120, keepNext: true }),
          Array.isArray(options.signature) ? signerBlocks(options.signature, landscape) : signatureTable(options.signature, landscape),
          ...(options.after ?? []),
        ],
      },
    ],
  });
}
