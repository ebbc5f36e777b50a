import { z } from 'zod';
import { firstUnsafeChar } from '../text/unsafe-chars';

/** Text fields as every form and record states them, with a Vietnamese message naming the field. */

// Messages zod writes itself (wrong types, unknown keys) come out in Vietnamese too, wherever a schema runs.
z.config(z.locales.vi());

/** Refuses a string holding a character no document may hold, naming the field and the character. */
export const xmlSafe = (label: string) => (s: string, ctx: z.RefinementCtx) => {
  const bad = firstUnsafeChar(s);
  if (bad) ctx.addIssue({ code: 'custom', message: `${label} chứa ký tự không được phép (${bad}, ký tự điều khiển hoặc ký tự không hợp lệ); hãy xóa ký tự này.` });
};

/** A required field: trimmed, not blank, bounded, printable. */
export const textField = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .min(1, `${label} không được để trống.`)
    .max(max, `${label} quá dài (tối đa ${max} ký tự).`)
    .superRefine(xmlSafe(label));

/** A field that may stay blank: trimmed, bounded, printable. */
export const optionalTextField = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .max(max, `${label} quá dài (tối đa ${max} ký tự).`)
    .superRefine(xmlSafe(label));
