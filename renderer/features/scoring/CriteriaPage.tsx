import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CriteriaReading, CriteriaTable, CriteriaView, Group, TableProblem, UnitKind } from '../../../electron/ipc/contract';
import { checkTable } from '../../../electron/services/scoring/check';
import { computeTotals } from '../../../electron/services/scoring/rules';
import { formatPoints } from '../../../electron/services/text/points';
import { useApi } from '../../api/context';
import { Notice, useAction, useConfirm } from '../../components/ui';
import { unitKindLabels } from '../../app/labels';
import { CriteriaClasses } from './CriteriaClasses';
import { addNode, CriteriaTree, kindsOf } from './CriteriaTree';

/**
 * "Bảng tiêu chí": the leader starts the year's scoring table from the sample, from an .xlsx or by
 * hand, sees it checked and saves it; the kickoff sends it. A member reads the table it received.
 */
export function CriteriaPage({ group }: { group: Group }) {
  const api = useApi();
  const [view, setView] = useState<CriteriaView | null>(null);
  const [draft, setDraft] = useState<CriteriaTable | null>(null);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [reading, setReading] = useState<CriteriaReading | null>(null);
  const [busy, message, run] = useAction();
  const [question, ask] = useConfirm();

  const show = useCallback((v: CriteriaView) => {
    setView(v);
    setDraft(v.table);
    setDirty(false);
  }, []);
  useEffect(() => {
    void run(async () => show(await api.call('scoring.criteria', { groupId: group.id })));
  }, [api, group.id, run, show]);

  // Checked as one types, by the same rules the save and the kickoff apply.
  const problems = useMemo(() => (draft && view?.editable ? checkTable(draft) : (view?.problems ?? [])), [draft, view]);

  if (!view) return <Notice message={message} />;
  const editable = view.editable;
  const edit = (t: CriteriaTable) => {
    setDraft(t);
    setDirty(true);
  };
  const save = () =>
    run(
      async () => {
        const v = await api.call('scoring.saveCriteria', { groupId: group.id, table: draft! });
        show(v);
        return v;
      },
      (v) => savedText(v),
    );
  const startSample = () =>
    run(
      async () => show(await api.call('scoring.startFromSample', { groupId: group.id })),
      () => 'Đã lập bảng từ bảng mẫu. Hãy sửa theo bảng tiêu chí được giao trong năm rồi lưu.',
    );
  const readXlsx = () =>
    run(async () => {
      const file = await api.pickXlsx();
      if (file) setReading(await api.call('scoring.readCriteriaXlsx', { groupId: group.id, file }));
    });
  const accept = (table: CriteriaTable) =>
    run(
      async () => {
        const v = await api.call('scoring.saveCriteria', { groupId: group.id, table });
        setReading(null);
        show(v);
        return v;
      },
      (v) => `Đã dùng bảng đọc từ tệp Excel. ${savedText(v)}`,
    );
  const replacing = (what: string, then: () => unknown) => (draft ? ask(`Bảng tiêu chí hiện có sẽ được thay bằng ${what}.`, 'Thay bảng', then) : then());

  const errors = problems.filter((p) => p.severity === 'error').length;
  const flagged = new Map<string, 'error' | 'warning'>();
  for (const p of problems) if (p.node && flagged.get(p.node) !== 'error') flagged.set(p.node, p.severity);

  return (
    <section className="card criteria-page" aria-label="Bảng tiêu chí">
      <div className="card-header">
        <h2>Bảng tiêu chí chấm điểm thi đua năm {group.year}</h2>
        {draft?.sample && <span className="badge badge-stale criteria-sample">Bảng mẫu</span>}
      </div>
      {draft && (
        <p className="criteria-title">
          <strong>{draft.title}</strong>
          {draft.source && <span className="muted"> — {draft.source}</span>}
        </p>
      )}
      {view.table && (
        <p className={view.published ? 'banner banner-frozen' : 'muted'} role="status">
          {view.published
            ? editable
              ? `Phiên bản ${view.version} đã gửi trong gói khởi động. Lần lưu tiếp theo tạo phiên bản ${view.version + 1}, gửi đi ở lần phát hành gói khởi động sau.`
              : `Bảng do Trưởng Khu vực/Cụm gửi trong gói khởi động (phiên bản ${view.version}).`
            : `Phiên bản ${view.version}, bản nháp: chưa gửi; bảng đi cùng gói khởi động ở mục “Kế hoạch năm”.`}
        </p>
      )}
      {editable && (
        <div className="row">
          <button type="button" onClick={() => replacing('bảng mẫu', startSample)} disabled={busy}>
            {draft ? 'Lập lại từ bảng mẫu' : 'Bắt đầu từ bảng mẫu'}
          </button>
          <button type="button" onClick={() => void readXlsx()} disabled={busy}>
            Nhập từ tệp Excel…
          </button>
          {draft && (
            <button type="button" className="primary" onClick={() => void save()} disabled={busy || !dirty}>
              Lưu bảng tiêu chí
            </button>
          )}
          {dirty && <span className="muted">Có thay đổi chưa lưu.</span>}
        </div>
      )}
      {question}
      <Notice message={message} />
      {reading && <ReadingPanel reading={reading} onAccept={(table) => replacing('bảng đọc từ tệp', () => accept(table))} onDrop={() => setReading(null)} busy={busy} />}

      {!draft && !reading && (
        <p className="notice notice-info">
          {editable
            ? 'Chưa có bảng tiêu chí. Bắt đầu từ bảng mẫu kèm theo phần mềm, hoặc nhập bảng tiêu chí được giao từ tệp Excel.'
            : 'Chưa nhận bảng tiêu chí chấm điểm. Bảng đến cùng gói khởi động do Trưởng Khu vực/Cụm gửi: nhận gói ở mục “Nhận gói”.'}
        </p>
      )}
      {draft && (
        <>
          {editable && <Checks problems={problems} errors={errors} onSelect={(id) => focusRow(id, setSelected)} />}
          <Totals table={draft} />
          <CriteriaTree table={draft} editable={editable} selected={selected} flagged={editable ? flagged : new Map()} onSelect={setSelected} onChange={edit} />
          {editable && (
            <div className="row">
              <button
                type="button"
                onClick={() => {
                  const added = addNode(draft, null);
                  edit(added.table);
                  setSelected(added.id);
                }}
              >
                Thêm nhóm tiêu chí
              </button>
            </div>
          )}
          <CriteriaClasses table={draft} editable={editable} onChange={edit} />
          {editable && (
            <div className="row">
              <button type="button" className="primary" onClick={() => void save()} disabled={busy || !dirty}>
                Lưu bảng tiêu chí
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function savedText(v: CriteriaView): string {
  const errors = v.problems.filter((p) => p.severity === 'error').length;
  return `Đã lưu bảng tiêu chí (phiên bản ${v.version}).${errors ? ` Bảng còn ${errors} lỗi: sửa xong mới gửi được trong gói khởi động.` : ''}`;
}

function focusRow(id: string, select: (id: string) => void) {
  select(id);
  // jsdom has no scrollIntoView; a real window scrolls the row into sight.
  document.getElementById(`criteria-row-${id}`)?.scrollIntoView?.({ block: 'center' });
}

function Checks({ problems, errors, onSelect }: { problems: TableProblem[]; errors: number; onSelect: (id: string) => void }) {
  return (
    <div className={`criteria-checks ${errors ? 'notice notice-error' : 'notice notice-ok'}`} aria-label="Kiểm tra bảng">
      <strong>{problems.length ? `Kiểm tra bảng: ${errors} lỗi, ${problems.length - errors} cảnh báo` : 'Kiểm tra bảng: điểm các nhóm cộng đúng, số thứ tự đúng.'}</strong>
      {problems.length > 0 && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>
              {p.node ? (
                <button type="button" className="link" onClick={() => onSelect(p.node!)}>
                  {p.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}: {p.message}
                </button>
              ) : (
                `${p.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}: ${p.message}`
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Per unit kind: the scale (standard points), the bonus and deduction caps that apply. */
function Totals({ table }: { table: CriteriaTable }) {
  const rows = kindsOf(table).map((kind) => {
    const t = computeTotals(table, kind, new Map());
    const cap = (role: 'bonus' | 'deduction') => table.nodes.filter((n) => n.role === role && t.byNode.has(n.id)).reduce((s, n) => s + Math.round(n.max * 100), 0) / 100;
    return { kind, max: t.max, bonus: cap('bonus'), deduction: cap('deduction') };
  });
  return (
    <table className="table compact criteria-totals" aria-label="Tổng điểm theo loại đơn vị">
      <thead>
        <tr>
          <th>Loại đơn vị</th>
          <th>Tổng điểm chuẩn</th>
          <th>Điểm thưởng tối đa</th>
          <th>Điểm trừ tối đa</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.kind}>
            <td>{unitKindLabels[r.kind]}</td>
            <td>{formatPoints(r.max)}</td>
            <td>{formatPoints(r.bonus)}</td>
            <td>{formatPoints(r.deduction)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A Sở Tư pháp table and a THADS table differ: the leader says which the sheet is, both unless told. */
const KIND_CHOICES: { key: string; label: string; kinds: UnitKind[] }[] = [
  { key: 'both', label: 'Cả Sở Tư pháp và Cục THADS / THADS tỉnh (mặc định)', kinds: ['so_tu_phap', 'thads'] },
  { key: 'so_tu_phap', label: 'Chỉ Sở Tư pháp', kinds: ['so_tu_phap'] },
  { key: 'thads', label: 'Chỉ Cục THADS / THADS tỉnh', kinds: ['thads'] },
];

/** What was read from the sheet, shown before anything replaces the table; checked again for the unit kinds chosen. */
function ReadingPanel({ reading, onAccept, onDrop, busy }: { reading: CriteriaReading; onAccept: (table: CriteriaTable) => void; onDrop: () => void; busy: boolean }) {
  const [choice, setChoice] = useState(() => KIND_CHOICES.find((c) => c.kinds.join() === reading.table.unit_kinds.join())?.key ?? 'both');
  const table = useMemo(() => ({ ...reading.table, unit_kinds: KIND_CHOICES.find((c) => c.key === choice)!.kinds }), [reading.table, choice]);
  const problems = useMemo(() => checkTable(table), [table]);
  // The choice below says which unit kinds the table serves, and may change what the reader assumed.
  const recognised = reading.recognised.filter((r) => !r.startsWith('Bảng áp dụng cho '));
  const errors = problems.filter((p) => p.severity === 'error');
  const count = (nodes: CriteriaTable['nodes']): number => nodes.reduce((s, n) => s + 1 + count(n.children), 0);
  return (
    <div className="criteria-reading" aria-label="Bảng đọc từ tệp Excel">
      <h3>Bảng đọc từ tệp Excel</h3>
      <p>
        <strong>{reading.table.title}</strong> — {count(reading.table.nodes)} mục, trang tính “{reading.sheet}”.
      </p>
      <details open>
        <summary>Đã đọc được ({recognised.length})</summary>
        <ul>
          {recognised.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </details>
      {reading.unread.length > 0 && (
        <div className="notice notice-info">
          <strong>Chưa đọc được hoặc cần xem lại ({reading.unread.length})</strong>
          <ul>
            {reading.unread.map((u) => (
              <li key={u.message}>{u.message}</li>
            ))}
          </ul>
        </div>
      )}
      <fieldset className="inspection">
        <legend>Bảng trong tệp dùng để chấm</legend>
        <div className="checks" role="radiogroup" aria-label="Loại đơn vị áp dụng">
          {KIND_CHOICES.map((c) => (
            <label key={c.key} className="check">
              <input type="radio" name="criteria-kinds" checked={choice === c.key} onChange={() => setChoice(c.key)} />
              {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      {problems.length > 0 && (
        <div className={errors.length ? 'notice notice-error' : 'notice notice-info'}>
          <strong>Kiểm tra bảng đọc được</strong>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => onAccept(table)} disabled={busy}>
          Dùng bảng này
        </button>
        <button type="button" onClick={onDrop} disabled={busy}>
          Bỏ, không dùng
        </button>
      </div>
    </div>
  );
}
