import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestApp, type TestApp } from './helpers/test-app';

/** The built H5 app served at `/`: what browsers cache, what deep links get, what missing files get. */
describe('H5 app served by the server', () => {
  let t: TestApp;
  let dist: string;
  const INDEX = '<!doctype html><html><body><div id="app"></div><script src="/js/app.1a2b3c4d5e.js"></script></body></html>';
  // What build:h5's precompress step leaves beside a chunk.
  const CHUNK = `console.log(${JSON.stringify('驿站'.repeat(800))})`;
  const CHUNK_BR = brotliCompressSync(CHUNK);
  const CHUNK_GZ = gzipSync(CHUNK);

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'nuanxin-h5-'));
    mkdirSync(join(dist, 'js'));
    mkdirSync(join(dist, 'static'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'js', 'app.1a2b3c4d5e.js'), 'console.log("app")');
    writeFileSync(join(dist, 'static', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(dist, 'js', 'home.9a8b7c6d5e.js'), CHUNK);
    writeFileSync(join(dist, 'js', 'home.9a8b7c6d5e.js.br'), CHUNK_BR);
    writeFileSync(join(dist, 'js', 'home.9a8b7c6d5e.js.gz'), CHUNK_GZ);
    t = await createTestApp({ H5_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the brotli or gzip copy made at build time to browsers that accept it, the file itself to others', async () => {
    const br = await get('/js/home.9a8b7c6d5e.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.equals(CHUNK_BR)).toBe(true);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(CHUNK);

    const gz = await get('/js/home.9a8b7c6d5e.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(CHUNK);

    for (const accept of [undefined, 'identity']) {
      const plain = await get('/js/home.9a8b7c6d5e.js', accept);
      expect(plain.headers['content-encoding']).toBeUndefined();
      // A shared cache must not hand the plain copy to a browser that could take brotli, nor the reverse.
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.body).toBe(CHUNK);
    }
  });

  it('never lets index.html be cached, whatever the encoding', async () => {
    for (const accept of [undefined, 'gzip', 'br']) {
      for (const url of ['/', '/index.html', '/pages/me/index']) {
        const res = await get(url, accept);
        expect(res.statusCode).toBe(200);
        expect(res.headers['cache-control']).toBe('no-cache');
      }
    }
  });

  it('compresses API JSON above 1 KB for clients that accept it, and leaves small answers alone', async () => {
    const big = await get('/api/docs-json', 'br, gzip');
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.headers.vary).toMatch(/accept-encoding/i);
    const doc = JSON.parse(brotliDecompressSync(big.rawPayload).toString());
    expect(doc.openapi).toBeDefined();
    const gz = await get('/api/docs-json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(doc);
    const plain = await get('/api/docs-json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(doc);

    const small = await get('/api/no-such-route', 'br, gzip');
    expect(small.statusCode).toBe(404);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

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
