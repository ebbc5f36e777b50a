import { z } from 'zod';
import { textField } from '../fields/schemas';
import { unitKindSchema } from '../units-keys/schemas';

/**
 * The award catalogue (resources/catalogue/catalogue.json) and the history it is judged against.
 * Every rule is data with its legal source and validity dates, so a new decree is a data edit; what
 * DOMAIN.md marks unverified says so (verified: false) and is configurable.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải viết dạng năm-tháng-ngày (ví dụ 2025-07-01).')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Ngày không tồn tại.');
const year = z.number().int().min(1945, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.');

// ---- Vocabulary (lowest first wherever there is an order) ----

/** Mức hoàn thành nhiệm vụ, as staff and collectives are rated each year. */
export const taskCompletionLevels = ['khong_hoan_thanh', 'hoan_thanh', 'hoan_thanh_tot', 'hoan_thanh_xuat_sac'] as const;
export const taskCompletionSchema = z.enum(taskCompletionLevels);
export type TaskCompletion = z.infer<typeof taskCompletionSchema>;
export const taskCompletionLabels: Record<TaskCompletion, string> = {
  khong_hoan_thanh: 'không hoàn thành nhiệm vụ',
  hoan_thanh: 'hoàn thành nhiệm vụ',
  hoan_thanh_tot: 'hoàn thành tốt nhiệm vụ',
  hoan_thanh_xuat_sac: 'hoàn thành xuất sắc nhiệm vụ',
};

/** Hình thức kỷ luật, mildest first (cán bộ, công chức, viên chức share this order). */
export const disciplineLevels = ['khien_trach', 'canh_cao', 'ha_bac_luong', 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec'] as const;
export const disciplineLevelSchema = z.enum(disciplineLevels);
export type DisciplineLevel = z.infer<typeof disciplineLevelSchema>;
export const disciplineLabels: Record<DisciplineLevel, string> = {
  khien_trach: 'khiển trách',
  canh_cao: 'cảnh cáo',
  ha_bac_luong: 'hạ bậc lương',
  giang_chuc: 'giáng chức',
  cach_chuc: 'cách chức',
  buoc_thoi_viec: 'buộc thôi việc',
};

/** Level at which a sáng kiến (or đề tài) was recognised or had its effect. */
export const initiativeLevels = ['co_so', 'bo_tinh', 'toan_quoc'] as const;
export const initiativeLevelSchema = z.enum(initiativeLevels);
export type InitiativeLevel = z.infer<typeof initiativeLevelSchema>;
export const initiativeLevelLabels: Record<InitiativeLevel, string> = { co_so: 'cấp cơ sở', bo_tinh: 'cấp Bộ, ngành, tỉnh', toan_quoc: 'toàn quốc' };
export const initiativeKindSchema = z.enum(['sang_kien', 'de_tai']);
export type InitiativeKind = z.infer<typeof initiativeKindSchema>;
export const initiativeKindLabels: Record<InitiativeKind, string> = { sang_kien: 'sáng kiến', de_tai: 'đề tài khoa học' };

/** The two hierarchies a provincial justice agency sits in: the Sở Tư pháp (under UBND tỉnh) and THADS (under the Ministry). */
export const grantContexts = ['so_tu_phap', 'thads'] as const;
export const grantContextSchema = z.enum(grantContexts);
export type GrantContext = z.infer<typeof grantContextSchema>;

/** The level of the Cụm/Khu vực (or Khối) a unit led. */
export const groupLevelSchema = z.enum(['nganh_tu_phap', 'tinh']);
export type GroupLevel = z.infer<typeof groupLevelSchema>;
export const groupLevelLabels: Record<GroupLevel, string> = { nganh_tu_phap: 'Cụm, Khu vực thi đua ngành Tư pháp', tinh: 'Cụm, Khối thi đua của tỉnh' };

/** Parts of an award dossier (glossary: AwardDossier, proposalLetter, achievementReport, minutes). */
export const dossierPartKindSchema = z.enum(['proposalLetter', 'achievementReport', 'minutes', 'initiativeCertification']);
export type DossierPartKind = z.infer<typeof dossierPartKindSchema>;

// ---- Legal sources and rules ----

/** Where a rule comes from: the text and, when known, the article ("Điều 23", "Điều 6 khoản 2 điểm c"). */
export const legalSourceSchema = z.strictObject({
  document: textField('Văn bản', 200),
  article: textField('Điều khoản', 100).nullable(),
});
export type LegalSource = z.infer<typeof legalSourceSchema>;

const ruleBase = {
  /** Stable id, e.g. "CSTDCS.vote.nd98": tests and the UI's settings refer to it. */
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'Mã quy tắc chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới.'),
  sources: z.array(legalSourceSchema).min(1, 'Mỗi quy tắc phải ghi ít nhất một căn cứ pháp lý.'),
  validFrom: isoDate,
  /** Last day in force; null while in force. */
  validTo: isoDate.nullable(),
  /** false where DOMAIN.md marks the fact [U]: the UI shows "chưa xác minh". */
  verified: z.boolean(),
  /** The unit may change the values in its settings; every unverified rule is. */
  configurable: z.boolean(),
  /** Why, in Vietnamese, for the person reading the rule (what is not verified, what the text is silent on). */
  note: textField('Ghi chú', 1000).optional(),
};

