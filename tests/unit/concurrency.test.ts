import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEPUTY, exchange, groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';
import { openWorkspace } from '../../electron/services/workspace/workspace';
import { setupUnit } from '../../electron/services/units-keys/units';
import { importBundleFiles } from '../../electron/services/bundles/importer';
import { exportRegistration } from '../../electron/services/registration/export';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { groupInputSchema, type Unit } from '../../electron/ipc/contract';
import { schema } from '../../db/client';
import { DATABASE_BUSY } from '../../electron/services/errors';

const cli = path.resolve('dist/cli.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** One `thidua` process; killed if it has not finished in two minutes, so the test always ends. */
function thidua(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const PARALLEL = 20;
const PROVINCES = ['Lào Cai', 'Yên Bái', 'Thái Nguyên', 'Phú Thọ', 'Bắc Kạn', 'Cao Bằng', 'Lạng Sơn', 'Điện Biên', 'Lai Châu', 'Sơn La'];

/** A leader of a group of ten provinces, each of which has signed and exported its registration. */
async function tenBundles() {
  const units: Unit[] = PROVINCES.map((province, i) => ({ code: `STP-${String(i).padStart(2, '0')}`, name: `Sở Tư pháp tỉnh ${province}`, kind: 'so_tu_phap', province, parentName: `UBND tỉnh ${province}` }));
  const members = (pins: Record<string, string> = {}) => [
    { ...LEADER, role: 'leader' as const, fingerprint: '' },
    ...units.map((u) => ({ ...u, role: 'member' as const, fingerprint: pins[u.code] ?? '' })),
  ];
  // Registered one after another: each is a real unit with its own key.
  const bundles: string[] = [];
  const pins: Record<string, string> = {};
  for (const u of units) {
    const m = await registeredMember(u, groupInput({}, { members: members() }));
    bundles.push((await exportRegistration(m.ws, m.group.id)).path);
    pins[u.code] = m.unit.keyId;
  }
  const leader = await makeUnit(LEADER);
  saveGroup(leader.ws, groupInputSchema.parse(groupInput({}, { members: members(pins) })));
  return { leader, bundles };
}

describe('several writers on one database file', () => {
  it(`${PARALLEL} thidua import processes at once, each writing: none dies, each bundle is accepted once`, { timeout: 300_000 }, async () => {
    const { leader, bundles } = await tenBundles();
    const dbFile = path.join(leader.ws.dataDir, 'thidua.sqlite');
    leader.ws.close();
    // Each process starts on a different bundle, so their first write transactions meet.
    const runs = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => thidua(['import', '--db', dbFile, '--json', ...bundles.slice(i % bundles.length), ...bundles.slice(0, i % bundles.length)])),
    );
    const accepted = new Map<string, number>();
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.signal).toBeNull();
      expect(r.code, r.stdout).toBe(0);
      const results = JSON.parse(r.stdout) as { file: string; status: string }[];
      expect(results).toHaveLength(bundles.length);
      for (const { file, status } of results) {
        expect(['accepted', 'duplicate']).toContain(status);
        if (status === 'accepted') accepted.set(file, (accepted.get(file) ?? 0) + 1);
      }
    }
    expect([...accepted.keys()].sort()).toEqual([...bundles].sort());
    expect([...accepted.values()]).toEqual(bundles.map(() => 1));
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from received_bundles').get()).toEqual({ n: bundles.length });
    } finally {
      db.close();
    }
    // One archived copy of each, nothing left in staging by any of them.
    expect(fs.readdirSync(leader.ws.dir.received, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toHaveLength(bundles.length);
    expect(fs.readdirSync(path.join(leader.ws.dataDir, 'staging'))).toEqual([]);
  });

  it('a bundle from an unpinned key imported by many processes at once is held once', { timeout: 240_000 }, async () => {
    const member = await registeredMember();
    const { path: bundle } = await exportRegistration(member.ws, member.group.id);
    const leader = await makeUnit(LEADER);
    saveGroup(leader.ws, groupInputSchema.parse(groupInput()));
    const dbFile = path.join(leader.ws.dataDir, 'thidua.sqlite');
    leader.ws.close();
    const runs = await Promise.all(Array.from({ length: 8 }, () => thidua(['import', '--db', dbFile, '--json', bundle])));
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)[0].status).toBe('quarantined');
    }
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.prepare("select count(*) as n from quarantined_bundles where decision = 'pending'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect(fs.readdirSync(leader.ws.dir.quarantine)).toHaveLength(1);
  });

  it('a writer kept waiting past the busy timeout is told so in Vietnamese, and nothing is written', { timeout: 120_000 }, async () => {
    const { leader, bundle } = await exchange();
    const dbFile = path.join(leader.ws.dataDir, 'thidua.sqlite');
    leader.ws.close();
    const holder = new Database(dbFile);
    holder.exec('BEGIN IMMEDIATE');
    let run: Run;
    try {
      run = await thidua(['import', '--db', dbFile, bundle]);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`TỪ CHỐI  ${bundle}: ${DATABASE_BUSY}\n`);
    expect(run.stderr).toBe('');
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from received_bundles').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    expect(fs.readdirSync(leader.ws.dir.received, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toEqual([]);
  });
});

