import { useMemo, useState, type FormEvent } from 'react';
import type { DossierList } from '../../../electron/ipc/contract';
import { compareVi, matchesVi } from '../../../electron/services/text/vietnamese';
import { Field } from '../../components/ui';
import { kindLabels } from '../awards/HistoryPage';
import { compareNominees } from './dossier-labels';

type Choices = DossierList['choices'];
type Choice = Choices['nominees'][number];

/** "Nguyễn Thị Hương — Phó Giám đốc, Ban Giám đốc"; a division or the unit with its kind. */
const choiceLabel = (n: Choice) => (n.kind === 'person' ? [n.name, [n.position, n.division].filter(Boolean).join(', ')].filter(Boolean).join(' — ') : `${n.name} (${kindLabels[n.kind]})`);

/**
 * Picks who is proposed (the unit, a division, a person: found by typing, with or without marks) and
 * an award whose scope fits (collective for the unit and a division, individual for a person).
 */
export function DossierCreate({ choices, onCreate }: { choices: Choices; onCreate: (nomineeId: number, awardCode: string) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [search, setSearch] = useState('');
  const [nomineeId, setNomineeId] = useState('');
  const [awardCode, setAwardCode] = useState('');
  const [error, setError] = useState('');
  const nominees = useMemo(() => [...choices.nominees].sort(compareNominees), [choices.nominees]);
  const nominee = nominees.find((n) => String(n.id) === nomineeId) ?? null;
  // The one picked stays listed while the search changes, so the box never shows a choice it does not hold.
  const shown = nominees.filter((n) => n === nominee || matchesVi(`${n.name} ${n.position} ${n.division}`, search));
  const awards = useMemo(
    () => (nominee ? choices.awards.filter((a) => a.scope === (nominee.kind === 'person' ? 'individual' : 'collective')).sort((a, b) => compareVi(a.name, b.name)) : []),
    [choices.awards, nominee],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!nominee) return setError('Chọn người hoặc tập thể được đề nghị.');
    if (!awards.some((a) => a.code === awardCode)) return setError('Chọn danh hiệu hoặc hình thức khen thưởng.');
    setError('');
    setBusy(true);
    try {
      await onCreate(nominee.id, awardCode);
      setNomineeId('');
      setAwardCode('');
      setSearch('');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="dossier-create" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="dossier-create-title">
      <h3 id="dossier-create-title">Lập hồ sơ mới</h3>
      {nominees.length === 0 ? (
        <p className="muted">Chưa có đối tượng nào: thêm cán bộ ở mục “Cán bộ” hoặc nhập lịch sử khen thưởng trước.</p>
      ) : (
        <div className="row dossier-create-row">
          <Field label="Tìm người hoặc tập thể" hint="Gõ có dấu hoặc không dấu, ví dụ “nguyen”.">
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </Field>
          <Field label="Người hoặc tập thể được đề nghị" hint={search ? `${shown.length} kết quả` : undefined}>
            <select
              value={nomineeId}
              onChange={(e) => {
                setNomineeId(e.target.value);
                setAwardCode('');
              }}
            >
              <option value="">— Chọn —</option>
              {shown.map((n) => (
                <option key={n.id} value={n.id}>
                  {choiceLabel(n)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Danh hiệu, hình thức khen thưởng" hint={nominee ? (nominee.kind === 'person' ? 'Dành cho cá nhân' : 'Dành cho tập thể') : 'Chọn người hoặc tập thể trước'}>
            <select value={awardCode} disabled={!nominee} onChange={(e) => setAwardCode(e.target.value)}>
              <option value="">— Chọn —</option>
              {awards.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            Lập hồ sơ
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
