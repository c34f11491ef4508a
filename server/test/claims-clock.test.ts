import { ClaimClock } from '../src/claims/claim-clock.service';
import { ClaimDigest } from '../src/claims/claim-digest.entity';
import { Claim } from '../src/claims/claim.entity';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { claimsHelpers, loginClaimStaff, type ClaimStaff } from './helpers/claims';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** Only Date is faked: timers, I/O and the database run for real, so requests behave as they do at that instant. */
const REAL = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;
/** Beijing wall time `2026-10-08 10:00` → that instant; the clock reads it from then on (and moves on with real time). */
const at = (beijing: string) => {
  jest.useFakeTimers({ now: new Date(`${beijing.replace(' ', 'T')}+08:00`), advanceTimers: true, doNotFake: [...REAL] });
};
/** The end of a Beijing day (how deadlines are stored), as JSON shows it. */
const endOf = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString();

/**
 * Issue 13 §2 and §3 on the SLA clock, driven by hand (JOBS_ENABLED=false) at chosen instants: deadlines across
 * the 2026 National Day and Spring Festival (with their make-up Saturdays), warnings and escalations once, the
 * tiers, art. 14's day 15, and the follow-up of an agreement's payments.
 */
describe('claims: the SLA clock, tiers and the law, agreements', () => {
  let t: TestApp;
  let staff: ClaimStaff;
  let officerXM: Session;
  let centre: Session;
  let clock: ClaimClock;
  const h = claimsHelpers(() => t, 'clock-worker');
  // Workers sign in at the faked instant; their tokens (15 minutes) would expire across a jump, so every request
  // signs them in again at the current instant. Staff signed in at the real (later) time stay valid throughout.
  const openids = new Map<string, string>();
  let n = 0;
  const worker = async () => {
    const openid = `clock-worker-${++n}`;
    const s = await devLogin(t.app, openid);
    openids.set(s.user.id, openid);
    return s;
  };
  const fresh = async (s: Session) => (openids.has(s.user.id) ? devLogin(t.app, openids.get(s.user.id)!) : s);
  const get = async (s: Session, url: string) => h.get(await fresh(s), url);
  const post = async (s: Session, url: string, payload: object = {}) => h.post(await fresh(s), url, payload);
  const ok = async (s: Session, url: string, payload: object = {}) => h.ok(await fresh(s), url, payload);
  const file = async (s: Session, o: Record<string, unknown> = {}) => h.file(await fresh(s), o);
  /** Runs the clock at that instant (the services' own clock is set there too). */
  const run = (beijing: string) => {
    at(beijing);
    return clock.run(new Date());
  };
  /** Inbox rows of a kind for a user about one claim (its number in the body or title). */
  const inbox = async (s: Session, kind: string, number: string) =>
    (await t.ds.getRepository(InboxMessage).findBy({ userId: s.user.id, kind })).filter((m) => m.body.includes(number) || m.title.includes(number));

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    staff = await loginClaimStaff(t, 'clock-officer-jl');
    officerXM = await devLogin(t.app, 'clock-officer-xm', ['officer'], 'XM');
    centre = await devLogin(t.app, 'clock-officer-tiaochu', ['officer'], 'XM-TIAOCHU');
    clock = t.app.get(ClaimClock);
  }, 300_000); // an app boot on MariaDB (migrations) takes minutes on a loaded machine
  afterEach(() => jest.useRealTimers());
  afterAll(() => t.close());

  describe('first response: warnings and escalation on working days', () => {
    it('across the National Day holiday: half-way and overdue warnings once, then escalation to the parent org', async () => {
      at('2026-09-30 10:00');
      const w = await worker();
      const c = await file(w);
      // filed the day before the holiday: Oct 1–7 are off, so the next working day is Thursday Oct 8
      expect(c).toMatchObject({ org: { code: 'XM-SM' }, firstResponseDueAt: endOf('2026-10-08'), dueAt: endOf('2026-10-08') });

      await run('2026-10-04 16:00'); // before the half-way instant (Oct 4 17:00)
      expect(await inbox(staff.officerSM, 'claim.deadline_half', c.number)).toHaveLength(0);
      await run('2026-10-04 17:01');
      await run('2026-10-04 17:02');
      expect(await inbox(staff.officerSM, 'claim.deadline_half', c.number)).toHaveLength(1);

      await run('2026-10-08 23:00');
      expect(await inbox(staff.officerSM, 'claim.overdue', c.number)).toHaveLength(0);
      await run('2026-10-09 00:00:01');
      await run('2026-10-09 09:00');
      expect(await inbox(staff.officerSM, 'claim.overdue', c.number)).toHaveLength(1);
      const [supervisor] = await inbox(officerXM, 'claim.overdue', c.number);
      expect(supervisor.title).toBe('下级工会的诉求已超期');
      // overdue by one more working day (Friday Oct 9) before the clock escalates
      expect((await get(w, `/api/claims/${c.id}`)).json().status).toBe('submitted');

      await run('2026-10-10 00:00:01');
      await run('2026-10-10 00:05');
      const up = (await get(officerXM, `/api/claims/${c.id}`)).json();
      expect(up).toMatchObject({ status: 'escalated', org: { code: 'XM' }, tier: 1, assigneeId: officerXM.user.id });
      const events = up.timeline.filter((e: { kind: string }) => e.kind === 'auto_escalate');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actorRole: 'system', visibleToWorker: true });
      expect(await inbox(w, 'claim.auto_escalate', c.number)).toHaveLength(1);
      expect(await inbox(officerXM, 'claim.auto_escalated', c.number)).toHaveLength(1);
      // the new org's first response: escalated on Saturday Oct 10, a make-up working day, so due on Monday Oct 12
      expect(up.firstResponseDueAt).toBe(endOf('2026-10-12'));
    });

    it('the October make-up Saturday counts as the working day after the deadline', async () => {
      at('2026-10-08 10:00');
      const c = await file(await worker());
      expect(c.firstResponseDueAt).toBe(endOf('2026-10-09'));
      await run('2026-10-10 23:00'); // Saturday Oct 10 is a working day: the extra day runs to its end
      expect((await get(staff.officerSM, `/api/claims/${c.id}`)).json().status).toBe('submitted');
      await run('2026-10-11 00:00:01');
      expect((await get(officerXM, `/api/claims/${c.id}`)).json()).toMatchObject({ status: 'escalated', org: { code: 'XM' } });
    });
  });

  describe('tiers and art. 14', () => {
    it('tier 1 overdue across the Spring Festival → the centre → day 15 → consent → arbitration with the guidance', async () => {
      at('2026-02-13 09:00');
      const w = await worker();
      const c = await file(w);
      at('2026-02-13 10:00');
      const accepted = await ok(staff.officerSM, `/api/claims/${c.id}/accept`);
      // 3 working days: Saturday Feb 14 (make-up), then Feb 15–23 off, Tuesday Feb 24, Wednesday Feb 25
      expect(accepted).toMatchObject({ handlingTier: 1, mediationDueAt: endOf('2026-02-25'), arbitrationRightDate: '2026-02-28', arbitrationPrompt: 'not_yet' });
      expect((await post(w, `/api/claims/${c.id}/continue-mediation`)).json().code).toBe('CLAIM_NO_ARBITRATION_PROMPT');

      await run('2026-02-25 23:00');
      expect((await get(w, `/api/claims/${c.id}`)).json().handlingTier).toBe(1);
      await run('2026-02-26 00:00:01');
      await run('2026-02-26 00:05');
      const referred = (await get(centre, `/api/claims/${c.id}`)).json();
      expect(referred).toMatchObject({ status: 'referred', org: { code: 'XM-TIAOCHU' }, handlingTier: 2, difficult: false, assigneeId: centre.user.id });
      expect(referred.timeline.filter((e: { kind: string }) => e.kind === 'auto_refer')).toHaveLength(1);
      expect(await inbox(w, 'claim.auto_refer', c.number)).toHaveLength(1);
      expect(await inbox(centre, 'claim.referred', c.number)).toHaveLength(1);

      // day 15 after the union received it (Feb 13): Feb 28, the worker is told and asked
      await run('2026-02-27 23:59');
      expect(await inbox(w, 'claim.arbitration_right', c.number)).toHaveLength(0);
      at('2026-02-28 08:00');
      await run('2026-02-28 00:00:01');
      await run('2026-02-28 00:10');
      expect(await inbox(w, 'claim.arbitration_right', c.number)).toHaveLength(1);
      const asked = (await get(w, `/api/claims/${c.id}`)).json();
      expect(asked.arbitrationPrompt).toBe('pending');
      expect(asked.actions).toEqual(expect.arrayContaining(['continue_mediation', 'apply_arbitration']));

      const consented = await ok(w, `/api/claims/${c.id}/continue-mediation`);
      expect(consented).toMatchObject({ arbitrationPrompt: 'consented', status: 'referred' });
      expect(consented.timeline.at(-1)).toMatchObject({ kind: 'continue_mediation', actorRole: 'worker', visibleToWorker: true });
      expect(await inbox(centre, 'claim.mediation_consent', c.number)).toHaveLength(1);

      // the centre receives it on Saturday Feb 28 (a make-up day): its own 20 working days and its own day 15
      at('2026-02-28 10:00');
      const atCentre = await ok(centre, `/api/claims/${c.id}/accept`);
      expect(atCentre).toMatchObject({ mediationDueAt: endOf('2026-03-27'), arbitrationRightDate: '2026-03-15', arbitrationPrompt: 'not_yet' });

      at('2026-03-15 09:00');
      await run('2026-03-15 00:00:01');
      expect(await inbox(w, 'claim.arbitration_right', c.number)).toHaveLength(2);
      const chosen = await ok(w, `/api/claims/${c.id}/apply-arbitration`);
      expect(chosen).toMatchObject({ status: 'arbitration', handlingTier: 3, arbitrationPrompt: 'chosen', dueAt: null, overdue: false });
      expect(await inbox(centre, 'claim.arbitration_chosen', c.number)).toHaveLength(1);

      const guide = (await get(w, `/api/claims/${c.id}/arbitration-guide`)).json();
      expect(guide.commission).toMatchObject({ org: { code: 'XM-SM' }, name: '厦门市思明区劳动人事争议仲裁委员会', phone: '0592-5000001' });
      expect(guide.hotlines.map((h: { number: string }) => h.number)).toEqual(['12351', '12348']);
      expect(guide.law.art27).toContain('一年');
      expect(guide.arbitrationRightDate).toBe('2026-03-15');

      // 已引导仲裁 until the officer records the outcome
      const done = await ok(centre, `/api/claims/${c.id}/resolve`, { outcome: 'arbitrated', summary: '劳动仲裁裁决支持职工请求' });
      expect(done).toMatchObject({ status: 'resolved', outcome: 'arbitrated' });
    });

    it('an officer marks a case 疑难 and refers it; a second refer is 409, a note too short a field error', async () => {
      at('2026-11-02 10:00');
      const c = await file(await worker());
      await ok(staff.officerSM, `/api/claims/${c.id}/accept`);
      const referred = await ok(staff.officerSM, `/api/claims/${c.id}/refer`, { note: '涉及平台规则，需多部门联动' });
      expect(referred).toMatchObject({ status: 'referred', handlingTier: 2, difficult: true, org: { code: 'XM-TIAOCHU' } });
      await ok(centre, `/api/claims/${c.id}/accept`);
      const again = await post(centre, `/api/claims/${c.id}/refer`, { note: '再转一次' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('CLAIM_ALREADY_AT_CENTRE');
      expect((await post(staff.officerSM, `/api/claims/${c.id}/refer`, { note: 'x' })).statusCode).toBe(400);
    });

    it('without a mediation centre the claim stays at tier 1 (warned as overdue) and refer is 409', async () => {
      // The admin takes the centre's role away through the org upkeep route (and gives it back after).
      const centreRole = async (isMediationCentre: boolean) => {
        const res = await t.app.inject({ method: 'PATCH', url: '/api/orgs/XM-TIAOCHU', headers: staff.admin.auth, payload: { isMediationCentre } });
        expect([res.statusCode, res.json().isMediationCentre]).toEqual([200, isMediationCentre]);
      };
      await centreRole(false);
      try {
        at('2026-11-02 10:00');
        const c = await file(await worker());
        await ok(staff.officerSM, `/api/claims/${c.id}/accept`);
        await run('2026-11-06 00:00:01'); // mediation was due on Thursday Nov 5
        expect((await get(staff.officerSM, `/api/claims/${c.id}`)).json()).toMatchObject({ status: 'accepted', handlingTier: 1, overdue: true });
        expect(await inbox(staff.officerSM, 'claim.overdue', c.number)).toHaveLength(1);
        const refused = await post(staff.officerSM, `/api/claims/${c.id}/refer`, { note: '需要联动调处' });
        expect([refused.statusCode, refused.json().code]).toEqual([409, 'CLAIM_NO_MEDIATION_CENTRE']);
      } finally {
        await centreRole(true);
      }
    });
  });

  describe('agreements', () => {
    it('asks on each due date, counts only confirmed money, and 未收到 reopens at the same org with art. 16', async () => {
      at('2026-11-02 10:00');
      const w = await worker();
      const c = await file(w);
      await ok(staff.officerSM, `/api/claims/${c.id}/accept`);
      const resolve = (agreement: object, outcome = 'mediated') => post(staff.officerSM, `/api/claims/${c.id}/resolve`, { outcome, summary: '双方达成调解协议', agreement });
      const instalments = [
        { amountFen: 100000, dueDate: '2026-11-10' },
        { amountFen: 200000, dueDate: '2026-11-20' },
      ];
      const wrongSum = await resolve({ amountFen: 350000, dueDate: '2026-11-20', instalments });
      expect(wrongSum.statusCode).toBe(400);
      expect(wrongSum.json().errors).toEqual([{ field: 'agreement.instalments', message: '各期金额之和应等于约定金额' }]);
      expect((await resolve({ amountFen: 300000, dueDate: '2026-11-01' })).json().errors[0]).toEqual({ field: 'agreement.dueDate', message: '付款日期不能早于今天' });
      expect((await resolve({ amountFen: 300000, dueDate: '2026-11-20' }, 'not_mediated')).json().errors[0].field).toBe('agreement');

      const resolved = (await resolve({ amountFen: 300000, dueDate: '2026-11-20', instalments })).json();
      expect(resolved).toMatchObject({ status: 'resolved', agreedFen: 300000, recoveredFen: null });
      const before = (await get(w, `/api/claims/${c.id}`)).json();
      expect(before.agreement.instalments.map((i: { state: string }) => i.state)).toEqual(['scheduled', 'scheduled']);
      expect(before.paymentPrompt).toBeNull();
      const early = await post(w, `/api/claims/${c.id}/payment`, { instalmentId: before.agreement.instalments[0].id, received: true });
      expect(early.json().code).toBe('CLAIM_PAYMENT_NOT_DUE');

      at('2026-11-10 09:00');
      await run('2026-11-10 00:00:01');
      await run('2026-11-10 00:10');
      expect(await inbox(w, 'claim.payment_due', c.number)).toHaveLength(1);
      const due = (await get(w, `/api/claims/${c.id}`)).json();
      expect(due.paymentPrompt).toEqual({ instalmentId: before.agreement.instalments[0].id, seq: 1, amountFen: 100000, dueDate: '2026-11-10' });
      expect(due.actions).toEqual(expect.arrayContaining(['payment_received', 'payment_missed', 'rate']));
      expect((await get(staff.officerSM, `/api/claims/${c.id}`)).json().paymentPrompt).toBeNull();

      const got = await ok(w, `/api/claims/${c.id}/payment`, { instalmentId: due.paymentPrompt.instalmentId, received: true });
      expect(got).toMatchObject({ status: 'resolved', recoveredFen: 100000, agreedFen: 300000, paymentPrompt: null });
      expect(got.agreement).toMatchObject({ recoveredFen: 100000, instalments: [{ state: 'received', receivedFen: 100000 }, { state: 'scheduled' }] });
      expect((await post(w, `/api/claims/${c.id}/payment`, { instalmentId: due.paymentPrompt.instalmentId, received: true })).json().code).toBe('CLAIM_PAYMENT_ANSWERED');

      at('2026-11-20 09:00');
      await run('2026-11-20 00:00:01');
      const second = (await get(w, `/api/claims/${c.id}`)).json().paymentPrompt;
      expect(second).toMatchObject({ seq: 2, amountFen: 200000 });
      const missed = await ok(w, `/api/claims/${c.id}/payment`, { instalmentId: second.instalmentId, received: false });
      expect(missed).toMatchObject({ status: 'reopened', org: { code: 'XM-SM' }, agreedFen: 300000, recoveredFen: 100000, outcome: null, firstResponseDueAt: endOf('2026-11-23') });
      expect(missed.paymentMissedAt).not.toBeNull();
      expect(missed.timeline.at(-1).note).toContain('支付令');
      expect(await inbox(staff.officerSM, 'claim.payment_missed', c.number)).toHaveLength(1);
      // the ledger's sums are columns on the claim, kept in the same transactions
      const row = await t.ds.getRepository(Claim).findOneByOrFail({ id: c.id });
      expect([row.agreedFen, row.recoveredFen]).toEqual([300000, 100000]);
    });

    it('two answers to one payment at once: one counts, the other is 409 (they race on MariaDB)', async () => {
      at('2026-11-12 10:00');
      const w = await worker();
      const c = await file(w);
      await ok(staff.officerSM, `/api/claims/${c.id}/accept`);
      await ok(staff.officerSM, `/api/claims/${c.id}/resolve`, { outcome: 'mediated', summary: '当场约定今天支付', agreement: { amountFen: 50000, dueDate: '2026-11-12' } });
      const prompt = (await get(w, `/api/claims/${c.id}`)).json().paymentPrompt;
      expect(prompt).toMatchObject({ seq: 1, amountFen: 50000 });
      const s = await fresh(w);
      const answer = (key: string) =>
        t.app.inject({ method: 'POST', url: `/api/claims/${c.id}/payment`, headers: { ...s.auth, 'idempotency-key': key }, payload: { instalmentId: prompt.instalmentId, received: true } });
      const codes = (await Promise.all([answer('race-pay-1'), answer('race-pay-2')])).map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 409]);
      expect((await t.ds.getRepository(Claim).findOneByOrFail({ id: c.id })).recoveredFen).toBe(50000);
    });
  });

  describe('the daily digest', () => {
    it('goes once a Beijing day from 08:00 to each assignee with their overdue count', async () => {
      // a tier-2 claim whose 20 working days at the centre ran out on Nov 30 stays with the centre, overdue
      at('2026-11-02 10:00');
      const c = await file(await worker());
      await ok(staff.officerSM, `/api/claims/${c.id}/accept`);
      await ok(staff.officerSM, `/api/claims/${c.id}/refer`, { note: '需要联动调处' });
      expect((await ok(centre, `/api/claims/${c.id}/accept`)).mediationDueAt).toBe(endOf('2026-11-30'));
      const digests = (day: string) => t.ds.getRepository(ClaimDigest).findBy({ userId: centre.user.id, day });
      await run('2026-12-01 07:00');
      expect(await digests('2026-12-01')).toHaveLength(0);
      const now = new Date('2026-12-01T08:30:00+08:00');
      const expected = (await t.ds.getRepository(Claim).findBy({ assigneeId: centre.user.id })).filter((x) => x.dueAt && x.dueAt < now).length;
      expect(expected).toBeGreaterThan(0);
      await run('2026-12-01 08:30');
      await run('2026-12-01 09:30');
      expect((await digests('2026-12-01')).map((d) => d.overdue)).toEqual([expected]);
      const inboxRows = await t.ds.getRepository(InboxMessage).find({ where: { userId: centre.user.id, kind: 'claim.digest' }, order: { createdAt: 'DESC' } });
      expect(inboxRows[0].title).toBe(`你有 ${expected} 件诉求已超期`);
      expect(inboxRows[0].body).toContain(c.number);
      await run('2026-12-02 08:01');
      expect(await digests('2026-12-02')).toHaveLength(1);
    });
  });

  describe('who may call the new routes', () => {
    it('every new :id route refuses the wrong user (404 outside scope, 403 for the wrong side)', async () => {
      at('2026-11-02 10:00');
      const w = await worker();
      const other = await worker();
      const c = await file(w, { contactPreference: 'phone', contactName: '周师傅', contactMobile: '13500131101' });
      await ok(staff.officerSM, `/api/claims/${c.id}/accept`);
      const codes = async (s: Session, method: 'GET' | 'POST', url: string, payload: object = {}) =>
        (await t.app.inject({ method, url, headers: (await fresh(s)).auth, ...(method === 'POST' ? { payload } : {}) })).statusCode;
      const base = `/api/claims/${c.id}`;
      const pay = { instalmentId: '00000000-0000-4000-8000-000000000000', received: true };
      // another worker and an officer outside the org's subtree: 404
      for (const s of [other, staff.officerHL, staff.officerMT]) {
        expect(await codes(s, 'GET', `${base}/arbitration-guide`)).toBe(404);
      }
      expect(await codes(other, 'POST', `${base}/continue-mediation`)).toBe(404);
      expect(await codes(other, 'POST', `${base}/apply-arbitration`)).toBe(404);
      expect(await codes(other, 'POST', `${base}/payment`, pay)).toBe(404);
      expect(await codes(staff.officerHL, 'POST', `${base}/refer`, { note: '转中心' })).toBe(404);
      expect(await codes(staff.officerHL, 'POST', `${base}/reveal-phone`)).toBe(404);
      // the wrong side of the claim: 403
      expect(await codes(w, 'POST', `${base}/refer`, { note: '转中心' })).toBe(403);
      expect(await codes(w, 'POST', `${base}/reveal-phone`)).toBe(403);
      expect(await codes(staff.officerSM, 'POST', `${base}/continue-mediation`)).toBe(403);
      expect(await codes(staff.officerSM, 'POST', `${base}/apply-arbitration`)).toBe(403);
      expect(await codes(staff.officerSM, 'POST', `${base}/payment`, pay)).toBe(403);
      // an unknown claim: 404
      expect(await codes(w, 'GET', '/api/claims/00000000-0000-4000-8000-000000000000/arbitration-guide')).toBe(404);
      // the right people
      expect(await codes(w, 'GET', `${base}/arbitration-guide`)).toBe(200);
      expect(await codes(staff.officerSM, 'GET', `${base}/arbitration-guide`)).toBe(200);
    });

    it('the commissions table is read by anyone signed in and edited by admins only', async () => {
      const list = (await get(await worker(), '/api/arbitration-commissions')).json();
      expect(list.map((c: { org: { code: string } }) => c.org.code)).toEqual(['XM', 'XM-HC', 'XM-HL', 'XM-JM', 'XM-SM', 'XM-TA', 'XM-XA']);
      const body = { orgCode: 'XM-SM', name: '思明区仲裁委', address: '思明区某路 1 号', phone: '0592-1234567' };
      expect((await post(staff.officerSM, '/api/arbitration-commissions', body)).statusCode).toBe(403);
      expect((await post(staff.admin, '/api/arbitration-commissions', body)).json().code).toBe('ARBITRATION_COMMISSION_EXISTS');
      expect((await post(staff.admin, '/api/arbitration-commissions', { ...body, orgCode: 'XM-MT' })).json().errors[0].field).toBe('orgCode');
      const sm = list.find((c: { org: { code: string } }) => c.org.code === 'XM-SM');
      const patch = (s: Session, id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/arbitration-commissions/${id}`, headers: s.auth, payload });
      expect((await patch(staff.officerSM, sm.id, { phone: '0592-7654321' })).statusCode).toBe(403);
      expect((await patch(staff.admin, sm.id, { phone: '0592-7654321' })).json()).toMatchObject({ id: sm.id, phone: '0592-7654321', org: { code: 'XM-SM' } });
      expect((await patch(staff.admin, '00000000-0000-4000-8000-000000000000', { phone: '0592-7654321' })).statusCode).toBe(404);
      const del = (s: Session, id: string) => t.app.inject({ method: 'DELETE', url: `/api/arbitration-commissions/${id}`, headers: s.auth });
      const xa = list.find((c: { org: { code: string } }) => c.org.code === 'XM-XA');
      expect((await del(staff.officerSM, xa.id)).statusCode).toBe(403);
      expect((await del(staff.admin, xa.id)).statusCode).toBe(204);
      expect((await del(staff.admin, xa.id)).statusCode).toBe(404);
      // a claim in 翔安 now falls back to the city's commission
      const c = await file(await worker(), { districtCode: 'XM-XA' });
      expect((await get(staff.admin, `/api/claims/${c.id}/arbitration-guide`)).json().commission).toMatchObject({ org: { code: 'XM' } });
    });
  });
});
