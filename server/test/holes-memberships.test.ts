import { Org } from '../src/orgs/org.entity';
import { claimsHelpers } from './helpers/claims';
import { makeApplication } from './helpers/factories';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** Only Date is faked: timers, I/O and the database run for real, so requests behave as they do at that instant. */
const REAL = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;
const atUtc = (iso: string) => jest.useFakeTimers({ now: new Date(iso), advanceTimers: true, doNotFake: [...REAL] });

/** Issue 16's test holes on transfers and on the yearly member and claim numbers. */
describe('transfers and numbers', () => {
  let t: TestApp;
  let officerHL: Session;
  const h = claimsHelpers(() => t, 'holes-member');

  beforeAll(async () => {
    t = await createTestApp();
    officerHL = await devLogin(t.app, 'demo-officer-hl');
  });
  afterEach(() => jest.useRealTimers());
  afterAll(() => t.close());

  describe('transfer', () => {
    it('a rejected transfer keeps the old membership and card, tells the member why, and a new transfer may follow', async () => {
      const w = await h.member('XM-MT');
      const before = (await h.get(w, '/api/memberships/card')).json();
      const { application } = (await h.post(w, '/api/memberships/transfers', { toOrgCode: 'XM-SF', reason: '入职顺丰' })).json();
      expect(application).toMatchObject({ kind: 'transfer', status: 'pending' });

      const res = await h.post(officerHL, `/api/memberships/applications/${application.id}/reject`, { reason: '未在顺丰厦门分公司的在职名单中' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'rejected', decisionReason: '未在顺丰厦门分公司的在职名单中' });

      const card = (await h.get(w, '/api/memberships/card')).json();
      expect(card).toMatchObject({ memberNo: before.memberNo, org: { code: 'XM-MT' }, status: 'active' });
      const items = (await h.get(w, '/api/inbox')).json().items as Array<{ title: string; body: string; link: string }>;
      expect(items[0]).toMatchObject({
        title: '会员转移申请未通过',
        body: '顺丰速运厦门分公司工会：未在顺丰厦门分公司的在职名单中',
        link: `/pages/join/status?id=${application.id}`,
      });
      // The rejection closed the open application: the member may ask again, here to an auto-approving union.
      const again = await h.post(w, '/api/memberships/transfers', { toOrgCode: 'XM-HL-XJY', reason: '改到湖里区跑单' });
      expect(again.statusCode).toBe(201);
      expect((await h.get(w, '/api/memberships/card')).json().org.code).toBe('XM-HL-XJY');
    });

    it('to an inactive org is 409 ORG_INACTIVE and leaves the membership and the applications as they were', async () => {
      const w = await h.member('XM-MT');
      const before = (await h.get(w, '/api/memberships/card')).json();
      // No route deactivates an org (operations does it in the database), so the test does the same.
      await t.ds.getRepository(Org).update({ code: 'XM-JDL' }, { active: false });
      try {
        const res = await h.post(w, '/api/memberships/transfers', { toOrgCode: 'XM-JDL', reason: '入职京东' });
        expect([res.statusCode, res.json().code]).toEqual([409, 'ORG_INACTIVE']);
        expect((await h.get(w, '/api/memberships/card')).json()).toMatchObject({ memberNo: before.memberNo, org: { code: 'XM-MT' } });
        expect((await h.get(w, '/api/memberships/applications/mine')).json()).toHaveLength(1);
      } finally {
        await t.ds.getRepository(Org).update({ code: 'XM-JDL' }, { active: true });
      }
    });

    it('a pending transfer whose target union was deactivated since cannot be approved into it; the member stays where they were', async () => {
      const w = await h.member('XM-MT');
      const before = (await h.get(w, '/api/memberships/card')).json();
      const { application } = (await h.post(w, '/api/memberships/transfers', { toOrgCode: 'XM-SF', reason: '入职顺丰' })).json();
      await t.ds.getRepository(Org).update({ code: 'XM-SF' }, { active: false });
      try {
        const res = await h.post(officerHL, `/api/memberships/applications/${application.id}/approve`);
        expect([res.statusCode, res.json().code]).toEqual([409, 'ORG_INACTIVE']);
        expect((await h.get(w, '/api/memberships/card')).json()).toMatchObject({ memberNo: before.memberNo, org: { code: 'XM-MT' }, status: 'active' });
        // It can still be rejected, which tells the member and frees them to ask elsewhere.
        expect((await h.post(officerHL, `/api/memberships/applications/${application.id}/reject`, { reason: '该工会已停用，请改选其他工会' })).statusCode).toBe(200);
      } finally {
        await t.ds.getRepository(Org).update({ code: 'XM-SF' }, { active: true });
      }
    });
  });

  describe('member and claim numbers: the Beijing year, from 000001 each year', () => {
    it('member numbers: 23:30 on 31 Dec in Beijing is still that year; 00:30 on 1 Jan (16:30 UTC the day before) starts the next at 000001', async () => {
      atUtc('2027-12-31T15:30:00Z'); // 23:30 Beijing, 31 Dec 2027
      const a = (await h.post(await h.worker(), '/api/memberships/applications', makeApplication('XM-MT'))).json().card.memberNo;
      const b = (await h.post(await h.worker(), '/api/memberships/applications', makeApplication('XM-HL-XJY'))).json().card.memberNo;
      expect([a, b]).toEqual(['XM2027000001', 'XM2027000002']);
      atUtc('2027-12-31T16:30:00Z'); // 00:30 Beijing, 1 Jan 2028: UTC is still in 2027
      const c = (await h.post(await h.worker(), '/api/memberships/applications', makeApplication('XM-MT'))).json().card.memberNo;
      expect(c).toBe('XM2028000001');
    });

    it('claim numbers: the same boundary, SQ + Beijing year + six digits', async () => {
      atUtc('2029-12-31T15:59:00Z'); // 23:59 Beijing, 31 Dec 2029
      const a = (await h.file(await h.worker())).number;
      const b = (await h.file(await h.worker())).number;
      expect([a, b]).toEqual(['SQ2029000001', 'SQ2029000002']);
      atUtc('2029-12-31T16:00:00Z'); // midnight Beijing, 1 Jan 2030
      expect((await h.file(await h.worker())).number).toBe('SQ2030000001');
    });
  });
});
