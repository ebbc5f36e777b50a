import { useState, type FormEvent } from 'react';
import type { OwnUnit, Unit, UnitKind } from '../../../electron/ipc/contract';
import { useApi } from '../../api/context';
import { Field, missing, Notice, Options, useAction, useConfirm, type FieldErrors } from '../../components/ui';
import { unitKindLabels } from '../../app/labels';

/** First start: who this installation belongs to. The signing key is made when this is saved. */
export function SetupUnit({ onDone }: { onDone: (unit: OwnUnit) => void }) {
  const api = useApi();
  const { unit, set, errors, busy, message, submit } = useUnitForm(
    { code: '', name: '', kind: 'so_tu_phap', province: '', parentName: '' },
    (checked, run) => run(() => api.call('units-keys.setup', checked)),
    onDone,
  );

  return (
    <form className="card setup" onSubmit={submit} noValidate>
      <h1>Thiết lập đơn vị</h1>
      <p className="muted">Lần đầu sử dụng: nhập thông tin đơn vị. Phần mềm sẽ tạo khóa ký số riêng của đơn vị trên máy này.</p>
      <UnitFields unit={unit} set={set} errors={errors} />
      <Notice message={message} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Đang tạo khóa…' : 'Lưu và tạo khóa ký'}
      </button>
    </form>
  );
}

type UnitErrors = FieldErrors<'name' | 'province' | 'code'>;

const required = (unit: Unit): UnitErrors =>
  missing({ name: [unit.name, 'Hãy nhập tên đơn vị.'], province: [unit.province, 'Hãy nhập tỉnh/thành phố.'], code: [unit.code, 'Hãy nhập mã đơn vị.'] });

type Run = ReturnType<typeof useAction>[2];

/** What both unit forms share: the fields' state, the boxes that must not be empty, and the send. */
function useUnitForm(initial: Unit, send: (unit: Unit, run: Run) => Promise<OwnUnit | undefined>, done: (unit: OwnUnit) => void) {
  const [busy, message, run] = useAction();
  const [unit, setUnit] = useState<Unit>(initial);
  const set = (patch: Partial<Unit>) => setUnit((u) => ({ ...u, ...patch }));
  const [errors, setErrors] = useState<UnitErrors>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const empty = required(unit);
    setErrors(empty);
    if (Object.keys(empty).length) return;
    const saved = await send(unit, run);
    if (saved) done(saved);
  };
  return { unit, set, errors, busy, message, submit };
}

/** The unit's details, the same at first start and when corrected; `codeLocked` says why the code can no longer change. */
function UnitFields({ unit, set, errors, codeLocked = '' }: { unit: Unit; set: (patch: Partial<Unit>) => void; errors: UnitErrors; codeLocked?: string }) {
  return (
    <>
      <Field label="Tên đơn vị" error={errors.name}>
        <input value={unit.name} onChange={(e) => set({ name: e.target.value })} placeholder="Sở Tư pháp tỉnh Tuyên Quang" required />
      </Field>
      <Field label="Loại đơn vị">
        <select value={unit.kind} onChange={(e) => set({ kind: e.target.value as UnitKind })}>
          <Options labels={unitKindLabels} />
        </select>
      </Field>
      <Field label="Tỉnh/thành phố" error={errors.province}>
        <input value={unit.province} onChange={(e) => set({ province: e.target.value })} placeholder="Tuyên Quang" required />
      </Field>
      <Field label="Cơ quan chủ quản" hint="In phía trên tên đơn vị trong văn bản, ví dụ UBND tỉnh Tuyên Quang.">
        <input value={unit.parentName} onChange={(e) => set({ parentName: e.target.value })} />
      </Field>
      <Field label="Mã đơn vị" error={errors.code} hint={codeLocked || 'Mã chính thức dùng để trao đổi hồ sơ, ví dụ STP-TQ.'}>
        <input value={unit.code} onChange={(e) => set({ code: e.target.value.toUpperCase() })} disabled={!!codeLocked} required />
      </Field>
    </>
  );
}

/** Corrects the own unit's details; the signing key stays, the code only until the first export. */
export function EditUnit({ unit: own, onSaved }: { unit: OwnUnit; onSaved: (unit: OwnUnit) => void }) {
  const api = useApi();
  const { unit, set, errors, busy, message, submit } = useUnitForm(
    { code: own.code, name: own.name, kind: own.kind, province: own.province, parentName: own.parentName },
    (checked, run) => run(() => api.call('units-keys.update', checked), (u) => `Đã lưu thông tin ${u.name}.`),
    onSaved,
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Sửa thông tin đơn vị">
      <h3>Sửa thông tin đơn vị</h3>
      <UnitFields unit={unit} set={set} errors={errors} codeLocked={own.codeLockedReason} />
      <Notice message={message} />
      <button type="submit" className="primary" disabled={busy}>
        Lưu thông tin đơn vị
      </button>
    </form>
  );
}

const REPLACE_KEY_WARNING =
  'Chỉ thay khóa khi máy giữ khóa bị mất, hỏng hoặc có thể đã bị sao chép. Sau khi thay: các gói mới được ký bằng khóa mới; Trưởng, Phó Trưởng Khu vực/Cụm phải gọi điện đối chiếu dấu vân tay mới trước khi nhận gói; khi họ đã xác nhận, gói mới ký bằng khóa cũ bị từ chối, còn các gói đã gửi trước đó vẫn giữ nguyên giá trị. Hãy in thẻ khóa mới và báo cho họ.';

export function KeyCard({ unit, onReplaced }: { unit: OwnUnit; onReplaced?: (unit: OwnUnit) => void }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [confirm, ask] = useConfirm();
  const replace = () =>
    ask(REPLACE_KEY_WARNING, 'Tạo khóa mới', async () => {
      const replaced = await run(
        () => api.call('units-keys.replaceKey', {}),
        (u) => `Đã tạo khóa mới ${u.fingerprint}. Hãy in thẻ khóa ký và gọi điện cho Trưởng, Phó Trưởng Khu vực/Cụm để đối chiếu.`,
      );
      if (replaced) onReplaced?.(replaced);
    });
  return (
    <div className="keycard" aria-label="Dấu vân tay khóa ký">
      <div className="muted">Dấu vân tay khóa ký của {unit.name}</div>
      <div className="fingerprint">{unit.fingerprint}</div>
      <div className="muted">Đọc qua điện thoại: {unit.fingerprintWords}</div>
      <div className="row">
        <button type="button" disabled={busy} onClick={() => run(async () => api.save(await api.call('units-keys.printKeyCard', {})), (where) => where)}>
          In thẻ khóa ký (DOCX)
        </button>
        <button type="button" disabled={busy} onClick={replace}>
          Thay khóa ký (máy cũ bị mất, hỏng)
        </button>
      </div>
      {confirm}
      <Notice message={message} />
    </div>
  );
}
