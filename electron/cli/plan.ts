import { parseArgs } from 'node:util';
import { UserError } from '../services/errors';
import { printOrRefuse } from './output';
import { formatDateVi } from '../services/text/vietnamese';
import type { DeadlineRule, Milestone } from '../services/groups-calendar/plan-schemas';
import type { PlanReading, ProposedEvent } from '../services/groups-calendar/plan-reader';
import { readPlanFile } from '../services/groups-calendar/plan-reader-file';

const SENDER: Record<Milestone['from'], string> = { member: 'Đơn vị thành viên', deputy: 'Phó Trưởng', leader: 'Trưởng', inspection_team: 'Đoàn kiểm tra' };
const RECEIVER: Record<Milestone['to'][number], string> = { member: 'các đơn vị thành viên', deputy: 'Phó Trưởng', leader: 'Trưởng', ministry: 'Bộ Tư pháp (Vụ Thi đua - Khen thưởng)' };
/** Read as the plans write it: "Trưởng, Phó Trưởng … và Vụ Thi đua - Khen thưởng". */
const RECEIVER_ORDER = ['leader', 'deputy', 'member', 'ministry'] as const;
const SECTION: Record<Milestone['section'], string> = { registration: 'Đăng ký thi đua', kickoff: 'Phát động thi đua', mid_year: 'Sơ kết', inspection: 'Kiểm tra', year_end: 'Tổng kết' };
const DELIVERABLE: Record<Milestone['deliverable'], string> = {
  kickoff: 'kế hoạch phát động',
  plan_comments: 'ý kiến góp ý dự thảo',
  registration: 'đăng ký thi đua',
  mid_year_report: 'báo cáo sơ kết 6 tháng',
  inspection_report: 'báo cáo kết quả kiểm tra',
  year_end_report: 'báo cáo tổng kết năm',
  self_assessment: 'bảng tự chấm điểm kèm minh chứng',
  dossier: 'hồ sơ đề nghị khen thưởng',
  consolidated: 'gói tổng hợp của Phó Trưởng',
  document: 'văn bản (theo dõi)',
};

function ruleText(rule: DeadlineRule | null, events: ProposedEvent[]): string {
  if (!rule) return 'chưa có hạn';
  if (rule.type === 'date') return `hạn ${formatDateVi(rule.date)}`;
  const event = events.find((e) => e.key === rule.event)?.title ?? rule.event;
  return `${String(rule.days).padStart(2, '0')} ngày ${rule.type === 'after_event' ? 'sau' : 'trước'} "${event}"`;
}

/** The reading as a leader reads it: phases, then milestones with their rule, route and source sentence. */
export function describePlanReading(r: PlanReading): string[] {
  const out: string[] = [];
  out.push(`KẾ HOẠCH: ${r.title || '(không rõ tiêu đề)'}`, `Năm của kế hoạch: ${r.year ?? 'không xác định'}`);
  for (const p of r.problems) out.push(`Cần xem lại: ${p}`);
  out.push('', `ĐỢT THI ĐUA (${r.phases.length})`);
  r.phases.forEach((p, i) => {
    out.push(`${i + 1}. ${p.name}: từ ${p.from ? formatDateVi(p.from) : '?'} đến ${p.to ? formatDateVi(p.to) : '?'}`);
    out.push(`   Câu gốc: "${p.sentence}"`);
    for (const x of p.problems) out.push(`   Cần xem lại: ${x}`);
  });
  out.push('', `MỐC GỬI (${r.milestones.length})`);
  r.milestones.forEach((m, i) => {
    const to = RECEIVER_ORDER.filter((t) => m.to.includes(t)).map((t) => RECEIVER[t]);
    const route = `${m.from ? SENDER[m.from] : 'không rõ bên gửi'} → ${to.length ? to.join(', ') : 'không rõ nơi nhận'}`;
    out.push(`${i + 1}. [${m.section ? SECTION[m.section] : 'không rõ phần'}] ${ruleText(m.deadline, r.events)}: ${route}; ${DELIVERABLE[m.deliverable]}${m.gathers === 'thads' ? ' (các Cục Thi hành án dân sự)' : ''}`);
    if (m.title) out.push(`   Nội dung: ${m.title}`);
    out.push(`   Câu gốc: "${m.sentence}"`);
    for (const x of m.problems) out.push(`   Cần xem lại: ${x}`);
  });
  if (r.events.length) {
    out.push('', `SỰ KIỆN CHƯA CÓ NGÀY (${r.events.length})`);
    for (const e of r.events) out.push(`- ${e.title}${e.expected ? ` (dự kiến: ${e.expected})` : ''}`);
  }
  return out;
}

/** `thidua plan read FILE [--json]`: exit 0 with what was found, 1 with the reason when the file is refused. */
export async function planReadCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UserError('Hãy chỉ ra đúng một tệp kế hoạch (.docx hoặc .txt).');
  return printOrRefuse(values.json, () => readPlanFile(positionals[0]!), describePlanReading);
}
