import { z } from 'zod';
import type { Channel } from './channels';
import { catalogueItemSchema } from '../services/catalogue/schemas';
import { deadlineStatusSchema, groupKindSchema, optionalDateField, roleSchema, yearSchema } from '../services/groups-calendar/schemas';
import { planContentSchema, planReadingSchema } from '../services/groups-calendar/plan-schemas';
import { memberDeadlinesSchema, statusBoardQuerySchema, statusBoardSchema } from '../services/groups-calendar/board-schemas';
import {
  commitmentKindSchema,
  genderSchema,
  onBehalfEntrySchema,
  onBehalfInputSchema,
  registrationDiffSchema,
  registrationInputSchema,
  registrationVersionSchema,
  staffInputSchema,
} from '../services/registration/schemas';
import { optionalTextField, textField } from '../services/fields/schemas';
import { fingerprintSchema, unitCodeSchema, unitKindSchema, unitSchema } from '../services/units-keys/schemas';
import { criteriaTableContentSchema } from '../services/scoring/criteria-schemas';
import { assessedItemSchema, evidenceRefSchema } from '../services/scoring/self-assessment-schemas';
import { inspectionSchema, verifiedItemSchema } from '../services/scoring/verification-schemas';
import {
  criteriaReadingSchema,
  criteriaViewSchema,
  rankingScopeSchema,
  rankingViewSchema,
  selfAssessmentViewSchema,
  verificationRowSchema,
  verificationViewSchema,
  verifiedResultSchema,
} from '../services/scoring/view-schemas';

import {
  eligibilityViewSchema,
  historyImportReportSchema,
  nomineeInputSchema,
  nomineeKindSchema,
  nomineeSummarySchema,
  storedYearSchema,
} from '../services/awards/history-schemas';
import { yearFactsSchema } from '../services/awards/schemas';
import { councilMeetingInputSchema, councilViewSchema } from '../services/awards/council-schemas';
import {
  dossierCreateSchema,
  dossierDetachSchema,
  dossierListSchema,
  dossierPartRefSchema,
  dossierRefSchema,
  dossierSaveSchema,
  dossierViewSchema,
} from '../services/dossiers/view-schemas';
import { acclamationFormSchema, acclamationPaperSchema, acclamationViewSchema, dossierBoardSchema } from '../services/dossiers/conference-schemas';

/** The contract between renderer and main: every input is validated here, once, at the boundary. */

/*
 * The domain's schemas live with their capability under electron/services (DESIGN.md §5); the contract
 * reuses them, and re-exports them so the renderer has one place to `import type` from.
 */
export { catalogueItemSchema, type CatalogueItem } from '../services/catalogue/schemas';
export { roleSchema, type DeadlineStatus, type Role } from '../services/groups-calendar/schemas';
export {
  commitmentKinds,
  genderSchema,
  registrationInputSchema,
  staffInputSchema,
  type RegistrationInput,
  type StaffInput,
} from '../services/registration/schemas';
export {
  nomineeKindLabels,
  type EligibilityView,
  type EntryView,
  type FactsSource,
  type HistoryImportReport,
  type NomineeInput,
  type NomineeKind,
  type NomineeSummary,
  type NomineeView,
  type StoredYear,
} from '../services/awards/history-schemas';
export type { YearFacts } from '../services/awards/schemas';
export { councilAttendanceLabels, type CouncilAttendance, type CouncilAward, type CouncilMeetingInput, type CouncilResult, type CouncilView } from '../services/awards/council-schemas';
export type { DossierList, DossierPartView, DossierView } from '../services/dossiers/view-schemas';
export { fingerprintSchema, unitCodeSchema, unitKinds, unitKindSchema, unitSchema, type Unit, type UnitKind } from '../services/units-keys/schemas';

export const ownUnitSchema = unitSchema.extend({
  keyId: z.string(),
  fingerprint: z.string(),
  fingerprintWords: z.string(),
  /** Why the code can no longer change ('' while it still can): the first exported bundle carries it. */
  codeLockedReason: z.string(),
});
export type OwnUnit = z.infer<typeof ownUnitSchema>;

