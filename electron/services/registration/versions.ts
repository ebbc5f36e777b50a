import { eq } from 'drizzle-orm';
import { schema, type DbOrTx } from '../../../db/client';
import type { Registration } from '../../ipc/contract';
import { UserError } from '../errors';
import { getGroup } from '../groups-calendar/groups';
import { titleName } from '../catalogue/catalogue';
import { commitmentLabel } from '../documents/registration-doc';
import { foldVi, formatDateVi } from '../text/vietnamese';
import { latestVersion, loadRegistration, registrationVersion, registrationVersions } from './registration';
import { onBehalfEntry, onBehalfText } from './on-behalf';
import type { FieldChange, RegistrationDiff, RegistrationVersion } from './schemas';

/**
 * Versions of a registration (DESIGN.md §4 "Versions"): a member corrects and resends, the leader
 * keeps every version it received, the highest counts, and two versions are compared row by row.
 */

/**
 * Every version of a unit's registration for a group-year, highest first; `current` is the version the
 * overview and the board count (the latest credited, when a paper entry and the member's own bundles meet).
 */
export function registrationHistory(db: DbOrTx, unitCode: string, groupId: number): RegistrationVersion[] {
  const group = getGroup(db, groupId);
  const code = unitCode.toUpperCase();
  const head = latestVersion(db, code, group.code, group.year);
  return registrationVersions(db, code, group.code, group.year).map((reg) => {
    const carrier = reg.status === 'received' ? reg.bundleId : null;
    const bundle = carrier ? db.select().from(schema.receivedBundles).where(eq(schema.receivedBundles.bundleId, carrier)).get() : undefined;
    const entry = bundle ? null : onBehalfEntry(db, carrier);
    const shown = loadRegistration(reg);
    return {
      recordId: reg.recordId,
      version: reg.version,
      status: shown.status,
      current: reg.recordId === head?.recordId && reg.version === head.version,
      at: reg.status === 'received' ? (bundle?.submittedAt ?? bundle?.receivedAt ?? entry?.submittedAt ?? reg.updatedAt) : shown.exportedAt,
      bundleId: carrier,
      forwardedBy: bundle?.forwardedBy ?? null,
      onBehalf: entry ? onBehalfText(entry) : null,
    };
  });
}

function versionOf(db: DbOrTx, recordId: string, version: number): Registration {
  const row = registrationVersion(db, recordId, version);
  if (!row) throw new UserError(`Không tìm thấy phiên bản ${version} của bản đăng ký này.`);
  return loadRegistration(row);
}

type Diff = RegistrationDiff['collective'];

/** Field-level changes between two rows judged the same: only the fields that differ. */
function changes<T>(a: T, b: T, fields: { field: keyof T & string; label: string; show?: (v: T[keyof T]) => string }[]): FieldChange[] {
  return fields
    .filter((f) => a[f.field] !== b[f.field])
    .map((f) => {
      const show = f.show ?? ((v: unknown) => (v === null || v === undefined ? '' : String(v)));
      return { field: f.field, label: f.label, from: show(a[f.field]), to: show(b[f.field]) };
    });
}

/**
 * Matches the rows of two lists by identity: a row whose identity is in both is kept (and compared
 * field by field), the others are added or removed. `fallback` pairs what is left by a looser
 * identity when it is unique on both sides (a person whose birth year was corrected).
 */
function diffRows<T>(
  before: T[],
  after: T[],
  identity: (r: T) => string,
  label: (r: T) => string,
  compare: (a: T, b: T) => FieldChange[],
  fallback?: (r: T) => string,
): Diff {
  const pairs: [T, T][] = [];
  const left = new Map<string, T[]>();
  for (const r of before) left.set(identity(r), [...(left.get(identity(r)) ?? []), r]);
  const unmatchedAfter: T[] = [];
  for (const r of after) {
    const same = left.get(identity(r));
    if (same?.length) pairs.push([same.shift()!, r]);
    else unmatchedAfter.push(r);
  }
  let removed = [...left.values()].flat();
  let added = unmatchedAfter;
  if (fallback) {
    const unique = (rows: T[]) => {
      const counts = new Map<string, number>();
      for (const r of rows) counts.set(fallback(r), (counts.get(fallback(r)) ?? 0) + 1);
      return (r: T) => counts.get(fallback(r)) === 1;
    };
    const uniqueRemoved = unique(removed);
    const uniqueAdded = unique(added);
    for (const r of added.filter(uniqueAdded)) {
      const was = removed.find((x) => uniqueRemoved(x) && fallback(x) === fallback(r));
      if (!was) continue;
      pairs.push([was, r]);
      removed = removed.filter((x) => x !== was);
      added = added.filter((x) => x !== r);
    }
  }
  return {
    added: added.map((r) => ({ label: label(r) })),
    removed: removed.map((r) => ({ label: label(r) })),
    changed: pairs.map(([a, b]) => ({ label: label(b), changes: compare(a, b) })).filter((c) => c.changes.length),
  };
}

const yearText = (y: unknown) => (y === null || y === undefined ? 'không ghi' : String(y));

/** What changed from one version of a registration to another, row by row and field by field. */
export function registrationDiff(db: DbOrTx, recordId: string, fromVersion: number, toVersion: number): RegistrationDiff {
  const a = versionOf(db, recordId, fromVersion);
  const b = versionOf(db, recordId, toVersion);
  type Person = Registration['individuals'][number];
  type Commitment = Registration['commitments'][number];
  const personName = (p: Person) => foldVi(p.fullName);
  const collective = diffRows(
    a.collective,
    b.collective,
    (c) => c.titleCode,
    (c) => titleName(c.titleCode),
    (x, y) => changes(x, y, [{ field: 'note', label: 'Ghi chú' }]),
  );
  const individuals = diffRows<Person>(
    a.individuals,
    b.individuals,
    (p) => `${personName(p)}|${p.birthYear ?? ''}`,
    (p) => (p.birthYear ? `${p.fullName} (${p.birthYear})` : p.fullName),
    (x, y) =>
      changes(x, y, [
        { field: 'fullName', label: 'Họ và tên' },
        { field: 'birthYear', label: 'Năm sinh', show: yearText },
        { field: 'gender', label: 'Giới tính', show: (g) => (g === 'nu' ? 'Nữ' : 'Nam') },
        { field: 'position', label: 'Chức vụ' },
        { field: 'department', label: 'Phòng/bộ phận' },
        { field: 'titleCode', label: 'Danh hiệu', show: (c) => titleName(String(c)) },
      ]),
    personName,
  );
  const commitments = diffRows<Commitment>(
    a.commitments,
    b.commitments,
    (c) => foldVi(c.content),
    (c) => c.content,
    (x, y) => changes(x, y, [{ field: 'kind', label: 'Loại', show: (k) => commitmentLabel[k as Commitment['kind']] }]),
  );
  const document = changes(
    { ...a, recipients: a.recipients.join('; ') },
    { ...b, recipients: b.recipients.join('; ') },
    [
      { field: 'numberSymbol', label: 'Số, ký hiệu' },
      { field: 'place', label: 'Địa danh' },
      { field: 'documentDate', label: 'Ngày ký', show: (d) => formatDateVi(String(d)) },
      { field: 'signerAuthority', label: 'Thẩm quyền ký' },
      { field: 'signerTitle', label: 'Chức vụ người ký' },
      { field: 'signerName', label: 'Người ký' },
      { field: 'recipients', label: 'Nơi nhận' },
    ],
  );
  return { recordId, from: fromVersion, to: toVersion, collective, individuals, commitments, document };
}
