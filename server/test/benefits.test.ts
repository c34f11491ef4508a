import { isValidCouponCode, makeCouponCode } from '@nuanxin/shared';
import { randomUUID } from 'node:crypto';
import { BenefitsService } from '../src/benefits/benefits.service';
import { BenefitClaim } from '../src/benefits/benefit-claim.entity';
import { Campaign } from '../src/benefits/campaign.entity';
import { Coupon } from '../src/benefits/coupon.entity';
import { Redemption } from '../src/benefits/redemption.entity';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { Org } from '../src/orgs/org.entity';
import { UsersService } from '../src/users/users.service';
import { claimsHelpers } from './helpers/claims';
import { flashHelpers } from './helpers/flash';
import { makeApplication, makeIdNumber, makeMobile } from './helpers/factories';
import { createTestApp, devLogin, DIALECT, type Session, type TestApp } from './helpers/test-app';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const threshold = (t: number, d: number, count = 1) => ({ kind: 'threshold', thresholdFen: t, discountFen: d, percentOff: null, capFen: null, count });

describe(`member benefits (会员优惠) on ${DIALECT}`, () => {
  let t: TestApp;
  let officerSM: Session, officerHL: Session, admin: Session;
  let shopSM: string, shopSM2: string, shopHL: string;
  let tillSM: Session, tillSM2: Session, tillHL: Session;
  const { post, get, worker } = claimsHelpers(() => t, 'benefit-user');
  /** Every body a merchant user received: scanned at the end for members' names, mobiles and ID numbers. */
  const seenByMerchants: string[] = [];
  const secrets: string[] = [];
  let seq = 0;

  const put = (s: Session, url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: s.auth, payload });
  const ok = async (s: Session, url: string, payload: object = {}, headers: Record<string, string> = {}) => {
    const res = await post(s, url, payload, headers);
    if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const asTill = async (s: Session, url: string, payload: object, headers: Record<string, string> = {}) => {
    const res = await post(s, url, payload, headers);
    seenByMerchants.push(res.body);
    return res;
  };
  const claim = (s: Session, id: string, key = randomUUID()) => post(s, `/api/benefits/campaigns/${id}/claim`, {}, { 'idempotency-key': key });
  /** A member of the Meituan union (思明区 subtree) through the real join flow, with a known name, mobile and ID number. */
  const member = async (occupation = '外卖配送员') => {
    const s = await worker();
    const mobile = makeMobile();
    const idNumber = makeIdNumber();
    const name = `欧阳${'明亮春秀'[seq++ % 4]}`;
    secrets.push(name, mobile, idNumber);
    const res = await post(s, '/api/memberships/applications', makeApplication('XM-MT', { name, mobile, idNumber, occupation }));
    expect(res.json().card).toBeTruthy();
    return s;
  };
  /** Many members at once (the race tests): memberships written directly, each of `orgCode`. */
  const { members } = flashHelpers(() => t, { post, worker }, 'BT');
  const campaignBody = (o: Record<string, unknown> = {}) => ({
    title: '骑手午餐满50减10',
    orgCode: 'XM-SM',
    items: [threshold(5000, 1000, 2)],
    stock: 10,
    perMemberLimit: 1,
    perDayLimit: null,
    claimOpensAt: new Date(Date.now() - HOUR).toISOString(),
    claimClosesAt: new Date(Date.now() + 7 * DAY).toISOString(),
    validity: { mode: 'days', days: 30 },
    merchantIds: 'all',
    ...o,
  });
  /** A published campaign of 思明区 (officer SM). */
  const published = async (o: Record<string, unknown> = {}) => {
    const c = await ok(officerSM, '/api/benefits/campaigns', campaignBody(o));
    await ok(officerSM, `/api/benefits/campaigns/${c.id}/publish`);
    return c.id as string;
  };
  const merchantBody = (o: Record<string, unknown> = {}) => ({ name: '骑手食堂', category: 'food', address: '思明区中山路 170 号', district: '思明区', lat: 24.4558, lng: 118.08, orgCode: 'XM-SM', ...o });
  const bindTill = async (openid: string, merchantId: string, orgCode: string) => {
    const s = await devLogin(t.app, openid, ['merchant']);
    const org = await t.ds.getRepository(Org).findOneByOrFail({ code: orgCode });
    await t.app.get(UsersService).setGrants(s.user.id, [{ role: 'worker', orgId: null }, { role: 'merchant', orgId: org.id, scopeRef: merchantId }]);
    return s;
  };
  const firstCoupon = async (s: Session) => (await get(s, '/api/benefits/coupons')).json().items[0];
  const detail = async (s: Session, id: string) => (await get(s, `/api/benefits/coupons/${id}`)).json();

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false' });
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    admin = await devLogin(t.app, 'demo-admin');
    shopSM = (await ok(officerSM, '/api/benefits/merchants', merchantBody())).id;
    shopSM2 = (await ok(officerSM, '/api/benefits/merchants', merchantBody({ name: '好邻居便利店', category: 'grocery', lat: 24.4681, lng: 118.1149 }))).id;
    shopHL = (await ok(officerHL, '/api/benefits/merchants', merchantBody({ name: '湖里沙县小吃', orgCode: 'XM-HL', district: '湖里区', lat: 24.5068, lng: 118.1753 }))).id;
    tillSM = await bindTill('benefit-till-sm', shopSM, 'XM-SM');
    tillSM2 = await bindTill('benefit-till-sm2', shopSM2, 'XM-SM');
    tillHL = await bindTill('benefit-till-hl', shopHL, 'XM-HL');
  });
  afterAll(() => t.close());

  describe('merchants', () => {
    it('members see partners nearest first; staff of another org get 404 on one', async () => {
      const w = await worker();
      const near = (await get(w, '/api/benefits/merchants/nearby?lat=24.4556&lng=118.0797&radiusKm=5')).json();
      expect(near[0].id).toBe(shopSM);
      expect(near.map((m: { distanceMeters: number }) => m.distanceMeters)).toEqual([...near.map((m: { distanceMeters: number }) => m.distanceMeters)].sort((a, b) => a - b));
      expect((await get(w, '/api/benefits/merchants/nearby?lat=95&lng=118')).statusCode).toBe(400);
      expect((await get(officerHL, `/api/benefits/merchants/${shopSM}`)).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'PATCH', url: `/api/benefits/merchants/${shopSM}`, headers: officerHL.auth, payload: { phone: '0592-1234567' } })).statusCode).toBe(404);
      expect((await get(tillHL, `/api/benefits/merchants/${shopSM}`)).statusCode).toBe(404);
      expect((await get(tillSM, `/api/benefits/merchants/${shopSM}`)).json().name).toBe('骑手食堂');
      expect((await get(w, `/api/benefits/merchants/${shopSM}`)).statusCode).toBe(403);
    });

    it('bad input → 400 on the field; an org outside the officer → 403', async () => {
      const res = await post(officerSM, '/api/benefits/merchants', merchantBody({ name: '骑', lat: 95 }));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['lat', 'name']);
      expect((await post(officerSM, '/api/benefits/merchants', merchantBody({ orgCode: 'XM-HL' }))).json().code).toBe('ORG_OUT_OF_SCOPE');
    });

    it('the staff grant of role merchant names the merchant and is scoped by the org that signed it', async () => {
      const mobile = makeMobile();
      const res = await post(officerSM, '/api/admin/grants', { mobile, role: 'merchant', merchantId: shopSM }, { 'idempotency-key': randomUUID() });
      expect(res.statusCode).toBe(201);
      expect(res.json().status).toBe('invited');
      const other = await post(officerHL, '/api/admin/grants', { mobile, role: 'merchant', merchantId: shopSM }, { 'idempotency-key': randomUUID() });
      expect(other.json().code).toBe('ORG_OUT_OF_SCOPE');
      expect((await post(officerSM, '/api/admin/grants', { mobile, role: 'merchant', merchantId: randomUUID() }, { 'idempotency-key': randomUUID() })).statusCode).toBe(404);
    });
  });

  describe('campaigns', () => {
    it('refuses a discount at or above its threshold, a window ending before it starts and fractional fen, on the field', async () => {
      const res = await post(officerSM, '/api/benefits/campaigns', campaignBody({ items: [threshold(2000, 2000), threshold(5000, 10.5)], claimClosesAt: new Date(Date.now() - 2 * HOUR).toISOString() }));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['claimClosesAt', 'items.0.discountFen', 'items.1.discountFen']);
      expect((await post(officerSM, '/api/benefits/campaigns', campaignBody({ stock: -1 }))).json().errors).toEqual([{ field: 'stock', message: '发放份数须为 1–1000000 的整数' }]);
      expect((await post(officerSM, '/api/benefits/campaigns', campaignBody({ merchantIds: [5] }))).json().errors).toEqual([{ field: 'merchantIds', message: '商户标识不正确' }]);
      expect((await post(officerSM, '/api/benefits/campaigns', campaignBody({ merchantIds: [shopHL] }))).json().errors[0].field).toBe('merchantIds');
      expect((await post(officerSM, '/api/benefits/campaigns', campaignBody({ items: [null], validity: { mode: 'fixed', validFrom: 5 } }))).json().errors.map((e: { field: string }) => e.field)).toEqual(['items.0', 'validity.validFrom', 'validity.validUntil']);
    });

    it('a draft is shown with its budget to staff only; publishing puts it on the members’ tab', async () => {
      const m = await member();
      const preview = await ok(officerSM, '/api/benefits/campaigns/preview', campaignBody({ items: [threshold(10000, 2000, 5), threshold(5000, 1000, 10)], stock: 100 }));
      expect(preview).toMatchObject({ packValueFen: 20000, budgetFen: 2_000_000, couponsPerPack: 15, couponsTotal: 1500, errors: [] });
      expect(preview.eligibleMembers).toBeGreaterThanOrEqual(1);
      const draft = await ok(officerSM, '/api/benefits/campaigns', campaignBody());
      expect(draft).toMatchObject({ status: 'draft', budgetFen: 20000, actions: expect.arrayContaining(['publish', 'edit']) });
      expect((await get(m, `/api/benefits/campaigns/${draft.id}`)).statusCode).toBe(404);
      expect((await get(officerHL, `/api/benefits/campaigns/${draft.id}`)).statusCode).toBe(404);
      expect((await post(officerHL, `/api/benefits/campaigns/${draft.id}/publish`)).statusCode).toBe(404);
      expect((await put(officerHL, `/api/benefits/campaigns/${draft.id}`, campaignBody())).statusCode).toBe(404);
      expect((await put(tillSM, `/api/benefits/campaigns/${draft.id}`, campaignBody())).statusCode).toBe(404);
      expect((await post(m, `/api/benefits/campaigns/${draft.id}/publish`)).statusCode).toBe(403);
      await ok(officerSM, `/api/benefits/campaigns/${draft.id}/publish`);
      const tab = (await get(m, '/api/benefits/campaigns')).json();
      expect(tab.items.find((c: { id: string }) => c.id === draft.id)).toMatchObject({ state: 'open', remaining: 10, claimableByMe: 1, eligible: true });
      expect((await put(officerSM, `/api/benefits/campaigns/${draft.id}`, campaignBody())).json().code).toBe('CAMPAIGN_ACTION_NOT_ALLOWED');
      expect((await post(officerHL, `/api/benefits/campaigns/${draft.id}/close`)).statusCode).toBe(404);
      expect((await post(tillSM, `/api/benefits/campaigns/${draft.id}/close`)).statusCode).toBe(403);
      expect((await ok(officerSM, `/api/benefits/campaigns/${draft.id}/close`)).status).toBe('closed');
      expect((await claim(m, draft.id)).json().code).toBe('CAMPAIGN_ENDED');
    });

    it('one opening later shows upcoming with its opening moment, and refuses claims until then', async () => {
      const opens = new Date(Date.now() + 2 * HOUR).toISOString();
      const id = await published({ claimOpensAt: opens });
      const m = await member();
      const item = (await get(m, '/api/benefits/campaigns')).json().items.find((c: { id: string }) => c.id === id);
      expect(item).toMatchObject({ state: 'upcoming', opensAt: opens });
      expect((await claim(m, id)).json().code).toBe('CAMPAIGN_NOT_OPEN');
    });

    it('a merchant proposes for its own shop; only an officer in scope approves; a rejection is told and the edit resubmits', async () => {
      const p = await ok(tillSM, '/api/benefits/campaigns', campaignBody({ orgCode: undefined, merchantIds: 'all' }));
      expect(p).toMatchObject({ status: 'pending_approval', merchantScope: 'list', merchants: [{ id: shopSM }] });
      expect((await get(tillSM2, `/api/benefits/campaigns/${p.id}`)).statusCode).toBe(404);
      expect((await post(officerHL, `/api/benefits/campaigns/${p.id}/reject`, { reason: '力度不够' })).statusCode).toBe(404);
      await ok(officerSM, `/api/benefits/campaigns/${p.id}/reject`, { reason: '力度不够' });
      expect(await t.ds.getRepository(InboxMessage).countBy({ userId: tillSM.user.id, kind: 'benefit.proposal_rejected' })).toBe(1);
      expect((await put(tillSM, `/api/benefits/campaigns/${p.id}`, campaignBody({ title: '骑手午餐满50减15', items: [threshold(5000, 1500)] }))).json().status).toBe('pending_approval');
      expect((await post(tillSM, `/api/benefits/campaigns/${p.id}/publish`)).statusCode).toBe(403);
      expect((await ok(officerSM, `/api/benefits/campaigns/${p.id}/publish`)).status).toBe('published');
    });
  });

  describe('the flash claim', () => {
    it('100 concurrent claims for stock 10 → exactly 10 packs; the rest are told 已抢光', async () => {
      const id = await published({ stock: 10 });
      const crowd = await members(100);
      const res = await Promise.all(crowd.map((s) => claim(s, id)));
      const won = res.filter((r) => r.statusCode === 201);
      expect(won).toHaveLength(10);
      const lost = res.filter((r) => r.statusCode !== 201);
      expect(lost.every((r) => r.statusCode === 409 && r.json().code === 'COUPON_SOLD_OUT' && r.json().message.startsWith('已抢光'))).toBe(true);
      const c = await t.ds.getRepository(Campaign).findOneByOrFail({ id });
      expect([c.remaining, c.claimed]).toEqual([0, 10]);
      expect(await t.ds.getRepository(BenefitClaim).countBy({ campaignId: id })).toBe(10);
      expect(await t.ds.getRepository(Coupon).countBy({ campaignId: id })).toBe(20);
      expect((await t.app.get(BenefitsService).stockAudit()).mismatched).toEqual([]);
    });

    it('one member racing themself never goes past the campaign limit or the daily limit', async () => {
      const [a, b] = await members(2);
      const total = await published({ stock: 50, perMemberLimit: 2 });
      const r1 = await Promise.all(Array.from({ length: 6 }, () => claim(a, total)));
      expect(r1.filter((r) => r.statusCode === 201)).toHaveLength(2);
      expect(r1.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'COUPON_LIMIT_REACHED')).toBe(true);
      const daily = await published({ stock: 50, perMemberLimit: 3, perDayLimit: 1 });
      const r2 = await Promise.all(Array.from({ length: 4 }, () => claim(b, daily)));
      expect(r2.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(r2.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'COUPON_DAILY_LIMIT')).toBe(true);
      expect(await t.ds.getRepository(BenefitClaim).countBy({ campaignId: total, userId: a.user.id })).toBe(2);
    });

    it('an Idempotency-Key replays the first answer and issues one pack; without a key → 400', async () => {
      const id = await published({ stock: 5, perMemberLimit: 3 });
      const [m] = await members(1);
      const key = randomUUID();
      const first = await claim(m, id, key);
      const again = await claim(m, id, key);
      expect(first.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe(first.body);
      expect(await t.ds.getRepository(BenefitClaim).countBy({ campaignId: id, userId: m.user.id })).toBe(1);
      expect((await post(m, `/api/benefits/campaigns/${id}/claim`)).json().code).toBe('IDEMPOTENCY_KEY_INVALID');
    });

    it('eligibility: non-members 403, another district 404, the wrong occupation 403 NOT_ELIGIBLE', async () => {
      const id = await published({ occupations: ['快递员'] });
      expect((await claim(await worker(), id)).json().code).toBe('NOT_A_MEMBER');
      const [hl] = await members(1, 'XM-HL');
      expect((await claim(hl, id)).statusCode).toBe(404);
      expect((await get(hl, `/api/benefits/campaigns/${id}`)).statusCode).toBe(404);
      const rider = await member('外卖配送员');
      expect((await claim(rider, id)).json().code).toBe('NOT_ELIGIBLE');
      expect((await claim(await member('快递员'), id)).statusCode).toBe(201);
    });
  });

  describe('wallet and the till', () => {
    let campaignId: string;
    beforeAll(async () => {
      campaignId = await published({ stock: 100, merchantIds: [shopSM, shopSM2], items: [threshold(5000, 1000, 3)] });
    });

    it('the wallet is the owner’s: a QR token valid 60 s and a 12-digit code with a check digit; others 404', async () => {
      const m = await member();
      const won = await ok(m, `/api/benefits/campaigns/${campaignId}/claim`, {}, { 'idempotency-key': randomUUID() });
      expect(won.coupons).toHaveLength(3);
      const page = (await get(m, '/api/benefits/coupons')).json();
      expect(page.counts).toEqual({ available: 3, used: 0, expired: 0 });
      expect(page.items.map((k: { id: string }) => k.id).sort()).toEqual(won.coupons.map((k: { id: string }) => k.id).sort());
      const d = await detail(m, page.items[0].id);
      expect(isValidCouponCode(d.code)).toBe(true);
      expect(new Date(d.qrExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
      const other = await member();
      expect((await get(other, `/api/benefits/coupons/${d.id}`)).statusCode).toBe(404);
      expect((await get(other, `/api/benefits/coupons/${d.id}/qr`)).statusCode).toBe(404);
    });

    it('preview → redeem once → receipt; below the threshold 400 on orderFen; again 409; undo within 10 minutes', async () => {
      const m = await member();
      await claim(m, campaignId);
      const c = await detail(m, (await firstCoupon(m)).id);
      const prev = (await asTill(tillSM, '/api/benefits/redemptions/preview', { token: c.qrToken })).json();
      expect(prev).toMatchObject({ couponId: c.id, title: '满50减10', redeemable: true, refusal: null, memberName: '欧**' });
      const low = await asTill(tillSM, '/api/benefits/redemptions', { token: c.qrToken, orderFen: 4999 }, { 'idempotency-key': randomUUID() });
      expect(low.statusCode).toBe(400);
      expect(low.json()).toMatchObject({ code: 'COUPON_BELOW_THRESHOLD', errors: [{ field: 'orderFen' }] });
      const r = await asTill(tillSM, '/api/benefits/redemptions', { code: c.code, orderFen: 6800 }, { 'idempotency-key': randomUUID() });
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ orderFen: 6800, discountFen: 1000, payFen: 5800, undoneAt: null });
      expect((await asTill(tillSM, '/api/benefits/redemptions', { code: c.code, orderFen: 6800 }, { 'idempotency-key': randomUUID() })).json().code).toBe('COUPON_ALREADY_REDEEMED');
      expect((await get(m, `/api/benefits/coupons/${c.id}`)).json()).toMatchObject({ status: 'used', code: null, qrToken: null, redemption: { discountFen: 1000 } });
      // Another merchant cannot undo it (404); the same merchant can, and the coupon is usable again.
      expect((await post(tillSM2, `/api/benefits/redemptions/${r.json().id}/undo`)).statusCode).toBe(404);
      expect((await ok(tillSM, `/api/benefits/redemptions/${r.json().id}/undo`)).undoneAt).not.toBeNull();
      expect((await detail(m, c.id)).status).toBe('available');
      // Redeemed again and 11 minutes later: too late to undo.
      const r2 = (await asTill(tillSM, '/api/benefits/redemptions', { code: c.code, orderFen: 5000 }, { 'idempotency-key': randomUUID() })).json();
      await t.ds.getRepository(Redemption).update({ id: r2.id }, { redeemedAt: new Date(Date.now() - 11 * 60_000) });
      expect((await post(tillSM, `/api/benefits/redemptions/${r2.id}/undo`)).json().code).toBe('REDEMPTION_UNDO_EXPIRED');
      const mine = (await get(tillSM, '/api/benefits/redemptions')).json().items;
      seenByMerchants.push(JSON.stringify(mine));
      expect(mine.some((x: { id: string }) => x.id === r2.id)).toBe(true);
      expect((await get(tillSM2, '/api/benefits/redemptions')).json().items.some((x: { id: string }) => x.id === r2.id)).toBe(false);
    });

    it('two tills at once → one redemption', async () => {
      const m = await member();
      await claim(m, campaignId);
      const c = await detail(m, (await firstCoupon(m)).id);
      const res = await Promise.all([tillSM, tillSM2].map((s) => asTill(s, '/api/benefits/redemptions', { code: c.code, orderFen: 9000 }, { 'idempotency-key': randomUUID() })));
      expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(res.find((r) => r.statusCode === 409)!.json().code).toBe('COUPON_ALREADY_REDEEMED');
      expect(await t.ds.getRepository(Redemption).countBy({ couponId: c.id })).toBe(1);
    });

    it('a merchant outside the campaign, a bad code, an expired token or coupon are refused with clear codes', async () => {
      const m = await member();
      await claim(m, campaignId);
      const c = await detail(m, (await firstCoupon(m)).id);
      expect((await asTill(tillHL, '/api/benefits/redemptions/preview', { code: c.code })).json()).toMatchObject({ redeemable: false, refusal: 'COUPON_WRONG_MERCHANT' });
      expect((await asTill(tillHL, '/api/benefits/redemptions', { code: c.code, orderFen: 9000 }, { 'idempotency-key': randomUUID() })).json().code).toBe('COUPON_WRONG_MERCHANT');
      const typo = c.code.slice(0, 11) + String((Number(c.code[11]) + 1) % 10);
      expect((await asTill(tillSM, '/api/benefits/redemptions/preview', { code: typo })).json()).toMatchObject({ code: 'COUPON_CODE_INVALID', errors: [{ field: 'code' }] });
      expect((await asTill(tillSM, '/api/benefits/redemptions/preview', { code: makeCouponCode('00000000001') })).statusCode).toBe(404);
      expect((await asTill(tillSM, '/api/benefits/redemptions/preview', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.bad' })).json().code).toBe('COUPON_TOKEN_INVALID');
      expect((await post(m, '/api/benefits/redemptions/preview', { code: c.code })).statusCode).toBe(403);
      await t.ds.getRepository(Coupon).update({ id: c.id }, { validUntil: new Date(Date.now() - 1000) });
      expect((await asTill(tillSM, '/api/benefits/redemptions', { code: c.code, orderFen: 9000 }, { 'idempotency-key': randomUUID() })).json().code).toBe('COUPON_EXPIRED');
      expect((await get(m, `/api/benefits/coupons/${c.id}`)).json().status).toBe('expired');
    });

    it('fixed validity: a coupon is refused before its first day; a percent coupon pays its share, rounded down, up to its cap', async () => {
      const from = new Date(Date.now() + DAY).toISOString();
      const until = new Date(Date.now() + 30 * DAY).toISOString();
      const later = await published({ validity: { mode: 'fixed', validFrom: from, validUntil: until }, merchantIds: [shopSM] });
      const pct = await published({ items: [{ kind: 'percent', thresholdFen: 0, discountFen: 0, percentOff: 20, capFen: 3000, count: 1 }], merchantIds: [shopSM] });
      const m = await member();
      const k1 = (await ok(m, `/api/benefits/campaigns/${later}/claim`, {}, { 'idempotency-key': randomUUID() })).coupons[0];
      expect([k1.validFrom, k1.validUntil]).toEqual([from, until]);
      expect((await asTill(tillSM, '/api/benefits/redemptions/preview', { code: (await detail(m, k1.id)).code })).json().refusal).toBe('COUPON_NOT_STARTED');
      const k2 = (await ok(m, `/api/benefits/campaigns/${pct}/claim`, {}, { 'idempotency-key': randomUUID() })).coupons[0];
      const code = (await detail(m, k2.id)).code;
      expect(k2.title).toBe('8折 最高减30元');
      const r = (await asTill(tillSM, '/api/benefits/redemptions', { code, orderFen: 10001 }, { 'idempotency-key': randomUUID() })).json();
      expect([r.discountFen, r.payFen]).toEqual([2000, 8001]);
    });

    it('the job expires coupons past their end and reminds once 3 days before', async () => {
      const m = await member();
      await claim(m, campaignId);
      const [soon, gone] = (await get(m, '/api/benefits/coupons')).json().items;
      await t.ds.getRepository(Coupon).update({ id: soon.id }, { validUntil: new Date(Date.now() + 2 * DAY) });
      await t.ds.getRepository(Coupon).update({ id: gone.id }, { validUntil: new Date(Date.now() - 1000) });
      const benefits = t.app.get(BenefitsService);
      await benefits.housekeeping();
      await benefits.housekeeping();
      expect(await t.ds.getRepository(InboxMessage).countBy({ userId: m.user.id, kind: 'benefit.expiring' })).toBe(1);
      expect((await t.ds.getRepository(Coupon).findOneByOrFail({ id: gone.id })).status).toBe('expired');
      expect((await get(m, '/api/benefits/coupons')).json().counts).toMatchObject({ expired: 1 });
    });

    it('settlement per merchant and month: officers of the subtree, the merchant for its own shop, as Excel too', async () => {
      const month = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 7);
      const sm = (await get(officerSM, `/api/benefits/settlement?month=${month}`)).json();
      const mine = sm.rows.find((r: { merchant: { id: string } }) => r.merchant.id === shopSM);
      const rows = await t.ds.getRepository(Redemption).findBy({ merchantId: shopSM });
      const live = rows.filter((r) => !r.undoneAt);
      expect(mine).toMatchObject({ redemptions: live.length, orderTotalFen: live.reduce((s, r) => s + r.orderFen, 0), discountTotalFen: live.reduce((s, r) => s + r.discountFen, 0) });
      expect((await get(officerHL, `/api/benefits/settlement?month=${month}`)).json().rows.some((r: { merchant: { id: string } }) => r.merchant.id === shopSM)).toBe(false);
      expect((await get(tillSM2, `/api/benefits/settlement?month=${month}&merchantId=${shopSM}`)).statusCode).toBe(403);
      expect((await get(tillSM, `/api/benefits/settlement?month=${month}`)).json().rows).toEqual([mine]);
      expect((await get(officerSM, '/api/benefits/settlement?month=2026-13')).json().errors[0].field).toBe('month');
      const xlsx = await get(officerSM, `/api/benefits/settlement/export?month=${month}`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    });
  });

  it('the stock audit tells the admins about a campaign whose numbers do not add up', async () => {
    const id = await published({ stock: 5 });
    await t.ds.getRepository(Campaign).update({ id }, { remaining: 4 });
    const result = await t.app.get(BenefitsService).stockAudit();
    expect(result.mismatched).toEqual([id]);
    expect(await t.ds.getRepository(InboxMessage).countBy({ userId: admin.user.id, kind: 'benefit.stock_mismatch' })).toBe(1);
    await t.ds.getRepository(Campaign).update({ id }, { remaining: 5 });
  });

  it('merchants never saw a member’s name, mobile or ID number', () => {
    expect(seenByMerchants.length).toBeGreaterThan(5);
    const all = seenByMerchants.join('\n');
    for (const s of secrets) expect(all).not.toContain(s);
  });
});
