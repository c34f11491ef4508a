import { IdempotencyRecord } from '../src/idempotency/idempotency-record.entity';
import { IDEMPOTENCY_PENDING_LEASE_MS, IdempotencyService } from '../src/idempotency/idempotency.service';
import { Org } from '../src/orgs/org.entity';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

describe('Idempotency-Key on creates', () => {
  let t: TestApp;
  let officer: Session, otherOfficer: Session;
  beforeAll(async () => {
    t = await createTestApp();
    officer = await devLogin(t.app, 'demo-officer-sm');
    otherOfficer = await devLogin(t.app, 'idem-officer-2', ['officer'], 'XM-SM');
  });
  afterAll(() => t.close());

  const create = (s: Session, key: string | undefined, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/orgs', headers: { ...s.auth, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  const orgCount = (code: string) => t.ds.getRepository(Org).countBy({ code });
  const body = (code: string) => ({ parentCode: 'XM-SM-LQ', code, name: `测试工会${code}`, level: 'enterprise' });

  it('a retry with the same key replays the first response byte for byte and creates nothing new', async () => {
    const first = await create(officer, 'key-replay-0001', body('IDEM-A'));
    expect(first.statusCode).toBe(201);
    const again = await create(officer, 'key-replay-0001', body('IDEM-A'));
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await orgCount('IDEM-A')).toBe(1);
  });

  it('key order in the body does not matter', async () => {
    const first = await create(officer, 'key-order-00001', { level: 'enterprise', name: '测试工会B', code: 'IDEM-B', parentCode: 'XM-SM-LQ' });
    const again = await create(officer, 'key-order-00001', { parentCode: 'XM-SM-LQ', code: 'IDEM-B', name: '测试工会B', level: 'enterprise' });
    expect(again.body).toBe(first.body);
  });

  it('the same key with another body is 422 IDEMPOTENCY_KEY_REUSED and changes nothing', async () => {
    await create(officer, 'key-reuse-00001', body('IDEM-C'));
    const res = await create(officer, 'key-reuse-00001', body('IDEM-D'));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await orgCount('IDEM-D')).toBe(0);
  });

  it('20 concurrent duplicates execute once and all get the same answer', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => create(officer, 'key-concurrent-01', body('IDEM-E'))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    expect(await orgCount('IDEM-E')).toBe(1);
  });

  it('keys are per user: another user with the same key runs their own request', async () => {
    await create(officer, 'key-peruser-0001', body('IDEM-F'));
    const res = await create(otherOfficer, 'key-peruser-0001', body('IDEM-G'));
    expect(res.statusCode).toBe(201);
    expect(res.json().code).toBe('IDEM-G');
  });

  it('a failed first attempt does not burn the key: the retry runs', async () => {
    const fail = await create(officer, 'key-failed-00001', { ...body('IDEM-H'), parentCode: 'NOPE' });
    expect(fail.statusCode).toBe(404);
    const retry = await create(officer, 'key-failed-00001', { ...body('IDEM-H'), parentCode: 'NOPE' });
    expect(retry.statusCode).toBe(404);
    expect(await t.ds.getRepository(IdempotencyRecord).countBy({ idemKey: 'key-failed-00001' })).toBe(0);
  });

  it('a key left pending by a server that died mid-request is taken over by the retry after the lease', async () => {
    const first = await create(officer, 'key-crashed-001', body('IDEM-CRASH'));
    expect(first.statusCode).toBe(201);
    // What a crash leaves: the record still pending, the work rolled back.
    const records = t.ds.getRepository(IdempotencyRecord);
    const rec = await records.findOneByOrFail({ idemKey: 'key-crashed-001' });
    await records.update({ id: rec.id }, { state: 'pending', responseStatus: null, responseBody: null, createdAt: new Date(Date.now() - IDEMPOTENCY_PENDING_LEASE_MS - 1000) });
    await t.ds.getRepository(Org).delete({ code: 'IDEM-CRASH' });
    const retry = await create(officer, 'key-crashed-001', body('IDEM-CRASH'));
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await orgCount('IDEM-CRASH')).toBe(1);
  });

  it('malformed keys are 400 IDEMPOTENCY_KEY_INVALID', async () => {
    for (const key of ['short', 'has space in it!', 'x'.repeat(101)]) {
      const res = await create(officer, key, body('IDEM-I'));
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    expect(await orgCount('IDEM-I')).toBe(0);
  });

  it('records are kept 24 h and purged after', async () => {
    await create(officer, 'key-expiry-00001', body('IDEM-J'));
    const rec = await t.ds.getRepository(IdempotencyRecord).findOneByOrFail({ idemKey: 'key-expiry-00001' });
    const hours = (rec.expiresAt.getTime() - rec.createdAt.getTime()) / 3600_000;
    expect(hours).toBeGreaterThanOrEqual(24);
    const svc = t.app.get(IdempotencyService);
    expect(await svc.purgeExpired(new Date(Date.now() + 23 * 3600_000))).toBe(0);
    expect(await svc.purgeExpired(new Date(Date.now() + 25 * 3600_000))).toBeGreaterThanOrEqual(1);
  });
});
