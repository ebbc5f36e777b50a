import { useState } from 'react';
import type { EligibilityView } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, Section, useLoaded } from '../../components/ui';
import { kindLabels } from './HistoryPage';

const statusClass = { met: 'badge badge-accepted', not_met: 'badge badge-refused', needs_review: 'badge badge-stale' } as const;

/** For the year under review: each title and award of the unit, its divisions and its people, met or not and why, with its legal source. */
type Detail = EligibilityView['nominees'][number]['entries'][number]['details'][number];

/** Several conditions can fail for one missing fact (a collective without its member list): the person reads it once. */
const distinct = (details: Detail[]) => details.filter((d, i) => details.findIndex((o) => o.status === d.status && o.text === d.text) === i);

export function EligibilityPage({ year: initial }: { year: number }) {
  const api = useApi();
  const [year, setYear] = useState(String(initial));
  const [only, setOnly] = useState<'all' | 'met' | 'not_met' | 'needs_review'>('all');
  const valid = /^\d{4}$/.test(year) ? Number(year) : null;
  const [view, error] = useLoaded<EligibilityView | null>(() => (valid ? api.call('awards.eligibility', { year: valid }) : Promise.resolve(null)), [api, valid]);
  return (
    <Section title="Xét điều kiện danh hiệu, khen thưởng">
      <div className="row">
        <Field label="Năm xét">
          <input inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        </Field>
        <Field label="Hiện">
          <select value={only} onChange={(e) => setOnly(e.target.value as typeof only)}>
            <option value="all">Tất cả</option>
            <option value="met">Đạt</option>
            <option value="not_met">Chưa đạt</option>
            <option value="needs_review">Cần xem xét</option>
          </select>
        </Field>
      </div>
      {!valid && <p className="field-error">Năm xét ghi bằng 4 chữ số, ví dụ 2025.</p>}
      {error && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
      {view && (
        <>
          <p className="muted">
            Theo các quy định có hiệu lực ngày {view.dateText} (danh mục ấn bản {view.edition.split('-').reverse().join('/')}). Lao động tiên tiến đủ điều kiện trong năm được tính là đang đề nghị cùng đợt khi xét Chiến sĩ thi đua cơ sở và tỷ lệ của tập thể.
          </p>
          {view.nominees.length === 0 && <p className="muted">Chưa có đối tượng nào: thêm cán bộ hoặc nhập lịch sử khen thưởng trước.</p>}
          {view.nominees.map((n) => {
            const entries = n.entries.filter((e) => only === 'all' || e.status === only);
            if (entries.length === 0) return null;
            return (
              <section key={n.id} aria-label={n.name}>
                <h3>
                  {n.name} <span className="muted">({kindLabels[n.kind]}{n.division ? `, ${n.division}` : ''})</span>
                </h3>
                <table className="table">
                  <thead>
                    <tr>
                      <th>Danh hiệu, khen thưởng</th>
                      <th>Kết quả</th>
                      <th>Lý do</th>
                      <th>Căn cứ</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((e) => (
                      <tr key={e.code}>
                        <td>{e.name}</td>
                        <td>
                          <span className={statusClass[e.status]}>{e.statusLabel}</span>
                          {e.verifiedLabel && <span className="badge badge-quarantined">{e.verifiedLabel}</span>}
                          {e.brokenYear !== null && <div className="muted">Chuỗi đứt ở năm {e.brokenYear}</div>}
                        </td>
                        <td>
                          {e.details.length ? (
                            <ul>
                              {distinct(e.details).map((d, i) => (
                                <li key={i}>
                                  <span className={statusClass[d.status]}>{d.statusLabel}</span>
                                  {d.text}
                                </li>
                              ))}
                            </ul>
                          ) : (
                            e.reason
                          )}
                        </td>
                        <td>
                          {e.source}
                          {e.note && !(e.details.length === 0 && e.reason.includes(e.note)) && <div className="muted">{e.note}</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
        </>
      )}
    </Section>
  );
}
