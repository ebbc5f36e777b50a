import type { ImportStatus, Role, UnitKind } from '../../electron/ipc/contract';

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

export function formatDate(iso: string | null): string {
  if (!iso) return '';
  // Dates are shown as the calendar date in Vietnam (UTC+7).
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** Today on this PC's calendar (the office's own clock), as YYYY-MM-DD. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
