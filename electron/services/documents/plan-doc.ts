import type { Document } from 'docx';
import text from '../../../resources/calendar/plan-document.json';
import type { Group } from '../../ipc/contract';
import { lowerFirst, ruleText } from '../groups-calendar/calendar';
import { planSections, type Milestone, type PlanContent } from '../groups-calendar/plan-schemas';
import { UserError } from '../errors';
import { formatDateVi } from '../text/vietnamese';
import { bodyText, heading, officialDocument } from './layout';
import { groupKindWords } from '../groups-calendar/group-kind';

export type PlanGroup = Pick<Group, 'name' | 'kind' | 'year' | 'members'>;

const MINISTRY = 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp';

/**
 * KẾ HOẠCH Hoạt động của Khu vực (Cụm) thi đua … năm …, in seed 000's order: căn cứ; I. Mục đích,
 * yêu cầu; II. Nội dung, one numbered section per part of the year with each milestone as a
 * paragraph (who sends what to whom, the deadline in bold), then the movements and phases and the
 * working relations; III. Tổ chức thực hiện; Nơi nhận and the leader's signature. The fixed wording is
 * data (resources/calendar/plan-document.json). A plan without its own date prints the day and month
 * blank, for the pen at signing.
 */
export function planDocument(group: PlanGroup, plan: PlanContent): Document {
  const leader = group.members.find((m) => m.role === 'leader');
  if (!leader) throw new UserError(`${group.name} chưa có đơn vị Trưởng: hãy chọn đơn vị Trưởng trước khi in kế hoạch.`);
  const deputy = group.members.find((m) => m.role === 'deputy');
  const { kind } = groupKindWords(group.kind);
  const year = group.year;
  const fill = (s: string) =>
    s
      .replaceAll('{group}', group.name)
      .replaceAll('{group_kind}', kind)
      .replaceAll('{year}', String(year))
      .replaceAll('{next_year}', String(year + 1));
  const bullet = (s: string) => bodyText(`- ${fill(s)}`);
  // "*…*" in the wording is set in italics, as the plan sets "(sau đây viết tắt là Khu vực thi đua)".
  const italics = (s: string) => fill(s).split('*').map((part, i) => ({ text: part, italics: i % 2 === 1 }));

  const leaderWords = `${leader.name}, Trưởng ${kind} năm ${year}`;
  const deputyWords = deputy ? `${deputy.name}, Phó Trưởng ${kind} năm ${year}` : `Phó Trưởng ${kind}`;
  const sender: Record<Milestone['from'], string> = {
    member: `Các cơ quan, đơn vị thành viên ${kind}`,
    deputy: deputyWords,
    leader: leaderWords,
    inspection_team: 'Đoàn kiểm tra',
  };
  const receivers = (to: Milestone['to']): string => {
    // "Trưởng, Phó Trưởng Khu vực thi đua" when both receive, as the plan writes it.
    const both = to.includes('leader') && to.includes('deputy');
    const names = to.flatMap((r) => {
      if (both && r === 'deputy') return [];
      if (both && r === 'leader') return [`Trưởng, Phó Trưởng ${kind}`];
      return [{ leader: leaderWords, deputy: deputyWords, member: `các cơ quan, đơn vị thành viên ${kind}`, ministry: MINISTRY }[r]];
    });
    return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} và ${names.at(-1)!}`;
  };
  const milestone = (m: Milestone) =>
    bodyText([
      `- ${sender[m.from]} gửi ${lowerFirst(m.title)} cho ${receivers(m.to)} `,
      { text: ruleText(m.deadline, plan.events, { sayUndated: false }), bold: true },
      '.',
      ...(m.note ? [` ${m.note}`] : []),
    ]);
  const eventLine = (e: PlanContent['events'][number]) =>
    bodyText(`${e.title}: ${e.date ? `ngày ${formatDateVi(e.date)}` : e.expected ? `dự kiến ${lowerFirst(e.expected)}` : 'chưa có ngày'}.`);

  let n = 0;
  const numbered = (title: string) => heading(`${++n}. ${fill(title)}`);
  const sections = planSections.flatMap((key) => {
    const section = text.sections[key];
    const milestones = plan.milestones.filter((m) => m.section === key);
    if (!milestones.length && !section.intro.length) return [];
    // The events this part of the year counts from, once each, before the steps that count from them.
    const eventKeys = new Set(milestones.flatMap((m) => (m.deadline.type === 'date' ? [] : [m.deadline.event])));
    const events = plan.events.filter((e) => eventKeys.has(e.key) && (e.date || e.expected));
    return [numbered(section.title), ...section.intro.map(bullet), ...milestones.map(milestone), ...events.map(eventLine)];
  });
  const movements = plan.movements.length || plan.phases.length
    ? [
        numbered(text.movementsTitle),
        ...plan.movements.map((m) => bodyText(`- ${m.name}${m.description ? `: ${m.description}` : '.'}`)),
        ...plan.phases.map((p) => bodyText(`- ${p.name}: từ ngày ${formatDateVi(p.from)} đến ngày ${formatDateVi(p.to)}.${p.purpose ? ` ${p.purpose}` : ''}`)),
      ]
    : [];

  const body = [
    bodyText(italics(text.basis)),
    heading('I. MỤC ĐÍCH, YÊU CẦU'),
    heading('1. Mục đích'),
    ...text.purpose.map(bullet),
    heading('2. Yêu cầu'),
    ...text.requirements.map(bullet),
    heading('II. NỘI DUNG'),
    ...sections,
    ...movements,
    numbered(text.relationsTitle),
    ...text.relations.map(bullet),
    heading('III. TỔ CHỨC THỰC HIỆN'),
    ...text.implementation.map((s, i) => bodyText(`${i + 1}. ${fill(s)}`)),
    bodyText(fill(text.closing)),
  ];
  const numberSymbol = plan.document.number_symbol.startsWith('/') ? `      ${plan.document.number_symbol}` : plan.document.number_symbol;
  return officialDocument({
    heading: { parentName: leader.parentName, unitName: leader.name, numberSymbol, place: plan.document.place || leader.province, date: plan.document.date || { blankIn: year } },
    title: 'KẾ HOẠCH',
    subtitle: `Hoạt động của ${group.name} năm ${year}`,
    body,
    signature: { recipients: plan.document.recipients, authority: `TRƯỞNG ${kind.toUpperCase()}`, title: plan.document.signer_title, name: plan.document.signer_name },
    description: `Kế hoạch hoạt động của ${group.name} năm ${year}`,
  });
}

