import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStaffXlsx, MAX_STAFF_ROWS } from '../../electron/services/registration/xlsx';
import { listStaff } from '../../electron/services/registration/staff';
import { registeredMember, tempDir } from '../helpers/units';
import { sheetRowXml, sheetXml, STAFF_HEADER, writeBombXlsx, writeRawXlsx, writeStaffWorkbook } from '../helpers/sheets';

type Rows = Parameters<typeof writeStaffWorkbook>[1];
const staffWorkbook = (rows: Rows, options?: Parameters<typeof writeStaffWorkbook>[2]) => writeStaffWorkbook(path.join(tempDir(), 'can-bo.xlsx'), rows, options);
const rawXlsx = (sheet: Parameters<typeof writeRawXlsx>[1]) => writeRawXlsx(path.join(tempDir(), 'tho.xlsx'), sheet);
const bombXlsx = (bytes: number, declared?: number) => writeBombXlsx(path.join(tempDir(), 'bom.xlsx'), bytes, declared);

const MB = 1024 * 1024;
/** Growth of this process's peak resident memory while `fn` runs (the peak itself, not a sample). */
async function peakGrowthMB(fn: () => Promise<unknown>): Promise<number> {
  global.gc?.();
  const before = process.resourceUsage().maxRSS * 1024;
  await fn().catch(() => {});
  return (process.resourceUsage().maxRSS * 1024 - before) / MB;
}

