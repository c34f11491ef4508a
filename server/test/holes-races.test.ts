import { ERROR_MESSAGES } from '@nuanxin/shared';
import { TransactionService } from '../src/database/transaction.service';
import { claimsHelpers } from './helpers/claims';
import { makeApplication } from './helpers/factories';
import { raceAt } from './helpers/race';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/**
 * Issue 16's test holes on races between two officers: both read the same pending state, both try to act; one
 * wins, the other is told with a stable code, and the loser's step leaves nothing behind (no second timeline
 * entry, membership or notice). The two requests are held until both have read, so they really race.
 */
describe('two officers acting at once', () => {
  let t: TestApp;
  let officerSM: Session, officerSM2: Session;
  const h = claimsHelpers(() => t, 'race-worker');

  beforeAll(async () => {
    t = await createTestApp();
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerSM2 = await devLogin(t.app, 'race-officer-sm-2', ['officer'], 'XM-SM');
  });
  afterAll(() => t.close());

  const inboxKinds = async (s: Session) => ((await h.get(s, '/api/inbox')).json().items as Array<{ kind?: string; title: string }>).map((m) => m.title);

  it('two accepts of one claim: one is 200, the other 409 CLAIM_STATE_CHANGED; the timeline and the worker hear of one', async () => {
    const w = await h.worker();
    const c = await h.file(w);
    expect(c.org.code).toBe('XM-SM');
    const race = raceAt(t.app.get(TransactionService), 'run');
    const answers = await Promise.all([officerSM, officerSM2].map((s) => h.post(s, `/api/claims/${c.id}/accept`)));
    expect(race.arrived()).toBe(2);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.statusCode === 409)!.json();
    expect(lost).toMatchObject({ code: 'CLAIM_STATE_CHANGED', message: ERROR_MESSAGES.CLAIM_STATE_CHANGED });
    const winner = answers[0].statusCode === 200 ? officerSM : officerSM2;

    const detail = (await h.get(w, `/api/claims/${c.id}`)).json();
    expect(detail.status).toBe('accepted');
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'accept')).toHaveLength(1);
    expect((await inboxKinds(w)).filter((title) => title.endsWith('已受理'))).toHaveLength(1);
    // The loser, refreshing as the message says, sees the new state: accepting again is not allowed any more.
    const loser = winner === officerSM ? officerSM2 : officerSM;
    const again = await h.post(loser, `/api/claims/${c.id}/accept`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'CLAIM_ACTION_NOT_ALLOWED']);
  });

  it('an accept racing an escalation: exactly one applies, the other is CLAIM_STATE_CHANGED', async () => {
    const w = await h.worker();
    const c = await h.file(w);
    raceAt(t.app.get(TransactionService), 'run');
    const [accept, escalate] = await Promise.all([
      h.post(officerSM, `/api/claims/${c.id}/accept`),
      h.post(officerSM2, `/api/claims/${c.id}/escalate`, { note: '涉及多个区，需要市总协调' }),
    ]);
    expect([accept.statusCode, escalate.statusCode].sort()).toEqual([200, 409]);
    const lost = accept.statusCode === 409 ? accept : escalate;
    expect(lost.json().code).toBe('CLAIM_STATE_CHANGED');
    // Read as the worker: once escalated, the claim belongs to the parent org and the district's officers lose it.
    const detail = (await h.get(w, `/api/claims/${c.id}`)).json();
    if (accept.statusCode === 200) expect(detail).toMatchObject({ status: 'accepted', org: { code: 'XM-SM' } });
    else expect(detail).toMatchObject({ status: 'escalated', org: { code: 'XM' } });
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'accept' || e.kind === 'escalate')).toHaveLength(1);
  });

  it('two approvals of one application: one card, one notice, the other officer 409 APPLICATION_NOT_PENDING', async () => {
    const w = await h.worker();
    const { application } = (await h.post(w, '/api/memberships/applications', makeApplication('XM-ELM'))).json();
    expect(application.status).toBe('pending');
    const race = raceAt(t.app.get(TransactionService), 'run');
    const answers = await Promise.all([officerSM, officerSM2].map((s) => h.post(s, `/api/memberships/applications/${application.id}/approve`)));
    expect(race.arrived()).toBe(2);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const won = answers.find((r) => r.statusCode === 200)!.json();
    expect(answers.find((r) => r.statusCode === 409)!.json().code).toBe('APPLICATION_NOT_PENDING');

    const card = (await h.get(w, '/api/memberships/card')).json();
    expect(card).toMatchObject({ memberNo: won.card.memberNo, org: { code: 'XM-ELM' }, status: 'active' });
    expect((await inboxKinds(w)).filter((title) => title === '入会申请已通过')).toHaveLength(1);
    const mine = (await h.get(w, '/api/memberships/applications/mine')).json();
    expect(mine).toEqual([expect.objectContaining({ id: application.id, status: 'approved' })]);
    // The member number sequence moved once: the next member gets the very next number.
    const next = (await h.post(await h.worker(), '/api/memberships/applications', makeApplication('XM-MT'))).json().card.memberNo as string;
    expect(Number(next.slice(-6))).toBe(Number(won.card.memberNo.slice(-6)) + 1);
  });

  it('an approval racing a rejection: one decision stands, the other is 409 and told nothing twice', async () => {
    const w = await h.worker();
    const { application } = (await h.post(w, '/api/memberships/applications', makeApplication('XM-ELM'))).json();
    raceAt(t.app.get(TransactionService), 'run');
    const [approve, reject] = await Promise.all([
      h.post(officerSM, `/api/memberships/applications/${application.id}/approve`),
      h.post(officerSM2, `/api/memberships/applications/${application.id}/reject`, { reason: '单位信息与平台记录不符' }),
    ]);
    expect([approve.statusCode, reject.statusCode].sort()).toEqual([200, 409]);
    expect((approve.statusCode === 409 ? approve : reject).json().code).toBe('APPLICATION_NOT_PENDING');
    const [app] = (await h.get(w, '/api/memberships/applications/mine')).json();
    expect(app.status).toBe(approve.statusCode === 200 ? 'approved' : 'rejected');
    const card = await h.get(w, '/api/memberships/card');
    expect(card.statusCode).toBe(approve.statusCode === 200 ? 200 : 404);
    const titles = await inboxKinds(w);
    expect(titles.filter((x) => x === '入会申请已通过' || x === '入会申请未通过')).toHaveLength(1);
  });
});
