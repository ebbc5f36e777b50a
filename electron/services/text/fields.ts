import { z } from 'zod';

/** Text as every form and record states it, and the characters no text here may hold. */

// Messages zod writes itself (wrong types, unknown keys) come out in Vietnamese too, wherever a schema runs.
z.config(z.locales.vi());

const planeNoncharacters = Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}FFFE}\\u{${(i + 1).toString(16)}FFFF}`).join('');
/**
 * What XML 1.0 forbids (C0 controls other than tab, line feed and carriage return; lone surrogates;
 * U+FFFE, U+FFFF) — a DOCX holding one does not open in Word or LibreOffice — and the neighbours no
 * Vietnamese text needs (DEL and C1 controls, the noncharacters U+FDD0–U+FDEF and U+nFFFE/U+nFFFF).
 * With the u flag a lone surrogate is one code point and matches; a proper pair (an emoji) does not.
 */
const UNSAFE_SOURCE = `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF\\uFDD0-\\uFDEF\\uFFFE\\uFFFF${planeNoncharacters}]`;
const UNSAFE = new RegExp(UNSAFE_SOURCE, 'u');
const UNSAFE_ALL = new RegExp(UNSAFE_SOURCE, 'gu');

/** The first character of `s` no document may hold, as "U+FFFE", or null. */
export function firstUnsafeChar(s: string): string | null {
  const m = UNSAFE.exec(s);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** `s` without the characters no document may hold: the DOCX writer's last line of defence. */
export function stripUnsafeChars(s: string): string {
  return s.replace(UNSAFE_ALL, '');
}

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
