import type { CriteriaNode, ItemValue } from '../../../electron/ipc/contract';
import { scoreItem, valueTypeOf } from '../../../electron/services/scoring/rules';
import { formatPoints, parsePoints } from '../../../electron/services/text/points';

/** What the box shows: the text typed, and for a lateness item whether the report was never sent. */
export interface Typed {
  text: string;
  notSent?: boolean;
}

export function typedOf(value: ItemValue | null | undefined): Typed {
  if (!value) return { text: '' };
  switch (value.type) {
    case 'points':
      return { text: formatPoints(value.points) };
    case 'done':
      return { text: value.done ? 'yes' : 'no' };
    case 'days_late':
      return value.days === null ? { text: '', notSent: true } : { text: String(value.days) };
    case 'percent':
      return { text: formatPoints(value.percent) };
  }
}

/**
 * What the typed text means for the item's rule: a value the table accepts, nothing yet, or the
 * reason it is refused (the rules' own sentence, so the screen and the service say the same).
 */
export function readTyped(node: CriteriaNode, typed: Typed): { value: ItemValue | null; error: string } {
  const kind = valueTypeOf(node.rule ?? { type: 'manual' });
  let value: ItemValue;
  if (kind === 'days_late' && typed.notSent) value = { type: 'days_late', days: null };
  else if (typed.text.trim() === '') return { value: null, error: '' };
  else if (kind === 'done') value = { type: 'done', done: typed.text === 'yes' };
  else {
    const n = parsePoints(typed.text);
    if (n === null) return { value: null, error: kind === 'days_late' ? 'Hãy nhập số ngày chậm (0 là đúng hạn).' : 'Hãy nhập một số, ví dụ 1,5.' };
    if (kind === 'days_late') {
      if (!Number.isInteger(n) || n < 0) return { value: null, error: 'Số ngày chậm là số nguyên, không âm.' };
      value = { type: 'days_late', days: n };
    } else if (kind === 'percent') {
      if (n < 0) return { value: null, error: 'Tỷ lệ không được âm.' };
      if (n > 1000) return { value: null, error: 'Tỷ lệ quá lớn.' };
      value = { type: 'percent', percent: n };
    } else value = { type: 'points', points: n };
  }
  const scored = scoreItem(node, value);
  return scored.ok ? { value, error: '' } : { value: null, error: scored.message };
}

const hint: Record<ItemValue['type'], string> = {
  points: 'điểm',
  done: '',
  days_late: 'ngày chậm',
  percent: '%',
};

/** The input an item's rule asks for: points, done or not, days late (or never sent), or a percentage. */
export function ItemInput({ node, typed, error, onChange, onBlur, disabled, label = `Tự chấm: ${node.content}` }: { node: CriteriaNode; typed: Typed; error: string; onChange: (t: Typed) => void; onBlur: () => void; disabled: boolean; label?: string }) {
  const kind = valueTypeOf(node.rule ?? { type: 'manual' });
  const errorId = `loi-${node.id}`;
  const aria = { 'aria-label': label, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined };
  return (
    <div className="score-input">
      {kind === 'done' ? (
        <select {...aria} value={typed.text} disabled={disabled} onChange={(e) => onChange({ text: e.target.value })} onBlur={onBlur}>
          <option value="">Chưa chấm</option>
          <option value="yes">Đã thực hiện</option>
          <option value="no">Chưa thực hiện</option>
        </select>
      ) : (
        <span className="score-box">
          <input {...aria} inputMode="decimal" value={typed.notSent ? '' : typed.text} disabled={disabled || typed.notSent} onChange={(e) => onChange({ text: e.target.value })} onBlur={onBlur} />
          <span className="muted small">{hint[kind]}</span>
        </span>
      )}
      {kind === 'days_late' && (
        <label className="check small">
          <input type="checkbox" checked={!!typed.notSent} disabled={disabled} onChange={(e) => onChange({ text: typed.text, notSent: e.target.checked })} onBlur={onBlur} />
          Không gửi
        </label>
      )}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
