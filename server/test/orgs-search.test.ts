import { ORG_LEVELS } from '@nuanxin/shared';
import { Org } from '../src/orgs/org.entity';
import { DEMO_ORGS } from '../src/seed/seed';
import { makeApplication } from './helpers/factories';
import { createTestApp, devLogin, DIALECT, type TestApp } from './helpers/test-app';

interface Hit {
  code: string;
  name: string;
  level: string;
  parentName: string | null;
  autoApprove: boolean;
}

describe(`public org search (${DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const search = (query: string) => t.app.inject({ method: 'GET', url: `/api/orgs${query}` });
  const items = async (query: string): Promise<Hit[]> => {
    const res = await search(query);
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };
  const byLevelThenName = (a: Hit, b: Hit) =>
    ORG_LEVELS.indexOf(a.level as never) - ORG_LEVELS.indexOf(b.level as never) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.code < b.code ? -1 : 1);

  it('needs no login and answers name, level, parent name and auto-approve', async () => {
    const list = await items('?q=美团');
    expect(list).toEqual([{ code: 'XM-MT', name: '美团厦门骑手联合工会', level: 'enterprise', parentName: '思明区嘉莲街道总工会', autoApprove: true }]);
    const [city] = await items('?q=厦门市总工会');
    expect(city).toEqual({ code: 'XM', name: '厦门市总工会', level: 'city', parentName: null, autoApprove: false });
  });

  it('matches the code case-insensitively and trims the keyword', async () => {
    const upper = await items('?q=XM-SF');
    expect(upper.map((o) => o.code)).toEqual(['XM-SF']);
    expect(await items(`?q=${encodeURIComponent('  xm-sf ')}`)).toEqual(upper);
    const partial = await items('?q=jdl');
    expect(partial.map((o) => o.code)).toEqual(['XM-JDL']);
  });

  it('sorts by level (city → district → street → enterprise), then name, and caps at limit', async () => {
    const all = await items('?limit=50');
    const active = DEMO_ORGS.length;
    expect(all).toHaveLength(Math.min(50, active));
    expect([...all].sort(byLevelThenName)).toEqual(all);
    expect(all[0].level).toBe('city');
    expect(all[all.length - 1].level).toBe('enterprise');
    expect(await items('?limit=3')).toEqual(all.slice(0, 3));
    expect(await items('')).toEqual(all.slice(0, 20));
  });

  it('filters by level', async () => {
    const streets = await items('?level=street');
    expect(streets.map((o) => o.code).sort()).toEqual(DEMO_ORGS.filter((o) => o.level === 'street').map((o) => o.code).sort());
    const joinable = await items(`?level=enterprise&q=${encodeURIComponent('联合工会')}`);
    expect(joinable.length).toBeGreaterThan(1);
    for (const o of joinable) {
      expect(o.level).toBe('enterprise');
      expect(o.name).toContain('联合工会');
    }
  });

  describe('employer=true: the orgs a claim accepts as the employer union', () => {
    const employerHits = async (query = '') => items(`?employer=true&limit=50${query}`);

    it('keeps enterprise unions, drops the district catch-all unions and the mediation centre', async () => {
      const list = await employerHits();
      const expected = DEMO_ORGS.filter((o) => o.level === 'enterprise' && !o.catchAll && !o.isMediationCentre).map((o) => o.code);
      expect(expected.length).toBeGreaterThan(1);
      expect(list.map((o) => o.code).sort()).toEqual([...expected].sort());
      expect([...list].sort(byLevelThenName)).toEqual(list);
      // the catch-all unions are enterprise-level and still listed without the flag (the join page needs them)
      const catchAll = DEMO_ORGS.filter((o) => o.catchAll).map((o) => o.code);
      expect(catchAll.length).toBeGreaterThan(0);
      expect((await items('?level=enterprise&limit=50')).map((o) => o.code)).toEqual(expect.arrayContaining(catchAll));
      expect(await items(`?employer=true&q=${encodeURIComponent('新就业形态')}`)).toEqual([]);
      expect(await items('?employer=true&q=XJY')).toEqual([]);
      // combined with a keyword, a level, and `false` meaning no filter
      expect((await employerHits('&q=%E7%BE%8E%E5%9B%A2')).map((o) => o.code)).toEqual(['XM-MT']);
      expect(await employerHits('&level=enterprise')).toEqual(list);
      expect(await employerHits('&level=district')).toEqual([]);
      expect(await items('?employer=false&limit=50')).toEqual(await items('?limit=50'));
    });

    it('drops an enterprise-level org flagged as a mediation centre', async () => {
      // Flagged the way an admin does it: the org upkeep route.
      const admin = await devLogin(t.app, 'demo-admin');
      const flag = async (isMediationCentre: boolean) =>
        expect((await t.app.inject({ method: 'PATCH', url: '/api/orgs/XM-ELM', headers: admin.auth, payload: { isMediationCentre } })).statusCode).toBe(200);
      await flag(true);
      try {
        expect((await employerHits()).map((o) => o.code)).not.toContain('XM-ELM');
        expect((await items('?level=enterprise&q=ELM')).map((o) => o.code)).toEqual(['XM-ELM']);
      } finally {
        await flag(false);
      }
      expect((await employerHits()).map((o) => o.code)).toContain('XM-ELM');
    });

    it('every hit is accepted as employerOrgCode by POST /api/claims, and every enterprise org it leaves out is refused', async () => {
      const hits = new Set((await employerHits()).map((o) => o.code));
      const w = await devLogin(t.app, 'orgs-search-employer-worker');
      for (const o of DEMO_ORGS.filter((d) => d.level === 'enterprise')) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/claims',
          headers: w.auth,
          payload: { category: 'wages', employerOrgCode: o.code, description: '工资拖欠两个月未发放。', contactPreference: 'message', districtCode: 'XM-SM' },
        });
        if (hits.has(o.code)) expect([o.code, res.statusCode]).toEqual([o.code, 201]);
        else {
          expect([o.code, res.statusCode]).toEqual([o.code, 400]);
          expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['employerOrgCode']);
        }
      }
    });

    it('refuses anything but true or false', async () => {
      for (const value of ['1', 'yes', 'TRUE', '']) {
        const res = await search(`?employer=${value}`);
        expect([value, res.statusCode]).toEqual([value, 400]);
        expect(res.json().errors).toContainEqual({ field: 'employer', message: '单位工会筛选应为 true 或 false' });
      }
      expect((await search('?employer=true&employer=false')).statusCode).toBe(400);
    });
  });

  it('treats % and _ as literal characters, not wildcards', async () => {
    await t.ds.getRepository(Org).update({ code: 'XM-HLL' }, { name: '货拉拉_100%工会' });
    try {
      expect(await items(`?q=${encodeURIComponent('%')}`)).toEqual([expect.objectContaining({ code: 'XM-HLL' })]);
      expect((await items(`?q=${encodeURIComponent('_100%')}`)).map((o) => o.code)).toEqual(['XM-HLL']);
      expect(await items(`?q=${encodeURIComponent('拉_1')}`)).toHaveLength(1);
      // `_` would match the `-` of every demo code if it were a wildcard
      expect((await items(`?q=${encodeURIComponent('XM_')}`)).map((o) => o.code)).toEqual([]);
      expect(await items(`?q=${encodeURIComponent('!')}`)).toEqual([]);
    } finally {
      await t.ds.getRepository(Org).update({ code: 'XM-HLL' }, { name: '货拉拉厦门分公司工会' });
    }
  });

  it('lists active orgs only', async () => {
    await t.ds.getRepository(Org).update({ code: 'XM-JDL' }, { active: false });
    try {
      expect(await items('?q=京东')).toEqual([]);
    } finally {
      await t.ds.getRepository(Org).update({ code: 'XM-JDL' }, { active: true });
    }
    expect(await items('?q=京东')).toHaveLength(1);
  });

  it('refuses bad parameters with Chinese field messages', async () => {
    const cases: Array<[string, string, string]> = [
      [`?q=${'a'.repeat(33)}`, 'q', '关键词最多 32 个字'],
      ['?level=province', 'level', '组织层级应为 city、district、street 或 enterprise'],
      ['?limit=0', 'limit', '数量至少为 1'],
      ['?limit=51', 'limit', '一次最多 50 个'],
      ['?limit=abc', 'limit', '数量应为整数'],
      ['?limit=2.5', 'limit', '数量应为整数'],
      ['?q=a&q=b', 'q', '关键词应为文字'],
    ];
    for (const [query, field, message] of cases) {
      const res = await search(query);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors).toContainEqual({ field, message });
    }
    expect((await search(`?q=${'a'.repeat(32)}`)).statusCode).toBe(200);
    expect((await search('?foo=1')).statusCode).toBe(400);
  });

  it('leaves GET /api/orgs/:code and the officer routes working', async () => {
    const one = await search('/XM-MT');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ code: 'XM-MT', name: '美团厦门骑手联合工会', level: 'enterprise', parentName: '思明区嘉莲街道总工会', autoApprove: true });
    const officer = await devLogin(t.app, 'demo-officer-sm');
    const subtree = await t.app.inject({ method: 'GET', url: '/api/orgs/XM-SM/subtree', headers: officer.auth });
    expect(subtree.statusCode).toBe(200);
  });

  describe('codes are case-sensitive on every database', () => {
    it('GET /api/orgs/:code finds the exact code only', async () => {
      expect((await search('/XM-MT')).statusCode).toBe(200);
      const lower = await search('/xm-mt');
      expect(lower.statusCode).toBe(404);
      expect(lower.json().code).toBe('ORG_NOT_FOUND');
      expect((await search('/Xm-Mt/qrcode')).statusCode).toBe(404);
    });

    it('a join application with a differently-cased code is ORG_NOT_FOUND', async () => {
      const w = await devLogin(t.app, 'orgs-search-worker');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/memberships/applications',
        headers: w.auth,
        payload: makeApplication('xm-mt'),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ORG_NOT_FOUND');
    });

    it('a new org may not differ from an existing code only in letter case', async () => {
      const admin = await devLogin(t.app, 'demo-admin');
      const create = (code: string) =>
        t.app.inject({ method: 'POST', url: '/api/orgs', headers: admin.auth, payload: { parentCode: 'XM-SM', code, name: '测试企业工会', level: 'enterprise' } });
      const res = await create('xm-sm-jl');
      expect(res.statusCode).toBe(409);
      expect(res.json().errors).toEqual([{ field: 'code', message: '组织编码已被使用' }]);
      const ok = await create('xm-case-test');
      expect(ok.statusCode).toBe(201);
      expect((await search('/xm-case-test')).statusCode).toBe(200);
      expect((await search('/XM-CASE-TEST')).statusCode).toBe(404);
    });
  });
});
