import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export { schema };

/** Folder of drizzle-kit's migrations. Source (db/) and bundles (dist/) both sit one level below the root. */
export const migrationsFolder = path.resolve(import.meta.dirname, '..', 'db', 'migrations');

export interface OpenOptions {
  /** Path of better_sqlite3.node built for the running runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

/** Opens (creating if needed) a unit's database file and brings its schema up to date. */
/** How long a write waits for another writer (a second window, the CLI) before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * Only the unit's own user may read its database. SQLite gives its -wal and -shm files the mode of the
 * database file, so the file is made 0600 before SQLite first opens it; files of an older installation
 * are corrected at every open. Windows has no such modes.
 */
function restrictDatabaseFiles(file: string, create: boolean): void {
  if (create) fs.closeSync(fs.openSync(file, 'a', 0o600));
  if (process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    const stat = fs.statSync(f, { throwIfNoEntry: false });
    if (stat && (stat.mode & 0o777) !== 0o600) fs.chmodSync(f, 0o600);
  }
}

/** Opens (creating if needed) a unit's database file and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  restrictDatabaseFiles(file, true);
  const sqlite = new Database(file, { timeout: BUSY_TIMEOUT_MS, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema });
  migrateOnce(db);
  restrictDatabaseFiles(file, false);
  return db;
}

/**
 * drizzle's migrator reads what is applied before its own (deferred) BEGIN: two processes opening a
 * new database together both try to apply the same migration, and one fails ("already exists") or
 * is refused the write lock. Trying again reads the state the other left, with nothing left to do.
 */
function migrateOnce(db: Db): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder });
      return;
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      const raced = code.startsWith('SQLITE_BUSY') || /already exists/.test(String((error as Error).message));
      if (!raced || attempt >= 3) throw error;
    }
  }
}

/** A transaction handle; services take `Db | Tx` where they work inside or outside one. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * The one way to write in a transaction. On a database it is BEGIN IMMEDIATE: the write lock is taken
 * first, while the busy timeout still applies, so another writer (a second window, the `thidua` CLI)
 * makes this one wait. A deferred BEGIN would read first and then fail at once with SQLITE_BUSY when
 * it tries to write. Inside a transaction it nests as a savepoint, which already holds the lock.
 */
export function writeTransaction<T>(db: DbOrTx, fn: (tx: Tx) => T): T {
  return is(db, SQLiteTransaction) ? db.transaction(fn) : db.transaction(fn, { behavior: 'immediate' });
}

/**
 * Several reads that must agree with one another (one snapshot), while other processes write: a
 * deferred transaction that never writes, so it never waits for nor blocks a writer.
 */
export function readSnapshot<T>(db: DbOrTx, fn: (tx: Tx) => T): T {
  return db.transaction(fn);
}
