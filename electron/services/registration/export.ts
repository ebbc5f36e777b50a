import path from 'node:path';
import type { Workspace } from '../workspace/workspace';
import { UserError } from '../errors';
import { getGroup, leaderAndDeputy } from '../groups-calendar/groups';
import { milestoneToSend, type MilestoneToSend } from '../groups-calendar/home';
import { nowIso } from '../workspace/clock';
import { requireOwnUnit } from '../units-keys/units';
import { sendBundle } from '../bundles/outbox';
import { registrationDocument } from '../documents/registration-doc';
import { asciiName, writeDocx } from '../documents/write';
import { Packer } from 'docx';
import type { Registration } from '../../ipc/contract';
import { freezeForExport, getOwnRegistration } from './registration';
import { registrationKind } from './bundle-kind';

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
 * any later edit makes a new version. The version is frozen and the bundle's number reserved in one
 * transaction before the file is written, so a save or another export meanwhile cannot slip in;
 * if writing fails, both are undone.
 */
export async function exportRegistration(ws: Workspace, groupId: number): Promise<{ path: string; version: number; seq: number; milestone: MilestoneToSend | null }> {
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  const recipients = leaderAndDeputy(group, own.code);
  if (!recipients.length) throw new UserError('Đơn vị là Trưởng Khu vực/Cụm và không có Phó Trưởng: không có nơi nhận gói đăng ký.');
  let frozen: Registration | undefined;
  const milestone = milestoneToSend(ws.db, groupId, registrationKind.kind, nowIso(ws.clock));
  const sent = await sendBundle(ws, {
    kind: registrationKind.kind,
    group,
    recipients,
    milestone: milestone?.key,
    fileStem: `dang-ky-thi-dua-${group.year}-${asciiName(own.code)}`,
    prepare(tx, bundleId, now) {
      const reg = requireRegistration(ws, groupId);
      const { record, undo } = freezeForExport(tx, reg, own, bundleId, now);
      frozen = reg;
      return { records: [{ record_id: reg.recordId, type: 'registration', version: reg.version, content: record }], undo };
    },
    async files() {
      // The version just frozen, whatever is edited meanwhile.
      const reg = frozen!;
      const docx = await Packer.toBuffer(registrationDocument(reg, own, group));
      return [{ path: `data/documents/dang-ky-thi-dua-${group.year}-v${reg.version}.docx`, source: docx, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }];
    },
  });
  return { path: sent.path, version: frozen!.version, seq: sent.seq, milestone };
}
