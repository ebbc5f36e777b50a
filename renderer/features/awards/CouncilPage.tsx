import { useEffect, useState, type FormEvent } from 'react';
import type { CouncilAttendance, CouncilView, Group } from '../../../electron/ipc/contract';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { useApi } from '../../api/context';
import { DateInput } from '../../components/DateInput';
import { Field, Notice, Options, Section, useAction, useConfirm } from '../../components/ui';
import { kindLabels } from './HistoryPage';

type Meeting = CouncilView['meeting'];
type Member = Meeting['members'][number];

/** The contract's labels are values the renderer may not import: the same words, here. */
const attendanceLabels: Record<CouncilAttendance, string> = { present: 'Có mặt', in_writing: 'Vắng, có phiếu bằng văn bản', absent: 'Vắng, không có phiếu' };
/** Quorums councils' rules use, as fractions of the total membership. */
const quorums: Record<string, string> = { '1/2': '1/2 tổng số thành viên', '2/3': '2/3 tổng số thành viên', '3/4': '3/4 tổng số thành viên', '4/5': '80 % tổng số thành viên' };
const blankMember = (): Member => ({ name: '', position: '', role: 'Ủy viên', attendance: 'present' });

/** "8" → 8, "" → null, anything else → NaN: the service names what is wrong. */
const numberOf = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/**
 * The unit's council meeting (họp Hội đồng Thi đua – Khen thưởng): who sits on it and how each took
 * part, then the yes votes per nominee and award; the app applies each award's threshold on the total
 * membership and prints the minutes and the list of those voted.
 */
