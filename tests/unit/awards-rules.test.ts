import { afterAll, describe, expect, it } from 'vitest';
import { awardCatalogue, awardMoney, rulesInForce, sourceText } from '../../electron/services/awards/catalogue';
import { evaluate } from '../../electron/services/awards/eligibility';
import type { Rule } from '../../electron/services/awards/schemas';
import { collective, entryOn, held, person, proposed, ROUND_2024, ROUND_2025, year } from '../helpers/awards';

/**
 * One test per rule of resources/catalogue/catalogue.json, named by the rule and its legal source
 * (issue 8: "Every rule of the catalogue has a unit test naming its legal source"). The expected
 * values are written here from DOMAIN.md, not read back from the data; the last test fails when a
 * rule is added to the data without a test here.
 */

const LUAT = 'Luật Thi đua, khen thưởng số 06/2022/QH15';
const ND98 = 'Nghị định 98/2023/NĐ-CP';
const ND152 = 'Nghị định 152/2025/NĐ-CP';
const TT11 = 'Thông tư 11/2023/TT-BTP';
const TT14 = 'Thông tư 14/2025/TT-BTP';

const tested = new Set<string>();
const allRules = new Map<string, Rule | { id: string; sources: { document: string; article: string | null }[]; validFrom: string; validTo: string | null; verified: boolean }>();
for (const e of awardCatalogue.entries) for (const r of e.rules) allRules.set(r.id, r);
for (const p of awardCatalogue.principles) allRules.set(p.id, p);
for (const b of awardCatalogue.baseSalary) allRules.set(b.id, b);

function ruleOf<A extends Rule['aspect']>(id: string, aspect: A): Extract<Rule, { aspect: A }> {
  const r = allRules.get(id) as Rule | undefined;
  expect(r, id).toBeDefined();
  expect(r!.aspect).toBe(aspect);
  return r as Extract<Rule, { aspect: A }>;
}

/** A rule test: its name carries the legal source, and the data must cite exactly that source. */
function ruleTest(id: string, source: string, what: string, body: () => void) {
  it(`${id} — ${source}: ${what}`, () => {
    tested.add(id);
    const rule = allRules.get(id);
    expect(rule, `quy tắc ${id}`).toBeDefined();
    expect(rule!.sources.map(sourceText).join('; ')).toBe(source);
    body();
  });
}

