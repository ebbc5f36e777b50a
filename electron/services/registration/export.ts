import crypto from 'node:crypto';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { schema, writeTransaction } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { UserError } from '../errors';
import { getGroup } from '../groups-calendar/groups';
import { nowIso, requireOwnUnit } from '../units-keys/units';
import { writeBundle } from '../bundles/writer';
import { registrationDocument } from '../documents/registration-doc';
import { asciiName, writeDocx } from '../documents/write';
import { Packer } from 'docx';
import { getOwnRegistration, markExported, toRecord, unfreeze } from './registration';
import { APP_VERSION } from '../version';

function requireRegistration(ws: Workspace, groupId: number) {
  const reg = getOwnRegistration(ws.db, groupId);
  if (!reg) throw new UserError('Đơn vị chưa lập bản đăng ký thi đua cho Khu vực/Cụm này.');
  return reg;
}

/** Prints the unit's registration as DOCX into its documents folder. */
export async function printRegistration(ws: Workspace, groupId: number): Promise<string> {
  const reg = requireRegistration(ws, groupId);
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  const dest = path.join(ws.dataDir, 'documents', `dang-ky-thi-dua-${group.year}-${asciiName(own.code)}-v${reg.version}.docx`);
  await writeDocx(registrationDocument(reg, own, group), dest);
  return dest;
}

/**
 * Signs the registration into a bundle kept in the unit's outbox, then freezes that version:
 * any later edit makes a new version. The version is frozen and the bundle's seq reserved in one
 * transaction before the file is written, so a save or another export meanwhile cannot slip in;
 * if writing fails, both are undone.
 */
export async function exportRegistration(ws: Workspace, groupId: number): Promise<{ path: string; version: number; seq: number }> {
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  const recipients = group.members.filter((m) => m.role !== 'member' && m.code !== own.code).map((m) => m.code);
  if (!recipients.length) throw new UserError('Đơn vị là Trưởng Khu vực/Cụm và không có Phó Trưởng: không có nơi nhận gói đăng ký.');
  const bundleId = crypto.randomUUID();
  const createdAt = nowIso();
  const { reg, seq, dest, wasDraft } = writeTransaction(ws.db, (tx) => {
    const reg = requireRegistration(ws, groupId);
    const last = tx.select({ seq: schema.sentBundles.seq }).from(schema.sentBundles).orderBy(desc(schema.sentBundles.seq)).get();
    const seq = (last?.seq ?? 0) + 1;
    const dest = path.join(ws.dir.sent, `dang-ky-thi-dua-${group.year}-${asciiName(own.code)}-so${seq}.tdkt`);
    tx.insert(schema.sentBundles).values({ bundleId, kind: 'registration', groupCode: group.code, year: group.year, seq, createdAt, archivePath: path.relative(ws.dataDir, dest) }).run();
    markExported(tx, reg);
    return { reg, seq, dest, wasDraft: reg.status === 'draft' };
  });
  try {
    const docx = await Packer.toBuffer(registrationDocument(reg, own, group));
    const signer = { ...(await ws.keys.load(own.keyId)), keyId: own.keyId };
    await writeBundle(
      dest,
      {
        format: 'thidua-tuphap-bundle',
        format_version: 1,
        bundle_id: bundleId,
        kind: 'registration',
        sender: { unit_code: own.code, unit_name: own.name, key_id: own.keyId },
        recipient: { unit_codes: recipients },
        group: { code: group.code, name: group.name },
        year: group.year,
        seq,
        created_at: createdAt,
        app_version: APP_VERSION,
      },
      [{ record_id: reg.recordId, type: 'registration', version: reg.version, content: toRecord(reg, own) }],
      [{ path: `data/documents/dang-ky-thi-dua-${group.year}-v${reg.version}.docx`, source: docx, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
      signer,
    );
  } catch (error) {
    writeTransaction(ws.db, (tx) => {
      tx.delete(schema.sentBundles).where(eq(schema.sentBundles.bundleId, bundleId)).run();
      if (wasDraft) unfreeze(tx, reg);
    });
    throw error;
  }
  return { path: dest, version: reg.version, seq };
}
