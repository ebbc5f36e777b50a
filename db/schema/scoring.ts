import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Each member's totals as the ranking reads them, kept so that ranking a thousand units does not
 * re-read and re-add every self-assessment. A row holds for exactly the versions it names (the
 * self-assessment, the verification if any, the criteria table) and the member's unit kind; any
 * other combination is recomputed. A draft changes in place without a new version, so triggers
 * (migration 0010) drop the rows naming a record version whose content changes or goes.
 */
export const scoreTotals = sqliteTable(
  'score_totals',
  {
    selfRecordId: text('self_record_id').primaryKey(),
    selfVersion: integer('self_version').notNull(),
    /** Empty when the member's scores are not (yet) being verified. */
    verificationRecordId: text('verification_record_id').notNull(),
    verificationVersion: integer('verification_version').notNull(),
    tableRecordId: text('table_record_id').notNull(),
    tableVersion: integer('table_version').notNull(),
    unitKind: text('unit_kind').notNull(),
    /** JSON: electron/services/scoring/score-totals.ts `KeptTotals`. */
    totals: text('totals').notNull(),
  },
  (t) => [index('score_totals_verification').on(t.verificationRecordId), index('score_totals_table').on(t.tableRecordId)],
);
