import type { Document, FileChild } from 'docx';
import type { CouncilMember, CouncilTally } from '../awards/votes';
import { percentOf, shareText } from '../awards/votes';
import { formatDateVi } from '../text/vietnamese';
import { bodyText, dataTable, heading, line, officialDocument, type DocumentHeading } from './layout';

export interface CouncilPerson {
  name: string;
  /** "Giám đốc Sở", "Chánh Văn phòng". */
  position: string;
}

/** Biên bản họp Hội đồng Thi đua – Khen thưởng of the unit, with the vote on each nominee. */
export interface CouncilMinutesView {
  /** The unit; numberSymbol such as "      /BB-HĐTĐKT". */
  heading: DocumentHeading;
  /** "Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Tuyên Quang". */
  councilName: string;
  year: number;
  /** ISO date of the meeting, its start and end "HH:MM". */
  date: string;
  startTime: string;
  endTime: string;
  /** Where: "Phòng họp tầng 2, Sở Tư pháp tỉnh Tuyên Quang". */
  venue: string;
  chair: CouncilPerson;
  secretary: CouncilPerson;
  /** Every member of the council, present or not (votes.ts CouncilMember). */
  members: CouncilMember[];
  /** What the meeting did before the vote, a paragraph each. */
  content: string[];
  /** "bỏ phiếu kín". */
  method: string;
  /** tallyCouncil(members, quorum, ballots): the arithmetic is the app's, never the clerk's. */
  tally: CouncilTally;
}

const hm = (t: string) => {
  const [h, m] = t.split(':');
  return `${h} giờ ${m} phút`;
};

/** BIÊN BẢN họp Hội đồng Thi đua – Khen thưởng: the members, the quorum, each ballot against its threshold, those voted. */
export function councilMinutesDocument(view: CouncilMinutesView): Document {
  const t = view.tally;
  if (t.problems.length) throw new Error(`Không lập được biên bản: ${t.problems.join(' ')}`);
  const present = view.members.filter((m) => m.present);
  const inWriting = view.members.filter((m) => !m.present && m.votedInWriting);
  const silent = view.members.filter((m) => !m.present && !m.votedInWriting);
  const names = (ms: CouncilMember[]) => ms.map((m) => `${m.name} (${m.role})`).join('; ');
  const awards = [...new Set(t.results.map((r) => r.award))];
  const passed = t.results.filter((r) => r.passed);
  const body: FileChild[] = [
    bodyText(`Vào hồi ${hm(view.startTime)}, ngày ${formatDateVi(view.date)}, tại ${view.venue}, ${view.councilName} họp xét, đề nghị khen thưởng năm ${view.year}.`),
    heading('I. THÀNH PHẦN'),
    bodyText(`- Chủ trì: ${view.chair.name}, ${view.chair.position}, Chủ tịch Hội đồng.`),
    bodyText(`- Thư ký: ${view.secretary.name}, ${view.secretary.position}.`),
    bodyText(`- Tổng số thành viên Hội đồng: ${t.total}; có mặt: ${t.present}${present.length ? ` (${names(present)})` : ''}.`),
    bodyText(`- Vắng mặt có phiếu gửi bằng văn bản: ${t.inWriting}${inWriting.length ? ` (${names(inWriting)})` : ''}.`),
    bodyText(`- Vắng mặt không có phiếu: ${silent.length}${silent.length ? ` (${names(silent)})` : ''}.`),
    bodyText(
      `Số thành viên có mặt ${t.present}/${t.total}, cần ít nhất ${t.quorum.needed} thành viên (${shareText(t.quorum.share)} tổng số thành viên): ${t.quorum.met ? 'cuộc họp đủ điều kiện tiến hành' : 'cuộc họp không đủ điều kiện tiến hành'}.`,
    ),
    heading('II. NỘI DUNG'),
    ...view.content.map((c) => bodyText(c)),
    bodyText(
      `Hội đồng ${view.method}; phiếu của thành viên vắng mặt gửi bằng văn bản được tính; tỷ lệ được tính trên tổng số ${t.total} thành viên Hội đồng. Kết quả như sau:`,
    ),
  ];
  awards.forEach((award, n) => {
    body.push(heading(`${n + 1}. ${award}`));
    for (const r of t.results.filter((x) => x.award === award)) body.push(bodyText(`- ${r.nominee}: ${r.text}`));
  });
  body.push(heading('III. KẾT QUẢ'));
  if (passed.length) {
    body.push(bodyText(`Hội đồng thống nhất đề nghị khen thưởng ${passed.length} trường hợp đạt tỷ lệ phiếu theo quy định:`));
    body.push(
      dataTable(
        [
          { title: 'STT', weight: 6, align: 'center' },
          { title: 'Tập thể, cá nhân', weight: 30 },
          { title: 'Danh hiệu, hình thức khen thưởng', weight: 30 },
          { title: 'Số phiếu đồng ý', weight: 12, align: 'center' },
          { title: 'Tỷ lệ', weight: 12, align: 'center' },
        ],
        passed.map((r, i) => [String(i + 1), r.nominee, r.award, `${r.yes}/${t.total}`, percentOf(r.yes, t.total)]),
      ),
    );
  } else body.push(bodyText('Không có trường hợp nào đạt tỷ lệ phiếu theo quy định.'));
  body.push(line(`Cuộc họp kết thúc vào hồi ${hm(view.endTime)} cùng ngày. Biên bản đã được đọc lại và thông qua tại cuộc họp./.`, { indent: true, before: 120, keepNext: true }));
  return officialDocument({
    heading: view.heading,
    title: 'BIÊN BẢN',
    subtitle: `Họp ${view.councilName} xét khen thưởng năm ${view.year}`,
    body,
    signature: [
      { title: 'THƯ KÝ', note: '(Ký, ghi rõ họ tên)', name: view.secretary.name },
      { title: 'CHỦ TỊCH', note: '(Ký, ghi rõ họ tên)', name: view.chair.name },
    ],
    description: `Biên bản họp Hội đồng Thi đua – Khen thưởng năm ${view.year}`,
  });
}