/** A condition judged by people (thành tích đột xuất, tinh thần đoàn kết): met when the year's facts confirm its key. */
const confirmedSchema = z.strictObject({
  kind: z.literal('confirmed'),
  key: z.string().regex(/^[a-z0-9_]+$/, 'Khóa xác nhận chỉ gồm chữ thường không dấu, chữ số, gạch dưới.'),
  text: textField('Nội dung điều kiện', 300),
});

/** A fact of one member, for the shares and counts of a collective. */
export type MemberCondition =
  | { kind: 'task_completion'; atLeast: TaskCompletion }
  | { kind: 'title_held'; codes: string[] };

const memberConditionSchema = z.union([
  z.strictObject({ kind: z.literal('task_completion'), atLeast: taskCompletionSchema }),
  z.strictObject({ kind: z.literal('title_held'), codes: z.array(z.string()).min(1) }),
]);

type ConditionMeta = { note?: string; verified?: false };

/** One condition of an award, as data. Each is judged for the nominee in the year under review. */
export type Condition = ConditionMeta &
  (
    | { kind: 'task_completion'; atLeast: TaskCompletion }
    | { kind: 'title_held'; codes: string[] }
    | { kind: 'consecutive_years'; years: number; condition: Condition }
    | { kind: 'member_share'; atLeastPercent: number; member: MemberCondition }
    | { kind: 'member_count'; atLeast: number; member: MemberCondition }
    | { kind: 'no_discipline'; atLeast: DisciplineLevel; who: 'nominee' | 'members' }
    | { kind: 'held_count'; codes: string[]; atLeast: number }
    | { kind: 'initiative'; atLeastLevel: InitiativeLevel; count: number; withinYears: number | null; kinds: InitiativeKind[] }
    | { kind: 'leads_group'; level: GroupLevel; acclaimed: boolean }
    | { kind: 'targets_exceeded' }
    | { kind: 'never_held'; codes: string[] }
    | { kind: 'confirmed'; key: string; text: string }
    | { kind: 'any_of'; conditions: Condition[] }
    | { kind: 'all_of'; conditions: Condition[] }
  );

const meta = { note: textField('Ghi chú', 1000).optional(), verified: z.literal(false).optional() };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ ...meta, kind: z.literal('task_completion'), atLeast: taskCompletionSchema }),
    z.strictObject({ ...meta, kind: z.literal('title_held'), codes: z.array(z.string()).min(1) }),
    z.strictObject({ ...meta, kind: z.literal('consecutive_years'), years: z.number().int().min(2).max(10), condition: conditionSchema }),
    z.strictObject({ ...meta, kind: z.literal('member_share'), atLeastPercent: z.number().gt(0).max(100), member: memberConditionSchema }),
    z.strictObject({ ...meta, kind: z.literal('member_count'), atLeast: z.number().int().min(1), member: memberConditionSchema }),
    /** Held at least n times up to the year under review (decided or proposed). */
    z.strictObject({ ...meta, kind: z.literal('held_count'), codes: z.array(z.string()).min(1), atLeast: z.number().int().min(1) }),
    z.strictObject({ ...meta, kind: z.literal('no_discipline'), atLeast: disciplineLevelSchema, who: z.enum(['nominee', 'members']) }),
    z.strictObject({
      ...meta,
      kind: z.literal('initiative'),
      atLeastLevel: initiativeLevelSchema,
      count: z.number().int().min(1),
      /** The window of years, ending with the year under review, in which the initiatives count; null: any year up to it. */
      withinYears: z.number().int().min(1).max(10).nullable(),
      kinds: z.array(initiativeKindSchema).min(1),
    }),
    z.strictObject({ ...meta, kind: z.literal('leads_group'), level: groupLevelSchema, acclaimed: z.boolean() }),
    z.strictObject({ ...meta, kind: z.literal('targets_exceeded') }),
    z.strictObject({ ...meta, kind: z.literal('never_held'), codes: z.array(z.string()).min(1) }),
    confirmedSchema.extend(meta),
    z.strictObject({ ...meta, kind: z.literal('any_of'), conditions: z.array(conditionSchema).min(2) }),
    z.strictObject({ ...meta, kind: z.literal('all_of'), conditions: z.array(conditionSchema).min(2) }),
  ]),
);

