import { gzipSync } from 'node:zlib';
import { useJourney } from './browser';

/** WeChat-grade budget for the H5 app: the JS a rider downloads before the home tab (驿站) shows. */
const FIRST_LOAD_JS_GZIP_BUDGET = 150 * 1024;

describe('H5 first load', () => {
  const j = useJourney();

  it(`downloads at most ${FIRST_LOAD_JS_GZIP_BUDGET / 1024} KB of gzipped JS before the stations tab is on screen`, async () => {
    const scripts: Array<Promise<{ url: string; raw: number; gzip: number }>> = [];
    j.page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      scripts.push(res.body().then((body) => ({ url: new URL(res.url()).pathname, raw: body.length, gzip: gzipSync(body).length })));
    });
    await j.page.goto(`${j.baseUrl}/`);
    await j.page.locator('[data-testid=stations-page]').waitFor();
    const loaded = await Promise.all(scripts);
    const gzip = loaded.reduce((n, s) => n + s.gzip, 0);
    const raw = loaded.reduce((n, s) => n + s.raw, 0);
    process.stdout.write(
      `h5 first load until the stations tab shows: ${loaded.length} scripts, ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip\n` +
        loaded.map((s) => `  ${s.url}: ${(s.gzip / 1024).toFixed(1)} KB gzip\n`).join(''),
    );
    // The home page's own chunks count too, not only the scripts index.html names.
    const named = [...(await j.page.content()).matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].length;
    expect(loaded.length).toBeGreaterThan(named);
    expect(gzip).toBeLessThanOrEqual(FIRST_LOAD_JS_GZIP_BUDGET);
  });
});
