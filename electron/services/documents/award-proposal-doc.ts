import type { Document } from 'docx';
import { addressees, bodyText, officialDocument, type DocumentHeading, type Signature } from './layout';

/** What the tờ trình proposes for one award: how many collectives and individuals, named in the attached list. */
export interface ProposalItem {
  /** "Bằng khen của Bộ trưởng Bộ Tư pháp", "Chiến sĩ thi đua cơ sở". */
  award: string;
  collectives: number;
  individuals: number;
}

/** Tờ trình đề nghị khen thưởng (Luật Thi đua, khen thưởng Điều 84.1; Mẫu số 01 of Nghị định 152/2025/NĐ-CP). */
export interface AwardProposalView {
  /** The proposing unit; numberSymbol such as "12/TTr-STP" (or "      /TTr-STP" left for the clerk). */
  heading: DocumentHeading;
  /** "Mẫu số 01" when the catalogue holds the form number as verified, else null (nothing printed). */
  form: string | null;
  /** Who grants: "Bộ trưởng Bộ Tư pháp", "Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang". */
  grantedBy: string;
  /** Kính gửi: one line each. */
  addressees: string[];
  /** The legal and factual grounds, each a "Căn cứ …" without its ending punctuation. */
  grounds: string[];
  year: number;
  /** "có thành tích xuất sắc trong thực hiện nhiệm vụ công tác năm 2025". */
  achievement: string;
  items: ProposalItem[];
  signature: Signature;
}

const count = (n: number) => String(n).padStart(2, '0');

/** "02 tập thể và 05 cá nhân", leaving out a side with nobody. */
export function nomineeCount(collectives: number, individuals: number): string {
  return [collectives ? `${count(collectives)} tập thể` : '', individuals ? `${count(individuals)} cá nhân` : ''].filter(Boolean).join(' và ');
}

/** TỜ TRÌNH Về việc đề nghị tặng …, in the Decree 30/2020 layout. */
export function awardProposalDocument(view: AwardProposalView): Document {
  const items = view.items.filter((i) => i.collectives + i.individuals > 0);
  if (!items.length) throw new Error('Tờ trình chưa có tập thể, cá nhân nào được đề nghị khen thưởng.');
  const unit = view.heading.unitName;
  const collectives = items.reduce((n, i) => n + i.collectives, 0);
  const individuals = items.reduce((n, i) => n + i.individuals, 0);
  // Two awards or fewer are named in the trích yếu; more are summed up, as offices write it.
  const subject = items.length <= 2 ? items.map((i) => i.award).join(' và ') : 'danh hiệu thi đua, hình thức khen thưởng';
  const body = [
    ...addressees(view.addressees),
    ...view.grounds.map((g, i) => bodyText(`${g}${i === view.grounds.length - 1 ? ',' : ';'}`)),
    bodyText(
      `${unit} kính đề nghị ${view.grantedBy} xem xét, tặng ${subject} cho ${nomineeCount(collectives, individuals)} đã ${view.achievement}, cụ thể như sau:`,
    ),
    ...items.map((i, n) => bodyText(`- ${i.award}: ${nomineeCount(i.collectives, i.individuals)}${n === items.length - 1 ? '.' : ';'}`)),
    bodyText('(Có danh sách và hồ sơ đề nghị khen thưởng kèm theo)'),
    bodyText(`${unit} kính trình ${view.grantedBy} xem xét, quyết định./.`),
  ];
  return officialDocument({
    form: view.form,
    heading: view.heading,
    title: 'TỜ TRÌNH',
    subtitle: `Về việc đề nghị tặng ${subject} năm ${view.year}`,
    body,
    signature: view.signature,
    description: `Tờ trình đề nghị khen thưởng năm ${view.year}`,
  });
}
