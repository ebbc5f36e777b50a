import crypto from 'node:crypto';
import { writeTransaction, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { getGroup } from '../groups-calendar/groups';
import { currentRecords, saveDraft, type StoredRecord } from '../records/store';
import { requireOwnUnit } from '../units-keys/units';
import { nowIso, type Store } from '../workspace/clock';
import { checkTable } from './check';
import type { CriteriaView } from './view-schemas';
import { criteriaTableContentSchema, type CriteriaTableRecord } from './criteria-schemas';
import { sampleTable } from './sample';

/**
 * The group's scoring table for a year. The leader writes it (from the sample, from a sheet, or by
 * hand) and sends it in the kickoff; every member holds the version the kickoff brought.
 */
export function tableInForce(db: DbOrTx, groupCode: string, year: number, leaderCode: string | null): StoredRecord<CriteriaTableRecord> | undefined {
  const tables = currentRecords<CriteriaTableRecord>(db, 'criteria_table', groupCode, year);
  return tables.find((t) => t.ownerCode === leaderCode) ?? tables.find((t) => t.ownerCode === requireOwnUnit(db).code);
}

export function criteriaView({ db }: Store, groupId: number): CriteriaView {
  const group = getGroup(db, groupId);
  const leader = group.members.find((m) => m.role === 'leader')?.code ?? null;
  const stored = tableInForce(db, group.code, group.year, leader);
  const table = stored?.content.table ?? null;
  return {
    table,
    recordId: stored?.recordId ?? null,
    version: stored?.version ?? 0,
    published: stored?.status === 'frozen' || stored?.status === 'received',
    editable: group.ownRole === 'leader',
    problems: table ? checkTable(table) : [],
  };
}

/** Saves the leader's table: validated as the record will travel; the checks are shown, not enforced, until it is sent. */
export function saveCriteriaTable(store: Store, groupId: number, input: unknown): CriteriaView {
  const group = getGroup(store.db, groupId);
  if (group.ownRole !== 'leader') throw new UserError('Bảng tiêu chí chấm điểm do Trưởng Khu vực/Cụm ban hành; đơn vị thành viên không sửa được.');
  const table = criteriaTableContentSchema.parse(input);
  if (table.year !== group.year) throw new UserError(`Bảng tiêu chí ghi năm ${table.year}, nhưng Khu vực/Cụm đang lập cho năm ${group.year}.`);
  const own = requireOwnUnit(store.db).code;
  writeTransaction(store.db, (tx) => {
    const current = currentRecords<CriteriaTableRecord>(tx, 'criteria_table', group.code, group.year, own)[0];
    const recordId = current?.recordId ?? crypto.randomUUID();
    const version = current?.status === 'draft' ? current.version : (current?.version ?? 0) + 1;
    const content: CriteriaTableRecord = { record_id: recordId, type: 'criteria_table', version, group: { code: group.code, year: group.year }, table };
    saveDraft(tx, { recordId, type: 'criteria_table', ownerCode: own, groupCode: group.code, year: group.year }, content, nowIso(store.clock));
  });
  return criteriaView(store, groupId);
}

/** Starts the year's table from the sample that ships with the app, still marked as a sample. */
export function startFromSample(store: Store, groupId: number): CriteriaView {
  const group = getGroup(store.db, groupId);
  return saveCriteriaTable(store, groupId, sampleTable(group.year));
}

/** The leader's own table to send in the kickoff, refused while its checks find errors. */
export function tableToPublish(tx: DbOrTx, groupCode: string, year: number): StoredRecord<CriteriaTableRecord> | undefined {
  const own = currentRecords<CriteriaTableRecord>(tx, 'criteria_table', groupCode, year, requireOwnUnit(tx).code)[0];
  if (!own) return undefined;
  const errors = checkTable(own.content.table).filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new UserError(`Bảng tiêu chí chấm điểm còn ${errors.length} lỗi, chưa gửi được trong gói khởi động: ${errors.slice(0, 3).map((e) => e.message).join(' ')}${errors.length > 3 ? ' …' : ''}`);
  }
  return own;
}
