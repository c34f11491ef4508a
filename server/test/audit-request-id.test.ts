import { SmsSender, type TestSmsSender } from '../src/auth/sms.sender';
import { makeMobile } from './helpers/factories';
import { smsLogin } from './helpers/sms-login';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * An audit row names the request it was written in (the x-request-id of that request's response), handed to the
 * audit log explicitly: with the caller for a staff action, as an argument for a system record made inside a login.
 */
describe('audit log: the request id of each row', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await devLogin(t.app, 'demo-admin');
  });
  afterAll(() => t.close());

  const audit = async (query: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: admin.auth })).json().items as Array<{ requestId: string | null; actor: { id: string } | null }>;

  it("a staff action's row carries the x-request-id of its response, also when the client sent one", async () => {
    const mobile = makeMobile();
    const worker = await smsLogin(t.app, mobile);
    const granted = await t.app.inject({ method: 'POST', url: '/api/admin/grants', headers: admin.auth, payload: { mobile, role: 'officer', orgCode: 'XM-SM' } });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().status).toBe('granted');
    const [grantRow] = await audit(`?action=grant&subjectUserId=${worker.user.id}`);
    expect(grantRow.actor?.id).toBe(admin.user.id);
    expect(grantRow.requestId).toBeTruthy();
    expect(grantRow.requestId).toBe(granted.headers['x-request-id']);

    const grantId = granted.json().grant.id as string;
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/admin/grants/${grantId}`, headers: { ...admin.auth, 'x-request-id': 'client-trace-revoke-1' } });
    expect(revoked.statusCode).toBe(204);
    expect(revoked.headers['x-request-id']).toBe('client-trace-revoke-1');
    const [revokeRow] = await audit(`?action=revoke&subjectUserId=${worker.user.id}`);
    expect(revokeRow.requestId).toBe('client-trace-revoke-1');
  });

  it('an invitation attaching at an SMS login carries the request id of that login', async () => {
    const mobile = makeMobile();
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/grants', headers: admin.auth, payload: { mobile, role: 'officer', orgCode: 'XM-SM' } })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile } })).statusCode).toBeLessThan(300);
    const code = (t.app.get(SmsSender) as TestSmsSender).lastCodeFor(mobile);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { mobile, code } });
    expect(login.statusCode).toBe(200);
    const [row] = await audit(`?action=grant.attach&subjectUserId=${login.json().user.id}`);
    expect(row.actor).toBeNull();
    expect(row.requestId).toBeTruthy();
    expect(row.requestId).toBe(login.headers['x-request-id']);
  });
});
