import { ClaimEvent } from '../src/claims/claim-event.entity';
import { User } from '../src/users/user.entity';
import { claimsHelpers } from './helpers/claims';
import { makeMobile } from './helpers/factories';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

interface TimelineEvent {
  kind: string;
  note: string | null;
  visibleToWorker: boolean;
  data: Record<string, unknown> | null;
}

describe(`claims: the assign event names the assignee (${DIALECT})`, () => {
  let t: TestApp;
  let officerMT: Session, officerHL: Session;

  beforeAll(async () => {
    t = await createTestApp();
    officerMT = await devLogin(t.app, 'demo-officer-mt');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
  });
  afterAll(() => t.close());

  const { post, get, member, file } = claimsHelpers(() => t, 'assign-note-worker');
  /** A member of 美团骑手联合工会 files a claim naming it as employer: 美团's officers own it. */
  const fileAtMT = async () => {
    const w = await member('XM-MT');
    const claim = (await file(w, {
      employerName: '美团某配送站',
      employerOrgCode: 'XM-MT',
      amountFen: 120000,
      description: '十一月份的跑单补贴 1200 元一直没有到账。',
      districtCode: undefined,
    })) as { id: string };
    return { worker: w, claim };
  };
  const assignEvents = (timeline: TimelineEvent[]) => timeline.filter((e) => e.kind === 'assign');

  it('an officer without a nickname is named by the masked mobile, never the plain number, in the response and at rest', async () => {
    const mobile = makeMobile();
    const colleague = await devLogin(t.app, 'assign-note-officer-mobile', ['officer'], 'XM-MT');
    await t.ds.getRepository(User).update({ id: colleague.user.id }, { mobile, nickname: null });
    const { claim } = await fileAtMT();

    const res = await post(officerMT, `/api/claims/${claim.id}/assign`, { assigneeId: colleague.user.id });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(mobile);
    const [event] = assignEvents(res.json().timeline);
    expect(event).toMatchObject({
      note: `指定承办人：工会干部 ${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
      visibleToWorker: false,
      data: { assigneeId: colleague.user.id },
    });

    // the assignee's own view of the claim says the same
    const seen = await get(colleague, `/api/claims/${claim.id}`);
    expect(seen.statusCode).toBe(200);
    expect(assignEvents(seen.json().timeline).map((e) => e.note)).toEqual([event.note]);

    const stored = await t.ds.getRepository(ClaimEvent).findBy({ claimId: claim.id, kind: 'assign' });
    expect(stored).toHaveLength(1);
    expect(stored[0].note).toBe(event.note);
    expect(JSON.stringify(stored)).not.toContain(mobile);
  });

  it('an officer with a nickname is named by it; each reassignment adds its own note', async () => {
    const named = await devLogin(t.app, 'assign-note-officer-named', ['officer'], 'XM-MT');
    await t.ds.getRepository(User).update({ id: named.user.id }, { nickname: '  王调解员 ' });
    const { claim } = await fileAtMT();

    await post(officerMT, `/api/claims/${claim.id}/assign`, { assigneeId: named.user.id });
    const res = await post(officerMT, `/api/claims/${claim.id}/assign`, { assigneeId: officerMT.user.id });
    expect(res.statusCode).toBe(200);
    expect(assignEvents(res.json().timeline).map((e) => e.note)).toEqual(['指定承办人：王调解员', '指定承办人：美团骑手联合工会 干部']);
  });

  it('the worker does not see the internal assign event', async () => {
    const { worker, claim } = await fileAtMT();
    expect((await post(officerMT, `/api/claims/${claim.id}/assign`, { assigneeId: officerMT.user.id })).statusCode).toBe(200);
    const mine = await get(worker, `/api/claims/${claim.id}`);
    expect(mine.statusCode).toBe(200);
    expect(assignEvents(mine.json().timeline)).toEqual([]);
    expect(mine.body).not.toContain('指定承办人');
  });

  it('an officer out of scope cannot assign (404) and no event is written', async () => {
    const { claim } = await fileAtMT();
    const res = await post(officerHL, `/api/claims/${claim.id}/assign`, { assigneeId: officerHL.user.id });
    expect(res.statusCode).toBe(404);
    expect(await t.ds.getRepository(ClaimEvent).countBy({ claimId: claim.id, kind: 'assign' })).toBe(0);
  });

  it('an assignee who is not an officer of the owning org is a field error, with no event', async () => {
    const { claim, worker } = await fileAtMT();
    const res = await post(officerMT, `/api/claims/${claim.id}/assign`, { assigneeId: worker.user.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'assigneeId', message: '承办人必须是负责该诉求的工会的干部' }]);
    expect(await t.ds.getRepository(ClaimEvent).countBy({ claimId: claim.id, kind: 'assign' })).toBe(0);
  });
});
