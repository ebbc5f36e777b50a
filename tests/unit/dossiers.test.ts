import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { schema } from '../../db/client';
import type { Context } from '../../electron/api/context';
import { dispatch } from '../../electron/api/dispatch';
import type { Channel } from '../../electron/ipc/channels';
import type { Output } from '../../electron/ipc/contract';
import { FileHandles } from '../../electron/services/files/handles';
import { groupInputSchema } from '../../electron/ipc/contract';
import { saveCouncil } from '../../electron/services/awards/council';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { writeReceipts } from '../../electron/services/bundles/receipts';
import { attachScan, createDossier, detachScan, listDossiers, removeDossier, saveAchievements } from '../../electron/services/dossiers/dossier';
import { generatePart } from '../../electron/services/dossiers/documents';
import { exportDossiers } from '../../electron/services/dossiers/export';
import type { DossierRecord } from '../../electron/services/dossiers/schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { currentRecords, historyOf } from '../../electron/services/records/store';
import { file, on } from '../helpers/consolidated';
import { councilMeeting, memberYear, scan, YEAR } from '../helpers/dossiers';
import { documentText, parseDocx } from '../helpers/docx';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, tempDir } from '../helpers/units';

/** The member's award dossiers on a real SQLite file: parts from the catalogue, documents, scans, and the dossier bundle to the leader. */

describe('a dossier’s parts come from the catalogue', () => {
  it('lists the parts of each award with their forms, the initiative certificate required only when the conditions rest on one', async () => {
    const m = await memberYear();
    const g = m.group.id;
    const unit = createDossier(m.ws, g, m.unitId, 'TTLDXS');
    expect(unit.parts.map((p) => [p.part, p.form, p.formVerified, p.required, p.canGenerate])).toEqual([
      ['proposalLetter', 'Mẫu số 01', true, true, true],
      ['achievementReport', 'Mẫu số 04', false, true, true],
      ['minutes', null, false, true, true],
    ]);
    expect(unit.missing).toEqual(['Tờ trình đề nghị khen thưởng', 'Báo cáo thành tích của tập thể (khen thưởng theo công trạng)', 'Biên bản bình xét thi đua']);
    // CSTĐCS: hoàn thành xuất sắc nhiệm vụ OR a sáng kiến; met by the first, so the certificate is not required.
    const cstd = createDossier(m.ws, g, m.huong, 'CSTDCS');
    expect(cstd.parts.map((p) => p.part)).toEqual(['proposalLetter', 'achievementReport', 'minutes', 'initiativeCertification']);
    expect(cstd.parts.find((p) => p.part === 'initiativeCertification')).toMatchObject({ required: false, canGenerate: false, complete: true });
    expect(cstd.eligibility.status).toBe('met');
    // CSTĐ cấp Bộ always rests on a sáng kiến.
    const bo = createDossier(m.ws, g, m.huong, 'CSTD_BO');
    expect(bo.parts.find((p) => p.part === 'initiativeCertification')).toMatchObject({ required: true, complete: false });
    expect(bo.eligibility.status).toBe('not_met');
    expect(bo.eligibility.reason).toContain('Chưa đủ điều kiện «Chiến sĩ thi đua cấp Bộ»');
    const list = listDossiers(m.ws, g);
    expect(list).toMatchObject({ year: YEAR, ruleDate: '2025-11-30', ruleDateText: '30/11/2025' });
    expect(list.dossiers.map((d) => `${d.nominee.name} – ${d.award.name}`)).toEqual([
      `${MEMBER.name} – Tập thể lao động xuất sắc`,
      'Nguyễn Thị Hương – Chiến sĩ thi đua cơ sở',
      'Nguyễn Thị Hương – Chiến sĩ thi đua cấp Bộ',
    ]);
    expect(list.choices.awards.find((a) => a.code === 'CSTDCS')).toEqual({ code: 'CSTDCS', name: 'Chiến sĩ thi đua cơ sở', scope: 'individual' });
  });

  it('refuses an award outside the nominee’s scope, and a second dossier for the same nominee and award', async () => {
    const m = await memberYear();
    const g = m.group.id;
    expect(() => createDossier(m.ws, g, m.huong, 'TTLDXS')).toThrow('«Tập thể lao động xuất sắc» là danh hiệu, hình thức khen thưởng dành cho tập thể (đơn vị, phòng, bộ phận), không đề nghị cho cá nhân "Nguyễn Thị Hương".');
    expect(() => createDossier(m.ws, g, m.division, 'CSTDCS')).toThrow('«Chiến sĩ thi đua cơ sở» là danh hiệu, hình thức khen thưởng dành cho cá nhân, không đề nghị cho tập thể "Ban Giám đốc".');
    expect(() => createDossier(m.ws, g, m.unitId, 'KHONG_CO')).toThrow('Danh hiệu, hình thức khen thưởng "KHONG_CO" không có trong danh mục ngày 30/11/2025.');
    createDossier(m.ws, g, m.division, 'GK_TT');
    expect(() => createDossier(m.ws, g, m.division, 'GK_TT')).toThrow('Đã có hồ sơ đề nghị «Giấy khen» cho "Ban Giám đốc" năm 2025.');
    expect(currentRecords(m.ws.db, 'dossier', 'KVTD-MNPB', YEAR)).toHaveLength(1);
  });
});

