import fs from 'node:fs';
import { bundleKinds } from '../../electron/services/workspace/bundle-kinds';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { writeBundle, type BundleRecordInput, type Signer } from '../../electron/services/bundles/writer';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { receiveParts, splitBundle } from '../../electron/services/bundles/parts';
import { collectBundleFiles, importBundleFile, importBundleFiles } from '../../electron/services/bundles/importer';
import { keyIdOf, rawPublicKey } from '../../electron/services/units-keys/keys';
import { openWorkspace } from '../../electron/services/workspace/workspace';
import { setupUnit } from '../../electron/services/units-keys/units';
import { saveGroup } from '../../electron/services/groups-calendar/groups';
import { statusBoard } from '../../electron/services/groups-calendar/status-board';
import { writeStatusBoardXlsx } from '../../electron/services/groups-calendar/status-board-xlsx';
import { statusBoardDocument } from '../../electron/services/documents/status-board-doc';
import { writeDocx } from '../../electron/services/documents/write';
import { getOwnUnit } from '../../electron/services/units-keys/units';
import { groupInputSchema } from '../../electron/ipc/contract';
import { evidenceSection, rankingSection } from './scoring-sections';
import { recomputeSection } from './self-assessment.bench';
import { inChild, MB, measure, opensslSeconds, printTable, registerCase, runCaseIfChild } from './measure';

/**
 * `npm run bench`: each section prints its own table. Bundles carrying 10 MB, 100 MB and 1 GB of
 * evidence are written and verified as streams and timed against one `openssl dgst -sha256` pass
 * over the same bytes (targets: verify ≤ 1.5×, write with fsync and re-verify ≤ 3×, memory flat);
 * a 100 MB records-only bundle from an unknown key is quarantined, and from a wrong key refused,
 * each in a process of its own whose peak RSS is reported (target ≤ 200 MB); a USB folder of 100 members'
 * registration bundles is imported in one action (target ≤ 3 s); one member’s totals are recomputed per keystroke on a 300-item table (target ≤ 16 ms). A new section is one
 * more entry in `sections`; BENCH_ONLY=name runs one section.
 */
const sizes = (process.env.BENCH_SIZES ?? '10,100,1024').split(',').map((s) => Number(s) * MB);
const root = process.env.BENCH_DIR ?? os.tmpdir();

function newSigner(): Signer {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const rawPublic = rawPublicKey(publicKey);
  return { privateKey, rawPublic, keyId: keyIdOf(rawPublic) };
}

const fields = (signer: Signer) => ({
  format: 'thidua-tuphap-bundle' as const,
  format_version: 1 as const,
  bundle_id: crypto.randomUUID(),
  kind: 'registration' as const,
  sender: { unit_code: 'STP-HG', unit_name: 'Sở Tư pháp tỉnh Hà Giang', key_id: signer.keyId },
  recipient: { unit_codes: ['STP-TQ'] },
  group: { code: 'KVTD-MNPB', name: 'Khu vực thi đua' },
  year: 2022,
  seq: 1,
  created_at: new Date().toISOString(),
  app_version: 'bench',
});

function makePayload(file: string, size: number): string {
  const fd = fs.openSync(file, 'w');
  const hash = crypto.createHash('sha256');
  const chunk = Buffer.alloc(4 * MB);
  for (let left = size; left > 0; left -= chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, left));
    crypto.randomFillSync(part);
    hash.update(part);
    fs.writeSync(fd, part);
  }
  fs.closeSync(fd);
  return hash.digest('hex');
}

async function writeAndVerify(dir: string, size: number, signer: Signer): Promise<string[]> {
  const payload = path.join(dir, `payload-${size / MB}.pdf`);
  const sha = makePayload(payload, size);
  const dest = path.join(dir, `bundle-${size / MB}.tdkt`);
  const file = { path: `data/evidence/${sha}.pdf`, source: payload, mediaType: 'application/pdf' };
  const write = await measure(() => writeBundle(dest, fields(signer), [], [file], signer, bundleKinds));
  const verify = await measure(() => verifyBundleFile(dest, bundleKinds));
  const baseline = opensslSeconds(payload);
  fs.rmSync(payload);
  fs.rmSync(dest);
  return [
    `${size / MB} MB`,
    baseline.toFixed(2),
    write.seconds.toFixed(2),
    (write.seconds / baseline).toFixed(2),
    verify.seconds.toFixed(2),
    (verify.seconds / baseline).toFixed(2),
    write.peakMB.toFixed(0),
    verify.peakMB.toFixed(0),
  ];
}

