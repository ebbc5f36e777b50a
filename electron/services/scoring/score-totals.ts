import { inArray } from 'drizzle-orm';
import { schema, writeTransaction, type DbOrTx } from '../../../db/client';
import { findGroup, getGroup } from '../groups-calendar/groups';
import { currentVersion, currentVersions, type StoredRecord } from '../records/store';
import type { UnitKind } from '../units-keys/schemas';
import { tableInForce } from './criteria';
import type { CriteriaTable, CriteriaTableRecord } from './criteria-schemas';
import type { RankTotals } from './ranking';
import { computeTotals, walkTable, type NodeTotal } from './rules';
import { valuesOf } from './self-assessment';
import type { SelfAssessmentRecord } from './self-assessment-schemas';
import { currentVerifications, outdatedOf, verifiedValues } from './verification';
import type { VerificationRecord } from './verification-schemas';
import type { RankingBasis } from './view-schemas';

/**
 * Each member's totals as the ranking reads them. Adding them up means reading and parsing every
 * member's self-assessment and verification, item by item; that is done once per combination of
 * record versions and kept (table score_totals), so the ranking screen reads a small row per member.
 */

/** What is kept per member: the totals, and the points of the groups of criteria the ranking shows and compares. */
interface KeptTotals {
  total: number;
  max: number;
  bonus: number;
  deduction: number;
  groups: [node: string, points: number, max: number][];
  /** The member's own total, shown beside the verified one. */
  selfTotal: number;
  /** The verification is finished, and of the self-assessment as it stands: only then does the total rank as verified. */
  verified: boolean;
  conditionsMet: string[];
}

export interface MemberTotals {
  totals: RankTotals;
  selfTotal: number;
  basis: RankingBasis;
  conditionsMet: ReadonlySet<string>;
}

interface Versions {
  self: { recordId: string; version: number };
  verification: { recordId: string; version: number } | null;
}

function compute(db: DbOrTx, table: CriteriaTable, kind: UnitKind, keys: Versions): KeptTotals {
  const stored = currentVersion<SelfAssessmentRecord>(db, keys.self.recordId)!;
  const verification = keys.verification ? currentVersion<VerificationRecord>(db, keys.verification.recordId) : undefined;
  const self = stored.content;
  const v = verification?.content;
  const totals = computeTotals(table, kind, verifiedValues(self, v));
  const groups: KeptTotals['groups'] = [];
  // Top-level nodes are the columns; groups at any depth are what tie-breaks compare.
  for (const { node, depth } of walkTable(table.nodes)) {
    const t = totals.byNode.get(node.id);
    if (t && (depth === 1 || node.kind === 'group')) groups.push([node.id, t.points, t.max]);
  }
  return {
    total: totals.total,
    max: totals.max,
    bonus: totals.bonus,
    deduction: totals.deduction,
    groups,
    selfTotal: v ? computeTotals(table, kind, valuesOf(self)).total : totals.total,
    verified: !!v?.complete && !outdatedOf(stored, verification),
    conditionsMet: v ? v.conditions_met : self.conditions_met,
  };
}

/**
 * The totals of every member that sent its self-assessment, on the verifier's verification where
 * there is one, against the table in force. Kept rows are used while every version they name is
 * current; the others are recomputed and kept in one transaction.
 */
export function memberTotals(
  db: DbOrTx,
  group: { code: string; year: number; members: readonly { code: string; kind: UnitKind }[] },
  table: StoredRecord<CriteriaTableRecord>,
  verifier: string,
): Map<string, MemberTotals> {
  const selves = new Map<string, { recordId: string; version: number }>();
  for (const s of currentVersions(db, 'self_assessment', group.code, group.year)) {
    const held = selves.get(s.ownerCode);
    if (!held || held.version < s.version) selves.set(s.ownerCode, { recordId: s.recordId, version: s.version });
  }
  const verifications = new Map(currentVerifications(db, group.code, group.year, verifier).filter((v) => !v.inspection).map((v) => [v.unit, v]));
  const ids = [...selves.values()].map((s) => s.recordId);
  const kept = new Map(
    (ids.length ? db.select().from(schema.scoreTotals).where(inArray(schema.scoreTotals.selfRecordId, ids)).all() : []).map((r) => [r.selfRecordId, r]),
  );
  const fresh: (typeof schema.scoreTotals.$inferInsert)[] = [];
  const result = new Map<string, MemberTotals>();
  for (const m of group.members) {
    const self = selves.get(m.code);
    if (!self) continue;
    const verification = verifications.get(m.code) ?? null;
    const row = {
      selfRecordId: self.recordId,
      selfVersion: self.version,
      verificationRecordId: verification?.recordId ?? '',
      verificationVersion: verification?.version ?? 0,
      tableRecordId: table.recordId,
      tableVersion: table.version,
      unitKind: m.kind,
    };
    const k = kept.get(self.recordId);
    const holds = k && (Object.keys(row) as (keyof typeof row)[]).every((key) => k[key] === row[key]);
    let t: KeptTotals;
    if (holds) t = JSON.parse(k.totals) as KeptTotals;
    else {
      t = compute(db, table.content.table, m.kind, { self, verification });
      fresh.push({ ...row, totals: JSON.stringify(t) });
    }
    result.set(m.code, {
      totals: { total: t.total, max: t.max, bonus: t.bonus, deduction: t.deduction, byNode: new Map<string, NodeTotal>(t.groups.map(([id, points, max]) => [id, { points, max }])) },
      selfTotal: t.selfTotal,
      basis: !verification ? 'self' : t.verified ? 'verified' : 'in_progress',
      conditionsMet: new Set(t.conditionsMet),
    });
  }
  if (fresh.length) {
    writeTransaction(db, (tx) => {
      for (const r of fresh) tx.insert(schema.scoreTotals).values(r).onConflictDoUpdate({ target: schema.scoreTotals.selfRecordId, set: r }).run();
    });
  }
  return result;
}

/**
 * Adds up a member's self-assessment as it arrives, in the import's transaction, so that the ranking
 * opens on kept totals however many bundles came in since it was last opened.
 */
export function keepTotalsOnArrival(tx: DbOrTx, groupCode: string, year: number, unitCode: string, ownCode: string): void {
  const found = findGroup(tx, groupCode, year);
  if (!found) return;
  const group = getGroup(tx, found.id);
  const member = group.members.find((m) => m.code === unitCode);
  const table = tableInForce(tx, group.code, group.year, group.members.find((m) => m.role === 'leader')?.code ?? null);
  if (member && table) memberTotals(tx, { code: group.code, year: group.year, members: [member] }, table, ownCode);
}
