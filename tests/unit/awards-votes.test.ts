import { describe, expect, it } from 'vitest';
import { needed, percentShare, reaches, shareText, tallyAcclamation, tallyCouncil, type AcclamationRules, type CouncilMember } from '../../electron/services/awards/votes';

const member = (name: string, present = true, votedInWriting = false): CouncilMember => ({ name, role: 'Ủy viên', present, votedInWriting });
const council = (present: number, written: number, absent: number) => [
  ...Array.from({ length: present }, (_, i) => member(`Có mặt ${i + 1}`)),
  ...Array.from({ length: written }, (_, i) => member(`Gửi phiếu ${i + 1}`, false, true)),
  ...Array.from({ length: absent }, (_, i) => member(`Vắng ${i + 1}`, false)),
];
const TWO_THIRDS = { numerator: 2, denominator: 3 };
const EIGHTY = percentShare(80);
const NINETY = percentShare(90);

describe('thresholds are exact fractions', () => {
  it('reaches exactly at the threshold, whatever the sizes', () => {
    expect(reaches(8, 10, EIGHTY)).toBe(true);
    expect(reaches(7, 10, EIGHTY)).toBe(false);
    expect(reaches(4, 5, EIGHTY)).toBe(true);
    expect(reaches(8, 12, TWO_THIRDS)).toBe(true);
    expect(reaches(7, 12, TWO_THIRDS)).toBe(false);
    expect(reaches(9, 10, NINETY)).toBe(true);
    expect(reaches(0, 0, EIGHTY)).toBe(false);
    expect([needed(10, EIGHTY), needed(11, EIGHTY), needed(12, TWO_THIRDS), needed(13, TWO_THIRDS), needed(7, NINETY)]).toEqual([8, 9, 8, 9, 7]);
    expect([shareText(EIGHTY), shareText(TWO_THIRDS), shareText(percentShare(66.67))]).toEqual(['80 %', '2/3', '66,67 %']);
  });
});

describe('the unit’s council votes on its total membership (DOMAIN.md: Dossiers)', () => {
  it('counts written votes of absent members, and an absent member without one as not yes', () => {
    // 10 members: 7 present, 1 voted in writing, 2 absent. 8 yes reach 80 %; 7 do not, though 7 of the 8 voting is 87,5 %.
    const t = tallyCouncil(council(7, 1, 2), TWO_THIRDS, [
      { nominee: 'Nguyễn Văn A', award: 'Chiến sĩ thi đua cơ sở', threshold: EIGHTY, yes: 8 },
      { nominee: 'Trần Thị B', award: 'Chiến sĩ thi đua cơ sở', threshold: EIGHTY, yes: 7 },
      { nominee: 'Lê Văn C', award: 'Chiến sĩ thi đua cấp Bộ', threshold: NINETY, yes: 8 },
    ]);
    expect([t.total, t.present, t.inWriting, t.voting]).toEqual([10, 7, 1, 8]);
    expect(t.quorum).toEqual({ share: TWO_THIRDS, needed: 7, met: true });
    expect(t.results.map((r) => [r.nominee, r.needed, r.passed])).toEqual([
      ['Nguyễn Văn A', 8, true],
      ['Trần Thị B', 8, false],
      ['Lê Văn C', 9, false],
    ]);
    expect(t.results[1]!.text).toBe('7/10 thành viên Hội đồng đồng ý (70 %); cần từ 80 % tổng số thành viên, tức ít nhất 8 phiếu: không đạt.');
    expect(t.problems).toEqual([]);
  });

  it('says when the quorum is not met, and refuses more yes votes than members who voted', () => {
    const t = tallyCouncil(council(6, 2, 1), TWO_THIRDS, [{ nominee: 'Phòng Hành chính tư pháp', award: 'Tập thể lao động xuất sắc', threshold: EIGHTY, yes: 9 }]);
    expect(t.quorum.met).toBe(true); // 6 of 9 is exactly two thirds
    expect(tallyCouncil(council(5, 3, 1), TWO_THIRDS, []).quorum).toMatchObject({ needed: 6, met: false });
    expect(t.problems).toEqual(['Phòng Hành chính tư pháp (Tập thể lao động xuất sắc): 9 phiếu đồng ý, nhiều hơn 8 thành viên có phiếu (có mặt hoặc gửi phiếu bằng văn bản).']);
    expect(tallyCouncil([], TWO_THIRDS, []).problems).toEqual(['Hội đồng chưa có thành viên nào.']);
  });
});

