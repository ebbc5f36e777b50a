import { formatDateVi } from '../text/vietnamese';
import { daysBefore } from './calendar';
import type { DeadlineStatus } from './schemas';

// The registration's single deadline, read against the global clock; the calendar (calendar.ts) holds
// the rules and these remain for their callers until they read a milestone's state instead.
export { daysBefore };

/** Late means sent (or, not yet sent, today) on a Vietnamese calendar day after the deadline. */
export function isLate(deadline: string | null, sentAt: string | null, now: string): boolean {
  return !!deadline && daysBefore(deadline, sentAt ?? now) < 0;
}

/** The deadline as the member reads it on its page: "còn 5 ngày", "quá hạn 3 ngày", or when it was sent. */
export function deadlineStatus(deadline: string | null, sentAt: string | null, now: string): DeadlineStatus {
  if (!deadline) return { deadline: null, daysLeft: null, text: 'Khu vực/Cụm chưa đặt hạn gửi đăng ký.' };
  const daysLeft = daysBefore(deadline, now);
  const due = `Hạn gửi đăng ký: ${formatDateVi(deadline)}`;
  if (sentAt) {
    const lateBy = -daysBefore(deadline, sentAt);
    return { deadline, daysLeft, text: `${due}. Đã gửi ngày ${formatDateVi(sentAt)}${lateBy > 0 ? `, muộn ${lateBy} ngày` : ', đúng hạn'}.` };
  }
  if (daysLeft > 0) return { deadline, daysLeft, text: `${due}. Còn ${daysLeft} ngày.` };
  if (daysLeft === 0) return { deadline, daysLeft, text: `${due}. Hôm nay là hạn cuối.` };
  return { deadline, daysLeft, text: `${due}. Quá hạn ${-daysLeft} ngày.` };
}
