import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { readSnapshot, schema, writeTransaction, type DbOrTx, type Tx } from '../../../db/client';
import type { ImportResult, QuarantineEntry } from '../../ipc/contract';
import { sweepLeftovers, type Workspace } from '../workspace/workspace';
import { asUserError, UserError } from '../errors';
import { copyFileAtomic } from '../files/atomic';
import { PRIVATE_DIR_MODE } from '../files/private';
import { findGroup, nonMemberReason, pinKey, roleIn, unknownGroupReason } from '../groups-calendar/groups';
import { formatFingerprint } from '../units-keys/keys';
import { formatDateVi } from '../text/vietnamese';
import { pinnedKeysOf, requireOwnUnit, retireKeys, upsertUnit } from '../units-keys/units';
import { nowIso } from '../workspace/clock';
import type { BundleKind, BundleKindRegistry, ForwardedBundle } from './kinds';
import { BUNDLE_EXTENSION, BundleError, LIMITS } from './format';
import { openBundle, type BundleHead, type OpenBundle } from './reader';
import { isPartFile, receiveParts } from './parts';

export interface IncomingFile {
  path: string;
  /** The name shown to the person (the file name on the USB stick, or of an upload). */
  name: string;
}

/** Expands folders (a USB stick full of bundles) into the .tdkt files and .tdkt-part parts they hold, links never followed. */
export async function collectBundleFiles(paths: string[]): Promise<IncomingFile[]> {
  const found: IncomingFile[] = [];
  const walk = async (p: string, depth: number): Promise<void> => {
    const stat = await fsp.lstat(p).catch(() => null);
    if (!stat) {
      found.push({ path: p, name: p });
      return;
    }
    if (stat.isDirectory() && depth < 4) {
      const names = (await fsp.readdir(p)).sort();
      for (const n of names) {
        const child = path.join(p, n);
        const st = await fsp.lstat(child);
        if (st.isDirectory() || (st.isFile() && (n.toLowerCase().endsWith(BUNDLE_EXTENSION) || isPartFile(n)))) await walk(child, depth + 1);
      }
    } else if (stat.isFile() || depth === 0) {
      found.push({ path: p, name: depth === 0 ? p : path.basename(p) });
    }
  };
  for (const p of paths) await walk(p, 0);
  return found;
}

type Decision = Omit<ImportResult, 'file'>;

const senderLabel = (v: BundleHead) => `${v.header.sender.unit_name} (${v.header.sender.unit_code})`;

/** What the person can do about a bundle that is broken or was altered on the way. */
const RESEND = 'Đề nghị đơn vị gửi lại gói.';

const roleNames = { leader: 'Trưởng', deputy: 'Phó Trưởng', member: 'thành viên' } as const;

/**
 * The checks that need the database, made from bundle.json and its signature alone: trust is
 * decided before a byte of the payload is read. What a kind may be sent by and to comes from its
 * registration (kinds.ts); whether its records are new is judged per record when they are applied.
 */