/** Who decides the award, in one of the two hierarchies; null authority where the texts we hold are silent. */
export const grantRuleSchema = z.strictObject({
  ...ruleBase,
  aspect: z.literal('grant'),
  context: grantContextSchema,
  authority: textField('Cấp quyết định', 200).nullable(),
});

/** Who may receive it and on what conditions (all must hold); an empty list with a note where unverified. */
export const eligibilityRuleSchema = z.strictObject({
  ...ruleBase,
  aspect: z.literal('eligibility'),
  /** Unit kinds a collective must be (or a person must work in); null: any. */
  unitKinds: z.array(unitKindSchema).min(1).nullable(),
  conditions: z.array(conditionSchema),
});

export const dossierPartSchema = z.strictObject({
  part: dossierPartKindSchema,
  name: textField('Tên thành phần hồ sơ', 300),
  /** The official form ("Mẫu số 01"); null where no numbered form is known. */
  form: textField('Mẫu', 100).nullable(),
  /** false where the form's number is not verified. */
  formVerified: z.boolean(),
  /** The minutes carry the council's ballot result. */
  includesVoteResult: z.boolean().optional(),
});
export type DossierPart = z.infer<typeof dossierPartSchema>;

export const dossierRuleSchema = z.strictObject({ ...ruleBase, aspect: z.literal('dossier'), parts: z.array(dossierPartSchema) });

/** The council vote: yes votes as a share of the council's TOTAL membership (absent members vote in writing). */
export const councilVoteRuleSchema = z.strictObject({
  ...ruleBase,
  aspect: z.literal('council_vote'),
  thresholdPercent: z.number().gt(0).max(100),
  countedOn: z.literal('total_members'),
});

/** Tiền thưởng: coefficient × lương cơ sở in force on the decision date. */
export const moneyRuleSchema = z.strictObject({ ...ruleBase, aspect: z.literal('money'), coefficient: z.number().positive() });

export const ruleSchema = z.discriminatedUnion('aspect', [grantRuleSchema, eligibilityRuleSchema, dossierRuleSchema, councilVoteRuleSchema, moneyRuleSchema]);
export type GrantRule = z.infer<typeof grantRuleSchema>;
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;
export type DossierRule = z.infer<typeof dossierRuleSchema>;
export type CouncilVoteRule = z.infer<typeof councilVoteRuleSchema>;
export type MoneyRule = z.infer<typeof moneyRuleSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type RuleAspect = Rule['aspect'];

const entryBase = {
  /** Codes registrations already hold (TTLDTT, CSTDCS, BK_BTP_TT…): never renamed. */
  code: z.string().regex(/^[A-Z0-9_]+$/, 'Mã danh hiệu chỉ gồm chữ in hoa không dấu, chữ số, gạch dưới.'),
  name: textField('Tên danh hiệu', 200),
  scope: z.enum(['collective', 'individual']),
  /** Titles sharing a group exclude each other in one registration (a yearly title: tiên tiến or xuất sắc, not both). */
  exclusiveGroup: z.string().optional(),
  rules: z.array(ruleSchema),
};
export const emulationTitleSchema = z.strictObject({ ...entryBase, kind: z.literal('title') });
export const awardFormSchema = z.strictObject({ ...entryBase, kind: z.literal('award') });
export type EmulationTitle = z.infer<typeof emulationTitleSchema>;
export type AwardForm = z.infer<typeof awardFormSchema>;
export const catalogueEntrySchema = z.discriminatedUnion('kind', [emulationTitleSchema, awardFormSchema]);
export type CatalogueEntry = EmulationTitle | AwardForm;

/** Principles over every award (Nghị định 152/2025 Điều 4): data, with the source and dates of each. */
export const principleKinds = [
  'lower_award_not_prerequisite',
  'special_awards_not_merit',
  'discipline_restarts_count',
  'maternity_leave_counts',
  'tie_prefers_women',
] as const;
export const principleSchema = z.strictObject({ ...ruleBase, kind: z.enum(principleKinds), text: textField('Nội dung nguyên tắc', 500) });
export type Principle = z.infer<typeof principleSchema>;

