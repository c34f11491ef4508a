import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { EventSignup, StationEvent } from '../src/stations/station-event.entity';
import { Station } from '../src/stations/station.entity';
import { UsersService } from '../src/users/users.service';
import { newId } from '../src/database/columns';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

const HOUR = 3600_000;
const DAY = 86400_000;

/** Station events: editing, cancelling, who may do it, and when a rider may (not) sign up. */
describe('station events (驿站活动)', () => {
  let t: TestApp;
  let master: Session, otherMaster: Session, officerSM: Session, officerHL: Session;
  let own: Station, other: Station;
  let n = 0;
  const worker = () => devLogin(t.app, `event-worker-${++n}`);

  beforeAll(async () => {
    t = await createTestApp();
    master = await devLogin(t.app, 'demo-station-master'); // runs ST-SM-01
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    own = await t.ds.getRepository(Station).findOneByOrFail({ code: 'ST-SM-01' });
    other = await t.ds.getRepository(Station).findOneByOrFail({ code: 'ST-SM-02' });
    // the master of another station (ST-SM-02), in the same district
    otherMaster = await devLogin(t.app, 'event-other-master');
    await t.app.get(UsersService).setGrants(otherMaster.user.id, [{ role: 'station_master', orgId: null, scopeRef: other.id }]);
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, s: Session, payload?: object) => t.app.inject({ method, url, headers: s.auth, payload });
  const inbox = (s: Session) => t.ds.getRepository(InboxMessage).find({ where: { userId: s.user.id }, order: { createdAt: 'ASC' } });
  const body = (start: Date, overrides: object = {}) => ({ title: '健康义诊', kind: 'health_check', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(), capacity: 10, ...overrides });
  async function makeEvent(station: Station = own, s: Session = master, overrides: object = {}) {
    const res = await send('POST', `/api/stations/${station.id}/events`, s, body(new Date(Date.now() + DAY), overrides));
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; startsAt: string; endsAt: string; capacity: number; title: string };
  }
  /** An event whose times are already in the past or present (time has moved on since it was published). */
  async function eventAt(startsAt: Date, endsAt: Date): Promise<string> {
    const id = newId();
    const now = new Date();
    await t.ds.getRepository(StationEvent).insert({ id, stationId: own.id, title: '进行中的活动', kind: 'class', description: null, startsAt, endsAt, capacity: 10, signedUp: 0, status: 'scheduled', createdAt: now, updatedAt: now });
    return id;
  }

  describe('PATCH /api/events/:id', () => {
    it('the master edits title, time and capacity; sign-ups hear about the new time in Beijing time', async () => {
      const ev = await makeEvent();
      const riders = [await worker(), await worker()];
      for (const r of riders) expect((await send('POST', `/api/events/${ev.id}/signups`, r)).statusCode).toBe(201);
      // 2026-12-20 06:00Z = 14:00 in Beijing
      const start = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 11, 20, 6, 0));
      const res = await send('PATCH', `/api/events/${ev.id}`, master, body(start, { title: '健康义诊（改期）', capacity: 12 }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: ev.id, title: '健康义诊（改期）', capacity: 12, signedUp: 2, seatsLeft: 10, startsAt: start.toISOString() });
      for (const r of riders) {
        const msgs = await inbox(r);
        expect(msgs).toHaveLength(1);
        expect(msgs[0]).toMatchObject({ kind: 'event.changed', title: '活动时间有变更' });
        expect(msgs[0].body).toContain('12月20日 14:00–16:00');
      }
      // a capacity-only change tells nobody
      expect((await send('PATCH', `/api/events/${ev.id}`, master, body(start, { title: '健康义诊（改期）', capacity: 15 }))).statusCode).toBe(200);
      expect(await inbox(riders[0])).toHaveLength(1);
    });

    it('capacity below the seats taken → 400 on capacity; a time in the past or an end before the start → 400', async () => {
      const ev = await makeEvent(own, master, { capacity: 3 });
      for (let i = 0; i < 2; i++) await send('POST', `/api/events/${ev.id}/signups`, await worker());
      const start = new Date(ev.startsAt);
      const low = await send('PATCH', `/api/events/${ev.id}`, master, body(start, { capacity: 1 }));
      expect(low.statusCode).toBe(400);
      expect(low.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'capacity' }] });
      expect(low.json().errors[0].message).toContain('2 人');
      const past = await send('PATCH', `/api/events/${ev.id}`, master, body(new Date(Date.now() - HOUR)));
      expect([past.statusCode, past.json().errors[0].field]).toEqual([400, 'startsAt']);
      const backwards = await send('PATCH', `/api/events/${ev.id}`, master, { ...body(start), endsAt: start.toISOString() });
      expect([backwards.statusCode, backwards.json().errors[0].field]).toEqual([400, 'endsAt']);
      const still = await t.ds.getRepository(StationEvent).findOneByOrFail({ id: ev.id });
      expect({ capacity: still.capacity, signedUp: still.signedUp, startsAt: still.startsAt.toISOString() }).toEqual({ capacity: 3, signedUp: 2, startsAt: ev.startsAt });
    });

    it('capacity is 1–1,000 on publish and on edit: 0, 1,001 and 2,025 are refused on the capacity field, nothing written', async () => {
      const before = await t.ds.getRepository(StationEvent).countBy({ stationId: own.id });
      for (const capacity of [0, 1001, 2025]) {
        const res = await send('POST', `/api/stations/${own.id}/events`, master, body(new Date(Date.now() + DAY), { capacity }));
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'capacity', message: '名额应为 1–1000 人' }] });
      }
      expect(await t.ds.getRepository(StationEvent).countBy({ stationId: own.id })).toBe(before);
      const ev = await makeEvent(own, master, { capacity: 1000 });
      expect(ev.capacity).toBe(1000);
      const edit = await send('PATCH', `/api/events/${ev.id}`, master, body(new Date(ev.startsAt), { capacity: 1001 }));
      expect(edit.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'capacity', message: '名额应为 1–1000 人' }] });
      expect((await t.ds.getRepository(StationEvent).findOneByOrFail({ id: ev.id })).capacity).toBe(1000);
    });

    it('a cancelled event cannot be edited (409); an unknown one is 404', async () => {
      const ev = await makeEvent();
      await send('POST', `/api/events/${ev.id}/cancel`, master);
      const res = await send('PATCH', `/api/events/${ev.id}`, master, body(new Date(ev.startsAt)));
      expect([res.statusCode, res.json().code]).toEqual([409, 'CONFLICT']);
      expect((await send('PATCH', `/api/events/${newId()}`, master, body(new Date(ev.startsAt)))).statusCode).toBe(404);
    });
  });

  describe('who may manage events', () => {
    it('another station\'s master cannot publish, edit or cancel events at my station', async () => {
      const ev = await makeEvent();
      const create = await send('POST', `/api/stations/${own.id}/events`, otherMaster, body(new Date(Date.now() + DAY)));
      expect(create.statusCode).toBe(403);
      const edit = await send('PATCH', `/api/events/${ev.id}`, otherMaster, body(new Date(ev.startsAt), { title: '被改掉的标题' }));
      expect(edit.statusCode).toBe(403);
      expect((await send('POST', `/api/events/${ev.id}/cancel`, otherMaster)).statusCode).toBe(403);
      const stored = await t.ds.getRepository(StationEvent).findOneByOrFail({ id: ev.id });
      expect({ title: stored.title, status: stored.status }).toEqual({ title: '健康义诊', status: 'scheduled' });
      expect(await t.ds.getRepository(StationEvent).countBy({ stationId: own.id, title: '被改掉的标题' })).toBe(0);
      // and that master does manage their own station
      expect((await makeEvent(other, otherMaster)).id).toBeTruthy();
    });

    it('an officer of another district cannot touch events of a station outside their subtree; the district officer can', async () => {
      const ev = await makeEvent();
      expect((await send('POST', `/api/stations/${own.id}/events`, officerHL, body(new Date(Date.now() + DAY)))).statusCode).toBe(403);
      expect((await send('PATCH', `/api/events/${ev.id}`, officerHL, body(new Date(ev.startsAt), { title: '湖里改的' }))).statusCode).toBe(403);
      expect((await send('POST', `/api/events/${ev.id}/cancel`, officerHL)).statusCode).toBe(403);
      expect((await send('PATCH', `/api/stations/${own.id}`, officerHL, { phone: '0592-9999999' })).statusCode).toBe(403);
      const edit = await send('PATCH', `/api/events/${ev.id}`, officerSM, body(new Date(ev.startsAt), { title: '思明区干部改的' }));
      expect([edit.statusCode, edit.json().title]).toEqual([200, '思明区干部改的']);
    });

    it('a worker who never signed up cannot cancel someone else\'s sign-up', async () => {
      const ev = await makeEvent();
      const rider = await worker();
      await send('POST', `/api/events/${ev.id}/signups`, rider);
      const stranger = await worker();
      const res = await send('DELETE', `/api/events/${ev.id}/signups`, stranger);
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe('你没有报名该活动');
      expect(await t.ds.getRepository(EventSignup).countBy({ eventId: ev.id, activeKey: rider.user.id })).toBe(1);
      expect((await t.ds.getRepository(StationEvent).findOneByOrFail({ id: ev.id })).signedUp).toBe(1);
      // nor can a plain worker edit the event
      expect((await send('PATCH', `/api/events/${ev.id}`, stranger, body(new Date(ev.startsAt)))).statusCode).toBe(403);
    });
  });

  describe('when sign-up is refused', () => {
    it('an event that has started or ended', async () => {
      const now = Date.now();
      const started = await eventAt(new Date(now - HOUR), new Date(now + HOUR));
      const ended = await eventAt(new Date(now - 3 * HOUR), new Date(now - HOUR));
      const w = await worker();
      const a = await send('POST', `/api/events/${started}/signups`, w);
      expect([a.statusCode, a.json().code]).toEqual([409, 'EVENT_STARTED']);
      const b = await send('POST', `/api/events/${ended}/signups`, w);
      expect([b.statusCode, b.json().code]).toEqual([409, 'EVENT_OVER']);
      expect(await t.ds.getRepository(EventSignup).countBy({ userId: w.user.id })).toBe(0);
      expect((await t.ds.getRepository(StationEvent).findOneByOrFail({ id: started })).signedUp).toBe(0);
    });

    it('an event at a suspended station', async () => {
      const ev = await makeEvent(other, otherMaster);
      await send('PATCH', `/api/stations/${other.id}`, otherMaster, { status: 'suspended' });
      try {
        const res = await send('POST', `/api/events/${ev.id}/signups`, await worker());
        expect([res.statusCode, res.json().code]).toEqual([409, 'STATION_SUSPENDED']);
        expect(res.json().message).toContain('暂停开放');
      } finally {
        await send('PATCH', `/api/stations/${other.id}`, otherMaster, { status: 'open' });
      }
      expect((await send('POST', `/api/events/${ev.id}/signups`, await worker())).statusCode).toBe(201);
    });

    it('a cancelled event; an unknown one is 404', async () => {
      const ev = await makeEvent();
      await send('POST', `/api/events/${ev.id}/cancel`, master);
      const res = await send('POST', `/api/events/${ev.id}/signups`, await worker());
      expect([res.statusCode, res.json().code]).toEqual([409, 'EVENT_CANCELLED']);
      expect((await send('POST', `/api/events/${newId()}/signups`, await worker())).statusCode).toBe(404);
    });

    it('publishing an event that starts in the past → 400 on startsAt', async () => {
      const res = await send('POST', `/api/stations/${own.id}/events`, master, body(new Date(Date.now() - 60_000)));
      expect([res.statusCode, res.json().errors[0].field]).toEqual([400, 'startsAt']);
    });
  });

  it('cancelling twice tells the sign-ups once', async () => {
    const ev = await makeEvent();
    const riders = [await worker(), await worker()];
    for (const r of riders) await send('POST', `/api/events/${ev.id}/signups`, r);
    const first = await send('POST', `/api/events/${ev.id}/cancel`, master);
    const second = await send('POST', `/api/events/${ev.id}/cancel`, officerSM);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.json().status).toBe('cancelled');
    for (const r of riders) expect((await inbox(r)).map((m) => m.title)).toEqual(['活动已取消']);
  });
});
