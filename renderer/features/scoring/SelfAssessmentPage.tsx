import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AssessedItem, CriteriaNode, EvidenceRef, Gaps, Group, SelfAssessmentView, VerifiedResult } from '../../../electron/ipc/contract';
import { appliesTo, computeTotals, itemsFor, numberPaths } from '../../../electron/services/scoring/rules';
import { formatPoints } from '../../../electron/services/text/points';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { useApi } from '../../api/context';
import { Notice, Section, useAction } from '../../components/ui';
import { EvidenceList, sizeLabel } from './SelfAssessmentEvidence';
import { useBundleSaver } from '../bundles/MailParts';
import { ItemInput, readTyped, typedOf, type Typed } from './SelfAssessmentInput';

/** Typing is saved this long after the last keystroke (and at once when a box loses focus). */
const SAVE_AFTER_MS = 800;
const SCAN = '';



const hasGaps = (g: Gaps) => g.missing.length + g.lackingEvidence.length + g.refused.length > 0 || g.noConfirmation;
const signed = (node: CriteriaNode, points: number) => (node.role === 'deduction' && points > 0 ? `−${formatPoints(points)}` : formatPoints(points));

/**
 * The member's "Tự chấm điểm": every item scored by its rule, totals per group and overall recomputed
 * here as one types (the rules are shared with the services), saved shortly after; explanation and
 * evidence per item; the class conditions; the gaps shown before export; the signed and confirmed
 * scan; print and export; and, once the leader's verified scores come back, where they differ.
 */