/** Mức lương cơ sở, dated. */
export const baseSalarySchema = z.strictObject({ ...ruleBase, amountVnd: z.number().int().positive() });
export type BaseSalary = z.infer<typeof baseSalarySchema>;

export const AWARD_CATALOGUE_FORMAT = 'thidua-award-catalogue';
export const awardCatalogueSchema = z.strictObject({
  format: z.literal(AWARD_CATALOGUE_FORMAT),
  formatVersion: z.literal(1),
  /** The data's own edition: bumped by whoever edits the rules, printed with an eligibility result. */
  edition: isoDate,
  note: textField('Ghi chú', 1000).optional(),
  baseSalary: z.array(baseSalarySchema).min(1),
  principles: z.array(principleSchema),
  entries: z.array(catalogueEntrySchema).min(1),
});
export type AwardCatalogue = z.infer<typeof awardCatalogueSchema>;

// ---- History: what the nominee held and did, year by year ----

/** A decision (quyết định): number and date as printed on it. */
export const decisionSchema = z.strictObject({ number: textField('Số quyết định', 50), date: isoDate });
export type Decision = z.infer<typeof decisionSchema>;

/** A title or award held (or proposed this round: no decision yet). */
export const honourHeldSchema = z.strictObject({
  code: z.string(),
  decision: decisionSchema.nullable(),
});
export type HonourHeld = z.infer<typeof honourHeldSchema>;

export const disciplineSchema = z.strictObject({ level: disciplineLevelSchema, decision: decisionSchema.nullable() });
export type Discipline = z.infer<typeof disciplineSchema>;

/** A sáng kiến or đề tài, in the year it was recognised; usedFor: the title or award it already counted for (once only). */
export const initiativeSchema = z.strictObject({
  id: z.string().min(1),
  title: textField('Tên sáng kiến', 500),
  kind: initiativeKindSchema,
  level: initiativeLevelSchema,
  decision: decisionSchema.nullable(),
  usedFor: z.strictObject({ code: z.string(), year }).nullable(),
});
export type Initiative = z.infer<typeof initiativeSchema>;

/** One year of one nominee. Absent facts are unknown, not negative: null task completion reads "chưa đánh giá". */
export const yearFactsSchema = z.strictObject({
  year,
  taskCompletion: taskCompletionSchema.nullable(),
  honours: z.array(honourHeldSchema),
  discipline: z.array(disciplineSchema),
  initiatives: z.array(initiativeSchema),
  /** Keys of 'confirmed' conditions the unit's council attested for this year. */
  confirmed: z.array(z.string()),
  /** Collectives: the groups the unit led that year, and whether the group voted it (suy tôn). */
  groupLeads: z.array(z.strictObject({ level: groupLevelSchema, acclaimed: z.boolean() })),
  /** Collectives: exceeded the year's targets; null when not known. */
  targetsExceeded: z.boolean().nullable(),
  /** Collectives: ids of the people who were members that year (their histories are in `members`). */
  memberIds: z.array(z.string()).optional(),
});
export type YearFacts = z.infer<typeof yearFactsSchema>;

/** A year with nothing known yet, and what is known of it: unknown is not negative. */
export const yearFacts = (year: number, known: Partial<Omit<YearFacts, 'year'>> = {}): YearFacts => ({
  year,
  taskCompletion: null,
  honours: [],
  discipline: [],
  initiatives: [],
  confirmed: [],
  groupLeads: [],
  targetsExceeded: null,
  ...known,
});

export const nomineeSchema = z.strictObject({
  kind: z.enum(['collective', 'individual']),
  id: z.string().min(1),
  name: textField('Tên', 200),
  /** The unit kind of the collective, or of the unit the person works in. */
  unitKind: unitKindSchema,
  /** Individuals: for the tie-break that prefers women. */
  female: z.boolean().optional(),
});
export type Nominee = z.infer<typeof nomineeSchema>;

export type NomineeHistory = { nominee: Nominee; years: YearFacts[]; members?: NomineeHistory[] };
export const nomineeHistorySchema: z.ZodType<NomineeHistory> = z.lazy(() =>
  z.strictObject({ nominee: nomineeSchema, years: z.array(yearFactsSchema), members: z.array(nomineeHistorySchema).optional() }),
);
