import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { saveStaff } from '../../electron/services/registration/staff';
import { historyOf, listNominees, yearsOf } from '../../electron/services/awards/history';
import { describeHistoryImport, importHistoryXlsx, matchTitle, MAX_HISTORY_ROWS, previewHistoryXlsx } from '../../electron/services/awards/history-xlsx';
import { evaluate } from '../../electron/services/awards/eligibility';
import { entryOn, ROUND_2025 } from '../helpers/awards';
import { makeUnit, MEMBER, tempDir } from '../helpers/units';
import { dispatch } from '../../electron/api/dispatch';
import type { Context } from '../../electron/api/context';
import { FileHandles } from '../../electron/services/files/handles';
import type { HistoryImportReport } from '../../electron/services/awards/history-schemas';
import { sheetRowXml, sheetXml, writeBombXlsx, writeRawXlsx } from '../helpers/sheets';

/** Past titles and awards from sheets as offices keep them, both layouts, merged cells, and sheets meant to break the reader. */

const ROWS_HEADER = ['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Danh hiệu, hình thức khen thưởng', 'Số, ngày quyết định', 'Năm'];

async function book(file: string, fill: (ws: ExcelJS.Worksheet) => void, name = 'Khen thưởng'): Promise<string> {
  const b = new ExcelJS.Workbook();
  fill(b.addWorksheet(name));
  await b.xlsx.writeFile(file);
  return file;
}

/** A row per person or collective, with a division merged over three rows. */
const rowsSheet = (file: string) =>
  book(file, (ws) => {
    ws.addRow(['DANH SÁCH DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG CÁC NĂM']);
    ws.mergeCells('A1:G1');
    ws.addRow(ROWS_HEADER);
    ws.addRow([1, 'Nguyễn Thị Hương', 'Chuyên viên', 'Phòng Hành chính tư pháp', 'LĐTT', '125/QĐ-STP ngày 15/12/2023', 2023]);
    ws.addRow([2, 'Lò Văn Hải', 'Phó Trưởng phòng', null, 'Chiến sỹ thi đua cơ sở', 'Số 125/QĐ-STP, 15-12-2023', 'năm 2023']);
    ws.addRow([3, 'Nguyễn Thị Hương', 'Chuyên viên', null, 'chiến sĩ thi đua cơ sở', '130/QĐ-STP ngày 16 tháng 12 năm 2024', 2024]);
    ws.mergeCells('D3:D5');
    ws.addRow([4, 'Phòng Hành chính tư pháp', null, null, 'Tập thể lao động tiên tiến', '125/QĐ-STP ngày 15/12/2023', 2023]);
    ws.addRow([5, 'Sở Tư pháp tỉnh Hà Giang', null, null, 'Bằng khen của Bộ trưởng Bộ Tư pháp', '1234/QĐ-BTP ngày 20/01/2024', 2023]);
    ws.addRow([6, 'Đỗ Thị Lan', 'Chuyên viên', 'Văn phòng', 'Bằng khen Bộ trưởng', '1234/QĐ-BTP ngày 20/01/2024', 2023]);
    ws.addRow([7, 'Ma Thị Thu', 'Chuyên viên', 'Văn phòng', 'Huy hiệu Công đoàn', '5/QĐ-CĐ ngày 02/09/2023', 2023]);
    ws.addRow([8, 'Ma Thị Thu', 'Chuyên viên', 'Văn phòng', 'Lao động tiên tiến', '10/QĐ-STP ngày 31/02/2024', 2024]);
    ws.addRow([9, 'Ma Thị Thu', 'Chuyên viên', 'Văn phòng', 'Lao động tiên tiến', '10/QĐ-STP ngày 20/12/2024', 'hai nghìn']);
  });

/** One decision: its title row over a list STT | Họ và tên | Chức vụ | Đơn vị; divisions merged; a merged name. */
const decisionSheet = (file: string) =>
  book(
    file,
    (ws) => {
      ws.addRow(['SỞ TƯ PHÁP TỈNH HÀ GIANG']);
      ws.mergeCells('A1:D1');
      ws.addRow(['DANH SÁCH KÈM THEO QUYẾT ĐỊNH số 125/QĐ-STP ngày 15 tháng 12 năm 2024 của Giám đốc Sở Tư pháp về việc công nhận danh hiệu Lao động tiên tiến năm 2024']);
      ws.mergeCells('A2:D2');
      ws.addRow([]);
      ws.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị']);
      ws.addRow([1, 'Nguyễn Thị Hương', 'Chuyên viên', 'Phòng Hành chính tư pháp']);
      ws.addRow([2, 'Lò Văn Hải', 'Phó Trưởng phòng', null]);
      ws.mergeCells('D5:D6');
      ws.addRow([3, 'Đỗ Thị Lan', 'Chuyên viên', 'Văn phòng']);
      ws.addRow([4, 'Hoàng Văn Nam', 'Chuyên viên', 'Thanh tra']);
      ws.addRow([5, null, 'Chuyên viên', 'Thanh tra']);
      ws.mergeCells('B8:B9');
    },
    'QĐ 125',
  );

