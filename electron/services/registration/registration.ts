import crypto from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { schema, writeTransaction, type Db, type DbOrTx } from '../../../db/client';
import type { OwnUnit, ParsedInput, Registration } from '../../ipc/contract';
import { UserError } from '../errors';
import { getGroup } from '../groups-calendar/groups';
import { catalogue, requireTitle } from '../catalogue/catalogue';
import { registrationConflicts } from '../catalogue/conflicts';
import { requireOwnUnit, upsertUnit } from '../units-keys/units';
import { nowIso, type Store } from '../workspace/clock';
import { comparePersonNames, formatDateVi } from '../text/vietnamese';
import { daysBefore, deadlineStatus } from '../groups-calendar/deadlines';
import type { DeadlineStatus } from '../groups-calendar/schemas';
import type { RegistrationRecord } from './record';
import { documentYearProblem } from './schemas';
import { freeze, historyOf, receiveRecord, saveDraft, unfreeze, type StoredRecord } from '../records/store';

/**
 * A registration version as the records store keeps it (type 'registration'): the record as it travels,
 * format 1 (record.ts). Our own versions add `staff_id` to each person, the local staff row it was
 * picked from, so the form shows the person again and the next save takes the staff list's current
 * details; it means nothing elsewhere and never leaves this installation (bundleRecord drops it).
 */
type StoredPerson = RegistrationRecord['individuals'][number] & { staff_id?: number };
export type RegistrationContent = Omit<RegistrationRecord, 'individuals'> & { individuals: StoredPerson[] };
export type StoredRegistration = StoredRecord<RegistrationContent>;

const TYPE = 'registration';

/** Every version of a unit's registrations for a group-year, highest version first. */
export function registrationVersions(db: DbOrTx, unitCode: string, groupCode: string, year: number): StoredRegistration[] {
  const r = schema.records;
  return db
    .select()
    .from(r)
    .where(and(eq(r.type, TYPE), eq(r.ownerCode, unitCode), eq(r.groupCode, groupCode), eq(r.year, year)))
    .orderBy(desc(r.version))
    .all()
    .map((row) => ({ ...row, content: JSON.parse(row.content) as RegistrationContent }));
}

/** One version of a registration record, or undefined. */
export function registrationVersion(db: DbOrTx, recordId: string, version: number): StoredRegistration | undefined {
  return historyOf<RegistrationContent>(db, recordId).find((r) => r.type === TYPE && r.version === version);
}

/**
 * The current version of a unit's registration for a group-year. A member has one record, unless the
 * leader entered versions on its behalf (on-behalf.ts) before or after it sent its own through the
 * app: then the record credited latest is current, and on the same day the member's signed bundle
 * wins over the typed copy. Within a record the highest version is current.
 */
export function latestVersion(db: DbOrTx, unitCode: string, groupCode: string, year: number): StoredRegistration | undefined {
  const rows = registrationVersions(db, unitCode, groupCode, year);
  const heads = rows.filter((r, i) => rows.findIndex((x) => x.recordId === r.recordId) === i);
  if (heads.length <= 1) return heads[0];
  const ranked = heads.map((row) => ({ row, at: creditedDate(db, row.recordId, row.version) ?? row.updatedAt, typed: isOnBehalf(db, row) }));
  return ranked.reduce((best, x) => {
    const later = daysBefore(x.at, best.at);
    if (later !== 0) return later > 0 ? x : best;
    if (x.typed !== best.typed) return x.typed ? best : x;
    return x.row.version > best.row.version ? x : best;
  }).row;
}

/** Our own frozen versions name the bundle they went out in; only a received one's names where it came from. */
const carrierOf = (row: StoredRegistration | undefined) => (row?.status === 'received' ? row.bundleId : null);

const isOnBehalf = (db: DbOrTx, row: StoredRegistration) => {
  const entryId = carrierOf(row);
  return !!entryId && !!db.select({ id: schema.onBehalfEntries.entryId }).from(schema.onBehalfEntries).where(eq(schema.onBehalfEntries.entryId, entryId)).get();
};

/** The bundle or the entry on behalf a received version came in; null for our own versions. */
export function receivedIn(db: DbOrTx, recordId: string, version: number): string | null {
  return carrierOf(registrationVersion(db, recordId, version));
}

