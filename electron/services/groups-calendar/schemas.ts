import { z } from 'zod';

/** The calendar's domain rules: years, dates, and the roles and kinds of an emulation group. */

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày không hợp lệ: hãy nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/02/2022.');
export const yearSchema = z.number().int().min(2000, 'Năm không hợp lệ.').max(2100, 'Năm không hợp lệ.');

export const roleSchema = z.enum(['leader', 'deputy', 'member']);
export type Role = z.infer<typeof roleSchema>;

export const groupKindSchema = z.enum(['khu_vuc', 'cum']);

/** A deadline as the member reads it: the date, the days left (negative once overdue), and a sentence. */
export const deadlineStatusSchema = z.object({ deadline: z.string().nullable(), daysLeft: z.number().nullable(), text: z.string() });
export type DeadlineStatus = z.infer<typeof deadlineStatusSchema>;
