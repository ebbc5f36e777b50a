import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { readPlanText, type PlanReading, type ProposedMilestone } from '../../electron/services/groups-calendar/plan-reader';
import { PLAN_FILE_LIMITS, readPlanFile } from '../../electron/services/groups-calendar/plan-reader-file';
import { milestoneSchema, phaseSchema, planEventSchema } from '../../electron/services/groups-calendar/plan-schemas';
import { planTemplate } from '../../electron/services/groups-calendar/template';
import { UserError } from '../../electron/services/errors';
import { tempDir } from '../helpers/units';
import { writeRawZip } from '../helpers/zip';

const SEEDS = path.resolve(import.meta.dirname, '../../../shared/seeds');
const seed = (prefix: string) => fs.readFileSync(path.join(SEEDS, fs.readdirSync(SEEDS).find((f) => f.startsWith(prefix))!), 'utf8');
const hasSeeds = fs.existsSync(SEEDS);

/** One line per milestone: section, deadline or rule, route, deliverable (and what the deputy gathers). */
function line(m: ProposedMilestone): string {
  const d = m.deadline;
  const rule = !d ? 'không có hạn' : d.type === 'date' ? d.date : `${d.days} ngày ${d.type === 'after_event' ? 'sau' : 'trước'} ${d.event}`;
  return `${m.section} | ${rule} | ${m.from} → ${m.to.join('+')} | ${m.deliverable}${m.gathers ? `/${m.gathers}` : ''}`;
}

/** A plan of one year holding `lines` under a registration heading. */
function plan(lines: string[], year = 2022): PlanReading {
  return readPlanText(['KẾ HOẠCH', `Hoạt động của Cụm thi đua số I năm ${year}`, 'II. NỘI DUNG', '1. Tổ chức đăng ký thi đua', ...lines].join('\n\n'));
}
const one = (sentence: string, year = 2022) => {
  const r = plan([`- ${sentence}`], year);
  expect(r.milestones, sentence).toHaveLength(1);
  return r.milestones[0]!;
};

/** Proposals without problems are what the plan record accepts as they are. */
function expectAcceptable(r: PlanReading) {
  for (const { sentence: _s, problems, ...m } of r.milestones) if (!problems.length) expect(milestoneSchema.safeParse(m).error?.issues ?? []).toEqual([]);
  for (const { sentence: _s, problems, ...p } of r.phases) if (!problems.length) expect(phaseSchema.safeParse(p).error?.issues ?? []).toEqual([]);
  for (const { sentence: _s, ...e } of r.events) expect(planEventSchema.safeParse(e).error?.issues ?? []).toEqual([]);
}

const SEED_000 = [
  'registration | 2022-02-10 | member → deputy+leader+ministry | registration',
  'registration | 2022-02-15 | deputy → leader | consolidated/thads',
  'registration | 2022-02-28 | leader → ministry | document',
  'kickoff | 2022-02-10 | leader → member | kickoff',
  'kickoff | 2022-02-15 | member → leader | plan_comments',
  'kickoff | 2022-02-28 | leader → ministry | document',
  'mid_year | 2022-05-31 | member → deputy+leader | mid_year_report',
  'mid_year | 2022-06-05 | deputy → leader | consolidated/thads',
  'mid_year | 2022-06-15 | leader → ministry | document',
  'inspection | 15 ngày trước inspection-start | leader → member | document',
  'inspection | không có hạn | member → deputy+leader | inspection_report',
  'inspection | 2 ngày sau inspection-end | inspection_team → deputy+leader | document',
  'inspection | 5 ngày sau inspection-end | deputy → leader | consolidated/thads',
  'inspection | 10 ngày sau inspection-end | leader → ministry | document',
  'year_end | 2022-10-31 | leader → member+ministry | document',
  'year_end | 2022-11-05 | member → deputy+leader | year_end_report',
  'year_end | 2022-11-05 | member → deputy+leader | dossier',
  'year_end | 2022-11-10 | deputy → leader | consolidated/thads',
  'year_end | 2022-11-30 | leader → ministry | document',
  'year_end | 5 ngày sau conference-end | leader → ministry | dossier',
];

