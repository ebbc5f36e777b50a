import { AlignmentType, type Document, type FileChild } from 'docx';
import type { AcclamationCount, AcclamationRow, AcclamationRules, AcclamationTally } from '../awards/votes';
import { percentOf, shareText } from '../awards/votes';
import { groupKindWords, type GroupKind } from '../groups-calendar/group-kind';
import { compareVi, formatDateVi } from '../text/vietnamese';
import { bodyText, dataTable, heading, line, officialDocument, type DocumentHeading, type Signature, type SignerBlock } from './layout';

export interface ConferencePerson {
  name: string;
  /** "Giám đốc Sở Tư pháp tỉnh Tuyên Quang". */
  position: string;
}

/** The year-end conference of a Cụm/Khu vực and its suy tôn, as the four papers print it. */
export interface AcclamationView {
  /** The leader unit, which organises the conference; numberSymbol is set per paper. */
  heading: Omit<DocumentHeading, 'numberSymbol'>;
  groupName: string;
  groupKind: GroupKind;
  year: number;
  /** What the leading units are put forward for: "Cờ thi đua của Bộ Tư pháp". */
  award: string;
  /** ISO date of the conference, start and end "HH:MM", and where. */
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  chair: ConferencePerson;
  secretary: ConferencePerson;
  /** Delegates by member unit. */
  attendees: { unit: string; delegates: string[] }[];
  /** Member units not represented. */
  absentUnits: string[];
  /** What the conference did, a paragraph each (review of the year, bình xét…). */
  content: string[];
  /** Ban kiểm phiếu: role "Trưởng ban" or "Thành viên". */
  countingBoard: { name: string; unit: string; role: string }[];
  rules: AcclamationRules;
  count: AcclamationCount;
  /** tallyAcclamation(candidates, count, rules): every candidate, in the tally's order. */
  tally: AcclamationTally;
  /** The leader's signer (Trưởng Cụm/Khu vực) for the list of units voted. */
  leader: { title: string; name: string };
  /** Nơi nhận of the list. */
  recipients: string[];
}

const hm = (t: string) => {
  const [h, m] = t.split(':');
  return `${h} giờ ${m} phút`;
};

const count2 = (n: number) => String(n).padStart(2, '0');

function checked(view: AcclamationView): void {
  if (view.tally.problems.length) throw new Error(`Không lập được văn bản suy tôn: ${view.tally.problems.join(' ')}`);
}

/** "2/3 tổng số đơn vị thành viên (14 đơn vị), tức ít nhất 10 phiếu". */
function thresholdText(view: AcclamationView): string {
  const on = view.rules.base === 'members' ? 'tổng số đơn vị thành viên' : 'tổng số đơn vị bỏ phiếu';
  return `từ ${shareText(view.rules.threshold)} ${on} (${view.tally.base} đơn vị) trở lên, tức ít nhất ${view.tally.needed} phiếu đồng ý`;
}

function resultOf(r: AcclamationRow): string {
  if (r.elected) return 'Được suy tôn';
  if (r.revote) return 'Bằng phiếu, bỏ phiếu lại';
  if (r.reaches) return 'Đạt tỷ lệ, ngoài số lượng';
  return 'Không đạt';
}

const purpose = (view: AcclamationView) => `suy tôn đơn vị dẫn đầu phong trào thi đua năm ${view.year} của ${view.groupName}, đề nghị tặng ${view.award}`;

/** PHIẾU SUY TÔN: the candidates in a table with a box to mark for and against; no voter's name when secret. */
export function acclamationBallotDocument(view: AcclamationView): Document {
  checked(view);
  const seats = view.rules.seats;
  const candidates = [...view.tally.rows].sort((a, b) => compareVi(a.name, b.name));
  const body: FileChild[] = [
    line(`(Đề nghị tặng ${view.award})`, { italics: true, align: AlignmentType.CENTER, after: 240 }),
    ...(view.rules.secretBallot
      ? []
      : [bodyText('Đơn vị bỏ phiếu: ……………………………………………………………………')]),
    dataTable(
      [
        { title: 'STT', weight: 7, align: 'center' },
        { title: 'Đơn vị', weight: 53 },
        { title: 'Đồng ý', weight: 20, align: 'center' },
        { title: 'Không đồng ý', weight: 20, align: 'center' },
      ],
      candidates.map((c, i) => [String(i + 1), c.name, '', '']),
    ),
    heading('Hướng dẫn:'),
    bodyText('- Đồng ý suy tôn đơn vị nào thì đánh dấu (X) vào ô "Đồng ý", không đồng ý thì đánh dấu (X) vào ô "Không đồng ý" ở dòng của đơn vị đó; mỗi dòng chỉ đánh dấu một ô.'),
    ...(seats === null ? [] : [bodyText(`- Mỗi phiếu đồng ý không quá ${count2(seats)} đơn vị; phiếu đồng ý nhiều hơn số đó là phiếu không hợp lệ.`)]),
    ...(view.rules.secretBallot ? [bodyText('- Bỏ phiếu kín: không ghi tên người, tên đơn vị bỏ phiếu trên phiếu.')] : []),
  ];
  return officialDocument({
    heading: { ...view.heading, numberSymbol: null },
    title: 'PHIẾU SUY TÔN',
    subtitle: `Đơn vị dẫn đầu phong trào thi đua năm ${view.year} - ${view.groupName}`,
    body,
    signature: [],
    description: `Phiếu suy tôn năm ${view.year}`,
  });
}

