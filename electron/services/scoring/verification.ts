import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { schema, writeTransaction, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { openBundle } from '../bundles/reader';
import { getGroup } from '../groups-calendar/groups';
import { currentRecords, currentVersion, historyOf, saveDraft, type StoredRecord } from '../records/store';
import { writeReceipts, type ReceiptWritten } from '../bundles/receipts';
import { requireOwnUnit } from '../units-keys/units';
import type { UnitKind } from '../units-keys/schemas';
import type { Workspace } from '../workspace/workspace';
import { nowIso, type Store } from '../workspace/clock';
import { tableInForce } from './criteria';
import type { CriteriaNode, CriteriaTable, ItemValue } from './criteria-schemas';
import { requireEvidence } from './evidence';
import { evidenceBundlePath } from './export';
import { computeTotals, itemsFor, scoreItem } from './rules';
import { valuesOf } from './self-assessment';
import type { SelfAssessmentRecord } from './self-assessment-schemas';
import type { VerificationItemView, VerificationRow, VerificationView, VerifiedResult } from './view-schemas';
import { verificationRecordV1Schema, type Inspection, type VerificationRecord, type VerifiedItem } from './verification-schemas';

/**
 * Verification (thẩm định): the leader goes through each member's self-assessment item by item —
 * the member's value, explanation and evidence — and sets the verified value, with a reason wherever
 * it differs. A cross-inspection by another member's team is recorded the same way, with its team
 * and minutes. The leader's verification is what ranks; items not looked at yet count as stated.
 */

function groupAndTable(db: DbOrTx, groupId: number) {
  const group = getGroup(db, groupId);
  if (group.ownRole !== 'leader' && group.ownRole !== 'deputy') throw new UserError('Chỉ Trưởng hoặc Phó Trưởng Khu vực/Cụm thẩm định điểm của các đơn vị.');
  const leader = group.members.find((m) => m.role === 'leader')?.code ?? null;
  const table = tableInForce(db, group.code, group.year, leader);
  if (!table) throw new UserError('Chưa có bảng tiêu chí chấm điểm cho Khu vực/Cụm năm này.');
  return { group, table: table.content.table };
}

/** The member's latest self-assessment held here: received, or this unit's own. */
export function selfAssessmentOf(db: DbOrTx, groupCode: string, year: number, unitCode: string): StoredRecord<SelfAssessmentRecord> | undefined {
  return currentRecords<SelfAssessmentRecord>(db, 'self_assessment', groupCode, year, unitCode)[0];
}

/** A verification held here: its current version, the member it verifies, and whether it is a cross-inspection. */
export interface VerificationEntry {
  recordId: string;
  version: number;
  unit: string;
  inspection: boolean;
}

/**
 * The verifications this unit (or `verifier`) wrote for a group-year, at their current versions, read
 * without parsing them: a board of every member looks each one up here instead of re-reading them all.
 */
export function currentVerifications(db: DbOrTx, groupCode: string, year: number, verifier: string = requireOwnUnit(db).code): VerificationEntry[] {
  const rows = db
    .select({
      recordId: schema.records.recordId,
      version: schema.records.version,
      unit: sql<string>`json_extract(${schema.records.content}, '$.unit')`,
      inspection: sql<number>`json_extract(${schema.records.content}, '$.inspection') is not null`,
    })
    .from(schema.records)
    .where(and(eq(schema.records.type, 'verification'), eq(schema.records.groupCode, groupCode), eq(schema.records.year, year), eq(schema.records.ownerCode, verifier)))
    .orderBy(desc(schema.records.version))
    .all();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.recordId) && seen.add(r.recordId)).map((r) => ({ ...r, inspection: r.inspection === 1 }));
}

/** This unit's verification of a member (inspection null), or the cross-inspection recorded for it. */
export function verificationOf(
  db: DbOrTx,
  groupCode: string,
  year: number,
  unitCode: string,
  inspection = false,
  held: readonly VerificationEntry[] = currentVerifications(db, groupCode, year),
): StoredRecord<VerificationRecord> | undefined {
  const entry = held.find((v) => v.unit === unitCode && v.inspection === inspection);
  return entry && currentVersion<VerificationRecord>(db, entry.recordId);
}

