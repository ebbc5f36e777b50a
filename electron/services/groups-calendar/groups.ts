import { and, eq, inArray } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { schema, writeTransaction, type Db, type DbOrTx } from '../../../db/client';
import type { Group, ParsedInput } from '../../ipc/contract';
import { UserError } from '../errors';
import { formatFingerprint } from '../units-keys/keys';
import { currentKeysOf, requireOwnUnit, upsertUnit } from '../units-keys/units';
import { nowIso, type Store } from '../workspace/clock';
import { compareVi, foldVi } from '../text/vietnamese';
import type { Role } from './schemas';
import { milestoneDeadline, ownPlan, saveOwnPlan, setRegistrationDeadline } from './plan';
import { planTemplate } from './template';

type GroupInput = ParsedInput<'groups-calendar.save'>;

const roleOrder = { leader: 0, deputy: 1, member: 2 } as const;

function checkMembers(input: GroupInput, ownCode: string): void {
  const codes = new Set<string>();
  for (const m of input.members) {
    if (codes.has(m.code)) throw new UserError(`Mã đơn vị ${m.code} bị nhập hai lần.`);
    codes.add(m.code);
  }
  const leaders = input.members.filter((m) => m.role === 'leader');
  if (leaders.length !== 1) throw new UserError('Khu vực/Cụm thi đua phải có đúng một Trưởng.');
  if (input.members.filter((m) => m.role === 'deputy').length > 1) throw new UserError('Khu vực/Cụm thi đua chỉ có một Phó Trưởng.');
  if (!codes.has(ownCode)) throw new UserError('Đơn vị của mình phải có trong danh sách thành viên.');
}

/** Creates or replaces a group-year with its members; fingerprints given here are pinned in advance. */
export function saveGroup({ db, clock }: Store, input: GroupInput): Group {
  const own = requireOwnUnit(db);
  checkMembers(input, own.code);
  const now = nowIso(clock);
  const id = writeTransaction(db, (tx) => {
    const clash = tx
      .select({ id: schema.emulationGroups.id })
      .from(schema.emulationGroups)
      .where(and(eq(schema.emulationGroups.code, input.code), eq(schema.emulationGroups.year, input.year)))
      .get();
    if (clash && clash.id !== input.id) throw new UserError(`Đã có Khu vực/Cụm mã ${input.code} năm ${input.year}.`);
    let groupId = input.id;
    const fields = { code: input.code, name: input.name, year: input.year, kind: input.kind };
    if (groupId) {
      const updated = tx.update(schema.emulationGroups).set(fields).where(eq(schema.emulationGroups.id, groupId)).run();
      if (updated.changes === 0) throw new UserError('Không tìm thấy Khu vực/Cụm thi đua cần sửa.');
      tx.delete(schema.groupMembers).where(eq(schema.groupMembers.groupId, groupId)).run();
    } else {
      groupId = tx.insert(schema.emulationGroups).values({ ...fields, createdAt: now }).returning({ id: schema.emulationGroups.id }).get().id;
    }
    // The calendar owns the deadline; the form edits the registration milestone of this unit's plan.
    const leading = input.members.some((m) => m.code === own.code && m.role === 'leader');
    const planRef = { code: input.code, year: input.year, kind: input.kind, leading };
    if (input.registrationDeadline !== undefined) setRegistrationDeadline(tx, planRef, input.registrationDeadline || null, now);
    // A leader's group starts with the year's plan from the template; its dates are the leader's to change.
    else if (leading && !ownPlan(tx, input.code, input.year)) saveOwnPlan(tx, input.code, input.year, planTemplate(input.year, input.kind), now);
    for (const { role, fingerprint, gatheredByDeputy, ...unit } of input.members) {
      upsertUnit(tx, unit, own.code, now);
      tx.insert(schema.groupMembers).values({ groupId, unitCode: unit.code, role, gatheredByDeputy: role === 'member' && gatheredByDeputy }).run();
      if (fingerprint && unit.code !== own.code) {
        // Typing another fingerprint must not quietly trust a second key beside the first.
        const current = currentKeysOf(tx, unit.code);
        if (current.length && !current.some((k) => k.keyId === fingerprint)) {
          throw new UserError(
            `${unit.name} đã được ghim khóa ${formatFingerprint(current[0]!.keyId)}; hãy giữ nguyên dấu vân tay đã ghim. Khi đơn vị thay khóa, khóa mới được xác nhận lúc nhận gói đầu tiên ký bằng khóa đó.`,
          );
        }
        pinKey(tx, unit.code, fingerprint, 'group_setup', now);
      }
    }
    return groupId;
  });
  return getGroup(db, id);
}

