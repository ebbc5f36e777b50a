import type { Store } from '../workspace/clock';
import type { UnitKind } from '../units-keys/schemas';
import { getGroup } from '../groups-calendar/groups';
import { UserError } from '../errors';
import { tableInForce } from './criteria';
import { classificationText, rankUnits, tieBreakStatement, type RankInput } from './ranking';
import { appliesTo, computeTotals } from './rules';
import { verifiedValues } from './verification';
import { currentRecords } from '../records/store';
import { requireOwnUnit } from '../units-keys/units';
import type { SelfAssessmentRecord } from './self-assessment-schemas';
import type { VerificationRecord } from './verification-schemas';
import type { RankingBasis, RankingView } from './view-schemas';

/**
 * The group's ranking (bảng tổng hợp kết quả chấm điểm, xếp hạng): every member that sent its
 * self-assessment, on verified totals where the leader has finished verifying and on its own totals
 * otherwise (marked as such); overall or for one unit kind; with the points of each group of criteria
 * for the chart and the printed table.
 */

export function rankingView({ db }: Store, groupId: number, scope: UnitKind | 'all'): RankingView {
  const group = getGroup(db, groupId);
  const leader = group.members.find((m) => m.role === 'leader')?.code ?? null;
  const stored = tableInForce(db, group.code, group.year, leader);
  if (!stored) throw new UserError('Chưa có bảng tiêu chí chấm điểm cho Khu vực/Cụm năm này.');
  const table = stored.content.table;
  const members = group.members.filter((m) => scope === 'all' || m.kind === scope);
  const inputs: (RankInput & { basis: RankingBasis; selfTotal: number })[] = [];
  const missing: RankingView['missing'] = [];
  // Read once for the whole group: a query per member would read the group's records once per member.
  const selves = new Map(currentRecords<SelfAssessmentRecord>(db, 'self_assessment', group.code, group.year).map((r) => [r.ownerCode, r]));
  const own = requireOwnUnit(db).code;
  const verifications = new Map(
    currentRecords<VerificationRecord>(db, 'verification', group.code, group.year, own)
      .filter((r) => r.content.inspection === null)
      .map((r) => [r.content.unit, r.content]),
  );
  for (const m of members) {
    const self = selves.get(m.code);
    if (!self) {
      missing.push({ code: m.code, name: m.name });
      continue;
    }
    const v = verifications.get(m.code);
    const totals = computeTotals(table, m.kind, verifiedValues(self.content, v));
    inputs.push({
      code: m.code,
      name: m.name,
      kind: m.kind,
      totals,
      verified: !!v?.complete,
      conditionsMet: new Set(v ? v.conditions_met : self.content.conditions_met),
      basis: !v ? 'self' : v.complete ? 'verified' : 'in_progress',
      selfTotal: v ? computeTotals(table, m.kind, verifiedValues(self.content, undefined)).total : totals.total,
    });
  }
  const columns = table.nodes
    .filter((n) => members.some((m) => appliesTo(n, m.kind)))
    .map((n) => ({ id: n.id, number: n.number, content: n.content, max: n.max, role: n.role }));
  const basis = new Map(inputs.map((i) => [i.code, i]));
  const rows = rankUnits(table, inputs).map((r) => ({
    rank: r.rank,
    shared: r.shared,
    code: r.code,
    name: r.name,
    kind: r.kind,
    total: r.totals.total,
    selfTotal: basis.get(r.code)!.selfTotal,
    basis: basis.get(r.code)!.basis,
    groups: Object.fromEntries(columns.filter((c) => r.totals.byNode.has(c.id)).map((c) => [c.id, r.totals.byNode.get(c.id)!.points])),
    bonus: r.totals.bonus,
    deduction: r.totals.deduction,
    classification: classificationText(r.classification),
    decidedBy: r.decidedBy,
  }));
  return { groupName: group.name, year: group.year, scope, table: { title: table.title, sample: table.sample, source: table.source }, columns, rows, missing, tieBreak: tieBreakStatement(table) };
}
