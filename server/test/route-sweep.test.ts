import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ErrorCode, type Role } from '@nuanxin/shared';
import { IS_PUBLIC, ROLES } from '../src/common/decorators';
import { claimBody } from './helpers/claims';
import { makeApplication } from './helpers/factories';
import { multipart, PNG_1PX } from './helpers/multipart';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * The outside acceptance suite calls every route as a stranger and with garbage. This file does the same from the
 * route table of the running app: every route refuses anonymous callers (bar the public ones listed here), staff
 * routes refuse workers, and bad params, bodies, query strings and Idempotency-Keys answer 4xx in the one error
 * shape `{ code, message, errors?: [{ field, message }] }` with Chinese text — never a 5xx, never a half-written record.
 */

/** The routes anyone may call: any change to this list is a decision, so it is written out. */
const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/orgs',
  'GET /api/orgs/:code',
  'GET /api/orgs/:code/qrcode',
  'POST /api/auth/wechat',
  'POST /api/auth/sms/send',
  'POST /api/auth/sms/verify',
  'POST /api/auth/dev',
  'GET /api/auth/demo-users',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'GET /api/notifications/templates',
  'GET /api/calendar',
  'GET /api/calendar/years',
  'GET /api/stations/services',
  'GET /api/stations/nearby',
  'GET /api/stations',
  'GET /api/stations/:id',
  'GET /api/claims/figures',
  'GET /api/wishes/wall',
  // A signed link (exp + sig in the query) handed out by GET /api/claims/exports/:id: no bearer token in a download.
  'GET /api/claims/exports/:id/file',
].sort();

const CJK = /[\u4e00-\u9fff]/;
const CODES = new Set<string>(Object.values(ErrorCode));
const UUID_NOBODY = '7d0c2a5e-3b1f-4c6a-9e8d-2f4b6a8c0e1d';

interface Route {
  method: string;
  /** Fastify form: /api/claims/:id */
  path: string;
  params: string[];
  isPublic: boolean;
  roles: Role[] | undefined;
  /** The handler declares @Body() or @Req() (an upload reads its own multipart body). */
  takesBody: boolean;
}

interface OpenApiOp {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

// Thousands of requests: seconds on an idle machine, minutes on a loaded 2-core one; no test here waits on time.
jest.setTimeout(600_000);

describe('route sweep: strangers, garbage params, bodies and query strings', () => {
  let t: TestApp;
  let routes: Route[];
  let doc: { paths: Record<string, Record<string, OpenApiOp>>; components: { schemas: Record<string, Schema> } };
  let s: Record<'worker' | 'owner' | 'officer' | 'admin' | 'master' | 'merchant', Session>;
  /** Problems found, one line each: the test prints them all at once instead of stopping at the first. */
  let problems: string[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.app.inject({ method: 'GET', url: '/api/docs-json' })).json();
    routes = collectRoutes(t);
    s = {
      worker: await devLogin(t.app, 'sweep-stranger'),
      owner: await devLogin(t.app, 'sweep-owner'),
      officer: await devLogin(t.app, 'demo-officer-sm'),
      admin: await devLogin(t.app, 'demo-admin'),
      master: await devLogin(t.app, 'demo-station-master'),
      merchant: await devLogin(t.app, 'demo-merchant'),
    };
  }, 180_000);
  afterAll(() => t?.close());
  beforeEach(() => {
    problems = [];
  });

