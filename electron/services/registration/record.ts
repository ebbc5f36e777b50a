import { z } from 'zod';
import { unitCodeSchema, unitKindSchema } from '../units-keys/schemas';
import { commitmentKinds, genderSchema } from './schemas';
import { catalogue } from '../catalogue/catalogue';

/** The registration as it travels in a bundle: data/records/<record_id>.v<version>.json. */
const s = (max: number) => z.string().max(max);
const knownTitle = (scope: 'collective' | 'individual') =>
  z.string().refine((code) => catalogue.some((c) => c.code === code && c.scope === scope), {
    message: 'mã danh hiệu không có trong danh mục',
  });

export const registrationRecordSchema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('registration'),
    version: z.number().int().min(1),
    unit: z.object({ code: unitCodeSchema, name: s(200).min(1), kind: unitKindSchema, province: s(100), parent_name: s(200) }).strict(),
    group: z.object({ code: unitCodeSchema, year: z.number().int() }).strict(),
    document: z
      .object({
        number_symbol: s(60),
        place: s(60),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        signer_authority: s(60),
        signer_title: s(100),
        signer_name: s(100),
        recipients: z.array(s(200)).max(30),
      })
      .strict(),
    collective: z.array(z.object({ title_code: knownTitle('collective'), note: s(300) }).strict()).max(30),
    individuals: z
      .array(
        z
          .object({
            full_name: s(120).min(1),
            birth_year: z.number().int().nullable(),
            gender: genderSchema,
            position: s(200),
            department: s(200),
            title_code: knownTitle('individual'),
          })
          .strict(),
      )
      .max(2000),
    commitments: z.array(z.object({ kind: z.enum(commitmentKinds), content: s(2000).min(1) }).strict()).min(1).max(100),
  })
  .strict();

export type RegistrationRecord = z.infer<typeof registrationRecordSchema>;
