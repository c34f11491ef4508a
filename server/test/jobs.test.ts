import { CLAIM_RULES } from '@nuanxin/shared';
import { CalendarDay } from '../src/calendar/calendar-day.entity';
import { CalendarYear } from '../src/calendar/calendar-year.entity';
import { CalendarService } from '../src/calendar/calendar.service';
import { ClaimEvent } from '../src/claims/claim-event.entity';
import { Attachment } from '../src/claims/attachment.entity';
import { Claim } from '../src/claims/claim.entity';
import { AppConfig } from '../src/config/app-config';
import { TransactionService } from '../src/database/transaction.service';
import { JobRun } from '../src/jobs/job-run.entity';
import type { Job } from '../src/jobs/job';
import { Scheduler } from '../src/jobs/scheduler.service';
import { claimsHelpers } from './helpers/claims';
import { multipart, PNG_1PX } from './helpers/multipart';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

const DAY = 86400_000;

/** A job that counts its runs and can be made to take a while. */
function countingJob(name: string, scope: Job['scope'], everyMs: number, workMs = 0): Job & { runs: Date[] } {
  const runs: Date[] = [];
  return {
    name,
    scope,
    everyMs: () => everyMs,
    runs,
    run: async (now: Date) => {
      runs.push(now);
      if (workMs) await new Promise((r) => setTimeout(r, workMs));
      return runs.length;
    },
  };
}

