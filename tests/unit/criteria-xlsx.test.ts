import fs from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_CRITERIA_ROWS, readCriteriaXlsx, ruleFromGuide } from '../../electron/services/scoring/criteria-xlsx';
import type { CriteriaNode } from '../../electron/services/scoring/criteria-schemas';
import { tempDir } from '../helpers/units';
import { sheetRowXml, sheetXml, writeBombXlsx, writeRawXlsx } from '../helpers/sheets';

const MB = 1024 * 1024;

/**
 * A table as an office makes it: title and decision rows above the header, a column-numbering row,
 * merged group titles, a merged points cell over three rows, "1,5" written as text, a bonus and a
 * deduction section, a blank row, a number typed wrong and one written with a comma.
 */
async function officeWorkbook(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Bảng chấm điểm');
  ws.addRow(['BỘ TƯ PHÁP']);
  ws.addRow(['BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA KHU VỰC MIỀN NÚI PHÍA BẮC NĂM 2024']);
  ws.mergeCells('A2:F2');
  ws.addRow(['(Kèm theo Quyết định số 536/QĐ-BTP ngày 29/3/2024 của Bộ trưởng Bộ Tư pháp)']);
  ws.mergeCells('A3:F3');
  ws.addRow([]);
  ws.addRow(['Số TT', 'Nội dung tiêu chí', 'Điểm tối đa', 'Cách chấm', 'Tài liệu minh chứng', 'Ghi chú']); // row 5
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']);
  ws.addRow(['I', 'THỰC HIỆN CHẾ ĐỘ BÁO CÁO', 4]); // 7
  ws.mergeCells('D7:F7');
  ws.addRow([1, 'Báo cáo công tác tư pháp năm', 2, 'Gửi đúng hạn: điểm tối đa; chậm 01 - 02 ngày: 1,5 điểm; chậm 03 - 05 ngày: 1 điểm; chậm quá 05 ngày hoặc không gửi: 0 điểm.', 'Công văn gửi báo cáo']);
  ws.addRow(['2', 'Báo cáo thống kê', '1,5', 'Chấm theo chất lượng', '']);
  ws.addRow(['3', 'Báo cáo đột xuất', '0,5', '', '', 'Theo yêu cầu của Bộ']); // 10
  ws.addRow(['II. XÂY DỰNG VĂN BẢN (16 điểm)']); // 11: title merged across the whole row, number inside
  ws.mergeCells('A11:F11');
  ws.addRow(['1', 'Tỷ lệ văn bản được thẩm định đúng hạn', 10, 'Đạt 100%: điểm tối đa; từ 95% đến dưới 100%: 3/4 số điểm; từ 80% đến dưới 95%: 1/2; dưới 80%: 0 điểm', 'Sổ theo dõi']);
  ws.addRow(['2', 'Kiểm tra văn bản', 6]); // 13
  ws.addRow(['2.1', 'Kiểm tra theo thẩm quyền', 3, 'Có kế hoạch và báo cáo kết quả', 'Kế hoạch kiểm tra']);
  ws.addRow(['2,2', 'Xử lý văn bản trái pháp luật', 3, '', '']); // 15: comma for a dot
  ws.addRow([]);
  ws.addRow(['III', 'CÔNG TÁC PHỔ BIẾN PHÁP LUẬT', 5]); // 17
  ws.addRow(['1', 'Tổ chức Ngày Pháp luật', 5, 'Chấm theo các nội dung dưới đây', 'Báo cáo kết quả']); // 18: points merged over 18–20
  ws.addRow(['a', 'Có kế hoạch', null, 'Có: 2 điểm']);
  ws.addRow(['b', 'Tổ chức hưởng ứng', null, 'Có: 3 điểm']);
  ws.mergeCells('C18:C20');
  ws.addRow(['IV', 'ĐIỂM THƯỞNG', 'Tối đa 5 điểm']); // 21
  ws.addRow(['1', 'Mô hình hay được Bộ công nhận', 3]);
  ws.addRow(['2', 'Được khen thưởng đột xuất', 2]);
  ws.addRow(['V', 'ĐIỂM TRỪ', 10]); // 24
  ws.addRow(['1', 'Chậm gửi báo cáo', -2]);
  ws.addRow(['1..2', 'Có cán bộ bị kỷ luật', 8]); // 26: a number typed wrong
  ws.addRow(['', 'Tổng cộng', 25]);
  ws.addRow(['', '', '', '', 'NGƯỜI LẬP BẢNG']);
  await wb.xlsx.writeFile(file);
  return file;
}

