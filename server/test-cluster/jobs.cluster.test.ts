import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { call, cluster } from './cluster';

const STATE_DIR = dirname(process.env.CLUSTER_STATE ?? resolve(__dirname, '..', '..', '.tmp', 'cluster', 'cluster.json'));
const pidOf = (name: 'a' | 'b') => readFileSync(resolve(STATE_DIR, `${name}.pid`), 'utf8').trim();

describe('cluster: timed work with two replicas', () => {
  const c = cluster();

  it('cluster jobs run once per slot with both replicas running, each run by one of them', async () => {
    const owners = [pidOf('a'), pidOf('b')];
    for (const r of Object.values(c.replicas)) expect((await call(r, 'GET', '/api/health')).status).toBe(200);
    // Let three slots pass with both replicas up, then read the runs they started meanwhile.
    const t0 = new Date();
    await new Promise((r) => setTimeout(r, 3 * c.slotMs + 500));
    const db = await createConnection({ uri: c.dbUrl.replace(/^mariadb:/, 'mysql:'), timezone: 'Z' });
    try {
      const [rows] = await db.query('SELECT job, slot, owner, finishedAt, error FROM job_runs WHERE startedAt >= ?', [t0]);
      const runs = rows as Array<{ job: string; slot: string; owner: string; finishedAt: Date | null; error: string | null }>;
      const byJob = new Map<string, number[]>();
      for (const r of runs) byJob.set(r.job, [...(byJob.get(r.job) ?? []), Number(r.slot)]);
      expect(byJob.get('housekeeping')?.length).toBeGreaterThanOrEqual(3);
      for (const [job, slots] of byJob) {
        // Once per slot, and no slot of the window skipped.
        expect({ job, unique: new Set(slots).size }).toEqual({ job, unique: slots.length });
        expect({ job, span: Math.max(...slots) - Math.min(...slots) + 1 }).toEqual({ job, span: slots.length });
      }
      for (const r of runs) expect(owners).toContain(r.owner.split(':')[1]);
      expect(runs.filter((r) => r.error)).toEqual([]);
    } finally {
      await db.end();
    }
  });
});
