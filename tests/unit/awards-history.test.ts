import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { saveStaff, removeStaff } from '../../electron/services/registration/staff';
import { addNominee, historyOf, listNominees, markInitiativeUsed, saveYearFacts, yearsOf } from '../../electron/services/awards/history';
import { evaluate } from '../../electron/services/awards/eligibility';
import { eligibilityView } from '../../electron/services/awards/eligibility-view';
import { entryOn, held, ROUND_2025, year } from '../helpers/awards';
import { makeUnit, MEMBER } from '../helpers/units';

/** The history register on a real SQLite file: people from the staff list, years of facts, historyOf feeding evaluate. */

async function unitWithStaff() {
  const { ws } = await makeUnit(MEMBER);
  const staff = (fullName: string, gender: 'nam' | 'nu', department: string) => saveStaff(ws, { fullName, birthYear: 1980, gender, position: 'Chuyên viên', department, allowDuplicate: false });
  const people = [staff('Nguyễn Thị Hương', 'nu', 'Phòng Hành chính tư pháp'), staff('Lò Văn Hải', 'nam', 'Phòng Hành chính tư pháp'), staff('Đỗ Thị Lan', 'nu', 'Văn phòng')];
  const list = listNominees(ws);
  const id = (name: string) => list.find((n) => n.name === name)!.id;
  return { ws, people, list, id };
}

describe('the register', () => {
  it('holds the unit, a division per department and a person per staff row, linked, found without diacritics, in Vietnamese order', async () => {
    const { ws, list, people } = await unitWithStaff();
    expect(list.map((n) => [n.kind, n.name])).toEqual([
      ['unit', 'Sở Tư pháp tỉnh Hà Giang'],
      ['division', 'Phòng Hành chính tư pháp'],
      ['division', 'Văn phòng'],
      ['person', 'Lò Văn Hải'],
      ['person', 'Nguyễn Thị Hương'],
      ['person', 'Đỗ Thị Lan'],
    ]);
    expect(list.find((n) => n.name === 'Nguyễn Thị Hương')).toMatchObject({ staffId: people[0]!.id, female: true, division: 'Phòng Hành chính tư pháp' });
    expect(listNominees(ws, 'nguyen thi').map((n) => n.name)).toEqual(['Nguyễn Thị Hương']);
    expect(listNominees(ws, 'van phong', 'person').map((n) => n.name)).toEqual(['Đỗ Thị Lan']);
    // Listing again adds no one twice.
    expect(listNominees(ws)).toHaveLength(6);
  });

  it('keeps a person who left the staff list, with their years, unlinked', async () => {
    const { ws, people, id } = await unitWithStaff();
    saveYearFacts(ws, id('Lò Văn Hải'), year(2024, { taskCompletion: 'hoan_thanh_tot', honours: [held('LDTT', 2024)] }));
    removeStaff(ws.db, people[1]!.id);
    const hai = listNominees(ws).find((n) => n.name === 'Lò Văn Hải')!;
    expect(hai).toMatchObject({ staffId: null, years: [2024] });
  });

  it('a person typed by hand is linked to the one staff row of that name', async () => {
    const { ws } = await makeUnit(MEMBER);
    const s = saveStaff(ws, { fullName: 'Ma Thị Thu', birthYear: 1984, gender: 'nu', position: '', department: 'Thanh tra', allowDuplicate: false });
    // No listing yet (no sync): the hand-typed person finds the staff row by name.
    const p = addNominee(ws, { kind: 'person', name: 'ma  thi THU', division: '', position: '', female: true });
    expect(p.staffId).toBe(s.id);
    expect(listNominees(ws, '', 'person')).toHaveLength(1);
  });
});

