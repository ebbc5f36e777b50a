import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspaceForDb } from '../../electron/services/workspace/workspace';
import { importStaffXlsx, MAX_STAFF_ROWS } from '../../electron/services/registration/xlsx';
import { UserError } from '../../electron/services/errors';
import { inChild, MB, measure, printTable, registerCase, runCaseIfChild } from './measure';
import { sheetRowXml, sheetXml, STAFF_HEADER, writeBombXlsx, writeLargeStaffWorkbook, writeRawXlsx, writeStaffWorkbook } from '../helpers/sheets';

/**
 * `npm run bench`, staff sheets: a 100,000-row list imported into a real database file, and hostile
 * sheets that must be refused at once — each timed, with the peak resident memory above the start.
 * Target: the import within 200 MB; refusals within a fraction of that and of a second.
 */
const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'thidua-bench-sheets-'));

async function importInto(file: string): Promise<string> {
  const db = path.join(dir, `db-${path.basename(file)}`, 'thidua.sqlite');
  const ws = openWorkspaceForDb(db);
  try {
    const r = await importStaffXlsx(ws, file);
    return `đã nhập ${r.added.toLocaleString('vi-VN')} người`;
  } finally {
    ws.close();
  }
}

/** What one sheet did, measured in its own process: a fresh start, not what making the sheets left behind. */
interface Outcome {
  outcome: string;
  seconds: number;
  peakMB: number;
}
registerCase('sheet', async (file): Promise<Outcome> => {
  // One untimed import first: the app is a long-lived process, so JIT warm-up is not part of an import.
  await importInto(await writeStaffWorkbook(path.join(dir, 'warm.xlsx'), [[1, 'Lò Văn Hải', 1981, 'Nam', '', '']]));
  let outcome = '';
  const m = await measure(async () => {
    outcome = await importInto(file).catch((e: unknown) => {
      if (!(e instanceof UserError)) throw e;
      return `từ chối: ${e.message.split('\n')[0]!.slice(0, 90)}…`;
    });
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return { outcome, ...m };
});

async function main(): Promise<void> {
  if (await runCaseIfChild()) return;
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
  console.log(`\nBảng tính cán bộ: thư mục tạm ${dir}; node ${process.version}, ${os.cpus().length} lõi; tối đa ${MAX_STAFF_ROWS.toLocaleString('vi-VN')} dòng mỗi lần nhập`);
  const rows: string[][] = [];
  for (const [name, file] of cases) {
    const { result, peakRssMB } = await inChild<Outcome>('sheet', file);
    rows.push([name, `${(fs.statSync(file).size / 1024).toFixed(0)} KB`, result.seconds.toFixed(2), result.peakMB.toFixed(0), peakRssMB.toFixed(0), result.outcome]);
  }
  printTable(['bảng tính', 'tệp', 'thời gian (s)', 'RSS tăng (MB)', 'RSS đỉnh (MB)', 'kết quả'], rows);
  console.log('Mỗi tệp nhập trong một tiến trình riêng. Thời gian = đọc, kiểm tra và ghi vào tệp cơ sở dữ liệu (một giao dịch). RSS tăng = bộ nhớ thường trú tăng thêm lúc đỉnh; RSS đỉnh = của cả tiến trình.');
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
