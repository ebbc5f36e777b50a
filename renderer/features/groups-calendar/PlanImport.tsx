import { useState } from 'react';
import type { PlanReading, PlanView } from '../../../electron/ipc/contract';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { useApi } from '../../api/context';
import { DateInput } from '../../components/DateInput';
import { Notice, useAction } from '../../components/ui';
import { receiverLabels, sectionLabels, senderLabels, type Milestone, type Plan, type Section } from './plan-labels';

type Proposed = PlanReading['milestones'][number];
type Choice = { take: boolean; section: Section | null; from: Milestone['from'] | null; date: string };

/** A proposal is taken as it is only when the plan said all a milestone needs and nothing looked wrong. */
const complete = (m: Proposed) => !!m.section && !!m.from && !!m.deadline && m.to.length > 0 && !m.problems.length;

function ruleWords(m: Proposed, events: PlanReading['events']): string {
  const d = m.deadline;
  if (!d) return 'kế hoạch không ghi hạn';
  if (d.type === 'date') return `hạn ${formatDateVi(d.date)}`;
  const event = events.find((e) => e.key === d.event)?.title ?? d.event;
  return `${String(d.days).padStart(2, '0')} ngày ${d.type === 'after_event' ? 'sau' : 'trước'} "${event}"`;
}

/**
 * Merges what the leader took into the plan: a milestone with the key of one already there replaces
 * it, others are added; the events they count from come with them; taken phases replace the plan's.
 */
export function mergeReading(plan: Plan, reading: PlanReading, choices: Choice[], phases: boolean[]): Plan {
  const milestones = [...plan.milestones];
  const events = [...plan.events];
  reading.milestones.forEach((m, i) => {
    const c = choices[i]!;
    if (!c.take || !c.section || !c.from) return;
    const deadline = m.deadline ?? (c.date ? { type: 'date' as const, date: c.date } : null);
    if (!deadline) return;
    const taken: Milestone = { key: m.key, section: c.section, title: m.title, deliverable: m.deliverable, from: c.from, to: m.to, gathers: m.gathers, deadline, note: m.note };
    if (deadline.type !== 'date' && !events.some((e) => e.key === deadline.event)) {
      const event = reading.events.find((e) => e.key === deadline.event);
      if (event) events.push({ key: event.key, title: event.title, date: null, expected: event.expected });
    }
    const at = milestones.findIndex((x) => x.key === m.key);
    if (at >= 0) milestones[at] = taken;
    else milestones.push(taken);
  });
  const takenPhases = reading.phases.filter((p, i) => phases[i] && p.from && p.to).map((p) => ({ name: p.name, from: p.from!, to: p.to!, purpose: p.purpose }));
  return { ...plan, milestones, events, phases: takenPhases.length ? takenPhases : plan.phases };
}

/**
 * "Đọc kế hoạch nhận được": the leader opens a plan received as .docx or .txt, or pastes its text; the
 * app proposes the milestones and phases it finds, each with the sentence it came from, to take,
 * complete or drop before they go into the year's plan.
 */
