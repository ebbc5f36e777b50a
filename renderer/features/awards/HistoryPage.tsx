import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CatalogueItem, HistoryImportReport, NomineeKind, NomineeSummary, StoredYear, YearFacts } from '../../../electron/ipc/contract';
import { formatDateVi } from '../../../electron/services/text/vietnamese';
import { useApi } from '../../api/context';
import { DateInput } from '../../components/DateInput';
import { Field, Notice, Options, Section, useAction } from '../../components/ui';

/** Labels of the history's vocabulary (the services' own labels are values the renderer may not import). */
export const kindLabels: Record<NomineeKind, string> = { unit: 'Đơn vị', division: 'Phòng, bộ phận', person: 'Cá nhân' };
const completionLabels: Record<string, string> = {
  '': 'Chưa đánh giá',
  khong_hoan_thanh: 'Không hoàn thành nhiệm vụ',
  hoan_thanh: 'Hoàn thành nhiệm vụ',
  hoan_thanh_tot: 'Hoàn thành tốt nhiệm vụ',
  hoan_thanh_xuat_sac: 'Hoàn thành xuất sắc nhiệm vụ',
};
const disciplineLabels: Record<string, string> = { '': 'Không bị kỷ luật', khien_trach: 'Khiển trách', canh_cao: 'Cảnh cáo', ha_bac_luong: 'Hạ bậc lương', giang_chuc: 'Giáng chức', cach_chuc: 'Cách chức', buoc_thoi_viec: 'Buộc thôi việc' };
const initiativeLevelLabels: Record<string, string> = { co_so: 'Cấp cơ sở', bo_tinh: 'Cấp Bộ, ngành, tỉnh', toan_quoc: 'Toàn quốc' };
const initiativeKindLabels: Record<string, string> = { sang_kien: 'Sáng kiến', de_tai: 'Đề tài khoa học' };

type Draft = {
  year: string;
  taskCompletion: string;
  code: string;
  decisionNumber: string;
  decisionDate: string;
  discipline: string;
  initiativeTitle: string;
  initiativeKind: string;
  initiativeLevel: string;
};
const blank = (year: number): Draft => ({ year: String(year), taskCompletion: '', code: '', decisionNumber: '', decisionDate: '', discipline: '', initiativeTitle: '', initiativeKind: 'sang_kien', initiativeLevel: 'co_so' });

/**
 * The form set to a year: a year already recorded shows its task completion, so saving a decision or an
 * initiative added to it does not silently turn the recorded level back to "Chưa đánh giá".
 */
const atYear = (d: Draft, year: string, years: StoredYear[]): Draft => ({ ...d, year, taskCompletion: years.find((y) => String(y.facts.year) === year.trim())?.facts.taskCompletion ?? '' });

/** A year's facts from the form, added to what the year already holds (an honour of the same code is replaced). */
function factsOf(d: Draft, before: YearFacts | undefined): YearFacts | string {
  const year = Number(d.year);
  if (!Number.isInteger(year) || year < 1945 || year > 2100) return 'Năm không hợp lệ: ghi năm bằng 4 chữ số, ví dụ 2024.';
  const decision = d.decisionNumber.trim() || d.decisionDate ? { number: d.decisionNumber.trim(), date: d.decisionDate } : null;
  if (decision && (!decision.number || !/^\d{4}-\d{2}-\d{2}$/.test(decision.date))) return 'Quyết định cần cả số và ngày (ngày/tháng/năm).';
  const facts: YearFacts = before
    ? structuredClone(before)
    : { year, taskCompletion: null, honours: [], discipline: [], initiatives: [], confirmed: [], groupLeads: [], targetsExceeded: null };
  facts.taskCompletion = (d.taskCompletion || null) as YearFacts['taskCompletion'];
  if (d.code) facts.honours = [...facts.honours.filter((h) => h.code !== d.code), { code: d.code, decision }];
  if (d.discipline) facts.discipline = [{ level: d.discipline as YearFacts['discipline'][number]['level'], decision: null }];
  if (d.initiativeTitle.trim())
    facts.initiatives = [
      ...facts.initiatives,
      { id: `${year}-${facts.initiatives.length + 1}-${Date.now()}`, title: d.initiativeTitle.trim(), kind: d.initiativeKind as 'sang_kien', level: d.initiativeLevel as 'co_so', decision: null, usedFor: null },
    ];
  return facts;
}

