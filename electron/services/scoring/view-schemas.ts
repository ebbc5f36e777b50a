import { z } from 'zod';
import { unitKindSchema } from '../units-keys/schemas';
import { criteriaNodeSchema, criteriaTableContentSchema, itemValueSchema } from './criteria-schemas';
import { selfAssessmentRecordV1Schema, evidenceRefSchema } from './self-assessment-schemas';
import { verificationRecordV1Schema } from './verification-schemas';

/** What the scoring screens are shown, as the services state it and the IPC contract checks it. */

export const tableProblemSchema = z.object({ severity: z.enum(['error', 'warning']), node: z.string().nullable(), message: z.string() });
export type TableProblem = z.infer<typeof tableProblemSchema>;

export const criteriaViewSchema = z.object({
  /** Null until the leader starts one. */
  table: criteriaTableContentSchema.nullable(),
  recordId: z.string().nullable(),
  version: z.number(),
  /** The version shown has gone out in a kickoff (or came in one); the next save makes a new version. */
  published: z.boolean(),
  editable: z.boolean(),
  problems: z.array(tableProblemSchema),
});
export type CriteriaView = z.infer<typeof criteriaViewSchema>;

const brief = z.object({ node: z.string(), number: z.string(), content: z.string() });
export const gapsSchema = z.object({
  /** Items that apply and are not scored yet. */
  missing: z.array(brief),
  /** Items whose table asks for evidence and that have none. */
  lackingEvidence: z.array(brief),
  /** Values the table refuses, with why. */
  refused: z.array(z.object({ node: z.string(), number: z.string(), message: z.string() })),
  /** The scan of the confirmed self-assessment is not attached yet. */
  noConfirmation: z.boolean(),
});
export type Gaps = z.infer<typeof gapsSchema>;

export const totalsSummarySchema = z.object({ total: z.number(), max: z.number(), bonus: z.number(), deduction: z.number() });

export const selfAssessmentViewSchema = z.object({
  table: criteriaTableContentSchema,
  tableRef: z.object({ recordId: z.string(), version: z.number() }),
  unitKind: unitKindSchema,
  record: selfAssessmentRecordV1Schema,
  status: z.enum(['new', 'draft', 'frozen']),
  version: z.number(),
  totals: totalsSummarySchema,
  gaps: gapsSchema,
  /** Who signs the printed table: the signer of the unit's latest registration, else its head by title with the name left blank. */
  signer: z.object({ title: z.string(), name: z.string() }),
});
export type SelfAssessmentView = z.infer<typeof selfAssessmentViewSchema>;

export const verificationRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  /** The self-assessment version held, or null when none came. */
  selfVersion: z.number().nullable(),
  selfTotal: z.number().nullable(),
  verifiedTotal: z.number().nullable(),
  reviewed: z.number(),
  items: z.number(),
  differences: z.number(),
  complete: z.boolean(),
  /** The verification is of an older version than the one now held, or of a draft changed since. */
  outdated: z.boolean(),
  /** This unit's own self-assessment (the leader is a member too), verified by itself. */
  own: z.boolean(),
});
export type VerificationRow = z.infer<typeof verificationRowSchema>;

export const verificationItemViewSchema = z.object({
  node: criteriaNodeSchema,
  selfValue: itemValueSchema.nullable(),
  selfPoints: z.number(),
  explanation: z.string(),
  evidence: z.array(evidenceRefSchema),
  verifiedValue: itemValueSchema.nullable(),
  verifiedPoints: z.number().nullable(),
  reason: z.string(),
  differs: z.boolean(),
});
export type VerificationItemView = z.infer<typeof verificationItemViewSchema>;

export const verificationViewSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string(), kind: unitKindSchema }),
  table: criteriaTableContentSchema,
  selfVersion: z.number(),
  record: verificationRecordV1Schema,
  items: z.array(verificationItemViewSchema),
  selfTotal: z.number(),
  verifiedTotal: z.number(),
  conditionsStated: z.array(z.string()),
  /** As on the board: the saved verification is of an older version, or of a draft changed since. */
  outdated: z.boolean(),
  own: z.boolean(),
});
export type VerificationView = z.infer<typeof verificationViewSchema>;

export const rankingBasisSchema = z.enum(['verified', 'in_progress', 'self']);
export type RankingBasis = z.infer<typeof rankingBasisSchema>;

export const rankingRowSchema = z.object({
  rank: z.number(),
  shared: z.boolean(),
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  total: z.number(),
  selfTotal: z.number(),
  basis: rankingBasisSchema,
  /** Points of each top-level group of criteria that applies to the unit, by node id. */
  groups: z.record(z.string(), z.number()),
  bonus: z.number(),
  deduction: z.number(),
  classification: z.string(),
  decidedBy: z.string().nullable(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;

export const rankingScopeSchema = z.union([unitKindSchema, z.literal('all')]);

export const rankingViewSchema = z.object({
  groupName: z.string(),
  year: z.number(),
  scope: rankingScopeSchema,
  table: z.object({ title: z.string(), sample: z.boolean(), source: z.string() }),
  /** The top-level groups of criteria shown as columns, with their maxima. */
  columns: z.array(z.object({ id: z.string(), number: z.string(), content: z.string(), max: z.number(), role: z.string() })),
  rows: z.array(rankingRowSchema),
  /** Members that have not sent a self-assessment: not ranked. */
  missing: z.array(z.object({ code: z.string(), name: z.string() })),
  tieBreak: z.string(),
});
export type RankingView = z.infer<typeof rankingViewSchema>;

export const verifiedResultSchema = z.object({
  /** The leader that verified, and when its receipt came. */
  by: z.string(),
  receivedAt: z.string(),
  selfVersion: z.number(),
  selfTotal: z.number(),
  verifiedTotal: z.number(),
  /** Items whose verified score differs from the unit's own, with the reason. */
  changes: z.array(z.object({ node: z.string(), number: z.string(), content: z.string(), selfPoints: z.number(), verifiedPoints: z.number(), reason: z.string() })),
});
export type VerifiedResult = z.infer<typeof verifiedResultSchema>;

/** A scoring table read from an .xlsx: the proposal, what was understood and what was not (by row), and its checks. */
export const criteriaReadingSchema = z.object({
  sheet: z.string(),
  table: criteriaTableContentSchema,
  recognised: z.array(z.string()),
  unread: z.array(z.object({ row: z.number().nullable(), message: z.string() })),
  problems: z.array(tableProblemSchema),
});
export type CriteriaReading = z.infer<typeof criteriaReadingSchema>;