describe.runIf(hasSeeds)('plan reader: the seeds', () => {
  it('seed 000 (a group activity plan): every dated step, with its date or rule, sender, receivers and what is sent', () => {
    const text = seed('000');
    const r = readPlanText(text);
    expect(r.year).toBe(2022);
    expect(r.title).toMatch(/^Hoạt động của Khu vực thi đua .* năm 2022$/);
    expect(r.milestones.map(line)).toEqual(SEED_000);
    expect(r.phases).toEqual([]);
    // "Việc tổng kết … hoàn thành trước ngày 30/11/2022" sends nothing: it is when the conference is expected.
    expect(r.events.map((e) => [e.key, e.title, e.date, e.expected])).toEqual([
      ['inspection-start', 'Tiến hành kiểm tra', null, 'Tháng 09/2022'],
      ['inspection-end', 'Kết thúc kiểm tra', null, 'Tháng 09/2022'],
      ['conference-end', 'Kết thúc Hội nghị tổng kết thi đua của Khu vực thi đua', null, 'Hoàn thành trước ngày 30/11/2022'],
    ]);
    // The one step the plan gives no deadline ("theo … thời gian trong Kế hoạch kiểm tra") says so; no other has a problem.
    expect(r.milestones.filter((m) => m.problems.length).map((m) => [m.sentence, m.problems])).toEqual([
      [
        'Giám đốc Sở Tư pháp, Cục trưởng Cục Thi hành án dân sự thành viên Khu vực thi đua có trách nhiệm chuẩn bị báo cáo bằng văn bản gửi Trưởng, Phó Trưởng Khu vực thi đua theo nội dung, thời gian trong Kế hoạch kiểm tra; chuẩn bị các điều kiện phục vụ công tác kiểm tra theo Kế hoạch kiểm tra.',
        ['Kế hoạch không ghi hạn cho việc gửi này: hãy nhập hạn (một ngày, hoặc số ngày trước hay sau một sự kiện) hoặc bỏ.'],
      ],
    ]);
    expect(r.problems).toEqual([]);
    expect(new Set(r.milestones.map((m) => m.key)).size).toBe(r.milestones.length);
    expectAcceptable(r);
    // Each sentence is the plan's own words (bold markers aside).
    const flat = text.replace(/\*/g, '').replace(/\s+/g, ' ');
    for (const m of r.milestones) expect(flat).toContain(m.sentence);
  });

  it('seed 000 reads as the template’s plan for 2022: the same keys, routes, deliverables, deadlines and events', () => {
    const r = readPlanText(seed('000'));
    const t = planTemplate(2022);
    expect(r.milestones.map((m) => m.key)).toEqual(t.milestones.map((m) => m.key));
    for (const m of t.milestones) {
      const p = r.milestones.find((x) => x.key === m.key)!;
      expect([p.section, p.from, [...p.to].sort(), p.deliverable, p.gathers], m.key).toEqual([m.section, m.from, [...m.to].sort(), m.deliverable, m.gathers]);
      // The template dates the members' report for the inspection "when it starts"; the plan itself gives no deadline.
      expect(p.deadline, m.key).toEqual(m.key === 'inspection-self-report' ? null : m.deadline);
    }
    expect(r.events.map((e) => [e.key, e.expected])).toEqual(t.events.map((e) => [e.key, e.expected]));
  });

  it('seed 000: titles read as the plan writes what is sent', () => {
    const titles = readPlanText(seed('000')).milestones.map((m) => m.title);
    expect(titles[0]).toBe('Đăng ký thi đua năm 2022 của cơ quan, đơn vị mình');
    expect(titles[3]).toBe('Dự thảo Kế hoạch phát động phong trào thi đua của Khu vực thi đua năm 2022');
    expect(titles[6]).toBe('Báo cáo đánh giá kết quả phong trào thi đua 06 tháng đầu năm 2022, phương hướng nhiệm vụ phong trào thi đua 06 tháng cuối năm 2022');
    expect(titles[9]).toBe('Kế hoạch kiểm tra');
    expect(titles[10]).toBe('Báo cáo bằng văn bản');
    expect(titles[15]).toBe('Báo cáo đánh giá kết quả phong trào thi đua năm 2022, phương hướng nhiệm vụ phong trào thi đua năm 2023');
    expect(titles[16]).toBe('Hồ sơ đề nghị suy tôn, khen thưởng của cơ quan, đơn vị mình');
  });

  it('seed 000: the sentence with two deadlines gives two milestones, the second with the first one’s sender', () => {
    const [a, b] = readPlanText(seed('000')).milestones.slice(-2);
    expect(a!.sentence).toMatch(/^Sở Tư pháp tỉnh Tuyên Quang, Trưởng .* trước ngày 30\/11\/2022$/);
    expect(b!.sentence).toMatch(/^gửi hồ sơ đề nghị khen thưởng .* kể từ ngày kết thúc Hội nghị tổng kết thi đua của Khu vực thi đua\.$/);
    expect(b!.from).toBe('leader');
  });

  it('seeds 001 and 003 (movement plans): the two phases, no milestone', () => {
    const r1 = readPlanText(seed('001'));
    expect(r1.year).toBe(2018);
    expect(r1.phases.map((p) => [p.name, p.from, p.to])).toEqual([
      ['Đợt thi đua thứ nhất', '2018-01-01', '2018-06-30'],
      ['Đợt thi đua thứ hai', '2018-07-01', '2018-12-31'],
    ]);
    expect(r1.phases[0]!.purpose).toMatch(/^Lập thành tích chào mừng Ngày thành lập Đảng/);
    expect(r1.milestones).toEqual([]);
    const r3 = readPlanText(seed('003'));
    expect(r3.year).toBe(2023);
    expect(r3.phases.map((p) => [p.name, p.from, p.to, p.problems])).toEqual([
      ['Đợt thi đua thứ nhất', '2023-01-01', '2023-06-30', []],
      ['Đợt thi đua thứ hai', '2023-07-01', '2023-12-31', []],
    ]);
    // The first phase's sentence runs on across the page break of the source.
    expect(r3.phases[0]!.sentence).toContain('(03/02/1930 - 03/02/2023)');
    expect(r3.milestones).toEqual([]);
    expectAcceptable(r1);
    expectAcceptable(r3);
  });
});