describe('generating the documents', () => {
  it('writes the tờ trình for the batch with its danh sách, and the báo cáo thành tích, each naming the nominee, the award and the unit', async () => {
    const m = await memberYear();
    const g = m.group.id;
    const a = createDossier(m.ws, g, m.huong, 'CSTDCS');
    createDossier(m.ws, g, m.binh, 'CSTDCS');
    saveAchievements(m.ws, g, a.recordId, 'Chủ trì thẩm định 120 dự thảo văn bản quy phạm pháp luật đúng hạn.\nTham mưu tổ chức 15 hội nghị phổ biến pháp luật.');
    const letter = await generatePart(m.ws, g, a.recordId, 'proposalLetter');
    expect(path.dirname(letter.path)).toBe(path.join(m.ws.dataDir, 'documents'));
    const text = documentText((await parseDocx(letter.path)).parts);
    expect(text).toContain('TỜ TRÌNH');
    expect(text).toContain(MEMBER.name.toUpperCase());
    expect(text).toContain('Chiến sĩ thi đua cơ sở: 02 cá nhân');
    expect(text).toContain('Mẫu số 01');
    const list = documentText((await parseDocx(letter.also[0]!)).parts);
    expect(list).toContain('Nguyễn Thị Hương');
    expect(list).toContain('Đặng Văn Bình');
    expect(list).toContain('Chủ trì thẩm định 120 dự thảo');
    // One tờ trình for the batch: both dossiers hold it as their document.
    const views = listDossiers(m.ws, g).dossiers;
    expect(new Set(views.map((d) => d.parts[0]!.document?.sha256))).toEqual(new Set([letter.dossier.parts[0]!.document!.sha256]));
    const report = await generatePart(m.ws, g, a.recordId, 'achievementReport');
    const r = documentText((await parseDocx(report.path)).parts);
    expect(r).toContain('BÁO CÁO THÀNH TÍCH');
    expect(r).toContain('ĐỀ NGHỊ TẶNG CHIẾN SĨ THI ĐUA CƠ SỞ');
    expect(r).toContain('Nguyễn Thị Hương');
    expect(r).toContain(MEMBER.name);
    expect(r).toContain('Tham mưu tổ chức 15 hội nghị phổ biến pháp luật.');
    expect(r).toContain('Quyết định số 45/QĐ-STP ngày 20/12/2024');
    expect(report.dossier.parts[1]!.document?.name).toBe(path.basename(report.path));
    await expect(generatePart(m.ws, g, a.recordId, 'minutes')).rejects.toThrow('Chưa ghi kết quả họp Hội đồng Thi đua – Khen thưởng');
    await expect(generatePart(m.ws, g, a.recordId, 'initiativeCertification')).rejects.toThrow('hãy đính kèm bản scan');
  });
});

describe('the council’s minutes', () => {
  it('are refused until the meeting is recorded, then printed once for every dossier it voted on, its result shown and cited by the tờ trình', async () => {
    const m = await memberYear();
    const g = m.group.id;
    const a = createDossier(m.ws, g, m.huong, 'CSTDCS');
    const b = createDossier(m.ws, g, m.unitId, 'TTLDXS');
    expect(a.council).toBeNull();
    await expect(generatePart(m.ws, g, a.recordId, 'minutes')).rejects.toThrow(
      'Chưa ghi kết quả họp Hội đồng Thi đua – Khen thưởng của đơn vị về "Nguyễn Thị Hương – Chiến sĩ thi đua cơ sở" năm 2025',
    );
    saveCouncil(m.ws, g, councilMeeting([{ nomineeId: m.huong, award_code: 'CSTDCS', votes_for: 8 }, { nomineeId: m.unitId, award_code: 'TTLDXS', votes_for: 6 }]));
    // A draft shows the vote as it stands, without an edit.
    const shown = listDossiers(m.ws, g).dossiers;
    expect(shown.map((d) => d.council)).toEqual([
      { votesFor: 6, totalMembers: 10, reached: false, text: 'Hội đồng Thi đua – Khen thưởng: 6/10 thành viên đồng ý, không đạt tỷ lệ phiếu theo quy định.' },
      { votesFor: 8, totalMembers: 10, reached: true, text: 'Hội đồng Thi đua – Khen thưởng: 8/10 thành viên đồng ý, đạt tỷ lệ phiếu theo quy định.' },
    ]);
    const printed = await generatePart(m.ws, g, a.recordId, 'minutes');
    const text = documentText((await parseDocx(printed.path)).parts);
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('Nguyễn Thị Hương');
    expect(printed.dossier.council).toMatchObject({ votesFor: 8, reached: true });
    const after = listDossiers(m.ws, g).dossiers;
    expect(after.map((d) => d.parts.find((p) => p.part === 'minutes')!.document?.sha256)).toEqual([printed.dossier.parts[2]!.document!.sha256, printed.dossier.parts[2]!.document!.sha256]);
    expect(b.recordId).toBe(after[0]!.recordId);
    const letter = await generatePart(m.ws, g, a.recordId, 'proposalLetter');
    expect(documentText((await parseDocx(letter.path)).parts)).toContain('Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Hà Giang ngày 10/12/2025');
  });
});

