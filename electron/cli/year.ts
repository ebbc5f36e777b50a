import fsp from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../services/errors';
import { copyFileAtomic } from '../services/files/atomic';
import { findGroup, listGroups } from '../services/groups-calendar/groups';
import { memberDeadlines } from '../services/groups-calendar/home';
import { publishKickoff } from '../services/groups-calendar/kickoff';
import { statusBoard } from '../services/groups-calendar/status-board';
import { boardUnitKindSchema } from '../services/groups-calendar/board-schemas';
import { exportStatusBoard, printPlan } from '../services/groups-calendar/year-plan';
import { nowIso } from '../services/workspace/clock';
import { openWorkspaceForDb, type Workspace } from '../services/workspace/workspace';

/**
 * What a leader (or deputy, or member) scripts from a USB folder over the year: publish the kickoff,
 * print the plan, print and export the status board, read its own deadlines. Each command opens the
 * unit's database, does one thing, and says in Vietnamese what it wrote where.
 */

const groupOptions = { db: { type: 'string' }, group: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean', default: false }, kind: { type: 'string' } } as const;

/** The group named by --group and --year, or the only one this database knows. */
function groupOf(ws: Workspace, code: string | undefined, year: string | undefined): number {
  if (code || year) {
    if (!code || !year || !/^\d{4}$/.test(year)) throw new UserError('Hãy ghi cả --group MÃ và --year NĂM (ví dụ --group KVTD-MNPB --year 2022).');
    const found = findGroup(ws.db, code.toUpperCase(), Number(year));
    if (!found) throw new UserError(`Cơ sở dữ liệu không có Khu vực/Cụm mã ${code.toUpperCase()} năm ${year}.`);
    return found.id;
  }
  const groups = listGroups(ws.db);
  if (groups.length !== 1) throw new UserError(groups.length ? 'Cơ sở dữ liệu có nhiều Khu vực/Cụm: hãy ghi --group MÃ --year NĂM.' : 'Cơ sở dữ liệu chưa có Khu vực/Cụm thi đua nào.');
  return groups[0]!.id;
}

async function withGroup<T>(args: string[], run: (ws: Workspace, groupId: number, values: { out?: string; json?: boolean; kind?: string }) => Promise<T>): Promise<T> {
  const { values } = parseArgs({ args, options: groupOptions });
  if (!values.db) throw new UserError('Thiếu --db TỆP (cơ sở dữ liệu của đơn vị).');
  const ws = openWorkspaceForDb(values.db);
  try {
    return await run(ws, groupOf(ws, values.group, values.year), values);
  } finally {
    ws.close();
  }
}

async function copyTo(folder: string | undefined, file: string): Promise<string> {
  if (!folder) return file;
  await fsp.mkdir(folder, { recursive: true });
  const dest = path.join(folder, path.basename(file));
  await copyFileAtomic(file, dest);
  return dest;
}

/** thidua kickoff --db TỆP [--group MÃ --year NĂM] [--out THƯ_MỤC] */
export const kickoffCommand = (args: string[]) =>
  withGroup(args, async (ws, groupId, { out }) => {
    const sent = await publishKickoff(ws, groupId);
    console.log(`Đã phát hành gói khởi động số ${sent.seq}: ${await copyTo(out, sent.path)}`);
    return 0;
  });

/** thidua plan print --db TỆP [--group MÃ --year NĂM] [--out THƯ_MỤC] */
export const planPrintCommand = (args: string[]) =>
  withGroup(args, async (ws, groupId, { out }) => {
    console.log(`Đã in kế hoạch: ${await copyTo(out, await printPlan(ws, groupId))}`);
    return 0;
  });

/** thidua board --db TỆP [--group MÃ --year NĂM] [--kind LOẠI] [--out THƯ_MỤC] [--json] */
export const boardCommand = (args: string[]) =>
  withGroup(args, async (ws, groupId, { out, json, kind }) => {
    const unitKind = boardUnitKindSchema.safeParse(kind ?? 'all');
    if (!unitKind.success) throw new UserError('--kind phải là all, so_tu_phap, thads, don_vi_thuoc_bo hoặc khac.');
    const board = statusBoard(ws.db, groupId, { today: nowIso(ws.clock), unitKind: unitKind.data });
    if (json) console.log(JSON.stringify(board, null, 2));
    else {
      console.log(`${board.group.name} năm ${board.group.year}`);
      board.columns.forEach((c, i) => console.log(`(${i + 1}) ${c.title} — ${c.rule}: đã nhận ${c.totals.received}/${c.totals.expected}, muộn ${c.totals.late}, chưa gửi ${c.totals.missing}`));
      for (const row of board.rows) console.log(`${row.name}: ${row.cells.map((cell, i) => `(${i + 1}) ${cell.text}`).join('; ')}`);
    }
    if (out) {
      for (const format of ['docx', 'xlsx'] as const) console.log(`Đã ghi: ${await copyTo(out, await exportStatusBoard(ws, groupId, unitKind.data, format))}`);
    }
    return 0;
  });

/** thidua home --db TỆP [--group MÃ --year NĂM] [--json] */
export const homeCommand = (args: string[]) =>
  withGroup(args, async (ws, groupId, { json }) => {
    const home = memberDeadlines(ws.db, groupId, { today: nowIso(ws.clock) });
    if (json) console.log(JSON.stringify(home, null, 2));
    else for (const m of home.milestones) console.log(`${m.title} (gửi ${m.toText}, ${m.rule}): ${m.stateText}${m.receiptText ? ` ${m.receiptText}` : ''}`);
    return 0;
  });
