import { UserError } from '../errors';
import { BundleError } from '../bundles/format';
import { sendBundle, type Sent } from '../bundles/outbox';
import { asciiName } from '../documents/write';
import { getGroup, leaderAndDeputy } from '../groups-calendar/groups';
import { milestoneToSend, type MilestoneToSend } from '../groups-calendar/home';
import { freeze, unfreeze } from '../records/store';
import { requireEvidence } from '../scoring/evidence';
import { evidenceBundlePath } from '../scoring/export';
import type { EvidenceRef } from '../scoring/self-assessment-schemas';
import { requireOwnUnit } from '../units-keys/units';
import { nowIso } from '../workspace/clock';
import type { Workspace } from '../workspace/workspace';
import { dossierKind, filesOf } from './bundle-kind';
import { asItStands, dossierLabel, ownDossierRecords, refreshDossiers } from './dossier';
import { missingParts, type DossierRecord } from './schemas';

const distinct = (refs: EvidenceRef[]) => [...new Map(refs.map((e) => [e.sha256, e])).values()];

/**
 * Signs every dossier of the unit's year, with all their documents and scans, into one bundle for
 * the leader and the deputy. Refused, before anything is frozen, while any dossier lacks a required
 * part's signed scan: each is named with what it lacks. A dossier edited since it was sent goes as
 * its new version; the others go again as sent, so the bundle always holds the whole batch.
 */
export async function exportDossiers(ws: Workspace, groupId: number): Promise<Sent & { count: number; milestone: MilestoneToSend | null }> {
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  const dossiers = ownDossierRecords(ws.db, groupId);
  if (!dossiers.length) throw new UserError(`Đơn vị chưa lập hồ sơ đề nghị khen thưởng nào năm ${group.year}.`);
  // Judged as they will go out (the history or the council may have changed since the last edit), before anything is written.
  const incomplete = dossiers.map((d) => asItStands(ws.db, d.content)).filter((d) => missingParts(d).length);
  if (incomplete.length) {
    const lines = incomplete.map((d) => `«${dossierLabel(d)}»: thiếu bản scan đã ký, đóng dấu của ${missingParts(d).map((p) => p.name.charAt(0).toLowerCase() + p.name.slice(1)).join(', ')}`);
    throw new UserError(`Chưa gửi được hồ sơ đề nghị khen thưởng: ${lines.join('; ')}.`);
  }
  const recipients = leaderAndDeputy(group, own.code);
  if (!recipients.length) throw new UserError('Đơn vị là Trưởng Khu vực/Cụm và không có Phó Trưởng: hồ sơ của Trưởng đưa thẳng vào hội nghị, không cần gửi.');
  const files = distinct(dossiers.flatMap((d) => filesOf(d.content)));
  // Checked before anything is frozen: a file deleted from the data folder is named, not discovered half-way.
  for (const ref of files) await requireEvidence(ws, ref);
  const milestone = milestoneToSend(ws.db, groupId, dossierKind.kind, nowIso(ws.clock));
  let sent: DossierRecord[] = [];
  const out = await sendBundle(ws, {
    kind: dossierKind.kind,
    group,
    recipients,
    milestone: milestone?.key,
    fileStem: `ho-so-khen-thuong-${group.year}-${asciiName(own.code)}`,
    prepare(tx, bundleId, now) {
      const current = refreshDossiers(tx, groupId, now);
      const drafts = current.filter((d) => d.status === 'draft');
      for (const d of drafts) freeze(tx, d.recordId, d.version, bundleId, now);
      sent = current.map((d) => d.content);
      return {
        records: current.map((d) => ({ record_id: d.recordId, type: 'dossier', version: d.version, content: d.content })),
        undo: (undoTx) => drafts.forEach((d) => unfreeze(undoTx, d.recordId, d.version)),
      };
    },
    async files() {
      // Stored under their hash, which the check of the written bundle confirms byte for byte.
      return Promise.all(distinct(sent.flatMap(filesOf)).map(async (ref) => ({ path: evidenceBundlePath(ref), source: await requireEvidence(ws, ref), mediaType: ref.media_type, sha256: ref.sha256 })));
    },
  }).catch((error: unknown) => {
    const changed = error instanceof BundleError && error.path ? files.find((ref) => evidenceBundlePath(ref) === error.path) : undefined;
    throw changed ? new UserError(`Tệp "${changed.name}" trong thư mục dữ liệu đã bị thay đổi hoặc hỏng từ khi đính kèm; hãy gỡ ra và đính kèm lại.`) : error;
  });
  return { ...out, count: sent.length, milestone };
}
