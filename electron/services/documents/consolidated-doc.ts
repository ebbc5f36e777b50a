import type { Document } from 'docx';
import type { OwnUnit } from '../../ipc/contract';
import { catalogue, titleName } from '../catalogue/catalogue';
import type { MemberRegistration } from '../registration/overview';
import type { getGroup } from '../groups-calendar/groups';
import { comparePersonNames, formatDateVi } from '../text/vietnamese';
import { bodyText, dataTable, heading, officialDocument } from './layout';

const roleLabel = { leader: 'Trưởng', deputy: 'Phó Trưởng', member: '' } as const;

/** "Tổng hợp đăng ký thi đua năm …" of all members, landscape for its wide tables. */
export function consolidatedDocument(group: ReturnType<typeof getGroup>, members: MemberRegistration[], unit: OwnUnit, today: string): Document {
  const groupKind = group.kind === 'khu_vuc' ? 'Khu vực thi đua' : 'Cụm thi đua';
  const received = members.filter((m) => m.registration);
  const status = members.map((m, i) => [
    String(i + 1),
    m.member.name + (m.member.role !== 'member' ? `\n(${roleLabel[m.member.role]} ${groupKind})` : ''),
    m.sentAt ? formatDateVi(m.sentAt) : '',
    m.receivedAt ? formatDateVi(m.receivedAt) : '',
    m.registration ? String(m.registration.version) : '',
    !m.registration ? 'Chưa gửi' : m.late ? 'Gửi chậm' : 'Đúng hạn',
  ]);
  const collective = received.map((m, i) => {
    const pick = (kind: 'title' | 'award') =>
      m.registration!.collective.filter((c) => catalogue.find((x) => x.code === c.titleCode)?.kind === kind).map((c) => titleName(c.titleCode)).join(';\n');
    return [String(i + 1), m.member.name, pick('title'), pick('award')];
  });
  const individualCodes = catalogue.filter((c) => c.scope === 'individual' && received.some((m) => m.registration!.individuals.some((p) => p.titleCode === c.code)));
  const counts = received.map((m, i) => [
    String(i + 1),
    m.member.name,
    ...individualCodes.map((c) => String(m.registration!.individuals.filter((p) => p.titleCode === c.code).length || '')),
    String(m.registration!.individuals.length),
  ]);
  const named = received
    .flatMap((m) => m.registration!.individuals.filter((p) => p.titleCode !== 'LDTT').map((p) => ({ p, unitName: m.member.name })))
    .sort((a, b) => comparePersonNames(a.p.fullName, b.p.fullName))
    .map(({ p, unitName }, i) => [String(i + 1), p.fullName, p.position, unitName, titleName(p.titleCode)]);

  const deadline = group.registrationDeadline ? ` (hạn gửi: ${formatDateVi(group.registrationDeadline)})` : '';
  const body = [
    bodyText(
      `${unit.name}, Trưởng ${group.name} năm ${group.year}, tổng hợp đăng ký thi đua năm ${group.year} của các đơn vị thành viên như sau: ${received.length}/${members.length} đơn vị đã gửi đăng ký${deadline}.`,
    ),
    heading('I. TÌNH HÌNH GỬI ĐĂNG KÝ THI ĐUA'),
    dataTable(
      [
        { title: 'STT', weight: 5, align: 'center' },
        { title: 'Đơn vị', weight: 43 },
        { title: 'Ngày gửi', weight: 13, align: 'center' },
        { title: 'Ngày nhận', weight: 13, align: 'center' },
        { title: 'Phiên bản', weight: 10, align: 'center' },
        { title: 'Ghi chú', weight: 16, align: 'center' },
      ],
      status,
      true,
    ),
    heading('II. ĐĂNG KÝ DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG CỦA TẬP THỂ'),
    dataTable(
      [
        { title: 'STT', weight: 5, align: 'center' },
        { title: 'Đơn vị', weight: 35 },
        { title: 'Danh hiệu thi đua', weight: 30 },
        { title: 'Hình thức khen thưởng', weight: 30 },
      ],
      collective,
      true,
    ),
    heading('III. SỐ LƯỢNG CÁ NHÂN ĐĂNG KÝ THEO DANH HIỆU, HÌNH THỨC KHEN THƯỞNG'),
    dataTable(
      [
        { title: 'STT', weight: 5, align: 'center' },
        { title: 'Đơn vị', weight: 30 },
        ...individualCodes.map((c) => ({ title: c.name, weight: 10, align: 'center' as const })),
        { title: 'Tổng số', weight: 9, align: 'center' as const },
      ],
      counts,
      true,
    ),
    heading('IV. DANH SÁCH CÁ NHÂN ĐĂNG KÝ CHIẾN SĨ THI ĐUA VÀ CÁC HÌNH THỨC KHEN THƯỞNG'),
    ...(named.length
      ? [
          dataTable(
            [
              { title: 'STT', weight: 5, align: 'center' },
              { title: 'Họ và tên', weight: 22 },
              { title: 'Chức vụ', weight: 25 },
              { title: 'Đơn vị', weight: 25 },
              { title: 'Danh hiệu, hình thức', weight: 23 },
            ],
            named,
            true,
          ),
        ]
      : [bodyText('Không có cá nhân đăng ký.')]),
  ];
  const own = members.find((m) => m.member.code === unit.code)?.registration;
  return officialDocument({
    heading: { parentName: unit.parentName, unitName: unit.name, numberSymbol: '      /TH-' + (group.kind === 'khu_vuc' ? 'KVTĐ' : 'CTĐ'), place: own?.place || unit.province, date: today },
    title: `TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM ${group.year}`,
    subtitle: `của các đơn vị thành viên ${group.name}`,
    body,
    signature: {
      recipients: ['Vụ Thi đua - Khen thưởng, Bộ Tư pháp', 'Các đơn vị thành viên', `Lưu: VT`],
      authority: `TRƯỞNG ${groupKind.toUpperCase()}`,
      title: own?.signerTitle ?? '',
      name: own?.signerName ?? '',
    },
    landscape: true,
    description: `Tổng hợp đăng ký thi đua năm ${group.year}`,
  });
}
