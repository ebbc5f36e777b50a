import data from '../../../resources/calendar/plan-template.json';
import internalData from '../../../resources/calendar/plan-template-noi-bo.json';
import { planContentSchema, type PlanContent } from './plan-schemas';
import { isRealIsoDate } from './schemas';
import { groupKindWords, type GroupKind } from './group-kind';

/**
 * The plan every year starts from: seed 000's calendar (resources/calendar/plan-template.json), its
 * dates written month-day so the same steps fall on the same day of any year. The leader then changes
 * what differs in its own plan. A Sở's internal group (Cụm nội bộ: its divisions) starts from a simpler
 * plan of its own (plan-template-noi-bo.json): registration with the Văn phòng Sở, the mid-year and
 * year-end reports, and the dossiers to the Sở's council.
 */

export type { GroupKind };

/** "{year}", "{next_year}", "{group_kind}", "{group_abbr}" in a template text, filled in. */
function fill(text: string, year: number, kind: GroupKind): string {
  return text
    .replaceAll('{year}', String(year))
    .replaceAll('{next_year}', String(year + 1))
    .replaceAll('{group_kind}', groupKindWords(kind).kind)
    .replaceAll('{group_abbr}', groupKindWords(kind).abbr);
}

/**
 * "02-10" in `year`. The template never holds 29/02: a step on that day would not exist three years
 * in four, so such a date is refused here rather than moved to a day the plan never said.
 */
function dayOf(monthDay: string, year: number): string {
  if (!/^\d{2}-\d{2}$/.test(monthDay) || monthDay === '02-29' || !isRealIsoDate(`2001-${monthDay}`)) {
    throw new Error(`Mẫu kế hoạch có ngày "${monthDay}" không hợp lệ: ngày phải viết tháng-ngày (ví dụ 02-10) và có trong mọi năm.`);
  }
  return `${year}-${monthDay}`;
}

export type PlanTemplate = typeof data;

/** Seed 000's plan for `year` (the internal template for a Cụm nội bộ), checked against the plan's schema. */
export function planTemplate(year: number, groupKind: GroupKind = 'khu_vuc'): PlanContent {
  return planFromTemplate(groupKind === 'noi_bo' ? internalData : data, year, groupKind);
}

/** A template's plan for `year`: placeholders filled, month-days dated, the whole checked by the plan's schema. */
export function planFromTemplate(template: PlanTemplate, year: number, groupKind: GroupKind): PlanContent {
  const t = (s: string) => fill(s, year, groupKind);
  return planContentSchema.parse({
    movements: template.movements.map((m) => ({ kind: m.kind, name: t(m.name), description: t(m.description) })),
    phases: template.phases.map((p) => ({ name: t(p.name), from: dayOf(p.from, year), to: dayOf(p.to, year), purpose: t(p.purpose) })),
    events: template.events.map((e) => ({ key: e.key, title: t(e.title), date: null, expected: t(e.expected) })),
    milestones: template.milestones.map((m) => ({
      key: m.key,
      section: m.section,
      title: t(m.title),
      deliverable: m.deliverable,
      from: m.from,
      to: m.to,
      gathers: m.gathers,
      deadline: m.deadline.type === 'date' ? { type: 'date', date: dayOf(m.deadline.date!, year) } : m.deadline,
      note: t(m.note),
    })),
    document: { number_symbol: t(template.document.number_symbol), place: '', date: '', signer_title: '', signer_name: '', recipients: template.document.recipients.map(t) },
  });
}