/** The values that rank: the member's own, overridden by the verifier's for every item looked at. */
export function verifiedValues(self: SelfAssessmentRecord, verification: VerificationRecord | undefined): Map<string, ItemValue> {
  const values = valuesOf(self);
  for (const item of verification?.items ?? []) values.set(item.node, item.value);
  return values;
}

/**
 * The verification no longer matches what is held: an older version, or — for this unit's own
 * self-assessment, a draft edited in place until it is sent — a draft changed after it was verified.
 */
export function outdatedOf(self: StoredRecord<SelfAssessmentRecord>, verification: StoredRecord<VerificationRecord> | undefined): boolean {
  if (!verification) return false;
  return verification.content.self_assessment.version !== self.version || (self.status === 'draft' && self.updatedAt > verification.updatedAt);
}

/** Progress across the members: who sent, how far the verification has gone, where scores differ. */
export function verificationBoard({ db }: Store, groupId: number): VerificationRow[] {
  const { group, table } = groupAndTable(db, groupId);
  const own = requireOwnUnit(db).code;
  const held = currentVerifications(db, group.code, group.year, own);
  return group.members.map((m) => {
    const self = selfAssessmentOf(db, group.code, group.year, m.code);
    const items = itemsFor(table, m.kind).length;
    if (!self) return { code: m.code, name: m.name, kind: m.kind, selfVersion: null, selfTotal: null, verifiedTotal: null, reviewed: 0, items, differences: 0, complete: false, outdated: false, own: m.code === own };
    const stored = verificationOf(db, group.code, group.year, m.code, false, held);
    const v = stored?.content;
    const selfValues = valuesOf(self.content);
    return {
      code: m.code,
      name: m.name,
      kind: m.kind,
      selfVersion: self.version,
      selfTotal: computeTotals(table, m.kind, selfValues).total,
      verifiedTotal: v ? computeTotals(table, m.kind, verifiedValues(self.content, v)).total : null,
      reviewed: v?.items.length ?? 0,
      items,
      // Counted as the member's page highlights them: where the points differ, not the way of stating them.
      differences: v ? verificationItems(table, m.kind, self.content, v).filter((i) => i.differs).length : 0,
      complete: v?.complete ?? false,
      outdated: outdatedOf(self, stored),
      own: m.code === own,
    };
  });
}

const pointsOf = (node: CriteriaNode, value: ItemValue | null | undefined) => {
  if (!value) return 0;
  const s = scoreItem(node, value);
  return s.ok ? s.points : 0;
};

/** Each item that applies: the member's value and points, the verifier's, and whether they differ. */
function verificationItems(table: CriteriaTable, kind: UnitKind, self: SelfAssessmentRecord, verification: VerificationRecord): VerificationItemView[] {
  const stated = new Map(self.items.map((i) => [i.node, i]));
  const verified = new Map(verification.items.map((i) => [i.node, i]));
  return itemsFor(table, kind).map((node) => {
    const s = stated.get(node.id);
    const v = verified.get(node.id);
    return {
      node,
      selfValue: s?.value ?? null,
      selfPoints: pointsOf(node, s?.value),
      explanation: s?.explanation ?? '',
      evidence: s?.evidence ?? [],
      verifiedValue: v?.value ?? null,
      verifiedPoints: v ? pointsOf(node, v.value) : null,
      reason: v?.reason ?? '',
      differs: !!v && pointsOf(node, v.value) !== pointsOf(node, s?.value),
    };
  });
}

export function verificationView({ db }: Store, groupId: number, unitCode: string, inspection = false): VerificationView {
  const { group, table } = groupAndTable(db, groupId);
  const member = group.members.find((m) => m.code === unitCode);
  if (!member) throw new UserError(`Đơn vị ${unitCode} không có trong Khu vực/Cụm.`);
  const self = selfAssessmentOf(db, group.code, group.year, unitCode);
  if (!self) throw new UserError(`${member.name} chưa gửi bảng tự chấm điểm.`);
  const stored = verificationOf(db, group.code, group.year, unitCode, inspection);
  const record: VerificationRecord = stored?.content ?? {
    record_id: crypto.randomUUID(),
    type: 'verification',
    version: 1,
    group: { code: group.code, year: group.year },
    unit: unitCode,
    self_assessment: { record_id: self.recordId, version: self.version },
    inspection: null,
    items: [],
    conditions_met: self.content.conditions_met,
    complete: false,
  };
  const items = verificationItems(table, member.kind, self.content, record);
  return {
    unit: { code: member.code, name: member.name, kind: member.kind },
    table,
    selfVersion: self.version,
    record,
    items,
    selfTotal: computeTotals(table, member.kind, valuesOf(self.content)).total,
    verifiedTotal: computeTotals(table, member.kind, verifiedValues(self.content, record)).total,
    conditionsStated: self.content.conditions_met,
    outdated: outdatedOf(self, stored),
    own: unitCode === requireOwnUnit(db).code,
  };
}