/**
 * Deletes a group-year declared by mistake, with its members and own drafts. Once a bundle was sent
 * or received for it, other units hold records naming it, so it stays and the reason is said.
 */
export function removeGroup(db: Db, groupId: number): { removed: boolean } {
  writeTransaction(db, (tx) => {
    const group = tx.select().from(schema.emulationGroups).where(eq(schema.emulationGroups.id, groupId)).get();
    if (!group) throw new UserError('Không tìm thấy Khu vực/Cụm thi đua cần xóa.');
    const of = (t: { groupCode: SQLiteColumn; year: SQLiteColumn }) => and(eq(t.groupCode, group.code), eq(t.year, group.year));
    const count = (rows: unknown[]) => rows.length;
    const sent = count(tx.select({ id: schema.sentBundles.bundleId }).from(schema.sentBundles).where(of(schema.sentBundles)).all());
    const received = count(tx.select({ id: schema.receivedBundles.bundleId }).from(schema.receivedBundles).where(of(schema.receivedBundles)).all());
    const held = count(tx.select({ id: schema.quarantinedBundles.id }).from(schema.quarantinedBundles).where(of(schema.quarantinedBundles)).all());
    const kept = count(
      tx
        .select({ id: schema.records.recordId })
        .from(schema.records)
        .where(and(of(schema.records), eq(schema.records.type, 'registration'), inArray(schema.records.status, ['frozen', 'received'])))
        .all(),
    );
    const reasons = [
      sent && `${sent} gói hồ sơ đã gửi`,
      received && `${received} gói hồ sơ đã nhận`,
      held && `${held} gói hồ sơ đang chờ xác nhận khóa`,
      !sent && !received && kept && `${kept} bản đăng ký đã xuất hoặc đã nhận`,
    ].filter(Boolean);
    if (reasons.length) {
      throw new UserError(
        `Không xóa được Khu vực/Cụm ${group.code} năm ${group.year} vì đã có ${reasons.join(', ')}: các đơn vị khác đang giữ hồ sơ gắn với Khu vực/Cụm này.`,
      );
    }
    // Only own registration drafts are left to go; members go with the group (ON DELETE CASCADE).
    tx.delete(schema.records).where(and(of(schema.records), eq(schema.records.type, 'registration'))).run();
    tx.delete(schema.emulationGroups).where(eq(schema.emulationGroups.id, groupId)).run();
  });
  return { removed: true };
}

export function pinKey(tx: DbOrTx, unitCode: string, keyId: string, source: 'group_setup' | 'quarantine_confirmed' | 'kickoff', now: string, publicKey?: string): void {
  const existing = tx.select().from(schema.pinnedKeys).where(eq(schema.pinnedKeys.keyId, keyId)).get();
  if (existing && existing.unitCode !== unitCode) {
    throw new UserError(`Khóa ${formatFingerprint(keyId)} đã được ghim cho đơn vị ${existing.unitCode}, không thể dùng cho ${unitCode}.`);
  }
  if (existing) {
    if (publicKey && !existing.publicKey) tx.update(schema.pinnedKeys).set({ publicKey }).where(eq(schema.pinnedKeys.keyId, keyId)).run();
    return;
  }
  tx.insert(schema.pinnedKeys).values({ keyId, unitCode, publicKey: publicKey ?? null, source, pinnedAt: now }).run();
}

/** Where a unit's own submissions go: the group's leader and deputy, other than the unit itself. */
export const leaderAndDeputy = (group: Pick<Group, 'members'>, ownCode: string): string[] => group.members.filter((m) => m.role !== 'member' && m.code !== ownCode).map((m) => m.code);

