import { JwtService } from '@nestjs/jwt';
import { MEMBER_NUMBER_PATTERN, shanghaiDate } from '@nuanxin/shared';
import { MembershipApplication } from '../src/memberships/membership-application.entity';
import { Org } from '../src/orgs/org.entity';
import { makeApplication, makeIdNumber } from './helpers/factories';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

describe('scan to join', () => {
  let t: TestApp;
  let officerSM: Session, officerHL: Session, station: Session, admin: Session;
  let n = 0;
  const worker = () => devLogin(t.app, `join-worker-${++n}`);

  beforeAll(async () => {
    t = await createTestApp();
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    station = await devLogin(t.app, 'demo-station-master');
    admin = await devLogin(t.app, 'demo-admin');
  });
  afterAll(() => t.close());

  const apply = (s: Session, body: object, key?: string) =>
    t.app.inject({ method: 'POST', url: '/api/memberships/applications', headers: { ...s.auth, ...(key ? { 'idempotency-key': key } : {}) }, payload: body });
  const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.auth });
  const post = (s: Session, url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: s.auth, payload });

  describe('applying', () => {
    it('an auto-approving org issues the card in the same response', async () => {
      const w = await worker();
      const res = await apply(w, makeApplication('XM-MT'));
      expect(res.statusCode).toBe(201);
      const { application, card } = res.json();
      expect(application).toMatchObject({ status: 'approved', autoDecided: true, org: { code: 'XM-MT', name: '美团厦门骑手联合工会' } });
      expect(card.memberNo).toMatch(MEMBER_NUMBER_PATTERN);
      // The city's prefix, the year of issue in Beijing time, six digits (holes-memberships.test.ts pins the year boundary).
      expect(card.memberNo).toMatch(new RegExp(`^XM${shanghaiDate(new Date()).slice(0, 4)}\\d{6}$`));
      expect(card).toMatchObject({ nameMasked: '李*', org: { code: 'XM-MT' }, status: 'active' });
      expect(application.idNumberMasked).toMatch(/^3502\*{10}\w{4}$/);
      expect(application.mobileMasked).toMatch(/^139\*{4}\d{4}$/);
      const again = await get(w, '/api/memberships/card');
      expect(again.json().memberNo).toBe(card.memberNo);
    });

    it('member numbers are unique and sequential within the city', async () => {
      const a = (await apply(await worker(), makeApplication('XM-MT'))).json().card.memberNo as string;
      const b = (await apply(await worker(), makeApplication('XM-HL-XJY'))).json().card.memberNo as string;
      expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);
    });

    it('a manual org leaves it pending and tells the applicant', async () => {
      const w = await worker();
      const res = await apply(w, makeApplication('XM-ELM'));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ application: { status: 'pending', autoDecided: false }, card: null });
      expect((await get(w, '/api/memberships/card')).json().code).toBe('NOT_A_MEMBER');
      const inbox = (await get(w, '/api/inbox')).json();
      expect(inbox.unread).toBe(1);
      expect(inbox.items[0].title).toBe('入会申请已提交');
    });

    it('names what is wrong with the ID number, mobile or name, field by field', async () => {
      const w = await worker();
      const good = makeApplication('XM-MT');
      const badChecksum = good.idNumber.slice(0, 17) + (good.idNumber[17] === '0' ? '1' : '0');
      const res = await apply(w, { ...good, idNumber: badChecksum, mobile: '1234', name: 'x', occupation: '程序员' });
      expect(res.statusCode).toBe(400);
      const errors = Object.fromEntries(res.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]));
      expect(errors).toEqual({
        idNumber: '身份证号校验位不正确，请逐位核对',
        mobile: '手机号应为 11 位中国大陆手机号码',
        name: '请填写与身份证一致的姓名',
        occupation: '请选择职业',
      });
      const badDate = await apply(w, { ...good, idNumber: '350203199002301234' });
      expect(badDate.json().errors[0].message).toBe('身份证号中的出生日期不正确，请核对');
    });

    it('consent is required', async () => {
      const w = await worker();
      for (const consent of [undefined, false]) {
        const res = await apply(w, makeApplication('XM-MT', { consent }));
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'CONSENT_REQUIRED', errors: [{ field: 'consent' }] });
      }
    });

    it('unknown and inactive orgs are refused', async () => {
      const w = await worker();
      expect((await apply(w, makeApplication('NOPE'))).json().code).toBe('ORG_NOT_FOUND');
      await t.ds.getRepository(Org).update({ code: 'XM-XA-XJY' }, { active: false });
      const res = await apply(w, makeApplication('XM-XA-XJY'));
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ORG_INACTIVE');
      await t.ds.getRepository(Org).update({ code: 'XM-XA-XJY' }, { active: true });
    });

    it('one person = one membership: the same ID number in another org is ALREADY_MEMBER, naming the org', async () => {
      const body = makeApplication('XM-MT');
      await apply(await worker(), body);
      const res = await apply(await worker(), { ...body, orgCode: 'XM-SF', idNumber: body.idNumber.toLowerCase() });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('ALREADY_MEMBER');
      expect(res.json().message).toBe('你已是「美团厦门骑手联合工会」会员，如需更换所在工会请在「我的 → 会员卡」办理会员转移');
    });

    it('an open application blocks a second one anywhere: APPLICATION_PENDING', async () => {
      const body = makeApplication('XM-ELM');
      const w = await worker();
      await apply(w, body);
      const res = await apply(await worker(), { ...body, orgCode: 'XM-SF' });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('APPLICATION_PENDING');
      expect((await apply(w, makeApplication('XM-SF'))).json().code).toBe('APPLICATION_PENDING');
    });

    it('a retry with the same Idempotency-Key replays the application and creates nothing', async () => {
      const w = await worker();
      const body = makeApplication('XM-MT');
      const a = await apply(w, body, 'join-retry-key-01');
      const b = await apply(w, body, 'join-retry-key-01');
      expect(b.statusCode).toBe(201);
      expect(b.body).toBe(a.body);
      expect((await get(w, '/api/memberships/applications/mine')).json()).toHaveLength(1);
    });

    it('ten people racing with one ID number: exactly one application wins', async () => {
      const body = makeApplication('XM-SF');
      const sessions = await Promise.all(Array.from({ length: 10 }, () => worker()));
      const results = await Promise.all(sessions.map((s) => apply(s, body)));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
      for (const r of results.filter((x) => x.statusCode !== 201)) expect(r.json().code).toBe('APPLICATION_PENDING');
    });

    it('stores no plaintext ID number or mobile', async () => {
      const body = makeApplication('XM-MT');
      await apply(await worker(), body);
      const rows = JSON.stringify(await t.ds.query('SELECT * FROM membership_applications'));
      const members = JSON.stringify(await t.ds.query('SELECT * FROM memberships'));
      for (const s of [rows, members]) {
        expect(s).not.toContain(body.idNumber);
        expect(s).not.toContain(body.mobile);
      }
    });
  });

  describe('deciding', () => {
    it('an officer in scope approves; the worker gets the card and a message', async () => {
      const w = await worker();
      const { application } = (await apply(w, makeApplication('XM-ELM'))).json();
      const list = (await get(officerSM, '/api/memberships/applications?status=pending')).json();
      expect(list.items.map((a: { id: string }) => a.id)).toContain(application.id);
      const res = await post(officerSM, `/api/memberships/applications/${application.id}/approve`);
      expect(res.statusCode).toBe(200);
      expect(res.json().application).toMatchObject({ status: 'approved', autoDecided: false });
      expect((await get(w, '/api/memberships/card')).json().org.code).toBe('XM-ELM');
      expect((await get(w, '/api/inbox')).json().items[0].title).toBe('入会申请已通过');
      const twice = await post(officerSM, `/api/memberships/applications/${application.id}/approve`);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('APPLICATION_NOT_PENDING');
    });

    it('an officer of another district gets 404 on approve, reject and read, and does not see it listed', async () => {
      const w = await worker();
      const { application } = (await apply(w, makeApplication('XM-ELM'))).json();
      expect((await post(officerHL, `/api/memberships/applications/${application.id}/approve`)).statusCode).toBe(404);
      expect((await post(officerHL, `/api/memberships/applications/${application.id}/reject`, { reason: '不属于本区' })).statusCode).toBe(404);
      expect((await get(officerHL, `/api/memberships/applications/${application.id}`)).statusCode).toBe(404);
      const listed = (await get(officerHL, '/api/memberships/applications')).json().items.map((a: { id: string }) => a.id);
      expect(listed).not.toContain(application.id);
      expect((await get(officerHL, '/api/memberships/applications?orgCode=XM-ELM')).json().code).toBe('ORG_OUT_OF_SCOPE');
      expect((await get(w, `/api/memberships/applications/${application.id}`)).json().status).toBe('pending');
    });

    it('a worker reading another worker\'s application gets 404; workers cannot list or decide', async () => {
      const a = await worker();
      const b = await worker();
      const { application } = (await apply(a, makeApplication('XM-ELM'))).json();
      expect((await get(b, `/api/memberships/applications/${application.id}`)).statusCode).toBe(404);
      expect((await get(b, '/api/memberships/applications/not-a-uuid')).statusCode).toBe(404);
      expect((await get(b, '/api/memberships/applications')).statusCode).toBe(403);
      expect((await post(b, `/api/memberships/applications/${application.id}/approve`)).statusCode).toBe(403);
    });

    it('rejecting needs a reason; the worker sees it', async () => {
      const w = await worker();
      const { application } = (await apply(w, makeApplication('XM-ELM'))).json();
      const noReason = await post(officerSM, `/api/memberships/applications/${application.id}/reject`, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors[0].field).toBe('reason');
      const res = await post(officerSM, `/api/memberships/applications/${application.id}/reject`, { reason: '所填信息与身份证件不一致' });
      expect(res.statusCode).toBe(200);
      const seen = (await get(w, `/api/memberships/applications/${application.id}`)).json();
      expect(seen).toMatchObject({ status: 'rejected', decisionReason: '所填信息与身份证件不一致' });
      expect((await get(w, '/api/inbox')).json().items[0].body).toContain('所填信息与身份证件不一致');
      // after a rejection the person may apply again
      expect((await apply(w, makeApplication('XM-MT'))).statusCode).toBe(201);
    });

    it('lists page by cursor, newest first, without repeats', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) ids.push((await apply(await worker(), makeApplication('XM-JM-XL'))).json().application.id);
      const seen: Array<{ id: string; submittedAt: string }> = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { items: Array<{ id: string; submittedAt: string }>; nextCursor: string | null } = (
          await get(admin, `/api/memberships/applications?orgCode=XM-JM-XL${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(2);
      expect(seen.map((a) => a.id).sort()).toEqual([...ids].sort());
      const times = seen.map((a) => new Date(a.submittedAt).getTime());
      expect(times).toEqual([...times].sort((x, y) => y - x));
      expect((await get(officerSM, '/api/memberships/applications?cursor=%25%25bad')).statusCode).toBe(400);
    });
  });

  describe('the member card', () => {
    it('?optional=true asks without an error: 200 { card: null } for a non-member, the card for a member, 401 without a login', async () => {
      const w = await worker();
      const none = await get(w, '/api/memberships/card?optional=true');
      expect(none.statusCode).toBe(200);
      expect(none.json()).toEqual({ card: null });
      // The plain route keeps its 404 for callers that want it.
      const plain = await get(w, '/api/memberships/card');
      expect(plain.statusCode).toBe(404);
      expect(plain.json().code).toBe('NOT_A_MEMBER');

      const issued = (await apply(w, makeApplication('XM-MT'))).json().card;
      const mine = await get(w, '/api/memberships/card?optional=true');
      expect(mine.statusCode).toBe(200);
      expect(mine.json().card).toMatchObject({ memberNo: issued.memberNo, nameMasked: '李*', org: { code: 'XM-MT' }, status: 'active' });
      expect(mine.json().card.token).toEqual(expect.any(String));
      expect((await get(w, '/api/memberships/card?optional=false')).json().memberNo).toBe(issued.memberNo);
      expect((await get(w, '/api/memberships/card?optional=maybe')).statusCode).toBe(400);

      const anonymous = await t.app.inject({ method: 'GET', url: '/api/memberships/card?optional=true' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('verifies for station masters, refuses forged and expired tokens', async () => {
      const w = await worker();
      await apply(w, makeApplication('XM-MT'));
      const card = (await get(w, '/api/memberships/card')).json();
      const ok = await get(station, `/api/memberships/verify?token=${card.token}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ valid: true, memberNo: card.memberNo, nameMasked: '李*', org: { code: 'XM-MT' }, status: 'active' });
      expect((await get(w, `/api/memberships/verify?token=${card.token}`)).statusCode).toBe(403);
      const forged = await new JwtService({ secret: 'not-the-server-secret-0123456789abcdef' }).signAsync({ sub: 'x', typ: 'card' });
      expect((await get(station, `/api/memberships/verify?token=${forged}`)).json().code).toBe('CARD_TOKEN_INVALID');
      const tampered = card.token.slice(0, -3) + (card.token.endsWith('aaa') ? 'bbb' : 'aaa');
      expect((await get(station, `/api/memberships/verify?token=${tampered}`)).json().code).toBe('CARD_TOKEN_INVALID');
      const payload = JSON.parse(Buffer.from(card.token.split('.')[1], 'base64url').toString());
      const expired = await t.app.get(JwtService).signAsync({ sub: payload.sub, typ: 'card', exp: Math.floor(Date.now() / 1000) - 1 });
      const res = await get(station, `/api/memberships/verify?token=${expired}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CARD_TOKEN_EXPIRED');
      expect((await get(station, `/api/memberships/verify?token=${w.accessToken}`)).json().code).toBe('CARD_TOKEN_INVALID');
      expect(card.tokenExpiresAt).toBeTruthy();
      expect(new Date(card.tokenExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    });
  });

  describe('transfer', () => {
    it('to an auto-approving org completes at once; the old membership ends, history stays', async () => {
      const w = await worker();
      const first = (await apply(w, makeApplication('XM-MT'))).json().card;
      const res = await post(w, '/api/memberships/transfers', { toOrgCode: 'XM-HL-XJY', reason: '换到湖里区跑单' });
      expect(res.statusCode).toBe(201);
      expect(res.json().application).toMatchObject({ kind: 'transfer', status: 'approved', transferReason: '换到湖里区跑单' });
      const card = (await get(w, '/api/memberships/card')).json();
      expect(card.org.code).toBe('XM-HL-XJY');
      expect(card.memberNo).not.toBe(first.memberNo);
      const old = await get(station, `/api/memberships/verify?token=${first.token}`);
      expect(old.json()).toMatchObject({ valid: false, status: 'ended' });
      expect((await get(w, '/api/memberships/applications/mine')).json()).toHaveLength(2);
    });

    it('to a manual org waits for that org\'s officer, who alone may approve', async () => {
      const w = await worker();
      await apply(w, makeApplication('XM-MT'));
      const { application } = (await post(w, '/api/memberships/transfers', { toOrgCode: 'XM-SF', reason: '入职顺丰' })).json();
      expect(application.status).toBe('pending');
      expect((await get(w, '/api/memberships/card')).json().org.code).toBe('XM-MT');
      expect((await post(officerSM, `/api/memberships/applications/${application.id}/approve`)).statusCode).toBe(404);
      expect((await post(officerHL, `/api/memberships/applications/${application.id}/approve`)).statusCode).toBe(200);
      expect((await get(w, '/api/memberships/card')).json().org.code).toBe('XM-SF');
    });

    it('refuses non-members, the same org and a second open transfer', async () => {
      const outsider = await worker();
      expect((await post(outsider, '/api/memberships/transfers', { toOrgCode: 'XM-SF', reason: '想转移' })).json().code).toBe('NOT_A_MEMBER');
      const w = await worker();
      await apply(w, makeApplication('XM-MT'));
      expect((await post(w, '/api/memberships/transfers', { toOrgCode: 'XM-MT', reason: '想转移' })).json().code).toBe('TRANSFER_SAME_ORG');
      await post(w, '/api/memberships/transfers', { toOrgCode: 'XM-SF', reason: '入职顺丰' });
      expect((await post(w, '/api/memberships/transfers', { toOrgCode: 'XM-JDL', reason: '入职京东' })).json().code).toBe('APPLICATION_PENDING');
    });
  });

  describe('stats and inbox', () => {
    it('reports pending, decided today, median/p90 minutes and late decisions for the subtree', async () => {
      await apply(await worker(), makeApplication('XM-SM-JL'));
      const res = await get(officerSM, '/api/memberships/stats?orgCode=XM-SM');
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s.pendingNow).toBeGreaterThan(0);
      expect(s.decidedToday).toBeGreaterThan(0);
      expect(s.medianMinutes).toBeGreaterThanOrEqual(0);
      expect(s.p90Minutes).toBeGreaterThanOrEqual(s.medianMinutes);
      expect(s.decidedLate).toBe(0);
      expect((await get(officerHL, '/api/memberships/stats?orgCode=XM-SM')).statusCode).toBe(403);
      expect((await get(admin, '/api/memberships/stats?orgCode=XM')).json().pendingNow).toBeGreaterThanOrEqual(s.pendingNow);
    });

    it('counts a decision after 30 minutes as late', async () => {
      const w = await worker();
      const { application } = (await apply(w, makeApplication('XM-DIDI'))).json();
      await t.ds.getRepository(MembershipApplication).update({ id: application.id }, { submittedAt: new Date(Date.now() - 45 * 60_000) });
      await post(officerHL, `/api/memberships/applications/${application.id}/approve`);
      const s = (await get(officerHL, '/api/memberships/stats?orgCode=XM-DIDI')).json();
      expect(s.decidedLate).toBe(1);
      expect(s.medianMinutes).toBeGreaterThanOrEqual(45);
    });

    it('marks messages read, only one\'s own', async () => {
      const a = await worker();
      const b = await worker();
      await apply(a, makeApplication('XM-ELM'));
      const msg = (await get(a, '/api/inbox')).json().items[0];
      expect((await post(b, `/api/inbox/${msg.id}/read`)).statusCode).toBe(404);
      const read = await post(a, `/api/inbox/${msg.id}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).toBeTruthy();
      expect((await get(a, '/api/inbox')).json().unread).toBe(0);
    });
  });

  it('makeIdNumber yields valid numbers (factory sanity)', () => {
    const { isValidIdNumber } = jest.requireActual('@nuanxin/shared');
    for (let i = 0; i < 50; i++) expect(isValidIdNumber(makeIdNumber())).toBe(true);
  });
});