describe('a year of facts', () => {
  it('is stored once per year, replaced by a second save, and read back with where it came from', async () => {
    const { ws, id } = await unitWithStaff();
    const huong = id('Nguyễn Thị Hương');
    saveYearFacts(ws, huong, year(2024, { taskCompletion: 'hoan_thanh_tot' }));
    saveYearFacts(ws, huong, year(2024, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [held('CSTDCS', 2024)] }));
    const years = yearsOf(ws.db, huong);
    expect(years).toHaveLength(1);
    expect(years[0]!.facts).toMatchObject({ taskCompletion: 'hoan_thanh_xuat_sac', honours: [{ code: 'CSTDCS' }] });
    expect(years[0]!.source).toMatchObject({ kind: 'manual', file: null });
  });

  it('refuses in Vietnamese what does not fit: an unknown code, a collective title for a person, a decision before the year, a shape error; nothing written', async () => {
    const { ws, id } = await unitWithStaff();
    const huong = id('Nguyễn Thị Hương');
    expect(() => saveYearFacts(ws, huong, year(2024, { honours: [held('XYZ')] }))).toThrow('Năm 2024 của "Nguyễn Thị Hương": mã danh hiệu "XYZ" không có trong danh mục.');
    expect(() => saveYearFacts(ws, huong, year(2024, { honours: [held('TTLDTT')] }))).toThrow('«Tập thể lao động tiên tiến» dành cho tập thể.');
    expect(() => saveYearFacts(ws, huong, year(2024, { honours: [held('LDTT', 2023)] }))).toThrow('có trước năm được khen (2024)');
    expect(() => saveYearFacts(ws, huong, { ...year(2024), taskCompletion: 'gioi' })).toThrow(/^Dữ liệu năm của "Nguyễn Thị Hương" không hợp lệ \(taskCompletion\)/);
    expect(() => saveYearFacts(ws, huong, year(2024, { groupLeads: [{ level: 'tinh', acclaimed: true }] }))).toThrow('chỉ ghi cho tập thể');
    expect(() => saveYearFacts(ws, 9999, year(2024))).toThrow('Không tìm thấy đối tượng');
    expect(yearsOf(ws.db, huong)).toEqual([]);
  });

  it('a sáng kiến is marked used once; another use is refused, naming the first', async () => {
    const { ws, id } = await unitWithStaff();
    const huong = id('Nguyễn Thị Hương');
    const sk = { id: 'sk1', title: 'Sổ tay hòa giải', kind: 'sang_kien' as const, level: 'co_so' as const, decision: null, usedFor: null };
    saveYearFacts(ws, huong, year(2025, { initiatives: [sk] }));
    markInitiativeUsed(ws, huong, 'sk1', { code: 'CSTDCS', year: 2025 });
    expect(yearsOf(ws.db, huong)[0]!.facts.initiatives[0]!.usedFor).toEqual({ code: 'CSTDCS', year: 2025 });
    expect(() => markInitiativeUsed(ws, huong, 'sk1', { code: 'BK_BTP_CN', year: 2025 })).toThrow('Sáng kiến «Sổ tay hòa giải» đã dùng để xét «Chiến sĩ thi đua cơ sở» năm 2025; mỗi sáng kiến chỉ tính một lần.');
  });

  it('survives closing and reopening the database file', async () => {
    const { ws, id } = await unitWithStaff();
    saveYearFacts(ws, id('Đỗ Thị Lan'), year(2023, { taskCompletion: 'hoan_thanh_tot', honours: [held('LDTT', 2023)] }));
    const file = ws.db.$client.name;
    const again = openDatabase(file);
    try {
      expect(yearsOf(again, id('Đỗ Thị Lan'))[0]!.facts.honours).toEqual([held('LDTT', 2023)]);
    } finally {
      again.$client.close();
    }
  });
});

