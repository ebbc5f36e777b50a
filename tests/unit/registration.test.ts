import path from 'node:path';
import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { contract, type RegistrationInput } from '../../electron/ipc/contract';
import { getOwnRegistration, saveRegistration } from '../../electron/services/registration/registration';
import { exportRegistration, printRegistration } from '../../electron/services/registration/export';
import { printKeyCard } from '../../electron/services/units-keys/key-card';
import { updateOwnUnit } from '../../electron/services/units-keys/units';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { groupInputSchema } from '../../electron/ipc/contract';
import { readZip } from '../helpers/zip';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { groupInput, makeUnit, MEMBER, registeredMember } from '../helpers/units';

/** A registration as the renderer sends it, for tests of the contract alone. */
function contractInput(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    groupId: 1,
    numberSymbol: '',
    place: 'Hà Giang',
    documentDate: '2022-02-05',
    signerAuthority: '',
    signerTitle: 'Giám đốc',
    signerName: 'A',
    recipients: [],
    collective: [],
    individuals: [],
    commitments: [{ kind: 'key_task', content: 'Nhiệm vụ' }],
    ...overrides,
  };
}

describe('registration versions', () => {
  it('edits a draft in place, freezes it on export, and makes version + 1 on the next edit', async () => {
    const m = await registeredMember();
    saveRegistration(m.ws, { ...m.input, numberSymbol: '06/ĐK-STP' });
    expect(getOwnRegistration(m.ws.db, m.group.id)).toMatchObject({ version: 1, status: 'draft', numberSymbol: '06/ĐK-STP' });
    await exportRegistration(m.ws, m.group.id);
    expect(getOwnRegistration(m.ws.db, m.group.id)).toMatchObject({ version: 1, status: 'exported' });
    saveRegistration(m.ws, { ...m.input, numberSymbol: '07/ĐK-STP' });
    const v2 = getOwnRegistration(m.ws.db, m.group.id)!;
    expect(v2).toMatchObject({ version: 2, status: 'draft', numberSymbol: '07/ĐK-STP' });
    // The frozen version is still there, unchanged.
    const rows = m.ws.db.$client
      .prepare("select version, status, json_extract(content, '$.document.number_symbol') as n from records where type = 'registration' order by version")
      .all();
    expect(rows).toEqual([
      { version: 1, status: 'frozen', n: '06/ĐK-STP' },
      { version: 2, status: 'draft', n: '07/ĐK-STP' },
    ]);
  });

  it('leaves the draft editable and no number used when the bundle cannot be written', async () => {
    const m = await registeredMember();
    const stored = () => m.ws.db.$client.prepare("select status, bundle_id as b, updated_at as u, content as c from records where type = 'registration'").all();
    const before = stored();
    // The export stamps the draft with the unit's details of the day: undone with the rest.
    updateOwnUnit(m.ws, { ...MEMBER, name: 'Sở Tư pháp tỉnh Hà Giang (tên sửa)' });
    await fs.rm(path.join(m.ws.dataDir, 'keys'), { recursive: true });
    await expect(exportRegistration(m.ws, m.group.id)).rejects.toThrow('Không tìm thấy khóa ký của đơn vị');
    expect(getOwnRegistration(m.ws.db, m.group.id)).toMatchObject({ version: 1, status: 'draft', exportedAt: null });
    expect(stored()).toEqual(before);
    expect(getOwnRegistration(m.ws.db, m.group.id)!.individuals.map((p) => p.staffId)).toEqual(m.staff.map((s) => s.id).reverse());
    expect(m.ws.db.$client.prepare('select count(*) as n from sent_bundles').get()).toEqual({ n: 0 });
  });

  it('gives two exports made at once their own numbers and files', async () => {
    const m = await registeredMember();
    const [a, b] = await Promise.all([exportRegistration(m.ws, m.group.id), exportRegistration(m.ws, m.group.id)]);
    expect([a.seq, b.seq].sort()).toEqual([1, 2]);
    expect(a.path).not.toBe(b.path);
    for (const f of [a.path, b.path]) await expect(verifyBundleFile(f, bundleKinds)).resolves.toBeTruthy();
  });

  it('lists individuals by given name, in Vietnamese order', async () => {
    const m = await registeredMember();
    expect(getOwnRegistration(m.ws.db, m.group.id)!.individuals.map((p) => p.fullName)).toEqual(['Đặng Văn Bình', 'Nguyễn Thị Hương']);
  });

  it('asks for at least one key task or project, in Vietnamese', () => {
    const parsed = contract['registration.save'].input.safeParse(contractInput({ commitments: [{ kind: 'other', content: 'Văn hóa công sở' }] }));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toBe('Bản đăng ký phải có ít nhất một nhiệm vụ trọng tâm hoặc công trình, đề án.');
  });

  it('keeps the recipients a person typed, without blank lines', () => {
    const parsed = contract['registration.save'].input.parse(contractInput({ recipients: ['Như trên', '   ', '', ' Lưu: VT '] }));
    expect(parsed.recipients).toEqual(['Như trên', 'Lưu: VT']);
  });

  it('refuses a title that is not in the catalogue for that scope', async () => {
    const m = await registeredMember();
    expect(() => saveRegistration(m.ws, { ...m.input, collective: [{ titleCode: 'LDTT', note: '' }] })).toThrow(
      'Mã danh hiệu/hình thức khen thưởng "LDTT" không có trong danh mục dành cho tập thể.',
    );
  });

  it('refuses both yearly collective titles and a second title for one person, naming what conflicts; awards go along', async () => {
    const m = await registeredMember();
    const [a] = m.staff;
    expect(() => saveRegistration(m.ws, { ...m.input, collective: [{ titleCode: 'TTLDTT', note: '' }, { titleCode: 'TTLDXS', note: '' }] })).toThrow(
      'Tập thể chỉ được đăng ký một trong các danh hiệu "Tập thể lao động tiên tiến" và "Tập thể lao động xuất sắc", đang chọn cả "Tập thể lao động tiên tiến" và "Tập thể lao động xuất sắc".',
    );
    expect(() => saveRegistration(m.ws, { ...m.input, individuals: [...m.input.individuals, { staffId: a!.id, titleCode: 'LDTT' }] })).toThrow(
      `${a!.fullName}: Mỗi người chỉ được đăng ký một trong các danh hiệu "Lao động tiên tiến" và "Chiến sĩ thi đua cơ sở"`,
    );
    expect(() => saveRegistration(m.ws, { ...m.input, individuals: [...m.input.individuals, { staffId: a!.id, titleCode: 'CSTDCS' }] })).toThrow('hai lần');
    // Nothing of the refused saves was written.
    expect(m.ws.db.$client.prepare("select json_array_length(content, '$.collective') + json_array_length(content, '$.individuals') as n from records where type = 'registration'").get()).toEqual({ n: 3 });
    // A Cờ thi đua on top of xuất sắc, a higher title and award forms on top of a yearly title are allowed.
    const reg = saveRegistration(m.ws, {
      ...m.input,
      collective: [{ titleCode: 'TTLDXS', note: '' }, { titleCode: 'CO_BTP', note: '' }, { titleCode: 'BK_BTP_TT', note: '' }],
      individuals: [...m.input.individuals, { staffId: a!.id, titleCode: 'GK_CN' }, { staffId: a!.id, titleCode: 'CSTD_BO' }],
    });
    expect(reg.collective.map((c) => c.titleCode)).toEqual(['TTLDXS', 'CO_BTP', 'BK_BTP_TT']);
    expect(reg.individuals.filter((p) => p.staffId === a!.id).map((p) => p.titleCode).sort()).toEqual(['CSTDCS', 'CSTD_BO', 'GK_CN']);
  });

  it('will not pin a second key for a member by editing its fingerprint', async () => {
    const u = await makeUnit(MEMBER);
    const first = 'aaaa'.repeat(8);
    saveGroup(u.ws, groupInputSchema.parse(groupInput({ 'STP-TQ': first })));
    const group = saveGroup(u.ws, groupInputSchema.parse({ ...groupInput({ 'STP-TQ': first.toUpperCase() }), id: 1 }));
    expect(group.members.find((m) => m.code === 'STP-TQ')!.fingerprint).toBe('AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA');
    expect(() => saveGroup(u.ws, groupInputSchema.parse({ ...groupInput({ 'STP-TQ': 'bbbb'.repeat(8) }), id: 1 }))).toThrow(
      'Sở Tư pháp tỉnh Tuyên Quang đã được ghim khóa AAAA AAAA AAAA AAAA AAAA AAAA AAAA AAAA; hãy giữ nguyên dấu vân tay đã ghim. Khi đơn vị thay khóa, khóa mới được xác nhận lúc nhận gói đầu tiên ký bằng khóa đó.',
    );
  });

  it('refuses a group without exactly one leader', async () => {
    const u = await makeUnit(MEMBER);
    const input = groupInput();
    input.members = input.members.map((x) => ({ ...x, role: 'member' as const }));
    expect(() => saveGroup(u.ws, groupInputSchema.parse(input))).toThrow('phải có đúng một Trưởng');
  });
});

