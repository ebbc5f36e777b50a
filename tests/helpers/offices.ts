import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { openWorkspace, type Workspace } from '../../electron/services/workspace/workspace';
import type { Clock } from '../../electron/services/workspace/clock';
import { setupUnit } from '../../electron/services/units-keys/units';
import type { OwnUnit, Unit } from '../../electron/ipc/contract';
import { startBridge, type Bridge } from '../../electron/shell/bridge';
import { launchChromium, RENDERER_DIR, SCREENS_DIR } from './browser';

/** One installation of the app: its data folder, served by its own browser shell, and the page that shows it. */
export interface Office {
  ws: Workspace;
  unit: OwnUnit;
  page: Page;
  url: string;
}

/**
 * The offices of an end-to-end test file: one Chromium, a folder for everything the test writes (with
 * a "USB stick" where downloads land), and each data folder behind its own bridge; all closed and
 * removed after the file. Registers its own beforeAll/afterAll, so call it at the top of the file.
 */
export function e2eOffices(prefix: string, options: { clock?: Clock } = {}) {
  const work = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), prefix));
  const usb = path.join(work, 'usb');
  const owned: Workspace[] = [];
  const bridges: Bridge[] = [];
  let browser: Browser | undefined;

  beforeAll(async () => {
    expect(fs.existsSync(path.join(RENDERER_DIR, 'index.html')), 'chạy "npm run build" trước').toBe(true);
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    fs.mkdirSync(usb, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const bridge of bridges) await bridge.close();
    for (const ws of owned) ws.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** A data folder under the test's folder, served by a bridge of its own. */
  const serve = async (dir: string) => {
    const ws = openWorkspace({ dataDir: path.join(work, dir), clock: options.clock });
    owned.push(ws);
    const bridge = await startBridge(ws, RENDERER_DIR);
    bridges.push(bridge);
    return { ws, bridge };
  };
  /** A new tab (1366 px wide unless told) that fails the test on any uncaught error in the page. */
  const newPage = async (width = 1366) => {
    const page = await browser!.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => {
      throw e;
    });
    return page;
  };
  /** A unit set up in its own data folder (the set-up screen has its own test), with a tab ready to open it. */
  const office = async (dir: string, unit: Unit): Promise<Office> => {
    const { ws, bridge } = await serve(dir);
    return { ws, unit: await setupUnit(ws, unit), page: await newPage(), url: bridge.url };
  };
  /** A workspace opened elsewhere (and closed by its opener), served and shown in a new tab. */
  const show = async (ws: Workspace) => {
    const bridge = await startBridge(ws, RENDERER_DIR);
    bridges.push(bridge);
    const page = await newPage();
    await page.goto(bridge.url);
    return page;
  };
  return { work, usb, serve, newPage, office, show };
}

/** Goes to a screen by its entry in the navigation. */
export const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

/** Clicks a button that downloads one file and keeps it in the folder given. */
export async function download(page: Page, button: string, folder: string): Promise<string> {
  const started = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, (await started).suggestedFilename());
  await (await started).saveAs(file);
  return file;
}

/** Clicks a button that downloads several files at once (receipts) and keeps them in the folder given. */
export async function downloadAll(page: Page, button: string, count: number, folder: string): Promise<string[]> {
  const files: Promise<string>[] = [];
  const each = (d: Download) => files.push(d.saveAs(path.join(folder, d.suggestedFilename())).then(() => path.join(folder, d.suggestedFilename())));
  page.on('download', each);
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => files.length).toBe(count);
  page.off('download', each);
  return Promise.all(files);
}

/** "Nhận gói": picks the files with the browser's own dialog and returns the list of results. */
export async function importFiles(page: Page, files: string[]) {
  await nav(page, 'Nhận gói');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Chọn gói hồ sơ…' }).click();
  await (await chooser).setFiles(files);
  return page.getByRole('list', { name: 'Kết quả nhập' });
}

/** Imports the leader's kickoff, checks the fingerprint shown is the leader's, and confirms it. */
export async function joinByKickoff({ page }: Office, kickoff: string, leader: Office) {
  const results = await importFiles(page, [kickoff]);
  await expect.poll(() => results.textContent()).toContain('Chờ xác nhận khóa');
  expect(await page.locator('.quarantine .fingerprint').textContent()).toBe(leader.unit.fingerprint);
  await page.getByRole('button', { name: 'Xác nhận khóa và nhận gói' }).click();
  await expect.poll(() => results.textContent()).toContain('Đã nhận gói khởi động năm số 1');
}
