import { useCallback, useEffect, useState } from 'react';
import type { CatalogueItem, ConsolidatedRow, Group, ImportResult, MatrixRow, OverviewQuery, QuarantineEntry } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, Notice, Options, Section, useAction } from '../../components/ui';
import { importStatusLabels, roleLabels, unitKindLabels } from '../../app/labels';
import { formatDateVi } from '../../../electron/services/text/vietnamese';

type Sort = NonNullable<OverviewQuery['sort']>;

/** What needs the leader first: refusals (ask the unit to send again), then keys to confirm, then the rest. */
const urgency: Record<ImportResult['status'], number> = { refused: 0, quarantined: 1, accepted: 2, duplicate: 2, stale: 2 };
const byUrgency = (results: ImportResult[]) => [...results].sort((a, b) => urgency[a.status] - urgency[b.status]);

/** "Đã nhận 12 · Chờ xác nhận 1 · Từ chối 2"; duplicates and stale bundles only when there are some. */
function summary(results: ImportResult[]): string {
  const n = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
  const parts: [ImportResult['status'], boolean][] = [
    ['accepted', true],
    ['duplicate', false],
    ['stale', false],
    ['quarantined', true],
    ['refused', true],
  ];
  const labels = { ...importStatusLabels, quarantined: 'Chờ xác nhận' };
  return parts
    .filter(([status, always]) => always || n(status) > 0)
    .map(([status]) => `${labels[status]} ${n(status)}`)
    .join(' · ');
}

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/**
 * What to do first (the importer's "Đề nghị …" sentence), then on a line of its own why: the reason and
 * any "Chi tiết kỹ thuật:". Without advice, the technical detail alone goes to the second line.
 */
function splitReason(text: string): [main: string, detail: string] {
  const advice = /Đề nghị [^.]*\./.exec(text);
  if (advice) return [advice[0], (text.slice(0, advice.index) + text.slice(advice.index + advice[0].length)).replace(/\s+/g, ' ').trim()];
  const at = text.indexOf('Chi tiết kỹ thuật:');
  return at > 0 ? [text.slice(0, at).trim(), text.slice(at)] : [text, ''];
}

function Reason({ text }: { text: string }) {
  const [main, detail] = splitReason(text);
  if (!detail) return <span className="result-reason">{main}</span>;
  return (
    <span className="result-reason-block">
      <span className="result-reason">{main}</span>
      <span className="result-detail">{detail}</span>
    </span>
  );
}

