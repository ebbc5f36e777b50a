import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { startFromSample } from '../../electron/services/scoring/criteria';
import { evidenceDir, storeEvidence } from '../../electron/services/scoring/evidence';
import { exportSelfAssessment } from '../../electron/services/scoring/export';
import { attachEvidence, saveSelfAssessment } from '../../electron/services/scoring/self-assessment';
import { evidenceForViewing, saveVerification, sendVerifiedScores, verificationBoard, verificationView } from '../../electron/services/scoring/verification';
import { rankingView } from '../../electron/services/scoring/ranking-view';
import { currentRecords } from '../../electron/services/records/store';
import type { ItemValue } from '../../electron/services/scoring/criteria-schemas';
import type { VerificationRecord } from '../../electron/services/scoring/verification-schemas';
import { testClock } from '../helpers/clock';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';
import type { VerificationItemView } from '../../electron/services/scoring/view-schemas';

afterEach(() => testClock.reset());
const file = (p: string) => ({ path: p, name: path.basename(p) });

function scratchFile(name: string, bytes: string) {
  const p = path.join(tempDir('bien-ban-'), name);
  fs.writeFileSync(p, bytes);
  return p;
}

/** The leader holds the member's self-assessment, exported with one evidence file and imported. */
async function receivedSelfAssessment() {
  const member = await registeredMember();
  const deputy = await makeUnit(DEPUTY);
  const leader = await makeUnit(LEADER);
  const lg = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId, [DEPUTY.code]: deputy.unit.keyId }))).id;
  startFromSample(leader.ws, lg);
  const kickoff = await publishKickoff(leader.ws, lg);
  saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
  expect((await importBundleFile(member.ws, file(kickoff.path))).status).toBe('accepted');
  saveSelfAssessment(member.ws, member.group.id, { items: [{ node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: '', evidence: [] }], conditions_met: [], confirmation: null });
  await attachEvidence(member.ws, member.group.id, 'a1.1', scratchFile('cv.pdf', '%PDF-1.4 công văn'), 'Công văn.pdf');
  const sent = await exportSelfAssessment(member.ws, member.group.id, { acceptGaps: true });
  expect((await importBundleFile(leader.ws, file(sent.path))).status).toBe('accepted');
  return { leader, lg, member };
}

const storedFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')) : []);

describe('a cross-inspection (kiểm tra chéo)', () => {
  it('keeps its minutes once by content and opens them again from the saved inspection, with their extension', async () => {
    const { leader, lg } = await receivedSelfAssessment();
    const before = storedFiles(evidenceDir(leader.ws)).length;
    const scan = '%PDF-1.4 biên bản kiểm tra chéo ngày 20/11/2022';
    const minutes = await storeEvidence(leader.ws, scratchFile('bb.pdf', scan), 'Biên bản kiểm tra chéo.pdf');
    // Attached again (the same scan picked twice, under another name): still one stored file.
    const again = await storeEvidence(leader.ws, scratchFile('bb-copy.pdf', scan), 'Biên bản (bản sao).pdf');
    expect(again.sha256).toBe(minutes.sha256);
    expect(storedFiles(evidenceDir(leader.ws))).toHaveLength(before + 1);

    // Not yet part of any saved inspection: nothing to open.
    await expect(evidenceForViewing(leader.ws, lg, MEMBER.code, minutes.sha256)).rejects.toThrow('Không tìm thấy tệp này trong bảng tự chấm điểm hay biên bản kiểm tra chéo.');
    const inspection = { team_units: [DEPUTY.code], team_members: ['Nguyễn Văn An'], date: '2022-11-20', minutes };
    const saved = saveVerification(leader.ws, lg, MEMBER.code, { items: [], conditions_met: [], complete: false, inspection });
    expect(saved.record.inspection?.minutes?.sha256).toBe(minutes.sha256);
    expect(verificationView(leader.ws, lg, MEMBER.code, true).record.inspection?.minutes?.name).toBe('Biên bản kiểm tra chéo.pdf');
    // The leader's own verification is another record, untouched.
    expect(verificationView(leader.ws, lg, MEMBER.code).record.inspection).toBeNull();

    const opened = await evidenceForViewing(leader.ws, lg, MEMBER.code, minutes.sha256);
    expect(opened.name).toBe('Biên bản kiểm tra chéo.pdf');
    expect(opened.path.endsWith('.pdf')).toBe(true);
    expect(fs.readFileSync(opened.path, 'utf8')).toBe(scan);
    // The member's evidence still opens from the archived bundle.
    const evidence = verificationView(leader.ws, lg, MEMBER.code).items.find((i) => i.node.id === 'a1.1')!.evidence[0]!;
    expect(fs.readFileSync((await evidenceForViewing(leader.ws, lg, MEMBER.code, evidence.sha256)).path, 'utf8')).toBe('%PDF-1.4 công văn');
    // Minutes of one member's inspection are not opened as another's.
    await expect(evidenceForViewing(leader.ws, lg, DEPUTY.code, minutes.sha256)).rejects.toThrow('Không tìm thấy tệp này');
  });
});