describe('the jobs room', () => {
  let t: TestApp;
  /** A second replica's scheduler over the same database, with its own jobs. */
  const replica = (jobs: Job[], lease?: number) => {
    const config = Object.assign(Object.create(Object.getPrototypeOf(t.app.get(AppConfig))) as AppConfig, t.app.get(AppConfig), lease ? { JOBS_LEASE_MS: lease } : {});
    return new Scheduler(jobs, config, t.ds.getRepository(JobRun), t.app.get(TransactionService));
  };

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  it('holds every timed job of the server', () => {
    expect(t.app.get(Scheduler).names).toEqual(expect.arrayContaining(['calendar-reload', 'claims-auto-close', 'housekeeping', 'outbox-drain', 'stations-index']));
  });

  it('a cluster job runs once per slot however many replicas tick it', async () => {
    const a = countingJob('probe-once', 'cluster', 60_000);
    const b = countingJob('probe-once', 'cluster', 60_000);
    const now = new Date();
    await Promise.all([replica([a]).tick(now), replica([b]).tick(now), replica([b]).tick(now)]);
    expect(a.runs.length + b.runs.length).toBe(1);
    const rows = await t.ds.getRepository(JobRun).findBy({ job: 'probe-once' });
    expect(rows).toHaveLength(1);
    expect(rows[0].finishedAt).not.toBeNull();
    // the next slot runs again, once
    const later = new Date(now.getTime() + 60_000);
    await Promise.all([replica([a]).tick(later), replica([b]).tick(later)]);
    expect(a.runs.length + b.runs.length).toBe(2);
  });

  it('a replica job runs on every replica', async () => {
    const a = countingJob('probe-each', 'replica', 1000);
    const b = countingJob('probe-each', 'replica', 1000);
    const now = new Date();
    await Promise.all([replica([a]).tick(now), replica([b]).tick(now)]);
    expect([a.runs.length, b.runs.length]).toEqual([1, 1]);
  });

  it('a slot whose owner died mid-run is taken over once its lease ran out, and run by one replica', async () => {
    const now = new Date();
    const slot = String(Math.floor(now.getTime() / 60_000));
    await t.ds.getRepository(JobRun).insert({ id: 'dead0000-0000-4000-8000-000000000001', job: 'probe-dead', slot, owner: 'killed-replica', attempts: 1, startedAt: new Date(now.getTime() - 5000), leaseUntil: new Date(now.getTime() - 1000), finishedAt: null, error: null });
    const a = countingJob('probe-dead', 'cluster', 60_000);
    const b = countingJob('probe-dead', 'cluster', 60_000);
    await Promise.all([replica([a]).tick(now), replica([b]).tick(now)]);
    expect(a.runs.length + b.runs.length).toBe(1);
    const row = await t.ds.getRepository(JobRun).findOneByOrFail({ job: 'probe-dead', slot });
    expect(row.attempts).toBe(2);
    expect(row.finishedAt).not.toBeNull();
    expect(row.owner).not.toBe('killed-replica');
  });

  it('a run still in progress keeps its claim: a long job is not taken over while its owner lives', async () => {
    const slow = countingJob('probe-slow', 'cluster', 365 * DAY, 900); // one slot for the whole test
    const other = countingJob('probe-slow', 'cluster', 365 * DAY);
    const now = new Date();
    const first = replica([slow], 300).tick(now);
    await new Promise((r) => setTimeout(r, 100));
    // the second replica looks again after the first lease would have run out, twice
    for (const wait of [400, 300]) {
      await new Promise((r) => setTimeout(r, wait));
      await replica([other], 300).tick(new Date(Date.now()));
    }
    await first;
    expect(slow.runs).toHaveLength(1);
    expect(other.runs).toHaveLength(0);
  });

  it('closes claims left unrated past the rating window, once, whoever runs it', async () => {
    const h = claimsHelpers(() => t, 'jobs-w');
    const officer = await devLogin(t.app, 'demo-officer-sm');
    const w = await h.worker();
    const claim = await h.file(w);
    await h.ok(officer, `/api/claims/${claim.id}/accept`);
    await h.ok(officer, `/api/claims/${claim.id}/resolve`, { outcome: 'mediated', summary: '已协调发放工资', amountRecoveredFen: 350000 });
    await t.ds.getRepository(Claim).update({ id: claim.id }, { resolvedAt: new Date(Date.now() - (CLAIM_RULES.ratingWindowDays + 1) * DAY) });
    const scheduler = t.app.get(Scheduler);
    await Promise.all([scheduler.runNow('claims-auto-close'), scheduler.runNow('claims-auto-close')]);
    expect((await t.ds.getRepository(Claim).findOneByOrFail({ id: claim.id })).status).toBe('closed');
    expect(await t.ds.getRepository(ClaimEvent).countBy({ claimId: claim.id, kind: 'auto_close' })).toBe(1);
  });

  it('housekeeping removes photos never attached within a day, and keeps the rest', async () => {
    const w = await devLogin(t.app, 'jobs-photo');
    const upload = async () => {
      const { payload, headers } = multipart([{ filename: 'a.png', type: 'image/png', content: PNG_1PX }]);
      const res = await t.app.inject({ method: 'POST', url: '/api/claims/attachments', headers: { ...w.auth, ...headers }, payload });
      expect(res.statusCode).toBe(201);
      return res.json()[0].id as string;
    };
    const old = await upload();
    const fresh = await upload();
    const used = await upload();
    const h = claimsHelpers(() => t, 'jobs-photo-w');
    await h.file(w, { attachmentIds: [used] });
    await t.ds.getRepository(Attachment).update({ id: old }, { createdAt: new Date(Date.now() - 2 * DAY) });
    await t.ds.getRepository(Attachment).update({ id: used }, { createdAt: new Date(Date.now() - 2 * DAY) });
    await t.app.get(Scheduler).runNow('housekeeping');
    const left = (await t.ds.getRepository(Attachment).findBy({ ownerId: w.user.id })).map((a) => a.id).sort();
    expect(left).toEqual([fresh, used].sort());
    const gone = await t.app.inject({ method: 'GET', url: `/api/claims/attachments/${old}`, headers: w.auth });
    expect(gone.statusCode).toBe(404);
  });

  it("an admin's calendar edit reaches another replica at its next poll", async () => {
    const admin = await devLogin(t.app, 'demo-admin');
    // the other replica's calendar, loaded before the edit
    const other = new CalendarService(t.ds.getRepository(CalendarDay), t.ds.getRepository(CalendarYear), t.app.get(TransactionService));
    await other.reload();
    expect(await other.reloadIfChanged()).toBe(false);
    const date = '2031-03-03'; // a Monday in a year without official data
    expect(other.range(date, date)[0]).toMatchObject({ workday: true, estimated: true });
    const res = await t.app.inject({ method: 'PUT', url: `/api/calendar/days/${date}`, headers: admin.auth, payload: { workday: false, note: '地方调休' } });
    expect(res.statusCode).toBe(200);
    expect(await other.reloadIfChanged()).toBe(true);
    expect(other.range(date, date)[0]).toMatchObject({ workday: false, note: '地方调休' });
  });
});
