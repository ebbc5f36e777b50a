import { useEffect, useState } from 'react';
import type { Group, Input, Output } from '../../../electron/ipc/contract';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { useApi } from '../../api/context';
import { DateInput } from '../../components/DateInput';
import { Field, Notice, Section, useAction, useLoaded } from '../../components/ui';

type View = Output<'dossiers.acclamation'>;
type Form = Input<'dossiers.saveAcclamation'>['acclamation'];
type Rules = Form['rules'];

const outcomeClass = { elected: 'badge badge-accepted', revote: 'badge badge-stale', outside_seats: 'badge', not_reached: 'badge badge-refused' } as const;
const eligibilityClass = { met: 'badge badge-accepted', not_met: 'badge badge-refused', needs_review: 'badge badge-stale' } as const;

const lines = (text: string) => text.split('\n').map((s) => s.trim()).filter(Boolean);
const people = (text: string) => text.split(';').map((s) => s.trim()).filter(Boolean);
const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

/** The form as typed: numbers kept as text until saved, the rules empty until the leader picks them. */
interface Draft extends Omit<Form, 'rules' | 'candidates' | 'invalid' | 'present'> {
  rules: Rules | null;
  invalid: string;
  present: Record<string, string>;
  candidates: { code: string; name: string; score: number | null; votes: string }[];
}

function draftOf(view: View): Draft {
  const saved = view.saved?.form;
  if (saved) {
    return {
      ...saved,
      invalid: String(saved.invalid),
      present: Object.fromEntries(saved.present.map((p) => [p.code, p.delegates.join('; ')])),
      candidates: saved.candidates.map((c) => ({ ...c, votes: String(c.votes) })),
    };
  }
  const d = view.defaults;
  return {
    award: d.award,
    conference: { date: d.date, start_time: '08:00', end_time: '11:30', venue: d.venue },
    chair: d.chair,
    secretary: { name: '', position: '' },
    counting_board: [{ name: '', unit: '', role: 'Trưởng ban' }],
    present: Object.fromEntries(d.present.map((c) => [c, ''])),
    candidates: d.candidates.map((c) => ({ ...c, votes: '' })),
    invalid: '0',
    rules: null,
    content: [],
  };
}

/** The rules as the person reads them back, "2/3 tổng số đơn vị thành viên". */
const shareText = (r: Rules) => `${r.threshold.numerator}/${r.threshold.denominator}`;

/**
 * "Hội nghị suy tôn" (the group's leader): every member's dossiers with what is missing and what the
 * unit's own check flagged; the suy tôn of the year-end conference against the group's rules (the
 * Justice value unverified: chosen by the leader, comparable sectors offered); its four papers; and the
 * bundle to the Ministry's council with its deadline, 5 days after the conference.
 */
