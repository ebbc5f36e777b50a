import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { schema } from '../../../db/client';
import type { Workspace } from '../workspace/workspace';
import { UserError } from '../errors';
import { asciiName } from '../documents/write';
import { optionalTextField } from '../fields/schemas';
import { getGroup } from '../groups-calendar/groups';
import { milestoneToSend, type MilestoneToSend } from '../groups-calendar/home';
import { nowIso } from '../workspace/clock';
import { currentRecords, freeze, receiveRecord, saveDraft, unfreeze } from '../records/store';
import { requireOwnUnit } from '../units-keys/units';
import { BundleError, LIMITS, type BundleHeader } from './format';
import type { BundleKind, BundleKindRegistry } from './kinds';
import { sendBundle, type Sent } from './outbox';
import { openBundle, verifyBundleFile } from './reader';

/**
 * The deputy's consolidated bundle (DESIGN.md §4): the Phó Trưởng gathers the bundles of the members
 * it collects (in the seeds, the Cục THADS members) and forwards them to the Trưởng in one bundle, the
 * members' original files unchanged under data/bundles/, with its own signed summary saying which
 * bundles it forwards and when it received each. Consolidated record format 1.
 */

const code = z.string().regex(/^[A-Z0-9._-]{2,32}$/);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const consolidatedRecordV1Schema = z
  .object({
    record_id: z.string().uuid(),
    type: z.literal('consolidated'),
    version: z.number().int().min(1),
    group: z.object({ code, year: z.number().int().min(2000).max(2100) }).strict(),
    /** The deputy's own words to the leader. */
    summary: optionalTextField('Nội dung tổng hợp', 4000),
    bundles: z
      .array(
        z
          .object({
            path: z.string().regex(/^data\/bundles\/[A-Za-z0-9][A-Za-z0-9._-]{0,119}\.tdkt$/),
            bundle_id: z.string().uuid(),
            sender_code: code,
            sender_name: z.string().min(1).max(200),
            kind: z.string().regex(/^[a-z][a-z_]{0,39}$/),
            seq: z.number().int().min(1),
            header_sha256: sha256Hex,
            /** When the deputy received it: the date the member is credited with. */
            received_at: z.iso.datetime(),
          })
          .strict(),
      )
      .min(1)
      .max(LIMITS.entries),
  })
  .strict();
export type ConsolidatedRecord = z.infer<typeof consolidatedRecordV1Schema>;

export const consolidatedKind: BundleKind = {
  kind: 'consolidated',
  label: 'tổng hợp',
  from: ['deputy'],
  to: ['leader'],
  requires: ['consolidated'],
  recordTypes: [{ type: 'consolidated', schema: consolidatedRecordV1Schema }],
  forwards(r) {
    const record = r.content as ConsolidatedRecord;
    return record.bundles.map((b) => ({ path: b.path, bundleId: b.bundle_id, senderCode: b.sender_code, headerSha256: b.header_sha256, receivedAt: b.received_at }));
  },
  apply({ tx, header, now }, r) {
    const record = r.content as ConsolidatedRecord;
    if (record.group.code !== header.group.code || record.group.year !== header.year) {
      throw new BundleError('Bản tổng hợp trong gói không cùng Khu vực/Cụm hoặc năm với gói.');
    }
    const key = { recordId: r.record_id, type: r.type, ownerCode: header.sender.unit_code, groupCode: header.group.code, year: header.year };
    const outcome = receiveRecord(tx, key, r.version, record, header.bundle_id, now);
    if (outcome === 'conflict') throw new BundleError(`Bản tổng hợp ${r.record_id} phiên bản ${r.version} đã nhận trước đây với nội dung khác.`);
    return outcome;
  },
  summary: (added) => (added ? 'bản tổng hợp của Phó Trưởng' : 'bản tổng hợp này đã có'),
};

/** A bundle this unit holds in its archive, as it received it (or, its own, as it signed it). */
export interface ArchivedBundle {
  bundleId: string;
  senderCode: string;
  kind: string;
  seq: number;
  /** SHA-256 of the signed bundle.json as received; null for this unit's own bundle, read from the file. */
  headerSha256: string | null;
  /** When it was received: the date its sender is credited with. */
  receivedAt: string;
  /** Relative to the data folder. */
  archivePath: string;
}

/**
 * The original bundles a forwarding bundle carries under data/bundles/, never re-written: each
 * archived file is opened once more (its structure and signature) and must still be the bundle
 * received; those `keep` accepts become the summary's entries and the files that travel.
 */