async function unit() {
  const { ws } = await makeUnit(MEMBER);
  for (const [fullName, gender, department] of [
    ['Nguyễn Thị Hương', 'nu', 'Phòng Hành chính tư pháp'],
    ['Lò Văn Hải', 'nam', 'Phòng Hành chính tư pháp'],
    ['Đỗ Thị Lan', 'nu', 'Văn phòng'],
  ] as const)
    saveStaff(ws, { fullName, birthYear: 1980, gender, position: '', department, allowDuplicate: false });
  listNominees(ws);
  return ws;
}

describe('titles as offices write them', () => {
  it.each([
    ['LĐTT', ['LDTT']],
    ['Lao động tiên tiến', ['LDTT']],
    ['Công nhận danh hiệu "Lao động tiên tiến" năm 2023', ['LDTT']],
    ['Tập thể Lao động tiên tiến', ['TTLDTT']],
    ['Chiến sỹ thi đua cơ sở', ['CSTDCS']],
    ['CSTĐCS', ['CSTDCS']],
    ['Chiến sĩ thi đua cấp Bộ', ['CSTD_BO']],
    ['Bằng khen của Bộ trưởng Bộ Tư pháp', ['BK_BTP_TT', 'BK_BTP_CN']],
    ['Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Hà Giang', ['BK_UBND_TT', 'BK_UBND_CN']],
    ['Bằng khen của Thủ tướng Chính phủ', ['BK_TTG_TT', 'BK_TTG_CN']],
    ['Cờ thi đua của Bộ Tư pháp', ['CO_BTP']],
    ['Giấy khen của Giám đốc Sở', ['GK_TT', 'GK_CN']],
    ['Kỷ niệm chương "Vì sự nghiệp Tư pháp"', ['KNC_TP']],
  ])('"%s" is %j', (text, codes) => {
    expect(matchTitle(text)?.codes).toEqual(codes);
  });

  it('what the catalogue does not hold matches nothing', () => {
    expect(matchTitle('Huy hiệu Công đoàn')).toBeNull();
    expect(matchTitle('Lao động')).toBeNull();
  });
});