export function SelfAssessmentPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [mailOffer, saveBundle] = useBundleSaver();
  const [view, setView] = useState<SelfAssessmentView | null>(null);
  const [loadError, setLoadError] = useState('');
  const [items, setItems] = useState<Record<string, AssessedItem>>({});
  const [typed, setTyped] = useState<Record<string, Typed>>({});
  const [conditions, setConditions] = useState<string[]>([]);
  const [confirmation, setConfirmation] = useState<EvidenceRef | null>(null);
  const [saveState, setSaveState] = useState<{ kind: 'idle' | 'saving' | 'saved' | 'error'; text?: string }>({ kind: 'idle' });
  const [fileErrors, setFileErrors] = useState<Record<string, string>>({});
  const [gaps, setGaps] = useState<Gaps | null>(null);
  const [verified, setVerified] = useState<VerifiedResult | null>(null);
  // The latest edits, for a save that fires after the render that scheduled it.
  const latest = useRef({ items, conditions, confirmation });
  latest.current = { items, conditions, confirmation };
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const adopt = useCallback((v: SelfAssessmentView) => {
    setView(v);
    const own = itemsFor(v.table, v.unitKind);
    const byNode = new Map(v.record.items.map((i) => [i.node, i]));
    setItems(Object.fromEntries(own.map((n) => [n.id, byNode.get(n.id) ?? { node: n.id, value: null, explanation: '', evidence: [] }])));
    setTyped(Object.fromEntries(own.map((n) => [n.id, typedOf(byNode.get(n.id)?.value)])));
    setConditions(v.record.conditions_met);
    setConfirmation(v.record.confirmation);
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        adopt(await api.call('scoring.selfAssessment', { groupId: group.id }));
        setVerified(await api.call('scoring.verifiedScores', { groupId: group.id }));
      } catch (e) {
        setLoadError(e instanceof Error ? e.message : String(e));
      }
    })();
  }, [api, group.id, adopt]);

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    if (!dirty.current) return;
    dirty.current = false;
    setSaveState({ kind: 'saving' });
    const { items: now, conditions: met, confirmation: scan } = latest.current;
    try {
      const v = await api.call('scoring.saveSelfAssessment', { groupId: group.id, items: Object.values(now), conditions_met: met, confirmation: scan });
      // Only what the service decides is taken back (status, version, gaps): the boxes keep what is being typed.
      setView(v);
      setSaveState({ kind: 'saved' });
    } catch (e) {
      dirty.current = true;
      setSaveState({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  }, [api, group.id]);
  const changed = useCallback(() => {
    dirty.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
  }, [save]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const values = useMemo(() => new Map(Object.values(items).flatMap((i) => (i.value ? [[i.node, i.value] as const] : []))), [items]);
  const totals = useMemo(() => (view ? computeTotals(view.table, view.unitKind, values) : null), [view, values]);
  const errors = useMemo(() => {
    if (!view) return {};
    const nodes = new Map(itemsFor(view.table, view.unitKind).map((n) => [n.id, n]));
    return Object.fromEntries(Object.entries(typed).map(([id, t]) => [id, nodes.has(id) ? readTyped(nodes.get(id)!, t).error : '']));
  }, [view, typed]);

  if (loadError) return <Section title="Tự chấm điểm">{<Notice message={{ kind: 'error', text: loadError }} />}</Section>;
  if (!view || !totals) return <Section title="Tự chấm điểm">Đang tải…</Section>;
  const { table } = view;

  const setValue = (node: CriteriaNode, t: Typed) => {
    setTyped({ ...typed, [node.id]: t });
    // A value the table refuses is not kept: the item counts as unscored until corrected.
    setItems({ ...items, [node.id]: { ...items[node.id]!, value: readTyped(node, t).value } });
    changed();
  };
  const setExplanation = (id: string, explanation: string) => {
    setItems({ ...items, [id]: { ...items[id]!, explanation } });
    changed();
  };

  /** Attaches a picked file (node '' is the confirmed scan); the service's refusal (too large, unreadable) is shown beside it. */
  const attach = async (node: string) => {
    setFileErrors({ ...fileErrors, [node]: '' });
    try {
      const file = await api.pickDocument('evidence');
      if (!file) return;
      await save();
      const v = await api.call('scoring.attachEvidence', { groupId: group.id, node: node === SCAN ? null : node, file });
      setView(v);
      if (node === SCAN) setConfirmation(v.record.confirmation);
      else setItems((was) => ({ ...was, [node]: { ...was[node]!, evidence: v.record.items.find((i) => i.node === node)?.evidence ?? [] } }));
    } catch (e) {
      setFileErrors((was) => ({ ...was, [node]: e instanceof Error ? e.message : String(e) }));
    }
  };
  const detach = async (node: string, sha256: string) => {
    try {
      await save();
      const v = await api.call('scoring.detachEvidence', { groupId: group.id, node: node === SCAN ? null : node, sha256 });
      setView(v);
      if (node === SCAN) setConfirmation(v.record.confirmation);
      else setItems((was) => ({ ...was, [node]: { ...was[node]!, evidence: v.record.items.find((i) => i.node === node)?.evidence ?? [] } }));
    } catch (e) {
      setFileErrors((was) => ({ ...was, [node]: e instanceof Error ? e.message : String(e) }));
    }
  };

  const print = () =>
    run(async () => {
      await save();
      return api.save(await api.call('scoring.printSelfAssessment', { groupId: group.id }));
    }, (where) => `Đã in bảng tự chấm điểm. ${where} Trình thủ trưởng đơn vị ký, xin xác nhận, rồi đính kèm bản scan ở mục dưới.`);
  const exportNow = (acceptGaps: boolean) =>
    run(async () => {
      setGaps(null);
      await save();
      const done = await api.call('scoring.exportSelfAssessment', { groupId: group.id, acceptGaps });
      setView(await api.call('scoring.selfAssessment', { groupId: group.id }));
      const where = await saveBundle(done.file);
      return `Đã ký và xuất gói tự chấm điểm số ${done.seq} (phiên bản ${done.version}). ${where}`;
    }, (text) => text);
  /** The gaps are listed first; the bundle goes as it is only when the unit says so. */
  const checkAndExport = async () => {
    const found = await run(async () => {
      await save();
      const v = await api.call('scoring.selfAssessment', { groupId: group.id });
      setView(v);
      if (hasGaps(v.gaps)) setGaps(v.gaps);
      return hasGaps(v.gaps);
    });
    if (found === false) await exportNow(false);
  };

  const changes = new Map((verified?.changes ?? []).map((c) => [c.node, c]));
  // Numbering restarts in every group: "A.I.1" tells the items apart.
  const paths = numberPaths(table.nodes);
  const askedConditions = new Set(table.classes.filter((c) => appliesTo(c, view.unitKind)).flatMap((c) => c.conditions));
  const conditionList = table.conditions.filter((c) => askedConditions.has(c.key));
  const scoredCount = Object.values(items).filter((i) => i.value).length;

  const rows = (nodes: readonly CriteriaNode[], depth: number): ReactNode[] =>
    nodes
      .filter((n) => appliesTo(n, view.unitKind))
      .flatMap((node) => {
        const t = totals.byNode.get(node.id);
        const max = node.role === 'standard' ? formatPoints(t?.max ?? node.max) : `tối đa ${formatPoints(node.max)}`;
        if (node.kind === 'group') {
          return [
            <tr key={node.id} className={`sa-group sa-depth-${Math.min(depth, 3)}`}>
              <td>{node.number}</td>
              <td>{node.content}</td>
              <td className="num">{max}</td>
              <td />
              <td className="num" aria-label={`Điểm nhóm ${node.number}: ${node.content}`}>
                {signed(node, t?.points ?? 0)}
              </td>
              <td />
            </tr>,
            ...rows(node.children, depth + 1),
          ];
        }
        const item = items[node.id]!;
        const change = changes.get(node.id);
        return [
          <tr key={node.id} className={change ? 'sa-changed' : undefined}>
            <td>{node.number}</td>
            <td>
              {node.content}
              {(node.guide || node.evidence) && (
                <details className="small muted">
                  <summary>Hướng dẫn chấm{node.evidence_required ? ' · cần minh chứng' : ''}</summary>
                  {node.guide && <div>{node.guide}</div>}
                  {node.evidence && <div>Minh chứng: {node.evidence}</div>}
                </details>
              )}
              {change && (
                <div className="sa-change" role="note">
                  Trưởng Khu vực/Cụm chấm {signed(node, change.verifiedPoints)} (đơn vị tự chấm {signed(node, change.selfPoints)}): {change.reason}
                </div>
              )}
            </td>
            <td className="num">{max}</td>
            <td>
              <ItemInput node={node} typed={typed[node.id] ?? { text: '' }} error={errors[node.id] ?? ''} disabled={false} onChange={(v) => setValue(node, v)} onBlur={() => void save()} />
            </td>
            <td className="num" aria-label={`Điểm: ${node.content}`}>
              {item.value ? signed(node, t?.points ?? 0) : ''}
            </td>
            <td>
              <textarea aria-label={`Giải trình: ${node.content}`} rows={1} value={item.explanation} onChange={(e) => setExplanation(node.id, e.target.value)} onBlur={() => void save()} />
              <EvidenceList
                files={item.evidence}
                label={node.content}
                disabled={busy}
                error={fileErrors[node.id] ?? ''}
                onAttach={() => void attach(node.id)}
                onDetach={(sha) => void detach(node.id, sha)}
              />
            </td>
          </tr>,
        ];
      });

  return (
    <Section
      title={`Tự chấm điểm thi đua năm ${group.year}`}
      actions={
        <>
          <button type="button" disabled={busy} onClick={() => void print()}>
            In bảng tự chấm điểm (DOCX)
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void checkAndExport()}>
            Ký và xuất gói
          </button>
        </>
      }
    >
      <p className="muted">
        {table.title}
        {table.sample ? ' — bảng mẫu, chưa phải bảng tiêu chí được ban hành' : table.source ? ` — ${table.source}` : ''}
      </p>
      <div className="sa-summary" aria-label="Tổng điểm">
        <strong>
          Tổng điểm: {formatPoints(totals.total)}/{formatPoints(totals.max)}
        </strong>
        <span>Điểm thưởng {totals.bonus > 0 ? '+' : ''}{formatPoints(totals.bonus)}</span>
        <span>Điểm trừ {totals.deduction > 0 ? '−' : ''}{formatPoints(totals.deduction)}</span>
        <span>
          Đã chấm {scoredCount}/{Object.keys(items).length} tiêu chí
        </span>
        <span className="muted small" role="status">
          {saveState.kind === 'saving' ? 'Đang lưu…' : saveState.kind === 'saved' ? 'Đã lưu' : ''}
        </span>
      </div>
      {saveState.kind === 'error' && <Notice message={{ kind: 'error', text: `Chưa lưu được: ${saveState.text}` }} />}
      {view.status === 'frozen' && <div className="banner banner-frozen">Phiên bản {view.version} đã gửi và được giữ nguyên; thay đổi sẽ lưu thành phiên bản {view.version + 1}.</div>}
      {verified && <VerifiedPanel verified={verified} paths={paths} />}
      {mailOffer}
      <Notice message={message} />
      {gaps && (
        <GapsPanel
          gaps={gaps}
          paths={paths}
          busy={busy}
          onSend={() => void exportNow(true)}
          onBack={() => setGaps(null)}
        />
      )}
      <div className="table-scroll">
        <table className="table sa-table">
          <thead>
            <tr>
              <th>Số TT</th>
              <th>Nội dung tiêu chí</th>
              <th className="num">Điểm chuẩn</th>
              <th>Tự chấm</th>
              <th className="num">Điểm</th>
              <th>Giải trình, minh chứng</th>
            </tr>
          </thead>
          <tbody>{rows(table.nodes, 1)}</tbody>
        </table>
      </div>
      {conditionList.length > 0 && (
        <>
          <h3>Điều kiện xếp loại đơn vị đã đạt</h3>
          <div className="checks">
            {conditionList.map((c) => (
              <label key={c.key} className="check">
                <input
                  type="checkbox"
                  checked={conditions.includes(c.key)}
                  onChange={(e) => {
                    setConditions(e.target.checked ? [...conditions, c.key] : conditions.filter((k) => k !== c.key));
                    changed();
                  }}
                />
                {c.label}
              </label>
            ))}
          </div>
        </>
      )}
      <h3>Bản scan bảng tự chấm điểm đã ký và được xác nhận</h3>
      <p className="muted small">In bảng tự chấm điểm, trình ký và xin xác nhận{view.unitKind === 'so_tu_phap' ? ' của Chủ tịch UBND tỉnh' : ' của cơ quan quản lý cấp trên'}, rồi đính kèm bản scan tại đây: bản scan đi cùng gói.</p>
      <EvidenceList
        files={confirmation ? [confirmation] : []}
        label="bản scan đã ký và xác nhận"
        disabled={busy}
        error={fileErrors[SCAN] ?? ''}
        onAttach={() => void attach(SCAN)}
        onDetach={(sha) => void detach(SCAN, sha)}
      />
      {confirmation && <p className="muted small">Đã đính kèm {confirmation.name} ({sizeLabel(confirmation.size)}).</p>}
    </Section>
  );
}

