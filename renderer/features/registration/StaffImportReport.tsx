import type { StaffImportReport } from '../../../electron/ipc/contract';

/** Enough duplicates to recognise the case on screen; the count says how many there are in all. */
const SHOWN = 200;
const count = (n: number) => n.toLocaleString('vi-VN');

/** What the last .xlsx import did: columns read and ignored, people added, rows skipped as duplicates, warnings. */
export function StaffImportReportPanel({ report, onClose }: { report: StaffImportReport; onClose: () => void }) {
  const { recognised, ignored, duplicates, warnings } = report;
  return (
    <section className="import-report" aria-label="Kết quả nhập từ Excel">
      <p>
        <strong>Đã nhập {count(report.added)} cán bộ</strong> từ trang tính “{report.sheet}” (dòng tiêu đề: dòng {report.headerRow}).
      </p>
      <p>
        Cột đã nhận:{' '}
        {recognised.map((c, i) => (
          <span key={c.column}>
            {i > 0 && '; '}
            {c.column} “{c.header}” → {c.label}
          </span>
        ))}
        .
      </p>
      {ignored.length > 0 && <p>Cột bỏ qua (không thuộc danh sách cán bộ): {ignored.map((c) => `${c.column} “${c.header}”`).join('; ')}.</p>}
      {duplicates.length > 0 && (
        <>
          <p>Bỏ qua {count(duplicates.length)} người trùng (cùng họ tên và năm sinh):</p>
          <ul>
            {duplicates.slice(0, SHOWN).map((d) => (
              <li key={d.row}>
                Dòng {d.row}: {d.fullName}
                {d.birthYear ? ` (${d.birthYear})` : ''}: {d.sameAsRow ? `trùng dòng ${d.sameAsRow}` : 'đã có trong danh sách cán bộ'}.
              </li>
            ))}
            {duplicates.length > SHOWN && <li>… và {count(duplicates.length - SHOWN)} người khác.</li>}
          </ul>
        </>
      )}
      {warnings.length > 0 && (
        <>
          <p>Lưu ý:</p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={onClose}>
        Đóng kết quả nhập
      </button>
    </section>
  );
}
