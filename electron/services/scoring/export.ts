import path from 'node:path';
import { Packer } from 'docx';
import { UserError } from '../errors';
import { BundleError } from '../bundles/format';
import { sendBundle, type Sent } from '../bundles/outbox';
import type { BundleFileInput } from '../bundles/writer';
import { selfAssessmentDocument } from '../documents/self-assessment-doc';
import { asciiName, writeDocx } from '../documents/write';
import { getGroup, leaderAndDeputy } from '../groups-calendar/groups';
import { milestoneToSend, type MilestoneToSend } from '../groups-calendar/home';
import { nowIso } from '../workspace/clock';
import { currentRecords, freeze, unfreeze } from '../records/store';
import { requireOwnUnit } from '../units-keys/units';
import type { Workspace } from '../workspace/workspace';
import { evidenceExtension, requireEvidence } from './evidence';
import { selfAssessmentKind } from './bundle-kind';
import { selfAssessmentView } from './self-assessment';
import type { Gaps } from './view-schemas';
import type { EvidenceRef, SelfAssessmentRecord } from './self-assessment-schemas';

/** Every distinct evidence file a version cites, the confirmed scan included. */
export function evidenceOf(record: SelfAssessmentRecord): EvidenceRef[] {
  const all = [...record.items.flatMap((i) => i.evidence), ...(record.confirmation ? [record.confirmation] : [])];
  return [...new Map(all.map((e) => [e.sha256, e])).values()];
}

export const evidenceBundlePath = (ref: EvidenceRef) => `data/evidence/${ref.sha256}${evidenceExtension(ref.media_type)}`;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Prints the unit's self-assessment as it stands (BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM …) into its documents folder, to sign and have confirmed. */
export async function printSelfAssessment(ws: Workspace, groupId: number): Promise<string> {
  const view = selfAssessmentView(ws, groupId);
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  const dest = path.join(ws.dataDir, 'documents', `tu-cham-diem-${group.year}-${asciiName(own.code)}-v${view.record.version}.docx`);
  await writeDocx(selfAssessmentDocument(view, own, group), dest);
  return dest;
}

/** The gaps as a person reads them before sending: what is still empty, lacking evidence, or unsigned. */
export function gapsText(gaps: Gaps): string[] {
  const list = (xs: { number: string }[]) => xs.map((x) => x.number).join(', ');
  return [
    gaps.missing.length ? `${gaps.missing.length} tiêu chí chưa chấm (mục ${list(gaps.missing)})` : '',
    gaps.lackingEvidence.length ? `${gaps.lackingEvidence.length} tiêu chí bắt buộc có minh chứng nhưng chưa đính kèm (mục ${list(gaps.lackingEvidence)})` : '',
    gaps.noConfirmation ? 'chưa đính kèm bản scan bảng tự chấm điểm đã ký và được cấp trên xác nhận' : '',
  ].filter(Boolean);
}

/**
 * Signs the self-assessment with its evidence into the outbox for the leader and the deputy. Values
 * the table refuses stop it; items still empty, lacking required evidence or the confirmed scan are
 * listed and stop it unless the unit has seen them and chooses to send as it is.
 */
export async function exportSelfAssessment(ws: Workspace, groupId: number, options: { acceptGaps: boolean }): Promise<Sent & { version: number; milestone: MilestoneToSend | null }> {
  const view = selfAssessmentView(ws, groupId);
  if (view.status === 'new') throw new UserError('Đơn vị chưa tự chấm điểm tiêu chí nào.');
  if (view.gaps.refused.length) throw new UserError(`Còn điểm không hợp lệ: ${view.gaps.refused.map((r) => r.message).join(' ')}`);
  const gaps = gapsText(view.gaps);
  if (gaps.length && !options.acceptGaps) throw new UserError(`Bảng tự chấm điểm còn: ${gaps.join('; ')}. Hãy bổ sung, hoặc xác nhận gửi như hiện có.`);
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  const recipients = leaderAndDeputy(group, own.code);
  if (!recipients.length) throw new UserError('Đơn vị là Trưởng Khu vực/Cụm và không có Phó Trưởng: bảng tự chấm điểm của Trưởng được tính ngay, không cần gửi.');
  // Checked before anything is frozen: a file deleted from the data folder is named, not discovered half-way.
  for (const ref of evidenceOf(view.record)) await requireEvidence(ws, ref);
  let sent: SelfAssessmentRecord | undefined;
  const milestone = milestoneToSend(ws.db, groupId, selfAssessmentKind.kind, nowIso(ws.clock));
  const out = await sendBundle(ws, {
    kind: selfAssessmentKind.kind,
    group,
    recipients,
    milestone: milestone?.key,
    fileStem: `tu-cham-diem-${group.year}-${asciiName(own.code)}`,
    prepare(tx, bundleId, now) {
      const current = currentRecords<SelfAssessmentRecord>(tx, 'self_assessment', group.code, group.year, own.code)[0]!;
      const wasDraft = current.status === 'draft';
      if (wasDraft) freeze(tx, current.recordId, current.version, bundleId, now);
      sent = current.content;
      return {
        records: [{ record_id: current.recordId, type: 'self_assessment', version: current.version, content: current.content }],
        undo: (undoTx) => wasDraft && unfreeze(undoTx, current.recordId, current.version),
      };
    },
    async files(): Promise<BundleFileInput[]> {
      // The version just frozen, printed as the leader reads it beside the signed scan.
      const docx = await Packer.toBuffer(selfAssessmentDocument(view, own, group, sent!));
      return [
        { path: `data/documents/tu-cham-diem-${group.year}-v${sent!.version}.docx`, source: docx, mediaType: DOCX },
        // Stored under their hash, which the check of the written bundle confirms byte for byte.
        ...(await Promise.all(evidenceOf(sent!).map(async (ref) => ({ path: evidenceBundlePath(ref), source: await requireEvidence(ws, ref), mediaType: ref.media_type, sha256: ref.sha256 })))),
      ];
    },
  }).catch((error: unknown) => {
    // The check of the written bundle hashes every file: one whose bytes no longer have the hash it is stored under is named.
    const changed = error instanceof BundleError && error.path ? evidenceOf(sent ?? view.record).find((ref) => evidenceBundlePath(ref) === error.path) : undefined;
    throw changed ? new UserError(`Tệp minh chứng "${changed.name}" trong thư mục dữ liệu đã bị thay đổi hoặc hỏng từ khi đính kèm; hãy gỡ ra và đính kèm lại.`) : error;
  });
  return { ...out, version: sent!.version, milestone };
}
