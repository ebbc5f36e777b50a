import crypto from 'node:crypto';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { schema, type DbOrTx } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { UserError } from '../errors';
import { BundleError } from '../bundles/format';
import type { BundleKind } from '../bundles/kinds';
import { consolidatedKind, consolidatedRecordV1Schema, forwardOriginals, type ArchivedBundle, type ConsolidatedRecord } from '../bundles/consolidated';
import { sendBundle, type Sent } from '../bundles/outbox';
import { asciiName } from '../documents/write';
import { getGroup } from '../groups-calendar/groups';
import type { MilestoneToSend } from '../groups-calendar/home';
import { freeze, receiveRecord, saveDraft, unfreeze } from '../records/store';
import { formatDateVi } from '../text/vietnamese';
import { requireOwnUnit } from '../units-keys/units';
import { dossierKind } from './bundle-kind';
import { acclamationPrintView, ministryStep, printAcclamation, tallyOf } from './conference';
import { acclamationRecordV1Schema, type AcclamationRecord } from './conference-schemas';

/**
 * The bundle the group's leader sends the Ministry's council (Hội đồng Thi đua - Khen thưởng ngành
 * Tư pháp) after the conference: the suy tôn record, a summary listing the forwarded bundles (the
 * consolidated record format), the voted units' original dossier bundles under data/bundles/ exactly
 * as received, and the four papers under data/documents/.
 */

/**
 * The recipient code of the Ministry's council, through its standing body the Vụ Thi đua - Khen
 * thưởng. The Ministry is no member of any group and has no key pinned anywhere: the code only names
 * it in the signed header, so `thidua verify` (or an import at the Ministry) knows whom it is for.
 */
export const MINISTRY_CODE = 'BTP-VTDKT';

export const awardSubmissionKind: BundleKind = {
  kind: 'award_submission',
  label: 'hồ sơ đề nghị khen thưởng gửi Bộ',
  from: ['leader'],
  // No member of the group receives it: it goes to the Ministry (MINISTRY_CODE).
  to: [],
  requires: ['consolidated', 'acclamation'],
  recordTypes: [
    { type: 'consolidated', schema: consolidatedRecordV1Schema },
    { type: 'acclamation', schema: acclamationRecordV1Schema },
  ],
  forwards: (r) => (r.type === 'consolidated' ? consolidatedKind.forwards!(r) : []),
  apply({ tx, header, now }, r) {
    const content = r.content as { group: { code: string; year: number } };
    if (content.group.code !== header.group.code || content.group.year !== header.year) throw new BundleError('Bản ghi trong gói không cùng Khu vực/Cụm hoặc năm với gói.');
    const key = { recordId: r.record_id, type: r.type, ownerCode: header.sender.unit_code, groupCode: header.group.code, year: header.year };
    const outcome = receiveRecord(tx, key, r.version, r.content, header.bundle_id, now);
    if (outcome === 'conflict') throw new BundleError(`Bản ghi ${r.record_id} phiên bản ${r.version} đã nhận trước đây với nội dung khác.`);
    return outcome;
  },
  summary: (added) => (added ? 'hồ sơ suy tôn của Trưởng Khu vực/Cụm' : 'hồ sơ này đã có'),
};

/** A unit's current dossier bundle: the last it sent (received here), or this unit's own last one. */
function dossierBundleOf(db: DbOrTx, group: { code: string; year: number }, unitCode: string, ownCode: string): ArchivedBundle | null {
  if (unitCode === ownCode) {
    const s = db
      .select()
      .from(schema.sentBundles)
      .where(and(eq(schema.sentBundles.kind, dossierKind.kind), eq(schema.sentBundles.groupCode, group.code), eq(schema.sentBundles.year, group.year)))
      .orderBy(desc(schema.sentBundles.seq))
      .get();
    return s ? { bundleId: s.bundleId, senderCode: ownCode, kind: s.kind, seq: s.seq, headerSha256: null, receivedAt: s.createdAt, archivePath: s.archivePath } : null;
  }
  const r = db
    .select()
    .from(schema.receivedBundles)
    .where(
      and(
        eq(schema.receivedBundles.kind, dossierKind.kind),
        eq(schema.receivedBundles.senderCode, unitCode),
        eq(schema.receivedBundles.groupCode, group.code),
        eq(schema.receivedBundles.year, group.year),
      ),
    )
    .orderBy(desc(schema.receivedBundles.seq))
    .get();
  return r ? { bundleId: r.bundleId, senderCode: r.senderCode, kind: r.kind, seq: r.seq, headerSha256: r.headerSha256, receivedAt: r.submittedAt ?? r.receivedAt, archivePath: r.archivePath } : null;
}

