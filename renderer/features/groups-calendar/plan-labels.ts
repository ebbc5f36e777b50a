import type { PlanView } from '../../../electron/ipc/contract';

export type Plan = PlanView['plan'];
export type Milestone = Plan['milestones'][number];
export type Deadline = Milestone['deadline'];
export type Section = Milestone['section'];

/** The plan's sections in the order of seed 000's "II. NỘI DUNG". */
export const sectionLabels: Record<Section, string> = {
  registration: 'Đăng ký thi đua',
  kickoff: 'Phát động thi đua',
  mid_year: 'Sơ kết',
  inspection: 'Kiểm tra',
  year_end: 'Tổng kết',
};

export const senderLabels: Record<Milestone['from'], string> = {
  member: 'Đơn vị thành viên',
  deputy: 'Phó Trưởng',
  leader: 'Trưởng',
  inspection_team: 'Đoàn kiểm tra',
};

export const receiverLabels: Record<Milestone['to'][number], string> = {
  member: 'Đơn vị thành viên',
  deputy: 'Phó Trưởng',
  leader: 'Trưởng',
  ministry: 'Bộ Tư pháp (Vụ TĐKT)',
};

/** Short enough to show whole in the calendar's select at 1024 px. */
export const deliverableLabels: Record<Milestone['deliverable'], string> = {
  registration: 'Đăng ký thi đua',
  kickoff: 'Gói khởi động',
  plan_comments: 'Góp ý kế hoạch',
  mid_year_report: 'Báo cáo sơ kết',
  inspection_report: 'Báo cáo kiểm tra',
  year_end_report: 'Báo cáo tổng kết',
  self_assessment: 'Bảng tự chấm điểm',
  dossier: 'Hồ sơ khen thưởng',
  consolidated: 'Gói tổng hợp',
  document: 'Văn bản, công văn',
};

export const movementKindLabels: Record<Plan['movements'][number]['kind'], string> = {
  thuong_xuyen: 'Thường xuyên',
  chuyen_de: 'Theo chuyên đề',
  theo_dot: 'Theo đợt',
};

export const deadlineTypeLabels: Record<Deadline['type'], string> = {
  date: 'Trước ngày',
  after_event: 'Số ngày sau sự kiện',
  before_event: 'Số ngày trước sự kiện',
};
