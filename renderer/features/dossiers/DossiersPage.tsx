import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DossierList, DossierView, Group } from '../../../electron/ipc/contract';
import { compareVi } from '../../../electron/services/text/vietnamese';
import { useApi } from '../../api/context';
import { Notice, Section, useAction } from '../../components/ui';
import { answeredMilestoneText } from '../../app/labels';
import { useBundleSaver } from '../bundles/MailParts';
import { DossierCreate } from './DossierCreate';
import { DossierDetail } from './DossierDetail';
import { compareNominees, completenessText, CouncilBadge, dossierTitle, eligibilityClass, statusText } from './dossier-labels';

type Part = DossierView['parts'][number]['part'];

/**
 * "Hồ sơ khen thưởng": the unit's award dossiers of the year (hồ sơ đề nghị khen thưởng), each with
 * its completeness, eligibility, council vote and where it stands in the exchange; a new one from a
 * nominee and an award; one opened to write its achievements, generate its documents and attach the
 * signed scans; and the year's bundle exported once every required part is there.
 */
export function DossiersPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [mailOffer, saveBundle] = useBundleSaver();
  const [list, setList] = useState<DossierList | null>(null);
  const [loadError, setLoadError] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setList(await api.call('dossiers.list', { groupId: group.id }));
      setLoadError('');
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, [api, group.id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const dossiers = useMemo(() => [...(list?.dossiers ?? [])].sort((a, b) => compareNominees(a.nominee, b.nominee) || compareVi(a.award.name, b.award.name)), [list]);
  const opened = dossiers.find((d) => d.recordId === openId) ?? null;
  const sharing = useMemo(() => {
    const counts: Partial<Record<Part, number>> = {};
    for (const d of dossiers) if (d.recordId !== openId) for (const p of d.parts) counts[p.part] = (counts[p.part] ?? 0) + 1;
    return counts;
  }, [dossiers, openId]);

  const changed = (d: DossierView) => setList((was) => (was ? { ...was, dossiers: was.dossiers.map((x) => (x.recordId === d.recordId ? d : x)) } : was));
  /** The new dossier opens below the list; a refusal (the same award twice) is the form's to show. */
  const create = async (nomineeId: number, awardCode: string) => {
    const d = await api.call('dossiers.create', { groupId: group.id, nomineeId, awardCode });
    setList((was) => (was ? { ...was, dossiers: [...was.dossiers, d] } : was));
    setOpenId(d.recordId);
  };
  const exportNow = () =>
    run(async () => {
      const done = await api.call('dossiers.export', { groupId: group.id });
      await reload();
      const where = await saveBundle(done.file);
      return `Đã ký và xuất gói hồ sơ khen thưởng số ${done.seq} gồm ${done.count} hồ sơ${answeredMilestoneText(done.milestone)}. ${where}`;
    }, (text) => text);

  if (loadError) return <Section title="Hồ sơ đề nghị khen thưởng">{<Notice message={{ kind: 'error', text: loadError }} />}</Section>;
  if (!list) return <Section title="Hồ sơ đề nghị khen thưởng">Đang tải…</Section>;

  return (
    <Section
      title={`Hồ sơ đề nghị khen thưởng năm ${list.year}`}
      actions={
        <button type="button" className="primary" disabled={busy || dossiers.length === 0} onClick={() => void exportNow()}>
          Ký và xuất gói hồ sơ
        </button>
      }
    >
      <p className="muted">Thành phần hồ sơ và điều kiện theo các quy định có hiệu lực ngày {list.ruleDateText}. Gói chỉ xuất được khi mọi thành phần bắt buộc của mọi hồ sơ đã có bản scan đã ký, đóng dấu.</p>
      {mailOffer}
      <Notice message={message} />
      {dossiers.length === 0 ? (
        <p className="muted">Chưa có hồ sơ nào trong năm {list.year}.</p>
      ) : (
        <div className="table-scroll">
          <table className="table dossier-list" aria-label="Danh sách hồ sơ">
            <thead>
              <tr>
                <th>Người, tập thể được đề nghị</th>
                <th>Danh hiệu, hình thức</th>
                <th>Hồ sơ</th>
                <th>Điều kiện</th>
                <th>Hội đồng</th>
                <th>Gửi</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {dossiers.map((d) => (
                <tr key={d.recordId} className={d.recordId === openId ? 'selected' : undefined}>
                  <td>
                    {d.nominee.name}
                    {d.nominee.kind === 'person' && d.nominee.division && <div className="muted small">{d.nominee.division}</div>}
                  </td>
                  <td>{d.award.name}</td>
                  <td>{d.missing.length ? <span className="dossier-missing">{completenessText(d)}</span> : <span className="badge badge-accepted">{completenessText(d)}</span>}</td>
                  <td>
                    <span className={eligibilityClass[d.eligibility.status]}>{d.eligibility.statusLabel}</span>
                    {d.eligibility.verifiedLabel && <span className="badge badge-quarantined">{d.eligibility.verifiedLabel}</span>}
                    {d.eligibility.status !== 'met' && d.eligibility.reason && <div className="small">{d.eligibility.reason}</div>}
                  </td>
                  <td>
                    {d.council ? (
                      <>
                        <CouncilBadge reached={d.council.reached} />
                        <div>
                          {d.council.votesFor}/{d.council.totalMembers} thành viên đồng ý
                        </div>
                      </>
                    ) : (
                      <span className="muted">Chưa biểu quyết</span>
                    )}
                  </td>
                  <td>{statusText(d)}</td>
                  <td>
                    <button type="button" className="small" aria-label={`Mở hồ sơ: ${dossierTitle(d)}`} aria-pressed={d.recordId === openId} onClick={() => setOpenId(d.recordId === openId ? null : d.recordId)}>
                      {d.recordId === openId ? 'Đóng' : 'Mở'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {opened && (
        <DossierDetail
          key={opened.recordId}
          groupId={group.id}
          year={list.year}
          dossier={opened}
          sharing={sharing}
          onChanged={changed}
          onReload={reload}
          onRemoved={() => {
            setOpenId(null);
            void reload();
          }}
        />
      )}
      <DossierCreate choices={list.choices} onCreate={create} />
    </Section>
  );
}
