import path from 'node:path';
import fs from 'node:fs';
import { openDatabase, type Db } from '../../../db/client';
import { KeyStore, type Sealer } from '../units-keys/keys';

/** One unit's installation: its database and the folders beside it. */
export interface Workspace {
  db: Db;
  dataDir: string;
  keys: KeyStore;
  dir: {
    /** Bundles this unit sent, as signed. */
    sent: string;
    /** Bundles accepted from others, unchanged. */
    received: string;
    quarantine: string;
    /** Files in transit: picked, uploaded or generated, addressed by opaque handles. */
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
}

export const DEFAULT_DB_NAME = 'thidua.sqlite';

export function openWorkspace(options: WorkspaceOptions): Workspace {
  const dataDir = path.resolve(options.dataDir);
  const dir = {
    sent: path.join(dataDir, 'bundles', 'sent'),
    received: path.join(dataDir, 'bundles', 'received'),
    quarantine: path.join(dataDir, 'bundles', 'quarantine'),
    staging: path.join(dataDir, 'staging'),
  };
  for (const d of Object.values(dir)) fs.mkdirSync(d, { recursive: true });
  const db = openDatabase(options.dbFile ?? path.join(dataDir, DEFAULT_DB_NAME), { nativeBinding: options.nativeBinding });
  return {
    db,
    dataDir,
    keys: new KeyStore(path.join(dataDir, 'keys'), options.sealer),
    dir,
    close: () => db.$client.close(),
  };
}

/** The CLI names a database file; its folders live beside it. */
export function openWorkspaceForDb(dbFile: string): Workspace {
  return openWorkspace({ dataDir: path.dirname(path.resolve(dbFile)), dbFile: path.resolve(dbFile) });
}