function judge(db: DbOrTx, kinds: BundleKindRegistry, v: BundleHead): Decision | 'accept' {
  const own = requireOwnUnit(db);
  const h = v.header;
  const sender = senderLabel(v);
  const kind = kinds.kind(h.kind)!;
  if (h.sender.unit_code === own.code) return { status: 'refused', reason: 'Gói hồ sơ do chính đơn vị này gửi đi, không cần nhập.', sender };
  if (!h.recipient.unit_codes.includes(own.code)) {
    const to = h.recipient.unit_codes.map((c) => `"${c}"`).join(', ');
    return {
      status: 'refused',
      reason: `Gói hồ sơ gửi cho đơn vị mã ${to}, không phải cho đơn vị này (mã "${own.code}"). Đề nghị đơn vị gửi kiểm tra lại nơi nhận rồi gửi lại gói.`,
      sender,
    };
  }
  const group = findGroup(db, h.group.code, h.year);
  // A kickoff brings its group; its records are checked against it when they are applied.
  if (!group && !kind.definesGroup) {
    return { status: 'refused', reason: `${unknownGroupReason(db, h.group.code, h.year)} Hãy kiểm tra Khu vực/Cụm và năm đã thiết lập, hoặc đề nghị đơn vị gửi đúng gói.`, sender };
  }
  if (group) {
    const senderRole = roleIn(db, group.id, h.sender.unit_code);
    if (!senderRole) return { status: 'refused', reason: nonMemberReason(db, group.id, h.group.code, h.year, { code: h.sender.unit_code, name: h.sender.unit_name }), sender };
    const ownRole = roleIn(db, group.id, own.code)!;
    if (kind.from !== 'any' && !kind.from.includes(senderRole)) {
      return { status: 'refused', reason: `Gói ${kind.label} chỉ do ${kind.from.map((r) => roleNames[r]).join(' hoặc ')} gửi; ${sender} là ${roleNames[senderRole]} của Khu vực/Cụm.`, sender };
    }
    if (kind.to !== 'any' && !kind.to.includes(ownRole)) {
      // A kind no role receives (the leader's bundle to the Ministry) says so, not "chỉ gửi cho ;".
      const to = kind.to.length ? `chỉ gửi cho ${kind.to.map((r) => roleNames[r]).join(' hoặc ')}` : 'không gửi cho đơn vị nào trong Khu vực/Cụm';
      return { status: 'refused', reason: `Gói ${kind.label} ${to}; đơn vị này là ${roleNames[ownRole]} của Khu vực/Cụm.`, sender };
    }
  }
  const previous = db.select().from(schema.receivedBundles).where(eq(schema.receivedBundles.bundleId, h.bundle_id)).get();
  if (previous) {
    if (previous.headerSha256 === v.headerSha256) return { status: 'duplicate', reason: `Gói này đã được nhận ngày ${formatDateVi(previous.receivedAt)}; không có gì thay đổi.`, sender };
    return { status: 'refused', reason: `Gói mang mã của một gói đã nhận nhưng nội dung khác. ${RESEND}`, sender };
  }
  const pinned = pinnedKeysOf(db, h.sender.unit_code);
  const signer = pinned.find((k) => k.keyId === v.signer.keyId);
  if (signer?.replacedBy) {
    // The old key may be in someone else's hands: what it signed before stays, nothing new is taken.
    return {
      status: 'refused',
      reason: `Gói được ký bằng khóa cũ ${formatFingerprint(signer.keyId)} của ${sender}, đã được thay bằng khóa ${formatFingerprint(signer.replacedBy)} ngày ${formatDateVi(signer.replacedAt)}. Khóa cũ có thể đã rơi vào tay người khác nên gói mới ký bằng khóa cũ không được nhận; các gói đã nhận trước đó vẫn giữ nguyên giá trị. Đề nghị đơn vị ký lại bằng khóa mới và gửi lại.`,
      sender,
    };
  }
  // A known unit signing with a key never seen: a replaced key is confirmed like the first one.
  if (!signer) return { status: 'quarantined', reason: pinned.length ? REPLACED_KEY : '', sender };
  return 'accept';
}

const REPLACED_KEY = 'đơn vị báo đã thay khóa: hãy gọi điện đối chiếu dấu vân tay mới';

/** Thrown inside the import transaction to undo it: the bundle brought only versions older than those held. */
class StaleBundle extends Error {}

/** Where a received bundle is kept: a name of its own, so a concurrent import of the same bundle never overwrites, or cleans up, this copy. */
function archivePathFor(ws: Workspace, h: BundleHead['header']): string {
  return path.join(ws.dir.received, h.sender.unit_code, `${h.bundle_id}.${crypto.randomBytes(4).toString('hex')}.tdkt`);
}

interface Landing {
  fileName: string;
  archive: string;
  receivedAt: string;
  /** For a bundle that came inside another: who forwarded it, in which bundle, and the date its sender is credited with. */
  forwarded?: { by: string; in: string; submittedAt: string };
}

/**
 * Records a judged bundle as received and applies its records, read from the open file one by one;
 * returns how many were added. Throws StaleBundle when it brought only versions older than those held.
 */
