import { useState } from 'react';
import type { Output } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, Notice, useAction } from '../../components/ui';
import { formatDateVi } from '../../../electron/services/text/vietnamese';

type Version = Output<'registration.history'>[number];
type Diff = Output<'registration.diff'>;
type Rows = Diff['collective'];
type Change = Diff['document'][number];

const statusLabels: Record<Version['status'], string> = { received: 'Đã nhận', exported: 'Đã xuất gói', draft: 'Bản nháp' };

const changeText = (c: Change) => `${c.label} đổi “${c.from || 'trống'}” thành “${c.to || 'trống'}”`;

/** One list's differences, each line said in words (a colour only repeats what the words say). */
function RowChanges({ title, rows }: { title: string; rows: Rows }) {
  const none = !rows.added.length && !rows.removed.length && !rows.changed.length;
  return (
    <div>
      <h4>{title}</h4>
      {none ? (
        <p className="muted">Không thay đổi.</p>
      ) : (
        <ul className="diff">
          {rows.added.map((r, i) => (
            <li key={`a${i}`} className="diff-added">
              + Thêm: {r.label}
            </li>
          ))}
          {rows.removed.map((r, i) => (
            <li key={`r${i}`} className="diff-removed">
              − Bỏ: {r.label}
            </li>
          ))}
          {rows.changed.map((r, i) => (
            <li key={`c${i}`} className="diff-changed">
              {r.label}: {r.changes.map(changeText).join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The versions of a unit's registration, the current one named, and what changed between any two:
 * the leader reads what a member corrected before trusting the new version.
 */
export function VersionHistory({ groupId, unitCode, unitName, version }: { groupId: number; unitCode: string; unitName: string; version: number }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [pair, setPair] = useState<{ from: number; to: number }>({ from: 0, to: 0 });
  const [diff, setDiff] = useState<Diff | null>(null);

  const compare = async (recordId: string, from: number, to: number) => {
    setPair({ from, to });
    setDiff(null);
    if (from === to) return;
    const d = await run(() => api.call('registration.diff', { recordId, from, to }));
    if (d) setDiff(d);
  };

  const open = async () => {
    const list = await run(() => api.call('registration.history', { groupId, unitCode }));
    if (!list?.length) return;
    setVersions(list);
    // The current version against the one before it: what the latest correction changed.
    const [current, previous] = list;
    await compare(current!.recordId, previous?.version ?? current!.version, current!.version);
  };

  const recordId = versions?.[0]?.recordId ?? '';
  const choose = (label: string, value: number, onChange: (v: number) => void) => (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {versions!.map((v) => (
          <option key={v.version} value={v.version}>
            Phiên bản {v.version}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <>
      <span>phiên bản {version}</span>{' '}
      <button type="button" className="link" disabled={busy} onClick={() => void open()} aria-label={`Lịch sử phiên bản của ${unitName}`}>
        Lịch sử
      </button>
      {!versions && <Notice message={message} />}
      {versions && (
        <div className="overlay" role="dialog" aria-modal="true" aria-label={`Lịch sử đăng ký của ${unitName}`}>
          <div className="card version-history">
            <h3>Lịch sử đăng ký của {unitName}</h3>
            <table className="table" aria-label="Các phiên bản">
              <thead>
                <tr>
                  <th>Phiên bản</th>
                  <th>Tình trạng</th>
                  <th>Ngày</th>
                  <th>Ghi chú</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version}>
                    <td>
                      {v.version}
                      {v.current && <strong> (hiện hành)</strong>}
                    </td>
                    <td>{statusLabels[v.status]}</td>
                    <td>{formatDateVi(v.at)}</td>
                    <td>{v.onBehalf ?? (v.forwardedBy ? `Do ${v.forwardedBy} chuyển tiếp` : '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {versions.length > 1 && (
              <>
                <div className="row">
                  {choose('So sánh từ', pair.from, (from) => void compare(recordId, from, pair.to))}
                  {choose('đến', pair.to, (to) => void compare(recordId, pair.from, to))}
                </div>
                {pair.from === pair.to && <p className="muted">Hãy chọn hai phiên bản khác nhau để so sánh.</p>}
                {diff && (
                  <section aria-label={`Thay đổi từ phiên bản ${diff.from} đến phiên bản ${diff.to}`}>
                    <RowChanges title="Danh hiệu tập thể" rows={diff.collective} />
                    <RowChanges title="Cá nhân" rows={diff.individuals} />
                    <RowChanges title="Cam kết" rows={diff.commitments} />
                    <h4>Văn bản</h4>
                    {diff.document.length ? (
                      <ul className="diff">
                        {diff.document.map((c) => (
                          <li key={c.field} className="diff-changed">
                            {changeText(c)}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="muted">Không thay đổi.</p>
                    )}
                  </section>
                )}
              </>
            )}
            {versions.length === 1 && <p className="muted">Mới có một phiên bản.</p>}
            <Notice message={message} />
            <div className="row">
              <button type="button" onClick={() => setVersions(null)}>
                Đóng
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
