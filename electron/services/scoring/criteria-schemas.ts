import { z } from 'zod';
import { optionalTextField, textField } from '../fields/schemas';
import { hasTwoDecimals } from '../text/points';
import { unitKinds } from '../units-keys/schemas';

/**
 * The scoring table (bảng tiêu chí chấm điểm thi đua) as data: a tree of groups and criteria, each
 * with its standard points (điểm chuẩn), scoring guide, evidence and the unit kinds it applies to;
 * scoring rules, bonus and deduction caps, a floor, classes with their mandatory conditions, and the
 * tie-break. Criteria table record format 1: it travels in the kickoff bundle, so it is frozen once
 * released; a change that would refuse what this accepts makes a new format beside it.
 */
export const CRITERIA_TABLE_RECORD_FORMAT = 1;

export const pointsField = (label: string) =>
  z
    .number({ message: `${label} phải là một số.` })
    .finite(`${label} phải là một số.`)
    .min(0, `${label} không được âm.`)
    .max(10000, `${label} quá lớn.`)
    .refine(hasTwoDecimals, `${label} chỉ được có tối đa hai chữ số sau dấu phẩy.`);

/** Stable ids inside one table: ASCII, so scores, evidence and bundles can name an item. */
export const nodeIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'Mã mục trong bảng tiêu chí chỉ gồm chữ thường không dấu, số, ".", "-" hoặc "_".');
const unitKindList = z.array(z.enum(unitKinds)).max(unitKinds.length);

/**
 * How an item is scored.
 * - manual: the scorer sets any score from 0 to the item's maximum, following the guide;
 * - fixed: done earns the full score, not done earns nothing;
 * - lateness: a report or task graded by days late ("đúng hạn 2 điểm; chậm 1–2 ngày 1,5; …");
 * - percentage: graded by the share achieved ("trên 95 % đạt tối đa; từ 75 % đến 95 % 1 điểm; …").
 */
export const scoringRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual') }).strict(),
  z.object({ type: z.literal('fixed') }).strict(),
  z
    .object({
      type: z.literal('lateness'),
      /** In increasing days: up to `days` days late (0 = on time) earns `points`. */
      brackets: z.array(z.object({ days: z.number().int().min(0, 'Số ngày chậm không được âm.').max(366, 'Số ngày chậm quá lớn.'), points: pointsField('Điểm của mức') }).strict()).min(1).max(20),
      /** Later than every bracket, or never sent. */
      beyond: pointsField('Điểm khi chậm quá mọi mức'),
    })
    .strict(),
  z
    .object({
      type: z.literal('percentage'),
      /** In decreasing thresholds: above `from` % (or at it, when not strict) earns `points`. */
      brackets: z
        .array(z.object({ from: z.number().min(0, 'Tỷ lệ không được âm.').max(100, 'Tỷ lệ không quá 100 %.'), strict: z.boolean(), points: pointsField('Điểm của mức') }).strict())
        .min(1)
        .max(20),
      below: pointsField('Điểm khi dưới mọi mức'),
    })
    .strict(),
]);
export type ScoringRule = z.infer<typeof scoringRuleSchema>;

/** What a unit states for an item, by the item's rule: a score, done or not, days late, or a share achieved. */
export const itemValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('points'), points: z.number().finite() }).strict(),
  z.object({ type: z.literal('done'), done: z.boolean() }).strict(),
  /** Days late; null when it was never sent. */
  z.object({ type: z.literal('days_late'), days: z.number().int().min(0).max(3660).nullable() }).strict(),
  z.object({ type: z.literal('percent'), percent: z.number().finite().min(0).max(1000) }).strict(),
]);
export type ItemValue = z.infer<typeof itemValueSchema>;

/**
 * An item's part in the total: standard points count towards their group's maximum; bonus points
 * (điểm thưởng) are added beyond it and deductions (điểm trừ) taken from it, each up to its cap.
 */
export const nodeRoles = ['standard', 'bonus', 'deduction'] as const;
export type NodeRole = (typeof nodeRoles)[number];