export interface VerificationInput {
  items: VerifiedItem[];
  conditions_met: string[];
  complete: boolean;
  inspection: Inspection | null;
}

/**
 * Saves the verification of a member. A value the table refuses is refused; a score that differs from
 * the member's own needs its reason; "complete" needs every item looked at.
 */
export function saveVerification(store: Store, groupId: number, unitCode: string, input: VerificationInput): VerificationView {
  const view = verificationView(store, groupId, unitCode, input.inspection !== null);
  const byNode = new Map(view.items.map((i) => [i.node.id, i]));
  const problems: string[] = [];
  for (const item of input.items) {
    const it = byNode.get(item.node);
    if (!it) {
      problems.push(`Tiêu chí "${item.node}" không có trong bảng tiêu chí hoặc không áp dụng cho đơn vị.`);
      continue;
    }
    const scored = scoreItem(it.node, item.value);
    if (!scored.ok) problems.push(scored.message);
    else if (scored.points !== it.selfPoints && !item.reason.trim()) problems.push(`Mục ${it.node.number}: điểm thẩm định khác điểm tự chấm, hãy ghi lý do.`);
  }
  const conditions = new Set(view.table.conditions.map((c) => c.key));
  for (const c of input.conditions_met) if (!conditions.has(c)) problems.push(`Điều kiện "${c}" không có trong bảng tiêu chí.`);
  if (input.complete && new Set(input.items.map((i) => i.node)).size < view.items.length) {
    problems.push(`Còn ${view.items.length - new Set(input.items.map((i) => i.node)).size} tiêu chí chưa thẩm định; chưa thể đánh dấu hoàn thành.`);
  }
  if (problems.length) throw new UserError(problems.join(' '));
  const group = getGroup(store.db, groupId);
  const own = requireOwnUnit(store.db).code;
  writeTransaction(store.db, (tx) => {
    const current = verificationOf(tx, group.code, group.year, unitCode, input.inspection !== null);
    const recordId = current?.recordId ?? view.record.record_id;
    const version = current?.status === 'draft' ? current.version : (current?.version ?? 0) + 1;
    const order = view.items.map((i) => i.node.id);
    const content = verificationRecordV1Schema.parse({
      ...view.record,
      record_id: recordId,
      version,
      self_assessment: { record_id: view.record.self_assessment.record_id, version: view.selfVersion },
      inspection: input.inspection,
      items: [...new Map(input.items.map((i) => [i.node, i])).values()].sort((a, b) => order.indexOf(a.node) - order.indexOf(b.node)),
      conditions_met: [...new Set(input.conditions_met)],
      complete: input.complete,
    });
    saveDraft(tx, { recordId, type: 'verification', ownerCode: own, groupCode: group.code, year: group.year }, content, nowIso(store.clock));
  });
  return verificationView(store, groupId, unitCode, input.inspection !== null);
}

/** A copy in staging named with its extension: the system viewer picks its program by the name, and the stored file has none. */
async function stagedCopy(ws: Workspace, name: string, copy: (dest: string) => Promise<void>): Promise<string> {
  await fsp.mkdir(ws.dir.staging, { recursive: true, mode: 0o700 });
  const dest = path.join(ws.dir.staging, `${crypto.randomBytes(6).toString('hex')}-${name}`);
  await copy(dest);
  return dest;
}

/**
 * A file to open with the system viewer: an evidence file of a member's self-assessment — this
 * unit's own from its evidence store, a member's copied out of the archived bundle that carried it,
 * checked against its signed hash on the way — or the minutes of a cross-inspection recorded here.
 */
