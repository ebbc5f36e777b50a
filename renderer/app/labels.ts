import type { ImportStatus, Role } from '../../electron/ipc/contract';
import { formatDateVi, localDate } from '../../electron/services/text/vietnamese';

export { unitKindLabels } from '../../electron/services/units-keys/unit-kinds';

export const roleLabels: Record<Role, string> = { leader: 'Trưởng', deputy: 'Phó Trưởng', member: 'Thành viên' };

export const importStatusLabels: Record<ImportStatus, string> = {
  accepted: 'Đã nhận',
  duplicate: 'Đã có',
  stale: 'Gói cũ',
  quarantined: 'Chờ xác nhận khóa',
  refused: 'Từ chối',
  held: 'Chờ đủ phần',
};

export const commitmentKindLabels = { key_task: 'Nhiệm vụ trọng tâm', project: 'Công trình, đề án, sáng kiến', other: 'Cam kết khác' } as const;

/** Today in Vietnam (whatever time zone this PC is set to), as YYYY-MM-DD. */
export function todayLocal(): string {
  return localDate(new Date().toISOString());
}

/** The plan milestone an exported bundle answers, as its confirmation says it: " cho mốc “…” (hạn 15/02/2022)". */
export function answeredMilestoneText(milestone: { title: string; deadline: string | null } | null | undefined): string {
  if (!milestone) return '';
  return ` cho mốc “${milestone.title}”${milestone.deadline ? ` (hạn ${formatDateVi(milestone.deadline)})` : ''}`;
}
