import { randomUUID } from 'node:crypto';
import { SmsSender, type TestSmsSender } from '../src/auth/sms.sender';
import { makeMobile } from './helpers/factories';
import { smsLogin } from './helpers/sms-login';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** The org tree and stations kept by hand (the staff pages): scope, validation, the audit line for each change. */
describe('org and station upkeep without a spreadsheet', () => {
  let t: TestApp;
  let admin: Session, officerSM: Session, officerHL: Session, worker: Session;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await devLogin(t.app, 'demo-admin');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    worker = await devLogin(t.app, 'upkeep-worker');
  });
  afterAll(() => t.close());

  const req = (s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(s ? s.auth : {}), ...headers }, ...(payload ? { payload } : {}) });
  const audit = async (query: string) => (await req(admin, 'GET', `/api/audit${query}`)).json().items as Array<Record<string, any>>;

  describe('orgs', () => {
    it('an officer renames and toggles an org of their subtree, sets the mediation centre and its working days; each change is audited', async () => {
      const res = await req(officerSM, 'PATCH', '/api/orgs/XM-SM-JL', { name: '嘉莲街道工会（新）', catchAll: true, isMediationCentre: true, mediationWorkdays: 5 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ code: 'XM-SM-JL', name: '嘉莲街道工会（新）', catchAll: true, isMediationCentre: true, mediationWorkdays: 5, autoApprove: false });
      const tree = (await req(officerSM, 'GET', '/api/orgs/XM-SM-JL/subtree')).json();
      expect(tree[0]).toMatchObject({ code: 'XM-SM-JL', name: '嘉莲街道工会（新）', isMediationCentre: true, mediationWorkdays: 5 });
      const [line] = await audit(`?action=org.update&actorId=${officerSM.user.id}`);
      expect(line).toMatchObject({ actor: { id: officerSM.user.id, role: 'officer' }, org: { code: 'XM-SM-JL' }, object: { type: 'org' } });
      expect(line.detail.changes).toEqual({ name: ['思明区嘉莲街道总工会', '嘉莲街道工会（新）'], catchAll: [false, true], isMediationCentre: [false, true], mediationWorkdays: [null, 5] });

      // null puts the default back; sending the same values again changes (and audits) nothing.
      expect((await req(officerSM, 'PATCH', '/api/orgs/XM-SM-JL', { mediationWorkdays: null })).json().mediationWorkdays).toBeNull();
      expect((await req(officerSM, 'PATCH', '/api/orgs/XM-SM-JL', { catchAll: true })).statusCode).toBe(200);
      expect(await audit(`?action=org.update&actorId=${officerSM.user.id}`)).toHaveLength(2);
    });

    it('refuses bad working days with a field message, and orgs outside the subtree (403) or unknown (404)', async () => {
      for (const mediationWorkdays of [0, 31, 2.5, '3']) {
        const res = await req(officerSM, 'PATCH', '/api/orgs/XM-SM', { mediationWorkdays });
        expect([mediationWorkdays, res.statusCode]).toEqual([mediationWorkdays, 400]);
        expect(res.json().errors[0].field).toBe('mediationWorkdays');
      }
      expect((await req(officerHL, 'PATCH', '/api/orgs/XM-SM-JL', { autoApprove: true })).json().code).toBe('ORG_OUT_OF_SCOPE');
      expect((await req(worker, 'PATCH', '/api/orgs/XM-SM-JL', { autoApprove: true })).statusCode).toBe(403);
      expect((await req(admin, 'PATCH', '/api/orgs/XM-NOPE', { autoApprove: true })).statusCode).toBe(404);
    });

    it('creating a child is audited with its parent, once per Idempotency-Key', async () => {
      const key = { 'idempotency-key': randomUUID() };
      const body = { parentCode: 'XM-SM', code: 'XM-SM-UPK', name: '思明区测试街道总工会', level: 'street', isMediationCentre: false, mediationWorkdays: 4 };
      const first = await req(officerSM, 'POST', '/api/orgs', body, key);
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ code: 'XM-SM-UPK', level: 'street', mediationWorkdays: 4, depth: 2 });
      expect((await req(officerSM, 'POST', '/api/orgs', body, key)).headers['idempotent-replayed']).toBe('true');
      const lines = await audit('?action=org.create');
      expect(lines.filter((l) => l.detail.code === 'XM-SM-UPK')).toEqual([expect.objectContaining({ org: expect.objectContaining({ code: 'XM-SM-UPK' }), detail: { code: 'XM-SM-UPK', parentCode: 'XM-SM', level: 'street' } })]);
    });
  });

  it('the audit log finds an actor by mobile (the staff page asks that way); a mobile that never signed in finds nothing', async () => {
    const mobile = makeMobile();
    expect((await req(admin, 'POST', '/api/admin/grants', { mobile, role: 'officer', orgCode: 'XM-SM-JL' })).statusCode).toBe(201);
    const officer = await smsLogin(t.app, mobile);
    expect((await req(officer, 'PATCH', '/api/orgs/XM-SM-JL', { autoApprove: true })).statusCode).toBe(200);
    const lines = await audit(`?actorMobile=${mobile}`);
    expect(lines.map((l) => [l.action, l.actor.id])).toEqual([['org.update', officer.user.id]]);
    expect(await audit(`?actorMobile=${makeMobile()}`)).toEqual([]);
    expect((await req(admin, 'GET', '/api/audit?actorMobile=123')).json().errors[0].field).toBe('actorMobile');
    expect((await req(officer, 'GET', `/api/audit?actorMobile=${mobile}`)).statusCode).toBe(403);
  });

  it('the invitee is also told by SMS (template and params, the gateway owns the wording); nothing when the grant changed nothing', async () => {
    const sms = () => (t.app.get(SmsSender) as TestSmsSender).notices;
    const fresh = makeMobile();
    await req(officerSM, 'POST', '/api/admin/grants', { mobile: fresh, role: 'officer', orgCode: 'XM-SM' });
    await req(officerSM, 'POST', '/api/admin/grants', { mobile: fresh, role: 'officer', orgCode: 'XM-SM' });
    expect(sms().filter((n) => n.mobile === fresh).map((n) => n.notice)).toEqual([{ template: 'staff_invited', params: { role: '工会干部', scopeName: '思明区总工会' } }]);
    // Someone who signed in before: granted at once, told in the inbox and by SMS.
    const known = makeMobile();
    await smsLogin(t.app, known);
    expect((await req(admin, 'POST', '/api/admin/grants', { mobile: known, role: 'officer', orgCode: 'XM-HL' })).json().status).toBe('granted');
    expect(sms().filter((n) => n.mobile === known).map((n) => n.notice.params)).toEqual([{ role: '工会干部', scopeName: '湖里区总工会' }]);
  });

  it('a failing SMS gateway does not undo the grant', async () => {
    const sender = t.app.get(SmsSender) as TestSmsSender;
    const notify = jest.spyOn(sender, 'notify').mockRejectedValueOnce(new Error('SMS gateway answered 502'));
    const mobile = makeMobile();
    const res = await req(admin, 'POST', '/api/admin/grants', { mobile, role: 'officer', orgCode: 'XM-SM' });
    expect([res.statusCode, res.json().status]).toEqual([201, 'invited']);
    expect(notify).toHaveBeenCalledTimes(1);
    notify.mockRestore();
  });

  describe('one station from the form', () => {
    const week = { alwaysOpen: false, days: [...Array.from({ length: 5 }, () => [{ open: '08:00', close: '20:00' }]), [], []] };
    const form = (over: object = {}) => ({ name: '莲前工会驿站', address: '思明区莲前西路 2 号', district: '思明区', lat: 24.4811, lng: 118.1391, level: 'point', hostType: 'bank', orgCode: 'XM-SM', hours: week, services: ['water_hot', 'rest_seats', 'water_hot'], phone: '0592-7654321', ...over });

    it('an officer creates one in their subtree: it is open, found nearby, listed for upkeep, audited, and a master can be invited to it', async () => {
      const res = await req(officerSM, 'POST', '/api/stations', form(), { 'idempotency-key': randomUUID() });
      expect(res.statusCode).toBe(201);
      const s = res.json();
      expect(s).toMatchObject({ name: '莲前工会驿站', district: '思明区', lat: 24.4811, lng: 118.1391, level: 'point', hostType: 'bank', status: 'open', services: ['water_hot', 'rest_seats'], orgCode: 'XM-SM' });
      expect(s.code).toMatch(/^ST[0-9A-F]{10}$/);
      const near = (await req(null, 'GET', '/api/stations/nearby?lat=24.4811&lng=118.1391&radiusKm=1')).json();
      expect(near.map((x: { id: string }) => x.id)).toContain(s.id);
      expect((await req(officerSM, 'GET', `/api/stations/${s.id}/manage`)).json()).toMatchObject({ id: s.id, hours: week, parent: null });
      const [line] = await audit(`?action=station.create&actorId=${officerSM.user.id}`);
      expect(line).toMatchObject({ object: { type: 'station', id: s.id }, org: { code: 'XM-SM' }, detail: { code: s.code, name: '莲前工会驿站' } });

      const mobile = makeMobile();
      expect((await req(officerSM, 'POST', '/api/admin/grants', { mobile, role: 'station_master', stationId: s.id })).json().status).toBe('invited');
      const master = await smsLogin(t.app, mobile);
      expect((await req(master, 'GET', '/api/stations/manage')).json().items.map((x: { id: string }) => x.id)).toEqual([s.id]);
    });

    it('takes a parent that ranks above it and refuses one that does not, a point outside China, bad hours and a taken code', async () => {
      const hub = (await req(admin, 'POST', '/api/stations', form({ code: 'UPK-HUB', level: 'hub', name: '思明总站' }))).json();
      expect(hub.code).toBe('UPK-HUB');
      const child = await req(admin, 'POST', '/api/stations', form({ code: 'UPK-PT', parentCode: 'UPK-HUB' }));
      expect(child.statusCode).toBe(201);
      expect((await req(admin, 'GET', `/api/stations/${child.json().id}/manage`)).json().parent).toMatchObject({ code: 'UPK-HUB', level: 'hub' });

      const fields = async (body: object) => {
        const res = await req(admin, 'POST', '/api/stations', body);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        return (res.json().errors as Array<{ field: string }>).map((e) => e.field);
      };
      expect(await fields(form({ code: 'UPK-X1', level: 'hub', parentCode: 'UPK-PT' }))).toEqual(['parentCode']);
      expect(await fields(form({ code: 'UPK-X2', parentCode: 'UPK-NONE' }))).toEqual(['parentCode']);
      // Latitude and longitude swapped: outside China.
      expect(await fields(form({ code: 'UPK-X3', lat: 118.1391, lng: 24.4811 }))).toEqual(['lat']);
      expect(await fields(form({ code: 'UPK-X4', lat: 24.1234567 }))).toEqual(['lat']);
      // Each coordinate on its own field.
      expect(await fields(form({ code: 'UPK-X7', lat: 24.4811, lng: 12.5 }))).toEqual(['lng']);
      expect(await fields(form({ code: 'UPK-X8', lat: 60.5, lng: 118.1391 }))).toEqual(['lat']);
      expect(await fields(form({ code: 'UPK-X5', hours: { alwaysOpen: false, days: [[{ open: '25:00', close: '08:00' }], [], [], [], [], [], []] } }))).toEqual([expect.stringMatching(/^hours\./)]);
      expect((await fields(form({ code: 'UPK-X6', name: '', hostType: 'castle', level: 'mega' }))).sort()).toEqual(['hostType', 'level', 'name']);
      const dup = await req(admin, 'POST', '/api/stations', form({ code: 'UPK-HUB' }));
      expect([dup.statusCode, dup.json().errors[0].field]).toEqual([409, 'code']);
    });

    it('only officers and admins, only in their subtree', async () => {
      expect((await req(officerHL, 'POST', '/api/stations', form({ code: 'UPK-HL' }))).json().code).toBe('ORG_OUT_OF_SCOPE');
      expect((await req(worker, 'POST', '/api/stations', form({ code: 'UPK-W' }))).statusCode).toBe(403);
      expect((await req(null, 'POST', '/api/stations', form({ code: 'UPK-A' }))).statusCode).toBe(401);
      expect((await req(admin, 'POST', '/api/stations', form({ code: 'UPK-O', orgCode: 'XM-NOPE' }))).statusCode).toBe(404);
    });
  });
});