/** What is still missing, listed before the bundle goes; sent as it is only on the unit's word. */
function GapsPanel({ gaps, paths, busy, onSend, onBack }: { gaps: Gaps; paths: Map<string, string>; busy: boolean; onSend: () => void; onBack: () => void }) {
  const list = (xs: { node: string; number: string; content: string }[]) => xs.map((x) => `mục ${paths.get(x.node) ?? x.number} ${x.content}`);
  return (
    <div className="confirm sa-gaps" role="alertdialog" aria-label="Bảng tự chấm điểm còn thiếu">
      <strong>Trước khi gửi, bảng tự chấm điểm còn:</strong>
      <div className="row">
        {gaps.refused.length === 0 && (
          <button type="button" className="primary" disabled={busy} onClick={onSend}>
            Gửi như hiện có
          </button>
        )}
        <button type="button" onClick={onBack}>
          Quay lại bổ sung
        </button>
      </div>
      {gaps.refused.length > 0 && <GapList title="Điểm không hợp lệ (phải sửa trước khi gửi)" lines={gaps.refused.map((r) => r.message)} />}
      {gaps.missing.length > 0 && <GapList title={`${gaps.missing.length} tiêu chí chưa chấm`} lines={list(gaps.missing)} />}
      {gaps.lackingEvidence.length > 0 && <GapList title={`${gaps.lackingEvidence.length} tiêu chí bắt buộc có minh chứng nhưng chưa đính kèm`} lines={list(gaps.lackingEvidence)} />}
      {gaps.noConfirmation && <div>Chưa đính kèm bản scan bảng tự chấm điểm đã ký và được xác nhận.</div>}
    </div>
  );
}

