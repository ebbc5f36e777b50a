import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { openBundle } from '../../electron/services/bundles/reader';
import { confirmationOf, provinceTitle } from '../../electron/services/documents/self-assessment-doc';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { startFromSample } from '../../electron/services/scoring/criteria';
import { exportSelfAssessment, printSelfAssessment } from '../../electron/services/scoring/export';
import { attachEvidence, saveSelfAssessment } from '../../electron/services/scoring/self-assessment';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import { documentText, parseDocx } from '../helpers/docx';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';

/** The leader scores its own unit against the sample table (its deputy receives the bundle). */
async function scored() {
  const leader = await makeUnit(LEADER);
  const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: 'a'.repeat(32), [DEPUTY.code]: 'b'.repeat(32) })));
  startFromSample(leader.ws, group.id);
  saveSelfAssessment(leader.ws, group.id, {
    items: [
      { node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: 'Gửi đúng hạn ngày 10/6.', evidence: [] },
      { node: 'a1.2', value: { type: 'days_late', days: 2 }, explanation: '', evidence: [] },
      { node: 'a2.2.2', value: { type: 'points', points: 4.5 }, explanation: 'Xử lý 3/4 văn bản.', evidence: [] },
      { node: 'd.1', value: { type: 'points', points: 2 }, explanation: '', evidence: [] },
      { node: 'dd.2', value: { type: 'points', points: 3 }, explanation: 'Một công chức bị khiển trách.', evidence: [] },
    ],
    conditions_met: ['no_discipline'],
    confirmation: null,
  });
  const scan = path.join(tempDir('minh-chung-'), 'Báo cáo 6 tháng.pdf');
  fs.writeFileSync(scan, '%PDF-1.4 báo cáo');
  await attachEvidence(leader.ws, group.id, 'a1.1', scan, 'Báo cáo 6 tháng.pdf');
  return { leader, group };
}

describe('BẢNG TỰ CHẤM ĐIỂM THI ĐUA', () => {
  it('prints the table with group totals, deductions, evidence names, the conditions, the head’s signature and the chairman’s confirmation', async () => {
    const { leader, group } = await scored();
    const file = await printSelfAssessment(leader.ws, group.id);
    const { errors, parts } = await parseDocx(file);
    expect(errors).toEqual([]);
    const text = documentText(parts);
    expect(text).toContain('BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2022');
    expect(text).toContain('BẢNG MẪU');
    expect(text).toContain('Số TTNội dung tiêu chíĐiểm chuẩnĐiểm tự chấmGiải trình / Tài liệu minh chứng');
    // Group I: on time 2 + two days late 1,5; the deduction printed with its sign.
    expect(text).toContain('IThực hiện chế độ báo cáo203,5');
    expect(text).toContain('Gửi đúng hạn ngày 10/6.Minh chứng: Báo cáo 6 tháng.pdf');
    expect(text).toContain('2Có cán bộ, công chức bị xử lý kỷ luật trong nămTối đa 10-3Một công chức bị khiển trách.');
    // 3,5 + 4,5 + 2 bonus − 3 deduction; the THADS group B is not this unit's.
    expect(text).toContain('TỔNG ĐIỂM TỰ CHẤM2007Trong đó: điểm thưởng 2, điểm trừ 3');
    expect(text).not.toContain('Kết quả thi hành án dân sự');
    expect(text).toContain('Không có cán bộ, công chức bị kỷ luật từ khiển trách trở lên: Đã đạt.');
    expect(text).not.toContain('Hoàn thành chỉ tiêu thi hành xong về việc');
    expect(text).toContain('Tuyên Quang, ngày … tháng … năm …');
    expect(text).toContain('Số:       /      ');
    // No registration holds the head's name: the title of a Sở's head, the name left as a dotted line for the pen.
    expect(text).toContain('GIÁM ĐỐC…………………………………');
    expect(text).toContain('XÁC NHẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG');
    expect(text).toContain('bảo đảm tính khách quan, chính xác trong việc tự chấm điểm');
    expect(text).toContain('(Ký, ghi rõ họ tên và đóng dấu)');
    // Landscape A4, group rows bold.
    expect(parts.get('word/document.xml')).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  it('signs with the unit’s signer as its registration names them', async () => {
    const unit = await registeredMember(LEADER, groupInput({ [MEMBER.code]: 'a'.repeat(32) }));
    startFromSample(unit.ws, unit.group.id);
    saveSelfAssessment(unit.ws, unit.group.id, { items: [{ node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: '', evidence: [] }], conditions_met: [], confirmation: null });
    const text = documentText((await parseDocx(await printSelfAssessment(unit.ws, unit.group.id))).parts);
    expect(text).toContain('GIÁM ĐỐCĐặng Văn Bình');
    expect(text).not.toContain('……………');
  });

  it('goes into the signed bundle under data/documents as the version sent', async () => {
    const { leader, group } = await scored();
    const sent = await exportSelfAssessment(leader.ws, group.id, { acceptGaps: true });
    const bundle = await openBundle(sent.path, bundleKinds);
    await bundle.verifyPayload();
    const paths = bundle.header.files.map((f) => f.path);
    expect(paths).toContain(`data/documents/tu-cham-diem-2022-v${sent.version}.docx`);
    expect(paths.filter((p) => p.startsWith('data/evidence/'))).toHaveLength(1);
  });

  it('names the province as the chairman’s title does, and the superior of a unit that is not a Sở without guessing its title', () => {
    expect(provinceTitle('Tuyên Quang')).toBe('tỉnh Tuyên Quang');
    expect(provinceTitle('Hà Nội')).toBe('thành phố Hà Nội');
    expect(provinceTitle('Thành phố Hồ Chí Minh')).toBe('thành phố Hồ Chí Minh');
    expect(provinceTitle('Tỉnh Hà Giang')).toBe('tỉnh Hà Giang');
    const thads = confirmationOf({ ...DEPUTY }, 2022);
    expect(thads.title).toBe('Xác nhận của cơ quan quản lý cấp trên');
    expect(thads.statement).toContain('Cục Thi hành án dân sự tỉnh Tuyên Quang');
  });
});
