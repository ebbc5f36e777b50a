import path from 'node:path';
import { eq } from 'drizzle-orm';
import { schema } from '../../../db/client';
import type { Document } from 'docx';
import { UserError } from '../errors';
import { awardCatalogue, rulesInForce, type EntryInForce } from '../awards/catalogue';
import { printCouncilMinutes } from '../awards/council';
import type { CouncilMeetingRecord } from '../awards/council-schemas';
import { yearsOf } from '../awards/history';
import { initiativeKindLabels, initiativeLevelLabels, type DossierPartKind, type Decision } from '../awards/schemas';
import { achievementReportDocument, type AchievementReportView, type HonourRow } from '../documents/achievement-report-doc';
import { awardListDocument, type AwardListGroup } from '../documents/award-list-doc';
import { awardProposalDocument } from '../documents/award-proposal-doc';
import type { DocumentHeading } from '../documents/layout';
import { asciiName, writeDocx } from '../documents/write';
import { getGroup } from '../groups-calendar/groups';
import { currentRecords, historyOf, type StoredRecord } from '../records/store';
import { headTitle, latestOwnSigner } from '../registration/consolidated-export';
import { storeEvidence } from '../scoring/evidence';
import { selfAssessmentView } from '../scoring/self-assessment';
import { ownVerifiedScores } from '../scoring/verification';
import { formatDateVi } from '../text/vietnamese';
import { requireOwnUnit } from '../units-keys/units';
import type { OwnUnit } from '../../ipc/contract';
import type { Workspace } from '../workspace/workspace';
import { asItStands, dossierLabel, nomineeIdOf, ownDossierRecords, updateDossier } from './dossier';
import type { DossierRecord } from './schemas';
import type { DossierView } from './view-schemas';

/**
 * The documents of a dossier, generated as DOCX in the Nghị định 30/2020 layout into the documents
 * folder and kept in the content store as the part's document (so they travel in the bundle): the tờ
 * trình with its danh sách for the whole batch of one grantor, the báo cáo thành tích pre-filled from
 * the registration's signer, the scores and the history, and the council's minutes.
 */

const byDate = new Map<string, ReturnType<typeof rulesInForce>>();
function entryOf(d: DossierRecord): EntryInForce | undefined {
  const rules = byDate.get(d.rules.date) ?? rulesInForce(awardCatalogue, d.rules.date);
  byDate.set(d.rules.date, rules);
  return rules.entries.find((e) => e.code === d.award.code);
}

/** Who decides the award for this unit (its hierarchy: Sở Tư pháp or THADS), as the tờ trình addresses them. */
export function grantorOf(d: DossierRecord, own: OwnUnit): string {
  const grant = entryOf(d)?.grant ?? [];
  const context = own.kind === 'thads' ? 'thads' : 'so_tu_phap';
  const authority = (grant.find((g) => g.context === context) ?? grant[0])?.authority ?? null;
  if (!authority) return 'cấp có thẩm quyền';
  // "Chủ tịch Ủy ban nhân dân tỉnh" is the unit's own province's.
  return /tỉnh$/.test(authority) && own.province ? `${authority} ${own.province}` : authority;
}

function signerOf(ws: Workspace, own: OwnUnit): { title: string; name: string } {
  const s = latestOwnSigner(ws.db, own.code);
  return { title: s?.signerTitle || headTitle[own.kind], name: s?.signerName ?? '' };
}

const unitHeading = (own: OwnUnit, numberSymbol: string | null, year: number): DocumentHeading => ({
  parentName: own.parentName,
  unitName: own.name,
  numberSymbol,
  place: own.province,
  date: { blankIn: year },
});
/** "      /TTr-STP": the number is given by the clerk when the paper is signed. */
const symbolOf = (own: OwnUnit, type: string) => `      /${type}-${own.code.split('-')[0]}`;
const formOf = (p: DossierRecord['parts'][number]) => (p.form_verified && p.form ? p.form : null);
const partOf = (d: DossierRecord, part: DossierPartKind) => d.parts.find((p) => p.part === part);
const decisionText = (d: Decision | null) => (d ? `Quyết định số ${d.number} ngày ${formatDateVi(d.date)}` : 'Đang đề nghị, chưa có quyết định');

