import { ERROR_MESSAGES } from '@nuanxin/shared';
import { IdempotencyService } from '../src/idempotency/idempotency.service';
import { Station } from '../src/stations/station.entity';
import { StationsService } from '../src/stations/stations.service';
import { gate } from './helpers/race';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

const DAY = 86400_000;

/**
 * Issue 16's Idempotency-Key holes: replays of the stations' creates (event, rating, sign-up), the same key sent to
 * another `:id`, and a duplicate that waits longer than the first request takes (IDEMPOTENCY_IN_PROGRESS).
 */
describe('Idempotency-Key on the stations routes', () => {
  let t: TestApp;
  let master: Session;
  let station: Station;
  let n = 0;
  const worker = () => devLogin(t.app, `holes-idem-worker-${++n}`);

  beforeAll(async () => {
    t = await createTestApp();
    master = await devLogin(t.app, 'demo-station-master'); // runs ST-SM-01
    station = await t.ds.getRepository(Station).findOneByOrFail({ code: 'ST-SM-01' });
  });
  afterAll(() => t.close());

  const post = (s: Session, url: string, key: string | undefined, payload: object = {}) =>
    t.app.inject({ method: 'POST', url, headers: { ...s.auth, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  const eventBody = (title: string, capacity = 10) => {
    const start = new Date(Date.now() + 2 * DAY);
    return { title, kind: 'class', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(), capacity };
  };
  const events = async () => (await t.app.inject({ method: 'GET', url: `/api/stations/${station.id}` })).json().events as Array<{ id: string; title: string; signedUp: number }>;
  const newEvent = async (title: string, capacity = 10) => {
    const res = await post(master, `/api/stations/${station.id}/events`, undefined, eventBody(title, capacity));
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string };
  };

  it('publishing an event twice with one key creates one event and replays the first answer byte for byte', async () => {
    const body = eventBody('职工书法课');
    const first = await post(master, `/api/stations/${station.id}/events`, 'event-create-0001', body);
    const again = await post(master, `/api/stations/${station.id}/events`, 'event-create-0001', body);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await events()).filter((e) => e.title === '职工书法课')).toHaveLength(1);
  });

  it('a rating retried with its key counts once and answers the same (without a key, the retry is ALREADY_RATED_TODAY)', async () => {
    const w = await worker();
    const before = (await t.app.inject({ method: 'GET', url: `/api/stations/${station.id}` })).json().ratingCount as number;
    const first = await post(w, `/api/stations/${station.id}/ratings`, 'rating-key-0001', { score: 4, comment: '热水很方便' });
    const again = await post(w, `/api/stations/${station.id}/ratings`, 'rating-key-0001', { score: 4, comment: '热水很方便' });
    expect(first.statusCode).toBe(201);
    expect([again.statusCode, again.body, again.headers['idempotent-replayed']]).toEqual([201, first.body, 'true']);
    const after = (await t.app.inject({ method: 'GET', url: `/api/stations/${station.id}` })).json().ratingCount as number;
    expect(after).toBe(before + 1);
    const plain = await post(w, `/api/stations/${station.id}/ratings`, undefined, { score: 4, comment: '热水很方便' });
    expect([plain.statusCode, plain.json().code]).toEqual([409, 'ALREADY_RATED_TODAY']);
  });

  it('a sign-up retried with its key takes one seat and replays; without the key the retry is ALREADY_SIGNED_UP', async () => {
    const ev = await newEvent('急救培训', 5);
    const w = await worker();
    const first = await post(w, `/api/events/${ev.id}/signups`, 'signup-key-00001');
    const again = await post(w, `/api/events/${ev.id}/signups`, 'signup-key-00001');
    expect(first.statusCode).toBe(201);
    expect([again.statusCode, again.body, again.headers['idempotent-replayed']]).toEqual([201, first.body, 'true']);
    expect((await events()).find((e) => e.id === ev.id)!.signedUp).toBe(1);
    expect((await post(w, `/api/events/${ev.id}/signups`, undefined)).json().code).toBe('ALREADY_SIGNED_UP');
  });

  it('the same key on another :id is 422 IDEMPOTENCY_KEY_REUSED: the first answer is not replayed for the other event, which stays untouched', async () => {
    const a = await newEvent('手机摄影课');
    const b = await newEvent('理财讲座');
    const w = await worker();
    expect((await post(w, `/api/events/${a.id}/signups`, 'signup-shared-01')).statusCode).toBe(201);
    const other = await post(w, `/api/events/${b.id}/signups`, 'signup-shared-01');
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: ERROR_MESSAGES.IDEMPOTENCY_KEY_REUSED });
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect((await events()).find((e) => e.id === b.id)!.signedUp).toBe(0);
    // With its own key the sign-up goes through.
    expect((await post(w, `/api/events/${b.id}/signups`, 'signup-own-key-02')).statusCode).toBe(201);
  });

  it('a duplicate that waits longer than the wait limit for the first request is 409 IDEMPOTENCY_IN_PROGRESS; the first still lands once and is replayed after', async () => {
    const ev = await newEvent('夜间安全骑行讲座');
    const w = await worker();
    const idem = t.app.get(IdempotencyService);
    const stations = t.app.get(StationsService);
    const original = stations.signUp.bind(stations);
    const entered = gate();
    const hold = gate();
    const spy = jest.spyOn(stations, 'signUp').mockImplementationOnce(async (...args) => {
      entered.open();
      await hold.promise;
      return original(...args);
    });
    idem.waitLimitMs = 300;
    try {
      const first = post(w, `/api/events/${ev.id}/signups`, 'signup-slow-0001');
      await entered.promise; // the first request holds the key and is working
      const dup = await post(w, `/api/events/${ev.id}/signups`, 'signup-slow-0001');
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', message: ERROR_MESSAGES.IDEMPOTENCY_IN_PROGRESS });
      hold.open();
      const done = await first;
      expect(done.statusCode).toBe(201);
      const replay = await post(w, `/api/events/${ev.id}/signups`, 'signup-slow-0001');
      expect([replay.statusCode, replay.body, replay.headers['idempotent-replayed']]).toEqual([201, done.body, 'true']);
      expect((await events()).find((e) => e.id === ev.id)!.signedUp).toBe(1);
    } finally {
      idem.waitLimitMs = 15_000;
      spy.mockRestore();
      hold.open();
    }
  });
});
