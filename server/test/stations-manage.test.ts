import { StationEvent } from '../src/stations/station-event.entity';
import { Station } from '../src/stations/station.entity';
import { UsersService } from '../src/users/users.service';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * The keepers' routes: `GET /api/stations/manage` (the stations the caller may edit, suspended ones included)
 * and `GET /api/stations/:id/manage` (one station whatever its status, with all its recent and coming events).
 */
describe('station upkeep views (manage)', () => {
  let t: TestApp;
  let master: Session, otherMaster: Session, officerSM: Session, officerHL: Session, admin: Session, worker: Session;
  let own: Station, other: Station;
  beforeAll(async () => {
    t = await createTestApp();
    master = await devLogin(t.app, 'demo-station-master');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    admin = await devLogin(t.app, 'demo-admin');
    worker = await devLogin(t.app, 'manage-worker');
    own = await t.ds.getRepository(Station).findOneByOrFail({ code: 'ST-SM-01' });
    other = await t.ds.getRepository(Station).findOneByOrFail({ code: 'ST-SM-02' });
    const csv = ['code,name,address,district,lat,lng,level,hostType,orgCode,hours', 'MG-1,100%暖心驿站,思明区百分路 1 号,思明区,24.471,118.101,point,other,XM-SM,24h', 'MG-2,1000暖心驿站,思明区千号路 2 号,思明区,24.472,118.102,point,other,XM-SM,24h', 'MG-3,A_B 驿站,思明区下划线路 3 号,思明区,24.473,118.103,point,other,XM-SM,24h', 'MG-4,AXB 驿站,思明区字母路 4 号,思明区,24.474,118.104,point,other,XM-SM,24h'].join('\n');
    expect((await t.app.inject({ method: 'POST', url: '/api/stations/import', headers: admin.auth, payload: { csv } })).json()).toMatchObject({ created: 4, rejected: 0 });
    otherMaster = await devLogin(t.app, 'manage-other-master', ['station_master']);
    await t.app.get(UsersService).setGrants(otherMaster.user.id, [
      { role: 'worker', orgId: null },
      { role: 'station_master', orgId: null, scopeRef: other.id },
    ]);
  });
  afterAll(() => t.close());

  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s?.auth });
  const patch = (url: string, s: Session, payload: object) => t.app.inject({ method: 'PATCH', url, headers: s.auth, payload });
  const codes = async (url: string, s: Session) => {
    const res = await get(url, s);
    expect([url, res.statusCode]).toEqual([url, 200]);
    return (res.json().items as Array<{ code: string }>).map((x) => x.code);
  };
  /** Every page of the list, following `nextAfter`. */
  const allPages = async (s: Session, q = '') => {
    const out: Array<{ code: string; status: string }> = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res = await get(`/api/stations/manage?${q}${after ? `&after=${after}` : ''}`, s);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ code: string; status: string }>; nextAfter: string | null };
      expect(body.items.length).toBeLessThanOrEqual(20);
      out.push(...body.items);
      after = body.nextAfter;
      if (!after) return out;
    }
    throw new Error('pagination did not end');
  };

  describe('GET /api/stations/manage', () => {
    it('is its own route, not read as a station id', async () => {
      const res = await get('/api/stations/manage', master);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ items: expect.any(Array), nextAfter: null });
      // Without a session it is refused like any staff route, not 400/404 as a bad id would be.
      expect((await get('/api/stations/manage')).statusCode).toBe(401);
    });

    it('a station master sees exactly their own stations; another master theirs', async () => {
      expect(await codes('/api/stations/manage', master)).toEqual(['ST-SM-01']);
      expect(await codes('/api/stations/manage', otherMaster)).toEqual(['ST-SM-02']);
    });

    it('an officer sees the stations of their org subtree, an admin all of them, in code order across pages', async () => {
      const repo = t.ds.getRepository(Station);
      const sm = (await allPages(officerSM)).map((x) => x.code);
      const smOrgId = (await repo.findOneByOrFail({ code: 'ST-SM-01' })).orgId;
      expect(sm).toEqual((await repo.find({ where: { orgId: smOrgId }, order: { code: 'ASC' } })).map((x) => x.code));
      const hl = (await allPages(officerHL)).map((x) => x.code);
      expect(hl.length).toBeGreaterThan(0);
      expect(hl.some((c) => sm.includes(c))).toBe(false);
      const all = (await allPages(admin)).map((x) => x.code);
      const stored = (await repo.find({ order: { code: 'ASC' } })).map((x) => x.code);
      expect(stored.length).toBeGreaterThan(20);
      expect(all).toEqual(stored);
      expect(new Set(all).size).toBe(all.length);
    });

    it('workers may not list stations to manage', async () => {
      expect((await get('/api/stations/manage', worker)).statusCode).toBe(403);
    });

    it('matches name or address literally (LIKE wildcards escaped) within the caller’s stations', async () => {
      expect(await codes(`/api/stations/manage?q=${encodeURIComponent('中山路')}`, master)).toEqual(['ST-SM-01']);
      expect(await codes(`/api/stations/manage?q=${encodeURIComponent('火车站')}`, master)).toEqual([]);
      expect(await codes(`/api/stations/manage?q=${encodeURIComponent('火车站')}`, officerSM)).toEqual(['ST-SM-02']);
      expect(await codes(`/api/stations/manage?q=${encodeURIComponent('%')}`, officerSM)).toEqual(['MG-1']);
      expect(await codes(`/api/stations/manage?q=${encodeURIComponent('A_B')}`, officerSM)).toEqual(['MG-3']);
      expect(await codes(`/api/stations/manage?q=${encodeURIComponent('暖心')}`, officerSM)).toEqual(['MG-1', 'MG-2']);
      expect(await codes(`/api/stations/manage?q=${encodeURIComponent('暖心')}`, officerHL)).toEqual([]);
      expect(await codes(`/api/stations/manage?q=${encodeURIComponent('暖心')}`, master)).toEqual([]);
    });

    it('refuses a bad cursor or keyword with field messages', async () => {
      for (const [q, field] of [['after=a%20b', 'after'], [`q=${'长'.repeat(51)}`, 'q']]) {
        const res = await get(`/api/stations/manage?${q}`, admin);
        expect(res.statusCode).toBe(400);
        expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });

  describe('GET /api/stations/:id/manage', () => {
    it('gives the keeper the full station with status, hours, closures and events', async () => {
      const res = await get(`/api/stations/${own.id}/manage`, master);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ id: own.id, code: 'ST-SM-01', status: 'open', hours: expect.any(Object), closures: [], services: expect.any(Array) });
      expect(body).toHaveProperty('phone');
      expect(body).toHaveProperty('parent');
      expect(body.events.length).toBeGreaterThan(0);
      expect(body.events[0]).toMatchObject({ signedUp: 0, capacity: expect.any(Number), status: 'scheduled' });
    });

    it('lists cancelled events and those ended in the last 30 days, but not older ones', async () => {
      const repo = t.ds.getRepository(StationEvent);
      const day = 86_400_000;
      const now = Date.now();
      const mk = (title: string, startOffset: number, status: 'scheduled' | 'cancelled') =>
        repo.create({
          id: `00000000-0000-4000-8000-${String(Math.abs(startOffset)).padStart(12, '0')}`,
          stationId: own.id, title, kind: 'concert', description: null,
          startsAt: new Date(now + startOffset), endsAt: new Date(now + startOffset + 3600_000),
          capacity: 10, signedUp: 3, status, createdAt: new Date(), updatedAt: new Date(),
        });
      await repo.insert([mk('上周的讲座', -7 * day, 'scheduled'), mk('两月前的讲座', -60 * day, 'scheduled'), mk('已取消的音乐会', 2 * day, 'cancelled')]);
      const titles = ((await get(`/api/stations/${own.id}/manage`, master)).json().events as Array<{ title: string }>).map((e) => e.title);
      expect(titles).toEqual(expect.arrayContaining(['上周的讲座', '已取消的音乐会']));
      expect(titles).not.toContain('两月前的讲座');
      const pub = ((await get(`/api/stations/${own.id}`)).json().events as Array<{ title: string }>).map((e) => e.title);
      expect(pub).not.toContain('已取消的音乐会');
      expect(pub).not.toContain('上周的讲座');
    });

    it('refuses other masters, officers of another district and workers; unknown ids are 404', async () => {
      expect((await get(`/api/stations/${own.id}/manage`, otherMaster)).statusCode).toBe(403);
      expect((await get(`/api/stations/${other.id}/manage`, master)).statusCode).toBe(403);
      expect((await get(`/api/stations/${own.id}/manage`, officerHL)).statusCode).toBe(403);
      expect((await get(`/api/stations/${own.id}/manage`, worker)).statusCode).toBe(403);
      expect((await get(`/api/stations/${own.id}/manage`)).statusCode).toBe(401);
      expect((await get(`/api/stations/${own.id}/manage`, officerSM)).statusCode).toBe(200);
      expect((await get(`/api/stations/${own.id}/manage`, admin)).statusCode).toBe(200);
      expect((await get('/api/stations/00000000-0000-4000-8000-000000000000/manage', admin)).statusCode).toBe(404);
      expect((await get('/api/stations/nope/manage', admin)).statusCode).toBe(404);
    });
  });

  it('a suspended station stays with its keeper (list and detail) and leaves the public routes until reopened', async () => {
    const s = await t.ds.getRepository(Station).findOneByOrFail({ code: 'ST-SM-02' });
    expect((await patch(`/api/stations/${s.id}`, otherMaster, { status: 'suspended' })).statusCode).toBe(200);

    expect((await get(`/api/stations/${s.id}`)).statusCode).toBe(404);
    expect((await get(`/api/stations?q=${encodeURIComponent('火车站')}`)).json().items).toEqual([]);
    const near = (await get(`/api/stations/nearby?lat=${s.lat}&lng=${s.lng}&limit=5`)).json() as Array<{ id: string }>;
    expect(near.map((x) => x.id)).not.toContain(s.id);

    const mine = (await get('/api/stations/manage', otherMaster)).json().items;
    expect(mine).toEqual([expect.objectContaining({ code: 'ST-SM-02', status: 'suspended' })]);
    expect((await allPages(officerSM)).find((x) => x.code === 'ST-SM-02')).toMatchObject({ status: 'suspended' });
    const detail = await get(`/api/stations/${s.id}/manage`, otherMaster);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ code: 'ST-SM-02', name: s.name, status: 'suspended' });
    // Still nobody else's.
    expect((await get(`/api/stations/${s.id}/manage`, master)).statusCode).toBe(403);

    expect((await patch(`/api/stations/${s.id}`, otherMaster, { status: 'open' })).statusCode).toBe(200);
    expect((await get(`/api/stations/${s.id}`)).statusCode).toBe(200);
    expect((await get('/api/stations/manage', otherMaster)).json().items[0]).toMatchObject({ code: 'ST-SM-02', status: 'open' });
  });
});
