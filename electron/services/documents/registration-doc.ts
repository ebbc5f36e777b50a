import type { Document } from 'docx';
import type { Group, OwnUnit, Registration } from '../../ipc/contract';
import { catalogue, grantedByFor, titleName } from '../catalogue/catalogue';
import { addressees, bodyText, dataTable, heading, line, officialDocument } from './layout';
import { groupKindWords } from '../groups-calendar/group-kind';

export const commitmentLabel = { key_task: 'Nhiệm vụ trọng tâm', project: 'Công trình, đề án, sáng kiến', other: 'Cam kết khác' } as const;

function countByTitle(codes: string[]): string {
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return catalogue
    .filter((c) => counts.has(c.code))
    .map((c) => `${c.name}: ${String(counts.get(c.code)).padStart(2, '0')}`)
    .join('; ');
}

/** BẢN ĐĂNG KÝ THI ĐUA NĂM …, in the Decree 30/2020 layout. */
export function registrationDocument(reg: Registration, unit: OwnUnit, group: Group): Document {
  const leader = group.members.find((m) => m.role === 'leader');
  const deputy = group.members.find((m) => m.role === 'deputy');
  const groupKind = groupKindWords(group.kind).kind;
  // Addressed to the group's leader and deputy, never to the unit itself: a leader's own registration
  // goes to its deputy, and to the Ministry's emulation office when there is no one else.
  const recipientsOfGroup = [
    leader && leader.code !== unit.code && `${leader.name} - Trưởng ${groupKind}`,
    deputy && deputy.code !== unit.code && `${deputy.name} - Phó Trưởng ${groupKind}`,
  ].filter((r): r is string => !!r);
  if (!recipientsOfGroup.length) recipientsOfGroup.push('Vụ Thi đua - Khen thưởng, Bộ Tư pháp');
  const collectiveRows = reg.collective.map((c, i) => {
    const item = catalogue.find((x) => x.code === c.titleCode);
    return [String(i + 1), titleName(c.titleCode), item?.kind === 'award' ? 'Hình thức khen thưởng' : 'Danh hiệu thi đua', grantedByFor(c.titleCode, unit.kind), c.note];
  });
  const individualRows = reg.individuals.map((p, i) => [String(i + 1), p.fullName, p.birthYear ? String(p.birthYear) : '', p.gender === 'nu' ? 'Nữ' : 'Nam', p.position, p.department, titleName(p.titleCode)]);
  const body = [
    ...addressees(recipientsOfGroup),
    bodyText(
      `Thực hiện Kế hoạch hoạt động của ${group.name} năm ${group.year}, ${unit.name} đăng ký thi đua năm ${group.year} với các nội dung cụ thể như sau:`,
    ),
    heading('I. ĐĂNG KÝ DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG CỦA TẬP THỂ'),
    ...(collectiveRows.length
      ? [
          dataTable(
            [
              { title: 'STT', weight: 7, align: 'center' },
              { title: 'Danh hiệu, hình thức khen thưởng', weight: 34 },
              { title: 'Loại', weight: 18 },
              { title: 'Cấp quyết định', weight: 24 },
              { title: 'Ghi chú', weight: 18 },
            ],
            collectiveRows,
          ),
        ]
      : [bodyText('Tập thể đơn vị không đăng ký danh hiệu, hình thức khen thưởng.')]),
    heading('II. ĐĂNG KÝ DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG CỦA CÁ NHÂN'),
    ...(individualRows.length
      ? [
          bodyText(`Tổng số cá nhân đăng ký: ${String(individualRows.length).padStart(2, '0')} (${countByTitle(reg.individuals.map((p) => p.titleCode))}).`),
          dataTable(
            [
              { title: 'STT', weight: 7, align: 'center' },
              { title: 'Họ và tên', weight: 22 },
              { title: 'Năm sinh', weight: 9, align: 'center' },
              { title: 'Giới tính', weight: 9, align: 'center' },
              { title: 'Chức vụ', weight: 17 },
              { title: 'Phòng, bộ phận', weight: 17 },
              { title: 'Danh hiệu, hình thức', weight: 20 },
            ],
            individualRows,
          ),
        ]
      : [bodyText('Không có cá nhân đăng ký.')]),
    heading('III. CÁC NHIỆM VỤ TRỌNG TÂM, CÔNG TRÌNH VÀ CAM KẾT'),
    ...reg.commitments.map((c, i) => bodyText([{ text: `${i + 1}. ${commitmentLabel[c.kind]}: `, bold: true }, c.content])),
    bodyText(
      `${unit.name} cam kết tổ chức thực hiện nghiêm túc các nội dung đã đăng ký, phấn đấu hoàn thành xuất sắc nhiệm vụ được giao năm ${group.year}./.`,
    ),
    // Lets the leader pin the key from paper as well as by phone (DESIGN.md §4).
    line(`Gói hồ sơ điện tử của văn bản này được ký bằng khóa có dấu vân tay: ${unit.fingerprint}.`, { size: 24, italics: true, before: 120 }),
  ];
  return officialDocument({
    heading: { parentName: unit.parentName, unitName: unit.name, numberSymbol: reg.numberSymbol || '      /ĐK', place: reg.place, date: reg.documentDate },
    title: `BẢN ĐĂNG KÝ THI ĐUA NĂM ${group.year}`,
    subtitle: unit.name,
    body,
    signature: { recipients: reg.recipients, authority: reg.signerAuthority, title: reg.signerTitle, name: reg.signerName },
    description: `Đăng ký thi đua năm ${group.year}, phiên bản ${reg.version}`,
  });
}
