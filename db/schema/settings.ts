import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** This installation's own preferences (the size above which a bundle is offered as parts for mail), one value per key. */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
