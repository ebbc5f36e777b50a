import { useState } from 'react';
import type { BoardCell, Group, StatusBoard, UnitKind } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Notice, Section, useAction, useLoaded } from '../../components/ui';
import { UnitKindFilter } from '../../components/UnitKindFilter';
import { roleLabels } from '../../app/labels';
import { formatDateVi } from '../../../electron/services/text/vietnamese';

type Column = StatusBoard['columns'][number];

/** A cell's state in words (the service's text), never by colour alone; "—" where the unit owes nothing to the viewer. */
function Cell({ cell }: { cell: BoardCell }) {
  if (cell.state === 'not_applicable') {
    return (
      <td className="cell-not_applicable" aria-label="Không phải gửi">
        —
      </td>
    );
  }
  return (
    <td className={`cell cell-${cell.state}`}>
      {cell.text}
      {cell.receivedAt && cell.state !== 'missing' && <div className="muted small">nhận {formatDateVi(cell.receivedAt)}</div>}
    </td>
  );
}

/** "Đã nhận 3/5", then only the counts that are not zero. */
function Totals({ column }: { column: Column }) {
  const t = column.totals;
  const more: [number, string][] = [
    [t.late, 'muộn'],
    [t.missing, 'chưa gửi, quá hạn'],
    [t.notYetDue, 'chưa đến hạn'],
    [t.noDeadline, 'chưa có hạn'],
  ];
  return (
    <td>
      <strong>
        Đã nhận {t.received}/{t.expected}
      </strong>
      {more
        .filter(([n]) => n > 0)
        .map(([n, label]) => (
          <div key={label} className="small">
            {n} {label}
          </div>
        ))}
    </td>
  );
}

/** "Theo dõi gửi hồ sơ" (leader and deputy): the member units × the milestones they send, printable and exportable. */
export function BoardPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [unitKind, setUnitKind] = useState<'all' | UnitKind>('all');
  const [board, error] = useLoaded(() => api.call('groups-calendar.board', { groupId: group.id, unitKind }), [api, group.id, unitKind]);

  const exportAs = (format: 'docx' | 'xlsx') => run(async () => api.save(await api.call('groups-calendar.exportBoard', { groupId: group.id, unitKind, format })), (where) => where);

  return (
    <Section
      title="Theo dõi gửi hồ sơ"
      actions={
        <>
          <button type="button" disabled={busy || !board} onClick={() => exportAs('docx')}>
            In (DOCX)
          </button>
          <button type="button" disabled={busy || !board} onClick={() => exportAs('xlsx')}>
            Xuất Excel (.xlsx)
          </button>
        </>
      }
    >
      <p className="muted subtitle">
        {group.name} năm {group.year}
        {board && ` · Tình hình đến ngày ${formatDateVi(board.today)}`}
      </p>
      <Notice message={error ? { kind: 'error', text: error } : message} />
      <div className="grid4">
        <UnitKindFilter value={unitKind} onChange={setUnitKind} />
      </div>
      {board && !board.columns.length && <p>Kế hoạch năm chưa có việc nào các đơn vị phải gửi cho đơn vị mình.</p>}
      {board && board.columns.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="table board" aria-label="Bảng theo dõi gửi hồ sơ">
              <thead>
                <tr>
                  <th className="sticky">Đơn vị</th>
                  {board.columns.map((c) => (
                    <th key={c.key}>
                      {c.title}
                      <div className="muted small">{c.deadline ? `Hạn ${formatDateVi(c.deadline)}` : c.rule || 'Chưa có hạn'}</div>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {board.rows.map((r) => (
                  <tr key={r.code}>
                    <th scope="row" className="sticky">
                      {r.name}
                      {(r.role !== 'member' || r.gatheredByDeputy) && (
                        <div className="muted small">{r.role !== 'member' ? roleLabels[r.role] : 'Gửi qua Phó Trưởng'}</div>
                      )}
                    </th>
                    {r.cells.map((cell, i) => (
                      <Cell key={board.columns[i]!.key} cell={cell} />
                    ))}
                  </tr>
                ))}
                {!board.rows.length && (
                  <tr>
                    <td colSpan={board.columns.length + 1} className="muted">
                      Không có đơn vị nào thuộc loại này.
                    </td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" className="sticky">
                    Tổng cộng ({board.rows.length} đơn vị)
                  </th>
                  {board.columns.map((c) => (
                    <Totals key={c.key} column={c} />
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          <p className="muted small">“—”: đơn vị không phải gửi việc này cho đơn vị mình. Ngày trong ô là ngày đơn vị ký gửi; “nhận” là ngày gói được nhận vào phần mềm.</p>
        </>
      )}
    </Section>
  );
}
