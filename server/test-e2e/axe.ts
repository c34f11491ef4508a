import AxeBuilder from '@axe-core/playwright';
import { source as AXE_SOURCE, version as AXE_VERSION } from 'axe-core';
import type { Page } from 'playwright-core';
import { timed } from './browser';

/** What a rider with a screen reader or low vision cannot get past: these fail a journey. */
const BLOCKING = new Set(['serious', 'critical']);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * axe-core's own `axe.run` in the page, injected once per document (the H5 app's hash routes keep one document, so
 * a journey injects it about once per page load). The same rules and the same results as `AxeBuilder.analyze()`
 * for a page without frames; AxeBuilder also re-evaluates the 0.6 MB axe source and opens a blank page for
 * `axe.finishRun` on every scan, which made a scan 10–20 times slower (docs/benchmarks.md, "The test command").
 */
async function runInPage(page: Page): Promise<Violation[]> {
  const injected = await page.evaluate((v) => (globalThis as unknown as { axe?: { version?: string } }).axe?.version === v, AXE_VERSION);
  if (!injected) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    // Only what a failure names crosses back (the full result carries every passing node's HTML).
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, TAGS);
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules) on the page as it is now and fails on any serious or critical
 * violation, listing each rule with the elements it found. Call it once a page has rendered its content;
 * `what` names the page in the failure. A page with frames (none in the app today) is scanned by AxeBuilder,
 * which scans inside each frame too.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const t0 = Date.now();
  // A Taro toast fading in or out, or a modal still fading in (a 0.2 s opacity transition), measures as low contrast for
  // a moment (its final colours pass): scan once every toast has gone, every modal is fully shown or gone, and every
  // finite animation or transition has finished (a spinner's endless one is not waited for). A toast that never goes (a stuck loading toast) is scanned as
  // it is after 15 s and fails on its own merits.
  await page
    .waitForFunction(
      () =>
        Array.from(document.querySelectorAll('.taro__toast')).every((el) => {
          const style = getComputedStyle(el);
          return style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0;
        }) &&
        Array.from(document.querySelectorAll('.taro__modal')).every((el) => {
          const style = getComputedStyle(el);
          return style.display === 'none' || Number(style.opacity) === 1;
        }) &&
        document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      null,
      { timeout: 15_000, polling: 100 },
    )
    .catch(() => undefined);
  const violations: Violation[] =
    page.frames().length > 1 ? (await new AxeBuilder({ page }).withTags(TAGS).analyze()).violations : await runInPage(page);
  const blocking = violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${what}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  timed(`axe ${what}`, t0);
  expect(blocking).toEqual([]);
}
