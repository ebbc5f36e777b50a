import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schema } from '../../db/client';
import { groupInputSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { openBundle } from '../../electron/services/bundles/reader';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { currentRecords } from '../../electron/services/records/store';
import { criteriaView, saveCriteriaTable, startFromSample } from '../../electron/services/scoring/criteria';
import type { ItemValue } from '../../electron/services/scoring/criteria-schemas';
import { evidencePath, storeEvidence } from '../../electron/services/scoring/evidence';
import { rankingView } from '../../electron/services/scoring/ranking-view';
import { evidenceForViewing, ownVerifiedScores, saveVerification, sendVerifiedScores, verificationBoard, verificationView } from '../../electron/services/scoring/verification';
import { exportSelfAssessment } from '../../electron/services/scoring/export';
import { attachEvidence, detachEvidence, saveSelfAssessment, selfAssessmentView } from '../../electron/services/scoring/self-assessment';
import type { SelfAssessmentRecord } from '../../electron/services/scoring/self-assessment-schemas';
import { testClock } from '../helpers/clock';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';

afterEach(() => testClock.reset());
const file = (p: string) => ({ path: p, name: path.basename(p) });

/** Leader with the sample table published in its kickoff; the member has imported it. */
async function scoredYear() {
  const member = await registeredMember();
  const deputy = await makeUnit(DEPUTY);
  const leader = await makeUnit(LEADER);
  const leaderGroup = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId, [DEPUTY.code]: deputy.unit.keyId })));
  startFromSample(leader.ws, leaderGroup.id);
  const kickoff = await publishKickoff(leader.ws, leaderGroup.id);
  saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
  const landed = await importBundleFile(member.ws, file(kickoff.path));
  expect(landed.status, landed.reason).toBe('accepted');
  return { member, leader, leaderGroup };
}

function scratchFile(name: string, bytes: Buffer | string) {
  const p = path.join(tempDir('minh-chung-'), name);
  fs.writeFileSync(p, bytes);
  return p;
}

describe('the criteria table travels in the kickoff', () => {
  it('reaches the member read-only, as the leader published it', async () => {
    const { member, leader, leaderGroup } = await scoredYear();
    const sent = criteriaView(leader.ws, leaderGroup.id);
    expect(sent.published).toBe(true);
    const got = criteriaView(member.ws, member.group.id);
    expect(got.editable).toBe(false);
    expect(got.table).toEqual(sent.table);
    expect(got.table!.sample).toBe(true);
    expect(() => saveCriteriaTable(member.ws, member.group.id, got.table)).toThrow('Bảng tiêu chí chấm điểm do Trưởng Khu vực/Cụm ban hành');
  });

  it('is not sent while its checks find errors', async () => {
    const leader = await makeUnit(LEADER);
    const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: 'a'.repeat(32) })));
    const table = startFromSample(leader.ws, group.id).table!;
    table.nodes[0]!.max = 151;
    saveCriteriaTable(leader.ws, group.id, table);
    await expect(publishKickoff(leader.ws, group.id)).rejects.toThrow('Bảng tiêu chí chấm điểm còn 1 lỗi, chưa gửi được trong gói khởi động: Mục A có điểm chuẩn 151 nhưng các tiêu chí trong nhóm cộng lại 150.');
  });
});