function resultTable(view: AcclamationView): FileChild {
  const t = view.tally;
  return dataTable(
    [
      { title: 'STT', weight: 6, align: 'center' },
      { title: 'Đơn vị', weight: 40 },
      { title: 'Số phiếu đồng ý', weight: 13, align: 'center' },
      { title: `Tỷ lệ (trên ${t.base})`, weight: 13, align: 'center' },
      { title: 'Kết quả', weight: 28 },
    ],
    t.rows.map((r, i) => [String(i + 1), r.name, String(r.votes), percentOf(r.votes, t.base), resultOf(r)]),
  );
}

function tieNotes(view: AcclamationView): FileChild[] {
  const decided = view.tally.rows.filter((r) => r.decidedBy);
  const revote = view.tally.rows.filter((r) => r.revote);
  // The first note after the table keeps a little space from it.
  return [
    ...decided.map((r) => `- ${r.name}: ${r.decidedBy}`),
    ...(revote.length ? [`- ${revote.map((r) => r.name).join(', ')} bằng số phiếu ở vị trí cuối cùng: bỏ phiếu lại giữa các đơn vị này.`] : []),
  ].map((t, i) => line(t, { indent: true, before: i === 0 ? 120 : 0 }));
}

const countingSigners = (view: AcclamationView): SignerBlock[] => {
  // The head of the board signs last, on the right, where a single signer signs.
  const head = view.countingBoard.filter((m) => /trưởng ban/i.test(m.role));
  const others = view.countingBoard.filter((m) => !/trưởng ban/i.test(m.role));
  return [...others, ...head].map((m) => ({ title: m.role, note: '(Ký, ghi rõ họ tên)', name: m.name }));
};

/** BIÊN BẢN KIỂM PHIẾU: the board, the ballots, each candidate's votes against the threshold, the result. */
export function acclamationCountDocument(view: AcclamationView): Document {
  checked(view);
  const t = view.tally;
  const c = view.count;
  const elected = t.rows.filter((r) => r.elected);
  const body: FileChild[] = [
    bodyText(`Vào hồi ${hm(view.endTime)}, ngày ${formatDateVi(view.date)}, tại ${view.venue}, Ban kiểm phiếu tiến hành kiểm phiếu ${purpose(view)}.`),
    heading('I. BAN KIỂM PHIẾU'),
    ...view.countingBoard.map((m) => bodyText(`- ${m.name}, ${m.unit}: ${m.role};`)),
    heading('II. KẾT QUẢ KIỂM PHIẾU'),
    bodyText(`- Số đơn vị thành viên: ${count2(c.members)};`),
    bodyText(`- Số phiếu phát ra: ${count2(c.voters)}; số phiếu thu về: ${count2(c.voters)};`),
    bodyText(`- Số phiếu hợp lệ: ${count2(t.valid)}; số phiếu không hợp lệ: ${count2(c.invalid)}.`),
    bodyText(
      `Đơn vị được suy tôn phải đạt ${thresholdText(view)}${view.rules.seats === null ? '' : `; ${view.groupName} được suy tôn không quá ${count2(view.rules.seats)} đơn vị, lấy theo số phiếu từ cao xuống thấp`}. Số phiếu đồng ý của từng đơn vị:`,
    ),
    resultTable(view),
    ...tieNotes(view),
    heading('III. KẾT LUẬN'),
    elected.length
      ? bodyText(`Các đơn vị được suy tôn: ${elected.map((r) => `${r.name} (${r.votes}/${t.base} phiếu, ${percentOf(r.votes, t.base)})`).join('; ')}.`)
      : bodyText('Không có đơn vị nào được suy tôn.'),
    // The closing line goes to the signatures' page with them, never leaving them alone on it.
    line('Biên bản được đọc lại trước Hội nghị và được các thành viên Ban kiểm phiếu thống nhất ký tên./.', { indent: true, keepNext: true }),
  ];
  return officialDocument({
    heading: { ...view.heading, numberSymbol: `      /BB-${groupKindWords(view.groupKind).abbr}` },
    title: 'BIÊN BẢN KIỂM PHIẾU',
    subtitle: `Suy tôn đơn vị dẫn đầu phong trào thi đua năm ${view.year} - ${view.groupName}`,
    body,
    signature: countingSigners(view),
    description: `Biên bản kiểm phiếu suy tôn năm ${view.year}`,
  });
}

