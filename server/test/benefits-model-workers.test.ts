import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { claimsHelpers } from './helpers/claims';
import { makeApplication, makeIdNumber, makeMobile } from './helpers/factories';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** 劳模: officers of a member's org flag them (audited), campaigns may be only for them. */
describe(`劳模 flags and 劳模-only campaigns on ${DIALECT}`, () => {
  let t: TestApp;
  let officerSM: Session, officerHL: Session;
  const { post, get, worker } = claimsHelpers(() => t, 'benefit-mw');
  const del = (s: Session, url: string) => t.app.inject({ method: 'DELETE', url, headers: s.auth });
  const flag = (s: Session, memberNo: string, honour = '厦门市劳动模范') => post(s, '/api/benefits/model-workers', { memberNo, honour }, { 'idempotency-key': randomUUID() });
  const claim = (s: Session, id: string) => post(s, `/api/benefits/campaigns/${id}/claim`, {}, { 'idempotency-key': randomUUID() });
  /** A member of the Meituan union (思明区 subtree) through the join flow, with their card number. */
  const member = async () => {
    const s = await worker();
    const res = await post(s, '/api/memberships/applications', makeApplication('XM-MT', { name: '林劳模', mobile: makeMobile(), idNumber: makeIdNumber() }));
    return { s, memberNo: res.json().card.memberNo as string };
  };
  const campaignBody = (o: Record<string, unknown> = {}) => ({
    title: '劳模疗休养消费券',
    orgCode: 'XM-SM',
    items: [{ kind: 'voucher', thresholdFen: 0, discountFen: 5000, percentOff: null, capFen: null, count: 1 }],
    stock: 10,
    perMemberLimit: 1,
    perDayLimit: null,
    claimOpensAt: new Date(Date.now() - HOUR).toISOString(),
    claimClosesAt: new Date(Date.now() + 7 * DAY).toISOString(),
    validity: { mode: 'days', days: 30 },
    merchantIds: 'all',
    ...o,
  });

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
  });
  afterAll(() => t.close());

  it('an officer of the member’s org flags them by card number; the audit log has it; once only', async () => {
    const { s, memberNo } = await member();
    const res = await flag(officerSM, ` ${memberNo} `);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ memberNo, name: '林劳模', honour: '厦门市劳动模范', org: { code: 'XM-MT' } });
    const line = await t.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'model_worker.flag', objectId: res.json().id });
    expect([line.actorId, line.subjectUserId]).toEqual([officerSM.user.id, s.user.id]);
    expect((await flag(officerSM, memberNo, '福建省劳动模范')).json().code).toBe('MODEL_WORKER_EXISTS');
    const list = (await get(officerSM, '/api/benefits/model-workers')).json();
    expect(list.items.map((i: { memberNo: string }) => i.memberNo)).toContain(memberNo);
  });

  it('bad input → 400 on the field; another district’s officer cannot tell the member exists; workers → 403', async () => {
    const { memberNo } = await member();
    const empty = await flag(officerSM, memberNo, '  ');
    expect([empty.statusCode, empty.json().errors[0].field]).toEqual([400, 'honour']);
    const long = await flag(officerSM, memberNo, '劳'.repeat(41));
    expect([long.statusCode, long.json().errors[0].field]).toEqual([400, 'honour']);
    const outside = await flag(officerHL, memberNo);
    const unknown = await flag(officerHL, 'XM0000000000');
    expect([outside.statusCode, outside.json().errors[0]]).toEqual([400, unknown.json().errors[0]]);
    expect(unknown.json().errors[0].field).toBe('memberNo');
    expect((await flag(await worker(), memberNo)).statusCode).toBe(403);
    expect((await get(officerHL, '/api/benefits/model-workers')).json().items.map((i: { memberNo: string }) => i.memberNo)).not.toContain(memberNo);
  });

  it('unflag: 404 for another district’s officer, 403 for a worker, audited for the member’s officer', async () => {
    const { memberNo } = await member();
    const id = (await flag(officerSM, memberNo)).json().id as string;
    expect((await del(officerHL, `/api/benefits/model-workers/${id}`)).statusCode).toBe(404);
    expect((await del(await worker(), `/api/benefits/model-workers/${id}`)).statusCode).toBe(403);
    expect((await del(officerSM, `/api/benefits/model-workers/${id}`)).statusCode).toBe(204);
    expect((await del(officerSM, `/api/benefits/model-workers/${id}`)).statusCode).toBe(404);
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'model_worker.unflag', objectId: id })).toBe(1);
    expect((await flag(officerSM, memberNo)).statusCode).toBe(201);
  });

  it('a 劳模-only campaign: the budget counts 劳模 only; only they may claim; the tab says who it is for', async () => {
    const hero = await member();
    const plain = await member();
    await flag(officerSM, hero.memberNo);
    const preview = (await post(officerSM, '/api/benefits/campaigns/preview', campaignBody({ modelWorkersOnly: true }))).json();
    const all = (await post(officerSM, '/api/benefits/campaigns/preview', campaignBody())).json();
    expect(preview.eligibleMembers).toBeGreaterThanOrEqual(1);
    expect(preview.eligibleMembers).toBeLessThan(all.eligibleMembers);
    const bad = await post(officerSM, '/api/benefits/campaigns/preview', campaignBody({ modelWorkersOnly: 'yes' }));
    expect([bad.statusCode, bad.json().errors[0].field]).toEqual([400, 'modelWorkersOnly']);

    const c = (await post(officerSM, '/api/benefits/campaigns', campaignBody({ modelWorkersOnly: true }), { 'idempotency-key': randomUUID() })).json();
    expect(c.modelWorkersOnly).toBe(true);
    await post(officerSM, `/api/benefits/campaigns/${c.id}/publish`);
    const refused = await claim(plain.s, c.id);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'NOT_ELIGIBLE']);
    expect(refused.json().message).toContain('劳模');
    const tabPlain = (await get(plain.s, '/api/benefits/campaigns')).json().items.find((i: { id: string }) => i.id === c.id);
    expect([tabPlain.eligible, tabPlain.modelWorkersOnly, tabPlain.claimableByMe]).toEqual([false, true, 0]);
    expect((await get(hero.s, '/api/benefits/campaigns')).json().items.find((i: { id: string }) => i.id === c.id).eligible).toBe(true);
    expect((await claim(hero.s, c.id)).statusCode).toBe(201);
    expect((await get(hero.s, `/api/benefits/campaigns/${c.id}`)).json()).toMatchObject({ modelWorkersOnly: true, claimedByMe: 1 });
  });
});
