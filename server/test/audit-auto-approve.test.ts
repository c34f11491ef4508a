import { makeApplication } from './helpers/factories';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** Issue 14 §4: application decisions are in the audit log, also those an auto-approving org makes by its rule. */
describe('audit log: an auto-approved application', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await devLogin(t.app, 'demo-admin');
  });
  afterAll(() => t.close());

  it('is recorded as a decision by the system, with the masked applicant and the request id, never the clear mobile', async () => {
    const w = await devLogin(t.app, 'audit-auto-applicant');
    const body = makeApplication('XM-MT');
    const res = await t.app.inject({ method: 'POST', url: '/api/memberships/applications', headers: w.auth, payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json().card).not.toBeNull();
    const { items } = (await t.app.inject({ method: 'GET', url: `/api/audit?action=membership.approve&subjectUserId=${w.user.id}`, headers: admin.auth })).json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actor: null,
      subject: { userId: w.user.id, masked: `${body.mobile.slice(0, 3)}****${body.mobile.slice(-4)}` },
      object: { type: 'membership_application', id: res.json().application.id },
      org: { code: 'XM-MT' },
      detail: { kind: 'join', auto: true, memberNo: res.json().card.memberNo },
    });
    expect(items[0].requestId).toBe(res.headers['x-request-id']);
    expect(JSON.stringify(await t.ds.query('SELECT * FROM audit_log'))).not.toContain(body.mobile);
  });
});
