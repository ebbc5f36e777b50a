import { z } from 'zod';
import { textField } from '../fields/schemas';
import { unitCodeSchema } from '../units-keys/schemas';

/**
 * The leader's year-end conference (Hội nghị tổng kết) and its suy tôn (glossary acclamationVote):
 * who met, which member units voted, the candidates and their votes, and the rules the group's quy
 * chế sets (threshold, base, seats, secret ballot, tie-break). Acclamation record format 1: frozen
 * once released; it travels to the Ministry's council in the leader's award_submission bundle.
 */
export const ACCLAMATION_RECORD_FORMAT = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày không hợp lệ.');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải viết dạng HH:MM (ví dụ 08:00).');

const personSchema = z.object({ name: textField('Họ tên', 100), position: textField('Chức vụ', 200) }).strict();

export const acclamationRulesSchema = z
  .object({
    /** A fraction, so a vote exactly at the threshold is judged in integers (votes.ts). */
    threshold: z
      .object({ numerator: z.number().int().min(1, 'Tỷ lệ suy tôn phải lớn hơn 0.'), denominator: z.number().int().min(1).max(10_000) })
      .strict()
      .refine((t) => t.numerator <= t.denominator, 'Tỷ lệ suy tôn không được quá 100 %.'),
    base: z.enum(['members', 'voters']),
    /** How many units the group may put forward; null: every unit reaching the threshold. */
    seats: z.number().int().min(1, 'Số đơn vị được suy tôn phải từ 1 trở lên.').max(100).nullable(),
    tie_break: z.enum(['higher_score', 'revote']),
    secret_ballot: z.boolean(),
    /** Which reference value the leader started from; 'group' is the group's own quy chế. */
    preset: z.enum(['courts', 'procuracy', 'group']),
  })
  .strict();
export type AcclamationRulesRecord = z.infer<typeof acclamationRulesSchema>;

/** What the leader types: the whole record but its identity, which the app keeps. */
export const acclamationFormSchema = z
  .object({
    /** What the voted units are put forward for (catalogue code and name): the Cờ thi đua of the Ministry. */
    award: z.object({ code: z.string().regex(/^[A-Z0-9_]+$/, 'Mã danh hiệu không hợp lệ.'), name: textField('Danh hiệu đề nghị', 200) }).strict(),
    conference: z.object({ date: isoDate, start_time: time, end_time: time, venue: textField('Địa điểm', 300) }).strict(),
    chair: personSchema,
    secretary: personSchema,
    counting_board: z
      .array(z.object({ name: textField('Họ tên thành viên Ban kiểm phiếu', 100), unit: textField('Đơn vị', 200), role: textField('Nhiệm vụ', 60) }).strict())
      .min(1, 'Hãy ghi ít nhất một thành viên Ban kiểm phiếu.')
      .max(15),
    /** The member units present, each casting one ballot, with their delegates. */
    present: z
      .array(z.object({ code: unitCodeSchema, delegates: z.array(textField('Đại biểu', 200)).max(10) }).strict())
      .min(1, 'Hãy chọn các đơn vị thành viên có mặt bỏ phiếu.')
      .max(200),
    candidates: z
      .array(
        z
          .object({
            code: unitCodeSchema,
            name: textField('Tên đơn vị', 200),
            /** Its total on the group's ranking when the vote was recorded, for the higher-score tie-break. */
            score: z.number().nullable(),
            votes: z.number().int('Số phiếu phải là số nguyên.').min(0, 'Số phiếu không được âm.'),
          })
          .strict(),
      )
      .min(1, 'Hãy chọn ít nhất một đơn vị được đưa ra suy tôn.')
      .max(200),
    invalid: z.number().int('Số phiếu không hợp lệ phải là số nguyên.').min(0, 'Số phiếu không hợp lệ không được âm.'),
    rules: acclamationRulesSchema,
    /** What the conference did besides the vote, a paragraph each, for its minutes. */
    content: z.array(textField('Nội dung Hội nghị', 2000)).max(20),
  })
  .strict();
export type AcclamationForm = z.infer<typeof acclamationFormSchema>;

export const acclamationRecordV1Schema = acclamationFormSchema
  .extend({
    record_id: z.string().uuid(),
    type: z.literal('acclamation'),
    version: z.number().int().min(1),
    group: z.object({ code: unitCodeSchema, year: z.number().int().min(2000).max(2100) }).strict(),
  })
  .strict();
