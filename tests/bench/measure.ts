import fs from 'node:fs';
import { spawnSync, fork } from 'node:child_process';

/** Shared by every section of `npm run bench`: timing, memory, the openssl baseline, tables. */

export const MB = 1024 * 1024;

/** Runs `fn` while sampling resident memory; returns seconds and the peak RSS above the start. */
export async function measure(fn: () => Promise<unknown>): Promise<{ seconds: number; peakMB: number }> {
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

/**
 * One `openssl dgst -sha256` pass over the file, the fastest SHA-256 on the machine (SHA extensions):
 * the limit a bundle's write and verify are compared with. The best of three, page cache warm.
 */
export function opensslSeconds(file: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('openssl', ['dgst', '-sha256', file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

export function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
}

/** Case runners a section registers, so a case can run alone in a child process and report its own peak RSS. */
const cases = new Map<string, (arg: string) => Promise<unknown>>();

export function registerCase(name: string, run: (arg: string) => Promise<unknown>): void {
  cases.set(name, run);
}

/**
 * This process's peak resident memory. On Linux, VmHWM: getrusage's maxRSS of a forked child still
 * counts the parent's peak from before exec.
 */
function peakRssMB(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** Runs a registered case in a fresh process: its result, wall time and the child's peak resident memory. */
export function inChild<T>(name: string, arg: string): Promise<{ result: T; seconds: number; peakRssMB: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1]!, ['--case', name, arg], { execArgv: ['--expose-gc', ...(process.env.BENCH_CHILD_ARGS?.split(' ') ?? [])] });
    child.once('message', (m) => resolve(m as { result: T; seconds: number; peakRssMB: number }));
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`bench case ${name} exited ${code}`)));
  });
}

/** In a child started by `inChild`: runs the case and reports back; returns false in the parent. */
export async function runCaseIfChild(): Promise<boolean> {
  const at = process.argv.indexOf('--case');
  if (at < 0) return false;
  const run = cases.get(process.argv[at + 1]!);
  if (!run) throw new Error(`unknown bench case ${process.argv[at + 1]}`);
  const t0 = process.hrtime.bigint();
  const result = await run(process.argv[at + 2] ?? '');
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.send!({ result, seconds, peakRssMB: peakRssMB() });
  return true;
}
