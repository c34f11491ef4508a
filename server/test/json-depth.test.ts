import { createHash } from 'node:crypto';
import { findDepthProblem, JSON_MAX_DEPTH } from '../src/common/json-body';
import { requestHash } from '../src/idempotency/idempotency.service';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** `{"category":[[[…]]]}` with `depth` containers in all (the outer object counts as one). */
function deepBody(depth: number): string {
  return `{"category":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
}

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const LEVEL_ERROR = 50;

describe('deeply nested JSON', () => {
  describe('findDepthProblem', () => {
    it('allows the limit and refuses one level more, naming the top-level key', () => {
      expect(findDepthProblem(deepBody(JSON_MAX_DEPTH))).toBeNull();
      expect(findDepthProblem(deepBody(JSON_MAX_DEPTH + 1))).toEqual({ field: 'category' });
      expect(findDepthProblem('['.repeat(5000))).toEqual({ field: '' });
    });

    it('ignores brackets inside strings, escaped quotes and multi-byte text', () => {
      const tricky = JSON.stringify({ a: '['.repeat(100), 'b"[': '\\"{{{{', 名字: '驿站【】'.repeat(50) });
      expect(findDepthProblem(tricky)).toBeNull();
      expect(findDepthProblem(`{"a":"[[[","名\\"字":${'['.repeat(40)}`)).toEqual({ field: '名"字' });
    });

    it('reads a 1 MB body in one pass without recursion', () => {
      expect(findDepthProblem(Buffer.from('['.repeat(1 << 20)))).toEqual({ field: '' });
    });
  });

  describe('the idempotency request hash', () => {
    /** The recursive form it replaced: the hash of every stored record must stay the same. */
    const recursive = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(recursive).join(',')}]`;
      if (value && typeof value === 'object') {
        const entries = Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${recursive((value as Record<string, unknown>)[k])}`);
        return `{${entries.join(',')}}`;
      }
      return JSON.stringify(value ?? null);
    };
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');

    it('is the same text as before for ordinary bodies', () => {
      const samples: unknown[] = [
        null,
        undefined,
        0,
        'x',
        [],
        {},
        { b: 1, a: [1, 'two', null, { z: true, y: [] }], c: { '': '', 'k"': '驿站' } },
        [[[]], [{}], [1, [2, [3]]]],
        { title: '活动', capacity: 20, startsAt: '2026-12-01T06:00:00.000Z', tags: ['a', 'b'], nested: { x: { y: { z: 1 } } } },
      ];
      for (const v of samples) expect(requestHash(v)).toBe(sha(recursive(v)));
    });

    it('hashes 100,000 levels of nesting without overflowing the stack', () => {
      let deep: unknown = 1;
      for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { k: deep };
      expect(requestHash(deep)).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('on every JSON route', () => {
    let t: TestApp;
    let worker: Session;
    let admin: Session;
    const lines: string[] = [];
    let routes: Array<{ method: string; url: string }>;

    beforeAll(async () => {
      t = await createTestApp({ LOG_LEVEL: 'warn' }, { write: (s: string) => void lines.push(s) });
      worker = await devLogin(t.app, 'depth-worker');
      admin = await devLogin(t.app, 'demo-admin');
      const doc = (await t.app.inject({ method: 'GET', url: '/api/docs-json' })).json() as { paths: Record<string, Record<string, unknown>> };
      routes = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        // Any path parameter gets a well-formed value, so the request reaches the body parser of a real route.
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        for (const method of Object.keys(ops)) if (BODY_METHODS.has(method)) routes.push({ method: method.toUpperCase(), url });
      }
    });
    afterAll(() => t.close());

    it('finds the routes from the OpenAPI document, public auth routes among them', () => {
      const urls = routes.map((r) => r.url);
      for (const p of ['/api/auth/wechat', '/api/auth/sms/send', '/api/auth/sms/verify', '/api/auth/refresh', '/api/auth/logout', '/api/auth/dev']) expect(urls).toContain(p);
      expect(routes.length).toBeGreaterThan(20);
    });

    const cases = [
      { name: 'anonymous', auth: () => ({}) },
      { name: 'a worker', auth: () => worker.auth },
      { name: 'an admin', auth: () => admin.auth },
    ];
    for (const c of cases) {
      for (const idem of [false, true]) {
        it(`answers 400 VALIDATION_FAILED to ${c.name}, ${idem ? 'with' : 'without'} an Idempotency-Key, and logs no error`, async () => {
          lines.length = 0;
          const failures: string[] = [];
          for (const r of routes) {
            const headers: Record<string, string> = { 'content-type': 'application/json', ...c.auth() };
            if (idem) headers['idempotency-key'] = `depth-${r.method}-${r.url}`.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 100);
            const res = await t.app.inject({ method: r.method as 'POST', url: r.url, headers, payload: deepBody(5000) });
            const body = res.json() as { code?: string; errors?: Array<{ field: string; message: string }> };
            if (res.statusCode !== 400 || body.code !== 'VALIDATION_FAILED' || body.errors?.[0]?.field !== 'category' || !/嵌套过深/.test(body.errors[0].message)) {
              failures.push(`${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            }
          }
          expect(failures).toEqual([]);
          const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= LEVEL_ERROR);
          expect(errors).toEqual([]);
        });
      }
    }

    it('lets a body at the limit through to validation, which names the unknown field', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', headers: { 'content-type': 'application/json' }, payload: deepBody(JSON_MAX_DEPTH) });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.json().errors).toContainEqual({ field: 'category', message: '不允许提交此字段' });
    });

    it('keeps malformed, empty and proto-poisoned bodies as they were', async () => {
      const post = (payload: string) => t.app.inject({ method: 'POST', url: '/api/auth/sms/send', headers: { 'content-type': 'application/json' }, payload });
      expect((await post('{"mobile": ')).json().code).toBe('MALFORMED_JSON');
      expect((await post('')).json().code).toBe('MALFORMED_JSON');
      const poisoned = await post('{"__proto__": {"admin": true}}');
      expect(poisoned.statusCode).toBe(400);
      const ok = await post(JSON.stringify({ mobile: '13900001111' }));
      expect(ok.statusCode).toBe(200);
    });
  });
});