describe('plan reader: date forms', () => {
  const SENT = 'Các đơn vị thành viên gửi đăng ký thi đua về Trưởng Cụm thi đua';
  it.each([
    ['trước ngày 10/02/2022', '2022-02-10'],
    ['trước ngày 10/2/2022', '2022-02-10'],
    ['trước ngày 10-02-2022', '2022-02-10'],
    ['trước ngày 10.02.2022', '2022-02-10'],
    ['trước ngày 10 / 02 / 2022', '2022-02-10'],
    ['trước ngày 10 tháng 02 năm 2022', '2022-02-10'],
    ['trước ngày 5 tháng 2 năm 2022', '2022-02-05'],
    ['chậm nhất ngày 10/02/2022', '2022-02-10'],
    ['chậm nhất là ngày 1/3/2022', '2022-03-01'],
    ['hạn chót ngày 28/02/2022', '2022-02-28'],
    ['không quá ngày 15/01/2023', '2023-01-15'],
    ['trước 31/10/2022', '2022-10-31'],
    ['**trước ngày 10/02/2022**', '2022-02-10'],
    ['**trước ngày** 10/02/2022', '2022-02-10'],
    ['trước ngày 10/02', '2022-02-10'],
    ['trước ngày 10 tháng 02', '2022-02-10'],
    ['trước ngày 29/02/2024', '2024-02-29'],
    ['trước 17h00 ngày 10/02/2022', '2022-02-10'],
    ['trước thứ Sáu, ngày 11/02/2022', '2022-02-11'],
    ['hạn nộp: ngày 10/02/2022', '2022-02-10'],
  ])('"%s" is due %s', (deadline, iso) => {
    const m = one(`${SENT} ${deadline}.`, Number(iso.slice(0, 4)));
    expect(m.deadline).toEqual({ type: 'date', date: iso });
    expect(m.problems).toEqual([]);
    expect([m.from, m.to, m.deliverable, m.section]).toEqual(['member', ['leader'], 'registration', 'registration']);
  });

  it('a month only ("trong tháng 8/2021", "trước cuối tháng 6/2022") proposes the month’s last day and says so', () => {
    const a = one(`${SENT} trong tháng 8/2021.`, 2021);
    expect(a.deadline).toEqual({ type: 'date', date: '2021-08-31' });
    expect(a.problems).toEqual(['Kế hoạch chỉ ghi tháng ("tháng 8/2021"): hạn đề xuất là ngày cuối tháng.']);
    const b = one(`${SENT} chậm nhất cuối tháng 6/2022.`);
    expect(b.deadline).toEqual({ type: 'date', date: '2022-06-30' });
    expect(b.problems).toEqual(['Kế hoạch không ghi ngày cụ thể ("cuối tháng 6/2022"): hạn đề xuất là 30/06/2022.']);
    const c = one(`${SENT} trong quý I/2022.`);
    expect(c.deadline).toEqual({ type: 'date', date: '2022-03-31' });
    expect(c.problems).toEqual(['Kế hoạch không ghi ngày cụ thể ("quý I/2022"): hạn đề xuất là 31/03/2022.']);
  });

  it.each([
    ['chậm nhất 05 ngày sau khi kết thúc kiểm tra', 'after_event', 'inspection-end', 5, 'Kết thúc kiểm tra'],
    ['chậm nhất sau 05 ngày, kể từ ngày kết thúc Hội nghị', 'after_event', 'conference-end', 5, 'Kết thúc Hội nghị'],
    ['trong vòng 7 ngày kể từ ngày kết thúc đợt kiểm tra', 'after_event', 'inspection-end', 7, 'Kết thúc đợt kiểm tra'],
    ['02 ngày sau khi kết thúc kiểm tra', 'after_event', 'inspection-end', 2, 'Kết thúc kiểm tra'],
    ['chậm nhất là 15 ngày, trước khi tiến hành kiểm tra', 'before_event', 'inspection-start', 15, 'Tiến hành kiểm tra'],
    ['ít nhất 10 ngày trước ngày tổ chức Hội nghị tổng kết', 'before_event', 'to-chuc-hoi-nghi', 10, 'Tổ chức Hội nghị tổng kết'],
    ['chậm nhất 03 ngày sau khi kết thúc Hội nghị sơ kết', 'after_event', 'ket-thuc-hoi-nghi', 3, 'Kết thúc Hội nghị sơ kết'],
  ])('"%s" counts from an event', (deadline, type, event, days, title) => {
    const r = plan([`- ${SENT} ${deadline}.`]);
    expect(r.milestones[0]!.deadline).toEqual({ type, event, days });
    expect(r.milestones[0]!.problems).toEqual([]);
    expect(r.events).toEqual([{ key: event, title, date: null, expected: '', sentence: `${SENT} ${deadline}.` }]);
  });

  it('working days and an event-less "trước ít nhất 15 ngày" are flagged', () => {
    const a = one(`${SENT} trong thời hạn 10 ngày làm việc kể từ ngày kết thúc kiểm tra.`);
    expect(a.deadline).toEqual({ type: 'after_event', event: 'inspection-end', days: 10 });
    expect(a.problems).toEqual(['Kế hoạch tính 10 ngày làm việc; hạn được tính theo ngày lịch, hãy điều chỉnh số ngày nếu cần.']);
    const b = one(`${SENT} trước ít nhất 15 ngày.`);
    expect(b.deadline).toBeNull();
    expect(b.problems).toEqual(['Không rõ hạn tính trước sự kiện nào.']);
  });

  it.each([
    ['trước ngày 30/02/2022', 'Ngày "30/02/2022" không có thật: Tháng 2 năm 2022 chỉ có 28 ngày: không có ngày 30/02/2022.'],
    ['trước ngày 29/02/2023', 'Ngày "29/02/2023" không có thật: Tháng 2 năm 2023 chỉ có 28 ngày: không có ngày 29/02/2023.'],
    ['trước ngày 31/4/2022', 'Ngày "31/4/2022" không có thật: Tháng 4 năm 2022 chỉ có 30 ngày: không có ngày 31/04/2022.'],
    ['trước ngày 32/01/2022', 'Ngày "32/01/2022" không có thật: Tháng 1 năm 2022 chỉ có 31 ngày: không có ngày 32/01/2022.'],
    ['trước ngày 10/13/2022', 'Ngày "10/13/2022" không có thật: Không có tháng 13: tháng phải từ 1 đến 12.'],
    ['trước ngày 00/12/2022', 'Ngày "00/12/2022" không có thật: Không có ngày 0: ngày phải từ 1 trở đi.'],
    ['trong tháng 13/2022', '"tháng 13/2022": không có tháng 13, tháng phải từ 1 đến 12.'],
    ['trước ngày 3O/11/2022', 'Không đọc được ngày trong "trước ngày 3O/11/2022".'],
    ['trước ngày 10/02/202', 'Không đọc được ngày trong "trước ngày 10/02/202".'],
  ])('a typo date "%s" is flagged, never guessed or rolled over', (deadline, problem) => {
    const m = one(`${SENT} ${deadline}.`);
    expect(m.deadline).toBeNull();
    expect(m.problems).toEqual([problem]);
    // Everything else of the sentence is still read.
    expect([m.from, m.to, m.deliverable]).toEqual(['member', ['leader'], 'registration']);
  });

  it('a year outside the plan’s year, or a two-digit year, is flagged but kept', () => {
    const a = one(`${SENT} trước ngày 10/02/2021.`);
    expect(a.deadline).toEqual({ type: 'date', date: '2021-02-10' });
    expect(a.problems).toEqual(['Hạn "10/02/2021" không thuộc năm của kế hoạch (2022): có thể viết nhầm năm.']);
    const b = one(`${SENT} trước ngày 10/02/22.`);
    expect(b.deadline).toEqual({ type: 'date', date: '2022-02-10' });
    expect(b.problems).toEqual(['"10/02/22" ghi năm bằng hai chữ số, đã hiểu là năm 2022.']);
    // A report due early next year is normal.
    expect(one(`${SENT} trước ngày 15/01/2023.`).problems).toEqual([]);
  });

  it('a date without its year that comes after the year’s last deadline is next year’s, and says so', () => {
    const r = plan(['- Các đơn vị thành viên gửi báo cáo tổng kết về Trưởng Cụm trước ngày 30/11/2022.', '- Trưởng Cụm gửi báo cáo tổng kết về Vụ Thi đua - Khen thưởng trước ngày 15/01.']);
    expect(r.milestones.map((m) => [m.deadline, m.problems])).toEqual([
      [{ type: 'date', date: '2022-11-30' }, []],
      [{ type: 'date', date: '2023-01-15' }, ['"15/01" không ghi năm và đến sau hạn 30/11/2022: đã hiểu là năm 2023, hãy kiểm tra.']],
    ]);
    // Seed 000's order without years: the kickoff section's 10/02 comes after registration's 28/02, in the same year.
    const steps = plan(['- Các đơn vị thành viên gửi đăng ký thi đua về Trưởng Cụm trước ngày 28/02.', '2. Phát động thi đua', '- Trưởng Cụm gửi dự thảo Kế hoạch phát động cho các đơn vị thành viên trước ngày 10/02.']);
    expect(steps.milestones.map((m) => [m.deadline, m.problems])).toEqual([
      [{ type: 'date', date: '2022-02-28' }, []],
      [{ type: 'date', date: '2022-02-10' }, []],
    ]);
  });

  it('a deadline written first, and deadlines of documents references, are told apart', () => {
    const m = one(`Trước ngày 15/01/2022, các đơn vị thành viên gửi đăng ký thi đua theo Thông tư số 05/2018/TT-BTP ngày 07/6/2018 về Trưởng Cụm thi đua.`);
    expect(m.deadline).toEqual({ type: 'date', date: '2022-01-15' });
    expect([m.from, m.to]).toEqual(['member', ['leader']]);
  });

  it('the plan’s year comes from the title, else from its dates', () => {
    expect(plan([], 2024).year).toBe(2024);
    const r = readPlanText('Các đơn vị thành viên gửi đăng ký thi đua về Trưởng Cụm trước ngày 10/02/2025.\n\nPhó Trưởng Cụm tổng hợp gửi Trưởng Cụm trước ngày 15/02/2025.');
    expect(r.year).toBe(2025);
    const none = readPlanText('Các đơn vị thành viên gửi đăng ký thi đua về Trưởng Cụm trước ngày 10/02.');
    expect(none.year).toBeNull();
    expect(none.milestones[0]!.deadline).toBeNull();
    expect(none.milestones[0]!.problems[0]).toBe('"10/02" không ghi năm và không xác định được năm của kế hoạch.');
    expect(none.problems).toEqual(['Không xác định được năm của kế hoạch (tiêu đề không ghi "năm …" và các hạn không ghi năm).']);
  });
});

