import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

/** `GET /api/stations?q=`: what the rider types is matched literally, LIKE wildcards included. */
describe('station search', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await devLogin(t.app, 'demo-admin');
    const rows = [
      ['SR-1', '100%暖心驿站', '思明区百分路 1 号'],
      ['SR-2', '1000暖心驿站', '思明区千号路 2 号'],
      ['SR-3', 'A_B 驿站', '思明区下划线路 3 号'],
      ['SR-4', 'AXB 驿站', '思明区字母路 4 号'],
      ['SR-5', '感叹!号驿站', '思明区感叹路 5 号'],
    ];
    const csv = ['code,name,address,district,lat,lng,level,hostType,orgCode,hours', ...rows.map(([c, n, a], i) => `${c},${n},${a},思明区,24.47${i},118.10${i},point,other,XM-SM,24h`)].join('\n');
    const res = await t.app.inject({ method: 'POST', url: '/api/stations/import', headers: admin.auth, payload: { csv } });
    expect(res.json()).toMatchObject({ created: 5, rejected: 0 });
  });
  afterAll(() => t.close());

  const search = async (q: string) =>
    ((await t.app.inject({ method: 'GET', url: `/api/stations?q=${encodeURIComponent(q)}` })).json().items as Array<{ code: string }>).map((s) => s.code);

  it('% and _ are plain characters, not wildcards', async () => {
    expect(await search('%')).toEqual(['SR-1']);
    expect(await search('100%')).toEqual(['SR-1']);
    expect(await search('A_B')).toEqual(['SR-3']);
    expect(await search('_')).toEqual(['SR-3']);
    expect(await search('!')).toEqual(['SR-5']);
    expect(await search('!号')).toEqual(['SR-5']);
  });

  it('ordinary words still match inside names and addresses', async () => {
    expect(await search('暖心')).toEqual(['SR-1', 'SR-2']);
    expect(await search('下划线路')).toEqual(['SR-3']);
    expect(await search('%%%')).toEqual([]);
  });

  it('an empty or blank keyword is no keyword: the same list as without one, not a 400', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/stations' });
    expect(all.statusCode).toBe(200);
    for (const q of ['', '%20%20']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/stations?q=${q}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(all.json());
    }
  });
});
