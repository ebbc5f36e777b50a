import { useState } from 'react';
import type { Group, RankingRow, UnitKind } from '../../../electron/ipc/contract';
import { formatPoints } from '../../../electron/services/text/points';
import { useApi } from '../../api/context';
import { Notice, Section, useAction, useLoaded } from '../../components/ui';
import { UnitKindFilter } from '../../components/UnitKindFilter';
import { BarChart } from './RankingChart';

const basisLabel: Record<RankingRow['basis'], string> = { verified: 'Đã thẩm định', in_progress: 'Đang thẩm định', self: 'Tự chấm' };

/**
 * "Xếp hạng thi đua" (leader and deputy): the members ranked on verified totals (their own totals,
 * marked, until verified), overall or by unit kind, with the stated tie-break, the classes and why
 * not a better one, charts of the totals and of the groups of criteria; printed and exported as shown.
 */
export function RankingPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [unitKind, setUnitKind] = useState<'all' | UnitKind>('all');
  const [view, error] = useLoaded(() => api.call('scoring.ranking', { groupId: group.id, unitKind }), [api, group.id, unitKind]);

  const exportAs = (format: 'docx' | 'xlsx') => run(async () => api.save(await api.call('scoring.exportRanking', { groupId: group.id, unitKind, format })), (where) => where);
  const groups = view?.columns.filter((c) => c.role === 'standard') ?? [];
  // The scale is the best a unit can reach: the groups that apply to it (Sở Tư pháp and THADS groups never add up together).
  const reachable = Math.max(0, ...(view?.rows.map((r) => groups.filter((g) => g.id in r.groups).reduce((s, g) => s + g.max, 0)) ?? []));
  const maxTotal = Math.max(reachable, ...(view?.rows.map((r) => r.total) ?? [0]));

  return (
    <Section
      title="Xếp hạng thi đua"
      actions={
        <>
          <button type="button" disabled={busy || !view} onClick={() => exportAs('docx')}>
            In bảng tổng hợp (DOCX)
          </button>
          <button type="button" disabled={busy || !view} onClick={() => exportAs('xlsx')}>
            Xuất Excel (.xlsx)
          </button>
        </>
      }
    >
      <p className="muted subtitle">
        {group.name} năm {group.year}
        {view && ` · ${view.table.title}`}
        {view?.table.sample && <strong> · Bảng mẫu</strong>}
      </p>
      <Notice message={error ? { kind: 'error', text: error } : message} />
      <div className="grid4">
        <UnitKindFilter value={unitKind} onChange={setUnitKind} />
      </div>
      {view && (
        <>
          <p className="banner">Nguyên tắc xếp hạng: {view.tieBreak}</p>
          <div className="table-scroll">
            <table className="table ranking" aria-label="Bảng xếp hạng thi đua">
              <thead>
                <tr>
                  <th>Hạng</th>
                  <th>Đơn vị</th>
                  {groups.map((g) => (
                    <th key={g.id} title={g.content}>
                      {g.number}
                      <div className="muted small">tối đa {formatPoints(g.max)}</div>
                    </th>
                  ))}
                  <th>Thưởng</th>
                  <th>Trừ</th>
                  <th>Tổng điểm</th>
                  <th>Căn cứ</th>
                  <th>Xếp loại</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r) => (
                  <tr key={r.code}>
                    <td className="num">
                      <strong>{r.rank}</strong>
                      {r.shared && <div className="small">đồng hạng</div>}
                    </td>
                    <th scope="row">
                      {r.name}
                      {r.decidedBy && <div className="muted small">{r.decidedBy}</div>}
                    </th>
                    {groups.map((g) => (
                      <td key={g.id} className="num">
                        {g.id in r.groups ? formatPoints(r.groups[g.id]!) : '—'}
                      </td>
                    ))}
                    <td className="num">{formatPoints(r.bonus)}</td>
                    <td className="num">{formatPoints(r.deduction)}</td>
                    <td className="num">
                      <strong>{formatPoints(r.total)}</strong>
                      {r.basis !== 'self' && r.selfTotal !== r.total && <div className="muted small">tự chấm {formatPoints(r.selfTotal)}</div>}
                    </td>
                    <td>
                      <span className={`badge basis-${r.basis}`}>{basisLabel[r.basis]}</span>
                    </td>
                    <td>{r.classification}</td>
                  </tr>
                ))}
                {!view.rows.length && (
                  <tr>
                    <td colSpan={groups.length + 7} className="muted">
                      Chưa có đơn vị nào{unitKind === 'all' ? '' : ' thuộc loại này'} gửi bảng tự chấm điểm.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            {groups.map((g) => `${g.number}: ${g.content}`).join(' · ')}. “Tự chấm”: đơn vị chưa được thẩm định, xếp theo điểm tự chấm; “Đang thẩm định”: điểm đã thẩm định đến đâu tính đến đó.
          </p>
          {view.missing.length > 0 && <p>Chưa xếp hạng (chưa gửi bảng tự chấm điểm): {view.missing.map((m) => m.name).join('; ')}.</p>}
          {view.rows.length > 0 && (
            <div className="charts">
              <BarChart
                title="Tổng điểm của các đơn vị"
                series={['Tổng điểm']}
                max={maxTotal}
                bars={view.rows.map((r) => ({ label: r.name, parts: [r.total], note: r.basis === 'verified' ? undefined : basisLabel[r.basis].toLowerCase() }))}
              />
              <BarChart
                title="Điểm theo nhóm tiêu chí"
                series={groups.map((g) => `${g.number}. ${g.content}`)}
                max={reachable}
                bars={view.rows.map((r) => ({ label: r.name, parts: groups.map((g) => r.groups[g.id] ?? 0) }))}
              />
            </div>
          )}
        </>
      )}
    </Section>
  );
}
