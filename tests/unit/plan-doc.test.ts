import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { lowerFirst, ruleText } from '../../electron/services/groups-calendar/calendar';
import type { PlanContent } from '../../electron/services/groups-calendar/plan-schemas';
import { planTemplate } from '../../electron/services/groups-calendar/template';
import { planDocument, type PlanGroup } from '../../electron/services/documents/plan-doc';
import { writeDocx } from '../../electron/services/documents/write';
import { documentText, parseDocx } from '../helpers/docx';
import { DEPUTY, LEADER, MEMBER, tempDir } from '../helpers/units';

const GROUP: PlanGroup = {
  name: 'Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc',
  kind: 'khu_vuc',
  year: 2022,
  members: [
    { ...LEADER, role: 'leader', fingerprint: '', gatheredByDeputy: false },
    { ...DEPUTY, role: 'deputy', fingerprint: '', gatheredByDeputy: false },
    { ...MEMBER, role: 'member', fingerprint: '', gatheredByDeputy: false },
    { code: 'THADS-HG', name: 'Cục Thi hành án dân sự tỉnh Hà Giang', kind: 'thads', province: 'Hà Giang', parentName: 'Tổng cục Thi hành án dân sự', role: 'member', fingerprint: '', gatheredByDeputy: true },
  ],
};

interface Para {
  text: string;
  /** The text of the bold runs, in order. */
  bold: string[];
  italics: string[];
}

/** The body's paragraphs as a reader meets them: text and bold runs, read with an XML parser. */
function paragraphs(xml: string): Para[] {
  const out: Para[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let para: Para | null = null;
  let runBold = false;
  let runItalics = false;
  let inText = false;
  let runText = '';
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:p') para = { text: '', bold: [], italics: [] };
    if (tag.name === 'w:r') [runBold, runItalics, runText] = [false, false, ''];
    if (tag.name === 'w:b' && tag.attributes['w:val']?.value !== 'false') runBold = true;
    if (tag.name === 'w:i' && tag.attributes['w:val']?.value !== 'false') runItalics = true;
    if (tag.name === 'w:t') inText = true;
  });
  parser.on('text', (t) => {
    if (inText) runText += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    if (tag.name === 'w:r' && para) {
      para.text += runText;
      if (runBold && runText) para.bold.push(runText);
      if (runItalics && runText) para.italics.push(runText);
    }
    if (tag.name === 'w:p' && para) {
      if (para.text) out.push(para);
      para = null;
    }
  });
  parser.write(xml).close();
  return out;
}

async function printed(plan: PlanContent, group = GROUP): Promise<{ file: string; paras: Para[]; text: string }> {
  const file = path.join(tempDir('plan-doc-'), 'ke-hoach.docx');
  await writeDocx(planDocument(group, plan), file);
  const { errors, parts } = await parseDocx(file);
  expect(errors).toEqual([]);
  return { file, paras: paragraphs(parts.get('word/document.xml')!), text: documentText(parts) };
}

