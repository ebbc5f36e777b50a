import { describe, expect, it } from 'vitest';
import { addDays, daysBefore, milestoneState, milestonesFor, resolveDeadline, resolveDeadlines, ruleText, stateText } from '../../electron/services/groups-calendar/calendar';
import { deadlineStatus, isLate } from '../../electron/services/groups-calendar/deadlines';
import type { PlanContent } from '../../electron/services/groups-calendar/plan-schemas';
import { planFromTemplate, planTemplate, type PlanTemplate } from '../../electron/services/groups-calendar/template';
import templateData from '../../resources/calendar/plan-template.json';

/**
 * Seed 000 (Kế hoạch hoạt động của Khu vực thi đua … trung du và miền núi phía Bắc năm 2022), part
 * II, every dated step: who sends, to whom, and the deadline as the plan writes it.
 */
const SEED_000 = [
  // 1. "các đơn vị thành viên … gửi cho Trưởng, Phó Trưởng … và Vụ Thi đua - Khen thưởng … trước ngày 10/02/2022"
  { key: 'registration', from: 'member', to: ['leader', 'deputy', 'ministry'], date: '2022-02-10' },
  // "Cục THADS tỉnh Tuyên Quang, Phó Trưởng … tổng hợp đăng ký … của các Cục THADS … gửi Sở Tư pháp … trước ngày 15/02/2022"
  { key: 'registration-consolidated', from: 'deputy', to: ['leader'], date: '2022-02-15' },
  { key: 'registration-summary', from: 'leader', to: ['ministry'], date: '2022-02-28' },
  // 2. dự thảo Kế hoạch phát động … gửi lấy ý kiến … trước ngày 10/02/2022; ý kiến … trước ngày 15/02/2022; hoàn chỉnh … trước ngày 28/02/2022
  { key: 'kickoff-draft', from: 'leader', to: ['member'], date: '2022-02-10' },
  { key: 'plan-comments', from: 'member', to: ['leader'], date: '2022-02-15' },
  { key: 'kickoff-plan', from: 'leader', to: ['ministry'], date: '2022-02-28' },
  // 3. sơ kết: 31/05, 05/06, 15/06
  { key: 'mid-year-report', from: 'member', to: ['leader', 'deputy'], date: '2022-05-31' },
  { key: 'mid-year-consolidated', from: 'deputy', to: ['leader'], date: '2022-06-05' },
  { key: 'mid-year-summary', from: 'leader', to: ['ministry'], date: '2022-06-15' },
  // 5. tổng kết: kế hoạch Hội nghị trước ngày 31/10; báo cáo và hồ sơ trước ngày 05/11; Phó Trưởng 10/11; Trưởng 30/11
  { key: 'conference-plan', from: 'leader', to: ['ministry', 'member'], date: '2022-10-31' },
  { key: 'year-end-report', from: 'member', to: ['leader', 'deputy'], date: '2022-11-05' },
  { key: 'year-end-dossier', from: 'member', to: ['leader', 'deputy'], date: '2022-11-05' },
  { key: 'year-end-consolidated', from: 'deputy', to: ['leader'], date: '2022-11-10' },
  { key: 'year-end-summary', from: 'leader', to: ['ministry'], date: '2022-11-30' },
] as const;

/** The steps counted from an event: "chậm nhất là 15 ngày, trước khi tiến hành kiểm tra", "chậm nhất 02/05/10 ngày sau khi kết thúc kiểm tra", "chậm nhất sau 05 ngày, kể từ ngày kết thúc Hội nghị". */
const SEED_000_RELATIVE = [
  { key: 'inspection-plan', from: 'leader', type: 'before_event', event: 'inspection-start', days: 15 },
  { key: 'inspection-self-report', from: 'member', type: 'before_event', event: 'inspection-start', days: 0 },
  { key: 'inspection-minutes', from: 'inspection_team', type: 'after_event', event: 'inspection-end', days: 2 },
  { key: 'inspection-consolidated', from: 'deputy', type: 'after_event', event: 'inspection-end', days: 5 },
  { key: 'inspection-summary', from: 'leader', type: 'after_event', event: 'inspection-end', days: 10 },
  { key: 'award-dossiers', from: 'leader', type: 'after_event', event: 'conference-end', days: 5 },
] as const;