describe('a row per person or collective', () => {
  it('previews without writing, then imports what it recognised, row by row, and says what it could not', async () => {
    const ws = await unit();
    const file = await rowsSheet(path.join(tempDir(), 'khen-thuong.xlsx'));
    const preview = await previewHistoryXlsx(ws, file);
    expect(preview.committed).toBe(false);
    expect(listNominees(ws).flatMap((n) => n.years)).toEqual([]);

    const r = await importHistoryXlsx(ws, file, preview.sha256);
    expect(r.sheets).toMatchObject([{ name: 'Khen thưởng', status: 'read', reason: null, layout: 'rows', headerRow: 2 }]);
    expect(r.matched.map((m) => [m.row, m.name, m.kind, m.division, m.code, m.year, m.decision?.number, m.decision?.date])).toEqual([
      [3, 'Nguyễn Thị Hương', 'person', 'Phòng Hành chính tư pháp', 'LDTT', 2023, '125/QĐ-STP', '2023-12-15'],
      [4, 'Lò Văn Hải', 'person', 'Phòng Hành chính tư pháp', 'CSTDCS', 2023, '125/QĐ-STP', '2023-12-15'],
      [5, 'Nguyễn Thị Hương', 'person', 'Phòng Hành chính tư pháp', 'CSTDCS', 2024, '130/QĐ-STP', '2024-12-16'],
      [6, 'Phòng Hành chính tư pháp', 'division', '', 'TTLDTT', 2023, '125/QĐ-STP', '2023-12-15'],
      [7, 'Sở Tư pháp tỉnh Hà Giang', 'unit', '', 'BK_BTP_TT', 2023, '1234/QĐ-BTP', '2024-01-20'],
      [8, 'Đỗ Thị Lan', 'person', 'Văn phòng', 'BK_BTP_CN', 2023, '1234/QĐ-BTP', '2024-01-20'],
    ]);
    expect(r.unmatched).toEqual([
      { sheet: 'Khen thưởng', row: 9, name: 'Ma Thị Thu', text: 'Huy hiệu Công đoàn', reason: 'không khớp "Huy hiệu Công đoàn" với danh hiệu, hình thức khen thưởng nào trong danh mục.' },
      { sheet: 'Khen thưởng', row: 10, name: 'Ma Thị Thu', text: 'Lao động tiên tiến', reason: expect.stringContaining('ngày quyết định "10/QĐ-STP ngày 31/02/2024" không hợp lệ: Tháng 2 năm 2024 chỉ có 29 ngày') },
      { sheet: 'Khen thưởng', row: 11, name: 'Ma Thị Thu', text: 'Lao động tiên tiến', reason: 'không đọc được năm "hai nghìn" (ghi năm bằng chữ số, ví dụ 2023 hoặc "năm 2023").' },
    ]);
    expect(r.warnings).toContain('Ô D3:D5 là ô gộp trong cột Đơn vị, phòng: giá trị "Phòng Hành chính tư pháp" được dùng cho các dòng 3–5.');
    // Hương (2 years), Hải, Lan, the division, the unit: 6 years, nobody new but... the unit's row and the division were listed from the staff list.
    expect(r.changes).toEqual({ newNominees: 0, newYears: 6, changedYears: 0, unchangedYears: 0 });
    expect(preview.changes).toEqual(r.changes);

    const huong = listNominees(ws, 'nguyen thi huong')[0]!;
    expect(huong.years).toEqual([2024, 2023]);
    const y2023 = yearsOf(ws.db, huong.id).find((y) => y.facts.year === 2023)!;
    expect(y2023.source).toMatchObject({ kind: 'xlsx', file: 'khen-thuong.xlsx', rows: '3' });
    expect(y2023.facts.honours).toEqual([{ code: 'LDTT', decision: { number: '125/QĐ-STP', date: '2023-12-15' } }]);

    const lines = describeHistoryImport(r);
    expect(lines).toContain('  Dòng 4: Lò Văn Hải (Phòng Hành chính tư pháp), cá nhân: "Chiến sỹ thi đua cơ sở" → «Chiến sĩ thi đua cơ sở» (CSTDCS), năm 2023, QĐ số 125/QĐ-STP ngày 15/12/2023.');
    expect(lines).toContain('Không nhận được 3 dòng:');
    expect(lines).toContain('Đã ghi: 0 đối tượng mới, 6 năm mới, 0 năm bổ sung, 0 năm không đổi.');

    // Again: nothing changes, and said so.
    expect((await importHistoryXlsx(ws, file)).changes).toEqual({ newNominees: 0, newYears: 0, changedYears: 0, unchangedYears: 6 });
  });

  it('separate number and date columns, an Excel date cell, a formula with its result; no year column takes the decision date year, and says so', async () => {
    const ws = await unit();
    const file = await book(path.join(tempDir(), 'tach-cot.xlsx'), (ws) => {
      ws.addRow(['Họ và tên', 'Danh hiệu', 'Số quyết định', 'Ngày quyết định']);
      ws.addRow(['Lò Văn Hải', 'Lao động tiên tiến', '88/QĐ-STP', new Date(Date.UTC(2022, 11, 20))]);
      ws.addRow(['Ma Thị Thu', { formula: '"Lao động "&"tiên tiến"', result: 'Lao động tiên tiến' }, '88/QĐ-STP', '20/12/2022']);
      ws.getCell('D2').numFmt = 'dd/mm/yyyy';
    });
    const r = await importHistoryXlsx(ws, file);
    expect(r.matched.map((m) => [m.name, m.year, m.decision, m.known])).toEqual([
      ['Lò Văn Hải', 2022, { number: '88/QĐ-STP', date: '2022-12-20' }, true],
      ['Ma Thị Thu', 2022, { number: '88/QĐ-STP', date: '2022-12-20' }, false],
    ]);
    expect(r.changes.newNominees).toBe(1);
    expect(r.warnings.some((w) => w.startsWith('Dòng không ghi năm được tính theo năm của ngày quyết định'))).toBe(true);
  });
});

