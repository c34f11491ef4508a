import { randomUUID } from 'node:crypto';
import { BenefitClaim } from '../src/benefits/benefit-claim.entity';
import { Campaign } from '../src/benefits/campaign.entity';
import { claimsHelpers } from './helpers/claims';
import { flashHelpers } from './helpers/flash';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

/**
 * What one flash claim costs the database, counted at the query runner (every statement, BEGIN and COMMIT
 * included). Only the auth guard's grants and the idempotency record are paid per request; the member's facts,
 * their claim counts and the stock's transaction are shared by the claims that arrive together. A change that
 * adds a statement per claim fails here before it shows in `pnpm bench:benefits`.
 */
describe(`the flash claim's cost in queries on ${DIALECT}`, () => {
  let t: TestApp;
  let officer: Session;
  const { post, worker } = claimsHelpers(() => t, 'benefit-cost');
  const claim = (s: Session, id: string) => post(s, `/api/benefits/campaigns/${id}/claim`, {}, { 'idempotency-key': randomUUID() });

  const { members, published: publish, counted } = flashHelpers(() => t, { post, worker }, 'BC');
  const published = (stock: number) => publish(officer, stock, { count: 2 });

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    officer = await devLogin(t.app, 'demo-officer-sm');
  });
  afterAll(() => t.close());

  it('40 members claiming together: 3 statements a claim plus a few shared ones, all 40 served, stock moved once per batch', async () => {
    const id = await published(100);
    const crowd = await members(40);
    await claim(crowd[0], await published(5)); // warms the org cache as any earlier request would
    let res: Array<{ statusCode: number }> = [];
    const sql = await counted(async () => (res = await Promise.all(crowd.map((s) => claim(s, id)))));
    expect(res.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
    // Per request: the guard's grants, the idempotency insert and its completion; shared: facts, counts, the batch.
    // Measured: 129 on SQLite, 134 on MariaDB (was ~7 a claim plus ~8 a batch before the coalescers and the
    // write-back-free inserts). How many turns the crowd spreads over varies: the shared part may, one more per claim may not.
    expect(sql.length).toBeLessThanOrEqual(40 * 3 + 20);
    // The campaign is read once per 2 s of cache life for the crowd (the read in flight is shared), not once per claim.
    expect(sql.filter((q) => /^SELECT\b.*FROM\W+benefit_campaigns/is.test(q) && !/FOR UPDATE|"c"\."remaining"|`c`\.`remaining`/.test(q)).length).toBeLessThanOrEqual(5);
    expect(sql.filter((q) => /^UPDATE\b.*benefit_campaigns/is.test(q)).length).toBeLessThanOrEqual(4);
    expect(sql.filter((q) => /FROM\W+memberships/i.test(q)).length).toBeLessThanOrEqual(8);
    expect(sql.filter((q) => /FROM\W+benefit_claims/i.test(q)).length).toBeLessThanOrEqual(8);
    const c = await t.ds.getRepository(Campaign).findOneByOrFail({ id });
    expect([c.remaining, c.claimed]).toEqual([60, 40]);
    expect(await t.ds.getRepository(BenefitClaim).countBy({ campaignId: id })).toBe(40);
  });

  it('a lone claim reads neither the campaign nor its stock again after the batch', async () => {
    const id = await published(10);
    const [warm, m] = await members(2);
    await claim(warm, id); // a running server has the campaign and the members' org in memory
    let body: { remaining?: number; claimedByMe?: number } = {};
    const sql = await counted(async () => (body = (await claim(m, id)).json()));
    expect(body).toMatchObject({ remaining: 8, claimedByMe: 1 });
    const update = sql.findIndex((q) => /^UPDATE\b.*benefit_campaigns/is.test(q));
    const reads = sql.map((q, i) => (/^SELECT\b.*FROM\W+benefit_campaigns/is.test(q) ? i : -1)).filter((i) => i >= 0);
    expect(update).toBeGreaterThan(0);
    expect(reads.every((i) => i < update)).toBe(true);
    // The guard, the idempotency insert, facts, counts; BEGIN, lock, 2 inserts, the stock's update, COMMIT; the idempotency completion.
    expect(sql.length).toBeLessThanOrEqual(11);
  });

  it('after the sell-out a loser costs the guard and the idempotency record, and is told 已抢光', async () => {
    const id = await published(1);
    const [a, b, c] = await members(3);
    expect((await claim(a, id)).statusCode).toBe(201);
    expect((await claim(b, id)).statusCode).toBe(409); // this replica learns it is sold out
    let res: [number, string] = [0, ''];
    const sql = await counted(async () => {
      const r = await claim(c, id);
      res = [r.statusCode, r.json().code];
    });
    expect(res).toEqual([409, 'COUPON_SOLD_OUT']);
    expect(sql.filter((q) => /benefit_claims|benefit_campaigns|START TRANSACTION|BEGIN/i.test(q))).toEqual([]);
    expect(sql.length).toBeLessThanOrEqual(4);
  });
});
