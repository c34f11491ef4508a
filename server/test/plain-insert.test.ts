import { randomUUID } from 'node:crypto';
import { Coupon } from '../src/benefits/coupon.entity';
import { plainInsert } from '../src/database/plain-insert';
import { IdempotencyRecord } from '../src/idempotency/idempotency-record.entity';
import { createTestApp, DIALECT, type TestApp } from './helpers/test-app';

/**
 * The flash claim's batch and the idempotency records are inserted in plain SQL (`plainInsert`) instead of TypeORM's
 * insert query builder. A member's wallet and a retried request read those rows back through TypeORM: what they read
 * must be exactly what the query builder's insert gave (dates to the millisecond, NULLs, numbers).
 */
describe(`plain multi-row inserts on ${DIALECT}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const coupon = (over: Partial<Coupon> = {}): Coupon =>
    Object.assign(new Coupon(), {
      id: randomUUID(),
      campaignId: randomUUID(),
      claimId: randomUUID(),
      userId: randomUUID(),
      code: String(Math.floor(Math.random() * 1e12)).padStart(12, '0'),
      kind: 'threshold',
      thresholdFen: 5000,
      discountFen: 1000,
      percentOff: null,
      capFen: null,
      validFrom: new Date('2026-05-01T02:00:00.123Z'),
      validUntil: new Date('2026-05-31T15:59:59.999Z'),
      status: 'available',
      claimedAt: new Date('2026-05-01T02:00:00.007Z'),
      usedAt: null,
      remindedAt: null,
      ...over,
    });

  it('stores coupons as the query builder does, and reads them back alike', async () => {
    const viaBuilder = coupon();
    const viaPlain = [coupon(), coupon({ kind: 'percent', percentOff: 15, capFen: 3000, thresholdFen: 0, discountFen: 0 })];
    await t.ds.createQueryBuilder().insert().into(Coupon).values({ ...viaBuilder }).updateEntity(false).execute();
    await plainInsert(t.ds.manager, Coupon, viaPlain);
    const repo = t.ds.getRepository(Coupon);
    const a = await repo.findOneByOrFail({ id: viaBuilder.id });
    const b = await repo.findOneByOrFail({ id: viaPlain[0].id });
    const c = await repo.findOneByOrFail({ id: viaPlain[1].id });
    const strip = ({ id: _id, code: _code, campaignId: _c, claimId: _k, userId: _u, ...rest }: Coupon) => rest;
    expect(strip(b)).toEqual(strip(a));
    expect(b.validFrom.toISOString()).toBe('2026-05-01T02:00:00.123Z');
    expect(b.claimedAt.toISOString()).toBe('2026-05-01T02:00:00.007Z');
    expect(b.usedAt).toBeNull();
    expect(c).toMatchObject({ kind: 'percent', percentOff: 15, capFen: 3000, code: viaPlain[1].code, userId: viaPlain[1].userId });
  });

  it('writes idempotency records with their NULL response, and the unique key still refuses a second one', async () => {
    const now = new Date('2026-05-01T02:00:00.500Z');
    const rec = (idemKey: string) =>
      Object.assign(new IdempotencyRecord(), {
        id: randomUUID(),
        userId: 'u-plain-insert',
        routeKey: 'POST /api/benefits/campaigns/:id/claim',
        idemKey,
        requestHash: 'h'.repeat(64),
        state: 'pending' as const,
        responseStatus: null,
        responseBody: null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 86400_000),
      });
    const first = rec('plain-key-1');
    await plainInsert(t.ds.manager, IdempotencyRecord, [first, rec('plain-key-2')]);
    const back = await t.ds.getRepository(IdempotencyRecord).findOneByOrFail({ id: first.id });
    expect(back).toEqual(first);
    await expect(plainInsert(t.ds.manager, IdempotencyRecord, [rec('plain-key-1')])).rejects.toThrow();
    expect(await t.ds.getRepository(IdempotencyRecord).countBy({ userId: 'u-plain-insert' })).toBe(2);
  });
});
