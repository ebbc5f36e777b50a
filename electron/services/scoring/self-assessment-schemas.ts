import { z } from 'zod';
import { optionalTextField } from '../fields/schemas';
import { unitKindSchema } from '../units-keys/schemas';
import { itemValueSchema, nodeIdSchema } from './criteria-schemas';

/**
 * A unit's self-assessment (bảng tự chấm điểm) as it travels in its bundle, and the evidence it
 * cites. Self-assessment record format 1: frozen once released; a change that would refuse what this
 * accepts makes a new format beside it.
 */
export const SELF_ASSESSMENT_RECORD_FORMAT = 1;

/** One evidence file, named in the bundle by its hash (data/evidence/<sha256>.<ext>); its own name is only shown. */
export const evidenceRefSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã băm tệp minh chứng không hợp lệ.'),
    name: optionalTextField('Tên tệp minh chứng', 255).refine((s) => s !== '', 'Tên tệp minh chứng không được để trống.'),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    media_type: z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i, 'Kiểu tệp minh chứng không hợp lệ.').max(100),
  })
  .strict();
export type EvidenceRef = z.infer<typeof evidenceRefSchema>;

export const assessedItemSchema = z
  .object({
    node: nodeIdSchema,
    /** Null while the unit has not scored the item. */
    value: itemValueSchema.nullable(),
    explanation: optionalTextField('Giải trình', 4000),
    evidence: z.array(evidenceRefSchema).max(50, 'Mỗi tiêu chí có tối đa 50 tệp minh chứng.'),
  })
  .strict();
export type AssessedItem = z.infer<typeof assessedItemSchema>;

export const selfAssessmentRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('self_assessment'),
    version: z.number().int().min(1),
    unit: z.object({ code: z.string().regex(/^[A-Z0-9._-]{2,32}$/, 'Mã đơn vị không hợp lệ.'), name: optionalTextField('Tên đơn vị', 200), kind: unitKindSchema }).strict(),
    group: z.object({ code: z.string().regex(/^[A-Z0-9._-]{2,32}$/, 'Mã Khu vực/Cụm thi đua không hợp lệ.'), year: z.number().int().min(2000).max(2100) }).strict(),
    /** The criteria table version the unit scored against. */
    table: z.object({ record_id: z.string().uuid(), version: z.number().int().min(1) }).strict(),
    items: z.array(assessedItemSchema).max(3000),
    /** The class conditions the unit states it met ("đạt cả ba chỉ tiêu"). */
    conditions_met: z.array(nodeIdSchema).max(20),
    /** The printed self-assessment, signed by the head and confirmed by the provincial chairman, scanned. */
    confirmation: evidenceRefSchema.nullable(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    r.items.forEach((item, i) => {
      if (seen.has(item.node)) ctx.addIssue({ code: 'custom', path: ['items', i, 'node'], message: `Tiêu chí ${item.node} được chấm hai lần.` });
      seen.add(item.node);
    });
  });
export type SelfAssessmentRecord = z.infer<typeof selfAssessmentRecordV1Schema>;