export const groupMemberInputSchema = unitSchema.extend({
  role: roleSchema,
  fingerprint: z.union([z.literal(''), fingerprintSchema]).optional(),
  /** The deputy gathers this member's bundles and forwards them (in the seeds: the Cục THADS members). */
  gatheredByDeputy: z.boolean().default(false),
});
export const groupInputSchema = z.object({
  id: z.number().int().positive().optional(),
  code: unitCodeSchema,
  name: textField('Tên Khu vực/Cụm thi đua', 300),
  year: yearSchema,
  kind: groupKindSchema,
  registrationDeadline: optionalDateField('Hạn gửi đăng ký').optional(),
  members: z.array(groupMemberInputSchema).min(1, 'Khu vực/Cụm thi đua phải có ít nhất một đơn vị thành viên.').max(200),
});
export type GroupInput = z.input<typeof groupInputSchema>;
export const groupSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  year: z.number(),
  kind: groupKindSchema,
  /** The registration milestone's deadline in the plan in force (the calendar owns it; the group form edits it). */
  registrationDeadline: z.string().nullable(),
  ownRole: roleSchema,
  members: z.array(unitSchema.extend({ role: roleSchema, fingerprint: z.string(), gatheredByDeputy: z.boolean() })),
});
export type Group = z.infer<typeof groupSchema>;

export const staffSchema = staffInputSchema.extend({ id: z.number() });
export type Staff = z.infer<typeof staffSchema>;

export const staffFields = ['fullName', 'birthYear', 'gender', 'position', 'department'] as const;
export type StaffField = (typeof staffFields)[number];
/** What an .xlsx import did, told back to the clerk: columns read and ignored, people added and skipped. */
export const staffImportReportSchema = z.object({
  sheet: z.string(),
  headerRow: z.number(),
  /** Column letter, the header as written, the field it fills and that field's name in Vietnamese. */
  recognised: z.array(z.object({ column: z.string(), header: z.string(), field: z.enum(staffFields), label: z.string() })),
  ignored: z.array(z.object({ column: z.string(), header: z.string() })),
  added: z.number(),
  /** Rows not added: the same person (name and birth year) as an earlier row, or as someone already listed (sameAsRow null). */
  duplicates: z.array(z.object({ row: z.number(), fullName: z.string(), birthYear: z.number().nullable(), sameAsRow: z.number().nullable() })),
  warnings: z.array(z.string()),
});
export type StaffImportReport = z.infer<typeof staffImportReportSchema>;

export const registrationSchema = z.object({
  recordId: z.string(),
  version: z.number(),
  status: z.enum(['draft', 'exported', 'received']),
  unitCode: z.string(),
  groupCode: z.string(),
  year: z.number(),
  numberSymbol: z.string(),
  place: z.string(),
  documentDate: z.string(),
  signerAuthority: z.string(),
  signerTitle: z.string(),
  signerName: z.string(),
  recipients: z.array(z.string()),
  exportedAt: z.string().nullable(),
  collective: z.array(z.object({ titleCode: z.string(), note: z.string() })),
  individuals: z.array(
    z.object({
      staffId: z.number().nullable(),
      fullName: z.string(),
      birthYear: z.number().nullable(),
      gender: genderSchema,
      position: z.string(),
      department: z.string(),
      titleCode: z.string(),
    }),
  ),
  commitments: z.array(z.object({ kind: commitmentKindSchema, content: z.string() })),
  /** The latest version exported from here and when: what "sent" means, even while a newer draft is edited. */
  sent: z.object({ version: z.number(), at: z.string() }).nullable(),
});
export type Registration = z.infer<typeof registrationSchema>;

export const fileHandleSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, 'Tệp không hợp lệ.'),
  name: z.string(),
  size: z.number(),
});
export type FileHandle = z.infer<typeof fileHandleSchema>;