describe('the group’s suy tôn at the year-end conference (threshold, base and tie-break configurable: DOMAIN.md [U])', () => {
  const rules: AcclamationRules = { threshold: TWO_THIRDS, base: 'members', seats: 2, tieBreak: 'higher_score', secretBallot: true };
  const candidates = [
    { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', score: 190 },
    { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang', score: 185.5 },
    { code: 'THADS-LC', name: 'Thi hành án dân sự tỉnh Lào Cai', score: 188 },
    { code: 'STP-CB', name: 'Sở Tư pháp tỉnh Cao Bằng', score: null },
  ];

  it('elects by votes against the threshold on every member unit, exactly at it included', () => {
    // 12 member units, 11 voted, one ballot invalid: 8 of 12 is exactly two thirds.
    const t = tallyAcclamation(candidates, { members: 12, voters: 11, invalid: 1, votes: { 'STP-TQ': 10, 'STP-HG': 8, 'THADS-LC': 7, 'STP-CB': 2 } }, rules);
    expect([t.base, t.needed, t.valid]).toEqual([12, 8, 10]);
    expect(t.rows.map((r) => [r.code, r.votes, r.reaches, r.rank, r.elected])).toEqual([
      ['STP-TQ', 10, true, 1, true],
      ['STP-HG', 8, true, 2, true],
      ['THADS-LC', 7, false, null, false],
      ['STP-CB', 2, false, null, false],
    ]);
    // On the voters instead: 7 of 11 does not reach two thirds (needs 8) either; 8 of 11 does.
    expect(tallyAcclamation(candidates, { members: 12, voters: 11, invalid: 0, votes: { 'THADS-LC': 8 } }, { ...rules, base: 'voters' }).rows[0]).toMatchObject({ code: 'THADS-LC', elected: true });
  });

  it('parts a tie at the last seat by the higher score, and says so', () => {
    const t = tallyAcclamation(candidates, { members: 12, voters: 12, invalid: 0, votes: { 'STP-TQ': 11, 'STP-HG': 9, 'THADS-LC': 9 } }, rules);
    expect(t.rows.slice(0, 3).map((r) => [r.code, r.rank, r.elected, r.revote])).toEqual([
      ['STP-TQ', 1, true, false],
      ['THADS-LC', 2, true, false],
      ['STP-HG', 3, false, false],
    ]);
    expect(t.rows[2]!.decidedBy).toBe('Bằng số phiếu với Thi hành án dân sự tỉnh Lào Cai; xếp sau vì tổng điểm chấm thi đua thấp hơn.');
  });

  it('sends a tie at the last seat to a new ballot when the rules say so, or when scores are equal too', () => {
    const votes = { 'STP-TQ': 11, 'STP-HG': 9, 'THADS-LC': 9 };
    const revote = tallyAcclamation(candidates, { members: 12, voters: 12, invalid: 0, votes }, { ...rules, tieBreak: 'revote' });
    expect(revote.rows.slice(0, 3).map((r) => [r.code, r.rank, r.elected, r.revote])).toEqual([
      ['STP-TQ', 1, true, false],
      ['STP-HG', 2, false, true],
      ['THADS-LC', 2, false, true],
    ]);
    const sameScore = candidates.map((c) => ({ ...c, score: 180 }));
    const still = tallyAcclamation(sameScore, { members: 12, voters: 12, invalid: 0, votes }, rules);
    expect(still.rows.filter((r) => r.revote).map((r) => r.code).sort()).toEqual(['STP-HG', 'THADS-LC']);
    // A tie inside the seats elects both: no seat is in question.
    expect(tallyAcclamation(candidates, { members: 12, voters: 12, invalid: 0, votes }, { ...rules, seats: 3, tieBreak: 'revote' }).rows.filter((r) => r.elected)).toHaveLength(3);
  });

  it('elects every unit reaching the threshold when the seats are not limited', () => {
    const t = tallyAcclamation(candidates, { members: 4, voters: 4, invalid: 0, votes: { 'STP-TQ': 4, 'STP-HG': 3, 'THADS-LC': 3, 'STP-CB': 2 } }, { ...rules, seats: null, threshold: percentShare(75) });
    expect(t.rows.filter((r) => r.elected).map((r) => r.code)).toEqual(['STP-TQ', 'THADS-LC', 'STP-HG']);
  });

  it('refuses counts that cannot be', () => {
    const t = tallyAcclamation(candidates, { members: 12, voters: 13, invalid: 14, votes: { 'STP-TQ': 12.5 } }, rules);
    expect(t.problems).toEqual([
      'Số đơn vị bỏ phiếu (13) nhiều hơn số đơn vị thành viên (12).',
      'Số phiếu không hợp lệ (14) phải từ 0 đến số đơn vị bỏ phiếu (13).',
      'Số phiếu của Sở Tư pháp tỉnh Tuyên Quang phải là số nguyên không âm.',
    ]);
    expect(tallyAcclamation(candidates, { members: 12, voters: 10, invalid: 0, votes: { 'STP-HG': 11 } }, rules).problems).toEqual(['Sở Tư pháp tỉnh Hà Giang được 11 phiếu, nhiều hơn 10 phiếu hợp lệ.']);
  });
});
