import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { startFromSample } from '../../electron/services/scoring/criteria';
import { exportSelfAssessment } from '../../electron/services/scoring/export';
import { attachEvidence, saveSelfAssessment } from '../../electron/services/scoring/self-assessment';
import { verificationView } from '../../electron/services/scoring/verification';
import { e2eOffices } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { DEPUTY, groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';

const offices = e2eOffices('thidua-verification-');

describe('verification and ranking in Chromium', () => {
  it('the leader verifies a member item by item with a reason, and sees the ranking and its charts', { timeout: 180_000 }, async () => {
    const member = await registeredMember();
    const deputy = await makeUnit(DEPUTY);
    const leader = await makeUnit(LEADER);
    const lg = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId, [DEPUTY.code]: deputy.unit.keyId })));
    startFromSample(leader.ws, lg.id);
    const kickoff = await publishKickoff(leader.ws, lg.id);
    saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
    expect((await importBundleFile(member.ws, { path: kickoff.path, name: 'k.tdkt' })).status).toBe('accepted');
    saveSelfAssessment(member.ws, member.group.id, {
      items: [
        { node: 'a1.1', value: { type: 'days_late', days: 0 }, explanation: 'Gửi đúng hạn, công văn số 12.', evidence: [] },
        { node: 'a2.3', value: { type: 'done', done: true }, explanation: '', evidence: [] },
      ],
      conditions_met: ['no_discipline'],
      confirmation: null,
    });
    const proof = path.join(tempDir('mc-'), 'cong-van.pdf');
    fs.writeFileSync(proof, '%PDF-1.4 công văn');
    await attachEvidence(member.ws, member.group.id, 'a1.1', proof, 'Công văn đi số 12.pdf');
    const sent = await exportSelfAssessment(member.ws, member.group.id, { acceptGaps: true });
    expect((await importBundleFile(leader.ws, { path: sent.path, name: 'tu-cham.tdkt' })).status).toBe('accepted');
    // The leader scores its own unit too, so the ranking has two rows.
    saveSelfAssessment(leader.ws, lg.id, { items: [{ node: 'a1.1', value: { type: 'days_late', days: 1 }, explanation: '', evidence: [] }], conditions_met: [], confirmation: null });

    const page = await offices.show(leader.ws);
    await page.getByRole('button', { name: 'Thẩm định điểm' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Tiến độ thẩm định' }).count()).toBe(1);
    await shot(page, 'verification-01-tien-do');
    await page.getByRole('button', { name: `Thẩm định ${MEMBER.name}` }).click();
    await page.getByLabel('Thẩm định: Báo cáo công tác tư pháp 06 tháng đầu năm').fill('3');
    await expect.poll(() => page.getByText('Khác điểm tự chấm: 2 → 1').count()).toBe(1);
    await page.getByLabel('Lý do mục 1').first().fill('Sổ công văn ghi ngày gửi 13/7.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => page.getByText(/Đã lưu \(1\//).count()).toBe(1);
    await shot(page, 'verification-02-don-vi');
    expect(verificationView(leader.ws, lg.id, MEMBER.code).verifiedTotal).toBe(6);

    await page.getByRole('button', { name: 'Xếp hạng' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'Tổng điểm của các đơn vị' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Đang thẩm định', { exact: true }).count()).toBe(1);
    await shot(page, 'ranking-01');
    await page.close();
  });
});
