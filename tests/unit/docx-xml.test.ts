import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/services/workspace/workspace';
import { importBundleFiles } from '../../electron/services/bundles/importer';
import { exportRegistration, printRegistration } from '../../electron/services/registration/export';
import { printConsolidated } from '../../electron/services/registration/consolidated-export';
import { saveRegistration, type RegistrationContent } from '../../electron/services/registration/registration';
import { saveStaff } from '../../electron/services/registration/staff';
import { printKeyCard } from '../../electron/services/units-keys/key-card';
import { readZip } from '../helpers/zip';
import { documentText, parseDocx } from '../helpers/docx';
import { exchange, tempDir } from '../helpers/units';

/** What XML 1.0 forbids and its neighbours, as a broken import or an old version could have stored them (the surrogates in the wrong order: both lone). */
const POISON = '\uFFFE\uFFFF\u0000\u0001\u0008\u000B\u001F\u007F\u0085\uDFFF\uD800\uFDD0\u{1FFFE}';

/** Appends POISON to every text a document prints, straight in the database: no schema on the way. */
function poison(ws: Workspace): void {
  const db = ws.db.$client;
  const columns: Record<string, string[]> = {
    units: ['name', 'province', 'parent_name'],
    emulation_groups: ['name'],
    staff: ['full_name', 'position', 'department'],
  };
  for (const [table, cols] of Object.entries(columns)) {
    db.prepare(`update ${table} set ${cols.map((c) => `${c} = coalesce(${c}, '') || :p`).join(', ')}`).run({ p: POISON });
  }
  // Registrations are records: every text of their content, through JSON (which escapes none of it away).
  const add = (s: string) => s + POISON;
  const stored = db.prepare("select record_id as id, version as v, content as c from records where type = 'registration'").all() as { id: string; v: number; c: string }[];
  for (const row of stored) {
    const c = JSON.parse(row.c) as RegistrationContent;
    const d = c.document;
    Object.assign(d, { number_symbol: add(d.number_symbol), place: add(d.place), signer_authority: add(d.signer_authority), signer_title: add(d.signer_title), signer_name: add(d.signer_name) });
    d.recipients = [`Như trên${POISON}`, `Lưu: VT${POISON}`];
    for (const t of c.collective) t.note = add(t.note);
    for (const p of c.individuals) Object.assign(p, { full_name: add(p.full_name), position: add(p.position), department: add(p.department) });
    for (const x of c.commitments) x.content = add(x.content);
    db.prepare('update records set content = ? where record_id = ? and version = ?').run(JSON.stringify(c), row.id, row.v);
  }
}

const everything = (groupId: number) => ({ groupId, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false }) as const;

async function expectWellFormed(file: string, mustRead: string[]): Promise<void> {
  const { errors, parts } = await parseDocx(file);
  expect(errors, path.basename(file)).toEqual([]);
  const text = documentText(parts);
  for (const s of mustRead) expect(text).toContain(s);
}

describe('every generated DOCX is well-formed XML', () => {
  it('registration, bundle copy, key cards and consolidated table, even from data full of forbidden characters', async () => {
    const { member, leader, bundle } = await exchange();
    expect((await importBundleFiles(leader.ws, [{ path: bundle, name: path.basename(bundle) }]))[0]).toMatchObject({ status: 'accepted' });
    // The leader registers too, so its own row and signer reach the consolidated table.
    const boss = saveStaff(leader.ws, { fullName: 'Trần Văn Minh', birthYear: 1970, gender: 'nam', position: 'Giám đốc', department: 'Ban Giám đốc' });
    saveRegistration(leader.ws, {
      groupId: leader.group.id,
      numberSymbol: '03/ĐK-STP',
      place: 'Tuyên Quang',
      documentDate: '2022-02-03',
      signerAuthority: '',
      signerTitle: 'Giám đốc',
      signerName: 'Trần Văn Minh',
      recipients: ['Lưu: VT'],
      collective: [{ titleCode: 'TTLDXS', note: 'ghi chú' }],
      individuals: [{ staffId: boss.id, titleCode: 'CSTDCS' }],
      commitments: [{ kind: 'key_task', content: 'Nhiệm vụ trọng tâm' }],
    });

    // As written today, with clean data; the DOCX a bundle carries too.
    const inBundle = (await readZip(bundle)).find((e) => e.name.startsWith('data/documents/'))!;
    const copy = path.join(tempDir(), 'in-bundle.docx');
    await fs.writeFile(copy, inBundle.data);
    await expectWellFormed(copy, ['Đặng Văn Bình']);
    await expectWellFormed(await printRegistration(member.ws, member.group.id), ['Sở Tư pháp tỉnh Hà Giang']);
    await expectWellFormed(await printKeyCard(member.ws), ['THẺ KHÓA KÝ SỐ']);
    await expectWellFormed(await printConsolidated(leader.ws, everything(leader.group.id)), ['TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2022']);

    poison(member.ws);
    poison(leader.ws);
    const readable = ['Hà Giang', 'Đặng Văn Bình', 'Như trên'];
    await expectWellFormed(await printRegistration(member.ws, member.group.id), [...readable, 'Hoàn thành 100% nhiệm vụ']);
    await expectWellFormed(await printRegistration(leader.ws, leader.group.id), ['Trần Văn Minh', 'Nhiệm vụ trọng tâm']);
    await expectWellFormed(await printKeyCard(member.ws), ['Sở Tư pháp tỉnh Hà Giang']);
    await expectWellFormed(await printKeyCard(leader.ws), ['Sở Tư pháp tỉnh Tuyên Quang']);
    await expectWellFormed(await printConsolidated(leader.ws, everything(leader.group.id)), ['Hà Giang', 'Nguyễn Thị Hương', 'Trần Văn Minh']);
    // A bundle is re-read before it is kept: a record holding such a character never leaves.
    await expect(exportRegistration(member.ws, member.group.id)).rejects.toThrow(/Tên đơn vị( gửi)? chứa ký tự không được phép \(U\+FFFE/);
  });
});