describe('a decision under its title row', () => {
  it('reads the decision, the title and the year from the title row, divisions from merged cells, and refuses rows of a merged name', async () => {
    const ws = await unit();
    const file = await decisionSheet(path.join(tempDir(), 'qd-125.xlsx'));
    const r = await importHistoryXlsx(ws, file);
    expect(r.sheets).toHaveLength(1);
    expect(r.sheets[0]).toMatchObject({ name: 'QĐ 125', status: 'read', layout: 'decision' });
    expect(r.sheets[0]!.decisionTitle).toMatchObject({ decision: { number: '125/QĐ-STP', date: '2024-12-15' }, code: 'LDTT', year: 2024 });
    expect(r.matched.map((m) => [m.row, m.name, m.division, m.code, m.year])).toEqual([
      [5, 'Nguyễn Thị Hương', 'Phòng Hành chính tư pháp', 'LDTT', 2024],
      [6, 'Lò Văn Hải', 'Phòng Hành chính tư pháp', 'LDTT', 2024],
      [7, 'Đỗ Thị Lan', 'Văn phòng', 'LDTT', 2024],
    ]);
    expect(r.unmatched.map((u) => u.row)).toEqual([8, 9]);
    expect(r.unmatched[0]!.reason).toContain('ô B8:B9 là ô gộp trong cột Họ và tên (tên tập thể)');
    expect(describeHistoryImport(r)).toContain('Tiêu đề: QĐ số 125/QĐ-STP ngày 15/12/2024, «Lao động tiên tiến», năm 2024.');

    // What was imported is what evaluate reads: 2 of 2 in the division hold LĐTT in 2024.
    const division = listNominees(ws, 'hanh chinh', 'division')[0]!;
    const share = evaluate(entryOn('TTLDTT', '2024-12-31'), historyOf(ws.db, division.id), 2024).results[1]!;
    expect(share).toMatchObject({ status: 'met', reason: expect.stringContaining('2/2 thành viên (100%)') });
    expect(evaluate(entryOn('CSTDCS', ROUND_2025), historyOf(ws.db, listNominees(ws, 'lo van hai')[0]!.id), 2024).results[0]!.status).toBe('met');
  });

  it('a title row naming nothing of the catalogue, without a title column, is refused and nothing written', async () => {
    const ws = await unit();
    const file = await book(path.join(tempDir(), 'qd-cd.xlsx'), (ws) => {
      ws.addRow(['QUYẾT ĐỊNH số 5/QĐ-CĐ ngày 02/09/2023 về việc tặng Huy hiệu Công đoàn']);
      ws.addRow(['STT', 'Họ và tên', 'Đơn vị']);
      ws.addRow([1, 'Lò Văn Hải', 'Văn phòng']);
    });
    await expect(importHistoryXlsx(ws, file)).rejects.toThrow(/không có cột danh hiệu, hình thức khen thưởng, và dòng tiêu đề phía trên bảng không nêu danh hiệu nào trong danh mục/);
    expect(listNominees(ws).flatMap((n) => n.years)).toEqual([]);
  });
});

/** One sheet per decision, as an office keeps a year's decisions in one workbook, with a notes sheet, an empty one and one of another body's awards. */
async function decisionsWorkbook(file: string): Promise<string> {
  const b = new ExcelJS.Workbook();
  const decision = (name: string, title: string, people: [string, string, string][]) => {
    const ws = b.addWorksheet(name);
    ws.addRow([title]);
    ws.mergeCells('A1:D1');
    ws.addRow(['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị']);
    people.forEach((p, i) => ws.addRow([i + 1, ...p]));
  };
  decision('QĐ 125', 'QUYẾT ĐỊNH số 125/QĐ-STP ngày 15/12/2024 của Giám đốc Sở Tư pháp công nhận danh hiệu Lao động tiên tiến năm 2024', [
    ['Nguyễn Thị Hương', 'Chuyên viên', 'Phòng Hành chính tư pháp'],
    ['Lò Văn Hải', 'Phó Trưởng phòng', 'Phòng Hành chính tư pháp'],
  ]);
  b.addWorksheet('Ghi chú').addRow(['Các quyết định khen thưởng năm 2024, mỗi quyết định một trang.']);
  decision('QĐ 130', 'QUYẾT ĐỊNH số 130/QĐ-STP ngày 16/12/2024 công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2024', [['Nguyễn Thị Hương', 'Chuyên viên', 'Phòng Hành chính tư pháp']]);
  b.addWorksheet('Trống');
  decision('QĐ 5 Công đoàn', 'QUYẾT ĐỊNH số 5/QĐ-CĐ ngày 02/09/2024 về việc tặng Huy hiệu Công đoàn', [['Đỗ Thị Lan', 'Chuyên viên', 'Văn phòng']]);
  await b.xlsx.writeFile(file);
  return file;
}

