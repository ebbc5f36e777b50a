import type { DbOrTx } from '../../../db/client';
import { receiptsFor } from '../bundles/receipts';
import { UserError } from '../errors';
import { formatDateVi } from '../text/vietnamese';
import { requireOwnUnit } from '../units-keys/units';
import type { MemberDeadline, MemberDeadlines } from './board-schemas';
import { daysBefore, milestonesFor, milestoneState, milestoneToAnswer, resolveDeadlines, ruleText, stateText } from './calendar';
import { getGroup } from './groups';
import { groupKindWords } from './group-kind';
import type { Milestone } from './plan-schemas';
import { planInForce } from './plan';
import { answersOf, sentSubmissions } from './status-board';

/** The ministry is no member of the group: it is named, not looked up. */
const MINISTRY = 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp';

/** Unsent first (by deadline, the undated after), then what was sent; the plan's order breaks ties. */
function rank(d: MemberDeadline): [number, string] {
  const sent = d.state === 'on_time' || d.state === 'late';
  if (sent) return [2, d.deadline ?? '9999'];
  return d.deadline ? [0, d.deadline] : [1, ''];
}

/**
 * The unit's home screen of deadlines on `today` (an ISO timestamp from the workspace's clock): each
 * milestone it owes in the plan in force, to whom, the days left or overdue, what it sent for it, and
 * whether the receiver's receipt came back.
 */
export function memberDeadlines(db: DbOrTx, groupId: number, options: { today: string }): MemberDeadlines {
  const group = getGroup(db, groupId);
  const own = requireOwnUnit(db);
  const me = group.members.find((m) => m.code === own.code);
  if (!me) throw new UserError(`Đơn vị này không có trong danh sách thành viên của ${group.name} năm ${group.year}.`);
  const groupKind = groupKindWords(group.kind).kind;
  const plan = planInForce(db, group.code, group.year)?.content.plan;
  const owed = plan ? milestonesFor(plan, me).filter((u) => u.part === 'sends').map((u) => u.milestone) : [];
  const deadlines = plan ? resolveDeadlines(plan) : new Map<string, string | null>();

  const answers = answersOf(owed, deadlines, sentSubmissions(db, group));
  const receipts = receiptsFor(db, [...answers.values()].flat().map((s) => s.bundleId));
  const nameOf = (code: string) => group.members.find((m) => m.code === code)?.name ?? code;

  const receivers = (m: Milestone): MemberDeadline['to'] =>
    m.to
      .filter((role) => role !== me.role)
      .map((role) => {
        if (role === 'ministry') return { role, roleName: MINISTRY, units: [] };
        if (role === 'member') return { role, roleName: 'Các đơn vị thành viên', units: [] };
        const holders = group.members.filter((u) => u.role === role).map((u) => u.name);
        return { role, roleName: `${role === 'leader' ? 'Trưởng' : 'Phó Trưởng'} ${groupKind}`, units: holders };
      });

  const items = owed.map((m, order): [MemberDeadline, number] => {
    const deadline = deadlines.get(m.key) ?? null;
    const mine = answers.get(m.key)!;
    const state = milestoneState({ deadline, sentAt: mine[0]?.sentAt ?? null, today: options.today });
    const to = receivers(m);
    const withReceipts = mine.map((s) => {
      const r = receipts.get(s.bundleId);
      return { bundleId: s.bundleId, seq: s.seq, sentAt: s.sentAt, receipt: r ? { ...r, byName: nameOf(r.by) } : null };
    });
    const acknowledged = withReceipts.filter((s) => s.receipt).at(-1);
    const last = withReceipts.at(-1);
    const receiptText = acknowledged
      ? `Đã được ${acknowledged.receipt!.byName} tiếp nhận ngày ${formatDateVi(acknowledged.receipt!.receivedAt)}` +
        (last !== acknowledged ? `; bản gửi ngày ${formatDateVi(last!.sentAt)} chưa có biên nhận.` : '.')
      : '';
    return [
      {
        key: m.key,
        section: m.section,
        title: m.title,
        deliverable: m.deliverable,
        to,
        toText: to.map((t) => (t.units.length ? `${t.roleName} (${t.units.join(', ')})` : t.roleName)).join('; '),
        deadline,
        rule: ruleText(m.deadline, plan!.events),
        state: state.kind,
        daysLeft: deadline ? daysBefore(deadline, options.today) : null,
        stateText: stateText(state),
        sent: withReceipts,
        receiptText,
      },
      order,
    ];
  });
  items.sort(([a, i], [b, j]) => {
    const [ra, da] = rank(a);
    const [rb, db_] = rank(b);
    return ra - rb || da.localeCompare(db_) || i - j;
  });

  return {
    group: { id: group.id, code: group.code, name: group.name, year: group.year, kind: group.kind },
    unit: { code: me.code, name: me.name, role: me.role },
    today: options.today,
    milestones: items.map(([d]) => d),
  };
}

/** The milestone a bundle about to be sent answers, as the export confirmation names it. */
export interface MilestoneToSend {
  key: string;
  title: string;
  deadline: string | null;
}

/**
 * Which milestone of the plan in force a bundle of `kind` this unit sends now answers (calendar.ts
 * milestoneToAnswer), judged against what it already sent for the group-year; null without a plan or
 * a milestone of that kind.
 */
export function milestoneToSend(db: DbOrTx, groupId: number, kind: string, today: string): MilestoneToSend | null {
  const group = getGroup(db, groupId);
  const me = group.members.find((m) => m.code === requireOwnUnit(db).code);
  const plan = planInForce(db, group.code, group.year)?.content.plan;
  if (!me || !plan) return null;
  const owed = milestonesFor(plan, me).filter((u) => u.part === 'sends').map((u) => u.milestone);
  const deadlines = resolveDeadlines(plan);
  const answered = new Set([...answersOf(owed, deadlines, sentSubmissions(db, group))].filter(([, sent]) => sent.length).map(([key]) => key));
  const m = milestoneToAnswer(plan, me, kind, today, answered);
  return m && { key: m.key, title: m.title, deadline: deadlines.get(m.key) ?? null };
}
