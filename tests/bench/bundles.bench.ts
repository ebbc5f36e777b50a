import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { writeBundle, type Signer } from '../../electron/services/bundles/writer';
import { verifyBundleFile } from '../../electron/services/bundles/reader';
import { keyIdOf, rawPublicKey } from '../../electron/services/units-keys/keys';

/**
 * `npm run bench`: bundles carrying 10 MB, 100 MB and 1 GB of evidence, written and verified as
 * streams, timed against `sha256sum` over the same bytes, with the peak resident memory of each.
 * Target: within 1.5× of sha256sum, and memory that does not grow with the payload.
 */
const MB = 1024 * 1024;
const sizes = (process.env.BENCH_SIZES ?? '10,100,1024').split(',').map((s) => Number(s) * MB);
const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'thidua-bench-'));

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

/** Runs `fn` while sampling resident memory; returns seconds and the peak RSS above the start. */
async function measure(fn: () => Promise<unknown>): Promise<{ seconds: number; peakMB: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = process.hrtime.bigint();
  await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, peakMB: (peak - base) / MB };
}

function sha256sum(file: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('sha256sum', [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sha256sum: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function main(): Promise<void> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const rawPublic = rawPublicKey(publicKey);
  const signer = { privateKey, rawPublic, keyId: keyIdOf(rawPublic) };
  const rows: string[][] = [];
  // One untimed round first: the app is a long-lived process, so JIT warm-up is not part of a write.
  await runOnce(MB, signer);
  console.log(`Thư mục tạm: ${dir}; node ${process.version}, ${os.cpus().length} lõi`);
  for (const size of sizes) {
    rows.push(await runOnce(size, signer));
  }
  const head = ['tải', 'sha256sum (s)', 'ghi (s)', 'ghi/sha', 'kiểm tra (s)', 'kiểm tra/sha', 'RSS ghi (MB)', 'RSS kiểm tra (MB)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
  console.log('Ghi = tạo gói (đọc, băm, nén, fsync) và kiểm tra lại toàn bộ gói vừa ghi trước khi đổi tên. RSS = bộ nhớ thường trú tăng thêm lúc đỉnh.');
  fs.rmSync(dir, { recursive: true, force: true });
}

async function runOnce(size: number, signer: Signer): Promise<string[]> {
  {
    const payload = path.join(dir, `payload-${size / MB}.bin`);
    const sha = makePayload(payload, size);
    const dest = path.join(dir, `bundle-${size / MB}.tdkt`);
    const write = await measure(() =>
      writeBundle(
        dest,
        {
          format: 'thidua-tuphap-bundle',
          format_version: 1,
          bundle_id: crypto.randomUUID(),
          kind: 'registration',
          sender: { unit_code: 'BENCH', unit_name: 'Đơn vị đo hiệu năng', key_id: signer.keyId },
          recipient: { unit_codes: ['STP-TQ'] },
          group: { code: 'KVTD-MNPB', name: 'Khu vực thi đua' },
          year: 2022,
          seq: 1,
          created_at: new Date().toISOString(),
          app_version: 'bench',
        },
        [],
        [{ path: `data/evidence/${sha}.bin`, source: payload, mediaType: 'application/octet-stream' }],
        signer,
      ),
    );
    const verify = await measure(() => verifyBundleFile(dest));
    const baseline = Math.min(sha256sum(payload), sha256sum(payload));
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
}

void main();
