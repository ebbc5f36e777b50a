import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { awardCatalogue, loadCatalogue, rulesInForce } from '../../electron/services/awards/catalogue';
import { catalogue, grantedByFor } from '../../electron/services/catalogue/catalogue';
import { UserError } from '../../electron/services/errors';

/** The catalogue file as shipped, and what the loader says about data someone got wrong. */

const FILE = path.join(import.meta.dirname, '../../resources/catalogue/catalogue.json');
const fresh = () => JSON.parse(fs.readFileSync(FILE, 'utf8')) as {
  entries: { code: string; name: string; rules: Record<string, unknown>[] }[];
  principles: Record<string, unknown>[];
  baseSalary: Record<string, unknown>[];
};
const ruleOf = (data: ReturnType<typeof fresh>, id: string) => data.entries.flatMap((e) => e.rules).find((r) => r.id === id)!;

function refusal(data: unknown): string {
  try {
    loadCatalogue(data);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('loadCatalogue accepted bad data');
}

describe('the shipped catalogue', () => {
  it('loads, and keeps every code registrations already hold, in the same order', () => {
    expect(catalogue.map((c) => c.code)).toEqual([
      'TTLDTT', 'TTLDXS', 'CO_BTP', 'CO_UBND', 'CO_CP', 'GK_TT', 'BK_BTP_TT', 'BK_UBND_TT', 'BK_TTG_TT', 'HCLD3_TT',
      'LDTT', 'CSTDCS', 'CSTD_BO', 'CSTD_TINH', 'CSTD_TQ', 'GK_CN', 'BK_BTP_CN', 'BK_UBND_CN', 'BK_TTG_CN', 'KNC_TP',
    ]);
    expect(catalogue.filter((c) => c.exclusiveGroup === 'hang-nam').map((c) => c.code)).toEqual(['TTLDTT', 'TTLDXS', 'LDTT', 'CSTDCS']);
  });

  it("gives the registration's list who grants each and its legal basis, from the rules in force", () => {
    const ldtt = catalogue.find((c) => c.code === 'LDTT')!;
    expect(ldtt.grantedBy).toBe('Giám đốc Sở Tư pháp / Thủ trưởng cơ quan Thi hành án dân sự tỉnh');
    expect(ldtt.legalBasis).toBe('Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24');
    expect(catalogue.every((c) => c.grantedBy && c.legalBasis)).toBe(true);
  });

  it('prints who grants a title by the unit\'s hierarchy: Giám đốc Sở for a Sở Tư pháp, the head of THADS for a THADS', () => {
    expect(grantedByFor('LDTT', 'so_tu_phap')).toBe('Giám đốc Sở Tư pháp');
    expect(grantedByFor('LDTT', 'thads')).toBe('Thủ trưởng cơ quan Thi hành án dân sự tỉnh');
    expect(grantedByFor('TTLDXS', 'so_tu_phap')).toBe('Chủ tịch Ủy ban nhân dân tỉnh');
    // The rules are silent on THADS for the province's Cờ, and other unit kinds have no hierarchy of their own: every authority is named.
    expect(grantedByFor('CO_UBND', 'thads')).toBe('Chủ tịch Ủy ban nhân dân tỉnh');
    expect(grantedByFor('LDTT', 'don_vi_thuoc_bo')).toBe('Giám đốc Sở Tư pháp / Thủ trưởng cơ quan Thi hành án dân sự tỉnh');
  });

  it('has, in force for the 2025 round, an eligibility rule, two grant rules and a dossier rule for every entry', () => {
    const entries = rulesInForce(awardCatalogue, '2025-12-15').entries;
    expect(entries).toHaveLength(20);
    for (const e of entries) {
      expect(e.eligibility, e.code).not.toBeNull();
      expect(e.grant.map((g) => g.context), e.code).toEqual(['so_tu_phap', 'thads']);
      expect(e.dossier, e.code).not.toBeNull();
    }
  });

  it('every unverified rule says why', () => {
    const unverified = [...awardCatalogue.entries.flatMap((e) => e.rules), ...awardCatalogue.principles, ...awardCatalogue.baseSalary].filter((r) => !r.verified);
    expect(unverified.length).toBeGreaterThan(0);
    for (const r of unverified) expect(r.note, r.id).toMatch(/chưa xác minh|không (nêu|ghi)/);
  });

  it('refuses a date that is not yyyy-mm-dd', () => {
    expect(() => rulesInForce(awardCatalogue, '01/07/2025')).toThrow('Ngày xét "01/07/2025" không hợp lệ: cần dạng năm-tháng-ngày.');
  });
});

describe('wrong data is refused, naming the entry and the rule, in Vietnamese', () => {
  it('a threshold written as text', () => {
    const data = fresh();
    ruleOf(data, 'CSTDCS.vote.nd98').thresholdPercent = '80%';
    expect(refusal(data)).toMatch(/^Danh mục danh hiệu, khen thưởng \(resources\/catalogue\) không hợp lệ: mục "CSTDCS" \(Chiến sĩ thi đua cơ sở\), quy tắc "CSTDCS\.vote\.nd98", trường "thresholdPercent": .*(số|number)/);
  });

  it('a rule without a legal source', () => {
    const data = fresh();
    ruleOf(data, 'LDTT.eligibility').sources = [];
    expect(refusal(data)).toContain('mục "LDTT" (Lao động tiên tiến), quy tắc "LDTT.eligibility", trường "sources": Mỗi quy tắc phải ghi ít nhất một căn cứ pháp lý.');
  });

  it('a misspelt field (unknown keys are not ignored)', () => {
    const data = fresh();
    ruleOf(data, 'LDTT.money.nd152').valid_from = '2025-07-01';
    expect(refusal(data)).toContain('mục "LDTT" (Lao động tiên tiến), quy tắc "LDTT.money.nd152"');
  });

  it('a date that does not exist', () => {
    const data = fresh();
    ruleOf(data, 'CO_BTP.vote.nd98').validTo = '2025-06-31';
    expect(refusal(data)).toContain('quy tắc "CO_BTP.vote.nd98", trường "validTo": Ngày không tồn tại.');
  });

  it('two rules of one kind in force on the same day', () => {
    const data = fresh();
    ruleOf(data, 'CSTDCS.vote.nd98').validTo = '2025-07-01';
    expect(refusal(data)).toBe(
      'Danh mục danh hiệu, khen thưởng (resources/catalogue) không hợp lệ: mục "CSTDCS" (Chiến sĩ thi đua cơ sở), quy tắc "CSTDCS.vote.nd152": trùng thời gian hiệu lực với quy tắc "CSTDCS.vote.nd98" (01/01/2024 – 01/07/2025 và 01/07/2025 – nay); mỗi lúc chỉ một quy tắc cùng loại có hiệu lực.',
    );
  });

  it('a rule ending before it starts', () => {
    const data = fresh();
    ruleOf(data, 'TTLDTT.dossier.nd98').validTo = '2023-12-31';
    expect(refusal(data)).toContain('quy tắc "TTLDTT.dossier.nd98": ngày hết hiệu lực 31/12/2023 trước ngày bắt đầu 01/01/2024.');
  });

  it('a condition naming a title the catalogue does not hold', () => {
    const data = fresh();
    const rule = ruleOf(data, 'CSTD_BO.eligibility') as { conditions: { condition?: { codes: string[] } }[] };
    rule.conditions[0]!.condition!.codes = ['CSTD_CS'];
    expect(refusal(data)).toContain('mục "CSTD_BO" (Chiến sĩ thi đua cấp Bộ), quy tắc "CSTD_BO.eligibility": điều kiện nhắc tới mã danh hiệu "CSTD_CS" không có trong danh mục.');
  });

  it('an unverified rule that may not be configured', () => {
    const data = fresh();
    ruleOf(data, 'CSTDCS.vote.nd152').configurable = false;
    expect(refusal(data)).toContain('quy tắc "CSTDCS.vote.nd152": quy tắc chưa xác minh (verified: false) phải cho phép đơn vị cấu hình (configurable: true).');
  });

  it('an empty condition list passed off as verified', () => {
    const data = fresh();
    Object.assign(ruleOf(data, 'BK_TTG_TT.eligibility'), { verified: true, configurable: false });
    expect(refusal(data)).toContain('quy tắc "BK_TTG_TT.eligibility": danh sách điều kiện trống chỉ dùng cho quy tắc chưa xác minh');
  });

  it('a code or a rule id used twice', () => {
    const dup = fresh();
    dup.entries[1]!.code = 'TTLDTT';
    expect(refusal(dup)).toContain('mục "TTLDTT" (Tập thể lao động xuất sắc): mã "TTLDTT" trùng với một mục khác.');
    const ids = fresh();
    ruleOf(ids, 'LDTT.money.nd152').id = 'LDTT.eligibility';
    expect(refusal(ids)).toContain('mã quy tắc "LDTT.eligibility" đã dùng ở mục "LDTT" (Lao động tiên tiến), quy tắc "LDTT.eligibility"');
  });

  it('a base salary or a principle out of shape', () => {
    const salary = fresh();
    salary.baseSalary[0]!.amountVnd = -1;
    expect(refusal(salary)).toContain('mức lương cơ sở "base-salary.2024-07", trường "amountVnd"');
    const principle = fresh();
    principle.principles.push({ ...principle.principles[2]!, id: 'principle.again' });
    expect(refusal(principle)).toContain('nguyên tắc "principle.again": trùng thời gian hiệu lực với quy tắc "principle.discipline_restarts_count"');
  });

  it('a condition of an unknown kind', () => {
    const data = fresh();
    (ruleOf(data, 'LDTT.eligibility').conditions as unknown[]).push({ kind: 'years_of_service', years: 5 });
    expect(refusal(data)).toContain('mục "LDTT" (Lao động tiên tiến), quy tắc "LDTT.eligibility", trường "conditions.2": Đầu vào không hợp lệ (điều kiện loại "years_of_service" không có hoặc thiếu, sai trường).');
  });
});