interface Written {
  path: string;
  also: string[];
  dossier: DossierView;
}

/** Writes the document and keeps it as the part's document (see keepFile). */
async function keep(ws: Workspace, groupId: number, recordId: string, part: DossierPartKind, doc: Document, file: string, batch: StoredRecord<DossierRecord>[], also: string[] = []): Promise<Written> {
  const dest = path.join(ws.dataDir, 'documents', file);
  await writeDocx(doc, dest);
  return keepFile(ws, groupId, recordId, part, dest, batch, also);
}

/** Stores a written document and records it as the part's document of the given dossiers (a sent one only if it is the one asked for). */
async function keepFile(ws: Workspace, groupId: number, recordId: string, part: DossierPartKind, dest: string, batch: StoredRecord<DossierRecord>[], also: string[] = []): Promise<Written> {
  const ref = await storeEvidence(ws, dest, path.basename(dest));
  let dossier: DossierView | undefined;
  for (const d of batch) {
    if (d.recordId !== recordId && d.status !== 'draft') continue;
    const view = updateDossier(ws, groupId, d.recordId, (x) => ({ ...x, parts: x.parts.map((p) => (p.part === part ? { ...p, document: ref } : p)) }));
    if (d.recordId === recordId) dossier = view;
  }
  return { path: dest, also, dossier: dossier! };
}

function requireRecord(ws: Workspace, groupId: number, recordId: string): StoredRecord<DossierRecord> {
  const found = ownDossierRecords(ws.db, groupId).find((d) => d.recordId === recordId);
  if (!found) throw new UserError('Không tìm thấy hồ sơ đề nghị khen thưởng này của đơn vị trong năm đang làm việc.');
  return found;
}

/** Generates a part's DOCX; the part must be one the app prints. */
export async function generatePart(ws: Workspace, groupId: number, recordId: string, part: DossierPartKind): Promise<Written> {
  const stored = requireRecord(ws, groupId, recordId);
  const d = stored.content;
  if (!partOf(d, part)) throw new UserError(`Hồ sơ "${dossierLabel(d)}" không có thành phần này theo danh mục.`);
  switch (part) {
    case 'proposalLetter':
      return proposal(ws, groupId, stored);
    case 'achievementReport':
      return report(ws, groupId, stored);
    case 'minutes':
      return minutes(ws, groupId, stored);
    default:
      throw new UserError('Văn bản công nhận sáng kiến do cấp có thẩm quyền ban hành: hãy đính kèm bản scan, phần mềm không lập văn bản này.');
  }
}

/**
 * One tờ trình (Mẫu số 01) for the batch: every dossier of the year whose award the same authority
 * grants, counted per award; the danh sách đề nghị goes with it.
 */
