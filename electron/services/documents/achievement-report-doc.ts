import { AlignmentType, type Document, type FileChild } from 'docx';
import { formatDateVi } from '../text/vietnamese';
import { bodyText, confirmationBlock, dataTable, heading, line, officialDocument, type Column, type DocumentHeading } from './layout';

/** A title or award held: year, name and the decision that granted it. */
export interface HonourRow {
  year: number;
  name: string;
  /** "Quyết định số 45/QĐ-UBND ngày 20/12/2024 của Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang". */
  decision: string;
}

/** A table inside the account of achievements (cases settled by year, targets met…). */
export interface AchievementTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

/** Free text paragraphs, then optional tables. */
export interface AchievementText {
  paragraphs: string[];
  tables: AchievementTable[];
}

interface ReportCommon {
  /** "Mẫu số 05" when the catalogue holds the number as verified, else null (nothing printed). */
  form: string | null;
  /** The award proposed: "Bằng khen của Bộ trưởng Bộ Tư pháp". */
  award: string;
  /** "năm 2025", "giai đoạn 2023 - 2025". */
  period: string;
  place: string;
  /** ISO date, or '' for the blanks filled by hand. */
  date: string;
  achievements: AchievementText;
  titles: HonourRow[];
  awards: HonourRow[];
}

/** Báo cáo thành tích cá nhân (Mẫu số 05 of Nghị định 152/2025/NĐ-CP). */
export interface IndividualReportView extends ReportCommon {
  kind: 'individual';
  person: {
    fullName: string;
    /** ISO date. */
    birthDate: string;
    gender: 'nam' | 'nu';
    hometown: string;
    residence: string;
    unit: string;
    /** Chức vụ (Đảng, chính quyền, đoàn thể). */
    position: string;
    qualification: string;
    /** Học hàm, học vị, danh hiệu, giải thưởng; '' for none. */
    academic: string;
  };
  /** Quyền hạn, nhiệm vụ được giao hoặc đảm nhận. */
  duties: string[];
  /** The head of the unit who confirms and proposes. */
  head: { name: string };
}

/** Báo cáo thành tích tập thể (its form number under Nghị định 152/2025 is not verified). */
export interface CollectiveReportView extends ReportCommon {
  kind: 'collective';
  /** The collective reporting (its superior as parentName); numberSymbol null or its own; place and date are the report's. */
  heading: Omit<DocumentHeading, 'place' | 'date'>;
  /** The collective's full name, as proposed. */
  collectiveName: string;
  situation: { characteristics: string[]; functions: string[]; organisation: string[] };
  head: { title: string; name: string };
  /** The superior's confirmation ("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"), or null when the unit proposes itself. */
  confirmation: { title: string; statement: string; signerTitle: string } | null;
}

export type AchievementReportView = IndividualReportView | CollectiveReportView;

const honourColumns = (what: string, decided: string): Column[] => [
  { title: 'Năm', weight: 10, align: 'center' },
  { title: what, weight: 35 },
  { title: `Số, ngày, tháng, năm của quyết định ${decided}; cơ quan ban hành quyết định`, weight: 55 },
];

function honours(title: string, what: string, decided: string, rows: HonourRow[]): FileChild[] {
  const sorted = [...rows].sort((a, b) => a.year - b.year);
  return [
    line(title, { bold: true, indent: true, before: 120, keepNext: true }),
    ...(sorted.length ? [dataTable(honourColumns(what, decided), sorted.map((r) => [String(r.year), r.name, r.decision]))] : [bodyText('Chưa có.')]),
  ];
}

function achievementBody(a: AchievementText): FileChild[] {
  return [
    ...a.paragraphs.map((p) => bodyText(p)),
    ...a.tables.flatMap((t) => [
      line(t.caption, { italics: true, align: AlignmentType.CENTER, before: 120, keepNext: true }),
      // Counts and shares are centred, words are not.
      dataTable(t.columns.map((c, i): Column => ({ title: c, weight: i === 0 && /^(STT|TT|Năm)$/i.test(c) ? 8 : 20, align: i === 0 || t.rows.every((r) => /^[\d.,/ %]*$/.test(r[i] ?? '')) ? 'center' : 'left' })), t.rows),
      line('', { after: 60 }),
    ]),
  ];
}

