import { z } from 'zod';

/** Text fields as every form and record states them: a Vietnamese message naming the field. */

// Messages zod writes itself (wrong types, unknown keys) come out in Vietnamese too, wherever a schema runs.
z.config(z.locales.vi());

/** A required field: trimmed, not blank, bounded. */
export const textField = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .min(1, `${label} không được để trống.`)
    .max(max, `${label} quá dài (tối đa ${max} ký tự).`);

/** A field that may stay blank: trimmed, bounded. */
export const optionalTextField = (label: string, max = 500) => z.string().trim().max(max, `${label} quá dài (tối đa ${max} ký tự).`);