export function PlanImport({ groupId, plan, onSaved }: { groupId: number; plan: Plan; onSaved: (view: PlanView) => void }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [text, setText] = useState('');
  const [reading, setReading] = useState<PlanReading | null>(null);
  const [choices, setChoices] = useState<Choice[]>([]);
  const [phases, setPhases] = useState<boolean[]>([]);

  const show = (r: PlanReading) => {
    setReading(r);
    setChoices(r.milestones.map((m) => ({ take: complete(m), section: m.section, from: m.from, date: '' })));
    setPhases(r.phases.map((p) => !!p.from && !!p.to && !p.problems.length));
  };
  const readFile = () =>
    run(async () => {
      const file = await api.pickDocument('plan');
      if (file) show(await api.call('groups-calendar.readPlan', { file }));
    });
  const readText = () => run(async () => show(await api.call('groups-calendar.readPlan', { text })));
  const choose = (i: number, change: Partial<Choice>) => setChoices((cs) => cs.map((c, j) => (j === i ? { ...c, ...change } : c)));

  const ready = reading ? reading.milestones.filter((m, i) => choices[i]!.take && choices[i]!.section && choices[i]!.from && (m.deadline || choices[i]!.date)).length : 0;
  const apply = () =>
    run(
      async () => {
        const view = await api.call('groups-calendar.savePlan', { groupId, plan: mergeReading(plan, reading!, choices, phases) });
        setReading(null);
        onSaved(view);
        return view;
      },
      () => `Đã đưa ${ready} mốc vào kế hoạch năm.`,
    );

  return (
    <section className="card" aria-label="Đọc kế hoạch nhận được">
      <h3>Đọc kế hoạch nhận được</h3>
      <p className="muted">Mở kế hoạch nhận được (.docx hoặc .txt) hoặc dán nội dung: phần mềm đề xuất các mốc và đợt thi đua tìm thấy, kèm câu gốc, để chọn đưa vào kế hoạch năm.</p>
      <div className="row">
        <button type="button" onClick={() => void readFile()} disabled={busy}>
          Mở tệp kế hoạch…
        </button>
      </div>
      <label>
        Hoặc dán nội dung kế hoạch
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="row">
        <button type="button" onClick={() => void readText()} disabled={busy || !text.trim()}>
          Đọc nội dung đã dán
        </button>
      </div>
      <Notice message={message} />
      {reading && (
        <div className="plan-reading">
          <p>
            <strong>{reading.title || 'Kế hoạch (không rõ tiêu đề)'}</strong>
            {reading.year ? ` — năm ${reading.year}` : ''}
          </p>
          {reading.problems.map((p) => (
            <p key={p} className="notice notice-info">
              Cần xem lại: {p}
            </p>
          ))}
          {reading.phases.length > 0 && <h4>Đợt thi đua</h4>}
          {reading.phases.map((p, i) => (
            <label key={`${p.name}-${i}`} className="proposal">
              <input type="checkbox" checked={phases[i]} disabled={!p.from || !p.to} onChange={(e) => setPhases((ps) => ps.map((v, j) => (j === i ? e.target.checked : v)))} />
              <span>
                {p.name}: {p.from ? formatDateVi(p.from) : '?'} – {p.to ? formatDateVi(p.to) : '?'}
                <q className="muted">{p.sentence}</q>
                {p.problems.map((x) => (
                  <em key={x} className="problem">
                    {x}
                  </em>
                ))}
              </span>
            </label>
          ))}
          <h4>Các mốc tìm thấy ({reading.milestones.length})</h4>
          <ol className="proposals">
            {reading.milestones.map((m, i) => {
              const c = choices[i]!;
              return (
                <li key={`${m.key}-${i}`} className="proposal">
                  <label>
                    <input type="checkbox" checked={c.take} onChange={(e) => choose(i, { take: e.target.checked })} aria-label={`Đưa vào kế hoạch: ${m.title}`} />
                    <strong>{m.title}</strong>
                  </label>
                  <div>
                    {c.from ? senderLabels[c.from] : '?'} gửi {m.to.map((r) => receiverLabels[r]).join(', ') || '?'}; {ruleWords(m, reading.events)}
                  </div>
                  <q className="muted">{m.sentence}</q>
                  {m.problems.map((x) => (
                    <em key={x} className="problem">
                      {x}
                    </em>
                  ))}
                  {c.take && (!m.section || !m.from || !m.deadline) && (
                    <div className="row">
                      {!m.section && (
                        <label>
                          Phần của kế hoạch
                          <select value={c.section ?? ''} onChange={(e) => choose(i, { section: (e.target.value || null) as Section | null })}>
                            <option value="">— chọn —</option>
                            {Object.entries(sectionLabels).map(([k, v]) => (
                              <option key={k} value={k}>
                                {v}
                              </option>
                            ))}
                          </select>
                        </label>
                      )}
                      {!m.from && (
                        <label>
                          Đơn vị gửi
                          <select value={c.from ?? ''} onChange={(e) => choose(i, { from: (e.target.value || null) as Milestone['from'] | null })}>
                            <option value="">— chọn —</option>
                            {Object.entries(senderLabels).map(([k, v]) => (
                              <option key={k} value={k}>
                                {v}
                              </option>
                            ))}
                          </select>
                        </label>
                      )}
                      {!m.deadline && <DateInput label="Hạn" value={c.date} onChange={(date) => choose(i, { date })} />}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          <div className="row">
            <button type="button" className="primary" onClick={() => void apply()} disabled={busy || !ready}>
              Đưa {ready} mốc đã chọn vào kế hoạch
            </button>
            <button type="button" onClick={() => setReading(null)} disabled={busy}>
              Bỏ qua
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
