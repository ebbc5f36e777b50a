import { z } from 'zod';
import { unitKindSchema } from '../units-keys/schemas';
import { deliverables, planSections, receiverRoles, senderRoles } from './plan-schemas';
import { groupKindSchema, roleSchema } from './schemas';

/**
 * What the status board (leader, deputy) and the member's home screen of deadlines return: the
 * contract reuses these as the outputs of their channels.
 */

const groupRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), year: z.number().int(), kind: groupKindSchema });
const unitRefSchema = z.object({ code: z.string(), name: z.string(), role: roleSchema });

/** The unit kinds as the leader's screens name them (renderer/app/labels.ts), for the printed and exported board. */

export const boardUnitKindSchema = unitKindSchema.or(z.literal('all'));
export type BoardUnitKind = z.infer<typeof boardUnitKindSchema>;

/** What the screen asks for; "today" is the workspace's clock, added by the handler. */
export const statusBoardQuerySchema = z.object({ groupId: z.number().int().positive(), unitKind: boardUnitKindSchema.default('all') });

/**
 * One cell: received on time, received late, missing (the deadline passed and nothing came), not yet
 * due, no deadline yet (its event has no date), or not owed by this unit to the one viewing the board.
 */
export const boardCellStates = ['on_time', 'late', 'missing', 'not_yet_due', 'no_deadline', 'not_applicable'] as const;
export const boardCellSchema = z.object({
  state: z.enum(boardCellStates),
  deadline: z.string().nullable(),
  /** The unit's own (signed) date of its first submission: what lateness is judged on. */
  sentAt: z.string().nullable(),
  /** When that first submission was accepted here; null for the viewer's own row. */
  receivedAt: z.string().nullable(),
  /** Days late, days overdue, or days left; null for the other states. */
  days: z.number().int().nullable(),
  /** Submissions after the first (corrections sent again). */
  resent: z.number().int().min(0),
  /** That first submission was entered by the leader or the deputy from the member's paper ("nhập thay"). */
  onBehalf: z.boolean(),
  text: z.string(),
});
export type BoardCell = z.infer<typeof boardCellSchema>;

export const boardTotalsSchema = z.object({
  /** Units that owe this milestone to the viewer, among the rows shown. */
  expected: z.number().int(),
  received: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  notYetDue: z.number().int(),
  noDeadline: z.number().int(),
});
export type BoardTotals = z.infer<typeof boardTotalsSchema>;

export const boardColumnSchema = z.object({
  key: z.string(),
  title: z.string(),
  deliverable: z.enum(deliverables),
  from: z.enum(senderRoles),
  deadline: z.string().nullable(),
  /** The rule as the plan words it: "trước ngày 10/02/2022", "chậm nhất 05 ngày sau khi …". */
  rule: z.string(),
  totals: boardTotalsSchema,
});
export type BoardColumn = z.infer<typeof boardColumnSchema>;

export const boardRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  role: roleSchema,
  gatheredByDeputy: z.boolean(),
  /** One per column, in the columns' order. */
  cells: z.array(boardCellSchema),
});
export type BoardRow = z.infer<typeof boardRowSchema>;

export const statusBoardSchema = z.object({
  group: groupRefSchema,
  viewer: unitRefSchema,
  /** The moment the board was computed (ISO timestamp). */
  today: z.string(),
  unitKind: boardUnitKindSchema,
  columns: z.array(boardColumnSchema),
  rows: z.array(boardRowSchema),
});
export type StatusBoard = z.infer<typeof statusBoardSchema>;

/** A bundle this unit sent for a milestone, and the receipt that came back for it, if any. */
export const sentForMilestoneSchema = z.object({
  bundleId: z.string(),
  seq: z.number().int(),
  sentAt: z.string(),
  receipt: z.object({ receivedAt: z.string(), by: z.string(), byName: z.string() }).nullable(),
});

export const memberDeadlineStates = ['no_deadline', 'not_yet_due', 'due_soon', 'due_today', 'overdue', 'on_time', 'late'] as const;
export const memberDeadlineSchema = z.object({
  key: z.string(),
  section: z.enum(planSections),
  title: z.string(),
  deliverable: z.enum(deliverables),
  /** The receivers: each role in words with the names of the units holding it. */
  to: z.array(z.object({ role: z.enum(receiverRoles), roleName: z.string(), units: z.array(z.string()) })),
  toText: z.string(),
  deadline: z.string().nullable(),
  rule: z.string(),
  state: z.enum(memberDeadlineStates),
  /** Days left before the deadline (negative once past it); null without a deadline. */
  daysLeft: z.number().int().nullable(),
  stateText: z.string(),
  /** Every bundle sent for it, first first. */
  sent: z.array(sentForMilestoneSchema),
  /** "Đã được tiếp nhận ngày dd/mm/yyyy", or '' while no receipt came back. */
  receiptText: z.string(),
});
export type MemberDeadline = z.infer<typeof memberDeadlineSchema>;

export const memberDeadlinesSchema = z.object({ group: groupRefSchema, unit: unitRefSchema, today: z.string(), milestones: z.array(memberDeadlineSchema) });
export type MemberDeadlines = z.infer<typeof memberDeadlinesSchema>;
