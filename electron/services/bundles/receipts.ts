import crypto from 'node:crypto';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { schema, type DbOrTx } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { UserError } from '../errors';
import { copyFileAtomic } from '../files/atomic';
import { asciiName } from '../documents/write';
import { freeze, receiveRecord, saveDraft, unfreeze } from '../records/store';
import { requireOwnUnit } from '../units-keys/units';
import { BundleError } from './format';
import type { BundleKind } from './kinds';
import { sendBundle } from './outbox';

/**
 * Receipts (biên nhận): for every bundle it accepts, the receiver signs a receipt back to the sender,
 * who imports it and sees "đã được tiếp nhận" with the date. Receipt record format 1.
 */
export const receiptRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('receipt'),
    version: z.number().int().min(1),
    bundle: z
      .object({
        bundle_id: z.string().uuid(),
        header_sha256: z.string().regex(/^[0-9a-f]{64}$/),
        kind: z.string().regex(/^[a-z][a-z_]{0,39}$/),
        seq: z.number().int().min(1),
        sender_code: z.string().regex(/^[A-Z0-9._-]{2,32}$/),
      })
      .strict(),
    received_at: z.iso.datetime(),
  })
  .strict();
export type ReceiptRecord = z.infer<typeof receiptRecordV1Schema>;

export const receiptKind: BundleKind = {
  kind: 'receipt',
  label: 'biên nhận',
  // Back to whoever sent the bundle, whatever either's role.
  from: 'any',
  to: 'any',
  unacknowledged: true,
  carriesAnswers: true,
  recordTypes: [{ type: 'receipt', schema: receiptRecordV1Schema }],
  requires: ['receipt'],
  apply({ tx, header, ownCode, now }, r) {
    const receipt = r.content as ReceiptRecord;
    const sent = tx.select().from(schema.sentBundles).where(eq(schema.sentBundles.bundleId, receipt.bundle.bundle_id)).get();
    if (receipt.bundle.sender_code !== ownCode || !sent) throw new BundleError('Biên nhận này xác nhận một gói không do đơn vị này gửi.');
    const key = { recordId: r.record_id, type: r.type, ownerCode: header.sender.unit_code, groupCode: header.group.code, year: header.year };
    const outcome = receiveRecord(tx, key, r.version, receipt, header.bundle_id, now);
    if (outcome === 'conflict') throw new BundleError(`Biên nhận ${r.record_id} đã nhận trước đây với nội dung khác.`);
    return outcome;
  },
  summary: (added) => (added ? `${added} gói đã gửi được xác nhận tiếp nhận` : 'biên nhận này đã có'),
};

export interface ReceiptWritten {
  bundleId: string;
  senderCode: string;
  file: string;
}

/**
 * Writes a signed receipt for each accepted bundle named into the outbox and, when a folder is given,
 * copies them there (back onto the USB stick). A bundle that is itself a receipt gets none.
 */
export async function writeReceipts(ws: Workspace, bundleIds: string[], folder?: string): Promise<ReceiptWritten[]> {
  const own = requireOwnUnit(ws.db);
  const named = bundleIds.length ? ws.db.select().from(schema.receivedBundles).where(inArray(schema.receivedBundles.bundleId, bundleIds)).all() : [];
  const missing = bundleIds.filter((id) => !named.some((r) => r.bundleId === id));
  if (missing.length) throw new UserError('Có gói chưa được nhận vào phần mềm nên chưa thể ghi biên nhận.');
  // The members' bundles a deputy forwarded are acknowledged to each member too, not only the deputy's.
  const forwarded = bundleIds.length ? ws.db.select().from(schema.receivedBundles).where(inArray(schema.receivedBundles.forwardedIn, bundleIds)).all() : [];
  const received = [...named, ...forwarded];
  const written: ReceiptWritten[] = [];
  for (const r of received) {
    if (ws.kinds.kind(r.kind)?.unacknowledged) continue;
    const group = ws.db
      .select()
      .from(schema.emulationGroups)
      .where(and(eq(schema.emulationGroups.code, r.groupCode), eq(schema.emulationGroups.year, r.year)))
      .get();
    const sent = await sendBundle(ws, {
      kind: receiptKind.kind,
      group: { code: r.groupCode, name: group?.name ?? r.groupCode, year: r.year },
      recipients: [r.senderCode],
      fileStem: `bien-nhan-${r.year}-${asciiName(own.code)}-gui-${asciiName(r.senderCode)}`,
      prepare(tx, bundleId, now) {
        const recordId = crypto.randomUUID();
        const content: ReceiptRecord = {
          record_id: recordId,
          type: 'receipt',
          version: 1,
          bundle: { bundle_id: r.bundleId, header_sha256: r.headerSha256, kind: r.kind, seq: r.seq, sender_code: r.senderCode },
          received_at: r.receivedAt,
        };
        saveDraft(tx, { recordId, type: 'receipt', ownerCode: own.code, groupCode: r.groupCode, year: r.year }, content, now);
        freeze(tx, recordId, 1, bundleId, now);
        // The acknowledged kind's own word, when it has one (the verified scores of a self-assessment).
        const answer = ws.kinds.kind(r.kind)?.answer?.records(tx, { bundleId: r.bundleId, senderCode: r.senderCode, groupCode: r.groupCode, year: r.year }, { ownCode: own.code, bundleId, now });
        return {
          records: [{ record_id: recordId, type: 'receipt', version: 1, content }, ...(answer?.records ?? [])],
          undo: (undoTx) => {
            answer?.undo(undoTx);
            unfreeze(undoTx, recordId, 1);
            undoTx.delete(schema.records).where(eq(schema.records.recordId, recordId)).run();
          },
        };
      },
    });
    const file = folder ? path.join(folder, path.basename(sent.path)) : sent.path;
    if (folder) await copyFileAtomic(sent.path, file);
    written.push({ bundleId: r.bundleId, senderCode: r.senderCode, file });
  }
  return written;
}

/** For each of this unit's sent bundles named, when its receiver's receipt says it was received (the latest, when several receivers sent one). */
export function receiptsFor(db: DbOrTx, bundleIds: string[]): Map<string, { receivedAt: string; by: string }> {
  const found = new Map<string, { receivedAt: string; by: string }>();
  if (!bundleIds.length) return found;
  const rows = db
    .select({ content: schema.records.content, by: schema.records.ownerCode })
    .from(schema.records)
    .where(and(eq(schema.records.type, 'receipt'), eq(schema.records.status, 'received'), inArray(sql`json_extract(${schema.records.content}, '$.bundle.bundle_id')`, bundleIds)))
    // A bundle sent to the deputy and forwarded to the leader has two receipts: the latest is the one told.
    .orderBy(sql`json_extract(${schema.records.content}, '$.received_at')`)
    .all();
  for (const row of rows) {
    const receipt = JSON.parse(row.content) as ReceiptRecord;
    found.set(receipt.bundle.bundle_id, { receivedAt: receipt.received_at, by: row.by });
  }
  return found;
}
