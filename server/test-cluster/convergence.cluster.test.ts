import { call, cluster, devLogin, eventually } from './cluster';

/** Each replica keeps the station index and the working-day calendar in memory; a change on one reaches the other. */
describe('cluster: in-memory state converges across replicas', () => {
  const c = cluster();
  // The version row is read every poll interval; a rebuild on this loaded machine takes a moment more.
  const within = c.pollMs + 1000;
  const HERE = 'lat=24.4637&lng=118.0978';

  it('a station change on replica A shows in nearby answers on replica B within the poll interval', async () => {
    const master = await devLogin(c.replicas.a, 'demo-station-master');
    const mine = await call<{ items: Array<{ id: string; code: string }> }>(c.replicas.a, 'GET', '/api/stations/manage', { token: master.accessToken });
    const station = mine.body.items.find((s) => s.code === 'ST-SM-01')!;
    type Nearby = Array<{ id: string; services: string[] }>;
    const servicesOn = async (base: string) =>
      (await call<Nearby>(base, 'GET', `/api/stations/nearby?${HERE}`)).body.find((s) => s.id === station.id)!.services;
    const current = await servicesOn(c.replicas.b);
    // Toggle Wi-Fi so the test also passes on a cluster that ran it before.
    const next = current.includes('wifi') ? current.filter((s) => s !== 'wifi') : [...current, 'wifi'];
    const saved = await call(c.replicas.a, 'PATCH', `/api/stations/${station.id}`, { token: master.accessToken, body: { services: next } });
    expect(saved.status).toBe(200);
    const seen = await eventually('the change on B', () => servicesOn(c.replicas.b), (s) => s.includes('wifi') === next.includes('wifi'), within);
    expect(seen.afterMs).toBeLessThanOrEqual(within);
    expect((await servicesOn(c.replicas.a)).includes('wifi')).toBe(next.includes('wifi'));
  });

  it('a calendar edit on replica A reaches replica B', async () => {
    const admin = await devLogin(c.replicas.a, 'demo-admin');
    const day = '2031-05-06';
    type Day = Array<{ workday: boolean; note: string | null }>;
    const dayOn = async (base: string) => (await call<Day>(base, 'GET', `/api/calendar?from=${day}&to=${day}`)).body[0];
    const workday = !(await dayOn(c.replicas.b)).workday;
    const saved = await call(c.replicas.a, 'PUT', `/api/calendar/days/${day}`, { token: admin.accessToken, body: { workday, note: '集群测试' } });
    expect(saved.status).toBe(200);
    await eventually('the calendar edit on B', () => dayOn(c.replicas.b), (d) => d.workday === workday, within);
    expect(await dayOn(c.replicas.a)).toMatchObject({ workday, note: '集群测试' });
  });
});
