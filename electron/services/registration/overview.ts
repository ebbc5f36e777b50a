import { eq, sql } from 'drizzle-orm';
import { schema } from '../../../db/client';
import type { ConsolidatedRow, MatrixRow, ParsedInput, Registration } from '../../ipc/contract';
import { getGroup } from '../groups-calendar/groups';
import { titleName } from '../catalogue/catalogue';
import { requireOwnUnit } from '../units-keys/units';
import { isLate } from '../groups-calendar/deadlines';
import { nowIso, type Store } from '../workspace/clock';
import { compareVi, comparePersonNames, matchesVi } from '../text/vietnamese';
import { findRegistration, receivedIn } from './registration';
import { onBehalfEntryOf, type OnBehalfEntry } from './on-behalf';

export interface MemberRegistration {
  member: ReturnType<typeof getGroup>['members'][number];
  registration: Registration | null;
  /** When the member signed and sent it (the bundle's signed created_at): what the deadline judges. */
  sentAt: string | null;
  receivedAt: string | null;
  late: boolean;
  /** The current version was typed in from the member's paper: by whom, when, from what. */
  onBehalf: OnBehalfEntry | null;
}

/** Each member of a group-year with its latest registration: received in a bundle, or our own. */
export function memberRegistrations({ db, clock }: Store, groupId: number): { group: ReturnType<typeof getGroup>; members: MemberRegistration[] } {
  const group = getGroup(db, groupId);
  const own = requireOwnUnit(db);
  const now = nowIso(clock);
  const members = group.members.map((member) => {
    const registration = findRegistration(db, member.code, group.code, group.year);
    let receivedAt: string | null = null;
    let sentAt: string | null = null;
    const onBehalf = registration && member.code !== own.code ? onBehalfEntryOf(db, registration.recordId, registration.version) : null;
    if (registration && member.code === own.code) receivedAt = sentAt = registration.sent?.at ?? null;
    // Typed in from the member's paper: credited with the paper's date.
    else if (onBehalf) receivedAt = sentAt = onBehalf.submittedAt;
    else if (registration) {
      // The latest version's dates are those of the bundle that carried it; one forwarded by the
      // deputy is credited with the date the deputy received it.
      const bundleId = receivedIn(db, registration.recordId, registration.version);
      const row = bundleId
        ? db
            .select({ receivedAt: sql<string>`coalesce(${schema.receivedBundles.submittedAt}, ${schema.receivedBundles.receivedAt})`, sentAt: schema.receivedBundles.createdAt })
            .from(schema.receivedBundles)
            .where(eq(schema.receivedBundles.bundleId, bundleId))
            .get()
        : undefined;
      receivedAt = row?.receivedAt ?? null;
      sentAt = row?.sentAt ?? null;
    }
    const late = isLate(group.registrationDeadline, sentAt, now);
    return { member, registration, sentAt, receivedAt, late, onBehalf };
  });
  return { group, members };
}

export function overview(store: Store, q: ParsedInput<'registration.overview'>): { matrix: MatrixRow[]; rows: ConsolidatedRow[] } {
  const { db } = store;
  const { members } = memberRegistrations(store, q.groupId);
  const ownCode = requireOwnUnit(db).code;
  const matrix = members.map(({ member, registration, sentAt, receivedAt, late, onBehalf }) => ({
    unitCode: member.code,
    unitName: member.name,
    kind: member.kind,
    role: member.role,
    own: member.code === ownCode,
    sentAt,
    receivedAt,
    version: registration?.version ?? null,
    late,
    onBehalf: onBehalf && { enteredBy: onBehalf.enteredBy, enteredAt: onBehalf.enteredAt, note: onBehalf.note, attachmentName: onBehalf.attachmentName },
  }));
  let rows: ConsolidatedRow[] = members.flatMap(({ member, registration, receivedAt, onBehalf }) => {
    if (!registration) return [];
    const base = { unitCode: member.code, unitName: member.name, unitKind: member.kind, receivedAt, onBehalf: !!onBehalf };
    return [
      ...registration.collective.map((c) => ({ ...base, scope: 'collective' as const, personName: '', position: '', titleCode: c.titleCode, titleName: titleName(c.titleCode) })),
      ...registration.individuals.map((p) => ({
        ...base,
        scope: 'individual' as const,
        personName: p.fullName,
        position: p.position,
        titleCode: p.titleCode,
        titleName: titleName(p.titleCode),
      })),
    ];
  });
  rows = rows.filter(
    (r) =>
      (q.scope === 'all' || r.scope === q.scope) &&
      (q.unitKind === 'all' || r.unitKind === q.unitKind) &&
      (!q.titleCode || r.titleCode === q.titleCode) &&
      matchesVi(`${r.unitName} ${r.personName} ${r.position} ${r.titleName}`, q.search),
  );
  const byUnit = (a: ConsolidatedRow, b: ConsolidatedRow) => compareVi(a.unitName, b.unitName);
  const byPerson = (a: ConsolidatedRow, b: ConsolidatedRow) => comparePersonNames(a.personName, b.personName);
  const byTitle = (a: ConsolidatedRow, b: ConsolidatedRow) => compareVi(a.titleName, b.titleName);
  const byReceived = (a: ConsolidatedRow, b: ConsolidatedRow) => (a.receivedAt ?? '').localeCompare(b.receivedAt ?? '');
  const scopeFirst = (a: ConsolidatedRow, b: ConsolidatedRow) => (a.scope === b.scope ? 0 : a.scope === 'collective' ? -1 : 1);
  const orders = {
    unit: [byUnit, scopeFirst, byPerson, byTitle],
    person: [byPerson, byUnit, byTitle],
    title: [byTitle, byUnit, byPerson],
    received: [byReceived, byUnit, scopeFirst, byPerson],
  }[q.sort];
  const sign = q.descending ? -1 : 1;
  rows.sort((a, b) => {
    for (const cmp of orders) {
      const c = cmp(a, b);
      if (c) return sign * c;
    }
    return 0;
  });
  return { matrix, rows };
}