describe('scans and export', () => {
  it('refuses export naming each dossier and its missing parts, changing nothing', async () => {
    const m = await memberYear();
    const g = m.group.id;
    const a = createDossier(m.ws, g, m.huong, 'CSTDCS');
    createDossier(m.ws, g, m.unitId, 'TTLDXS');
    await attachScan(m.ws, g, a.recordId, 'proposalLetter', scan('to-trinh.pdf'), 'to-trinh.pdf', true);
    await attachScan(m.ws, g, a.recordId, 'achievementReport', scan('bao-cao.pdf'), 'bao-cao.pdf');
    const before = m.ws.db.select().from(schema.records).where(eq(schema.records.type, 'dossier')).all();
    await expect(exportDossiers(m.ws, g)).rejects.toThrow(
      `Chưa gửi được hồ sơ đề nghị khen thưởng: «${MEMBER.name} – Tập thể lao động xuất sắc»: thiếu bản scan đã ký, đóng dấu của báo cáo thành tích của tập thể (khen thưởng theo công trạng), biên bản bình xét thi đua; «Nguyễn Thị Hương – Chiến sĩ thi đua cơ sở»: thiếu bản scan đã ký, đóng dấu của biên bản bình xét thi đua (kèm kết quả bỏ phiếu của Hội đồng).`,
    );
    expect(m.ws.db.select().from(schema.records).where(eq(schema.records.type, 'dossier')).all()).toEqual(before);
    expect(m.ws.db.select().from(schema.sentBundles).all().filter((b) => b.kind === 'dossier')).toEqual([]);
    const stored = () => fs.readdirSync(path.join(m.ws.dataDir, 'evidence')).filter((f) => !f.startsWith('.'));
    expect(stored()).toHaveLength(2);
    await expect(attachScan(m.ws, g, a.recordId, 'minutes', scan('ghi-chu.txt'), 'ghi-chu.txt')).rejects.toThrow('Tệp "ghi-chu.txt" không phải bản scan: hãy đính kèm tệp PDF hoặc ảnh (JPG, PNG, TIFF).');
    expect(stored()).toHaveLength(2);
    const v = await attachScan(m.ws, g, a.recordId, 'minutes', scan('bien-ban.pdf'), 'bien-ban.pdf');
    expect(v.missing).toEqual([]);
    const sha = v.parts[2]!.scans[0]!.sha256;
    expect(detachScan(m.ws, g, a.recordId, 'minutes', sha).missing).toEqual(['Biên bản bình xét thi đua (kèm kết quả bỏ phiếu của Hội đồng)']);
    expect(removeDossier(m.ws, g, a.recordId)).toEqual({ removed: true });
  });

  it('travels to the leader with every file, comes back with a receipt, and a later edit arrives as version 2 beside version 1', async () => {
    const m = await memberYear();
    const g = m.group.id;
    const deputy = await makeUnit(DEPUTY);
    const leader = await makeUnit(LEADER);
    const lg = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: m.unit.keyId, [DEPUTY.code]: deputy.unit.keyId }, { year: YEAR, registrationDeadline: '2025-02-10' })));
    saveGroup(m.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: g, year: YEAR, registrationDeadline: '2025-02-10' })));
    const a = createDossier(m.ws, g, m.huong, 'CSTDCS');
    await generatePart(m.ws, g, a.recordId, 'proposalLetter');
    for (const part of ['proposalLetter', 'achievementReport', 'minutes'] as const) await attachScan(m.ws, g, a.recordId, part, scan(`${part}.pdf`), `${part}.pdf`);
    const sent = await exportDossiers(m.ws, g);
    expect(sent.count).toBe(1);
    expect(removeDossier.bind(null, m.ws, g, a.recordId)).toThrow('đã gửi Trưởng Khu vực/Cụm nên không xóa được');
    on('2025-12-02');
    const landed = await importBundleFile(leader.ws, file(sent.path));
    expect(landed.status, landed.reason).toBe('accepted');
    const held = currentRecords<DossierRecord>(leader.ws.db, 'dossier', 'KVTD-MNPB', YEAR, MEMBER.code);
    expect(held.map((r) => [r.version, r.content.nominee.name, r.content.parts.map((p) => p.scans.length)])).toEqual([[1, 'Nguyễn Thị Hương', [1, 1, 1, 0]]]);
    const [receipt] = await writeReceipts(leader.ws, [landed.bundleId!], tempDir('usb-'));
    const back = await importBundleFile(m.ws, file(receipt!.file));
    expect(back.status, back.reason).toBe('accepted');
    // Edited after sending: version 2, and the leader keeps both.
    on('2025-12-05');
    const edited = saveAchievements(m.ws, g, a.recordId, 'Bổ sung: chủ trì 3 đợt kiểm tra chuyên đề.');
    expect([edited.version, edited.status, edited.sentVersion]).toEqual([2, 'draft', 1]);
    const again = await exportDossiers(m.ws, g);
    const landed2 = await importBundleFile(leader.ws, file(again.path));
    expect(landed2.status, landed2.reason).toBe('accepted');
    expect(historyOf<DossierRecord>(leader.ws.db, a.recordId).map((r) => [r.version, r.content.achievements])).toEqual([
      [2, 'Bổ sung: chủ trì 3 đợt kiểm tra chuyên đề.'],
      [1, ''],
    ]);
    expect(lg.ownRole).toBe('leader');
  });
});

