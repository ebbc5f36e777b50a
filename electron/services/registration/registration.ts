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

type Row = typeof schema.registrations.$inferSelect;

/**
 * The current version of a unit's registration for a group-year. A member has one record, unless the
 * leader entered versions on its behalf (on-behalf.ts) before or after it sent its own through the
 * app: then the record credited latest is current, and on the same day the member's signed bundle
 * wins over the typed copy. Within a record the highest version is current.
 */
export function latestVersion(db: DbOrTx, unitCode: string, groupCode: string, year: number): Row | undefined {
  const rows = db
    .select()
    .from(schema.registrations)
    .where(and(eq(schema.registrations.unitCode, unitCode), eq(schema.registrations.groupCode, groupCode), eq(schema.registrations.year, year)))
    .orderBy(desc(schema.registrations.version))
    .all();
  const heads = rows.filter((r, i) => rows.findIndex((x) => x.recordId === r.recordId) === i);
  if (heads.length <= 1) return heads[0];
  const ranked = heads.map((row) => ({ row, at: creditedDate(db, row.recordId, row.version) ?? row.updatedAt, typed: isOnBehalf(db, row.receivedBundleId) }));
  return ranked.reduce((best, x) => {
    const later = daysBefore(x.at, best.at);
    if (later !== 0) return later > 0 ? x : best;
    if (x.typed !== best.typed) return x.typed ? best : x;
    return x.row.version > best.row.version ? x : best;
  }).row;
}

const isOnBehalf = (db: DbOrTx, entryId: string | null) =>
  !!entryId && !!db.select({ id: schema.onBehalfEntries.entryId }).from(schema.onBehalfEntries).where(eq(schema.onBehalfEntries.entryId, entryId)).get();

/**
 * The date a received version is credited with, as the status board judges it: the paper's date for an
 * entry on behalf, else the date the member signed the bundle. Null for our own versions.
 */
export function creditedDate(db: DbOrTx, recordId: string, version: number): string | null {
  const row = db
    .select({ id: schema.registrations.receivedBundleId })
    .from(schema.registrations)
    .where(and(eq(schema.registrations.recordId, recordId), eq(schema.registrations.version, version)))
    .get();
  if (!row?.id) return null;
  const entry = db.select({ at: schema.onBehalfEntries.submittedAt }).from(schema.onBehalfEntries).where(eq(schema.onBehalfEntries.entryId, row.id)).get();
  if (entry) return entry.at;
  return db.select({ at: schema.receivedBundles.createdAt }).from(schema.receivedBundles).where(eq(schema.receivedBundles.bundleId, row.id)).get()?.at ?? null;
}

export function loadRegistration(db: DbOrTx, row: Row): Registration {
  const key = and(eq(schema.registrationTargets.recordId, row.recordId), eq(schema.registrationTargets.version, row.version));
  const targets = db.select().from(schema.registrationTargets).where(key).orderBy(schema.registrationTargets.sortOrder).all();
  const commitments = db
    .select()
    .from(schema.registrationCommitments)
    .where(and(eq(schema.registrationCommitments.recordId, row.recordId), eq(schema.registrationCommitments.version, row.version)))
    .orderBy(schema.registrationCommitments.sortOrder)
    .all();
  return {
    recordId: row.recordId,
    version: row.version,
    status: row.status,
    unitCode: row.unitCode,
    groupCode: row.groupCode,
    year: row.year,
    numberSymbol: row.numberSymbol,
    place: row.place,
    documentDate: row.documentDate,
    signerAuthority: row.signerAuthority,
    signerTitle: row.signerTitle,
    signerName: row.signerName,
    recipients: JSON.parse(row.recipients) as string[],
    exportedAt: row.exportedAt,
    collective: targets.filter((t) => t.scope === 'collective').map((t) => ({ titleCode: t.titleCode, note: t.note })),
    individuals: targets
      .filter((t) => t.scope === 'individual')
      .map((t) => ({
        staffId: t.staffId,
        fullName: t.personName ?? '',
        birthYear: t.birthYear,
        gender: t.gender ?? 'nam',
        position: t.position ?? '',
        department: t.department ?? '',
        titleCode: t.titleCode,
      })),
    commitments: commitments.map((c) => ({ kind: c.kind, content: c.content })),
    sent: null,
  };
}

/** What a version says, without its bookkeeping (status, dates): two saves of the same text compare equal. */
function contentOf(r: Omit<Registration, 'recordId' | 'version' | 'status' | 'unitCode' | 'groupCode' | 'year' | 'exportedAt' | 'sent'>): string {
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
  const row = db
    .select({ version: schema.registrations.version, at: schema.registrations.exportedAt })
    .from(schema.registrations)
    .where(and(eq(schema.registrations.recordId, recordId), eq(schema.registrations.status, 'exported')))
    .orderBy(desc(schema.registrations.version))
    .get();
  return row?.at ? { version: row.version, at: row.at } : null;
}

