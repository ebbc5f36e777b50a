import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeUnit, MEMBER, tempDir } from '../helpers/units';
import { writeBombXlsx, writeStaffWorkbook } from '../helpers/sheets';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('thidua staff import', () => {
  it('imports a sheet and prints the report in Vietnamese, or as JSON; exit 0', async () => {
    const unit = await makeUnit(MEMBER);
    const db = path.join(unit.ws.dataDir, 'thidua.sqlite');
    unit.ws.close();
    const sheet = await writeStaffWorkbook(path.join(tempDir(), 'can-bo.xlsx'), [
      [1, 'Lò Văn Hải', 1981, 'Nam', 'Chuyên viên', 'Văn phòng'],
      [2, 'Ma Thị Thu', 1984, 'Nữ', '', ''],
      [3, 'Lò Văn Hải', 1981, 'Nam', '', ''],
    ]);
    const text = run('staff', 'import', '--db', db, sheet);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'Đã nhập 2 cán bộ từ trang tính "Cán bộ" (dòng tiêu đề: 2).',
        'Cột bỏ qua (không thuộc danh sách cán bộ): A "STT".',
        'Bỏ qua 1 người trùng (cùng họ tên và năm sinh):',
        '  Dòng 5: Lò Văn Hải (1981): trùng dòng 3.',
      ]),
    );
    const json = run('staff', 'import', '--db', db, '--json', sheet);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ added: 0, duplicates: [{ row: 3 }, { row: 4 }, { row: 5 }] });
  });

  it('prints a long report whole through a pipe (exiting at once used to cut it at 64 KB)', async () => {
    const unit = await makeUnit(MEMBER);
    const db = path.join(unit.ws.dataDir, 'thidua.sqlite');
    unit.ws.close();
    const rows = Array.from({ length: 3000 }, (_, i) => [i + 1, `Nguyễn Thị Hương số ${i + 1}`, 1980, 'Nữ', '', '']);
    const sheet = await writeStaffWorkbook(path.join(tempDir(), 'dai.xlsx'), rows);
    expect(run('staff', 'import', '--db', db, sheet).status).toBe(0);
    const again = run('staff', 'import', '--db', db, '--json', sheet);
    expect(again.status).toBe(0);
    expect(again.stdout.length).toBeGreaterThan(128 * 1024);
    expect(JSON.parse(again.stdout).duplicates).toHaveLength(3000);
  });

  it('refuses a bad sheet with a Vietnamese message and exit 1, never a stack trace', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'thidua.sqlite');
    const bomb = await writeBombXlsx(path.join(dir, 'bom.xlsx'), 1024 * 1024 * 1024);
    const refused = run('staff', 'import', '--db', db, bomb);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^Lỗi: Tệp Excel quá lớn khi giải nén: trang tính "Cán bộ" khai báo 1\.024 MB, giới hạn là 200 MB/);
    const missing = run('staff', 'import', '--db', db, '--json', path.join(dir, 'khong-co.xlsx'));
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout).error).toMatch(/^Không mở được tệp Excel/);
    fs.writeFileSync(path.join(dir, 'rac.xlsx'), 'rác');
    const garbage = run('staff', 'import', '--db', db, path.join(dir, 'rac.xlsx'));
    expect(garbage.status).toBe(1);
    expect(garbage.stderr).toContain('Lỗi: Không đọc được tệp Excel: tệp phải có định dạng .xlsx');
    for (const r of [refused, missing, garbage]) expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
