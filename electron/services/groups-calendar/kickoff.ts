import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type DbOrTx } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { UserError } from '../errors';
import { BundleError } from '../bundles/format';
import type { BundleKind } from '../bundles/kinds';
import { sendBundle, type Sent } from '../bundles/outbox';
import { currentRecords, freeze, receiveRecord, saveDraft, unfreeze } from '../records/store';
import { asciiName } from '../documents/write';
import { formatFingerprint } from '../units-keys/keys';
import { pinnedKeysOf, requireOwnUnit, retireKeys, upsertUnit } from '../units-keys/units';
import { getGroup, pinKey } from './groups';
import { ownPlan } from './plan';
import { groupRecordV1Schema, planRecordV1Schema, type GroupRecord, type PlanRecord } from './plan-schemas';
import { tableToPublish } from '../scoring/criteria';
import { criteriaTableRecordV1Schema, type CriteriaTableRecord } from '../scoring/criteria-schemas';

/**
 * The kickoff (DESIGN.md §4): the leader publishes the group-year — members, roles, the keys it has
 * confirmed, its own —, the year's plan and, once written, the scoring table. A member imports it once: the leader's key is confirmed
 * by phone like any unknown key, and the group then exists in the member's app without typing it.
 */

const NO_INTERNAL_KICKOFF =
  'Cụm thi đua nội bộ không phát hành gói khởi động: các phòng, đơn vị thuộc Sở không dùng ứng dụng. Hãy in kế hoạch gửi các phòng và nhập thay hồ sơ họ gửi.';

/** The group as the leader's installation knows it, stated as a record (a new version only when it changed). */
function groupRecordOf(tx: DbOrTx, groupId: number, now: string) {
  const group = getGroup(tx, groupId);
  // Kickoff record format 1 knows Khu vực and Cụm only; an internal group's divisions have no app to import one.
  if (group.kind === 'noi_bo') throw new UserError(NO_INTERNAL_KICKOFF);
  const own = requireOwnUnit(tx);
  const current = currentRecords<GroupRecord>(tx, 'group', group.code, group.year, own.code)[0];
  const recordId = current?.recordId ?? crypto.randomUUID();
  const keys = tx.select().from(schema.pinnedKeys).all();
  const body = {
    group: { code: group.code, year: group.year, name: group.name, kind: group.kind },
    members: group.members.map((m) => ({
      code: m.code,
      name: m.name,
      kind: m.kind,
      province: m.province,
      parent_name: m.parentName,
      role: m.role,
      gathered_by_deputy: m.gatheredByDeputy,
      key_id: m.code === own.code ? own.keyId : (keys.find((k) => k.unitCode === m.code && !k.replacedAt)?.keyId ?? null),
    })),
  };
  // Unchanged since the last kickoff: the same version goes out again.
  if (current && JSON.stringify({ group: current.content.group, members: current.content.members }) === JSON.stringify(body)) return current;
  const version = current?.status === 'draft' ? current.version : (current?.version ?? 0) + 1;
  const content: GroupRecord = { record_id: recordId, type: 'group', version, ...body };
  return saveDraft(tx, { recordId, type: 'group', ownerCode: own.code, groupCode: group.code, year: group.year }, content, now);
}

/** Signs the kickoff for every member of the group into the outbox. */
export async function publishKickoff(ws: Workspace, groupId: number): Promise<Sent> {
  const group = getGroup(ws.db, groupId);
  if (group.ownRole !== 'leader') throw new UserError('Chỉ Trưởng Khu vực/Cụm mới phát hành gói khởi động năm.');
  if (group.kind === 'noi_bo') throw new UserError(NO_INTERNAL_KICKOFF);
  const recipients = group.members.filter((m) => m.role !== 'leader').map((m) => m.code);
  if (!recipients.length) throw new UserError('Khu vực/Cụm chưa có đơn vị thành viên nào để gửi gói khởi động.');
  if (!ownPlan(ws.db, group.code, group.year)?.content.plan.milestones.length) {
    throw new UserError('Chưa lập lịch các mốc của năm: hãy lập kế hoạch (ít nhất một mốc có hạn) trước khi phát hành gói khởi động.');
  }
  return sendBundle(ws, {
    kind: kickoffKind.kind,
    group,
    recipients,
    fileStem: `khoi-dong-${group.year}-${asciiName(group.code)}`,
    prepare(tx, bundleId, now) {
      const groupRecord = groupRecordOf(tx, groupId, now);
      const plan = ownPlan(tx, group.code, group.year)!;
      const table = tableToPublish(tx, group.code, group.year);
      const sent = table ? [groupRecord, plan, table] : [groupRecord, plan];
      const frozen = sent.filter((r) => r.status === 'draft');
      for (const r of frozen) freeze(tx, r.recordId, r.version, bundleId, now);
      return {
        records: sent.map((r) => ({ record_id: r.recordId, type: r.type, version: r.version, content: r.content })),
        undo: (undoTx) => frozen.forEach((r) => unfreeze(undoTx, r.recordId, r.version)),
      };
    },
  });
}