export function ConferencePage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [board, boardError] = useLoaded(() => api.call('dossiers.board', { groupId: group.id }), [api, group.id]);
  const [view, setView] = useState<View | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState('');
  useEffect(() => {
    api.call('dossiers.acclamation', { groupId: group.id }).then(
      (v) => {
        setView(v);
        setDraft(draftOf(v));
      },
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, group.id]);

  const set = (patch: Partial<Draft>) => setDraft((d) => d && { ...d, ...patch });
  const setRules = (patch: Partial<Rules>) => setDraft((d) => d && { ...d, rules: { ...(d.rules ?? { threshold: { numerator: 2, denominator: 3 }, base: 'members', seats: null, tie_break: 'revote', secret_ballot: true, preset: 'group' }), ...patch } });
  const nameOf = new Map(view?.members.map((m) => [m.code, m.name]));

  const save = () =>
    run(async () => {
      if (!draft) return null;
      if (!draft.rules) throw new Error('Hãy chọn tỷ lệ phiếu suy tôn theo quy chế của Khu vực/Cụm trước khi ghi kết quả.');
      const bad = draft.candidates.find((c) => Number.isNaN(whole(c.votes)));
      if (bad) throw new Error(`Số phiếu đồng ý của ${bad.name} phải là số nguyên không âm.`);
      if (Number.isNaN(whole(draft.invalid))) throw new Error('Số phiếu không hợp lệ phải là số nguyên không âm.');
      const acclamation: Form = {
        ...draft,
        rules: draft.rules,
        invalid: whole(draft.invalid),
        present: Object.entries(draft.present).map(([code, delegates]) => ({ code, delegates: people(delegates) })),
        candidates: draft.candidates.map((c) => ({ ...c, votes: whole(c.votes) })),
        counting_board: draft.counting_board.filter((m) => m.name.trim()),
      };
      const v = await api.call('dossiers.saveAcclamation', { groupId: group.id, acclamation });
      setView(v);
      setDraft(draftOf(v));
      return v;
    }, (v) => (v ? `Đã ghi kết quả suy tôn (phiên bản ${v.saved?.version ?? 1}).` : ''));

  const print = () => run(async () => api.saveAll(await api.call('dossiers.printAcclamation', { groupId: group.id, papers: ['ballot', 'count', 'minutes', 'list'] })), (where) => where);
  const exportMinistry = () =>
    run(
      async () => {
        const sent = await api.call('dossiers.exportMinistry', { groupId: group.id });
        const where = await api.save(sent.file);
        return { sent, where };
      },
      ({ sent, where }) =>
        `Đã lập gói số ${sent.seq} gửi Hội đồng Thi đua - Khen thưởng ngành Tư pháp với hồ sơ của ${sent.units.join('; ')}` +
        (sent.milestone?.deadline ? `; hạn gửi ${formatDateVi(sent.milestone.deadline)}` : '') +
        `. ${where}`,
    );

  const unchosen = view ? view.members.filter((m) => !draft?.candidates.some((c) => c.code === m.code)) : [];
  const present = draft ? Object.keys(draft.present).length : 0;
  const result = view?.result;

  return (
    <Section title="Hội nghị suy tôn">
      <p className="muted subtitle">
        {group.name} năm {group.year}
      </p>
      <Notice message={boardError || loadError ? { kind: 'error', text: boardError || loadError } : message} />

      <h3>Hồ sơ đề nghị khen thưởng đã nhận</h3>
      {board && (
        <>
          <p className="muted">
            {board.counts.sent}/{board.counts.units} đơn vị có hồ sơ · {board.counts.dossiers} hồ sơ · {board.counts.incomplete} hồ sơ thiếu thành phần · {board.counts.flagged} hồ sơ
            chưa đủ điều kiện hoặc cần xem xét
          </p>
          <div className="table-scroll">
            <table className="table" aria-label="Hồ sơ đề nghị khen thưởng của các đơn vị">
              <thead>
                <tr>
                  <th>Đơn vị</th>
                  <th>Đối tượng, danh hiệu</th>
                  <th>Ngày nhận</th>
                  <th>Thành phần</th>
                  <th>Điều kiện (đơn vị tự xét)</th>
                  <th>Hội đồng của đơn vị</th>
                </tr>
              </thead>
              <tbody>
                {board.units.flatMap((u) =>
                  u.dossiers.length
                    ? u.dossiers.map((d, i) => (
                        <tr key={d.recordId}>
                          {i === 0 && (
                            <th scope="row" rowSpan={u.dossiers.length}>
                              {u.name}
                              <div className="muted small">{u.stateText}</div>
                            </th>
                          )}
                          <td>
                            {d.nominee.name} – {d.award.name}
                            <div className="muted small">phiên bản {d.version}</div>
                          </td>
                          <td>{formatDateVi(d.receivedAt)}</td>
                          <td>{d.missingText ? <span className="field-error">{d.missingText}</span> : 'Đủ'}</td>
                          <td>
                            <span className={eligibilityClass[d.eligibility.status]}>{d.eligibility.label}</span>
                            {!d.eligibility.verified && <span className="muted small"> (chưa xác minh)</span>}
                            {d.eligibility.flagged && d.eligibility.reason && <div className="small">{d.eligibility.reason}</div>}
                          </td>
                          <td>{d.council}</td>
                        </tr>
                      ))
                    : [
                        <tr key={u.code}>
                          <th scope="row">{u.name}</th>
                          <td colSpan={5} className="muted">
                            {u.stateText}
                          </td>
                        </tr>,
                      ],
                )}
              </tbody>
            </table>
          </div>
        </>
      )}

      {view && draft && (
        <>
          <h3>Hội nghị tổng kết và suy tôn</h3>
          <div className="grid4">
            <Field label="Ngày Hội nghị">
              <DateInput value={draft.conference.date} onChange={(date) => set({ conference: { ...draft.conference, date } })} />
            </Field>
            <Field label="Bắt đầu (giờ:phút)">
              <input value={draft.conference.start_time} onChange={(e) => set({ conference: { ...draft.conference, start_time: e.target.value } })} />
            </Field>
            <Field label="Kết thúc (giờ:phút)">
              <input value={draft.conference.end_time} onChange={(e) => set({ conference: { ...draft.conference, end_time: e.target.value } })} />
            </Field>
            <Field label="Chủ trì: họ tên">
              <input value={draft.chair.name} onChange={(e) => set({ chair: { ...draft.chair, name: e.target.value } })} />
            </Field>
            <Field label="Thư ký: họ tên">
              <input value={draft.secretary.name} onChange={(e) => set({ secretary: { ...draft.secretary, name: e.target.value } })} />
            </Field>
          </div>
          {/* Places and positions run long: each on its own line. */}
          <Field label="Địa điểm">
            <input value={draft.conference.venue} onChange={(e) => set({ conference: { ...draft.conference, venue: e.target.value } })} />
          </Field>
          <Field label="Chủ trì: chức vụ">
            <input value={draft.chair.position} onChange={(e) => set({ chair: { ...draft.chair, position: e.target.value } })} />
          </Field>
          <Field label="Thư ký: chức vụ">
            <input value={draft.secretary.position} onChange={(e) => set({ secretary: { ...draft.secretary, position: e.target.value } })} />
          </Field>

          <h4>Ban kiểm phiếu</h4>
          {draft.counting_board.map((m, i) => {
            const edit = (patch: Partial<typeof m>) => set({ counting_board: draft.counting_board.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <div key={i}>
                <div className="grid4">
                  <Field label="Họ tên">
                    <input value={m.name} onChange={(e) => edit({ name: e.target.value })} />
                  </Field>
                  <Field label="Nhiệm vụ">
                    <select value={m.role} onChange={(e) => edit({ role: e.target.value })}>
                      <option>Trưởng ban</option>
                      <option>Thành viên</option>
                    </select>
                  </Field>
                  <div className="row">
                    <button type="button" onClick={() => set({ counting_board: draft.counting_board.filter((_, j) => j !== i) })}>
                      Bỏ thành viên
                    </button>
                  </div>
                </div>
                <Field label="Đơn vị">
                  <select value={m.unit} onChange={(e) => edit({ unit: e.target.value })}>
                    <option value="">— Chọn đơn vị —</option>
                    {view.members.map((u) => (
                      <option key={u.code} value={u.name}>
                        {u.name}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
            );
          })}
          <button type="button" onClick={() => set({ counting_board: [...draft.counting_board, { name: '', unit: '', role: 'Thành viên' }] })}>
            Thêm thành viên Ban kiểm phiếu
          </button>

          <h4>Đơn vị có mặt bỏ phiếu ({present}/{view.members.length})</h4>
          <table className="table" aria-label="Đơn vị có mặt bỏ phiếu">
            <thead>
              <tr>
                <th>Có mặt</th>
                <th>Đơn vị</th>
                <th>Đại biểu (cách nhau bằng dấu ;)</th>
              </tr>
            </thead>
            <tbody>
              {view.members.map((m) => {
                const here = m.code in draft.present;
                return (
                  <tr key={m.code}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${m.name} có mặt`}
                        checked={here}
                        onChange={() => set({ present: here ? Object.fromEntries(Object.entries(draft.present).filter(([c]) => c !== m.code)) : { ...draft.present, [m.code]: '' } })}
                      />
                    </td>
                    <th scope="row">{m.name}</th>
                    <td>{here && <input aria-label={`Đại biểu của ${m.name}`} value={draft.present[m.code]} onChange={(e) => set({ present: { ...draft.present, [m.code]: e.target.value } })} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>

          <h4>Quy định suy tôn</h4>
          <p className="banner">{view.unverifiedText}</p>
          <div className="row">
            {view.presets.map((p) => (
              <button key={p.key} type="button" title={p.source} onClick={() => setRules({ threshold: p.threshold, base: p.base, preset: p.key })}>
                {p.label}
              </button>
            ))}
          </div>
          <div className="grid4">
            <Field label="Tỷ lệ phiếu đồng ý: tử số" hint="chưa xác minh">
              <input inputMode="numeric" value={draft.rules ? String(draft.rules.threshold.numerator) : ''} onChange={(e) => setRules({ threshold: { numerator: whole(e.target.value) || 0, denominator: draft.rules?.threshold.denominator ?? 3 }, preset: 'group' })} />
            </Field>
            <Field label="Mẫu số (3 cho 2/3, 100 cho %)">
              <input inputMode="numeric" value={draft.rules ? String(draft.rules.threshold.denominator) : ''} onChange={(e) => setRules({ threshold: { numerator: draft.rules?.threshold.numerator ?? 2, denominator: whole(e.target.value) || 1 }, preset: 'group' })} />
            </Field>
            <Field label="Tính trên">
              <select value={draft.rules?.base ?? 'members'} onChange={(e) => setRules({ base: e.target.value as Rules['base'] })}>
                <option value="members">Tổng số thành viên</option>
                <option value="voters">Số đơn vị bỏ phiếu</option>
              </select>
            </Field>
            <Field label="Số đơn vị được suy tôn" hint="để trống: mọi đơn vị đạt tỷ lệ">
              <input inputMode="numeric" value={draft.rules?.seats === null || !draft.rules ? '' : String(draft.rules.seats)} onChange={(e) => setRules({ seats: e.target.value.trim() ? whole(e.target.value) || 0 : null })} />
            </Field>
            <Field label="Bằng phiếu ở vị trí cuối" hint="điểm chấm: tổng điểm xếp hạng thi đua">
              <select value={draft.rules?.tie_break ?? 'revote'} onChange={(e) => setRules({ tie_break: e.target.value as Rules['tie_break'] })}>
                <option value="revote">Bỏ phiếu lại</option>
                <option value="higher_score">Lấy điểm chấm cao hơn</option>
              </select>
            </Field>
            <Field label="Hình thức bỏ phiếu">
              <select value={draft.rules?.secret_ballot === false ? 'open' : 'secret'} onChange={(e) => setRules({ secret_ballot: e.target.value === 'secret' })}>
                <option value="secret">Bỏ phiếu kín</option>
                <option value="open">Phiếu ghi tên đơn vị</option>
              </select>
            </Field>
          </div>
          <p className="muted small">
            {draft.rules ? `Đang áp dụng: từ ${shareText(draft.rules)} ${draft.rules.base === 'members' ? 'tổng số đơn vị thành viên' : 'số đơn vị bỏ phiếu'} (chưa xác minh).` : 'Chưa chọn tỷ lệ phiếu suy tôn.'}
          </p>

          <h4>Phiếu bầu</h4>
          <table className="table" aria-label="Số phiếu đồng ý của từng đơn vị">
            <thead>
              <tr>
                <th>Đơn vị được đưa ra suy tôn</th>
                <th>Tổng điểm chấm</th>
                <th>Số phiếu đồng ý</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.candidates.map((c, i) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <td className="num">{c.score === null ? '—' : c.score.toLocaleString('vi-VN')}</td>
                  <td>
                    <input aria-label={`Số phiếu đồng ý của ${c.name}`} inputMode="numeric" value={c.votes} onChange={(e) => set({ candidates: draft.candidates.map((x, j) => (j === i ? { ...x, votes: e.target.value } : x)) })} />
                  </td>
                  <td>
                    <button type="button" onClick={() => set({ candidates: draft.candidates.filter((_, j) => j !== i) })}>
                      Bỏ
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="grid4">
            {unchosen.length > 0 && (
              <Field label="Thêm đơn vị được đưa ra suy tôn">
                <select
                  value=""
                  onChange={(e) => {
                    const code = e.target.value;
                    if (code) set({ candidates: [...draft.candidates, { code, name: nameOf.get(code) ?? code, score: view.scores[code] ?? null, votes: '' }] });
                  }}
                >
                  <option value="">— Chọn đơn vị —</option>
                  {unchosen.map((m) => (
                    <option key={m.code} value={m.code}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            <Field label="Số phiếu không hợp lệ">
              <input inputMode="numeric" value={draft.invalid} onChange={(e) => set({ invalid: e.target.value })} />
            </Field>
          </div>
          <Field label="Nội dung khác của Hội nghị (mỗi đoạn một dòng, ghi vào biên bản)">
            <textarea rows={3} value={draft.content.join('\n')} onChange={(e) => set({ content: lines(e.target.value) })} />
          </Field>
          <div className="row">
            <button type="button" className="primary" disabled={busy} onClick={save}>
              Ghi kết quả suy tôn
            </button>
          </div>

          {result && (
            <>
              <h3>Kết quả kiểm phiếu</h3>
              <p>
                {result.thresholdText} Phiếu hợp lệ: {result.valid}.
              </p>
              <table className="table" aria-label="Kết quả suy tôn">
                <thead>
                  <tr>
                    <th>Đơn vị</th>
                    <th>Phiếu đồng ý</th>
                    <th>Kết quả</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => (
                    <tr key={r.code}>
                      <th scope="row">{r.name}</th>
                      <td>{r.share}</td>
                      <td>
                        <span className={outcomeClass[r.outcome]}>{r.outcomeText}</span>
                        {r.note && <div className="muted small">{r.note}</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p>
                <strong>{result.summary}</strong>
              </p>
              <div className="row">
                <button type="button" disabled={busy} onClick={print}>
                  In phiếu suy tôn, biên bản kiểm phiếu, biên bản Hội nghị, danh sách (DOCX)
                </button>
              </div>
            </>
          )}

          <h3>Gửi Hội đồng Thi đua - Khen thưởng ngành Tư pháp</h3>
          <p>{view.milestone ? view.milestone.text : 'Kế hoạch năm chưa có bước gửi hồ sơ đơn vị được suy tôn lên Bộ.'}</p>
          <button type="button" className="primary" disabled={busy || !result || result.elected.length === 0 || result.revote} onClick={exportMinistry}>
            Lập gói gửi Bộ (kèm nguyên gói hồ sơ của đơn vị được suy tôn)
          </button>
        </>
      )}
    </Section>
  );
}
