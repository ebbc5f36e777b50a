import { useCallback, useEffect, useState } from 'react';
import type { HeldWhole, ImportResult, QuarantineEntry } from '../../../electron/ipc/contract';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { useApi } from '../../api/context';
import { Notice, Section, useAction } from '../../components/ui';
import { importStatusLabels } from '../../app/labels';

/** What needs the person first: refusals (ask the unit to send again), then keys to confirm, then the rest. */
const urgency: Record<ImportResult['status'], number> = { refused: 0, quarantined: 1, held: 1, accepted: 2, duplicate: 2, stale: 2 };
const byUrgency = (results: ImportResult[]) => [...results].sort((a, b) => urgency[a.status] - urgency[b.status]);

/** "Đã nhận 12 · Chờ xác nhận 1 · Từ chối 2"; duplicates and stale bundles only when there are some. */
function summary(results: ImportResult[]): string {
  const n = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
  const parts: [ImportResult['status'], boolean][] = [
    ['accepted', true],
    ['duplicate', false],
    ['stale', false],
    ['quarantined', true],
    ['held', false],
    ['refused', true],
  ];
  const labels = { ...importStatusLabels, quarantined: 'Chờ xác nhận' };
  return parts
    .filter(([status, always]) => always || n(status) > 0)
    .map(([status]) => `${labels[status]} ${n(status)}`)
    .join(' · ');
}

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/**
 * What to do first (the importer's "Đề nghị …" sentence), then on a line of its own why: the reason and
 * any "Chi tiết kỹ thuật:". Without advice, the technical detail alone goes to the second line.
 */
function splitReason(text: string): [main: string, detail: string] {
  const advice = /Đề nghị [^.]*\./.exec(text);
  if (advice) return [advice[0], (text.slice(0, advice.index) + text.slice(advice.index + advice[0].length)).replace(/\s+/g, ' ').trim()];
  const at = text.indexOf('Chi tiết kỹ thuật:');
  return at > 0 ? [text.slice(0, at).trim(), text.slice(at)] : [text, ''];
}

function Reason({ text }: { text: string }) {
  const [main, detail] = splitReason(text);
  if (!detail) return <span className="result-reason">{main}</span>;
  return (
    <span className="result-reason-block">
      <span className="result-reason">{main}</span>
      <span className="result-detail">{detail}</span>
    </span>
  );
}

/** Accepted bundles that are owed a receipt (biên nhận) and have none written yet from this screen. */
const owedReceipts = (results: ImportResult[], written: ReadonlySet<string>) =>
  results.filter((r): r is ImportResult & { bundleId: string } => r.status === 'accepted' && !!r.acknowledge && !!r.bundleId && !written.has(r.bundleId));

/**
 * "Nhận gói" for every role: import bundles (a kickoff, registrations, receipts…), confirm an unknown
 * key by its fingerprint, and write the receipts of what was accepted back onto the USB stick.
 * `onImported` runs after anything may have landed (the leader's overview, the app's list of groups).
 */
