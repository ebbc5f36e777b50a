import { useEffect, useState } from 'react';
import type { CatalogueItem, FileHandle, Group, Input } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, Notice, Section, useAction } from '../../components/ui';
import { DateInput } from '../../components/DateInput';
import { formatDateVi } from '../../../electron/services/text/vietnamese';

type Person = { fullName: string; birthYear: string; gender: 'nam' | 'nu'; position: string; department: string; titleCode: string };
const noPerson: Person = { fullName: '', birthYear: '', gender: 'nam', position: '', department: '', titleCode: '' };

/**
 * Nhập thay: the leader (or the deputy, for the members it gathers) types in a member's registration
 * from the paper or the Word file it sent, with what it came as, so a member without the app is counted.
 */
export function OnBehalfForm({ group, onSaved }: { group: Group; onSaved?: () => void }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [catalogue, setCatalogue] = useState<CatalogueItem[]>([]);
  const members = group.members.filter((m) => m.role !== group.ownRole && m.role !== 'leader' && (group.ownRole === 'leader' || m.gatheredByDeputy));
  const [unitCode, setUnitCode] = useState(members[0]?.code ?? '');
  const [submittedAt, setSubmittedAt] = useState('');
  const [note, setNote] = useState('');
  const [doc, setDoc] = useState({ numberSymbol: '', place: '', documentDate: '', signerTitle: '', signerName: '' });
  const [collective, setCollective] = useState('');
  const [people, setPeople] = useState<Person[]>([]);
  const [commitment, setCommitment] = useState('');
  const [attachment, setAttachment] = useState<FileHandle | null>(null);
  useEffect(() => {
    void api.call('catalogue.list', {}).then(setCatalogue);
  }, [api]);

  const titles = (scope: CatalogueItem['scope']) => catalogue.filter((c) => c.scope === scope);
  const setPerson = (i: number, change: Partial<Person>) => setPeople((list) => list.map((p, j) => (j === i ? { ...p, ...change } : p)));

  const save = () =>
    run(
      async () => {
        const input: Input<'registration.enterOnBehalf'> = {
          groupId: group.id,
          unitCode,
          submittedAt,
          note,
          ...doc,
          signerAuthority: '',
          recipients: [],
          collective: collective ? [{ titleCode: collective, note: '' }] : [],
          individuals: people.map((p) => ({ ...p, birthYear: p.birthYear.trim() ? Number(p.birthYear) : null })),
          commitments: [{ kind: 'key_task', content: commitment }],
          attachment,
        };
        const entry = await api.call('registration.enterOnBehalf', input);
        onSaved?.();
        return entry;
      },
      (entry) => `Đã nhập thay bản đăng ký (phiên bản ${entry.version}) của ${members.find((m) => m.code === entry.unitCode)?.name ?? entry.unitCode}, tính theo ngày ${formatDateVi(entry.submittedAt)}.`,
    );

  if (!members.length) return null;
  return (
    <Section title="Nhập thay hồ sơ của đơn vị chưa dùng ứng dụng">
      <form
        aria-label="Nhập thay đăng ký thi đua"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Đơn vị">
          <select value={unitCode} onChange={(e) => setUnitCode(e.target.value)}>
            {members.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Ngày trên văn bản hoặc ngày nhận" hint="Hạn gửi được tính theo ngày này, không theo ngày nhập.">
          <DateInput value={submittedAt} onChange={setSubmittedAt} />
        </Field>
        <Field label="Căn cứ nhập thay" hint='Ví dụ: "Theo Công văn số 12/STP ngày 08/02/2022".'>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <Field label="Số, ký hiệu văn bản">
          <input value={doc.numberSymbol} onChange={(e) => setDoc({ ...doc, numberSymbol: e.target.value })} />
        </Field>
        <Field label="Địa danh">
          <input value={doc.place} onChange={(e) => setDoc({ ...doc, place: e.target.value })} />
        </Field>
        <Field label="Ngày ký văn bản">
          <DateInput value={doc.documentDate} onChange={(documentDate) => setDoc({ ...doc, documentDate })} />
        </Field>
        <Field label="Chức vụ người ký">
          <input value={doc.signerTitle} onChange={(e) => setDoc({ ...doc, signerTitle: e.target.value })} />
        </Field>
        <Field label="Họ tên người ký">
          <input value={doc.signerName} onChange={(e) => setDoc({ ...doc, signerName: e.target.value })} />
        </Field>
        <Field label="Danh hiệu tập thể">
          <select value={collective} onChange={(e) => setCollective(e.target.value)}>
            <option value="">(không đăng ký)</option>
            {titles('collective').map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>Cá nhân đăng ký</legend>
          {people.map((p, i) => (
            <div key={i} className="row" role="group" aria-label={`Cá nhân ${i + 1}`}>
              <Field label="Họ và tên">
                <input value={p.fullName} onChange={(e) => setPerson(i, { fullName: e.target.value })} />
              </Field>
              <Field label="Năm sinh">
                <input inputMode="numeric" value={p.birthYear} onChange={(e) => setPerson(i, { birthYear: e.target.value })} />
              </Field>
              <Field label="Giới tính">
                <select value={p.gender} onChange={(e) => setPerson(i, { gender: e.target.value as Person['gender'] })}>
                  <option value="nam">Nam</option>
                  <option value="nu">Nữ</option>
                </select>
              </Field>
              <Field label="Chức vụ">
                <input value={p.position} onChange={(e) => setPerson(i, { position: e.target.value })} />
              </Field>
              <Field label="Danh hiệu">
                <select value={p.titleCode} onChange={(e) => setPerson(i, { titleCode: e.target.value })}>
                  <option value="">(chọn)</option>
                  {titles('individual').map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="button" onClick={() => setPeople((list) => list.filter((_, j) => j !== i))}>
                Bỏ người này
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setPeople((list) => [...list, noPerson])}>
            Thêm cá nhân
          </button>
        </fieldset>
        <Field label="Nhiệm vụ trọng tâm đăng ký">
          <textarea value={commitment} onChange={(e) => setCommitment(e.target.value)} />
        </Field>
        {/* Not a Field: a button inside a label would be named by the label. */}
        <div className="field">
          <span className="field-label">Tệp nhận được (bản chụp hoặc tệp Word)</span>
          <button type="button" onClick={() => void api.pickDocument('attachment').then((f) => f && setAttachment(f))}>
            Chọn tệp…
          </button>{' '}
          {attachment?.name ?? 'Chưa chọn tệp'}
        </div>
        <button type="submit" disabled={busy || !unitCode}>
          Lưu bản nhập thay
        </button>
      </form>
      <Notice message={message} />
    </Section>
  );
}
