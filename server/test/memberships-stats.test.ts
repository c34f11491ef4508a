import { MembershipApplication } from '../src/memberships/membership-application.entity';
import { makeApplication } from './helpers/factories';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Decision times set exactly in the database: applications are decided through the API, then their
 * submittedAt (and, for older ones, decidedAt) moved back by known amounts.
 */
describe(`join stats with known decision times (${DIALECT})`, () => {
  let t: TestApp;
  let officerHL: Session, officerSM: Session;
  let n = 0;
  const worker = () => devLogin(t.app, `stats-worker-${++n}`);
  const apps = () => t.ds.getRepository(MembershipApplication);

  beforeAll(async () => {
    t = await createTestApp();
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
  });
  afterAll(() => t.close());

  const apply = async (orgCode: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/memberships/applications', headers: (await worker()).auth, payload: makeApplication(orgCode) });
    expect(res.statusCode).toBe(201);
    return res.json().application as { id: string; status: string };
  };
  const decide = async (officer: Session, id: string, how: 'approve' | 'reject') => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/memberships/applications/${id}/${how}`,
      headers: officer.auth,
      payload: how === 'reject' ? { reason: '资料不全，请补充后重新申请' } : {},
    });
    expect(res.statusCode).toBe(200);
  };
  /** Makes the application look decided `minutes` after it was submitted, `daysAgo` days back. */
  const took = async (id: string, minutes: number, daysAgo = 0) => {
    const app = await apps().findOneByOrFail({ id });
    const decidedAt = new Date(app.decidedAt!.getTime() - daysAgo * DAY);
    await apps().update({ id }, { decidedAt, submittedAt: new Date(decidedAt.getTime() - minutes * MINUTE) });
  };
  const stats = async (s: Session, orgCode: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/memberships/stats?orgCode=${orgCode}`, headers: s.auth });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('before anything is decided: zeros and no times', async () => {
    expect(await stats(officerHL, 'XM-HL')).toEqual({
      orgCode: 'XM-HL',
      pendingNow: 0,
      decidedToday: 0,
      medianMinutes: null,
      p90Minutes: null,
      decidedLate: 0,
      autoApproved: 0,
      windowDays: 30,
    });
  });

  it('exact median, p90 and late count over officer decisions; auto-approvals counted apart; old and out-of-tree ones ignored', async () => {
    // Officer decisions in the 湖里区 subtree: 10, 20 (a rejection), 30, 40 minutes today, 100 minutes two days ago
    const plan: Array<[string, number, 'approve' | 'reject', number]> = [
      ['XM-DIDI', 10, 'approve', 0],
      ['XM-SF', 20, 'reject', 0],
      ['XM-JDL', 30, 'approve', 0],
      ['XM-DIDI', 40, 'reject', 0],
      ['XM-SF', 100, 'approve', 2],
    ];
    for (const [org, minutes, how, daysAgo] of plan) {
      const app = await apply(org);
      await decide(officerHL, app.id, how);
      await took(app.id, minutes, daysAgo);
    }
    // Outside the 30-day window: 500 minutes, 31 days ago
    const old = await apply('XM-JDL');
    await decide(officerHL, old.id, 'approve');
    await took(old.id, 500, 31);
    // Two auto-approved joins in the subtree (0 minutes) and one pending
    for (let i = 0; i < 2; i++) expect((await apply('XM-HL-XJY')).status).toBe('approved');
    await apply('XM-DIDI');
    // Another district's slow decision must not leak in
    const elsewhere = await apply('XM-ELM');
    await decide(officerSM, elsewhere.id, 'approve');
    await took(elsewhere.id, 300);

    const s = await stats(officerHL, 'XM-HL');
    expect(s).toEqual({
      orgCode: 'XM-HL',
      pendingNow: 1,
      decidedToday: 4, // the 100-minute one was two days ago; auto-approvals are not officer work
      medianMinutes: 30, // nearest rank: 3rd of [10, 20, 30, 40, 100]; with the two zeros it would be 20
      p90Minutes: 100, // nearest rank: 5th of 5; with the 31-day-old 500 it would be 500
      decidedLate: 2, // 40 and 100; exactly 30 is on time
      autoApproved: 2,
      windowDays: 30,
    });

    // A narrower subtree sees only its own: 禾山街道 holds XM-SF (20, 100) and XM-JDL (30)
    const hs = await stats(officerHL, 'XM-HL-HS');
    expect(hs).toMatchObject({ pendingNow: 0, decidedToday: 2, medianMinutes: 30, p90Minutes: 100, decidedLate: 1, autoApproved: 0 });
    expect((await stats(officerSM, 'XM-SM')).medianMinutes).toBe(300);
  });

  it('reports fractional minutes to one decimal', async () => {
    const app = await apply('XM-HLL');
    const officerJM = await devLogin(t.app, 'stats-officer-jm', ['officer'], 'XM-JM');
    await decide(officerJM, app.id, 'approve');
    await took(app.id, 12.34);
    expect(await stats(officerJM, 'XM-JM')).toMatchObject({ decidedToday: 1, medianMinutes: 12.3, p90Minutes: 12.3, decidedLate: 0 });
  });

  it('officers of another district get 403', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/memberships/stats?orgCode=XM-HL', headers: officerSM.auth });
    expect(res.statusCode).toBe(403);
  });
});