export interface MinistrySent extends Sent {
  /** The voted units whose dossier bundles went, in the order of the count. */
  units: string[];
  milestone: MilestoneToSend | null;
}

/**
 * The leader signs the bundle for the Ministry's council. Refused, in Vietnamese, while no vote is
 * recorded, when no unit is voted (or a tie at the last seat awaits a new ballot), or when a voted
 * unit's dossier bundle is missing here or no longer the one received.
 */
export async function exportMinistry(ws: Workspace, groupId: number): Promise<MinistrySent> {
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  const { view, record } = acclamationPrintView(ws, groupId);
  const tally = tallyOf(record.content, group.members.length);
  const revote = tally.rows.filter((r) => r.revote);
  if (revote.length) throw new UserError(`Chưa gửi được: ${revote.map((r) => r.name).join(', ')} bằng số phiếu ở vị trí cuối cùng; hãy bỏ phiếu lại và ghi kết quả.`);
  const elected = tally.rows.filter((r) => r.elected);
  if (!elected.length) throw new UserError('Chưa gửi được: không có đơn vị nào được suy tôn tại Hội nghị.');
  const archived: ArchivedBundle[] = [];
  const lacking: string[] = [];
  for (const u of elected) {
    const b = dossierBundleOf(ws.db, group, u.code, own.code);
    if (b) archived.push(b);
    else lacking.push(u.name);
  }
  if (lacking.length) throw new UserError(`Chưa gửi được: chưa có gói hồ sơ đề nghị khen thưởng của ${lacking.join('; ')}.`);
  const { entries, files } = await forwardOriginals(ws, archived);
  const papers = await printAcclamation(ws, groupId);
  const date = formatDateVi(view.date);
  const summary = consolidatedRecordV1Schema.shape.summary.parse(
    `${own.name}, Trưởng ${group.name}, gửi hồ sơ đề nghị tặng ${view.award} năm ${group.year} của ${elected.length} đơn vị được suy tôn tại Hội nghị tổng kết ngày ${date}: ${elected.map((e) => e.name).join('; ')}.`,
  );
  const milestone = ministryStep(ws.db, group);
  const sent = await sendBundle(ws, {
    kind: awardSubmissionKind.kind,
    group,
    recipients: [MINISTRY_CODE],
    milestone: milestone?.key,
    fileStem: `ho-so-suy-ton-gui-bo-${group.year}-${asciiName(group.code)}`,
    prepare(tx, bundleId, now) {
      const recordId = crypto.randomUUID();
      const content: ConsolidatedRecord = { record_id: recordId, type: 'consolidated', version: 1, group: { code: group.code, year: group.year }, summary, bundles: entries };
      saveDraft(tx, { recordId, type: 'consolidated', ownerCode: own.code, groupCode: group.code, year: group.year }, content, now);
      freeze(tx, recordId, 1, bundleId, now);
      // The vote as sent stays as it is: a later correction is a new version.
      const draft = record.status === 'draft';
      if (draft) freeze(tx, record.recordId, record.version, bundleId, now);
      return {
        records: [
          { record_id: record.recordId, type: 'acclamation', version: record.version, content: record.content satisfies AcclamationRecord },
          { record_id: recordId, type: 'consolidated', version: 1, content },
        ],
        undo: (undoTx) => {
          unfreeze(undoTx, recordId, 1);
          undoTx.delete(schema.records).where(eq(schema.records.recordId, recordId)).run();
          if (draft) unfreeze(undoTx, record.recordId, record.version);
        },
      };
    },
    files: () => Promise.resolve([...files, ...papers.map((p) => ({ path: `data/documents/${path.basename(p)}`, source: p, mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }))]),
  });
  return { ...sent, units: elected.map((e) => e.name), milestone };
}