describe('one sheet per decision', () => {
  it('reads every sheet under its own title row, rows named with their sheet; an empty or unrecognised sheet is reported, not fatal', async () => {
    const ws = await unit();
    const file = await decisionsWorkbook(path.join(tempDir(), 'quyet-dinh-2024.xlsx'));
    const r = await importHistoryXlsx(ws, file);
    expect(r.sheets.map((x) => [x.name, x.status, x.layout, x.headerRow, x.decisionTitle?.decision?.number ?? null, x.decisionTitle?.code ?? null])).toEqual([
      ['QĐ 125', 'read', 'decision', 2, '125/QĐ-STP', 'LDTT'],
      ['Ghi chú', 'unrecognised', null, null, null, null],
      ['QĐ 130', 'read', 'decision', 2, '130/QĐ-STP', 'CSTDCS'],
      ['Trống', 'empty', null, null, null, null],
      ['QĐ 5 Công đoàn', 'unrecognised', null, null, null, null],
    ]);
    expect(r.sheets[1]!.reason).toBe('Không tìm thấy dòng tiêu đề có cột "Họ và tên" (hoặc "Tên tập thể, cá nhân") trong 15 dòng đầu của trang tính "Ghi chú".');
    expect(r.sheets[3]!.reason).toBe('Trang tính "Trống" trống.');
    expect(r.sheets[4]!.reason).toContain('Trang tính "QĐ 5 Công đoàn" không có cột danh hiệu, hình thức khen thưởng, và dòng tiêu đề phía trên bảng không nêu danh hiệu nào trong danh mục');
    expect(r.matched.map((m) => [m.sheet, m.row, m.name, m.code, m.year, m.decision?.number])).toEqual([
      ['QĐ 125', 3, 'Nguyễn Thị Hương', 'LDTT', 2024, '125/QĐ-STP'],
      ['QĐ 125', 4, 'Lò Văn Hải', 'LDTT', 2024, '125/QĐ-STP'],
      ['QĐ 130', 3, 'Nguyễn Thị Hương', 'CSTDCS', 2024, '130/QĐ-STP'],
    ]);
    expect(r.unmatched).toEqual([]);
    // Hương's 2024 holds both decisions, from two sheets: one year, its rows named with their sheet.
    expect(r.changes).toEqual({ newNominees: 0, newYears: 2, changedYears: 0, unchangedYears: 0 });
    const huong = yearsOf(ws.db, listNominees(ws, 'nguyen thi huong')[0]!.id)[0]!;
    expect(huong.facts.honours).toEqual([
      { code: 'LDTT', decision: { number: '125/QĐ-STP', date: '2024-12-15' } },
      { code: 'CSTDCS', decision: { number: '130/QĐ-STP', date: '2024-12-16' } },
    ]);
    expect(huong.source).toMatchObject({ kind: 'xlsx', file: 'quyet-dinh-2024.xlsx', rows: '3 (trang QĐ 125), 3 (trang QĐ 130)' });
    const lines = describeHistoryImport(r);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Trang tính "QĐ 125" của tệp quyet-dinh-2024.xlsx (dòng tiêu đề: 2), danh sách kèm theo một quyết định.',
        'Tiêu đề: QĐ số 125/QĐ-STP ngày 15/12/2024, «Lao động tiên tiến», năm 2024.',
        'Trang tính "Ghi chú" của tệp quyet-dinh-2024.xlsx: không đọc (không nhận ra bảng). Không tìm thấy dòng tiêu đề có cột "Họ và tên" (hoặc "Tên tập thể, cá nhân") trong 15 dòng đầu của trang tính "Ghi chú".',
        'Trang tính "QĐ 130" của tệp quyet-dinh-2024.xlsx (dòng tiêu đề: 2), danh sách kèm theo một quyết định.',
        'Tiêu đề: QĐ số 130/QĐ-STP ngày 16/12/2024, «Chiến sĩ thi đua cơ sở», năm 2024.',
        '  Dòng 3: Nguyễn Thị Hương (Phòng Hành chính tư pháp), cá nhân: «Chiến sĩ thi đua cơ sở» (CSTDCS), năm 2024, QĐ số 130/QĐ-STP ngày 16/12/2024.',
        'Trang tính "Trống" của tệp quyet-dinh-2024.xlsx: không đọc (không có dữ liệu). Trang tính "Trống" trống.',
        'Đã ghi: 0 đối tượng mới, 2 năm mới, 0 năm bổ sung, 0 năm không đổi.',
      ]),
    );
    // Each sheet's own lines come under its heading, in the workbook's order.
    expect(lines.indexOf('Đã nhận 1 dòng khớp danh mục:')).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Trang tính "QĐ 130"')));
  });

  it('a workbook of which no sheet can be read is refused, naming each sheet and why', async () => {
    const ws = await unit();
    const b = new ExcelJS.Workbook();
    b.addWorksheet('Trang 1');
    b.addWorksheet('Trang 2').addRow(['Ghi chú']);
    const file = path.join(tempDir(), 'khong-doc-duoc.xlsx');
    await b.xlsx.writeFile(file);
    await expect(importHistoryXlsx(ws, file)).rejects.toThrow(
      'Không đọc được trang tính nào của tệp: Trang tính "Trang 1" trống. Không tìm thấy dòng tiêu đề có cột "Họ và tên" (hoặc "Tên tập thể, cá nhân") trong 15 dòng đầu của trang tính "Trang 2".',
    );
  });

  it('counts the row limit over every sheet together', async () => {
    const ws = await unit();
    const b = new ExcelJS.Workbook();
    for (const name of ['A', 'B']) {
      const sheet = b.addWorksheet(name);
      sheet.addRow(['Họ và tên', 'Danh hiệu', 'Năm']);
      for (let i = 0; i < MAX_HISTORY_ROWS / 2 + 1; i++) sheet.addRow([`Người ${name}${i}`, 'LĐTT', 2020]);
    }
    const file = path.join(tempDir(), 'hai-trang-lon.xlsx');
    await b.xlsx.writeFile(file);
    await expect(importHistoryXlsx(ws, file)).rejects.toThrow('Tệp có quá 20.000 dòng');
    expect(listNominees(ws, '', 'person')).toHaveLength(3);
  });
});

