import { useCallback, useEffect, useState } from 'react';
import type { Group, VerificationRow } from '../../../electron/ipc/contract';
import { formatPoints } from '../../../electron/services/text/points';
import { useApi } from '../../api/context';
import { Notice, Section, useAction } from '../../components/ui';
import { unitKindLabels } from '../../app/labels';
import { VerificationMember } from './VerificationMember';

const points = (p: number | null) => (p === null ? '—' : formatPoints(p));

/** Where a member stands, in words: not sent, not started, in progress, finished, or verified on an older version. */
function stateOf(r: VerificationRow): { text: string; tone: string } {
  if (r.selfVersion === null) return { text: r.own ? 'Đơn vị mình chưa tự chấm' : 'Chưa gửi bảng tự chấm', tone: 'missing' };
  if (r.outdated) return { text: r.own ? 'Bảng tự chấm đã sửa, cần thẩm định lại' : 'Đã có phiên bản mới, cần thẩm định lại', tone: 'late' };
  if (r.complete) return { text: 'Đã thẩm định xong', tone: 'accepted' };
  if (r.reviewed === 0) return { text: 'Chưa thẩm định', tone: 'duplicate' };
  return { text: 'Đang thẩm định', tone: 'late' };
}

/**
 * "Thẩm định điểm" (leader and deputy): progress across the members, each member opened item by item,
 * and the finished verifications sent back as receipts.
 */
export function VerificationPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [rows, setRows] = useState<VerificationRow[] | null>(null);
  const [error, setError] = useState('');
  const [open, setOpen] = useState<{ code: string; inspection: boolean } | null>(null);
  const load = useCallback(
    () =>
      api.call('scoring.verificationBoard', { groupId: group.id }).then(
        (r) => {
          setRows(r);
          setError('');
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      ),
    [api, group.id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (open) {
    return (
      <VerificationMember
        group={group}
        unitCode={open.code}
        inspection={open.inspection}
        onBack={() => {
          setOpen(null);
          void load();
        }}
      />
    );
  }

  const send = () =>
    run(async () => {
      const receipts = await api.call('scoring.sendVerifiedScores', { groupId: group.id });
      return `Đã lập ${receipts.length} biên nhận mang kết quả thẩm định. ${await api.saveAll(receipts.map((r) => r.file))}`;
    }, (text) => text);
  // This unit's own result goes in no receipt: it is already here.
  const finished = rows?.filter((r) => r.complete && !r.outdated && !r.own).length ?? 0;

  return (
    <Section
      title="Thẩm định điểm thi đua"
      actions={
        <button type="button" className="primary" disabled={busy || finished === 0} onClick={() => void send()}>
          Gửi kết quả thẩm định ({finished} đơn vị)
        </button>
      }
    >
      <p className="muted subtitle">
        {group.name} năm {group.year} · Kết quả thẩm định được gửi về từng đơn vị trong biên nhận của bảng tự chấm điểm.
      </p>
      <Notice message={error ? { kind: 'error', text: error } : message} />
      {rows && (
        <div className="table-scroll">
          <table className="table verify" aria-label="Tiến độ thẩm định">
            <thead>
              <tr>
                <th>Đơn vị</th>
                <th>Phiên bản</th>
                <th>Tự chấm</th>
                <th>Thẩm định</th>
                <th>Đã xem</th>
                <th>Khác điểm</th>
                <th>Tình trạng</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const state = stateOf(r);
                return (
                  <tr key={r.code}>
                    <th scope="row">
                      {r.name}
                      <div className="muted small">
                        {unitKindLabels[r.kind]}
                        {r.own && ' · đơn vị mình, tự thẩm định'}
                      </div>
                    </th>
                    <td className="num">{r.selfVersion ?? '—'}</td>
                    <td className="num">{points(r.selfTotal)}</td>
                    <td className="num">{points(r.verifiedTotal)}</td>
                    <td className="num">
                      {r.reviewed}/{r.items}
                    </td>
                    <td className="num">{r.differences ? <strong className="differs-text">{r.differences} mục</strong> : '0'}</td>
                    <td>
                      <span className={`badge badge-${state.tone}`}>{state.text}</span>
                    </td>
                    <td>
                      {r.selfVersion !== null && (
                        <div className="row nowrap" style={{ marginTop: 0 }}>
                          <button type="button" className="small" onClick={() => setOpen({ code: r.code, inspection: false })} aria-label={`Thẩm định ${r.name}`}>
                            Thẩm định
                          </button>
                          <button type="button" className="small" onClick={() => setOpen({ code: r.code, inspection: true })} aria-label={`Kiểm tra chéo ${r.name}`}>
                            Kiểm tra chéo
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