async function bundleSection(dir: string): Promise<void> {
  const signer = newSigner();
  // One untimed round first: the app is a long-lived process, so JIT warm-up is not part of a write.
  await writeAndVerify(dir, MB, signer);
  const rows: string[][] = [];
  for (const size of sizes) rows.push(await writeAndVerify(dir, size, signer));
  printTable(['tải', 'openssl (s)', 'ghi (s)', 'ghi/openssl', 'kiểm tra (s)', 'kiểm tra/openssl', 'RSS ghi (MB)', 'RSS kiểm tra (MB)'], rows);
  console.log('Ghi = tạo gói (đọc, băm SHA-256 và CRC-32, lưu không nén tệp PDF, fsync) rồi kiểm tra lại toàn bộ gói vừa ghi trước khi đổi tên.');
  console.log('Mục tiêu: kiểm tra ≤ 1,5 lần, ghi ≤ 3 lần một lượt `openssl dgst -sha256` trên cùng dữ liệu. RSS = bộ nhớ thường trú tăng thêm lúc đỉnh.');
}

/** A registration record as a member's app signs it: the unit, its people (each aiming for Lao động tiên tiến) and one key task. */
function registrationRecord(unit: { code: string; name: string }, people: { full_name: string; position: string; department: string }[], commitment: string): BundleRecordInput {
  const record_id = crypto.randomUUID();
  return {
    record_id,
    type: 'registration',
    version: 1,
    content: {
      record_id,
      type: 'registration',
      version: 1,
      unit: { ...unit, kind: 'so_tu_phap', province: 'Hà Giang', parent_name: 'UBND tỉnh Hà Giang' },
      group: { code: 'KVTD-MNPB', year: 2022 },
      document: { number_symbol: '05/ĐK-STP', place: 'Hà Giang', date: '2022-02-05', signer_authority: '', signer_title: 'Giám đốc', signer_name: 'Đặng Văn Bình', recipients: ['Như trên'] },
      collective: [{ title_code: 'TTLDXS', note: '' }],
      individuals: people.map((p) => ({ ...p, birth_year: 1980, gender: 'nu', title_code: 'LDTT' })),
      commitments: [{ kind: 'key_task', content: commitment }],
    },
  };
}

/** A records-only bundle: `count` schema-valid registrations of about 20 KB each (about 12 KB deflated). */
async function recordsOnlyBundle(dest: string, count: number, signer: Signer): Promise<void> {
  const text = (n: number) => crypto.randomBytes(n).toString('base64');
  const records = Array.from({ length: count }, () =>
    registrationRecord(
      { code: 'STP-HG', name: 'Sở Tư pháp tỉnh Hà Giang' },
      Array.from({ length: 80 }, () => ({ full_name: text(30), position: text(40), department: text(40) })),
      text(1400),
    ),
  );
  await writeBundle(dest, fields(signer), records, [], signer, bundleKinds);
}

