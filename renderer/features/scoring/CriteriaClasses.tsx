import type { CriteriaTable } from '../../../electron/ipc/contract';
import { walkTable } from '../../../electron/services/scoring/rules';
import { formatPoints } from '../../../electron/services/text/points';
import { unitKindLabels } from '../../app/labels';
import { PointsInput } from './CriteriaRuleEditor';
import { KindsPicker } from './CriteriaTree';

type TieBreak = CriteriaTable['tie_break'][number];
const swap = <T,>(list: T[], i: number, j: number): T[] => {
  if (j < 0 || j >= list.length) return list;
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
};
const freshKey = (used: string[], prefix: string) => {
  for (let i = 1; ; i++) if (!used.includes(`${prefix}${i}`)) return `${prefix}${i}`;
};

/** Classification: the conditions a class may require, the classes from the best down, and the order that breaks equal totals. */
export function CriteriaClasses({ table, editable, onChange }: { table: CriteriaTable; editable: boolean; onChange: (t: CriteriaTable) => void }) {
  const groups = [...walkTable(table.nodes)].filter((x) => x.node.kind === 'group' && x.node.role === 'standard').map((x) => x.node);
  const tieText = (t: TieBreak) =>
    t.by === 'group' ? `Điểm của nhóm ${groups.find((g) => g.id === t.node)?.number ?? t.node}. ${groups.find((g) => g.id === t.node)?.content ?? ''}` : t.by === 'fewer_deductions' ? 'Ít điểm trừ hơn' : 'Nhiều điểm thưởng hơn';
  if (!editable) {
    return (
      <section className="card" aria-label="Xếp loại">
        <h3>Xếp loại và thứ tự khi bằng điểm</h3>
        <ul>
          {table.classes.map((c) => (
            <li key={c.code}>
              <strong>{c.label}</strong>: từ {formatPoints(c.min_total)} điểm
              {c.conditions.length ? `; ${c.conditions.map((k) => table.conditions.find((x) => x.key === k)?.label ?? k).join('; ')}` : ''}
              {c.unit_kinds.length ? ` (${c.unit_kinds.map((k) => unitKindLabels[k]).join(', ')})` : ''}
            </li>
          ))}
        </ul>
        {table.tie_break.length > 0 && <p>Khi bằng điểm, lần lượt so sánh: {table.tie_break.map(tieText).join('; ')}.</p>}
      </section>
    );
  }
  const set = (change: Partial<CriteriaTable>) => onChange({ ...table, ...change });
  return (
    <section className="card" aria-label="Xếp loại">
      <h3>Điều kiện xếp loại</h3>
      {table.conditions.map((c, i) => (
        <div key={c.key} className="row">
          <input aria-label={`Điều kiện ${i + 1}`} className="criteria-wide" value={c.label} onChange={(e) => set({ conditions: table.conditions.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })} />
          <button
            type="button"
            onClick={() => set({ conditions: table.conditions.filter((_, j) => j !== i), classes: table.classes.map((cls) => ({ ...cls, conditions: cls.conditions.filter((k) => k !== c.key) })) })}
          >
            Xóa
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set({ conditions: [...table.conditions, { key: freshKey(table.conditions.map((c) => c.key), 'dk'), label: 'Điều kiện mới' }] })}>
        Thêm điều kiện
      </button>

      <h3>Các loại (từ cao xuống thấp)</h3>
      {table.classes.map((c, i) => {
        const setClass = (change: Partial<typeof c>) => set({ classes: table.classes.map((x, j) => (j === i ? { ...x, ...change } : x)) });
        return (
          <fieldset key={`${c.code}-${i}`} className="criteria-class">
            <legend>{c.label}</legend>
            <div className="row">
              <label>
                <span className="field-label">Tên loại</span>
                <input value={c.label} onChange={(e) => setClass({ label: e.target.value })} />
              </label>
              <label>
                <span className="field-label">Mã</span>
                <input value={c.code} maxLength={16} size={6} onChange={(e) => setClass({ code: e.target.value })} />
              </label>
              <PointsInput label="Từ (điểm)" value={c.min_total} onChange={(min_total) => setClass({ min_total })} />
            </div>
            {table.conditions.map((cond) => (
              <label key={cond.key} className="check">
                <input
                  type="checkbox"
                  checked={c.conditions.includes(cond.key)}
                  onChange={(e) => setClass({ conditions: e.target.checked ? [...c.conditions, cond.key] : c.conditions.filter((k) => k !== cond.key) })}
                />
                Đòi: {cond.label}
              </label>
            ))}
            <KindsPicker label="Loại đơn vị (không chọn: mọi loại)" kinds={c.unit_kinds} onChange={(unit_kinds) => setClass({ unit_kinds })} />
            <div className="row">
              <button type="button" disabled={i === 0} onClick={() => set({ classes: swap(table.classes, i, i - 1) })}>
                ↑ Lên
              </button>
              <button type="button" disabled={i === table.classes.length - 1} onClick={() => set({ classes: swap(table.classes, i, i + 1) })}>
                ↓ Xuống
              </button>
              <button type="button" onClick={() => set({ classes: table.classes.filter((_, j) => j !== i) })}>
                Xóa loại
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => set({ classes: [...table.classes, { code: freshKey(table.classes.map((c) => c.code), 'L'), label: 'Loại mới', min_total: 0, conditions: [], unit_kinds: [] }] })}>
        Thêm loại
      </button>

      <h3>Khi bằng điểm, lần lượt so sánh</h3>
      <ol>
        {table.tie_break.map((t, i) => (
          <li key={i} className="row">
            <select
              aria-label={`Quy tắc ${i + 1}`}
              value={t.by === 'group' ? `group:${t.node}` : t.by}
              onChange={(e) => {
                const v = e.target.value;
                const next: TieBreak = v.startsWith('group:') ? { by: 'group', node: v.slice(6) } : { by: v as 'fewer_deductions' | 'more_bonus' };
                set({ tie_break: table.tie_break.map((x, j) => (j === i ? next : x)) });
              }}
            >
              {groups.map((g) => (
                <option key={g.id} value={`group:${g.id}`}>
                  Điểm của nhóm {g.number}. {g.content}
                </option>
              ))}
              <option value="fewer_deductions">Ít điểm trừ hơn</option>
              <option value="more_bonus">Nhiều điểm thưởng hơn</option>
            </select>
            <button type="button" disabled={i === 0} onClick={() => set({ tie_break: swap(table.tie_break, i, i - 1) })}>
              ↑
            </button>
            <button type="button" onClick={() => set({ tie_break: table.tie_break.filter((_, j) => j !== i) })}>
              Xóa
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => set({ tie_break: [...table.tie_break, { by: 'fewer_deductions' }] })}>
        Thêm quy tắc
      </button>
    </section>
  );
}
