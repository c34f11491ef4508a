import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Claim } from '../src/claims/claim.entity';
import { claimBody, claimsHelpers, loginClaimStaff, type ClaimStaff } from './helpers/claims';
import { smsLogin } from './helpers/sms-login';
import { createTestApp, devLogin, type TestApp } from './helpers/test-app';

/** Issue 13 §1: the worker as the handling officer needs them — name, masked mobile, a reveal only they see. */
describe('claims: the claimant as the officer needs them', () => {
  let t: TestApp;
  let staff: ClaimStaff;
  const { post, get, worker, file, member } = claimsHelpers(() => t, 'contact-worker');

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    staff = await loginClaimStaff(t, 'contact-officer-jl');
  });
  afterAll(() => t.close());

  it('prefills the membership name and the SMS-verified mobile (masked); nothing for a new WeChat user', async () => {
    const rider = await smsLogin(t.app, '13800131001');
    expect((await get(rider, '/api/claims/contact-defaults')).json()).toEqual({ name: null, nameSource: null, mobileMasked: '138****1001', mobileSource: 'login' });
    expect((await get(await worker(), '/api/claims/contact-defaults')).json()).toEqual({ name: null, nameSource: null, mobileMasked: null, mobileSource: null });
    const m = await member('XM-MT');
    const defaults = (await get(m, '/api/claims/contact-defaults')).json();
    expect(defaults).toMatchObject({ name: '李明', nameSource: 'membership', mobileSource: 'application' });
    expect(defaults.mobileMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
    // a member who types no name is addressed by the membership name
    expect((await file(m, { districtCode: undefined })).contact).toEqual({ name: '李明', mobileMasked: null, preference: 'message', canReveal: false });
  });

  it('电话联系 takes a name and a mobile (typed or saved), stored encrypted; 消息通知 refuses a number', async () => {
    const rider = await smsLogin(t.app, '13800131002');
    const missing = await post(rider, '/api/claims', claimBody({ contactPreference: 'phone' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['contactMobile', 'contactName']);
    const refused = await post(rider, '/api/claims', claimBody({ contactPreference: 'message', contactMobile: '13800131002' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'contactMobile', message: '选择「消息通知」时不留手机号，请删除手机号或改选「电话联系」' }]);
    expect((await post(rider, '/api/claims', claimBody({ contactPreference: 'phone', contactName: '王师傅', contactMobile: '1380013' }))).json().errors[0].field).toBe('contactMobile');

    const c = await file(rider, { contactPreference: 'phone', contactName: '王师傅', useSavedMobile: true });
    expect(c.contact).toEqual({ name: '王师傅', mobileMasked: '138****1002', preference: 'phone', canReveal: false });
    const row = await t.ds.query(`SELECT contactMobile FROM claims WHERE id = ?`, [c.id]);
    expect(row[0].contactMobile).toMatch(/^v1\./);
    expect(row[0].contactMobile).not.toContain('13800131002');
    const seen = (await get(staff.officerSM, `/api/claims/${c.id}`)).json();
    expect(seen.contact).toEqual({ name: '王师傅', mobileMasked: '138****1002', preference: 'phone', canReveal: true });
    const queue = (await get(staff.officerSM, '/api/claims?sort=newest')).json();
    expect(queue.items.find((x: { id: string }) => x.id === c.id).contact.mobileMasked).toBe('138****1002');
    expect(JSON.stringify(queue)).not.toContain('13800131002');
  });

  it('reveals the number to an officer in scope only, with an internal event only they see and an audit line', async () => {
    const w = await worker();
    const c = await file(w, { contactPreference: 'phone', contactName: '李师傅', contactMobile: '139 0013 1003' });
    const colleague = await devLogin(t.app, 'contact-officer-sm-2', ['officer'], 'XM-SM');

    const res = await post(staff.officerSM, `/api/claims/${c.id}/reveal-phone`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mobile: '13900131003' });

    const mine = (await get(staff.officerSM, `/api/claims/${c.id}`)).json();
    const reveal = mine.timeline.filter((e: { kind: string }) => e.kind === 'reveal_phone');
    expect(reveal).toHaveLength(1);
    expect(reveal[0]).toMatchObject({ actorRole: 'officer', visibleToWorker: false });
    for (const other of [colleague, staff.admin, w]) {
      expect((await get(other, `/api/claims/${c.id}`)).json().timeline.some((e: { kind: string }) => e.kind === 'reveal_phone')).toBe(false);
    }
    const audit = await t.ds.getRepository(AuditEntry).findBy({ action: 'pii.reveal', objectId: c.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: staff.officerSM.user.id, subjectUserId: w.user.id, subjectMasked: '139****1003', objectType: 'claim' });
  });

  it('refuses the reveal to other officers (404), the worker (403), and for 消息通知 or a claim without a number (409)', async () => {
    const w = await worker();
    const c = await file(w, { contactPreference: 'phone', contactName: '赵师傅', contactMobile: '13700131004' });
    expect((await post(staff.officerHL, `/api/claims/${c.id}/reveal-phone`)).statusCode).toBe(404);
    expect((await post(staff.officerMT, `/api/claims/${c.id}/reveal-phone`)).statusCode).toBe(404);
    expect((await post(w, `/api/claims/${c.id}/reveal-phone`)).statusCode).toBe(403);
    expect((await post(await worker(), `/api/claims/${c.id}/reveal-phone`)).statusCode).toBe(403);

    const byMessage = await file(await worker(), { contactName: '钱师傅' });
    expect((await get(staff.officerSM, `/api/claims/${byMessage.id}`)).json().contact).toEqual({ name: '钱师傅', mobileMasked: null, preference: 'message', canReveal: false });
    const refused = await post(staff.officerSM, `/api/claims/${byMessage.id}/reveal-phone`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CLAIM_CONTACT_BY_MESSAGE');

    // a phone claim filed before contacts were kept
    const old = await file(await worker(), { contactPreference: 'phone', contactName: '孙师傅', contactMobile: '13600131005' });
    await t.ds.getRepository(Claim).update({ id: old.id }, { contactMobile: null, contactMobileMasked: null });
    expect((await post(staff.officerSM, `/api/claims/${old.id}/reveal-phone`)).json().code).toBe('CLAIM_NO_CONTACT_MOBILE');
    expect(await t.ds.getRepository(AuditEntry).countBy({ action: 'pii.reveal', objectId: byMessage.id })).toBe(0);
  });
});
