import { describe, expect, it } from 'vitest';
import { checkTable, parseNumber, reachableMax } from '../../electron/services/scoring/check';
import { criteriaTableContentSchema, type CriteriaNode, type CriteriaTable, type ItemValue } from '../../electron/services/scoring/criteria-schemas';
import { classify, classificationText, rankUnits, tieBreakStatement, type RankInput } from '../../electron/services/scoring/ranking';
import { computeTotals, scoreItem } from '../../electron/services/scoring/rules';
import { formatPoints } from '../../electron/services/text/points';
import { sampleTable } from '../../electron/services/scoring/sample';

const node = (over: Partial<CriteriaNode>): CriteriaNode => ({
  id: 'x',
  number: '1',
  content: 'Tiêu chí',
  kind: 'item',
  role: 'standard',
  max: 2,
  guide: '',
  evidence: '',
  evidence_required: false,
  unit_kinds: [],
  rule: { type: 'manual' },
  floor: 0,
  children: [],
  ...over,
});
const lateness = node({ rule: { type: 'lateness', brackets: [{ days: 0, points: 2 }, { days: 2, points: 1.5 }, { days: 5, points: 1 }, { days: 10, points: 0.5 }], beyond: 0 } });
const percentage = node({
  rule: { type: 'percentage', brackets: [{ from: 95, strict: true, points: 2 }, { from: 75, strict: false, points: 1 }, { from: 50, strict: false, points: 0.5 }], below: 0 },
});
const points = (p: number): ItemValue => ({ type: 'points', points: p });

describe('scoring one item', () => {
  it('grades a report by days late as the 2022 table does: on time 2, 1–2 days 1,5, 3–5 days 1, 6–10 days 0,5, later 0', () => {
    const at = (days: number | null) => scoreItem(lateness, { type: 'days_late', days });
    expect([0, 1, 2, 3, 5, 6, 10, 11, 400, null].map((d) => at(d))).toEqual(
      [2, 1.5, 1.5, 1, 1, 0.5, 0.5, 0, 0, 0].map((p) => ({ ok: true, points: p })),
    );
  });

  it('grades a share achieved by brackets: above 95 % full, 75–95 % 1, 50–under 75 % 0,5, under 50 % nothing', () => {
    const at = (percent: number) => scoreItem(percentage, { type: 'percent', percent });
    expect([100, 95.01, 95, 75, 74.99, 50, 49.9, 0].map((p) => at(p))).toEqual([2, 2, 1, 1, 0.5, 0.5, 0, 0].map((p) => ({ ok: true, points: p })));
  });

  it('gives a fixed item all or nothing', () => {
    const fixed = node({ rule: { type: 'fixed' }, max: 5 });
    expect(scoreItem(fixed, { type: 'done', done: true })).toEqual({ ok: true, points: 5 });
    expect(scoreItem(fixed, { type: 'done', done: false })).toEqual({ ok: true, points: 0 });
  });

  it('refuses a score above the maximum, below zero, a deduction beyond its cap, and says why', () => {
    expect(scoreItem(node({ number: '1.2' }), points(2.5))).toEqual({ ok: false, message: 'Điểm 2,5 của mục 1.2 vượt quá điểm chuẩn 2.' });
    expect(scoreItem(node({}), points(-1))).toEqual({ ok: false, message: 'Điểm của mục 1 không được âm.' });
    expect(scoreItem(node({ role: 'deduction', max: 5 }), points(6))).toEqual({ ok: false, message: 'Điểm trừ 6 của mục 1 vượt quá mức trừ tối đa 5 điểm.' });
    expect(scoreItem(node({ role: 'bonus', max: 3 }), points(3.5))).toEqual({ ok: false, message: 'Điểm 3,5 của mục 1 vượt quá mức thưởng tối đa 3 điểm.' });
    expect(scoreItem(node({}), points(1.333))).toMatchObject({ ok: false, message: expect.stringContaining('hai chữ số sau dấu phẩy') });
    expect(scoreItem(lateness, points(2))).toMatchObject({ ok: false });
  });
});

/** A small table: I (standard 4: two items of 2 and a deduction capped at 3), II bonus group capped at 2, III deductions capped at 4. */
function smallTable(over: Partial<CriteriaTable> = {}): CriteriaTable {
  return {
    title: 'Bảng thử',
    year: 2026,
    source: '',
    sample: false,
    unit_kinds: [],
    floor: 0,
    nodes: [
      node({
        id: 'g1',
        number: 'I',
        kind: 'group',
        max: 4,
        rule: null,
        children: [node({ id: 'i1', number: '1', max: 2 }), node({ id: 'i2', number: '2', max: 2 }), node({ id: 'i3', number: '3', role: 'deduction', max: 3 })],
      }),
      node({
        id: 'g2',
        number: 'II',
        kind: 'group',
        role: 'bonus',
        max: 2,
        rule: null,
        children: [node({ id: 'b1', number: '1', role: 'bonus', max: 1.5 }), node({ id: 'b2', number: '2', role: 'bonus', max: 1.5 })],
      }),
      node({
        id: 'g3',
        number: 'III',
        kind: 'group',
        role: 'deduction',
        max: 4,
        rule: null,
        children: [node({ id: 'd1', number: '1', role: 'deduction', max: 3 }), node({ id: 'd2', number: '2', role: 'deduction', max: 3 })],
      }),
    ],
    conditions: [{ key: 'targets', label: 'Đạt cả ba chỉ tiêu' }],
    classes: [
      { code: 'A', label: 'Loại A', min_total: 5, conditions: ['targets'], unit_kinds: [] },
      { code: 'B', label: 'Loại B', min_total: 3, conditions: [], unit_kinds: [] },
    ],
    tie_break: [{ by: 'group', node: 'g1' }, { by: 'fewer_deductions' }],
    ...over,
  };
}
const values = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([k, v]) => [k, points(v)]));