export function ImportPage({ title = 'Nhận gói hồ sơ', onImported }: { title?: string; onImported?: () => unknown }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [results, setResults] = useState<ImportResult[]>([]);
  const [quarantine, setQuarantine] = useState<QuarantineEntry[]>([]);
  const [held, setHeld] = useState<HeldWhole[]>([]);
  const [discarding, setDiscarding] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [written, setWritten] = useState<ReadonlySet<string>>(new Set());

  const refresh = useCallback(async () => {
    setQuarantine(await api.call('bundles.quarantine', {}));
    setHeld(await api.call('bundles.heldParts', {}));
  }, [api]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const landed = async () => {
    await refresh();
    await onImported?.();
  };

  const importFrom = (folder: boolean) =>
    run(async () => {
      const files = await api.pickBundles(folder);
      if (!files.length) return null;
      const r = await api.call('bundles.import', { files });
      setResults(byUrgency(r));
      await landed();
      return r;
    });
  // The decision replaces that bundle's own row; the rest of the batch stays on screen.
  const decide = (entry: QuarantineEntry, accept: boolean) =>
    run(async () => {
      setRejecting(null);
      const r = await api.call('bundles.decide', { id: entry.id, accept });
      setResults((shown) => {
        const at = shown.findIndex((s) => s.status === 'quarantined' && baseName(s.file) === entry.fileName);
        return byUrgency(at < 0 ? [...shown, r] : shown.map((s, i) => (i === at ? { ...r, file: s.file } : s)));
      });
      await landed();
    });
  const discard = (whole: HeldWhole) =>
    run(
      async () => {
        setDiscarding(null);
        await api.call('bundles.discardHeldParts', { sha256: whole.sha256 });
        await refresh();
      },
      () => `Đã bỏ ${whole.held.length} phần đã giữ của gói "${whole.name}". Nếu đơn vị gửi lại, hãy nhập lại đủ các phần.`,
    );
  const owed = owedReceipts(results, written);
  const writeReceipts = () =>
    run(
      async () => {
        const receipts = await api.call('bundles.writeReceipts', { bundleIds: owed.map((r) => r.bundleId) });
        setWritten((w) => new Set([...w, ...owed.map((r) => r.bundleId)]));
        const where = receipts.length ? await api.saveAll(receipts.map((r) => r.file)) : '';
        const to = [...new Set(receipts.map((r) => r.senderCode))].join(', ');
        return `Đã ký ${receipts.length} biên nhận (gửi ${to}). ${where}\nMang các tệp biên nhận trả lại đơn vị gửi (ví dụ chép vào ổ USB của đơn vị).`;
      },
      (text) => text,
    );

  return (
    <Section
      title={title}
      actions={
        <>
          <button type="button" className="primary" disabled={busy} onClick={() => importFrom(false)}>
            Chọn gói hồ sơ…
          </button>
          <button type="button" disabled={busy} onClick={() => importFrom(true)}>
            Chọn cả thư mục (ổ USB)…
          </button>
        </>
      }
    >
      <p className="muted">
        Nhận các gói .tdkt đơn vị khác gửi: gói khởi động năm của Trưởng Khu vực/Cụm, gói đăng ký thi đua, báo cáo, hồ sơ và biên nhận. Mỗi gói được kiểm tra chữ ký số trước khi nhận. Gói gửi thành nhiều phần (.tdkt-part) được giữ lại đến khi đủ các phần, có thể nhập trong nhiều lần; khi đủ, gói được ghép lại và kiểm tra như một gói.
      </p>
      <Notice message={message} />
      {quarantine.length > 0 && (
        <section className="quarantine" aria-labelledby="quarantine-title">
          <h3 id="quarantine-title">Chờ xác nhận khóa ký</h3>
          <p className="muted">Gọi điện cho đơn vị gửi, đọc dấu vân tay dưới đây và chỉ xác nhận khi trùng khớp.</p>
          {quarantine.map((q) => (
            <div key={q.id} className="quarantine-item">
              <div>
                <strong>{q.senderName}</strong> ({q.senderCode}) — {q.fileName}
                <div className="fingerprint">{q.fingerprint}</div>
              </div>
              {rejecting === q.id ? (
                <div className="confirm" role="alertdialog" aria-labelledby={`reject-${q.id}`} aria-describedby={`reject-${q.id}-what`}>
                  <strong id={`reject-${q.id}`}>Từ chối gói của {q.senderName}?</strong>
                  <span id={`reject-${q.id}-what`}>Gói bị xóa và khóa không được ghim; đơn vị sẽ phải gửi lại.</span>
                  <div className="row">
                    <button type="button" className="danger" disabled={busy} onClick={() => decide(q, false)}>
                      Từ chối gói
                    </button>
                    <button type="button" onClick={() => setRejecting(null)} autoFocus>
                      Quay lại
                    </button>
                  </div>
                </div>
              ) : (
                <div className="row">
                  <button type="button" className="primary" disabled={busy} onClick={() => decide(q, true)}>
                    Xác nhận khóa và nhận gói
                  </button>
                  <button type="button" disabled={busy} onClick={() => setRejecting(q.id)}>
                    Từ chối
                  </button>
                </div>
              )}
            </div>
          ))}
        </section>
      )}
      {held.length > 0 && (
        <section className="quarantine" aria-labelledby="held-title">
          <h3 id="held-title">Gói đang chờ đủ phần</h3>
          <p className="muted">Các phần dưới đây được giữ lại đến khi nhận đủ; gói chỉ được kiểm tra và nhận khi đủ tất cả các phần. Nếu đơn vị không gửi tiếp, có thể bỏ các phần đã giữ.</p>
          {held.map((w) => {
            const missing = Array.from({ length: w.count }, (_, i) => i + 1).filter((i) => !w.held.includes(i));
            return (
              <div key={w.sha256} className="quarantine-item">
                <div>
                  <strong>{w.name}</strong>
                  <div>
                    Đã có {w.held.length}/{w.count} phần, còn thiếu {missing.map((i) => `phần ${i}/${w.count}`).join(', ')}; phần gần nhất nhận ngày {formatDateVi(w.lastReceived)}.
                  </div>
                </div>
                {discarding === w.sha256 ? (
                  <div className="confirm" role="alertdialog" aria-labelledby={`discard-${w.sha256}`}>
                    <strong id={`discard-${w.sha256}`}>Bỏ {w.held.length} phần đã giữ của gói này?</strong>
                    <div className="row">
                      <button type="button" className="danger" disabled={busy} onClick={() => discard(w)}>
                        Bỏ các phần đã giữ
                      </button>
                      <button type="button" onClick={() => setDiscarding(null)} autoFocus>
                        Quay lại
                      </button>
                    </div>
                  </div>
                ) : (
                  <button type="button" disabled={busy} onClick={() => setDiscarding(w.sha256)}>
                    Bỏ các phần…
                  </button>
                )}
              </div>
            );
          })}
        </section>
      )}
      {results.length > 0 && (
        <p className="summary" role="status" aria-label="Tóm tắt kết quả nhập">
          {summary(results)}
        </p>
      )}
      {results.length > 0 && (
        <ul className="results" aria-label="Kết quả nhập">
          {results.map((r, i) => (
            <li key={i} className={`result result-${r.status}`}>
              <span className={`badge badge-${r.status}`}>{importStatusLabels[r.status]}</span>
              <span className="result-file">{r.file}</span>
              <Reason text={r.reason} />
            </li>
          ))}
        </ul>
      )}
      {owed.length > 0 && (
        <div className="receipts-offer">
          <span>Đơn vị gửi chờ biên nhận (xác nhận đã tiếp nhận) cho các gói vừa nhận.</span>
          <button type="button" className="primary" disabled={busy} onClick={writeReceipts}>
            Ghi biên nhận cho {owed.length} gói đã nhận
          </button>
        </div>
      )}
    </Section>
  );
}
