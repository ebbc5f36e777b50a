import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempPathFor } from '../../electron/services/files/atomic';
import { openWorkspace } from '../../electron/services/workspace/workspace';
import { sweepPartialUnpacks } from '../helpers/browser';
import { testClock } from '../helpers/clock';
import { makeUnit, MEMBER, tempDir } from '../helpers/units';

/** The id of a process that has run and ended: what a killed set-up or unpack leaves its name under. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.status).toBe(0);
  return child.pid!;
}

describe('leftovers of killed processes are swept at start-up, and only they', () => {
  it('removes the private key a killed set-up wrote but never kept, and nothing else in the keys folder', async () => {
    const { ws, unit } = await makeUnit(MEMBER);
    const keys = path.join(ws.dataDir, 'keys');
    // A key being made, named as the key store names it, first by this (running) process.
    const running = tempPathFor(path.join(keys, `${'ab'.repeat(16)}.pem`));
    expect(path.basename(running)).toMatch(new RegExp(`^\\.(ab){16}\\.pem\\.${process.pid}-[0-9a-f]{12}\\.tmp$`));
    const killed = running.replace(`.${process.pid}-`, `.${deadPid()}-`);
    const sealedKilled = killed.replace('.pem.', '.sealed.');
    const other = path.join(keys, 'ghi-chu.txt');
    for (const f of [running, killed, sealedKilled, other]) fs.writeFileSync(f, 'x');

    // The app starting again (a second window on the same data folder) sweeps.
    const again = openWorkspace({ dataDir: ws.dataDir, clock: testClock });
    try {
      expect(fs.existsSync(killed)).toBe(false);
      expect(fs.existsSync(sealedKilled)).toBe(false);
      expect(fs.existsSync(running)).toBe(true);
      expect(fs.existsSync(other)).toBe(true);
      // The unit's own key is untouched and still signs.
      expect((await again.keys.load(unit.keyId)).rawPublic).toHaveLength(32);
    } finally {
      again.close();
    }
  });

  it('removes a half-unpacked Chromium of a killed test process, never one still unpacking nor the finished one', () => {
    const cache = tempDir('chromium-cache-');
    const dead = path.join(cache, `.partial-153.0.0-${deadPid()}-Ab3xYz`);
    const live = path.join(cache, `.partial-153.0.0-${process.pid}-Qw9rTy`);
    const done = path.join(cache, '153.0.0');
    for (const d of [dead, live, done]) {
      fs.mkdirSync(path.join(d, 'al2023'), { recursive: true });
      fs.writeFileSync(path.join(d, 'chromium'), 'ELF');
    }
    expect(sweepPartialUnpacks(cache)).toEqual([path.basename(dead)]);
    expect(fs.readdirSync(cache).sort()).toEqual([path.basename(live), path.basename(done)].sort());
    expect(sweepPartialUnpacks(path.join(cache, 'khong-co'))).toEqual([]);
  });
});
