import crypto from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { schema, writeTransaction, type DbOrTx } from '../../../db/client';
import { UserError } from '../errors';
import { awardCatalogue, rulesInForce, type EntryInForce, type RulesInForce } from '../awards/catalogue';
import { councilResultFor } from '../awards/council';
import type { ConditionResult } from '../awards/eligibility';
import { nomineeEntryView, statusLabels } from '../awards/eligibility-view';
import { listNominees } from '../awards/history';
import { nomineeKinds, type NomineeKind } from '../awards/history-schemas';
import type { DossierPartKind } from '../awards/schemas';
import { getGroup } from '../groups-calendar/groups';
import { currentRecords, currentVersion, historyOf, saveDraft, type StoredRecord } from '../records/store';
import { acceptedSuffixes } from '../files/document-kinds';
import { storeEvidence } from '../scoring/evidence';
import type { EvidenceRef } from '../scoring/self-assessment-schemas';
import { comparePersonNames, compareVi, foldVi, formatDateVi } from '../text/vietnamese';
import { requireOwnUnit, todayVi } from '../units-keys/units';
import { nowIso, type Store } from '../workspace/clock';
import type { Workspace } from '../workspace/workspace';
import { dossierRecordV1Schema, missingParts, type DossierNominee, type DossierRecord } from './schemas';
import type { DossierList, DossierView } from './view-schemas';

/**
 * The unit's award dossiers (hồ sơ đề nghị khen thưởng) of a group-year: one per nominee and award,
 * kept as drafts in the record store; the export freezes the versions sent, and an edit after that
 * makes version + 1. Each save reads the nominee's eligibility again from the history, so what the
 * leader receives is what the history said when the unit sent.
 */

export const DOSSIER = 'dossier';

/** Parts the app prints; the others (the initiative's certificate) are papers made elsewhere, scanned. */
export const GENERATED_PARTS: ReadonlySet<DossierPartKind> = new Set(['proposalLetter', 'achievementReport', 'minutes']);

/**
 * The date whose catalogue rules a new dossier reads: today, held within the group's year. Dossiers
 * are made under the rules in force when the unit makes them (a decree announced for a later date
 * does not apply yet); a dossier made after the year ends reads the rules of its last day, and one
 * made early (a demonstration replaying a year) those of its first.
 */
export function ruleDateFor(year: number, today: string): string {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  return today < first ? first : today > last ? last : today;
}

const nomineeScope = (kind: NomineeKind) => (kind === 'person' ? 'individual' : 'collective');
const kindOrder = (k: NomineeKind) => nomineeKinds.indexOf(k);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Whether the conditions rest on a sáng kiến: one that must hold, or the only way a choice among
 * conditions is met. Then the initiative's certificate is a required part; otherwise it may be left out.
 */
function restsOnInitiative(r: ConditionResult): boolean {
  if (r.condition.kind === 'initiative') return true;
  const children = r.children ?? [];
  if (r.condition.kind === 'any_of') {
    const met = children.filter((c) => c.status === 'met');
    return met.length > 0 && met.every(restsOnInitiative);
  }
  return children.some(restsOnInitiative);
}

interface Context {
  group: ReturnType<typeof getGroup>;
  own: ReturnType<typeof requireOwnUnit>;
}

function context(db: DbOrTx, groupId: number): Context {
  return { group: getGroup(db, groupId), own: requireOwnUnit(db) };
}

const ownDossiers = (db: DbOrTx, { group, own }: Context) => currentRecords<DossierRecord>(db, DOSSIER, group.code, group.year, own.code);

function entryFor(rules: RulesInForce, code: string): EntryInForce {
  const entry = rules.entries.find((e) => e.code === code);
  if (!entry) throw new UserError(`Danh hiệu, hình thức khen thưởng "${code}" không có trong danh mục ngày ${formatDateVi(rules.date)}.`);
  return entry;
}

/** The register row a dossier's nominee stands for: by kind, name and (people) division, as the register keys them. */
export function nomineeIdOf(db: DbOrTx, n: DossierNominee): number | null {
  const division = n.kind === 'person' ? foldVi(n.division) : '';
  const row = db
    .select({ id: schema.awardNominees.id })
    .from(schema.awardNominees)
    .where(and(eq(schema.awardNominees.kind, n.kind), eq(schema.awardNominees.nameKey, foldVi(n.name)), eq(schema.awardNominees.divisionKey, division)))
    .get();
  return row?.id ?? null;
}