export async function forwardOriginals(
  ws: Workspace,
  archived: readonly ArchivedBundle[],
  keep: (header: BundleHeader) => boolean = () => true,
): Promise<{ entries: ConsolidatedRecord['bundles']; files: { path: string; source: string; mediaType: string }[] }> {
  const entries: ConsolidatedRecord['bundles'] = [];
  const files: { path: string; source: string; mediaType: string }[] = [];
  for (const r of archived) {
    const source = path.join(ws.dataDir, r.archivePath);
    const original = await openBundle(source, ws.kinds).catch((error: unknown) => {
      throw new UserError(`Bản lưu gói số ${r.seq} của ${r.senderCode} bị hỏng: ${error instanceof Error ? error.message : String(error)}`);
    });
    try {
      if (original.header.bundle_id !== r.bundleId || (r.headerSha256 !== null && original.headerSha256 !== r.headerSha256)) {
        throw new UserError(`Bản lưu gói số ${r.seq} của ${r.senderCode} không còn đúng gói đã nhận.`);
      }
      if (!keep(original.header)) continue;
      const bundlePath = `data/bundles/${r.bundleId}.tdkt`;
      entries.push({
        path: bundlePath,
        bundle_id: r.bundleId,
        sender_code: r.senderCode,
        sender_name: original.header.sender.unit_name,
        kind: r.kind,
        seq: r.seq,
        header_sha256: original.headerSha256,
        received_at: r.receivedAt,
      });
      files.push({ path: bundlePath, source, mediaType: 'application/zip' });
    } finally {
      await original.close();
    }
  }
  return { entries, files };
}

/** One bundle carried inside another, checked as a bundle of its own. */
export interface CarriedCheck {
  path: string;
  senderCode: string;
  senderName: string;
  kind: string;
  seq: number;
  /** The key its own signature was made with. */
  keyId: string;
  /** Why it fails, in Vietnamese; null when it is whole, signed and the one the carrying bundle lists. */
  problem: string | null;
}

/**
 * The bundles a forwarding bundle carries (a deputy's consolidated bundle, the leader's bundle to the
 * Ministry), each copied out and verified in full — structure, every hash, its sender's signature — and
 * matched against the carrying bundle's signed list (id, sender, header SHA-256). For a reader with no
 * keys pinned (the Ministry, `thidua verify`): it says who signed each, not whether that key is trusted.
 */
export async function verifyCarried(file: string, kinds: BundleKindRegistry): Promise<CarriedCheck[]> {
  const outer = await openBundle(file, kinds);
  const temp = await fsp.mkdtemp(path.join(os.tmpdir(), 'thidua-carried-'));
  try {
    const kind = kinds.kind(outer.header.kind);
    const declared = kind?.forwards ? [...outer.records()].flatMap((r) => kind.forwards!(r)) : [];
    // A file under data/bundles/ that no signed entry declares is refused on import: verify names it too, rather than pass it in silence.
    const paths = new Set(declared.map((d) => d.path));
    const checks: CarriedCheck[] = outer.header.files
      .filter((f) => f.path.startsWith('data/bundles/') && !paths.has(f.path))
      .map((f) => ({ path: f.path, senderCode: '', senderName: '', kind: '', seq: 0, keyId: '', problem: 'Tệp này không được ghi trong bản kê các gói chuyển tiếp đã ký của gói chứa nó.' }));
    for (const [i, d] of declared.entries()) {
      const staged = path.join(temp, `${i}.tdkt`);
      try {
        await outer.extractFile(d.path, staged);
        const v = await verifyBundleFile(staged, kinds);
        const h = v.header;
        const listed = h.bundle_id === d.bundleId && h.sender.unit_code === d.senderCode && v.headerSha256 === d.headerSha256;
        checks.push({
          path: d.path,
          senderCode: h.sender.unit_code,
          senderName: h.sender.unit_name,
          kind: h.kind,
          seq: h.seq,
          keyId: v.signer.keyId,
          problem: listed ? null : 'Gói không khớp với bản kê đã ký của gói chứa nó (mã gói, đơn vị gửi hoặc mã băm).',
        });
      } catch (error) {
        if (!(error instanceof BundleError)) throw error;
        checks.push({ path: d.path, senderCode: d.senderCode, senderName: '', kind: '', seq: 0, keyId: '', problem: error.message });
      }
    }
    return checks;
  } finally {
    await outer.close();
    await fsp.rm(temp, { recursive: true, force: true });
  }
}

export interface ConsolidatedOptions {
  /** Kinds of bundle to forward; by default every kind a member sends to the leader. */
  kinds?: string[];
  /** The deputy's own words to the leader; a sentence listing what is forwarded when left out. */
  summary?: string;
  /** Forward again bundles already forwarded in an earlier consolidated bundle (a lost one is resent). */
  all?: boolean;
}