export function CouncilPage({ group }: { group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [confirm, ask] = useConfirm();
  const [view, setView] = useState<CouncilView | null>(null);
  const [draft, setDraft] = useState<Meeting | null>(null);
  const [pick, setPick] = useState({ nomineeId: '', award: '', votes: '' });

  useEffect(() => {
    void run(() => api.call('awards.council', { groupId: group.id })).then((v) => {
      if (v) {
        setView(v);
        setDraft(v.meeting);
      }
    });
  }, [api, group.id, run]);

  if (!view || !draft) return <Section title="Họp Hội đồng Thi đua – Khen thưởng">{message ? <Notice message={message} /> : <p className="loading">Đang tải…</p>}</Section>;

  const set = (patch: Partial<Meeting>) => setDraft({ ...draft, ...patch });
  const setMember = (i: number, patch: Partial<Member>) => set({ members: draft.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const changed = JSON.stringify(draft) !== JSON.stringify(view.meeting);
  const count = (a: CouncilAttendance) => draft.members.filter((m) => m.attendance === a).length;
  const awards = new Map(view.awards.map((a) => [a.code, a]));
  const nominees = new Map(view.nominees.map((n) => [n.id, n]));
  const picked = nominees.get(Number(pick.nomineeId));
  const scope = picked ? (picked.kind === 'person' ? 'individual' : 'collective') : null;
  const voted = [...new Set(draft.nominations.map((n) => n.award_code))].map((c) => awards.get(c)).filter((a) => a !== undefined);
  const result = (nomineeId: number, code: string) => view.results.find((r) => r.nomineeId === nomineeId && r.award_code === code);
  const quorum = `${draft.quorum.numerator}/${draft.quorum.denominator}`;

  const save = async () => {
    const saved = await api.call('awards.saveCouncil', { groupId: group.id, meeting: draft });
    setView(saved);
    setDraft(saved.meeting);
    return saved;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(save, (v) => `Đã lưu cuộc họp (phiên bản ${v.version}): ${v.results.filter((r) => r.reached).length}/${v.results.length} trường hợp đạt tỷ lệ phiếu.`);
  };
  const print = (channel: 'awards.printCouncilMinutes' | 'awards.printCouncilList', what: string) =>
    run(async () => {
      await save();
      return api.save(await api.call(channel, { groupId: group.id }));
    }, (where) => `Đã in ${what}. ${where}`);
  const add = () => {
    const id = Number(pick.nomineeId);
    if (!picked || !pick.award) return;
    const votes = numberOf(pick.votes);
    set({ nominations: [...draft.nominations, { nomineeId: id, award_code: pick.award, votes_for: votes ?? 0 }] });
    setPick({ nomineeId: '', award: '', votes: '' });
  };

  return (
    <Section title={`Họp Hội đồng Thi đua – Khen thưởng năm ${view.year}`}>
      <p className="muted">
        Tỷ lệ phiếu tính trên tổng số thành viên Hội đồng; phiếu của thành viên vắng mặt gửi bằng văn bản được tính. Tỷ lệ của từng danh hiệu theo quy định có hiệu lực ngày {formatDateVi(view.ruleDate)}
        {view.status === 'new' ? ' (chưa có ngày họp: tạm lấy ngày cuối năm)' : ''}.
      </p>
      <form noValidate onSubmit={submit} aria-label="Cuộc họp Hội đồng">
        <h3>Cuộc họp</h3>
        <div className="grid2">
          <Field label="Tên Hội đồng">
            <textarea rows={1} value={draft.council_name} onChange={(e) => set({ council_name: e.target.value })} />
          </Field>
          <Field label="Địa điểm">
            <textarea rows={1} value={draft.place} onChange={(e) => set({ place: e.target.value })} />
          </Field>
        </div>
        <div className="grid4">
          <Field label="Ngày họp">
            <DateInput value={draft.date} onChange={(date) => set({ date })} />
          </Field>
          <Field label="Giờ bắt đầu" hint="giờ:phút, ví dụ 08:00">
            <input value={draft.start_time} onChange={(e) => set({ start_time: e.target.value })} />
          </Field>
          <Field label="Giờ kết thúc">
            <input value={draft.end_time} onChange={(e) => set({ end_time: e.target.value })} />
          </Field>
          <Field label="Hình thức biểu quyết">
            <input value={draft.method} onChange={(e) => set({ method: e.target.value })} />
          </Field>
          <Field label="Số thành viên có mặt tối thiểu" hint="Theo quy chế hoạt động của Hội đồng">
            <select
              value={quorum}
              onChange={(e) => {
                const [numerator, denominator] = e.target.value.split('/').map(Number);
                set({ quorum: { numerator: numerator!, denominator: denominator! } });
              }}
            >
              <Options labels={quorum in quorums ? quorums : { ...quorums, [quorum]: `${quorum} tổng số thành viên` }} />
            </select>
          </Field>
        </div>
        <Field label="Nội dung cuộc họp" hint="Mỗi dòng một đoạn trong biên bản">
          <textarea rows={2} value={draft.content} onChange={(e) => set({ content: e.target.value })} />
        </Field>

        <h3>Thành viên Hội đồng</h3>
        <div className="table-scroll">
          <table className="table" aria-label="Thành viên Hội đồng">
            <thead>
              <tr>
                <th>Họ và tên</th>
                <th>Chức vụ</th>
                <th>Vai trò trong Hội đồng</th>
                <th>Tham dự</th>
                <th aria-label="Xóa" />
              </tr>
            </thead>
            <tbody>
              {draft.members.map((m, i) => (
                <tr key={i}>
                  <td>
                    <textarea rows={1} aria-label={`Họ tên thành viên ${i + 1}`} value={m.name} onChange={(e) => setMember(i, { name: e.target.value })} />
                  </td>
                  <td>
                    <textarea rows={1} aria-label={`Chức vụ thành viên ${i + 1}`} value={m.position} onChange={(e) => setMember(i, { position: e.target.value })} />
                  </td>
                  <td>
                    <textarea rows={1} aria-label={`Vai trò thành viên ${i + 1}`} value={m.role} onChange={(e) => setMember(i, { role: e.target.value })} />
                  </td>
                  <td>
                    {/* Wide enough for the longest choice: a select never wraps. */}
                    <select style={{ minWidth: '17rem' }} aria-label={`Tham dự của thành viên ${i + 1}`} value={m.attendance} onChange={(e) => setMember(i, { attendance: e.target.value as CouncilAttendance })}>
                      <Options labels={attendanceLabels} />
                    </select>
                  </td>
                  <td>
                    <button type="button" aria-label={`Xóa thành viên ${m.name || i + 1}`} onClick={() => set({ members: draft.members.filter((_, j) => j !== i) })}>
                      Xóa
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="row">
          <button type="button" onClick={() => set({ members: [...draft.members, blankMember()] })}>
            Thêm thành viên
          </button>
          <span aria-live="polite">
            Tổng số {draft.members.length} thành viên: có mặt {count('present')}, vắng có phiếu gửi bằng văn bản {count('in_writing')}, vắng không có phiếu {count('absent')}.
            {!changed && view.tally.total > 0 && (
              <>
                {' '}
                Cần ít nhất {view.tally.quorumNeeded} thành viên có mặt ({view.tally.quorumText}):{' '}
                <span className={view.tally.quorumMet ? 'badge badge-accepted' : 'badge badge-refused'}>{view.tally.quorumMet ? 'đủ điều kiện họp' : 'không đủ điều kiện họp'}</span>
              </>
            )}
          </span>
        </div>
        <div className="grid4">
          <Field label="Chủ trì (Chủ tịch Hội đồng)">
            <select
              value={draft.chair.name}
              onChange={(e) => {
                const m = draft.members.find((x) => x.name === e.target.value);
                set({ chair: { name: e.target.value, position: m?.position ?? '' } });
              }}
            >
              <option value="">— Chọn thành viên —</option>
              {draft.members
                .filter((m) => m.name.trim())
                .map((m, i) => (
                  <option key={i} value={m.name}>
                    {m.name}
                  </option>
                ))}
              {draft.chair.name && !draft.members.some((m) => m.name === draft.chair.name) && <option value={draft.chair.name}>{draft.chair.name}</option>}
            </select>
          </Field>
          <Field label="Thư ký cuộc họp">
            <input value={draft.secretary.name} onChange={(e) => set({ secretary: { ...draft.secretary, name: e.target.value } })} />
          </Field>
          <Field label="Chức vụ của thư ký">
            <input value={draft.secretary.position} onChange={(e) => set({ secretary: { ...draft.secretary, position: e.target.value } })} />
          </Field>
        </div>

        <h3>Biểu quyết từng trường hợp</h3>
        <div className="grid4" aria-label="Thêm trường hợp biểu quyết" role="group">
          <Field label="Tập thể, cá nhân">
            <select value={pick.nomineeId} onChange={(e) => setPick({ ...pick, nomineeId: e.target.value, award: '' })}>
              <option value="">— Chọn —</option>
              {view.nominees.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                  {n.kind === 'person' ? (n.division ? ` — ${n.division}` : '') : ` (${kindLabels[n.kind]})`}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Danh hiệu, hình thức khen thưởng">
            <select value={pick.award} disabled={!scope} onChange={(e) => setPick({ ...pick, award: e.target.value })}>
              <option value="">— Chọn —</option>
              {view.awards
                .filter((a) => a.scope === scope)
                .map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name}
                  </option>
                ))}
            </select>
          </Field>
          <Field label="Số phiếu đồng ý">
            <input inputMode="numeric" value={pick.votes} onChange={(e) => setPick({ ...pick, votes: e.target.value })} />
          </Field>
          <div className="field">
            <span className="field-label">&nbsp;</span>
            <button type="button" disabled={!picked || !pick.award} onClick={add}>
              Thêm vào biểu quyết
            </button>
          </div>
        </div>
        {draft.nominations.length === 0 ? (
          <p className="muted">Chưa có trường hợp nào được biểu quyết.</p>
        ) : (
          <div className="table-scroll">
            <table className="table" aria-label="Kết quả biểu quyết">
              <thead>
                <tr>
                  <th>Tập thể, cá nhân</th>
                  <th>Danh hiệu, hình thức khen thưởng</th>
                  <th>Phiếu đồng ý</th>
                  <th>Tỷ lệ trên tổng số thành viên</th>
                  <th>Cần</th>
                  <th>Kết quả</th>
                  <th aria-label="Bỏ" />
                </tr>
              </thead>
              <tbody>
                {draft.nominations.map((n, i) => {
                  const who = nominees.get(n.nomineeId);
                  const award = awards.get(n.award_code);
                  const r = changed ? undefined : result(n.nomineeId, n.award_code);
                  return (
                    <tr key={`${n.nomineeId}-${n.award_code}-${i}`}>
                      <td>
                        {who?.name ?? '—'}
                        {who && who.kind === 'person' && <div className="muted small">{[who.position, who.division].filter(Boolean).join(', ')}</div>}
                      </td>
                      <td>{award?.name ?? n.award_code}</td>
                      <td>
                        <input
                          aria-label={`Số phiếu đồng ý cho ${who?.name ?? ''} (${award?.name ?? n.award_code})`}
                          inputMode="numeric"
                          value={Number.isNaN(n.votes_for) ? '' : String(n.votes_for)}
                          onChange={(e) => set({ nominations: draft.nominations.map((x, j) => (j === i ? { ...x, votes_for: numberOf(e.target.value) ?? 0 } : x)) })}
                        />
                      </td>
                      <td>{r ? `${r.votes_for}/${view.tally.total} (${r.shareText})` : '—'}</td>
                      <td>{r ? `${r.thresholdText}, ít nhất ${r.needed} phiếu` : award && award.percent !== null ? `${award.percent} %` : 'chưa có tỷ lệ'}</td>
                      <td>
                        {r ? <span className={r.reached ? 'badge badge-accepted' : 'badge badge-refused'}>{r.reached ? 'Đạt' : 'Không đạt'}</span> : <span className="muted">Lưu để tính</span>}
                        {award?.verifiedLabel && <span className="badge badge-quarantined">{award.verifiedLabel}</span>}
                      </td>
                      <td>
                        <button type="button" aria-label={`Bỏ ${who?.name ?? ''} (${award?.name ?? n.award_code})`} onClick={() => set({ nominations: draft.nominations.filter((_, j) => j !== i) })}>
                          Bỏ
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        <h3>Tỷ lệ phiếu cần đạt</h3>
        {voted.length === 0 ? (
          <p className="muted">Tỷ lệ của từng danh hiệu hiện ra khi có trường hợp được biểu quyết.</p>
        ) : (
          <table className="table" aria-label="Tỷ lệ phiếu cần đạt">
            <thead>
              <tr>
                <th>Danh hiệu, hình thức khen thưởng</th>
                <th>Tỷ lệ trên tổng số thành viên</th>
                <th>Căn cứ</th>
              </tr>
            </thead>
            <tbody>
              {voted.map((a) => {
                const own = draft.thresholds.find((t) => t.award_code === a.code);
                return (
                  <tr key={a.code}>
                    <td>{a.name}</td>
                    <td>
                      {a.settable ? (
                        <input
                          aria-label={`Tỷ lệ của ${a.name} (%)`}
                          inputMode="decimal"
                          placeholder={a.cataloguePercent !== null ? String(a.cataloguePercent) : 'nhập tỷ lệ'}
                          value={own ? String(own.percent) : ''}
                          onChange={(e) => {
                            const percent = numberOf(e.target.value);
                            const rest = draft.thresholds.filter((t) => t.award_code !== a.code);
                            set({ thresholds: percent === null ? rest : [...rest, { award_code: a.code, percent }] });
                          }}
                        />
                      ) : (
                        `${a.percent} %`
                      )}
                      {a.verifiedLabel && <span className="badge badge-quarantined">{a.verifiedLabel}</span>}
                    </td>
                    <td>
                      {a.source}
                      {a.settable && a.cataloguePercent !== null && <div className="muted small">Danh mục ghi {a.cataloguePercent} %; để trống để dùng tỷ lệ này.</div>}
                      {a.note && <div className="muted small">{a.note}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <Field label="Tỷ lệ chung cho danh hiệu chưa có quy định (%)" hint="Dùng khi danh mục không ghi tỷ lệ biểu quyết và ô của danh hiệu để trống; chưa xác minh">
          <input
            inputMode="decimal"
            value={draft.default_threshold_percent === null ? '' : String(draft.default_threshold_percent)}
            onChange={(e) => set({ default_threshold_percent: numberOf(e.target.value) })}
          />
        </Field>

        <Notice message={message} />
        {changed && <p className="muted">Có thay đổi chưa lưu: bấm “Lưu cuộc họp” để tính lại kết quả.</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Lưu cuộc họp
          </button>
          <button type="button" disabled={busy || draft.members.length === 0} onClick={() => void print('awards.printCouncilMinutes', 'biên bản họp Hội đồng')}>
            In biên bản họp
          </button>
          <button type="button" disabled={busy || draft.nominations.length === 0} onClick={() => void print('awards.printCouncilList', 'danh sách đề nghị khen thưởng')}>
            In danh sách được đề nghị
          </button>
          {view.status !== 'new' && (
            <button type="button" disabled={busy || !changed} onClick={() => ask('Bỏ các thay đổi chưa lưu?', 'Bỏ thay đổi', () => setDraft(view.meeting))}>
              Bỏ thay đổi
            </button>
          )}
        </div>
        {confirm}
      </form>
    </Section>
  );
}