/** The leader's desk: import bundles, confirm unknown keys, see who sent what, consolidate and print. */
export function LeaderPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [results, setResults] = useState<ImportResult[]>([]);
  const [quarantine, setQuarantine] = useState<QuarantineEntry[]>([]);
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [matrix, setMatrix] = useState<MatrixRow[]>([]);
  const [rows, setRows] = useState<ConsolidatedRow[]>([]);
  const [catalogue, setCatalogue] = useState<CatalogueItem[]>([]);
  const [query, setQuery] = useState<Required<Omit<OverviewQuery, 'groupId'>>>({ search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false });

  const refresh = useCallback(async () => {
    const [view, held] = await Promise.all([api.call('registration.overview', { groupId: group.id, ...query }), api.call('bundles.quarantine', {})]);
    setMatrix(view.matrix);
    setRows(view.rows);
    setQuarantine(held);
  }, [api, group.id, query]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    void api.call('catalogue.list', {}).then(setCatalogue);
  }, [api]);

  const importFrom = (folder: boolean) =>
    run(async () => {
      const files = await api.pickBundles(folder);
      if (!files.length) return null;
      const r = await api.call('bundles.import', { files });
      setResults(byUrgency(r));
      await refresh();
      return r;
    });
  // The decision replaces that bundle's own row; the rest of the batch stays on screen.
  const decide = (entry: QuarantineEntry, accept: boolean) =>
    run(async () => {
      setRejecting(null);
      const r = await api.call('bundles.decide', { id: entry.id, accept });
      setResults((shown) => {
        const at = shown.findIndex((s) => s.status === 'quarantined' && baseName(s.file) === entry.fileName);
        return byUrgency(at < 0 ? [...shown, r] : shown.map((s, i) => (i === at ? { ...r, file: s.file } : s)));
      });
      await refresh();
    });
  const sortBy = (sort: Sort) => setQuery((q) => ({ ...q, sort, descending: q.sort === sort ? !q.descending : false }));
  const arrow = (sort: Sort) => (query.sort === sort ? (query.descending ? ' ▼' : ' ▲') : '');
  const received = matrix.filter((m) => m.receivedAt).length;

  return (
    <>
      <Section
        title="Tiếp nhận gói hồ sơ"
        actions={
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => importFrom(false)}>
              Chọn gói hồ sơ…
            </button>
            <button type="button" disabled={busy} onClick={() => importFrom(true)}>
              Chọn cả thư mục (ổ USB)…
            </button>
          </>
        }
      >
        <Notice message={message} />
        {quarantine.length > 0 && (
          <section className="quarantine" aria-labelledby="quarantine-title">
            <h3 id="quarantine-title">Chờ xác nhận khóa ký</h3>
            <p className="muted">Gọi điện cho đơn vị gửi, đọc dấu vân tay dưới đây và chỉ xác nhận khi trùng khớp.</p>
            {quarantine.map((q) => (
              <div key={q.id} className="quarantine-item">
                <div>
                  <strong>{q.senderName}</strong> ({q.senderCode}) — {q.fileName}
                  <div className="fingerprint">{q.fingerprint}</div>
                </div>
                {rejecting === q.id ? (
                  <div className="confirm" role="alertdialog" aria-labelledby={`reject-${q.id}`} aria-describedby={`reject-${q.id}-what`}>
                    <strong id={`reject-${q.id}`}>Từ chối gói của {q.senderName}?</strong>
                    <span id={`reject-${q.id}-what`}>Gói bị xóa và khóa không được ghim; đơn vị sẽ phải gửi lại.</span>
                    <div className="row">
                      <button type="button" className="danger" disabled={busy} onClick={() => decide(q, false)}>
                        Từ chối gói
                      </button>
                      <button type="button" onClick={() => setRejecting(null)} autoFocus>
                        Quay lại
                      </button>
                    </div>
                  </div>
                ) : (
                  <div className="row">
                    <button type="button" className="primary" disabled={busy} onClick={() => decide(q, true)}>
                      Xác nhận khóa và nhận gói
                    </button>
                    <button type="button" disabled={busy} onClick={() => setRejecting(q.id)}>
                      Từ chối
                    </button>
                  </div>
                )}
              </div>
            ))}
          </section>
        )}
        {results.length > 0 && (
          <p className="summary" role="status" aria-label="Tóm tắt kết quả nhập">
            {summary(results)}
          </p>
        )}
        {results.length > 0 && (
          <ul className="results" aria-label="Kết quả nhập">
            {results.map((r, i) => (
              <li key={i} className={`result result-${r.status}`}>
                <span className={`badge badge-${r.status}`}>{importStatusLabels[r.status]}</span>
                <span className="result-file">{r.file}</span>
                <Reason text={r.reason} />
              </li>
            ))}
          </ul>
        )}
      </Section>

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
                </td>
                <td>{formatDateVi(m.sentAt)}</td>
                <td>{formatDateVi(m.receivedAt)}</td>
                <td>{m.version ?? ''}</td>
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
          <Field label="Loại đơn vị">
            <select value={query.unitKind} onChange={(e) => setQuery({ ...query, unitKind: e.target.value as typeof query.unitKind })}>
              <option value="all">Tất cả</option>
              <Options labels={unitKindLabels} />
            </select>
          </Field>
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
