import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, openDatabase } from '../../db/client';
import { groupInputSchema, unitSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { readZip, writeRawZip } from '../helpers/zip';
import { exchange, groupInput, LEADER, makeUnit, MEMBER, resign, tempDir, type TestSigner } from '../helpers/units';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import type { BundleHeader } from '../../electron/services/bundles/format';

describe('unit codes are upper case everywhere', () => {
  it('upper-cases and trims the own unit, the group code and every member code at the boundary', async () => {
    expect(unitSchema.parse({ ...MEMBER, code: ' stp-hg ' }).code).toBe('STP-HG');
    const input = groupInputSchema.parse(
      groupInput({}, { code: 'kvtd-mnpb', members: groupInput().members.map((m) => ({ ...m, code: m.code.toLowerCase() })) }),
    );
    expect(input.code).toBe('KVTD-MNPB');
    expect(input.members.map((m) => m.code)).toEqual(['STP-TQ', 'THADS-TQ', 'STP-HG']);
    const typed = await makeUnit(unitSchema.parse({ ...LEADER, code: 'stp-tq' }));
    expect(typed.unit.code).toBe('STP-TQ');
    // A member listed in lower case is the same unit as the own unit: no "must be in the list" refusal.
    expect(saveGroup(typed.ws, input).members.find((m) => m.code === 'STP-TQ')!.role).toBe('leader');
  });

  /** The member's real bundle, re-signed by the member with other codes: what an installation that typed them would send. */
  async function recoded(codes: { sender: string; group: string; recipients?: string[] }) {
    const { member, leader, bundle } = await exchange();
    const signer: TestSigner = { ...(await member.ws.keys.load(member.unit.keyId)), keyId: member.unit.keyId };
    const entries = await readZip(bundle);
    for (const e of entries.filter((x) => x.name.startsWith('data/records/'))) {
      const record = JSON.parse(e.data.toString('utf8'));
      record.unit.code = codes.sender;
      record.group.code = codes.group;
      e.data = Buffer.from(JSON.stringify(record));
    }
    resign(entries, signer, (h: BundleHeader) => {
      h.sender.unit_code = codes.sender;
      h.group.code = codes.group;
      h.recipient.unit_codes = codes.recipients ?? h.recipient.unit_codes.map((c) => c.toLowerCase());
    });
    const file = path.join(tempDir(), 'goi.tdkt');
    await writeRawZip(file, entries);
    return { leader, result: await importBundleFile(leader.ws, { path: file, name: 'goi.tdkt' }) };
  }

  it('accepts a bundle an older installation signed with its code in lower case', async () => {
    const { leader, result } = await recoded({ sender: 'stp-hg', group: 'kvtd-mnpb' });
    expect(result).toMatchObject({ status: 'accepted' });
    expect(leader.ws.db.$client.prepare("select owner_code as u, group_code as g, json_extract(content, '$.unit.code') as c from records where type = 'registration'").all()).toEqual([
      { u: 'STP-HG', g: 'KVTD-MNPB', c: 'STP-HG' },
    ]);
  });

  it('upper-cases the codes already stored by an earlier version, merging a lower-case twin', () => {
    // A database as version 0000 of the schema left it, with codes typed in lower case.
    const dir = tempDir();
    const oldMigrations = path.join(dir, 'migrations');
    fs.mkdirSync(path.join(oldMigrations, 'meta'), { recursive: true });
    fs.copyFileSync(path.join(migrationsFolder, '0000_init.sql'), path.join(oldMigrations, '0000_init.sql'));
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
    journal.entries = journal.entries.slice(0, 1);
    fs.writeFileSync(path.join(oldMigrations, 'meta', '_journal.json'), JSON.stringify(journal));
    const file = path.join(dir, 'thidua.db');
    const sqlite = new Database(file);
    sqlite.pragma('foreign_keys = ON');
    migrate(drizzle(sqlite), { migrationsFolder: oldMigrations });
    const at = '2022-01-01T00:00:00.000Z';
    sqlite.exec(`
      insert into units values ('stp-hg', 'Sở Tư pháp tỉnh Hà Giang', 'so_tu_phap', 'Hà Giang', '', '${at}');
      insert into units values ('stp-tq', 'Sở Tư pháp tỉnh Tuyên Quang', 'so_tu_phap', 'Tuyên Quang', '', '${at}');
      insert into units values ('STP-TQ', 'Sở Tư pháp tỉnh Tuyên Quang', 'so_tu_phap', 'Tuyên Quang', '', '${at}');
      insert into own_unit values (1, 'stp-hg', '${'a'.repeat(32)}', '${at}');
      insert into pinned_keys values ('${'a'.repeat(32)}', 'stp-hg', null, 'own', '${at}');
      insert into pinned_keys values ('${'b'.repeat(32)}', 'stp-tq', null, 'group_setup', '${at}');
      insert into emulation_groups (id, code, year, name, kind, created_at) values (1, 'kvtd-mnpb', 2022, 'Khu vực', 'khu_vuc', '${at}');
      insert into group_members values (1, 'stp-hg', 'member'), (1, 'stp-tq', 'leader');
      insert into registrations (record_id, version, unit_code, group_code, year, status, number_symbol, place, document_date, signer_authority, signer_title, signer_name, recipients, updated_at)
        values ('r1', 1, 'stp-hg', 'kvtd-mnpb', 2022, 'draft', '', 'Hà Giang', '2022-02-05', '', 'Giám đốc', 'A', '[]', '${at}');
      insert into sent_bundles values ('b1', 'registration', 'kvtd-mnpb', 2022, 1, '${at}', 'sent/x.tdkt');
    `);
    sqlite.close();

    const db = openDatabase(file);
    const q = (sql: string) => db.$client.prepare(sql).all();
    expect(q('select code from units order by code')).toEqual([{ code: 'STP-HG' }, { code: 'STP-TQ' }]);
    expect(q('select unit_code as c from own_unit')).toEqual([{ c: 'STP-HG' }]);
    expect(q('select unit_code as c from pinned_keys order by c')).toEqual([{ c: 'STP-HG' }, { c: 'STP-TQ' }]);
    expect(q('select unit_code as c, role from group_members order by c')).toEqual([
      { c: 'STP-HG', role: 'member' },
      { c: 'STP-TQ', role: 'leader' },
    ]);
    expect(q('select code from emulation_groups')).toEqual([{ code: 'KVTD-MNPB' }]);
    expect(q("select owner_code as u, group_code as g, json_extract(content, '$.unit.code') as c from records where type = 'registration'")).toEqual([{ u: 'STP-HG', g: 'KVTD-MNPB', c: 'STP-HG' }]);
    expect(q('select group_code as g from sent_bundles')).toEqual([{ g: 'KVTD-MNPB' }]);
    expect(q('pragma foreign_key_check')).toEqual([]);
    db.$client.close();
  });

  it('names both codes when a refusal comes from a code that does not match', async () => {
    expect((await recoded({ sender: 'STP-HAGIANG', group: 'KVTD-MNPB' })).result.reason).toBe(
      'Đơn vị gửi Sở Tư pháp tỉnh Hà Giang (mã "STP-HAGIANG") không phải thành viên của Khu vực/Cụm KVTD-MNPB năm 2022: danh sách thành viên ghi Sở Tư pháp tỉnh Hà Giang với mã "STP-HG". Hai bên cần thống nhất một mã đơn vị.',
    );
    expect((await recoded({ sender: 'STP-HG', group: 'KV-MNPB' })).result.reason).toBe(
      'Gói dành cho Khu vực/Cụm mã "KV-MNPB" năm 2022, nhưng đơn vị này tham gia Khu vực/Cụm mã "KVTD-MNPB" năm 2022. Hãy kiểm tra Khu vực/Cụm và năm đã thiết lập, hoặc đề nghị đơn vị gửi đúng gói.',
    );
    expect((await recoded({ sender: 'STP-HG', group: 'KVTD-MNPB', recipients: ['STP-TUYENQUANG'] })).result.reason).toBe(
      'Gói hồ sơ gửi cho đơn vị mã "STP-TUYENQUANG", không phải cho đơn vị này (mã "STP-TQ"). Đề nghị đơn vị gửi kiểm tra lại nơi nhận rồi gửi lại gói.',
    );
  });
});
