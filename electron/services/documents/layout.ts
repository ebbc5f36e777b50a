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
import { placeAndDate } from '../text/vietnamese';

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

export interface DocumentHeading {
  /** Cơ quan chủ quản, printed in capitals above the unit (may be empty). */
  parentName: string;
  unitName: string;
  numberSymbol: string;
  place: string;
  date: string;
}

export interface Signature {
  recipients: string[];
  /** "TM.", "KT. GIÁM ĐỐC" … and/or the group role, printed above the title. */
  authority: string;
  title: string;
  name: string;
}

type Run = string | IRunOptions;
/**
 * Every run of text in every document is made here, so this is where characters XML forbids are
 * dropped: forms and bundle records refuse them, but a file Word cannot open must never be written.
 */
const run = (r: Run, base: IRunOptions = {}) => {
  const options = typeof r === 'string' ? { text: r } : r;
  return new TextRun({ font: FONT, ...base, ...options, ...(options.text === undefined ? {} : { text: stripUnsafeChars(options.text) }) });
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

function headingTable(h: DocumentHeading, landscape: boolean): Table {
  const total = contentWidth(landscape);
  const left = Math.round(total * (landscape ? 0.4 : 0.38));
  const right = total - left;
  // 12 pt capitals (the Decree allows 12–13) keep the national title on one line in portrait.
  const leftCol = [
    ...(h.parentName ? [centred(h.parentName.toUpperCase(), 24)] : []),
    centred(h.unitName.toUpperCase(), 24, { bold: true }),
    rule(landscape ? 30 : 20),
    centred(`Số: ${h.numberSymbol}`, 26),
  ];
  const rightCol = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 24, { bold: true }),
    centred('Độc lập - Tự do - Hạnh phúc', 28, { bold: true }),
    rule(landscape ? 34 : 16),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 60, after: 0 }, children: [run(placeAndDate(h.place, h.date), { size: 28, italics: true })] }),
  ];
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(leftCol, left), cell(rightCol, right)] })],
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

export interface Column {
  title: string;
  /** Relative width. */
  weight: number;
  align?: 'left' | 'center';
}

/** A bordered data table with a bold header row repeated on every page. Text 13 pt, as forms use. */
export function dataTable(columns: Column[], rows: string[][], landscape = false): Table {
  const total = contentWidth(landscape);
  const sum = columns.reduce((n, c) => n + c.weight, 0);
  const widths = columns.map((c) => Math.floor((total * c.weight) / sum));
  const borders = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  const mk = (text: string, i: number, head: boolean) =>
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
            children: [run(t, { size: 26, bold: head })],
          }),
      ),
    });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c, i) => mk(c.title, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => mk(t, i, false)) })),
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
  signature: Signature;
  landscape?: boolean;
  description: string;
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
          headingTable(options.heading, landscape),
          line(options.title, { size: 28, bold: true, align: AlignmentType.CENTER, before: 360, after: 0 }),
          line(options.subtitle, { size: 28, bold: true, align: AlignmentType.CENTER, after: 0 }),
          rule(landscape ? 110 : 65),
          line('', { after: 120 }),
          ...options.body,
          line('', { after: 120 }),
          signatureTable(options.signature, landscape),
        ],
      },
    ],
  });
}