describe('the member’s self-assessment', () => {
  it('refuses what the table forbids and says why, saving nothing', async () => {
    const { member } = await scoredYear();
    const g = member.group.id;
    expect(() => saveSelfAssessment(member.ws, g, { items: [{ node: 'a1.1', value: { type: 'points', points: 2 }, explanation: '', evidence: [] }], conditions_met: [], confirmation: null })).toThrow(
      'Cách chấm của mục 1 không dùng loại giá trị này.',
    );
    expect(() =>
      saveSelfAssessment(member.ws, g, {
        items: [
          { node: 'dd.1', value: { type: 'points', points: 6 }, explanation: '', evidence: [] },
          { node: 'a2.2.2', value: { type: 'points', points: -1 }, explanation: '', evidence: [] },
          { node: 'b1.1', value: { type: 'percent', percent: 100 }, explanation: '', evidence: [] },
        ],
        conditions_met: ['khong-co'],
        confirmation: null,
      }),
    ).toThrow(
      'Điểm trừ 6 của mục 1 vượt quá mức trừ tối đa 5 điểm. Điểm của mục 2.2 không được âm. Tiêu chí "b1.1" không có trong bảng tiêu chí hoặc không áp dụng cho đơn vị. Điều kiện "khong-co" không có trong bảng tiêu chí.',
    );
    expect(selfAssessmentView(member.ws, g).status).toBe('new');
  });

  it('totals as it is scored, lists what is missing, stores evidence once by content, and keeps a sent version as sent', async () => {
    const { member, leader } = await scoredYear();
    const g = member.group.id;
    let view = saveSelfAssessment(member.ws, g, {
      items: [
        { node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: 'Gửi đúng hạn.', evidence: [] },
        { node: 'a1.2', value: { type: 'days_late', days: 4 }, explanation: 'Chậm 4 ngày.', evidence: [] },
        { node: 'a2.1', value: { type: 'percent', percent: 96 }, explanation: '', evidence: [] },
        { node: 'd.1', value: { type: 'points', points: 5 }, explanation: '', evidence: [] },
        { node: 'dd.2', value: { type: 'points', points: 3 }, explanation: 'Một công chức bị khiển trách.', evidence: [] },
      ],
      conditions_met: ['no_discipline'],
      confirmation: null,
    });
    // 2 + 1 + 8,75 + 5 − 3.
    expect(view.totals).toEqual({ total: 13.75, max: 200, bonus: 5, deduction: 3 });
    expect(view.status).toBe('draft');
    expect(view.gaps.missing.map((m) => m.node)).toContain('a1.3');
    expect(view.gaps.missing.map((m) => m.node)).not.toContain('b1.1');
    expect(view.gaps.noConfirmation).toBe(true);

    const scan = scratchFile('Báo cáo 6 tháng.pdf', '%PDF-1.4 báo cáo');
    const again = scratchFile('ban sao.pdf', '%PDF-1.4 báo cáo');
    view = await attachEvidence(member.ws, g, 'a1.1', scan, 'Báo cáo 6 tháng.pdf');
    view = await attachEvidence(member.ws, g, 'a1.2', again, 'ban sao.pdf');
    view = await attachEvidence(member.ws, g, 'a1.2', again, 'ban sao.pdf');
    const [ref] = view.record.items.find((i) => i.node === 'a1.1')!.evidence;
    expect(view.record.items.find((i) => i.node === 'a1.2')!.evidence).toEqual([{ ...ref, name: 'ban sao.pdf' }]);
    expect(fs.readdirSync(path.dirname(evidencePath(member.ws, ref!.sha256))).filter((f) => !f.startsWith('.'))).toEqual([ref!.sha256]);
    expect(view.gaps.lackingEvidence.map((x) => x.node)).not.toContain('a1.1');

    await expect(attachEvidence(member.ws, g, 'a1.3', scratchFile('rong.pdf', ''), 'rong.pdf')).rejects.toThrow('Tệp "rong.pdf" rỗng.');
    await expect(exportSelfAssessment(member.ws, g, { acceptGaps: false })).rejects.toThrow(/Bảng tự chấm điểm còn: \d+ tiêu chí chưa chấm/);

    const signed = scratchFile('bang-tu-cham-da-ky.jpg', Buffer.alloc(2048, 7));
    view = await attachEvidence(member.ws, g, null, signed, 'bang-tu-cham-da-ky.jpg');
    expect(view.record.confirmation?.media_type).toBe('image/jpeg');
    const sent = await exportSelfAssessment(member.ws, g, { acceptGaps: true });
    expect(sent.version).toBe(1);

    // What travels: the record, the printed table, and each distinct file once, named by its hash.
    const opened = await openBundle(sent.path, member.ws.kinds);
    try {
      expect(opened.header.kind).toBe('self_assessment');
      const paths = opened.header.files.map((f) => f.path);
      expect(paths).toHaveLength(4);
      expect(paths).toEqual(
        expect.arrayContaining([`data/evidence/${ref!.sha256}.pdf`, `data/evidence/${view.record.confirmation!.sha256}.jpg`, expect.stringMatching(/^data\/records\//), 'data/documents/tu-cham-diem-2022-v1.docx']),
      );
    } finally {
      await opened.close();
    }

    // An edit after sending is a new version; the sent one stays as it was.
    view = detachEvidence(member.ws, g, 'a1.2', ref!.sha256);
    expect([view.status, view.version]).toEqual(['draft', 2]);

    const landed = await importBundleFile(leader.ws, file(sent.path));
    expect(landed.status, landed.reason).toBe('accepted');
    const held = currentRecords<SelfAssessmentRecord>(leader.ws.db, 'self_assessment', 'KVTD-MNPB', 2022);
    expect(held.map((r) => [r.ownerCode, r.version, r.status])).toEqual([[MEMBER.code, 1, 'received']]);
    expect(held[0]!.content.items.find((i) => i.node === 'a1.2')!.evidence).toHaveLength(1);
    expect(leader.ws.db.select().from(schema.receivedBundles).all().map((b) => b.kind)).toContain('self_assessment');
  });

  it('refuses an evidence file over the size limit, saying so', async () => {
    const { member } = await scoredYear();
    const big = scratchFile('scan.pdf', Buffer.alloc(3 * 1024 * 1024, 1));
    await expect(storeEvidence(member.ws, big, 'scan.pdf', 2 * 1024 * 1024)).rejects.toThrow('Tệp "scan.pdf" (3 MB) vượt quá giới hạn 2 MB cho một tệp minh chứng');
  });

  it('refuses to send an evidence file whose bytes changed in the data folder since it was attached, naming it, and sends nothing', async () => {
    const { member } = await scoredYear();
    const g = member.group.id;
    const view = await attachEvidence(member.ws, g, 'a1.1', scratchFile('cv12.pdf', Buffer.alloc(3 * 1024 * 1024, 1)), 'Công văn số 12.pdf');
    const ref = view.record.items.find((i) => i.node === 'a1.1')!.evidence[0]!;
    // Same size, other bytes: what a failing disk or another program leaves; the size check alone does not see it.
    fs.writeFileSync(evidencePath(member.ws, ref.sha256), Buffer.alloc(3 * 1024 * 1024, 2));
    await expect(exportSelfAssessment(member.ws, g, { acceptGaps: true })).rejects.toThrow(
      'Tệp minh chứng "Công văn số 12.pdf" trong thư mục dữ liệu đã bị thay đổi hoặc hỏng từ khi đính kèm; hãy gỡ ra và đính kèm lại.',
    );
    expect(fs.readdirSync(member.ws.dir.sent).filter((f) => f.endsWith('.tdkt'))).toEqual([]);
    expect(selfAssessmentView(member.ws, g).status).toBe('draft');
  });
});

describe('the leader’s verification and the ranking', () => {
  it('verifies item by item with reasons, opens evidence from the archived bundle, and ranks on verified totals', async () => {
    const { member, leader, leaderGroup } = await scoredYear();
    const g = member.group.id;
    saveSelfAssessment(member.ws, g, {
      items: [
        { node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: 'Gửi đúng hạn.', evidence: [] },
        { node: 'a2.3', value: { type: 'done', done: true }, explanation: '', evidence: [] },
      ],
      conditions_met: ['no_discipline'],
      confirmation: null,
    });
    const proof = scratchFile('cong-van.pdf', '%PDF-1.4 công văn đi số 12');
    await attachEvidence(member.ws, g, 'a1.1', proof, 'Công văn đi số 12.pdf');
    const sent = await exportSelfAssessment(member.ws, g, { acceptGaps: true });
    expect((await importBundleFile(leader.ws, file(sent.path))).status).toBe('accepted');

    const lg = leaderGroup.id;
    let board = verificationBoard(leader.ws, lg);
    expect(board.find((r) => r.code === MEMBER.code)).toMatchObject({ selfVersion: 1, selfTotal: 7, verifiedTotal: null, reviewed: 0, complete: false });
    expect(board.find((r) => r.code === DEPUTY.code)).toMatchObject({ selfVersion: null });

    const view = verificationView(leader.ws, lg, MEMBER.code);
    const a11 = view.items.find((i) => i.node.id === 'a1.1')!;
    expect([a11.selfPoints, a11.explanation, a11.evidence.map((e) => e.name)]).toEqual([2, 'Gửi đúng hạn.', ['Công văn đi số 12.pdf']]);
    const opened = await evidenceForViewing(leader.ws, lg, MEMBER.code, a11.evidence[0]!.sha256);
    expect(fs.readFileSync(opened.path, 'utf8')).toBe('%PDF-1.4 công văn đi số 12');
    expect(opened.path.endsWith('.pdf')).toBe(true);

    const late = { node: 'a1.1', value: { type: 'days_late' as const, days: 3 }, reason: '' };
    expect(() => saveVerification(leader.ws, lg, MEMBER.code, { items: [late], conditions_met: [], complete: false, inspection: null })).toThrow(
      'Mục 1: điểm thẩm định khác điểm tự chấm, hãy ghi lý do.',
    );
    expect(() => saveVerification(leader.ws, lg, MEMBER.code, { items: [{ ...late, reason: 'Sổ công văn ghi ngày gửi 13/7.' }], conditions_met: [], complete: true, inspection: null })).toThrow(
      /Còn \d+ tiêu chí chưa thẩm định/,
    );
    const verified = saveVerification(leader.ws, lg, MEMBER.code, { items: [{ ...late, reason: 'Sổ công văn ghi ngày gửi 13/7.' }], conditions_met: [], complete: false, inspection: null });
    expect([verified.selfTotal, verified.verifiedTotal]).toEqual([7, 6]);
    expect(verified.items.find((i) => i.node.id === 'a1.1')).toMatchObject({ differs: true, verifiedPoints: 1, reason: 'Sổ công văn ghi ngày gửi 13/7.' });
    board = verificationBoard(leader.ws, lg);
    expect(board.find((r) => r.code === MEMBER.code)).toMatchObject({ verifiedTotal: 6, reviewed: 1, differences: 1 });

    const ranking = rankingView(leader.ws, lg, 'all');
    expect(ranking.rows.map((r) => [r.code, r.rank, r.total, r.selfTotal, r.basis])).toEqual([[MEMBER.code, 1, 6, 7, 'in_progress']]);
    expect(ranking.missing.map((m) => m.code).sort()).toEqual([DEPUTY.code, LEADER.code].sort());
    expect(ranking.rows[0]!.classification).toBe('Không xếp loại');
    expect(ranking.columns.map((c) => c.number)).toEqual(['A', 'B', 'C', 'D', 'Đ']);
    expect(rankingView(leader.ws, lg, 'so_tu_phap').columns.map((c) => c.number)).toEqual(['A', 'C', 'D', 'Đ']);

    // Finished: every item looked at; the verified scores go back in the receipt of the self-assessment.
    const nothing = (type: string): ItemValue =>
      type === 'fixed' ? { type: 'done', done: false } : type === 'lateness' ? { type: 'days_late', days: null } : type === 'percentage' ? { type: 'percent', percent: 0 } : { type: 'points', points: 0 };
    const all = verified.items.map((i) => (i.node.id === 'a1.1' ? { ...late, reason: 'Sổ công văn ghi ngày gửi 13/7.' } : { node: i.node.id, value: i.selfValue ?? nothing(i.node.rule!.type), reason: '' }));
    saveVerification(leader.ws, lg, MEMBER.code, { items: all, conditions_met: ['no_discipline'], complete: true, inspection: null });
    expect(rankingView(leader.ws, lg, 'all').rows[0]!.basis).toBe('verified');
    const usb = tempDir('usb-');
    const [receipt] = await sendVerifiedScores(leader.ws, lg, usb);
    expect(ownVerifiedScores(member.ws, g)).toBeNull();
    const back = await importBundleFile(member.ws, file(receipt!.file));
    expect(back.status, back.reason).toBe('accepted');
    const result = ownVerifiedScores(member.ws, g)!;
    expect([result.by, result.selfTotal, result.verifiedTotal]).toEqual([LEADER.name, 7, 6]);
    expect(result.changes).toEqual([{ node: 'a1.1', number: '1', content: 'Báo cáo công tác tư pháp 06 tháng đầu năm', selfPoints: 2, verifiedPoints: 1, reason: 'Sổ công văn ghi ngày gửi 13/7.' }]);

    // A new version from the member: the finished verification was of the old one, so the ranking no longer calls it verified.
    saveSelfAssessment(member.ws, g, { items: [{ node: 'a1.1', value: { type: 'days_late', days: 1 }, explanation: '', evidence: [] }], conditions_met: [], confirmation: null });
    const again = await exportSelfAssessment(member.ws, g, { acceptGaps: true });
    expect((await importBundleFile(leader.ws, file(again.path))).status).toBe('accepted');
    expect(rankingView(leader.ws, lg, 'all').rows.map((r) => [r.basis, r.selfTotal])).toEqual([['in_progress', 1.5]]);
  });

  it('keeps each member’s totals for the ranking, and adds them up again whenever a version they came from changes', async () => {
    const { member, leader, leaderGroup } = await scoredYear();
    const g = member.group.id;
    const lg = leaderGroup.id;
    const score = (days: number) => saveSelfAssessment(member.ws, g, { items: [{ node: 'a1.1', value: { type: 'days_late', days }, explanation: '', evidence: [] }], conditions_met: [], confirmation: null });
    const send = async () => expect((await importBundleFile(leader.ws, file((await exportSelfAssessment(member.ws, g, { acceptGaps: true })).path))).status).toBe('accepted');
    const kept = () => leader.ws.db.select().from(schema.scoreTotals).all();
    const total = () => rankingView(leader.ws, lg, 'all').rows.map((r) => [r.total, r.selfTotal, r.basis]);

    score(0);
    await send();
    // Added up as it arrived, before the ranking was ever opened.
    expect(kept().map((r) => [r.selfVersion, r.verificationRecordId])).toEqual([[1, '']]);
    expect(total()).toEqual([[2, 2, 'self']]);

    // A verification draft is edited in place, without a new version: the kept total follows each edit.
    const late = (days: number, complete = false) => saveVerification(leader.ws, lg, MEMBER.code, { items: [{ node: 'a1.1', value: { type: 'days_late', days }, reason: 'Theo sổ công văn.' }], conditions_met: [], complete, inspection: null });
    late(3);
    expect(total()).toEqual([[1, 2, 'in_progress']]);
    late(7);
    expect(total()).toEqual([[0.5, 2, 'in_progress']]);

    // A new version from the member counts as soon as it arrives.
    score(1);
    await send();
    expect(kept().map((r) => r.selfVersion)).toEqual([2]);
    expect(total()).toEqual([[0.5, 1.5, 'in_progress']]);

    // A new table in force (the leader edits its published table: version 2) re-adds every member.
    const table = criteriaView(leader.ws, lg).table!;
    const item = table.nodes[0]!.children[0]!.children[0]!;
    expect(item.id).toBe('a1.1');
    if (item.rule?.type !== 'lateness') throw new Error('a1.1 is graded by lateness in the sample');
    item.rule.brackets[1]!.points = 1;
    saveCriteriaTable(leader.ws, lg, table);
    expect(total()).toEqual([[0.5, 1, 'in_progress']]);
    expect(kept().map((r) => r.tableVersion)).toEqual([2]);

    // What is kept is what adding up afresh gives.
    const before = rankingView(leader.ws, lg, 'all');
    leader.ws.db.delete(schema.scoreTotals).run();
    expect(rankingView(leader.ws, lg, 'all')).toEqual(before);
  });
});
