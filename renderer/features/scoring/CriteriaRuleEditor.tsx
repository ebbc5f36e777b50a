import { useState } from 'react';
import type { ScoringRule } from '../../../electron/ipc/contract';
import { formatPoints, parsePoints } from '../../../electron/services/text/points';

/** Points typed as a reader writes them ("1,5"); the value changes only when what is typed is a number. */
export function PointsInput({ label, value, onChange, integer = false }: { label: string; value: number; onChange: (v: number) => void; integer?: boolean }) {
  const [text, setText] = useState(formatPoints(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(formatPoints(value));
  }
  const parsed = parsePoints(text);
  const bad = parsed === null || parsed < 0 || (integer && !Number.isInteger(parsed));
  return (
    <label className="criteria-points">
      <span className="field-label">{label}</span>
      <input
        inputMode="decimal"
        value={text}
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          const p = parsePoints(e.target.value);
          if (p !== null && p >= 0 && (!integer || Number.isInteger(p))) {
            setShown(p);
            onChange(p);
          }
        }}
      />
      {bad && <span className="field-error">{integer ? 'Nhập một số nguyên không âm.' : 'Nhập một số không âm, ví dụ 1,5.'}</span>}
    </label>
  );
}

const RULE_LABELS: Record<ScoringRule['type'], string> = {
  manual: 'Chấm theo số điểm (người chấm cho điểm theo hướng dẫn)',
  fixed: 'Đạt được đủ điểm, không đạt 0 điểm',
  lateness: 'Theo số ngày chậm',
  percentage: 'Theo tỷ lệ đạt được (%)',
};

/** A rule in a few words, for the table's "Cách chấm" column. */
export function ruleSummary(rule: ScoringRule | null): string {
  if (!rule) return '';
  switch (rule.type) {
    case 'manual':
      return 'Cho điểm';
    case 'fixed':
      return 'Đạt / không đạt';
    case 'lateness':
      return [...rule.brackets.map((b) => (b.days === 0 ? `đúng hạn ${formatPoints(b.points)}` : `chậm ≤ ${b.days} ngày ${formatPoints(b.points)}`)), `chậm hơn ${formatPoints(rule.beyond)}`].join('; ');
    case 'percentage':
      return [...rule.brackets.map((b) => `${b.strict ? '>' : '≥'} ${formatPoints(b.from)}% ${formatPoints(b.points)}`), `thấp hơn ${formatPoints(rule.below)}`].join('; ');
  }
}

/** The standard brackets a new graded rule starts from (DOMAIN.md): the leader then adjusts them. */
function startRule(type: ScoringRule['type'], max: number): ScoringRule {
  const part = (f: number) => Math.round(max * f * 100) / 100;
  if (type === 'lateness') return { type, brackets: [{ days: 0, points: max }, { days: 2, points: part(0.75) }, { days: 5, points: part(0.5) }, { days: 10, points: part(0.25) }], beyond: 0 };
  if (type === 'percentage') return { type, brackets: [{ from: 100, strict: false, points: max }, { from: 80, strict: false, points: part(0.5) }], below: 0 };
  return { type };
}

export function RuleEditor({ rule, max, allowGraded, onChange }: { rule: ScoringRule; max: number; allowGraded: boolean; onChange: (r: ScoringRule) => void }) {
  const types = (Object.keys(RULE_LABELS) as ScoringRule['type'][]).filter((t) => allowGraded || t === 'manual' || t === 'fixed');
  return (
    <fieldset className="criteria-rule">
      <legend>Cách chấm</legend>
      <select aria-label="Cách chấm" value={rule.type} onChange={(e) => onChange(startRule(e.target.value as ScoringRule['type'], max))}>
        {types.map((t) => (
          <option key={t} value={t}>
            {RULE_LABELS[t]}
          </option>
        ))}
      </select>
      {rule.type === 'lateness' && (
        <div className="criteria-brackets">
          {rule.brackets.map((b, i) => (
            <div key={i} className="row">
              <PointsInput integer label={i === 0 ? 'Chậm đến (ngày; 0 là đúng hạn)' : 'Chậm đến (ngày)'} value={b.days} onChange={(days) => onChange({ ...rule, brackets: rule.brackets.map((x, j) => (j === i ? { ...x, days } : x)) })} />
              <PointsInput label="Được (điểm)" value={b.points} onChange={(points) => onChange({ ...rule, brackets: rule.brackets.map((x, j) => (j === i ? { ...x, points } : x)) })} />
              <button type="button" disabled={rule.brackets.length < 2} onClick={() => onChange({ ...rule, brackets: rule.brackets.filter((_, j) => j !== i) })}>
                Xóa mức
              </button>
            </div>
          ))}
          <div className="row">
            <button type="button" onClick={() => onChange({ ...rule, brackets: [...rule.brackets, { days: (rule.brackets[rule.brackets.length - 1]?.days ?? 0) + 1, points: 0 }] })}>
              Thêm mức chậm
            </button>
            <PointsInput label="Chậm hơn mọi mức hoặc không gửi (điểm)" value={rule.beyond} onChange={(beyond) => onChange({ ...rule, beyond })} />
          </div>
        </div>
      )}
      {rule.type === 'percentage' && (
        <div className="criteria-brackets">
          {rule.brackets.map((b, i) => (
            <div key={i} className="row">
              <label className="check">
                <input type="checkbox" checked={b.strict} onChange={(e) => onChange({ ...rule, brackets: rule.brackets.map((x, j) => (j === i ? { ...x, strict: e.target.checked } : x)) })} />
                Trên (không tính bằng)
              </label>
              <PointsInput label="Từ tỷ lệ (%)" value={b.from} onChange={(from) => onChange({ ...rule, brackets: rule.brackets.map((x, j) => (j === i ? { ...x, from } : x)) })} />
              <PointsInput label="Được (điểm)" value={b.points} onChange={(points) => onChange({ ...rule, brackets: rule.brackets.map((x, j) => (j === i ? { ...x, points } : x)) })} />
              <button type="button" disabled={rule.brackets.length < 2} onClick={() => onChange({ ...rule, brackets: rule.brackets.filter((_, j) => j !== i) })}>
                Xóa mức
              </button>
            </div>
          ))}
          <div className="row">
            <button type="button" onClick={() => onChange({ ...rule, brackets: [...rule.brackets, { from: Math.max(0, (rule.brackets[rule.brackets.length - 1]?.from ?? 100) - 10), strict: false, points: 0 }] })}>
              Thêm mức tỷ lệ
            </button>
            <PointsInput label="Dưới mọi mức (điểm)" value={rule.below} onChange={(below) => onChange({ ...rule, below })} />
          </div>
        </div>
      )}
    </fieldset>
  );
}
