import { haversineMeters } from '@nuanxin/shared';
import { nextValue } from '../src/counters/counters';
import { StationIndexService, STATIONS_VERSION } from '../src/stations/station-index.service';
import { Station } from '../src/stations/station.entity';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** Xiamen, near Zhongshan Park. */
const HERE = { lat: 24.4637, lng: 118.0978 };

describe('stations (工会驿站)', () => {
  let t: TestApp;
  let master: Session, officerSM: Session, officerHL: Session, admin: Session;
  let n = 0;
  const worker = () => devLogin(t.app, `station-worker-${++n}`);
  beforeAll(async () => {
    t = await createTestApp();
    master = await devLogin(t.app, 'demo-station-master');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    admin = await devLogin(t.app, 'demo-admin');
  });
  afterAll(() => t.close());

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.auth });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, s: Session, payload?: object) => t.app.inject({ method, url, headers: s.auth, payload });
  const stationByCode = (code: string) => t.ds.getRepository(Station).findOneByOrFail({ code });

  describe('nearby', () => {
    it('returns the nearest stations first, exactly as a full scan would, with distances', async () => {
      const res = await get(`/api/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=10&radiusKm=20`);
      expect(res.statusCode).toBe(200);
      const got = res.json() as Array<{ id: string; distanceMeters: number; isOpenNow: boolean }>;
      const all = await t.ds.getRepository(Station).findBy({ status: 'open' });
      const expected = all
        .map((s) => ({ id: s.id, d: haversineMeters(HERE.lat, HERE.lng, s.lat, s.lng) }))
        .filter((x) => x.d <= 20_000)
        .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
        .slice(0, 10);
      expect(got.map((s) => s.id)).toEqual(expected.map((x) => x.id));
      expect(got.map((s) => s.distanceMeters)).toEqual(expected.map((x) => Math.round(x.d)));
      expect(typeof got[0].isOpenNow).toBe('boolean');
    });

    it('filters by every requested service and by open-now', async () => {
      const withWifi = (await get(`/api/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=50&radiusKm=50&services=wifi,water_hot`)).json();
      expect(withWifi.length).toBeGreaterThan(0);
      for (const s of withWifi) expect(s.services).toEqual(expect.arrayContaining(['wifi', 'water_hot']));
      const open = (await get(`/api/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=50&radiusKm=50&openNow=true`)).json();
      for (const s of open) expect(s.isOpenNow).toBe(true);
    });

    it('refuses bad coordinates and limits with field messages', async () => {
      const cases: Array<[string, string]> = [
        ['lng=118.1', 'lat'],
        ['lat=abc&lng=118.1', 'lat'],
        ['lat=NaN&lng=118.1', 'lat'],
        ['lat=51.5&lng=-0.12', 'lat'],
        [`lat=${HERE.lat}&lng=${HERE.lng}&limit=51`, 'limit'],
        [`lat=${HERE.lat}&lng=${HERE.lng}&radiusKm=51`, 'radiusKm'],
        [`lat=${HERE.lat}&lng=${HERE.lng}&services=teleport`, 'services'],
      ];
      for (const [q, field] of cases) {
        const res = await get(`/api/stations/nearby?${q}`);
        expect([q, res.statusCode]).toEqual([q, 400]);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });

  describe('catalogue, search and detail', () => {
    it('lists the service catalogue', async () => {
      const res = (await get('/api/stations/services')).json();
      expect(res.items.length).toBeGreaterThanOrEqual(30);
      expect(res.items.filter((i: { kind: string }) => i.kind === 'special').length).toBeGreaterThan(5);
    });

    it('searches by name and district, paged by code', async () => {
      const page = (await get(`/api/stations?district=${encodeURIComponent('思明区')}`)).json();
      expect(page.items.length).toBe(11);
      expect(page.items.every((s: { district: string }) => s.district === '思明区')).toBe(true);
      const byName = (await get(`/api/stations?q=${encodeURIComponent('鼓浪屿')}`)).json();
      expect(byName.items.map((s: { name: string }) => s.name)).toEqual(['鼓浪屿轮渡驿站']);
      const first = (await get('/api/stations')).json();
      expect(first.items).toHaveLength(20);
      const second = (await get(`/api/stations?after=${first.nextAfter}`)).json();
      expect(second.items[0].code > first.items[19].code).toBe(true);
    });

    it('shows a station with hours, events and rating; unknown ids are 404', async () => {
      const hub = await stationByCode('ST-SM-01');
      const res = (await get(`/api/stations/${hub.id}`)).json();
      expect(res).toMatchObject({ code: 'ST-SM-01', alwaysOpen: true, isOpenNow: true });
      expect(res.events.length).toBe(2);
      expect(res.events[0]).toMatchObject({ capacity: 30, seatsLeft: 30 });
      expect((await get('/api/stations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect((await get('/api/stations/nope')).statusCode).toBe(404);
    });
  });

  describe('upkeep', () => {
    it('a station master edits their own station; the index follows at once', async () => {
      const own = await stationByCode('ST-SM-01');
      const now = new Date();
      const closure = { from: new Date(now.getTime() - 60_000).toISOString(), to: new Date(now.getTime() + 3600_000).toISOString(), reason: '停电检修' };
      const res = await send('PATCH', `/api/stations/${own.id}`, master, { closures: [closure], services: ['water_hot', 'wifi'] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ isOpenNow: false, closedReason: '停电检修', services: ['water_hot', 'wifi'] });
      const open = (await get(`/api/stations/nearby?lat=${own.lat}&lng=${own.lng}&limit=5&openNow=true`)).json();
      expect(open.map((s: { id: string }) => s.id)).not.toContain(own.id);
      await send('PATCH', `/api/stations/${own.id}`, master, { closures: [] });
      const back = (await get(`/api/stations/nearby?lat=${own.lat}&lng=${own.lng}&limit=1`)).json();
      expect(back[0]).toMatchObject({ id: own.id, isOpenNow: true });
    });

    it('nobody edits a station that is not theirs', async () => {
      const other = await stationByCode('ST-SM-02');
      expect((await send('PATCH', `/api/stations/${other.id}`, master, { phone: '0592-0000000' })).statusCode).toBe(403);
      expect((await send('PATCH', `/api/stations/${other.id}`, officerHL, { phone: '0592-0000000' })).statusCode).toBe(403);
      expect((await send('PATCH', `/api/stations/${other.id}`, await worker(), { phone: '0592-0000000' })).statusCode).toBe(403);
      expect((await send('PATCH', `/api/stations/${other.id}`, officerSM, { phone: '0592-1234567' })).statusCode).toBe(200);
      const bad = await send('PATCH', `/api/stations/${other.id}`, officerSM, { hours: { alwaysOpen: false, days: [[{ open: '8:00', close: '20:00' }]] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe('hours.days');
    });

    it('a suspended station leaves search and detail', async () => {
      const s = await stationByCode('ST-XA-42');
      await send('PATCH', `/api/stations/${s.id}`, admin, { status: 'suspended' });
      const near = (await get(`/api/stations/nearby?lat=${s.lat}&lng=${s.lng}&limit=3`)).json();
      expect(near.map((x: { id: string }) => x.id)).not.toContain(s.id);
      expect((await get(`/api/stations/${s.id}`)).statusCode).toBe(404);
    });

    it('another replica picks up a change through the version row', async () => {
      const index = t.app.get(StationIndexService);
      expect(await index.refreshIfChanged()).toBe(false);
      const s = await stationByCode('ST-XA-41');
      // a write made by "another replica": the row and the version, nothing in this process's memory
      await t.ds.transaction(async (em) => {
        await em.update(Station, { id: s.id }, { status: 'suspended' });
        await nextValue(em, STATIONS_VERSION);
      });
      const before = index.size;
      expect(await index.refreshIfChanged()).toBe(true);
      expect(index.size).toBe(before - 1);
    });
  });

  describe('events', () => {
    let eventId: string;
    beforeAll(async () => {
      const own = await stationByCode('ST-SM-01');
      const start = new Date(Date.now() + 86400_000);
      const res = await send('POST', `/api/stations/${own.id}/events`, master, { title: '健康义诊', kind: 'health_check', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 7200_000).toISOString(), capacity: 10 });
      expect(res.statusCode).toBe(201);
      eventId = res.json().id;
    });

    it('50 riders racing for 10 seats: exactly 10 get one', async () => {
      const riders = await Promise.all(Array.from({ length: 50 }, () => worker()));
      const results = await Promise.all(riders.map((r) => send('POST', `/api/events/${eventId}/signups`, r)));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
      for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('EVENT_FULL');
      const detail = (await get(`/api/stations/${(await stationByCode('ST-SM-01')).id}`)).json();
      expect(detail.events.find((e: { id: string }) => e.id === eventId)).toMatchObject({ signedUp: 10, seatsLeft: 0 });
      // a cancellation frees exactly one seat
      const lucky = riders[results.findIndex((r) => r.statusCode === 201)];
      expect((await send('DELETE', `/api/events/${eventId}/signups`, lucky)).json().seatsLeft).toBe(1);
      expect((await send('DELETE', `/api/events/${eventId}/signups`, lucky)).statusCode).toBe(404);
    });

    it('one seat per person, listed under my events, told when cancelled', async () => {
      const own = await stationByCode('ST-SM-01');
      const start = new Date(Date.now() + 2 * 86400_000);
      const ev = (await send('POST', `/api/stations/${own.id}/events`, master, { title: '驿站读书会', kind: 'class', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString(), capacity: 5 })).json();
      const w = await worker();
      expect((await send('POST', `/api/events/${ev.id}/signups`, w)).statusCode).toBe(201);
      const again = await send('POST', `/api/events/${ev.id}/signups`, w);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ALREADY_SIGNED_UP');
      expect((await get('/api/events/mine', w)).json().map((e: { id: string }) => e.id)).toContain(ev.id);
      expect((await send('POST', `/api/events/${ev.id}/cancel`, officerHL)).statusCode).toBe(403);
      expect((await send('POST', `/api/events/${ev.id}/cancel`, master)).json().status).toBe('cancelled');
      expect((await get('/api/inbox', w)).json().items[0].title).toBe('活动已取消');
      const late = await send('POST', `/api/events/${ev.id}/signups`, await worker());
      expect([late.statusCode, late.json().code]).toEqual([409, 'EVENT_CANCELLED']);
      const badTimes = await send('POST', `/api/stations/${own.id}/events`, master, { title: '时间错误', kind: 'class', startsAt: start.toISOString(), endsAt: start.toISOString(), capacity: 5 });
      expect(badTimes.json().errors[0].field).toBe('endsAt');
    });
  });

  it('ratings: once per person, station and day', async () => {
    const s = await stationByCode('ST-HL-12');
    const w = await worker();
    const first = await send('POST', `/api/stations/${s.id}/ratings`, w, { score: 5, comment: '热水很方便' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ rating: 5, ratingCount: 1 });
    expect((await send('POST', `/api/stations/${s.id}/ratings`, w, { score: 1 })).json().code).toBe('ALREADY_RATED_TODAY');
    expect((await send('POST', `/api/stations/${s.id}/ratings`, await worker(), { score: 4 })).json()).toEqual({ rating: 4.5, ratingCount: 2 });
    expect((await send('POST', `/api/stations/${s.id}/ratings`, w, { score: 6 })).statusCode).toBe(400);
  });

  it('admin CSV import: validated row by row, idempotent by code', async () => {
    const csv = [
      'code,name,address,district,lat,lng,level,hostType,phone,orgCode,services,hours',
      'ST-IMP-01,导入测试驿站一,思明区测试路 1 号,思明区,24.470001,118.100002,point,bank,0592-1111111,XM-SM,water_hot|wifi,24h',
      'ST-IMP-02,导入测试驿站二,湖里区测试路 2 号,湖里区,24.51,118.16,point,other,,XM-HL,toilet,08:00-20:00|21:00-02:00',
      'ST-IMP-03,坐标错误,某处,思明区,51.5,-0.12,point,bank,,XM-SM,,24h',
      'ST-IMP-04,服务错误,某处,思明区,24.47,118.1,tower,bank,,NOPE,teleport,8-20',
    ].join('\n');
    expect((await send('POST', '/api/stations/import', officerSM, { csv })).statusCode).toBe(403);
    const res = (await send('POST', '/api/stations/import', admin, { csv })).json();
    expect(res).toMatchObject({ created: 2, updated: 0, rejected: 2 });
    // London's latitude is within China's range, its longitude is not: reported on lng.
    expect(res.errors.filter((e: { line: number }) => e.line === 4).map((e: { field: string }) => e.field)).toEqual(['lng']);
    expect(res.errors.filter((e: { line: number }) => e.line === 5).map((e: { field: string }) => e.field).sort()).toEqual(['hours', 'level', 'orgCode', 'services']);
    const again = (await send('POST', '/api/stations/import', admin, { csv })).json();
    expect(again).toMatchObject({ created: 0, updated: 2 });
    expect(await t.ds.getRepository(Station).countBy({ code: 'ST-IMP-01' })).toBe(1);
    const near = (await get('/api/stations/nearby?lat=24.470001&lng=118.100002&limit=1')).json();
    expect(near[0]).toMatchObject({ code: 'ST-IMP-01', distanceMeters: 0, alwaysOpen: true });
    const missing = await send('POST', '/api/stations/import', admin, { csv: 'name,address\nX,Y' });
    expect(missing.statusCode).toBe(400);
  });
});