/** The eligibility as the history says it now, which parts that makes required, and the unit council's vote as recorded now. */
function judged(db: DbOrTx, record: DossierRecord): Pick<DossierRecord, 'eligibility' | 'parts' | 'council'> {
  const council = councilResultFor(db, { groupCode: record.group.code, year: record.group.year, ownCode: record.unit.code }, record.nominee, record.award.code);
  const id = nomineeIdOf(db, record.nominee);
  if (id === null) return { ...record, council };
  const rules = rulesInForce(awardCatalogue, record.rules.date);
  const { evaluation, view } = nomineeEntryView(db, id, entryFor(rules, record.award.code), rules, record.group.year);
  const initiative = evaluation.results.some(restsOnInitiative);
  return {
    eligibility: {
      status: view.status,
      reason: clip(view.reason, 2000),
      details: view.details.slice(0, 50).map((d) => ({ status: d.status, text: clip(d.text, 1000) })),
      broken_year: view.brokenYear,
      verified: view.verified,
    },
    parts: record.parts.map((p) => ({ ...p, required: p.part === 'initiativeCertification' ? initiative : true })),
    council,
  };
}

/** A dossier as it would go out now: its eligibility and council vote read again (the export does the same). */
export const asItStands = (db: DbOrTx, d: DossierRecord): DossierRecord => ({ ...d, ...judged(db, d) });

/** A draft is shown as it would go out now; a sent version as it was sent. */
function toView(db: DbOrTx, stored: StoredRecord<DossierRecord>): DossierView {
  const d = stored.status === 'draft' ? asItStands(db, stored.content) : stored.content;
  const sent = historyOf<DossierRecord>(db, stored.recordId).find((r) => r.status === 'frozen');
  const lacking = new Set(missingParts(d).map((p) => p.part));
  return {
    recordId: stored.recordId,
    version: stored.version,
    status: stored.status === 'draft' ? 'draft' : 'sent',
    sentVersion: sent?.version ?? null,
    nominee: { kind: d.nominee.kind, name: d.nominee.name, position: d.nominee.position, division: d.nominee.division, female: d.nominee.female },
    award: d.award,
    rulesDateText: formatDateVi(d.rules.date),
    eligibility: {
      status: d.eligibility.status,
      statusLabel: statusLabels[d.eligibility.status],
      reason: d.eligibility.reason,
      details: d.eligibility.details.map((x) => ({ ...x, statusLabel: statusLabels[x.status] })),
      brokenYear: d.eligibility.broken_year,
      verifiedLabel: d.eligibility.verified ? '' : 'chưa xác minh',
    },
    council: d.council && {
      votesFor: d.council.votes_for,
      totalMembers: d.council.total_members,
      reached: d.council.reached,
      text: `Hội đồng Thi đua – Khen thưởng: ${d.council.votes_for}/${d.council.total_members} thành viên đồng ý, ${d.council.reached ? 'đạt' : 'không đạt'} tỷ lệ phiếu theo quy định.`,
    },
    achievements: d.achievements,
    parts: d.parts.map((p) => ({
      part: p.part,
      name: p.name,
      form: p.form || null,
      formVerified: p.form_verified,
      required: p.required,
      canGenerate: GENERATED_PARTS.has(p.part),
      document: p.document && { name: p.document.name, sha256: p.document.sha256 },
      scans: p.scans.map((s) => ({ name: s.name, sha256: s.sha256, size: s.size })),
      complete: !lacking.has(p.part),
    })),
    missing: missingParts(d).map((p) => p.name),
  };
}

/** "Nguyễn Thị Hương – Chiến sĩ thi đua cơ sở": how a dossier is named in messages. */
export const dossierLabel = (d: Pick<DossierRecord, 'nominee' | 'award'>) => `${d.nominee.name} – ${d.award.name}`;

function byNominee(a: StoredRecord<DossierRecord>, b: StoredRecord<DossierRecord>): number {
  const x = a.content.nominee;
  const y = b.content.nominee;
  const codes = awardCatalogue.entries.map((e) => e.code);
  return (
    kindOrder(x.kind) - kindOrder(y.kind) ||
    (x.kind === 'person' ? comparePersonNames(x.name, y.name) : compareVi(x.name, y.name)) ||
    compareVi(x.division, y.division) ||
    codes.indexOf(a.content.award.code) - codes.indexOf(b.content.award.code)
  );
}

/** The unit's dossiers of the group-year, the unit first, then divisions, then people; each award under its nominee in catalogue order. */
export function ownDossierRecords(db: DbOrTx, groupId: number): StoredRecord<DossierRecord>[] {
  return ownDossiers(db, context(db, groupId)).sort(byNominee);
}

export function listDossiers(store: Store, groupId: number): DossierList {
  const ctx = context(store.db, groupId);
  const ruleDate = ruleDateFor(ctx.group.year, todayVi(store.clock));
  const rules = rulesInForce(awardCatalogue, ruleDate);
  return {
    year: ctx.group.year,
    ruleDate,
    ruleDateText: formatDateVi(ruleDate),
    dossiers: ownDossierRecords(store.db, groupId).map((r) => toView(store.db, r)),
    choices: {
      nominees: listNominees(store).map((n) => ({ id: n.id, kind: n.kind, name: n.name, division: n.division, position: n.position })),
      awards: rules.entries.filter((e) => e.dossier?.parts.length).map((e) => ({ code: e.code, name: e.name, scope: e.scope })),
    },
  };
}

