import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { units } from './units-keys';

/**
 * A submission the leader or the deputy entered on a member's behalf, from the paper or the Word
 * file the member sent (a member without the app). It stands where a received bundle would: the
 * records it made point at `entry_id` as they would at a bundle id, and it is credited with the date
 * on the paper or of its arrival (`submitted_at`), never with the day it was typed in.
 */
export const onBehalfEntries = sqliteTable(
  'on_behalf_entries',
  {
    entryId: text('entry_id').primaryKey(),
    /** The member the submission is from. */
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    /** What was submitted, named like the bundle kind it replaces ('registration'). */
    kind: text('kind').notNull(),
    groupCode: text('group_code').notNull(),
    year: integer('year').notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    /** The date on the paper or of its arrival (YYYY-MM-DD): what the deadline judges. */
    submittedAt: text('submitted_at').notNull(),
    /** The unit that typed it in (this installation's leader or deputy), and when. */
    enteredBy: text('entered_by').notNull(),
    enteredAt: text('entered_at').notNull(),
    /** What it was entered from: "Theo Công văn số 12/STP ngày 08/02/2022". */
    note: text('note').notNull(),
    /** The scan or Word file it came as, kept under the data folder; null when none was attached. */
    attachmentName: text('attachment_name'),
    attachmentPath: text('attachment_path'),
  },
  (t) => [index('on_behalf_entries_unit').on(t.unitCode, t.groupCode, t.year)],
);