export function getGroup(db: DbOrTx, id: number): Group {
  const group = db.select().from(schema.emulationGroups).where(eq(schema.emulationGroups.id, id)).get();
  if (!group) throw new UserError('Không tìm thấy Khu vực/Cụm thi đua.');
  const own = requireOwnUnit(db);
  const rows = db
    .select({ unit: schema.units, role: schema.groupMembers.role, gatheredByDeputy: schema.groupMembers.gatheredByDeputy })
    .from(schema.groupMembers)
    .innerJoin(schema.units, eq(schema.units.code, schema.groupMembers.unitCode))
    .where(eq(schema.groupMembers.groupId, id))
    .all();
  const keys = db.select().from(schema.pinnedKeys).all();
  const members = rows
    .map(({ unit, role, gatheredByDeputy }) => {
      const key = keys.find((k) => k.unitCode === unit.code && !k.replacedAt);
      return {
        code: unit.code,
        name: unit.name,
        kind: unit.kind,
        province: unit.province,
        parentName: unit.parentName,
        role,
        fingerprint: key ? formatFingerprint(key.keyId) : '',
        gatheredByDeputy,
      };
    })
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || compareVi(a.name, b.name));
  const ownRole = members.find((m) => m.code === own.code)?.role ?? 'member';
  return {
    id: group.id,
    code: group.code,
    name: group.name,
    year: group.year,
    kind: group.kind,
    registrationDeadline: milestoneDeadline(db, group.code, group.year, 'registration'),
    ownRole,
    members,
  };
}

export function listGroups(db: Db): Group[] {
  return db
    .select({ id: schema.emulationGroups.id })
    .from(schema.emulationGroups)
    .all()
    .map((g) => getGroup(db, g.id))
    .sort((a, b) => b.year - a.year || compareVi(a.name, b.name));
}

export function findGroup(db: DbOrTx, code: string, year: number): { id: number } | undefined {
  return db
    .select({ id: schema.emulationGroups.id })
    .from(schema.emulationGroups)
    .where(and(eq(schema.emulationGroups.code, code), eq(schema.emulationGroups.year, year)))
    .get();
}

const quoted = (codes: string[]) => codes.map((c) => `"${c}"`).join(', ');

/** Why a bundle's group code matches none here, naming both codes so a mistyped one can be spotted. */
export function unknownGroupReason(db: DbOrTx, code: string, year: number): string {
  const known = db.select({ code: schema.emulationGroups.code, year: schema.emulationGroups.year }).from(schema.emulationGroups).all();
  const sameYear = known.filter((g) => g.year === year);
  const here = sameYear.length
    ? `đơn vị này tham gia Khu vực/Cụm mã ${quoted(sameYear.map((g) => g.code))} năm ${year}`
    : known.length
      ? `đơn vị này chỉ khai báo ${known.map((g) => `Khu vực/Cụm mã "${g.code}" năm ${g.year}`).join(', ')}`
      : 'đơn vị này chưa khai báo Khu vực/Cụm nào';
  return `Gói dành cho Khu vực/Cụm mã "${code}" năm ${year}, nhưng ${here}.`;
}

/** Why a sender is not a member: when a member of the same name is listed under another code, say both codes. */
export function nonMemberReason(db: DbOrTx, groupId: number, groupCode: string, year: number, sender: { code: string; name: string }): string {
  const sameName = db
    .select({ code: schema.units.code, name: schema.units.name })
    .from(schema.groupMembers)
    .innerJoin(schema.units, eq(schema.units.code, schema.groupMembers.unitCode))
    .where(eq(schema.groupMembers.groupId, groupId))
    .all()
    .find((m) => foldVi(m.name) === foldVi(sender.name));
  const base = `Đơn vị gửi ${sender.name} (mã "${sender.code}") không phải thành viên của Khu vực/Cụm ${groupCode} năm ${year}`;
  if (sameName) return `${base}: danh sách thành viên ghi ${sameName.name} với mã "${sameName.code}". Hai bên cần thống nhất một mã đơn vị.`;
  return `${base}. Nếu đơn vị này thuộc Khu vực/Cụm, hãy bổ sung vào danh sách thành viên rồi nhập lại gói.`;
}

/** A unit's role in a group-year, or null when it is not a member. */
export function roleIn(db: DbOrTx, groupId: number, unitCode: string): Role | null {
  return (
    db
      .select({ role: schema.groupMembers.role })
      .from(schema.groupMembers)
      .where(and(eq(schema.groupMembers.groupId, groupId), eq(schema.groupMembers.unitCode, unitCode)))
      .get()?.role ?? null
  );
}

export function isMember(db: DbOrTx, groupId: number, unitCode: string): boolean {
  return !!db
    .select({ u: schema.groupMembers.unitCode })
    .from(schema.groupMembers)
    .where(and(eq(schema.groupMembers.groupId, groupId), eq(schema.groupMembers.unitCode, unitCode)))
    .get();
}