/** The rule is picked on its first and last day and not the day outside. */
function expectPickedOnlyInPeriod(id: string) {
  const r = allRules.get(id)!;
  const code = id.split('.')[0]!;
  const has = (date: string) => rulesInForce(awardCatalogue, date).entries.find((e) => e.code === code)?.[aspectKey(r as Rule)] as unknown;
  const dayBefore = new Date(Date.parse(`${r.validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  expect(JSON.stringify(has(r.validFrom))).toContain(`"${id}"`);
  expect(JSON.stringify(has(dayBefore) ?? null)).not.toContain(`"${id}"`);
  if (r.validTo) {
    const dayAfter = new Date(Date.parse(`${r.validTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(JSON.stringify(has(r.validTo))).toContain(`"${id}"`);
    expect(JSON.stringify(has(dayAfter) ?? null)).not.toContain(`"${id}"`);
  }
}
function aspectKey(r: Rule): 'grant' | 'eligibility' | 'dossier' | 'councilVote' | 'money' {
  return r.aspect === 'council_vote' ? 'councilVote' : r.aspect;
}

describe('who grants each title and award (Sở Tư pháp and THADS)', () => {
  const STP = 'Giám đốc Sở Tư pháp';
  const THADS = 'Thủ trưởng cơ quan Thi hành án dân sự tỉnh';
  const BT = 'Bộ trưởng Bộ Tư pháp';
  const CT = 'Chủ tịch Ủy ban nhân dân tỉnh';
  const TTG = 'Thủ tướng Chính phủ';
  const rows: [string, string, string | null, boolean][] = [
    ...['TTLDTT', 'GK_TT', 'LDTT', 'CSTDCS', 'GK_CN'].flatMap((c): [string, string, string | null, boolean][] => [
      [`${c}.grant.stp`, `${LUAT}, Điều 80 khoản 1`, STP, true],
      [`${c}.grant.thads`, `${LUAT}, Điều 80 khoản 1`, THADS, true],
    ]),
    ['TTLDXS.grant.stp', `${LUAT}, Điều 27`, CT, false],
    ['TTLDXS.grant.thads', `${LUAT}, Điều 27`, BT, false],
    ['CO_BTP.grant.stp', `${LUAT}, Điều 26; ${TT11}`, BT, true],
    ['CO_BTP.grant.thads', `${LUAT}, Điều 26; ${TT11}`, BT, true],
    ['CO_UBND.grant.stp', `${LUAT}, Điều 26`, CT, true],
    ['CO_UBND.grant.thads', `${LUAT}, Điều 26`, null, false],
    ['CO_CP.grant.stp', `${LUAT}, Điều 25`, TTG, true],
    ['CO_CP.grant.thads', `${LUAT}, Điều 25`, TTG, true],
    ['BK_BTP_TT.grant.stp', `${LUAT}, Điều 74`, BT, true],
    ['BK_BTP_TT.grant.thads', `${LUAT}, Điều 74`, BT, true],
    ['BK_UBND_TT.grant.stp', `${LUAT}, Điều 74`, CT, true],
    ['BK_UBND_TT.grant.thads', `${LUAT}, Điều 74`, null, false],
    ['BK_TTG_TT.grant.stp', `${LUAT}, Điều 73`, TTG, true],
    ['BK_TTG_TT.grant.thads', `${LUAT}, Điều 73`, TTG, true],
    ['HCLD3_TT.grant.stp', `${LUAT}, Điều 45`, 'Chủ tịch nước', false],
    ['HCLD3_TT.grant.thads', `${LUAT}, Điều 45`, 'Chủ tịch nước', false],
    ['CSTD_BO.grant.stp', `${LUAT}, Điều 22`, BT, true],
    ['CSTD_BO.grant.thads', `${LUAT}, Điều 22`, BT, true],
    ['CSTD_TINH.grant.stp', `${LUAT}, Điều 22`, CT, true],
    ['CSTD_TINH.grant.thads', `${LUAT}, Điều 22`, null, false],
    ['CSTD_TQ.grant.stp', `${LUAT}, Điều 21`, TTG, true],
    ['CSTD_TQ.grant.thads', `${LUAT}, Điều 21`, TTG, true],
    ['BK_BTP_CN.grant.stp', `${LUAT}, Điều 74`, BT, true],
    ['BK_BTP_CN.grant.thads', `${LUAT}, Điều 74`, BT, true],
    ['BK_UBND_CN.grant.stp', `${LUAT}, Điều 74`, CT, true],
    ['BK_UBND_CN.grant.thads', `${LUAT}, Điều 74`, null, false],
    ['BK_TTG_CN.grant.stp', `${LUAT}, Điều 73`, TTG, true],
    ['BK_TTG_CN.grant.thads', `${LUAT}, Điều 73`, TTG, true],
    ['KNC_TP.grant.stp', TT14, BT, false],
    ['KNC_TP.grant.thads', TT14, BT, false],
  ];
  for (const [id, source, authority, verified] of rows) {
    ruleTest(id, source, authority ? `${authority} quyết định${verified ? '' : ' (chưa xác minh)'}` : 'không rõ cấp quyết định: để trống, chưa xác minh, có ghi chú', () => {
      const r = ruleOf(id, 'grant');
      expect(r.context).toBe(id.endsWith('.stp') ? 'so_tu_phap' : 'thads');
      expect(r.authority).toBe(authority);
      expect(r.verified).toBe(verified);
      if (!verified) expect(r.configurable && !!r.note).toBe(true);
      expect(r.validFrom).toBe(id.startsWith('KNC_TP') ? '2025-09-15' : '2024-01-01');
      expect(r.validTo).toBeNull();
      expectPickedOnlyInPeriod(id);
    });
  }
});

describe('dossier parts and forms', () => {
  const VOTE = new Set(['CSTDCS', 'CSTD_BO', 'CSTD_TINH', 'CO_BTP', 'CO_UBND']);
  const INITIATIVE = new Set(['CSTDCS', 'CSTD_BO', 'CSTD_TINH', 'CSTD_TQ']);
  const BY_PROVINCE = new Set(['TTLDTT', 'LDTT', 'CSTDCS', 'GK_TT', 'GK_CN']);
  // Báo cáo thành tích under Nghị định 152/2025: [form, verified]; 01 (tờ trình) and 05 (cá nhân, công trạng) verified.
  const REPORT: Record<string, [string | null, boolean]> = {
    CO_CP: ['Mẫu số 02', false],
    CSTD_TQ: ['Mẫu số 03', false],
    TTLDXS: ['Mẫu số 04', false], CO_BTP: ['Mẫu số 04', false], CO_UBND: ['Mẫu số 04', false], BK_BTP_TT: ['Mẫu số 04', false],
    BK_UBND_TT: ['Mẫu số 04', false], BK_TTG_TT: ['Mẫu số 04', false], HCLD3_TT: ['Mẫu số 04', false],
    CSTD_BO: ['Mẫu số 05', true], CSTD_TINH: ['Mẫu số 05', true], BK_BTP_CN: ['Mẫu số 05', true], BK_UBND_CN: ['Mẫu số 05', true], BK_TTG_CN: ['Mẫu số 05', true],
  };
  const codes = awardCatalogue.entries.map((e) => e.code).filter((c) => c !== 'KNC_TP');
  for (const code of codes) {
    const kinds = ['proposalLetter', 'achievementReport', 'minutes', ...(INITIATIVE.has(code) ? ['initiativeCertification'] : [])];
    ruleTest(`${code}.dossier.nd98`, `${LUAT}, Điều 84 khoản 1; ${ND98}`, `tờ trình, báo cáo thành tích, biên bản${INITIATIVE.has(code) ? ', công nhận sáng kiến' : ''}; số mẫu chưa xác minh; đến 30/06/2025`, () => {
      const r = ruleOf(`${code}.dossier.nd98`, 'dossier');
      expect(r.parts.map((p) => p.part)).toEqual(kinds);
      expect(r.parts.every((p) => p.form === null && !p.formVerified)).toBe(true);
      expect(r.parts.find((p) => p.part === 'minutes')!.includesVoteResult ?? false).toBe(VOTE.has(code));
      expect([r.validFrom, r.validTo]).toEqual(['2024-01-01', '2025-06-30']);
      expectPickedOnlyInPeriod(r.id);
    });
    const source = BY_PROVINCE.has(code) ? `${LUAT}, Điều 84 khoản 1; ${ND152}, Điều 6 khoản 2 điểm c; ${TT11}` : `${LUAT}, Điều 84 khoản 1; ${ND152}`;
    const report = BY_PROVINCE.has(code) ? [null, false] : REPORT[code]!;
    ruleTest(`${code}.dossier.nd152`, source, `tờ trình Mẫu số 01; báo cáo thành tích ${report[0] ?? 'theo quy định của Bộ, tỉnh'}${report[1] ? '' : ' (chưa xác minh)'}; từ 01/07/2025`, () => {
      const r = ruleOf(`${code}.dossier.nd152`, 'dossier');
      expect(r.parts.map((p) => p.part)).toEqual(kinds);
      expect(r.parts[0]).toMatchObject({ part: 'proposalLetter', form: 'Mẫu số 01', formVerified: true });
      expect(r.parts[1]).toMatchObject({ part: 'achievementReport', form: report[0], formVerified: report[1] });
      expect(r.parts.find((p) => p.part === 'minutes')!.includesVoteResult ?? false).toBe(VOTE.has(code));
      expect([r.validFrom, r.validTo]).toEqual(['2025-07-01', null]);
      expectPickedOnlyInPeriod(r.id);
    });
  }
  ruleTest('KNC_TP.dossier.tt14', TT14, 'hồ sơ Kỷ niệm chương chưa xác minh: không liệt kê thành phần, có ghi chú; từ 15/09/2025', () => {
    const r = ruleOf('KNC_TP.dossier.tt14', 'dossier');
    expect(r.parts).toEqual([]);
    expect(r.verified).toBe(false);
    expect(r.note).toMatch(/chưa xác minh/);
    expectPickedOnlyInPeriod(r.id);
  });
});

describe('council vote thresholds, on the total membership', () => {
  const rows: [string, number][] = [['CSTDCS', 80], ['CO_BTP', 80], ['CO_UBND', 80], ['CO_CP', 80], ['CSTD_BO', 90], ['CSTD_TINH', 90], ['CSTD_TQ', 90]];
  for (const [code, percent] of rows) {
    ruleTest(`${code}.vote.nd98`, ND98, `từ ${percent}% tổng số thành viên Hội đồng, đã xác minh, đến 30/06/2025`, () => {
      const r = ruleOf(`${code}.vote.nd98`, 'council_vote');
      expect([r.thresholdPercent, r.countedOn, r.verified, r.validTo]).toEqual([percent, 'total_members', true, '2025-06-30']);
      expectPickedOnlyInPeriod(r.id);
    });
    ruleTest(`${code}.vote.nd152`, ND152, `từ ${percent}% tổng số thành viên, chưa xác minh Nghị định 152 có giữ không: cấu hình được, từ 01/07/2025`, () => {
      const r = ruleOf(`${code}.vote.nd152`, 'council_vote');
      expect([r.thresholdPercent, r.countedOn, r.verified, r.configurable, r.validFrom]).toEqual([percent, 'total_members', false, true, '2025-07-01']);
      expectPickedOnlyInPeriod(r.id);
    });
  }
  it('titles DOMAIN.md gives no threshold for have no vote rule rather than a guessed one', () => {
    const withVote = awardCatalogue.entries.filter((e) => e.rules.some((r) => r.aspect === 'council_vote')).map((e) => e.code);
    expect(withVote.sort()).toEqual(rows.map(([c]) => c).sort());
  });
});

describe('money: coefficient × lương cơ sở', () => {
  const rows: [string, number, number, boolean][] = [
    ['CSTD_TQ', 4.5, 10_530_000, true], ['CSTD_BO', 3, 7_020_000, true], ['CSTD_TINH', 3, 7_020_000, true], ['CSTDCS', 1, 2_340_000, true],
    ['LDTT', 0.3, 702_000, true], ['TTLDXS', 1.5, 3_510_000, true], ['TTLDTT', 0.8, 1_872_000, true], ['CO_CP', 12, 28_080_000, true],
    ['CO_BTP', 8, 18_720_000, true], ['CO_UBND', 8, 18_720_000, true], ['BK_TTG_TT', 7, 16_380_000, true], ['BK_BTP_TT', 3, 7_020_000, true],
    ['BK_UBND_TT', 3, 7_020_000, true], ['GK_TT', 0.6, 1_404_000, true],
    // Individual Bằng khen and Giấy khen: half the collective's, not verified.
    ['BK_TTG_CN', 3.5, 8_190_000, false], ['BK_BTP_CN', 1.5, 3_510_000, false], ['BK_UBND_CN', 1.5, 3_510_000, false], ['GK_CN', 0.3, 702_000, false],
  ];
  for (const [code, coefficient, amount, verified] of rows) {
    ruleTest(`${code}.money.nd152`, `${ND152}, Điều 50 đến Điều 54`, `hệ số ${String(coefficient).replace('.', ',')} × 2.340.000 đ = ${amount.toLocaleString('vi-VN')} đ${verified ? '' : ' (chưa xác minh)'}`, () => {
      const r = ruleOf(`${code}.money.nd152`, 'money');
      expect([r.coefficient, r.verified, r.validFrom]).toEqual([coefficient, verified, '2025-07-01']);
      expect(awardMoney(rulesInForce(awardCatalogue, ROUND_2025), code)).toMatchObject({ coefficient, baseSalaryVnd: 2_340_000, amountVnd: amount, verified });
      // Before Nghị định 152/2025 the catalogue holds no amount (not in DOMAIN.md): nothing is guessed.
      expect(awardMoney(rulesInForce(awardCatalogue, '2025-06-30'), code)).toBeNull();
      expectPickedOnlyInPeriod(r.id);
    });
  }
});

describe('principles and the base salary', () => {
  const rows: [string, RegExp][] = [
    ['principle.lower_award_not_prerequisite', /thấp hơn không là điều kiện/],
    ['principle.special_awards_not_merit', /đột xuất, khen thưởng chuyên đề/],
    ['principle.discipline_restarts_count', /tính lại sau khi hết thời hạn kỷ luật/],
    ['principle.maternity_leave_counts', /thai sản/],
    ['principle.tie_prefers_women', /ưu tiên cá nhân là nữ.*70%/],
  ];
  for (const [id, text] of rows) {
    ruleTest(id, `${ND152}, Điều 4`, 'nguyên tắc chung, từ 01/07/2025', () => {
      const p = awardCatalogue.principles.find((x) => x.id === id)!;
      expect(p.text).toMatch(text);
      expect(rulesInForce(awardCatalogue, '2025-07-01').principles.map((x) => x.id)).toContain(id);
      expect(rulesInForce(awardCatalogue, '2025-06-30').principles.map((x) => x.id)).not.toContain(id);
    });
  }
  ruleTest('base-salary.2024-07', 'Nghị định 73/2024/NĐ-CP, Điều 3', 'lương cơ sở 2.340.000 đ từ 01/07/2024', () => {
    expect(rulesInForce(awardCatalogue, '2024-07-01').baseSalary?.amountVnd).toBe(2_340_000);
    expect(rulesInForce(awardCatalogue, '2024-06-30').baseSalary).toBeNull();
  });
});

describe('eligibility conditions of each title and award', () => {
  const at = (code: string, date = ROUND_2025) => entryOn(code, date);

  ruleTest('TTLDTT.eligibility', `${LUAT}, Điều 28`, 'hoàn thành tốt nhiệm vụ, từ 70% Lao động tiên tiến, không ai bị kỷ luật từ cảnh cáo', () => {
    const ok = collective(2025, 10, { taskCompletion: 'hoan_thanh_tot' }, (i) => (i < 7 ? {} : { honours: [] }));
    expect(evaluate(at('TTLDTT'), ok, 2025).status).toBe('met');
    const few = collective(2025, 10, { taskCompletion: 'hoan_thanh_tot' }, (i) => (i < 6 ? {} : { honours: [] }));
    expect(evaluate(at('TTLDTT'), few, 2025).reason).toContain('6/10 thành viên (60%)');
    const warned = collective(2025, 10, { taskCompletion: 'hoan_thanh_xuat_sac' }, (i) => (i === 3 ? { discipline: [{ level: 'canh_cao', decision: null }] } : {}));
    const e = evaluate(at('TTLDTT'), warned, 2025);
    expect(e.status).toBe('not_met');
    expect(e.reason).toContain('Cán bộ m4 (cảnh cáo)');
  });

  ruleTest('TTLDXS.eligibility', `${LUAT}, Điều 27`, 'xuất sắc, 100% hoàn thành, từ 70% LĐTT, có CSTĐCS, không kỷ luật từ cảnh cáo', () => {
    const withCstd = (i: number) => (i === 0 ? { honours: [held('CSTDCS', 2025)] } : {});
    expect(evaluate(at('TTLDXS'), collective(2025, 10, { taskCompletion: 'hoan_thanh_xuat_sac' }, withCstd), 2025).status).toBe('met');
    const noCstd = evaluate(at('TTLDXS'), collective(2025, 10, { taskCompletion: 'hoan_thanh_xuat_sac' }), 2025);
    expect(noCstd.status).toBe('not_met');
    expect(noCstd.reason).toContain('0/10 thành viên (0%) đạt «Chiến sĩ thi đua cơ sở», cần ít nhất 1 người');
    const oneFailed = collective(2025, 10, { taskCompletion: 'hoan_thanh_xuat_sac' }, (i) => (i === 9 ? { taskCompletion: 'khong_hoan_thanh', honours: [] } : withCstd(i)));
    expect(evaluate(at('TTLDXS'), oneFailed, 2025).reason).toContain('9/10 thành viên (90%) từ hoàn thành nhiệm vụ trở lên, cần từ 100%');
  });

  ruleTest('CO_BTP.eligibility', `${LUAT}, Điều 26; ${TT11}`, 'dẫn đầu Cụm, Khu vực, được suy tôn, vượt chỉ tiêu', () => {
    const unit = (acclaimed: boolean) => ({ ...collective(2025, 3, {}), years: [year(2025, { groupLeads: [{ level: 'nganh_tu_phap' as const, acclaimed }], targetsExceeded: true })] });
    expect(evaluate(at('CO_BTP'), unit(true), 2025).status).toBe('met');
    const e = evaluate(at('CO_BTP'), unit(false), 2025);
    expect(e.status).toBe('not_met');
    expect(e.reason).toContain('chưa được Cụm, Khu vực suy tôn');
  });

  ruleTest('CO_UBND.eligibility', `${LUAT}, Điều 26`, 'dẫn đầu Cụm, Khối thi đua của tỉnh', () => {
    const unit = collective(2025, 3, {});
    expect(evaluate(at('CO_UBND'), unit, 2025).reason).toContain('không dẫn đầu Cụm, Khối thi đua của tỉnh');
    unit.years = [year(2025, { groupLeads: [{ level: 'tinh', acclaimed: false }] })];
    expect(evaluate(at('CO_UBND'), unit, 2025).status).toBe('met');
  });

  ruleTest('CO_CP.eligibility', `${LUAT}, Điều 25`, 'tiêu chuẩn chưa xác minh: Hội đồng xác nhận, kết quả ghi chưa xác minh', () => {
    const unit = collective(2025, 3, {});
    const before = evaluate(at('CO_CP'), unit, 2025);
    expect([before.status, before.verified]).toEqual(['needs_review', false]);
    unit.years = [year(2025, { confirmed: ['tieu_bieu_trong_so_dat_co', 'mo_hinh_moi'] })];
    const after = evaluate(at('CO_CP'), unit, 2025);
    expect([after.status, after.verified]).toEqual(['met', false]);
  });

  for (const code of ['GK_TT', 'GK_CN']) {
    ruleTest(`${code}.eligibility`, `${LUAT}, Điều 75`, 'thành tích qua bình xét phong trào hoặc đột xuất, do Hội đồng xác nhận', () => {
      const nominee = code === 'GK_TT' ? collective(2025, 2, {}) : person('a', [year(2025)]);
      expect(evaluate(at(code), nominee, 2025).status).toBe('needs_review');
      nominee.years = [year(2025, { confirmed: ['thanh_tich_dot_xuat'] })];
      const e = evaluate(at(code), nominee, 2025);
      expect([e.status, e.verified]).toEqual(['met', true]);
    });
  }

  for (const code of ['BK_BTP_TT', 'BK_UBND_TT']) {
    ruleTest(`${code}.eligibility`, `${LUAT}, Điều 74`, '2 năm liên tục hoàn thành xuất sắc hoặc Tập thể lao động xuất sắc; căn cứ khác chưa xác minh', () => {
      const unit = collective(2025, 2, {});
      unit.years = [year(2024, { taskCompletion: 'hoan_thanh_xuat_sac' }), year(2025, { taskCompletion: 'hoan_thanh_xuat_sac' })];
      expect(evaluate(at(code), unit, 2025).status).toBe('met');
      unit.years = [year(2024, { honours: [held('TTLDXS', 2024)] }), year(2025, { honours: [proposed('TTLDXS')] })];
      expect(evaluate(at(code), unit, 2025).status).toBe('met');
      // Neither: the other grounds of Điều 74 are not listed, so a person decides rather than a flat "no".
      unit.years = [year(2024, { taskCompletion: 'hoan_thanh_tot' }), year(2025, { taskCompletion: 'hoan_thanh_xuat_sac' })];
      const e = evaluate(at(code), unit, 2025);
      expect(e.status).toBe('needs_review');
      expect(e.reason).toContain('chuỗi đứt ở năm 2024');
    });
  }

  for (const [code, source] of [['BK_TTG_TT', 'Điều 73'], ['HCLD3_TT', 'Điều 45'], ['BK_TTG_CN', 'Điều 73']] as const) {
    ruleTest(`${code}.eligibility`, `${LUAT}, ${source}`, 'điều kiện chưa xác minh: danh sách trống, có ghi chú, không đoán', () => {
      const r = ruleOf(`${code}.eligibility`, 'eligibility');
      expect([r.conditions, r.verified, r.configurable]).toEqual([[], false, true]);
      const nominee = code.endsWith('_CN') ? person('a', [year(2025)]) : collective(2025, 2, {});
      const e = evaluate(at(code), nominee, 2025);
      expect([e.status, e.verified]).toEqual(['needs_review', false]);
      expect(e.reason).toContain('chưa xác minh');
    });
  }

  ruleTest('LDTT.eligibility', `${LUAT}, Điều 24`, 'hoàn thành tốt nhiệm vụ trở lên, đoàn kết, tham gia thi đua', () => {
    const confirmed = ['doan_ket_tham_gia_thi_dua'];
    expect(evaluate(at('LDTT'), person('a', [year(2025, { taskCompletion: 'hoan_thanh_tot', confirmed })]), 2025).status).toBe('met');
    expect(evaluate(at('LDTT'), person('a', [year(2025, { taskCompletion: 'hoan_thanh', confirmed })]), 2025).reason).toContain(
      'Năm 2025: hoàn thành nhiệm vụ (cần từ hoàn thành tốt nhiệm vụ trở lên).',
    );
    expect(evaluate(at('LDTT'), person('a', [year(2025, { taskCompletion: 'hoan_thanh_xuat_sac' })]), 2025).status).toBe('needs_review');
  });

  ruleTest('CSTDCS.eligibility', `${LUAT}, Điều 23`, 'Lao động tiên tiến và một trong: hoàn thành xuất sắc; sáng kiến, đề tài cấp cơ sở', () => {
    expect(evaluate(at('CSTDCS'), person('a', [year(2025, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [proposed('LDTT')] })]), 2025).status).toBe('met');
    const initiative = { id: 'sk1', title: 'Số hóa sổ hộ tịch', kind: 'sang_kien' as const, level: 'co_so' as const, decision: null, usedFor: null };
    const e = evaluate(at('CSTDCS'), person('a', [year(2025, { taskCompletion: 'hoan_thanh_tot', honours: [held('LDTT', 2025)], initiatives: [initiative] })]), 2025);
    expect(e.status).toBe('met');
    expect(e.results[1]!.children![1]!.initiativeIds).toEqual(['sk1']);
    const without = evaluate(at('CSTDCS'), person('a', [year(2025, { taskCompletion: 'hoan_thanh_xuat_sac' })]), 2025);
    expect(without.reason).toContain('Năm 2025 không đạt «Lao động tiên tiến».');
    // Being proposed for this very title does not stand in for Lao động tiên tiến.
    expect(evaluate(at('CSTDCS'), person('a', [year(2025, { taskCompletion: 'hoan_thanh_xuat_sac', honours: [proposed('CSTDCS')] })]), 2025).status).toBe('not_met');
  });

  for (const code of ['CSTD_BO', 'CSTD_TINH']) {
    ruleTest(`${code}.eligibility`, `${LUAT}, Điều 22`, '3 năm liên tục Chiến sĩ thi đua cơ sở và sáng kiến cấp Bộ, tỉnh (năm tính sáng kiến chưa xác minh)', () => {
      const sk = { id: 'sk', title: 'Phần mềm tra cứu', kind: 'sang_kien' as const, level: 'bo_tinh' as const, decision: null, usedFor: null };
      const years = [year(2023, { honours: [held('CSTDCS', 2023)] }), year(2024, { honours: [held('CSTDCS', 2024)], initiatives: [sk] }), year(2025, { honours: [proposed('CSTDCS')] })];
      const e = evaluate(at(code), person('a', years), 2025);
      expect([e.status, e.verified]).toEqual(['met', false]);
      const gap = evaluate(at(code), person('a', years.filter((y) => y.year !== 2023)), 2025);
      expect(gap.status).toBe('not_met');
      expect(gap.results[0]!.brokenYear).toBe(2023);
    });
  }

  ruleTest('CSTD_TQ.eligibility', `${LUAT}, Điều 21`, 'hai lần Chiến sĩ thi đua cấp Bộ, tỉnh (liên tục do Hội đồng xác nhận) và sáng kiến toàn quốc', () => {
    const sk = { id: 'sk', title: 'Mô hình hòa giải', kind: 'de_tai' as const, level: 'toan_quoc' as const, decision: null, usedFor: null };
    const years = [year(2022, { honours: [held('CSTD_BO', 2022)] }), year(2025, { honours: [proposed('CSTD_TINH')], initiatives: [sk], confirmed: ['hai_lan_lien_tuc_cstd'] })];
    expect(evaluate(at('CSTD_TQ'), person('a', years), 2025).status).toBe('met');
    const once = evaluate(at('CSTD_TQ'), person('a', years.slice(1)), 2025);
    expect(once.reason).toContain('1 lần (các năm 2025), cần ít nhất 2 lần');
  });

  for (const code of ['BK_BTP_CN', 'BK_UBND_CN']) {
    ruleTest(`${code}.eligibility`, `${LUAT}, Điều 74`, '2 năm liên tục CSTĐCS, hoặc 2 năm xuất sắc với 2 sáng kiến cơ sở, hoặc thành tích xuất sắc, đột xuất', () => {
      expect(evaluate(at(code), person('a', [year(2024, { honours: [held('CSTDCS', 2024)] }), year(2025, { honours: [held('CSTDCS', 2025)] })]), 2025).status).toBe('met');
      const sk = (id: string) => ({ id, title: `Sáng kiến ${id}`, kind: 'sang_kien' as const, level: 'co_so' as const, decision: null, usedFor: null });
      const xs = [year(2024, { taskCompletion: 'hoan_thanh_xuat_sac' as const, initiatives: [sk('a')] }), year(2025, { taskCompletion: 'hoan_thanh_xuat_sac' as const, initiatives: [sk('b')] })];
      expect(evaluate(at(code), person('a', xs), 2025).status).toBe('met');
      xs[1]!.initiatives = [];
      const one = evaluate(at(code), person('a', xs), 2025);
      expect(one.status).toBe('needs_review');
      expect(one.reason).toContain('Cần 2 sáng kiến hoặc đề tài khoa học cấp cơ sở trở lên trong các năm 2024–2025 chưa dùng cho khen thưởng khác; có 1.');
    });
  }

  ruleTest('KNC_TP.eligibility', TT14, 'mỗi người một lần; các tiêu chuẩn khác chưa xác minh; từ 15/09/2025', () => {
    expect(rulesInForce(awardCatalogue, '2025-09-14').entries.map((e) => e.code)).not.toContain('KNC_TP');
    const never = evaluate(at('KNC_TP'), person('a', [year(2025, { confirmed: ['tieu_chuan_tt14'] })]), 2025);
    expect([never.status, never.verified]).toEqual(['met', false]);
    const again = evaluate(at('KNC_TP'), person('a', [year(2020, { honours: [held('KNC_TP', 2020)] }), year(2025, { confirmed: ['tieu_chuan_tt14'] })]), 2025);
    expect(again.reason).toContain('Đã được tặng «Kỷ niệm chương “Vì sự nghiệp Tư pháp”» năm 2020 (QĐ số 20/QĐ-STP ngày 20/12/2020); chỉ tặng một lần.');
  });

  it('every eligibility rule in force for the 2024 round is the same Law article as for 2025 (the Law did not change on 01/07/2025)', () => {
    for (const e of rulesInForce(awardCatalogue, ROUND_2024).entries) expect(entryOn(e.code, ROUND_2025).eligibility?.id).toBe(e.eligibility?.id);
  });
});

afterAll(() => {
  // Runs after every rule test above: a rule of the data with no test of its own fails the suite.
  const untested = [...allRules.keys()].filter((id) => !tested.has(id));
  expect(untested, 'quy tắc chưa có kiểm thử').toEqual([]);
});
