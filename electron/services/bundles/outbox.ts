import crypto from 'node:crypto';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { schema, writeTransaction, type Tx } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { requireOwnUnit } from '../units-keys/units';
import { nowIso } from '../workspace/clock';
import { APP_VERSION } from '../version';
import { FORMAT, FORMAT_VERSION } from './format';
import { writeBundle, type BundleFileInput, type BundleRecordInput } from './writer';

export interface Outgoing {
  kind: string;
  group: { code: string; name: string; year: number };
  recipients: string[];
  /** The file's name without extension, before its sequence number: "dang-ky-thi-dua-2022-STP-HG". */
  fileStem: string;
  /** The plan milestone (its key) this bundle answers, stated in its signed header; see calendar.ts milestoneToAnswer. */
  milestone?: string | null;
  /**
   * Runs in the transaction that reserves the bundle's number: freezes what the bundle carries (so an
   * edit meanwhile makes a new version) and returns it. `undo` puts it back if the file cannot be written.
   */
  prepare(tx: Tx, bundleId: string, now: string): { records: BundleRecordInput[]; undo(tx: Tx): void };
  /** Printable documents and attachments, made from the frozen records. */
  files?(records: BundleRecordInput[]): Promise<BundleFileInput[]>;
}

export interface Sent {
  bundleId: string;
  path: string;
  seq: number;
}

/**
 * Every bundle this unit sends goes out here: its number reserved and its records frozen in one
 * transaction, then signed and written into the outbox (bundles/sent); if writing fails both are undone.
 */
export async function sendBundle(ws: Workspace, out: Outgoing): Promise<Sent> {
  const own = requireOwnUnit(ws.db);
  const bundleId = crypto.randomUUID();
  const createdAt = nowIso(ws.clock);
  const { seq, dest, records, undo } = writeTransaction(ws.db, (tx) => {
    const last = tx.select({ seq: schema.sentBundles.seq }).from(schema.sentBundles).orderBy(desc(schema.sentBundles.seq)).get();
    const seq = (last?.seq ?? 0) + 1;
    const dest = path.join(ws.dir.sent, `${out.fileStem}-so${seq}.tdkt`);
    tx.insert(schema.sentBundles)
      .values({ bundleId, kind: out.kind, groupCode: out.group.code, year: out.group.year, seq, createdAt, archivePath: path.relative(ws.dataDir, dest), milestone: out.milestone ?? null })
      .run();
    return { seq, dest, ...out.prepare(tx, bundleId, createdAt) };
  });
  try {
    const signer = { ...(await ws.keys.load(own.keyId)), keyId: own.keyId };
    await writeBundle(
      dest,
      {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        bundle_id: bundleId,
        kind: out.kind,
        sender: { unit_code: own.code, unit_name: own.name, key_id: own.keyId },
        recipient: { unit_codes: out.recipients },
        group: { code: out.group.code, name: out.group.name },
        year: out.group.year,
        seq,
        ...(out.milestone ? { milestone: out.milestone } : {}),
        created_at: createdAt,
        app_version: APP_VERSION,
      },
      records,
      (await out.files?.(records)) ?? [],
      signer,
      ws.kinds,
    );
  } catch (error) {
    writeTransaction(ws.db, (tx) => {
      tx.delete(schema.sentBundles).where(eq(schema.sentBundles.bundleId, bundleId)).run();
      undo(tx);
    });
    throw error;
  }
  return { bundleId, path: dest, seq };
}
