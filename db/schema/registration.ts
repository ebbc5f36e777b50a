import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * This unit's staff, the people its individual registrations name. Registrations themselves are
 * records of type 'registration' in the records store; in our own versions each person carries
 * `staff_id`, the row here it was picked from, which stays on this installation.
 */
export const staff = sqliteTable('staff', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  fullName: text('full_name').notNull(),
  birthYear: integer('birth_year'),
  gender: text('gender', { enum: ['nam', 'nu'] }).notNull(),
  position: text('position').notNull().default(''),
  department: text('department').notNull().default(''),
  createdAt: text('created_at').notNull(),
});