describe('setting up a unit twice at once', () => {
  it('keeps one unit and one private key; the other set-up is refused and leaves no key behind', async () => {
    const dataDir = tempDir();
    const windows = Array.from({ length: 4 }, () => openWorkspace({ dataDir }));
    try {
      const results = await Promise.allSettled(windows.map((ws, i) => setupUnit(ws, { ...LEADER, name: `${LEADER.name} ${i}` })));
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const r of lost) expect(String(r.reason)).toContain('Đơn vị đã được thiết lập trên máy này.');
      const own = windows[0]!.db.select().from(schema.ownUnit).all();
      expect(own).toHaveLength(1);
      expect(fs.readdirSync(path.join(dataDir, 'keys'))).toEqual([`${own[0]!.keyId}.pem`]);
    } finally {
      for (const ws of windows) ws.close();
    }
  });
});

describe('files left behind', () => {
  /** The pid of a process that has ended: its staging folder belongs to nobody. */
  const deadPid = () => spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;

  it('staging of ended processes and archived bundles with no row go at start and after an import; live ones stay', async () => {
    const { leader, bundle } = await exchange();
    const ws = leader.ws;
    const stagingRoot = path.dirname(ws.dir.staging);
    const leftovers = () => {
      const dead = path.join(stagingRoot, `${deadPid()}-0badf00d`);
      fs.mkdirSync(dead, { recursive: true });
      fs.writeFileSync(path.join(dead, 'import-killed.tdkt'), 'nửa gói');
      fs.writeFileSync(path.join(stagingRoot, 'upload-old-layout.tdkt'), 'tải lên dở');
      fs.mkdirSync(path.join(ws.dir.received, 'STP-HG'), { recursive: true });
      fs.writeFileSync(path.join(ws.dir.received, 'STP-HG', 'killed.tdkt'), 'gói không có dòng');
      fs.writeFileSync(path.join(ws.dir.quarantine, 'killed.tdkt'), 'gói không có dòng');
      return dead;
    };
    // This process's own staged file (an upload waiting for its import) is never touched.
    fs.mkdirSync(ws.dir.staging, { recursive: true });
    const mine = path.join(ws.dir.staging, 'upload-waiting.tdkt');
    fs.writeFileSync(mine, 'đang chờ nhập');

    const dead = leftovers();
    const [result] = await importBundleFiles(ws, [{ path: bundle, name: 'a.tdkt' }]);
    expect(result!.status).toBe('accepted');
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.readdirSync(stagingRoot)).toEqual([path.basename(ws.dir.staging)]);
    expect(fs.readdirSync(ws.dir.staging)).toEqual(['upload-waiting.tdkt']);
    const archived = fs.readdirSync(path.join(ws.dir.received, 'STP-HG'));
    expect(archived).toHaveLength(1);
    expect(ws.db.select().from(schema.receivedBundles).get()!.archivePath).toBe(path.join('bundles', 'received', 'STP-HG', archived[0]!));
    expect(fs.readdirSync(ws.dir.quarantine)).toEqual([]);

    const again = leftovers();
    const reopened = openWorkspace({ dataDir: ws.dataDir });
    try {
      expect(fs.existsSync(again)).toBe(false);
      expect(fs.readdirSync(path.join(ws.dir.received, 'STP-HG'))).toEqual(archived);
      expect(fs.readdirSync(ws.dir.quarantine)).toEqual([]);
      expect(fs.readFileSync(mine, 'utf8')).toBe('đang chờ nhập');
    } finally {
      reopened.close();
    }
  });

  it('imports running side by side with their sweeps keep every bundle they accepted', async () => {
    const members = await Promise.all(
      [MEMBER, DEPUTY].map(async (unit) => {
        const m = await registeredMember(unit);
        return { m, bundle: (await exportRegistration(m.ws, m.group.id)).path };
      }),
    );
    const leader = await makeUnit(LEADER);
    saveGroup(leader.ws, groupInputSchema.parse(groupInput(Object.fromEntries(members.map(({ m }) => [m.unit.code, m.unit.keyId])))));
    // Each import ends with a sweep that holds the write lock; none may take another's new archive.
    const results = await Promise.all(members.map(({ bundle }) => importBundleFiles(leader.ws, [{ path: bundle, name: path.basename(bundle) }])));
    expect(results.flat().map((r) => r.status)).toEqual(['accepted', 'accepted']);
    for (const row of leader.ws.db.select().from(schema.receivedBundles).all()) {
      expect(fs.existsSync(path.join(leader.ws.dataDir, row.archivePath))).toBe(true);
    }
  });
});