/** BIÊN BẢN HỘI NGHỊ tổng kết: time, place, chair, delegates by unit, content and the suy tôn result. */
export function conferenceMinutesDocument(view: AcclamationView): Document {
  checked(view);
  const t = view.tally;
  const kind = groupKindWords(view.groupKind);
  const elected = t.rows.filter((r) => r.elected);
  const body: FileChild[] = [
    heading('I. THỜI GIAN, ĐỊA ĐIỂM'),
    bodyText(`Vào hồi ${hm(view.startTime)}, ngày ${formatDateVi(view.date)}, tại ${view.venue}, ${view.groupName} tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm ${view.year}.`),
    heading('II. THÀNH PHẦN'),
    bodyText(`- Chủ trì: ${view.chair.name}, ${view.chair.position}, Trưởng ${kind.kind}.`),
    bodyText(`- Thư ký: ${view.secretary.name}, ${view.secretary.position}.`),
    bodyText(`- Đại biểu của ${count2(view.attendees.length)}/${count2(view.count.members)} đơn vị thành viên:`),
    dataTable(
      [
        { title: 'STT', weight: 7, align: 'center' },
        { title: 'Đơn vị', weight: 45 },
        { title: 'Đại biểu', weight: 48 },
      ],
      view.attendees.map((a, i) => [String(i + 1), a.unit, a.delegates.join('\n')]),
    ),
    ...(view.absentUnits.length ? [line(`- Đơn vị vắng mặt: ${view.absentUnits.join('; ')}.`, { indent: true, before: 120 })] : []),
    heading('III. NỘI DUNG'),
    ...view.content.map((c) => bodyText(c)),
    bodyText(
      `Hội nghị tiến hành ${view.rules.secretBallot ? 'bỏ phiếu kín' : 'bỏ phiếu'} ${purpose(view)}. Đơn vị được suy tôn phải đạt ${thresholdText(view)}. Kết quả kiểm phiếu (${count2(view.count.voters)} phiếu thu về, ${count2(t.valid)} phiếu hợp lệ):`,
    ),
    resultTable(view),
    ...tieNotes(view),
    heading('IV. KẾT QUẢ'),
    elected.length
      ? bodyText(`Hội nghị thống nhất suy tôn ${count2(elected.length)} đơn vị dẫn đầu phong trào thi đua năm ${view.year}, đề nghị tặng ${view.award}: ${elected.map((r) => r.name).join('; ')}.`)
      : bodyText(`Không có đơn vị nào đạt tỷ lệ phiếu để được suy tôn.`),
    line(`Hội nghị kết thúc vào hồi ${hm(view.endTime)} cùng ngày. Biên bản đã được đọc lại và thông qua tại Hội nghị./.`, { indent: true, keepNext: true }),
  ];
  return officialDocument({
    heading: { ...view.heading, numberSymbol: `      /BB-${kind.abbr}` },
    title: 'BIÊN BẢN',
    subtitle: `Hội nghị tổng kết công tác thi đua, khen thưởng năm ${view.year} - ${view.groupName}`,
    body,
    signature: [
      { title: 'THƯ KÝ', note: '(Ký, ghi rõ họ tên)', name: view.secretary.name },
      { title: 'CHỦ TRÌ HỘI NGHỊ', note: '(Ký, ghi rõ họ tên)', name: view.chair.name },
    ],
    description: `Biên bản Hội nghị tổng kết năm ${view.year}`,
  });
}

/** DANH SÁCH đơn vị được suy tôn, signed by the group's leader, for the Ministry's council. */
export function acclamationListDocument(view: AcclamationView): Document {
  checked(view);
  const t = view.tally;
  const kind = groupKindWords(view.groupKind);
  const elected = t.rows.filter((r) => r.elected);
  const body: FileChild[] = [
    line(`(Kèm theo Biên bản kiểm phiếu ngày ${formatDateVi(view.date)} của ${view.groupName})`, { italics: true, align: AlignmentType.CENTER, after: 240 }),
    ...(elected.length
      ? [
          dataTable(
            [
              { title: 'STT', weight: 6, align: 'center' },
              { title: 'Đơn vị', weight: 40 },
              { title: 'Số phiếu đồng ý', weight: 14, align: 'center' },
              { title: 'Tỷ lệ', weight: 12, align: 'center' },
              { title: 'Đề nghị', weight: 28 },
            ],
            elected.map((r, i) => [String(i + 1), r.name, `${r.votes}/${t.base}`, percentOf(r.votes, t.base), view.award]),
          ),
        ]
      : [bodyText('Không có đơn vị nào được suy tôn.')]),
    line(`Tổng cộng: ${count2(elected.length)} đơn vị.`, { italics: true, before: 120 }),
  ];
  const signature: Signature = { recipients: view.recipients, authority: `TRƯỞNG ${kind.kind.toUpperCase()}`, title: view.leader.title, name: view.leader.name };
  return officialDocument({
    heading: { ...view.heading, numberSymbol: `      /DS-${kind.abbr}` },
    title: 'DANH SÁCH',
    subtitle: `Đơn vị được suy tôn dẫn đầu phong trào thi đua năm ${view.year} - ${view.groupName}`,
    body,
    signature,
    description: `Danh sách đơn vị được suy tôn năm ${view.year}`,
  });
}