/**
 * The date a received version is credited with, as the status board judges it: the paper's date for an
 * entry on behalf, else the date the member signed the bundle. Null for our own versions.
 */
export function creditedDate(db: DbOrTx, recordId: string, version: number): string | null {
  const id = receivedIn(db, recordId, version);
  if (!id) return null;
  const entry = db.select({ at: schema.onBehalfEntries.submittedAt }).from(schema.onBehalfEntries).where(eq(schema.onBehalfEntries.entryId, id)).get();
  if (entry) return entry.at;
  return db.select({ at: schema.receivedBundles.createdAt }).from(schema.receivedBundles).where(eq(schema.receivedBundles.bundleId, id)).get()?.at ?? null;
}

const statusNames = { draft: 'draft', frozen: 'exported', received: 'received' } as const;

/** A stored version as the screens read it. */
export function loadRegistration(row: StoredRegistration): Registration {
  const c = row.content;
  const d = c.document;
  return {
    recordId: row.recordId,
    version: row.version,
    status: statusNames[row.status],
    unitCode: row.ownerCode,
    groupCode: row.groupCode,
    year: row.year,
    numberSymbol: d.number_symbol,
    place: d.place,
    documentDate: d.date,
    signerAuthority: d.signer_authority,
    signerTitle: d.signer_title,
    signerName: d.signer_name,
    recipients: d.recipients,
    // Freezing stamps the version with the moment it was exported.
    exportedAt: row.status === 'frozen' ? row.updatedAt : null,
    collective: c.collective.map((t) => ({ titleCode: t.title_code, note: t.note })),
    individuals: c.individuals.map((p) => ({
      staffId: p.staff_id ?? null,
      fullName: p.full_name,
      birthYear: p.birth_year,
      gender: p.gender,
      position: p.position,
      department: p.department,
      titleCode: p.title_code,
    })),
    commitments: c.commitments.map((x) => ({ kind: x.kind, content: x.content })),
    sent: null,
  };
}

/** What a version says, without its bookkeeping (status, dates): two saves of the same text compare equal. */
function contentOf(r: Pick<Registration, 'numberSymbol' | 'place' | 'documentDate' | 'signerAuthority' | 'signerTitle' | 'signerName' | 'recipients' | 'collective' | 'individuals' | 'commitments'>): string {
  return JSON.stringify([
    r.numberSymbol,
    r.place,
    r.documentDate,
    r.signerAuthority,
    r.signerTitle,
    r.signerName,
    r.recipients,
    r.collective.map((c) => [c.titleCode, c.note]),
    r.individuals.map((p) => [p.staffId, p.fullName, p.birthYear, p.gender, p.position, p.department, p.titleCode]),
    r.commitments.map((c) => [c.kind, c.content]),
  ]);
}

/** The latest version this unit exported (and so sent); a later draft does not unsend it. */
function lastSent(db: DbOrTx, recordId: string): Registration['sent'] {
  const row = historyOf(db, recordId).find((r) => r.status === 'frozen');
  return row ? { version: row.version, at: row.updatedAt } : null;
}

/** The latest version of a unit's registration for a group-year, or null. */
export function findRegistration(db: DbOrTx, unitCode: string, groupCode: string, year: number): Registration | null {
  const row = latestVersion(db, unitCode, groupCode, year);
  return row ? { ...loadRegistration(row), sent: lastSent(db, row.recordId) } : null;
}

export function getOwnRegistration(db: Db, groupId: number): Registration | null {
  const group = getGroup(db, groupId);
  return findRegistration(db, requireOwnUnit(db).code, group.code, group.year);
}

/** The member's deadline for this group-year, judged against when its registration was last sent. */
export function ownDeadline({ db, clock }: Store, groupId: number): DeadlineStatus {
  const group = getGroup(db, groupId);
  return deadlineStatus(group.registrationDeadline, getOwnRegistration(db, groupId)?.sent?.at ?? null, nowIso(clock));
}

/** Days a signing date may lie after today: a letter is dated ahead for a planned signing, not for years. */
const MAX_DAYS_AHEAD = 90;

/**
 * A signing date a clerk could mean: in the group's year or a year next to it (a 2022 registration
 * may be signed in late 2021 or early 2023), and at most about three months after today.
 */
