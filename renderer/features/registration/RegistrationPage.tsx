import { useEffect, useState } from 'react';
import type { CatalogueItem, DeadlineStatus, Group, Output, OwnUnit, Registration, RegistrationInput, Staff } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, Notice, Options, Section, useAction, useConfirm } from '../../components/ui';
import { DateInput } from '../../components/DateInput';
import { answeredMilestoneText, commitmentKindLabels, todayLocal } from '../../app/labels';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { useBundleSaver } from '../bundles/MailParts';

type Commitment = RegistrationInput['commitments'][number];
type RegistrationConflict = Output<'registration.conflicts'>[number];

function initialInput(group: Group, unit: OwnUnit, reg: Registration | null, staff: Staff[]): RegistrationInput {
  if (reg) {
    // People removed from the staff list since the last save drop out of the registration.
    const current = new Set(staff.map((s) => s.id));
    return {
      groupId: group.id,
      numberSymbol: reg.numberSymbol,
      place: reg.place,
      documentDate: reg.documentDate,
      signerAuthority: reg.signerAuthority,
      signerTitle: reg.signerTitle,
      signerName: reg.signerName,
      recipients: reg.recipients,
      collective: reg.collective,
      individuals: reg.individuals.filter((p) => p.staffId && current.has(p.staffId)).map((p) => ({ staffId: p.staffId!, titleCode: p.titleCode })),
      commitments: reg.commitments,
    };
  }
  return {
    groupId: group.id,
    numberSymbol: '',
    place: unit.province,
    documentDate: signingDefault(group),
    signerAuthority: '',
    signerTitle: unit.kind === 'thads' ? 'Cục trưởng' : 'Giám đốc',
    signerName: '',
    recipients: ['Như trên', 'Vụ Thi đua - Khen thưởng, Bộ Tư pháp', 'Lưu: VT'],
    collective: [],
    individuals: [],
    commitments: [{ kind: 'key_task', content: '' }],
  };
}

/** Today, unless the group's year is far from it (a past year typed in later): then 1 January of that year. */
function signingDefault(group: Group): string {
  const today = todayLocal();
  return Math.abs(Number(today.slice(0, 4)) - group.year) <= 1 ? today : `${group.year}-01-01`;
}

