import { Fragment } from 'react';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { DateInput } from '../../components/DateInput';
import { Options } from '../../components/ui';
import type { PlanView } from '../../../electron/ipc/contract';
import {
  deadlineTypeLabels,
  deliverableLabels,
  receiverLabels,
  sectionLabels,
  senderLabels,
  type Deadline,
  type Milestone,
  type Plan,
  type Section,
} from './plan-labels';

const sections = Object.keys(sectionLabels) as Section[];
const receivers = Object.keys(receiverLabels) as Milestone['to'][number][];

/** A key no other milestone has ("moc-3"), for a milestone the leader adds. */
function freshKey(milestones: readonly Milestone[]): string {
  const taken = new Set(milestones.map((m) => m.key));
  let n = milestones.length + 1;
  while (taken.has(`moc-${n}`)) n++;
  return `moc-${n}`;
}

/** A blank milestone of a section, placed after that section's last one so the plan keeps seed 000's order. */
export function addMilestone(plan: Plan, section: Section): Milestone[] {
  const order = sections.indexOf(section);
  const at = plan.milestones.reduce((end, m, i) => (sections.indexOf(m.section) <= order ? i + 1 : end), 0);
  const blank: Milestone = {
    key: freshKey(plan.milestones),
    section,
    title: '',
    deliverable: 'document',
    from: 'member',
    to: ['leader'],
    gathers: null,
    deadline: { type: 'date', date: '' },
    note: '',
  };
  return [...plan.milestones.slice(0, at), blank, ...plan.milestones.slice(at)];
}