describe('historyOf feeds evaluate', () => {
  it('a person: two years of CSTĐCS meet the Bằng khen chain; a missing year breaks it', async () => {
    const { ws, id } = await unitWithStaff();
    const huong = id('Nguyễn Thị Hương');
    saveYearFacts(ws, huong, year(2024, { honours: [held('CSTDCS', 2024)] }));
    saveYearFacts(ws, huong, year(2025, { honours: [{ code: 'CSTDCS', decision: null }] }));
    expect(evaluate(entryOn('BK_BTP_CN', ROUND_2025), historyOf(ws.db, huong), 2025).status).toBe('met');
    const cstdBo = evaluate(entryOn('CSTD_BO', ROUND_2025), historyOf(ws.db, huong), 2025);
    expect(cstdBo.status).toBe('not_met');
    expect(cstdBo.results[0]!.brokenYear).toBe(2023);
  });

  it('the unit: members are its people, memberIds of a year those with facts that year; a division counts only its own', async () => {
    const { ws, id } = await unitWithStaff();
    for (const name of ['Nguyễn Thị Hương', 'Lò Văn Hải', 'Đỗ Thị Lan']) saveYearFacts(ws, id(name), year(2025, { taskCompletion: 'hoan_thanh_tot', honours: name === 'Đỗ Thị Lan' ? [] : [held('LDTT', 2025)] }));
    saveYearFacts(ws, id('Sở Tư pháp tỉnh Hà Giang'), year(2025, { taskCompletion: 'hoan_thanh_tot' }));
    const unit = historyOf(ws.db, id('Sở Tư pháp tỉnh Hà Giang'));
    expect(unit.members).toHaveLength(3);
    expect(unit.years[0]!.memberIds).toHaveLength(3);
    // 2 of 3 are LĐTT: 66,7 % < 70 %.
    const share = evaluate(entryOn('TTLDTT', ROUND_2025), unit, 2025).results[1]!;
    expect(share).toMatchObject({ status: 'not_met', reason: expect.stringContaining('2/3 thành viên (66,7%)') });
    // The division of Hương and Hải: 2 of 2, and the division's own year is made from its members' years.
    const division = historyOf(ws.db, id('Phòng Hành chính tư pháp'));
    expect(division.years.map((f) => [f.year, f.memberIds!.length, f.taskCompletion])).toEqual([[2025, 2, null]]);
    expect(evaluate(entryOn('TTLDTT', ROUND_2025), division, 2025).results[1]!.status).toBe('met');
  });
});

describe('the eligibility view', () => {
  it('evaluates every entry of each nominee scope, counts LĐTT met this round as proposed for CSTĐCS, names the chain break, the source and "chưa xác minh"', async () => {
    const { ws, id } = await unitWithStaff();
    saveYearFacts(ws, id('Nguyễn Thị Hương'), year(2025, { taskCompletion: 'hoan_thanh_xuat_sac', confirmed: ['doan_ket_tham_gia_thi_dua'] }));
    saveYearFacts(ws, id('Nguyễn Thị Hương'), year(2024, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [held('CSTDCS', 2024)] }));
    const v = eligibilityView(ws.db, 2025, ROUND_2025);
    expect(v.dateText).toBe('15/12/2025');
    const huong = v.nominees.find((n) => n.name === 'Nguyễn Thị Hương')!;
    const entry = (code: string) => huong.entries.find((e) => e.code === code)!;
    expect(huong.entries.every((e) => ['LDTT', 'CSTDCS', 'CSTD_BO', 'CSTD_TINH', 'CSTD_TQ', 'GK_CN', 'BK_BTP_CN', 'BK_UBND_CN', 'BK_TTG_CN', 'KNC_TP'].includes(e.code))).toBe(true);
    expect(entry('LDTT').status).toBe('met');
    // LĐTT is not recorded for 2025: it counts as proposed in this round, so CSTĐCS is met.
    const cstdcs = entry('CSTDCS');
    expect(cstdcs).toMatchObject({ status: 'met', verified: true, verifiedLabel: '' });
    expect(cstdcs.details[0]).toEqual({ status: 'met', statusLabel: 'Đạt', text: 'Năm 2025 đạt «Lao động tiên tiến» (đang đề nghị, chưa có quyết định).' });
    expect(cstdcs.source).toBe('Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23');
    expect(cstdcs.statusLabel).toBe({ met: 'Đạt', not_met: 'Chưa đạt', needs_review: 'Cần xem xét' }[cstdcs.status]);
    // No CSTĐCS recorded for 2025 yet: the chain of CSTĐ cấp Bộ breaks at 2025.
    expect(entry('CSTD_BO')).toMatchObject({ status: 'not_met', brokenYear: 2025 });
    const unverified = huong.entries.filter((e) => !e.verified);
    expect(unverified.length).toBeGreaterThan(0);
    expect(unverified.every((e) => e.verifiedLabel === 'chưa xác minh')).toBe(true);
    expect(v.nominees[0]).toMatchObject({ kind: 'unit' });
    expect(v.nominees[0]!.entries.some((e) => e.code === 'TTLDTT')).toBe(true);
    expect(() => eligibilityView(ws.db, 2025, '2024-12-15')).toThrow('Ngày xét 15/12/2024 không thuộc năm 2025.');
  });
});
