import { claimsHelpers } from './helpers/claims';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

interface Inbox {
  items: Array<{ kind: string; title: string; body: string; link: string }>;
}

/** 有回应 both ways: the officer handling a claim hears, through the inbox, when the worker adds to it or withdraws it. */
describe(`claims: the assignee is told what the worker did (${DIALECT})`, () => {
  let t: TestApp;
  let officerMT: Session;
  beforeAll(async () => {
    t = await createTestApp();
    officerMT = await devLogin(t.app, 'demo-officer-mt');
  });
  afterAll(() => t.close());

  const { post, get, member, file } = claimsHelpers(() => t, 'notice-worker');
  const fileAtMT = async () => {
    const w = await member('XM-MT');
    const claim = (await file(w, { employerName: '美团某配送站', employerOrgCode: 'XM-MT', districtCode: undefined })) as { id: string; number: string };
    return { w, claim };
  };
  const noticesFor = async (s: Session, claimId: string, kind: string) =>
    ((await get(s, '/api/inbox')).json() as Inbox).items.filter((m) => m.kind === kind && m.link.endsWith(`id=${claimId}`));

  it('a message from the worker reaches the assignee once, even when the worker retries it', async () => {
    const { w, claim } = await fileAtMT();
    // 美团's one officer handles it (routing), which the officer's own view shows.
    expect((await get(officerMT, `/api/claims/${claim.id}`)).json().assigneeId).toBe(officerMT.user.id);
    const headers = { 'idempotency-key': `notice-msg-${claim.id}` };
    const first = await post(w, `/api/claims/${claim.id}/messages`, { text: '站长今天答应月底前补发。' }, headers);
    expect(first.statusCode).toBe(200);
    const retry = await post(w, `/api/claims/${claim.id}/messages`, { text: '站长今天答应月底前补发。' }, headers);
    expect(retry.body).toBe(first.body);
    const notices = await noticesFor(officerMT, claim.id, 'claim.message');
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain(claim.number);
  });

  it('a withdrawal reaches the assignee; other officers and the worker get no such message', async () => {
    const { w, claim } = await fileAtMT();
    expect((await post(w, `/api/claims/${claim.id}/withdraw`, { reason: '已经和站点谈妥了' })).statusCode).toBe(200);
    expect(await noticesFor(officerMT, claim.id, 'claim.withdrawn')).toHaveLength(1);
    const officerHL = await devLogin(t.app, 'demo-officer-hl');
    expect(await noticesFor(officerHL, claim.id, 'claim.withdrawn')).toHaveLength(0);
    expect(await noticesFor(w, claim.id, 'claim.withdrawn')).toHaveLength(0);
  });
});
