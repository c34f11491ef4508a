import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

describe('error shape and platform routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  const inject = (opts: Parameters<TestApp['app']['inject']>[0]) => t.app.inject(opts);

  it('health reports the database, version and applied migrations', async () => {
    const res = await inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', databaseReachable: true, migrationsPending: false });
    expect(body.migrationsApplied).toBeGreaterThanOrEqual(1);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('unknown routes answer 404 ROUTE_NOT_FOUND in the one shape', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await inject({ method, url: '/api/no-such-thing' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'ROUTE_NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    }
  });

  it('malformed JSON is 400 MALFORMED_JSON', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/dev', headers: { 'content-type': 'application/json' }, payload: '{"openid": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_JSON');
  });

  it('a wrong content type is 415', async () => {
    for (const type of ['text/plain', 'application/xml']) {
      const res = await inject({ method: 'POST', url: '/api/auth/dev', headers: { 'content-type': type }, payload: 'openid=x' });
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('an oversized body is 413', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/dev', payload: { openid: 'x'.repeat(10000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('validation errors list every bad field in Chinese, unknown fields included', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { mobile: '123', code: 'abc', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['code', 'extra', 'mobile']);
    for (const e of body.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a non-object JSON body is a validation error, not a 500', async () => {
    for (const payload of ['[]', '"text"', '42', 'null']) {
      const res = await inject({ method: 'POST', url: '/api/auth/sms/send', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(typeof res.json().code).toBe('string');
    }
  });

  it('error bodies never carry stack traces and every response has a request id', async () => {
    const res = await inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer x.y.z' } });
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toMatch(/at .*\.(t|j)s:\d+/);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('OpenAPI documents every route with its DTOs', async () => {
    const res = await inject({ method: 'GET', url: '/api/docs-json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const paths = Object.keys(doc.paths);
    for (const p of ['/api/health', '/api/auth/wechat', '/api/auth/sms/send', '/api/auth/sms/verify', '/api/auth/dev', '/api/auth/refresh', '/api/auth/logout', '/api/me', '/api/orgs', '/api/orgs/{code}', '/api/orgs/{code}/subtree']) {
      expect(paths).toContain(p);
    }
    for (const schema of ['TokenResponseDto', 'MeDto', 'CreateOrgDto', 'OrgDto', 'SmsVerifyDto']) expect(doc.components.schemas).toHaveProperty(schema);
    // A station's detail says what it answers: the summary's fields plus hours, closures, photos, parent and events.
    expect(doc.paths['/api/stations/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/StationDetailDto' });
    const detail = doc.components.schemas.StationDetailDto;
    const props = Object.keys(detail.properties ?? {}).concat(...(detail.allOf ?? []).map((p: { properties?: object; $ref?: string }) => Object.keys(p.properties ?? {})));
    expect(props).toEqual(expect.arrayContaining(['name', 'isOpenNow', 'rating', 'hours', 'closures', 'photos', 'parent', 'events']));
    const html = await inject({ method: 'GET', url: '/api/docs' });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('swagger');
  });

  it('OpenAPI covers every route the controllers declare, with its method', async () => {
    const doc = (await inject({ method: 'GET', url: '/api/docs-json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const container = (t.app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: Function }> }> } }).container;
    const declared: string[] = [];
    for (const mod of container.getModules().values()) {
      for (const { metatype } of mod.controllers.values()) {
        const base = Reflect.getMetadata(PATH_METADATA, metatype) as string;
        for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
          const handler = metatype.prototype[name];
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
          const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
          if (path === undefined || method === undefined) continue;
          const full = `/api/${[base, path].filter((x) => x && x !== '/').join('/')}`.replace(/:(\w+)/g, '{$1}');
          declared.push(`${RequestMethod[method].toLowerCase()} ${full}`);
        }
      }
    }
    expect(declared.length).toBeGreaterThan(40);
    const missing = declared.filter((d) => {
      const [method, path] = d.split(' ');
      return !doc.paths[path]?.[method];
    });
    expect(missing).toEqual([]);
  });

  it('a signed-in user can still reach public routes with a stale token', async () => {
    const s = await devLogin(t.app, 'stale-token-user');
    const res = await inject({ method: 'GET', url: '/api/orgs/XM', headers: { authorization: 'Bearer stale.token.value' } });
    expect(res.statusCode).toBe(200);
    expect(s.user.roles.map((r) => r.role)).toEqual(['worker']);
  });
});
