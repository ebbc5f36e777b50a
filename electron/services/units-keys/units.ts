import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { schema, writeTransaction, type DbOrTx } from '../../../db/client';
import type { OwnUnit, Unit } from '../../ipc/contract';
import type { Workspace } from '../workspace/workspace';
import { nowIso, type Clock, type Store } from '../workspace/clock';
import { UserError } from '../errors';
import { fingerprintWords, formatFingerprint } from './keys';
import { formatDateVi, localDate } from '../text/vietnamese';

/** Today's date in Vietnam, for the date line of a document. */
export function todayVi(clock: Clock): string {
  return localDate(nowIso(clock));
}

export function getOwnUnit(db: DbOrTx): OwnUnit | null {
  const row = db
    .select()
    .from(schema.ownUnit)
    .innerJoin(schema.units, eq(schema.units.code, schema.ownUnit.unitCode))
    .get();
  if (!row) return null;
  const { code, name, kind, province, parentName } = row.units;
  const keyId = row.own_unit.keyId;
  return {
    code,
    name,
    kind,
    province,
    parentName,
    keyId,
    fingerprint: formatFingerprint(keyId),
    fingerprintWords: fingerprintWords(keyId),
    codeLockedReason: codeLockedReason(db),
  };
}

/** Other units know us by the code in our first sent bundle; after it, a new code would make our bundles a stranger's. */
function codeLockedReason(db: DbOrTx): string {
  const first = db.select({ at: schema.sentBundles.createdAt }).from(schema.sentBundles).orderBy(asc(schema.sentBundles.seq)).limit(1).get();
  if (!first) return '';
  return `Mã đơn vị đã dùng trong gói hồ sơ gửi ngày ${formatDateVi(first.at)} nên không đổi được: các đơn vị khác đã biết đơn vị theo mã này.`;
}

/**
 * Corrects the own unit's details. The code changes with every row that stores it, in one
 * transaction, and only until the first export; the signing key stays.
 */
export function updateOwnUnit({ db, clock }: Store, unit: Unit): OwnUnit {
  writeTransaction(db, (tx) => {
    const own = requireOwnUnit(tx);
    const at = nowIso(clock);
    const details = { name: unit.name, kind: unit.kind, province: unit.province, parentName: unit.parentName, updatedAt: at };
    if (unit.code === own.code) {
      tx.update(schema.units).set(details).where(eq(schema.units.code, own.code)).run();
      return;
    }
    const locked = codeLockedReason(tx);
    if (locked) throw new UserError(locked);
    const taken = tx.select({ name: schema.units.name }).from(schema.units).where(eq(schema.units.code, unit.code)).get();
    if (taken) throw new UserError(`Mã ${unit.code} đã là mã của ${taken.name}; hãy chọn mã khác.`);
    // Codes are foreign keys without ON UPDATE: add the new row, move every reference, then drop the old one.
    tx.insert(schema.units).values({ code: unit.code, ...details }).run();
    tx.update(schema.ownUnit).set({ unitCode: unit.code }).run();
    tx.update(schema.pinnedKeys).set({ unitCode: unit.code }).where(eq(schema.pinnedKeys.unitCode, own.code)).run();
    tx.update(schema.groupMembers).set({ unitCode: unit.code }).where(eq(schema.groupMembers.unitCode, own.code)).run();
    tx.update(schema.records).set({ ownerCode: unit.code }).where(eq(schema.records.ownerCode, own.code)).run();
    tx.delete(schema.units).where(eq(schema.units.code, own.code)).run();
  });
  return requireOwnUnit(db);
}

export function requireOwnUnit(db: DbOrTx): OwnUnit {
  const unit = getOwnUnit(db);
  if (!unit) throw new UserError('Chưa thiết lập đơn vị sử dụng phần mềm.');
  return unit;
}

