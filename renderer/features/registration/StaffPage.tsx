import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Staff, StaffImportReport, StaffInput } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, missing, Notice, Section, useAction, useConfirm, type FieldErrors } from '../../components/ui';
import { StaffImportReportPanel } from './StaffImportReport';

const blank: StaffInput = { fullName: '', birthYear: null, gender: 'nam', position: '', department: '' };

/** The unit's staff, typed in or imported from an .xlsx sheet; search ignores tone marks. */
export function StaffPage() {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [search, setSearch] = useState('');
  const [staff, setStaff] = useState<Staff[]>([]);
  const [draft, setDraft] = useState<StaffInput>(blank);

  const load = useCallback(async () => setStaff(await api.call('registration.staffList', { search })), [api, search]);
  useEffect(() => {
    void load();
  }, [load]);

  const [errors, setErrors] = useState<FieldErrors<'fullName'>>({});

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const empty = missing({ fullName: [draft.fullName, 'Hãy nhập họ và tên.'] });
    setErrors(empty);
    if (Object.keys(empty).length) return;
    const save = async (allowDuplicate: boolean) => {
      if (await run(() => api.call('registration.staffSave', { ...draft, allowDuplicate }), (s) => `Đã lưu ${s.fullName}.`)) {
        setDraft(blank);
        await load();
      }
    };
    // A namesake born the same year is most often the same person typed twice: ask before adding.
    const twin = await run(() => api.call('registration.staffDuplicateOf', draft));
    if (twin) {
      const born = twin.birthYear ? `, sinh năm ${twin.birthYear}` : '';
      ask(`Danh sách đã có ${twin.fullName}${born}${twin.position ? `, ${twin.position}` : ''}. Đây có phải là một người khác không?`, 'Vẫn lưu', () => save(true));
    } else if (twin === null) await save(false);
  };
  const [question, ask] = useConfirm();
  const [removed, setRemoved] = useState<Staff | null>(null);
  const remove = (person: Staff) =>
    ask(`Xóa ${person.fullName} khỏi danh sách cán bộ?`, 'Xóa', async () => {
      const done = await run(() => api.call('registration.staffRemove', { id: person.id }));
      setRemoved(done?.removed ?? null);
      await load();
    });
  const undo = async (person: Staff) => {
    setRemoved(null);
    if (await run(() => api.call('registration.staffRestore', person), (s) => `Đã khôi phục ${s.fullName}.`)) await load();
  };
  const [report, setReport] = useState<StaffImportReport | null>(null);
  const importXlsx = async () => {
    setReport(null);
    const done = await run(async () => {
      const file = await api.pickXlsx();
      if (!file) throw new Error('Chưa chọn tệp Excel.');
      return api.call('registration.staffImportXlsx', { file });
    });
    if (done) setReport(done);
    await load();
  };

  return (
    <Section
      title="Danh sách cán bộ"
      actions={
        <button type="button" onClick={importXlsx} disabled={busy}>
          Nhập từ Excel (.xlsx)…
        </button>
      }
    >
      <p className="muted">
        Tệp Excel (.xlsx, tối đa 20 MB và 100.000 dòng) cần các cột Họ và tên, Giới tính; có thể thêm Năm sinh, Chức vụ, Phòng (hoặc Đơn vị công tác).
      </p>
      <form className="grid5" onSubmit={submit} noValidate>
        <Field label="Họ và tên" error={errors.fullName}>
          <input value={draft.fullName} onChange={(e) => setDraft({ ...draft, fullName: e.target.value })} required />
        </Field>
        <Field label="Năm sinh">
          <input type="number" value={draft.birthYear ?? ''} onChange={(e) => setDraft({ ...draft, birthYear: e.target.value ? Number(e.target.value) : null })} />
        </Field>
        <Field label="Giới tính">
          <select value={draft.gender} onChange={(e) => setDraft({ ...draft, gender: e.target.value as StaffInput['gender'] })}>
            <option value="nam">Nam</option>
            <option value="nu">Nữ</option>
          </select>
        </Field>
        <Field label="Chức vụ">
          <input value={draft.position ?? ''} onChange={(e) => setDraft({ ...draft, position: e.target.value })} />
        </Field>
        <Field label="Phòng, bộ phận">
          <input value={draft.department ?? ''} onChange={(e) => setDraft({ ...draft, department: e.target.value })} />
        </Field>
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {draft.id ? 'Lưu thay đổi' : 'Thêm cán bộ'}
          </button>
          {draft.id && (
            <button type="button" onClick={() => setDraft(blank)}>
              Hủy sửa
            </button>
          )}
        </div>
      </form>
      {question}
      <Notice message={message} />
      {removed && (
        <div className="notice notice-info" role="status">
          Đã xóa {removed.fullName}.{' '}
          <button type="button" className="link" onClick={() => undo(removed)}>
            Hoàn tác
          </button>
        </div>
      )}
      {report && <StaffImportReportPanel report={report} onClose={() => setReport(null)} />}
      <Field label="Tìm kiếm (gõ không dấu cũng được)">
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="nguyen" />
      </Field>
      <table className="table">
        <thead>
          <tr>
            <th>STT</th>
            <th>Họ và tên</th>
            <th>Năm sinh</th>
            <th>Giới tính</th>
            <th>Chức vụ</th>
            <th>Phòng, bộ phận</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {staff.map((s, i) => (
            <tr key={s.id}>
              <td>{i + 1}</td>
              <td>{s.fullName}</td>
              <td>{s.birthYear ?? ''}</td>
              <td>{s.gender === 'nu' ? 'Nữ' : 'Nam'}</td>
              <td>{s.position}</td>
              <td>{s.department}</td>
              <td className="nowrap">
                <button type="button" className="link" onClick={() => setDraft(s)}>
                  Sửa
                </button>{' '}
                <button type="button" className="link" onClick={() => remove(s)}>
                  Xóa
                </button>
              </td>
            </tr>
          ))}
          {!staff.length && (
            <tr>
              <td colSpan={7} className="muted">
                Chưa có cán bộ nào{search ? ' khớp với từ khóa' : ''}.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </Section>
  );
}
