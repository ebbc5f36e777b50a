import { useCallback, useEffect, useState, type DependencyList, type ReactNode } from 'react';

export type Message = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export function Notice({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <div className={`notice notice-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      {message.text.split('\n').map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </div>
  );
}

/** Runs an action, keeps the button busy meanwhile, and turns the outcome into a message. */
export function useAction(): [boolean, Message, <T>(action: () => Promise<T>, success?: (result: T) => string) => Promise<T | undefined>, (m: Message) => void] {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>, success?: (result: T) => string) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await action();
      if (success) setMessage({ kind: 'ok', text: success(result) });
      return result;
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return [busy, message, run, setMessage];
}

/**
 * What a screen shows, loaded again whenever its inputs change (the group, a filter); a failure is
 * kept as the message to show in its place.
 */
export function useLoaded<T>(load: () => Promise<T>, deps: DependencyList): [T | null, string] {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    load().then(
      (v) => {
        setValue(v);
        setError('');
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
    // The caller names what the load depends on, as for useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return [value, error];
}

interface Question {
  text: string;
  confirmLabel: string;
  onConfirm: () => unknown;
}

/**
 * Asks before doing something that cannot be taken back or that the person should think twice
 * about, in the app's own words (the browser's confirm() would show an English dialog).
 */
export function useConfirm(): [ReactNode, (text: string, confirmLabel: string, onConfirm: () => unknown) => void] {
  const [question, setQuestion] = useState<Question | null>(null);
  const ask = useCallback((text: string, confirmLabel: string, onConfirm: () => unknown) => setQuestion({ text, confirmLabel, onConfirm }), []);
  const element = question && (
    <div className="confirm" role="alertdialog" aria-label="Xác nhận">
      <span>{question.text}</span>
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => {
            setQuestion(null);
            void question.onConfirm();
          }}
        >
          {question.confirmLabel}
        </button>
        <button type="button" onClick={() => setQuestion(null)}>
          Hủy
        </button>
      </div>
    </div>
  );
  return [element, ask];
}

/** A labelled box; `error` is the app's own message under it (forms are noValidate: no English browser bubble). */
export function Field({ label, children, hint, error }: { label: string; children: ReactNode; hint?: string; error?: string }) {
  return (
    <div className="field">
      <label>
        <span className="field-label">{label}</span>
        {children}
      </label>
      {hint && <span className="field-hint">{hint}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The messages of the boxes left empty, keyed like the form; empty when everything needed is there. */
export function missing<K extends string>(required: Record<K, [value: string, message: string]>): FieldErrors<K> {
  return Object.fromEntries(Object.entries<[string, string]>(required).filter(([, [value]]) => !value.trim()).map(([k, [, message]]) => [k, message])) as FieldErrors<K>;
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card">
      <header className="card-header">
        <h2>{title}</h2>
        {actions && <div className="card-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** The <option>s of a code → label map, in the map's order. */
export function Options({ labels }: { labels: Record<string, string> }) {
  return (
    <>
      {Object.entries(labels).map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