/** Records what we know of another unit; our own unit's details are only changed by its own setup. */
export function upsertUnit(tx: DbOrTx, unit: Unit, ownCode: string | null, now: string): void {
  if (unit.code === ownCode) return;
  const values = { ...unit, updatedAt: now };
  tx.insert(schema.units).values(values).onConflictDoUpdate({ target: schema.units.code, set: values }).run();
}

const ALREADY_SET_UP = 'Đơn vị đã được thiết lập trên máy này.';

/**
 * First start: records the unit and makes its signing key. Two set-ups at once (two clicks, two
 * windows on one data folder) are decided under the database's write lock: the winner's key is
 * renamed into place with its rows, the loser's never lands and its file is removed.
 */
export async function setupUnit(ws: Workspace, unit: Unit): Promise<OwnUnit> {
  if (getOwnUnit(ws.db)) throw new UserError(ALREADY_SET_UP);
  const key = await ws.keys.prepare();
  try {
    const at = nowIso(ws.clock);
    writeTransaction(ws.db, (tx) => {
      if (getOwnUnit(tx)) throw new UserError(ALREADY_SET_UP);
      tx.insert(schema.units).values({ ...unit, updatedAt: at }).onConflictDoUpdate({ target: schema.units.code, set: { ...unit, updatedAt: at } }).run();
      tx.insert(schema.ownUnit).values({ id: 1, unitCode: unit.code, keyId: key.keyId, createdAt: at }).run();
      tx.insert(schema.pinnedKeys).values({ keyId: key.keyId, unitCode: unit.code, publicKey: key.rawPublic.toString('base64'), source: 'own', pinnedAt: at }).run();
      key.keep();
    });
  } finally {
    await key.discard();
  }
  return requireOwnUnit(ws.db);
}

export interface PinnedKey {
  keyId: string;
  replacedBy: string | null;
  replacedAt: string | null;
}

/** Every key pinned for a unit, current and replaced. */
export function pinnedKeysOf(db: DbOrTx, unitCode: string): PinnedKey[] {
  return db
    .select({ keyId: schema.pinnedKeys.keyId, replacedBy: schema.pinnedKeys.replacedBy, replacedAt: schema.pinnedKeys.replacedAt })
    .from(schema.pinnedKeys)
    .where(eq(schema.pinnedKeys.unitCode, unitCode))
    .all();
}

/** The keys a unit signs with now: a replaced key is history only. */
export function currentKeysOf(db: DbOrTx, unitCode: string): PinnedKey[] {
  return pinnedKeysOf(db, unitCode).filter((k) => !k.replacedAt);
}

/** Marks every other current key of the unit as replaced by `keyId` (pinned already). */
export function retireKeys(tx: DbOrTx, unitCode: string, keyId: string, now: string): void {
  tx.update(schema.pinnedKeys)
    .set({ replacedBy: keyId, replacedAt: now })
    .where(and(eq(schema.pinnedKeys.unitCode, unitCode), ne(schema.pinnedKeys.keyId, keyId), isNull(schema.pinnedKeys.replacedAt)))
    .run();
}

/**
 * A new signing key for this unit, when the old one was lost with its computer (or may have been
 * copied). Bundles go out signed with the new key from now on; other units hold them until a person
 * has compared the new fingerprint by phone, and then refuse new bundles signed with the old key.
 */
export async function replaceOwnKey(ws: Workspace): Promise<OwnUnit> {
  requireOwnUnit(ws.db);
  const key = await ws.keys.prepare();
  try {
    const at = nowIso(ws.clock);
    writeTransaction(ws.db, (tx) => {
      const own = requireOwnUnit(tx);
      tx.insert(schema.pinnedKeys).values({ keyId: key.keyId, unitCode: own.code, publicKey: key.rawPublic.toString('base64'), source: 'own', pinnedAt: at }).run();
      retireKeys(tx, own.code, key.keyId, at);
      tx.update(schema.ownUnit).set({ keyId: key.keyId }).run();
      key.keep();
    });
  } finally {
    await key.discard();
  }
  return requireOwnUnit(ws.db);
}