describe('plan reader: phases', () => {
  const phases = (lines: string[], year = 2022) => plan(lines, year).phases.map((p) => [p.name, p.from, p.to, p.problems]);
  it.each([
    ['1.1. Đợt thi đua thứ nhất: Thời gian từ đầu năm đến ngày 30/6/2023, lập thành tích chào mừng.', 2023, ['Đợt thi đua thứ nhất', '2023-01-01', '2023-06-30', []]],
    ['1.2. Đợt thi đua thứ hai: Từ 1/7/2018 đến kết thúc năm 2018, lập thành tích.', 2018, ['Đợt thi đua thứ hai', '2018-07-01', '2018-12-31', []]],
    ['- Đợt 1: từ tháng 01/2022 đến cuối tháng 6/2022.', 2022, ['Đợt 1', '2022-01-01', '2022-06-30', []]],
    ['- Đợt 2 (từ ngày 01/7 đến hết năm): tổng kết.', 2022, ['Đợt 2', '2022-07-01', '2022-12-31', []]],
    ['Đợt thi đua cao điểm trong tháng 8/2021 chào mừng Ngày truyền thống.', 2021, ['Đợt thi đua cao điểm', '2021-08-01', '2021-08-31', []]],
    ['Đợt thi đua thứ hai: từ ngày 01/7/2022 đến ngày 31/6/2022.', 2022, ['Đợt thi đua thứ hai', '2022-07-01', null, ['Ngày "31/6/2022" không có thật: Tháng 6 năm 2022 chỉ có 30 ngày: không có ngày 31/06/2022.']]],
    ['Đợt 3: từ ngày 01/10/2022 đến ngày 01/09/2022.', 2022, ['Đợt 3', '2022-10-01', '2022-09-01', ['Đợt thi đua kết thúc trước khi bắt đầu.']]],
    ['Đợt thi đua cao điểm trong quý II/2022.', 2022, ['Đợt thi đua cao điểm', '2022-04-01', '2022-06-30', []]],
    ['Đợt 4: từ quý III đến hết quý IV năm 2022.', 2022, ['Đợt 4', '2022-07-01', '2022-12-31', []]],
  ])('%s', (sentence, year, expected) => {
    expect(phases([sentence], year)).toEqual([expected]);
  });
});

