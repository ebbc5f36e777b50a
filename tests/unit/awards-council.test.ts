import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { councilResultFor, councilView, printCouncilList, printCouncilMinutes, saveCouncil } from '../../electron/services/awards/council';
import { councilMeetingRecordV1Schema, type CouncilMeetingInput } from '../../electron/services/awards/council-schemas';
import { currentRecords } from '../../electron/services/records/store';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { saveStaff } from '../../electron/services/registration/staff';
import { updateOwnUnit } from '../../electron/services/units-keys/units';
import { openWorkspace } from '../../electron/services/workspace/workspace';
import { groupInputSchema } from '../../electron/ipc/contract';
import { testClock } from '../helpers/clock';
import { documentText, parseDocx } from '../helpers/docx';
import { groupInput, makeUnit, MEMBER, tempDir } from '../helpers/units';

/** The unit's council meeting on a real SQLite file: thresholds from the catalogue at their edges, written votes, refusals, the printed minutes and list. */

async function unitWithCouncil() {
  const { ws } = await makeUnit(MEMBER);
  const group = saveGroup(ws, groupInputSchema.parse(groupInput({}, { year: 2025, registrationDeadline: '2025-02-10' })));
  const staff = (fullName: string, gender: 'nam' | 'nu', position: string, department: string) =>
    saveStaff(ws, { fullName, birthYear: 1980, gender, position, department, allowDuplicate: false });
  staff('Nguyễn Thị Hương', 'nu', 'Chuyên viên', 'Phòng Hành chính tư pháp');
  staff('Lò Văn Hải', 'nam', 'Trưởng phòng', 'Phòng Hành chính tư pháp');
  staff('Đỗ Thị Lan', 'nu', 'Chánh Văn phòng', 'Văn phòng');
  const list = councilView(ws, group.id).nominees;
  const id = (name: string) => list.find((n) => n.name === name)!.id;
  return { ws, group, id };
}

/** Ten members: seven present, two absent who voted in writing, one absent without a vote. */
function meeting(nominations: CouncilMeetingInput['nominations'], over: Partial<CouncilMeetingInput> = {}): CouncilMeetingInput {
  const names = ['Hoàng Văn Minh', 'Lê Văn Tâm', 'Phạm Thị Thu', 'Vũ Đức Anh', 'Trần Thị Mai', 'Ngô Văn Bình', 'Đinh Thị Hoa', 'Bùi Văn Nam', 'Mai Thị Yến', 'Hà Văn Sơn'];
  return {
    council_name: 'Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Hà Giang',
    date: '2025-12-10',
    start_time: '08:00',
    end_time: '10:30',
    place: 'Phòng họp tầng 2, Sở Tư pháp tỉnh Hà Giang',
    chair: { name: 'Hoàng Văn Minh', position: 'Giám đốc Sở' },
    secretary: { name: 'Đinh Thị Hoa', position: 'Chánh Văn phòng' },
    members: names.map((name, i) => ({
      name,
      position: i === 0 ? 'Giám đốc Sở' : i === 6 ? 'Chánh Văn phòng' : 'Trưởng phòng',
      role: i === 0 ? 'Chủ tịch Hội đồng' : i === 6 ? 'Ủy viên thư ký' : 'Ủy viên',
      attendance: i < 7 ? 'present' : i < 9 ? 'in_writing' : 'absent',
    })),
    quorum: { numerator: 2, denominator: 3 },
    method: 'bỏ phiếu kín',
    content: 'Hội đồng nghe Thường trực báo cáo kết quả bình xét của các phòng.\nHội đồng thảo luận, bỏ phiếu.',
    default_threshold_percent: null,
    thresholds: [],
    nominations,
    ...over,
  };
}