function requireDossier(db: DbOrTx, ctx: Context, recordId: string): StoredRecord<DossierRecord> {
  const found = currentVersion<DossierRecord>(db, recordId);
  if (!found || found.type !== DOSSIER || found.ownerCode !== ctx.own.code || found.groupCode !== ctx.group.code || found.year !== ctx.group.year) {
    throw new UserError('Không tìm thấy hồ sơ đề nghị khen thưởng này của đơn vị trong năm đang làm việc.');
  }
  return found;
}

const keyOf = (ctx: Context, recordId: string) => ({ recordId, type: DOSSIER, ownerCode: ctx.own.code, groupCode: ctx.group.code, year: ctx.group.year });

/** Writes an edit of a dossier, its eligibility read again; a sent version stays as sent and the edit becomes version + 1. */
function writeDossier(tx: DbOrTx, ctx: Context, current: StoredRecord<DossierRecord>, edit: (d: DossierRecord) => DossierRecord, now: string): StoredRecord<DossierRecord> {
  const edited = edit(current.content);
  const version = current.status === 'draft' ? current.version : current.version + 1;
  const parsed = dossierRecordV1Schema.safeParse({ ...edited, ...judged(tx, edited), version, unit: { code: ctx.own.code, name: ctx.own.name } });
  // An edit past the record's limits (a 21st scan on a part, a file name it cannot hold) is the person's input: said, not a crash.
  if (!parsed.success) throw new UserError(`Chưa lưu được hồ sơ "${dossierLabel(edited)}": ${[...new Set(parsed.error.issues.map((i) => i.message))].join(' ')}`);
  const content = parsed.data as DossierRecord;
  // Nothing changed: the sent version stays current, no version + 1.
  if (current.status !== 'draft' && JSON.stringify({ ...content, version: current.version }) === JSON.stringify(current.content)) return current;
  return saveDraft(tx, keyOf(ctx, current.recordId), content, now);
}

/** Every dossier of the group-year brought up to what the history and the council say now (a sent one changed becomes version + 1), in list order. */
export function refreshDossiers(tx: DbOrTx, groupId: number, now: string): StoredRecord<DossierRecord>[] {
  const ctx = context(tx, groupId);
  return ownDossiers(tx, ctx)
    .map((d) => writeDossier(tx, ctx, d, (x) => x, now))
    .sort(byNominee);
}

/** Edits one dossier of the group-year and hands back how it reads now. */
export function updateDossier(store: Store, groupId: number, recordId: string, edit: (d: DossierRecord) => DossierRecord): DossierView {
  return writeTransaction(store.db, (tx) => {
    const ctx = context(tx, groupId);
    return toView(tx, writeDossier(tx, ctx, requireDossier(tx, ctx, recordId), edit, nowIso(store.clock)));
  });
}

/**
 * A new dossier: a nominee of the register and a title or award in force whose scope fits it (the
 * unit or a division for a collective one, a person for an individual one); one per nominee and award
 * a year. Its parts are the catalogue's dossier rule on the rule date.
 */
export function createDossier(store: Store, groupId: number, nomineeId: number, awardCode: string): DossierView {
  const nominee = listNominees(store).find((n) => n.id === nomineeId);
  if (!nominee) throw new UserError('Không tìm thấy tập thể, cá nhân này trong sổ theo dõi khen thưởng.');
  return writeTransaction(store.db, (tx) => {
    const ctx = context(tx, groupId);
    const date = ruleDateFor(ctx.group.year, todayVi(store.clock));
    const rules = rulesInForce(awardCatalogue, date);
    const entry = entryFor(rules, awardCode);
    if (entry.scope !== nomineeScope(nominee.kind)) {
      throw new UserError(
        entry.scope === 'individual'
          ? `«${entry.name}» là danh hiệu, hình thức khen thưởng dành cho cá nhân, không đề nghị cho tập thể "${nominee.name}".`
          : `«${entry.name}» là danh hiệu, hình thức khen thưởng dành cho tập thể (đơn vị, phòng, bộ phận), không đề nghị cho cá nhân "${nominee.name}".`,
      );
    }
    if (!entry.dossier?.parts.length) throw new UserError(`Danh mục chưa quy định thành phần hồ sơ của «${entry.name}» ngày ${formatDateVi(date)}.`);
    const record: DossierRecord = {
      record_id: crypto.randomUUID(),
      type: 'dossier',
      version: 1,
      group: { code: ctx.group.code, year: ctx.group.year },
      unit: { code: ctx.own.code, name: ctx.own.name },
      nominee: {
        kind: nominee.kind,
        name: nominee.name,
        position: nominee.kind === 'person' ? nominee.position : '',
        division: nominee.kind === 'person' ? nominee.division : '',
        female: nominee.kind === 'person' ? nominee.female : null,
      },
      award: { code: entry.code, name: entry.name },
      rules: { edition: rules.edition, date },
      eligibility: { status: 'needs_review', reason: '', details: [], broken_year: null, verified: false },
      council: null,
      achievements: '',
      parts: entry.dossier.parts.map((p) => ({ part: p.part, name: p.name, form: p.form ?? '', form_verified: p.formVerified, required: true, document: null, scans: [] })),
    };
    const twin = ownDossiers(tx, ctx).find((d) => d.content.award.code === entry.code && nomineeIdOf(tx, d.content.nominee) === nomineeId);
    if (twin) throw new UserError(`Đã có hồ sơ đề nghị «${entry.name}» cho "${nominee.name}" năm ${ctx.group.year}.`);
    const content = dossierRecordV1Schema.parse({ ...record, ...judged(tx, record) }) as DossierRecord;
    return toView(tx, saveDraft(tx, keyOf(ctx, content.record_id), content, nowIso(store.clock)));
  });
}

