import { useEffect, useState } from 'react';
import type { Group, PlanView } from '../../../electron/ipc/contract';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { useApi } from '../../api/context';
import { DateInput } from '../../components/DateInput';
import { Field, Notice, Options, Section, useAction, useConfirm } from '../../components/ui';
import { PlanCalendar } from './PlanCalendar';
import { PlanImport } from './PlanImport';
import { PlanTable } from './PlanTable';
import { movementKindLabels, type Plan } from './plan-labels';
import { useBundleSaver } from '../bundles/MailParts';

/** Where the plan shown comes from, in one sentence. */
function sourceText(view: PlanView, year: number): string {
  if (view.source === 'template') return `Kế hoạch theo mẫu năm ${year} (chưa lưu): các mốc của kế hoạch mẫu, ngày đã đổi sang năm ${year}. Sửa những gì khác rồi bấm “Lưu”.`;
  if (view.source === 'leader') return `Kế hoạch do Trưởng Khu vực/Cụm phát hành, phiên bản ${view.version} — chỉ xem.`;
  return view.published
    ? `Kế hoạch do đơn vị lập, phiên bản ${view.version}, đã phát hành trong gói khởi động; lưu thay đổi sẽ tạo phiên bản ${view.version + 1}.`
    : `Kế hoạch do đơn vị lập, phiên bản ${view.version}, chưa phát hành.`;
}

/**
 * "Kế hoạch năm": the year's plan of the group — movements, phases, events and the calendar of
 * milestones — built by the leader from the template, printed as DOCX, and published in the kickoff
 * bundle; a member reads the plan its leader published.
 */