async function proposal(ws: Workspace, groupId: number, stored: StoredRecord<DossierRecord>): Promise<Written> {
  const own = requireOwnUnit(ws.db);
  const group = getGroup(ws.db, groupId);
  const grantedBy = grantorOf(stored.content, own);
  const batch = ownDossierRecords(ws.db, groupId).filter((d) => partOf(d.content, 'proposalLetter') && grantorOf(d.content, own) === grantedBy);
  const names = [...new Set(batch.map((d) => d.content.award.name))];
  const items = names.map((award) => {
    const of = batch.filter((d) => d.content.award.name === award);
    return { award, collectives: of.filter((d) => d.content.nominee.kind !== 'person').length, individuals: of.filter((d) => d.content.nominee.kind === 'person').length };
  });
  const signer = signerOf(ws, own);
  const sources = [...new Set(batch.flatMap((d) => entryOf(d.content)?.dossier?.sources.map((s) => s.document) ?? []))];
  const doc = awardProposalDocument({
    heading: unitHeading(own, symbolOf(own, 'TTr'), group.year),
    form: formOf(partOf(stored.content, 'proposalLetter')!),
    grantedBy,
    addressees: [grantedBy],
    grounds: [...sources.map((s) => `Căn cứ ${s}`), ...councilGround(ws, batch)],
    year: group.year,
    achievement: `có thành tích xuất sắc trong thực hiện nhiệm vụ công tác năm ${group.year}`,
    items,
    signature: { recipients: ['Như trên', 'Lưu: VT'], authority: '', title: signer.title.toUpperCase(), name: signer.name },
  });
  const groups: AwardListGroup[] = names.map((award) => {
    const of = batch.filter((d) => d.content.award.name === award).map((d) => d.content);
    const entry = (x: DossierRecord) => ({ name: x.nominee.name, position: x.nominee.position, unit: x.nominee.kind === 'unit' ? '' : x.nominee.division || own.name, summary: summaryOf(x) });
    return { award, collectives: of.filter((x) => x.nominee.kind !== 'person').map(entry), individuals: of.filter((x) => x.nominee.kind === 'person').map(entry) };
  });
  const stem = `${group.year}-${asciiName(own.code)}-${asciiName(grantedBy).toLowerCase().slice(0, 40)}`;
  const list = path.join(ws.dataDir, 'documents', `danh-sach-de-nghi-khen-thuong-${stem}.docx`);
  await writeDocx(
    awardListDocument({
      heading: { ...unitHeading(own, null, group.year) },
      // The tờ trình's number and date are given when it is signed: left for the pen here too.
      attachedTo: `Tờ trình số …/${symbolOf(own, 'TTr').trim().slice(1)} ngày …/…/${group.year} của ${own.name}`,
      year: group.year,
      groups,
      lastColumn: 'achievement',
      signer: { title: signer.title.toUpperCase(), note: '(Ký, đóng dấu)', name: signer.name },
    }),
    list,
  );
  return keep(ws, groupId, stored.recordId, 'proposalLetter', doc, `to-trinh-khen-thuong-${stem}.docx`, batch, [list]);
}

/**
 * The minutes of the unit council's meeting, printed as its own screen prints them: one paper for
 * every nominee it voted on, so it becomes the document of each dossier the meeting decided.
 */
async function minutes(ws: Workspace, groupId: number, stored: StoredRecord<DossierRecord>): Promise<Written> {
  const d = asItStands(ws.db, stored.content);
  if (!d.council) {
    throw new UserError(
      `Chưa ghi kết quả họp Hội đồng Thi đua – Khen thưởng của đơn vị về "${dossierLabel(d)}" năm ${d.group.year}: hãy ghi cuộc họp và số phiếu đồng ý (mục Hội đồng Thi đua – Khen thưởng) rồi in biên bản.`,
    );
  }
  const printed = await printCouncilMinutes(ws, groupId);
  const decided = ownDossierRecords(ws.db, groupId).filter((x) => asItStands(ws.db, x.content).council?.meeting.record_id === d.council!.meeting.record_id && partOf(x.content, 'minutes'));
  return keepFile(ws, groupId, stored.recordId, 'minutes', printed, decided);
}

/** "Căn cứ kết quả họp Hội đồng Thi đua – Khen thưởng … ngày …" once the meeting that voted the batch is recorded. */
function councilGround(ws: Workspace, batch: StoredRecord<DossierRecord>[]): string[] {
  const meeting = batch.map((d) => asItStands(ws.db, d.content).council?.meeting).find(Boolean);
  const held = meeting && historyOf<CouncilMeetingRecord>(ws.db, meeting.record_id).find((r) => r.version === meeting.version)?.content;
  return held ? [`Căn cứ kết quả họp ${held.council_name} ngày ${formatDateVi(held.date)}`] : [];
}

/** The first line of what the unit wrote: the list's "thành tích tóm tắt" (left blank for the pen when it wrote nothing). */
const summaryOf = (d: DossierRecord): string => d.achievements.split('\n').map((l) => l.trim()).find(Boolean) ?? '';

