import type { ImportStatus, Role, UnitKind } from '../../electron/ipc/contract';
import { localDate } from '../../electron/services/text/vietnamese';

export const unitKindLabels: Record<UnitKind, string> = {
  so_tu_phap: 'Sở Tư pháp',
  thads: 'Cục THADS / THADS tỉnh',
  don_vi_thuoc_bo: 'Đơn vị thuộc Bộ',
  khac: 'Khác',
};

export const roleLabels: Record<Role, string> = { leader: 'Trưởng', deputy: 'Phó Trưởng', member: 'Thành viên' };

export const importStatusLabels: Record<ImportStatus, string> = {
  accepted: 'Đã nhận',
  duplicate: 'Đã có',
  stale: 'Gói cũ',
  quarantined: 'Chờ xác nhận khóa',
  refused: 'Từ chối',
};

export const commitmentKindLabels = { key_task: 'Nhiệm vụ trọng tâm', project: 'Công trình, đề án, sáng kiến', other: 'Cam kết khác' } as const;

/** Today in Vietnam (whatever time zone this PC is set to), as YYYY-MM-DD. */
export function todayLocal(): string {
  return localDate(new Date().toISOString());
}
