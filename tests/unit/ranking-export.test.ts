import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { startFromSample } from '../../electron/services/scoring/criteria';
import { rankingDocument } from '../../electron/services/documents/ranking-doc';
import { writeDocx } from '../../electron/services/documents/write';
import { exportRanking } from '../../electron/services/scoring/ranking-export';
import { writeRankingXlsx } from '../../electron/services/scoring/ranking-xlsx';
import { saveSelfAssessment } from '../../electron/services/scoring/self-assessment';
import type { RankingRow, RankingView } from '../../electron/services/scoring/view-schemas';
import { testClock } from '../helpers/clock';
import { documentText, parseDocx } from '../helpers/docx';
import { groupInput, LEADER, makeUnit, MEMBER, tempDir } from '../helpers/units';

afterEach(() => testClock.reset());

const row = (r: Partial<RankingRow> & Pick<RankingRow, 'rank' | 'code' | 'name' | 'total'>): RankingRow => ({
  shared: false,
  kind: 'so_tu_phap',
  selfTotal: r.total,
  basis: 'verified',
  groups: { a: r.total - 10, c: 10 },
  bonus: 0,
  deduction: 0,
  classification: 'Không xếp loại',
  decidedBy: null,
  ...r,
});

/** Four units: two sharing a rank, one placed by the tie-break, one still on its own totals. */
const view: RankingView = {
  groupName: 'Khu vực thi đua số 1',
  year: 2026,
  scope: 'so_tu_phap',
  table: { title: 'Bảng tiêu chí chấm điểm thi đua năm 2026', sample: true, source: 'Mẫu kèm theo phần mềm' },
  columns: [
    { id: 'a', number: 'A', content: 'Công tác chuyên môn của Sở Tư pháp', max: 150, role: 'standard' },
    { id: 'c', number: 'C', content: 'Công tác chung', max: 50, role: 'standard' },
    { id: 'd', number: 'D', content: 'Điểm thưởng', max: 10, role: 'bonus' },
    { id: 'dd', number: 'Đ', content: 'Điểm trừ', max: 20, role: 'deduction' },
  ],
  rows: [
    row({ rank: 1, code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', total: 185.5, bonus: 2.5, classification: 'Loại A (Xuất sắc)' }),
    row({ rank: 2, code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', total: 170.25, deduction: 1, decidedBy: null }),
    row({
      rank: 3,
      code: 'STP-YB',
      name: 'Sở Tư pháp tỉnh Yên Bái',
      total: 170.25,
      decidedBy: 'Bằng tổng điểm với đơn vị xếp trên; xếp sau vì đơn vị xếp trên bị trừ ít điểm hơn.',
      basis: 'in_progress',
    }),
    row({ rank: 4, shared: true, code: 'STP-LC', name: 'Sở Tư pháp tỉnh Lào Cai', total: 120, basis: 'self', selfTotal: 120 }),
    row({ rank: 4, shared: true, code: 'STP-CB', name: 'Sở Tư pháp tỉnh Cao Bằng', total: 120 }),
  ],
  missing: [{ code: 'STP-BK', name: 'Sở Tư pháp tỉnh Bắc Kạn' }],
  tieBreak: 'Các đơn vị bằng tổng điểm thì xét lần lượt: bị trừ ít điểm hơn; vẫn bằng nhau thì đồng hạng.',
};
const own = { code: LEADER.code, name: LEADER.name, kind: LEADER.kind, province: LEADER.province, parentName: LEADER.parentName } as Parameters<typeof rankingDocument>[1];
const signer = { place: 'Tuyên Quang', title: 'Giám đốc', name: 'Đặng Văn Bình', role: 'leader' as const, groupKind: 'khu_vuc' as const, today: '2026-11-30T02:00:00Z' };

describe('the ranking document', () => {
  it('prints the table with its groups, marks, tie-break, the units not ranked and the sample mark', async () => {
    const dest = path.join(tempDir('xep-hang-'), 'xep-hang.docx');
    await writeDocx(rankingDocument(view, own, signer), dest);
    const { errors, parts } = await parseDocx(dest);
    expect(errors).toEqual([]);
    const xml = parts.get('word/document.xml')!;
    expect(xml).toContain('w:orient="landscape"');
    const text = documentText(parts);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA',
      'Khu vực thi đua số 1 năm 2026 (Sở Tư pháp) - Bảng mẫu',
      'Bảng mẫu: kết quả dưới đây',
      'Xếp hạng',
      '(tối đa 150)',
      'Điểm thưởng',
      'Điểm trừ',
      'Tổng điểm',
      'Xếp loại',
      '185,5',
      '170,25',
      '4 (đồng hạng)',
      '(chưa thẩm định)',
      '(đang thẩm định)',
      'xếp sau vì đơn vị xếp trên bị trừ ít điểm hơn',
      'Nguyên tắc xếp hạng: Các đơn vị bằng tổng điểm thì xét lần lượt: bị trừ ít điểm hơn; vẫn bằng nhau thì đồng hạng.',
      'Chưa xếp hạng (chưa gửi bảng tự chấm điểm): Sở Tư pháp tỉnh Bắc Kạn.',
      'TRƯỞNG KHU VỰC THI ĐUA',
      'Đặng Văn Bình',
    ])
      expect(text, s).toContain(s);
    // The bonus and deduction groups are columns of their own, not group columns.
    expect(text).not.toContain('(tối đa 10)');
    if (process.env.RENDER_DIR) {
      execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', process.env.RENDER_DIR, dest], { stdio: 'ignore' });
      execFileSync('pdftoppm', ['-png', '-r', '60', path.join(process.env.RENDER_DIR, 'xep-hang.pdf'), path.join(process.env.RENDER_DIR, 'xep-hang')]);
    }
  });

  it('is written as .xlsx with points as numbers, read back the same', async () => {
    const dest = path.join(tempDir('xep-hang-'), 'xep-hang.xlsx');
    await writeRankingXlsx(view, dest, '2026-11-30T02:00:00Z');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(dest);
    const sheet = book.getWorksheet('Xếp hạng thi đua')!;
    expect(sheet.getCell('A1').value).toBe('BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA');
    expect(sheet.getCell('A2').value).toBe('Khu vực thi đua số 1 năm 2026 - Bảng mẫu');
    expect(sheet.getCell('A3').value).toBe('Tính đến ngày 30/11/2026 - loại đơn vị: Sở Tư pháp');
    const header = (sheet.getRow(5).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Xếp hạng',
      'Đồng hạng',
      'Đơn vị',
      'Loại đơn vị',
      'A. Công tác chuyên môn của Sở Tư pháp (tối đa 150)',
      'C. Công tác chung (tối đa 50)',
      'Điểm thưởng',
      'Điểm trừ',
      'Tổng điểm',
      'Căn cứ',
      'Xếp loại',
      'Ghi chú',
    ]);
    const rows = [6, 7, 8, 9, 10].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    expect(rows[0]).toEqual([1, '', 'Sở Tư pháp tỉnh Hà Giang', 'Sở Tư pháp', 175.5, 10, 2.5, 0, 185.5, 'Đã thẩm định', 'Loại A (Xuất sắc)', '']);
    expect(rows[2]![9]).toBe('Đang thẩm định');
    expect(rows[2]![11]).toContain('bị trừ ít điểm hơn');
    expect(rows[3]!.slice(0, 3)).toEqual([4, 'Đồng hạng', 'Sở Tư pháp tỉnh Lào Cai']);
    expect(rows[3]![9]).toBe('Chưa thẩm định');
    expect(sheet.getCell('A12').value).toBe(`Nguyên tắc xếp hạng: ${view.tieBreak}`);
    expect(sheet.getCell('A13').value).toBe('Chưa xếp hạng (chưa gửi bảng tự chấm điểm): Sở Tư pháp tỉnh Bắc Kạn.');
  });

  it('is exported from the leader’s own data, as DOCX and .xlsx, filtered by unit kind', async () => {
    const leader = await makeUnit(LEADER);
    const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: 'a'.repeat(32) })));
    startFromSample(leader.ws, group.id);
    saveSelfAssessment(leader.ws, group.id, { items: [{ node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: '', evidence: [] }], conditions_met: [], confirmation: null });
    const docx = await exportRanking(leader.ws, group.id, 'so_tu_phap', 'docx');
    expect(path.basename(docx)).toMatch(/^xep-hang-thi-dua-\d{4}-.+-so_tu_phap-.+\.docx$/);
    const text = documentText((await parseDocx(docx)).parts);
    expect(text).toContain(`${LEADER.name}(chưa thẩm định)`);
    expect(text).toContain('Bảng mẫu');
    const xlsx = await exportRanking(leader.ws, group.id, 'all', 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.getWorksheet('Xếp hạng thi đua')!.getCell('J6').value).toBe(2);
    expect(fs.existsSync(docx)).toBe(true);
  });
});
