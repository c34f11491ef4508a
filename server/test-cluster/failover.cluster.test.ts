import { randomUUID } from 'node:crypto';
import { claimBody } from '../test/helpers/claims';
import { call, cluster, clusterCtl, devLogin, type Res } from './cluster';

describe('cluster: a replica dying', () => {
  const c = cluster();

  describe('replica B killed (SIGKILL) while riders keep working through nginx', () => {
    // Runs last in the tier (sequencer.js) and leaves B down; a later run brings it back first.
    beforeAll(() => {
      clusterCtl('start-replica', 'b');
    });

    it('replica A serves every request and every claim is filed exactly once', async () => {
      const rider = await devLogin(c.url, `cluster-failover-${randomUUID()}`);
      const keys: string[] = [];
      const answers: Array<Res<unknown>> = [];
      let killed = false;
      let filed = 0;
      // Readers: a steady stream of nearby lookups, some in flight when B dies.
      let stop = false;
      const readers = Array.from({ length: 4 }, async () => {
        while (!stop) answers.push(await call(c.url, 'GET', '/api/stations/nearby?lat=24.4637&lng=118.0978'));
      });
      // The writer: claims with Idempotency-Keys; a failed attempt is retried with the same key, as the app does.
      while (filed < 12) {
        const key = randomUUID();
        keys.push(key);
        let res = await call(c.url, 'POST', '/api/claims', { token: rider.accessToken, body: claimBody(), idempotencyKey: key });
        for (let i = 0; res.status >= 500 && i < 5; i++) {
          res = await call(c.url, 'POST', '/api/claims', { token: rider.accessToken, body: claimBody(), idempotencyKey: key });
        }
        expect(res.status).toBe(201);
        filed++;
        if (!killed && filed === 4) {
          clusterCtl('kill-replica', 'b');
          killed = true;
        }
      }
      stop = true;
      await Promise.all(readers);

      expect(answers.length).toBeGreaterThan(20);
      expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);
      const b = new URL(c.replicas.b).host;
      const afterKill = answers.slice(-10);
      expect(afterKill.every((a) => a.upstream !== b || a.upstream.includes(','))).toBe(true);
      const mine = await call<Array<{ id: string }>>(c.replicas.a, 'GET', '/api/claims/mine', { token: rider.accessToken });
      expect(mine.body).toHaveLength(keys.length);
    });
  });
});