describe('the printed registration', () => {
  it('is a DOCX in the Decree 30 layout with the registration in it', async () => {
    const m = await registeredMember();
    const docx = await printRegistration(m.ws, m.group.id);
    const xml = (await readZip(docx)).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND TỈNH HÀ GIANG',
      'SỞ TƯ PHÁP TỈNH HÀ GIANG',
      'Số: 05/ĐK-STP',
      'Hà Giang, ngày 05 tháng 02 năm 2022',
      'BẢN ĐĂNG KÝ THI ĐUA NĂM 2022',
      'Tập thể lao động xuất sắc',
      'Nguyễn Thị Hương',
      'Chiến sĩ thi đua cơ sở',
      'Nơi nhận:',
      'Sở Tư pháp tỉnh Tuyên Quang - Trưởng Khu vực thi đua',
      `ký bằng khóa có dấu vân tay: ${m.unit.fingerprint}`,
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('w:rFonts w:ascii="Times New Roman"');
    const sect = xml.slice(xml.lastIndexOf('<w:sectPr'));
    expect(sect).toMatch(/w:w="11906"/); // A4 width in twips
    expect(sect).toMatch(/w:left="1701"/); // 30 mm left margin
    expect(sect).toContain('<w:titlePg/>'); // no page number on page 1
  });
});

describe('the printed key card', () => {
  it('names the unit and spells its fingerprint', async () => {
    const m = await registeredMember();
    const xml = (await readZip(await printKeyCard(m.ws))).find((e) => e.name === 'word/document.xml')!.data.toString('utf8');
    for (const text of ['THẺ KHÓA KÝ SỐ', 'Sở Tư pháp tỉnh Hà Giang', 'STP-HG', m.unit.fingerprint, 'THỦ TRƯỞNG ĐƠN VỊ']) expect(xml).toContain(text);
  });
});