const withEvent = (plan: PlanContent, key: string, date: string | null): PlanContent => ({ ...plan, events: plan.events.map((e) => (e.key === key ? { ...e, date } : e)) });

describe('the plan template reproduces seed 000', () => {
  const plan = planTemplate(2022);
  const byKey = new Map(plan.milestones.map((m) => [m.key, m]));

  it('every dated step of 2022, with its sender and receivers', () => {
    for (const step of SEED_000) {
      const m = byKey.get(step.key);
      expect(m, step.key).toBeDefined();
      expect({ key: m!.key, from: m!.from, to: m!.to, deadline: m!.deadline }).toEqual({ key: step.key, from: step.from, to: step.to, deadline: { type: 'date', date: step.date } });
    }
    for (const step of SEED_000_RELATIVE) {
      expect({ from: byKey.get(step.key)?.from, deadline: byKey.get(step.key)?.deadline }, step.key).toEqual({ from: step.from, deadline: { type: step.type, event: step.event, days: step.days } });
    }
    // Nothing more than the seed: the template is the seed's calendar.
    expect(plan.milestones.map((m) => m.key).sort()).toEqual([...SEED_000, ...SEED_000_RELATIVE].map((s) => s.key).sort());
  });

  it('the deputy gathers the Cục THADS, in every phase', () => {
    expect(plan.milestones.filter((m) => m.from === 'deputy').map((m) => [m.key, m.gathers, m.deliverable])).toEqual([
      ['registration-consolidated', 'thads', 'consolidated'],
      ['mid-year-consolidated', 'thads', 'consolidated'],
      ['inspection-consolidated', 'thads', 'consolidated'],
      ['year-end-consolidated', 'thads', 'consolidated'],
    ]);
  });

  it('titles as the plan words them, the two movements and the two phases', () => {
    expect(byKey.get('mid-year-report')!.title).toBe('Báo cáo đánh giá kết quả phong trào thi đua 06 tháng đầu năm 2022, phương hướng nhiệm vụ phong trào thi đua 06 tháng cuối năm 2022');
    expect(byKey.get('year-end-report')!.title).toBe('Báo cáo đánh giá kết quả phong trào thi đua năm 2022, phương hướng nhiệm vụ phong trào thi đua năm 2023');
    expect(byKey.get('registration-consolidated')!.title).toBe('Tổng hợp đăng ký thi đua năm 2022 của các Cục Thi hành án dân sự thành viên Khu vực thi đua');
    expect(plan.events.find((e) => e.key === 'inspection-start')).toMatchObject({ date: null, expected: 'Tháng 09/2022' });
    expect(plan.movements.map((m) => m.kind)).toEqual(['thuong_xuyen', 'chuyen_de']);
    expect(plan.phases.map((p) => [p.name, p.from, p.to])).toEqual([
      ['Đợt thi đua thứ nhất', '2022-01-01', '2022-06-30'],
      ['Đợt thi đua thứ hai', '2022-07-01', '2022-12-31'],
    ]);
    expect(plan.document.number_symbol).toBe('/KH-KVTĐ');
    // No placeholder left anywhere.
    expect(JSON.stringify(plan)).not.toMatch(/\{[a-z_]+\}/);
  });

  it('a Cụm thi đua reads "Cụm thi đua" where a Khu vực reads "Khu vực thi đua"', () => {
    const cum = planTemplate(2022, 'cum');
    expect(cum.milestones.find((m) => m.key === 'registration-consolidated')!.title).toBe('Tổng hợp đăng ký thi đua năm 2022 của các Cục Thi hành án dân sự thành viên Cụm thi đua');
    expect(cum.document.number_symbol).toBe('/KH-CTĐ');
    expect(JSON.stringify(cum)).not.toContain('Khu vực thi đua');
  });

  it('2026 (and a leap year) has the same steps on the same day and month', () => {
    for (const year of [2026, 2024]) {
      const next = planTemplate(year);
      expect(next.milestones.map((m) => m.key)).toEqual(plan.milestones.map((m) => m.key));
      for (const step of SEED_000) {
        expect(next.milestones.find((m) => m.key === step.key)!.deadline, `${step.key} ${year}`).toEqual({ type: 'date', date: `${year}${step.date.slice(4)}` });
      }
      expect(next.milestones.find((m) => m.key === 'year-end-report')!.title).toBe(`Báo cáo đánh giá kết quả phong trào thi đua năm ${year}, phương hướng nhiệm vụ phong trào thi đua năm ${year + 1}`);
      expect(next.phases.map((p) => [p.from, p.to])).toEqual([
        [`${year}-01-01`, `${year}-06-30`],
        [`${year}-07-01`, `${year}-12-31`],
      ]);
    }
  });
});