describe('the dossiers.* channels', () => {
  it('answer through the contract: list, create, save, generate, attach, detach, a refused export in Vietnamese, remove', async () => {
    const m = await memberYear();
    const ctx: Context = {
      ws: m.ws,
      files: new FileHandles(),
      host: { shell: 'browser', pickBundles: async () => [], pickXlsx: async () => null, pickDocument: async () => null, saveAs: async () => ({ saved: false, where: '' }), saveAll: async () => ({ saved: false, where: '' }), openFile: async () => {} },
    };
    const call = async <C extends Channel>(channel: C, input: unknown) => {
      const answer = await dispatch(channel, input, ctx);
      if (!answer.ok) throw new Error(answer.error);
      return answer.value as Output<C>;
    };
    const groupId = m.group.id;
    const list = await call('dossiers.list', { groupId });
    expect(list.choices.nominees.map((n) => n.name)).toContain('Nguyễn Thị Hương');
    const created = await call('dossiers.create', { groupId, nomineeId: m.huong, awardCode: 'CSTDCS' });
    const { recordId } = created;
    expect((await call('dossiers.save', { groupId, recordId, achievements: 'Hoàn thành xuất sắc nhiệm vụ.' })).achievements).toBe('Hoàn thành xuất sắc nhiệm vụ.');
    const generated = await call('dossiers.generate', { groupId, recordId, part: 'proposalLetter' });
    expect([generated.file.name, generated.also.map((f) => f.name)]).toEqual([path.basename(ctx.files.resolve(generated.file).path), [expect.stringMatching(/^danh-sach-de-nghi-khen-thuong-2025-/)]]);
    const attached = await call('dossiers.attachScan', { groupId, recordId, part: 'minutes', file: ctx.files.register(scan('bien-ban.pdf')), allDossiers: true });
    const sha256 = attached.parts.find((p) => p.part === 'minutes')!.scans[0]!.sha256;
    expect((await call('dossiers.detachScan', { groupId, recordId, part: 'minutes', sha256 })).parts.find((p) => p.part === 'minutes')!.scans).toEqual([]);
    expect(await dispatch('dossiers.export', { groupId }, ctx)).toEqual({
      ok: false,
      error:
        'Chưa gửi được hồ sơ đề nghị khen thưởng: «Nguyễn Thị Hương – Chiến sĩ thi đua cơ sở»: thiếu bản scan đã ký, đóng dấu của tờ trình đề nghị khen thưởng, báo cáo thành tích, biên bản bình xét thi đua (kèm kết quả bỏ phiếu của Hội đồng).',
    });
    expect(await dispatch('dossiers.create', { groupId, nomineeId: m.huong, awardCode: 'cstdcs' }, ctx)).toEqual({ ok: false, error: 'Hãy chọn danh hiệu hoặc hình thức khen thưởng.' });
    expect(await call('dossiers.remove', { groupId, recordId })).toEqual({ removed: true });
    expect((await call('dossiers.list', { groupId })).dossiers).toEqual([]);
  });
});
