import { describe, expect, it } from 'vitest';
import { awardCatalogue, rulesInForce } from '../../electron/services/awards/catalogue';
import { evaluate } from '../../electron/services/awards/eligibility';
import { nomineeHistorySchema, type Initiative, type NomineeHistory } from '../../electron/services/awards/schemas';
import { collective, entryOn, held, person, proposed, ROUND_2025, year } from '../helpers/awards';

/** The edges of evaluate: chains, shares, initiatives used once, and the switch of 01/07/2025. */

const cstdcsYears = (...years: number[]) => years.map((y) => year(y, { honours: [y === 2025 ? proposed('CSTDCS') : held('CSTDCS', y)] }));

describe('consecutive years', () => {
  it('exactly N consecutive years meet the chain, ending with the year under review', () => {
    const e = evaluate(entryOn('BK_BTP_CN', ROUND_2025), person('a', cstdcsYears(2024, 2025)), 2025);
    expect(e.status).toBe('met');
    const chain = e.results[0]!.children![0]!;
    expect(chain.reason).toBe('Đạt liên tục 2 năm (các năm 2024–2025).');
    expect(chain.children!.map((c) => c.reason)).toEqual([
      'Năm 2025 đạt «Chiến sĩ thi đua cơ sở» (đang đề nghị, chưa có quyết định).',
      'Năm 2024 đạt «Chiến sĩ thi đua cơ sở» (QĐ số 24/QĐ-STP ngày 20/12/2024).',
    ]);
  });

  it('N − 1 years are not enough, and the year before them is the one that breaks the chain', () => {
    const e = evaluate(entryOn('CSTD_BO', ROUND_2025), person('a', cstdcsYears(2024, 2025)), 2025);
    expect(e.status).toBe('not_met');
    expect(e.results[0]!.brokenYear).toBe(2023);
    expect(e.results[0]!.reason).toBe(
      'Cần 3 năm liên tục (các năm 2023–2025); chuỗi đứt ở năm 2023: Năm 2023 không đạt «Chiến sĩ thi đua cơ sở» (chưa nhập dữ liệu năm này).',
    );
  });

  it('a gap year breaks a chain even with more years before it, and the latest break is reported', () => {
    const years = [...cstdcsYears(2020, 2021, 2022), year(2023, { taskCompletion: 'hoan_thanh_tot' }), ...cstdcsYears(2024, 2025)];
    const e = evaluate(entryOn('CSTD_BO', ROUND_2025), person('a', years), 2025);
    expect(e.results[0]!.brokenYear).toBe(2023);
    // The same history meets the 2-year chain of Bằng khen, which does not reach back to the gap.
    expect(evaluate(entryOn('BK_BTP_CN', ROUND_2025), person('a', years), 2025).status).toBe('met');
  });

  it('a year under discipline breaks the chain from 01/07/2025 (Nghị định 152/2025 Điều 4), even with the title recorded', () => {
    const years = cstdcsYears(2023, 2024, 2025);
    years[1]!.discipline = [{ level: 'khien_trach', decision: { number: '12/QĐ-STP', date: '2024-05-02' } }];
    years[1]!.initiatives = [{ id: 'sk', title: 'Sổ tay hòa giải', kind: 'sang_kien', level: 'bo_tinh', decision: null, usedFor: null }];
    const e = evaluate(entryOn('CSTD_BO', ROUND_2025), person('a', years), 2025);
    expect(e.status).toBe('not_met');
    expect(e.results[0]!.brokenYear).toBe(2024);
    expect(e.results[0]!.reason).toContain('chuỗi đứt ở năm 2024: Năm 2024 bị kỷ luật khiển trách (QĐ số 12/QĐ-STP ngày 02/05/2024); thời gian tính khen thưởng tính lại');
    // The same history reviewed under the rules before the switch: DOMAIN.md gives no such principle for Nghị định 98/2023.
    expect(evaluate(entryOn('CSTD_BO', '2025-06-30'), person('a', years), 2025).status).toBe('met');
  });

  it('a chain of task completion counts the levels, and a year not yet rated leaves it to review rather than failing it', () => {
    const sk = (id: string): Initiative => ({ id, title: `Sáng kiến ${id}`, kind: 'sang_kien', level: 'co_so', decision: null, usedFor: null });
    const years = [year(2024, { taskCompletion: 'hoan_thanh_xuat_sac', initiatives: [sk('a'), sk('b')] }), year(2025)];
    const chain = evaluate(entryOn('BK_BTP_CN', ROUND_2025), person('a', years), 2025).results[0]!.children![1]!.children![0]!;
    expect(chain.status).toBe('needs_review');
    expect(chain.reason).toContain('Năm 2025 chưa có kết quả đánh giá mức hoàn thành nhiệm vụ.');
  });
});