/** Replaces the group-year and its members with what the leader's newest group record says. */
function applyGroup(tx: DbOrTx, record: GroupRecord, ownCode: string, now: string): void {
  const { group } = record;
  const existing = tx
    .select({ id: schema.emulationGroups.id })
    .from(schema.emulationGroups)
    .where(and(eq(schema.emulationGroups.code, group.code), eq(schema.emulationGroups.year, group.year)))
    .get();
  let groupId = existing?.id;
  if (groupId) {
    tx.update(schema.emulationGroups).set({ name: group.name, kind: group.kind }).where(eq(schema.emulationGroups.id, groupId)).run();
    tx.delete(schema.groupMembers).where(eq(schema.groupMembers.groupId, groupId)).run();
  } else {
    groupId = tx
      .insert(schema.emulationGroups)
      .values({ code: group.code, year: group.year, name: group.name, kind: group.kind, createdAt: now })
      .returning({ id: schema.emulationGroups.id })
      .get().id;
  }
  for (const m of record.members) {
    upsertUnit(tx, { code: m.code, name: m.name, kind: m.kind, province: m.province, parentName: m.parent_name }, ownCode, now);
    tx.insert(schema.groupMembers).values({ groupId, unitCode: m.code, role: m.role, gatheredByDeputy: m.gathered_by_deputy }).run();
    if (!m.key_id || m.code === ownCode) continue;
    const pinned = pinnedKeysOf(tx, m.code).find((k) => k.keyId === m.key_id);
    if (pinned?.replacedBy) {
      throw new BundleError(
        `Gói khởi động ghi khóa ${formatFingerprint(m.key_id)} cho ${m.name}, nhưng khóa này đã được thay bằng khóa ${formatFingerprint(pinned.replacedBy)}. Hãy gọi điện cho Trưởng Khu vực/Cụm để đối chiếu.`,
      );
    }
    // The leader confirmed a member's new key by phone: its kickoff carries it, and the old key is retired here too.
    pinKey(tx, m.code, m.key_id, 'kickoff', now);
    retireKeys(tx, m.code, m.key_id, now);
  }
}

export const kickoffKind: BundleKind = {
  kind: 'kickoff',
  label: 'khởi động năm',
  from: ['leader'],
  to: ['deputy', 'member'],
  definesGroup: true,
  requires: ['group', 'plan'],
  recordTypes: [
    { type: 'group', schema: groupRecordV1Schema },
    { type: 'plan', schema: planRecordV1Schema },
    { type: 'criteria_table', schema: criteriaTableRecordV1Schema },
  ],
  apply({ tx, header, ownCode, now }, r) {
    const content = r.content as GroupRecord | PlanRecord | CriteriaTableRecord;
    if (content.group.code !== header.group.code || content.group.year !== header.year) {
      throw new BundleError('Bản ghi trong gói khởi động không cùng Khu vực/Cụm hoặc năm với gói.');
    }
    if (content.type === 'group') {
      const leader = content.members.find((m) => m.role === 'leader')!;
      if (leader.code !== header.sender.unit_code) throw new BundleError('Gói khởi động không do Trưởng Khu vực/Cụm ghi trong gói gửi.');
      if (!content.members.some((m) => m.code === ownCode)) throw new BundleError('Đơn vị này không có trong danh sách thành viên của gói khởi động.');
    }
    const key = { recordId: r.record_id, type: r.type, ownerCode: header.sender.unit_code, groupCode: header.group.code, year: header.year };
    const outcome = receiveRecord(tx, key, r.version, content, header.bundle_id, now);
    if (outcome === 'conflict') throw new BundleError(`Bản ghi ${r.record_id} phiên bản ${r.version} đã nhận trước đây với nội dung khác.`);
    if (outcome === 'added' && content.type === 'group') applyGroup(tx, content, ownCode, now);
    return outcome;
  },
  summary: (added) => (added ? 'đã cập nhật Khu vực/Cụm, thành viên và kế hoạch năm (kèm bảng tiêu chí chấm điểm nếu Trưởng đã gửi)' : 'không có gì mới (đã có bản này)'),
};
