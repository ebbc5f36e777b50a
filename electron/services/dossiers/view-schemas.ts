import { z } from 'zod';
import { optionalTextField } from '../fields/schemas';
import { dossierPartKindSchema } from '../awards/schemas';
import { nomineeKindSchema } from '../awards/history-schemas';

/** What the member's dossier screen is shown and sends, as the services state it and the IPC contract checks it. */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'Mã tệp không hợp lệ.');
const conditionStatus = z.enum(['met', 'not_met', 'needs_review']);

export const dossierPartViewSchema = z.object({
  part: dossierPartKindSchema,
  name: z.string(),
  /** "Mẫu số 01", or null where no numbered form is known. */
  form: z.string().nullable(),
  formVerified: z.boolean(),
  required: z.boolean(),
  /** The app prints this part (tờ trình, báo cáo thành tích, biên bản); the rest is scanned from paper made elsewhere. */
  canGenerate: z.boolean(),
  /** The DOCX last generated for it. */
  document: z.object({ name: z.string(), sha256 }).nullable(),
  /** The signed, stamped pages attached. */
  scans: z.array(z.object({ name: z.string(), sha256, size: z.number() })),
  /** Not required, or its scan is attached. */
  complete: z.boolean(),
});
export type DossierPartView = z.infer<typeof dossierPartViewSchema>;

export const dossierViewSchema = z.object({
  recordId: z.string().uuid(),
  version: z.number().int(),
  /** 'sent': the current version is the one exported; the next edit makes version + 1. */
  status: z.enum(['draft', 'sent']),
  /** The latest version exported, if any. */
  sentVersion: z.number().int().nullable(),
  nominee: z.object({ kind: nomineeKindSchema, name: z.string(), position: z.string(), division: z.string(), female: z.boolean().nullable() }),
  award: z.object({ code: z.string(), name: z.string() }),
  /** The rules' date (dd/mm/yyyy) the parts and conditions were read from. */
  rulesDateText: z.string(),
  eligibility: z.object({
    status: conditionStatus,
    /** "Đạt", "Chưa đạt", "Cần xem xét". */
    statusLabel: z.string(),
    reason: z.string(),
    details: z.array(z.object({ status: conditionStatus, statusLabel: z.string(), text: z.string() })),
    brokenYear: z.number().nullable(),
    /** "chưa xác minh" when the rule is not verified, else ''. */
    verifiedLabel: z.string(),
  }),
  /** The unit council's vote on this nominee for this award, once its meeting is recorded. */
  council: z.object({ votesFor: z.number(), totalMembers: z.number(), reached: z.boolean(), text: z.string() }).nullable(),
  achievements: z.string(),
  parts: z.array(dossierPartViewSchema),
  /** Names of the required parts still lacking their signed scan: export is refused while any dossier has one. */
  missing: z.array(z.string()),
});
export type DossierView = z.infer<typeof dossierViewSchema>;

export const dossierListSchema = z.object({
  year: z.number(),
  /** The date (yyyy-mm-dd) whose catalogue rules a new dossier reads: today, kept within the group's year. */
  ruleDate: z.string(),
  ruleDateText: z.string(),
  dossiers: z.array(dossierViewSchema),
  choices: z.object({
    nominees: z.array(z.object({ id: z.number(), kind: nomineeKindSchema, name: z.string(), division: z.string(), position: z.string() })),
    /** Titles and awards in force on ruleDate that have a dossier rule; scope says who may receive it. */
    awards: z.array(z.object({ code: z.string(), name: z.string(), scope: z.enum(['collective', 'individual']) })),
  }),
});
export type DossierList = z.infer<typeof dossierListSchema>;

const recordId = z.string().uuid('Hồ sơ không hợp lệ.');
export const dossierRefSchema = z.object({ recordId });
export const dossierCreateSchema = z.object({
  nomineeId: z.number().int().positive('Hãy chọn tập thể hoặc cá nhân được đề nghị.'),
  awardCode: z.string().regex(/^[A-Z0-9_]+$/, 'Hãy chọn danh hiệu hoặc hình thức khen thưởng.'),
});
export const dossierSaveSchema = z.object({ recordId, achievements: optionalTextField('Thành tích', 20000) });
export const dossierPartRefSchema = z.object({ recordId, part: dossierPartKindSchema });
export const dossierDetachSchema = dossierPartRefSchema.extend({ sha256 });
