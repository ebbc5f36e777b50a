import path from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENS_DIR } from './browser';

/**
 * Every visible table cell, box, list and button whose text does not fit: cut off on the right or below.
 * Runs in the page (a string: these tests are typed without the DOM). A <select> never scrolls, so its
 * chosen option is measured against the room left beside the arrow.
 */
export const CLIPPED = `(() => {
  const ruler = document.createElement('canvas').getContext('2d');
  const textOf = (el) => el.tagName === 'SELECT' ? (el.selectedOptions[0]?.text ?? '') : 'value' in el && el.tagName !== 'BUTTON' ? el.value : el.innerText;
  const needed = (el) => {
    if (el.tagName !== 'SELECT') return el.scrollWidth;
    const css = getComputedStyle(el);
    ruler.font = css.fontWeight + ' ' + css.fontSize + ' ' + css.fontFamily;
    return Math.ceil(ruler.measureText(textOf(el)).width + parseFloat(css.paddingLeft) + parseFloat(css.paddingRight) + 20);
  };
  return [...document.querySelectorAll('td, th, input:not([type=checkbox]):not([type=radio]), textarea, select, button, .badge, .field-label')]
    .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .filter((el) => needed(el) > el.clientWidth + 1 || (el.tagName === 'TEXTAREA' && el.scrollHeight > el.clientHeight + 1))
    .map((el) => el.tagName.toLowerCase() + ' "' + textOf(el).slice(0, 60) + '" (' + el.clientWidth + 'px < ' + needed(el) + 'px)');
})()`;

/** The page itself never scrolls sideways: a wide table scrolls inside its card. */
const PAGE_WIDER = `document.documentElement.scrollWidth - document.documentElement.clientWidth`;

/** Screenshots a screen at the two widths offices have (1366 and 1024 px) and fails if anything is cut off. */
export async function shot(page: Page, name: string) {
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SCREENS_DIR, `${name}-${width}.png`), fullPage: true });
    expect.soft(await page.evaluate<string[]>(CLIPPED), `${name} ở ${width}px`).toEqual([]);
    expect.soft(await page.evaluate<number>(PAGE_WIDER), `${name} ở ${width}px: trang cuộn ngang`).toBeLessThanOrEqual(0);
  }
  // Every date a person reads is dd/mm/yyyy: no ISO date anywhere in the text of a screen.
  expect.soft((await page.locator('body').innerText()).match(/\b\d{4}-\d{2}-\d{2}\b/g), `${name}: ngày dạng ISO`).toBeNull();
}