  const inject = (method: string, url: string, session?: Session, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(session?.auth ?? {}),
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });

  /** One session that passes the route's role check (the admin where allowed: the widest scope). */
  const sessionFor = (r: Route): Session | undefined => {
    if (r.isPublic) return undefined;
    if (!r.roles?.length) return s.worker;
    for (const [role, key] of [['admin', 'admin'], ['officer', 'officer'], ['merchant', 'merchant'], ['station_master', 'master']] as const) {
      if (r.roles.includes(role)) return s[key];
    }
    return s.worker;
  };

  const fill = (r: Route, values: Record<string, string> = {}) =>
    r.path.replace(/:(\w+)/g, (_, name: string) => values[name] ?? (name === 'code' ? 'XM-NOSUCH' : name === 'year' ? '2031' : name === 'date' ? '2031-05-06' : UUID_NOBODY));

  const label = (method: string, url: string, what: string) => `${method} ${url.length > 120 ? `${url.slice(0, 120)}…` : url} [${what}]`;

  /** The one error shape, in Chinese, with a stable code; anything else is a problem (returned as text). */
  const shapeProblem = (res: Res): string | null => {
    let body: { code?: unknown; message?: unknown; errors?: Array<{ field?: unknown; message?: unknown }> };
    try {
      body = res.json();
    } catch {
      return `not JSON: ${res.body.slice(0, 80)}`;
    }
    if (typeof body.code !== 'string' || !CODES.has(body.code)) return `unknown code ${JSON.stringify(body.code)}`;
    if (typeof body.message !== 'string' || !CJK.test(body.message)) return `message not Chinese: ${JSON.stringify(body.message)}`;
    if (body.errors !== undefined) {
      if (!Array.isArray(body.errors) || !body.errors.length) return 'errors is not a non-empty list';
      for (const e of body.errors) {
        if (typeof e.field !== 'string') return `field error without field: ${JSON.stringify(e)}`;
        if (typeof e.message !== 'string' || !CJK.test(e.message)) return `field message not Chinese: ${JSON.stringify(e)}`;
      }
    }
    if (body.code === 'VALIDATION_FAILED' && !body.errors) return 'VALIDATION_FAILED without field errors';
    return null;
  };

  /** A 4xx in the one shape (or one of `alsoOk` statuses). */
  const expect4xx = (res: Res, where: string, alsoOk: number[] = []) => {
    if (alsoOk.includes(res.statusCode)) return;
    if (res.statusCode < 400 || res.statusCode >= 500) {
      problems.push(`${where}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      return;
    }
    const p = shapeProblem(res);
    if (p) problems.push(`${where}: ${res.statusCode} ${p}`);
  };

  const report = () => expect(problems).toEqual([]);

  it('finds every route the controllers declare in the Fastify route table and in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(140);
    const fastify = t.app.getHttpAdapter().getInstance();
    const missing = routes.filter((r) => !fastify.hasRoute({ method: r.method as 'GET', url: r.path }));
    expect(missing).toEqual([]);
    const undocumented = routes.filter((r) => !doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()]);
    expect(undocumented).toEqual([]);
    expect(routes.filter((r) => r.isPublic).map((r) => `${r.method} ${r.path}`).sort()).toEqual(PUBLIC_ROUTES);
  });

  it('without a token every route but the public ones answers 401 UNAUTHENTICATED; public ones never 401 or 5xx', async () => {
    for (const r of routes) {
      const url = fill(r);
      const res = await inject(r.method, url, undefined, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      if (r.isPublic) {
        if (res.statusCode === 401 || res.statusCode >= 500) problems.push(`${label(r.method, url, 'anonymous')}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        else if (res.statusCode >= 400) expect4xx(res, label(r.method, url, 'anonymous'));
        continue;
      }
      if (res.statusCode !== 401 || res.json().code !== 'UNAUTHENTICATED') problems.push(`${label(r.method, url, 'anonymous')}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      // A forged or malformed token is no better than none (one of three per route keeps the sweep short).
      const authorization = ['Bearer x.y.z', 'Basic abc', 'Bearer ' + 'a'.repeat(300)][routes.indexOf(r) % 3];
      const forged = await t.app.inject({ method: r.method as 'GET', url, headers: { authorization } });
      if (forged.statusCode !== 401) problems.push(`${label(r.method, url, `token ${authorization.slice(0, 12)}`)}: ${forged.statusCode}`);
    }
    report();
  });

  it('a signed-in worker without rights gets 403 (or 404) from every staff route, never data', async () => {
    let staffRoutes = 0;
    for (const r of routes) {
      if (!r.roles?.length || r.roles.includes('worker')) continue;
      staffRoutes++;
      const url = fill(r);
      const res = await inject(r.method, url, s.worker, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      if (res.statusCode !== 403 && res.statusCode !== 404) problems.push(`${label(r.method, url, 'worker')}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      else expect4xx(res, label(r.method, url, 'worker'));
    }
    expect(staffRoutes).toBeGreaterThan(50);
    report();
  });

  it('garbage in every :id / :code / :year / :date parameter is 400 or 404 in the one shape', async () => {
    const bad = ['0', '-1', 'abc', '1e3', '99999999999999999999', '%00', 'x'.repeat(300), '%F0%9F%98%80', '%zz'];
    let calls = 0;
    for (const r of routes) {
      if (!r.params.length) continue;
      // One caller per route that passes its role check (anonymous for public routes): the pipe is the same for all.
      const sessions = [sessionFor(r)];
      for (const param of r.params) {
        for (const value of param === 'date' ? [...bad, '2026-02-30'] : bad) {
          const url = fill(r, { [param]: value });
          for (const session of sessions) {
            calls++;
            const res = await inject(r.method, url, session, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
            const where = label(r.method, url, session ? `as ${nameOf(session)}` : 'anonymous');
            if (![400, 403, 404].includes(res.statusCode)) problems.push(`${where}: ${res.statusCode} ${res.body.slice(0, 160)}`);
            else expect4xx(res, where);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
    report();
  });

  const nameOf = (session: Session) => Object.entries(s).find(([, v]) => v === session)?.[0] ?? '?';

  it("an id that exists but belongs to another worker is 403/404 on every route that takes it", async () => {
    // The owner's records: a claim (with an attachment), a membership application, a wish (with a photo), an inbox message.
    const upload = (url: string) => {
      const form = multipart([{ filename: 'a.png', type: 'image/png', content: PNG_1PX }]);
      return t.app.inject({ method: 'POST', url, headers: { ...s.owner.auth, ...form.headers }, payload: form.payload });
    };
    const created = (res: Res) => {
      if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
      return res.json();
    };
    const [attachment] = created(await upload('/api/claims/attachments')) as Array<{ id: string }>;
    const claim = created(await inject('POST', '/api/claims', s.owner, claimBody({ attachmentIds: [attachment.id] })));
    const application = created(await inject('POST', '/api/memberships/applications', s.owner, makeApplication('XM-SM')));
    const applicationId = (application.application?.id ?? application.id) as string;
    if (!application.card) expect((await inject('POST', `/api/memberships/applications/${applicationId}/approve`, s.admin, {})).statusCode).toBe(200);
    const photo = created(await upload('/api/wishes/photos')) as { id: string };
    const station = (await inject('GET', '/api/stations', s.owner)).json();
    const stationId = (station.items ?? station)[0].id as string;
    const wish = created(await inject('POST', '/api/wishes', s.owner, {
      category: 'study',
      title: '给孩子的新书包',
      story: '孩子九月上小学，想要一个新书包。',
      valueFen: 12000,
      stationId,
      photoId: photo.id,
    }));
    const inbox = (await inject('GET', '/api/inbox', s.owner)).json();
    expect(inbox.items.length).toBeGreaterThan(0);

    const owned: Record<string, string> = {
      '/api/claims/attachments/:id': attachment.id,
      '/api/claims/:id': claim.id,
      '/api/memberships/applications/:id': applicationId,
      '/api/wishes/photos/:id': photo.id,
      '/api/wishes/:id': wish.id,
      '/api/inbox/:id': inbox.items[0].id,
    };
    // Routes where another worker acting on the record is the point (a volunteer claims someone's wish).
    const sharedByDesign = new Set(['POST /api/wishes/:id/claim']);
    let checked = 0;
    for (const r of routes) {
      if (r.isPublic || sharedByDesign.has(`${r.method} ${r.path}`)) continue;
      const prefix = Object.keys(owned).find((p) => r.path === p || (r.path.startsWith(`${p}/`) && !/\/:id\//.test(r.path.slice(p.length))));
      if (!prefix) continue;
      // The stranger sends a well-formed body, so the refusal comes from the access check, not from validation.
      const url = fill(r, { id: owned[prefix] });
      const res = await inject(r.method, url, s.worker, r.method === 'GET' || r.method === 'DELETE' ? undefined : validBody(r), {
        ...(r.method === 'POST' ? { 'idempotency-key': `sweep-stranger-${checked}` } : {}),
      });
      checked++;
      if (res.statusCode !== 403 && res.statusCode !== 404) problems.push(`${label(r.method, url, 'stranger')}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      else expect4xx(res, label(r.method, url, 'stranger'));
    }
    expect(checked).toBeGreaterThan(20);
    report();
  });

  /** A body the route's DTO accepts (the OpenAPI example or a plain value per field), used where only access should decide. */
  const validBody = (r: Route): unknown => {
    const schema = bodySchema(r);
    if (!schema) return {};
    const out: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(resolve(schema).properties ?? {})) {
      const ex = (p as { example?: unknown }).example;
      if (/Id$/.test(name)) out[name] = UUID_NOBODY;
      else if (/Ids$/.test(name)) out[name] = [UUID_NOBODY];
      else if (name === 'orgCode' || name === 'parentCode') out[name] = 'XM-SM';
      else if (/^(startsAt|from|claimOpensAt)$/.test(name)) out[name] = /At$/.test(name) ? '2031-05-06T10:00:00+08:00' : '2031-05-06';
      else if (/^(endsAt|to|claimClosesAt)$/.test(name)) out[name] = /At$/.test(name) ? '2031-05-06T12:00:00+08:00' : '2031-05-07';
      else if (name === 'lat') out[name] = 24.45;
      else if (name === 'lng') out[name] = 118.08;
      else if (/mobile|phone/i.test(name)) out[name] = '13812345678';
      else if (ex !== undefined) out[name] = ex;
      else if (p.enum) out[name] = p.enum[0];
      else if (p.type === 'string') out[name] = '好的，谢谢你的帮助';
      else if (p.type === 'number' || p.type === 'integer') out[name] = 5;
      else if (p.type === 'boolean') out[name] = true;
    }
    return out;
  };

  const bodySchema = (r: Route): Schema | undefined => doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()]?.requestBody?.content['application/json']?.schema;
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf) return { type: 'object', properties: Object.assign({}, ...schema.allOf.map((x) => resolve(x).properties ?? {})) };
    return schema;
  };

  /** 400 VALIDATION_FAILED whose errors name `field` (or a field inside it), or a 404 for the made-up id, or 413 for a huge body. */
  const expectField = (res: Res, where: string, field: string, mustName: boolean) => {
    expect4xx(res, where);
    if (res.statusCode !== 400 || !mustName) return;
    const body = res.json() as { code: string; errors?: Array<{ field: string }> };
    if (body.code !== 'VALIDATION_FAILED') {
      problems.push(`${where}: 400 ${body.code} instead of VALIDATION_FAILED naming ${field}`);
      return;
    }
    if (!body.errors?.some((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))) {
      problems.push(`${where}: errors do not name ${field}: ${JSON.stringify(body.errors).slice(0, 200)}`);
    }
  };

  it('every create and claim refuses an empty, over-long or malformed Idempotency-Key with 400 IDEMPOTENCY_KEY_INVALID', async () => {
    let checked = 0;
    for (const r of routes) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()];
      if (!op?.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) continue;
      checked++;
      const session = sessionFor(r);
      const url = fill(r);
      for (const key of ['', 'short', 'k'.repeat(300), 'has space in it', 'semi;colon;key']) {
        const res = await inject(r.method, url, session, validBody(r), { 'idempotency-key': key });
        const where = label(r.method, url, `Idempotency-Key ${JSON.stringify(key.slice(0, 20))}`);
        if (res.statusCode !== 400 || res.json().code !== 'IDEMPOTENCY_KEY_INVALID') problems.push(`${where}: ${res.statusCode} ${res.body.slice(0, 160)}`);
        else expect4xx(res, where);
      }
    }
    expect(checked).toBeGreaterThan(30);
    // Every route that creates (answers 201) takes the key.
    const createsWithoutKey = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => (op as { responses?: Record<string, unknown> }).responses?.['201'])
        .filter(([, op]) => !op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
        .map(([method]) => `${method} ${path}`),
    );
    expect(createsWithoutKey).toEqual([]);
    report();
  });

  it('the same Idempotency-Key replays the first answer; with another body it is 422 IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
    const worker = await devLogin(t.app, 'sweep-idem');
    const cases: Array<{ url: string; first: object; other: object }> = [
      { url: '/api/claims', first: claimBody(), other: claimBody({ amountFen: 1 }) },
      { url: '/api/memberships/applications', first: makeApplication('XM-MT'), other: makeApplication('XM-MT') },
    ];
    for (const [i, c] of cases.entries()) {
      const key = `sweep-idem-key-${i}`;
      const first = await inject('POST', c.url, worker, c.first, { 'idempotency-key': key });
      expect([first.statusCode, first.statusCode === 201 ? '' : first.body]).toEqual([201, '']);
      const again = await inject('POST', c.url, worker, c.first, { 'idempotency-key': key });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      const before = await rowCounts(t);
      const other = await inject('POST', c.url, worker, c.other, { 'idempotency-key': key });
      expect(other.statusCode).toBe(422);
      expect(other.json()).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(CJK) });
      expect(await rowCounts(t)).toEqual(before);
    }
  });

  it('a route that takes no body refuses one that is not {} with 400 VALIDATION_FAILED and writes nothing; no body or {} passes', async () => {
    const bodyless = routes.filter((r) => r.method !== 'GET' && !r.takesBody);
    const names = bodyless.map((r) => `${r.method} ${r.path}`);
    for (const name of ['POST /api/inbox/read-all', 'PUT /api/calendar/years/:year', 'POST /api/memberships/applications/:id/approve', 'DELETE /api/events/:id/signups']) expect(names).toContain(name);
    // The metadata and the OpenAPI document agree: no body-less route documents a body; every other write route does.
    expect(bodyless.filter((r) => doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()]?.requestBody).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const undocumentedWrites = routes.filter((r) => r.method !== 'GET' && r.method !== 'DELETE' && r.takesBody && !doc.paths[openApiPath(r.path)]?.[r.method.toLowerCase()]?.requestBody);
    expect(undocumentedWrites.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const before = await rowCounts(t);
    const garbage: Array<[string, unknown, Array<{ field: string; message: string }>]> = [
      ['object', { reason: '随便写点' }, [{ field: 'reason', message: '此操作无需提交内容，不允许提交此字段' }]],
      ['array', [], [{ field: '', message: '此操作无需提交内容' }]],
      ['list of objects', [{}], [{ field: '', message: '此操作无需提交内容' }]],
      ['null', null, [{ field: '', message: '此操作无需提交内容' }]],
      ['string', 'hello', [{ field: '', message: '此操作无需提交内容' }]],
      ['number', 42, [{ field: '', message: '此操作无需提交内容' }]],
      ['false', false, [{ field: '', message: '此操作无需提交内容' }]],
    ];
    for (const r of bodyless) {
      const session = sessionFor(r);
      const url = fill(r);
      for (const [what, payload, errors] of garbage) {
        const res = await inject(r.method, url, session, payload);
        const where = label(r.method, url, `${what} body`);
        const body = res.json() as { code?: string; errors?: unknown };
        if (res.statusCode !== 400 || body.code !== 'VALIDATION_FAILED' || JSON.stringify(body.errors) !== JSON.stringify(errors)) problems.push(`${where}: ${res.statusCode} ${res.body.slice(0, 160)}`);
        else expect4xx(res, where);
      }
    }
    expect(await rowCounts(t)).toEqual(before);
    // Absent or `{}`: the route runs (here on a made-up id or a year: 2xx or 4xx, but not the body refusal).
    for (const r of bodyless) {
      for (const payload of [undefined, {}]) {
        const res = await inject(r.method, fill(r), sessionFor(r), payload);
        const refused = res.statusCode === 400 && JSON.stringify(res.json().errors ?? []).includes('此操作无需提交内容');
        if (refused || res.statusCode >= 500) problems.push(`${label(r.method, fill(r), payload === undefined ? 'no body' : '{}')}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(bodyless.length).toBeGreaterThan(15);
    report();
  });

  it('findings of this sweep stay fixed', async () => {
    // An over-long path parameter or a malformed %-escape was Fastify's own 414/400 body: now the one shape, with headers.
    for (const url of [`/api/claims/${'x'.repeat(300)}`, '/api/claims/%zz', `/api/orgs/${'x'.repeat(300)}`]) {
      const res = await inject('GET', url, s.worker);
      expect([res.statusCode, res.json()]).toEqual([404, { code: 'NOT_FOUND', message: expect.stringMatching(CJK) }]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    // A null / list / text body passed an all-optional DTO as "no filters": POST /api/claims/exports made an export.
    for (const payload of [null, [], 'text', 7]) {
      const res = await inject('POST', '/api/claims/exports', s.admin, payload);
      expect([res.statusCode, res.json().code, res.json().errors]).toEqual([400, 'VALIDATION_FAILED', [{ field: '', message: '请求内容应为 JSON 对象' }]]);
    }
    // Dates that do not exist were taken as the next valid day.
    const exportFeb30 = await inject('POST', '/api/claims/exports', s.admin, { from: '2026-02-30' });
    expect([exportFeb30.statusCode, exportFeb30.json().errors]).toEqual([400, [{ field: 'from', message: '起始日期应为 YYYY-MM-DD' }]]);
    const ledgerFeb30 = await inject('GET', '/api/claims/ledger?to=2026-02-30', s.admin);
    expect([ledgerFeb30.statusCode, ledgerFeb30.json().errors?.[0]?.field]).toEqual([400, 'to']);
    const dashboardFeb30 = await inject('GET', '/api/claims/dashboard?from=2026-02-31', s.admin);
    expect([dashboardFeb30.statusCode, dashboardFeb30.json().errors?.[0]?.field]).toEqual([400, 'from']);
    const station = (await inject('GET', '/api/stations', s.master)).json();
    const event = await inject('POST', `/api/stations/${(station.items ?? station)[0].id}/events`, s.admin, {
      title: '免费体检',
      startsAt: '2031-02-30T10:00:00+08:00',
      endsAt: '2031-03-01T12:00:00+08:00',
    });
    expect(event.statusCode).toBe(400);
    expect(event.json().errors).toContainEqual({ field: 'startsAt', message: '开始时间格式不正确' });
    // A wish photo upload honours Idempotency-Key like a claim attachment: a retry gets the same photo.
    const form = multipart([{ filename: 'a.png', type: 'image/png', content: PNG_1PX }]);
    const upload = () =>
      t.app.inject({ method: 'POST', url: '/api/wishes/photos', headers: { ...s.worker.auth, ...form.headers, 'idempotency-key': 'sweep-photo-1' }, payload: form.payload });
    const first = await upload();
    const again = await upload();
    expect(first.statusCode).toBe(201);
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json().id]).toEqual([201, 'true', first.json().id]);
  });

  it('garbage query strings answer 4xx in the one shape or the documented default, never 5xx', async () => {
    const cursors = [
      'garbage',
      Buffer.from('["2026-01-01T00:00:00.000Z",{}]').toString('base64url'),
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('[1e400,"x"]').toString('base64url'),
      Buffer.from('["abc","x"]').toString('base64url'),
      'x'.repeat(300),
    ];
    let calls = 0;
    for (const r of routes) {
      if (r.method !== 'GET') continue;
      const op = doc.paths[openApiPath(r.path)]?.get;
      const names = (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      if (!names.length) continue;
      const session = sessionFor(r);
      const base = fill(r);
      for (const name of names) {
        const values = ['1&' + name + '=2', '', 'abc', '-1', '1.5', '99999999999999999999', 'x'.repeat(300)];
        if (/^(from|to|month|date)$/.test(name)) values.push('2026-02-30', '2026-13');
        if (/cursor|after/i.test(name)) values.push(...cursors);
        for (const v of values) {
          calls++;
          const url = `${base}?${name}=${v}`;
          const res = await inject('GET', url, session);
          if (res.statusCode >= 400) expect4xx(res, label('GET', url, session ? nameOf(session) : 'anonymous'));
        }
      }
      calls++;
      const res = await inject('GET', `${base}?limit=100000000&zzUnknown=1`, session);
      if (res.statusCode >= 400) expect4xx(res, label('GET', `${base}?limit=100000000&zzUnknown=1`, 'extra'));
    }
    expect(calls).toBeGreaterThan(200);
    report();
  });
  // Last: its made-up valid bodies create records (a station, a campaign…) that the tests above should not see.
  it('garbage bodies are 4xx with field-level Chinese messages naming the bad field, and write nothing', async () => {
    // First the made-up valid body per route (it may create a record): where it passes validation, each single bad
    // field below must be named in the errors. Then the counts, then only garbage, which must write nothing.
    const baseValidity = new Map<Route, boolean>();
    for (const r of routes) {
      if (r.method === 'GET' || r.method === 'DELETE') continue;
      // Routes without a body run once here too (PUT /api/calendar/years/2031 declares the year), so that the
      // garbage below, which they refuse, would find nothing left to write even if it got through.
      const base = await inject(r.method, fill(r), sessionFor(r), validBody(r));
      baseValidity.set(r, !(base.statusCode === 400 && base.json().code === 'VALIDATION_FAILED'));
    }
    const before = await rowCounts(t);
    const whole: Array<[string, unknown]> = [
      ['empty object', {}],
      ['array', []],
      ['null', null],
      ['string', 'hello'],
      ['number', 42],
      ['nested', { a: { b: { c: { d: [[[{}]]] } } } }],
      ['10k array', Array.from({ length: 10_000 }, (_, i) => i)],
    ];
    let calls = 0;
    for (const r of routes) {
      if (r.method === 'GET' || r.method === 'DELETE') continue;
      const session = sessionFor(r);
      const url = fill(r);
      const schema = bodySchema(r);
      for (const [what, payload] of whole) {
        // `{}` is a valid body for routes whose fields are all optional: those may answer 2xx (or 404 for the made-up id).
        if (what === 'empty object' && (!schema || !(resolve(schema) as { required?: string[] }).required?.length)) continue;
        calls++;
        const res = await inject(r.method, url, session, payload);
        const where = label(r.method, url, `${what} body as ${session ? nameOf(session) : 'anonymous'}`);
        // A route that takes no body (POST /api/inbox/read-all) refuses one too (see the test above).
        expect4xx(res, where);
      }
      if (!schema) continue;
      const baseValid = baseValidity.get(r)!;
      const props = resolve(schema).properties ?? {};
      // An unknown field is named in the errors.
      calls++;
      expectField(await inject(r.method, url, session, { ...(validBody(r) as object), zzUnknown: 1 }), label(r.method, url, 'unknown field'), 'zzUnknown', true);
      for (const [name, p] of Object.entries(props)) {
        for (const [what, value] of mutations(name, p)) {
          calls++;
          const res = await inject(r.method, url, session, { ...(validBody(r) as object), [name]: value });
          expectField(res, label(r.method, url, `${name}: ${what}`), name, baseValid);
        }
      }
    }
    expect(calls).toBeGreaterThan(300);
    report();
    expect(await rowCounts(t)).toEqual(before);
  });
});

function mutations(name: string, p: Schema): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const type = p.type ?? (p.oneOf ? 'oneOf' : undefined);
  if (type === 'oneOf' || type === 'object') out.push(['nested object', { $gt: '' }]);
  if (type === 'string' || p.enum) {
    out.push(['object for text', { $gt: '' }], ['number for text', 12345], ['10k text', 'x'.repeat(10_000)]);
    if (/At$|Date|date|^from$|^to$|Until|From$/.test(name)) out.push(['2026-02-30', '2026-02-30'], ['abc date', 'abc']);
  }
  if (type === 'number' || type === 'integer') {
    out.push(['numeric text', '100']);
    if (/Fen$|count|stock|Limit|days|rating|stars/i.test(name)) out.push(['negative', -1], ['fraction', 1.5], ['huge', 1e300]);
  }
  if (type === 'boolean') out.push(['text for boolean', 'yes']);
  if (type === 'array') out.push(['10k list', Array.from({ length: 10_000 }, () => 'x')], ['text for list', 'abc']);
  return out;
}

function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}

/** Every route the Nest controllers declare, with its access rules read from the same metadata the guard reads. */
function collectRoutes(t: TestApp): Route[] {
  const container = (t.app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: Function }> }> } }).container;
  const out: Route[] = [];
  for (const mod of container.getModules().values()) {
    for (const { metatype } of mod.controllers.values()) {
      const base = Reflect.getMetadata(PATH_METADATA, metatype) as string;
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (path === undefined || method === undefined) continue;
        const full = `/api/${[base, path].filter((x) => x && x !== '/').join('/')}`.replace(/\/+/g, '/');
        out.push({
          method: RequestMethod[method],
          path: full,
          params: [...full.matchAll(/:(\w+)/g)].map((m) => m[1]),
          isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, metatype)),
          roles: (Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, metatype)) as Role[] | undefined,
          takesBody: Object.keys(Reflect.getMetadata(ROUTE_ARGS_METADATA, metatype, name) ?? {}).some((k) => [RouteParamtypes.BODY, RouteParamtypes.REQUEST].includes(Number(k.split(':')[0]))),
        });
      }
    }
  }
  return out;
}

async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of t.ds.entityMetadatas) {
    // Timed jobs record their runs whenever they fire: not a request's write.
    if (m.tableType !== 'regular' || m.tableName === 'job_runs') continue;
    const [row] = (await t.ds.query(`SELECT COUNT(*) AS n FROM ${t.ds.driver.escape(m.tableName)}`)) as Array<{ n: number | string }>;
    out[m.tableName] = Number(row.n);
  }
  return out;
}
