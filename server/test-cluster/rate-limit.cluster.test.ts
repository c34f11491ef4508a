import { call, clientIp, cluster } from './cluster';

const LIMIT = 30; // AUTH_RATE_LIMIT's default, which the cluster keeps

describe('cluster: the auth rate limit is one limit across both replicas (Redis)', () => {
  const c = cluster();

  it(`${LIMIT} auth requests from one rider through nginx pass, then 429 whichever replica answers`, async () => {
    const ip = clientIp();
    const hit = () => call<{ code: string }>(c.url, 'POST', '/api/auth/refresh', { ip, body: { refreshToken: 'x'.repeat(40) } });
    const served: Record<string, number> = {};
    for (let i = 0; i < LIMIT; i++) {
      const res = await hit();
      expect(res.status).toBe(401);
      served[res.upstream] = (served[res.upstream] ?? 0) + 1;
    }
    // Round robin: each replica saw about half, far below the limit on its own.
    expect(Object.values(served).sort()).toEqual([LIMIT / 2, LIMIT / 2]);
    const blocked = [await hit(), await hit()];
    expect(blocked.map((r) => r.status)).toEqual([429, 429]);
    expect(new Set(blocked.map((r) => r.upstream)).size).toBe(2);
    expect(blocked[0].body.code).toBe('RATE_LIMITED');
    expect(Number(blocked[0].headers.get('retry-after'))).toBeGreaterThan(0);
    // Another rider behind the same balancer is not limited: nginx passes each rider's own address.
    expect((await call(c.url, 'POST', '/api/auth/refresh', { ip: clientIp(), body: { refreshToken: 'x'.repeat(40) } })).status).toBe(401);
  });
});
