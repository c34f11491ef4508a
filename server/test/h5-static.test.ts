import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from './helpers/test-app';

/** The built H5 app served at `/`: what browsers cache, what deep links get, what missing files get. */
describe('H5 app served by the server', () => {
  let t: TestApp;
  let dist: string;
  const INDEX = '<!doctype html><html><body><div id="app"></div><script src="/js/app.1a2b3c4d5e.js"></script></body></html>';

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'nuanxin-h5-'));
    mkdirSync(join(dist, 'js'));
    mkdirSync(join(dist, 'static'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'js', 'app.1a2b3c4d5e.js'), 'console.log("app")');
    writeFileSync(join(dist, 'static', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    t = await createTestApp({ H5_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('answers / and /index.html with the app, never cached', async () => {
    for (const url of ['/', '/index.html']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toBe(INDEX);
    }
  });

  it('caches hashed assets for a year and other files briefly', async () => {
    const js = await get('/js/app.1a2b3c4d5e.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body).toBe('console.log("app")');
    const png = await get('/static/logo.png');
    expect(png.statusCode).toBe(200);
    expect(png.headers['cache-control']).toBe('public, max-age=300');
  });

  it('lands deep links in the app (SPA fallback)', async () => {
    const res = await get('/pages/join/index?org=XM-SM');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX);
  });

  it('answers a missing file (a chunk of an older build) with 404 in the error shape, not HTML', async () => {
    const res = await get('/js/chunk-old.9f8e7d6c5b.js');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('keeps unknown API routes as API 404s', async () => {
    const res = await get('/api/no-such-route');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });
});
