import { parseArgs } from 'node:util';
import { verifyBundleFile } from '../services/bundles/reader';
import { verifyCarried } from '../services/bundles/consolidated';
import { bundleKinds } from '../services/workspace/bundle-kinds';
import { BundleError } from '../services/bundles/format';
import { collectBundleFiles, importBundleFiles } from '../services/bundles/importer';
import { openWorkspaceForDb } from '../services/workspace/workspace';
import { asUserError, unexpectedErrorMessage, UserError } from '../services/errors';
import { describeStaffImport, importStaffXlsx } from '../services/registration/xlsx';
import { describeHistoryImport, importHistoryXlsx, previewHistoryXlsx } from '../services/awards/history-xlsx';
import { runDemo } from './demo';
import { planReadCommand } from './plan';
import { criteriaReadCommand } from './criteria';
import { printOrRefuse } from './output';
import { boardCommand, homeCommand, kickoffCommand, planPrintCommand } from './year';
import { writeReceipts } from '../services/bundles/receipts';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { PART_LIMITS, splitBundle } from '../services/bundles/parts';

const USAGE = `Cách dùng:
  thidua demo --out THƯ_MỤC            dựng bản trình diễn Khu vực thi đua miền núi phía Bắc năm 2022
  thidua verify TỆP…                   kiểm tra gói hồ sơ (cấu trúc, giới hạn, mã băm, chữ ký)
  thidua import --db TỆP [--json] ĐƯỜNG_DẪN…   nhập gói hồ sơ hoặc thư mục vào cơ sở dữ liệu
  thidua staff import --db TỆP [--json] DANH_SÁCH.xlsx   nhập danh sách cán bộ từ tệp Excel
  thidua history import --db TỆP [--dry-run] [--json] KHEN_THƯỞNG.xlsx   nhập danh hiệu, khen thưởng các năm trước từ tệp Excel
                                       (--dry-run: chỉ xem trước, không ghi)
  thidua plan read TỆP [--json]        đọc kế hoạch (.docx, .txt): các đợt thi đua và mốc gửi tìm thấy, kèm câu gốc
  thidua criteria read TỆP.xlsx [--json]   đọc bảng tiêu chí chấm điểm từ tệp Excel: các mục, điểm chuẩn, cách chấm, dòng chưa đọc được
  thidua plan print --db TỆP [--group MÃ --year NĂM] [--out THƯ_MỤC]   in kế hoạch năm (DOCX)
  thidua kickoff --db TỆP [--group MÃ --year NĂM] [--out THƯ_MỤC]      Trưởng phát hành gói khởi động năm
  thidua import --db TỆP [--receipts THƯ_MỤC] [--json] ĐƯỜNG_DẪN…      nhập gói; ghi biên nhận cho các gói đã nhận
  thidua board --db TỆP [--group MÃ --year NĂM] [--kind LOẠI] [--out THƯ_MỤC] [--json]   bảng theo dõi gửi hồ sơ
  thidua home --db TỆP [--group MÃ --year NĂM] [--json]                việc cần làm và hạn của đơn vị
  thidua split TỆP.tdkt [--max 20MB] [--out THƯ_MỤC]   chia gói lớn thành các phần .tdkt-part vừa thư điện tử
                                       (thidua import nhận các phần, theo thứ tự bất kỳ, và ghép khi đủ)`;

const statusLabel = { accepted: 'ĐÃ NHẬN', duplicate: 'TRÙNG', stale: 'CŨ', quarantined: 'CHỜ XÁC NHẬN', refused: 'TỪ CHỐI', held: 'CHỜ ĐỦ PHẦN' } as const;

async function verify(files: string[]): Promise<number> {
  if (!files.length) throw new UserError('Hãy chỉ ra ít nhất một tệp gói hồ sơ.');
  let bad = 0;
  for (const file of await collectBundleFiles(files)) {
    try {
      const v = await verifyBundleFile(file.path, bundleKinds);
      const h = v.header;
      console.log(`HỢP LỆ  ${file.name}: ${h.sender.unit_name} (${h.sender.unit_code}), ${h.kind}, ${h.group.code} năm ${h.year}, số ${h.seq}, khóa ${v.signer.keyId}`);
      // The original bundles it carries, each with its own sender's signature.
      for (const c of await verifyCarried(file.path, bundleKinds)) {
        if (c.problem) bad++;
        console.log(
          c.problem
            ? `  KHÔNG HỢP LỆ  kèm theo ${c.path}: ${c.problem}`
            : `  HỢP LỆ  kèm theo ${c.path}: ${c.senderName} (${c.senderCode}), ${c.kind}, số ${c.seq}, khóa ${c.keyId}`,
        );
      }
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      bad++;
      console.log(`KHÔNG HỢP LỆ  ${file.name}: ${error.message}`);
    }
  }
  return bad ? 1 : 0;
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, receipts: { type: 'string' } }, allowPositionals: true });
  if (!values.db) throw new UserError('Thiếu --db TỆP (cơ sở dữ liệu của đơn vị nhận).');
  if (!positionals.length) throw new UserError('Hãy chỉ ra ít nhất một gói hồ sơ hoặc thư mục.');
  const ws = openWorkspaceForDb(values.db);
  try {
    const results = await importBundleFiles(ws, await collectBundleFiles(positionals));
    if (values.json) console.log(JSON.stringify(results.map(({ file, status, reason }) => ({ file, status, reason })), null, 2));
    else for (const r of results) console.log(`${statusLabel[r.status]}  ${r.file}${r.reason ? `: ${r.reason}` : ''}`);
    const acknowledged = results.filter((r) => r.status === 'accepted' && r.acknowledge).map((r) => r.bundleId!);
    if (values.receipts && acknowledged.length) {
      await fsp.mkdir(values.receipts, { recursive: true });
      const written = await writeReceipts(ws, acknowledged, values.receipts);
      // Status lines go to stderr under --json, so stdout stays one JSON document.
      (values.json ? console.error : console.log)(`Đã ghi ${written.length} biên nhận vào ${values.receipts}.`);
    }
    return results.some((r) => r.status === 'refused' || r.status === 'stale') ? 1 : 0;
  } finally {
    ws.close();
  }
}