describe('totals', () => {
  it('adds standard points in hundredths, caps bonus and deduction groups, and lists what is missing', () => {
    const t = computeTotals(smallTable(), null, values({ i1: 1.75, i2: 0.25, b1: 1.5, b2: 1.5, d1: 3, d2: 3 }));
    expect(t.byNode.get('g1')).toEqual({ points: 2, max: 4 });
    expect(t.byNode.get('g2')).toEqual({ points: 2, max: 2 });
    expect(t.byNode.get('g3')).toEqual({ points: 4, max: 4 });
    expect(t.total).toBe(0);
    expect(t.max).toBe(4);
    expect(t.bonus).toBe(2);
    expect(t.deduction).toBe(4);
    expect(t.missing).toEqual(['i3']);
  });

  it('never lets a group or the total fall below its floor, and counts only the deduction actually taken', () => {
    const table = smallTable();
    const t = computeTotals(table, null, values({ i1: 1, i2: 0, i3: 3, b1: 0, b2: 0, d1: 0, d2: 0 }));
    expect(t.byNode.get('g1')!.points).toBe(0);
    expect(t.deduction).toBe(1);
    const floored = computeTotals({ ...table, floor: 1 }, null, values({ i1: 2, i2: 2, i3: 0, b1: 0, b2: 0, d1: 3, d2: 3 }));
    expect(floored.total).toBe(1);
    expect(floored.deduction).toBe(3);
  });

  it('counts a refused value as nothing and says why', () => {
    const t = computeTotals(smallTable(), null, values({ i1: 3, i2: 2 }));
    expect(t.byNode.get('g1')!.points).toBe(2);
    expect(t.refused).toEqual([{ node: 'i1', message: 'Điểm 3 của mục 1 vượt quá điểm chuẩn 2.' }]);
  });

  it('scores only what applies to the unit kind', () => {
    const sample = sampleTable(2026);
    const so = computeTotals(sample, 'so_tu_phap', new Map());
    const thads = computeTotals(sample, 'thads', new Map());
    expect(so.max).toBe(200);
    expect(thads.max).toBe(200);
    expect(so.byNode.has('b1')).toBe(false);
    expect(thads.byNode.has('a1')).toBe(false);
    expect(thads.missing).toContain('d.4');
    expect(so.missing).not.toContain('d.4');
  });
});

