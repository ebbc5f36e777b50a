import { formatDateVi, localDate } from '../text/vietnamese';
import { nowIso } from '../units-keys/units';
import type { DeadlineStatus } from './schemas';

const DAY = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${localDate(isoDate)}T00:00:00Z`) / DAY;

/** Whole calendar days in Vietnam from `at` (a timestamp or a date) to the deadline: negative once past it. */
export function daysBefore(deadline: string, at: string): number {
  return dayNumber(deadline) - dayNumber(at);
}

/** Late means sent (or, not yet sent, today) on a Vietnamese calendar day after the deadline. */
export function isLate(deadline: string | null, sentAt: string | null): boolean {
  return !!deadline && daysBefore(deadline, sentAt ?? nowIso()) < 0;
}

/** The deadline as the member reads it on its page: "còn 5 ngày", "quá hạn 3 ngày", or when it was sent. */
export function deadlineStatus(deadline: string | null, sentAt: string | null): DeadlineStatus {
  if (!deadline) return { deadline: null, daysLeft: null, text: 'Khu vực/Cụm chưa đặt hạn gửi đăng ký.' };
  const daysLeft = daysBefore(deadline, nowIso());
  const due = `Hạn gửi đăng ký: ${formatDateVi(deadline)}`;
  if (sentAt) {
    const lateBy = -daysBefore(deadline, sentAt);
    return { deadline, daysLeft, text: `${due}. Đã gửi ngày ${formatDateVi(sentAt)}${lateBy > 0 ? `, muộn ${lateBy} ngày` : ', đúng hạn'}.` };
  }
  if (daysLeft > 0) return { deadline, daysLeft, text: `${due}. Còn ${daysLeft} ngày.` };
  if (daysLeft === 0) return { deadline, daysLeft, text: `${due}. Hôm nay là hạn cuối.` };
  return { deadline, daysLeft, text: `${due}. Quá hạn ${-daysLeft} ngày.` };
}