/** The latest version of a unit's registration for a group-year, or null. */
export function findRegistration(db: DbOrTx, unitCode: string, groupCode: string, year: number): Registration | null {
  const row = latestVersion(db, unitCode, groupCode, year);
  return row ? { ...loadRegistration(db, row), sent: lastSent(db, row.recordId) } : null;
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

export function writeVersion(tx: DbOrTx, head: typeof schema.registrations.$inferInsert, content: Pick<Registration, 'collective' | 'individuals' | 'commitments'>): void {
  tx.insert(schema.registrations).values(head).run();
  const { recordId, version } = head;
  content.collective.forEach((c, i) =>
    tx.insert(schema.registrationTargets).values({ recordId, version, scope: 'collective', titleCode: c.titleCode, note: c.note, sortOrder: i }).run(),
  );
  content.individuals.forEach((p, i) =>
    tx
      .insert(schema.registrationTargets)
      .values({
        recordId,
        version,
        scope: 'individual',
        titleCode: p.titleCode,
        staffId: p.staffId,
        personName: p.fullName,
        birthYear: p.birthYear,
        gender: p.gender,
        position: p.position,
        department: p.department,
        sortOrder: i,
      })
      .run(),
  );
  content.commitments.forEach((c, i) => tx.insert(schema.registrationCommitments).values({ recordId, version, kind: c.kind, content: c.content, sortOrder: i }).run());
}

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
    if (latest && contentOf(loadRegistration(tx, latest)) === contentOf({ ...input, individuals })) return;
    const recordId = latest?.recordId ?? crypto.randomUUID();
    let version = 1;
    if (latest?.status === 'draft') {
      version = latest.version;
      tx.delete(schema.registrations).where(and(eq(schema.registrations.recordId, recordId), eq(schema.registrations.version, version))).run();
    } else if (latest) {
      version = latest.version + 1;
    }
    writeVersion(
      tx,
      {
        recordId,
        version,
        unitCode: own.code,
        groupCode: group.code,
        year: group.year,
        status: 'draft',
        numberSymbol: input.numberSymbol,
        place: input.place,
        documentDate: input.documentDate,
        signerAuthority: input.signerAuthority,
        signerTitle: input.signerTitle,
        signerName: input.signerName,
        recipients: JSON.stringify(input.recipients),
        updatedAt: now,
      },
      { collective: input.collective, individuals, commitments: input.commitments },
    );
  });
  return getOwnRegistration(db, input.groupId)!;
}

export function markExported(tx: DbOrTx, reg: Registration, now: string): void {
  tx.update(schema.registrations)
    .set({ status: 'exported', exportedAt: now })
    .where(and(eq(schema.registrations.recordId, reg.recordId), eq(schema.registrations.version, reg.version), eq(schema.registrations.status, 'draft')))
    .run();
}

/** Undoes markExported when the bundle could not be written. */
export function unfreeze(tx: DbOrTx, reg: Registration): void {
  tx.update(schema.registrations)
    .set({ status: 'draft', exportedAt: null })
    .where(and(eq(schema.registrations.recordId, reg.recordId), eq(schema.registrations.version, reg.version)))
    .run();
}

export function toRecord(reg: Registration, unit: OwnUnit): RegistrationRecord {
  return {
    record_id: reg.recordId,
    type: 'registration',
    version: reg.version,
    unit: { code: unit.code, name: unit.name, kind: unit.kind, province: unit.province, parent_name: unit.parentName },
    group: { code: reg.groupCode, year: reg.year },
    document: {
      number_symbol: reg.numberSymbol,
      place: reg.place,
      date: reg.documentDate,
      signer_authority: reg.signerAuthority,
      signer_title: reg.signerTitle,
      signer_name: reg.signerName,
      recipients: reg.recipients,
    },
    collective: reg.collective.map((c) => ({ title_code: c.titleCode, note: c.note })),
    individuals: reg.individuals.map((p) => ({
      full_name: p.fullName,
      birth_year: p.birthYear,
      gender: p.gender,
      position: p.position,
      department: p.department,
      title_code: p.titleCode,
    })),
    commitments: reg.commitments,
  };
}

/**
 * Stores a registration received in a bundle. A version we already hold is left alone; a higher
 * one is added beside the older ones, which stay as history.
 */
export function applyRegistrationRecord(tx: DbOrTx, signed: RegistrationRecord, bundleId: string, ownCode: string, now: string): 'added' | 'same' | 'stale' {
  // A record is read as signed; its codes are stored upper case like every other code here.
  const record = { ...signed, unit: { ...signed.unit, code: signed.unit.code.toUpperCase() }, group: { ...signed.group, code: signed.group.code.toUpperCase() } };
  if (record.unit.code === ownCode) throw new UserError('Gói hồ sơ chứa bản đăng ký mang mã của chính đơn vị này.');
  const existing = tx
    .select({ version: schema.registrations.version, unitCode: schema.registrations.unitCode })
    .from(schema.registrations)
    .where(eq(schema.registrations.recordId, record.record_id))
    .orderBy(desc(schema.registrations.version))
    .get();
  if (existing && existing.unitCode !== record.unit.code) throw new UserError('Mã bản ghi đăng ký đã thuộc về một đơn vị khác.');
  // Judged per record: an older version never overwrites a newer one.
  if (existing && existing.version >= record.version) return existing.version === record.version ? 'same' : 'stale';
  upsertUnit(tx, { code: record.unit.code, name: record.unit.name, kind: record.unit.kind, province: record.unit.province, parentName: record.unit.parent_name }, ownCode, now);
  const d = record.document;
  writeVersion(
    tx,
    {
      recordId: record.record_id,
      version: record.version,
      unitCode: record.unit.code,
      groupCode: record.group.code,
      year: record.group.year,
      status: 'received',
      numberSymbol: d.number_symbol,
      place: d.place,
      documentDate: d.date,
      signerAuthority: d.signer_authority,
      signerTitle: d.signer_title,
      signerName: d.signer_name,
      recipients: JSON.stringify(d.recipients),
      updatedAt: now,
      receivedBundleId: bundleId,
    },
    {
      collective: record.collective.map((c) => ({ titleCode: c.title_code, note: c.note })),
      individuals: record.individuals.map((p) => ({
        staffId: null,
        fullName: p.full_name,
        birthYear: p.birth_year,
        gender: p.gender,
        position: p.position,
        department: p.department,
        titleCode: p.title_code,
      })),
      commitments: record.commitments,
    },
  );
  return 'added';
}
