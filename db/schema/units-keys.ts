import { sqliteTable, text, integer, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** Every unit this installation knows: itself, its group's members, senders of bundles. */
export const units = sqliteTable('units', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['so_tu_phap', 'thads', 'don_vi_thuoc_bo', 'khac'] }).notNull(),
  province: text('province').notNull(),
  /** Cơ quan chủ quản printed above the unit's name in documents (e.g. "UBND TỈNH TUYÊN QUANG"). */
  parentName: text('parent_name').notNull().default(''),
  updatedAt: text('updated_at').notNull(),
});

/** The one unit this installation belongs to, and the key it signs with. */
export const ownUnit = sqliteTable(
  'own_unit',
  {
    id: integer('id').primaryKey(),
    unitCode: text('unit_code').notNull().references(() => units.code),
    keyId: text('key_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [check('own_unit_singleton', sql`${t.id} = 1`)],
);

/**
 * Public keys trusted for a unit. A bundle is accepted only when signed by a current pinned key of its
 * sender. A key replaced (lost with its computer) stays as history: bundles received under it stay
 * valid, new ones signed with it are refused, since the lost key may be in someone else's hands.
 */
export const pinnedKeys = sqliteTable('pinned_keys', {
  keyId: text('key_id').primaryKey(),
  unitCode: text('unit_code').notNull().references(() => units.code),
  publicKey: text('public_key'),
  source: text('source', { enum: ['own', 'group_setup', 'quarantine_confirmed', 'kickoff'] }).notNull(),
  pinnedAt: text('pinned_at').notNull(),
  /** The key that replaced this one, and when; null while the key is current. */
  replacedBy: text('replaced_by'),
  replacedAt: text('replaced_at'),
});
