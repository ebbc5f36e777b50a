import { z } from 'zod';
import { optionalTextField, textField } from '../fields/schemas';
import { yearFactsSchema } from './schemas';

/**
 * The history register's own shapes: nominees as the unit keeps them (the unit, its divisions, its
 * people) and a year's facts with where they came from. The contract reuses them.
 */

export const nomineeKinds = ['unit', 'division', 'person'] as const;
export const nomineeKindSchema = z.enum(nomineeKinds, { message: 'Loại đối tượng không hợp lệ (đơn vị, phòng hoặc cá nhân).' });
export type NomineeKind = z.infer<typeof nomineeKindSchema>;
export const nomineeKindLabels: Record<NomineeKind, string> = { unit: 'Đơn vị', division: 'Phòng, bộ phận', person: 'Cá nhân' };

export const nomineeSummarySchema = z.object({
  id: z.number().int().positive(),
  kind: nomineeKindSchema,
  name: z.string(),
  division: z.string(),
  position: z.string(),
  female: z.boolean().nullable(),
  /** The staff row this person matches; null for the unit, a division, or someone no longer listed. */
  staffId: z.number().nullable(),
  /** Years with facts entered, latest first. */
  years: z.array(z.number()),
});
export type NomineeSummary = z.infer<typeof nomineeSummarySchema>;

/** A person or a division typed by hand (the unit comes from the unit's setup, people usually from the staff list). */
export const nomineeInputSchema = z.object({
  kind: z.enum(['division', 'person'], { message: 'Chỉ thêm được phòng, bộ phận hoặc cá nhân.' }),
  name: textField('Tên', 200),
  division: optionalTextField('Phòng, bộ phận', 200).default(''),
  position: optionalTextField('Chức vụ', 200).default(''),
  female: z.boolean().nullable().default(null),
});
export type NomineeInput = z.infer<typeof nomineeInputSchema>;

export const factsSourceSchema = z.object({
  kind: z.enum(['manual', 'xlsx']),
  /** Imports: the file's name and the rows read; kept when the year is later edited by hand. */
  file: z.string().nullable(),
  rows: z.string().nullable(),
  updatedAt: z.string(),
});
export type FactsSource = z.infer<typeof factsSourceSchema>;

export const storedYearSchema = z.object({ facts: yearFactsSchema, source: factsSourceSchema });
export type StoredYear = z.infer<typeof storedYearSchema>;

const decisionOut = z.object({ number: z.string(), date: z.string() });

const decisionTitleSchema = z.object({ text: z.string(), decision: decisionOut.nullable(), code: z.string().nullable(), codeName: z.string().nullable(), year: z.number().nullable() });

/**
 * One sheet of the workbook: 'read' when its table was found (a row per nominee, or a decision's list
 * under its title row), 'empty' when it holds no table rows, 'unrecognised' when no header or no title
 * of the catalogue was found; `reason` says why a sheet was not read.
 */
export const historySheetReportSchema = z.object({
  name: z.string(),
  status: z.enum(['read', 'empty', 'unrecognised']),
  reason: z.string().nullable(),
  layout: z.enum(['rows', 'decision']).nullable(),
  headerRow: z.number().nullable(),
  /** The decision read from the title rows above the table, when there is one. */
  decisionTitle: decisionTitleSchema.nullable(),
  recognised: z.array(z.object({ column: z.string(), header: z.string(), label: z.string() })),
  ignored: z.array(z.object({ column: z.string(), header: z.string() })),
});
export type HistorySheetReport = z.infer<typeof historySheetReportSchema>;

/** What an .xlsx history import recognised, matched and could not read, sheet by sheet and row by row; what it writes or wrote. */
export const historyImportReportSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  /** Every visible sheet, in the workbook's order. */
  sheets: z.array(historySheetReportSchema),
  matched: z.array(
    z.object({
      sheet: z.string(),
      row: z.number(),
      name: z.string(),
      kind: nomineeKindSchema,
      division: z.string(),
      position: z.string(),
      /** The title as the row wrote it; '' when it comes from the title row above the table. */
      title: z.string(),
      code: z.string(),
      codeName: z.string(),
      decision: decisionOut.nullable(),
      year: z.number(),
      /** The nominee is already in the register (else it is added). */
      known: z.boolean(),
    }),
  ),
  unmatched: z.array(z.object({ sheet: z.string(), row: z.number(), name: z.string(), text: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  changes: z.object({ newNominees: z.number(), newYears: z.number(), changedYears: z.number(), unchangedYears: z.number() }),
  committed: z.boolean(),
});
export type HistoryImportReport = z.infer<typeof historyImportReportSchema>;
export type HistoryImportRow = HistoryImportReport['matched'][number];

const conditionStatusSchema = z.enum(['met', 'not_met', 'needs_review']);

/** One title or award evaluated for one nominee in the year under review. */
export const entryViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['title', 'award']),
  status: conditionStatusSchema,
  statusLabel: z.string(),
  reason: z.string(),
  /** Each condition's result and reason, in the rule's order. */
  details: z.array(z.object({ status: conditionStatusSchema, statusLabel: z.string(), text: z.string() })),
  verified: z.boolean(),
  /** "chưa xác minh" when the rule (or a condition it rests on) is not verified; '' otherwise. */
  verifiedLabel: z.string(),
  brokenYear: z.number().nullable(),
  /** "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23". */
  source: z.string(),
  note: z.string().nullable(),
});
export type EntryView = z.infer<typeof entryViewSchema>;
export const eligibilityViewSchema = z.object({
  year: z.number(),
  date: z.string(),
  dateText: z.string(),
  edition: z.string(),
  nominees: z.array(z.object({ id: z.number(), kind: nomineeKindSchema, name: z.string(), division: z.string(), entries: z.array(entryViewSchema) })),
});
export type EligibilityView = z.infer<typeof eligibilityViewSchema>;
export type NomineeView = EligibilityView['nominees'][number];
