import path from 'node:path';
import { writeTransaction } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { nowIso, type Store } from '../workspace/clock';
import { UserError } from '../errors';
import { planDocument } from '../documents/plan-doc';
import { statusBoardDocument } from '../documents/status-board-doc';
import { asciiName, writeDocx } from '../documents/write';
import { requireOwnUnit, todayVi } from '../units-keys/units';
import { resolveDeadlines, ruleText } from './calendar';
import { getGroup } from './groups';
import { ownPlan, planInForce, saveOwnPlan } from './plan';
import { planContentSchema, type PlanContent } from './plan-schemas';
import type { BoardUnitKind } from './board-schemas';
import { statusBoard } from './status-board';
import { writeStatusBoardXlsx } from './status-board-xlsx';
import { planTemplate } from './template';

/**
 * The year's plan as the leader builds it and every member reads it: the plan in force, whether this
 * unit may edit it (the leader always; a member only its own notes until the leader's kickoff
 * arrives), each milestone's deadline as a date and as a sentence.
 */
export interface PlanView {
  source: 'own' | 'leader' | 'template';
  editable: boolean;
  /** Published: the version shown has gone out in a kickoff; the next save makes a new version. */
  published: boolean;
  version: number;
  plan: PlanContent;
  deadlines: Record<string, string | null>;
  rules: Record<string, string>;
}

export function planView({ db }: Store, groupId: number): PlanView {
  const group = getGroup(db, groupId);
  const own = requireOwnUnit(db);
  const inForce = planInForce(db, group.code, group.year);
  const fromLeader = !!inForce && inForce.ownerCode !== own.code;
  const plan = inForce?.content.plan ?? planTemplate(group.year, group.kind);
  const deadlines = Object.fromEntries(resolveDeadlines(plan));
  const rules = Object.fromEntries(plan.milestones.map((m) => [m.key, ruleText(m.deadline, plan.events, { sayUndated: true })]));
  return {
    source: !inForce ? 'template' : fromLeader ? 'leader' : 'own',
    editable: group.ownRole === 'leader' || !fromLeader,
    published: inForce?.status === 'frozen',
    version: inForce?.version ?? 0,
    plan,
    deadlines,
    rules,
  };
}

/** Saves the plan this unit edits; a member cannot rewrite the plan its leader published. */
export function savePlan(store: Store, groupId: number, input: PlanContent): PlanView {
  const group = getGroup(store.db, groupId);
  if (!planView(store, groupId).editable) throw new UserError('Kế hoạch năm do Trưởng Khu vực/Cụm phát hành; đơn vị thành viên không sửa được.');
  const plan = planContentSchema.parse(input);
  writeTransaction(store.db, (tx) => saveOwnPlan(tx, group.code, group.year, plan, nowIso(store.clock)));
  return planView(store, groupId);
}

/** Starts the plan again from the template of seed 000 for the group's year (the leader then changes what differs). */
export function resetPlanToTemplate(store: Store, groupId: number): PlanView {
  const group = getGroup(store.db, groupId);
  return savePlan(store, groupId, planTemplate(group.year, group.kind));
}

/** Prints "KẾ HOẠCH hoạt động …" as DOCX into the documents folder. */
export async function printPlan(ws: Workspace, groupId: number): Promise<string> {
  const group = getGroup(ws.db, groupId);
  const { plan } = planView(ws, groupId);
  const version = ownPlan(ws.db, group.code, group.year)?.version ?? planInForce(ws.db, group.code, group.year)?.version ?? 0;
  const dest = path.join(ws.dataDir, 'documents', `ke-hoach-${group.year}-${asciiName(group.code)}${version ? `-v${version}` : ''}.docx`);
  await writeDocx(planDocument(group, plan), dest);
  return dest;
}

/** The status board as DOCX or .xlsx, into the documents folder, as the screen shows it. */
export async function exportStatusBoard(ws: Workspace, groupId: number, unitKind: BoardUnitKind, format: 'docx' | 'xlsx'): Promise<string> {
  const group = getGroup(ws.db, groupId);
  const board = statusBoard(ws.db, groupId, { today: nowIso(ws.clock), unitKind });
  const own = requireOwnUnit(ws.db);
  // The leader signs as it signs its plan; the deputy's head signs by hand.
  const doc = group.ownRole === 'leader' ? planView(ws, groupId).plan.document : null;
  const signer = { place: doc?.place || own.province, title: doc?.signer_title ?? '', name: doc?.signer_name ?? '' };
  const dest = path.join(ws.dataDir, 'documents', `theo-doi-gui-ho-so-${group.year}-${asciiName(group.code)}-${todayVi(ws.clock)}.${format}`);
  if (format === 'xlsx') await writeStatusBoardXlsx(board, dest);
  else await writeDocx(statusBoardDocument(board, own, signer), dest);
  return dest;
}
