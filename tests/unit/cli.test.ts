import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readZip, writeRawZip } from '../helpers/zip';
import { exchange, tempDir } from '../helpers/units';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('thidua command line', () => {
  it('is built (npm test builds it first)', () => {
    expect(fs.existsSync(cli), 'chạy "npm run build" trước').toBe(true);
  });

  it('answers an unknown option in Vietnamese, with the usage', () => {
    const r = run('import', '--khong-co');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Lỗi: tùy chọn hoặc tham số không hợp lệ.');
    expect(r.stderr).toContain('Cách dùng:');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('verify: exit 0 for a valid bundle, 1 with the reason for a tampered one', async () => {
    const { bundle } = await exchange();
    const ok = run('verify', bundle);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('HỢP LỆ');
    const entries = await readZip(bundle);
    entries.find((e) => e.name === 'bundle.json')!.data = Buffer.from(entries.find((e) => e.name === 'bundle.json')!.data.toString().replace('"seq": 1', '"seq": 2'));
    const bad = path.join(tempDir(), 'bad.tdkt');
    await writeRawZip(bad, entries);
    const refused = run('verify', bundle, bad);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('KHÔNG HỢP LỆ  ' + bad + ': Chữ ký số không hợp lệ');
  });

  it('import --json: one {file, status, reason} per bundle; exit 1 when one is refused', async () => {
    const { leader, bundle } = await exchange();
    const dbFile = path.join(leader.ws.dataDir, 'thidua.sqlite');
    leader.ws.close();
    const garbage = path.join(tempDir(), 'rac.tdkt');
    fs.writeFileSync(garbage, 'rác');
    const first = run('import', '--db', dbFile, '--json', bundle);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual([{ file: bundle, status: 'accepted', reason: expect.stringContaining('Đã nhận gói đăng ký thi đua số 1') }]);
    const second = run('import', '--db', dbFile, '--json', bundle, garbage);
    expect(second.status).toBe(1);
    expect(JSON.parse(second.stdout).map((r: { status: string }) => r.status)).toEqual(['duplicate', 'refused']);
    const text = run('import', '--db', dbFile, bundle);
    expect(text.stdout).toMatch(/^TRÙNG {2}.*: Gói này đã được nhận/);
  });
});
