import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { StationsService } from '../src/stations/stations.service';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * Run by stations-timezone.test.ts in a separate Jest process started with TZ=America/New_York (a test cannot change
 * its own process's zone: Jest hands tests a copy of process.env). Open-now, the next change, the open-now filter,
 * stored event times and the Beijing times in messages must not move.
 */

/** A Beijing wall-clock time as an instant. 2026-11-23 is a Monday. */
const bj = (iso: string) => new Date(`${iso}+08:00`);

describe('stations with the server in another time zone', () => {
  let t: TestApp;
  let admin: Session, master: Session;
  const spot = { lat: 24.4801, lng: 118.1301 };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await devLogin(t.app, 'demo-admin');
    master = await devLogin(t.app, 'demo-station-master');
    const csv = `code,name,address,district,lat,lng,level,hostType,orgCode,hours\nTZ-01,朝九晚五驿站,思明区时区路 1 号,思明区,${spot.lat},${spot.lng},point,bank,XM-SM,09:00-17:00`;
    expect((await t.app.inject({ method: 'POST', url: '/api/stations/import', headers: admin.auth, payload: { csv } })).json()).toMatchObject({ created: 1 });
  });
  afterAll(() => t.close());

  it('the process really runs in New York time', () => {
    expect(new Date('2026-11-23T00:00:00Z').getTimezoneOffset()).toBe(300);
  });

  it('open-now, the next change and the open-now filter follow Beijing hours', () => {
    const stations = t.app.get(StationsService);
    const at = (now: Date, openNow = false) =>
      (JSON.parse(stations.nearbyJson({ ...spot, limit: 50, radiusKm: 0.1, openNow }, now).toString()) as Array<{ code: string }>).find((s) => s.code === 'TZ-01');
    // 09:30 in Beijing is 20:30 the evening before in New York
    expect(at(bj('2026-11-23T09:30:00'))).toMatchObject({ isOpenNow: true, nextChange: bj('2026-11-23T17:00:00').toISOString() });
    expect(at(bj('2026-11-23T08:30:00'))).toMatchObject({ isOpenNow: false, nextChange: bj('2026-11-23T09:00:00').toISOString() });
    expect(at(bj('2026-11-23T17:00:00'))).toMatchObject({ isOpenNow: false, nextChange: bj('2026-11-24T09:00:00').toISOString() });
    expect(at(bj('2026-11-23T08:30:00'), true)).toBeUndefined();
    expect(at(bj('2026-11-23T16:59:00'), true)).toMatchObject({ isOpenNow: true });
  });

  it('event times round-trip through the database unchanged, and messages give Beijing time', async () => {
    const station = (await t.app.inject({ method: 'GET', url: `/api/stations?q=${encodeURIComponent('中山路工会驿站')}` })).json().items[0];
    const year = new Date().getUTCFullYear() + 1;
    const startsAt = `${year}-01-10T02:00:00.000Z`; // 10:00 in Beijing, 21:00 the day before in New York
    const endsAt = `${year}-01-10T04:00:00.000Z`;
    const created = await t.app.inject({ method: 'POST', url: `/api/stations/${station.id}/events`, headers: master.auth, payload: { title: '时区测试活动', kind: 'class', startsAt, endsAt, capacity: 5 } });
    expect(created.statusCode).toBe(201);
    const ev = created.json();
    const rider = await devLogin(t.app, 'tz-rider');
    expect((await t.app.inject({ method: 'POST', url: `/api/events/${ev.id}/signups`, headers: rider.auth })).statusCode).toBe(201);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/events/mine', headers: rider.auth })).json();
    expect(mine.find((e: { id: string }) => e.id === ev.id)).toMatchObject({ startsAt, endsAt });
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/events/${ev.id}`, headers: master.auth, payload: { title: '时区测试活动', kind: 'class', startsAt: `${year}-01-10T06:30:00.000Z`, endsAt: `${year}-01-10T08:00:00.000Z`, capacity: 5 } });
    expect(moved.statusCode).toBe(200);
    const [msg] = await t.ds.getRepository(InboxMessage).findBy({ userId: rider.user.id });
    expect(msg.body).toContain('1月10日 14:30–16:00');
  });
});
