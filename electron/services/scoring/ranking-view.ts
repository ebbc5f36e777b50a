import type { Store } from '../workspace/clock';
import type { UnitKind } from '../units-keys/schemas';
import { getGroup } from '../groups-calendar/groups';
import { UserError } from '../errors';
import { tableInForce } from './criteria';
import { classificationText, rankUnits, tieBreakStatement, type RankInput } from './ranking';
import { appliesTo } from './rules';
import { memberTotals, type MemberTotals } from './score-totals';
import { requireOwnUnit } from '../units-keys/units';
import type { RankingView } from './view-schemas';

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
  const totals = memberTotals(db, { code: group.code, year: group.year, members }, stored, requireOwnUnit(db).code);
  const inputs: (RankInput & MemberTotals)[] = [];
  const missing: RankingView['missing'] = [];
  for (const m of members) {
    const t = totals.get(m.code);
    if (t) inputs.push({ code: m.code, name: m.name, kind: m.kind, verified: t.basis === 'verified', ...t });
    else missing.push({ code: m.code, name: m.name });
  }
  const columns = table.nodes
    .filter((n) => members.some((m) => appliesTo(n, m.kind)))
    .map((n) => ({ id: n.id, number: n.number, content: n.content, max: n.max, role: n.role }));
  const rows = rankUnits(table, inputs).map((r) => ({
    rank: r.rank,
    shared: r.shared,
    code: r.code,
    name: r.name,
    kind: r.kind,
    total: r.totals.total,
    selfTotal: r.selfTotal,
    basis: r.basis,
    groups: Object.fromEntries(columns.filter((c) => r.totals.byNode.has(c.id)).map((c) => [c.id, r.totals.byNode.get(c.id)!.points])),
    bonus: r.totals.bonus,
    deduction: r.totals.deduction,
    classification: classificationText(r.classification),
    decidedBy: r.decidedBy,
  }));
  return { groupName: group.name, year: group.year, scope, table: { title: table.title, sample: table.sample, source: table.source }, columns, rows, missing, tieBreak: tieBreakStatement(table) };
}