describe('shares and counts of members', () => {
  const ttldtt = (size: number, ldtt: number) =>
    evaluate(entryOn('TTLDTT', ROUND_2025), collective(2025, size, { taskCompletion: 'hoan_thanh_tot' }, (i) => (i < ldtt ? {} : { honours: [] })), 2025).results[1]!;

  it('70 % exactly is enough; just under is not', () => {
    expect(ttldtt(10, 7)).toMatchObject({ status: 'met', reason: 'Năm 2025: 7/10 thành viên (70%) đạt «Lao động tiên tiến» hoặc «Chiến sĩ thi đua cơ sở», cần từ 70%.' });
    expect(ttldtt(20, 14).status).toBe('met');
    expect(ttldtt(19, 13)).toMatchObject({ status: 'not_met', reason: expect.stringContaining('13/19 thành viên (68,4%)') });
    // 70 % of 3 is 2,1 people: 2 is not enough.
    expect(ttldtt(3, 2).status).toBe('not_met');
    expect(ttldtt(3, 3).status).toBe('met');
  });

  it('a CSTĐCS holder counts as Lao động tiên tiến, and members with no record leave the share to review only when they could tip it', () => {
    const h = collective(2025, 10, { taskCompletion: 'hoan_thanh_tot' }, (i) => (i < 6 ? {} : i < 7 ? { honours: [held('CSTDCS', 2025)] } : { honours: [] }));
    // 7 of 10 known, and 2 more members listed whose year was never entered: 7/12 now, 9/12 if both were.
    h.years[0]!.memberIds!.push('x1', 'x2');
    const share = () => evaluate(entryOn('TTLDTT', ROUND_2025), h, 2025).results[1]!;
    expect(share().status).toBe('needs_review');
    expect(share().reason).toBe('Năm 2025: 7/12 thành viên (58,3%) đạt «Lao động tiên tiến» hoặc «Chiến sĩ thi đua cơ sở», cần từ 70%; còn 2 người chưa có dữ liệu năm 2025.');
    // One more unknown but one fewer known: 9/13 at best, under 70 %.
    h.years[0]!.memberIds!.push('x3');
    h.members![0]!.years[0]!.honours = [];
    expect(share().status).toBe('not_met');
  });

  it('a collective without its member list cannot be judged on shares', () => {
    const h = collective(2025, 4, { taskCompletion: 'hoan_thanh_tot' });
    delete h.years[0]!.memberIds;
    expect(evaluate(entryOn('TTLDTT', ROUND_2025), h, 2025).results[1]).toMatchObject({ status: 'needs_review', reason: 'Năm 2025 chưa có danh sách thành viên của tập thể.' });
  });

  it('khiển trách does not bar a collective; cảnh cáo and above do', () => {
    const h = (level: 'khien_trach' | 'cach_chuc') => collective(2025, 10, { taskCompletion: 'hoan_thanh_tot' }, (i) => (i === 0 ? { discipline: [{ level, decision: null }] } : {}));
    expect(evaluate(entryOn('TTLDTT', ROUND_2025), h('khien_trach'), 2025).results[2]!.status).toBe('met');
    expect(evaluate(entryOn('TTLDTT', ROUND_2025), h('cach_chuc'), 2025).results[2]!.reason).toBe(
      'Năm 2025 có thành viên bị kỷ luật từ cảnh cáo trở lên: Cán bộ m1 (cách chức).',
    );
  });
});

describe('a sáng kiến counts once', () => {
  const withInitiative = (usedFor: Initiative['usedFor']): NomineeHistory =>
    person('a', [year(2025, { taskCompletion: 'hoan_thanh_tot', honours: [held('LDTT', 2025)], initiatives: [{ id: 'sk7', title: 'Biểu mẫu điện tử', kind: 'sang_kien', level: 'co_so', decision: null, usedFor }] })]);

  it('one already used for another award is not counted, and the reason says where it went', () => {
    const e = evaluate(entryOn('CSTDCS', ROUND_2025), withInitiative({ code: 'GK_CN', year: 2025 }), 2025);
    expect(e.status).toBe('not_met');
    expect(e.reason).toContain('«Biểu mẫu điện tử» đã dùng để xét «Giấy khen» năm 2025, mỗi sáng kiến chỉ tính một lần.');
  });

  it('one marked used for this very title and year still counts (re-running the review does not lose it)', () => {
    expect(evaluate(entryOn('CSTDCS', ROUND_2025), withInitiative({ code: 'CSTDCS', year: 2025 }), 2025).status).toBe('met');
    expect(evaluate(entryOn('CSTDCS', ROUND_2025), withInitiative(null), 2025).status).toBe('met');
  });

  it('a sáng kiến below the level asked does not count', () => {
    const h = person('a', [...cstdcsYears(2023, 2024, 2025)]);
    h.years[0]!.initiatives = [{ id: 's', title: 'Cấp cơ sở', kind: 'sang_kien', level: 'co_so', decision: null, usedFor: null }];
    expect(evaluate(entryOn('CSTD_BO', ROUND_2025), h, 2025).results[1]!.reason).toContain('Cần 1 sáng kiến hoặc đề tài khoa học cấp Bộ, ngành, tỉnh trở lên đến năm 2025');
  });
});

