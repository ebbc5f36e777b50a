import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type DbOrTx } from '../../../db/client';
import { currentRecords, saveDraft, type StoredRecord } from '../records/store';
import { requireOwnUnit } from '../units-keys/units';
import type { Milestone, PlanContent, PlanRecord } from './plan-schemas';
import { resolveDeadline } from './calendar';
import { planTemplate, type GroupKind } from './template';

/**
 * The plan in force for a group-year. The group's leader writes it; every other member holds the
 * version its kickoff brought, and until one arrives, what the unit typed itself (a registration
 * deadline read from the paper plan).
 */
export function planInForce(db: DbOrTx, groupCode: string, year: number): StoredRecord<PlanRecord> | undefined {
  const plans = currentRecords<PlanRecord>(db, 'plan', groupCode, year);
  const leader = db
    .select({ code: schema.groupMembers.unitCode })
    .from(schema.groupMembers)
    .innerJoin(schema.emulationGroups, eq(schema.emulationGroups.id, schema.groupMembers.groupId))
    .where(and(eq(schema.emulationGroups.code, groupCode), eq(schema.emulationGroups.year, year), eq(schema.groupMembers.role, 'leader')))
    .get()?.code;
  const own = requireOwnUnit(db).code;
  return plans.find((p) => p.ownerCode === leader) ?? plans.find((p) => p.ownerCode === own);
}

/** The plan this unit writes for a group-year (as leader, or its own notes as a member), if any. */
export function ownPlan(db: DbOrTx, groupCode: string, year: number): StoredRecord<PlanRecord> | undefined {
  return currentRecords<PlanRecord>(db, 'plan', groupCode, year, requireOwnUnit(db).code)[0];
}

export const emptyPlan = (): PlanContent => ({
  movements: [],
  phases: [],
  events: [],
  milestones: [],
  document: { number_symbol: '', place: '', date: '', signer_title: '', signer_name: '', recipients: [] },
});

/** Saves this unit's plan: the draft changes in place, a published one gets a new version. */
export function saveOwnPlan(tx: DbOrTx, groupCode: string, year: number, plan: PlanContent, now: string): StoredRecord<PlanRecord> {
  const own = requireOwnUnit(tx).code;
  const current = ownPlan(tx, groupCode, year);
  const recordId = current?.recordId ?? crypto.randomUUID();
  const version = current?.status === 'draft' ? current.version : (current?.version ?? 0) + 1;
  // The record states its own id and version, as it will travel.
  const content: PlanRecord = { record_id: recordId, type: 'plan', version, group: { code: groupCode, year }, plan };
  return saveDraft(tx, { recordId, type: 'plan', ownerCode: own, groupCode, year }, content, now);
}

/** The registration milestone as the group form shows it: the calendar owns it, the form edits its date. */
const registrationMilestone = (year: number, date: string): Milestone => ({
  key: 'registration',
  section: 'registration',
  title: `Đăng ký thi đua năm ${year}`,
  deliverable: 'registration',
  from: 'member',
  to: ['leader', 'deputy'],
  gathers: null,
  deadline: { type: 'date', date },
  note: '',
});

/**
 * Sets (or clears) the date of the registration milestone in this unit's plan, keeping the rest of the
 * plan. A leader's first plan starts from the template of seed 000 for the year; a member's own notes
 * start empty, until the leader's kickoff brings the real plan.
 */
export function setRegistrationDeadline(
  tx: DbOrTx,
  group: { code: string; year: number; kind: GroupKind; leading: boolean },
  date: string | null,
  now: string,
): void {
  const { code: groupCode, year } = group;
  const current = ownPlan(tx, groupCode, year);
  if (!current && !date && !group.leading) return;
  const plan = current ? structuredClone(current.content.plan) : group.leading ? planTemplate(year, group.kind) : emptyPlan();
  const at = plan.milestones.findIndex((m) => m.key === 'registration');
  if (!date) {
    if (at >= 0) plan.milestones.splice(at, 1);
  } else if (at >= 0) {
    plan.milestones[at] = { ...plan.milestones[at]!, deadline: { type: 'date', date } };
  } else {
    plan.milestones.unshift(registrationMilestone(year, date));
  }
  saveOwnPlan(tx, groupCode, year, plan, now);
}

/** A milestone's deadline in the plan in force, as a date; null when the plan has none or its event has no date yet. */
export function milestoneDeadline(db: DbOrTx, groupCode: string, year: number, key: string): string | null {
  const plan = planInForce(db, groupCode, year)?.content.plan;
  const milestone = plan?.milestones.find((m) => m.key === key);
  return milestone ? resolveDeadline(milestone.deadline, plan!.events) : null;
}
