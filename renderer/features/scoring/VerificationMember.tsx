import { useEffect, useMemo, useState } from 'react';
import type { EvidenceRef, Group, Inspection, ItemValue, VerificationView } from '../../../electron/ipc/contract';
import { computeTotals, numberPaths, scoreItem } from '../../../electron/services/scoring/rules';
import { formatPoints } from '../../../electron/services/text/points';
import { useApi } from '../../api/context';
import { DateInput } from '../../components/DateInput';
import { Field, Notice, Section, useAction } from '../../components/ui';
import { todayLocal } from '../../app/labels';
import { ItemInput, readTyped, typedOf, type Typed } from './SelfAssessmentInput';
import { sizeLabel } from './SelfAssessmentEvidence';

/** The member's stated value in words, as the self-assessment reads it. */
export function valueText(value: ItemValue | null): string {
  if (!value) return 'Chưa chấm';
  switch (value.type) {
    case 'points':
      return `${formatPoints(value.points)} điểm`;
    case 'done':
      return value.done ? 'Đã thực hiện' : 'Chưa thực hiện';
    case 'days_late':
      return value.days === null ? 'Không gửi' : value.days === 0 ? 'Đúng hạn' : `Chậm ${value.days} ngày`;
    case 'percent':
      return `Đạt ${formatPoints(value.percent)} %`;
  }
}

interface Draft {
  typed: Record<string, Typed>;
  reasons: Record<string, string>;
  conditions: string[];
  teamUnits: string[];
  teamMembers: string;
  date: string;
  minutes: EvidenceRef | null;
}

function draftOf(view: VerificationView): Draft {
  const insp = view.record.inspection;
  return {
    typed: Object.fromEntries(view.items.filter((i) => i.verifiedValue).map((i) => [i.node.id, typedOf(i.verifiedValue)])),
    reasons: Object.fromEntries(view.items.map((i) => [i.node.id, i.reason])),
    conditions: view.record.conditions_met,
    teamUnits: insp?.team_units ?? [],
    teamMembers: insp?.team_members.join('\n') ?? '',
    date: insp?.date ?? todayLocal(),
    minutes: insp?.minutes ?? null,
  };
}

const pointsOf = (node: VerificationView['items'][number]['node'], value: ItemValue | null) => {
  if (!value) return 0;
  const s = scoreItem(node, value);
  return s.ok ? s.points : 0;
};

/**
 * One member's self-assessment, item by item: the member's value, points, explanation and evidence
 * (opened with the system viewer), beside the verifier's value and its reason, required wherever the
 * points differ. The leader's own verification, or a cross-inspection with its team and minutes.
 */
