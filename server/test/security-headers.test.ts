import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inlineScriptHashes } from '../src/common/security-headers';
import { createTestApp, type TestApp } from './helpers/test-app';

/** A CSP header as directive → sources. */
function parseCsp(header: string | string[] | number | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of String(header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name] = sources;
  }
  return out;
}

const RIDER_SCRIPT = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const INDEX = `<!doctype html><html><head><script>${RIDER_SCRIPT}</script><script defer src="/js/app.1a2b3c4d5e.js"></script></head><body><div id="app"></div></body></html>`;
const RIDER_HASH = `'sha256-${createHash('sha256').update(RIDER_SCRIPT).digest('base64')}'`;

describe('security headers', () => {
  it('hashes inline scripts only', () => {
    expect(inlineScriptHashes(INDEX)).toEqual([RIDER_HASH]);
    expect(inlineScriptHashes('<script src="/a.js"></script><SCRIPT type="text/javascript">x()</SCRIPT><script></script>')).toEqual([
      `'sha256-${createHash('sha256').update('x()').digest('base64')}'`,
    ]);
  });

  describe('over http (PUBLIC_BASE_URL http://…)', () => {
    let t: TestApp;
    let dist: string;
    beforeAll(async () => {
      dist = mkdtempSync(join(tmpdir(), 'nuanxin-h5-csp-'));
      mkdirSync(join(dist, 'js'));
      writeFileSync(join(dist, 'index.html'), INDEX);
      writeFileSync(join(dist, 'js', 'app.1a2b3c4d5e.js'), 'console.log("app")');
      t = await createTestApp({ H5_DIST: dist });
    });
    afterAll(async () => {
      await t.close();
      rmSync(dist, { recursive: true, force: true });
    });
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('every API answer, errors and unknown routes included, carries the headers and no HSTS', async () => {
      for (const [url, status] of [['/api/health', 200], ['/api/me', 401], ['/api/no-such-route', 404]] as const) {
        const res = await get(url);
        expect(res.statusCode).toBe(status);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
        // an API answer is never a page: nothing loads or runs if one is opened as a document
        expect(parseCsp(res.headers['content-security-policy'])).toEqual({ 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] });
        // what concerns pages only is not sent on every API answer
        for (const pageOnly of ['x-dns-prefetch-control', 'x-download-options', 'x-xss-protection', 'origin-agent-cluster', 'cross-origin-opener-policy', 'x-permitted-cross-domain-policies']) {
          expect(res.headers[pageOnly]).toBeUndefined();
        }
      }
    });

    it('a malformed API URL refused by the router carries the API headers too', async () => {
      const res = await get('/api/stations/%E0%A4%A'); // a broken percent escape: FST_ERR_BAD_URL, answered 404
      expect(res.statusCode).toBe(404);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(parseCsp(res.headers['content-security-policy'])['default-src']).toEqual(["'none'"]);
      // answered before any hook ran, it still names its request
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.json().code).toBeTruthy();
    });

    it('the H5 page allows its own origin, its inline script by hash, and AMap: nothing else runs', async () => {
      for (const url of ['/', '/index.html', '/pages/me/index']) {
        const res = await get(url);
        expect(res.statusCode).toBe(200);
        const csp = parseCsp(res.headers['content-security-policy']);
        expect(csp['script-src']).toEqual(["'self'", RIDER_HASH, 'https://webapi.amap.com', 'https://*.amap.com']);
        expect(csp['script-src']).not.toContain("'unsafe-inline'");
        expect(csp['script-src']).not.toContain("'unsafe-eval'");
        expect(csp['script-src-attr']).toEqual(["'none'"]);
        expect(csp['connect-src']).toEqual(["'self'", 'blob:', 'https://*.amap.com', 'https://*.is.autonavi.com']);
        expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://*.amap.com', 'https://*.is.autonavi.com']);
        expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
        expect(csp['object-src']).toEqual(["'none'"]);
        expect(csp['frame-ancestors']).toEqual(["'none'"]);
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(csp['default-src']).toEqual(["'self'"]);
      }
    });

    it('scripts and other files of the app carry only what matters for a file that is not a document', async () => {
      for (const [url, status] of [['/js/app.1a2b3c4d5e.js', 200], ['/js/app.1a2b3c4d5e.js?v=1', 200], ['/js/missing.1a2b3c4d5e.js', 404]] as const) {
        const res = await get(url);
        expect(res.statusCode).toBe(status);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
        expect(res.headers['content-security-policy']).toBeUndefined();
        expect(res.headers['x-frame-options']).toBeUndefined();
      }
    });

    it('a rebuilt index.html gets the hash of its new inline script without a restart', async () => {
      const script = 'window.rebuilt=1;';
      writeFileSync(join(dist, 'index.html'), INDEX.replace(RIDER_SCRIPT, script));
      try {
        const csp = parseCsp((await get('/')).headers['content-security-policy']);
        expect(csp['script-src']).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
        expect(csp['script-src']).not.toContain(RIDER_HASH);
      } finally {
        writeFileSync(join(dist, 'index.html'), INDEX);
      }
    });

    it('the OpenAPI page keeps working under its own policy (Swagger UI styles inline, scripts from us only)', async () => {
      const page = await get('/api/docs');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('swagger-ui');
      const csp = parseCsp(page.headers['content-security-policy']);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp['img-src']).toEqual(["'self'", 'data:']);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      // Every script the page loads is a file of ours, none inline.
      expect(inlineScriptHashes(page.body)).toEqual([]);
      for (const src of page.body.matchAll(/<script src="\.\/([^"]+)"/g)) {
        const res = await get(`/api/${src[1]}`);
        expect(res.statusCode).toBe(200);
      }
      expect((await get('/api/docs-json')).statusCode).toBe(200);
    });
  });

  describe('over https (PUBLIC_BASE_URL https://…)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ PUBLIC_BASE_URL: 'https://nuanxin.example.org' });
    });
    afterAll(() => t.close());

    it('adds HSTS and upgrades insecure requests', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(parseCsp(res.headers['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
      const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
      expect(parseCsp(docs.headers['content-security-policy'])['upgrade-insecure-requests']).toEqual([]);
    });
  });
});