describe('the printed plan', () => {
  it("follows seed 000's section order", async () => {
    const { paras } = await printed(planTemplate(2022));
    const index = (s: string) => {
      const i = paras.findIndex((p) => p.text.startsWith(s));
      expect(i, s).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      'SỞ TƯ PHÁP',
      'KẾ HOẠCH',
      'Hoạt động của Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc năm 2022',
      'Căn cứ Thông tư số 05/2018/TT-BTP',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '2. Yêu cầu',
      'II. NỘI DUNG',
      '1. Tổ chức đăng ký thi đua năm 2022',
      '2. Phát động phong trào thi đua năm 2022',
      '3. Sơ kết thi đua năm 2022',
      '4. Kiểm tra việc tổ chức thực hiện phong trào thi đua',
      '5. Tổng kết thi đua năm 2022',
      '6. Các phong trào thi đua và đợt thi đua',
      '7. Quan hệ công tác',
      'III. TỔ CHỨC THỰC HIỆN',
      'Trên đây là Kế hoạch hoạt động của Khu vực thi đua',
      'Nơi nhận:',
      'TRƯỞNG KHU VỰC THI ĐUA',
    ].map(index);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The heading block: the leader unit, the number and symbol, the place; the plan has no date yet, so the
    // day and month are left blank for the pen at signing, as seed 000 was printed ("ngày    tháng 02 năm 2022").
    expect(paras.map((p) => p.text)).toEqual(expect.arrayContaining(['UBND TỈNH TUYÊN QUANG', 'SỞ TƯ PHÁP', 'TỈNH TUYÊN QUANG', 'Số:       /KH-KVTĐ', 'Tuyên Quang, ngày        tháng        năm 2022']));
    expect(paras.map((p) => p.text).join('\n')).not.toMatch(/ngày \d+ tháng/);
    expect(paras.find((p) => p.text.startsWith('Căn cứ'))!.italics).toEqual(['sau đây viết tắt là Khu vực thi đua']);
    // Section headings are bold.
    for (const h of ['I. MỤC ĐÍCH, YÊU CẦU', 'II. NỘI DUNG', '4. Kiểm tra việc tổ chức thực hiện phong trào thi đua', 'III. TỔ CHỨC THỰC HIỆN']) {
      expect(paras.find((p) => p.text === h)?.bold, h).toEqual([h]);
    }
  });

  it('prints every milestone once, in its section, who sends what to whom, its deadline in bold', async () => {
    const plan = planTemplate(2022);
    const { paras } = await printed(plan);
    const content = paras.findIndex((p) => p.text === 'II. NỘI DUNG');
    const sectionStart = (n: number) => paras.findIndex((p, i) => i > content && p.text.startsWith(`${n}. `) && p.bold.length === 1 && p.bold[0] === p.text);
    const sections = ['registration', 'kickoff', 'mid_year', 'inspection', 'year_end'];
    for (const m of plan.milestones) {
      const found = paras.flatMap((p, i) => (p.text.includes(` gửi ${lowerFirst(m.title)} cho `) ? [i] : []));
      expect(found, m.key).toHaveLength(1);
      const p = paras[found[0]!]!;
      const s = sections.indexOf(m.section) + 1;
      expect(found[0]!, m.key).toBeGreaterThan(sectionStart(s));
      expect(found[0]!, m.key).toBeLessThan(sectionStart(s + 1));
      // The deadline is the paragraph's one bold run.
      expect(p.bold, m.key).toEqual([ruleText(m.deadline, plan.events, { sayUndated: false })]);
    }
    const text = (key: string) => paras.find((p) => p.text.includes(` gửi ${lowerFirst(plan.milestones.find((m) => m.key === key)!.title)} cho `))!.text;
    expect(text('registration')).toContain(
      '- Các cơ quan, đơn vị thành viên Khu vực thi đua gửi đăng ký thi đua năm 2022 của cơ quan, đơn vị mình cho Trưởng, Phó Trưởng Khu vực thi đua và Vụ Thi đua - Khen thưởng, Bộ Tư pháp trước ngày 10/02/2022. Đăng ký thi đua trên cơ sở',
    );
    expect(text('registration-consolidated')).toBe(
      '- Cục Thi hành án dân sự tỉnh Tuyên Quang, Phó Trưởng Khu vực thi đua năm 2022 gửi tổng hợp đăng ký thi đua năm 2022 của các Cục Thi hành án dân sự thành viên Khu vực thi đua cho Sở Tư pháp tỉnh Tuyên Quang, Trưởng Khu vực thi đua năm 2022 trước ngày 15/02/2022.',
    );
    expect(text('inspection-minutes')).toBe(
      '- Đoàn kiểm tra gửi báo cáo kết quả kiểm tra kèm theo Biên bản kiểm tra đối với từng cơ quan, đơn vị được kiểm tra cho Trưởng, Phó Trưởng Khu vực thi đua chậm nhất 02 ngày sau khi kết thúc kiểm tra.',
    );
    // The events' expected time is printed while they have no date.
    expect(paras.map((p) => p.text)).toContain('Bắt đầu kiểm tra: dự kiến tháng 09/2022.');
    // Movements and phases.
    expect(paras.map((p) => p.text)).toContain('- Đợt thi đua thứ nhất: từ ngày 01/01/2022 đến ngày 30/06/2022. Tổ chức sơ kết cùng với sơ kết công tác tư pháp 06 tháng đầu năm 2022.');
  });

  it("once the inspection is dated, its deadlines print with their dates; the leader's edits print as made", async () => {
    const plan = planTemplate(2026);
    plan.events = plan.events.map((e) => (e.key === 'inspection-end' ? { ...e, date: '2026-09-25' } : e));
    plan.milestones = plan.milestones.filter((m) => m.key !== 'kickoff-draft');
    plan.document = { ...plan.document, number_symbol: '12/KH-KVTĐ', place: 'Hà Giang', date: '2026-01-20', signer_title: 'GIÁM ĐỐC SỞ TƯ PHÁP\nTỈNH TUYÊN QUANG', signer_name: 'Nguyễn Thị Thược' };
    const { paras, text } = await printed(plan, { ...GROUP, year: 2026 });
    const bold = paras.flatMap((p) => p.bold);
    expect(bold).toContain('chậm nhất 02 ngày sau khi kết thúc kiểm tra (hạn: 27/09/2026)');
    expect(bold).toContain('chậm nhất 10 ngày sau khi kết thúc kiểm tra (hạn: 05/10/2026)');
    expect(bold).toContain('trước ngày 10/02/2026');
    expect(paras.map((p) => p.text)).toContain('Kết thúc kiểm tra: ngày 25/09/2026.');
    expect(text).not.toContain('Dự thảo Kế hoạch phát động');
    expect(text).toContain('Hoạt động của Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc năm 2026');
    expect(paras.map((p) => p.text)).toEqual(expect.arrayContaining(['Số: 12/KH-KVTĐ', 'Hà Giang, ngày 20 tháng 01 năm 2026', 'GIÁM ĐỐC SỞ TƯ PHÁP', 'TỈNH TUYÊN QUANG', 'Nguyễn Thị Thược']));
  });

  it('a Cụm prints "Cụm thi đua" throughout; a group without a leader is refused in Vietnamese', async () => {
    const cum = { ...GROUP, kind: 'cum', name: 'Cụm thi đua số II' } as const;
    const { text } = await printed(planTemplate(2022, 'cum'), cum);
    expect(text).toContain('TRƯỞNG CỤM THI ĐUA');
    // Every placeholder filled, no italics marker left.
    expect(text).not.toMatch(/[{}*]/);
    // Only the Quy chế's own name ("Cụm thi đua, Khu vực thi đua ngành Tư pháp") speaks of Khu vực.
    expect(text.replaceAll('Cụm thi đua, Khu vực thi đua ngành Tư pháp', '').replaceAll('Cụm, Khu vực thi đua', '')).not.toContain('Khu vực');
    expect(() => planDocument({ ...GROUP, members: GROUP.members.filter((m) => m.role !== 'leader') }, planTemplate(2022))).toThrow(
      'Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc chưa có đơn vị Trưởng: hãy chọn đơn vị Trưởng trước khi in kế hoạch.',
    );
  });
});
