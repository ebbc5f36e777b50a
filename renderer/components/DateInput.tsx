import { useId, useState } from 'react';
import { formatDateVi, parseDateVi } from '../../electron/services/text/vietnamese';

/**
 * A date typed and shown dd/mm/yyyy whatever the browser's locale (the native date picker follows the
 * browser and showed 10/02/2022 as 02/10/2022). The app gets yyyy-mm-dd, '' when the box is empty, or
 * the text as typed while it is not a real date, so saving never silently keeps an older date.
 */
export function DateInput({ value, onChange, label, id }: { value: string; onChange: (value: string) => void; label?: string; id?: string }) {
  const errorId = useId();
  const [text, setText] = useState(() => formatDateVi(value));
  const [error, setError] = useState('');
  // What this box last handed out; another value means the page replaced it (another record, a reset).
  const [emitted, setEmitted] = useState(value);
  if (value !== emitted) {
    setEmitted(value);
    setText(/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDateVi(value) : value);
    setError('');
  }

  const change = (typed: string) => {
    setText(typed);
    const parsed = parseDateVi(typed);
    const next = typed.trim() === '' ? '' : parsed.ok ? parsed.iso : typed;
    if (parsed.ok || typed.trim() === '') setError('');
    setEmitted(next);
    onChange(next);
  };
  const blur = () => {
    if (text.trim() === '') return;
    const parsed = parseDateVi(text);
    if (parsed.ok) setText(formatDateVi(parsed.iso));
    else setError(parsed.message);
  };

  return (
    <span className="date-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="ngày/tháng/năm"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={text}
        onChange={(e) => change(e.target.value)}
        onBlur={blur}
      />
      {/* Hidden from the label's name (it sits inside a <label>) but read as the box's description. */}
      {error && (
        <span id={errorId} className="field-error" aria-hidden="true">
          {error}
        </span>
      )}
    </span>
  );
}