const byNumber = (nodes: CriteriaNode[], ...path: string[]): CriteriaNode => {
  const [first, ...rest] = path;
  const n = nodes.find((x) => x.number === first)!;
  expect(n, `mục ${path.join(' › ')}`).toBeDefined();
  return rest.length ? byNumber(n.children, ...rest) : n;
};

describe('criteria table from an .xlsx laid out as offices make them', () => {
  it('builds the tree from the numbering, reads merged cells, comma points, sections and graded rules', async () => {
    const file = await officeWorkbook(path.join(tempDir(), 'bang-tieu-chi.xlsx'));
    const r = await readCriteriaXlsx(file, { year: 2024 });
    const t = r.table;
    expect(t.title).toBe('BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA KHU VỰC MIỀN NÚI PHÍA BẮC NĂM 2024');
    expect(t.source).toBe('Kèm theo Quyết định số 536/QĐ-BTP ngày 29/3/2024 của Bộ trưởng Bộ Tư pháp');
    expect(t.year).toBe(2024);
    expect(t.sample).toBe(false);
    expect(t.nodes.map((n) => [n.id, n.number, n.kind, n.role, n.max])).toEqual([
      ['i', 'I', 'group', 'standard', 4],
      ['ii', 'II', 'group', 'standard', 16],
      ['iii', 'III', 'group', 'standard', 5],
      ['iv', 'IV', 'group', 'bonus', 5],
      ['v', 'V', 'group', 'deduction', 10],
    ]);
    expect(byNumber(t.nodes, 'II').content).toBe('XÂY DỰNG VĂN BẢN');

    const report = byNumber(t.nodes, 'I', '1');
    expect(report).toMatchObject({ id: 'i.1', kind: 'item', max: 2, evidence: 'Công văn gửi báo cáo', evidence_required: true });
    expect(report.rule).toEqual({ type: 'lateness', brackets: [{ days: 0, points: 2 }, { days: 2, points: 1.5 }, { days: 5, points: 1 }], beyond: 0 });
    expect(byNumber(t.nodes, 'I', '2')).toMatchObject({ max: 1.5, rule: { type: 'manual' }, evidence_required: false });
    expect(byNumber(t.nodes, 'I', '3').guide).toBe('Ghi chú: Theo yêu cầu của Bộ');
    expect(byNumber(t.nodes, 'II', '1').rule).toEqual({
      type: 'percentage',
      brackets: [
        { from: 100, strict: false, points: 10 },
        { from: 95, strict: false, points: 7.5 },
        { from: 80, strict: false, points: 5 },
      ],
      below: 0,
    });
    expect(byNumber(t.nodes, 'II', '2').children.map((c) => [c.id, c.number, c.max])).toEqual([
      ['ii.2.1', '2.1', 3],
      ['ii.2.2', '2.2', 3],
    ]);
    // The merged points cell over 18–20: a and b are how item 1 is scored, not items of their own.
    const day = byNumber(t.nodes, 'III', '1');
    expect(day).toMatchObject({ kind: 'item', max: 5, children: [] });
    expect(day.guide).toBe('Chấm theo các nội dung dưới đây\na) Có kế hoạch: Có: 2 điểm\nb) Tổ chức hưởng ứng: Có: 3 điểm');
    expect(byNumber(t.nodes, 'IV').children.map((c) => [c.role, c.max, c.rule?.type])).toEqual([
      ['bonus', 3, 'manual'],
      ['bonus', 2, 'manual'],
    ]);
    expect(byNumber(t.nodes, 'V').children.map((c) => [c.id, c.number, c.role, c.max])).toEqual([
      ['v.1', '1', 'deduction', 2],
      ['v.r26', '1..2', 'deduction', 8],
    ]);

    expect(r.recognised).toEqual(
      expect.arrayContaining([
        'Trang tính "Bảng chấm điểm", dòng tiêu đề 5: cột A là "STT", cột B là "Nội dung tiêu chí", cột C là "Điểm chuẩn", cột D là "Hướng dẫn chấm", cột E là "Tài liệu minh chứng", cột F là "Ghi chú".',
        'Dòng 18–20: ô điểm chuẩn gộp 5 điểm, thuộc mục 1.',
        'Dòng 21: mục IV là phần điểm thưởng, tối đa 5 điểm.',
        'Dòng 24: mục V là phần điểm trừ, tối đa 10 điểm.',
        'Dòng 8: mục 1 chấm theo số ngày chậm (đúng hạn 2; chậm đến 2 ngày 1,5; chậm đến 5 ngày 1; chậm hơn 0), theo hướng dẫn chấm.',
        'Dòng 27: "Tổng cộng" là dòng tổng, bảng kết thúc ở đây; các dòng bên dưới (chữ ký, ghi chú) không đọc.',
      ]),
    );
    expect(r.unread).toEqual([
      { row: 15, message: 'Dòng 15: số thứ tự "2,2" viết dấu phẩy; đã hiểu là "2.2".' },
      { row: 26, message: 'Dòng 26: số thứ tự "1..2" không theo kiểu I, 1, 1.1, a; đã đặt vào mục V, hãy sửa lại số thứ tự.' },
    ]);
    // The checks run on the proposal: only the typo'd number is left to fix.
    expect(r.problems).toEqual([{ severity: 'warning', node: 'v.r26', message: 'Không đọc được số thứ tự "1..2".' }]);
  });

  it('reads the classification section into classes with thresholds, reports what it cannot read, and serves the unit kinds it is told', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('THADS');
    ws.addRow(['BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA CỤM THI HÀNH ÁN DÂN SỰ NĂM 2024']);
    ws.mergeCells('A1:E1');
    ws.addRow(['STT', 'Nội dung tiêu chí', 'Điểm chuẩn', 'Hướng dẫn chấm', 'Tài liệu minh chứng']); // 2
    ws.addRow(['I', 'KẾT QUẢ THI HÀNH ÁN', 150]);
    ws.addRow(['1', 'Thi hành xong về việc', 100]);
    ws.addRow(['2', 'Thi hành xong về tiền', 50]); // 5
    ws.addRow(['II', 'CÔNG TÁC KHÁC', 50]);
    ws.addRow(['1', 'Chế độ báo cáo', 50]); // 7
    ws.addRow(['', '- Xếp loại xuất sắc: đạt từ 195 điểm']); // 8: inside the table, in the content column
    ws.addRow(['', 'Tổng cộng', 200]); // 9
    ws.addRow(['XẾP LOẠI']); // 10
    ws.mergeCells('A10:E10');
    ws.addRow(['Loại A: từ 180 điểm trở lên và hoàn thành 03 chỉ tiêu được giao']); // 11
    ws.mergeCells('A11:E11');
    ws.addRow(['Loại B: từ 160 đến dưới 180 điểm']);
    ws.mergeCells('A12:E12');
    ws.addRow(['Loại C: dưới 160 điểm']);
    ws.mergeCells('A13:E13');
    ws.addRow(['Loại D: trên 100 điểm']); // 14: "above", which a threshold "from" cannot state
    ws.mergeCells('A14:E14');
    const file = path.join(tempDir(), 'thads.xlsx');
    await wb.xlsx.writeFile(file);

    const r = await readCriteriaXlsx(file, { year: 2024, unitKinds: ['thads'] });
    expect(r.table.unit_kinds).toEqual(['thads']);
    expect(r.table.classes.map((c) => [c.code, c.label, c.min_total, c.conditions])).toEqual([
      ['XUATSAC', 'Loại xuất sắc', 195, []],
      ['A', 'Loại A', 180, []],
      ['B', 'Loại B', 160, []],
      ['C', 'Loại C', 0, []],
    ]);
    // The class line inside the table is not taken for a criterion, nor for the guide of the one above it.
    expect(r.table.nodes.map((n) => [n.number, n.max, n.children.length])).toEqual([
      ['I', 150, 2],
      ['II', 50, 1],
    ]);
    expect(r.table.nodes[1]!.children[0]!.guide).toBe('');
    expect(r.recognised).toEqual(expect.arrayContaining(['Dòng 11: Loại A từ 180 điểm.', 'Dòng 13: Loại C từ 0 điểm.', 'Bảng áp dụng cho Cục THADS / THADS tỉnh.']));
    expect(r.unread).toEqual([
      { row: 11, message: 'Dòng 11: Loại A còn đòi "từ 180 điểm trở lên và hoàn thành 03 chỉ tiêu được giao"; điều kiện kèm theo chưa đọc được, hãy khai báo điều kiện xếp loại trên màn hình.' },
      {
        row: 14,
        message: 'Dòng 14: "Loại D: trên 100 điểm" là một mức xếp loại nhưng không đọc được ngưỡng điểm (chỉ đọc "từ … điểm trở lên", "từ … đến dưới … điểm", "dưới … điểm"); hãy khai báo loại này trên màn hình.',
      },
    ]);
    expect(r.problems).toEqual([]);

    // Not told: both kinds, said so.
    const both = await readCriteriaXlsx(file, { year: 2024 });
    expect(both.table.unit_kinds).toEqual(['so_tu_phap', 'thads']);
    expect(both.recognised).toContain('Bảng áp dụng cho Sở Tư pháp và Cục THADS / THADS tỉnh (mặc định: cả hai loại đơn vị).');
  });

  it('reads the guide brackets only where they are stated clause by clause', () => {
    expect(ruleFromGuide({ max: 2, guide: 'Đúng hạn được 2 điểm; chậm từ 01 đến 03 ngày được 1 điểm; chậm trên 03 ngày: 0 điểm' })).toEqual({
      type: 'lateness',
      brackets: [
        { days: 0, points: 2 },
        { days: 3, points: 1 },
      ],
      beyond: 0,
    });
    expect(ruleFromGuide({ max: 4, guide: 'Trên 90%: 4 điểm; từ 70% đến 90%: trừ 1 điểm; dưới 70%: không chấm điểm' })).toEqual({
      type: 'percentage',
      brackets: [
        { from: 90, strict: true, points: 4 },
        { from: 70, strict: false, points: 3 },
      ],
      below: 0,
    });
    // A clause the reader does not understand, a bracket above the maximum, no "below": all stay manual.
    expect(ruleFromGuide({ max: 2, guide: 'Đúng hạn: 2 điểm; chậm 1-2 ngày: 1 điểm; tùy mức độ Trưởng Khu vực xem xét' })).toEqual({ type: 'manual' });
    expect(ruleFromGuide({ max: 2, guide: 'Đúng hạn: 3 điểm; chậm 1-2 ngày: 1 điểm' })).toEqual({ type: 'manual' });
    expect(ruleFromGuide({ max: 2, guide: 'Đạt 100%: 2 điểm; từ 90% đến dưới 100%: 1 điểm' })).toEqual({ type: 'manual' });
    expect(ruleFromGuide({ max: 2, guide: 'Chấm theo chất lượng báo cáo' })).toEqual({ type: 'manual' });
  });
});

