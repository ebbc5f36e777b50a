import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBundleFiles } from '../../electron/services/bundles/importer';
import { headingLines, textWidth } from '../../electron/services/documents/layout';
import { printRegistration } from '../../electron/services/registration/export';
import { printConsolidated } from '../../electron/services/registration/consolidated-export';
import { saveRegistration } from '../../electron/services/registration/registration';
import { documentText, parseDocx } from '../helpers/docx';
import { DEPUTY, exchange, LEADER, MEMBER, registeredMember } from '../helpers/units';

const query = (groupId: number, q: object = {}) => ({ groupId, search: '', scope: 'all', unitKind: 'all', titleCode: '', sort: 'unit', descending: false, ...q }) as const;

async function textOf(file: string): Promise<{ text: string; xml: string }> {
  const { errors, parts } = await parseDocx(file);
  expect(errors).toEqual([]);
  return { text: documentText(parts), xml: parts.get('word/document.xml')! };
}

async function leaderWithMember() {
  const x = await exchange();
  await importBundleFiles(x.leader.ws, [{ path: x.bundle, name: path.basename(x.bundle) }]);
  return x;
}

describe('the printed consolidated table', () => {
  it('follows the filters and order on screen', async () => {
    const { leader } = await leaderWithMember();
    const all = (await textOf(await printConsolidated(leader.ws, query(leader.group.id)))).text;
    expect(all).toContain('Đặng Văn Bình');
    expect(all).toContain('Nguyễn Thị Hương');
    const only = (await textOf(await printConsolidated(leader.ws, query(leader.group.id, { scope: 'individual', search: 'huong' })))).text;
    expect(only).toContain('Nguyễn Thị Hương');
    expect(only).not.toContain('Đặng Văn Bình');
    expect(only).toContain('được lọc như trên màn hình: chỉ cá nhân; từ khóa "huong"');
    // Ordered as on screen: by person, descending.
    const byPerson = (await textOf(await printConsolidated(leader.ws, query(leader.group.id, { scope: 'individual', sort: 'person', descending: true })))).text;
    expect(byPerson.indexOf('Nguyễn Thị Hương')).toBeLessThan(byPerson.indexOf('Đặng Văn Bình'));
  });

  it('has totals: collective and individual counts, per title', async () => {
    const { leader } = await leaderWithMember();
    const { text } = await textOf(await printConsolidated(leader.ws, query(leader.group.id)));
    // Tập thể lao động xuất sắc: 1 collective; Lao động tiên tiến and Chiến sĩ thi đua cơ sở: 1 person each.
    expect(text).toContain('Tập thể lao động xuất sắc11');
    expect(text).toContain('Lao động tiên tiến11');
    expect(text).toContain('Chiến sĩ thi đua cơ sở11');
    expect(text).toContain('Tổng cộng123');
  });

  it('is signed with the leader’s own signer fields, even when the leader registered nothing', async () => {
    const { leader } = await leaderWithMember();
    const none = (await textOf(await printConsolidated(leader.ws, query(leader.group.id)))).text;
    expect(none).toMatch(/TRƯỞNG KHU VỰC THI ĐUAGIÁM ĐỐC$/);
    // A registration of another year signs it when there is none this year.
    const other = await registeredMember(LEADER);
    saveRegistration(other.ws, { ...other.input, signerTitle: 'Phó Giám đốc', signerName: 'Lê Văn Tâm' });
    const signed = (await textOf(await printConsolidated(other.ws, query(other.group.id)))).text;
    expect(signed).toMatch(/TRƯỞNG KHU VỰC THI ĐUAPHÓ GIÁM ĐỐCLê Văn Tâm$/);
  });
});

describe('the printed registration', () => {
  it('keeps the province of the unit on one line in the left heading column', async () => {
    const hg = await textOf(await printRegistration((await registeredMember()).ws, 1));
    expect(hg.xml).toContain('>SỞ TƯ PHÁP TỈNH HÀ GIANG</w:t>');
    const brvt = await registeredMember({ ...MEMBER, name: 'Cục Thi hành án dân sự tỉnh Bà Rịa – Vũng Tàu', kind: 'thads', province: 'Bà Rịa – Vũng Tàu' });
    const { xml } = await textOf(await printRegistration(brvt.ws, brvt.group.id));
    expect(xml).toContain('>CỤC THI HÀNH ÁN DÂN SỰ</w:t>');
    expect(xml).toContain('>TỈNH BÀ RỊA – VŨNG TÀU</w:t>');
    // The column is as wide as its longest line.
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid[0]! - 216).toBeGreaterThanOrEqual(textWidth('TỈNH BÀ RỊA – VŨNG TÀU', 24, true));
  });

  it('breaks a heading line before the province, or into halves, never inside a name', () => {
    expect(headingLines('SỞ TƯ PHÁP TỈNH HÀ GIANG', 10_000, 24, true)).toEqual(['SỞ TƯ PHÁP TỈNH HÀ GIANG']);
    expect(headingLines('SỞ TƯ PHÁP THÀNH PHỐ HỒ CHÍ MINH', 2000, 24, true)).toEqual(['SỞ TƯ PHÁP', 'THÀNH PHỐ HỒ CHÍ MINH']);
    expect(headingLines('TỔNG CỤC THI HÀNH ÁN DÂN SỰ', 2000, 24, false)).toEqual(['TỔNG CỤC THI', 'HÀNH ÁN DÂN SỰ']);
  });

  it('fits "STT" and every header word on one line', async () => {
    const { xml } = await textOf(await printRegistration((await registeredMember()).ws, 1));
    const tables = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1]!.matchAll(/w:w="(\d+)"/g)].map((g) => Number(g[1])));
    const data = tables.filter((cols) => cols.length >= 5);
    expect(data.length).toBeGreaterThanOrEqual(2);
    for (const cols of data) expect(cols[0]! - 160).toBeGreaterThanOrEqual(textWidth('STT', 26, true));
  });

  it('of the leader is not addressed to the leader itself', async () => {
    const leader = await registeredMember(LEADER);
    const { text } = await textOf(await printRegistration(leader.ws, leader.group.id));
    expect(text).toContain(`Kính gửi: ${DEPUTY.name} - Phó Trưởng Khu vực thi đua.`);
    expect(text).not.toContain(`${LEADER.name} - Trưởng Khu vực thi đua`);
  });
});