/** The unit's registration for a group-year: titles, people, commitments; print, sign and export. */
export function RegistrationPage({ unit, group }: { unit: OwnUnit; group: Group }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [catalogue, setCatalogue] = useState<CatalogueItem[]>([]);
  const [staff, setStaff] = useState<Staff[]>([]);
  const [saved, setSaved] = useState<Registration | null>(null);
  const [input, setInput] = useState<RegistrationInput | null>(null);
  const [deadline, setDeadline] = useState<DeadlineStatus | null>(null);
  const [question, ask] = useConfirm();
  const [mailOffer, saveBundle] = useBundleSaver();
  const [conflicts, setConflicts] = useState<RegistrationConflict[]>([]);

  useEffect(() => {
    void (async () => {
      const [cat, people, reg, due] = await Promise.all([
        api.call('catalogue.list', {}),
        api.call('registration.staffList', { search: '' }),
        api.call('registration.get', { groupId: group.id }),
        api.call('registration.deadline', { groupId: group.id }),
      ]);
      setCatalogue(cat);
      setStaff(people);
      setSaved(reg);
      setDeadline(due);
      setInput(initialInput(group, unit, reg, people));
    })();
  }, [api, group, unit]);

  // The save's own rule, asked as the choice changes, so a conflict shows where it is made.
  const collectiveChoice = input?.collective;
  const individualsChoice = input?.individuals;
  useEffect(() => {
    if (!collectiveChoice || !individualsChoice) return;
    let current = true;
    void api.call('registration.conflicts', { collective: collectiveChoice, individuals: individualsChoice }).then((found) => current && setConflicts(found));
    return () => {
      current = false;
    };
  }, [api, collectiveChoice, individualsChoice]);

  if (!input) return <Section title="Đăng ký thi đua">Đang tải…</Section>;
  const set = (patch: Partial<RegistrationInput>) => setInput({ ...input, ...patch });
  const collectiveItems = catalogue.filter((c) => c.scope === 'collective');
  const individualItems = catalogue.filter((c) => c.scope === 'individual');
  const kindOf = (code: string) => catalogue.find((c) => c.code === code)?.kind;
  const has = (staffId: number, code: string) => input.individuals.some((p) => p.staffId === staffId && p.titleCode === code);
  const titleOf = (staffId: number) => input.individuals.find((p) => p.staffId === staffId && kindOf(p.titleCode) === 'title')?.titleCode ?? '';
  // A person holds one emulation title (the select) and any award forms (the checkboxes).
  const setTitle = (staffId: number, titleCode: string) =>
    set({
      individuals: [...input.individuals.filter((p) => p.staffId !== staffId || kindOf(p.titleCode) !== 'title'), ...(titleCode ? [{ staffId, titleCode }] : [])],
    });
  const setAward = (staffId: number, titleCode: string, on: boolean) =>
    set({ individuals: on ? [...input.individuals, { staffId, titleCode }] : input.individuals.filter((p) => p.staffId !== staffId || p.titleCode !== titleCode) });
  const conflictsAt = (staffId: number | null) => conflicts.filter((c) => c.staffId === staffId);
  const setCommitment = (i: number, patch: Partial<Commitment>) => set({ commitments: input.commitments.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  const save = async () => {
    const reg = await run(() => api.call('registration.save', input), (r) => `Đã lưu bản đăng ký (phiên bản ${r.version}, bản nháp).`);
    if (reg) setSaved(reg);
    return reg;
  };
  const print = () =>
    run(async () => {
      await api.call('registration.save', input);
      return api.save(await api.call('registration.printDocx', { groupId: group.id }));
    }, (where) => where);
  const exportNow = () =>
    run(async () => {
      setSaved(await api.call('registration.save', input));
      const done = await api.call('registration.export', { groupId: group.id });
      setSaved(await api.call('registration.get', { groupId: group.id }));
      setDeadline(await api.call('registration.deadline', { groupId: group.id }));
      const where = await saveBundle(done.file);
      return `Đã ký và xuất gói đăng ký số ${done.seq} (phiên bản ${done.version})${answeredMilestoneText(done.milestone)}. ${where}`;
    }, (text) => text);
  const late = deadline?.daysLeft != null && deadline.daysLeft < 0;
  const exportBundle = () =>
    late
      ? ask(`Đã quá hạn gửi đăng ký ${-deadline.daysLeft!} ngày. Gói vẫn được gửi nhưng sẽ được ghi nhận là gửi muộn. Tiếp tục ký và xuất gói?`, 'Vẫn ký và xuất gói', exportNow)
      : exportNow();

  return (
    <Section title={`Đăng ký thi đua năm ${group.year}`}>
      <p className="muted">{group.name}</p>
      {deadline && (
        <div className={`banner ${late && !saved?.sent ? 'banner-late' : ''}`} aria-label="Hạn gửi đăng ký">
          {deadline.text}
        </div>
      )}
      {saved && (
        <div className={`banner ${saved.status === 'exported' ? 'banner-frozen' : ''}`}>
          {saved.status === 'exported'
            ? `Phiên bản ${saved.version} đã xuất gói ngày ${formatDateVi(saved.exportedAt)} và được giữ nguyên; lưu thay đổi sẽ tạo phiên bản ${saved.version + 1}.`
            : `Bản nháp, phiên bản ${saved.version}: còn sửa được cho đến khi xuất gói.${
                saved.sent ? ` Đã gửi phiên bản ${saved.sent.version} ngày ${formatDateVi(saved.sent.at)}; những thay đổi của bản nháp chưa được gửi.` : ' Chưa gửi.'
              }`}
        </div>
      )}
      <h3>Văn bản</h3>
      <div className="grid4">
        <Field label="Số, ký hiệu">
          <input value={input.numberSymbol} onChange={(e) => set({ numberSymbol: e.target.value })} placeholder="15/ĐK-STP" />
        </Field>
        <Field label="Địa danh">
          <input value={input.place} onChange={(e) => set({ place: e.target.value })} />
        </Field>
        <Field label="Ngày ký">
          <DateInput value={input.documentDate} onChange={(documentDate) => set({ documentDate })} />
        </Field>
        <Field label="Thẩm quyền ký" hint="Ví dụ: KT. GIÁM ĐỐC (để trống nếu người đứng đầu ký)">
          <input value={input.signerAuthority ?? ''} onChange={(e) => set({ signerAuthority: e.target.value })} />
        </Field>
        <Field label="Chức vụ người ký">
          <input value={input.signerTitle} onChange={(e) => set({ signerTitle: e.target.value })} />
        </Field>
        <Field label="Họ tên người ký">
          <input value={input.signerName} onChange={(e) => set({ signerName: e.target.value })} />
        </Field>
        <Field label="Nơi nhận (mỗi dòng một nơi)">
          <textarea rows={3} value={input.recipients.join('\n')} onChange={(e) => set({ recipients: e.target.value.split('\n') })} />
        </Field>
      </div>

      <h3>Tập thể đăng ký</h3>
      <div className="checks">
        {collectiveItems.map((c) => (
          <label key={c.code} className="check">
            <input
              type="checkbox"
              checked={input.collective.some((x) => x.titleCode === c.code)}
              onChange={(e) =>
                set({ collective: e.target.checked ? [...input.collective, { titleCode: c.code, note: '' }] : input.collective.filter((x) => x.titleCode !== c.code) })
              }
            />
            <span>
              {c.name} <span className="muted">({c.kind === 'title' ? 'danh hiệu' : 'khen thưởng'})</span>
            </span>
          </label>
        ))}
      </div>
      {conflictsAt(null).map((c) => (
        <p key={c.message} className="field-error" role="alert">
          {c.message}
        </p>
      ))}

      <h3>Cá nhân đăng ký</h3>
      {!staff.length && <p className="muted">Chưa có cán bộ: hãy thêm ở mục "Cán bộ".</p>}
      <table className="table">
        <thead>
          <tr>
            <th>Họ và tên</th>
            <th>Chức vụ</th>
            <th>Phòng, bộ phận</th>
            <th>Danh hiệu, hình thức đăng ký</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td>{s.fullName}</td>
              <td>{s.position}</td>
              <td>{s.department}</td>
              <td>
                <select aria-label={`Đăng ký của ${s.fullName}`} value={titleOf(s.id)} onChange={(e) => setTitle(s.id, e.target.value)}>
                  <option value="">— Không đăng ký danh hiệu —</option>
                  {individualItems
                    .filter((c) => c.kind === 'title')
                    .map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                      </option>
                    ))}
                </select>
                <div className="checks">
                  {individualItems
                    .filter((c) => c.kind === 'award')
                    .map((c) => (
                      <label key={c.code} className="check">
                        <input type="checkbox" checked={has(s.id, c.code)} onChange={(e) => setAward(s.id, c.code, e.target.checked)} />
                        <span>{c.name}</span>
                      </label>
                    ))}
                </div>
                {conflictsAt(s.id).map((c) => (
                  <p key={c.message} className="field-error" role="alert" aria-label={`Xung đột đăng ký của ${s.fullName}`}>
                    {c.message}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Nhiệm vụ trọng tâm, công trình và cam kết</h3>
      {input.commitments.map((c, i) => (
        <div key={i} className="commitment">
          <select aria-label={`Loại cam kết ${i + 1}`} value={c.kind} onChange={(e) => setCommitment(i, { kind: e.target.value as Commitment['kind'] })}>
            <Options labels={commitmentKindLabels} />
          </select>
          <textarea aria-label={`Nội dung cam kết ${i + 1}`} rows={2} value={c.content} onChange={(e) => setCommitment(i, { content: e.target.value })} />
          <button type="button" className="link" onClick={() => set({ commitments: input.commitments.filter((_, j) => j !== i) })}>
            Xóa
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set({ commitments: [...input.commitments, { kind: 'project', content: '' }] })}>
        + Thêm cam kết
      </button>

      <div className="row sticky-actions">
        <button type="button" className="primary" disabled={busy} onClick={save}>
          Lưu
        </button>
        <button type="button" disabled={busy} onClick={print}>
          In bản đăng ký (DOCX)
        </button>
        <button type="button" disabled={busy} onClick={exportBundle}>
          Ký và xuất gói hồ sơ…
        </button>
      </div>
      {question}
      {mailOffer}
      <Notice message={message} />
    </Section>
  );
}