/** `held`: parts of a bundle kept until all its parts are there (nothing of it is imported yet). */
export const importStatusSchema = z.enum(['accepted', 'duplicate', 'stale', 'quarantined', 'refused', 'held']);
export type ImportStatus = z.infer<typeof importStatusSchema>;
export const importResultSchema = z.object({
  file: z.string(),
  status: importStatusSchema,
  reason: z.string(),
  sender: z.string().optional(),
  /** The accepted bundle, for its receipt (biên nhận). */
  bundleId: z.string().optional(),
  /** The kind's label ("đăng ký thi đua", "biên nhận"): a receipt is not itself acknowledged. */
  acknowledge: z.boolean().optional(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** electron/services/bundles/parts.ts HeldWhole. */
export const heldWholeSchema = z.object({ sha256: z.string(), name: z.string(), count: z.number(), held: z.array(z.number()), lastReceived: z.string() });
export type HeldWhole = z.infer<typeof heldWholeSchema>;

export const quarantineEntrySchema = z.object({
  id: z.number(),
  fileName: z.string(),
  senderCode: z.string(),
  senderName: z.string(),
  fingerprint: z.string(),
  groupCode: z.string(),
  year: z.number(),
  receivedAt: z.string(),
});
export type QuarantineEntry = z.infer<typeof quarantineEntrySchema>;

export const overviewQuerySchema = z.object({
  groupId: z.number().int().positive(),
  search: optionalTextField('Từ khóa tìm kiếm', 100).default(''),
  scope: z.enum(['all', 'collective', 'individual']).default('all'),
  unitKind: z.union([z.literal('all'), unitKindSchema]).default('all'),
  titleCode: z.string().max(40).default(''),
  sort: z.enum(['unit', 'person', 'title', 'received']).default('unit'),
  descending: z.boolean().default(false),
});
export type OverviewQuery = z.input<typeof overviewQuerySchema>;
export const matrixRowSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  kind: unitKindSchema,
  role: roleSchema,
  /** This installation's own unit: its registration is made here, not received. */
  own: z.boolean(),
  sentAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  version: z.number().nullable(),
  late: z.boolean(),
  /** The current version was entered by the leader or the deputy from the member's paper ("nhập thay"). */
  onBehalf: z.object({ enteredBy: z.string(), enteredAt: z.string(), note: z.string(), attachmentName: z.string().nullable() }).nullable(),
});
export type MatrixRow = z.infer<typeof matrixRowSchema>;
export const consolidatedRowSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  unitKind: unitKindSchema,
  scope: z.enum(['collective', 'individual']),
  personName: z.string(),
  position: z.string(),
  titleCode: z.string(),
  titleName: z.string(),
  receivedAt: z.string().nullable(),
  /** From a version entered on the member's behalf ("nhập thay"). */
  onBehalf: z.boolean(),
});
export type ConsolidatedRow = z.infer<typeof consolidatedRowSchema>;

/** The year's plan as a unit sees it (groups-calendar/year-plan.ts PlanView). */
export const planViewSchema = z.object({
  source: z.enum(['own', 'leader', 'template']),
  editable: z.boolean(),
  published: z.boolean(),
  version: z.number(),
  plan: planContentSchema,
  deadlines: z.record(z.string(), z.string().nullable()),
  rules: z.record(z.string(), z.string()),
});
export type PlanView = z.infer<typeof planViewSchema>;
export type PlanContent = z.input<typeof planContentSchema>;
export type PlanReading = z.infer<typeof planReadingSchema>;
export type { MemberDeadlines, StatusBoard, BoardCell } from '../services/groups-calendar/board-schemas';
export type { CriteriaNode, CriteriaTable, ItemValue, ScoringRule } from '../services/scoring/criteria-schemas';
export type { AssessedItem, EvidenceRef } from '../services/scoring/self-assessment-schemas';
export type { Inspection, VerifiedItem } from '../services/scoring/verification-schemas';
export type { CriteriaReading, CriteriaView, Gaps, RankingRow, RankingView, SelfAssessmentView, TableProblem, VerificationRow, VerificationView, VerifiedResult } from '../services/scoring/view-schemas';

const empty = z.object({}).strict();
const groupRef = z.object({ groupId: z.number().int().positive() });
/** The plan milestone an exported bundle says it answers, for the confirmation ("gửi cho mốc …"). */
const answeredMilestoneSchema = z.object({ key: z.string(), title: z.string(), deadline: z.string().nullable() });