export function PlanPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [question, ask] = useConfirm();
  const [mailOffer, saveBundle] = useBundleSaver();
  const [view, setView] = useState<PlanView | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [loadError, setLoadError] = useState('');

  useEffect(() => {
    api.call('groups-calendar.plan', { groupId: group.id }).then(
      (v) => {
        setView(v);
        setPlan(v.plan);
      },
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, group.id]);

  if (loadError) return <Section title="Kế hoạch năm">{<Notice message={{ kind: 'error', text: loadError }} />}</Section>;
  if (!view || !plan) return <Section title="Kế hoạch năm">Đang tải…</Section>;

  const readOnly = !view.editable;
  const leads = group.ownRole === 'leader';
  const set = (patch: Partial<Plan>) => setPlan({ ...plan, ...patch });
  const setDoc = (patch: Partial<Plan['document']>) => set({ document: { ...plan.document, ...patch } });
  const setListItem = <K extends 'movements' | 'phases' | 'events'>(k: K, i: number, patch: Partial<Plan[K][number]>) =>
    set({ [k]: plan[k].map((x, j) => (j === i ? { ...x, ...patch } : x)) } as Partial<Plan>);
  const removeAt = <K extends 'movements' | 'phases'>(k: K, i: number) => set({ [k]: plan[k].filter((_, j) => j !== i) } as Partial<Plan>);
  const took = (v: PlanView) => {
    setView(v);
    setPlan(v.plan);
    return v;
  };

  // The recipients box keeps a blank line while one is being typed; the plan holds none.
  const cleaned = { ...plan, document: { ...plan.document, recipients: plan.document.recipients.filter((r) => r.trim() !== '') } };
  const saveNow = () => api.call('groups-calendar.savePlan', { groupId: group.id, plan: cleaned }).then(took);
  const save = () => run(saveNow, (v) => `Đã lưu kế hoạch năm ${group.year} (phiên bản ${v.version}).`);
  const print = () =>
    run(async () => {
      if (view.editable) await saveNow();
      return api.save(await api.call('groups-calendar.printPlan', { groupId: group.id }));
    }, (where) => where);
  const publish = () =>
    run(async () => {
      await saveNow();
      const sent = await api.call('groups-calendar.publishKickoff', { groupId: group.id });
      took(await api.call('groups-calendar.plan', { groupId: group.id }));
      const where = await saveBundle(sent.file);
      return `Đã ký và phát hành gói khởi động số ${sent.seq}. ${where}`;
    }, (text) => text);
  const reset = () =>
    ask(`Bắt đầu lại từ kế hoạch mẫu năm ${group.year}? Kế hoạch đang có (phong trào, đợt, sự kiện, các mốc và phần ký) sẽ được thay bằng mẫu.`, 'Thay bằng kế hoạch mẫu', () =>
      run(async () => took(await api.call('groups-calendar.resetPlan', { groupId: group.id })), () => `Đã thay bằng kế hoạch mẫu năm ${group.year}.`),
    );
  const removeMilestone = (i: number) => {
    const m = plan.milestones[i]!;
    ask(`Xóa mốc “${m.title || `số ${i + 1}`}” khỏi lịch?`, 'Xóa mốc', () => set({ milestones: plan.milestones.filter((_, j) => j !== i) }));
  };
  const dirty = JSON.stringify(plan) !== JSON.stringify(view.plan);

  return (
    <>
      <Section title={`Kế hoạch năm ${group.year}`}>
        <p className="muted">{group.name}</p>
        <div className={`banner ${view.source === 'leader' ? 'banner-frozen' : ''}`} aria-label="Nguồn kế hoạch">
          {sourceText(view, group.year)}
        </div>

        <h3>Phong trào thi đua</h3>
        <PlanTable
          className="plan-movements"
          headers={['Loại', 'Tên phong trào', 'Nội dung']}
          items={plan.movements}
          rowKey={(_m, i) => i}
          readOnly={readOnly}
          shown={(m) => [movementKindLabels[m.kind], m.name, m.description]}
          edited={(m, i) => [
            <select key="kind" aria-label={`Loại phong trào ${i + 1}`} value={m.kind} onChange={(e) => setListItem('movements', i, { kind: e.target.value as typeof m.kind })}>
              <Options labels={movementKindLabels} />
            </select>,
            <textarea key="name" rows={1} aria-label={`Tên phong trào ${i + 1}`} value={m.name} onChange={(e) => setListItem('movements', i, { name: e.target.value })} />,
            <textarea key="description" rows={2} aria-label={`Nội dung phong trào ${i + 1}`} value={m.description} onChange={(e) => setListItem('movements', i, { description: e.target.value })} />,
          ]}
          growing={{
            rowName: (i) => `phong trào ${i + 1}`,
            addText: '+ Thêm phong trào',
            onRemove: (i) => removeAt('movements', i),
            onAdd: () => set({ movements: [...plan.movements, { kind: 'chuyen_de', name: '', description: '' }] }),
          }}
        />

        <h3>Đợt thi đua</h3>
        <PlanTable
          className="plan-phases"
          headers={['Tên đợt', 'Từ ngày', 'Đến ngày', 'Mục đích']}
          items={plan.phases}
          rowKey={(_p, i) => i}
          readOnly={readOnly}
          shown={(p) => [p.name, formatDateVi(p.from), formatDateVi(p.to), p.purpose]}
          edited={(p, i) => [
            <textarea key="name" rows={1} aria-label={`Tên đợt ${i + 1}`} value={p.name} onChange={(e) => setListItem('phases', i, { name: e.target.value })} />,
            <DateInput key="from" label={`Đợt ${i + 1} từ ngày`} value={p.from} onChange={(from) => setListItem('phases', i, { from })} />,
            <DateInput key="to" label={`Đợt ${i + 1} đến ngày`} value={p.to} onChange={(to) => setListItem('phases', i, { to })} />,
            <textarea key="purpose" rows={2} aria-label={`Mục đích đợt ${i + 1}`} value={p.purpose} onChange={(e) => setListItem('phases', i, { purpose: e.target.value })} />,
          ]}
          growing={{
            rowName: (i) => `đợt ${i + 1}`,
            addText: '+ Thêm đợt',
            onRemove: (i) => removeAt('phases', i),
            onAdd: () => set({ phases: [...plan.phases, { name: `Đợt thi đua thứ ${plan.phases.length + 1}`, from: '', to: '', purpose: '' }] }),
          }}
        />

        <h3>Sự kiện</h3>
        <p className="muted">Các hạn tính theo sự kiện (ví dụ “chậm nhất 02 ngày sau khi kết thúc kiểm tra”) chưa có ngày cho đến khi sự kiện có ngày.</p>
        <PlanTable
          className="plan-events"
          headers={['Sự kiện', 'Ngày diễn ra', 'Thời gian dự kiến']}
          items={plan.events}
          rowKey={(ev) => ev.key}
          readOnly={readOnly}
          shown={(ev) => [ev.title, ev.date ? formatDateVi(ev.date) : 'Chưa có ngày', ev.expected]}
          edited={(ev, i) => [
            <textarea key="title" rows={1} aria-label={`Tên sự kiện ${i + 1}`} value={ev.title} onChange={(e) => setListItem('events', i, { title: e.target.value })} />,
            // Blank: the event has no date yet, and the deadlines counted from it have none either.
            <DateInput key="date" label={`Ngày diễn ra sự kiện ${i + 1}`} value={ev.date ?? ''} onChange={(d) => setListItem('events', i, { date: d === '' ? null : d })} />,
            <input key="expected" aria-label={`Thời gian dự kiến sự kiện ${i + 1}`} value={ev.expected} onChange={(e) => setListItem('events', i, { expected: e.target.value })} />,
          ]}
        />
      </Section>

      {/* A plan received as a document feeds the calendar: the unsaved edits above go with it. */}
      {!readOnly && <PlanImport groupId={group.id} plan={cleaned} onSaved={took} />}

      <Section title="Lịch các mốc">
        <PlanCalendar view={view} plan={plan} readOnly={readOnly} onChange={(milestones) => set({ milestones })} onRemove={removeMilestone} />
      </Section>

      <Section title="Số hiệu, người ký và nơi nhận">
        {readOnly ? (
          <dl className="plan-document">
            <dt>Số, ký hiệu</dt>
            <dd>{plan.document.number_symbol}</dd>
            <dt>Địa danh, ngày</dt>
            <dd>
              {plan.document.place}
              {plan.document.date ? `, ngày ${formatDateVi(plan.document.date)}` : ''}
            </dd>
            <dt>Người ký</dt>
            <dd>
              {plan.document.signer_title} {plan.document.signer_name}
            </dd>
            <dt>Nơi nhận</dt>
            <dd>{plan.document.recipients.join('; ')}</dd>
          </dl>
        ) : (
          <>
            <div className="grid4">
              <Field label="Số, ký hiệu">
                <input value={plan.document.number_symbol} onChange={(e) => setDoc({ number_symbol: e.target.value })} />
              </Field>
              <Field label="Địa danh">
                <input value={plan.document.place} onChange={(e) => setDoc({ place: e.target.value })} />
              </Field>
              <Field label="Ngày ký">
                <DateInput value={plan.document.date} onChange={(date) => setDoc({ date })} />
              </Field>
              <Field label="Chức vụ người ký">
                <input value={plan.document.signer_title} onChange={(e) => setDoc({ signer_title: e.target.value })} />
              </Field>
              <Field label="Họ tên người ký">
                <input value={plan.document.signer_name} onChange={(e) => setDoc({ signer_name: e.target.value })} />
              </Field>
            </div>
            <Field label="Nơi nhận" hint="Mỗi dòng một nơi nhận.">
              <textarea
                rows={4}
                value={plan.document.recipients.join('\n')}
                onChange={(e) => setDoc({ recipients: e.target.value.split('\n').filter((line, i, all) => line.trim() !== '' || i === all.length - 1) })}
              />
            </Field>
          </>
        )}
      </Section>

      <Section title="Lưu, in và phát hành">
        {!readOnly && dirty && <p className="muted">Có thay đổi chưa lưu.</p>}
        <div className="row">
          {!readOnly && (
            <button type="button" className="primary" disabled={busy} onClick={save}>
              Lưu
            </button>
          )}
          <button type="button" disabled={busy} onClick={print}>
            In kế hoạch (DOCX)
          </button>
          {!readOnly && (
            <button type="button" disabled={busy} onClick={reset}>
              Bắt đầu lại từ mẫu
            </button>
          )}
        </div>
        {leads && (
          <div className="publish">
            <p>
              Gói khởi động được ký bằng khóa của đơn vị và gửi cho mọi thành viên của Khu vực/Cụm, kèm danh sách thành viên, các khóa đã xác nhận và kế hoạch năm; mỗi đơn vị
              nhập gói một lần và đối chiếu dấu vân tay khóa của Trưởng Khu vực/Cụm.
            </p>
            <button type="button" className="primary" disabled={busy} onClick={publish}>
              Phát hành gói khởi động
            </button>
          </div>
        )}
        {question}
        {mailOffer}
        <Notice message={message} />
      </Section>
    </>
  );
}
