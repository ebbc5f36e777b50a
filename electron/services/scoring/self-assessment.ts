import crypto from 'node:crypto';
import { writeTransaction, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { getGroup } from '../groups-calendar/groups';
import { currentRecords, saveDraft, type StoredRecord } from '../records/store';
import { headTitle, latestOwnSigner } from '../registration/consolidated-export';
import { requireOwnUnit } from '../units-keys/units';
import type { Workspace } from '../workspace/workspace';
import { nowIso, type Store } from '../workspace/clock';
import { tableInForce } from './criteria';
import type { CriteriaTable, CriteriaTableRecord } from './criteria-schemas';
import { storeEvidence } from './evidence';
import { computeTotals, itemsFor, scoreItem } from './rules';
import type { Gaps, SelfAssessmentView } from './view-schemas';
import { selfAssessmentRecordV1Schema, type AssessedItem, type EvidenceRef, type SelfAssessmentRecord } from './self-assessment-schemas';
import type { UnitKind } from '../units-keys/schemas';

/**
 * A member's self-assessment (tự chấm điểm) against the table its leader sent: a value, an
 * explanation and evidence per item, the class conditions it states it met, and the signed scan of
 * the printed table confirmed by the provincial chairman. Saved as a draft in the record store; the
 * export freezes the version sent.
 */

export const valuesOf = (record: Pick<SelfAssessmentRecord, 'items'>) => new Map(record.items.filter((i) => i.value).map((i) => [i.node, i.value!]));

export function gapsOf(table: CriteriaTable, kind: UnitKind, record: SelfAssessmentRecord): Gaps {
  const byNode = new Map(record.items.map((i) => [i.node, i]));
  const gaps: Gaps = { missing: [], lackingEvidence: [], refused: [], noConfirmation: !record.confirmation };
  for (const node of itemsFor(table, kind)) {
    const item = byNode.get(node.id);
    const brief = { node: node.id, number: node.number, content: node.content };
    if (!item?.value) gaps.missing.push(brief);
    else {
      const scored = scoreItem(node, item.value);
      if (!scored.ok) gaps.refused.push({ node: node.id, number: node.number, message: scored.message });
    }
    if (node.evidence_required && !item?.evidence.length) gaps.lackingEvidence.push(brief);
  }
  return gaps;
}

function ownAssessment(db: DbOrTx, groupCode: string, year: number): StoredRecord<SelfAssessmentRecord> | undefined {
  return currentRecords<SelfAssessmentRecord>(db, 'self_assessment', groupCode, year, requireOwnUnit(db).code)[0];
}

function requireTable(db: DbOrTx, groupId: number): { group: ReturnType<typeof getGroup>; table: StoredRecord<CriteriaTableRecord> } {
  const group = getGroup(db, groupId);
  const leader = group.members.find((m) => m.role === 'leader')?.code ?? null;
  const table = tableInForce(db, group.code, group.year, leader);
  if (!table) {
    throw new UserError(
      group.ownRole === 'leader'
        ? 'Chưa có bảng tiêu chí chấm điểm: hãy lập bảng (từ bảng mẫu, từ tệp Excel hoặc tự soạn) trước khi tự chấm điểm.'
        : 'Chưa nhận được bảng tiêu chí chấm điểm: bảng đến trong gói khởi động của Trưởng Khu vực/Cụm. Hãy nhập gói khởi động mới nhất.',
    );
  }
  return { group, table };
}

export function selfAssessmentView({ db }: Store, groupId: number): SelfAssessmentView {
  const { group, table } = requireTable(db, groupId);
  const own = requireOwnUnit(db);
  const stored = ownAssessment(db, group.code, group.year);
  const record: SelfAssessmentRecord = stored?.content ?? {
    record_id: crypto.randomUUID(),
    type: 'self_assessment',
    version: 1,
    unit: { code: own.code, name: own.name, kind: own.kind },
    group: { code: group.code, year: group.year },
    table: { record_id: table.recordId, version: table.version },
    items: [],
    conditions_met: [],
    confirmation: null,
  };
  const t = computeTotals(table.content.table, own.kind, valuesOf(record));
  const signer = latestOwnSigner(db, own.code);
  return {
    table: table.content.table,
    tableRef: { recordId: table.recordId, version: table.version },
    unitKind: own.kind,
    record,
    status: !stored ? 'new' : stored.status === 'draft' ? 'draft' : 'frozen',
    version: stored?.version ?? 0,
    totals: { total: t.total, max: t.max, bonus: t.bonus, deduction: t.deduction },
    gaps: gapsOf(table.content.table, own.kind, record),
    signer: { title: signer?.signerTitle || headTitle[own.kind], name: signer?.signerName ?? '' },
  };
}

export interface SelfAssessmentInput {
  items: AssessedItem[];
  conditions_met: string[];
  confirmation: EvidenceRef | null;
}

/**
 * Saves the unit's scores. A value the table forbids is refused with every reason, and nothing is
 * saved; items the table does not have, or that do not apply to the unit, are refused too. An
 * exported version stays as sent: the save makes version + 1.
 */
export function saveSelfAssessment(store: Store, groupId: number, input: SelfAssessmentInput): SelfAssessmentView {
  const view = selfAssessmentView(store, groupId);
  const nodes = new Map(itemsFor(view.table, view.unitKind).map((n) => [n.id, n]));
  const problems: string[] = [];
  for (const item of input.items) {
    const node = nodes.get(item.node);
    if (!node) problems.push(`Tiêu chí "${item.node}" không có trong bảng tiêu chí hoặc không áp dụng cho đơn vị.`);
    else if (item.value) {
      const scored = scoreItem(node, item.value);
      if (!scored.ok) problems.push(scored.message);
    }
  }
  const conditions = new Set(view.table.conditions.map((c) => c.key));
  for (const c of input.conditions_met) if (!conditions.has(c)) problems.push(`Điều kiện "${c}" không có trong bảng tiêu chí.`);
  if (problems.length) throw new UserError(problems.join(' '));
  // Kept in table order, unscored items without explanation or evidence dropped: the record says only what the unit stated.
  const order = [...nodes.keys()];
  const items = input.items
    .filter((i) => i.value || i.explanation.trim() || i.evidence.length)
    .sort((a, b) => order.indexOf(a.node) - order.indexOf(b.node));
  const group = getGroup(store.db, groupId);
  const own = requireOwnUnit(store.db);
  writeTransaction(store.db, (tx) => {
    const current = ownAssessment(tx, group.code, group.year);
    const recordId = current?.recordId ?? view.record.record_id;
    const version = current?.status === 'draft' ? current.version : (current?.version ?? 0) + 1;
    const content = selfAssessmentRecordV1Schema.parse({
      ...view.record,
      record_id: recordId,
      version,
      unit: { code: own.code, name: own.name, kind: own.kind },
      table: { record_id: view.tableRef.recordId, version: view.tableRef.version },
      items,
      conditions_met: [...new Set(input.conditions_met)],
      confirmation: input.confirmation,
    });
    saveDraft(tx, { recordId, type: 'self_assessment', ownerCode: own.code, groupCode: group.code, year: group.year }, content, nowIso(store.clock));
  });
  return selfAssessmentView(store, groupId);
}

/** Attaches a file to an item (or, with node null, as the confirmed scan) and saves: stored once by content. */
export async function attachEvidence(ws: Workspace, groupId: number, node: string | null, source: string, name: string): Promise<SelfAssessmentView> {
  const view = selfAssessmentView(ws, groupId);
  if (node !== null && !itemsFor(view.table, view.unitKind).some((n) => n.id === node)) throw new UserError('Tiêu chí này không có trong bảng tiêu chí hoặc không áp dụng cho đơn vị.');
  const ref = await storeEvidence(ws, source, name);
  const input = inputOf(view.record);
  if (node === null) return saveSelfAssessment(ws, groupId, { ...input, confirmation: ref });
  const item = input.items.find((i) => i.node === node);
  if (item?.evidence.some((e) => e.sha256 === ref.sha256)) return view;
  const items = item ? input.items.map((i) => (i.node === node ? { ...i, evidence: [...i.evidence, ref] } : i)) : [...input.items, { node, value: null, explanation: '', evidence: [ref] }];
  return saveSelfAssessment(ws, groupId, { ...input, items });
}

/** Detaches a file from an item (or the confirmed scan); the stored file stays while any version cites it. */
export function detachEvidence(store: Store, groupId: number, node: string | null, sha256: string): SelfAssessmentView {
  const input = inputOf(selfAssessmentView(store, groupId).record);
  if (node === null) return saveSelfAssessment(store, groupId, { ...input, confirmation: input.confirmation?.sha256 === sha256 ? null : input.confirmation });
  return saveSelfAssessment(store, groupId, { ...input, items: input.items.map((i) => (i.node === node ? { ...i, evidence: i.evidence.filter((e) => e.sha256 !== sha256) } : i)) });
}

const inputOf = (r: SelfAssessmentRecord): SelfAssessmentInput => ({ items: r.items, conditions_met: r.conditions_met, confirmation: r.confirmation });
