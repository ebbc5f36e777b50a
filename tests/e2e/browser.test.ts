import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findChromium, launchChromium, SCREENS_DIR } from '../helpers/browser';

const saved = { ...process.env };
afterEach(() => {
  process.env.CHROMIUM_PATH = saved.CHROMIUM_PATH;
  process.env.THIDUA_NO_SYSTEM_BROWSER = saved.THIDUA_NO_SYSTEM_BROWSER;
  if (saved.CHROMIUM_PATH === undefined) delete process.env.CHROMIUM_PATH;
  if (saved.THIDUA_NO_SYSTEM_BROWSER === undefined) delete process.env.THIDUA_NO_SYSTEM_BROWSER;
});

describe('the browser the end-to-end tests drive', () => {
  it('is found without a system Chromium: the one shipped in @sparticuz/chromium launches headless and renders Vietnamese', async () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    process.env.THIDUA_NO_SYSTEM_BROWSER = '1';
    const found = await findChromium();
    expect(found.source).toBe('@sparticuz/chromium');
    expect(fs.statSync(found.executablePath).isFile()).toBe(true);
    const browser = await launchChromium(found);
    try {
      const page = await browser.newPage({ viewport: { width: 640, height: 200 } });
      await page.setContent('<h1 style="font-family: sans-serif">Sở Tư pháp tỉnh Tuyên Quang — đăng ký thi đua</h1>');
      expect(await page.textContent('h1')).toBe('Sở Tư pháp tỉnh Tuyên Quang — đăng ký thi đua');
      // Text really laid out (a browser without fonts would give the heading no width).
      expect((await page.locator('h1').boundingBox())!.width).toBeGreaterThan(300);
      fs.mkdirSync(SCREENS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENS_DIR, 'packaged-chromium.png') });
    } finally {
      await browser.close();
    }
  });

  it('takes CHROMIUM_PATH first when it names a browser', async () => {
    const system = await findChromium();
    process.env.CHROMIUM_PATH = system.executablePath;
    expect(await findChromium()).toMatchObject({ executablePath: system.executablePath, source: 'CHROMIUM_PATH' });
  });
});