export function VerificationMember({ group, unitCode, inspection, onBack }: { group: Group; unitCode: string; inspection: boolean; onBack: () => void }) {
  const api = useApi();
  const [busy, message, run, setMessage] = useAction();
  const [view, setView] = useState<VerificationView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api.call('scoring.verification', { groupId: group.id, unitCode, inspection }).then(
      (v) => {
        setView(v);
        setDraft(draftOf(v));
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, group.id, unitCode, inspection]);

  // Numbering restarts in every group: "A.I.1" tells the items apart.
  const paths = useMemo(() => (view ? numberPaths(view.table.nodes) : new Map<string, string>()), [view]);
  const read = useMemo(() => {
    if (!view || !draft) return null;
    return new Map(view.items.map((i) => [i.node.id, draft.typed[i.node.id] ? readTyped(i.node, draft.typed[i.node.id]!) : null]));
  }, [view, draft]);
  const verifiedTotal = useMemo(() => {
    if (!view || !read) return 0;
    const values = new Map<string, ItemValue>();
    for (const i of view.items) {
      const v = read.get(i.node.id)?.value ?? i.selfValue;
      if (v) values.set(i.node.id, v);
    }
    return computeTotals(view.table, view.unit.kind, values).total;
  }, [view, read]);

  if (error) return <Notice message={{ kind: 'error', text: error }} />;
  if (!view || !draft || !read) return <div className="loading">Đang tải…</div>;

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const reviewed = view.items.filter((i) => read.get(i.node.id)?.value).length;
  const otherMembers = group.members.filter((m) => m.code !== unitCode);

  const openEvidence = (sha256: string) => run(async () => api.open(await api.call('scoring.evidenceFile', { groupId: group.id, unitCode, sha256 })));
  const keepSelf = () => {
    const typed = { ...draft.typed };
    for (const i of view.items) if (!typed[i.node.id]?.text && !typed[i.node.id]?.notSent && i.selfValue) typed[i.node.id] = typedOf(i.selfValue);
    set({ typed });
  };
  const attachMinutes = () =>
    run(async () => {
      const file = await api.pickDocument('attachment');
      if (file) set({ minutes: await api.call('scoring.storeMinutes', { groupId: group.id, file }) });
    });

  const save = (complete: boolean) => {
    const problems: string[] = [];
    const items = view.items.flatMap((i) => {
      const r = read.get(i.node.id);
      if (r?.error) problems.push(`Mục ${i.node.number}: ${r.error}`);
      if (!r?.value) return [];
      const reason = (draft.reasons[i.node.id] ?? '').trim();
      if (pointsOf(i.node, r.value) !== i.selfPoints && !reason) problems.push(`Mục ${i.node.number}: điểm thẩm định khác điểm tự chấm, hãy ghi lý do.`);
      return [{ node: i.node.id, value: r.value, reason }];
    });
    let insp: Inspection | null = null;
    if (inspection) {
      if (!draft.teamUnits.length) problems.push('Hãy chọn đơn vị của đoàn kiểm tra.');
      insp = { team_units: draft.teamUnits, team_members: draft.teamMembers.split('\n').map((s) => s.trim()).filter(Boolean), date: draft.date, minutes: draft.minutes };
    }
    if (problems.length) return setMessage({ kind: 'error', text: problems.join('\n') });
    void run(
      async () => {
        const v = await api.call('scoring.saveVerification', { groupId: group.id, unitCode, items, conditions_met: draft.conditions, complete, inspection: insp });
        setView(v);
        setDraft(draftOf(v));
        return v;
      },
      (v) => (v.record.complete ? 'Đã đánh dấu thẩm định xong.' : `Đã lưu (${v.record.items.length}/${v.items.length} mục đã thẩm định).`),
    );
  };

  return (
    <Section
      title={`${inspection ? 'Kiểm tra chéo' : 'Thẩm định'}: ${view.unit.name}`}
      actions={
        <button type="button" onClick={onBack}>
          ← Danh sách đơn vị
        </button>
      }
    >
      <p className="muted subtitle">
        {view.own ? 'Bảng tự chấm của chính đơn vị mình' : 'Bảng tự chấm'} phiên bản {view.selfVersion}
        {view.outdated && (view.own ? ' · đã sửa sau lần thẩm định trước' : ' · đã có phiên bản mới, lần thẩm định trước là của phiên bản cũ')}
        {view.own && ' · đơn vị mình tự thẩm định, kết quả ghi là của đơn vị mình'}
        {view.record.complete && ' · đã thẩm định xong'}
      </p>
      <div className="sa-summary" aria-live="polite">
        <span>
          Tự chấm: <strong>{formatPoints(view.selfTotal)}</strong>
        </span>
        <span>
          Thẩm định: <strong>{formatPoints(verifiedTotal)}</strong>
          {verifiedTotal !== view.selfTotal && (
            // Signed as the member's screen signs it: a true minus, a plus when the leader gives more.
            <span className="differs-text"> (chênh {verifiedTotal > view.selfTotal ? '+' : '−'}{formatPoints(Math.abs(verifiedTotal - view.selfTotal))})</span>
          )}
        </span>
        <span>
          Đã xem {reviewed}/{view.items.length} mục
        </span>
      </div>
      <Notice message={message} />
      {inspection && (
        <fieldset className="inspection">
          <legend>Đoàn kiểm tra chéo</legend>
          <div className="checks" role="group" aria-label="Đơn vị của đoàn kiểm tra">
            {otherMembers.map((m) => (
              <label key={m.code} className="check">
                <input
                  type="checkbox"
                  checked={draft.teamUnits.includes(m.code)}
                  onChange={(e) => set({ teamUnits: e.target.checked ? [...draft.teamUnits, m.code] : draft.teamUnits.filter((c) => c !== m.code) })}
                />
                {m.name}
              </label>
            ))}
          </div>
          <div className="grid2">
            <Field label="Thành viên đoàn (mỗi người một dòng)">
              <textarea rows={3} value={draft.teamMembers} onChange={(e) => set({ teamMembers: e.target.value })} />
            </Field>
            <div>
              <DateInput label="Ngày kiểm tra" value={draft.date} onChange={(date) => set({ date })} />
              <div className="evidence">
                {draft.minutes && (
                  <span className="small">
                    Biên bản:{' '}
                    {/* Opened from what is saved: a scan just picked is opened once the inspection is saved. */}
                    {draft.minutes.sha256 === view.record.inspection?.minutes?.sha256 ? (
                      <button type="button" className="link small evidence-name" disabled={busy} onClick={() => void openEvidence(draft.minutes!.sha256)} aria-label={`Mở ${draft.minutes.name}`}>
                        {draft.minutes.name}
                      </button>
                    ) : (
                      `${draft.minutes.name} (chưa lưu)`
                    )}{' '}
                    ({sizeLabel(draft.minutes.size)})
                  </span>
                )}
                <button type="button" className="small" disabled={busy} onClick={() => void attachMinutes()}>
                  {draft.minutes ? 'Thay bản quét biên bản' : 'Đính kèm bản quét biên bản'}
                </button>
              </div>
            </div>
          </div>
        </fieldset>
      )}
      <div className="table-scroll">
        <table className="table sa-table verify-items" aria-label="Thẩm định từng tiêu chí">
          <thead>
            <tr>
              <th style={{ width: '4rem' }}>Mục</th>
              <th>Nội dung, hướng dẫn chấm</th>
              <th style={{ width: '26%' }}>Đơn vị tự chấm</th>
              <th style={{ width: '26%' }}>Thẩm định</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((i) => {
              const r = read.get(i.node.id);
              const vp = r?.value ? pointsOf(i.node, r.value) : null;
              const differs = vp !== null && vp !== i.selfPoints;
              return (
                <tr key={i.node.id} className={differs ? 'differs' : undefined}>
                  <td>{paths.get(i.node.id) ?? i.node.number}</td>
                  <td>
                    {i.node.content}
                    <div className="muted small">
                      Tối đa {formatPoints(i.node.max)}
                      {i.node.role === 'deduction' ? ' (điểm trừ)' : i.node.role === 'bonus' ? ' (điểm thưởng)' : ''}
                      {i.node.guide ? ` · ${i.node.guide}` : ''}
                    </div>
                  </td>
                  <td>
                    <div>
                      {valueText(i.selfValue)} → <strong>{formatPoints(i.selfPoints)} điểm</strong>
                    </div>
                    {i.explanation && <div className="small">{i.explanation}</div>}
                    {i.evidence.length > 0 ? (
                      <ul className="evidence-files" aria-label={`Minh chứng mục ${i.node.number}`}>
                        {i.evidence.map((e) => (
                          <li key={e.sha256}>
                            <button type="button" className="link small evidence-name" disabled={busy} onClick={() => void openEvidence(e.sha256)} aria-label={`Mở ${e.name}`}>
                              {e.name}
                            </button>{' '}
                            <span className="muted small nowrap">({sizeLabel(e.size)})</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      i.node.evidence_required && <div className="small differs-text">Thiếu minh chứng bắt buộc</div>
                    )}
                  </td>
                  <td>
                    <ItemInput
                      node={i.node}
                      label={`Thẩm định: ${i.node.content}`}
                      typed={draft.typed[i.node.id] ?? { text: '' }}
                      error={r?.error ?? ''}
                      disabled={busy}
                      onChange={(t) => set({ typed: { ...draft.typed, [i.node.id]: t } })}
                      onBlur={() => {}}
                    />
                    {vp !== null && <div className="small">= {formatPoints(vp)} điểm</div>}
                    {differs && (
                      <>
                        <div className="differs-text small" role="note">
                          Khác điểm tự chấm: {formatPoints(i.selfPoints)} → {formatPoints(vp)}
                        </div>
                        <Field label="Lý do" error={(draft.reasons[i.node.id] ?? '').trim() ? undefined : 'Bắt buộc khi điểm khác điểm tự chấm.'}>
                          <textarea rows={2} aria-label={`Lý do mục ${i.node.number}`} value={draft.reasons[i.node.id] ?? ''} onChange={(e) => set({ reasons: { ...draft.reasons, [i.node.id]: e.target.value } })} />
                        </Field>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {view.table.conditions.length > 0 && (
        <fieldset className="inspection">
          <legend>Điều kiện xếp loại được xác nhận</legend>
          {view.table.conditions.map((c) => (
            <label key={c.key} className="check">
              <input
                type="checkbox"
                checked={draft.conditions.includes(c.key)}
                onChange={(e) => set({ conditions: e.target.checked ? [...draft.conditions, c.key] : draft.conditions.filter((k) => k !== c.key) })}
              />
              {c.label}
              <span className="muted small">{view.conditionsStated.includes(c.key) ? '(đơn vị tự nhận đạt)' : '(đơn vị không nhận)'}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="row">
        <button type="button" disabled={busy} onClick={keepSelf}>
          Giữ điểm tự chấm cho các mục chưa xem
        </button>
        <button type="button" disabled={busy} onClick={() => save(false)}>
          Lưu
        </button>
        <button type="button" className="primary" disabled={busy || reviewed < view.items.length} onClick={() => save(true)}>
          Đánh dấu đã thẩm định xong
        </button>
        {reviewed < view.items.length && <span className="muted small">Còn {view.items.length - reviewed} mục chưa thẩm định.</span>}
      </div>
    </Section>
  );
}
