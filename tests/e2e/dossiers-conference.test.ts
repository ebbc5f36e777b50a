import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../db/client';
import { groupInputSchema, type Unit } from '../../electron/ipc/contract';
import { saveAcclamation } from '../../electron/services/dossiers/conference';
import type { DossierRecord } from '../../electron/services/dossiers/schemas';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { receiveRecord } from '../../electron/services/records/store';
import { e2eOffices, nav } from '../helpers/offices';
import { shot } from '../helpers/screens';
import { DEPUTY, groupInput, LEADER, MEMBER } from '../helpers/units';

const offices = e2eOffices('thidua-e2e-conference-');
const CB: Unit = { code: 'STP-CB', name: 'Sở Tư pháp tỉnh Cao Bằng', kind: 'so_tu_phap', province: 'Cao Bằng', parentName: 'UBND tỉnh Cao Bằng' };
const UNITS = [LEADER, DEPUTY, MEMBER, CB];

const dossierOf = (u: Unit, missing: boolean, status: 'met' | 'not_met'): DossierRecord => ({
  record_id: crypto.randomUUID(),
  type: 'dossier',
  version: 1,
  group: { code: 'KVTD-MNPB', year: 2025 },
  unit: { code: u.code, name: u.name },
  nominee: { kind: 'unit', name: u.name, position: '', division: '' , female: null },
  award: { code: 'CO_BTP', name: 'Cờ thi đua của Bộ Tư pháp' },
  rules: { edition: '2025-07-01', date: '2025-11-30' },
  eligibility: { status, reason: status === 'met' ? '' : 'Chưa đủ 05 năm liên tục hoàn thành xuất sắc nhiệm vụ (năm 2023)', details: [], broken_year: null, verified: status === 'met' },
  council: { meeting: { record_id: crypto.randomUUID(), version: 1 }, votes_for: 7, total_members: 9, reached: true },
  achievements: '',
  parts: [
    { part: 'proposalLetter', name: 'Tờ trình đề nghị khen thưởng', form: 'Mẫu số 01', form_verified: true, required: true, document: null, scans: [{ sha256: 'a'.repeat(64), name: 'to-trinh.pdf', size: 10, media_type: 'application/pdf' }] },
    { part: 'achievementReport', name: 'Báo cáo thành tích của tập thể', form: 'Mẫu số 02', form_verified: false, required: true, document: null, scans: missing ? [] : [{ sha256: 'b'.repeat(64), name: 'bao-cao.pdf', size: 10, media_type: 'application/pdf' }] },
  ],
});

describe('the conference screen in Chromium', () => {
  it('shows the board, the vote and its result at 1366 and 1024 px with nothing cut off', async () => {
    const { ws, page, url } = await offices.office('leader', LEADER);
    const group = saveGroup(
      ws,
      groupInputSchema.parse(
        groupInput({}, { year: 2025, registrationDeadline: '2025-02-10', members: UNITS.map((u) => ({ ...u, role: u === LEADER ? 'leader' : u === DEPUTY ? 'deputy' : 'member', fingerprint: '' })) }),
      ),
    );
    for (const d of [dossierOf(MEMBER, false, 'met'), dossierOf(CB, true, 'not_met')]) {
      writeTransaction(ws.db, (tx) => receiveRecord(tx, { recordId: d.record_id, type: 'dossier', ownerCode: d.unit.code, groupCode: 'KVTD-MNPB', year: 2025 }, 1, d, crypto.randomUUID(), '2025-12-06T03:00:00.000Z'));
    }
    saveAcclamation(ws, group.id, {
      award: { code: 'CO_BTP', name: 'Cờ thi đua của Bộ Tư pháp' },
      conference: { date: '2026-01-15', start_time: '08:00', end_time: '11:30', venue: 'Hội trường Sở Tư pháp tỉnh Tuyên Quang' },
      chair: { name: 'Đặng Văn Bình', position: 'Giám đốc Sở Tư pháp tỉnh Tuyên Quang' },
      secretary: { name: 'Lê Thu Hà', position: 'Chánh Văn phòng' },
      counting_board: [{ name: 'Hoàng Văn Nam', unit: CB.name, role: 'Trưởng ban' }],
      present: UNITS.map((u) => ({ code: u.code, delegates: [] })),
      candidates: [
        { code: MEMBER.code, name: MEMBER.name, score: 182.5, votes: 3 },
        { code: CB.code, name: CB.name, score: 176, votes: 2 },
      ],
      invalid: 0,
      rules: { threshold: { numerator: 2, denominator: 3 }, base: 'members', seats: 1, tie_break: 'revote', secret_ballot: true, preset: 'courts' },
      content: [],
    });
    await page.goto(url);
    await nav(page, 'Hội nghị suy tôn');
    const result = page.getByRole('table', { name: 'Kết quả suy tôn' });
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('Được suy tôn');
    expect(await page.getByRole('table', { name: 'Hồ sơ đề nghị khen thưởng của các đơn vị' }).textContent()).toContain('Thiếu: Báo cáo thành tích của tập thể');
    await shot(page, 'dossiers-conference');
  }, 120_000);
});
