import { In, IsNull, Not } from 'typeorm';
import { ClaimEvent } from '../src/claims/claim-event.entity';
import { Claim } from '../src/claims/claim.entity';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { OutboxMessage } from '../src/notifications/outbox-message.entity';
import { startFakeWechat, type FakeWechat } from './fakes/fake-wechat';
import { claimBody } from './helpers/claims';
import { call, login, until, useReplicas } from './helpers/replicas';
import { TEST_DB_URL } from './helpers/test-app';

const TPL = 'tpl-claim-progress-01';
const SLOT_MS = 2000;
const LEASE_MS = 1500;

/**
 * Two server processes on one MariaDB, their clocks shortened, the way a city runs several replicas behind a
 * balancer. SQLite is one file for one process, so this tier runs only where TEST_DB_URL names a MariaDB (the
 * test command always gives it one; CI fails when MariaDB is missing).
 */
const onMariadb = TEST_DB_URL ? describe : describe.skip;

onMariadb('two replicas on one MariaDB', () => {
  let wx: FakeWechat;
  beforeAll(async () => {
    wx = await startFakeWechat();
  });
  afterAll(async () => {
    await wx?.close();
  });
  const cluster = useReplicas(() => ({
    LOG_LEVEL: 'info',
    SEED_DEMO: 'true',
    JOBS_TICK_MS: '100',
    JOBS_LEASE_MS: String(LEASE_MS),
    HOUSEKEEPING_EVERY_MS: String(SLOT_MS),
    WECHAT_APPID: 'wx-test-appid',
    WECHAT_SECRET: 'test-secret',
    WECHAT_API_BASE: wx.baseUrl,
    WECHAT_TEMPLATE_CLAIM_PROGRESS: TPL,
  }));
  const { replicas } = cluster;

  /** `job <name> slot <n> ran on <owner>` lines of every replica, as [slot, owner]. */
  const runsOf = (job: string) =>
    replicas.flatMap((r) =>
      r.lines.flatMap((l) => {
        const m = new RegExp(`job ${job} slot (\\d+) ran on (\\S+):`).exec(l);
        return m ? [{ slot: Number(m[1]), owner: m[2], replica: r.name }] : [];
      }),
    );

  it('closes every due claim once, whichever replica gets there', async () => {
    const worker = await login(replicas[0], 'rep-worker');
    const officer = await login(replicas[1], 'demo-officer-sm');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await call(replicas[i % 2], 'POST', '/api/claims', worker, claimBody({ description: `第 ${i} 件：十月工资至今未发放，站长说平台没结算。` }));
      await call(replicas[(i + 1) % 2], 'POST', `/api/claims/${c.id}/accept`, officer);
      await call(replicas[i % 2], 'POST', `/api/claims/${c.id}/resolve`, officer, { outcome: 'mediated', summary: '已协调发放' });
      ids.push(c.id!);
    }
    await cluster.ds.getRepository(Claim).update({ id: In(ids) }, { resolvedAt: new Date(Date.now() - 8 * 86400_000) });
    await until('every claim to close', async () => (await cluster.ds.getRepository(Claim).countBy({ id: In(ids), status: 'closed' })) === ids.length);
    // one auto_close each, never two, although both replicas run the job
    const events = await cluster.ds.getRepository(ClaimEvent).findBy({ claimId: In(ids), kind: 'auto_close' });
    expect(events.map((e) => e.claimId).sort()).toEqual([...ids].sort());
  }, 60_000);

  it('sends each SLA warning, escalation, referral and day-15 prompt once, whichever replica gets there', async () => {
    const worker = await login(replicas[0], 'rep-sla-worker');
    const officer = await login(replicas[1], 'demo-officer-sm');
    const file = async (i: number) => (await call(replicas[i % 2], 'POST', '/api/claims', worker, claimBody({ description: `第 ${i} 件：工资至今未发放，站长说平台没结算。` }))).id!;
    const warned = [await file(0), await file(1)];
    const escalated = [await file(2), await file(3)];
    const mediated = [await file(4), await file(5)];
    for (const id of mediated) await call(replicas[0], 'POST', `/api/claims/${id}/accept`, officer);
    const past = new Date(Date.now() - 60_000);
    const claims = cluster.ds.getRepository(Claim);
    // each group due for one kind of work now (the clock moves a claim before it warns about its old deadline)
    await claims.update({ id: In(warned) }, { halfWarnAt: past, overdueWarnAt: past });
    await claims.update({ id: In(escalated) }, { escalateAt: past });
    await claims.update({ id: In(mediated) }, { dueAt: past, mediationDueAt: past, arbitrationPromptAt: past });
    await until('the clock to act on every claim', async () => {
      const moved = await claims.countBy([{ id: In(escalated), status: 'escalated' }, { id: In(mediated), status: 'referred' }]);
      const pending = await claims.countBy([{ id: In(warned), overdueWarnAt: Not(IsNull()) }, { id: In(mediated), arbitrationPromptAt: Not(IsNull()) }]);
      return moved === 4 && pending === 0;
    });
    await new Promise((r) => setTimeout(r, 2 * SLOT_MS)); // more slots run on both replicas: nothing more may happen
    const events = cluster.ds.getRepository(ClaimEvent);
    expect((await events.findBy({ claimId: In(escalated), kind: 'auto_escalate' })).map((e) => e.claimId).sort()).toEqual([...escalated].sort());
    expect((await events.findBy({ claimId: In(mediated), kind: 'auto_refer' })).map((e) => e.claimId).sort()).toEqual([...mediated].sort());
    const inbox = cluster.ds.getRepository(InboxMessage);
    const officerId = (await call(replicas[0], 'GET', '/api/me', officer)).id as string;
    for (const kind of ['claim.deadline_half', 'claim.overdue']) {
      const rows = await inbox.findBy({ userId: officerId, kind });
      const numbers = (await claims.findBy({ id: In(warned) })).map((c) => c.number);
      expect(numbers.map((n) => rows.filter((m) => m.body.includes(n)).length)).toEqual([1, 1]);
    }
    const workerId = (await claims.findOneByOrFail({ id: warned[0] })).workerId;
    expect(await inbox.countBy({ userId: workerId, kind: 'claim.arbitration_right' })).toBe(2);
    expect(await inbox.countBy({ userId: workerId, kind: 'claim.auto_escalate' })).toBe(2);
    expect(await inbox.countBy({ userId: workerId, kind: 'claim.auto_refer' })).toBe(2);
  }, 60_000);

  it('runs every slot of a cluster job once, on one replica or the other, with no slot missed', async () => {
    await new Promise((r) => setTimeout(r, 4 * SLOT_MS));
    for (const job of ['housekeeping', 'claims-auto-close', 'claims-clock']) {
      const runs = runsOf(job);
      const slots = runs.map((r) => r.slot).sort((a, b) => a - b);
      expect(new Set(slots).size).toBe(slots.length);
      expect(slots.length).toBeGreaterThanOrEqual(3);
      expect(slots[slots.length - 1] - slots[0] + 1).toBe(slots.length);
    }
    // Which replica wins a slot depends on whose clock ticks first after the boundary: no fairness is promised,
    // only that each slot runs once.
  });

  it('delivers every outbox message once, also when the replica sending it is killed mid-request', async () => {
    const officer = await login(replicas[0], 'demo-officer-sm');
    const riders: Array<{ openid: string; token: string; claimId: string }> = [];
    for (let i = 0; i < 6; i++) {
      const openid = `o-rep-${i}`;
      const token = await login(replicas[i % 2], openid);
      await call(replicas[(i + 1) % 2], 'POST', '/api/notifications/subscriptions', token, { results: { [TPL]: 'accept' } });
      wx.grantCredit(openid, TPL);
      const c = await call(replicas[i % 2], 'POST', '/api/claims', token, claimBody());
      riders.push({ openid, token, claimId: c.id! });
    }
    // WeChat is slow: every send hangs long enough for a replica to die in the middle of it
    wx.sendDelayMs = 2500;
    for (const r of riders) await call(replicas[0], 'POST', `/api/claims/${r.claimId}/accept`, officer);
    await until('both replicas to be sending', async () => wx.sendAttempts.filter((a) => a.touser.startsWith('o-rep-')).length >= 2, 10_000);
    replicas[0].proc.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    wx.sendDelayMs = 0;
    const outbox = cluster.ds.getRepository(OutboxMessage);
    const userIds = (await outbox.find({ where: { kind: 'claim.accept' } })).map((m) => m.userId);
    expect(userIds).toHaveLength(6);
    // Every message ends: sent, or — when the killed replica's request had reached WeChat — refused as already
    // spent (43101) on the second try, so the rider still gets it exactly once.
    await until('every message to be done', async () => (await outbox.countBy({ kind: 'claim.accept', state: In(['sent', 'failed']) })) === 6, 30_000);
    for (const r of riders) expect(wx.deliveries.filter((d) => d.touser === r.openid)).toHaveLength(1);
    const rows = await outbox.findBy({ kind: 'claim.accept' });
    for (const m of rows.filter((x) => x.state === 'failed')) expect(m).toMatchObject({ attempts: 2, lastError: expect.stringMatching(/^43101/) });
    // the rows the killed replica had claimed were taken over after their lease
    expect(rows.some((m) => m.attempts > 1)).toBe(true);
  }, 60_000);
});
