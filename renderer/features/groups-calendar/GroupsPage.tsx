import { Fragment, useState, type FormEvent } from 'react';
import type { Group, GroupInput, OwnUnit, Role, UnitKind } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, missing, Notice, Options, Section, useAction, useConfirm, type FieldErrors } from '../../components/ui';
import { DateInput } from '../../components/DateInput';
import { roleLabels, unitKindLabels } from '../../app/labels';

type MemberRow = GroupInput['members'][number];

// The registration deadline is sent only once the box is touched: '' clears the plan's registration
// milestone, so an untouched blank box must leave the template's (or the plan's relative) deadline alone.
function blankGroup(unit: OwnUnit): GroupInput {
  const { keyId: _k, fingerprint: _f, fingerprintWords: _w, codeLockedReason: _c, ...own } = unit;
  return { code: '', name: '', year: new Date().getFullYear(), kind: 'khu_vuc', members: [{ ...own, role: 'member', fingerprint: '' }] };
}

function toInput(g: Group): GroupInput {
  return { ...g, registrationDeadline: g.registrationDeadline ?? undefined, members: g.members.map((m) => ({ ...m, fingerprint: m.fingerprint })) };
}

/** A Khu vực/Cụm for one year: its members, the leader and the deputy, keys pinned in advance. */
export function GroupsPage({ unit, groups, onSaved }: { unit: OwnUnit; groups: Group[]; onSaved: () => void }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [draft, setDraft] = useState<GroupInput>(() => (groups[0] ? toInput(groups[0]) : blankGroup(unit)));
  const set = (patch: Partial<GroupInput>) => setDraft((d) => ({ ...d, ...patch }));
  const setMember = (i: number, patch: Partial<MemberRow>) => set({ members: draft.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) });

  const [errors, setErrors] = useState<FieldErrors<'code' | 'name'>>({});
  const [question, confirm] = useConfirm();
  const editingId = draft.id;

  const remove = (id: number) =>
    confirm(`Xóa Khu vực/Cụm ${draft.code} năm ${draft.year} cùng danh sách thành viên và bản đăng ký nháp?`, 'Xóa', async () => {
      const done = await run(() => api.call('groups-calendar.remove', { groupId: id }), () => `Đã xóa Khu vực/Cụm ${draft.code} năm ${draft.year}.`);
      if (done) {
        setDraft(blankGroup(unit));
        onSaved();
      }
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const empty = missing({ code: [draft.code, 'Hãy nhập mã Khu vực/Cụm.'], name: [draft.name, 'Hãy nhập tên Khu vực/Cụm thi đua.'] });
    setErrors(empty);
    if (Object.keys(empty).length) return;
    const saved = await run(() => api.call('groups-calendar.save', draft), (g) => `Đã lưu ${g.name} năm ${g.year} (${g.members.length} đơn vị).`);
    if (saved) {
      setDraft(toInput(saved));
      onSaved();
    }
  };

  return (
    <Section
      title="Khu vực / Cụm thi đua"
      actions={
        <>
          {groups.map((g) => (
            <button key={g.id} type="button" onClick={() => setDraft(toInput(g))} className={draft.id === g.id ? 'chip active' : 'chip'}>
              {g.code} {g.year}
            </button>
          ))}
          <button type="button" className="chip" onClick={() => setDraft(blankGroup(unit))}>
            + Thêm mới
          </button>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <div className="grid4">
          <Field label="Mã Khu vực/Cụm" error={errors.code}>
            <input value={draft.code} onChange={(e) => set({ code: e.target.value.toUpperCase() })} placeholder="KVTD-MNPB" required />
          </Field>
          <Field label="Năm">
            <input type="number" value={draft.year} onChange={(e) => set({ year: Number(e.target.value) })} required />
          </Field>
          <Field label="Loại">
            <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as GroupInput['kind'] })}>
              <option value="khu_vuc">Khu vực thi đua</option>
              <option value="cum">Cụm thi đua</option>
              <option value="noi_bo">Cụm thi đua nội bộ (các phòng, đơn vị thuộc Sở)</option>
            </select>
          </Field>
          <Field label="Hạn gửi đăng ký">
            <DateInput value={draft.registrationDeadline ?? ''} onChange={(registrationDeadline) => set({ registrationDeadline })} />
          </Field>
        </div>
        <Field label="Tên Khu vực/Cụm thi đua" error={errors.name}>
          <input value={draft.name} onChange={(e) => set({ name: e.target.value })} placeholder="Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc" required />
        </Field>
        <h3>Đơn vị thành viên</h3>
        <table className="table compact members">
          <thead>
            <tr>
              <th>Mã</th>
              <th>Tên đơn vị</th>
              <th>Loại</th>
              <th>Tỉnh</th>
              <th>Vai trò</th>
              <th>Phó Trưởng tổng hợp</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {draft.members.map((m, i) => {
              const own = m.code === unit.code;
              return (
                <Fragment key={i}>
                <tr className="member">
                  <td>
                    <input aria-label={`Mã đơn vị ${i + 1}`} value={m.code} disabled={own} onChange={(e) => setMember(i, { code: e.target.value.toUpperCase() })} />
                  </td>
                  <td>
                    {/* A long unit name wraps onto a second line instead of being cut off. */}
                    <textarea rows={1} aria-label={`Tên đơn vị ${i + 1}`} value={m.name} disabled={own} onChange={(e) => setMember(i, { name: e.target.value.replace(/\s*\n\s*/g, ' ') })} />
                  </td>
                  <td>
                    <select aria-label={`Loại đơn vị ${i + 1}`} value={m.kind} disabled={own} onChange={(e) => setMember(i, { kind: e.target.value as UnitKind })}>
                      <Options labels={unitKindLabels} />
                    </select>
                  </td>
                  <td>
                    <input aria-label={`Tỉnh ${i + 1}`} value={m.province} disabled={own} onChange={(e) => setMember(i, { province: e.target.value })} />
                  </td>
                  <td>
                    {/* Only a member's bundles go through the deputy: the leader and the deputy send their own. */}
                    <select aria-label={`Vai trò ${i + 1}`} value={m.role} onChange={(e) => setMember(i, { role: e.target.value as Role, gatheredByDeputy: e.target.value === 'member' && !!m.gatheredByDeputy })}>
                      <Options labels={roleLabels} />
                    </select>
                  </td>
                  <td className="center">
                    {m.role === 'member' && (
                      <input type="checkbox" aria-label={`Phó Trưởng tổng hợp ${i + 1}`} checked={!!m.gatheredByDeputy} onChange={(e) => setMember(i, { gatheredByDeputy: e.target.checked })} />
                    )}
                  </td>
                  <td>
                    {!own && (
                      <button type="button" className="link" onClick={() => set({ members: draft.members.filter((_, j) => j !== i) })}>
                        Xóa
                      </button>
                    )}
                  </td>
                </tr>
                <tr className="member-key">
                  <td colSpan={7}>
                    {own ? (
                      <span className="muted">Đơn vị mình: khóa ký của chính đơn vị này.</span>
                    ) : (
                      <label className="inline">
                        <span>Dấu vân tay khóa (nếu đã đối chiếu)</span>
                        <input aria-label={`Dấu vân tay ${i + 1}`} className="mono" value={m.fingerprint ?? ''} onChange={(e) => setMember(i, { fingerprint: e.target.value })} />
                      </label>
                    )}
                  </td>
                </tr>
                </Fragment>
              );
            })}
          </tbody>
        </table>
        <div className="row">
          <button type="button" onClick={() => set({ members: [...draft.members, { code: '', name: '', kind: 'so_tu_phap', province: '', parentName: '', role: 'member', fingerprint: '' }] })}>
            + Thêm đơn vị thành viên
          </button>
          {/* A division has no app: its code is the Sở's with a suffix (STP-TQ.VP) and its submissions are entered on its behalf. */}
          {draft.kind === 'noi_bo' && (
            <button type="button" onClick={() => set({ members: [...draft.members, { code: `${unit.code}.`, name: '', kind: 'khac', province: unit.province, parentName: unit.name, role: 'member', fingerprint: '' }] })}>
              + Thêm phòng/đơn vị thuộc Sở
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            Lưu Khu vực/Cụm
          </button>
          {editingId !== undefined && (
            <button type="button" className="danger" disabled={busy} onClick={() => remove(editingId)}>
              Xóa Khu vực/Cụm
            </button>
          )}
        </div>
        {question}
        <Notice message={message} />
      </form>
    </Section>
  );
}
