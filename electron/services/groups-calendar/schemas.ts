import { z } from 'zod';

/** The calendar's domain rules: years, dates, and the roles and kinds of an emulation group. */

// zod's ISO date knows month lengths and leap years: 2022-02-30 and 2022-13-45 are not dates.
const calendarDate = z.iso.date();

/** A real calendar date written YYYY-MM-DD, as forms send and records carry them. */
export function isRealIsoDate(s: string): boolean {
  return calendarDate.safeParse(s).success;
}

const notADate = (label: string) => `${label} không hợp lệ: hãy nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/02/2022.`;

/** A required date field; the message names the field and explains day first, never the ISO form. */
export const dateField = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} không được để trống.`)
    .refine(isRealIsoDate, notADate(label));

/** A date field that may stay blank (''). */
export const optionalDateField = (label: string) =>
  z
    .string()
    .trim()
    .refine((s) => s === '' || isRealIsoDate(s), notADate(label));

export const yearSchema = z.number().int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.');

export const roleSchema = z.enum(['leader', 'deputy', 'member']);
export type Role = z.infer<typeof roleSchema>;

export const groupKindSchema = z.enum(['khu_vuc', 'cum', 'noi_bo']);

/** A deadline as the member reads it: the date, the days left (negative once overdue), and a sentence. */
export const deadlineStatusSchema = z.object({ deadline: z.string().nullable(), daysLeft: z.number().nullable(), text: z.string() });
export type DeadlineStatus = z.infer<typeof deadlineStatusSchema>;
