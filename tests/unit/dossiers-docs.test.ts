import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { saveCouncil } from '../../electron/services/awards/council';
import { saveYearFacts } from '../../electron/services/awards/history';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { attachScan, createDossier, saveAchievements } from '../../electron/services/dossiers/dossier';
import { exportDossiers } from '../../electron/services/dossiers/export';
import { generatePart } from '../../electron/services/dossiers/documents';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { startFromSample } from '../../electron/services/scoring/criteria';
import { saveSelfAssessment } from '../../electron/services/scoring/self-assessment';
import { file } from '../helpers/consolidated';
import { councilMeeting, memberYear, scan, year, YEAR } from '../helpers/dossiers';
import { documentText, parseDocx } from '../helpers/docx';
import { groupInput, LEADER, makeUnit, MEMBER, tempDir } from '../helpers/units';

/**
 * Every document a dossier generates, from a unit with a score, a history with a sáng kiến and a
 * council meeting: its text says who, what and which unit, and LibreOffice opens it. With RENDER_DIR
 * set, the PDFs are kept there to be looked at.
 */
describe('the documents of the dossiers', () => {
  it('name the nominee, the award and the unit, carry the score and the history, and open in LibreOffice', async () => {
    const m = await memberYear();
    const g = m.group.id;
    // The leader's table reaches the member in the kickoff; the unit scores itself.
    const leader = await makeUnit(LEADER);
    const lg = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: m.unit.keyId }, { year: YEAR, registrationDeadline: '2025-02-10' })));
    startFromSample(leader.ws, lg.id);
    const kickoff = await publishKickoff(leader.ws, lg.id);
    saveGroup(m.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: g, year: YEAR, registrationDeadline: '2025-02-10' })));
    expect((await importBundleFile(m.ws, file(kickoff.path))).status).toBe('accepted');
    saveSelfAssessment(m.ws, g, {
      items: [
        { node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: '', evidence: [] },
        { node: 'd.1', value: { type: 'points', points: 5 }, explanation: '', evidence: [] },
      ],
      conditions_met: [],
      confirmation: null,
    });
    saveYearFacts(m.ws, m.binh, year(2023, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [{ code: 'CSTDCS', decision: { number: '112/QĐ-UBND', date: '2023-12-28' } }] }));
    saveYearFacts(m.ws, m.binh, year(2024, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [{ code: 'CSTDCS', decision: { number: '98/QĐ-UBND', date: '2024-12-26' } }] }));
    saveYearFacts(
      m.ws,
      m.binh,
      year(YEAR, {
        taskCompletion: 'hoan_thanh_xuat_sac',
        honours: [{ code: 'CSTDCS', decision: null }],
        initiatives: [{ id: 'sk-1', title: 'Số hóa sổ hộ tịch bằng biểu mẫu điện tử', kind: 'sang_kien', level: 'bo_tinh', decision: { number: '15/QĐ-BTP', date: '2025-10-02' }, usedFor: null }],
      }),
    );
    const unit = createDossier(m.ws, g, m.unitId, 'TTLDXS');
    const division = createDossier(m.ws, g, m.division, 'GK_TT');
    const person = createDossier(m.ws, g, m.binh, 'CSTD_BO');
    createDossier(m.ws, g, m.huong, 'CSTDCS');
    saveAchievements(m.ws, g, unit.recordId, 'Hoàn thành 100% chỉ tiêu thẩm định văn bản quy phạm pháp luật đúng hạn.');
    saveAchievements(m.ws, g, person.recordId, 'Chủ trì xây dựng Đề án số hóa sổ hộ tịch toàn tỉnh.');
    saveCouncil(
      m.ws,
      g,
      councilMeeting([
        { nomineeId: m.unitId, award_code: 'TTLDXS', votes_for: 9 },
        { nomineeId: m.division, award_code: 'GK_TT', votes_for: 8 },
        { nomineeId: m.binh, award_code: 'CSTD_BO', votes_for: 9 },
        { nomineeId: m.huong, award_code: 'CSTDCS', votes_for: 7 },
      ]),
    );
    const docs = {
      'to-trinh-bo-truong': await generatePart(m.ws, g, person.recordId, 'proposalLetter'),
      'to-trinh-giam-doc-so': await generatePart(m.ws, g, division.recordId, 'proposalLetter'),
      'bao-cao-ca-nhan': await generatePart(m.ws, g, person.recordId, 'achievementReport'),
      'bao-cao-don-vi': await generatePart(m.ws, g, unit.recordId, 'achievementReport'),
      'bao-cao-phong': await generatePart(m.ws, g, division.recordId, 'achievementReport'),
      'bien-ban': await generatePart(m.ws, g, unit.recordId, 'minutes'),
    };
    const text = async (p: string) => {
      const parsed = await parseDocx(p);
      expect(parsed.errors).toEqual([]);
      return documentText(parsed.parts).replace(/\u00a0/g, ' ');
    };
    // CSTĐ cấp Bộ goes to the Bộ trưởng, Giấy khen to the Giám đốc Sở: one tờ trình per grantor, each with its list.
    const minister = await text(docs['to-trinh-bo-truong'].path);
    expect(minister).toContain('Kính gửi: Bộ trưởng Bộ Tư pháp');
    expect(minister).toContain(`${MEMBER.name} kính đề nghị Bộ trưởng Bộ Tư pháp xem xét, tặng Chiến sĩ thi đua cấp Bộ cho 01 cá nhân`);
    expect(minister).toContain('Căn cứ Nghị định 152/2025/NĐ-CP');
    expect(minister).not.toContain('Giấy khen');
    const director = await text(docs['to-trinh-giam-doc-so'].path);
    expect(director).toContain('kính đề nghị Giám đốc Sở Tư pháp xem xét, tặng Giấy khen và Chiến sĩ thi đua cơ sở cho 01 tập thể và 01 cá nhân');
    const provincial = await text(docs['to-trinh-giam-doc-so'].also[0]!);
    expect(provincial).toContain('Ban Giám đốc');
    expect(provincial).toContain('Nguyễn Thị Hương');
    expect(provincial).toContain(`(Kèm theo Tờ trình số …/TTr-STP ngày …/…/2025 của ${MEMBER.name})`);
    const individual = await text(docs['bao-cao-ca-nhan'].path);
    expect(individual).toContain('ĐỀ NGHỊ TẶNG CHIẾN SĨ THI ĐUA CẤP BỘ');
    expect(individual).toContain('Đặng Văn Bình');
    expect(individual).toContain(`Giám đốc, Ban Giám đốc`);
    expect(individual).toContain('Chủ trì xây dựng Đề án số hóa sổ hộ tịch toàn tỉnh.');
    expect(individual).toContain('Sáng kiến «Số hóa sổ hộ tịch bằng biểu mẫu điện tử» được công nhận cấp Bộ, ngành, tỉnh năm 2025 (Quyết định số 15/QĐ-BTP ngày 02/10/2025).');
    expect(individual).toContain('2023Chiến sĩ thi đua cơ sởQuyết định số 112/QĐ-UBND ngày 28/12/2023');
    expect(individual).toContain('Mẫu số 05');
    const own = await text(docs['bao-cao-don-vi'].path);
    expect(own).toContain('ĐỀ NGHỊ TẶNG TẬP THỂ LAO ĐỘNG XUẤT SẮC');
    expect(own).toContain(MEMBER.name.toUpperCase());
    expect(own).toMatch(/Kết quả tự chấm điểm thi đua năm 2025 trong Khu vực thi đua .*: 7\/200 điểm\./);
    const div = await text(docs['bao-cao-phong'].path);
    expect(div).toContain('BAN GIÁM ĐỐC');
    expect(div).toContain('ĐỀ NGHỊ TẶNG GIẤY KHEN');
    expect(div).toContain('XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG');
    const minutes = await text(docs['bien-ban'].path);
    expect(minutes).toContain('Đặng Văn Bình (Giám đốc, Ban Giám đốc): 9/10');

    // With every scan attached (one paper for the batch where it is one), the bundle answers the plan's year-end dossier milestone.
    for (const part of ['proposalLetter', 'achievementReport', 'minutes', 'initiativeCertification'] as const) await attachScan(m.ws, g, person.recordId, part, scan(`${part}.pdf`), `${part}.pdf`, true);
    const sent = await exportDossiers(m.ws, g);
    expect([sent.count, sent.milestone]).toEqual([4, { key: 'year-end-dossier', title: 'Hồ sơ đề nghị suy tôn, khen thưởng của cơ quan, đơn vị mình', deadline: '2025-11-05' }]);

    const files = [...Object.values(docs).map((d) => d.path), ...docs['to-trinh-bo-truong'].also, ...docs['to-trinh-giam-doc-so'].also];
    const out = process.env.RENDER_DIR ?? tempDir('dossier-pdf-');
    const profile = tempDir('lo-profile-');
    execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files], { stdio: 'ignore', timeout: 240_000 });
    for (const f of files) {
      const pdf = path.join(out, path.basename(f).replace(/\.docx$/, '.pdf'));
      expect(fs.existsSync(pdf), pdf).toBe(true);
      expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]), pdf).toBeGreaterThanOrEqual(1);
    }
  }, 300_000);
});