describe('the council meeting record', () => {
  it('round-trips through the records store on the SQLite file, format 1, one record per group-year, a draft edited in place', async () => {
    const { ws, group, id } = await unitWithCouncil();
    const view = saveCouncil(ws, group.id, meeting([{ nomineeId: id('Nguyễn Thị Hương'), award_code: 'CSTDCS', votes_for: 8 }]));
    expect(view).toMatchObject({ status: 'draft', version: 1, tally: { total: 10, present: 7, inWriting: 2, voting: 9, quorumNeeded: 7, quorumMet: true } });
    // Another connection to the same file reads what was written.
    const again = openWorkspace({ dataDir: ws.dataDir, clock: testClock });
    try {
      const held = currentRecords(again.db, 'council_meeting', group.code, 2025, MEMBER.code);
      expect(held).toHaveLength(1);
      const record = councilMeetingRecordV1Schema.parse(held[0]!.content);
      expect(record.nominations).toEqual([{ nominee: { kind: 'person', name: 'Nguyễn Thị Hương', division: 'Phòng Hành chính tư pháp', position: 'Chuyên viên' }, award_code: 'CSTDCS', votes_for: 8 }]);
      expect(record.members.filter((m) => m.attendance === 'in_writing').map((m) => m.name)).toEqual(['Bùi Văn Nam', 'Mai Thị Yến']);
      expect(councilView(again, group.id).meeting.nominations).toEqual([{ nomineeId: id('Nguyễn Thị Hương'), award_code: 'CSTDCS', votes_for: 8 }]);
    } finally {
      again.close();
    }
    const second = saveCouncil(ws, group.id, meeting([{ nomineeId: id('Nguyễn Thị Hương'), award_code: 'CSTDCS', votes_for: 9 }]));
    expect(second).toMatchObject({ version: 1, recordId: view.recordId });
    expect(currentRecords(ws.db, 'council_meeting', group.code, 2025)).toHaveLength(1);
  });
});

