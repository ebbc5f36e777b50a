import fs from 'node:fs';
import path from 'node:path';
import { groupInputSchema, type GroupInput, type Unit } from '../../electron/ipc/contract';
import { listNominees, saveYearFacts } from '../../electron/services/awards/history';
import type { CouncilMeetingInput } from '../../electron/services/awards/council-schemas';
import { year } from './awards';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { saveRegistration } from '../../electron/services/registration/registration';
import { saveStaff } from '../../electron/services/registration/staff';
import { on } from './consolidated';
import { groupInput, makeUnit, MEMBER, tempDir } from './units';

/** The award round of a member unit in 2025: its register, some history, a council meeting, scans. */

export const YEAR = 2025;
export { year };

/** The 2025 group as tests set it up, each unit pinning the keys given. */
export const group2025 = (pins: Record<string, string> = {}, overrides: Partial<GroupInput> = {}): GroupInput => groupInput(pins, { year: YEAR, registrationDeadline: '2025-02-10', ...overrides });

/** A member registered for 2025 whose register holds the unit, its division and two people, with some history. */
export async function memberYear(unit: Unit = MEMBER, groupIn: GroupInput = group2025()) {
  on('2025-11-30');
  const member = await makeUnit(unit);
  const group = saveGroup(member.ws, groupInputSchema.parse(groupIn));
  const a = saveStaff(member.ws, { fullName: 'Nguyễn Thị Hương', birthYear: 1980, gender: 'nu', position: 'Phó Giám đốc', department: 'Ban Giám đốc' });
  saveStaff(member.ws, { fullName: 'Đặng Văn Bình', birthYear: 1975, gender: 'nam', position: 'Giám đốc', department: 'Ban Giám đốc' });
  saveRegistration(member.ws, {
    groupId: group.id,
    numberSymbol: '05/ĐK-STP',
    place: unit.province,
    documentDate: '2025-02-05',
    signerAuthority: '',
    signerTitle: 'Giám đốc',
    signerName: 'Đặng Văn Bình',
    recipients: ['Như trên', 'Lưu: VT'],
    collective: [{ titleCode: 'TTLDXS', note: '' }],
    individuals: [{ staffId: a.id, titleCode: 'CSTDCS' }],
    commitments: [],
  });
  const nominees = listNominees(member.ws);
  const id = (name: string) => nominees.find((n) => n.name === name)!.id;
  const huong = id('Nguyễn Thị Hương');
  const unitId = id(unit.name);
  saveYearFacts(member.ws, huong, year(2024, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [{ code: 'LDTT', decision: { number: '45/QĐ-STP', date: '2024-12-20' } }] }));
  saveYearFacts(member.ws, huong, year(YEAR, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [{ code: 'LDTT', decision: null }] }));
  return { ...member, group, nominees, huong, unitId, binh: id('Đặng Văn Bình'), division: id('Ban Giám đốc') };
}

export function scan(name: string, body = name): string {
  const p = path.join(tempDir('scan-'), name);
  fs.writeFileSync(p, `%PDF-1.4\n% ${body}\n`);
  return p;
}


/** Ten members, nine voting (two in writing): the unit council's meeting on the given nominations. */
export function councilMeeting(nominations: CouncilMeetingInput['nominations']): CouncilMeetingInput {
  const names = ['Đặng Văn Bình', 'Lê Văn Tâm', 'Phạm Thị Thu', 'Vũ Đức Anh', 'Trần Thị Mai', 'Ngô Văn Bình', 'Đinh Thị Hoa', 'Bùi Văn Nam', 'Mai Thị Yến', 'Hà Văn Sơn'];
  return {
    council_name: 'Hội đồng Thi đua – Khen thưởng Sở Tư pháp tỉnh Hà Giang',
    date: '2025-12-10',
    start_time: '08:00',
    end_time: '10:30',
    place: 'Phòng họp tầng 2, Sở Tư pháp tỉnh Hà Giang',
    chair: { name: 'Đặng Văn Bình', position: 'Giám đốc Sở' },
    secretary: { name: 'Đinh Thị Hoa', position: 'Chánh Văn phòng' },
    members: names.map((name, i) => ({ name, position: 'Trưởng phòng', role: i === 0 ? 'Chủ tịch Hội đồng' : 'Ủy viên', attendance: i < 7 ? 'present' : i < 9 ? 'in_writing' : 'absent' })),
    quorum: { numerator: 2, denominator: 3 },
    method: 'bỏ phiếu kín',
    content: 'Hội đồng nghe báo cáo kết quả bình xét của các phòng.',
    default_threshold_percent: 70,
    thresholds: [],
    nominations,
  };
}