describe('hostile sheets', () => {
  it('a compression bomb, garbage, a missing file, an empty sheet: refused in Vietnamese', async () => {
    const ws = await unit();
    const dir = tempDir();
    await expect(importHistoryXlsx(ws, await writeBombXlsx(path.join(dir, 'bom.xlsx'), 1024 * 1024 * 1024))).rejects.toThrow(/^Tệp Excel quá lớn khi giải nén/);
    fs.writeFileSync(path.join(dir, 'rac.xlsx'), 'rác');
    await expect(importHistoryXlsx(ws, path.join(dir, 'rac.xlsx'))).rejects.toThrow(/^Không đọc được tệp Excel: tệp phải có định dạng .xlsx/);
    await expect(importHistoryXlsx(ws, path.join(dir, 'khong-co.xlsx'))).rejects.toThrow(/^Không mở được tệp Excel/);
    await expect(importHistoryXlsx(ws, await book(path.join(dir, 'trong.xlsx'), () => {}))).rejects.toThrow('Trang tính "Khen thưởng" trống.');
    await expect(importHistoryXlsx(ws, await book(path.join(dir, 'khong-tieu-de.xlsx'), (s) => s.addRow(['Danh sách', 'năm 2024'])))).rejects.toThrow(/^Không tìm thấy dòng tiêu đề có cột "Họ và tên"/);
    await expect(importHistoryXlsx(ws, await book(path.join(dir, 'chi-tieu-de.xlsx'), (s) => s.addRow(['Họ và tên', 'Danh hiệu'])))).rejects.toThrow(/không có dòng nào dưới dòng tiêu đề \(dòng 1\)/);
  });

  it('wrong types and formulas without a stored result are listed per row; the rest is imported', async () => {
    const ws = await unit();
    const rows = [
      sheetRowXml(1, ['Họ và tên', 'Danh hiệu', 'Năm']),
      sheetRowXml(2, ['Lò Văn Hải', 'Lao động tiên tiến', 2021]),
      sheetRowXml(3, ['Đỗ Thị Lan', 'Lao động tiên tiến', 20.5]),
      sheetRowXml(4, ['Nguyễn Thị Hương', 'Lao động tiên tiến', 1890]),
      '<row r="5"><c r="A5" t="inlineStr"><is><t>Ma Thị Thu</t></is></c><c r="B5"><f>CONCAT("Lao động"," tiên tiến")</f></c><c r="C5"><v>2021</v></c></row>',
      '<row r="6"><c r="A6" t="inlineStr"><is><t>Hoàng Văn Nam</t></is></c><c r="B6" t="e"><v>#REF!</v></c><c r="C6"><v>2021</v></c></row>',
    ].join('');
    const r = await importHistoryXlsx(ws, await writeRawXlsx(path.join(tempDir(), 'kieu-sai.xlsx'), sheetXml(rows)));
    expect(r.matched.map((m) => m.name)).toEqual(['Lò Văn Hải']);
    expect(r.unmatched.map((u) => [u.row, u.reason])).toEqual([
      [3, 'không đọc được năm "20.5" (ghi năm bằng chữ số, ví dụ 2023 hoặc "năm 2023").'],
      [4, 'không đọc được năm "1890" (ghi năm bằng chữ số, ví dụ 2023 hoặc "năm 2023").'],
      [5, expect.stringMatching(/^ô B5 \(cột Danh hiệu, hình thức khen thưởng\) là công thức chưa có kết quả đã lưu/)],
      [6, 'ô B6 (cột Danh hiệu, hình thức khen thưởng) có lỗi #REF!.'],
    ]);
  });

  it(`more than ${MAX_HISTORY_ROWS} rows is refused before anything is written`, async () => {
    const ws = await unit();
    const rows = [sheetRowXml(1, ['Họ và tên', 'Danh hiệu', 'Năm'])];
    for (let i = 2; i <= MAX_HISTORY_ROWS + 2; i++) rows.push(sheetRowXml(i, [`Người ${i}`, 'LĐTT', 2020]));
    const file = await writeRawXlsx(path.join(tempDir(), 'lon.xlsx'), sheetXml(rows.join('')));
    await expect(importHistoryXlsx(ws, file)).rejects.toThrow('Tệp có quá 20.000 dòng');
    expect(listNominees(ws, '', 'person')).toHaveLength(3);
  });

  it('a file changed between the preview and the import is refused', async () => {
    const ws = await unit();
    const file = await rowsSheet(path.join(tempDir(), 'doi.xlsx'));
    const preview = await previewHistoryXlsx(ws, file);
    await decisionSheet(file);
    await expect(importHistoryXlsx(ws, file, preview.sha256)).rejects.toThrow('Tệp Excel đã thay đổi sau khi xem trước');
    expect(listNominees(ws).flatMap((n) => n.years)).toEqual([]);
  });
});

