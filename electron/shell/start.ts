import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { openWorkspace } from '../services/workspace/workspace';
import { defaultDataDir } from '../services/workspace/data-dir';
import { startBridge } from './bridge';

/**
 * `npm start`: opens the Electron window where Electron can run; otherwise serves the same UI to a
 * browser on 127.0.0.1 and says in one line why the window did not open.
 */
const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(path.join(root, 'package.json'));

function electronBinary(): { path: string } | { reason: string } {
  const electronDir = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(electronDir)) return { reason: 'gói electron chưa được cài (hãy chạy npm install)' };
  const tryLoad = () => {
    try {
      const p = require('electron') as unknown as string;
      return fs.existsSync(p) ? p : null;
    } catch {
      return null;
    }
  };
  let binary = tryLoad();
  if (!binary) {
    console.log('Đang tải Electron (lần đầu chạy)…');
    const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 180_000 });
    binary = tryLoad();
    if (!binary) {
      // The installer's stack trace means nothing to an office user; its error line says enough.
      const cause = result.error?.message ?? `${result.stderr}`.split('\n').find((l) => /error/i.test(l))?.trim() ?? 'không có kết nối Internet';
      return { reason: `không tải được Electron (${cause})` };
    }
  }
  return { path: binary };
}

/** better-sqlite3 compiled for Electron's ABI, kept apart from the Node build that tests and the CLI use. */
function electronNativeBinding(): { path: string } | { reason: string } {
  const version = (require('electron/package.json') as { version: string }).version;
  const dir = path.join(root, '.native', `electron-${version}`);
  const binding = path.join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return { path: binding };
  console.log(`Đang biên dịch better-sqlite3 cho Electron ${version} (khoảng 2 phút, chỉ lần đầu)…`);
  fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), path.join(dir, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  });
  const moduleDir = path.join(dir, 'node_modules', 'better-sqlite3');
  const nodeGyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, '--dist-url=https://electronjs.org/headers'],
    // An inherited npm_config_nodedir would point node-gyp at Node's headers instead of Electron's.
    { cwd: moduleDir, stdio: 'inherit', timeout: 600_000, env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir')) },
  );
  if (result.status === 0 && fs.existsSync(binding)) return { path: binding };
  return { reason: 'không biên dịch được better-sqlite3 cho Electron (cần tải bộ tiêu đề của Electron qua Internet)' };
}

function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', `"${url}"`]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  // Verbatim on Windows: `start` takes its first quoted argument as a window title, which Node's quoting would mangle.
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true, windowsVerbatimArguments: true });
  child.on('error', () => console.log('Không tự mở được trình duyệt: hãy mở địa chỉ trên bằng tay.'));
  child.unref();
}

async function browserShell(reason: string): Promise<void> {
  const dataDir = defaultDataDir();
  const ws = openWorkspace({ dataDir });
  const bridge = await startBridge(ws, path.join(import.meta.dirname, 'renderer'), { port: Number(process.env.THIDUA_PORT ?? 0) });
  console.log(`Không mở cửa sổ Electron vì ${reason}; giao diện được phục vụ cho trình duyệt trên máy này.`);
  console.log(`Mở địa chỉ: ${bridge.url}`);
  console.log(`Dữ liệu của đơn vị: ${dataDir}. Nhấn Ctrl+C để dừng.`);
  if (!process.env.THIDUA_NO_BROWSER) openInBrowser(bridge.url);
  const stop = async () => {
    await bridge.close();
    ws.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (process.env.THIDUA_SHELL === 'browser') return browserShell('đã chọn chế độ trình duyệt (THIDUA_SHELL=browser)');
  const electron = electronBinary();
  if ('reason' in electron) return browserShell(electron.reason);
  const native = electronNativeBinding();
  if ('reason' in native) return browserShell(native.reason);
  const child = spawn(electron.path, [path.join(import.meta.dirname, 'main.js')], {
    stdio: 'inherit',
    env: { ...process.env, THIDUA_NATIVE_BINDING: native.path },
  });
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal == null) {
      void browserShell(`Electron dừng với mã ${code} (máy này không chạy được Electron)`);
    } else process.exit(code ?? 0);
  });
}

void main();