export async function evidenceForViewing(ws: Workspace, groupId: number, unitCode: string, sha256: string): Promise<{ path: string; name: string }> {
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db).code;
  const inspection = verificationOf(ws.db, group.code, group.year, unitCode, true, currentVerifications(ws.db, group.code, group.year, own))?.content.inspection?.minutes;
  const minutes = inspection?.sha256 === sha256 ? inspection : undefined;
  const self = selfAssessmentOf(ws.db, group.code, group.year, unitCode);
  const ref = minutes ?? (self && [...self.content.items.flatMap((i) => i.evidence), ...(self.content.confirmation ? [self.content.confirmation] : [])].find((e) => e.sha256 === sha256));
  if (!ref) throw new UserError('Không tìm thấy tệp này trong bảng tự chấm điểm hay biên bản kiểm tra chéo.');
  const stem = path.basename(evidenceBundlePath(ref));
  // The minutes, and this unit's own evidence, are in its own evidence store.
  if (minutes || unitCode === own) {
    const stored = await requireEvidence(ws, ref);
    return { path: await stagedCopy(ws, stem, (dest) => fsp.copyFile(stored, dest)), name: ref.name };
  }
  const received = ws.db
    .select({ archive: schema.receivedBundles.archivePath })
    .from(schema.receivedBundles)
    .where(eq(schema.receivedBundles.bundleId, self?.bundleId ?? ''))
    .get();
  if (!received) throw new UserError('Không tìm thấy gói đã nhận chứa tệp minh chứng này.');
  const bundle = await openBundle(path.join(ws.dataDir, received.archive), ws.kinds);
  try {
    return { path: await stagedCopy(ws, stem, (dest) => bundle.extractFile(evidenceBundlePath(ref), dest)), name: ref.name };
  } finally {
    await bundle.close();
  }
}

/**
 * Sends the verified scores back: for every member whose verification of its latest self-assessment
 * is complete, a receipt of the bundle that carried that version, holding the verification.
 */
export async function sendVerifiedScores(ws: Workspace, groupId: number, folder?: string): Promise<ReceiptWritten[]> {
  const { group } = groupAndTable(ws.db, groupId);
  const own = requireOwnUnit(ws.db).code;
  const bundles: string[] = [];
  const held = currentVerifications(ws.db, group.code, group.year, own);
  for (const m of group.members) {
    if (m.code === own) continue;
    const self = selfAssessmentOf(ws.db, group.code, group.year, m.code);
    const v = verificationOf(ws.db, group.code, group.year, m.code, false, held)?.content;
    if (self?.bundleId && v?.complete && v.self_assessment.version === self.version) bundles.push(self.bundleId);
  }
  if (!bundles.length) throw new UserError('Chưa có đơn vị nào được thẩm định xong bảng tự chấm điểm mới nhất; chưa có kết quả để gửi.');
  return writeReceipts(ws, bundles, folder);
}

/** The member's side: the verified scores its leader sent back, and where and why they differ from its own. */
export function ownVerifiedScores({ db }: Store, groupId: number): VerifiedResult | null {
  const group = getGroup(db, groupId);
  const own = requireOwnUnit(db);
  const leader = group.members.find((m) => m.role === 'leader')?.code;
  if (!leader || leader === own.code) return null;
  const received = verificationOf(db, group.code, group.year, own.code, false, currentVerifications(db, group.code, group.year, leader));
  const table = tableInForce(db, group.code, group.year, leader)?.content.table;
  if (!received || !table) return null;
  const self = historyOf<SelfAssessmentRecord>(db, received.content.self_assessment.record_id).find((r) => r.version === received.content.self_assessment.version);
  if (!self) return null;
  const view = verificationItems(table, own.kind, self.content, received.content);
  return {
    by: group.members.find((m) => m.code === leader)!.name,
    receivedAt: received.updatedAt,
    selfVersion: self.version,
    selfTotal: computeTotals(table, own.kind, valuesOf(self.content)).total,
    verifiedTotal: computeTotals(table, own.kind, verifiedValues(self.content, received.content)).total,
    changes: view.filter((i) => i.differs).map((i) => ({ node: i.node.id, number: i.node.number, content: i.node.content, selfPoints: i.selfPoints, verifiedPoints: i.verifiedPoints!, reason: i.reason })),
  };
}