function land(ws: Workspace, tx: Tx, v: OpenBundle, at: Landing, ownCode: string): number {
  const h = v.header;
  const kind = ws.kinds.kind(h.kind)!;
  tx.insert(schema.receivedBundles)
    .values({
      bundleId: h.bundle_id,
      headerSha256: v.headerSha256,
      senderCode: h.sender.unit_code,
      keyId: v.signer.keyId,
      kind: h.kind,
      groupCode: h.group.code,
      year: h.year,
      seq: h.seq,
      createdAt: h.created_at,
      receivedAt: at.receivedAt,
      fileName: at.fileName,
      archivePath: path.relative(ws.dataDir, at.archive),
      forwardedBy: at.forwarded?.by ?? null,
      forwardedIn: at.forwarded?.in ?? null,
      submittedAt: at.forwarded?.submittedAt ?? null,
      milestone: h.milestone ?? null,
    })
    .run();
  const counts = { added: 0, same: 0, stale: 0 };
  const seen = new Set<string>();
  for (const r of v.records()) {
    counts[ws.kinds.apply(kind, { tx, header: h, ownCode, now: at.receivedAt }, r)]++;
    seen.add(r.type);
  }
  const absent = (kind.requires ?? []).filter((t) => !seen.has(t));
  if (absent.length) throw new BundleError(`Gói ${kind.label} thiếu bản ghi bắt buộc (${absent.join(', ')}).`);
  // Nothing new and something older than what is held: the bundle is an old one, and is not kept.
  if (!counts.added && counts.stale) throw new StaleBundle();
  return counts.added;
}

/** A bundle carried inside the one being imported, copied out to a file of its own and opened. */
interface Forwarded {
  declared: ForwardedBundle;
  staged: string;
  bundle: OpenBundle;
  /** Already received (directly from its sender, or forwarded before): nothing to do. */
  duplicate: boolean;
}

/** A refusal that already says what to do (ask the forwarder or the member), so nothing is added to it. */
class ForwardedRefusal extends BundleError {}

/** A forwarded bundle is refused: the person reads whose bundle it was, and that nothing of the carrying bundle was kept. */
function forwardedRefusal(db: DbOrTx, outer: BundleHead, kind: BundleKind, senderCode: string, reason: string): BundleError {
  const unit = db.select({ name: schema.units.name }).from(schema.units).where(eq(schema.units.code, senderCode)).get();
  const who = unit ? `${unit.name} (${senderCode})` : `đơn vị mã "${senderCode}"`;
  return new ForwardedRefusal(
    `Gói hồ sơ của ${who} do ${senderLabel(outer)} chuyển tiếp bị từ chối: ${reason.trim()} Vì vậy toàn bộ gói ${kind.label} không được nhập; đề nghị ${senderLabel(outer)} kiểm tra gói của ${who}, hoặc đề nghị ${who} gửi trực tiếp.`,
  );
}

