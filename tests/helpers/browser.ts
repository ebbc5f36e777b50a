import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { sweepOrphans } from '../../electron/services/files/leftovers';

/** Where each system keeps Chromium, Chrome or Edge; the first that exists is used. */
const SYSTEM_BROWSERS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    path.join(os.homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
  ],
  win32: [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA]
    .filter((d): d is string => !!d)
    .flatMap((d) => [path.join(d, 'Google', 'Chrome', 'Application', 'chrome.exe'), path.join(d, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), path.join(d, 'Chromium', 'Application', 'chrome.exe')]),
};

export interface FoundBrowser {
  executablePath: string;
  /** Where it came from, for the test log. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
  /** Extra environment the browser needs (the shared libraries and fonts shipped with the npm package). */
  env?: Record<string, string>;
}

/** An unpack in progress: ".partial-<version>-<process id>-<random>", so a killed one can be told from a running one. */
const PARTIAL_UNPACK = /^\.partial-[0-9][0-9A-Za-z.+-]*?-(\d+)-[A-Za-z0-9]{6}$/;

/** Removes the half-unpacked Chromium folders of test processes that were killed (never one still unpacking). */
export function sweepPartialUnpacks(cacheRoot: string): string[] {
  return sweepOrphans(cacheRoot, PARTIAL_UNPACK);
}

/**
 * The Chromium inside the npm package @sparticuz/chromium, unpacked once into node_modules/.cache.
 * Unpacked into a private folder then renamed into place: the package's own /tmp cache is taken as
 * soon as the file exists, so a parallel test process could run a half-written binary, and a killed
 * unpack would stay broken. Its bundled NSS and expat libraries are unpacked too, for a machine that
 * has never had a browser installed.
 */
async function packagedChromium(): Promise<FoundBrowser | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const { default: Chromium, inflate } = await import('@sparticuz/chromium');
  const binDir = path.join(path.dirname(fileURLToPath(import.meta.resolve('@sparticuz/chromium'))), '..', 'bin');
  const version = (JSON.parse(fs.readFileSync(path.join(binDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const cacheRoot = path.resolve('node_modules', '.cache', 'thidua-chromium');
  const dir = path.join(cacheRoot, version);
  if (!fs.existsSync(path.join(dir, 'chromium'))) {
    fs.mkdirSync(cacheRoot, { recursive: true });
    sweepPartialUnpacks(cacheRoot);
    const partial = fs.mkdtempSync(path.join(cacheRoot, `.partial-${version}-${process.pid}-`));
    const tmpdir = process.env.TMPDIR;
    // The package unpacks into os.tmpdir(), which follows TMPDIR.
    process.env.TMPDIR = partial;
    try {
      await Chromium.executablePath(binDir);
      await inflate(path.join(binDir, 'al2023.tar.br'));
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    try {
      fs.renameSync(partial, dir);
    } catch {
      // Another test process finished first: its copy is complete, ours goes.
      fs.rmSync(partial, { recursive: true, force: true });
    }
  }
  const env: Record<string, string> = { LD_LIBRARY_PATH: [path.join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  // A machine with no fontconfig of its own gets the package's fonts (Open Sans has Vietnamese).
  if (!fs.existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_PATH = path.join(dir, 'fonts');
  return { executablePath: path.join(dir, 'chromium'), source: '@sparticuz/chromium', env };
}

/**
 * CHROMIUM_PATH if it names a file; else a Chromium, Chrome or Edge installed on this system (unless
 * THIDUA_NO_SYSTEM_BROWSER is set, which tests the fallback); else the Chromium shipped in the npm
 * package @sparticuz/chromium, so `npm install && npm test` needs no browser installed by hand.
 */
export async function findChromium(): Promise<FoundBrowser> {
  const given = process.env.CHROMIUM_PATH;
  if (given && fs.existsSync(given)) return { executablePath: given, source: 'CHROMIUM_PATH' };
  if (!process.env.THIDUA_NO_SYSTEM_BROWSER) {
    const system = (SYSTEM_BROWSERS[process.platform] ?? []).find((p) => fs.existsSync(p));
    if (system) return { executablePath: system, source: 'system' };
  }
  const packaged = await packagedChromium();
  if (packaged) return packaged;
  throw new Error(
    `Không tìm thấy trình duyệt Chromium, Chrome hay Edge${given ? ` (CHROMIUM_PATH=${given} không tồn tại)` : ''}: hãy cài một trong số đó hoặc đặt CHROMIUM_PATH.`,
  );
}

let found: Promise<FoundBrowser> | undefined;

/** The found browser (looked for once per test process), headless, with the flags this workplace's closed network needs. */
export async function launchChromium(browser?: FoundBrowser): Promise<Browser> {
  browser ??= await (found ??= findChromium());
  return chromium.launch({
    executablePath: browser.executablePath,
    env: browser.env ? { ...process.env, ...browser.env } : undefined,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=vi'],
  });
}

/** The built renderer, as `npm test` builds it before running the suites. */
export const RENDERER_DIR = path.resolve('dist/renderer');

/** Screenshots land here for people to look at; not committed. */
export const SCREENS_DIR = path.resolve('tests/.tmp/screens');
