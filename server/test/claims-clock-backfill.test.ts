import { arbitrationRightAt } from '@nuanxin/shared';
import { ClaimClock } from '../src/claims/claim-clock.service';
import { Claim } from '../src/claims/claim.entity';
import { newId } from '../src/database/columns';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { Like } from 'typeorm';
import { Org } from '../src/orgs/org.entity';
import { DIALECT, createTestApp, devLogin, type TestApp } from './helpers/test-app';

/** Running claims filed before the tiers release get their clock dates from the clock, once. */
describe(`claims clock dates for claims filed before the tiers (${DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  it('fills the dates of running claims (warning at once when already overdue, day 15 when passed) and leaves finished ones', async () => {
    const DAY = 86_400_000;
    const now = new Date();
    const officer = await devLogin(t.app, 'demo-officer-sm');
    const worker = await devLogin(t.app, 'backfill-worker');
    const org = await t.ds.getRepository(Org).findOneByOrFail({ code: 'XM-JM' });
    let n = 0;
    const old = (o: Partial<Claim>): Claim =>
      ({
        id: newId(),
        number: `SQ2026${String(990000 + ++n)}`,
        workerId: worker.user.id,
        category: 'wages',
        employerOrgId: null,
        employerName: '某某配送站',
        amountFen: null,
        description: '发布前提交的诉求',
        contactPreference: 'message',
        orgId: org.id,
        assigneeId: officer.user.id,
        tier: 0,
        routedBy: 'district',
        handlingTier: 1,
        difficult: false,
        // what a claim filed before the tiers release holds: none of the clock's dates
        tierEnteredAt: null,
        mediationReceivedAt: null,
        arbitrationRightAt: null,
        halfWarnAt: null,
        overdueWarnAt: null,
        escalateAt: null,
        arbitrationPromptAt: null,
        firstResponseEstimated: false,
        mediationEstimated: false,
        reopenCount: 0,
        ...o,
      }) as unknown as Claim;
    const submittedAt = new Date(now.getTime() - 3600_000);
    const waiting = old({ status: 'submitted', submittedAt, updatedAt: submittedAt, firstResponseDueAt: new Date(now.getTime() + 2 * DAY), dueAt: new Date(now.getTime() + 2 * DAY) });
    const acceptedAt = new Date(now.getTime() - 20 * DAY);
    const mediating = old({ status: 'in_progress', submittedAt: new Date(acceptedAt.getTime() - DAY), updatedAt: acceptedAt, acceptedAt, firstResponseAt: acceptedAt, firstResponseDueAt: acceptedAt, mediationDueAt: new Date(now.getTime() + 3 * DAY), dueAt: new Date(now.getTime() + 3 * DAY) });
    const closed = old({ status: 'closed', submittedAt: acceptedAt, updatedAt: acceptedAt, firstResponseDueAt: acceptedAt, resolvedAt: acceptedAt, closedAt: acceptedAt, dueAt: null });
    // copies, one by one: TypeORM may write reloaded defaults back into the objects it inserted
    for (const c of [waiting, mediating, closed]) await t.ds.getRepository(Claim).insert({ ...c });

    const clock = t.app.get(ClaimClock);
    expect((await clock.run(now)).clockDates).toBe(2);
    const repo = t.ds.getRepository(Claim);
    const w = await repo.findOneByOrFail({ id: waiting.id });
    expect(w.tierEnteredAt?.getTime()).toBe(submittedAt.getTime());
    expect(w.overdueWarnAt?.getTime()).toBe(waiting.dueAt!.getTime());
    expect(w.halfWarnAt?.getTime()).toBe(submittedAt.getTime() + Math.floor((waiting.dueAt!.getTime() - submittedAt.getTime()) / 2));
    expect(w.escalateAt!.getTime()).toBeGreaterThan(waiting.firstResponseDueAt.getTime());

    const m = await repo.findOneByOrFail({ id: mediating.id });
    expect(m.mediationReceivedAt?.getTime()).toBe(acceptedAt.getTime());
    expect(m.arbitrationRightAt?.getTime()).toBe(arbitrationRightAt(acceptedAt).getTime());
    expect(m.arbitrationPromptAt).toBeNull(); // day 15 had passed: prompted in the same run
    expect(m.overdueWarnAt?.getTime()).toBe(mediating.dueAt!.getTime());
    const told = await t.ds.getRepository(InboxMessage).findBy({ userId: worker.user.id, kind: 'claim.arbitration_right' });
    expect(told).toHaveLength(1);

    const c = await repo.findOneByOrFail({ id: closed.id });
    expect([c.tierEnteredAt, c.halfWarnAt, c.overdueWarnAt, c.escalateAt, c.arbitrationPromptAt]).toEqual([null, null, null, null, null]);

    // once: the next run finds nothing to fill and tells nobody again
    expect((await clock.run(new Date(now.getTime() + 1000))).clockDates).toBe(0);
    expect(await t.ds.getRepository(InboxMessage).countBy({ userId: worker.user.id, kind: 'claim.arbitration_right' })).toBe(1);
  });

  it('warns the officers of the claim\'s org when nobody is assigned (half-way and overdue), and the parent org\'s officers as supervisors', async () => {
    const now = new Date();
    const officerSM = await devLogin(t.app, 'demo-officer-sm');
    const cityOfficer = await devLogin(t.app, 'backfill-city-officer', ['officer'], 'XM');
    const worker = await devLogin(t.app, 'backfill-worker-2');
    const org = await t.ds.getRepository(Org).findOneByOrFail({ code: 'XM-SM' });
    const at = new Date(now.getTime() - 3 * 86_400_000);
    const c = {
      id: newId(), number: 'SQ2026995001', workerId: worker.user.id, category: 'wages', employerOrgId: null, employerName: '某某配送站', amountFen: null,
      description: '无人承办的诉求', contactPreference: 'message', orgId: org.id, assigneeId: null, tier: 0, routedBy: 'district', handlingTier: 1, difficult: false,
      status: 'submitted', submittedAt: at, updatedAt: at, tierEnteredAt: at, firstResponseDueAt: new Date(now.getTime() - 60_000), dueAt: new Date(now.getTime() - 60_000),
      halfWarnAt: new Date(now.getTime() - 120_000), overdueWarnAt: new Date(now.getTime() - 60_000), escalateAt: null, arbitrationPromptAt: null,
      firstResponseEstimated: false, mediationEstimated: false, reopenCount: 0,
    } as unknown as Claim;
    await t.ds.getRepository(Claim).insert({ ...c });
    await t.app.get(ClaimClock).run(now);
    const inbox = t.ds.getRepository(InboxMessage);
    const to = async (userId: string, kind: string) => inbox.countBy({ userId, kind, link: Like(`%${c.id}%`) });
    expect(await to(officerSM.user.id, 'claim.deadline_half')).toBe(1);
    expect(await to(officerSM.user.id, 'claim.overdue')).toBe(1);
    expect(await to(cityOfficer.user.id, 'claim.overdue')).toBe(1); // the parent org's officer, as supervisor
    expect(await to(cityOfficer.user.id, 'claim.deadline_half')).toBe(0);
    expect(await to(worker.user.id, 'claim.overdue')).toBe(0);
  });
});
