import { sqliteTable, text, integer, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from './units-keys';

/** A Khu vực or Cụm thi đua for one year. `code` + `year` identify it across installations. */
export const emulationGroups = sqliteTable(
  'emulation_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['khu_vuc', 'cum', 'noi_bo'] }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('emulation_groups_code_year').on(t.code, t.year)],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => emulationGroups.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    role: text('role', { enum: ['leader', 'deputy', 'member'] }).notNull(),
    /** A member whose bundles the deputy gathers and forwards (in the seeds: the Cục THADS members). */
    gatheredByDeputy: integer('gathered_by_deputy', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.unitCode] })],
);
