import { z } from 'zod';
import { optionalTextField, textField } from '../fields/schemas';
import { dossierPartKindSchema } from '../awards/schemas';
import { evidenceRefSchema } from '../scoring/self-assessment-schemas';
import { unitCodeSchema } from '../units-keys/schemas';

/**
 * An award dossier (hồ sơ đề nghị khen thưởng, glossary AwardDossier) as it travels in the unit's
 * `dossier` bundle: who is proposed for which title or award, the parts the catalogue requires with
 * the document generated for each and the signed, stamped scans attached to it, and the eligibility
 * and council result as the unit saw them when it sent. Dossier record format 1: frozen once
 * released; a change that would refuse what this accepts makes a new format beside it.
 */
export const DOSSIER_RECORD_FORMAT = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày không hợp lệ.');

export const dossierNomineeSchema = z
  .object({
    /** The unit itself, one of its divisions (phòng, bộ phận), or a person. */
    kind: z.enum(['unit', 'division', 'person']),
    name: textField('Tên người hoặc tập thể được đề nghị', 200),
    position: optionalTextField('Chức vụ', 200),
    division: optionalTextField('Đơn vị công tác', 200),
    /** People: for the tie-break that prefers women; null when not said. */
    female: z.boolean().nullable(),
  })
  .strict();
export type DossierNominee = z.infer<typeof dossierNomineeSchema>;

export const dossierPartRecordSchema = z
  .object({
    part: dossierPartKindSchema,
    /** As the catalogue names it ("Tờ trình đề nghị khen thưởng") and its form ("Mẫu số 01"). */
    name: textField('Tên thành phần hồ sơ', 300),
    form: optionalTextField('Mẫu', 100),
    /** false where the catalogue holds the form's number as not verified: shown "chưa xác minh". */
    form_verified: z.boolean(),
    /** The catalogue's parts are all required, but the initiative's certificate only when the conditions rest on an initiative. */
    required: z.boolean(),
    /** The DOCX the app generated for this part, as last generated (null for a part with no generator). */
    document: evidenceRefSchema.nullable(),
    /** The signed and stamped pages, scanned (PDF or images). */
    scans: z.array(evidenceRefSchema).max(20, 'Mỗi thành phần hồ sơ có tối đa 20 tệp đính kèm.'),
  })
  .strict();
export type DossierPartRecord = z.infer<typeof dossierPartRecordSchema>;

const conditionStatus = z.enum(['met', 'not_met', 'needs_review']);

export const dossierRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('dossier'),
    version: z.number().int().min(1),
    group: z.object({ code: unitCodeSchema, year: z.number().int().min(2000).max(2100) }).strict(),
    /** The proposing unit (the bundle's sender). */
    unit: z.object({ code: unitCodeSchema, name: textField('Tên đơn vị', 200) }).strict(),
    nominee: dossierNomineeSchema,
    award: z.object({ code: z.string().regex(/^[A-Z0-9_]+$/, 'Mã danh hiệu không hợp lệ.'), name: textField('Tên danh hiệu, hình thức khen thưởng', 200) }).strict(),
    /** The catalogue edition and the date whose rules the parts and conditions were read from. */
    rules: z.object({ edition: isoDate, date: isoDate }).strict(),
    /** The conditions as the unit's history met them when it sent: the leader sees a failing one flagged. */
    eligibility: z
      .object({
        status: conditionStatus,
        reason: optionalTextField('Lý do', 2000),
        details: z.array(z.object({ status: conditionStatus, text: textField('Điều kiện', 1000) }).strict()).max(50),
        broken_year: z.number().int().nullable(),
        /** false when the rule, or a condition it rests on, is not verified ("chưa xác minh"). */
        verified: z.boolean(),
      })
      .strict(),
    /** The unit council's vote on this nominee, when its meeting is recorded. */
    council: z
      .object({
        meeting: z.object({ record_id: z.string().uuid(), version: z.number().int().min(1) }).strict(),
        votes_for: z.number().int().min(0),
        total_members: z.number().int().min(1),
        reached: z.boolean(),
      })
      .strict()
      .nullable(),
    /** What the unit writes about the nominee's achievements: the báo cáo thành tích starts from it. */
    achievements: optionalTextField('Thành tích', 20000),
    parts: z.array(dossierPartRecordSchema).min(1).max(20),
  })
  .strict();
export type DossierRecord = z.infer<typeof dossierRecordV1Schema>;

/** The parts still lacking their signed scan: a dossier with any is refused at export, by name. */
export const missingParts = (d: Pick<DossierRecord, 'parts'>): DossierPartRecord[] => d.parts.filter((p) => p.required && !p.scans.length);