export function checkDocumentDate(isoDate: string, groupYear: number, now: string): void {
  const yearProblem = documentYearProblem(isoDate, groupYear);
  if (yearProblem) throw new UserError(yearProblem);
  const ahead = daysBefore(isoDate, now);
  if (ahead > MAX_DAYS_AHEAD) {
    throw new UserError(`Ngày ký ${formatDateVi(isoDate)} muộn hơn hôm nay ${ahead} ngày: ngày ký không được sau hôm nay quá ${MAX_DAYS_AHEAD} ngày.`);
  }
}

/**
 * A registration as record format 1, its keys in the schema's order: what a version built here and
 * one received compare as. `unit` and `group` are the codes as stored (upper case).
 */
export function registrationContent(
  head: { recordId: string; version: number; unit: RegistrationRecord['unit']; groupCode: string; year: number },
  reg: Pick<Registration, 'numberSymbol' | 'place' | 'documentDate' | 'signerAuthority' | 'signerTitle' | 'signerName' | 'recipients' | 'collective' | 'commitments'> & {
    individuals: (Omit<Registration['individuals'][number], 'staffId'> & { staffId?: number | null })[];
  },
): RegistrationContent {
  const u = head.unit;
  return {
    record_id: head.recordId,
    type: 'registration',
    version: head.version,
    unit: { code: u.code, name: u.name, kind: u.kind, province: u.province, parent_name: u.parent_name },
    group: { code: head.groupCode, year: head.year },
    document: {
      number_symbol: reg.numberSymbol,
      place: reg.place,
      date: reg.documentDate,
      signer_authority: reg.signerAuthority,
      signer_title: reg.signerTitle,
      signer_name: reg.signerName,
      recipients: [...reg.recipients],
    },
    collective: reg.collective.map((c) => ({ title_code: c.titleCode, note: c.note })),
    individuals: reg.individuals.map((p) => ({
      full_name: p.fullName,
      birth_year: p.birthYear,
      gender: p.gender,
      position: p.position,
      department: p.department,
      title_code: p.titleCode,
      ...(p.staffId ? { staff_id: p.staffId } : {}),
    })),
    commitments: reg.commitments.map((c) => ({ kind: c.kind, content: c.content })),
  };
}

const unitOf = (unit: Pick<OwnUnit, 'code' | 'name' | 'kind' | 'province' | 'parentName'>): RegistrationRecord['unit'] => ({
  code: unit.code,
  name: unit.name,
  kind: unit.kind,
  province: unit.province,
  parent_name: unit.parentName,
});

/**
 * Saves the unit's registration. A draft is replaced in place; once a version has been exported it
 * is frozen, and saving makes the next version. A save that changes nothing writes nothing, so
 * printing or exporting again (which save first) never makes an identical version.
 */
export function saveRegistration({ db, clock }: Store, input: ParsedInput<'registration.save'>): Registration {
  const own = requireOwnUnit(db);
  const group = getGroup(db, input.groupId);
  const now = nowIso(clock);
  checkDocumentDate(input.documentDate, group.year, now);
  input.collective.forEach((c) => requireTitle(c.titleCode, 'collective'));
  input.individuals.forEach((p) => requireTitle(p.titleCode, 'individual'));
  const staffById = new Map(db.select().from(schema.staff).all().map((s) => [s.id, s]));
  const individuals = input.individuals.map((p) => {
    const s = staffById.get(p.staffId);
    if (!s) throw new UserError('Một cán bộ trong danh sách đăng ký không còn trong danh sách cán bộ.');
    return { staffId: s.id, fullName: s.fullName, birthYear: s.birthYear, gender: s.gender, position: s.position, department: s.department, titleCode: p.titleCode };
  });
  individuals.sort((a, b) => comparePersonNames(a.fullName, b.fullName));
  const conflicts = registrationConflicts(catalogue, input.collective, input.individuals);
  if (conflicts.length) {
    const nameOf = (staffId: number | null) => (staffId === null ? '' : `${staffById.get(staffId)?.fullName ?? ''}: `);
    throw new UserError(conflicts.map((c) => nameOf(c.staffId) + c.message).join('\n'));
  }

  writeTransaction(db, (tx) => {
    const latest = latestVersion(tx, own.code, group.code, group.year);
    if (latest && contentOf(loadRegistration(latest)) === contentOf({ ...input, individuals })) return;
    const recordId = latest?.recordId ?? crypto.randomUUID();
    // saveDraft keeps a draft's version and gives a frozen one's successor the next.
    const version = latest?.status === 'draft' ? latest.version : (latest?.version ?? 0) + 1;
    const key = { recordId, type: TYPE, ownerCode: own.code, groupCode: group.code, year: group.year };
    saveDraft(tx, key, registrationContent({ recordId, version, unit: unitOf(own), groupCode: group.code, year: group.year }, { ...input, individuals }), now);
  });
  return getOwnRegistration(db, input.groupId)!;
}

