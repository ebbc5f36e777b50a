import { formatDateVi, localDate } from '../text/vietnamese';
import type { UnitKind } from '../units-keys/schemas';
import type { DeadlineRule, Milestone, PlanContent } from './plan-schemas';
import type { Role } from './schemas';

/**
 * The calendar's rules: when a milestone is due, where a unit stands against it, and who owes it.
 * Pure: "today" is always passed in, so the workspace's clock (tests, the demo) decides what day it is.
 * Days are calendar days in Vietnam (UTC+7): a bundle sent at 23:30 on the deadline day is on time.
 */

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${localDate(iso)}T00:00:00Z`) / DAY;

/** Whole calendar days in Vietnam from `at` (a timestamp or a date) to the deadline: negative once past it. */
export function daysBefore(deadline: string, at: string): number {
  return dayNumber(deadline) - dayNumber(at);
}

/** The date `days` calendar days after (negative: before) a date or a timestamp's day in Vietnam. */
export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY).toISOString().slice(0, 10);
}

type PlanEvent = PlanContent['events'][number];

/** A milestone's deadline as a date; null while the event it counts from has no date (or is not in the plan). */
export function resolveDeadline(rule: DeadlineRule, events: readonly PlanEvent[]): string | null {
  if (rule.type === 'date') return rule.date;
  const date = events.find((e) => e.key === rule.event)?.date;
  if (!date) return null;
  return addDays(date, rule.type === 'after_event' ? rule.days : -rule.days);
}

/** Every milestone's deadline by key, for screens and boards that show many. */
export function resolveDeadlines(plan: Pick<PlanContent, 'milestones' | 'events'>): Map<string, string | null> {
  return new Map(plan.milestones.map((m) => [m.key, resolveDeadline(m.deadline, plan.events)]));
}

/** Where one unit stands on one milestone, on one day. */
export type MilestoneState =
  /** The deadline counts from an event that has no date yet. */
  | { kind: 'no_deadline' }
  /** More than `soonDays` away. */
  | { kind: 'not_yet_due'; deadline: string; daysLeft: number }
  | { kind: 'due_soon'; deadline: string; daysLeft: number }
  | { kind: 'due_today'; deadline: string }
  | { kind: 'overdue'; deadline: string; days: number }
  /** Sent on or before the deadline's day (or sent while there is no deadline yet). */
  | { kind: 'on_time'; deadline: string | null; sentAt: string }
  | { kind: 'late'; deadline: string; sentAt: string; days: number };

/**
 * The state of a milestone for one unit. `sentAt` is when the unit's submission was made (the
 * member's own date, even when it arrived through the deputy), an ISO timestamp or date, or null.
 * `soonDays`: how close a deadline must be to count as "due soon" rather than "not yet due".
 */
export function milestoneState(input: { deadline: string | null; sentAt: string | null; today: string; soonDays?: number }): MilestoneState {
  const { deadline, sentAt, today } = input;
  if (sentAt) {
    if (!deadline) return { kind: 'on_time', deadline: null, sentAt };
    const late = -daysBefore(deadline, sentAt);
    return late > 0 ? { kind: 'late', deadline, sentAt, days: late } : { kind: 'on_time', deadline, sentAt };
  }
  if (!deadline) return { kind: 'no_deadline' };
  const left = daysBefore(deadline, today);
  if (left < 0) return { kind: 'overdue', deadline, days: -left };
  if (left === 0) return { kind: 'due_today', deadline };
  return left <= (input.soonDays ?? 7) ? { kind: 'due_soon', deadline, daysLeft: left } : { kind: 'not_yet_due', deadline, daysLeft: left };
}

/** The state in words, as the home screen and the status board print it. */
export function stateText(state: MilestoneState): string {
  switch (state.kind) {
    case 'no_deadline':
      return 'Chưa có hạn.';
    case 'not_yet_due':
      return `Chưa đến hạn (hạn ${formatDateVi(state.deadline)}, còn ${state.daysLeft} ngày).`;
    case 'due_soon':
      return `Còn ${state.daysLeft} ngày (hạn ${formatDateVi(state.deadline)}).`;
    case 'due_today':
      return `Hôm nay là hạn cuối (${formatDateVi(state.deadline)}).`;
    case 'overdue':
      return `Quá hạn ${state.days} ngày (hạn ${formatDateVi(state.deadline)}).`;
    case 'on_time':
      return `Đã gửi ngày ${formatDateVi(state.sentAt)}${state.deadline ? ', đúng hạn' : ''}.`;
    case 'late':
      return `Đã gửi ngày ${formatDateVi(state.sentAt)}, muộn ${state.days} ngày (hạn ${formatDateVi(state.deadline)}).`;
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A title inside a sentence: "Kết thúc kiểm tra" → "kết thúc kiểm tra". */
export const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/**
 * The rule as a plan words it: "trước ngày 10/02/2022", "chậm nhất 02 ngày sau khi kết thúc kiểm tra
 * (chưa có ngày)", "chậm nhất 15 ngày trước khi bắt đầu kiểm tra (hạn: 28/08/2022)". The printed plan
 * leaves out "(chưa có ngày)" (`sayUndated: false`): a plan is signed before the inspection is dated.
 */
export function ruleText(rule: DeadlineRule, events: readonly PlanEvent[], options: { sayUndated?: boolean } = {}): string {
  if (rule.type === 'date') return `trước ngày ${formatDateVi(rule.date)}`;
  const event = events.find((e) => e.key === rule.event);
  const what = event ? lowerFirst(event.title) : rule.event;
  const deadline = resolveDeadline(rule, events);
  const when = deadline ? ` (hạn: ${formatDateVi(deadline)})` : options.sayUndated === false ? '' : ' (chưa có ngày)';
  if (rule.days === 0) return `${rule.type === 'after_event' ? 'ngay sau khi' : 'trước khi'} ${what}${when}`;
  return `chậm nhất ${pad2(rule.days)} ngày ${rule.type === 'after_event' ? 'sau khi' : 'trước khi'} ${what}${when}`;
}

export interface UnitInGroup {
  role: Role;
  kind: UnitKind;
}

/**
 * Whether a unit owes this milestone. A member's step is owed by every unit of the group (the leader
 * and the deputy are members too) except one it would be sent to itself alone: the leader does not
 * comment on its own draft, but registers to the deputy and the Ministry. A deputy's or leader's step
 * is owed by the unit holding that role; the inspection team is no unit.
 */
export function owes(milestone: Milestone, unit: UnitInGroup): boolean {
  if (milestone.from === 'member') return milestone.to.some((to) => to !== unit.role && to !== 'member');
  return milestone.from === unit.role;
}

/** Whether a deputy's step carries this unit's own submission: it gathers the members of its kind. */
export function gathers(milestone: Milestone, unit: UnitInGroup): boolean {
  return milestone.from === 'deputy' && milestone.gathers === unit.kind && unit.role !== 'deputy';
}

export interface UnitMilestone {
  milestone: Milestone;
  part: 'sends' | 'gathered';
}

/**
 * The milestones that concern a unit, in the plan's order: those it sends ('sends'), and the deputy's
 * consolidated steps through which its own submission reaches the leader ('gathered').
 */
export function milestonesFor(plan: Pick<PlanContent, 'milestones'>, unit: UnitInGroup): UnitMilestone[] {
  return plan.milestones.flatMap((milestone): UnitMilestone[] => {
    if (owes(milestone, unit)) return [{ milestone, part: 'sends' }];
    if (gathers(milestone, unit)) return [{ milestone, part: 'gathered' }];
    return [];
  });
}

/**
 * The milestone a bundle of `kind` that `unit` sends on `today` answers, stated in its header so the
 * receiver credits it to exactly that one. The only milestone of that kind the unit sends, if there is
 * one; else, among those not yet `answered` (all of them, for a resend), the dated one whose deadline
 * is nearest today, the upcoming one on a tie: a step sent a few days late is still that step, not the
 * next one months away. An undated one only when none is dated. Null when the plan has none of that kind.
 */
export function milestoneToAnswer(plan: Pick<PlanContent, 'milestones' | 'events'>, unit: UnitInGroup, kind: string, today: string, answered: ReadonlySet<string>): Milestone | null {
  const fits = milestonesFor(plan, unit)
    .filter((u) => u.part === 'sends' && u.milestone.deliverable === kind)
    .map((u) => u.milestone);
  if (fits.length <= 1) return fits[0] ?? null;
  const open = fits.filter((m) => !answered.has(m.key));
  const pool = open.length ? open : fits;
  const deadlines = resolveDeadlines(plan);
  // Upcoming days count as distance d, overdue ones as d + ½: equally far, the upcoming step wins.
  const distance = (m: Milestone) => {
    const d = daysBefore(deadlines.get(m.key)!, today);
    return d >= 0 ? d : -d + 0.5;
  };
  const dated = pool.filter((m) => deadlines.get(m.key));
  return dated.length ? dated.reduce((best, m) => (distance(m) < distance(best) ? m : best)) : pool[0]!;
}