/** A leader with the member in its group; `pin` is the member key it has confirmed, or none. */
async function leaderWorkspace(dir: string, pin: string) {
  const ws = openWorkspace({ dataDir: fs.mkdtempSync(path.join(dir, 'leader-')) });
  await setupUnit(ws, { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', province: 'Tuyên Quang', parentName: 'UBND tỉnh Tuyên Quang' });
  const member = (code: string, name: string, role: string, fingerprint = '') => ({ code, name, kind: 'so_tu_phap', province: 'Hà Giang', parentName: 'UBND tỉnh', role, fingerprint });
  saveGroup(
    ws,
    groupInputSchema.parse({
      code: 'KVTD-MNPB',
      name: 'Khu vực thi đua',
      year: 2022,
      kind: 'khu_vuc',
      registrationDeadline: '2022-02-10',
      members: [member('STP-TQ', 'Sở Tư pháp tỉnh Tuyên Quang', 'leader'), member('STP-HG', 'Sở Tư pháp tỉnh Hà Giang', 'member', pin)],
    }),
  );
  return ws;
}

registerCase('import', async (arg) => {
  const [bundle, dir, pin] = arg.split('|') as [string, string, string];
  const ws = await leaderWorkspace(dir, pin);
  try {
    const r = await importBundleFile(ws, { path: bundle, name: path.basename(bundle) });
    return r.status;
  } finally {
    ws.close();
  }
});

async function unknownKeySection(dir: string): Promise<void> {
  const signer = newSigner();
  const bundle = path.join(dir, 'records-100.tdkt');
  // 8,600 records: a file of about 100 MB, about 170 MB once inflated.
  await recordsOnlyBundle(bundle, 8600, signer);
  const size = fs.statSync(bundle).size / MB;
  const other = newSigner().keyId.replace(/(.{4})/g, '$1 ').trim().toUpperCase();
  const rows: string[][] = [];
  for (const [label, pin] of [
    ['khóa chưa xác nhận', ''],
    ['khóa khác khóa đã ghim (đơn vị báo thay khóa)', other],
  ] as const) {
    const run = await inChild<string>('import', `${bundle}|${dir}|${pin}`);
    rows.push([label, `${size.toFixed(0)} MB`, run.result, run.seconds.toFixed(2), run.peakRssMB.toFixed(0)]);
  }
  printTable(['gói chỉ có bản ghi, ký bằng', 'cỡ', 'kết quả', 'thời gian (s)', 'RSS đỉnh (MB)'], rows);
  console.log('Mỗi lần nhập chạy trong một tiến trình riêng (gồm cả mở cơ sở dữ liệu); mục tiêu RSS đỉnh ≤ 200 MB.');
}

const FOLDER_MEMBERS = 100;

/** A member's registration as its app signs it: ten people and a printed DOCX of about 12 KB. */
const registrationOf = (code: string) =>
  registrationRecord(
    { code, name: `Sở Tư pháp ${code}` },
    Array.from({ length: 10 }, (_, i) => ({ full_name: `Nguyễn Thị Hương ${i}`, position: 'Chuyên viên', department: 'Văn phòng' })),
    'Hoàn thành 100% nhiệm vụ được giao.',
  );

registerCase('import-folder', async (arg) => {
  const [folder, dir, pins] = arg.split('|') as [string, string, string];
  const ws = openWorkspace({ dataDir: fs.mkdtempSync(path.join(dir, 'leader-')) });
  try {
    await setupUnit(ws, { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', province: 'Tuyên Quang', parentName: 'UBND tỉnh Tuyên Quang' });
    const members = (JSON.parse(pins) as [string, string][]).map(([code, keyId]) => ({ code, name: `Sở Tư pháp ${code}`, kind: 'so_tu_phap', province: 'Hà Giang', parentName: 'UBND tỉnh', role: 'member', fingerprint: keyId }));
    saveGroup(ws, groupInputSchema.parse({ code: 'KVTD-MNPB', name: 'Khu vực thi đua', year: 2022, kind: 'khu_vuc', members: [{ code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', province: 'Tuyên Quang', parentName: '', role: 'leader', fingerprint: '' }, ...members] }));
    // Only the import itself is timed: from the folder's path to every bundle landed.
    const t0 = process.hrtime.bigint();
    const results = await importBundleFiles(ws, await collectBundleFiles([folder]));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return `${results.filter((r) => r.status === 'accepted').length}/${results.length} đã nhận trong ${seconds.toFixed(2)} s`;
  } finally {
    ws.close();
  }
});

/** A USB folder of 100 members' registration bundles, imported in one action by the leader. */
async function folderSection(dir: string): Promise<void> {
  const folder = path.join(dir, 'usb');
  fs.mkdirSync(folder);
  const pins: [string, string][] = [];
  for (let i = 1; i <= FOLDER_MEMBERS; i++) {
    const code = `STP-${String(i).padStart(3, '0')}`;
    const signer = newSigner();
    pins.push([code, signer.keyId]);
    const header = { ...fields(signer), sender: { unit_code: code, unit_name: `Sở Tư pháp ${code}`, key_id: signer.keyId } };
    const docx = { path: 'data/documents/dang-ky-thi-dua-2022-v1.docx', source: crypto.randomBytes(12 * 1024), mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    await writeBundle(path.join(folder, `dang-ky-thi-dua-2022-${code}-so1.tdkt`), header, [registrationOf(code)], [docx], signer, bundleKinds);
  }
  const run = await inChild<string>('import-folder', `${folder}|${dir}|${JSON.stringify(pins)}`);
  printTable(['thư mục', 'kết quả', 'RSS đỉnh tiến trình (MB)'], [[`${FOLDER_MEMBERS} gói đăng ký`, run.result, run.peakRssMB.toFixed(0)]]);
  console.log('Mục tiêu: nhập cả thư mục ≤ 3 s trên máy 2 lõi (mỗi gói: chép riêng, kiểm chữ ký và mã băm, ghi trong một giao dịch, lưu bản gốc).');
}

const BOARD_UNITS = 130;
/** What members send in the template plan, each sent up to four times (late ones and corrections). */
const MEMBER_KINDS = ['registration', 'plan_comments', 'mid_year_report', 'inspection_report', 'year_end_report', 'dossier'];

/**
 * A leader of 130 units (half Sở Tư pháp, half Cục THADS gathered by the deputy) with the template plan
 * and a few thousand accepted bundles; times the board, its DOCX and its .xlsx on 01/12, all dated.
 */
registerCase('status-board', async (dir) => {
  const ws = openWorkspace({ dataDir: fs.mkdtempSync(path.join(dir, 'board-')) });
  try {
    await setupUnit(ws, { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', province: 'Tuyên Quang', parentName: 'UBND tỉnh Tuyên Quang' });
    const unit = (i: number) => {
      const thads = i % 2 === 1;
      const n = String(i).padStart(3, '0');
      return {
        code: `${thads ? 'THADS' : 'STP'}-${n}`,
        name: `${thads ? 'Cục Thi hành án dân sự' : 'Sở Tư pháp'} tỉnh ${['Điện Biên', 'Hà Giang', 'Lào Cai', 'Cao Bằng', 'Yên Bái'][i % 5]} ${n}`,
        kind: thads ? 'thads' : 'so_tu_phap',
        province: 'Tỉnh',
        parentName: 'UBND tỉnh',
        role: i === 1 ? 'deputy' : 'member',
        fingerprint: '',
        gatheredByDeputy: thads && i !== 1,
      };
    };
    const members = [
      { code: 'STP-TQ', name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'so_tu_phap', province: 'Tuyên Quang', parentName: 'UBND tỉnh Tuyên Quang', role: 'leader', fingerprint: '' },
      ...Array.from({ length: BOARD_UNITS - 1 }, (_, i) => unit(i + 1)),
    ];
    const group = saveGroup(ws, groupInputSchema.parse({ code: 'KVTD-MNPB', name: 'Khu vực thi đua Khối cơ quan Tư pháp các tỉnh trung du và miền núi phía Bắc', year: 2022, kind: 'khu_vuc', registrationDeadline: '2022-02-10', members }));
    const insert = ws.db.$client.prepare(
      `insert into received_bundles (bundle_id, header_sha256, sender_code, key_id, kind, group_code, year, seq, created_at, received_at, file_name, archive_path)
       values (?, ?, ?, ?, ?, 'KVTD-MNPB', 2022, ?, ?, ?, 'x.tdkt', 'x.tdkt')`,
    );
    let bundles = 0;
    ws.db.$client.transaction(() => {
      for (const m of members.slice(1)) {
        const kinds = m.role === 'deputy' ? [...MEMBER_KINDS, 'consolidated', 'consolidated', 'consolidated'] : MEMBER_KINDS;
        kinds.forEach((kind, k) => {
          // Spread over the year; each unit sends a kind one to four times, a day apart.
          const day = Date.UTC(2022, 1, 5) + k * 50 * 86_400_000 + (bundles % 9) * 86_400_000;
          for (let again = 0; again <= bundles % 4; again++, bundles++) {
            const created = new Date(day + again * 86_400_000).toISOString();
            insert.run(crypto.randomUUID(), crypto.randomBytes(32).toString('hex'), m.code, '0'.repeat(32), kind, bundles + 1, created, created);
          }
        });
      }
    })();
    const step = async (fn: () => Promise<unknown>) => {
      const t0 = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t0) / 1e9;
    };
    let board!: ReturnType<typeof statusBoard>;
    const boardSeconds = await step(async () => (board = statusBoard(ws.db, group.id, { today: '2022-12-01T03:00:00.000Z' })));
    const docxSeconds = await step(() =>
      writeDocx(statusBoardDocument(board, getOwnUnit(ws.db)!, { place: 'Tuyên Quang', title: 'Giám đốc', name: 'Trần Văn Minh' }), path.join(dir, 'bang-theo-doi.docx')),
    );
    const xlsxSeconds = await step(() => writeStatusBoardXlsx(board, path.join(dir, 'bang-theo-doi.xlsx')));
    return { rows: board.rows.length, columns: board.columns.length, bundles, boardSeconds, docxSeconds, xlsxSeconds };
  } finally {
    ws.close();
  }
});

async function statusBoardSection(dir: string): Promise<void> {
  const run = await inChild<{ rows: number; columns: number; bundles: number; boardSeconds: number; docxSeconds: number; xlsxSeconds: number }>('status-board', dir);
  const r = run.result;
  printTable(
    ['đơn vị', 'mốc', 'gói đã nhận', 'bảng (s)', 'DOCX (s)', '.xlsx (s)', 'RSS đỉnh (MB)'],
    [[String(r.rows), String(r.columns), String(r.bundles), r.boardSeconds.toFixed(2), r.docxSeconds.toFixed(2), r.xlsxSeconds.toFixed(2), run.peakRssMB.toFixed(0)]],
  );
  console.log('Bảng theo dõi của Trưởng: tính bảng từ cơ sở dữ liệu, in DOCX khổ ngang, xuất .xlsx; RSS đỉnh của cả tiến trình (gồm mở cơ sở dữ liệu và tạo dữ liệu).');
}

/**
 * Bundles that fit the mail: a 100 MB bundle cut into 20 MB parts, then the parts received as an
 * import takes them (each copied into the holding folder and checked against its own hash), joined,
 * the whole checked against its sha256 and verified as a reader would; against one openssl pass.
 */
async function partsSection(dir: string): Promise<void> {
  const signer = newSigner();
  const size = 100 * MB;
  const payload = path.join(dir, 'parts-payload.pdf');
  const sha = makePayload(payload, size);
  const bundle = path.join(dir, 'goi-lon.tdkt');
  await writeBundle(bundle, fields(signer), [], [{ path: `data/evidence/${sha}.pdf`, source: payload, mediaType: 'application/pdf' }], signer, bundleKinds);
  fs.rmSync(payload);
  const ws = openWorkspace({ dataDir: fs.mkdtempSync(path.join(dir, 'parts-ws-')) });
  try {
    let parts: string[] = [];
    const split = await measure(async () => (parts = await splitBundle(bundle, 20 * MB, path.join(dir, 'parts-out'), bundleKinds)));
    const join = await measure(async () => {
      const { joined } = await receiveParts(ws, parts.map((p) => ({ path: p, name: path.basename(p) })));
      if (joined.length !== 1) throw new Error('các phần không ghép được');
      await verifyBundleFile(joined[0]!.path, bundleKinds);
    });
    const baseline = opensslSeconds(bundle);
    const r = (s: number) => (s / baseline).toFixed(2);
    printTable(
      ['gói', 'phần', 'openssl (s)', 'chia (s)', 'chia/openssl', 'nhận, ghép, kiểm tra (s)', 'nhận…/openssl', 'RSS chia (MB)', 'RSS ghép (MB)'],
      [[`${(fs.statSync(bundle).size / MB).toFixed(0)} MB`, String(parts.length), baseline.toFixed(2), split.seconds.toFixed(2), r(split.seconds), join.seconds.toFixed(2), r(join.seconds), split.peakMB.toFixed(0), join.peakMB.toFixed(0)]],
    );
    console.log('Chia = một lượt đọc gói, băm từng phần và cả gói, fsync các phần. Nhận = chép từng phần vào thư mục giữ tạm và kiểm mã băm; ghép = nối các phần, băm cả gói; kiểm tra = đọc gói như một gói nhận được.');
    console.log('Mục tiêu: bộ nhớ phẳng (không nạp cả gói hay cả phần), thời gian tỉ lệ với số lượt đọc dữ liệu.');
  } finally {
    ws.close();
  }
}

const sections: [string, (dir: string) => Promise<void>][] = [
  ['bundles', bundleSection],
  ['unknown-key', unknownKeySection],
  ['import-folder', folderSection],
  ['status-board', statusBoardSection],
  ['self-assessment-typing', recomputeSection],
  ['ranking', rankingSection],
  ['evidence-bundle', evidenceSection],
  ['mail-parts', partsSection],
];

async function main(): Promise<void> {
  if (await runCaseIfChild()) return;
  const dir = fs.mkdtempSync(path.join(root, 'thidua-bench-'));
  console.log(`Thư mục tạm: ${dir}; node ${process.version}, ${os.cpus().length} lõi`);
  try {
    for (const [name, run] of sections) {
      if (process.env.BENCH_ONLY && process.env.BENCH_ONLY !== name) continue;
      console.log(`\n== ${name} ==`);
      await run(dir);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
