import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { openWorkspaceForDb } from '../../electron/services/workspace/workspace';
import { importStaffXlsx, MAX_STAFF_ROWS } from '../../electron/services/registration/xlsx';
import { UserError } from '../../electron/services/errors';
import { sheetRowXml, sheetXml, STAFF_HEADER, writeBombXlsx, writeLargeStaffWorkbook, writeRawXlsx, writeStaffWorkbook } from '../helpers/sheets';

/**
 * `npm run bench`, staff sheets: a 100,000-row list imported into a real database file, and hostile
 * sheets that must be refused at once — each timed, with the peak resident memory above the start.
 * Target: the import within 200 MB; refusals within a fraction of that and of a second.
 */
const MB = 1024 * 1024;
const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'thidua-bench-sheets-'));

/** Runs `fn` while sampling resident memory; returns seconds, the peak RSS above the start, and the outcome. */
async function measure(fn: () => Promise<string>): Promise<{ seconds: number; peakMB: number; outcome: string }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = process.hrtime.bigint();
  const outcome = await fn().catch((e: unknown) => {
    if (!(e instanceof UserError)) throw e;
    return `từ chối: ${e.message.split('\n')[0]!.slice(0, 90)}…`;
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, peakMB: (peak - base) / MB, outcome };
}

async function importInto(file: string): Promise<string> {
  const db = path.join(dir, `db-${path.basename(file)}`, 'thidua.sqlite');
  const ws = openWorkspaceForDb(db);
  try {
    const r = await importStaffXlsx(ws.db, file);
    return `đã nhập ${r.added.toLocaleString('vi-VN')} người`;
  } finally {
    ws.close();
  }
}

/**
 * Each sheet is imported in a fresh process (this file with `--one FILE`), so that its peak memory is
 * measured from a clean start, not from what making the sheets left behind.
 */
function runOne(file: string): { seconds: number; peakMB: number; outcome: string } {
  const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!, '--one', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { seconds: number; peakMB: number; outcome: string };
}

async function main(): Promise<void> {
  const big = await writeLargeStaffWorkbook(path.join(dir, '100k.xlsx'), 100_000);
  const tooMany = [sheetRowXml(1, STAFF_HEADER)];
  for (let r = 2; r <= 200_001; r++) tooMany.push(sheetRowXml(r, [r - 1, `Người thứ ${r - 1}`, 1970 + (r % 40), r % 2 ? 'Nam' : 'Nữ', 'Chuyên viên', 'Văn phòng']));
  const cases: [string, string][] = [
    ['100.000 dòng', big],
    ['200.000 dòng', await writeRawXlsx(path.join(dir, '200k.xlsx'), sheetXml(tooMany.join('')))],
    ['bom 2 GB khai báo thật', await writeBombXlsx(path.join(dir, 'bom.xlsx'), 2048 * MB)],
    ['bom 1 GB khai báo 64 KB', await writeBombXlsx(path.join(dir, 'bom-doi.xlsx'), 1024 * MB, 64 * 1024)],
    [
      'ô ở dòng 1.048.576',
      await writeStaffWorkbook(path.join(dir, 'xa.xlsx'), [[1, 'Lò Văn Hải', 1981, 'Nam', '', '']], { edit: (ws) => (ws.getCell('H1048576').value = 'x') }),
    ],
    ['cột 1 đến 2 tỉ', await writeRawXlsx(path.join(dir, 'cot.xlsx'), sheetXml(sheetRowXml(1, STAFF_HEADER), '<cols><col min="1" max="2000000000"/></cols>'))],
  ];
  tooMany.length = 0;
  console.log(`Thư mục tạm: ${dir}; node ${process.version}, ${os.cpus().length} lõi; tối đa ${MAX_STAFF_ROWS.toLocaleString('vi-VN')} dòng mỗi lần nhập`);
  const rows: string[][] = [];
  for (const [name, file] of cases) {
    const m = runOne(file);
    rows.push([name, `${(fs.statSync(file).size / 1024).toFixed(0)} KB`, m.seconds.toFixed(2), m.peakMB.toFixed(0), m.outcome]);
  }
  const head = ['bảng tính', 'tệp', 'thời gian (s)', 'RSS (MB)', 'kết quả'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => (i === r.length - 1 ? c : c.padStart(widths[i]!))).join('  '));
  console.log('Mỗi tệp nhập trong một tiến trình riêng. Thời gian = đọc, kiểm tra và ghi vào tệp cơ sở dữ liệu (một giao dịch). RSS = bộ nhớ thường trú tăng thêm lúc đỉnh.');
  fs.rmSync(dir, { recursive: true, force: true });
}

async function one(file: string): Promise<void> {
  // One untimed import first: the app is a long-lived process, so JIT warm-up is not part of an import.
  await importInto(await writeStaffWorkbook(path.join(dir, 'warm.xlsx'), [[1, 'Lò Văn Hải', 1981, 'Nam', '', '']]));
  console.log(JSON.stringify(await measure(() => importInto(file))));
  fs.rmSync(dir, { recursive: true, force: true });
}

const at = process.argv.indexOf('--one');
void (at > 0 ? one(process.argv[at + 1]!) : main());
