import { useCallback, useEffect, useState } from 'react';
import type { CatalogueItem, ConsolidatedRow, Group, MatrixRow, OverviewQuery } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, Notice, Section, useAction } from '../../components/ui';
import { UnitKindFilter } from '../../components/UnitKindFilter';
import { roleLabels } from '../../app/labels';
import { ImportPage } from './ImportPage';
import { ForwardPanel } from './ForwardPanel';
import { VersionHistory } from '../registration/VersionHistory';
import { OnBehalfForm } from '../registration/OnBehalfForm';
import { formatDateVi } from '../../../electron/services/text/vietnamese';

type Sort = NonNullable<OverviewQuery['sort']>;

/** The leader's desk: import bundles (the same panel as "Nhận gói"), see who sent what, consolidate and print. */
export function LeaderPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [matrix, setMatrix] = useState<MatrixRow[]>([]);
  const [rows, setRows] = useState<ConsolidatedRow[]>([]);
  const [catalogue, setCatalogue] = useState<CatalogueItem[]>([]);
  const [query, setQuery] = useState<Required<Omit<OverviewQuery, 'groupId'>>>({ search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false });

  const refresh = useCallback(async () => {
    const view = await api.call('registration.overview', { groupId: group.id, ...query });
    setMatrix(view.matrix);
    setRows(view.rows);
  }, [api, group.id, query]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    void api.call('catalogue.list', {}).then(setCatalogue);
  }, [api]);

  const sortBy = (sort: Sort) => setQuery((q) => ({ ...q, sort, descending: q.sort === sort ? !q.descending : false }));
  const arrow = (sort: Sort) => (query.sort === sort ? (query.descending ? ' ▼' : ' ▲') : '');
  const received = matrix.filter((m) => m.receivedAt).length;

  return (
    <>
      <ImportPage title="Tiếp nhận gói hồ sơ" onImported={refresh} />
      <details>
        <summary>Nhập thay hồ sơ của đơn vị chưa dùng ứng dụng…</summary>
        <OnBehalfForm group={group} onSaved={refresh} />
      </details>
      {group.ownRole === 'deputy' && <ForwardPanel group={group} />}

      <Section title={`Tình hình gửi đăng ký: ${received}/${matrix.length} đơn vị`}>
        <table className="table" aria-label="Ma trận tiếp nhận">
          <thead>
            <tr>
              <th>Đơn vị</th>
              <th>Vai trò</th>
              <th>Đăng ký thi đua</th>
              <th>Ngày gửi</th>
              <th>Ngày nhận</th>
              <th>Phiên bản</th>
            </tr>
          </thead>
          <tbody>
            {matrix.map((m) => (
              <tr key={m.unitCode}>
                <td>{m.unitName}</td>
                <td>{m.role === 'member' ? '' : roleLabels[m.role]}</td>
                <td>
                  {m.receivedAt ? (
                    <span className="badge badge-accepted">{m.own ? 'Đã xuất gói' : 'Đã nhận'}</span>
                  ) : (
                    <span className="badge badge-missing">{m.own ? 'Chưa xuất gói' : 'Chưa nhận'}</span>
                  )}
                  {m.late && <span className="badge badge-late">{m.receivedAt ? 'Gửi chậm' : 'Quá hạn'}</span>}
                  {m.onBehalf && <span className="badge" title={m.onBehalf.note}>Nhập thay</span>}
                </td>
                <td>{formatDateVi(m.sentAt)}</td>
                <td>{formatDateVi(m.receivedAt)}</td>
                <td>{m.version !== null && <VersionHistory groupId={group.id} unitCode={m.unitCode} unitName={m.unitName} version={m.version} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section
        title={`Tổng hợp đăng ký thi đua năm ${group.year}`}
        actions={
          <button type="button" disabled={busy} onClick={() => run(async () => api.save(await api.call('registration.printConsolidated', { groupId: group.id, ...query })), (w) => w)}>
            In bảng tổng hợp (DOCX)
          </button>
        }
      >
        <Notice message={message} />
        <div className="grid4">
          <Field label="Tìm (không dấu cũng được)">
            <input type="search" value={query.search} onChange={(e) => setQuery({ ...query, search: e.target.value })} />
          </Field>
          <Field label="Đối tượng">
            <select value={query.scope} onChange={(e) => setQuery({ ...query, scope: e.target.value as typeof query.scope })}>
              <option value="all">Tất cả</option>
              <option value="collective">Tập thể</option>
              <option value="individual">Cá nhân</option>
            </select>
          </Field>
          <UnitKindFilter value={query.unitKind} onChange={(unitKind) => setQuery({ ...query, unitKind })} />
          <Field label="Danh hiệu, hình thức">
            <select value={query.titleCode} onChange={(e) => setQuery({ ...query, titleCode: e.target.value })}>
              <option value="">Tất cả</option>
              {catalogue.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.scope === 'collective' ? 'tập thể' : 'cá nhân'})
                </option>
              ))}
            </select>
          </Field>
        </div>
        <p className="muted" aria-live="polite">{rows.length} dòng đăng ký</p>
        <table className="table" aria-label="Bảng tổng hợp">
          <thead>
            <tr>
              <th>STT</th>
              <th>
                <button type="button" className="sort" onClick={() => sortBy('unit')}>
                  Đơn vị{arrow('unit')}
                </button>
              </th>
              <th>Đối tượng</th>
              <th>
                <button type="button" className="sort" onClick={() => sortBy('person')}>
                  Họ và tên{arrow('person')}
                </button>
              </th>
              <th>Chức vụ</th>
              <th>
                <button type="button" className="sort" onClick={() => sortBy('title')}>
                  Danh hiệu, hình thức{arrow('title')}
                </button>
              </th>
              <th>
                <button type="button" className="sort" onClick={() => sortBy('received')}>
                  Ngày nhận{arrow('received')}
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{r.unitName}</td>
                <td>{r.scope === 'collective' ? 'Tập thể' : 'Cá nhân'}</td>
                <td>{r.personName}</td>
                <td>{r.position}</td>
                <td>{r.titleName}</td>
                <td>{formatDateVi(r.receivedAt)}</td>
              </tr>
            ))}
            {!rows.length && (
              <tr>
                <td colSpan={7} className="muted">
                  Chưa có đăng ký nào{query.search || query.scope !== 'all' || query.unitKind !== 'all' || query.titleCode ? ' khớp với bộ lọc' : ''}.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </Section>
    </>
  );
}
