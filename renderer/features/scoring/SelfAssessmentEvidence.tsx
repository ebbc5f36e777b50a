import type { EvidenceRef } from '../../../electron/ipc/contract';

/** "850 kB", "12,4 MB": a file's size as a person reads it. */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/**
 * The files attached to an item (or the confirmed scan), each with its size and a way to detach it, and the button to attach one more.
 * `noun` names what they are in the buttons' labels ("minh chứng"; "bản scan" for a dossier's signed pages).
 */
export function EvidenceList({ files, label, onAttach, onDetach, disabled, error, noun = 'minh chứng' }: { files: Pick<EvidenceRef, 'sha256' | 'name' | 'size'>[]; label: string; onAttach: () => void; onDetach: (sha256: string) => void; disabled: boolean; error: string; noun?: string }) {
  return (
    <div className="evidence">
      {files.length > 0 && (
        <ul className="evidence-files" aria-label={`${noun[0]!.toUpperCase()}${noun.slice(1)}: ${label}`}>
          {files.map((f) => (
            <li key={f.sha256}>
              <span className="evidence-name">{f.name}</span> <span className="muted small nowrap">({sizeLabel(f.size)})</span>{' '}
              <button type="button" className="link small" disabled={disabled} aria-label={`Gỡ ${f.name}`} onClick={() => onDetach(f.sha256)}>
                Gỡ
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="small" disabled={disabled} aria-label={`Đính kèm ${noun}: ${label}`} onClick={onAttach}>
        Đính kèm tệp
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
