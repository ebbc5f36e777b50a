import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, with the flags this workplace's closed network needs. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Không thấy Chromium tại ${CHROMIUM}: cài gói "chromium" (apt-get install chromium).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=vi'],
  });
}

/** The built renderer, as `npm test` builds it before running the suites. */
export const RENDERER_DIR = path.resolve('dist/renderer');

/** Screenshots land here for people to look at; not committed. */
export const SCREENS_DIR = path.resolve('tests/.tmp/screens');
