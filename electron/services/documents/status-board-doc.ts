import type { Document } from 'docx';
import type { OwnUnit } from '../../ipc/contract';
import { unitKindLabels } from '../units-keys/schemas';
import { type BoardCell, type StatusBoard } from '../groups-calendar/board-schemas';
import { formatDateVi, localDate } from '../text/vietnamese';
import { bodyText, dataTable, heading, officialDocument, type Column } from './layout';
import { groupKindWords } from '../groups-calendar/group-kind';

export interface StatusBoardSigner {
  place: string;
  title: string;
  name: string;
}

const fromLabel = { member: 'các đơn vị thành viên', deputy: 'Phó Trưởng', leader: 'Trưởng', inspection_team: 'Đoàn kiểm tra' } as const;
/** 10 pt: a column per milestone must fit a landscape page beside the units' names. */
const GRID_SIZE = 20;

/** A cell as the paper prints it: the column's header carries the deadline, so the cell only says what happened. */
function cellText(c: BoardCell): string {
  const resent = c.resent ? `\ngửi lại ${c.resent} lần` : '';
  switch (c.state) {
    case 'on_time':
      return formatDateVi(c.sentAt) + resent;
    case 'late':
      return `${formatDateVi(c.sentAt)}\nmuộn ${c.days} ngày${resent}`;
    case 'missing':
      return `Chưa gửi\nquá hạn ${c.days} ngày`;
    case 'not_yet_due':
      return 'Chưa đến hạn';
    case 'no_deadline':
      return 'Chưa có hạn';
    case 'not_applicable':
      return '-';
  }
}

/**
 * "Bảng theo dõi tình hình gửi hồ sơ của các đơn vị thành viên", landscape: a row per unit as the
 * board shows it (filter included), a column per milestone headed by its number and deadline, the
 * totals, then what each numbered column is and what the cells mean.
 */
export function statusBoardDocument(board: StatusBoard, unit: OwnUnit, signer: StatusBoardSigner): Document {
  const { group, viewer } = board;
  const { kind: groupKind, abbr } = groupKindWords(group.kind);
  const role = viewer.role === 'leader' ? 'Trưởng' : 'Phó Trưởng';
  const asOf = formatDateVi(board.today);
  const filtered = board.unitKind === 'all' ? '' : ` (loại đơn vị: ${unitKindLabels[board.unitKind]})`;

  const columns: Column[] = [
    { title: 'STT', weight: 4, align: 'center' },
    { title: 'Đơn vị', weight: 18 },
    ...board.columns.map((c, i): Column => ({ title: `(${i + 1})\n${c.deadline ? `Hạn ${formatDateVi(c.deadline)}` : 'Chưa có hạn'}`, weight: 8, align: 'center' })),
  ];
  const rows = board.rows.map((r, i) => [
    String(i + 1),
    r.name + (r.role !== 'member' ? `\n(${r.role === 'leader' ? 'Trưởng' : 'Phó Trưởng'})` : ''),
    ...r.cells.map(cellText),
  ]);
  const totals = ['', 'Tổng cộng', ...board.columns.map((c) => `Đã nhận ${c.totals.received}/${c.totals.expected}\nMuộn ${c.totals.late}\nChưa gửi ${c.totals.missing}`)];

  const body = board.columns.length
    ? [
        bodyText(`${viewer.name}, ${role} ${group.name} năm ${group.year}, theo dõi tình hình gửi hồ sơ của ${board.rows.length} đơn vị${filtered} tính đến ngày ${asOf} như sau:`),
        dataTable(columns, [...rows, totals], true, { boldLastRow: true, size: GRID_SIZE }),
        heading('Ghi chú:'),
        ...board.columns.map((c, i) => bodyText(`(${i + 1}) ${c.title}: do ${fromLabel[c.from]} gửi, ${c.rule}.`)),
        bodyText(
          'Trong mỗi ô: ngày đơn vị gửi hồ sơ khi gửi đúng hạn; ngày gửi và số ngày muộn khi gửi sau hạn; "Chưa gửi, quá hạn" khi đã qua hạn mà chưa nhận được; "Chưa đến hạn" khi hạn chưa tới; "Chưa có hạn" khi hạn tính theo một sự kiện chưa có ngày; "-" khi đơn vị không phải gửi mục này; "gửi lại" là số lần đơn vị gửi bản sửa đổi sau lần đầu.',
        ),
      ]
    : [bodyText(`Kế hoạch của ${group.name} năm ${group.year} chưa có mốc gửi hồ sơ nào của các đơn vị thành viên.`)];

  return officialDocument({
    heading: { parentName: unit.parentName, unitName: unit.name, numberSymbol: `      /TD-${abbr}`, place: signer.place, date: localDate(board.today) },
    title: 'BẢNG THEO DÕI TÌNH HÌNH GỬI HỒ SƠ CỦA CÁC ĐƠN VỊ THÀNH VIÊN',
    subtitle: `${group.name} năm ${group.year}, tính đến ngày ${asOf}`,
    body,
    signature: {
      recipients: viewer.role === 'leader' ? ['Các đơn vị thành viên', 'Lưu: VT'] : [`Trưởng ${groupKind}`, 'Lưu: VT'],
      authority: `${role.toUpperCase()} ${groupKind.toUpperCase()}`,
      title: signer.title,
      name: signer.name,
    },
    landscape: true,
    description: `Bảng theo dõi tình hình gửi hồ sơ năm ${group.year}, tính đến ngày ${asOf}`,
  });
}