/**
 * The deputy signs one consolidated bundle for the leader: the original bundles of the members it
 * gathers, as received and archived here (never re-written), with its summary record. By default
 * only bundles not yet forwarded go; a UserError says why there is nothing to send.
 */
export async function exportConsolidated(ws: Workspace, groupId: number, options: ConsolidatedOptions = {}): Promise<Sent & { forwarded: number; milestone: MilestoneToSend | null }> {
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  if (group.ownRole !== 'deputy') throw new UserError('Chỉ Phó Trưởng Khu vực/Cụm mới lập gói tổng hợp chuyển Trưởng.');
  const leader = group.members.find((m) => m.role === 'leader')!;
  const gathered = group.members.filter((m) => m.gatheredByDeputy);
  if (!gathered.length) throw new UserError('Khu vực/Cụm chưa có đơn vị nào do Phó Trưởng tập hợp hồ sơ; hãy đánh dấu các đơn vị đó trong danh sách thành viên.');
  for (const k of options.kinds ?? []) {
    if (!ws.kinds.kind(k)) throw new UserError(`Không có loại gói "${k}".`);
  }
  // What the leader would accept from a member directly; never a bundle that itself forwards others.
  const forwardable = (kind: string) => {
    const k = ws.kinds.kind(kind);
    return !!k && !k.forwards && k.to !== 'any' && k.to.includes('leader') && (!options.kinds || options.kinds.includes(kind));
  };
  const already = new Set(
    options.all
      ? []
      : currentRecords<ConsolidatedRecord>(ws.db, 'consolidated', group.code, group.year, own.code)
          .filter((r) => r.status === 'frozen')
          .flatMap((r) => r.content.bundles.map((b) => b.bundle_id)),
  );
  const rows = ws.db
    .select()
    .from(schema.receivedBundles)
    .where(
      and(
        eq(schema.receivedBundles.groupCode, group.code),
        eq(schema.receivedBundles.year, group.year),
        inArray(
          schema.receivedBundles.senderCode,
          gathered.map((m) => m.code),
        ),
        isNull(schema.receivedBundles.forwardedIn),
      ),
    )
    .orderBy(asc(schema.receivedBundles.receivedAt), asc(schema.receivedBundles.seq))
    .all()
    .filter((r) => forwardable(r.kind));

  const fresh = rows.filter((r) => !already.has(r.bundleId));
  const forwardedBefore = rows.length - fresh.length;
  // Only what was addressed to the leader too.
  const { entries, files } = await forwardOriginals(ws, fresh, (header) => header.recipient.unit_codes.includes(leader.code));
  if (!entries.length) {
    throw new UserError(
      !forwardedBefore
        ? 'Chưa nhận được gói hồ sơ nào gửi Trưởng của các đơn vị do Phó Trưởng tập hợp để chuyển tiếp.'
        : 'Các gói hồ sơ đã nhận của các đơn vị do Phó Trưởng tập hợp đều đã được chuyển Trưởng; không có gói mới.',
    );
  }
  const units = [...new Set(entries.map((e) => e.sender_name))];
  const checked = consolidatedRecordV1Schema.shape.summary.safeParse(
    options.summary?.trim() || `${own.name} chuyển ${entries.length} gói hồ sơ của ${units.length} đơn vị: ${units.join(', ')}.`,
  );
  if (!checked.success) throw new UserError(checked.error.issues[0]!.message);
  const summary = checked.data;
  const milestone = milestoneToSend(ws.db, groupId, consolidatedKind.kind, nowIso(ws.clock));
  const sent = await sendBundle(ws, {
    kind: consolidatedKind.kind,
    group,
    recipients: [leader.code],
    milestone: milestone?.key,
    fileStem: `tong-hop-chuyen-truong-${group.year}-${asciiName(own.code)}`,
    prepare(tx, bundleId, now) {
      const recordId = crypto.randomUUID();
      const content: ConsolidatedRecord = { record_id: recordId, type: 'consolidated', version: 1, group: { code: group.code, year: group.year }, summary, bundles: entries };
      saveDraft(tx, { recordId, type: 'consolidated', ownerCode: own.code, groupCode: group.code, year: group.year }, content, now);
      freeze(tx, recordId, 1, bundleId, now);
      return {
        records: [{ record_id: recordId, type: 'consolidated', version: 1, content }],
        undo: (undoTx) => {
          unfreeze(undoTx, recordId, 1);
          undoTx.delete(schema.records).where(eq(schema.records.recordId, recordId)).run();
        },
      };
    },
    files: () => Promise.resolve(files),
  });
  return { ...sent, forwarded: entries.length, milestone };
}
