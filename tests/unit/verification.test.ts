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
import { evidenceForViewing, saveVerification, verificationView } from '../../electron/services/scoring/verification';
import { testClock } from '../helpers/clock';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';

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