describe('thresholds on the total membership', () => {
  it('a verified rule (Nghị định 98/2023, 80 %) passes 8 of 10 and fails 7 of 10, and the unit cannot change it', async () => {
    const { ws, group, id } = await unitWithCouncil();
    const v = saveCouncil(
      ws,
      group.id,
      meeting(
        [
          { nomineeId: id('Nguyễn Thị Hương'), award_code: 'CSTDCS', votes_for: 8 },
          { nomineeId: id('Lò Văn Hải'), award_code: 'CSTDCS', votes_for: 7 },
        ],
        { date: '2025-06-20' },
      ),
    );
    expect(v.ruleDate).toBe('2025-06-20');
    expect(v.results.map((r) => [r.nominee.name, r.votes_for, r.shareText, r.thresholdText, r.needed, r.reached, r.verifiedLabel, r.source])).toEqual([
      ['Nguyễn Thị Hương', 8, '80 %', '80 %', 8, true, '', 'Nghị định 98/2023/NĐ-CP'],
      ['Lò Văn Hải', 7, '70 %', '80 %', 8, false, '', 'Nghị định 98/2023/NĐ-CP'],
    ]);
    expect(() => saveCouncil(ws, group.id, meeting([], { date: '2025-06-20', thresholds: [{ award_code: 'CSTDCS', percent: 70 }] }))).toThrow(
      'Tỷ lệ biểu quyết của «Chiến sĩ thi đua cơ sở» đã được xác minh theo Nghị định 98/2023/NĐ-CP (80 % tổng số thành viên), đơn vị không thay đổi được.',
    );
  });

  it('an unverified rule (Nghị định 152/2025) takes the unit\'s 70 %: 7 of 10 reaches it exactly, 6 does not; shown "chưa xác minh"', async () => {
    const { ws, group, id } = await unitWithCouncil();
    const v = saveCouncil(
      ws,
      group.id,
      meeting(
        [
          { nomineeId: id('Nguyễn Thị Hương'), award_code: 'CSTDCS', votes_for: 7 },
          { nomineeId: id('Lò Văn Hải'), award_code: 'CSTDCS', votes_for: 6 },
          { nomineeId: id('Đỗ Thị Lan'), award_code: 'CSTD_BO', votes_for: 9 },
        ],
        { thresholds: [{ award_code: 'CSTDCS', percent: 70 }] },
      ),
    );
    expect(v.results.map((r) => [r.nominee.name, r.award_code, r.needed, r.reached, r.verifiedLabel])).toEqual([
      ['Nguyễn Thị Hương', 'CSTDCS', 7, true, 'chưa xác minh'],
      ['Lò Văn Hải', 'CSTDCS', 7, false, 'chưa xác minh'],
      // Unchanged by the unit: the catalogue's 90 %, unverified under Nghị định 152/2025; 9 of 10 is exactly 90 %.
      ['Đỗ Thị Lan', 'CSTD_BO', 9, true, 'chưa xác minh'],
    ]);
    const cstdcs = v.awards.find((a) => a.code === 'CSTDCS')!;
    expect(cstdcs).toMatchObject({ cataloguePercent: 80, percent: 70, settable: true, verified: false, source: 'Nghị định 152/2025/NĐ-CP; tỷ lệ do đơn vị quy định' });
  });

  it('counts the written votes of absent members: 9 yes of 10 needs the two written ballots, 10 yes is more than the 9 who voted', async () => {
    const { ws, group, id } = await unitWithCouncil();
    const v = saveCouncil(ws, group.id, meeting([{ nomineeId: id('Đỗ Thị Lan'), award_code: 'CSTD_BO', votes_for: 9 }]));
    expect(v.results[0]).toMatchObject({ reached: true, needed: 9 });
    expect(() => saveCouncil(ws, group.id, meeting([{ nomineeId: id('Đỗ Thị Lan'), award_code: 'CSTD_BO', votes_for: 10 }]))).toThrow(
      'Đỗ Thị Lan (Chánh Văn phòng, Văn phòng) (Chiến sĩ thi đua cấp Bộ): 10 phiếu đồng ý, nhiều hơn 9 thành viên có phiếu (có mặt hoặc gửi phiếu bằng văn bản).',
    );
  });

  it('an award without a council vote rule needs the unit\'s value, then is voted at it, "chưa xác minh"', async () => {
    const { ws, group, id } = await unitWithCouncil();
    const nomination = [{ nomineeId: id('Phòng Hành chính tư pháp'), award_code: 'GK_TT', votes_for: 6 }];
    expect(() => saveCouncil(ws, group.id, meeting(nomination))).toThrow('«Giấy khen» chưa có tỷ lệ biểu quyết trong danh mục: hãy nhập tỷ lệ Hội đồng áp dụng');
    const v = saveCouncil(ws, group.id, meeting(nomination, { default_threshold_percent: 50 }));
    expect(v.results[0]).toMatchObject({ thresholdText: '50 %', needed: 5, reached: true, verifiedLabel: 'chưa xác minh' });
    expect(v.results[0]!.source).toContain('tỷ lệ do đơn vị quy định');
  });
});

describe('refusals', () => {
  it('names what cannot stand, in Vietnamese, and saves nothing', async () => {
    const { ws, group, id } = await unitWithCouncil();
    const huong = id('Nguyễn Thị Hương');
    const refused = (input: CouncilMeetingInput) => () => saveCouncil(ws, group.id, input);
    expect(refused(meeting([{ nomineeId: huong, award_code: 'CSTDCS', votes_for: 8 }, { nomineeId: huong, award_code: 'CSTDCS', votes_for: 7 }]))).toThrow(
      '«Nguyễn Thị Hương» được biểu quyết cùng một danh hiệu (CSTDCS) hai lần.',
    );
    const fewPresent = meeting([{ nomineeId: huong, award_code: 'CSTDCS', votes_for: 8 }]);
    fewPresent.members = fewPresent.members.map((m, i) => (i >= 1 && i <= 4 ? { ...m, attendance: 'in_writing' as const } : m));
    expect(refused(fewPresent)).toThrow('Cuộc họp có 3/10 thành viên có mặt, cần ít nhất 7 (2/3 tổng số thành viên): không đủ điều kiện biểu quyết.');
    expect(refused(meeting([{ nomineeId: id('Phòng Hành chính tư pháp'), award_code: 'CSTDCS', votes_for: 8 }]))).toThrow(
      '«Chiến sĩ thi đua cơ sở» dành cho cá nhân, không biểu quyết cho «Phòng Hành chính tư pháp».',
    );
    expect(refused(meeting([], { members: [] }))).toThrow('Hội đồng chưa có thành viên nào.');
    expect(refused(meeting([], { chair: { name: 'Hà Văn Sơn', position: '' } }))).toThrow('Người chủ trì «Hà Văn Sơn» phải có mặt tại cuộc họp.');
    expect(refused(meeting([], { date: '2024-12-10' }))).toThrow('Ngày họp 10/12/2024 không thuộc đợt xét khen thưởng năm 2025');
    const twice = meeting([]);
    twice.members = [...twice.members, { ...twice.members[3]!, name: 'vu duc ANH' }];
    expect(refused(twice)).toThrow('Thành viên «vu duc ANH» được ghi hai lần.');
    expect(currentRecords(ws.db, 'council_meeting', group.code, 2025)).toHaveLength(0);
  });
});