describe('criteria sheets that are not tables', () => {
  const dir = () => tempDir();
  const refusal = (file: string) => readCriteriaXlsx(file).then(() => 'đọc được', (e: unknown) => String(e));

  it('refuses a file that is not an .xlsx', async () => {
    const file = path.join(dir(), 'bang.xlsx');
    await fs.writeFile(file, 'STT;Nội dung tiêu chí;Điểm chuẩn\n1;Báo cáo;2\n');
    expect(await refusal(file)).toMatch(/^UserError: Không đọc được tệp Excel: tệp phải có định dạng \.xlsx/);
  });

  it('refuses a sheet without a header row, naming the columns it needs', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Trang 1').addRows([['Danh sách'], ['1', 'Báo cáo', 2]]);
    const file = path.join(dir(), 'khong-tieu-de.xlsx');
    await wb.xlsx.writeFile(file);
    expect(await refusal(file)).toBe(
      'UserError: Không tìm thấy dòng tiêu đề của bảng tiêu chí trong 30 dòng đầu của trang tính "Trang 1". Dòng tiêu đề cần có cột "STT" và cột "Nội dung tiêu chí", cùng cột "Điểm chuẩn" (hoặc "Điểm tối đa", "Thang điểm").',
    );
  });

  it('refuses a header with no numbered rows below it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Trang 1').addRows([['STT', 'Nội dung', 'Điểm chuẩn']]);
    const file = path.join(dir(), 'rong.xlsx');
    await wb.xlsx.writeFile(file);
    expect(await refusal(file)).toBe('UserError: Trang tính "Trang 1" có dòng tiêu đề (dòng 1) nhưng không có dòng tiêu chí nào có số thứ tự bên dưới.');
  });

  it('refuses huge sheets: too many rows, a file too large, a compression bomb', async () => {
    const rows = [sheetRowXml(1, ['STT', 'Nội dung tiêu chí', 'Điểm chuẩn'])];
    for (let i = 1; i <= MAX_CRITERIA_ROWS + 1; i++) rows.push(sheetRowXml(i + 1, [String(i), `Tiêu chí ${i}`, 1]));
    const long = await writeRawXlsx(path.join(dir(), 'dai.xlsx'), sheetXml(rows.join('')));
    expect(await refusal(long)).toBe('UserError: Trang tính có hơn 5.000 dòng: không phải một bảng tiêu chí chấm điểm (bảng thật chỉ có vài trăm dòng).');
    const large = path.join(dir(), 'lon.xlsx');
    await fs.writeFile(large, Buffer.alloc(21 * MB, 1));
    expect(await refusal(large)).toMatch(/^UserError: Tệp Excel quá lớn \(21 MB\); giới hạn là 20 MB/);
    const bomb = await writeBombXlsx(path.join(dir(), 'bom.xlsx'), 2048 * MB);
    expect(await refusal(bomb)).toMatch(/^UserError: Tệp Excel quá lớn khi giải nén: trang tính "Cán bộ" khai báo 2\.048 MB/);
  });
});

