import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { openDatabase, schema, writeTransaction, type Db } from '../../../db/client';
import { isDatabaseBusy } from '../errors';
import { KeyStore, type Sealer } from '../units-keys/keys';
import { makePrivateDir, restrictTree } from '../files/private';
import { processAlive } from '../files/leftovers';
import type { BundleKindRegistry } from '../bundles/kinds';
import { bundleKinds } from './bundle-kinds';
import { systemClock, type Clock } from './clock';

/** One unit's installation: its database and the folders beside it. */
export interface Workspace {
  db: Db;
  dataDir: string;
  keys: KeyStore;
  /** The time every service reads (set by the tests and the demonstration). */
  clock: Clock;
  /** Every bundle kind this installation reads and writes, as the capabilities declare them. */
  kinds: BundleKindRegistry;
  dir: {
    /** Bundles this unit sent, as signed. */
    sent: string;
    /** Bundles accepted from others, unchanged. */
    received: string;
    quarantine: string;
    /**
     * Files in transit (uploaded, or copied for an import): this workspace's own folder under
     * staging/, named by its process, so a sweep by another process (a second window, the CLI)
     * never touches a file that a live one is still using.
     */
    staging: string;
  };
  close(): void;
}

export interface WorkspaceOptions {
  dataDir: string;
  /** Defaults to `thidua.sqlite` in dataDir. */
  dbFile?: string;
  nativeBinding?: string;
  sealer?: Sealer;
  /** The system clock unless a test or the demonstration sets one. */
  clock?: Clock;
  /**
   * The data folder belongs to the app (the default) and is made private. The CLI names a database
   * file anywhere (a Desktop, a USB stick): there only the app's own files and folders are.
   */
  ownsDataDir?: boolean;
}

export const DEFAULT_DB_NAME = 'thidua.sqlite';

/** The folders the app makes beside its database; everything in them is the app's own. */
const APP_FOLDERS = ['bundles', 'staging', 'keys', 'documents'];

export function openWorkspace(options: WorkspaceOptions): Workspace {
  const dataDir = path.resolve(options.dataDir);
  const stagingRoot = path.join(dataDir, 'staging');
  const dir = {
    sent: path.join(dataDir, 'bundles', 'sent'),
    received: path.join(dataDir, 'bundles', 'received'),
    quarantine: path.join(dataDir, 'bundles', 'quarantine'),
    staging: path.join(stagingRoot, `${process.pid}-${crypto.randomBytes(4).toString('hex')}`),
  };
  // The data folder itself is private unless it is a folder of the user's that the CLI was pointed at;
  // the app's own folders always are. An installation made before they were private is fixed here.
  makePrivateDir(dataDir, options.ownsDataDir ?? true);
  for (const f of APP_FOLDERS) restrictTree(path.join(dataDir, f));
  for (const d of [...APP_FOLDERS.map((f) => path.join(dataDir, f)), ...Object.values(dir)]) makePrivateDir(d);
  const db = openDatabase(options.dbFile ?? path.join(dataDir, DEFAULT_DB_NAME), { nativeBinding: options.nativeBinding });
  const ws: Workspace = {
    db,
    dataDir,
    keys: new KeyStore(path.join(dataDir, 'keys'), options.sealer),
    clock: options.clock ?? systemClock,
    kinds: bundleKinds,
    dir,
    close: () => {
      db.$client.close();
      // Handles die with the workspace: what they pointed to in staging is of no use to anyone.
      fs.rmSync(dir.staging, { recursive: true, force: true });
    },
  };
  sweepLeftovers(ws);
  return ws;
}

/** The CLI names a database file; its folders live beside it. */
export function openWorkspaceForDb(dbFile: string): Workspace {
  return openWorkspace({ dataDir: path.dirname(path.resolve(dbFile)), dbFile: path.resolve(dbFile), ownsDataDir: false });
}

function filesUnder(root: string): string[] {
  const entries = fs.readdirSync(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Removes what killed imports, set-ups and failed uploads left behind: staging folders of processes
 * that are gone, the private key a killed set-up never kept, and archived bundles (received/, quarantine/) that no row points to. Importers move a bundle
 * into the archive only while holding the database's write lock, inside the transaction that writes
 * its row; this sweep holds the same lock, so a file without a row here can only be a leftover.
 * Runs when a workspace opens and after every import; it is housekeeping, so a busy database or an
 * unreadable file only postpones it.
 */
export function sweepLeftovers(ws: Workspace): void {
  try {
    ws.keys.sweepLeftovers();
    const stagingRoot = path.dirname(ws.dir.staging);
    for (const entry of fs.readdirSync(stagingRoot, { withFileTypes: true })) {
      const owner = /^(\d+)-[0-9a-f]+$/.exec(entry.name)?.[1];
      if (owner && entry.isDirectory() && (Number(owner) === process.pid || processAlive(Number(owner)))) continue;
      // Loose files are from versions that staged at the top level: no live process of this one uses them.
      fs.rmSync(path.join(stagingRoot, entry.name), { recursive: true, force: true });
    }
    // One try, no waiting: with another writer busy, the next import sweeps instead.
    const client = ws.db.$client;
    const timeout = client.pragma('busy_timeout', { simple: true }) as number;
    client.pragma('busy_timeout = 0');
    try {
      writeTransaction(ws.db, (tx) => {
        const kept = new Set(
          [
            ...tx.select({ p: schema.receivedBundles.archivePath }).from(schema.receivedBundles).all(),
            ...tx.select({ p: schema.quarantinedBundles.storedPath }).from(schema.quarantinedBundles).all(),
          ].map(({ p }) => path.resolve(ws.dataDir, p)),
        );
        for (const file of [...filesUnder(ws.dir.received), ...filesUnder(ws.dir.quarantine)]) {
          if (!kept.has(file)) fs.rmSync(file, { force: true });
        }
      });
    } finally {
      client.pragma(`busy_timeout = ${timeout}`);
    }
  } catch (error) {
    if (!isDatabaseBusy(error) && (error as NodeJS.ErrnoException).code === undefined) throw error;
  }
}