export type AcclamationRecord = z.infer<typeof acclamationRecordV1Schema>;

// ---- What the leader's screen reads ----

const eligibilityStatus = z.enum(['met', 'not_met', 'needs_review']);

export const boardDossierSchema = z.object({
  recordId: z.string(),
  version: z.number(),
  nominee: z.object({ kind: z.enum(['unit', 'division', 'person']), name: z.string(), position: z.string(), division: z.string() }),
  award: z.object({ code: z.string(), name: z.string() }),
  /** ISO timestamp: when the leader received it (for its own, when it was last saved). */
  receivedAt: z.string(),
  /** "Thiếu: Báo cáo thành tích; Biên bản họp Hội đồng", or null when every required part has its scan. */
  missingText: z.string().nullable(),
  /** verified false: the rule, or a condition it rests on, is unverified ("chưa xác minh"). */
  eligibility: z.object({ status: eligibilityStatus, label: z.string(), reason: z.string(), verified: z.boolean(), flagged: z.boolean() }),
  council: z.string(),
});
export type BoardDossier = z.infer<typeof boardDossierSchema>;

export const dossierBoardSchema = z.object({
  group: z.object({ id: z.number(), name: z.string(), year: z.number() }),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      role: z.enum(['leader', 'deputy', 'member']),
      own: z.boolean(),
      /** "Chưa gửi hồ sơ" when the unit sent nothing yet. */
      stateText: z.string(),
      dossiers: z.array(boardDossierSchema),
    }),
  ),
  counts: z.object({ units: z.number(), sent: z.number(), dossiers: z.number(), incomplete: z.number(), flagged: z.number() }),
});
export type DossierBoard = z.infer<typeof dossierBoardSchema>;

export const acclamationPresetSchema = z.object({
  key: z.enum(['courts', 'procuracy']),
  label: z.string(),
  threshold: z.object({ numerator: z.number(), denominator: z.number() }),
  base: z.enum(['members', 'voters']),
  source: z.string(),
});

export const acclamationResultRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  score: z.number().nullable(),
  votes: z.number(),
  /** "7/9 (77,78 %)". */
  share: z.string(),
  outcome: z.enum(['elected', 'revote', 'outside_seats', 'not_reached']),
  outcomeText: z.string(),
  note: z.string().nullable(),
});

export const acclamationViewSchema = z.object({
  group: z.object({ id: z.number(), name: z.string(), year: z.number() }),
  members: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The record as saved (its current version), or null before the first save. */
  saved: z.object({ recordId: z.string(), version: z.number(), status: z.enum(['draft', 'frozen', 'received']), updatedAt: z.string(), form: acclamationFormSchema }).nullable(),
  /** Where a new record starts: every member present, the units with a collective dossier as candidates with their ranking score. */
  defaults: z.object({
    award: z.object({ code: z.string(), name: z.string() }),
    date: z.string(),
    venue: z.string(),
    chair: z.object({ name: z.string(), position: z.string() }),
    present: z.array(z.string()),
    candidates: z.array(z.object({ code: z.string(), name: z.string(), score: z.number().nullable() })),
  }),
  /** Ranking totals by unit code (verified where the leader finished verifying), for candidates added by hand. */
  scores: z.record(z.string(), z.number()),
  presets: z.array(acclamationPresetSchema),
  /** "Tỷ lệ suy tôn của ngành Tư pháp (Quyết định 1208/QĐ-BTP): chưa xác minh…" */
  unverifiedText: z.string(),
  result: z
    .object({
      base: z.number(),
      needed: z.number(),
      valid: z.number(),
      thresholdText: z.string(),
      rows: z.array(acclamationResultRowSchema),
      elected: z.array(z.string()),
      revote: z.boolean(),
      summary: z.string(),
    })
    .nullable(),
  /** The leader's step to the Ministry in the plan: its deadline counts from the conference's end. */
  milestone: z.object({ key: z.string(), title: z.string(), deadline: z.string().nullable(), text: z.string() }).nullable(),
});
export type AcclamationViewData = z.infer<typeof acclamationViewSchema>;

export const acclamationPaperSchema = z.enum(['ballot', 'count', 'minutes', 'list']);
export type AcclamationPaper = z.infer<typeof acclamationPaperSchema>;