describe('the template is checked as it is read', () => {
  const edited = (edit: (t: PlanTemplate) => void) => {
    const t = structuredClone(templateData);
    edit(t);
    return () => planFromTemplate(t, 2022, 'khu_vuc');
  };

  it('refuses 29/02, which three years in four do not have, and a date not written month-day', () => {
    expect(edited((t) => (t.milestones[0]!.deadline = { type: 'date', date: '02-29' }))).toThrow('Mẫu kế hoạch có ngày "02-29" không hợp lệ');
    expect(edited((t) => (t.phases[0]!.to = '30/06'))).toThrow('Mẫu kế hoạch có ngày "30/06" không hợp lệ');
    expect(edited((t) => (t.milestones[0]!.deadline = { type: 'date', date: '04-31' }))).toThrow('Mẫu kế hoạch có ngày "04-31" không hợp lệ');
  });

  it("refuses what the plan's schema refuses: a rule counting from an event the template lacks", () => {
    expect(edited((t) => (t.events = t.events.filter((e) => e.key !== 'inspection-end')))).toThrow('tính theo một sự kiện không có trong kế hoạch');
  });
});

describe('deadline rules', () => {
  const plan = planTemplate(2022);
  const rule = (key: string) => plan.milestones.find((m) => m.key === key)!.deadline;

  it('a relative deadline is null until its event has a date, then counts calendar days from it', () => {
    expect(resolveDeadline(rule('inspection-minutes'), plan.events)).toBeNull();
    expect(resolveDeadline(rule('award-dossiers'), plan.events)).toBeNull();
    const inspected = withEvent(withEvent(plan, 'inspection-start', '2022-09-12'), 'inspection-end', '2022-09-28');
    expect(resolveDeadline(rule('inspection-plan'), inspected.events)).toBe('2022-08-28');
    expect(resolveDeadline(rule('inspection-self-report'), inspected.events)).toBe('2022-09-12');
    expect(resolveDeadline(rule('inspection-minutes'), inspected.events)).toBe('2022-09-30');
    // Across a month end.
    expect(resolveDeadline(rule('inspection-consolidated'), inspected.events)).toBe('2022-10-03');
    expect(resolveDeadline(rule('inspection-summary'), inspected.events)).toBe('2022-10-08');
    // The conference of one year is often held early the next: across the year end.
    const conference = withEvent(plan, 'conference-end', '2022-12-29');
    expect(resolveDeadlines(conference).get('award-dossiers')).toBe('2023-01-03');
    expect(resolveDeadlines(conference).get('registration')).toBe('2022-02-10');
    // Across 29/02 of a leap year.
    expect(addDays('2024-02-27', 5)).toBe('2024-03-03');
    expect(addDays('2023-02-27', 5)).toBe('2023-03-04');
    // An event the plan does not hold gives no date either.
    expect(resolveDeadline({ type: 'after_event', event: 'khong-co', days: 2 }, plan.events)).toBeNull();
  });

  it('a rule in words', () => {
    expect(ruleText(rule('registration'), plan.events)).toBe('trước ngày 10/02/2022');
    expect(ruleText(rule('inspection-minutes'), plan.events)).toBe('chậm nhất 02 ngày sau khi kết thúc kiểm tra (chưa có ngày)');
    expect(ruleText(rule('award-dossiers'), plan.events)).toBe('chậm nhất 05 ngày sau khi kết thúc Hội nghị tổng kết thi đua của Khu vực thi đua (chưa có ngày)');
    const inspected = withEvent(plan, 'inspection-start', '2022-09-12');
    expect(ruleText(rule('inspection-plan'), inspected.events)).toBe('chậm nhất 15 ngày trước khi bắt đầu kiểm tra (hạn: 28/08/2022)');
    expect(ruleText(rule('inspection-self-report'), inspected.events)).toBe('trước khi bắt đầu kiểm tra (hạn: 12/09/2022)');
  });

  it('states on the boundary days', () => {
    const deadline = '2022-02-10';
    const at = (today: string, sentAt: string | null = null) => milestoneState({ deadline, sentAt, today });
    expect(at('2022-01-31')).toEqual({ kind: 'not_yet_due', deadline, daysLeft: 10 });
    expect(at('2022-02-02')).toEqual({ kind: 'not_yet_due', deadline, daysLeft: 8 });
    expect(at('2022-02-03')).toEqual({ kind: 'due_soon', deadline, daysLeft: 7 });
    expect(at('2022-02-09')).toEqual({ kind: 'due_soon', deadline, daysLeft: 1 });
    expect(at('2022-02-10')).toEqual({ kind: 'due_today', deadline });
    expect(at('2022-02-11')).toEqual({ kind: 'overdue', deadline, days: 1 });
    expect(at('2022-03-01')).toEqual({ kind: 'overdue', deadline, days: 19 });
    expect(milestoneState({ deadline, sentAt: null, today: '2022-02-05', soonDays: 3 }).kind).toBe('not_yet_due');
    // Sent: the day it was sent decides, whatever today is.
    expect(at('2022-03-01', '2022-02-10')).toEqual({ kind: 'on_time', deadline, sentAt: '2022-02-10' });
    expect(at('2022-03-01', '2022-02-11')).toEqual({ kind: 'late', deadline, sentAt: '2022-02-11', days: 1 });
    expect(at('2022-02-01', '2022-01-20')).toEqual({ kind: 'on_time', deadline, sentAt: '2022-01-20' });
    // No date yet for the event: no deadline, and what is sent meanwhile is not late.
    expect(milestoneState({ deadline: null, sentAt: null, today: '2022-09-01' })).toEqual({ kind: 'no_deadline' });
    expect(milestoneState({ deadline: null, sentAt: '2022-09-01T03:00:00Z', today: '2022-09-01' })).toEqual({ kind: 'on_time', deadline: null, sentAt: '2022-09-01T03:00:00Z' });
  });

  it('days are Vietnam days: 23:30 on the deadline day is on time, 00:30 the next day is late', () => {
    const deadline = '2022-02-10';
    // 23:30 in Hà Nội is 16:30 UTC the same day; 00:30 on the 11th is 17:30 UTC on the 10th.
    expect(milestoneState({ deadline, sentAt: '2022-02-10T16:30:00Z', today: '2022-02-12' }).kind).toBe('on_time');
    expect(milestoneState({ deadline, sentAt: '2022-02-10T16:59:59.999Z', today: '2022-02-12' }).kind).toBe('on_time');
    expect(milestoneState({ deadline, sentAt: '2022-02-10T17:30:00Z', today: '2022-02-12' })).toMatchObject({ kind: 'late', days: 1 });
    expect(milestoneState({ deadline, sentAt: '2022-02-11T00:30:00+07:00', today: '2022-02-12' })).toMatchObject({ kind: 'late', days: 1 });
    // Today as a timestamp: 17:30 UTC on the 9th is already the 10th in Vietnam.
    expect(milestoneState({ deadline, sentAt: null, today: '2022-02-09T17:30:00Z' }).kind).toBe('due_today');
    expect(milestoneState({ deadline, sentAt: null, today: '2022-02-10T17:30:00Z' })).toMatchObject({ kind: 'overdue', days: 1 });
    expect(daysBefore(deadline, '2022-02-09T16:59:00Z')).toBe(1);
  });

  it('states in words', () => {
    const deadline = '2022-02-10';
    const text = (today: string, sentAt: string | null = null) => stateText(milestoneState({ deadline, sentAt, today }));
    expect(text('2022-01-01')).toBe('Chưa đến hạn (hạn 10/02/2022, còn 40 ngày).');
    expect(text('2022-02-07')).toBe('Còn 3 ngày (hạn 10/02/2022).');
    expect(text('2022-02-10')).toBe('Hôm nay là hạn cuối (10/02/2022).');
    expect(text('2022-02-13')).toBe('Quá hạn 3 ngày (hạn 10/02/2022).');
    expect(text('2022-02-13', '2022-02-10T16:30:00Z')).toBe('Đã gửi ngày 10/02/2022, đúng hạn.');
    expect(text('2022-02-13', '2022-02-12T01:00:00Z')).toBe('Đã gửi ngày 12/02/2022, muộn 2 ngày (hạn 10/02/2022).');
    expect(stateText({ kind: 'no_deadline' })).toBe('Chưa có hạn.');
  });

  it('the registration deadline helpers keep answering as before', () => {
    expect(daysBefore('2022-02-10', '2022-02-10T16:30:00Z')).toBe(0);
    expect(isLate('2022-02-10', '2022-02-10T17:30:00Z', '2022-03-01T00:00:00Z')).toBe(true);
    expect(isLate('2022-02-10', '2022-02-10T16:30:00Z', '2022-03-01T00:00:00Z')).toBe(false);
    expect(deadlineStatus('2022-02-10', '2022-02-12T01:00:00Z', '2022-03-01T00:00:00Z').text).toBe('Hạn gửi đăng ký: 10/02/2022. Đã gửi ngày 12/02/2022, muộn 2 ngày.');
  });
});