/** `--max 20MB`, `--max 512KB`, `--max 10` (MB): the largest file a mailbox takes. */
function parseMaxBytes(text: string): number {
  const m = /^(\d+(?:[.,]\d+)?)\s*(kb|mb)?$/i.exec(text.trim());
  if (!m) throw new UserError(`--max phải là dung lượng như 20MB hoặc 512KB (nhận được "${text}").`);
  return Math.floor(Number(m[1]!.replace(',', '.')) * (m[2]?.toLowerCase() === 'kb' ? 1024 : 1024 * 1024));
}

/** thidua split TỆP [--max 20MB] [--out THƯ_MỤC]: the parts beside the bundle unless --out says where. */
async function splitCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { max: { type: 'string', default: `${PART_LIMITS.defaultLimitMb}MB` }, out: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UserError('Hãy chỉ ra đúng một tệp gói hồ sơ (.tdkt) cần chia.');
  const file = positionals[0]!;
  try {
    const parts = await splitBundle(file, parseMaxBytes(values.max), values.out ?? path.dirname(path.resolve(file)), bundleKinds);
    console.log(`Đã chia ${file} thành ${parts.length} phần:`);
    for (const p of parts) console.log(`  ${p}`);
    return 0;
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    console.log(`KHÔNG HỢP LỆ  ${file}: ${error.message}`);
    return 1;
  }
}

/** Exit 0 with the report; exit 1 with the reason when the sheet is refused (nothing is written then). */
async function staffImportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true });
  if (!values.db) throw new UserError('Thiếu --db TỆP (cơ sở dữ liệu của đơn vị).');
  if (positionals.length !== 1) throw new UserError('Hãy chỉ ra đúng một tệp Excel (.xlsx) danh sách cán bộ.');
  const ws = openWorkspaceForDb(values.db);
  try {
    return await printOrRefuse(values.json, () => importStaffXlsx(ws, positionals[0]!), describeStaffImport);
  } finally {
    ws.close();
  }
}

/** Exit 0 with the report (rows not recognised are listed, not written); exit 1 when the file cannot be read. */
async function historyImportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } }, allowPositionals: true });
  if (!values.db) throw new UserError('Thiếu --db TỆP (cơ sở dữ liệu của đơn vị).');
  if (positionals.length !== 1) throw new UserError('Hãy chỉ ra đúng một tệp Excel (.xlsx) danh hiệu, khen thưởng.');
  const ws = openWorkspaceForDb(values.db);
  try {
    const file = positionals[0]!;
    return await printOrRefuse(values.json, () => (values['dry-run'] ? previewHistoryXlsx(ws, file) : importHistoryXlsx(ws, file)), describeHistoryImport);
  } finally {
    ws.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'verify':
      return verify(rest);
    case 'import':
      return importCommand(rest);
    case 'staff':
      if (rest[0] === 'import') return staffImportCommand(rest.slice(1));
      console.log(USAGE);
      return 2;
    case 'history':
      if (rest[0] === 'import') return historyImportCommand(rest.slice(1));
      console.log(USAGE);
      return 2;
    case 'plan':
      if (rest[0] === 'read') return planReadCommand(rest.slice(1));
      if (rest[0] === 'print') return planPrintCommand(rest.slice(1));
      console.log(USAGE);
      return 2;
    case 'criteria':
      if (rest[0] === 'read') return criteriaReadCommand(rest.slice(1));
      console.log(USAGE);
      return 2;
    case 'kickoff':
      return kickoffCommand(rest);
    case 'board':
      return boardCommand(rest);
    case 'home':
      return homeCommand(rest);
    case 'split':
      return splitCommand(rest);
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      if (!values.out) throw new UserError('Thiếu --out THƯ_MỤC.');
      await runDemo(values.out, console.log);
      return 0;
    }
    default:
      console.log(USAGE);
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

/** Exits once everything printed has been written: a pipe takes stdout asynchronously, and exiting at once cuts a long report short. */
const exitAfterOutput = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    const code = (error as { code?: unknown }).code;
    const known = asUserError(error);
    if (known) console.error(`Lỗi: ${known.message}`);
    else if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) console.error(`Lỗi: tùy chọn hoặc tham số không hợp lệ.\n${USAGE}`);
    else console.error(`Lỗi: ${unexpectedErrorMessage(error)}`);
    exitAfterOutput(2);
  },
);
