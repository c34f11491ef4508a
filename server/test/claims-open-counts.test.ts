import type { AuthUser } from '../src/common/auth-user';
import { ClaimClock } from '../src/claims/claim-clock.service';
import { ClaimDashboard } from '../src/claims/claim-dashboard.service';
import { ClaimFigures } from '../src/claims/claim-figures.service';
import { Claim } from '../src/claims/claim.entity';
import { Org } from '../src/orgs/org.entity';
import { claimsHelpers } from './helpers/claims';
import { DIALECT, createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * The dashboards' "now" figures (当前超期, the late first responses and mediations of the period) come from open
 * counters kept in the claims' own transactions (`claim_open_counts.running`, `claim_figures.medOpen`) minus the
 * claims whose deadline is still ahead. Checked here after every kind of transition through the API and the clock
 * (accept, reply, escalate to the parent org, refer to the centre, resolve, reopen, withdraw, transfer, the clock's
 * escalation and referral), each time against
 * - the reconciliation (`ClaimFigures.differences`: every counter recomputed from the claims, nothing may differ), and
 * - the dashboard's figures computed here in plain JS from the claim rows, at now and at instants later on, when
 *   deadlines have passed without any write.
 */
describe(`claims dashboards: open counters kept in the claims' transactions (${DIALECT})`, () => {
  let t: TestApp;
  let city: Session;
  let figures: ClaimFigures;
  let dashboard: ClaimDashboard;
  let orgs: Org[];
  const DAY = 86_400_000;
  const admin: AuthUser = { id: '00000000-0000-4000-8000-00000000ad01', grants: [{ role: 'admin', orgId: null, orgPath: null, scopeRef: null }] };
  const { post, worker, file, ok } = claimsHelpers(() => t, 'open-counts-worker');

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    city = await devLogin(t.app, 'open-counts-officer-city', ['officer'], 'XM');
    figures = t.app.get(ClaimFigures);
    dashboard = t.app.get(ClaimDashboard);
    orgs = await t.ds.getRepository(Org).find();
  }, 300_000);
  afterAll(() => t.close());

  const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

  /** The "now" figures computed here from every claim row: the scope's overdue claims, the period's late counts. */
  const expected = async (code: string | null, from: string, to: string, now: Date) => {
    const root = code ? orgs.find((o) => o.code === code)!.path : '';
    const inScope = new Set(orgs.filter((o) => o.path.startsWith(root)).map((o) => o.id));
    const start = new Date(`${from}T00:00:00+08:00`).getTime();
    const end = new Date(`${to}T00:00:00+08:00`).getTime() + DAY;
    const all = (await t.ds.getRepository(Claim).find()).filter((c) => inScope.has(c.orgId));
    const period = all.filter((c) => c.submittedAt.getTime() >= start && c.submittedAt.getTime() < end);
    return {
      overdueNow: all.filter((c) => !!c.dueAt && c.dueAt < now).length,
      received: period.length,
      firstResponseDue: period.filter((c) => !!c.firstResponseAt || c.firstResponseDueAt < now).length,
      mediationDue: period.filter((c) => !!c.mediationDueAt && (!!c.resolvedAt || c.mediationDueAt < now)).length,
    };
  };

  const seen = { overdue: 0, notYetOverdue: 0, frLate: 0, medLate: 0 };
  /** Reconciliation, then every "now" figure of the dashboards (city, 思明, 湖里; this year and a part-month period) at now and later. */
  const check = async (label: string) => {
    expect([label, await figures.differences()]).toEqual([label, []]);
    const real = new Date();
    const year = beijingDate(real).slice(0, 4);
    for (const later of [0, 1.5 * DAY, 4 * DAY, 40 * DAY]) {
      const now = new Date(real.getTime() + later);
      const today = beijingDate(now);
      // this year (whole months: the summary rows and the counters) and from the 2nd of this month (a part month: the claims)
      for (const [from, to] of [[`${year}-01-01`, today], [`${today.slice(0, 8)}02`, today]] as const) {
        if (from > to) continue;
        for (const code of [null, 'XM-SM', 'XM-HL']) {
          const d = await dashboard.dashboard(admin, { from, to, ...(code ? { org: code } : {}) }, now);
          const e = await expected(code, from, to, now);
          const got = { overdueNow: d.overdueNow, received: d.received, firstResponseDue: d.firstResponseOnTime.denominator, mediationDue: d.mediationOnTime.denominator };
          if (!code) {
            const rows = await t.ds.getRepository(Claim).find();
            seen.overdue = Math.max(seen.overdue, e.overdueNow);
            seen.notYetOverdue = Math.max(seen.notYetOverdue, rows.filter((c) => !!c.dueAt && c.dueAt >= now).length);
            seen.frLate = Math.max(seen.frLate, rows.filter((c) => !c.firstResponseAt && c.firstResponseDueAt < now).length);
            seen.medLate = Math.max(seen.medLate, rows.filter((c) => !c.resolvedAt && !!c.mediationDueAt && c.mediationDueAt < now).length);
          }
          expect([label, `+${later / DAY}d`, from, code, got]).toEqual([label, `+${later / DAY}d`, from, code, e]);
        }
      }
    }
  };

  it('stay equal to the claims, and the dashboards to a count over the claims, across every transition', async () => {
    const workers: Session[] = [];
    const claims: Array<{ id: string; w: Session }> = [];
    const fileOne = async (districtCode: string) => {
      const w = await worker();
      workers.push(w);
      const c = await file(w, { districtCode });
      claims.push({ id: c.id, w });
      return { id: c.id as string, w };
    };
    const [a, b, c, d, e, f] = [await fileOne('XM-SM'), await fileOne('XM-SM'), await fileOne('XM-HL'), await fileOne('XM-SM'), await fileOne('XM-HL'), await fileOne('XM-SM')];
    await check('filed');

    await ok(city, `/api/claims/${a.id}/accept`);
    await ok(city, `/api/claims/${b.id}/accept`);
    await ok(city, `/api/claims/${c.id}/accept`);
    await check('accepted');

    await ok(city, `/api/claims/${a.id}/reply`, { text: '已联系用人单位，正在协调。' });
    await ok(city, `/api/claims/${d.id}/escalate`, { note: '需要上级工会协调处理' });
    await check('replied, escalated to the parent org');

    await ok(city, `/api/claims/${b.id}/refer`, { note: '疑难诉求，转联动调处中心' });
    await check('referred to the centre (tier 2)');
    await ok(city, `/api/claims/${b.id}/accept`);
    await check('accepted at the centre');

    await ok(city, `/api/claims/${a.id}/resolve`, { outcome: 'mediated', summary: '达成调解协议', agreement: { amountFen: 80_000, dueDate: beijingDate(new Date()) } });
    await ok(city, `/api/claims/${c.id}/resolve`, { outcome: 'not_mediated', amountRecoveredFen: 0, summary: '调解未成' });
    await check('resolved');

    await ok(c.w, `/api/claims/${c.id}/rating`, { score: 1 });
    await ok(c.w, `/api/claims/${c.id}/reopen`, { reason: '问题还没解决' });
    await check('rated 1, reopened');
    await ok(city, `/api/claims/${c.id}/accept`);
    await ok(city, `/api/claims/${c.id}/transfer`, { department: 'labour_bureau', note: '转劳动监察大队' });
    await ok(e.w, `/api/claims/${e.id}/withdraw`, {});
    await check('transferred, withdrawn');

    // the clock, days later: unanswered claims escalate to the parent org, overdue tier-1 mediations go to the centre
    const clock = t.app.get(ClaimClock);
    const before = await t.ds.getRepository(Claim).findBy({ id: f.id });
    for (const days of [3, 6, 12, 30]) await clock.run(new Date(Date.now() + days * DAY));
    const moved = await t.ds.getRepository(Claim).findBy({ id: f.id });
    expect(moved[0].orgId).not.toBe(before[0].orgId);
    await check('after the clock escalated and referred');
    // day 15 at the centre has passed for b: the worker chooses arbitration (tier 3, no running deadline)
    expect(await ok(b.w, `/api/claims/${b.id}/apply-arbitration`)).toMatchObject({ handlingTier: 3, dueAt: null });
    await check('tier 3 chosen');

    // what a failed step leaves: nothing (a 409 changes no counter)
    expect((await post(city, `/api/claims/${e.id}/accept`)).statusCode).toBe(409);
    await check('after a refused step');
    // the checks saw overdue claims and claims still in time, late first responses and late mediations
    expect(Math.min(seen.overdue, seen.notYetOverdue, seen.frLate, seen.medLate)).toBeGreaterThan(0);
  }, 300_000);

  it('counts concurrent filings into one org once each', async () => {
    const ws = await Promise.all([1, 2, 3, 4, 5, 6].map(() => worker()));
    await Promise.all(ws.map((w) => file(w, { districtCode: 'XM-JM' })));
    expect(await figures.differences()).toEqual([]);
  });

  it('finds a counter that drifted from the claims, and the rebuild puts it right', async () => {
    const w = await worker();
    const c = await file(w, { districtCode: 'XM-JM' });
    expect(await figures.differences()).toEqual([]);
    // a change behind the counters' back (as a hand edit of the database would make)
    await t.ds.getRepository(Claim).update({ id: c.id }, { dueAt: null });
    const drift = await figures.differences();
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatch(/^claim_open_counts /);
    await figures.rebuild();
    expect(await figures.differences()).toEqual([]);
  });
});
