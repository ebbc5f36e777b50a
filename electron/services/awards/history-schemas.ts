import { z } from 'zod';
import { optionalTextField, textField } from '../fields/schemas';
import { yearFactsSchema } from './schemas';

/**
 * The history register's own shapes: nominees as the unit keeps them (the unit, its divisions, its
 * people) and a year's facts with where they came from. The contract reuses them.
 */

export const nomineeKinds = ['unit', 'division', 'person'] as const;
export const nomineeKindSchema = z.enum(nomineeKinds, { message: 'Loại đối tượng không hợp lệ (đơn vị, phòng hoặc cá nhân).' });
export type NomineeKind = z.infer<typeof nomineeKindSchema>;
export const nomineeKindLabels: Record<NomineeKind, string> = { unit: 'Đơn vị', division: 'Phòng, bộ phận', person: 'Cá nhân' };

export const nomineeSummarySchema = z.object({
  id: z.number().int().positive(),
  kind: nomineeKindSchema,
  name: z.string(),
  division: z.string(),
  position: z.string(),
  female: z.boolean().nullable(),
  /** The staff row this person matches; null for the unit, a division, or someone no longer listed. */
  staffId: z.number().nullable(),
  /** Years with facts entered, latest first. */
  years: z.array(z.number()),
});
export type NomineeSummary = z.infer<typeof nomineeSummarySchema>;

/** A person or a division typed by hand (the unit comes from the unit's setup, people usually from the staff list). */
export const nomineeInputSchema = z.object({
  kind: z.enum(['division', 'person'], { message: 'Chỉ thêm được phòng, bộ phận hoặc cá nhân.' }),
  name: textField('Tên', 200),
  division: optionalTextField('Phòng, bộ phận', 200).default(''),
  position: optionalTextField('Chức vụ', 200).default(''),
  female: z.boolean().nullable().default(null),
});
export type NomineeInput = z.infer<typeof nomineeInputSchema>;

export const factsSourceSchema = z.object({
  kind: z.enum(['manual', 'xlsx']),
  /** Imports: the file's name and the rows read; kept when the year is later edited by hand. */
  file: z.string().nullable(),
  rows: z.string().nullable(),
  updatedAt: z.string(),
});
export type FactsSource = z.infer<typeof factsSourceSchema>;

export const storedYearSchema = z.object({ facts: yearFactsSchema, source: factsSourceSchema });
export type StoredYear = z.infer<typeof storedYearSchema>;
