import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../db/client';
import { groupInputSchema } from '../../electron/ipc/contract';
import { decideQuarantine, importBundleFile, listQuarantine } from '../../electron/services/bundles/importer';
import { publishKickoff } from '../../electron/services/groups-calendar/kickoff';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { exportRegistration } from '../../electron/services/registration/export';
import { saveRegistration } from '../../electron/services/registration/registration';
import { registrationHistory } from '../../electron/services/registration/versions';
import { printKeyCard } from '../../electron/services/units-keys/key-card';
import { formatFingerprint } from '../../electron/services/units-keys/keys';
import { currentKeysOf, pinnedKeysOf, replaceOwnKey } from '../../electron/services/units-keys/units';
import { documentText, parseDocx } from '../helpers/docx';
import { readZip, writeRawZip } from '../helpers/zip';
import { DEPUTY, groupInput, LEADER, leaderPinning, makeUnit, MEMBER, registeredMember, resign, tempDir } from '../helpers/units';
import type { Workspace } from '../../electron/services/workspace/workspace';

const file = (p: string) => ({ path: p, name: path.basename(p) });
const received = (ws: Workspace) => ws.db.select({ id: schema.receivedBundles.bundleId, key: schema.receivedBundles.keyId }).from(schema.receivedBundles).all();

/** A member whose first registration the leader holds, then whose computer (and key) is lost. */
async function replacedMember() {
  const member = await registeredMember();
  const oldKeyId = member.unit.keyId;
  const first = await exportRegistration(member.ws, member.group.id);
  const leader = await leaderPinning({ [MEMBER.code]: oldKeyId });
  expect((await importBundleFile(leader.ws, file(first.path))).status).toBe('accepted');
  const unit = await replaceOwnKey(member.ws);
  saveRegistration(member.ws, { ...member.input, numberSymbol: '07/ĐK-STP' });
  const second = await exportRegistration(member.ws, member.group.id);
  return { member, leader, oldKeyId, newKeyId: unit.keyId, first, second };
}

/** A bundle signed with the old key after the replacement: whoever holds the lost key could make one. */
async function signedWithOldKey(member: Workspace, oldKeyId: string, like: string): Promise<string> {
  const old = { ...(await member.keys.load(oldKeyId)), keyId: oldKeyId };
  const entries = resign(await readZip(like), old, (h) => {
    h.bundle_id = crypto.randomUUID();
    h.sender.key_id = oldKeyId;
  });
  const forged = path.join(tempDir(), 'khoa-cu.tdkt');
  await writeRawZip(forged, entries);
  return forged;
}

