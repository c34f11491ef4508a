import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { PNG_1PX } from '../test/helpers/multipart';
import { call, cluster, devLogin, type Login } from './cluster';

/** State a rider's session and photos depend on lives outside the replicas: any replica serves what another wrote. */
describe('cluster: sessions and photos across replicas', () => {
  const c = cluster();

  it('logs in on replica A and refreshes on replica B; the rotated token is dead on A', async () => {
    const login = await devLogin(c.replicas.a, `cluster-rider-${randomUUID()}`);
    const refreshed = await call<Login>(c.replicas.b, 'POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.id).toBe(login.user.id);
    expect(refreshed.body.refreshToken).not.toBe(login.refreshToken);
    const reused = await call<{ code: string }>(c.replicas.a, 'POST', '/api/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(reused.status).toBe(401);
    // The new access token works on the replica that did not issue it.
    const inbox = await call(c.replicas.a, 'GET', '/api/inbox', { token: refreshed.body.accessToken });
    expect(inbox.status).toBe(200);
  });

  it('a claim photo uploaded through replica A is read through B and through nginx on both, stored in S3', async () => {
    const rider = await devLogin(c.replicas.a, `cluster-photo-${randomUUID()}`);
    const before = new Set(readdirSync(c.s3Dir, { recursive: true }) as string[]);
    const form = new FormData();
    form.append('file', new Blob([PNG_1PX], { type: 'image/png' }), 'receipt.png');
    const up = await call<Array<{ id: string }>>(c.replicas.a, 'POST', '/api/claims/attachments', { token: rider.accessToken, raw: form });
    expect(up.status).toBe(201);
    const id = up.body[0].id;

    const onB = await fetch(`${c.replicas.b}/api/claims/attachments/${id}`, { headers: { Authorization: `Bearer ${rider.accessToken}` } });
    expect(onB.status).toBe(200);
    expect(Buffer.from(await onB.arrayBuffer()).equals(PNG_1PX)).toBe(true);

    const upstreams = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${c.url}/api/claims/attachments/${id}`, { headers: { Authorization: `Bearer ${rider.accessToken}` } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG_1PX)).toBe(true);
      upstreams.add(res.headers.get('x-upstream') ?? '');
    }
    expect(upstreams.size).toBe(2);

    const added = (readdirSync(c.s3Dir, { recursive: true }) as string[]).filter((f) => !before.has(f) && f.startsWith('photos/'));
    expect(added.length).toBeGreaterThan(0);
    const stranger = await devLogin(c.url, `cluster-stranger-${randomUUID()}`);
    expect((await call(c.replicas.b, 'GET', `/api/claims/attachments/${id}`, { token: stranger.accessToken })).status).toBe(404);
  });
});
