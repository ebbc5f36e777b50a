import { useEffect, useRef, useState } from 'react';
import type { DossierView, FileHandle } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, Notice, useAction, useConfirm } from '../../components/ui';
import { kindLabels } from '../awards/HistoryPage';
import { EvidenceList } from '../scoring/SelfAssessmentEvidence';
import { CouncilBadge, dossierTitle, eligibilityClass, statusText } from './dossier-labels';

type Part = DossierView['parts'][number];

/** Parts one paper serves for every dossier of the year (one tờ trình, one council's minutes): a scan may go to them all at once. */
const sharedParts: ReadonlySet<Part['part']> = new Set(['proposalLetter', 'minutes']);

/**
 * One dossier: who and what, its eligibility and council vote as the unit sees them, the achievements
 * text the báo cáo thành tích starts from, and each required part with its form, its generated
 * document (opened in Word to edit) and its signed, stamped scans.
 */
export function DossierDetail({
  groupId,
  year,
  dossier,
  sharing,
  onChanged,
  onReload,
  onRemoved,
}: {
  groupId: number;
  year: number;
  dossier: DossierView;
  /** Per part kind, how many other dossiers of the year have it: the "every dossier" option shows only when some do. */
  sharing: Partial<Record<Part['part'], number>>;
  onChanged: (d: DossierView) => void;
  onReload: () => Promise<void>;
  onRemoved: () => void;
}) {
  const api = useApi();
  const [busy, message, run, setMessage] = useAction();
  const [question, ask] = useConfirm();
  const [achievements, setAchievements] = useState(dossier.achievements);
  const [saved, setSaved] = useState<'' | 'saving' | 'saved'>('');
  const [toAll, setToAll] = useState<Partial<Record<Part['part'], boolean>>>({});
  const [fileErrors, setFileErrors] = useState<Partial<Record<Part['part'], string>>>({});
  const [generated, setGenerated] = useState<Partial<Record<Part['part'], FileHandle[]>>>({});
  const title = dossierTitle(dossier);
  // Opened from a long list (or just made below it): brought into sight. jsdom has no scrollIntoView.
  const top = useRef<HTMLElement>(null);
  useEffect(() => {
    top.current?.scrollIntoView?.({ block: 'start' });
  }, []);
  const never = dossier.status === 'draft' && dossier.sentVersion === null;

  const saveAchievements = async () => {
    if (achievements === dossier.achievements) return;
    setSaved('saving');
    try {
      onChanged(await api.call('dossiers.save', { groupId, recordId: dossier.recordId, achievements }));
      setSaved('saved');
    } catch (e) {
      setSaved('');
      setMessage({ kind: 'error', text: `Chưa lưu được thành tích: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const generate = (part: Part) =>
    run(
      async () => {
        // The báo cáo thành tích starts from the text as typed, saved first.
        await saveAchievements();
        const done = await api.call('dossiers.generate', { groupId, recordId: dossier.recordId, part: part.part });
        onChanged(done.dossier);
        setGenerated((was) => ({ ...was, [part.part]: [done.file, ...done.also] }));
        return [done.file, ...done.also];
      },
      (files) => `Đã tạo ${files.map((f) => f.name).join(' và ')}. Mở để sửa trong Word, in, trình ký và đóng dấu, rồi đính kèm bản scan.`,
    );

  const attach = async (part: Part) => {
    setFileErrors((was) => ({ ...was, [part.part]: '' }));
    try {
      const file = await api.pickDocument('scan');
      if (!file) return;
      const all = Boolean(toAll[part.part]);
      const v = await api.call('dossiers.attachScan', { groupId, recordId: dossier.recordId, part: part.part, file, allDossiers: all });
      if (all) await onReload();
      else onChanged(v);
    } catch (e) {
      setFileErrors((was) => ({ ...was, [part.part]: e instanceof Error ? e.message : String(e) }));
    }
  };
  const detach = async (part: Part, sha256: string) => {
    try {
      onChanged(await api.call('dossiers.detachScan', { groupId, recordId: dossier.recordId, part: part.part, sha256 }));
    } catch (e) {
      setFileErrors((was) => ({ ...was, [part.part]: e instanceof Error ? e.message : String(e) }));
    }
  };
  const remove = () =>
    ask(`Xóa hồ sơ đề nghị ${title}? Hồ sơ chưa gửi lần nào; các tệp đã đính kèm vẫn được giữ trong kho tệp.`, 'Xóa hồ sơ', () =>
      run(async () => {
        await api.call('dossiers.remove', { groupId, recordId: dossier.recordId });
        onRemoved();
      }),
    );

  const { nominee, eligibility } = dossier;
  return (
    <section ref={top} className="dossier-detail" aria-labelledby="dossier-detail-title">
      <header className="card-header">
        <h3 id="dossier-detail-title">{title}</h3>
        {never && (
          <div className="card-actions">
            <button type="button" disabled={busy} onClick={remove}>
              Xóa hồ sơ
            </button>
          </div>
        )}
      </header>
      {question}
      <p className="muted">
        {kindLabels[nominee.kind]}
        {[nominee.position, nominee.division].filter(Boolean).map((s) => `, ${s}`)} · {statusText(dossier)}
      </p>
      {dossier.status === 'sent' && <div className="banner banner-frozen">Phiên bản {dossier.version} đã gửi và được giữ nguyên; thay đổi sẽ lưu thành phiên bản {dossier.version + 1}.</div>}
      <div className="dossier-facts">
        <div aria-label="Điều kiện">
          <strong>Điều kiện: </strong>
          <span className={eligibilityClass[eligibility.status]}>{eligibility.statusLabel}</span>
          {eligibility.verifiedLabel && <span className="badge badge-quarantined">{eligibility.verifiedLabel}</span>}
          {eligibility.brokenYear !== null && <span className="muted">Chuỗi đứt ở năm {eligibility.brokenYear}. </span>}
          {eligibility.details.length ? (
            <ul>
              {eligibility.details.map((d, i) => (
                <li key={i}>
                  <span className={eligibilityClass[d.status]}>{d.statusLabel}</span>
                  {d.text}
                </li>
              ))}
            </ul>
          ) : (
            <span>{eligibility.reason}</span>
          )}
        </div>
        <div aria-label="Hội đồng Thi đua – Khen thưởng">
          <strong>Biểu quyết của Hội đồng: </strong>
          {dossier.council ? (
            <>
              <CouncilBadge reached={dossier.council.reached} />
              {dossier.council.text}
            </>
          ) : (
            <span className="muted">Hội đồng Thi đua – Khen thưởng chưa biểu quyết.</span>
          )}
        </div>
      </div>
      <Field label="Thành tích đạt được" hint="Báo cáo thành tích được lập sẵn từ nội dung này; sửa tiếp trong Word sau khi tạo văn bản.">
        <textarea
          className="dossier-achievements"
          rows={5}
          value={achievements}
          onChange={(e) => {
            setAchievements(e.target.value);
            setSaved('');
          }}
          onBlur={() => void saveAchievements()}
        />
      </Field>
      <div className="row">
        <button type="button" disabled={busy || achievements === dossier.achievements} onClick={() => void saveAchievements()}>
          Lưu thành tích
        </button>
        <span className="muted small" role="status">
          {saved === 'saving' ? 'Đang lưu…' : saved === 'saved' ? 'Đã lưu' : ''}
        </span>
      </div>
      <Notice message={message} />
      {Object.keys(generated).length > 0 && (
        <ul className="dossier-generated" aria-label="Văn bản vừa tạo">
          {Object.values(generated)
            .flat()
            .map((file) => (
              <li key={file.id}>
                <span className="evidence-name">{file.name}</span>{' '}
                <button type="button" className="small" aria-label={`Mở ${file.name} để sửa`} onClick={() => void api.open(file)}>
                  Mở để sửa
                </button>{' '}
                <button type="button" className="small" aria-label={`Lưu bản sao ${file.name}`} onClick={() => void api.save(file).then((where) => setMessage({ kind: 'ok', text: where }))}>
                  Lưu bản sao…
                </button>
              </li>
            ))}
        </ul>
      )}
      <h4>Thành phần hồ sơ</h4>
      <div className="table-scroll">
        <table className="table dossier-parts">
          <thead>
            <tr>
              <th>Thành phần</th>
              <th>Mẫu</th>
              <th>Văn bản</th>
              <th>Bản scan đã ký, đóng dấu</th>
              <th>Tình trạng</th>
            </tr>
          </thead>
          <tbody>
            {dossier.parts.map((p) => (
              <tr key={p.part}>
                <td>
                  {p.name}
                  {!p.required && <span className="muted"> (nếu có)</span>}
                </td>
                <td>
                  {p.form ?? '—'}
                  {!p.formVerified && <span className="badge badge-quarantined">chưa xác minh</span>}
                </td>
                <td>
                  {p.document && <div className="small">{p.document.name}</div>}
                  {p.canGenerate ? (
                    <button type="button" className="small" disabled={busy} aria-label={`Tạo văn bản: ${p.name}`} onClick={() => void generate(p)}>
                      {p.document ? 'Tạo lại văn bản' : 'Tạo văn bản'}
                    </button>
                  ) : (
                    !p.document && <span className="muted small">Đơn vị tự lập</span>
                  )}
                </td>
                <td>
                  <EvidenceList files={p.scans} label={p.name} noun="bản scan" disabled={busy} error={fileErrors[p.part] ?? ''} onAttach={() => void attach(p)} onDetach={(sha) => void detach(p, sha)} />
                  {sharedParts.has(p.part) && (sharing[p.part] ?? 0) > 0 && (
                    <label className="check small">
                      <input type="checkbox" checked={Boolean(toAll[p.part])} onChange={(e) => setToAll((was) => ({ ...was, [p.part]: e.target.checked }))} />
                      Đính kèm cho mọi hồ sơ năm {year} có thành phần này
                    </label>
                  )}
                </td>
                <td>{!p.required && !p.scans.length ? <span className="muted small">Không bắt buộc</span> : p.complete ? <span className="badge badge-accepted">Đủ</span> : <span className="badge badge-missing">Còn thiếu</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