describe('replacing a unit’s lost key', () => {
  it('the unit signs with a new key from now on, keeps the old one as history and prints a card naming both', async () => {
    const { member, oldKeyId, newKeyId } = await replacedMember();
    expect(newKeyId).not.toBe(oldKeyId);
    expect(currentKeysOf(member.ws.db, MEMBER.code).map((k) => k.keyId)).toEqual([newKeyId]);
    expect(pinnedKeysOf(member.ws.db, MEMBER.code).find((k) => k.keyId === oldKeyId)).toMatchObject({ replacedBy: newKeyId });
    const sent = member.ws.db.select().from(schema.sentBundles).all();
    expect(sent).toHaveLength(2);
    const card = await printKeyCard(member.ws);
    const { errors, parts } = await parseDocx(card);
    expect(errors).toEqual([]);
    const text = documentText(parts);
    expect(text).toContain(formatFingerprint(newKeyId));
    expect(text).toContain(`Khóa này thay thế khóa cũ (dấu vân tay ${formatFingerprint(oldKeyId)})`);
    expect(text).toContain('Thay thế khóa cũ');
  });

  it('the leader holds the new key’s bundle, confirms it by phone, and the old key’s bundles stay valid', async () => {
    const { member, leader, oldKeyId, newKeyId, first, second } = await replacedMember();
    const held = await importBundleFile(leader.ws, file(second.path));
    expect(held.status).toBe('quarantined');
    expect(held.reason).toContain('đơn vị báo đã thay khóa: hãy gọi điện đối chiếu dấu vân tay mới');
    expect(held.reason).toContain(formatFingerprint(newKeyId));
    // Held, not applied: the leader still counts version 1.
    expect(registrationHistory(leader.ws.db, MEMBER.code, leader.group.id).map((v) => v.version)).toEqual([1]);

    const [waiting] = listQuarantine(leader.ws);
    const landed = await decideQuarantine(leader.ws, waiting!.id, true);
    expect(landed.status, landed.reason).toBe('accepted');
    expect(currentKeysOf(leader.ws.db, MEMBER.code).map((k) => k.keyId)).toEqual([newKeyId]);
    expect(pinnedKeysOf(leader.ws.db, MEMBER.code).find((k) => k.keyId === oldKeyId)).toMatchObject({ replacedBy: newKeyId });
    // The group screen shows the key in use.
    const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput({}, { id: leader.group.id })));
    expect(group.members.find((m) => m.code === MEMBER.code)!.fingerprint).toBe(formatFingerprint(newKeyId));
    // Typing the old fingerprint back in the group form does not bring the old key back.
    expect(() => saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: oldKeyId }, { id: leader.group.id })))).toThrow(
      `đã được ghim khóa ${formatFingerprint(newKeyId)}`,
    );

    // Both bundles are history, each under the key that signed it; the first imported again is a duplicate, not a refusal.
    expect(received(leader.ws).map((r) => r.key).sort()).toEqual([oldKeyId, newKeyId].sort());
    expect(registrationHistory(leader.ws.db, MEMBER.code, leader.group.id).map((v) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await importBundleFile(leader.ws, file(first.path))).status).toBe('duplicate');

    // A bundle newly signed with the lost key is refused, saying why; nothing lands.
    const forged = await signedWithOldKey(member.ws, oldKeyId, second.path);
    const before = received(leader.ws);
    const refused = await importBundleFile(leader.ws, file(forged));
    expect(refused.status).toBe('refused');
    expect(refused.reason).toContain(`khóa cũ ${formatFingerprint(oldKeyId)}`);
    expect(refused.reason).toContain(`đã được thay bằng khóa ${formatFingerprint(newKeyId)}`);
    expect(refused.reason).toContain('các gói đã nhận trước đó vẫn giữ nguyên giá trị');
    expect(received(leader.ws)).toEqual(before);
    expect(listQuarantine(leader.ws)).toEqual([]);
  });

  it('rejecting the new key keeps the old one current', async () => {
    const { leader, oldKeyId, second } = await replacedMember();
    await importBundleFile(leader.ws, file(second.path));
    const [waiting] = listQuarantine(leader.ws);
    expect((await decideQuarantine(leader.ws, waiting!.id, false)).status).toBe('refused');
    expect(currentKeysOf(leader.ws.db, MEMBER.code).map((k) => k.keyId)).toEqual([oldKeyId]);
    expect(pinnedKeysOf(leader.ws.db, MEMBER.code)).toHaveLength(1);
  });

  it('a kickoff carries the member’s new key to the deputy, which then refuses the old key as the leader does', async () => {
    const member = await registeredMember();
    const oldKeyId = member.unit.keyId;
    const deputy = await makeUnit(DEPUTY);
    const leader = await makeUnit(LEADER);
    const group = saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: oldKeyId, [DEPUTY.code]: deputy.unit.keyId })));
    // The deputy pinned the member's old key from the first kickoff.
    const kickoff = await publishKickoff(leader.ws, group.id);
    await importBundleFile(deputy.ws, file(kickoff.path));
    await decideQuarantine(deputy.ws, listQuarantine(deputy.ws)[0]!.id, true);
    expect(currentKeysOf(deputy.ws.db, MEMBER.code).map((k) => k.keyId)).toEqual([oldKeyId]);

    const { keyId: newKeyId } = await replaceOwnKey(member.ws);
    const sent = await exportRegistration(member.ws, member.group.id);
    await importBundleFile(leader.ws, file(sent.path));
    expect((await decideQuarantine(leader.ws, listQuarantine(leader.ws)[0]!.id, true)).status).toBe('accepted');

    const again = await publishKickoff(leader.ws, group.id);
    const landed = await importBundleFile(deputy.ws, file(again.path));
    expect(landed.status, landed.reason).toBe('accepted');
    expect(currentKeysOf(deputy.ws.db, MEMBER.code).map((k) => k.keyId)).toEqual([newKeyId]);
    expect(pinnedKeysOf(deputy.ws.db, MEMBER.code).find((k) => k.keyId === oldKeyId)).toMatchObject({ replacedBy: newKeyId });
    // The member's bundle under its new key lands at the deputy without a phone call of its own.
    expect((await importBundleFile(deputy.ws, file(sent.path))).status).toBe('accepted');
    const forged = await signedWithOldKey(member.ws, oldKeyId, sent.path);
    const refused = await importBundleFile(deputy.ws, file(forged));
    expect(refused.status).toBe('refused');
    expect(refused.reason).toContain('khóa cũ');
    // The kickoff the deputy held before still names the old key, and is history only.
    expect(fs.existsSync(kickoff.path)).toBe(true);
    expect(deputy.ws.db.select().from(schema.receivedBundles).where(eq(schema.receivedBundles.kind, 'kickoff')).all()).toHaveLength(2);
  });
});