/** Báo cáo thành tích, individual or collective, pre-filled from what the app holds; blanks are left for the pen. */
async function report(ws: Workspace, groupId: number, stored: StoredRecord<DossierRecord>): Promise<Written> {
  const d = stored.content;
  const own = requireOwnUnit(ws.db);
  const year = d.group.year;
  const signer = signerOf(ws, own);
  const id = nomineeIdOf(ws.db, d.nominee);
  const past = id === null ? [] : yearsOf(ws.db, id).map((y) => y.facts);
  const kindOf = (code: string) => awardCatalogue.entries.find((e) => e.code === code)?.kind;
  const nameOf = (code: string) => awardCatalogue.entries.find((e) => e.code === code)?.name ?? code;
  const honours = (kind: 'title' | 'award'): HonourRow[] =>
    past.filter((f) => f.year < year).flatMap((f) => f.honours.filter((h) => kindOf(h.code) === kind).map((h) => ({ year: f.year, name: nameOf(h.code), decision: decisionText(h.decision) })));
  const paragraphs = d.achievements.split('\n').map((l) => l.trim()).filter(Boolean);
  if (d.nominee.kind === 'unit') paragraphs.push(...scoreLines(ws, groupId));
  for (const f of past.filter((x) => x.year <= year))
    for (const i of f.initiatives)
      paragraphs.push(`- ${initiativeKindLabels[i.kind].replace(/^./, (c) => c.toUpperCase())} «${i.title}» được công nhận ${initiativeLevelLabels[i.level]} năm ${f.year}${i.decision ? ` (${decisionText(i.decision)})` : ''}.`);
  const common = {
    form: formOf(partOf(d, 'achievementReport')!),
    award: d.award.name,
    period: `năm ${year}`,
    place: own.province,
    date: '',
    achievements: { paragraphs: paragraphs.length ? paragraphs : ['…'], tables: [] },
    titles: honours('title'),
    awards: honours('award'),
  };
  let view: AchievementReportView;
  if (d.nominee.kind === 'person') {
    const staff = id === null ? undefined : staffOf(ws, id);
    view = {
      ...common,
      kind: 'individual',
      person: {
        fullName: d.nominee.name,
        birthDate: '',
        gender: staff?.gender ?? (d.nominee.female ? 'nu' : 'nam'),
        hometown: '',
        residence: '',
        unit: [d.nominee.division, own.name].filter(Boolean).join(', '),
        position: d.nominee.position,
        qualification: '',
        academic: '',
      },
      duties: [d.nominee.position ? `${d.nominee.position}${d.nominee.division ? `, ${d.nominee.division}` : ''}.` : '…'],
      head: { name: signer.name },
    };
  } else {
    const division = d.nominee.kind === 'division';
    view = {
      ...common,
      kind: 'collective',
      heading: division ? { parentName: own.name, unitName: d.nominee.name, numberSymbol: null } : { parentName: own.parentName, unitName: own.name, numberSymbol: null },
      collectiveName: d.nominee.name,
      situation: { characteristics: ['…'], functions: ['…'], organisation: ['…'] },
      head: division ? { title: 'THỦ TRƯỞNG ĐƠN VỊ', name: '' } : { title: signer.title.toUpperCase(), name: signer.name },
      confirmation: division ? { title: 'XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG', statement: `${own.name} xác nhận thành tích trên là đúng.`, signerTitle: signer.title.toUpperCase() } : null,
    };
  }
  const file = `bao-cao-thanh-tich-${year}-${asciiName(d.award.code).toLowerCase()}-${asciiName(d.nominee.name).toLowerCase().slice(0, 40)}.docx`;
  return keep(ws, groupId, stored.recordId, 'achievementReport', achievementReportDocument(view), file, [stored]);
}

/** The unit's score of the year, its own and, once the leader sent it, the verified one. */
function scoreLines(ws: Workspace, groupId: number): string[] {
  const group = getGroup(ws.db, groupId);
  const own = requireOwnUnit(ws.db);
  if (!currentRecords(ws.db, 'self_assessment', group.code, group.year, own.code).length) return [];
  const self = selfAssessmentView(ws, groupId);
  const verified = ownVerifiedScores(ws, groupId);
  const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  return [
    `- Kết quả tự chấm điểm thi đua năm ${group.year} trong ${group.name}: ${fmt(self.totals.total)}/${fmt(self.totals.max)} điểm${verified ? `; điểm thẩm định của ${verified.by}: ${fmt(verified.verifiedTotal)} điểm` : ''}.`,
  ];
}

function staffOf(ws: Workspace, nomineeId: number): { gender: 'nam' | 'nu' } | undefined {
  return ws.db
    .select({ gender: schema.staff.gender })
    .from(schema.awardNominees)
    .innerJoin(schema.staff, eq(schema.staff.id, schema.awardNominees.staffId))
    .where(eq(schema.awardNominees.id, nomineeId))
    .get();
}
