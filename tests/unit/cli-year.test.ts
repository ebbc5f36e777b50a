import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { groupInputSchema } from '../../electron/ipc/contract';
import { importBundleFile } from '../../electron/services/bundles/importer';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { exportRegistration } from '../../electron/services/registration/export';
import { groupInput, LEADER, makeUnit, MEMBER, registeredMember, tempDir } from '../helpers/units';

const cli = path.resolve('dist/cli.js');
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

/** The leader's and the member's databases as files; each CLI call opens them as the app would. */
async function year() {
  const member = await registeredMember();
  const leader = await makeUnit(LEADER);
  saveGroup(leader.ws, groupInputSchema.parse(groupInput({ [MEMBER.code]: member.unit.keyId })));
  saveGroup(member.ws, groupInputSchema.parse(groupInput({ [LEADER.code]: leader.unit.keyId }, { id: member.group.id })));
  const dbOf = (ws: typeof leader.ws) => path.join(ws.dataDir, 'thidua.sqlite');
  return { member, leader, leaderDb: dbOf(leader.ws), memberDb: dbOf(member.ws) };
}

describe('thidua scripts the year from a USB folder', () => {
  it('publishes the kickoff, imports with receipts, prints the plan and the board, and tells a member its deadlines', async () => {
    const { member, leader, leaderDb, memberDb } = await year();
    const usb = tempDir('usb-');

    const kickoff = run('kickoff', '--db', leaderDb, '--out', usb);
    expect(kickoff.status, kickoff.stderr).toBe(0);
    expect(kickoff.stdout).toMatch(/^Đã phát hành gói khởi động số 1: .*khoi-dong-2022-KVTD-MNPB-so1\.tdkt/);
    const kickoffFile = path.join(usb, fs.readdirSync(usb)[0]!);
    expect((await importBundleFile(member.ws, { path: kickoffFile, name: 'k.tdkt' })).status).toBe('accepted');

    const sent = await exportRegistration(member.ws, member.group.id);
    const receipts = path.join(usb, 'bien-nhan');
    const imported = run('import', '--db', leaderDb, '--receipts', receipts, sent.path);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('ĐÃ NHẬN');
    expect(imported.stdout).toContain(`Đã ghi 1 biên nhận vào ${receipts}.`);
    const [receipt] = fs.readdirSync(receipts);
    expect(receipt).toMatch(/^bien-nhan-2022-STP-TQ-gui-STP-HG-so\d+\.tdkt$/);

    const back = run('import', '--db', memberDb, path.join(receipts, receipt!));
    expect(back.status, back.stderr).toBe(0);
    const home = JSON.parse(run('home', '--db', memberDb, '--json').stdout) as { milestones: { key: string; receiptText: string }[] };
    expect(home.milestones.find((m) => m.key === 'registration')!.receiptText).toMatch(/tiếp nhận ngày \d{2}\/\d{2}\/\d{4}/);

    const docs = tempDir('docs-');
    const board = run('board', '--db', leaderDb, '--group', 'kvtd-mnpb', '--year', '2022', '--out', docs);
    expect(board.status, board.stderr).toBe(0);
    expect(board.stdout).toContain('Sở Tư pháp tỉnh Hà Giang:');
    expect(run('plan', 'print', '--db', leaderDb, '--out', docs).status).toBe(0);
    expect(fs.readdirSync(docs).map((f) => path.extname(f)).sort()).toEqual(['.docx', '.docx', '.xlsx']);
    expect(leader.unit.code).toBe('STP-TQ');
  });

  it('says in Vietnamese which group is meant when it cannot tell', async () => {
    const { leaderDb } = await year();
    const wrong = run('board', '--db', leaderDb, '--group', 'KVTD-MNPB', '--year', '2031');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe('Lỗi: Cơ sở dữ liệu không có Khu vực/Cụm mã KVTD-MNPB năm 2031.\n');
    const half = run('kickoff', '--db', leaderDb, '--group', 'KVTD-MNPB');
    expect(half.stderr).toContain('Hãy ghi cả --group MÃ và --year NĂM');
    const member = run('kickoff', '--db', path.join((await makeUnit(MEMBER)).ws.dataDir, 'thidua.sqlite'));
    expect(member.stderr).toBe('Lỗi: Cơ sở dữ liệu chưa có Khu vực/Cụm thi đua nào.\n');
  });
});