export interface CriteriaNode {
  id: string;
  /** As the table numbers it: "I", "1", "1.1", "a". */
  number: string;
  content: string;
  kind: 'group' | 'item';
  role: NodeRole;
  /** Standard points (điểm chuẩn) of a standard node; the cap of a bonus or deduction node. */
  max: number;
  guide: string;
  /** The evidence the table asks for (tài liệu minh chứng). */
  evidence: string;
  evidence_required: boolean;
  /** The unit kinds the node applies to; empty: every kind. */
  unit_kinds: (typeof unitKinds)[number][];
  /** Items only: how the item is scored. */
  rule: ScoringRule | null;
  /**
   * Groups only: the least their score may fall to after deductions (usually 0). A group of
   * deductions never makes its parent fall below the parent's own floor either.
   */
  floor: number;
  children: CriteriaNode[];
}

export const criteriaNodeSchema: z.ZodType<CriteriaNode> = z.lazy(() =>
  z
    .object({
      id: nodeIdSchema,
      number: textField('Số thứ tự', 12),
      content: textField('Nội dung tiêu chí', 4000),
      kind: z.enum(['group', 'item']),
      role: z.enum(nodeRoles),
      max: pointsField('Điểm chuẩn'),
      guide: optionalTextField('Hướng dẫn chấm', 8000),
      evidence: optionalTextField('Tài liệu minh chứng', 4000),
      evidence_required: z.boolean(),
      unit_kinds: unitKindList,
      rule: scoringRuleSchema.nullable(),
      floor: pointsField('Điểm sàn'),
      children: z.array(criteriaNodeSchema).max(500),
    })
    .strict(),
);

/** A condition a class requires besides its threshold ("hoàn thành 3 chỉ tiêu về việc, về tiền, giảm án tồn"), declared by the unit and confirmed by the leader. */
export const conditionSchema = z.object({ key: nodeIdSchema, label: textField('Nội dung điều kiện', 1000) }).strict();

/** Xếp loại: from the best class down, a class is earned at its threshold when every listed condition is met. */
export const classRuleSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, 'Mã loại chỉ gồm chữ không dấu và số.'),
    label: textField('Tên loại', 200),
    min_total: pointsField('Điểm tối thiểu của loại'),
    conditions: z.array(nodeIdSchema).max(20),
    unit_kinds: unitKindList,
  })
  .strict();

/**
 * When totals are equal: compare by each rule in turn; units still equal share the rank. Names never
 * decide a rank.
 */
export const tieBreakSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('group'), node: nodeIdSchema }).strict(),
  z.object({ by: z.literal('fewer_deductions') }).strict(),
  z.object({ by: z.literal('more_bonus') }).strict(),
]);
export type TieBreak = z.infer<typeof tieBreakSchema>;

export const criteriaTableContentSchema = z
  .object({
    title: textField('Tên bảng tiêu chí', 500),
    year: z.number().int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.'),
    /** The decision that issued it ("Quyết định số 536/QĐ-BTP ngày 29/3/2024"), or empty. */
    source: optionalTextField('Căn cứ ban hành', 500),
    /** A sample shipped with the app, not an issued table: shown and printed as such. */
    sample: z.boolean(),
    unit_kinds: unitKindList,
    /** The least a total may be after deductions. */
    floor: pointsField('Điểm sàn của tổng điểm'),
    nodes: z.array(criteriaNodeSchema).min(1, 'Bảng tiêu chí chưa có mục nào.').max(200),
    conditions: z.array(conditionSchema).max(20),
    classes: z.array(classRuleSchema).max(10),
    tie_break: z.array(tieBreakSchema).max(10),
  })
  .strict();
export type CriteriaTable = z.infer<typeof criteriaTableContentSchema>;
export type ClassRule = z.infer<typeof classRuleSchema>;

/** Criteria table record format 1 (CRITERIA_TABLE_RECORD_FORMAT): the table as the kickoff carries it. */
export const criteriaTableRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('criteria_table'),
    version: z.number().int().min(1),
    group: z.object({ code: z.string().regex(/^[A-Z0-9._-]{2,32}$/, 'Mã Khu vực/Cụm thi đua không hợp lệ.'), year: z.number().int().min(2000).max(2100) }).strict(),
    table: criteriaTableContentSchema,
  })
  .strict();
export type CriteriaTableRecord = z.infer<typeof criteriaTableRecordV1Schema>;