function unconfirmedKeyReason(v: BundleHead, why: string): string {
  const replaced = why ? ` (khác khóa đã ghim: ${why})` : '';
  return `Khóa ký ${formatFingerprint(v.signer.keyId)} của đơn vị này chưa được xác nhận ở đây${replaced}. Hãy gọi điện cho đơn vị để đối chiếu dấu vân tay và xác nhận khóa trước, rồi nhập lại gói.`;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The bundles a forwarding kind carries under data/bundles/: each listed by its records exactly
 * once, copied out of the carrying file by streaming (never loaded whole), verified in full and
 * judged exactly as if its sender had sent it here directly — against that sender's own pinned key.
 * Any one refused refuses them all, naming its sender. Each opened is added to `opened`, which the
 * caller closes and removes whatever happens.
 */
async function openForwarded(ws: Workspace, outer: OpenBundle, opened: Forwarded[]): Promise<void> {
  const kind = ws.kinds.kind(outer.header.kind)!;
  const carried = outer.header.files.filter((f) => f.path.startsWith('data/bundles/')).map((f) => f.path);
  if (!kind.forwards) {
    if (carried.length) throw new BundleError(`Gói ${kind.label} không được chứa gói hồ sơ khác ("${carried[0]}").`);
    return;
  }
  const declared: ForwardedBundle[] = [];
  for (const r of outer.records()) declared.push(...kind.forwards(r));
  const paths = new Set(declared.map((d) => d.path));
  if (paths.size !== declared.length || new Set(declared.map((d) => d.bundleId)).size !== declared.length) {
    throw new BundleError(`Bản kê của gói ${kind.label} ghi một gói chuyển tiếp hai lần.`);
  }
  for (const p of carried) if (!paths.has(p)) throw new BundleError(`Gói ${kind.label} có tệp "${p}" không được ghi trong bản kê các gói chuyển tiếp.`);
  for (const d of declared) if (!carried.includes(d.path)) throw new BundleError(`Bản kê của gói ${kind.label} ghi gói "${d.path}" nhưng gói không chứa tệp này.`);

  for (const d of declared) {
    const refuse = (reason: string) => forwardedRefusal(ws.db, outer, kind, d.senderCode, reason);
    const staged = path.join(ws.dir.staging, `forwarded-${crypto.randomBytes(8).toString('hex')}.tdkt`);
    let bundle: OpenBundle;
    try {
      await outer.extractFile(d.path, staged);
      bundle = await openBundle(staged, ws.kinds);
    } catch (error) {
      await fsp.rm(staged, { force: true });
      if (error instanceof BundleError) throw refuse(error.message);
      throw error;
    }
    const f: Forwarded = { declared: d, staged, bundle, duplicate: false };
    opened.push(f);
    const h = bundle.header;
    if (h.bundle_id !== d.bundleId || h.sender.unit_code !== d.senderCode || bundle.headerSha256 !== d.headerSha256) {
      throw refuse(`gói không khớp với bản kê đã ký của ${senderLabel(outer)} (mã gói, đơn vị gửi hoặc mã băm).`);
    }
    const innerKind = ws.kinds.kind(h.kind)!;
    if (innerKind.forwards) throw refuse(`đây là gói ${innerKind.label}, tự nó chứa gói khác; không nhận gói lồng nhiều tầng.`);
    if (h.group.code !== outer.header.group.code || h.year !== outer.header.year) throw refuse('gói thuộc Khu vực/Cụm hoặc năm khác với gói chuyển tiếp.');
    // The forwarder vouches for when it received the bundle: not before its sender signed it, nor after the forwarder signed its own (a day's clock drift allowed).
    const credited = Date.parse(d.receivedAt);
    if (credited < Date.parse(h.created_at) - DAY_MS || credited > Date.parse(outer.header.created_at) + DAY_MS) {
      throw refuse(
        `ngày nhận gói ghi trong bản kê (${formatDateVi(d.receivedAt)}) trước ngày đơn vị ký gửi (${formatDateVi(h.created_at)}) hoặc sau ngày lập gói chuyển tiếp (${formatDateVi(outer.header.created_at)}).`,
      );
    }
    const verdict = readSnapshot(ws.db, (tx) => judge(tx, ws.kinds, bundle));
    if (verdict === 'accept') {
      try {
        await bundle.verifyPayload();
      } catch (error) {
        if (error instanceof BundleError) throw refuse(error.message);
        throw error;
      }
    } else if (verdict.status === 'duplicate') f.duplicate = true;
    else throw refuse(verdict.status === 'quarantined' ? unconfirmedKeyReason(bundle, verdict.reason) : verdict.reason);
  }
}

/**
 * Lands an accepted bundle: its original kept in the archive, its records read one at a time in one
 * transaction; the bundles it forwards land in the same transaction, each with its own row and
 * archive copy, or none does.
 */
async function accept(ws: Workspace, staged: string, v: OpenBundle, fileName: string, forwarded: Forwarded[]): Promise<Decision> {
  const h = v.header;
  const kind = ws.kinds.kind(h.kind)!;
  const archive = archivePathFor(ws, h);
  const landed: string[] = [];
  const innerArchives = new Map(forwarded.map((f) => [f, archivePathFor(ws, f.bundle.header)]));
  for (const p of [archive, ...innerArchives.values()]) await fsp.mkdir(path.dirname(p), { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    const own = requireOwnUnit(ws.db);
    const now = nowIso(ws.clock);
    const outcome = writeTransaction(ws.db, (tx) => {
      // Re-judged inside the transaction: another import may have landed since the first look.
      const verdict = judge(tx, ws.kinds, v);
      if (verdict !== 'accept') return verdict;
      const added = land(ws, tx, v, { fileName, archive, receivedAt: now }, own.code);
      const notes: string[] = [];
      for (const f of forwarded) {
        const inner = f.bundle;
        const innerKind = ws.kinds.kind(inner.header.kind)!;
        const what = `${senderLabel(inner)}, gói ${innerKind.label} số ${inner.header.seq}`;
        const again = f.duplicate ? null : judge(tx, ws.kinds, inner);
        if (f.duplicate || (again !== 'accept' && again?.status === 'duplicate')) {
          notes.push(`${what}: đã nhận trước đây`);
          continue;
        }
        if (again !== 'accept') throw forwardedRefusal(tx, v, kind, f.declared.senderCode, again!.status === 'quarantined' ? unconfirmedKeyReason(inner, again!.reason) : again!.reason);
        const innerArchive = innerArchives.get(f)!;
        try {
          // A savepoint of its own: an old bundle among new ones is left out alone.
          const innerAdded = writeTransaction(tx, (sp) =>
            land(
              ws,
              sp,
              inner,
              { fileName: `${fileName} › ${path.basename(f.declared.path)}`, archive: innerArchive, receivedAt: now, forwarded: { by: h.sender.unit_code, in: h.bundle_id, submittedAt: f.declared.receivedAt } },
              own.code,
            ),
          );
          notes.push(`${what}: ${innerKind.summary(innerAdded)}`);
        } catch (error) {
          if (!(error instanceof StaleBundle)) {
            if (error instanceof BundleError || error instanceof UserError) throw forwardedRefusal(tx, v, kind, f.declared.senderCode, error.message);
            throw error;
          }
          notes.push(`${what}: gói cũ, đã có phiên bản mới hơn`);
          continue;
        }
        fs.renameSync(f.staged, innerArchive);
        landed.push(innerArchive);
      }
      // Moved into the archive under the write lock, with its row: the sweep of files without a row
      // holds the same lock, so it never sees this file between the two.
      fs.renameSync(staged, archive);
      return { added, notes };
    });
    if ('status' in outcome) return outcome;
    const carried = outcome.notes.length ? `; chuyển tiếp ${outcome.notes.length} gói: ${outcome.notes.join('; ')}` : '';
    return {
      status: 'accepted',
      reason: `Đã nhận gói ${kind.label} số ${h.seq} của ${senderLabel(v)}: ${kind.summary(outcome.added)}${carried}.`,
      sender: senderLabel(v),
      bundleId: h.bundle_id,
      acknowledge: !kind.unacknowledged,
    };
  } catch (error) {
    for (const p of [archive, ...landed]) await fsp.rm(p, { force: true });
    if (error instanceof StaleBundle) {
      return { status: 'stale', reason: `Gói cũ: đã có phiên bản mới hơn của ${kind.label} do ${senderLabel(v)} gửi; gói này không thay thế bản mới hơn.`, sender: senderLabel(v) };
    }
    if (error instanceof BundleError) return { status: 'refused', reason: error instanceof ForwardedRefusal ? error.message : `${error.message} ${RESEND}`, sender: senderLabel(v) };
    throw error;
  }
}

async function quarantine(ws: Workspace, staged: string, v: BundleHead, fileName: string, why: string): Promise<Decision> {
  const h = v.header;
  const sender = senderLabel(v);
  const note = why
    ? `Khóa ký ${formatFingerprint(v.signer.keyId)} khác khóa đã ghim của ${sender}: ${why}; xác nhận thì khóa mới thay khóa cũ, các gói đã nhận trước đó vẫn giữ nguyên.`
    : `Khóa ký ${formatFingerprint(v.signer.keyId)} chưa được xác nhận cho ${sender}. Hãy gọi điện cho đơn vị gửi để đối chiếu dấu vân tay rồi xác nhận hoặc từ chối.`;
  const stored = path.join(ws.dir.quarantine, `${h.bundle_id}.${crypto.randomBytes(4).toString('hex')}.tdkt`);
  // Looked up and held in one write transaction: two imports of one bundle at once hold it once.
  const held = writeTransaction(ws.db, (tx) => {
    const pending = tx
      .select()
      .from(schema.quarantinedBundles)
      .where(and(eq(schema.quarantinedBundles.bundleId, h.bundle_id), eq(schema.quarantinedBundles.decision, 'pending')))
      .get();
    if (pending) return true;
    tx.insert(schema.quarantinedBundles)
      .values({
        bundleId: h.bundle_id,
        headerSha256: v.headerSha256,
        senderCode: h.sender.unit_code,
        senderName: h.sender.unit_name,
        keyId: v.signer.keyId,
        publicKey: v.signer.publicKey,
        groupCode: h.group.code,
        year: h.year,
        fileName,
        storedPath: path.relative(ws.dataDir, stored),
        receivedAt: nowIso(ws.clock),
        decision: 'pending',
      })
      .run();
    // Under the write lock, with its row, as in accept().
    fs.renameSync(staged, stored);
    return false;
  });
  if (held) return { status: 'quarantined', reason: `Gói đã nằm trong danh sách chờ xác nhận. ${note}`, sender };
  return { status: 'quarantined', reason: note, sender };
}

/**
 * Imports one file: a private copy is opened, its signature checked and its sender judged before its
 * payload is read; the payload is then verified in full, and its records are validated one at a
 * time as they are applied. A bundle from a key not yet confirmed is verified but not parsed: its
 * records are validated when a person confirms the key and it is imported again.
 */
async function importOne(ws: Workspace, file: IncomingFile): Promise<ImportResult> {
  requireOwnUnit(ws.db);
  const staged = path.join(ws.dir.staging, `import-${crypto.randomBytes(8).toString('hex')}.tdkt`);
  try {
    try {
      // Only a regular file of a bundle's size is copied: a device or a pipe named on the command line
      // would otherwise be read without end.
      const source = await fsp.stat(file.path);
      if (!source.isFile()) return { file: file.name, status: 'refused', reason: 'Đường dẫn không phải là một tệp gói hồ sơ. Hãy chọn tệp .tdkt.' };
      if (source.size > LIMITS.bundleBytes) return { file: file.name, status: 'refused', reason: `Tệp gói hồ sơ quá lớn (tối đa ${LIMITS.bundleBytes / 1024 ** 3} GB). ${RESEND}` };
      await copyFileAtomic(file.path, staged);
    } catch {
      return { file: file.name, status: 'refused', reason: 'Không đọc được tệp (tệp không tồn tại hoặc không có quyền đọc). Hãy kiểm tra lại tệp hoặc thư mục đã chọn.' };
    }
    let bundle: OpenBundle;
    try {
      bundle = await openBundle(staged, ws.kinds);
    } catch (error) {
      if (error instanceof BundleError) return { file: file.name, status: 'refused', reason: `${error.message} ${RESEND}` };
      throw error;
    }
    try {
      // One snapshot: an import landing meanwhile must not look like "already received" to half the checks.
      const verdict = readSnapshot(ws.db, (tx) => judge(tx, ws.kinds, bundle));
      if (verdict !== 'accept' && verdict.status !== 'quarantined') return { file: file.name, ...verdict };
      try {
        await bundle.verifyPayload();
      } catch (error) {
        if (error instanceof BundleError) return { file: file.name, status: 'refused', reason: `${error.message} ${RESEND}`, sender: senderLabel(bundle) };
        throw error;
      }
      if (verdict !== 'accept') return { file: file.name, ...(await quarantine(ws, staged, bundle, path.basename(file.name), verdict.reason)) };
      const forwarded: Forwarded[] = [];
      try {
        await openForwarded(ws, bundle, forwarded);
        return { file: file.name, ...(await accept(ws, staged, bundle, path.basename(file.name), forwarded)) };
      } catch (error) {
        if (error instanceof BundleError) return { file: file.name, status: 'refused', reason: error instanceof ForwardedRefusal ? error.message : `${error.message} ${RESEND}`, sender: senderLabel(bundle) };
        throw error;
      } finally {
        for (const f of forwarded) {
          await f.bundle.close();
          await fsp.rm(f.staged, { force: true });
        }
      }
    } finally {
      await bundle.close();
    }
  } finally {
    await fsp.rm(staged, { force: true });
  }
}

/** Imports one file; whatever goes wrong becomes a refusal with its reason, never an exception. */
export async function importBundleFile(ws: Workspace, file: IncomingFile): Promise<ImportResult> {
  try {
    return await importOne(ws, file);
  } catch (error) {
    if (error instanceof BundleError) return { file: file.name, status: 'refused', reason: error.message };
    // A database kept busy by another writer past the timeout is said as such, not as a fault.
    const known = asUserError(error);
    if (known) return { file: file.name, status: 'refused', reason: known.message };
    const detail = error instanceof Error ? error.message : String(error);
    return {
      file: file.name,
      status: 'refused',
      reason: `Không nhập được gói do một lỗi không lường trước; dữ liệu đã lưu không thay đổi. Hãy thử nhập lại; nếu vẫn lỗi, đề nghị đơn vị gửi lại gói. Chi tiết kỹ thuật: ${detail}`,
    };
  }
}

/**
 * Imports every file in turn: one bad bundle is reported refused and the others still import. Parts
 * (.tdkt-part) come first: held until their whole is complete, then joined and imported like any bundle.
 */
export async function importBundleFiles(ws: Workspace, files: IncomingFile[]): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  const parts = files.filter((f) => isPartFile(f.name));
  if (parts.length) {
    requireOwnUnit(ws.db);
    const received = await receiveParts(ws, parts);
    results.push(...received.results);
    for (const whole of received.joined) results.push(await whole.settle(await importBundleFile(ws, whole)));
  }
  for (const f of files) if (!isPartFile(f.name)) results.push(await importBundleFile(ws, f));
  // What a killed import elsewhere (another window, the CLI) left behind goes now, not at next start.
  sweepLeftovers(ws);
  return results;
}

export function listQuarantine(ws: Workspace): QuarantineEntry[] {
  return ws.db
    .select()
    .from(schema.quarantinedBundles)
    .where(eq(schema.quarantinedBundles.decision, 'pending'))
    .all()
    .map((q) => ({
      id: q.id,
      fileName: q.fileName,
      senderCode: q.senderCode,
      senderName: q.senderName,
      fingerprint: formatFingerprint(q.keyId),
      groupCode: q.groupCode,
      year: q.year,
      receivedAt: q.receivedAt,
    }));
}

/**
 * A person has compared the fingerprint with the sender by phone. Confirming pins the key and imports
 * the held bundle (checked again in full); rejecting discards it.
 */
export async function decideQuarantine(ws: Workspace, id: number, confirm: boolean): Promise<ImportResult> {
  // Decided once: a second click (or window) finds it no longer pending.
  const q = writeTransaction(ws.db, (tx) => {
    const q = tx.select().from(schema.quarantinedBundles).where(eq(schema.quarantinedBundles.id, id)).get();
    if (!q || q.decision !== 'pending') throw new UserError('Không tìm thấy gói đang chờ xác nhận.');
    tx.update(schema.quarantinedBundles).set({ decision: confirm ? 'accepted' : 'rejected', decidedAt: nowIso(ws.clock) }).where(eq(schema.quarantinedBundles.id, id)).run();
    if (confirm) {
      // A kickoff's sender may be the first this installation hears of: known by name until its records say more.
      if (!tx.select().from(schema.units).where(eq(schema.units.code, q.senderCode)).get()) {
        upsertUnit(tx, { code: q.senderCode, name: q.senderName, kind: 'khac', province: '', parentName: '' }, requireOwnUnit(tx).code, nowIso(ws.clock));
      }
      pinKey(tx, q.senderCode, q.keyId, 'quarantine_confirmed', nowIso(ws.clock), q.publicKey);
      // A unit signs with one key: confirming a new one retires the old, which stays as history.
      retireKeys(tx, q.senderCode, q.keyId, nowIso(ws.clock));
    }
    return q;
  });
  const stored = path.join(ws.dataDir, q.storedPath);
  if (!confirm) {
    await fsp.rm(stored, { force: true });
    return { file: q.fileName, status: 'refused', reason: `Đã từ chối gói của ${q.senderName}; khóa ${formatFingerprint(q.keyId)} không được ghim.`, sender: q.senderName };
  }
  const result = await importBundleFile(ws, { path: stored, name: q.fileName });
  await fsp.rm(stored, { force: true });
  return result;
}
