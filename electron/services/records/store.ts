import { and, desc, eq, max } from 'drizzle-orm';
import { schema, type DbOrTx } from '../../../db/client';

/**
 * The versioned-record store every capability keeps its records in (DESIGN.md §4 "Versions").
 * Versions are judged per record, never per sender, so bundles of different kinds may arrive in any
 * order: a receipt after a registration from the same unit is not "older" than it.
 */

export interface StoredRecord<T = unknown> {
  recordId: string;
  version: number;
  type: string;
  ownerCode: string;
  groupCode: string;
  year: number;
  status: 'draft' | 'frozen' | 'received';
  content: T;
  bundleId: string | null;
  updatedAt: string;
}

type Row = typeof schema.records.$inferSelect;

function fromRow<T>(row: Row): StoredRecord<T> {
  return { ...row, content: JSON.parse(row.content) as T };
}

/** Every version of a record, newest first. */
export function historyOf<T>(db: DbOrTx, recordId: string): StoredRecord<T>[] {
  return db.select().from(schema.records).where(eq(schema.records.recordId, recordId)).orderBy(desc(schema.records.version)).all().map((r) => fromRow<T>(r));
}

/** The current (highest) version of a record. */
export function currentVersion<T>(db: DbOrTx, recordId: string): StoredRecord<T> | undefined {
  return historyOf<T>(db, recordId)[0];
}

/** The current version of each record of a type an owner wrote for a group-year. */
export function currentRecords<T>(db: DbOrTx, type: string, groupCode: string, year: number, ownerCode?: string): StoredRecord<T>[] {
  const rows = db
    .select()
    .from(schema.records)
    .where(and(eq(schema.records.type, type), eq(schema.records.groupCode, groupCode), eq(schema.records.year, year), ownerCode ? eq(schema.records.ownerCode, ownerCode) : undefined))
    .orderBy(desc(schema.records.version))
    .all();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.recordId) && seen.add(r.recordId)).map((r) => fromRow<T>(r));
}

/**
 * The current version of each record of a type, without its content: for whoever keeps what it
 * derives from a record version and reads the content only when that version is new to it.
 */
export function currentVersions(db: DbOrTx, type: string, groupCode: string, year: number, ownerCode?: string): { recordId: string; version: number; ownerCode: string }[] {
  return db
    .select({ recordId: schema.records.recordId, version: max(schema.records.version).mapWith(Number), ownerCode: schema.records.ownerCode })
    .from(schema.records)
    .where(and(eq(schema.records.type, type), eq(schema.records.groupCode, groupCode), eq(schema.records.year, year), ownerCode ? eq(schema.records.ownerCode, ownerCode) : undefined))
    .groupBy(schema.records.recordId)
    .all() as { recordId: string; version: number; ownerCode: string }[];
}

export interface RecordKey {
  recordId: string;
  type: string;
  ownerCode: string;
  groupCode: string;
  year: number;
}

/**
 * Saves this unit's own edit: the draft is changed in place; a frozen (exported) current version is
 * left as sent and the edit becomes version + 1. Content equal to the current version makes nothing.
 */
export function saveDraft<T>(tx: DbOrTx, key: RecordKey, content: T, now: string): StoredRecord<T> {
  const current = currentVersion<T>(tx, key.recordId);
  const json = JSON.stringify(content);
  if (current && JSON.stringify(current.content) === json) return current;
  if (current?.status === 'draft') {
    tx.update(schema.records)
      .set({ content: json, updatedAt: now })
      .where(and(eq(schema.records.recordId, key.recordId), eq(schema.records.version, current.version)))
      .run();
    return { ...current, content, updatedAt: now };
  }
  const version = (current?.version ?? 0) + 1;
  const row = { ...key, version, status: 'draft' as const, content: json, bundleId: null, updatedAt: now };
  tx.insert(schema.records).values(row).run();
  return { ...row, content };
}

/** Marks the version as exported in a bundle: from now on it is what others hold, and stays as it is. */
export function freeze(tx: DbOrTx, recordId: string, version: number, bundleId: string, now: string): void {
  tx.update(schema.records)
    .set({ status: 'frozen', bundleId, updatedAt: now })
    .where(and(eq(schema.records.recordId, recordId), eq(schema.records.version, version)))
    .run();
}

/** Undoes `freeze` when writing the bundle failed. */
export function unfreeze(tx: DbOrTx, recordId: string, version: number): void {
  tx.update(schema.records)
    .set({ status: 'draft', bundleId: null })
    .where(and(eq(schema.records.recordId, recordId), eq(schema.records.version, version)))
    .run();
}

/**
 * 'added': a version not held before (the newest, or history arriving late); 'same': this version is
 * already held; 'stale': an older version than the one held, which never overwrites it (kept as
 * history all the same); a version held with other content is refused by the caller.
 */
export type ReceiveOutcome = 'added' | 'same' | 'stale' | 'conflict';

/** Stores a version received in a bundle, already validated against its type's schema. */
export function receiveRecord<T>(tx: DbOrTx, key: RecordKey, version: number, content: T, bundleId: string, now: string): ReceiveOutcome {
  const held = historyOf<T>(tx, key.recordId);
  const json = JSON.stringify(content);
  const same = held.find((r) => r.version === version);
  if (same) return JSON.stringify(same.content) === json ? 'same' : 'conflict';
  if (held.some((r) => r.ownerCode !== key.ownerCode || r.type !== key.type)) return 'conflict';
  tx.insert(schema.records).values({ ...key, version, status: 'received', content: json, bundleId, updatedAt: now }).run();
  return held.length && held[0]!.version > version ? 'stale' : 'added';
}