describe('plan reader: who sends what to whom', () => {
  it('reads the leader and deputy by the units the plan names, in a Cụm too', () => {
    const r = readPlanText(
      [
        'KẾ HOẠCH',
        'Phát động phong trào thi đua của Cụm Thi đua số II năm 2023',
        'Tạp chí Dân chủ và Pháp luật (Trưởng Cụm Thi đua số II) và Học viện Tư pháp (Phó Trưởng Cụm) thống nhất như sau.',
        '3. Sơ kết thi đua',
        '- Các đơn vị trong Cụm gửi Báo cáo sơ kết 06 tháng đầu năm về Tạp chí Dân chủ và Pháp luật trước ngày 20/6/2023.',
        '- Học viện Tư pháp tổng hợp báo cáo của các đơn vị thuộc Bộ gửi Tạp chí Dân chủ và Pháp luật trước ngày 25/6/2023.',
        '5. Tổng kết thi đua',
        '- Trưởng Cụm gửi hồ sơ đề nghị khen thưởng về Hội đồng Thi đua - Khen thưởng Ngành Tư pháp chậm nhất 07 ngày sau khi kết thúc Hội nghị tổng kết.',
      ].join('\n\n'),
    );
    expect(r.milestones.map(line)).toEqual([
      'mid_year | 2023-06-20 | member → leader | mid_year_report',
      'mid_year | 2023-06-25 | deputy → leader | consolidated/don_vi_thuoc_bo',
      'year_end | 7 ngày sau conference-end | leader → ministry | dossier',
    ]);
    expect(r.milestones[0]!.title).toBe('Báo cáo sơ kết 06 tháng đầu năm');
  });

  it('a milestone outside any section heading takes its section from what is sent', () => {
    const r = readPlanText('Kế hoạch năm 2022\n\nCác đơn vị thành viên gửi hồ sơ đề nghị khen thưởng về Trưởng Khu vực thi đua trước ngày 05/11/2022.');
    expect(r.milestones.map(line)).toEqual(['year_end | 2022-11-05 | member → leader | dossier']);
  });

  it('an unknown sender or receiver is left empty and said', () => {
    const m = one('Ban Tổ chức gửi giấy mời trước ngày 01/12/2022.');
    expect([m.from, m.to]).toEqual([null, []]);
    expect(m.problems).toEqual(['Không xác định được đơn vị gửi.', 'Không xác định được nơi nhận.']);
  });
});

describe('plan reader: a deadline on its own line, and calendars as tables', () => {
  it('"Thời gian: …" under an undated step gives it its deadline', () => {
    const r = plan([
      '5. Tổng kết thi đua',
      '- Các đơn vị thành viên gửi báo cáo tổng kết năm 2024 về Trưởng Cụm thi đua.',
      'Thời gian: trước ngày 15/11/2024.',
      '- Các đơn vị thành viên gửi hồ sơ đề nghị khen thưởng về Trưởng Cụm thi đua.',
      'Thời hạn hoàn thành: Tháng 11/2024.',
    ], 2024);
    expect(r.milestones.map(line)).toEqual(['year_end | 2024-11-15 | member → leader | year_end_report', 'year_end | 2024-11-30 | member → leader | dossier']);
    expect(r.milestones.map((m) => m.problems)).toEqual([[], ['Kế hoạch chỉ ghi tháng ("Tháng 11/2024"): hạn đề xuất là ngày cuối tháng.']]);
    expect(r.milestones[0]!.sentence).toBe('Các đơn vị thành viên gửi báo cáo tổng kết năm 2024 về Trưởng Cụm thi đua. Thời gian: trước ngày 15/11/2024.');
  });

  const TABLE = [
    ['STT', 'Nội dung công việc', 'Đơn vị thực hiện', 'Nơi nhận', 'Thời gian'],
    ['1', 'Đăng ký thi đua năm 2024', 'Các đơn vị thành viên', 'Trưởng Cụm, Phó Trưởng Cụm', 'Trước ngày 10/02/2024'],
    ['2', 'Tổng hợp đăng ký thi đua của các Cục Thi hành án dân sự', 'Phó Trưởng Cụm', 'Trưởng Cụm', '15/02/2024'],
    ['3', 'Báo cáo sơ kết 6 tháng', 'Các đơn vị thành viên', 'Trưởng Cụm', 'Tháng 6/2024'],
    ['4', 'Biên bản kiểm tra', 'Đoàn kiểm tra', 'Trưởng Cụm', '02 ngày sau khi kết thúc kiểm tra'],
    ['5', 'Hồ sơ đề nghị khen thưởng', 'Trưởng Cụm', 'Vụ Thi đua - Khen thưởng', '30/2/2024'],
  ];
  const TABLE_READ = [
    'registration | 2024-02-10 | member → deputy+leader | registration',
    'registration | 2024-02-15 | deputy → leader | consolidated/thads',
    'mid_year | 2024-06-30 | member → leader | mid_year_report',
    'inspection | 2 ngày sau inspection-end | inspection_team → leader | document',
    'year_end | không có hạn | leader → ministry | dossier',
  ];
  const checkTable = (r: PlanReading) => {
    expect(r.milestones.map(line)).toEqual(TABLE_READ);
    expect(r.milestones[0]!.sentence).toBe('1 | Đăng ký thi đua năm 2024 | Các đơn vị thành viên | Trưởng Cụm, Phó Trưởng Cụm | Trước ngày 10/02/2024');
    expect(r.milestones[0]!.title).toBe('Đăng ký thi đua năm 2024');
    expect(r.milestones[4]!.problems).toEqual(['Ngày "30/2/2024" không có thật: Tháng 2 năm 2024 chỉ có 29 ngày: không có ngày 30/02/2024.']);
  };

  it('a table pasted from Word (cells between tabs): one milestone per row, read by its header', () => {
    checkTable(readPlanText(['KẾ HOẠCH', 'Hoạt động của Cụm thi đua số I năm 2024', ...TABLE.map((row) => row.join('\t'))].join('\n')));
  });

  it('the same table in a DOCX', async () => {
    const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('KẾ HOẠCH'),
            new Paragraph('Hoạt động của Cụm thi đua số I năm 2024'),
            new Table({ rows: TABLE.map((row) => new TableRow({ children: row.map(cell) })) }),
          ],
        },
      ],
    });
    const file = path.join(tempDir(), 'lich.docx');
    fs.writeFileSync(file, await Packer.toBuffer(doc));
    checkTable(await readPlanFile(file));
  });
});

