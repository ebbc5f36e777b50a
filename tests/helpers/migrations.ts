import fs from 'node:fs';
import path from 'node:path';
import { migrationsFolder } from '../../db/client';

/**
 * The registration tables as the migrations before registrations_in_records kept them (it moved them
 * into the records store), made again from 0000's own statements: for tests that take a database back
 * to before it.
 */
export function recreateRegistrationTables(raw: { exec(sql: string): unknown }): void {
  const statements = fs.readFileSync(path.join(migrationsFolder, '0000_init.sql'), 'utf8').split('--> statement-breakpoint');
  const ours = statements.filter((s) => /^\s*CREATE (TABLE|INDEX) `registration(s|_targets|_commitments)(_unit_group)?`/.test(s));
  if (ours.length !== 4) throw new Error('0000_init.sql no longer holds the three registration tables and their index.');
  for (const s of ours) raw.exec(s);
}

/**
 * Takes a database's schema back to before the migration whose tag starts with `tagPrefix`: what it
 * and every later migration made (tables, added columns, indexes, triggers) goes, newest first, and
 * they are marked as not applied, so opening the database runs them again. What they dropped or
 * rewrote (a column, the registration tables, data) is for the caller to put back as it was.
 */
export function undoMigrationsFrom(raw: { exec(sql: string): unknown; prepare(sql: string): { run(...params: unknown[]): unknown } }, tagPrefix: string): void {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const from = journal.entries.findIndex((e) => e.tag.startsWith(tagPrefix));
  if (from < 0) throw new Error(`Không có migration ${tagPrefix}.`);
  const undo: string[] = [];
  for (const entry of journal.entries.slice(from)) {
    const sql = fs.readFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), 'utf8');
    const made = /CREATE TABLE `(\w+)`|ALTER TABLE `(\w+)` ADD `(\w+)`|CREATE (?:UNIQUE )?INDEX `(\w+)`|CREATE TRIGGER `(\w+)`/g;
    for (const m of sql.matchAll(made)) {
      if (m[1]) undo.push(`DROP TABLE IF EXISTS \`${m[1]}\``);
      else if (m[2]) undo.push(`ALTER TABLE \`${m[2]}\` DROP COLUMN \`${m[3]}\``);
      else if (m[4]) undo.push(`DROP INDEX IF EXISTS \`${m[4]}\``);
      else undo.push(`DROP TRIGGER IF EXISTS \`${m[5]}\``);
    }
  }
  for (const statement of undo.reverse()) raw.exec(statement);
  raw.prepare('delete from __drizzle_migrations where created_at >= ?').run(journal.entries[from]!.when);
}
