import { maskIdNumber, maskMobile } from '@nuanxin/shared';
import { SmsSender, TestSmsSender } from '../src/auth/sms.sender';
import { makeApplication, makeMobile } from './helpers/factories';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

describe(`saved identity for joining (${DIALECT})`, () => {
  let t: TestApp;
  let officerSM: Session;
  let n = 0;
  const worker = () => devLogin(t.app, `profile-worker-${++n}`);

  beforeAll(async () => {
    t = await createTestApp();
    officerSM = await devLogin(t.app, 'demo-officer-sm');
  });
  afterAll(() => t.close());

  const apply = (s: Session, body: object) => t.app.inject({ method: 'POST', url: '/api/memberships/applications', headers: s.auth, payload: body });
  const profile = async (s: Session) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/memberships/profile', headers: s.auth });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const reject = (id: string) =>
    t.app.inject({ method: 'POST', url: `/api/memberships/applications/${id}/reject`, headers: officerSM.auth, payload: { reason: '请到所在企业工会申请' } });
  /** The second application of a rider after a rejection: only the org, consent and the saved identity. */
  const reuse = (orgCode: string, overrides: object = {}) => ({ orgCode, useSavedIdentity: true, employer: '饿了么', occupation: '外卖配送员', city: '厦门市', consent: true, ...overrides });

  it('is empty before any application and needs a login', async () => {
    const w = await worker();
    expect(await profile(w)).toEqual({
      nameMasked: null,
      mobileMasked: null,
      mobileSource: null,
      idNumberMasked: null,
      employer: null,
      occupation: null,
      city: null,
      savedAt: null,
    });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/memberships/profile' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('after an application: masked name, mobile and ID number, plain employer, occupation and city', async () => {
    const w = await worker();
    const body = makeApplication('XM-ELM', { name: '王小明', employer: '饿了么', city: '厦门市' });
    expect((await apply(w, body)).statusCode).toBe(201);
    const p = await profile(w);
    expect(p).toMatchObject({
      nameMasked: '王**',
      mobileMasked: maskMobile(body.mobile),
      mobileSource: 'application',
      idNumberMasked: maskIdNumber(body.idNumber),
      employer: '饿了么',
      occupation: '外卖配送员',
      city: '厦门市',
    });
    expect(p.mobileMasked).toMatch(/^139\*{4}\d{4}$/);
    expect(p.idNumberMasked).toMatch(/^3502\*{10}[\dX]{4}$/);
    const raw = JSON.stringify(p);
    expect(raw).not.toContain(body.mobile);
    expect(raw).not.toContain(body.idNumber);
    expect(raw).not.toContain('王小明');
  });

  it('after a rejection, a second org takes only consent and submit: the saved name, mobile and ID number are used', async () => {
    const w = await worker();
    const body = makeApplication('XM-ELM', { name: '陈晓东' });
    const first = (await apply(w, body)).json().application;
    expect((await reject(first.id)).statusCode).toBe(200);

    const second = await apply(w, reuse('XM-SF'));
    expect(second.statusCode).toBe(201);
    const app = second.json().application;
    expect(app).toMatchObject({ status: 'pending', org: { code: 'XM-SF' }, name: '陈晓东', mobileMasked: maskMobile(body.mobile), idNumberMasked: maskIdNumber(body.idNumber) });
    // Stored like a typed application: encrypted, with the same keyed hash (so dedupe keeps working)
    const rows: Array<{ id: string; mobile: string; idNumber: string; idHash: string; mobileHash: string }> = await t.ds.query(
      'SELECT id, mobile, idNumber, idHash, mobileHash FROM membership_applications WHERE userId = ? ORDER BY submittedAt',
      [w.user.id],
    );
    expect(rows).toHaveLength(2);
    expect(rows[1].idHash).toBe(rows[0].idHash);
    expect(rows[1].mobileHash).toBe(rows[0].mobileHash);
    for (const r of rows) {
      expect(r.mobile).not.toContain(body.mobile);
      expect(r.idNumber).not.toContain(body.idNumber.slice(6, 14));
    }
    expect(JSON.stringify(rows)).not.toContain(body.idNumber);
  });

  it('typed values win over the saved ones', async () => {
    const w = await worker();
    const body = makeApplication('XM-ELM');
    const first = (await apply(w, body)).json().application;
    await reject(first.id);
    const newMobile = makeMobile();
    const res = await apply(w, reuse('XM-SF', { mobile: newMobile }));
    expect(res.statusCode).toBe(201);
    expect(res.json().application.mobileMasked).toBe(maskMobile(newMobile));
    expect(res.json().application.idNumberMasked).toBe(maskIdNumber(body.idNumber));
    expect((await profile(w)).mobileMasked).toBe(maskMobile(newMobile));
  });

  it('dedupe still holds with the saved identity: pending, then member', async () => {
    const w = await worker();
    await apply(w, makeApplication('XM-ELM'));
    const pending = await apply(w, reuse('XM-SF'));
    expect(pending.statusCode).toBe(409);
    expect(pending.json().code).toBe('APPLICATION_PENDING');

    const m = await worker();
    expect((await apply(m, makeApplication('XM-MT'))).json().application.status).toBe('approved');
    const member = await apply(m, reuse('XM-SF'));
    expect(member.statusCode).toBe(409);
    expect(member.json().code).toBe('ALREADY_MEMBER');
  });

  it('nobody can use someone else\'s saved identity: without one of their own it is 400 per missing field', async () => {
    const owner = await worker();
    await apply(owner, makeApplication('XM-MT'));
    const other = await worker();
    expect((await profile(other)).idNumberMasked).toBeNull();
    const res = await apply(other, reuse('XM-SF'));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().errors).toEqual([
      { field: 'name', message: '没有已保存的姓名，请填写姓名' },
      { field: 'mobile', message: '没有已保存的手机号，请填写手机号' },
      { field: 'idNumber', message: '没有已保存的身份证号，请填写身份证号' },
    ]);
    // Supplying the missing values makes it an ordinary application
    const typed = makeApplication('XM-SF');
    const ok = await apply(other, reuse('XM-SF', { name: typed.name, mobile: typed.mobile, idNumber: typed.idNumber }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().application.idNumberMasked).toBe(maskIdNumber(typed.idNumber));
  });

  it('without useSavedIdentity every identity field is still required, and bad typed values are still refused', async () => {
    const w = await worker();
    const { name: _n, mobile: _m, idNumber: _i, ...rest } = makeApplication('XM-SF');
    const res = await apply(w, rest);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['idNumber', 'mobile', 'name']);
    const bad = await apply(w, reuse('XM-SF', { mobile: '1234' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'mobile', message: '手机号应为 11 位中国大陆手机号码' }]);
    expect((await apply(w, reuse('XM-SF', { useSavedIdentity: 'yes' }))).json().errors).toContainEqual({
      field: 'useSavedIdentity',
      message: '使用已保存的身份信息应为 true 或 false',
    });
  });

  it('an SMS-verified login supplies the mobile before any application', async () => {
    const mobile = makeMobile();
    const send = await t.app.inject({ method: 'POST', url: '/api/auth/sms/send', payload: { mobile } });
    expect(send.statusCode).toBeLessThan(300);
    const code = (t.app.get(SmsSender) as TestSmsSender).lastCodeFor(mobile)!;
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/sms/verify', payload: { mobile, code } });
    expect(login.statusCode).toBe(200);
    const s = { auth: { authorization: `Bearer ${login.json().accessToken}` } } as Session;
    expect(await profile(s)).toMatchObject({ mobileMasked: maskMobile(mobile), mobileSource: 'login', nameMasked: null, idNumberMasked: null });

    const typed = makeApplication('XM-MT');
    const res = await apply(s, { ...reuse('XM-MT'), name: typed.name, idNumber: typed.idNumber });
    expect(res.statusCode).toBe(201);
    expect(res.json().application.mobileMasked).toBe(maskMobile(mobile));
  });

  it('the profile answers only for the caller: two users see their own', async () => {
    const a = await worker();
    const b = await worker();
    const bodyA = makeApplication('XM-ELM', { name: '赵一' });
    const bodyB = makeApplication('XM-ELM', { name: '钱二' });
    await apply(a, bodyA);
    await apply(b, bodyB);
    expect((await profile(a)).idNumberMasked).toBe(maskIdNumber(bodyA.idNumber));
    expect((await profile(b)).idNumberMasked).toBe(maskIdNumber(bodyB.idNumber));
    expect((await profile(b)).nameMasked).toBe('钱*');
  });
});
