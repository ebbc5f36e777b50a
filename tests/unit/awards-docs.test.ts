import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Document } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentShare, tallyAcclamation, tallyCouncil, type AcclamationRules, type CouncilMember } from '../../electron/services/awards/votes';
import { acclamationBallotDocument, acclamationCountDocument, acclamationListDocument, conferenceMinutesDocument, type AcclamationView } from '../../electron/services/documents/acclamation-docs';
import { achievementReportDocument, type CollectiveReportView, type IndividualReportView } from '../../electron/services/documents/achievement-report-doc';
import { awardListDocument, type AwardListView } from '../../electron/services/documents/award-list-doc';
import { awardProposalDocument, type AwardProposalView } from '../../electron/services/documents/award-proposal-doc';
import { councilMinutesDocument, type CouncilMinutesView } from '../../electron/services/documents/council-minutes-doc';
import { writeDocx } from '../../electron/services/documents/write';
import { documentText, parseDocx } from '../helpers/docx';

const UNIT = { parentName: 'Ủy ban nhân dân tỉnh Tuyên Quang', unitName: 'Sở Tư pháp tỉnh Tuyên Quang', place: 'Tuyên Quang' };
const SIGNER = { recipients: ['Như trên', 'Giám đốc Sở (để b/c)', 'Lưu: VT, VP'], authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Lê Văn Tâm' };

const proposal: AwardProposalView = {
  heading: { ...UNIT, numberSymbol: '125/TTr-STP', date: '2025-12-05' },
  form: 'Mẫu số 01',
  grantedBy: 'Bộ trưởng Bộ Tư pháp',
  addressees: ['Bộ trưởng Bộ Tư pháp', 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp'],
  grounds: [
    'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
    'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ',
    'Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng Sở Tư pháp ngày 10/12/2025',
  ],
  year: 2025,
  achievement: 'có thành tích xuất sắc trong thực hiện nhiệm vụ công tác năm 2025',
  items: [
    { award: 'Bằng khen của Bộ trưởng Bộ Tư pháp', collectives: 2, individuals: 5 },
    { award: 'Chiến sĩ thi đua Bộ Tư pháp', collectives: 0, individuals: 1 },
  ],
  signature: SIGNER,
};

const longSummary =
  'Tham mưu ban hành 12 văn bản quy phạm pháp luật đúng hạn; thẩm định 100 % dự thảo trong thời hạn; chủ trì tổ chức 45 hội nghị phổ biến, giáo dục pháp luật cho hơn 6.000 lượt người; sáng kiến "Số hóa hồ sơ hộ tịch" được công nhận và áp dụng toàn tỉnh.';
const list: AwardListView = {
  heading: { ...UNIT, numberSymbol: null, date: '2025-12-05' },
  attachedTo: 'Tờ trình số 125/TTr-STP ngày 05/12/2025 của Sở Tư pháp tỉnh Tuyên Quang',
  year: 2025,
  lastColumn: 'achievement',
  groups: [
    {
      award: 'Bằng khen của Bộ trưởng Bộ Tư pháp',
      collectives: [
        { name: 'Phòng Hành chính tư pháp', position: '', unit: 'Sở Tư pháp tỉnh Tuyên Quang', summary: 'Hoàn thành xuất sắc nhiệm vụ hai năm liên tục (2024, 2025).' },
        { name: 'Phòng Phổ biến, giáo dục pháp luật', position: '', unit: 'Sở Tư pháp tỉnh Tuyên Quang', summary: longSummary },
      ],
      individuals: [
        { name: 'Nguyễn Thị Hương', position: 'Trưởng phòng', unit: 'Phòng Hành chính tư pháp', summary: longSummary },
        { name: 'Đặng Văn Bình', position: 'Chuyên viên', unit: 'Văn phòng Sở', summary: 'Hai năm liên tục hoàn thành xuất sắc nhiệm vụ.' },
      ],
    },
    { award: 'Chiến sĩ thi đua Bộ Tư pháp', collectives: [], individuals: [{ name: 'Trần Quốc Khánh', position: 'Phó Giám đốc', unit: 'Sở Tư pháp tỉnh Tuyên Quang', summary: 'Ba năm liên tục Chiến sĩ thi đua cơ sở.' }] },
  ],
  signer: { title: 'GIÁM ĐỐC', note: '(Ký, đóng dấu)', name: 'Hoàng Văn Minh' },
};

const COUNCIL: CouncilMember[] = [
  { name: 'Hoàng Văn Minh', role: 'Chủ tịch', present: true, votedInWriting: false },
  { name: 'Lê Văn Tâm', role: 'Phó Chủ tịch', present: true, votedInWriting: false },
  ...['Phạm Thu Hà', 'Vũ Đức Long', 'Ngô Thị Lan', 'Đỗ Minh Tuấn', 'Bùi Thị Mai', 'Lý Văn Sơn'].map((name) => ({ name, role: 'Ủy viên', present: true, votedInWriting: false })),
  { name: 'Triệu Thị Nga', role: 'Ủy viên', present: false, votedInWriting: true },
  { name: 'Ma Văn Hùng', role: 'Ủy viên', present: false, votedInWriting: false },
];
const EIGHTY = percentShare(80);
const councilTally = tallyCouncil(COUNCIL, { numerator: 2, denominator: 3 }, [
  // Exactly at the threshold: 8 of 10 is 80 %.
  { nominee: 'Nguyễn Thị Hương', award: 'Chiến sĩ thi đua cơ sở', threshold: EIGHTY, yes: 8 },
  { nominee: 'Đặng Văn Bình', award: 'Chiến sĩ thi đua cơ sở', threshold: EIGHTY, yes: 7 },
  { nominee: 'Trần Quốc Khánh', award: 'Chiến sĩ thi đua Bộ Tư pháp', threshold: percentShare(90), yes: 9 },
]);
const minutes: CouncilMinutesView = {
  heading: { ...UNIT, numberSymbol: '      /BB-HĐTĐKT', date: '2025-12-10' },
  councilName: 'Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Tuyên Quang',
  year: 2025,
  date: '2025-12-10',
  startTime: '08:00',
  endTime: '11:30',
  venue: 'Phòng họp tầng 2, Sở Tư pháp tỉnh Tuyên Quang',
  chair: { name: 'Hoàng Văn Minh', position: 'Giám đốc Sở' },
  secretary: { name: 'Phạm Thu Hà', position: 'Chánh Văn phòng Sở' },
  members: COUNCIL,
  content: ['Hội đồng nghe Văn phòng Sở báo cáo kết quả bình xét thi đua của các phòng, đơn vị và danh sách tập thể, cá nhân đủ điều kiện đề nghị khen thưởng năm 2025.'],
  method: 'bỏ phiếu kín',
  tally: councilTally,
};

const honours = {
  titles: [
    { year: 2024, name: 'Chiến sĩ thi đua cơ sở', decision: 'Quyết định số 45/QĐ-STP ngày 20/12/2024 của Giám đốc Sở Tư pháp tỉnh Tuyên Quang' },
    { year: 2023, name: 'Lao động tiên tiến', decision: 'Quyết định số 38/QĐ-STP ngày 22/12/2023 của Giám đốc Sở Tư pháp tỉnh Tuyên Quang' },
  ],
  awards: [{ year: 2023, name: 'Giấy khen của Giám đốc Sở', decision: 'Quyết định số 39/QĐ-STP ngày 22/12/2023 của Giám đốc Sở Tư pháp tỉnh Tuyên Quang' }],
};
const individualReport: IndividualReportView = {
  kind: 'individual',
  form: 'Mẫu số 05',
  award: 'Bằng khen của Bộ trưởng Bộ Tư pháp',
  period: 'năm 2024 và năm 2025',
  place: 'Tuyên Quang',
  date: '',
  person: {
    fullName: 'Nguyễn Thị Hương',
    birthDate: '1985-03-07',
    gender: 'nu',
    hometown: 'Xã Tân Trào, tỉnh Tuyên Quang',
    residence: 'Phường Minh Xuân, tỉnh Tuyên Quang',
    unit: 'Phòng Hành chính tư pháp, Sở Tư pháp tỉnh Tuyên Quang',
    position: 'Trưởng phòng',
    qualification: 'Cử nhân Luật',
    academic: 'Thạc sĩ Luật',
  },
  duties: ['Phụ trách công tác hộ tịch, quốc tịch, chứng thực, lý lịch tư pháp của Sở; tham mưu Giám đốc Sở quản lý nhà nước về hành chính tư pháp trên địa bàn tỉnh.'],
  achievements: {
    paragraphs: ['Chủ trì số hóa 1,2 triệu trang sổ hộ tịch, hoàn thành trước thời hạn 6 tháng.', 'Sáng kiến "Số hóa hồ sơ hộ tịch" được công nhận theo Quyết định số 12/QĐ-HĐSK ngày 15/11/2025.'],
    tables: [{ caption: 'Kết quả giải quyết hồ sơ', columns: ['Năm', 'Hồ sơ tiếp nhận', 'Giải quyết đúng hạn', 'Tỷ lệ'], rows: [['2024', '3.450', '3.450', '100 %'], ['2025', '3.912', '3.905', '99,8 %']] }],
  },
  ...honours,
  head: { name: 'Hoàng Văn Minh' },
};
const collectiveReport: CollectiveReportView = {
  kind: 'collective',
  form: null,
  award: 'Bằng khen của Bộ trưởng Bộ Tư pháp',
  period: 'năm 2024 và năm 2025',
  place: 'Tuyên Quang',
  date: '2025-12-01',
  heading: { parentName: 'Sở Tư pháp tỉnh Tuyên Quang', unitName: 'Phòng Hành chính tư pháp', numberSymbol: null },
  collectiveName: 'Phòng Hành chính tư pháp, Sở Tư pháp tỉnh Tuyên Quang',
  situation: {
    characteristics: ['Trụ sở: số 1 đường Tân Trào, phường Minh Xuân, tỉnh Tuyên Quang; 06 công chức.'],
    functions: ['Tham mưu Giám đốc Sở quản lý nhà nước về hộ tịch, quốc tịch, chứng thực, lý lịch tư pháp, nuôi con nuôi.'],
    organisation: ['01 Trưởng phòng, 01 Phó Trưởng phòng và 04 công chức chuyên môn.'],
  },
  achievements: { paragraphs: ['Hoàn thành xuất sắc 100 % nhiệm vụ được giao trong hai năm liên tục.'], tables: [] },
  ...honours,
  head: { title: 'TRƯỞNG PHÒNG', name: 'Nguyễn Thị Hương' },
  confirmation: { title: 'Xác nhận của cấp trình khen thưởng', statement: 'Sở Tư pháp tỉnh Tuyên Quang xác nhận nội dung báo cáo thành tích trên là đúng.', signerTitle: 'GIÁM ĐỐC SỞ TƯ PHÁP' },
};

const MEMBERS = ['Hà Giang', 'Tuyên Quang', 'Lào Cai', 'Yên Bái'];
const rules: AcclamationRules = { threshold: { numerator: 2, denominator: 3 }, base: 'members', seats: 2, tieBreak: 'higher_score', secretBallot: true };
const candidates = [
  { code: 'stp-hg', name: 'Sở Tư pháp tỉnh Hà Giang', score: 190 },
  { code: 'stp-tq', name: 'Sở Tư pháp tỉnh Tuyên Quang', score: 185.5 },
  { code: 'stp-lc', name: 'Sở Tư pháp tỉnh Lào Cai', score: 180 },
  { code: 'thads-yb', name: 'Thi hành án dân sự tỉnh Yên Bái', score: 170 },
];
const count = { members: 14, voters: 13, invalid: 1, votes: { 'stp-hg': 12, 'stp-tq': 11, 'stp-lc': 11, 'thads-yb': 6 } };
const acclamation: AcclamationView = {
  heading: { ...UNIT, date: '2026-01-15' },
  groupName: 'Khu vực thi đua số 1',
  groupKind: 'khu_vuc',
  year: 2025,
  award: 'Cờ thi đua của Bộ Tư pháp',
  date: '2026-01-15',
  startTime: '08:00',
  endTime: '11:00',
  venue: 'Hội trường Sở Tư pháp tỉnh Tuyên Quang',
  chair: { name: 'Hoàng Văn Minh', position: 'Giám đốc Sở Tư pháp tỉnh Tuyên Quang' },
  secretary: { name: 'Phạm Thu Hà', position: 'Chánh Văn phòng Sở Tư pháp tỉnh Tuyên Quang' },
  attendees: MEMBERS.map((p, i) => ({ unit: `Sở Tư pháp tỉnh ${p}`, delegates: [`Đại biểu ${i + 1}A, Giám đốc`, `Đại biểu ${i + 1}B, Chánh Văn phòng`] })),
  absentUnits: ['Thi hành án dân sự tỉnh Cao Bằng'],
  content: ['Hội nghị nghe báo cáo tổng kết công tác thi đua, khen thưởng năm 2025 của Khu vực thi đua số 1 và kết quả chấm điểm, xếp hạng các đơn vị thành viên.'],
  countingBoard: [
    { name: 'Vũ Đức Long', unit: 'Sở Tư pháp tỉnh Hà Giang', role: 'Trưởng ban' },
    { name: 'Ngô Thị Lan', unit: 'Sở Tư pháp tỉnh Lào Cai', role: 'Thành viên' },
    { name: 'Đỗ Minh Tuấn', unit: 'Thi hành án dân sự tỉnh Yên Bái', role: 'Thành viên' },
  ],
  rules,
  count,
  tally: tallyAcclamation(candidates, count, rules),
  leader: { title: 'Giám đốc Sở Tư pháp', name: 'Hoàng Văn Minh' },
  recipients: ['Vụ Thi đua - Khen thưởng, Bộ Tư pháp', 'Các đơn vị thành viên', 'Lưu: VT'],
};

const docs: Record<string, () => Document> = {
  'to-trinh': () => awardProposalDocument(proposal),
  'danh-sach-de-nghi': () => awardListDocument(list),
  'bien-ban-hoi-dong': () => councilMinutesDocument(minutes),
  'bao-cao-ca-nhan': () => achievementReportDocument(individualReport),
  'bao-cao-tap-the': () => achievementReportDocument(collectiveReport),
  'phieu-suy-ton': () => acclamationBallotDocument(acclamation),
  'bien-ban-kiem-phieu': () => acclamationCountDocument(acclamation),
  'bien-ban-hoi-nghi': () => conferenceMinutesDocument(acclamation),
  'danh-sach-suy-ton': () => acclamationListDocument(acclamation),
  // Short notes in the last column keep the page upright; an open ballot asks who votes.
  'danh-sach-ghi-chu': () => awardListDocument({ ...list, lastColumn: 'note', groups: list.groups.map((g) => ({ ...g, collectives: g.collectives.map((c) => ({ ...c, summary: 'Đề nghị lần đầu.' })), individuals: g.individuals.map((c) => ({ ...c, summary: '' })) })) }),
  'phieu-cong-khai': () => acclamationBallotDocument({ ...acclamation, rules: { ...rules, secretBallot: false } }),
};

// Made here, not with tempDir: the files outlive each test, for the conversion at the end.
let dir = '';
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
const texts = new Map<string, { text: string; xml: string }>();

beforeAll(async () => {
  dir = process.env.RENDER_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ho-so-khen-thuong-'));
  for (const [name, make] of Object.entries(docs)) {
    const file = path.join(dir, `${name}.docx`);
    await writeDocx(make(), file);
    const { errors, parts } = await parseDocx(file);
    expect(errors, name).toEqual([]);
    // A number keeps its per cent sign on its line (a no-break space); the assertions read it as a space.
    texts.set(name, { text: documentText(parts).replace(/\u00a0/g, ' '), xml: parts.get('word/document.xml')! });
  }
}, 60_000);

afterAll(() => {
  if (!process.env.RENDER_DIR) fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
});

const textOf = (name: string) => texts.get(name)!.text;

describe('Tờ trình đề nghị khen thưởng', () => {
  it('has the form number, the heading, the trích yếu, the addressees, the grounds, the counts per award and the signer', () => {
    const text = textOf('to-trinh');
    expect(text.startsWith('Mẫu số 01ỦY BAN NHÂN DÂNTỈNH TUYÊN QUANGSỞ TƯ PHÁPTỈNH TUYÊN QUANGSố: 125/TTr-STP')).toBe(true);
    expect(text).toContain('Tuyên Quang, ngày 05 tháng 12 năm 2025');
    expect(text).toContain('TỜ TRÌNHVề việc đề nghị tặng Bằng khen của Bộ trưởng Bộ Tư pháp và Chiến sĩ thi đua Bộ Tư pháp năm 2025');
    expect(text).toContain('Kính gửi:\t- Bộ trưởng Bộ Tư pháp;- Vụ Thi đua - Khen thưởng, Bộ Tư pháp.');
    expect(text).toContain('Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;');
    expect(text).toContain('Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng Sở Tư pháp ngày 10/12/2025,');
    expect(text).toContain('Sở Tư pháp tỉnh Tuyên Quang kính đề nghị Bộ trưởng Bộ Tư pháp xem xét, tặng Bằng khen của Bộ trưởng Bộ Tư pháp và Chiến sĩ thi đua Bộ Tư pháp cho 02 tập thể và 06 cá nhân');
    expect(text).toContain('- Bằng khen của Bộ trưởng Bộ Tư pháp: 02 tập thể và 05 cá nhân;- Chiến sĩ thi đua Bộ Tư pháp: 01 cá nhân.');
    expect(text).toContain('(Có danh sách và hồ sơ đề nghị khen thưởng kèm theo)');
    expect(text).toMatch(/Nơi nhận:- Như trên;- Giám đốc Sở \(để b\/c\);- Lưu: VT, VP\.KT\. GIÁM ĐỐCPHÓ GIÁM ĐỐCLê Văn Tâm$/);
  });

  it('refuses a letter proposing nobody', () => {
    expect(() => awardProposalDocument({ ...proposal, items: [{ award: 'Bằng khen', collectives: 0, individuals: 0 }] })).toThrow('Tờ trình chưa có tập thể, cá nhân nào được đề nghị khen thưởng.');
  });
});

describe('Danh sách đề nghị khen thưởng', () => {
  it('lists per award the collectives and the individuals apart, landscape for long summaries, signed by the head', () => {
    const { text, xml } = texts.get('danh-sach-de-nghi')!;
    expect(text).toContain('DANH SÁCHTập thể, cá nhân đề nghị khen thưởng năm 2025');
    expect(text).toContain('(Kèm theo Tờ trình số 125/TTr-STP ngày 05/12/2025 của Sở Tư pháp tỉnh Tuyên Quang)');
    expect(text).not.toContain('Số:');
    expect(text).toContain('I. BẰNG KHEN CỦA BỘ TRƯỞNG BỘ TƯ PHÁP1. Tập thể (02)STTTên tập thểThành tích tóm tắt1Phòng Hành chính tư pháp, Sở Tư pháp tỉnh Tuyên Quang');
    expect(text).toContain('2. Cá nhân (02)STTHọ và tênChức vụ, đơn vịThành tích tóm tắt1Nguyễn Thị HươngTrưởng phòng, Phòng Hành chính tư pháp');
    expect(text).toContain('II. CHIẾN SĨ THI ĐUA BỘ TƯ PHÁP1. Cá nhân (01)');
    expect(text).toContain('Tổng cộng: 02 tập thể và 03 cá nhân.');
    expect(text).toMatch(/GIÁM ĐỐC\(Ký, đóng dấu\)Hoàng Văn Minh$/);
    expect(xml).toContain('w:orient="landscape"');
    const short = texts.get('danh-sach-ghi-chu')!;
    expect(short.text).toContain('STTTên tập thểGhi chú1Phòng Hành chính tư pháp, Sở Tư pháp tỉnh Tuyên QuangĐề nghị lần đầu.');
    expect(short.xml).not.toContain('w:orient="landscape"');
  });
});

describe('Biên bản họp Hội đồng Thi đua – Khen thưởng', () => {
  it('records the members present, absent with and without a written vote, the quorum and each vote as tallyCouncil computed it', () => {
    const text = textOf('bien-ban-hoi-dong');
    expect(text).toContain('BIÊN BẢNHọp Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Tuyên Quang xét khen thưởng năm 2025');
    expect(text).toContain('Vào hồi 08 giờ 00 phút, ngày 10/12/2025, tại Phòng họp tầng 2');
    expect(text).toContain('- Chủ trì: Hoàng Văn Minh, Giám đốc Sở, Chủ tịch Hội đồng.');
    expect(text).toContain('- Tổng số thành viên Hội đồng: 10; có mặt: 8 (Hoàng Văn Minh (Chủ tịch); Lê Văn Tâm (Phó Chủ tịch);');
    expect(text).toContain('- Vắng mặt có phiếu gửi bằng văn bản: 1 (Triệu Thị Nga (Ủy viên)).');
    expect(text).toContain('- Vắng mặt không có phiếu: 1 (Ma Văn Hùng (Ủy viên)).');
    expect(text).toContain('Số thành viên có mặt 8/10, cần ít nhất 7 thành viên (2/3 tổng số thành viên): cuộc họp đủ điều kiện tiến hành.');
    expect(text).toContain('1. Chiến sĩ thi đua cơ sở- Nguyễn Thị Hương: 8/10 thành viên Hội đồng đồng ý (80 %); cần từ 80 % tổng số thành viên, tức ít nhất 8 phiếu: đạt.');
    expect(text).toContain('- Đặng Văn Bình: 7/10 thành viên Hội đồng đồng ý (70 %); cần từ 80 % tổng số thành viên, tức ít nhất 8 phiếu: không đạt.');
    expect(text).toContain('2. Chiến sĩ thi đua Bộ Tư pháp- Trần Quốc Khánh: 9/10 thành viên Hội đồng đồng ý (90 %); cần từ 90 % tổng số thành viên, tức ít nhất 9 phiếu: đạt.');
    // Those voted: Hương and Khánh, not Bình.
    expect(text).toContain('Hội đồng thống nhất đề nghị khen thưởng 2 trường hợp');
    expect(text).toContain('1Nguyễn Thị HươngChiến sĩ thi đua cơ sở8/1080 %2Trần Quốc KhánhChiến sĩ thi đua Bộ Tư pháp9/1090 %');
    expect(text.slice(text.indexOf('III. KẾT QUẢ'))).not.toContain('Đặng Văn Bình');
    expect(text).toMatch(/THƯ KÝ\(Ký, ghi rõ họ tên\)CHỦ TỊCH\(Ký, ghi rõ họ tên\)Phạm Thu HàHoàng Văn Minh$/);
    expect(texts.get('bien-ban-hoi-dong')!.xml).toContain('(80\u00a0%)');
  });

  it('refuses minutes whose counts are impossible', () => {
    const tally = tallyCouncil(COUNCIL, { numerator: 2, denominator: 3 }, [{ nominee: 'Nguyễn Thị Hương', award: 'Chiến sĩ thi đua cơ sở', threshold: EIGHTY, yes: 10 }]);
    expect(() => councilMinutesDocument({ ...minutes, tally })).toThrow('Không lập được biên bản: Nguyễn Thị Hương (Chiến sĩ thi đua cơ sở): 10 phiếu đồng ý, nhiều hơn 9 thành viên có phiếu');
  });
});

describe('Báo cáo thành tích', () => {
  it('the individual form: national heading alone, I. sơ lược lý lịch, II. thành tích, III. the titles and awards held, both signatures', () => {
    const { text, xml } = texts.get('bao-cao-ca-nhan')!;
    expect(text.startsWith('Mẫu số 05CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúcTuyên Quang, ngày … tháng … năm …')).toBe(true);
    expect(text).not.toContain('Số:');
    expect(text).toContain('BÁO CÁO THÀNH TÍCHĐỀ NGHỊ TẶNG BẰNG KHEN CỦA BỘ TRƯỞNG BỘ TƯ PHÁPThành tích năm 2024 và năm 2025');
    expect(text).toContain('I. SƠ LƯỢC LÝ LỊCH- Họ và tên: Nguyễn Thị Hương- Sinh ngày, tháng, năm: 07/03/1985\u2003\u2003Giới tính: Nữ- Quê quán: Xã Tân Trào, tỉnh Tuyên Quang');
    expect(text).toContain('- Trình độ chuyên môn, nghiệp vụ: Cử nhân Luật- Học hàm, học vị, danh hiệu, giải thưởng: Thạc sĩ Luật');
    expect(text).toContain('II. THÀNH TÍCH ĐẠT ĐƯỢC1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:Phụ trách công tác hộ tịch');
    expect(text).toContain('2. Thành tích đạt được của cá nhân:Chủ trì số hóa');
    expect(text).toContain('Kết quả giải quyết hồ sơNămHồ sơ tiếp nhậnGiải quyết đúng hạnTỷ lệ20243.4503.450100 %');
    // The years in order, whatever order they were given in.
    expect(text).toContain(
      'III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG1. Danh hiệu thi đua:NămDanh hiệu thi đuaSố, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định2023Lao động tiên tiếnQuyết định số 38/QĐ-STP',
    );
    expect(text).toContain('2. Hình thức khen thưởng:NămHình thức khen thưởngSố, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định2023Giấy khen của Giám đốc Sở');
    expect(text).toMatch(/THỦ TRƯỞNG ĐƠN VỊXÁC NHẬN, ĐỀ NGHỊ\(Ký, đóng dấu\)NGƯỜI BÁO CÁO THÀNH TÍCH\(Ký, ghi rõ họ và tên\)Hoàng Văn MinhNguyễn Thị Hương$/);
    expect(xml).not.toContain('Nơi nhận');
  });

  it('the collective form: its heading, I. đặc điểm, chức năng, cơ cấu, II., III., the head and the superior’s confirmation', () => {
    const text = textOf('bao-cao-tap-the');
    expect(text.startsWith('SỞ TƯ PHÁPTỈNH TUYÊN QUANGPHÒNG HÀNHCHÍNH TƯ PHÁPCỘNG HÒA')).toBe(true);
    expect(text).toContain('Tuyên Quang, ngày 01 tháng 12 năm 2025');
    expect(text).toContain('ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA BỘ TRƯỞNG BỘ TƯ PHÁPPhòng Hành chính tư pháp, Sở Tư pháp tỉnh Tuyên QuangThành tích năm 2024 và năm 2025');
    expect(text).toContain('I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH1. Đặc điểm, tình hình:Trụ sở');
    expect(text).toContain('2. Chức năng, nhiệm vụ:Tham mưu');
    expect(text).toContain('3. Cơ cấu tổ chức:01 Trưởng phòng');
    expect(text).toContain('II. THÀNH TÍCH ĐẠT ĐƯỢCHoàn thành xuất sắc');
    expect(text).toContain('III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG');
    expect(text).toMatch(/TRƯỞNG PHÒNG\(Ký, đóng dấu\)Nguyễn Thị HươngXÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNGSở Tư pháp tỉnh Tuyên Quang xác nhận nội dung báo cáo thành tích trên là đúng\.GIÁM ĐỐC SỞ TƯ PHÁP\(Ký, ghi rõ họ tên và đóng dấu\)$/);
    expect(text).not.toContain('Mẫu số');
  });
});

describe('Suy tôn at the year-end conference', () => {
  it('the ballot: candidates in Vietnamese order with boxes for and against, instructions, no voter when secret', () => {
    const text = textOf('phieu-suy-ton');
    expect(text).toContain('PHIẾU SUY TÔNĐơn vị dẫn đầu phong trào thi đua năm 2025 - Khu vực thi đua số 1(Đề nghị tặng Cờ thi đua của Bộ Tư pháp)');
    expect(text).toContain('STTĐơn vịĐồng ýKhông đồng ý1Sở Tư pháp tỉnh Hà Giang2Sở Tư pháp tỉnh Lào Cai3Sở Tư pháp tỉnh Tuyên Quang4Thi hành án dân sự tỉnh Yên Bái');
    expect(text).toContain('- Mỗi phiếu đồng ý không quá 02 đơn vị');
    expect(text).toContain('không ghi tên người, tên đơn vị bỏ phiếu');
    expect(text).not.toContain('Đơn vị bỏ phiếu:');
    expect(text).not.toContain('Số:');
    const open = textOf('phieu-cong-khai');
    expect(open).toContain('Đơn vị bỏ phiếu: ……');
    expect(open).not.toContain('Bỏ phiếu kín');
  });

  it('the vote count: the board, the ballots, the votes and shares, the threshold, the tie parted by score, the result', () => {
    const text = textOf('bien-ban-kiem-phieu');
    expect(text).toContain('BIÊN BẢN KIỂM PHIẾUSuy tôn đơn vị dẫn đầu phong trào thi đua năm 2025 - Khu vực thi đua số 1');
    expect(text).toContain('Số:       /BB-KVTĐ');
    expect(text).toContain('I. BAN KIỂM PHIẾU- Vũ Đức Long, Sở Tư pháp tỉnh Hà Giang: Trưởng ban;');
    expect(text).toContain('- Số đơn vị thành viên: 14;- Số phiếu phát ra: 13; số phiếu thu về: 13;- Số phiếu hợp lệ: 12; số phiếu không hợp lệ: 01.');
    expect(text).toContain('Đơn vị được suy tôn phải đạt từ 2/3 tổng số đơn vị thành viên (14 đơn vị) trở lên, tức ít nhất 10 phiếu đồng ý; Khu vực thi đua số 1 được suy tôn không quá 02 đơn vị');
    expect(text).toContain(
      'STTĐơn vịSố phiếu đồng ýTỷ lệ (trên 14)Kết quả1Sở Tư pháp tỉnh Hà Giang1285,71 %Được suy tôn2Sở Tư pháp tỉnh Tuyên Quang1178,57 %Được suy tôn3Sở Tư pháp tỉnh Lào Cai1178,57 %Đạt tỷ lệ, ngoài số lượng4Thi hành án dân sự tỉnh Yên Bái642,86 %Không đạt',
    );
    expect(text).toContain('- Sở Tư pháp tỉnh Lào Cai: Bằng số phiếu với Sở Tư pháp tỉnh Tuyên Quang; xếp sau vì tổng điểm chấm thi đua thấp hơn.');
    expect(text).toContain('Các đơn vị được suy tôn: Sở Tư pháp tỉnh Hà Giang (12/14 phiếu, 85,71 %); Sở Tư pháp tỉnh Tuyên Quang (11/14 phiếu, 78,57 %).');
    // Three signers in a row, the head of the board on the right.
    expect(text).toMatch(/THÀNH VIÊN\(Ký, ghi rõ họ tên\)THÀNH VIÊN\(Ký, ghi rõ họ tên\)TRƯỞNG BAN\(Ký, ghi rõ họ tên\)Ngô Thị LanĐỗ Minh TuấnVũ Đức Long$/);
  });

  it('the conference minutes: time, place, chair, delegates by unit, content and the result', () => {
    const text = textOf('bien-ban-hoi-nghi');
    expect(text).toContain('BIÊN BẢNHội nghị tổng kết công tác thi đua, khen thưởng năm 2025 - Khu vực thi đua số 1');
    expect(text).toContain('Vào hồi 08 giờ 00 phút, ngày 15/01/2026, tại Hội trường Sở Tư pháp tỉnh Tuyên Quang');
    expect(text).toContain('- Chủ trì: Hoàng Văn Minh, Giám đốc Sở Tư pháp tỉnh Tuyên Quang, Trưởng Khu vực thi đua.');
    expect(text).toContain('- Đại biểu của 04/14 đơn vị thành viên:STTĐơn vịĐại biểu1Sở Tư pháp tỉnh Hà GiangĐại biểu 1A, Giám đốcĐại biểu 1B, Chánh Văn phòng');
    expect(text).toContain('- Đơn vị vắng mặt: Thi hành án dân sự tỉnh Cao Bằng.');
    expect(text).toContain('Hội nghị tiến hành bỏ phiếu kín suy tôn đơn vị dẫn đầu phong trào thi đua năm 2025 của Khu vực thi đua số 1');
    expect(text).toContain('Hội nghị thống nhất suy tôn 02 đơn vị dẫn đầu phong trào thi đua năm 2025, đề nghị tặng Cờ thi đua của Bộ Tư pháp: Sở Tư pháp tỉnh Hà Giang; Sở Tư pháp tỉnh Tuyên Quang.');
    expect(text).toMatch(/THƯ KÝ\(Ký, ghi rõ họ tên\)CHỦ TRÌ HỘI NGHỊ\(Ký, ghi rõ họ tên\)Phạm Thu HàHoàng Văn Minh$/);
  });

  it('the list of units voted, signed by the leader with its recipients', () => {
    const text = textOf('danh-sach-suy-ton');
    expect(text).toContain('DANH SÁCHĐơn vị được suy tôn dẫn đầu phong trào thi đua năm 2025 - Khu vực thi đua số 1');
    expect(text).toContain('1Sở Tư pháp tỉnh Hà Giang12/1485,71 %Cờ thi đua của Bộ Tư pháp2Sở Tư pháp tỉnh Tuyên Quang11/1478,57 %Cờ thi đua của Bộ Tư pháp');
    expect(text).not.toContain('Lào Cai');
    expect(text).toContain('Tổng cộng: 02 đơn vị.');
    expect(text).toMatch(/Nơi nhận:- Vụ Thi đua - Khen thưởng, Bộ Tư pháp;- Các đơn vị thành viên;- Lưu: VT\.TRƯỞNG KHU VỰC THI ĐUAGIÁM ĐỐC SỞ TƯ PHÁPHoàng Văn Minh$/);
  });

  it('refuses papers for an impossible count', () => {
    const bad = { ...count, votes: { ...count.votes, 'stp-hg': 13 } };
    expect(() => acclamationCountDocument({ ...acclamation, tally: tallyAcclamation(candidates, bad, rules) })).toThrow('Không lập được văn bản suy tôn: Sở Tư pháp tỉnh Hà Giang được 13 phiếu, nhiều hơn 12 phiếu hợp lệ.');
  });
});

describe('every paper opens in LibreOffice', () => {
  it('converts to PDF with the expected number of pages', () => {
    const files = Object.keys(docs).map((n) => path.join(dir, `${n}.docx`));
    // One call for all: LibreOffice starts slowly. Its own profile, so a running instance does not swallow the job.
    execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'ignore', timeout: 240_000 });
    const pages = Object.fromEntries(
      Object.keys(docs).map((n) => {
        const pdf = path.join(dir, `${n}.pdf`);
        expect(fs.existsSync(pdf), n).toBe(true);
        return [n, Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])];
      }),
    );
    // A ballot and a short letter on one page; the rest run onto a second.
    expect(pages).toEqual({
      'to-trinh': 1,
      'danh-sach-de-nghi': 2,
      'danh-sach-ghi-chu': 1,
      'bien-ban-hoi-dong': 2,
      'bao-cao-ca-nhan': 2,
      'bao-cao-tap-the': 2,
      'phieu-suy-ton': 1,
      'phieu-cong-khai': 1,
      'bien-ban-kiem-phieu': 2,
      'bien-ban-hoi-nghi': 2,
      'danh-sach-suy-ton': 1,
    });
  }, 300_000);
});
