import { z } from 'zod';

/** An entry of the catalogue of emulation titles and award forms (resources/catalogue). */
export const catalogueItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['title', 'award']),
  scope: z.enum(['collective', 'individual']),
  grantedBy: z.string(),
  legalBasis: z.string(),
  /** Titles sharing a group exclude each other in one registration (a yearly title: tiên tiến or xuất sắc, not both). */
  exclusiveGroup: z.string().optional(),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;
