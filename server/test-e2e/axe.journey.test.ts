import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { launchChromium } from './browser';

/**
 * The journeys' accessibility scan itself (no server): it fails on what a screen-reader or low-vision user cannot get
 * past, names the page and the element, and finds exactly what AxeBuilder (axe's Playwright runner) finds.
 */
describe('expectAccessible (the journeys’ axe scan)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(() => browser?.close());

  const html = (body: string) => `<!doctype html><html lang="zh-CN"><head><title>测试页</title></head><body><main>${body}</main></body></html>`;

  it('passes a page with readable, named content', async () => {
    await page.setContent(html('<h1>驿站</h1><p style="color:#111;background:#fff">按你当前的位置查找</p><button>搜索</button>'));
    await expectAccessible(page, 'clean page');
  });

  it('fails on a nameless button and an image without alt text, naming the page, the rule and the element', async () => {
    await page.setContent(html('<h1>驿站</h1><button id="mute"></button><img id="pic" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'));
    const failure = await expectAccessible(page, '坏页面').then(
      () => '',
      (e: Error) => e.message,
    );
    expect(failure).toContain('坏页面: critical button-name');
    expect(failure).toContain('#mute');
    expect(failure).toContain('坏页面: critical image-alt');
    expect(failure).toContain('#pic');
  });

  it('scans a dialog once it has faded in, not half-transparent on its way (its final colours pass)', async () => {
    await page.setContent(html('<h1>驿站</h1><div id="dialog" style="opacity:0.15;transition:opacity 3s steps(1, end)"><p style="color:#111;background:#fff">确定申请仲裁吗？</p></div>'));
    // It stays faint for 3 s and then shows (steps), so a scan that did not wait for it always sees it faint. The fade
    // starts in the next frame, as a modal's does; wait until it has started (a busy CI machine can delay the
    // frame past the scan's first look, which would then scan the page before any fade began).
    await page.evaluate(
      () =>
        new Promise<void>((started) =>
          requestAnimationFrame(() => {
            (document.getElementById('dialog') as HTMLElement).style.opacity = '1';
            started();
          }),
        ),
    );
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(1);
    await expectAccessible(page, 'dialog fading in');
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('dialog')!).opacity)).toBe('1');
  });

  it('finds the same violations as AxeBuilder, also after the page changed (axe injected once per document)', async () => {
    const summary = (vs: Array<{ id: string; impact?: string | null; nodes: Array<{ target: unknown[] }> }>) =>
      vs.map((v) => `${v.id}/${v.impact}/${v.nodes.map((n) => n.target.join(' ')).join(',')}`).sort();
    await page.setContent(html('<h1>驿站</h1><p id="faint" style="color:#ddd;background:#fff">低对比度文字</p><input id="bare" type="text">'));
    await expectAccessible(page, 'first').catch(() => undefined); // injects axe into this document
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<a id="empty" href="#x"></a>'));
    const mine = await expectAccessible(page, 'changed').then(
      () => '',
      (e: Error) => e.message,
    );
    const builder = summary((await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations);
    expect(builder.some((v) => v.startsWith('link-name/serious/#empty'))).toBe(true);
    for (const v of builder.filter((x) => /\/(serious|critical)\//.test(x))) {
      const [id, impact, targets] = v.split('/');
      expect(mine).toContain(`changed: ${impact} ${id} `);
      for (const t of targets.split(',')) expect(mine).toContain(t);
    }
    expect(builder.filter((x) => /\/(serious|critical)\//.test(x)).length).toBeGreaterThanOrEqual(3);
  });
});