describe('checking a table', () => {
  it('finds the shipped sample consistent, marked as a sample, worth 200 points for both unit kinds', () => {
    const sample = sampleTable(2027);
    expect(criteriaTableContentSchema.parse(sample)).toBeTruthy();
    expect(sample.sample).toBe(true);
    expect(sample.title).toBe('Bảng tiêu chí chấm điểm thi đua Khu vực thi đua năm 2027 (bảng mẫu)');
    expect(checkTable(sample)).toEqual([]);
    expect(reachableMax(sample, 'so_tu_phap')).toBe(210);
  });

  it('says when a group’s maximum is not the sum of its criteria, for the unit kind concerned', () => {
    const table = smallTable();
    table.nodes[0]!.max = 5;
    expect(checkTable(table)).toContainEqual({ severity: 'error', node: 'g1', message: 'Mục I có điểm chuẩn 5 nhưng các tiêu chí trong nhóm cộng lại 4.' });
    const sample = sampleTable(2026);
    sample.nodes[1]!.children[0]!.children[0]!.unit_kinds = ['so_tu_phap'];
    expect(checkTable(sample).map((p) => p.message)).toContain('Mục I có điểm chuẩn 110 nhưng các tiêu chí trong nhóm cộng lại 70 (đối với Cục THADS / THADS tỉnh).');
  });

  it('wants numbering unique and in order, and "1.2" under "1"', () => {
    const table = smallTable();
    const g1 = table.nodes[0]!;
    g1.children[1]!.number = '1';
    g1.children[2]!.number = '4';
    const messages = checkTable(table).map((p) => p.message);
    expect(messages).toContain('Số thứ tự "1" bị dùng hai lần trong cùng một nhóm.');
    expect(messages).toContain('Số thứ tự "4" không theo thứ tự (sau mục thứ 1).');
    const nested = smallTable();
    nested.nodes[0]!.children[0] = node({ id: 'i1', number: '1', kind: 'group', rule: null, max: 2, children: [node({ id: 'i1a', number: '2.1', max: 2 })] });
    expect(checkTable(nested).map((p) => p.message)).toContain('Mục 2.1 không nằm dưới mục 2 mà dưới mục 1.');
    expect(parseNumber('IV')).toEqual({ style: 'roman', index: 4, prefix: '' });
    expect(parseNumber('1.3.')).toEqual({ style: 'arabic', index: 3, prefix: '1' });
    expect(parseNumber('đ)')).toEqual({ style: 'lower', index: 5, prefix: '' });
    expect(parseNumber('Đ')).toEqual({ style: 'upper', index: 5, prefix: '' });
  });

  it('refuses rules that do not fit their item, bonus under a deduction group, and classes that name what is not there', () => {
    const table = smallTable({
      classes: [
        { code: 'B', label: 'Loại B', min_total: 3, conditions: [], unit_kinds: [] },
        { code: 'A', label: 'Loại A', min_total: 7, conditions: ['khong_co'], unit_kinds: [] },
      ],
      tie_break: [{ by: 'group', node: 'i1' }],
    });
    table.nodes[0]!.children[0] = { ...lateness, id: 'i1', rule: { type: 'lateness', brackets: [{ days: 2, points: 1 }, { days: 1, points: 2.5 }], beyond: 0 } };
    table.nodes[2]!.children[0]!.role = 'bonus';
    const messages = checkTable(table).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Mục 1: một mức chấm cho nhiều điểm hơn điểm chuẩn 2.',
        'Mục 1: các mức chậm phải theo số ngày tăng dần.',
        'Mục 1: chậm hơn không thể được nhiều điểm hơn.',
        'Mục 1 nằm trong nhóm điểm trừ nên cũng phải là điểm trừ.',
        'Loại "Loại A" đòi một điều kiện không có trong bảng (khong_co).',
        'Các loại phải xếp từ cao xuống thấp: loại "Loại A" đòi nhiều điểm hơn một loại đứng trước nó.',
        'Loại "Loại A" đòi 7 điểm, nhiều hơn số điểm cao nhất có thể đạt (6).',
        'Quy tắc xếp hạng khi bằng điểm chỉ so sánh theo một nhóm tiêu chí chấm điểm, không theo mục 1.',
      ]),
    );
  });
});

describe('classification and ranking', () => {
  const table = smallTable();
  const unit = (code: string, name: string, v: Record<string, number>, met: string[] = []): RankInput => ({
    code,
    name,
    kind: 'thads',
    totals: computeTotals(table, 'thads', values(v)),
    verified: true,
    conditionsMet: new Set(met),
  });

  it('gives a class only at its threshold with every condition met, and says what a unit missed', () => {
    expect(classify(table, 'thads', 5, new Set(['targets'])).rule?.code).toBe('A');
    const missed = classify(table, 'thads', 5.5, new Set());
    expect(missed.rule?.code).toBe('B');
    expect(classificationText(missed)).toBe('Loại B (đủ điểm Loại A nhưng chưa đạt điều kiện: Đạt cả ba chỉ tiêu)');
    expect(classify(table, 'thads', 4.99, new Set(['targets'])).rule?.code).toBe('B');
    expect(classificationText(classify(table, 'thads', 2.99, new Set()))).toBe('Không xếp loại');
  });

  it('parts equal totals by the stated rules in turn and lets units still equal share the rank', () => {
    const ranked = rankUnits(table, [
      unit('U1', 'Đơn vị Ê', { i1: 2, i2: 1, b1: 1 }), // 4: I = 3, no deduction
      unit('U2', 'Đơn vị A', { i1: 2, i2: 2, d1: 1, b1: 1 }), // 4: I = 4
      unit('U3', 'Đơn vị B', { i1: 2, i2: 1, b1: 1 }), // 4: same as U1
      unit('U4', 'Đơn vị C', { i1: 2, i2: 2, i3: 1, b1: 1 }), // 4: I = 3 after a deduction of 1
      unit('U5', 'Đơn vị D', { i1: 2, i2: 2, b1: 1.5, b2: 1 }), // 6
    ]);
    expect(ranked.map((r) => [r.code, r.rank, r.shared, r.totals.total])).toEqual([
      ['U5', 1, false, 6],
      ['U2', 2, false, 4],
      ['U3', 3, true, 4],
      ['U1', 3, true, 4],
      ['U4', 5, false, 4],
    ]);
    expect(ranked[2]!.decidedBy).toBe('Bằng tổng điểm với đơn vị xếp trên; xếp sau vì đơn vị xếp trên điểm nhóm I. Tiêu chí cao hơn.');
    expect(ranked[4]!.decidedBy).toBe('Bằng tổng điểm với đơn vị xếp trên; xếp sau vì đơn vị xếp trên bị trừ ít điểm hơn.');
    expect(tieBreakStatement(table)).toBe('Các đơn vị bằng tổng điểm thì xét lần lượt: điểm nhóm I. Tiêu chí cao hơn; bị trừ ít điểm hơn; vẫn bằng nhau thì đồng hạng.');
    expect(formatPoints(0.1 + 0.2)).toBe('0,3');
  });
});