/** Removes a dossier never sent; one the leader holds stays, as what was sent. */
export function removeDossier(store: Store, groupId: number, recordId: string): { removed: boolean } {
  return writeTransaction(store.db, (tx) => {
    const ctx = context(tx, groupId);
    const current = requireDossier(tx, ctx, recordId);
    if (historyOf(tx, recordId).some((r) => r.status !== 'draft')) {
      throw new UserError(`Hồ sơ "${dossierLabel(current.content)}" đã gửi Trưởng Khu vực/Cụm nên không xóa được; hãy sửa và gửi lại nếu cần.`);
    }
    return { removed: tx.delete(schema.records).where(eq(schema.records.recordId, recordId)).run().changes > 0 };
  });
}

export const saveAchievements = (store: Store, groupId: number, recordId: string, achievements: string) =>
  updateDossier(store, groupId, recordId, (d) => ({ ...d, achievements }));


function requirePart(d: DossierRecord, part: DossierPartKind) {
  const found = d.parts.find((p) => p.part === part);
  if (!found) throw new UserError(`Hồ sơ "${dossierLabel(d)}" không có thành phần này theo danh mục.`);
  return found;
}

const withScan = (d: DossierRecord, part: DossierPartKind, ref: EvidenceRef): DossierRecord => ({
  ...d,
  parts: d.parts.map((p) => (p.part === part && !p.scans.some((s) => s.sha256 === ref.sha256) ? { ...p, scans: [...p.scans, ref] } : p)),
});

/**
 * Attaches the signed, stamped scan (PDF or images) of a part. With allDossiers, the same scan (the
 * tờ trình or the minutes, one paper for the batch) goes to every dossier of the year that has the part.
 */
export async function attachScan(ws: Workspace, groupId: number, recordId: string, part: DossierPartKind, source: string, name: string, allDossiers = false): Promise<DossierView> {
  const ctx = context(ws.db, groupId);
  requirePart(requireDossier(ws.db, ctx, recordId).content, part);
  // Judged by its name before it is stored: a refused file leaves nothing in the content store.
  // The same list the file picker offers, so what a person can pick is what is kept.
  if (!acceptedSuffixes('scan').includes(path.extname(name).toLowerCase())) throw new UserError(`Tệp "${path.basename(name)}" không phải bản scan: hãy đính kèm tệp PDF hoặc ảnh (JPG, PNG, TIFF).`);
  const ref = await storeEvidence(ws, source, name);
  return writeTransaction(ws.db, (tx) => {
    const now = nowIso(ws.clock);
    const targets = allDossiers ? ownDossiers(tx, ctx).filter((d) => d.content.parts.some((p) => p.part === part)) : [requireDossier(tx, ctx, recordId)];
    for (const d of targets) if (d.recordId !== recordId) writeDossier(tx, ctx, d, (x) => withScan(x, part, ref), now);
    return toView(tx, writeDossier(tx, ctx, requireDossier(tx, ctx, recordId), (x) => withScan(x, part, ref), now));
  });
}

/** Detaches a scan from a part; the stored file stays while any version cites it. */
export function detachScan(store: Store, groupId: number, recordId: string, part: DossierPartKind, sha256: string): DossierView {
  return updateDossier(store, groupId, recordId, (d) => {
    if (!requirePart(d, part).scans.some((s) => s.sha256 === sha256)) throw new UserError('Tệp này không đính kèm ở thành phần hồ sơ này.');
    return { ...d, parts: d.parts.map((p) => (p.part === part ? { ...p, scans: p.scans.filter((s) => s.sha256 !== sha256) } : p)) };
  });
}
