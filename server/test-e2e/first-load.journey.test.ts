import { useJourney } from './browser';

/**
 * What a rider's phone downloads (compressed bytes on the wire, headers included) before the home tab (驿站) shows.
 * Issue 16's goal, 120 KB: 116.3 KB in 7 requests on 2026-12-02 (151.9 KB in 30 before; docs/benchmarks.md has
 * the breakdown). Most of what is left is React DOM, Taro's H5 runtime and router (app.js and the vendor chunk).
 */
const FIRST_LOAD_TRANSFER_BUDGET = 120 * 1024;

describe('H5 first load', () => {
  const j = useJourney();

  it(`transfers at most ${FIRST_LOAD_TRANSFER_BUDGET / 1024} KB before the stations tab is on screen`, async () => {
    const transfers: Array<Promise<{ url: string; type: string; encoding: string; bytes: number; headers: number }>> = [];
    j.page.on('requestfinished', (req) => {
      transfers.push(
        Promise.all([req.sizes(), req.response()]).then(([sizes, res]) => ({
          url: new URL(req.url()).pathname,
          type: req.resourceType(),
          encoding: res?.headers()['content-encoding'] ?? 'none',
          // Chromium's own count of what came over the network: the encoded body plus the response headers.
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          headers: sizes.responseHeadersSize,
        })),
      );
    });
    await j.page.goto(`${j.baseUrl}/`);
    await j.page.locator('[data-testid=stations-page]').waitFor();
    const loaded = await Promise.all(transfers);
    const total = loaded.reduce((n, s) => n + s.bytes, 0);
    process.stdout.write(
      `h5 first load until the stations tab shows: ${loaded.length} requests, ${(total / 1024).toFixed(1)} KB transferred` +
        ` (${(loaded.reduce((n, s) => n + s.headers, 0) / 1024).toFixed(1)} KB of it response headers)\n` +
        loaded.map((s) => `  ${s.type} ${s.url} (${s.encoding}): ${(s.bytes / 1024).toFixed(1)} KB (headers ${s.headers} B)\n`).join(''),
    );
    const scripts = loaded.filter((s) => s.type === 'script');
    // The home page's own chunks count too, not only the scripts index.html names.
    const named = [...(await j.page.content()).matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].length;
    expect(scripts.length).toBeGreaterThan(named);
    // Every script and stylesheet arrives compressed (brotli where Chromium asks for it, gzip otherwise).
    for (const s of loaded.filter((x) => x.type === 'script' || x.type === 'stylesheet')) expect(`${s.url} ${s.encoding}`).toMatch(/ (br|gzip)$/);
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_TRANSFER_BUDGET);
  });
});
