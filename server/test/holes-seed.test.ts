import { CATCH_ALL_OFFICERS_GROUP } from '../src/auth/demo-users';
import { claimsHelpers } from './helpers/claims';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

const DISTRICTS: Array<[string, string]> = [
  ['SM', '思明区'],
  ['HL', '湖里区'],
  ['JM', '集美区'],
  ['HC', '海沧区'],
  ['TA', '同安区'],
  ['XA', '翔安区'],
];

/**
 * The demo city as `pnpm start` seeds it (SEED_CATCH_ALL_OFFICERS on, as by default): each district's catch-all
 * union has an officer, so a non-member without an employer union is handled there, and the login page lists
 * those six officers together.
 */
describe('demo seed: the catch-all unions have officers', () => {
  let t: TestApp;
  const h = claimsHelpers(() => t, 'seed-worker');

  beforeAll(async () => {
    t = await createTestApp({ SEED_CATCH_ALL_OFFICERS: 'true' });
  });
  afterAll(() => t.close());

  it('the demo login list keeps the main roles first and gathers the six catch-all officers under one heading', async () => {
    const users = (await t.app.inject({ method: 'GET', url: '/api/auth/demo-users' })).json() as Array<{ openid: string; label: string; roles: string[]; orgCode: string | null; group: string | null; short: string | null }>;
    const grouped = users.filter((u) => u.group);
    expect(users.slice(0, users.length - grouped.length).every((u) => u.group === null && u.short === null)).toBe(true);
    expect(grouped).toEqual(
      DISTRICTS.map(([code, name]) => ({
        openid: `demo-officer-${code.toLowerCase()}-xjy`,
        label: `${name}新就业形态劳动者联合工会 干部`,
        roles: ['officer'],
        orgCode: `XM-${code}-XJY`,
        group: CATCH_ALL_OFFICERS_GROUP,
        short: name,
      })),
    );
  });

  it('a non-member without an employer union lands at their district\'s catch-all union, with its officer, in every district', async () => {
    for (const [code] of DISTRICTS) {
      const officer = await devLogin(t.app, `demo-officer-${code.toLowerCase()}-xjy`);
      expect(officer.user.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'officer', orgCode: `XM-${code}-XJY` })]));
      const c = await h.file(await h.worker(), { districtCode: `XM-${code}` });
      expect(c).toMatchObject({ org: { code: `XM-${code}-XJY` }, routedBy: 'district' });
      const seen = (await h.get(officer, `/api/claims/${c.id}`)).json();
      expect(seen.assigneeId).toBe(officer.user.id);
      expect((await h.get(officer, '/api/claims?assignee=me')).json().items.map((x: { id: string }) => x.id)).toContain(c.id);
    }
  });

  it('the catch-all officer accepts, and an escalation goes up to the district federation', async () => {
    const officer = await devLogin(t.app, 'demo-officer-sm-xjy');
    const c = await h.file(await h.worker(), { districtCode: 'XM-SM' });
    expect((await h.post(officer, `/api/claims/${c.id}/accept`)).statusCode).toBe(200);
    const up = await h.post(officer, `/api/claims/${c.id}/escalate`, { note: '涉及平台规则，需要区总协调' });
    expect(up.json()).toMatchObject({ status: 'escalated', org: { code: 'XM-SM' } });
    // Their scope is their own union: another district's catch-all claim is not theirs to see.
    const other = await h.file(await h.worker(), { districtCode: 'XM-HL' });
    expect((await h.get(officer, `/api/claims/${other.id}`)).statusCode).toBe(404);
  });
});