describe('thidua criteria read', () => {
  const cli = path.resolve('dist/cli.js');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'criteria', 'read', ...args], { encoding: 'utf8' });

  it('prints the tree with points and rules, what was read and not; --json the reading; a refused file exits 1', async () => {
    const file = await officeWorkbook(path.join(tempDir(), 'bang.xlsx'));
    const r = run(file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA KHU VỰC MIỀN NÚI PHÍA BẮC NĂM 2024 (năm 2024)');
    expect(r.stdout).toContain('I. THỰC HIỆN CHẾ ĐỘ BÁO CÁO — 4 điểm');
    expect(r.stdout).toContain('    1. Báo cáo công tác tư pháp năm — 2 điểm; chấm theo số ngày chậm; cần minh chứng');
    expect(r.stdout).toContain('IV. ĐIỂM THƯỞNG — thưởng tối đa 5 điểm');
    expect(r.stdout).toContain('Dòng 26: số thứ tự "1..2" không theo kiểu I, 1, 1.1, a');
    expect(r.stdout).toContain('Cảnh báo: Không đọc được số thứ tự "1..2".');
    const json = run(file, '--json');
    expect(json.status).toBe(0);
    expect((JSON.parse(json.stdout) as { table: { nodes: unknown[] } }).table.nodes).toHaveLength(5);
    const bad = path.join(tempDir(), 'rac.xlsx');
    await fs.writeFile(bad, 'rác');
    const refused = run(bad, '--json');
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({ error: expect.stringMatching(/^Không đọc được tệp Excel/) });
  });
});