describe('the switch of 01/07/2025', () => {
  it('the council threshold of CSTĐCS is the verified Nghị định 98/2023 one to 30/06/2025 and an unverified Nghị định 152/2025 one from 01/07/2025', () => {
    const before = entryOn('CSTDCS', '2025-06-30').councilVote!;
    const after = entryOn('CSTDCS', '2025-07-01').councilVote!;
    expect([before.id, before.thresholdPercent, before.verified]).toEqual(['CSTDCS.vote.nd98', 80, true]);
    expect([after.id, after.thresholdPercent, after.verified, after.configurable]).toEqual(['CSTDCS.vote.nd152', 80, false, true]);
  });

  it('dossier forms, money and principles appear with Nghị định 152/2025', () => {
    const before = rulesInForce(awardCatalogue, '2025-06-30');
    const after = rulesInForce(awardCatalogue, '2025-07-01');
    const ldtt = (r: typeof before) => r.entries.find((e) => e.code === 'LDTT')!;
    expect(ldtt(before).dossier!.parts[0]!.form).toBeNull();
    expect(ldtt(after).dossier!.parts[0]!.form).toBe('Mẫu số 01');
    expect([ldtt(before).money, ldtt(after).money?.coefficient]).toEqual([null, 0.3]);
    expect(before.principles).toEqual([]);
    expect(after.principles.map((p) => p.kind)).toContain('discipline_restarts_count');
    expect(before.baseSalary?.amountVnd).toBe(after.baseSalary?.amountVnd);
  });
});

describe('what evaluate refuses or cannot judge', () => {
  it('a title for individuals is not judged for a collective', () => {
    const e = evaluate(entryOn('LDTT', ROUND_2025), collective(2025, 2, {}), 2025);
    expect([e.status, e.reason]).toEqual(['not_met', '«Lao động tiên tiến» dành cho cá nhân, không xét cho tập thể.']);
  });

  it('two records of one year are refused, naming the nominee', () => {
    expect(() => evaluate(entryOn('LDTT', ROUND_2025), person('a', [year(2025), year(2025)]), 2025)).toThrow('Lịch sử của "Cán bộ a" có hai bản ghi năm 2025; mỗi năm chỉ một bản ghi.');
  });

  it('a title with no eligibility rule in force on the date says so', () => {
    const entry = { ...entryOn('LDTT', ROUND_2025), eligibility: null };
    expect(evaluate(entry, person('a', [year(2025)]), 2025)).toMatchObject({ status: 'needs_review', reason: '«Lao động tiên tiến» chưa có điều kiện xét tặng có hiệu lực ngày 15/12/2025.' });
  });

  it('the history given is read, never changed', () => {
    const h = collective(2025, 10, { taskCompletion: 'hoan_thanh_xuat_sac' });
    const copy = structuredClone(h);
    evaluate(entryOn('TTLDXS', ROUND_2025), h, 2025);
    expect(h).toEqual(copy);
  });

  it('histories as item 2 will store them pass the history schema; a wrong one is refused in Vietnamese', () => {
    const h = collective(2025, 3, { taskCompletion: 'hoan_thanh_tot' });
    expect(nomineeHistorySchema.parse(h)).toEqual(h);
    const bad = structuredClone(h);
    (bad.members![0]!.years[0] as { taskCompletion: string }).taskCompletion = 'tot';
    bad.members![1]!.years[0]!.honours = [{ code: 'LDTT', decision: { number: '01/QĐ-STP', date: '2025-02-30' } }];
    const issues = nomineeHistorySchema.safeParse(bad).error!.issues;
    expect(issues.map((i) => i.path.join('.'))).toEqual(['members.0.years.0.taskCompletion', 'members.1.years.0.honours.0.decision.date']);
    expect(issues[1]!.message).toBe('Ngày không tồn tại.');
    expect(issues[0]!.message).toMatch(/không hợp lệ/);
  });
});