export const contract = {
  'app.state': {
    input: empty,
    output: z.object({
      unit: ownUnitSchema.nullable(),
      groups: z.array(groupSchema),
      shell: z.enum(['electron', 'browser']),
    }),
  },
  'catalogue.list': { input: empty, output: z.array(catalogueItemSchema) },
  'units-keys.setup': { input: unitSchema, output: ownUnitSchema },
  'units-keys.printKeyCard': { input: empty, output: fileHandleSchema },
  'units-keys.update': { input: unitSchema, output: ownUnitSchema },
  'groups-calendar.list': { input: empty, output: z.array(groupSchema) },
  'groups-calendar.save': { input: groupInputSchema, output: groupSchema },
  'groups-calendar.remove': { input: groupRef, output: z.object({ removed: z.boolean() }) },
  'registration.staffList': { input: z.object({ search: optionalTextField('Từ khóa tìm kiếm', 100).default('') }), output: z.array(staffSchema) },
  'registration.staffSave': { input: staffInputSchema, output: staffSchema },
  'registration.staffRemove': { input: z.object({ id: z.number().int().positive() }), output: z.object({ removed: staffSchema.nullable() }) },
  'registration.staffRestore': { input: staffSchema, output: staffSchema },
  'registration.staffDuplicateOf': { input: staffInputSchema, output: staffSchema.nullable() },
  'registration.staffImportXlsx': {
    input: z.object({ file: fileHandleSchema }),
    output: staffImportReportSchema,
  },
  'registration.get': { input: groupRef, output: registrationSchema.nullable() },
  'registration.save': { input: registrationInputSchema, output: registrationSchema },
  /** The catalogue's conflicts of the titles being chosen, so the form shows the save's rule as it is broken. */
  'registration.conflicts': {
    input: registrationInputSchema.pick({ collective: true, individuals: true }),
    output: z.array(z.object({ staffId: z.number().nullable(), message: z.string() })),
  },
  'registration.deadline': { input: groupRef, output: deadlineStatusSchema },
  'registration.printDocx': { input: groupRef, output: fileHandleSchema },
  'registration.export': {
    input: groupRef,
    output: z.object({ file: fileHandleSchema, version: z.number(), seq: z.number(), milestone: answeredMilestoneSchema.nullish() }),
  },
  'files.pickBundles': { input: z.object({ folder: z.boolean() }), output: z.array(fileHandleSchema) },
  'files.pickXlsx': { input: empty, output: fileHandleSchema.nullable() },
  // A plan to read, or the paper a member sent (kept as it came): each offers its own file types.
  'files.pickDocument': { input: z.object({ kind: z.enum(['plan', 'attachment', 'evidence', 'scan']) }).strict(), output: fileHandleSchema.nullable() },
  'files.save': { input: z.object({ file: fileHandleSchema }), output: z.object({ saved: z.boolean(), where: z.string() }) },
  'bundles.import': { input: z.object({ files: z.array(fileHandleSchema).min(1).max(500) }), output: z.array(importResultSchema) },
  'bundles.quarantine': { input: empty, output: z.array(quarantineEntrySchema) },
  'bundles.decide': {
    input: z.object({ id: z.number().int().positive(), accept: z.boolean() }),
    output: importResultSchema,
  },
  'registration.overview': {
    input: overviewQuerySchema,
    output: z.object({ matrix: z.array(matrixRowSchema), rows: z.array(consolidatedRowSchema) }),
  },
  // Printed as the screen shows it: the same filters and order as leader.overview.
  'registration.printConsolidated': { input: overviewQuerySchema, output: fileHandleSchema },
  /** A member's registration typed in by the leader or the deputy from its paper, with the scan or Word file it came as. */
  'registration.enterOnBehalf': { input: onBehalfInputSchema.extend({ attachment: fileHandleSchema.nullable().default(null) }), output: onBehalfEntrySchema },
  'groups-calendar.plan': { input: groupRef, output: planViewSchema },
  'groups-calendar.savePlan': { input: groupRef.extend({ plan: planContentSchema }), output: planViewSchema },
  'groups-calendar.resetPlan': { input: groupRef, output: planViewSchema },
  'groups-calendar.printPlan': { input: groupRef, output: fileHandleSchema },
  /** A plan received as a document (.docx or .txt, or its text pasted): the milestones and phases found in it. */
  'groups-calendar.readPlan': {
    input: z.union([z.object({ file: fileHandleSchema }).strict(), z.object({ text: z.string().min(1, 'Hãy dán nội dung kế hoạch.').max(2_000_000, 'Nội dung dán vào quá dài.') }).strict()]),
    output: planReadingSchema,
  },
  'groups-calendar.publishKickoff': { input: groupRef, output: z.object({ file: fileHandleSchema, seq: z.number() }) },
  'groups-calendar.home': { input: groupRef, output: memberDeadlinesSchema },
  'groups-calendar.board': { input: statusBoardQuerySchema, output: statusBoardSchema },
  'groups-calendar.exportBoard': { input: statusBoardQuerySchema.extend({ format: z.enum(['docx', 'xlsx']) }), output: fileHandleSchema },
  /** The deputy forwards its gathered members' bundles to the leader, unchanged, countersigned. */
  'bundles.exportConsolidated': { input: groupRef, output: z.object({ file: fileHandleSchema, seq: z.number(), forwarded: z.number(), milestone: answeredMilestoneSchema.nullish() }) },
  'bundles.writeReceipts': {
    input: z.object({ bundleIds: z.array(z.string().uuid()).min(1).max(500) }),
    output: z.array(z.object({ file: fileHandleSchema, senderCode: z.string() })),
  },
  /** The size above which a bundle is offered as parts that fit the mail, set per installation. */
  'bundles.partLimit': { input: empty, output: z.object({ bytes: z.number() }) },
  'bundles.setPartLimit': {
    input: z.object({ megabytes: z.number({ error: 'Hãy nhập giới hạn bằng số MB.' }).int('Giới hạn phải là số nguyên MB.').min(1, 'Giới hạn tối thiểu 1 MB.').max(2000, 'Giới hạn tối đa 2000 MB.') }),
    output: z.object({ bytes: z.number() }),
  },
  /** A bundle just exported, written as numbered parts that each fit the limit; the parts are saved like any files. */
  'bundles.split': { input: z.object({ file: fileHandleSchema }), output: z.array(fileHandleSchema) },
  /** Wholes of which only some parts have arrived, and giving up on one of them. */
  'bundles.heldParts': { input: empty, output: z.array(heldWholeSchema) },
  'bundles.discardHeldParts': { input: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Mã gói không hợp lệ.') }), output: empty },
  /** A file the app made or extracted (an evidence file), opened with the system's own viewer. */
  'files.open': { input: z.object({ file: fileHandleSchema }), output: empty },
  'files.saveAll': {
    input: z.object({ files: z.array(fileHandleSchema).min(1).max(500) }),
    output: z.object({ saved: z.boolean(), where: z.string() }),
  },
  /** Every version of a member's registration, the current first, and what changed between two. */
  'registration.history': { input: groupRef.extend({ unitCode: unitCodeSchema }), output: z.array(registrationVersionSchema) },
  'registration.diff': {
    input: z.object({ recordId: z.string().uuid(), from: z.number().int().min(1), to: z.number().int().min(1) }),
    output: registrationDiffSchema,
  },
  /** A new signing key for this unit (the old one lost with its computer); other units confirm it by phone. */
  'units-keys.replaceKey': { input: empty, output: ownUnitSchema },
  /** The group's scoring table: the leader writes it and sends it in the kickoff; members read it. */
  'scoring.criteria': { input: groupRef, output: criteriaViewSchema },
  'scoring.saveCriteria': { input: groupRef.extend({ table: criteriaTableContentSchema }), output: criteriaViewSchema },
  'scoring.startFromSample': { input: groupRef, output: criteriaViewSchema },
  /** A scoring table read from an .xlsx as offices lay it out: a proposal the leader accepts (saveCriteria) or drops. */
  'scoring.readCriteriaXlsx': { input: groupRef.extend({ file: fileHandleSchema }), output: criteriaReadingSchema },
  /** The unit's own self-assessment against the table in force. */
  'scoring.selfAssessment': { input: groupRef, output: selfAssessmentViewSchema },
  'scoring.saveSelfAssessment': {
    input: groupRef.extend({ items: z.array(assessedItemSchema).max(3000), conditions_met: z.array(z.string()).max(20), confirmation: evidenceRefSchema.nullable() }),
    output: selfAssessmentViewSchema,
  },
  /** A file picked or uploaded, attached to an item (node null: the scan of the confirmed self-assessment). */
  'scoring.attachEvidence': { input: groupRef.extend({ node: z.string().nullable(), file: fileHandleSchema }), output: selfAssessmentViewSchema },
  'scoring.detachEvidence': { input: groupRef.extend({ node: z.string().nullable(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }), output: selfAssessmentViewSchema },
  /** BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM … as DOCX, to sign and have confirmed, then scan back. */
  'scoring.printSelfAssessment': { input: groupRef, output: fileHandleSchema },
  'scoring.exportSelfAssessment': {
    input: groupRef.extend({ acceptGaps: z.boolean() }),
    output: z.object({ file: fileHandleSchema, seq: z.number(), version: z.number(), milestone: answeredMilestoneSchema.nullish() }),
  },
  /** The leader's verification: progress across members, one member item by item, saved with reasons. */
  'scoring.verificationBoard': { input: groupRef, output: z.array(verificationRowSchema) },
  'scoring.verification': { input: groupRef.extend({ unitCode: unitCodeSchema, inspection: z.boolean() }), output: verificationViewSchema },
  'scoring.saveVerification': {
    input: groupRef.extend({
      unitCode: unitCodeSchema,
      items: z.array(verifiedItemSchema).max(3000),
      conditions_met: z.array(z.string()).max(20),
      complete: z.boolean(),
      inspection: inspectionSchema.nullable(),
    }),
    output: verificationViewSchema,
  },
  /** An evidence file of a unit's self-assessment, as a handle to save or open. */
  'scoring.evidenceFile': { input: groupRef.extend({ unitCode: unitCodeSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/) }), output: fileHandleSchema },
  /** The signed minutes of a cross-inspection, scanned: stored like evidence, referenced by the inspection. */
  'scoring.storeMinutes': { input: groupRef.extend({ file: fileHandleSchema }), output: evidenceRefSchema },
  /** Receipts carrying the finished verifications, back to each member. */
  'scoring.sendVerifiedScores': { input: groupRef, output: z.array(z.object({ file: fileHandleSchema, senderCode: z.string() })) },
  'scoring.ranking': { input: groupRef.extend({ unitKind: rankingScopeSchema }), output: rankingViewSchema },
  /** The ranking as shown (same filter), printed as DOCX or exported as .xlsx. */
  'scoring.exportRanking': { input: groupRef.extend({ unitKind: rankingScopeSchema, format: z.enum(['docx', 'xlsx']) }), output: fileHandleSchema },
  /** The member's side: the verified scores its leader sent back. */
  'scoring.verifiedScores': { input: groupRef, output: verifiedResultSchema.nullable() },
  /** The award history: the unit, its divisions and people, a year of facts each, imported from .xlsx or typed. */
  'awards.nominees': {
    input: z.object({ search: optionalTextField('Từ khóa tìm kiếm', 100).default(''), kind: nomineeKindSchema.optional() }),
    output: z.array(nomineeSummarySchema),
  },
  'awards.addNominee': { input: nomineeInputSchema, output: nomineeSummarySchema },
  'awards.years': { input: z.object({ nomineeId: z.number().int().positive() }), output: z.array(storedYearSchema) },
  'awards.saveYear': { input: z.object({ nomineeId: z.number().int().positive(), facts: yearFactsSchema }), output: storedYearSchema },
  'awards.removeYear': { input: z.object({ nomineeId: z.number().int().positive(), year: yearSchema }), output: z.object({ removed: z.boolean() }) },
  /** Reads a history sheet and says what it would write; the file stays for the import. */
  'awards.previewHistoryXlsx': { input: z.object({ file: fileHandleSchema }), output: historyImportReportSchema },
  /** Writes what the preview showed, refused when the file changed since (its sha256). */
  'awards.importHistoryXlsx': { input: z.object({ file: fileHandleSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/) }), output: historyImportReportSchema },
  'awards.eligibility': {
    input: z.object({ year: yearSchema, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày xét không hợp lệ.').optional() }),
    output: eligibilityViewSchema,
  },
  /** The unit's council meeting of the group-year: members, quorum, votes per nominee and award against each threshold. */
  'awards.council': { input: groupRef, output: councilViewSchema },
  'awards.saveCouncil': { input: groupRef.extend({ meeting: councilMeetingInputSchema }), output: councilViewSchema },
  /** Biên bản họp Hội đồng and the list of those it voted, as DOCX. */
  'awards.printCouncilMinutes': { input: groupRef, output: fileHandleSchema },
  'awards.printCouncilList': { input: groupRef, output: fileHandleSchema },
  /** The member's award dossiers of the group-year, with the nominees and awards a new one may pick. */
  'dossiers.list': { input: groupRef, output: dossierListSchema },
  'dossiers.create': { input: groupRef.extend(dossierCreateSchema.shape), output: dossierViewSchema },
  /** Only a dossier never sent. */
  'dossiers.remove': { input: groupRef.extend(dossierRefSchema.shape), output: z.object({ removed: z.boolean() }) },
  'dossiers.save': { input: groupRef.extend(dossierSaveSchema.shape), output: dossierViewSchema },
  /** A part's DOCX (the tờ trình comes with its danh sách in `also`), kept as the part's document; opened with files.open. */
  'dossiers.generate': {
    input: groupRef.extend(dossierPartRefSchema.shape),
    output: z.object({ file: fileHandleSchema, also: z.array(fileHandleSchema), dossier: dossierViewSchema }),
  },
  /** The signed, stamped scan of a part (PDF or images); allDossiers: the same paper to every dossier of the year with that part. */
  'dossiers.attachScan': { input: groupRef.extend(dossierPartRefSchema.shape).extend({ file: fileHandleSchema, allDossiers: z.boolean().default(false) }), output: dossierViewSchema },
  'dossiers.detachScan': { input: groupRef.extend(dossierDetachSchema.shape), output: dossierViewSchema },
  /** Every dossier of the year in one bundle to the leader and deputy; refused naming each dossier's missing scans. */
  'dossiers.export': { input: groupRef, output: z.object({ file: fileHandleSchema, seq: z.number(), count: z.number(), milestone: answeredMilestoneSchema.nullish() }) },
  // The leader's year-end conference.
  /** Every member's dossiers as received, with completeness, eligibility and the council's result. */
  'dossiers.board': { input: groupRef, output: dossierBoardSchema },
  /** The conference and its suy tôn as recorded (or where a new record starts), with the count and the deadline to the Ministry. */
  'dossiers.acclamation': { input: groupRef, output: acclamationViewSchema },
  'dossiers.saveAcclamation': { input: groupRef.extend({ acclamation: acclamationFormSchema }), output: acclamationViewSchema },
  /** The phiếu suy tôn, biên bản kiểm phiếu, biên bản Hội nghị and danh sách, as DOCX. */
  'dossiers.printAcclamation': { input: groupRef.extend({ papers: z.array(acclamationPaperSchema).min(1).max(4) }), output: z.array(fileHandleSchema) },
  /** The bundle for the Ministry's council: the vote, the voted units' original dossier bundles, the papers. */
  'dossiers.exportMinistry': {
    input: groupRef,
    output: z.object({ file: fileHandleSchema, seq: z.number(), units: z.array(z.string()), milestone: answeredMilestoneSchema.nullish() }),
  },
} satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;

/** What every transport returns: a value, or a message for the person using the app. */
export type Envelope<T> = { ok: true; value: T } | { ok: false, error: string };
