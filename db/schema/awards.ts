import { sqliteTable, text, integer, primaryKey, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { staff } from './registration';

/**
 * Who the award round judges, past years included: the unit itself, its divisions (phòng) and its
 * people. A person is linked to the staff row they match, and kept when that row goes (they left),
 * since their titles of past years still count for the unit's shares of those years.
 */
export const awardNominees = sqliteTable(
  'award_nominees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['unit', 'division', 'person'] }).notNull(),
    name: text('name').notNull(),
    /** The name folded (no marks, lower case, single spaces): how a sheet's row finds the nominee. */
    nameKey: text('name_key').notNull(),
    /** People: the division they work in (as written); '' for the unit and its divisions. */
    division: text('division').notNull().default(''),
    divisionKey: text('division_key').notNull().default(''),
    position: text('position').notNull().default(''),
    female: integer('female', { mode: 'boolean' }),
    staffId: integer('staff_id').references(() => staff.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('award_nominees_key').on(t.kind, t.nameKey, t.divisionKey),
    // One row stands for the unit itself.
    uniqueIndex('award_nominees_one_unit').on(t.kind).where(sql`${t.kind} = 'unit'`),
    check('award_nominees_named', sql`${t.nameKey} <> ''`),
  ],
);

/**
 * One year of one nominee: the YearFacts evaluate reads (JSON, checked by yearFactsSchema on the way
 * in and out), and where they came from: typed by hand, or imported from which file and rows.
 */
export const awardYearFacts = sqliteTable(
  'award_year_facts',
  {
    nomineeId: integer('nominee_id')
      .notNull()
      .references(() => awardNominees.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    facts: text('facts', { mode: 'json' }).notNull(),
    source: text('source', { enum: ['manual', 'xlsx'] }).notNull(),
    /** Imports: the file's name and the rows read into this year, e.g. "khen-thuong-2024.xlsx" and "5, 7". */
    sourceFile: text('source_file'),
    sourceRows: text('source_rows'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.nomineeId, t.year] })],
);
