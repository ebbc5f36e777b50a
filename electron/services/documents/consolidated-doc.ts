import type { Document } from 'docx';
import type { ConsolidatedRow, OwnUnit, ParsedInput } from '../../ipc/contract';
import { catalogue, titleName } from '../catalogue/catalogue';
import type { MemberRegistration } from '../registration/overview';
import type { getGroup } from '../groups-calendar/groups';
import { formatDateVi } from '../text/vietnamese';
import { unitKindLabels } from '../units-keys/schemas';
import { bodyText, dataTable, heading, officialDocument } from './layout';
import { groupKindWords } from '../groups-calendar/group-kind';

const roleLabel = { leader: 'Trưởng', deputy: 'Phó Trưởng', member: '' } as const;

export interface ConsolidatedSigner {
  place: string;
  title: string;
  name: string;
}

const scopeLabel = { all: '', collective: 'chỉ tập thể', individual: 'chỉ cá nhân' } as const;
const sortLabel = { unit: 'đơn vị', person: 'họ tên', title: 'danh hiệu', received: 'ngày nhận' } as const;
// The words of the leader's screen (renderer/app/labels.ts), so the paper names the filter as it was chosen.

/** The filters of the screen the table was printed from, in words; '' when nothing is filtered. */
function filterLine(q: OverviewFilter): string {
  const parts = [
    scopeLabel[q.scope],
    q.unitKind !== 'all' ? `loại đơn vị: ${unitKindLabels[q.unitKind]}` : '',
    q.titleCode ? `danh hiệu, hình thức: ${titleName(q.titleCode)}` : '',
    q.search.trim() ? `từ khóa "${q.search.trim()}"` : '',
  ].filter(Boolean);
  const sorted = q.sort !== 'unit' || q.descending ? `; sắp xếp theo ${sortLabel[q.sort]}${q.descending ? ' (giảm dần)' : ''}` : '';
  return parts.length || sorted ? `Số liệu dưới đây được lọc như trên màn hình: ${parts.join('; ') || 'không lọc'}${sorted}.` : '';
}

type OverviewFilter = Pick<ParsedInput<'registration.overview'>, 'search' | 'scope' | 'unitKind' | 'titleCode' | 'sort' | 'descending'>;

/**
 * "Tổng hợp đăng ký thi đua năm …", landscape for its wide tables: who sent, then the registrations
 * exactly as filtered and ordered on the leader's screen, with totals per title.
 */
export function consolidatedDocument(
  group: ReturnType<typeof getGroup>,
  members: MemberRegistration[],
  rows: ConsolidatedRow[],
  filter: OverviewFilter,
  unit: OwnUnit,
  signer: ConsolidatedSigner,
  today: string,
): Document {
  const groupKind = groupKindWords(group.kind).kind;
  const received = members.filter((m) => m.registration);
  const status = members.map((m, i) => [
    String(i + 1),
    m.member.name + (m.member.role !== 'member' ? `\n(${roleLabel[m.member.role]} ${groupKind})` : ''),
    m.sentAt ? formatDateVi(m.sentAt) : '',
    m.receivedAt ? formatDateVi(m.receivedAt) : '',
    m.registration ? String(m.registration.version) : '',
    !m.registration ? 'Chưa gửi' : m.late ? 'Gửi chậm' : 'Đúng hạn',
  ]);

  // Totals per title, in catalogue order, over the rows printed.
  const titles = catalogue
    .map((c) => ({
      name: c.name,
      collective: rows.filter((r) => r.titleCode === c.code && r.scope === 'collective').length,
      individual: rows.filter((r) => r.titleCode === c.code && r.scope === 'individual').length,
    }))
    .filter((t) => t.collective + t.individual > 0);
  const sum = (scope: ConsolidatedRow['scope']) => rows.filter((r) => r.scope === scope).length;
  const totals = [
    ...titles.map((t, i) => [String(i + 1), t.name, String(t.collective || ''), String(t.individual || ''), String(t.collective + t.individual)]),
    ['', 'Tổng cộng', String(sum('collective')), String(sum('individual')), String(rows.length)],
  ];
  const listed = rows.map((r, i) => [String(i + 1), r.unitName, r.scope === 'collective' ? 'Tập thể đơn vị' : r.personName, r.position, r.titleName]);

  const deadline = group.registrationDeadline ? ` (hạn gửi: ${formatDateVi(group.registrationDeadline)})` : '';
  const filtered = filterLine(filter);
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
    heading('II. TỔNG HỢP THEO DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG'),
    ...(filtered ? [bodyText(filtered)] : []),
    dataTable(
      [
        { title: 'STT', weight: 5, align: 'center' },
        { title: 'Danh hiệu thi đua, hình thức khen thưởng', weight: 50 },
        { title: 'Tập thể', weight: 15, align: 'center' },
        { title: 'Cá nhân', weight: 15, align: 'center' },
        { title: 'Tổng số', weight: 15, align: 'center' },
      ],
      totals,
      true,
      { boldLastRow: true },
    ),
    heading('III. DANH SÁCH ĐĂNG KÝ'),
    ...(listed.length
      ? [
          dataTable(
            [
              { title: 'STT', weight: 5, align: 'center' },
              { title: 'Đơn vị', weight: 28 },
              { title: 'Tập thể, cá nhân', weight: 22 },
              { title: 'Chức vụ', weight: 20 },
              { title: 'Danh hiệu thi đua, hình thức khen thưởng', weight: 25 },
            ],
            listed,
            true,
          ),
        ]
      : [bodyText('Không có đăng ký nào khớp với bộ lọc.')]),
  ];
  return officialDocument({
    heading: { parentName: unit.parentName, unitName: unit.name, numberSymbol: `      /TH-${groupKindWords(group.kind).abbr}`, place: signer.place, date: today },
    title: `TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM ${group.year}`,
    subtitle: `của các đơn vị thành viên ${group.name}`,
    body,
    signature: {
      recipients: ['Vụ Thi đua - Khen thưởng, Bộ Tư pháp', 'Các đơn vị thành viên', `Lưu: VT`],
      authority: `TRƯỞNG ${groupKind.toUpperCase()}`,
      title: signer.title,
      name: signer.name,
    },
    landscape: true,
    description: `Tổng hợp đăng ký thi đua năm ${group.year}`,
  });
}
