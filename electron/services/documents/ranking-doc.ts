import type { Document } from 'docx';
import type { OwnUnit } from '../../ipc/contract';
import { unitKindLabels } from '../units-keys/schemas';
import { groupKindWords, type GroupKind } from '../groups-calendar/group-kind';
import type { RankingView, RankingRow } from '../scoring/view-schemas';
import { formatPoints } from '../text/points';
import { localDate } from '../text/vietnamese';
import { bodyText, dataTable, heading, officialDocument, type Column } from './layout';

export interface RankingSigner {
  place: string;
  title: string;
  name: string;
  role: 'leader' | 'deputy';
  groupKind: GroupKind;
  /** ISO time the table is drawn up. */
  today: string;
}

/** The basis of a row when it is not the verified total, as the table marks it. */
export const basisMark: Record<RankingRow['basis'], string> = { verified: '', in_progress: 'đang thẩm định', self: 'chưa thẩm định' };

/** "2" or "2 (đồng hạng)": units still equal after every tie-break share the rank. */
export const rankText = (r: RankingRow) => (r.shared ? `${r.rank} (đồng hạng)` : String(r.rank));

/** The standard groups of criteria are columns of their own; bonus and deduction have a column each. */
export const groupColumns = (view: RankingView) => view.columns.filter((c) => c.role === 'standard');

/**
 * "Bảng tổng hợp kết quả chấm điểm, xếp hạng thi đua", landscape: a row per ranked unit with the points
 * of each group of criteria, bonus, deduction, total and class; rows not ranked on verified totals say
 * so; the tie-break rule and the members not ranked follow the table.
 */
export function rankingDocument(view: RankingView, unit: OwnUnit, signer: RankingSigner): Document {
  const { kind: groupKind, abbr } = groupKindWords(signer.groupKind);
  const role = signer.role === 'leader' ? 'Trưởng' : 'Phó Trưởng';
  const groups = groupColumns(view);
  const scope = view.scope === 'all' ? '' : ` (${unitKindLabels[view.scope]})`;
  const columns: Column[] = [
    { title: 'Xếp hạng', weight: 6, align: 'center' },
    { title: 'Đơn vị', weight: 22 },
    ...groups.map((g): Column => ({ title: `${g.number}\n(tối đa ${formatPoints(g.max)})`, weight: 6, align: 'center' })),
    { title: 'Điểm thưởng', weight: 6, align: 'center' },
    { title: 'Điểm trừ', weight: 6, align: 'center' },
    { title: 'Tổng điểm', weight: 6, align: 'center' },
    { title: 'Xếp loại', weight: 20 },
  ];
  const rows = view.rows.map((r) => [
    rankText(r),
    r.name + (basisMark[r.basis] ? `\n(${basisMark[r.basis]})` : ''),
    ...groups.map((g) => (g.id in r.groups ? formatPoints(r.groups[g.id]!) : '-')),
    formatPoints(r.bonus),
    formatPoints(r.deduction),
    formatPoints(r.total),
    r.classification + (r.decidedBy ? `\n${r.decidedBy}` : ''),
  ]);
  const unverified = view.rows.filter((r) => r.basis !== 'verified').length;
  const body = [
    ...(view.table.sample
      ? [bodyText('Bảng mẫu: kết quả dưới đây được chấm theo bảng tiêu chí mẫu kèm theo phần mềm, chưa phải bảng tiêu chí chính thức.')]
      : []),
    bodyText(
      `Căn cứ ${view.table.title}${view.table.source ? ` (${view.table.source})` : ''}, ${role} ${view.groupName} tổng hợp kết quả chấm điểm, xếp hạng thi đua năm ${view.year} của ${view.rows.length} đơn vị${scope} như sau:`,
    ),
    ...(view.rows.length ? [dataTable(columns, rows, true, { size: 22 })] : [bodyText('Chưa có đơn vị nào gửi bảng tự chấm điểm.')]),
    heading('Ghi chú:'),
    ...groups.map((g) => bodyText(`Nhóm ${g.number}: ${g.content} (tối đa ${formatPoints(g.max)} điểm).`)),
    bodyText(`Nguyên tắc xếp hạng: ${view.tieBreak}`),
    ...(unverified
      ? [bodyText(`${unverified} đơn vị được xếp theo điểm tự chấm hoặc điểm đang thẩm định (ghi rõ dưới tên đơn vị); thứ hạng có thể thay đổi khi thẩm định xong.`)]
      : []),
    ...(view.missing.length ? [bodyText(`Chưa xếp hạng (chưa gửi bảng tự chấm điểm): ${view.missing.map((m) => m.name).join('; ')}.`)] : []),
  ];
  return officialDocument({
    heading: { parentName: unit.parentName, unitName: unit.name, numberSymbol: `      /TH-${abbr}`, place: signer.place, date: localDate(signer.today) },
    title: 'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA',
    subtitle: `${view.groupName} năm ${view.year}${scope}${view.table.sample ? ' - Bảng mẫu' : ''}`,
    body,
    signature: {
      recipients: signer.role === 'leader' ? ['Các đơn vị thành viên', 'Lưu: VT'] : [`Trưởng ${groupKind}`, 'Lưu: VT'],
      authority: `${role.toUpperCase()} ${groupKind.toUpperCase()}`,
      title: signer.title,
      name: signer.name,
    },
    landscape: true,
    description: `Bảng tổng hợp kết quả chấm điểm, xếp hạng thi đua năm ${view.year}`,
  });
}