/** The deadline a rule switches to: a relative rule keeps its event and days; a date starts from the date it resolved to. */
function switchRule(rule: Deadline, type: Deadline['type'], resolved: string | null, events: Plan['events']): Deadline {
  if (type === 'date') return { type, date: resolved ?? '' };
  const from = rule.type === 'date' ? { event: events[0]?.key ?? '', days: 0 } : { event: rule.event, days: rule.days };
  return { type, ...from };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The calendar of milestones, by section in seed 000's order: what is sent, by whom to whom, when it is
 * due (a date, or days before or after an event) and the note. Deadlines are resolved by the service
 * (the calendar owns them): a rule edited since the last save says it is worked out again on saving.
 */
export function PlanCalendar({
  view,
  plan,
  readOnly,
  onChange,
  onRemove,
}: {
  view: PlanView;
  plan: Plan;
  readOnly: boolean;
  onChange: (milestones: Milestone[]) => void;
  onRemove: (index: number) => void;
}) {
  const setAt = (i: number, patch: Partial<Milestone>) => onChange(plan.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const eventsSaved = same(plan.events, view.plan.events);
  const resolved = (m: Milestone): string => {
    const saved = view.plan.milestones.find((s) => s.key === m.key);
    if (!saved || !eventsSaved || !same(saved.deadline, m.deadline)) return 'Hạn sẽ được tính lại khi lưu.';
    const date = view.deadlines[m.key];
    return date ? `Hạn: ${formatDateVi(date)}` : 'Chưa có ngày.';
  };

  return (
    <div className="table-scroll">
      <table className="table plan-calendar" aria-label="Lịch các mốc">
        <thead>
          <tr>
            <th>STT</th>
            <th>Nội dung phải gửi</th>
            <th>Bên gửi → nơi nhận</th>
            <th>Hạn</th>
            <th>Ghi chú</th>
            {!readOnly && <th />}
          </tr>
        </thead>
        <tbody>
          {sections.map((section) => {
            const rows = plan.milestones.map((m, i) => [m, i] as const).filter(([m]) => m.section === section);
            return (
              <Fragment key={section}>
                <tr className="plan-section">
                  <th colSpan={readOnly ? 5 : 6} scope="colgroup">
                    <span>{sectionLabels[section]}</span>
                    {!readOnly && (
                      <button type="button" className="link" onClick={() => onChange(addMilestone(plan, section))}>
                        + Thêm mốc ({sectionLabels[section]})
                      </button>
                    )}
                  </th>
                </tr>
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={readOnly ? 5 : 6} className="muted">
                      Chưa có mốc nào.
                    </td>
                  </tr>
                )}
                {rows.map(([m, i]) => {
                  const n = i + 1;
                  const rule = m.deadline;
                  return (
                    <tr key={m.key} className="milestone">
                      <td>{n}</td>
                      <td>
                        {readOnly ? (
                          <>
                            <div>{m.title}</div>
                            <div className="muted small">{deliverableLabels[m.deliverable]}</div>
                          </>
                        ) : (
                          <>
                            <textarea aria-label={`Nội dung mốc ${n}`} rows={2} value={m.title} onChange={(e) => setAt(i, { title: e.target.value })} />
                            <select aria-label={`Loại hồ sơ mốc ${n}`} value={m.deliverable} onChange={(e) => setAt(i, { deliverable: e.target.value as Milestone['deliverable'] })}>
                              <Options labels={deliverableLabels} />
                            </select>
                          </>
                        )}
                      </td>
                      <td>
                        {readOnly ? (
                          <>
                            {senderLabels[m.from]} → {m.to.map((t) => receiverLabels[t]).join(', ')}
                          </>
                        ) : (
                          <>
                            <select aria-label={`Bên gửi mốc ${n}`} value={m.from} onChange={(e) => setAt(i, { from: e.target.value as Milestone['from'] })}>
                              <Options labels={senderLabels} />
                            </select>
                            <div className="receivers" role="group" aria-label={`Nơi nhận mốc ${n}`}>
                              <span className="muted">Gửi đến:</span>
                              {receivers.map((r) => (
                                <label key={r} className="check">
                                  <input
                                    type="checkbox"
                                    checked={m.to.includes(r)}
                                    onChange={(e) => setAt(i, { to: e.target.checked ? receivers.filter((x) => x === r || m.to.includes(x)) : m.to.filter((x) => x !== r) })}
                                  />
                                  <span>{receiverLabels[r]}</span>
                                </label>
                              ))}
                            </div>
                          </>
                        )}
                      </td>
                      <td>
                        {readOnly ? (
                          <span className="deadline-rule">{view.rules[m.key]}</span>
                        ) : (
                          <div className="deadline-edit">
                            <select
                              aria-label={`Loại hạn mốc ${n}`}
                              value={rule.type}
                              onChange={(e) => setAt(i, { deadline: switchRule(rule, e.target.value as Deadline['type'], view.deadlines[m.key] ?? null, plan.events) })}
                            >
                              <Options labels={deadlineTypeLabels} />
                            </select>
                            {rule.type === 'date' ? (
                              <DateInput label={`Ngày hạn mốc ${n}`} value={rule.date} onChange={(date) => setAt(i, { deadline: { type: 'date', date } })} />
                            ) : (
                              <div className="relative-rule">
                                <input
                                  type="number"
                                  min={0}
                                  max={366}
                                  aria-label={`Số ngày mốc ${n}`}
                                  value={rule.days}
                                  onChange={(e) => setAt(i, { deadline: { ...rule, days: e.target.value === '' ? 0 : Math.trunc(Number(e.target.value)) } })}
                                />
                                <span>ngày {rule.type === 'after_event' ? 'sau khi' : 'trước khi'}</span>
                                {/* Radios, not a select: an event's title ("Kết thúc Hội nghị tổng kết …") wraps instead of being cut off. */}
                                <div className="event-choice" role="radiogroup" aria-label={`Sự kiện mốc ${n}`}>
                                  {plan.events.map((ev) => (
                                    <label key={ev.key} className="check">
                                      <input type="radio" name={`su-kien-${m.key}`} checked={rule.event === ev.key} onChange={() => setAt(i, { deadline: { ...rule, event: ev.key } })} />
                                      <span>{ev.title}</span>
                                    </label>
                                  ))}
                                </div>
                              </div>
                            )}
                            <span className="muted small" aria-label={`Hạn tính được mốc ${n}`}>
                              {rule.type === 'date' ? '' : resolved(m)}
                            </span>
                          </div>
                        )}
                      </td>
                      <td>
                        {readOnly ? (
                          m.note
                        ) : (
                          <textarea aria-label={`Ghi chú mốc ${n}`} rows={2} value={m.note} onChange={(e) => setAt(i, { note: e.target.value })} />
                        )}
                      </td>
                      {!readOnly && (
                        <td>
                          <button type="button" className="link" aria-label={`Xóa mốc ${n}`} onClick={() => onRemove(i)}>
                            Xóa
                          </button>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