describe('for the dossier', () => {
  it('councilResultFor finds the nominee by kind, name and division without diacritics, with the meeting\'s record and version', async () => {
    const { ws, group, id } = await unitWithCouncil();
    const v = saveCouncil(ws, group.id, meeting([{ nomineeId: id('Nguyễn Thị Hương'), award_code: 'CSTDCS', votes_for: 7 }]));
    const at = { groupCode: group.code, year: 2025, ownCode: MEMBER.code };
    expect(councilResultFor(ws.db, at, { kind: 'person', name: 'nguyen thi huong', division: 'PHONG HANH CHINH TU PHAP' }, 'CSTDCS')).toEqual({
      meeting: { record_id: v.recordId, version: 1 },
      votes_for: 7,
      total_members: 10,
      reached: false,
    });
    expect(councilResultFor(ws.db, at, { kind: 'person', name: 'Nguyễn Thị Hương', division: 'Văn phòng' }, 'CSTDCS')).toBeNull();
    expect(councilResultFor(ws.db, at, { kind: 'person', name: 'Nguyễn Thị Hương', division: 'Phòng Hành chính tư pháp' }, 'LDTT')).toBeNull();
    expect(councilResultFor(ws.db, { ...at, year: 2024 }, { kind: 'person', name: 'Nguyễn Thị Hương', division: 'Phòng Hành chính tư pháp' }, 'CSTDCS')).toBeNull();
  });
});

describe('the unit renamed after its meeting', () => {
  it('keeps its nomination on the screen and for the dossier, under the name the minutes recorded', async () => {
    const { ws, group, id } = await unitWithCouncil();
    saveCouncil(ws, group.id, meeting([{ nomineeId: id('Sở Tư pháp tỉnh Hà Giang'), award_code: 'GK_TT', votes_for: 9 }], { default_threshold_percent: 50 }));
    updateOwnUnit(ws, { ...MEMBER, name: 'Sở Tư pháp tỉnh Tuyên Quang' });
    const v = councilView(ws, group.id);
    const unitId = v.nominees.find((n) => n.kind === 'unit')!.id;
    expect(v.meeting.nominations).toEqual([{ nomineeId: unitId, award_code: 'GK_TT', votes_for: 9 }]);
    expect(v.results[0]).toMatchObject({ nomineeId: unitId, nominee: { name: 'Sở Tư pháp tỉnh Hà Giang' }, reached: true });
    expect(councilResultFor(ws.db, { groupCode: group.code, year: 2025, ownCode: MEMBER.code }, { kind: 'unit', name: 'Sở Tư pháp tỉnh Tuyên Quang', division: '' }, 'GK_TT')).toMatchObject({ votes_for: 9, reached: true });
  });
});

