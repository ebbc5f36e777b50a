import { z } from 'zod';
import { optionalTextField, textField } from '../fields/schemas';
import { itemValueSchema, nodeIdSchema } from './criteria-schemas';
import { evidenceRefSchema } from './self-assessment-schemas';

/**
 * The leader's verified scores (điểm thẩm định) for one member, item by item, or a cross-inspection
 * (kiểm tra chéo) by another member's team, recorded the same way with its team and minutes.
 * Verification record format 1: it travels back to the member in the receipt of its self-assessment.
 */
export const VERIFICATION_RECORD_FORMAT = 1;

const code = z.string().regex(/^[A-Z0-9._-]{2,32}$/, 'Mã đơn vị không hợp lệ.');

export const verifiedItemSchema = z
  .object({
    node: nodeIdSchema,
    /** The value the verifier accepts for an item it has looked at; items not listed yet count with the member's own value. */
    value: itemValueSchema,
    /** Why the score differs from the member's own; required when it does. */
    reason: optionalTextField('Lý do', 2000),
  })
  .strict();
export type VerifiedItem = z.infer<typeof verifiedItemSchema>;

export const inspectionSchema = z
  .object({
    /** The inspecting team: the units it comes from and its people, as the minutes name them. */
    team_units: z.array(code).min(1, 'Hãy ghi đơn vị của đoàn kiểm tra.').max(20),
    team_members: z.array(textField('Thành viên đoàn kiểm tra', 200)).max(30),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày kiểm tra không hợp lệ.'),
    /** The signed minutes (biên bản kiểm tra), scanned. */
    minutes: evidenceRefSchema.nullable(),
  })
  .strict();
export type Inspection = z.infer<typeof inspectionSchema>;

export const verificationRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('verification'),
    version: z.number().int().min(1),
    group: z.object({ code, year: z.number().int().min(2000).max(2100) }).strict(),
    /** The member whose self-assessment is verified, and the version verified. */
    unit: code,
    self_assessment: z.object({ record_id: z.string().uuid(), version: z.number().int().min(1) }).strict(),
    /** Null for the leader's own verification; the team and minutes of a cross-inspection. */
    inspection: inspectionSchema.nullable(),
    items: z.array(verifiedItemSchema).max(3000),
    /** The class conditions the verifier confirms the member met. */
    conditions_met: z.array(nodeIdSchema).max(20),
    /** Every item has been looked at: the verified total is final. */
    complete: z.boolean(),
  })
  .strict();
export type VerificationRecord = z.infer<typeof verificationRecordV1Schema>;