/** BÁO CÁO THÀNH TÍCH đề nghị tặng …: the individual form or the collective one. */
export function achievementReportDocument(view: AchievementReportView): Document {
  const common: FileChild[] = [
    heading('III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG'),
    ...honours('1. Danh hiệu thi đua:', 'Danh hiệu thi đua', 'công nhận danh hiệu thi đua', view.titles),
    ...honours('2. Hình thức khen thưởng:', 'Hình thức khen thưởng', 'khen thưởng', view.awards),
  ];
  const subtitle = `ĐỀ NGHỊ TẶNG ${view.award.toUpperCase()}`;
  if (view.kind === 'individual') {
    const p = view.person;
    const field = (label: string, value: string) => line([{ text: `- ${label}: ` }, value || '…'], { indent: true, after: 60 });
    const body: FileChild[] = [
      line(`Thành tích ${view.period}`, { align: AlignmentType.CENTER, italics: true, after: 240 }),
      heading('I. SƠ LƯỢC LÝ LỊCH'),
      field('Họ và tên', p.fullName),
      line([{ text: '- Sinh ngày, tháng, năm: ' }, formatDateVi(p.birthDate), { text: '\u2003\u2003Giới tính: ' }, p.gender === 'nu' ? 'Nữ' : 'Nam'], { indent: true, after: 60 }),
      field('Quê quán', p.hometown),
      field('Nơi thường trú', p.residence),
      field('Đơn vị công tác', p.unit),
      field('Chức vụ (Đảng, chính quyền, đoàn thể)', p.position),
      field('Trình độ chuyên môn, nghiệp vụ', p.qualification),
      field('Học hàm, học vị, danh hiệu, giải thưởng', p.academic || 'Không'),
      heading('II. THÀNH TÍCH ĐẠT ĐƯỢC'),
      line('1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:', { bold: true, indent: true, keepNext: true }),
      ...view.duties.map((d) => bodyText(d)),
      line('2. Thành tích đạt được của cá nhân:', { bold: true, indent: true, keepNext: true }),
      ...achievementBody(view.achievements),
      ...common,
    ];
    return officialDocument({
      form: view.form,
      // A person's own report: the national heading alone, no issuing unit, no number.
      heading: { parentName: '', unitName: '', numberSymbol: null, place: view.place, date: view.date },
      title: 'BÁO CÁO THÀNH TÍCH',
      subtitle,
      body,
      signature: [
        { title: 'THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ', note: '(Ký, đóng dấu)', name: view.head.name },
        { title: 'NGƯỜI BÁO CÁO THÀNH TÍCH', note: '(Ký, ghi rõ họ và tên)', name: p.fullName },
      ],
      description: `Báo cáo thành tích của ${p.fullName}, ${view.period}`,
    });
  }
  const s = view.situation;
  const body: FileChild[] = [
    line(view.collectiveName, { bold: true, align: AlignmentType.CENTER, after: 0 }),
    line(`Thành tích ${view.period}`, { align: AlignmentType.CENTER, italics: true, after: 240 }),
    heading('I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH'),
    line('1. Đặc điểm, tình hình:', { bold: true, indent: true, keepNext: true }),
    ...s.characteristics.map((c) => bodyText(c)),
    line('2. Chức năng, nhiệm vụ:', { bold: true, indent: true, keepNext: true }),
    ...s.functions.map((c) => bodyText(c)),
    line('3. Cơ cấu tổ chức:', { bold: true, indent: true, keepNext: true }),
    ...s.organisation.map((c) => bodyText(c)),
    heading('II. THÀNH TÍCH ĐẠT ĐƯỢC'),
    ...achievementBody(view.achievements),
    ...common,
  ];
  return officialDocument({
    form: view.form,
    heading: { ...view.heading, place: view.place, date: view.date },
    title: 'BÁO CÁO THÀNH TÍCH',
    subtitle,
    body,
    signature: [{ title: view.head.title, note: '(Ký, đóng dấu)', name: view.head.name }],
    after: view.confirmation ? [confirmationBlock(view.confirmation.title, view.confirmation.statement, view.confirmation.signerTitle)] : [],
    description: `Báo cáo thành tích của ${view.collectiveName}, ${view.period}`,
  });
}