describe('plan reader: documents', () => {
  /** Seed 000 as Word writes it: one paragraph per line, "**…**" as bold runs, deadlines split across runs. */
  function seedAsDocx(text: string): Document {
    const paragraphs = text.split(/\n+/).map(
      (p) =>
        new Paragraph({
          children: p.split(/(\*\*[^*]+\*\*)/).flatMap((part) => (part.startsWith('**') ? [new TextRun({ text: part.slice(2, -2), bold: true })] : part ? [new TextRun(part)] : [])),
        }),
    );
    return new Document({ sections: [{ children: paragraphs }] });
  }

  it.runIf(hasSeeds)('a DOCX of seed 000 made with the docx library reads as its text does', async () => {
    const file = path.join(tempDir(), 'ke-hoach.docx');
    fs.writeFileSync(file, await Packer.toBuffer(seedAsDocx(seed('000'))));
    const fromDocx = await readPlanFile(file);
    expect(fromDocx.milestones.map(line)).toEqual(SEED_000);
    expect(fromDocx).toEqual(readPlanText(seed('000')));
  });

  it.runIf(hasSeeds)('seed 000 saved by LibreOffice (its own XML: styles, empty runs) reads the same', async () => {
    const r = await readPlanFile(path.resolve('tests/fixtures/plans/seed-000-libreoffice.docx'));
    expect(r.milestones.map(line)).toEqual(SEED_000);
    expect(r.events.map((e) => e.expected)).toEqual(['Tháng 09/2022', 'Tháng 09/2022', 'Hoàn thành trước ngày 30/11/2022']);
  });

  it('a DOCX with runs, tabs, a table and headings numbered by Word (no number in the text)', async () => {
    const doc = new Document({
      numbering: { config: [{ reference: 'muc', levels: [{ level: 0, format: 'decimal', text: '%1.' }] }] },
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'KẾ HOẠCH', bold: true })] }),
            new Paragraph('Hoạt động của Khu vực thi đua năm 2024'),
            new Paragraph('2. Phát động phong trào thi đua'),
            new Paragraph({
              children: [new TextRun('-\tCác cơ quan, đơn vị thành viên tham gia ý kiến vào dự thảo Kế hoạch và gửi về Trưởng Khu vực thi đua '), new TextRun({ text: 'trước ngày ', bold: true }), new TextRun({ text: '15/02/2024', bold: true }), new TextRun('.')],
            }),
            new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('Đợt thi đua thứ nhất: từ đầu năm đến ngày 30/6/2024.')] })] })] }),
            new Paragraph({ text: 'Sơ kết thi đua năm 2024', numbering: { reference: 'muc', level: 0 } }),
            new Paragraph('Các đơn vị thành viên gửi Báo cáo sơ kết 06 tháng về Trưởng Khu vực thi đua trước ngày 31/5/2024.'),
          ],
        },
      ],
    });
    const file = path.join(tempDir(), 'ke-hoach.docx');
    fs.writeFileSync(file, await Packer.toBuffer(doc));
    const r = await readPlanFile(file);
    expect(r.year).toBe(2024);
    expect(r.milestones.map(line)).toEqual(['kickoff | 2024-02-15 | member → leader | plan_comments', 'mid_year | 2024-05-31 | member → leader | mid_year_report']);
    expect(r.phases.map((p) => [p.from, p.to])).toEqual([['2024-01-01', '2024-06-30']]);
  });

  it('a .txt in UTF-8 with a BOM, or UTF-16, reads; a text with no plan in it says so', async () => {
    const dir = tempDir();
    const body = 'KẾ HOẠCH\n\nHoạt động năm 2022\n\nCác đơn vị thành viên gửi đăng ký thi đua về Trưởng Cụm trước ngày 10/02/2022.';
    fs.writeFileSync(path.join(dir, 'a.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
    fs.writeFileSync(path.join(dir, 'b.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
    fs.writeFileSync(path.join(dir, 'c.txt'), 'Biên bản họp cơ quan.');
    expect((await readPlanFile(path.join(dir, 'a.txt'))).milestones.map(line)).toEqual(['registration | 2022-02-10 | member → leader | registration']);
    expect((await readPlanFile(path.join(dir, 'b.txt'))).milestones.map(line)).toEqual(['registration | 2022-02-10 | member → leader | registration']);
    expect((await readPlanFile(path.join(dir, 'c.txt'))).problems).toContain('Không tìm thấy đợt thi đua hay mốc thời gian nào trong văn bản.');
  });
});

describe('plan reader: hostile files are refused in Vietnamese', () => {
  const docxParts = (documentXml: Buffer | string, extra: { name: string; data: Buffer; compress?: boolean; declaredSize?: number }[] = []) => [
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    { name: 'word/document.xml', data: Buffer.isBuffer(documentXml) ? documentXml : Buffer.from(documentXml), compress: true },
    ...extra,
  ];
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

  async function refusal(name: string, make: (file: string) => Promise<void> | void): Promise<string> {
    const file = path.join(tempDir(), name);
    await make(file);
    const error = await readPlanFile(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, name).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    // Vietnamese, with no stack and no bare English library message in front.
    expect(message).toMatch(/^[A-ZĐÂÊÔƯ"].*[ạảãàáâậầấẩẫăắằặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđ]/u);
    expect(message).not.toMatch(/^\s+at /m);
    return message;
  }

  it.each([
    ['empty.txt', (f: string) => fs.writeFileSync(f, ''), /^Tệp trống/],
    ['rac.bin', (f: string) => fs.writeFileSync(f, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), /bảng mã|không phải văn bản/],
    ['nul.txt', (f: string) => fs.writeFileSync(f, Buffer.from('Kế hoạch\u0000\u0000\u0001năm 2022')), /^Tệp này không phải văn bản/],
    ['tcvn3.txt', (f: string) => fs.writeFileSync(f, Buffer.from([0x4b, 0xd5, 0x20, 0x68, 0x6f, 0xb9, 0x63, 0x68])), /bảng mã Unicode/],
    ['gia.docx', (f: string) => fs.writeFileSync(f, 'đây không phải tệp Word'), /^Tệp có đuôi \.docx nhưng không phải văn bản Word/],
    ['cu.doc', (f: string) => fs.writeFileSync(f, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])), /^Tệp Word 97-2003 \(\.doc\)/],
    ['ke-hoach.pdf', (f: string) => fs.writeFileSync(f, '%PDF-1.7\n...'), /^Tệp PDF chưa đọc được/],
    ['to.docx', (f: string) => fs.writeFileSync(f, Buffer.alloc(PLAN_FILE_LIMITS.fileBytes + 1, 0x20)), /^Tệp quá lớn/],
    ['cut.docx', (f: string) => fs.writeFileSync(f, Buffer.from('PK\u0003\u0004 cắt cụt')), /^Tệp Word bị hỏng/],
    ['bang-tinh.docx', (f: string) => writeRawZip(f, [{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }]), /không phải văn bản Word \(\.docx\)/],
    ['khong-xml.docx', (f: string) => writeRawZip(f, docxParts('<w:document><w:body><w:p>')), /^Tệp Word bị hỏng: phần "word\/document\.xml" không phải XML hợp lệ/],
    [
      'thuc-the.docx',
      (f: string) =>
        writeRawZip(f, docxParts(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document ${W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>`)),
      /không phải XML hợp lệ/,
    ],
    ['bom.docx', (f: string) => writeRawZip(f, docxParts(Buffer.alloc(PLAN_FILE_LIMITS.partBytes + 1, 0x20))), /^Tệp Word quá lớn khi giải nén/],
    ['ti-le.docx', (f: string) => writeRawZip(f, docxParts(Buffer.alloc(20 * 1024 * 1024, 0x20))), /^Tệp Word có tỉ lệ nén bất thường/],
    [
      'khai-gian.docx',
      (f: string) => {
        const parts = docxParts(Buffer.alloc(2 * 1024 * 1024, 0x20));
        parts[2] = { ...parts[2]!, declaredSize: 1000 } as (typeof parts)[number];
        return writeRawZip(f, parts);
      },
      /^Tệp Word bị hỏng/,
    ],
  ])('%s', async (name, make, message) => {
    expect(await refusal(name, make)).toMatch(message);
  });

  it('a folder or a missing file', async () => {
    const dir = tempDir();
    await expect(readPlanFile(dir)).rejects.toThrow(/không phải là một tệp/);
    await expect(readPlanFile(path.join(dir, 'khong-co.docx'))).rejects.toThrow(/^Không mở được tệp/);
  });

  /** What every reading holds to, whatever it was fed. */
  function wellFormed(r: PlanReading) {
    const keys = r.milestones.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of [...keys, ...r.events.map((e) => e.key)]) expect(k).toMatch(/^[a-z0-9][a-z0-9_-]{0,39}$/);
    const events = new Set(r.events.map((e) => e.key));
    for (const m of r.milestones) if (m.deadline && m.deadline.type !== 'date') expect(events.has(m.deadline.event)).toBe(true);
    expect(r.milestones.length + r.phases.length).toBeLessThanOrEqual(201);
    expectAcceptable(r);
  }

  it('token soups of plan words never throw and always give well-formed proposals', () => {
    const words = ['trước ngày', '30/02/2022', '10/02/2022', '1/7', 'tháng 13/2022', 'từ', 'đến', 'đầu năm', 'kết thúc năm', 'gửi', 'về', 'cho', 'Trưởng', 'Phó Trưởng Cụm', 'Khu vực thi đua', 'các đơn vị thành viên', 'Đoàn kiểm tra', 'Vụ Thi đua - Khen thưởng', 'tổng hợp', 'báo cáo', 'hồ sơ đề nghị', ';', ',', '.', 'Đợt', 'thứ nhất:', '\n\n', '\t', '1.', 'II.', 'Sơ kết', 'Kiểm tra', 'chậm nhất', '05 ngày', 'sau khi', 'trước khi', 'kể từ ngày', '(', ')', '**', 'Thời gian:', 'năm 2022', 'KẾ HOẠCH', 'hạn', 'làm việc', 'Sở Tư pháp tỉnh A,', 'Cục Thi hành án dân sự'];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let doc = 0; doc < 300; doc++) {
      const text = Array.from({ length: 20 + Math.floor(random() * 300) }, () => words[Math.floor(random() * words.length)]).join(' ');
      wellFormed(readPlanText(text));
    }
  });

  // About a megabyte each: read in about a second; a search that costs a sentence's length squared takes minutes.
  it('long hostile texts are read within seconds, within the proposal limit', { timeout: 90_000 }, () => {
    const cases = [
      Array(13_000).fill('các đơn vị thành viên gửi báo cáo về Trưởng Cụm trước ngày 10/02/2022;').join(' '),
      `Đợt 1 ${Array(30_000).fill('gửi Trưởng Cụm từ đầu năm đến').join(' ')}`,
      `Đợt thi đua ${Array(150_000).fill('từ 1/').join(' ')}`,
      Array(20_000).fill('a\tb\tThời gian\tNội dung').join('\n'),
      Array(20_000).fill('Sở Tư pháp tỉnh A, Trưởng Cụm;').join(' '),
      `3. Sơ kết\n\nCác đơn vị gửi trước ngày 10/02/2022 ${Array(25_000).fill('đồng thời gửi Trưởng Cụm báo cáo Vụ TĐKT').join(' ')}`,
      `3. Sơ kết\n\n${Array(50_000).fill('báo cáo về việc').join(' ')} gửi Trưởng Cụm`,
    ];
    for (const text of cases) {
      const started = Date.now();
      const r = readPlanText(text);
      expect(Date.now() - started, text.slice(0, 40)).toBeLessThan(10_000);
      wellFormed(r);
    }
    const many = readPlanText(cases[0]!);
    expect(many.milestones).toHaveLength(200);
    expect(many.problems).toEqual(['Văn bản có quá nhiều mốc và đợt (hơn 200): chỉ phần đầu được đọc.']);
    expect(readPlanText('x'.repeat(2_000_001)).problems[0]).toMatch(/^Văn bản quá dài/);
    expect(() => readPlanText('\u0000\uFFFE\uD800')).not.toThrow();
    // A year no plan has is no plan's year.
    const odd = readPlanText('KẾ HOẠCH\n\nHoạt động năm 0000\n\nCác đơn vị thành viên gửi đăng ký thi đua về Trưởng Cụm trước ngày 10/02/0000.');
    expect(odd.year).toBeNull();
    expect(odd.milestones[0]!.problems[0]).toMatch(/^Ngày "10\/02\/0000" không có thật: Năm 0 không hợp lý/);
  });
});

describe.runIf(hasSeeds)('thidua plan read', () => {
  const cli = path.resolve('dist/cli.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'plan', 'read', ...args], { encoding: 'utf8' });
  const file000 = path.join(SEEDS, fs.readdirSync(SEEDS).find((f) => f.startsWith('000'))!);

  it('prints the milestones with their date or rule, route and sentence', () => {
    const r = run(file000);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Năm của kế hoạch: 2022');
    expect(r.stdout).toContain('MỐC GỬI (20)');
    expect(r.stdout).toContain('1. [Đăng ký thi đua] hạn 10/02/2022: Đơn vị thành viên → Trưởng, Phó Trưởng, Bộ Tư pháp (Vụ Thi đua - Khen thưởng); đăng ký thi đua');
    expect(r.stdout).toContain('12. [Kiểm tra] 02 ngày sau "Kết thúc kiểm tra": Đoàn kiểm tra → Trưởng, Phó Trưởng; văn bản (theo dõi)');
    expect(r.stdout).toContain('11. [Kiểm tra] chưa có hạn: Đơn vị thành viên → Trưởng, Phó Trưởng; báo cáo kết quả kiểm tra');
    expect(r.stdout).toContain('   Cần xem lại: Kế hoạch không ghi hạn cho việc gửi này');
    expect(r.stdout).toContain('   Câu gốc: "Sau khi hoàn thành kiểm tra, Đoàn kiểm tra tổng hợp báo cáo kết quả kiểm tra');
    expect(r.stdout).toContain('- Kết thúc kiểm tra (dự kiến: Tháng 09/2022)');
    expect(r.stdout).toContain('- Kết thúc Hội nghị tổng kết thi đua của Khu vực thi đua (dự kiến: Hoàn thành trước ngày 30/11/2022)');
  });

  it('--json prints the proposals; a refused file exits 1 with the reason', () => {
    const r = run(file000, '--json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as PlanReading;
    expect(json.milestones.map(line)).toEqual(SEED_000);
    const bad = path.join(tempDir(), 'rac.docx');
    fs.writeFileSync(bad, zlib.gzipSync('rác'));
    const refused = run(bad, '--json');
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({ error: expect.stringMatching(/^Tệp có đuôi \.docx nhưng không phải văn bản Word/) });
    expect(refused.stderr).toMatch(/^Lỗi: Tệp có đuôi \.docx/);
    const none = spawnSync(process.execPath, [cli, 'plan', 'read'], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('Lỗi: Hãy chỉ ra đúng một tệp kế hoạch (.docx hoặc .txt).');
  });
});