/** The record as it travels in a bundle: the stored version without its local staff links. */
export function bundleRecord(content: RegistrationContent): RegistrationRecord {
  return { ...content, individuals: content.individuals.map(({ staff_id: _local, ...p }) => p) };
}

/**
 * Freezes the unit's current draft as exported in a bundle, first stamped with the unit's details as
 * they are now (a code corrected after the last save included), and returns what the bundle carries
 * and how to put the draft back if the bundle cannot be written. A version already exported is sent
 * again as it was frozen.
 */
export function freezeForExport(tx: DbOrTx, reg: Registration, own: OwnUnit, bundleId: string, now: string): { record: RegistrationRecord; undo: (tx: DbOrTx) => void } {
  const stored = registrationVersion(tx, reg.recordId, reg.version)!;
  if (stored.status !== 'draft') return { record: bundleRecord(stored.content), undo: () => {} };
  const content = { ...stored.content, unit: unitOf(own) };
  const key = { recordId: stored.recordId, type: TYPE, ownerCode: stored.ownerCode, groupCode: stored.groupCode, year: stored.year };
  saveDraft(tx, key, content, stored.updatedAt);
  freeze(tx, stored.recordId, stored.version, bundleId, now);
  return {
    record: bundleRecord(content),
    undo(undoTx) {
      unfreeze(undoTx, stored.recordId, stored.version);
      saveDraft(undoTx, key, stored.content, stored.updatedAt);
    },
  };
}

/**
 * Stores a registration received in a bundle. A version we already hold is left alone; a higher
 * one is added beside the older ones, which stay as history.
 */
export function applyRegistrationRecord(tx: DbOrTx, signed: RegistrationRecord, bundleId: string, ownCode: string, now: string): 'added' | 'same' | 'stale' {
  // A record is read as signed; its codes are stored upper case like every other code here.
  const unit = { ...signed.unit, code: signed.unit.code.toUpperCase() };
  if (unit.code === ownCode) throw new UserError('Gói hồ sơ chứa bản đăng ký mang mã của chính đơn vị này.');
  const held = historyOf(tx, signed.record_id);
  if (held.some((r) => r.type !== TYPE || r.ownerCode !== unit.code)) throw new UserError('Mã bản ghi đăng ký đã thuộc về một đơn vị khác.');
  // The record's version is its identity: one held already is the same, whatever the unit's details
  // said the day it was sent again.
  if (held.some((r) => r.version === signed.version)) return 'same';
  const groupCode = signed.group.code.toUpperCase();
  const content = registrationContent(
    { recordId: signed.record_id, version: signed.version, unit, groupCode, year: signed.group.year },
    {
      numberSymbol: signed.document.number_symbol,
      place: signed.document.place,
      documentDate: signed.document.date,
      signerAuthority: signed.document.signer_authority,
      signerTitle: signed.document.signer_title,
      signerName: signed.document.signer_name,
      recipients: signed.document.recipients,
      collective: signed.collective.map((c) => ({ titleCode: c.title_code, note: c.note })),
      individuals: signed.individuals.map((p) => ({ fullName: p.full_name, birthYear: p.birth_year, gender: p.gender, position: p.position, department: p.department, titleCode: p.title_code })),
      commitments: signed.commitments,
    },
  );
  // Judged per record: an older version never overwrites a newer one (the importer keeps no bundle that only brought one).
  const outcome = receiveRecord(tx, { recordId: signed.record_id, type: TYPE, ownerCode: unit.code, groupCode, year: signed.group.year }, signed.version, content, bundleId, now);
  if (outcome === 'added') upsertUnit(tx, { code: unit.code, name: unit.name, kind: unit.kind, province: unit.province, parentName: unit.parent_name }, ownCode, now);
  return outcome === 'added' ? 'added' : 'stale';
}
