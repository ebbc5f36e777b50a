import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { migrationsFolder, openDatabase } from '../../db/client';
import { contract } from '../../electron/ipc/contract';
import { duplicateOf, listStaff, removeStaff, restoreStaff, saveStaff } from '../../electron/services/registration/staff';
import { LEADER, makeUnit, tempDir } from '../helpers/units';
import path from 'node:path';

const parse = (input: unknown) => contract['registration.staffSave'].input.parse(input);

describe('staff typed by hand', () => {
  it('saves names with single spaces and finds them by a plain query', async () => {
    const { ws } = await makeUnit(LEADER);
    const saved = saveStaff(ws, parse({ fullName: '  Đỗ   Thị\tLan ', birthYear: 1985, gender: 'nu' }));
    expect(saved.fullName).toBe('Đỗ Thị Lan');
    expect(listStaff(ws.db, 'do thi').map((s) => s.fullName)).toEqual(['Đỗ Thị Lan']);
    expect(listStaff(ws.db, '  do   thi  lan ').map((s) => s.fullName)).toEqual(['Đỗ Thị Lan']);
  });

  it('refuses a namesake born the same year until the person confirms', async () => {
    const { ws } = await makeUnit(LEADER);
    saveStaff(ws, parse({ fullName: 'Đỗ Thị Lan', birthYear: 1985, gender: 'nu' }));
    expect(duplicateOf(ws.db, { fullName: 'do thi  LAN', birthYear: 1985 })?.fullName).toBe('Đỗ Thị Lan');
    expect(() => saveStaff(ws, parse({ fullName: 'Đỗ  thị lan', birthYear: 1985, gender: 'nu' }))).toThrow(
      'Đã có Đỗ Thị Lan (sinh năm 1985) trong danh sách cán bộ. Nếu đây là một người khác trùng họ tên và năm sinh, hãy xác nhận “Vẫn lưu”.',
    );
    // Another birth year is another person; a confirmed namesake is saved.
    saveStaff(ws, parse({ fullName: 'Đỗ Thị Lan', birthYear: 1990, gender: 'nu' }));
    saveStaff(ws, parse({ fullName: 'Đỗ Thị Lan', birthYear: 1985, gender: 'nu', allowDuplicate: true }));
    expect(listStaff(ws.db)).toHaveLength(3);
  });

  it('hands back a removed person and puts them back under the same id', async () => {
    const { ws } = await makeUnit(LEADER);
    const lan = saveStaff(ws, parse({ fullName: 'Đỗ Thị Lan', birthYear: 1985, gender: 'nu', position: 'Chuyên viên' }));
    const removed = removeStaff(ws.db, lan.id)!;
    expect(listStaff(ws.db)).toEqual([]);
    restoreStaff(ws, removed);
    expect(listStaff(ws.db)).toEqual([{ ...lan }]);
  });

  it('normalises the spacing of names already stored', () => {
    const file = path.join(tempDir(), 'thidua.db');
    openDatabase(file).$client.close();
    const raw = new Database(file);
    // As if stored by an earlier version, then migration 0002 as it ran on such a database.
    raw.prepare("insert into staff (full_name, birth_year, gender, created_at) values (?, 1985, 'nu', '2022-01-01')").run(' Đỗ   Thị \t  Lan  ');
    const migration = fs.readdirSync(migrationsFolder).find((f) => f.startsWith('0002_'))!;
    for (const statement of fs.readFileSync(path.join(migrationsFolder, migration), 'utf8').split('--> statement-breakpoint')) raw.exec(statement);
    expect(raw.prepare('select full_name as n from staff').all()).toEqual([{ n: 'Đỗ Thị Lan' }]);
    raw.close();
  });
});
