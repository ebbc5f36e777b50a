import { and, eq } from 'drizzle-orm';
import { schema, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { compareVi, formatDateVi } from '../text/vietnamese';
import { requireOwnUnit } from '../units-keys/units';
import type { BoardCell, BoardColumn, BoardRow, BoardTotals, BoardUnitKind, StatusBoard } from './board-schemas';
import { daysBefore, milestoneState, owes, resolveDeadlines, ruleText, type UnitInGroup } from './calendar';
import { getGroup } from './groups';
import { deliverables, type Milestone } from './plan-schemas';
import { planInForce } from './plan';

/**
 * The status board (bảng theo dõi): for the leader and the deputy, the member units × the milestones
 * they send, each cell on time, late, missing, not yet due or undated. A bundle answers a milestone
 * when its kind is the milestone's deliverable (the deliverables are named after the bundle kinds).
 */

/** A submission of one unit: its own signed date, and when it was accepted here (null: sent by this unit). */
export interface Submission {
  bundleId: string;
  kind: string;
  seq: number;
  sentAt: string;
  receivedAt: string | null;
  /** Entered by the leader or the deputy from the member's paper; `sentAt` is then the paper's date. */
  onBehalf?: boolean;
  /** The milestone key the bundle's header names, if any. */
  milestone?: string | null;
}

/**
 * Which of a unit's submissions answer which of its milestones. A bundle whose header names one of
 * them, of its kind (or of a kind no plan step names), answers exactly that one. Any other (made before headers named a milestone, or
 * naming one the plan no longer has as such: the plan may have been edited) answers the only
 * milestone of its kind, or, when several share the kind (the deputy's consolidated bundles at
 * registration, mid-year, inspection and year end), the dated one whose deadline is nearest its date:
 * a late one is still nearer its own step than the next. `submissions` come first-accepted first;
 * each list keeps that order.
 */
export function answersOf(milestones: readonly Milestone[], deadlines: ReadonlyMap<string, string | null>, submissions: readonly Submission[]): Map<string, Submission[]> {
  const answers = new Map<string, Submission[]>(milestones.map((m) => [m.key, []]));
  for (const s of submissions) {
    // A kind the plan has no deliverable for (the leader's bundle to the Ministry, for its "dossier" step) answers the step its header names.
    const planKind = (deliverables as readonly string[]).includes(s.kind);
    const same = milestones.filter((m) => (planKind ? m.deliverable === s.kind : m.key === s.milestone));
    if (!same.length) continue;
    let target = same.find((m) => m.key === s.milestone) ?? same[0]!;
    if (same.length > 1 && target.key !== s.milestone) {
      const dated = same.filter((m) => deadlines.get(m.key));
      if (!dated.length) continue;
      target = dated.reduce((best, m) => (Math.abs(daysBefore(deadlines.get(m.key)!, s.sentAt)) < Math.abs(daysBefore(deadlines.get(best.key)!, s.sentAt)) ? m : best));
    }
    answers.get(target.key)!.push(s);
  }
  return answers;
}

/** What this unit itself sent for a group-year, in the order it signed them. */
export function sentSubmissions(db: DbOrTx, group: { code: string; year: number }): Submission[] {
  return db
    .select({ bundleId: schema.sentBundles.bundleId, seq: schema.sentBundles.seq, kind: schema.sentBundles.kind, sentAt: schema.sentBundles.createdAt, milestone: schema.sentBundles.milestone })
    .from(schema.sentBundles)
    .where(and(eq(schema.sentBundles.groupCode, group.code), eq(schema.sentBundles.year, group.year)))
    .all()
    .sort((a, b) => a.seq - b.seq)
    .map((s) => ({ ...s, receivedAt: null }));
}

const resentText = (n: number) => (n ? `; đã gửi lại ${n} lần` : '');

/** One cell from the deadline and the unit's submissions for it. */
export function boardCell(deadline: string | null, submissions: readonly Submission[], today: string): BoardCell {
  const first = submissions[0];
  const resent = Math.max(0, submissions.length - 1);
  const onBehalf = !!first?.onBehalf;
  const base = { deadline, sentAt: first?.sentAt ?? null, receivedAt: first?.receivedAt ?? null, resent, onBehalf };
  const typed = onBehalf ? ' (nhập thay)' : '';
  const state = milestoneState({ deadline, sentAt: first?.sentAt ?? null, today });
  switch (state.kind) {
    case 'on_time':
      return { ...base, state: 'on_time', days: null, text: `${state.deadline ? 'Đúng hạn' : 'Đã gửi'}: ${formatDateVi(state.sentAt)}${typed}${resentText(resent)}` };
    case 'late':
      return { ...base, state: 'late', days: state.days, text: `Muộn ${state.days} ngày: ${formatDateVi(state.sentAt)}${typed}${resentText(resent)}` };
    case 'overdue':
      return { ...base, state: 'missing', days: state.days, text: `Chưa gửi, quá hạn ${state.days} ngày` };
    case 'no_deadline':
      return { ...base, state: 'no_deadline', days: null, text: 'Chưa có hạn' };
    case 'due_today':
      return { ...base, state: 'not_yet_due', days: 0, text: 'Chưa gửi, hôm nay là hạn cuối' };
    case 'due_soon':
    case 'not_yet_due':
      return { ...base, state: 'not_yet_due', days: state.daysLeft, text: `Chưa đến hạn (còn ${state.daysLeft} ngày)` };
  }
}

const notApplicable: BoardCell = { state: 'not_applicable', deadline: null, sentAt: null, receivedAt: null, days: null, resent: 0, onBehalf: false, text: '' };

/** A member's step, or the deputy's own: the board follows what units send, not the leader's reports upward. */
const tracked = (m: Milestone) => m.from === 'member' || m.from === 'deputy';

/**
 * The board as the leader or the deputy sees it on `today` (an ISO timestamp from the workspace's
 * clock). The leader sees every member, itself included; the deputy the members it gathers and
 * itself. A unit's cell counts only what it owes to the viewer (or, for the viewer's own row, what it
 * sent). `unitKind` filters the rows; the columns stay those of the whole group.
 */
export function statusBoard(db: DbOrTx, groupId: number, options: { today: string; unitKind?: BoardUnitKind }): StatusBoard {
  const group = getGroup(db, groupId);
  const own = requireOwnUnit(db);
  const viewer = group.members.find((m) => m.code === own.code);
  if (!viewer || viewer.role === 'member') {
    throw new UserError('Bảng theo dõi tình hình gửi hồ sơ chỉ dành cho Trưởng và Phó Trưởng Khu vực/Cụm thi đua.');
  }
  const unitKind = options.unitKind ?? 'all';
  const plan = planInForce(db, group.code, group.year)?.content.plan;
  const milestones = (plan?.milestones ?? []).filter(tracked);
  const deadlines = plan ? resolveDeadlines(plan) : new Map<string, string | null>();

  const units = group.members
    .filter((m) => viewer.role === 'leader' || m.code === viewer.code || m.gatheredByDeputy)
    .sort((a, b) => compareVi(a.name, b.name));
  const applies = (m: Milestone, unit: UnitInGroup & { code: string }) => owes(m, unit) && (unit.code === viewer.code || m.to.includes(viewer.role));
  const columns = milestones.filter((m) => units.some((u) => applies(m, u)));

  // Every submission of the group-year at once: the board of 130 units is one query, not 130 × columns.
  const received = db
    .select({
      bundleId: schema.receivedBundles.bundleId,
      seq: schema.receivedBundles.seq,
      sender: schema.receivedBundles.senderCode,
      kind: schema.receivedBundles.kind,
      sentAt: schema.receivedBundles.createdAt,
      receivedAt: schema.receivedBundles.receivedAt,
      milestone: schema.receivedBundles.milestone,
    })
    .from(schema.receivedBundles)
    .where(and(eq(schema.receivedBundles.groupCode, group.code), eq(schema.receivedBundles.year, group.year)))
    .all();
  // Submissions typed in from a member's paper count as received on the paper's date.
  const typedIn = db
    .select({ bundleId: schema.onBehalfEntries.entryId, sender: schema.onBehalfEntries.unitCode, kind: schema.onBehalfEntries.kind, sentAt: schema.onBehalfEntries.submittedAt })
    .from(schema.onBehalfEntries)
    .where(and(eq(schema.onBehalfEntries.groupCode, group.code), eq(schema.onBehalfEntries.year, group.year)))
    .all();
  const bySender = new Map<string, Submission[]>();
  for (const r of [...received, ...typedIn.map((t) => ({ ...t, seq: 0, receivedAt: t.sentAt, milestone: null, onBehalf: true }))]) {
    const list = bySender.get(r.sender) ?? [];
    list.push({ bundleId: r.bundleId, seq: r.seq, kind: r.kind, sentAt: r.sentAt, receivedAt: r.receivedAt, milestone: r.milestone, onBehalf: 'onBehalf' in r });
    bySender.set(r.sender, list);
  }
  for (const list of bySender.values()) list.sort((a, b) => a.receivedAt!.localeCompare(b.receivedAt!) || a.seq - b.seq);
  bySender.set(own.code, sentSubmissions(db, group));

  const allRows: BoardRow[] = units.map((u) => {
    const owed = columns.filter((m) => applies(m, u));
    const answers = answersOf(owed, deadlines, bySender.get(u.code) ?? []);
    return {
      code: u.code,
      name: u.name,
      kind: u.kind,
      role: u.role,
      gatheredByDeputy: u.gatheredByDeputy,
      cells: columns.map((m) => (answers.has(m.key) ? boardCell(deadlines.get(m.key) ?? null, answers.get(m.key)!, options.today) : notApplicable)),
    };
  });
  const rows = unitKind === 'all' ? allRows : allRows.filter((r) => r.kind === unitKind);

  const boardColumns: BoardColumn[] = columns.map((m, i) => {
    const cells = rows.map((r) => r.cells[i]!);
    const count = (...states: BoardCell['state'][]) => cells.filter((c) => states.includes(c.state)).length;
    const totals: BoardTotals = {
      expected: cells.length - count('not_applicable'),
      received: count('on_time', 'late'),
      late: count('late'),
      missing: count('missing'),
      notYetDue: count('not_yet_due'),
      noDeadline: count('no_deadline'),
    };
    return { key: m.key, title: m.title, deliverable: m.deliverable, from: m.from, deadline: deadlines.get(m.key) ?? null, rule: ruleText(m.deadline, plan!.events), totals };
  });

  return {
    group: { id: group.id, code: group.code, name: group.name, year: group.year, kind: group.kind },
    viewer: { code: viewer.code, name: viewer.name, role: viewer.role },
    today: options.today,
    unitKind,
    columns: boardColumns,
    rows,
  };
}