describe('staff from an Excel sheet', () => {
  it('imports valid rows and reports columns read and ignored, and the people skipped with their rows', async () => {
    const m = await registeredMember();
    const file = await staffWorkbook(
      [
        [1, 'Nguyễn Thị Hương', 1980, 'Nữ', 'Phó Giám đốc', 'Ban Giám đốc', ''],
        [2, 'Hoàng   Văn  Nguyên', 1990, 'Nam', 'Chuyên viên', 'Văn phòng', 'Mới'],
        [3, 'Lò Thị Ngân', 1995, 'nữ', 'Chuyên viên', 'Phòng Hành chính tư pháp', ''],
        [4, 'hoàng văn nguyên', 1990, 'Nam', 'Chuyên viên', 'Văn phòng', ''],
      ],
      { header: ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Chức vụ', 'ĐƠN VỊ  công tác', 'Ghi chú'] },
    );
    const report = await importStaffXlsx(m.ws, file);
    expect(report).toEqual({
      sheet: 'Cán bộ',
      headerRow: 2,
      recognised: [
        { column: 'B', header: 'Họ và tên', field: 'fullName', label: 'Họ và tên' },
        { column: 'C', header: 'Năm sinh', field: 'birthYear', label: 'Năm sinh' },
        { column: 'D', header: 'Giới tính', field: 'gender', label: 'Giới tính' },
        { column: 'E', header: 'Chức vụ', field: 'position', label: 'Chức vụ' },
        { column: 'F', header: 'ĐƠN VỊ công tác', field: 'department', label: 'Phòng, bộ phận' },
      ],
      ignored: [
        { column: 'A', header: 'STT' },
        { column: 'G', header: 'Ghi chú' },
      ],
      added: 2,
      duplicates: [
        { row: 3, fullName: 'Nguyễn Thị Hương', birthYear: 1980, sameAsRow: null },
        { row: 6, fullName: 'hoàng văn nguyên', birthYear: 1990, sameAsRow: 4 },
      ],
      warnings: [],
    });
    expect(listStaff(m.ws.db, 'nguyen').map((s) => [s.fullName, s.department])).toEqual([
      ['Nguyễn Thị Hương', 'Ban Giám đốc'],
      ['Hoàng Văn Nguyên', 'Văn phòng'],
    ]);
    expect(listStaff(m.ws.db, 'hanh chinh').map((s) => s.fullName)).toEqual(['Lò Thị Ngân']);
  });

  it('refuses the whole sheet, listing every bad cell by its address, and writes nothing', async () => {
    const m = await registeredMember();
    const file = await staffWorkbook([
      [1, 'Hoàng Văn Nguyên', 1990, 'Nam', 'Chuyên viên', 'Văn phòng'],
      [2, 'Lò Thị Ngân', 1995, 'Không rõ', 'Chuyên viên', ''],
      [3, '', 1988, 'Nam', '', ''],
      [4, 'Vàng Seo Chú', 'một nghìn chín trăm tám mươi', 'Nam', '', ''],
      [5, 'Ma Thị Thu', '15/03/1980', 'Nữ', '', ''],
    ]);
    const error = await importStaffXlsx(m.ws, file).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('Dòng 4 (ô D4): giới tính "Không rõ" không hợp lệ');
    expect(message).toContain('Dòng 5 (ô B5): Họ và tên không được để trống');
    expect(message).toContain('Dòng 6 (ô C6): không đọc được năm sinh "một nghìn chín trăm tám mươi"');
    expect(message).not.toContain('Dòng 7');
    expect(listStaff(m.ws.db)).toHaveLength(2);
  });

  it('reads dates, rich text, hyperlinks, numbers written as text and formulas by their saved result', async () => {
    const m = await registeredMember();
    const file = await staffWorkbook([], {
      edit: (ws) => {
        ws.addRow([1, { richText: [{ text: 'Lò ', font: { bold: true } }, { text: 'Văn Hải' }] }, new Date(Date.UTC(1981, 4, 20)), 'Nam', 'Chuyên viên', '']);
        ws.addRow([2, { text: 'Ma Thị Thu', hyperlink: 'mailto:thu@example.vn' }, '1984', 'Nữ', '', '']);
        ws.addRow([3, { formula: 'CONCATENATE("Sùng ","A Páo")', result: 'Sùng A Páo' }, { formula: 'DATE(1979,3,15)', result: 28929 }, 'nam', '', '']);
        ws.getCell('C5').numFmt = 'dd/mm/yyyy';
        ws.addRow([4, 'Vi Văn Định', 1000 + 977, { formula: 'IF(1,"Nam","Nữ")', result: 'Nam' }, '', '']);
      },
    });
    expect((await importStaffXlsx(m.ws, file)).added).toBe(4);
    const byName = new Map(listStaff(m.ws.db).map((s) => [s.fullName, s]));
    expect(byName.get('Lò Văn Hải')?.birthYear).toBe(1981);
    expect(byName.get('Ma Thị Thu')?.birthYear).toBe(1984);
    expect(byName.get('Sùng A Páo')?.birthYear).toBe(1979);
    expect(byName.get('Vi Văn Định')).toMatchObject({ birthYear: 1977, gender: 'nam' });
  });

  it('refuses a formula without a saved result, naming its cell', async () => {
    const m = await registeredMember();
    const file = await staffWorkbook([[1, 'Lò Văn Hải', 1981, 'Nam', 'Chuyên viên', '']], {
      edit: (ws) => ws.addRow([2, { formula: 'A1&"x"' }, 1990, 'Nam', '', '']),
    });
    await expect(importStaffXlsx(m.ws, file)).rejects.toThrow(/Dòng 4 \(ô B4, cột Họ và tên\): ô là công thức chưa có kết quả đã lưu/);
    expect(listStaff(m.ws.db)).toHaveLength(2);
  });

  it('refuses merged name cells, naming the range; a merged department is used on every row and said so', async () => {
    const m = await registeredMember();
    const rows = [
      [1, 'Lò Văn Hải', 1981, 'Nam', 'Chuyên viên', 'Văn phòng'],
      [2, 'Ma Thị Thu', 1984, 'Nữ', 'Chuyên viên', null],
      [3, 'Sùng A Páo', 1979, 'Nam', 'Chuyên viên', null],
    ];
    const merged = await staffWorkbook(rows, { edit: (ws) => ws.mergeCells('F3:F5') });
    const report = await importStaffXlsx(m.ws, merged);
    expect(report.warnings).toEqual(['Ô F3:F5 là ô gộp trong cột Phòng, bộ phận: giá trị "Văn phòng" được dùng cho các dòng 3–5.']);
    expect(listStaff(m.ws.db, 'van phong').map((s) => s.fullName)).toEqual(['Lò Văn Hải', 'Sùng A Páo', 'Ma Thị Thu']);

    const names = await staffWorkbook(
      [
        [1, 'Giàng A Lử', 1970, 'Nam', '', ''],
        [2, null, 1971, 'Nam', '', ''],
      ],
      { edit: (ws) => ws.mergeCells('B3:B4') },
    );
    await expect(importStaffXlsx(m.ws, names)).rejects.toThrow('Ô B3:B4 là ô gộp trong cột Họ và tên: các dòng 3–4 sẽ mang cùng một họ tên');
    expect(listStaff(m.ws.db, 'giang')).toEqual([]);
  });

  it('keeps every Vietnamese letter of a long list intact (UTF-8 split across read chunks)', async () => {
    const m = await registeredMember();
    const given = ['Hương', 'Nguyên', 'Ngân', 'Đức', 'Thuỷ', 'Lữ', 'Hoà', 'Ưng', 'Yến', 'Phượng'];
    const rows = Array.from({ length: 3000 }, (_, i) => [i + 1, `Nguyễn Đặng Thị ${given[i % 10]} số ${i + 1}`, 1960 + (i % 50), i % 2 ? 'Nam' : 'Nữ', 'Phó Trưởng phòng', `Phòng Bổ trợ tư pháp ${i % 7}`]);
    const report = await importStaffXlsx(m.ws, await staffWorkbook(rows));
    expect(report.added).toBe(3000);
    const names = new Set(listStaff(m.ws.db).map((s) => s.fullName));
    for (const r of rows) expect(names.has(r[1] as string), r[1] as string).toBe(true);
  });

  it('says so when the file is not an Excel workbook', async () => {
    const m = await registeredMember();
    const file = path.join(tempDir(), 'x.xlsx');
    await fs.writeFile(file, 'not a workbook');
    await expect(importStaffXlsx(m.ws, file)).rejects.toThrow('Không đọc được tệp Excel');
  });
});

describe('staff sheets beyond the limits', () => {
  it('refuses a sheet declaring gigabytes inflated before inflating any of it', async () => {
    const m = await registeredMember();
    const file = await bombXlsx(2048 * MB);
    expect((await fs.stat(file)).size).toBeLessThan(3 * MB);
    let error: unknown;
    const growth = await peakGrowthMB(() => importStaffXlsx(m.ws, file).catch((e: unknown) => (error = e)));
    expect(String(error)).toMatch(/Tệp Excel quá lớn khi giải nén: trang tính "Cán bộ" khai báo 2\.048 MB, giới hạn là 200 MB/);
    expect(growth).toBeLessThan(100);
  });

  it('stops inflating at the declared size when the ZIP lies about it', async () => {
    const m = await registeredMember();
    const file = await bombXlsx(300 * MB, 64 * 1024);
    let error: unknown;
    const growth = await peakGrowthMB(() => importStaffXlsx(m.ws, file).catch((e: unknown) => (error = e)));
    expect(String(error)).toMatch(/Tệp Excel bị hỏng: trang tính "Cán bộ" giải nén ra nhiều hơn kích thước đã khai báo/);
    expect(growth).toBeLessThan(100);
  });

  it('reads a tiny sheet with one cell in row 1,048,576 without room for a million rows', async () => {
    const m = await registeredMember();
    const file = await staffWorkbook([[1, 'Lò Văn Hải', 1981, 'Nam', 'Chuyên viên', '']], {
      edit: (ws) => (ws.getCell('H1048576').value = 'ghi chú lạc'),
    });
    expect((await fs.stat(file)).size).toBeLessThan(10 * 1024);
    let added = 0;
    const growth = await peakGrowthMB(async () => (added = (await importStaffXlsx(m.ws, file)).added));
    expect(added).toBe(1);
    expect(growth).toBeLessThan(100);
  });

  it(`refuses more than ${MAX_STAFF_ROWS} people early, with bounded memory, saying the limit`, async () => {
    const m = await registeredMember();
    const rows = [sheetRowXml(1, STAFF_HEADER)];
    for (let r = 2; r <= 200_001; r++) rows.push(sheetRowXml(r, [null, `Người thứ ${r - 1}`, null, r % 2 ? 'Nam' : 'Nữ']));
    const file = await rawXlsx(sheetXml(rows.join('')));
    rows.length = 0;
    let error: unknown;
    const growth = await peakGrowthMB(() => importStaffXlsx(m.ws, file).catch((e: unknown) => (error = e)));
    expect(String(error)).toContain('Tệp có quá 100.000 dòng cán bộ; mỗi lần chỉ nhập được tối đa 100.000 dòng.');
    expect(listStaff(m.ws.db)).toHaveLength(2);
    expect(growth).toBeLessThan(200);
  }, 120_000);

  it('refuses a column range beyond Excel (exceljs would build every column of it)', async () => {
    const m = await registeredMember();
    const file = await rawXlsx(sheetXml(sheetRowXml(1, STAFF_HEADER) + sheetRowXml(2, [1, 'Lò Văn Hải', 1981, 'Nam', '', '']), '<cols><col min="1" max="2000000000" width="9"/></cols>'));
    await expect(importStaffXlsx(m.ws, file)).rejects.toThrow('Trang tính khai báo cột thứ 2.000.000.000, vượt quá giới hạn 16.384 cột của Excel');
  });

  it('refuses a row number beyond Excel', async () => {
    const m = await registeredMember();
    const file = await rawXlsx(sheetXml(sheetRowXml(1, STAFF_HEADER) + sheetRowXml(9_000_000_000, [1, 'Lò Văn Hải', 1981, 'Nam', '', ''])));
    await expect(importStaffXlsx(m.ws, file)).rejects.toThrow('Trang tính có dòng số 9.000.000.000, vượt quá giới hạn 1.048.576 dòng của Excel');
  });
});
