import { JwtService } from '@nestjs/jwt';
import { makeMobile } from './helpers/factories';
import { smsLogin } from './helpers/sms-login';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * The guard shares one grants read among the requests that arrive together and verifies tokens with a key made
 * once (docs/benchmarks.md, "The request pipeline"). What users rely on must not move: each caller is answered as
 * themselves, a revoked grant stops working on the very next request, bad tokens are refused as before.
 */
describe('the auth guard under a crowd', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let workers: Session[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await devLogin(t.app, 'demo-admin');
    const mobile = makeMobile();
    expect((await req(admin, 'POST', '/api/admin/grants', { mobile, role: 'officer', orgCode: 'XM-SM' })).statusCode).toBe(201);
    officer = await smsLogin(t.app, mobile);
    workers = [];
    for (let i = 0; i < 12; i++) workers.push(await devLogin(t.app, `pipeline-guard-worker-${i}`));
  }, 600_000);
  afterAll(() => t?.close());

  function req(s: Session | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
    return t.app.inject({ method, url, headers: s ? s.auth : {}, ...(payload ? { payload } : {}) });
  }
  const bearer = (token: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });

  it('answers each of many callers arriving at once as themselves', async () => {
    const callers = [...workers, officer, admin, ...workers];
    const answers = await Promise.all(callers.map((s) => req(s, 'GET', '/api/me')));
    answers.forEach((res, i) => {
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(callers[i].user.id);
    });
    const roles = (res: { json(): { roles: Array<{ role: string; orgCode: string | null }> } }) => res.json().roles;
    expect(roles(answers[workers.length])).toEqual(expect.arrayContaining([{ role: 'officer', orgId: expect.any(String), orgCode: 'XM-SM', orgName: expect.any(String) }]));
    expect(roles(answers[0]).map((r) => r.role)).not.toContain('officer');
  });

  it("applies a revoke to the person's next request, also when it arrives together with others", async () => {
    const officerOnly = () => req(officer, 'GET', '/api/benefits/model-workers');
    const crowd = () => Promise.all([officerOnly(), ...workers.map((w) => req(w, 'GET', '/api/me')), officerOnly(), officerOnly()]);
    const before = await crowd();
    expect(before.map((r) => r.statusCode)).toEqual(before.map(() => 200));

    const grants = (await req(admin, 'GET', '/api/admin/staff?orgCode=XM-SM')).json().grants as Array<{ id: string; userId: string; role: string }>;
    const grant = grants.find((g) => g.userId === officer.user.id && g.role === 'officer')!;
    expect((await req(admin, 'DELETE', `/api/admin/grants/${grant.id}`)).statusCode).toBe(204);

    const after = await crowd();
    const officerAnswers = [after[0], after[after.length - 2], after[after.length - 1]];
    for (const res of officerAnswers) expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
    for (const res of after.slice(1, 1 + workers.length)) expect(res.statusCode).toBe(200);
  });

  it('refuses a token signed with another secret, an expired one, a refresh token and an unsigned one', async () => {
    const sub = workers[0].user.id;
    const other = new JwtService({ secret: 'another-secret-0123456789-0123456789-abcdef', signOptions: { algorithm: 'HS256' } });
    const ours = new JwtService({ secret: t.config.JWT_SECRET, signOptions: { algorithm: 'HS256' } });
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub, typ: 'access' })).toString('base64url')}.`;

    expect((await bearer(ours.sign({ sub, typ: 'access' }, { expiresIn: 60 }))).statusCode).toBe(200);
    expect((await bearer(other.sign({ sub, typ: 'access' }, { expiresIn: 60 }))).json().code).toBe('TOKEN_INVALID');
    expect((await bearer(ours.sign({ sub, typ: 'access', exp: Math.floor(Date.now() / 1000) - 10 }))).json().code).toBe('TOKEN_EXPIRED');
    expect((await bearer(ours.sign({ sub, typ: 'refresh' }, { expiresIn: 60 }))).json().code).toBe('TOKEN_INVALID');
    expect((await bearer(workers[0].refreshToken)).statusCode).toBe(401);
    expect((await bearer(unsigned)).json().code).toBe('TOKEN_INVALID');
    // A token for a user that does not exist (deleted, or another deployment's) is refused too.
    expect((await bearer(ours.sign({ sub: '00000000-0000-4000-8000-000000000000', typ: 'access' }, { expiresIn: 60 }))).json().code).toBe('TOKEN_INVALID');
    // Public pages go on anonymously with a bad token.
    const pub = await t.app.inject({ method: 'GET', url: '/api/stations/services', headers: { authorization: `Bearer ${unsigned}` } });
    expect(pub.statusCode).toBe(200);
  });
});
