import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';

/**
 * The versioned-record store (DESIGN.md §4 "Versions"): every version of every record a unit wrote
 * or received, whatever its type. A draft is edited in place; exporting freezes it and the next edit
 * makes version + 1; received versions are kept as history, and the current version of a record is
 * its highest. `content` is the record exactly as its type's schema states it (JSON).
 */
export const records = sqliteTable(
  'records',
  {
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    type: text('type').notNull(),
    /** The unit that wrote the record (its owner), whoever holds this copy. */
    ownerCode: text('owner_code').notNull(),
    groupCode: text('group_code').notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: ['draft', 'frozen', 'received'] }).notNull(),
    content: text('content').notNull(),
    /** The bundle that carried it: the one it was exported in, or the one it arrived in. */
    bundleId: text('bundle_id'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.version] }), index('records_type_group').on(t.type, t.groupCode, t.year)],
);