describe('thidua history import', () => {
  const cli = path.resolve('dist/cli.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it(
    'prints the report in Vietnamese or as JSON (exit 0); --dry-run writes nothing; an unreadable file exits 1 with a Vietnamese message',
    async () => {
      const ws = await unit();
      const db = path.join(ws.dataDir, 'thidua.sqlite');
      ws.close();
      const file = await decisionSheet(path.join(tempDir(), 'qd-125.xlsx'));
      const dry = run('history', 'import', '--db', db, '--dry-run', file);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain('Xem trước, chưa ghi gì: sẽ ghi 0 đối tượng mới, 3 năm mới');
      const text = run('history', 'import', '--db', db, file);
      expect(text.status).toBe(0);
      expect(text.stdout.split('\n')).toEqual(
        expect.arrayContaining([
          'Trang tính "QĐ 125" của tệp qd-125.xlsx (dòng tiêu đề: 4), danh sách kèm theo một quyết định.',
          '  Dòng 5: Nguyễn Thị Hương (Phòng Hành chính tư pháp), cá nhân: «Lao động tiên tiến» (LDTT), năm 2024, QĐ số 125/QĐ-STP ngày 15/12/2024.',
          'Không nhận được 2 dòng:',
          '  Dòng 8 (Hoàng Văn Nam): ô B8:B9 là ô gộp trong cột Họ và tên (tên tập thể): các dòng 8–9 không thể cùng một tên; hãy bỏ gộp ô.',
          'Đã ghi: 0 đối tượng mới, 3 năm mới, 0 năm bổ sung, 0 năm không đổi.',
        ]),
      );
      const json = run('history', 'import', '--db', db, '--json', file);
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ committed: true, changes: { unchangedYears: 3 }, unmatched: [{ row: 8 }, { row: 9 }] });

      // A workbook of one sheet per decision: each sheet said, read or not.
      const several = run('history', 'import', '--db', db, '--dry-run', await decisionsWorkbook(path.join(tempDir(), 'quyet-dinh-2024.xlsx')));
      expect(several.status).toBe(0);
      expect(several.stdout.split('\n').filter((l) => l.startsWith('Trang tính'))).toEqual([
        'Trang tính "QĐ 125" của tệp quyet-dinh-2024.xlsx (dòng tiêu đề: 2), danh sách kèm theo một quyết định.',
        'Trang tính "Ghi chú" của tệp quyet-dinh-2024.xlsx: không đọc (không nhận ra bảng). Không tìm thấy dòng tiêu đề có cột "Họ và tên" (hoặc "Tên tập thể, cá nhân") trong 15 dòng đầu của trang tính "Ghi chú".',
        'Trang tính "QĐ 130" của tệp quyet-dinh-2024.xlsx (dòng tiêu đề: 2), danh sách kèm theo một quyết định.',
        'Trang tính "Trống" của tệp quyet-dinh-2024.xlsx: không đọc (không có dữ liệu). Trang tính "Trống" trống.',
        expect.stringMatching(/^Trang tính "QĐ 5 Công đoàn" của tệp quyet-dinh-2024.xlsx: không đọc \(không nhận ra bảng\)\. Trang tính "QĐ 5 Công đoàn" không có cột danh hiệu/),
      ]);

      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'rac.xlsx'), 'rác');
      const refused = run('history', 'import', '--db', db, path.join(dir, 'rac.xlsx'));
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/^Lỗi: Không đọc được tệp Excel: tệp phải có định dạng .xlsx/);
      const missing = run('history', 'import', '--db', db, '--json', path.join(dir, 'khong-co.xlsx'));
      expect(missing.status).toBe(1);
      expect(JSON.parse(missing.stdout).error).toMatch(/^Không mở được tệp Excel/);
      expect(run('history', 'import', path.join(dir, 'rac.xlsx')).stderr).toContain('Lỗi: Thiếu --db TỆP');
    },
    120_000,
  );
});

