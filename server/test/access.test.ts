import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

describe('roles and org scope', () => {
  let t: TestApp;
  let worker: Session, officerSM: Session, officerHL: Session, officerMT: Session, admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    worker = await devLogin(t.app, 'demo-worker');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    officerMT = await devLogin(t.app, 'demo-officer-mt');
    admin = await devLogin(t.app, 'demo-admin');
  });
  afterAll(() => t.close());

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.auth });
  const codes = (res: { json(): Array<{ code: string }> }) => res.json().map((o) => o.code);

  it('anyone may read an org\'s public card; unknown org is 404 ORG_NOT_FOUND', async () => {
    const res = await get('/api/orgs/XM-MT');
    expect(res.json()).toEqual({ code: 'XM-MT', name: '美团厦门骑手联合工会', level: 'enterprise', parentName: '思明区嘉莲街道总工会', autoApprove: true });
    const missing = await get('/api/orgs/NOPE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ORG_NOT_FOUND');
  });

  it('a worker is refused officer routes (403), anonymous callers get 401', async () => {
    expect((await get('/api/orgs/XM-SM/subtree')).statusCode).toBe(401);
    const res = await get('/api/orgs/XM-SM/subtree', worker);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('an officer sees their own subtree, top-down, and nothing outside it', async () => {
    const own = await get('/api/orgs/XM-SM/subtree', officerSM);
    expect(own.statusCode).toBe(200);
    expect(codes(own)).toEqual(['XM-SM', 'XM-SM-JL', 'XM-SM-LQ', 'XM-SM-XJY', 'XM-ELM', 'XM-MT']);
    const child = await get('/api/orgs/XM-SM-JL/subtree', officerSM);
    expect(codes(child)).toEqual(['XM-SM-JL', 'XM-MT']);
  });

  it('an officer of district A on district B\'s org is 403 ORG_OUT_OF_SCOPE', async () => {
    for (const code of ['XM-HL', 'XM-SF', 'XM']) {
      const res = await get(`/api/orgs/${code}/subtree`, officerSM);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('ORG_OUT_OF_SCOPE');
    }
    expect((await get('/api/orgs/XM-SM/subtree', officerHL)).statusCode).toBe(403);
    // an enterprise officer cannot look up the tree
    expect((await get('/api/orgs/XM-SM-JL/subtree', officerMT)).statusCode).toBe(403);
    expect((await get('/api/orgs/XM-MT/subtree', officerMT)).statusCode).toBe(200);
  });

  it('the city admin reaches every org', async () => {
    const res = await get('/api/orgs/XM/subtree', admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().length).toBeGreaterThanOrEqual(24);
  });

  it('changes to an org follow the same scope', async () => {
    const patch = (code: string, s: Session, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/orgs/${code}`, headers: s.auth, payload });
    const denied = await patch('XM-SF', officerSM, { autoApprove: true });
    expect(denied.statusCode).toBe(403);
    const sf = (await get('/api/orgs/XM-SF')).json();
    expect(sf.autoApprove).toBe(false);
    const ok = await patch('XM-ELM', officerSM, { autoApprove: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().autoApprove).toBe(true);
    expect((await patch('XM-ELM', worker, { autoApprove: false })).statusCode).toBe(403);
    const bad = await patch('XM-ELM', officerSM, { autoApprove: 'yes', level: 'city' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['autoApprove', 'level']);
  });

  it('creating a child org is scoped to the parent and keeps levels in order', async () => {
    const create = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/orgs', headers: s.auth, payload });
    const outside = await create(officerSM, { parentCode: 'XM-HL', code: 'XM-HL-NEW', name: '湖里区新街道总工会', level: 'street' });
    expect(outside.statusCode).toBe(403);
    const wrongLevel = await create(officerSM, { parentCode: 'XM-SM-JL', code: 'XM-SM-BAD', name: '错误层级', level: 'district' });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().errors[0].field).toBe('level');
    const ok = await create(officerSM, { parentCode: 'XM-SM-JL', code: 'XM-SM-JL-KD', name: '嘉莲街道快递行业工会', level: 'enterprise' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'XM-SM-JL-KD', depth: 3, autoApprove: false });
    expect(codes(await get('/api/orgs/XM-SM-JL/subtree', officerSM))).toContain('XM-SM-JL-KD');
    const dup = await create(officerSM, { parentCode: 'XM-SM-JL', code: 'XM-SM-JL-KD', name: '重复', level: 'enterprise' });
    expect(dup.statusCode).toBe(409);
    const badCode = await create(officerSM, { parentCode: 'XM-SM-JL', code: '嘉莲', name: '中文编码', level: 'enterprise' });
    expect(badCode.statusCode).toBe(400);
  });
});