const sourceText = (y: StoredYear) =>
  y.source.kind === 'xlsx' ? `Nhập từ tệp ${y.source.file ?? ''}, dòng ${y.source.rows ?? ''}` : y.source.file ? `Nhập tay (trước đó từ tệp ${y.source.file})` : 'Nhập tay';

/** The history of titles, awards, sáng kiến, task completion and discipline of the unit, its divisions and its people. */
export function HistoryPage({ year }: { year: number }) {
  const api = useApi();
  const [busy, message, run] = useAction();
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<NomineeKind | ''>('');
  const [nominees, setNominees] = useState<NomineeSummary[]>([]);
  const [catalogue, setCatalogue] = useState<CatalogueItem[]>([]);
  const [selected, setSelected] = useState<NomineeSummary | null>(null);
  const [years, setYears] = useState<StoredYear[]>([]);
  const [draft, setDraft] = useState<Draft>(blank(year));
  const [preview, setPreview] = useState<{ report: HistoryImportReport; file: { id: string; name: string; size: number } } | null>(null);
  const [report, setReport] = useState<HistoryImportReport | null>(null);

  const load = useCallback(async () => setNominees(await api.call('awards.nominees', { search, ...(kind ? { kind } : {}) })), [api, search, kind]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void api.call('catalogue.list', {}).then(setCatalogue);
  }, [api]);
  const open = async (n: NomineeSummary) => {
    setSelected(n);
    setDraft(blank(year));
    const stored = (await run(() => api.call('awards.years', { nomineeId: n.id }))) ?? [];
    setYears(stored);
    setDraft(atYear(blank(year), String(year), stored));
  };

  const scope = selected?.kind === 'person' ? 'individual' : 'collective';
  const choices = catalogue.filter((c) => c.scope === scope);
  const names = Object.fromEntries(catalogue.map((c) => [c.code, c.name]));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return;
    const facts = factsOf(draft, years.find((y) => y.facts.year === Number(draft.year))?.facts);
    const saved = await run(
      async () => {
        if (typeof facts === 'string') throw new Error(facts);
        return api.call('awards.saveYear', { nomineeId: selected.id, facts });
      },
      (s) => `Đã lưu năm ${s.facts.year} của ${selected.name}.`,
    );
    if (saved) {
      const stored = (await api.call('awards.years', { nomineeId: selected.id })) ?? [];
      setYears(stored);
      setDraft(atYear(blank(year), String(year), stored));
      await load();
    }
  };

  const pick = async () => {
    setReport(null);
    setPreview(null);
    const done = await run(async () => {
      const file = await api.pickXlsx();
      if (!file) throw new Error('Chưa chọn tệp Excel.');
      return { file, report: await api.call('awards.previewHistoryXlsx', { file }) };
    });
    if (done) setPreview(done);
  };
  const commit = async () => {
    if (!preview) return;
    const done = await run(() => api.call('awards.importHistoryXlsx', { file: preview.file, sha256: preview.report.sha256 }));
    setPreview(null);
    if (done) {
      setReport(done);
      await load();
    }
  };

  return (
    <Section
      title="Lịch sử thi đua, khen thưởng"
      actions={
        <button type="button" onClick={pick} disabled={busy}>
          Nhập từ Excel (.xlsx)…
        </button>
      }
    >
      <p className="muted">
        Tệp Excel theo một trong hai dạng: mỗi dòng một cá nhân hoặc tập thể (Họ và tên, Chức vụ, Đơn vị, Danh hiệu hoặc hình thức khen thưởng, Số và ngày quyết định, Năm), hoặc danh sách kèm theo một quyết định, có dòng tiêu đề “Quyết định số … ngày … công nhận danh hiệu …” phía trên bảng.
      </p>
      <Notice message={message} />
      {preview && <ImportReportPanel report={preview.report} onCommit={commit} onClose={() => setPreview(null)} busy={busy} />}
      {report && <ImportReportPanel report={report} onClose={() => setReport(null)} busy={busy} />}
      <div className="row">
        <Field label="Tìm kiếm (gõ không dấu cũng được)">
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="nguyen" />
        </Field>
        <Field label="Đối tượng">
          <select value={kind} onChange={(e) => setKind(e.target.value as NomineeKind | '')}>
            <option value="">Tất cả</option>
            <Options labels={kindLabels} />
          </select>
        </Field>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>STT</th>
            <th>Tên</th>
            <th>Đối tượng</th>
            <th>Phòng, bộ phận</th>
            <th>Các năm đã có</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {nominees.map((n, i) => (
            <tr key={n.id} className={selected?.id === n.id ? 'selected' : undefined}>
              <td>{i + 1}</td>
              <td>{n.name}</td>
              <td>{kindLabels[n.kind]}</td>
              <td>{n.division}</td>
              <td>{n.years.join(', ')}</td>
              <td>
                <button type="button" className="link nowrap" onClick={() => void open(n)} aria-label={`Xem lịch sử của ${n.name}`}>
                  Xem, nhập năm
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected && (
        <section aria-label={`Lịch sử của ${selected.name}`}>
          <h3>
            {selected.name} ({kindLabels[selected.kind]})
          </h3>
          {years.length === 0 ? (
            <p className="muted">Chưa có năm nào.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Năm</th>
                  <th>Mức hoàn thành nhiệm vụ</th>
                  <th>Danh hiệu, khen thưởng</th>
                  <th>Kỷ luật</th>
                  <th>Sáng kiến, đề tài</th>
                  <th>Nguồn</th>
                </tr>
              </thead>
              <tbody>
                {years.map((y) => (
                  <tr key={y.facts.year}>
                    <td>{y.facts.year}</td>
                    <td>{completionLabels[y.facts.taskCompletion ?? '']}</td>
                    <td>
                      {y.facts.honours
                        .map((h) => `${names[h.code] ?? h.code}${h.decision ? ` (QĐ số ${h.decision.number} ngày ${formatDateVi(h.decision.date)})` : ' (đang đề nghị)'}`)
                        .join('; ')}
                    </td>
                    <td>{y.facts.discipline.map((d) => disciplineLabels[d.level]).join('; ')}</td>
                    <td>{y.facts.initiatives.map((x) => `${x.title} (${initiativeLevelLabels[x.level]})${x.usedFor ? `, đã dùng xét ${names[x.usedFor.code] ?? x.usedFor.code} năm ${x.usedFor.year}` : ''}`).join('; ')}</td>
                    <td>{sourceText(y)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h4>Nhập một năm</h4>
          <p className="muted small">Năm đã có thì những gì ghi ở đây được thêm vào năm đó; cùng một danh hiệu, hình thức khen thưởng thì dòng mới thay dòng cũ.</p>
          <form className="grid4" onSubmit={save} noValidate aria-label="Nhập một năm">
            <Field label="Năm">
              <input inputMode="numeric" value={draft.year} onChange={(e) => setDraft(atYear(draft, e.target.value, years))} />
            </Field>
            <Field label="Mức hoàn thành nhiệm vụ">
              <select value={draft.taskCompletion} onChange={(e) => setDraft({ ...draft, taskCompletion: e.target.value })}>
                <Options labels={completionLabels} />
              </select>
            </Field>
            <Field label="Danh hiệu, hình thức khen thưởng">
              <select value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })}>
                <option value="">Không thêm</option>
                {choices.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Số quyết định">
              <input value={draft.decisionNumber} onChange={(e) => setDraft({ ...draft, decisionNumber: e.target.value })} placeholder="125/QĐ-STP" />
            </Field>
            <Field label="Ngày quyết định">
              <DateInput value={draft.decisionDate} onChange={(v) => setDraft({ ...draft, decisionDate: v })} />
            </Field>
            <Field label="Kỷ luật">
              <select value={draft.discipline} onChange={(e) => setDraft({ ...draft, discipline: e.target.value })}>
                <Options labels={disciplineLabels} />
              </select>
            </Field>
            <Field label="Sáng kiến, đề tài (tên)">
              <input value={draft.initiativeTitle} onChange={(e) => setDraft({ ...draft, initiativeTitle: e.target.value })} />
            </Field>
            <Field label="Loại">
              <select value={draft.initiativeKind} onChange={(e) => setDraft({ ...draft, initiativeKind: e.target.value })}>
                <Options labels={initiativeKindLabels} />
              </select>
            </Field>
            <Field label="Cấp công nhận">
              <select value={draft.initiativeLevel} onChange={(e) => setDraft({ ...draft, initiativeLevel: e.target.value })}>
                <Options labels={initiativeLevelLabels} />
              </select>
            </Field>
            <div className="row">
              <button type="submit" className="primary" disabled={busy}>
                Lưu năm
              </button>
            </div>
          </form>
        </section>
      )}
    </Section>
  );
}

const kindText: Record<NomineeKind, string> = { unit: 'đơn vị', division: 'tập thể phòng', person: 'cá nhân' };

/** What a history sheet holds (a preview, with the button that writes it) or what its import wrote. */
export function ImportReportPanel({ report, onCommit, onClose, busy }: { report: HistoryImportReport; onCommit?: () => void; onClose: () => void; busy: boolean }) {
  const c = report.changes;
  const what = `${c.newNominees} đối tượng mới, ${c.newYears} năm mới, ${c.changedYears} năm bổ sung, ${c.unchangedYears} năm không đổi`;
  return (
    <section className="import-report" aria-label={report.committed ? 'Kết quả nhập lịch sử' : 'Xem trước tệp lịch sử'}>
      <p>
        <strong>{report.committed ? `Đã ghi: ${what}.` : `Xem trước, chưa ghi gì: sẽ ghi ${what}.`}</strong>
      </p>
      {report.sheets.map((sheet) => {
        if (sheet.status !== 'read') {
          return (
            <p key={sheet.name}>
              Trang tính “{sheet.name}” của tệp {report.file}: không đọc ({sheet.status === 'empty' ? 'không có dữ liệu' : 'không nhận ra bảng'}). {sheet.reason}
            </p>
          );
        }
        const matched = report.matched.filter((m) => m.sheet === sheet.name);
        const unmatched = report.unmatched.filter((u) => u.sheet === sheet.name);
        return (
          <section key={sheet.name} aria-label={`Trang tính ${sheet.name}`}>
            <p>
              Trang tính “{sheet.name}” của tệp {report.file} (dòng tiêu đề: dòng {sheet.headerRow}), {sheet.layout === 'rows' ? 'mỗi dòng một cá nhân hoặc tập thể' : 'danh sách kèm theo một quyết định'}.
            </p>
            {sheet.decisionTitle && (
              <p>
                Tiêu đề: {sheet.decisionTitle.decision ? `QĐ số ${sheet.decisionTitle.decision.number} ngày ${formatDateVi(sheet.decisionTitle.decision.date)}` : 'không đọc được quyết định'}
                {sheet.decisionTitle.codeName ? `, «${sheet.decisionTitle.codeName}»` : ''}
                {sheet.decisionTitle.year ? `, năm ${sheet.decisionTitle.year}` : ''}.
              </p>
            )}
            <p>Cột đã nhận: {sheet.recognised.map((col) => `${col.column} “${col.header}” → ${col.label}`).join('; ')}.</p>
            {sheet.ignored.length > 0 && <p>Cột bỏ qua: {sheet.ignored.map((col) => `${col.column} “${col.header}”`).join('; ')}.</p>}
            <p>Đã nhận {matched.length} dòng khớp danh mục:</p>
            <ul aria-label="Dòng đã nhận">
              {matched.map((m) => (
                <li key={`${m.row}-${m.code}`}>
                  Dòng {m.row}: {m.name}
                  {m.division ? ` (${m.division})` : ''}, {kindText[m.kind]}
                  {m.known ? '' : ', mới'}: {m.title ? `“${m.title}” → ` : ''}«{m.codeName}», năm {m.year}
                  {m.decision ? `, QĐ số ${m.decision.number} ngày ${formatDateVi(m.decision.date)}` : ''}.
                </li>
              ))}
            </ul>
            {unmatched.length > 0 && (
              <>
                <p>Không nhận được {unmatched.length} dòng:</p>
                <ul aria-label="Dòng không nhận được">
                  {unmatched.map((u) => (
                    <li key={u.row}>
                      Dòng {u.row}
                      {u.name ? ` (${u.name})` : ''}: {u.reason}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        );
      })}
      {report.warnings.length > 0 && (
        <>
          <p>Lưu ý:</p>
          <ul aria-label="Lưu ý">
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <div className="row">
        {onCommit && (
          <button type="button" className="primary" onClick={onCommit} disabled={busy || report.matched.length === 0}>
            Ghi vào lịch sử
          </button>
        )}
        <button type="button" onClick={onClose}>
          {onCommit ? 'Hủy' : 'Đóng kết quả nhập'}
        </button>
      </div>
    </section>
  );
}