function GapList({ title, lines }: { title: string; lines: string[] }) {
  return (
    <div>
      <div>{title}:</div>
      <ul className={`sa-gap-list${lines.length > 6 ? ' sa-gap-columns' : ''}`}>
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

/** The leader's verified scores as they came back in the receipt: the total it recognises against the unit's own, and each change with its reason. */
function VerifiedPanel({ verified, paths }: { verified: VerifiedResult; paths: Map<string, string> }) {
  const diff = verified.verifiedTotal - verified.selfTotal;
  return (
    <div className="banner sa-verified" aria-label="Kết quả chấm của Trưởng Khu vực/Cụm">
      <div>
        <strong>
          {verified.by} đã chấm phiên bản {verified.selfVersion} (nhận ngày {formatDateVi(verified.receivedAt)}): {formatPoints(verified.verifiedTotal)} điểm
        </strong>{' '}
        — đơn vị tự chấm {formatPoints(verified.selfTotal)} điểm
        {diff !== 0 ? ` (${diff > 0 ? '+' : '−'}${formatPoints(Math.abs(diff))})` : ', không thay đổi'}.
      </div>
      {verified.changes.length > 0 && (
        <ul className="sa-gap-list">
          {verified.changes.map((c) => (
            <li key={c.node}>
              Mục {paths.get(c.node) ?? c.number} {c.content}: {formatPoints(c.selfPoints)} → <strong>{formatPoints(c.verifiedPoints)}</strong>. Lý do: {c.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
