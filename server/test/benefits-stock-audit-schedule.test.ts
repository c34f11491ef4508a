import { AppConfig, loadConfig } from '../src/config/app-config';
import { TransactionService } from '../src/database/transaction.service';
import { BenefitsStockAuditJob } from '../src/jobs/benefits-stock-audit.job';
import { JobRun } from '../src/jobs/job-run.entity';
import type { Job } from '../src/jobs/job';
import { Scheduler } from '../src/jobs/scheduler.service';
import { createTestApp, DIALECT, testEnv, type TestApp } from './helpers/test-app';

/** The nightly stock audit runs at night (02:30 Beijing = 18:30 UTC), not when the UTC day turns (08:00 in Beijing). */
describe(`the benefits stock audit's schedule on ${DIALECT}`, () => {
  let t: TestApp;
  const audits: Date[] = [];

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  /** A scheduler over the same database holding only the real audit job, whose runs are recorded instead of auditing. */
  const schedulerWith = (job: Job) => new Scheduler([job], t.app.get(AppConfig), t.ds.getRepository(JobRun), t.app.get(TransactionService));
  const auditJob = (): Job => {
    const real = new BenefitsStockAuditJob(null as never);
    return { name: real.name, scope: real.scope, everyMs: real.everyMs, offsetMs: real.offsetMs, run: async (now) => audits.push(now) };
  };

  it('runs once a night at 02:30 Beijing time: not at 08:00, not twice in a night', async () => {
    const s = schedulerWith(auditJob());
    const at = (iso: string) => s.tick(new Date(iso));
    await at('2026-12-01T10:00:00+08:00'); // boot in the morning: that night's slot (02:30 today) has not run yet
    await at('2026-12-01T23:59:00+08:00');
    await at('2026-12-02T02:29:00+08:00');
    expect(audits.map((d) => d.toISOString())).toEqual(['2026-12-01T02:00:00.000Z']);
    await at('2026-12-02T02:30:00+08:00');
    await at('2026-12-02T08:00:00+08:00'); // UTC midnight: the old, daytime boundary starts nothing
    await at('2026-12-02T20:00:00+08:00');
    expect(audits.map((d) => d.toISOString())).toEqual(['2026-12-01T02:00:00.000Z', '2026-12-01T18:30:00.000Z']);
    // Another replica booting later that morning finds the night's slot taken: the audit ran once.
    await schedulerWith(auditJob()).tick(new Date('2026-12-02T09:00:00+08:00'));
    expect(audits).toHaveLength(2);
    const slots = (await t.ds.getRepository(JobRun).findBy({ job: 'benefits-stock-audit' })).map((r) => Number(r.slot)).sort();
    const night = (iso: string) => Math.floor((Date.parse(iso) - 18.5 * 3600_000) / 86400_000);
    expect(slots).toEqual([night('2026-12-01T02:00:00Z'), night('2026-12-01T18:30:00Z')]);
    expect(slots[1] - slots[0]).toBe(1);
  });

  it('the hour is configurable in Beijing time and checked at boot', () => {
    const job = new BenefitsStockAuditJob(null as never);
    expect(job.offsetMs(loadConfig(testEnv({ BENEFITS_STOCK_AUDIT_AT: '03:15' })))).toBe((19 * 60 + 15) * 60_000);
    expect(job.offsetMs(loadConfig(testEnv({ BENEFITS_STOCK_AUDIT_AT: '08:00' })))).toBe(0);
    expect(() => loadConfig(testEnv({ BENEFITS_STOCK_AUDIT_AT: '25:00' }))).toThrow(/BENEFITS_STOCK_AUDIT_AT/);
  });
});
