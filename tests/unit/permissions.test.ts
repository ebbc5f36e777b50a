import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exchange, tempDir } from '../helpers/units';
import { openWorkspace, openWorkspaceForDb } from '../../electron/services/workspace/workspace';
import { importBundleFiles } from '../../electron/services/bundles/importer';
import { printKeyCard } from '../../electron/services/units-keys/key-card';

/** Every folder and file under root with its permission bits, links left out. */
function modes(root: string): Record<string, string> {
  const out: Record<string, string> = { '.': (fs.statSync(root).mode & 0o777).toString(8) };
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    const p = path.join(e.parentPath, e.name);
    if (e.isDirectory() || e.isFile()) out[path.relative(root, p)] = (fs.lstatSync(p).mode & 0o777).toString(8);
  }
  return out;
}

const privateOnly = (m: Record<string, string>, root: string) =>
  Object.fromEntries(Object.keys(m).map((k) => [k, fs.statSync(path.join(root, k)).isDirectory() ? '700' : '600']));

// Windows has no such modes; its profile folders are private already.
describe.runIf(process.platform !== 'win32')('who can read a unit’s data', () => {
  it('the data folder, its folders and every file the app writes are for the owner only', async () => {
    const { leader, member, bundle } = await exchange();
    await importBundleFiles(leader.ws, [{ path: bundle, name: 'a.tdkt' }]);
    await printKeyCard(leader.ws);
    for (const ws of [leader.ws, member.ws]) {
      const m = modes(ws.dataDir);
      // The database with its write-ahead log, the key, sent and received bundles, documents.
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['thidua.sqlite', 'thidua.sqlite-wal', 'thidua.sqlite-shm', 'keys', 'bundles']));
      expect(m).toEqual(privateOnly(m, ws.dataDir));
    }
    expect(Object.keys(modes(leader.ws.dataDir)).some((k) => k.startsWith(path.join('bundles', 'received', 'STP-HG', '')))).toBe(true);
    expect(Object.keys(modes(leader.ws.dataDir)).some((k) => k.startsWith('documents' + path.sep))).toBe(true);
  });

  it('an installation made before is made private when it opens', async () => {
    const { leader } = await exchange();
    const dataDir = leader.ws.dataDir;
    leader.ws.close();
    for (const [k] of Object.entries(modes(dataDir))) {
      const p = path.join(dataDir, k);
      fs.chmodSync(p, fs.statSync(p).isDirectory() ? 0o755 : 0o644);
    }
    const ws = openWorkspace({ dataDir });
    try {
      const m = modes(dataDir);
      expect(m).toEqual(privateOnly(m, dataDir));
    } finally {
      ws.close();
    }
  });

  it('the CLI pointed at a database in a folder of the user’s leaves that folder alone but not the app’s files', async () => {
    const { leader } = await exchange();
    const dataDir = leader.ws.dataDir;
    leader.ws.close();
    const dbFile = path.join(dataDir, 'thidua.sqlite');
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(dbFile, 0o644);
    fs.chmodSync(path.join(dataDir, 'bundles'), 0o755);
    const other = path.join(dataDir, 'ghi-chu.txt');
    fs.writeFileSync(other, 'tệp của người dùng', { mode: 0o644 });
    const ws = openWorkspaceForDb(dbFile);
    try {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o755);
      expect(fs.statSync(other).mode & 0o777).toBe(0o644);
      expect(fs.statSync(dbFile).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(dataDir, 'bundles')).mode & 0o777).toBe(0o700);
    } finally {
      ws.close();
    }
  });

  it('a new database in a new folder is private from its first byte', () => {
    const dataDir = path.join(tempDir(), 'thidua-tuphap');
    const ws = openWorkspace({ dataDir });
    try {
      ws.db.$client.exec('create table t(x); insert into t values (1)');
      const m = modes(dataDir);
      expect(m).toEqual(privateOnly(m, dataDir));
    } finally {
      ws.close();
    }
  });
});
