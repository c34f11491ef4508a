import { ClaimClock } from '../src/claims/claim-clock.service';
import { ClaimDigest } from '../src/claims/claim-digest.entity';
import { Claim } from '../src/claims/claim.entity';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { claimsHelpers } from './helpers/claims';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

/** A Beijing wall time as an instant. */
const bj = (s: string) => new Date(`${s.replace(' ', 'T')}+08:00`);
const CLOCK_FIELDS = { halfWarnAt: null, overdueWarnAt: null, escalateAt: null, arbitrationPromptAt: null } as const;

/**
 * Issue 13 §2, who the clock tells about an overdue claim: the assignee and the parent org's officers get the
 * overdue warning; the daily digest goes to every officer responsible for overdue claims — the assignee of an
 * assigned one, the officers of the org holding an unassigned one (not the parent org's) — once a Beijing day,
 * whether one replica runs the clock or two run it at the same instant. The clock is run by hand at chosen instants;
 * the claims' deadlines are set on the rows, so nothing waits for real time.
 */
describe(`claims: overdue warnings and the daily digest on ${DIALECT}`, () => {
  let t: TestApp;
  let clock: ClaimClock;
  let officerSM: Session; // 思明区总工会
  let officerSM2: Session; // a second officer of 思明区总工会
  let officerXM: Session; // the city union, parent of 思明区
  let officerHL: Session; // 湖里区总工会
  const h = claimsHelpers(() => t, 'digest-worker');
  let c: Record<'unassigned1' | 'unassigned2' | 'mineSM2' | 'mineSM' | 'notYet' | 'huli', Claim>;

  const inbox = (s: Session, kind: string) => t.ds.getRepository(InboxMessage).find({ where: { userId: s.user.id, kind }, order: { createdAt: 'ASC' } });
  const about = async (s: Session, kind: string, claim: Claim) => (await inbox(s, kind)).filter((m) => m.body.includes(claim.number) || m.title.includes(claim.number));
  /** Files a claim in `district` and sets its deadline (and assignee) on the row, with no other clock work pending. */
  const claim = async (district: string, dueAt: Date, assignee: Session | null): Promise<Claim> => {
    const { id } = await h.file(await h.worker(), { districtCode: district });
    await t.ds.getRepository(Claim).update({ id }, { ...CLOCK_FIELDS, dueAt, assigneeId: assignee?.user.id ?? null });
    return t.ds.getRepository(Claim).findOneByOrFail({ id });
  };

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    clock = t.app.get(ClaimClock);
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerSM2 = await devLogin(t.app, 'digest-officer-sm2', ['officer'], 'XM-SM');
    officerXM = await devLogin(t.app, 'digest-officer-xm', ['officer'], 'XM');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    // the demo seed's claims keep no running deadline here: every figure below comes from this file's rows
    await t.ds.getRepository(Claim).createQueryBuilder().update().set({ ...CLOCK_FIELDS, dueAt: null }).execute();
    c = {
      unassigned1: await claim('XM-SM', bj('2026-11-20 23:59:59'), null),
      unassigned2: await claim('XM-SM', bj('2026-11-25 23:59:59'), null),
      mineSM2: await claim('XM-SM', bj('2026-11-23 23:59:59'), officerSM2),
      mineSM: await claim('XM-SM', bj('2026-11-27 23:59:59'), officerSM),
      notYet: await claim('XM-SM', bj('2026-12-10 23:59:59'), null),
      huli: await claim('XM-HL', bj('2026-11-30 23:59:59'), null),
    };
    expect(c.unassigned1.orgId).toBe(c.mineSM.orgId);
    expect(c.huli.orgId).not.toBe(c.mineSM.orgId);
  }, 300_000); // boot and six claims over HTTP: minutes on a loaded machine
  afterAll(() => t.close());

  it('an overdue assigned claim warns its assignee and the parent org\'s officers once, even with two clocks at once', async () => {
    const due = c.mineSM.dueAt!;
    await t.ds.getRepository(Claim).update({ id: c.mineSM.id }, { overdueWarnAt: due });
    const now = new Date(due.getTime() + 60_000);
    await Promise.all([clock.run(now), clock.run(now)]);
    await clock.run(new Date(now.getTime() + 3600_000));

    const [own] = await about(officerSM, 'claim.overdue', c.mineSM);
    expect(await about(officerSM, 'claim.overdue', c.mineSM)).toHaveLength(1);
    expect(own.title).toBe('诉求已超期');
    const supervisors = await about(officerXM, 'claim.overdue', c.mineSM);
    expect(supervisors.map((m) => m.title)).toEqual(['下级工会的诉求已超期']);
    // the org's other officer is not its handler (it is assigned), nor a supervisor
    expect(await about(officerSM2, 'claim.overdue', c.mineSM)).toHaveLength(0);
    expect((await t.ds.getRepository(Claim).findOneByOrFail({ id: c.mineSM.id })).overdueWarnAt).toBeNull();
  });

  it('the digest goes before 08:00 to nobody, then once to each responsible officer with their own count', async () => {
    const day = '2026-12-01';
    const digests = () => t.ds.getRepository(ClaimDigest).find({ where: { day } });
    await clock.run(bj(`${day} 07:59`));
    expect(await digests()).toHaveLength(0);

    // two replicas run the clock at the same instant, then one again later that day
    await Promise.all([clock.run(bj(`${day} 08:00`)), clock.run(bj(`${day} 08:00`))]);
    await clock.run(bj(`${day} 15:00`));

    const byUser = new Map((await digests()).map((d) => [d.userId, d.overdue]));
    // 思明: the two unassigned overdue claims are every 思明 officer's, the assigned ones their assignee's only;
    // 湖里's unassigned one is 湖里's; the city (the parent org) answers for none of them; not-yet-due counts nowhere
    expect(byUser.get(officerSM.user.id)).toBe(3);
    expect(byUser.get(officerSM2.user.id)).toBe(3);
    expect(byUser.get(officerHL.user.id)).toBe(1);
    expect(byUser.has(officerXM.user.id)).toBe(false);
    expect((await digests()).filter((d) => d.userId === officerSM.user.id)).toHaveLength(1);

    const [sm] = await inbox(officerSM, 'claim.digest');
    expect((await inbox(officerSM, 'claim.digest')).length).toBe(1);
    expect(sm.title).toBe('你有 3 件诉求已超期');
    // the most overdue first: Nov 20 (unassigned), Nov 25 (unassigned), Nov 27 (theirs); not officerSM2's Nov 23
    expect(sm.body).toBe(`${c.unassigned1.number}、${c.unassigned2.number}、${c.mineSM.number}已超过办理期限，请尽快处理。`);
    const [sm2] = await inbox(officerSM2, 'claim.digest');
    expect(sm2.body).toBe(`${c.unassigned1.number}、${c.mineSM2.number}、${c.unassigned2.number}已超过办理期限，请尽快处理。`);
    const [hl] = await inbox(officerHL, 'claim.digest');
    expect(hl.title).toBe('你有 1 件诉求已超期');
    expect(hl.body).toContain(c.huli.number);
    expect(await inbox(officerXM, 'claim.digest')).toHaveLength(0);
  });

  it('the next day: a claim assigned since counts for its assignee only, and the digest goes again once', async () => {
    await t.ds.getRepository(Claim).update({ id: c.unassigned2.id }, { assigneeId: officerSM.user.id });
    const day = '2026-12-02';
    await Promise.all([clock.run(bj(`${day} 09:00`)), clock.run(bj(`${day} 09:00`))]);
    const byUser = new Map((await t.ds.getRepository(ClaimDigest).find({ where: { day } })).map((d) => [d.userId, d.overdue]));
    expect(byUser.get(officerSM.user.id)).toBe(3); // unassigned1 + unassigned2 (now theirs) + mineSM
    expect(byUser.get(officerSM2.user.id)).toBe(2); // unassigned1 + mineSM2
    expect(await inbox(officerSM, 'claim.digest')).toHaveLength(2);
    expect((await inbox(officerSM2, 'claim.digest')).map((m) => m.title)).toEqual(['你有 3 件诉求已超期', '你有 2 件诉求已超期']);
  });
});