/** What an item the unit left empty counts as, once looked at. */
const nothing = (i: VerificationItemView): ItemValue => {
  const type = i.node.rule!.type;
  return type === 'fixed' ? { type: 'done', done: false } : type === 'lateness' ? { type: 'days_late', days: null } : type === 'percentage' ? { type: 'percent', percent: 0 } : { type: 'points', points: 0 };
};

describe('the leader’s own unit, a member of its group too', () => {
  it('has its own self-assessment (never imported) on its board and in the ranking, verified by itself and recorded as its own', async () => {
    const leader = await makeUnit(LEADER);
    const lg = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: 'a'.repeat(32) }))).id;
    startFromSample(leader.ws, lg);
    testClock.set('2022-11-01T08:00:00.000Z');
    saveSelfAssessment(leader.ws, lg, {
      items: [
        { node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: 'Gửi đúng hạn.', evidence: [] },
        { node: 'a2.3', value: { type: 'done', done: true }, explanation: '', evidence: [] },
      ],
      conditions_met: [],
      confirmation: null,
    });
    await attachEvidence(leader.ws, lg, 'a1.1', scratchFile('so-cong-van.pdf', '%PDF-1.4 sổ công văn'), 'Sổ công văn.pdf');

    let row = verificationBoard(leader.ws, lg).find((r) => r.code === LEADER.code)!;
    expect(row).toMatchObject({ own: true, selfVersion: 1, selfTotal: 7, verifiedTotal: null, outdated: false });
    expect(verificationBoard(leader.ws, lg).find((r) => r.code === MEMBER.code)).toMatchObject({ own: false, selfVersion: null });
    let ranking = rankingView(leader.ws, lg, 'all');
    expect(ranking.rows.map((r) => [r.code, r.total, r.basis])).toEqual([[LEADER.code, 7, 'self']]);

    const view = verificationView(leader.ws, lg, LEADER.code);
    expect(view.own).toBe(true);
    const a11 = view.items.find((i) => i.node.id === 'a1.1')!;
    expect(fs.readFileSync((await evidenceForViewing(leader.ws, lg, LEADER.code, a11.evidence[0]!.sha256)).path, 'utf8')).toBe('%PDF-1.4 sổ công văn');

    testClock.set('2022-11-02T08:00:00.000Z');
    const late = { node: 'a1.1', value: { type: 'days_late' as const, days: 3 }, reason: 'Sổ công văn ghi gửi ngày 13/7.' };
    const all = view.items.map((i) => (i.node.id === 'a1.1' ? late : { node: i.node.id, value: i.selfValue ?? nothing(i), reason: '' }));
    const verified = saveVerification(leader.ws, lg, LEADER.code, { items: all, conditions_met: [], complete: true, inspection: null });
    expect([verified.selfTotal, verified.verifiedTotal, verified.record.unit]).toEqual([7, 6, LEADER.code]);
    // Recorded as the leader's own verification of itself: its record, for its own unit, no inspection.
    const records = currentRecords<VerificationRecord>(leader.ws.db, 'verification', 'KVTD-MNPB', 2022);
    expect(records.map((r) => [r.ownerCode, r.content.unit, r.content.inspection])).toEqual([[LEADER.code, LEADER.code, null]]);
    row = verificationBoard(leader.ws, lg).find((r) => r.code === LEADER.code)!;
    expect(row).toMatchObject({ own: true, verifiedTotal: 6, differences: 1, complete: true, outdated: false });
    ranking = rankingView(leader.ws, lg, 'all');
    expect(ranking.rows.map((r) => [r.code, r.total, r.selfTotal, r.basis])).toEqual([[LEADER.code, 6, 7, 'verified']]);
    // Its result goes in no receipt: there is no one to send it to.
    await expect(sendVerifiedScores(leader.ws, lg, tempDir('usb-'))).rejects.toThrow('Chưa có đơn vị nào được thẩm định xong');

    // The draft, edited in place after it was verified, shows the verification is no longer of what it says.
    testClock.set('2022-11-03T08:00:00.000Z');
    saveSelfAssessment(leader.ws, lg, {
      items: [...verificationView(leader.ws, lg, LEADER.code).items.filter((i) => i.selfValue).map((i) => ({ node: i.node.id, value: i.node.id === 'a2.3' ? { type: 'done' as const, done: false } : i.selfValue, explanation: i.explanation, evidence: i.evidence }))],
      conditions_met: [],
      confirmation: null,
    });
    expect(verificationBoard(leader.ws, lg).find((r) => r.code === LEADER.code)).toMatchObject({ selfVersion: 1, outdated: true });
    expect(verificationView(leader.ws, lg, LEADER.code).outdated).toBe(true);
    // Looked at again: current.
    testClock.set('2022-11-04T08:00:00.000Z');
    saveVerification(leader.ws, lg, LEADER.code, { items: all.filter((i) => i.node !== 'a2.3'), conditions_met: [], complete: false, inspection: null });
    expect(verificationBoard(leader.ws, lg).find((r) => r.code === LEADER.code)!.outdated).toBe(false);
  });
});
