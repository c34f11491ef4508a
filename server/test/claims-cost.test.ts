import { Claim } from '../src/claims/claim.entity';
import { claimsHelpers } from './helpers/claims';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

/**
 * What one officer request costs the database, counted at the query runner (every statement, authentication
 * included), as `pnpm bench:claims` counts it at 1,000,000 claims: the queue's page ≤ 5 whatever its length and
 * order, the ledger's page ≤ 5, the dashboard ≤ 7. (Their plans — an index in the page's order, no filesort — are
 * checked by the benchmark at 100,000+ claims: on a table this small MariaDB rightly prefers a scan.) A change that adds a query per row, or loses the index, fails here before it shows in the benchmark.
 */
describe(`claims: the officer's requests in statements on ${DIALECT}`, () => {
  let t: TestApp;
  let officerSM: Session;
  const h = claimsHelpers(() => t, 'cost-worker');

  /** Runs one GET as `s` and returns its status, body and the statements (with parameters) it sent. */
  const counted = async (s: Session, url: string) => {
    const runner = t.ds.createQueryRunner();
    const proto = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => Promise<unknown> };
    await runner.release();
    const spy = jest.spyOn(proto, 'query');
    try {
      const res = await h.get(s, url);
      return { status: res.statusCode, body: res.json(), sql: spy.mock.calls.map((c) => ({ text: String(c[0]), params: (c[1] ?? []) as unknown[] })) };
    } finally {
      spy.mockRestore();
    }
  };
  /** Fails showing the statements when a request sent more than `n`. */
  const atMost = (r: { sql: Array<{ text: string }> }, n: number) => expect(r.sql.length > n ? r.sql.map((q) => q.text.slice(0, 200)) : n).toBe(n);

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    // more than two pages of 思明 claims, some accepted (a running mediation deadline), some overdue, some
    // withdrawn (no deadline: the queue lists them after the running ones)
    for (let i = 0; i < 45; i++) {
      const w = await h.worker();
      const c = await h.file(w, { description: `第 ${i} 号诉求：工资未按时足额发放，已经拖了两个月。` });
      if (i % 5 === 4) await h.ok(w, `/api/claims/${c.id}/withdraw`); // no deadline any more
      else if (i % 3 === 0) await h.ok(officerSM, `/api/claims/${c.id}/accept`);
      if (i % 4 === 0 && i % 5 !== 4) await t.ds.getRepository(Claim).update({ id: c.id }, { dueAt: new Date(Date.now() - (i + 1) * 3600_000) });
    }
    for (const url of ['/api/claims', '/api/claims/ledger', '/api/claims/dashboard']) await h.get(officerSM, url); // caches warm, as on a running server
  }, 300_000); // boot and 45 claims over HTTP: minutes on a loaded machine
  afterAll(() => t.close());

  it('the queue: a full page in either order, overdue only and the next page each cost ≤ 5 statements', async () => {
    const first = await counted(officerSM, '/api/claims');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(20);
    const next = await counted(officerSM, `/api/claims?cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(next.body.items).toHaveLength(20);
    const newest = await counted(officerSM, '/api/claims?sort=newest');
    expect(newest.body.items).toHaveLength(20);
    const overdue = await counted(officerSM, '/api/claims?overdue=true');
    expect(overdue.body.items.length).toBeGreaterThanOrEqual(9);
    for (const r of [first, next, newest, overdue]) atMost(r, 5);
    // every page to the end, including the one that passes from running deadlines to claims without one
    let cursor: string | null = next.body.nextCursor;
    let withoutDeadline = 0;
    for (let pages = 0; cursor && pages < 20; pages++) {
      const r = await counted(officerSM, `/api/claims?cursor=${encodeURIComponent(cursor)}`);
      atMost(r, 5);
      withoutDeadline += r.body.items.filter((x: { dueAt: string | null }) => !x.dueAt).length;
      cursor = r.body.nextCursor;
    }
    expect(cursor).toBeNull();
    expect(withoutDeadline).toBeGreaterThan(0);
  });

  it('the ledger page costs ≤ 5 statements and the dashboard ≤ 7', async () => {
    const ledger = await counted(officerSM, '/api/claims/ledger');
    expect(ledger.status).toBe(200);
    expect(ledger.body.items.length).toBeGreaterThanOrEqual(45); // this file's claims, and the seed's in the subtree
    atMost(ledger, 5);
    const dashboard = await counted(officerSM, '/api/claims/dashboard');
    expect(dashboard.status).toBe(200);
    atMost(dashboard, 7);
  });
});
