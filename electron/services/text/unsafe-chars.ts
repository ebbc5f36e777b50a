/** The characters no text here may hold: refused in forms and records, stripped from documents. */

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