describe('through the contract (awards.*)', () => {
  it('previews a sheet, imports it with the preview sha256, lists the register and the eligibility view; bad input is refused in Vietnamese', async () => {
    const ws = await unit();
    const ctx: Context = {
      ws,
      files: new FileHandles(),
      host: { shell: 'browser', pickBundles: async () => [], pickXlsx: async () => null, pickDocument: async () => null, saveAs: async () => ({ saved: false, where: '' }), saveAll: async () => ({ saved: false, where: '' }), openFile: async () => {} },
    };
    const file = ctx.files.register(await decisionSheet(path.join(tempDir(), 'qd.xlsx')));
    const preview = await dispatch('awards.previewHistoryXlsx', { file }, ctx);
    if (!preview.ok) throw new Error(preview.error);
    const report = preview.value as HistoryImportReport;
    expect(report.committed).toBe(false);
    const done = await dispatch('awards.importHistoryXlsx', { file, sha256: report.sha256 }, ctx);
    expect(done).toMatchObject({ ok: true, value: { committed: true, changes: { newYears: 3 } } });
    const people = await dispatch('awards.nominees', { search: 'lo van', kind: 'person' }, ctx);
    expect(people).toMatchObject({ ok: true, value: [{ name: 'Lò Văn Hải', years: [2024] }] });
    const id = (people as { value: { id: number }[] }).value[0]!.id;
    const saved = await dispatch('awards.saveYear', { nomineeId: id, facts: { year: 2023, taskCompletion: 'hoan_thanh_tot', honours: [], discipline: [], initiatives: [], confirmed: [], groupLeads: [], targetsExceeded: null } }, ctx);
    expect(saved).toMatchObject({ ok: true, value: { source: { kind: 'manual' } } });
    const view = await dispatch('awards.eligibility', { year: 2024 }, ctx);
    expect(view).toMatchObject({ ok: true, value: { dateText: '31/12/2024' } });
    expect(await dispatch('awards.saveYear', { nomineeId: id, facts: { year: 2023 } }, ctx)).toMatchObject({ ok: false });
    expect(await dispatch('awards.eligibility', { year: 2024, date: '31/12/2024' }, ctx)).toEqual({ ok: false, error: 'Ngày xét không hợp lệ.' });
    expect(await dispatch('awards.addNominee', { kind: 'unit', name: 'Sở khác' }, ctx)).toEqual({ ok: false, error: 'Chỉ thêm được phòng, bộ phận hoặc cá nhân.' });
  });
});