describe('the printed minutes and list', () => {
  it('prints the biên bản and the danh sách into documents/, with the count and those voted, and both open in LibreOffice', async () => {
    const { ws, group, id } = await unitWithCouncil();
    await expect(printCouncilMinutes(ws, group.id)).rejects.toThrow('Chưa ghi cuộc họp Hội đồng Thi đua – Khen thưởng');
    saveCouncil(
      ws,
      group.id,
      meeting(
        [
          { nomineeId: id('Nguyễn Thị Hương'), award_code: 'CSTDCS', votes_for: 7 },
          { nomineeId: id('Lò Văn Hải'), award_code: 'CSTDCS', votes_for: 6 },
          { nomineeId: id('Phòng Hành chính tư pháp'), award_code: 'GK_TT', votes_for: 9 },
        ],
        { thresholds: [{ award_code: 'CSTDCS', percent: 70 }], default_threshold_percent: 50 },
      ),
    );
    const minutes = await printCouncilMinutes(ws, group.id);
    const list = await printCouncilList(ws, group.id);
    expect(path.relative(ws.dataDir, minutes)).toBe(path.join('documents', 'bien-ban-hop-hoi-dong-2025-STP-HG-v1.docx'));
    expect(path.relative(ws.dataDir, list)).toBe(path.join('documents', 'danh-sach-hoi-dong-de-nghi-2025-STP-HG-v1.docx'));
    const m = await parseDocx(minutes);
    expect(m.errors).toEqual([]);
    // The layout keeps a per cent sign on its number's line with a no-break space.
    const mt = documentText(m.parts).replace(/\u00a0/g, ' ');
    expect(mt).toContain('BIÊN BẢN');
    expect(mt).toContain('Tổng số thành viên Hội đồng: 10; có mặt: 7');
    expect(mt).toContain('Vắng mặt có phiếu gửi bằng văn bản: 2 (Bùi Văn Nam (Ủy viên, Trưởng phòng); Mai Thị Yến (Ủy viên, Trưởng phòng))');
    expect(mt).toContain('Nguyễn Thị Hương (Chuyên viên, Phòng Hành chính tư pháp): 7/10 thành viên Hội đồng đồng ý (70 %); cần từ 70 % tổng số thành viên, tức ít nhất 7 phiếu: đạt.');
    expect(mt).toContain('Lò Văn Hải (Trưởng phòng, Phòng Hành chính tư pháp): 6/10 thành viên Hội đồng đồng ý (60 %); cần từ 70 % tổng số thành viên, tức ít nhất 7 phiếu: không đạt.');
    expect(mt).toContain('Hội đồng nghe Thường trực báo cáo kết quả bình xét của các phòng.');
    const l = await parseDocx(list);
    expect(l.errors).toEqual([]);
    const lt = documentText(l.parts).replace(/\u00a0/g, ' ');
    expect(lt).toContain('DANH SÁCH');
    expect(lt).toContain('Biên bản họp Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Hà Giang ngày 10/12/2025');
    expect(lt).toContain('Nguyễn Thị Hương');
    expect(lt).toContain('7/10 phiếu đồng ý (70 %)');
    expect(lt).toContain('Phòng Hành chính tư pháp');
    expect(lt).not.toContain('Lò Văn Hải');
    const out = tempDir('council-pdf-');
    const profile = tempDir('lo-profile-');
    execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, minutes, list], { stdio: 'ignore', timeout: 240_000 });
    for (const f of [minutes, list]) {
      const pdf = path.join(out, path.basename(f).replace(/\.docx$/, '.pdf'));
      expect(fs.existsSync(pdf), pdf).toBe(true);
      expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])).toBeGreaterThanOrEqual(1);
    }
  }, 300_000);

  it('refuses a list when nobody reached the threshold', async () => {
    const { ws, group, id } = await unitWithCouncil();
    saveCouncil(ws, group.id, meeting([{ nomineeId: id('Lò Văn Hải'), award_code: 'CSTDCS', votes_for: 6 }]));
    await expect(printCouncilList(ws, group.id)).rejects.toThrow('Chưa có tập thể, cá nhân nào đạt tỷ lệ phiếu của Hội đồng: không có danh sách để in.');
  });
});
