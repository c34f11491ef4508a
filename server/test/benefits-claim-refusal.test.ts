import { randomUUID } from 'node:crypto';
import { claimsHelpers } from './helpers/claims';
import { flashHelpers } from './helpers/flash';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

/**
 * Once a replica knows a campaign is sold out, a claim is refused from memory: the idempotency interceptor answers
 * the refusal without taking a record (no insert, no delete), unless a record of the same key exists — then the
 * usual path replays it. What members rely on: the same key still gets the same answer (a winner retrying gets their
 * coupons again, not 已抢光), a loser is told 已抢光, a non-member is still told to join first.
 */
describe(`claims refused from memory after the sell-out on ${DIALECT}`, () => {
  let t: TestApp;
  let officer: Session;
  const { post, worker } = claimsHelpers(() => t, 'benefit-refusal');
  const claim = (s: Session, id: string, key = randomUUID()) => post(s, `/api/benefits/campaigns/${id}/claim`, {}, { 'idempotency-key': key });

  const { members, published: publish, counted } = flashHelpers(() => t, { post, worker }, 'BR');
  const published = (stock: number) => publish(officer, stock);
  const writesToRecords = (sql: string[]) => sql.filter((q) => /^(INSERT|DELETE|UPDATE)\b.*idempotency_records/is.test(q));

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    officer = await devLogin(t.app, 'demo-officer-sm');
  });
  afterAll(() => t.close());

  it('a loser is told 已抢光 without an idempotency record written; retrying the same key answers the same', async () => {
    const id = await published(1);
    const [a, b, c] = await members(3);
    expect((await claim(a, id)).statusCode).toBe(201);
    expect((await claim(b, id)).json().code).toBe('COUPON_SOLD_OUT'); // this replica learns it is sold out
    const key = randomUUID();
    const answers: Array<[number, string]> = [];
    const sql = await counted(async () => {
      for (let i = 0; i < 2; i++) {
        const r = await claim(c, id, key);
        answers.push([r.statusCode, r.json().code]);
      }
    });
    expect(answers).toEqual([
      [409, 'COUPON_SOLD_OUT'],
      [409, 'COUPON_SOLD_OUT'],
    ]);
    expect(writesToRecords(sql)).toEqual([]);
    expect(sql.filter((q) => /benefit_claims|benefit_campaigns|START TRANSACTION|BEGIN/i.test(q))).toEqual([]);
    // The guard's grants, the member's facts, the look for the key's record.
    expect(sql.length).toBeLessThanOrEqual(2 * 3);
  });

  it('the winner retrying with the same key after the sell-out gets their coupons again, not 已抢光', async () => {
    const id = await published(1);
    const [a, b] = await members(2);
    const key = randomUUID();
    const first = await claim(a, id, key);
    expect(first.statusCode).toBe(201);
    expect((await claim(b, id)).json().code).toBe('COUPON_SOLD_OUT');
    const again = await claim(a, id, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    // A new key of the winner's: the campaign's answer, nothing replayed.
    const other = await claim(a, id);
    expect([other.statusCode, other.json().code]).toEqual([409, 'COUPON_SOLD_OUT']);
  });

  it('a winner\'s two requests of one key for the last unit: one claim, the same answer twice, and again after the sell-out', async () => {
    const id = await published(2);
    const [a, b, c] = await members(3);
    expect((await claim(a, id)).statusCode).toBe(201);
    const key = randomUUID();
    const [b1, b2] = await Promise.all([claim(b, id, key), claim(b, id, key)]);
    expect([b1.statusCode, b2.statusCode]).toEqual([201, 201]);
    expect(b2.json()).toEqual(b1.json());
    const lost = await claim(c, id); // this replica learns it is sold out
    expect([lost.statusCode, lost.json().code]).toEqual([409, 'COUPON_SOLD_OUT']);
    const late = await claim(b, id, key);
    expect([late.statusCode, late.json()]).toEqual([201, b1.json()]);
  });

  it('after the sell-out a non-member is still told to join first, and an unknown campaign is still 404', async () => {
    const id = await published(1);
    const [a, b] = await members(2);
    expect((await claim(a, id)).statusCode).toBe(201);
    expect((await claim(b, id)).json().code).toBe('COUPON_SOLD_OUT');
    const stranger = await worker();
    const r = await claim(stranger, id);
    expect([r.statusCode, r.json().code]).toEqual([403, 'NOT_A_MEMBER']);
    expect((await claim(a, randomUUID())).statusCode).toBe(404);
  });
});
