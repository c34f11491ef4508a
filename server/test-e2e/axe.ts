import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { timed } from './browser';

/** What a rider with a screen reader or low vision cannot get past: these fail a journey. */
const BLOCKING = new Set(['serious', 'critical']);

/**
 * Runs axe-core (WCAG 2.x A/AA rules) on the page as it is now and fails on any serious or critical
 * violation, listing each rule with the elements it found. Call it once a page has rendered its content;
 * `what` names the page in the failure.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const t0 = Date.now();
  // A Taro toast fading in or out measures as low contrast for a moment (its final colours pass): scan once every toast
  // has gone. A toast that never goes (a stuck loading toast) is scanned as it is after 15 s and fails on its own merits.
  await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.taro__toast')).every((el) => {
          const style = getComputedStyle(el);
          return style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0;
        }),
      null,
      { timeout: 15_000, polling: 100 },
    )
    .catch(() => undefined);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${what}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  timed(`axe ${what}`, t0);
  expect(blocking).toEqual([]);
}
