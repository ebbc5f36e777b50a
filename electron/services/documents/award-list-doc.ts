import { AlignmentType, type Document, type FileChild } from 'docx';
import { nomineeCount } from './award-proposal-doc';
import { dataTable, heading, line, officialDocument, type Column, type DocumentHeading, type SignerBlock } from './layout';

export interface AwardListEntry {
  /** The person's full name, or the collective's full name. */
  name: string;
  /** Chức vụ (empty for a collective). */
  position: string;
  /** The division or unit it belongs to (empty when the name says it). */
  unit: string;
  /** Thành tích tóm tắt, or a note when the list's last column is "Ghi chú". */
  summary: string;
}

export interface AwardListGroup {
  /** "Bằng khen của Bộ trưởng Bộ Tư pháp". */
  award: string;
  collectives: AwardListEntry[];
  individuals: AwardListEntry[];
}

/** Danh sách đề nghị khen thưởng, attached to the tờ trình. */
export interface AwardListView {
  /** The proposing unit; numberSymbol null (the list carries the tờ trình's number). */
  heading: DocumentHeading;
  /** "Tờ trình số 12/TTr-STP ngày 05/12/2025 của Sở Tư pháp tỉnh Tuyên Quang". */
  attachedTo: string;
  year: number;
  groups: AwardListGroup[];
  /** The last column: a short account of the achievement, or a plain note. */
  lastColumn: 'achievement' | 'note';
  signer: SignerBlock;
}

/** Summaries this long need the landscape page's width to stay readable. */
const LONG_SUMMARY = 160;

/** DANH SÁCH đề nghị khen thưởng: per award, the collectives and then the individuals, each in a table. */
export function awardListDocument(view: AwardListView): Document {
  const groups = view.groups.filter((g) => g.collectives.length + g.individuals.length > 0);
  if (!groups.length) throw new Error('Danh sách đề nghị khen thưởng chưa có tập thể, cá nhân nào.');
  const entries = groups.flatMap((g) => [...g.collectives, ...g.individuals]);
  const landscape = view.lastColumn === 'achievement' && entries.some((e) => e.summary.length > LONG_SUMMARY);
  const last = view.lastColumn === 'achievement' ? 'Thành tích tóm tắt' : 'Ghi chú';
  const wide = view.lastColumn === 'achievement' ? 45 : 20;
  const collectiveColumns: Column[] = [
    { title: 'STT', weight: 6, align: 'center' },
    { title: 'Tên tập thể', weight: 40 },
    { title: last, weight: wide },
  ];
  const individualColumns: Column[] = [
    { title: 'STT', weight: 6, align: 'center' },
    { title: 'Họ và tên', weight: 22 },
    { title: 'Chức vụ, đơn vị', weight: 28 },
    { title: last, weight: wide },
  ];
  const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
  const body: FileChild[] = [line(`(Kèm theo ${view.attachedTo})`, { italics: true, align: AlignmentType.CENTER, after: 240 })];
  groups.forEach((g, n) => {
    body.push(heading(`${roman[n] ?? n + 1}. ${g.award.toUpperCase()}`));
    let part = 0;
    if (g.collectives.length) {
      body.push(line(`${++part}. Tập thể (${String(g.collectives.length).padStart(2, '0')})`, { bold: true, indent: true, before: 120, keepNext: true }));
      body.push(dataTable(collectiveColumns, g.collectives.map((e, i) => [String(i + 1), [e.name, e.unit].filter(Boolean).join(', '), e.summary]), landscape));
    }
    if (g.individuals.length) {
      body.push(line(`${++part}. Cá nhân (${String(g.individuals.length).padStart(2, '0')})`, { bold: true, indent: true, before: 120, keepNext: true }));
      body.push(dataTable(individualColumns, g.individuals.map((e, i) => [String(i + 1), e.name, [e.position, e.unit].filter(Boolean).join(', '), e.summary]), landscape));
    }
  });
  const collectives = groups.reduce((n, g) => n + g.collectives.length, 0);
  body.push(line(`Tổng cộng: ${nomineeCount(collectives, entries.length - collectives)}.`, { italics: true, before: 120 }));
  return officialDocument({
    heading: view.heading,
    title: 'DANH SÁCH',
    subtitle: `Tập thể, cá nhân đề nghị khen thưởng năm ${view.year}`,
    body,
    signature: [view.signer],
    landscape,
    description: `Danh sách đề nghị khen thưởng năm ${view.year}`,
  });
}
