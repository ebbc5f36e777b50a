import { sqliteTable, text, integer, primaryKey, foreignKey, index } from 'drizzle-orm/sqlite-core';
import { units } from './units-keys';

/** This unit's staff, the people its individual registrations name. */
export const staff = sqliteTable('staff', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fullName: text('full_name').notNull(),
  birthYear: integer('birth_year'),
  gender: text('gender', { enum: ['nam', 'nu'] }).notNull(),
  position: text('position').notNull().default(''),
  department: text('department').notNull().default(''),
  createdAt: text('created_at').notNull(),
});

/**
 * One version of a unit's registration for a group-year. Own drafts are edited in place; an exported
 * version is frozen and the next edit makes version + 1. Received versions are kept as history.
 */
export const registrations = sqliteTable(
  'registrations',
  {
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    groupCode: text('group_code').notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: ['draft', 'exported', 'received'] }).notNull(),
    numberSymbol: text('number_symbol').notNull(),
    place: text('place').notNull(),
    documentDate: text('document_date').notNull(),
    signerAuthority: text('signer_authority').notNull(),
    signerTitle: text('signer_title').notNull(),
    signerName: text('signer_name').notNull(),
    /** JSON array of "Nơi nhận" lines. */
    recipients: text('recipients').notNull(),
    updatedAt: text('updated_at').notNull(),
    exportedAt: text('exported_at'),
    receivedBundleId: text('received_bundle_id'),
  },
  (t) => [
    primaryKey({ columns: [t.recordId, t.version] }),
    index('registrations_unit_group').on(t.unitCode, t.groupCode, t.year),
  ],
);

export const registrationTargets = sqliteTable(
  'registration_targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    scope: text('scope', { enum: ['collective', 'individual'] }).notNull(),
    titleCode: text('title_code').notNull(),
    /** The local staff row for our own registrations; received ones carry only the person's details. */
    staffId: integer('staff_id'),
    personName: text('person_name'),
    birthYear: integer('birth_year'),
    gender: text('gender', { enum: ['nam', 'nu'] }),
    position: text('position'),
    department: text('department'),
    note: text('note').notNull().default(''),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.recordId, t.version], foreignColumns: [registrations.recordId, registrations.version] }).onDelete(
      'cascade',
    ),
  ],
);

export const registrationCommitments = sqliteTable(
  'registration_commitments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['key_task', 'project', 'other'] }).notNull(),
    content: text('content').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.recordId, t.version], foreignColumns: [registrations.recordId, registrations.version] }).onDelete(
      'cascade',
    ),
  ],
);