describe('which milestones concern a unit', () => {
  const plan = planTemplate(2022);
  const keys = (role: 'leader' | 'deputy' | 'member', kind: 'so_tu_phap' | 'thads') =>
    milestonesFor(plan, { role, kind }).map((x) => `${x.part === 'gathered' ? '(via deputy) ' : ''}${x.milestone.key}`);
  const memberSteps = ['registration', 'plan-comments', 'mid-year-report', 'inspection-self-report', 'year-end-report', 'year-end-dossier'];

  it("a Sở member sends its own steps; a Cục THADS member's also reach the leader through the deputy", () => {
    expect(keys('member', 'so_tu_phap')).toEqual(memberSteps);
    expect(keys('member', 'thads')).toEqual([
      'registration',
      '(via deputy) registration-consolidated',
      'plan-comments',
      'mid-year-report',
      '(via deputy) mid-year-consolidated',
      'inspection-self-report',
      '(via deputy) inspection-consolidated',
      'year-end-report',
      'year-end-dossier',
      '(via deputy) year-end-consolidated',
    ]);
  });

  it('the deputy sends its own steps and its consolidated ones; the leader its steps and its own reports, never to itself alone', () => {
    expect(keys('deputy', 'thads')).toEqual([
      'registration',
      'registration-consolidated',
      'plan-comments',
      'mid-year-report',
      'mid-year-consolidated',
      'inspection-self-report',
      'inspection-consolidated',
      'year-end-report',
      'year-end-dossier',
      'year-end-consolidated',
    ]);
    expect(keys('leader', 'so_tu_phap')).toEqual([
      'registration', // to the deputy and the Ministry
      'registration-summary',
      'kickoff-draft',
      'kickoff-plan',
      'mid-year-report',
      'mid-year-summary',
      'inspection-plan',
      'inspection-self-report',
      'inspection-summary',
      'conference-plan',
      'year-end-report',
      'year-end-dossier',
      'year-end-summary',
      'award-dossiers',
    ]);
    // The inspection team is no unit: nobody owes its minutes.
    expect(['leader', 'deputy', 'member'].flatMap((r) => keys(r as 'member', 'so_tu_phap'))).not.toContain('inspection-minutes');
  });
});
