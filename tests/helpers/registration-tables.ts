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
