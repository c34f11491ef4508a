import { BEIJING_OFFSET_MS } from '@nuanxin/shared';
import type { Page } from 'playwright-core';
import { SmsSender, type TestSmsSender } from '../src/auth/sms.sender';
import { expectAccessible } from './axe';
import { useJourney } from './browser';
import { apiCall, devToken, expectText, idNumber, loginAs, testId } from './session';

/** `YYYY-MM-DD` and `HH:MM:SS` of an instant in Beijing time (what the editor's inputs take; H5 offers seconds). */
function beijing(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

/**
 * The first whole second at least `leadMs` away: the flash campaign's opening moment. Enough for the publish and the
 * member's tab to load, so the member still sees the countdown and claims at the moment itself (not a whole minute
 * ahead, which made the journey wait up to ~100 s).
 */
function secondsAhead(leadMs: number): Date {
  return new Date(Math.ceil((Date.now() + leadMs) / 1000) * 1000);
}

/**
 * How long before the opening the editor's time is set: the rest of the editor, publish and the member's tab must fit
 * in it. At least 20 s; on a loaded machine, 3× what the officer's way to the editor took (the same kind of work:
 * page loads, an axe scan, taps), so the member still sees the countdown however slow the machine is (a fixed 20 s
 * was too short under load), up to 90 s.
 */
function openingLeadMs(officerToEditorMs: number): number {
  return Math.min(90_000, Math.max(20_000, 3 * officerToEditorMs));
}

/**
 * 会员优惠 in Chromium: an officer creates a flash campaign in the editor (budget shown before publishing) → a member
 * waits on the 优惠 tab's countdown and claims at the opening moment → the merchant's till redeems the coupon with its
 * typed 12-digit code → a second redemption of the same code is refused → the settlement shows the redemption.
 */
describe('member benefits (会员优惠) in Chromium (H5)', () => {
  const j = useJourney();

  /** Stores an SMS session in the page the way services/session.ts does (Taro's H5 storage wraps values in { data }). */
  async function storeSession(page: Page, t: { accessToken: string; refreshToken: string; accessExpiresIn: number; user: unknown }): Promise<void> {
    if (!page.url().startsWith(j.baseUrl)) await page.goto(`${j.baseUrl}/`);
    await page.evaluate((s) => {
      const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage;
      const put = (key: string, data: string) => storage.setItem(key, JSON.stringify({ data }));
      put('nx.accessToken', s.accessToken);
      put('nx.refreshToken', s.refreshToken);
      put('nx.accessExpiresAt', String(Date.now() + s.accessExpiresIn * 1000));
      put('nx.user', JSON.stringify(s.user));
    }, t);
  }

  it('officer creates a flash campaign → member claims at the opening moment → merchant redeems the code → a second redemption is refused → settlement shows it', async () => {
    const title = '骑手暖心消费券';
    // The partner merchant, signed by the 美团 union, and its cashier (a merchant user bound to it).
    const officerToken = await devToken(j.baseUrl, 'demo-officer-mt');
    const shop = await apiCall<{ id: string }>(j.baseUrl, 'POST', '/api/benefits/merchants', officerToken, {
      name: '老王牛肉面',
      category: 'food',
      address: '思明区中山路 88 号',
      district: '思明区',
      lat: 24.4556,
      lng: 118.0797,
      phone: '0592-5551234',
      orgCode: 'XM-MT',
    });
    expect(shop.status).toBe(201);
    const cashierMobile = '13900003333';
    const sms = j.server!.app.get(SmsSender) as TestSmsSender;
    await apiCall(j.baseUrl, 'POST', '/api/auth/sms/send', undefined, { mobile: cashierMobile });
    const cashier = await apiCall<{ accessToken: string; refreshToken: string; accessExpiresIn: number; user: unknown }>(j.baseUrl, 'POST', '/api/auth/sms/verify', undefined, {
      mobile: cashierMobile,
      code: sms.lastCodeFor(cashierMobile),
    });
    expect(cashier.status).toBe(200);
    const granted = await apiCall(j.baseUrl, 'POST', '/api/admin/grants', officerToken, { mobile: cashierMobile, role: 'merchant', merchantId: shop.body.id });
    expect(granted.status).toBe(201);

    // A member of the 美团 union (auto-approved), joined through the API: the join journey covers that form.
    const member = j.page;
    await loginAs(member, j.baseUrl, 'journey-benefit-member');
    const joined = await member.evaluate(async (idNo) => {
      const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
      const token = (JSON.parse(storage.getItem('nx.accessToken') ?? '{}') as { data: string }).data;
      const res = await fetch('/api/memberships/applications', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': 'journey-benefit-join-0001' },
        body: JSON.stringify({ orgCode: 'XM-MT', name: '陈小兵', mobile: '13900004444', idNumber: idNo, employer: '美团', occupation: '外卖配送员', city: '厦门', consent: true }),
      });
      return res.status;
    }, idNumber(11, '789'));
    expect(joined).toBe(201);

    // The officer: 工作台 → 优惠活动 → 新建 → a pack of one 满100减20, 5 packs, opening 20–90 s after it is set.
    const officer = await j.newPhone();
    const officerStarted = Date.now();
    await loginAs(officer, j.baseUrl, 'demo-officer-mt');
    await officer.goto(`${j.baseUrl}/#/staff/pages/home/index`);
    await testId(officer, 'staff-tool-campaigns').waitFor();
    await expectAccessible(officer, 'staff home');
    await testId(officer, 'staff-tool-campaigns').click();
    await testId(officer, 'campaigns-create').click();
    await testId(officer, 'campaign-edit').waitFor();
    await expectAccessible(officer, 'campaign editor');
    const leadMs = openingLeadMs(Date.now() - officerStarted);
    await officer.locator('[data-testid=campaign-title] input').last().fill(title);
    await officer.locator('[data-testid=campaign-line-0-threshold] input').last().fill('100');
    await officer.locator('[data-testid=campaign-line-0-discount] input').last().fill('20');
    await officer.locator('[data-testid=campaign-stock] input').last().fill('5');
    const opensAt = secondsAhead(leadMs);
    const opens = beijing(opensAt);
    const closes = beijing(new Date(opensAt.getTime() + 86400_000));
    await testId(officer, 'campaign-opens-input-date').fill(opens.date);
    await testId(officer, 'campaign-opens-input-time').fill(opens.time);
    await testId(officer, 'campaign-closes-input-date').fill(closes.date);
    await testId(officer, 'campaign-closes-input-time').fill(closes.time);
    await testId(officer, 'campaign-check').click();
    // The budget before publishing: 5 packs × ¥20.
    await expectText(testId(officer, 'campaign-budget-total'), '¥100');
    expect(await testId(officer, 'campaign-opens-input-time').inputValue()).toBe(opens.time);
    const created = officer.waitForResponse((r) => r.url().endsWith('/api/benefits/campaigns') && r.request().method() === 'POST');
    const published = officer.waitForResponse((r) => /\/api\/benefits\/campaigns\/[^/]+\/publish$/.test(r.url()));
    await testId(officer, 'campaign-publish').click();
    expect((await created).status()).toBe(201);
    expect((await published).status()).toBe(200);
    const item = officer.locator('[data-testid=campaigns-item]', { hasText: title }).last();
    await expectText(item.locator('[data-testid=campaigns-item-status]'), '即将开抢');
    expect(Date.now()).toBeLessThan(opensAt.getTime());

    // The member: 优惠 tab → the card counts down → 立即领取 appears at the opening moment → one tap.
    await member.goto(`${j.baseUrl}/#/pages/benefits/index`);
    const card = member.locator('[data-testid=campaign-card]', { hasText: title }).last();
    await card.locator('[data-testid=campaign-card-countdown]').waitFor();
    expect(Date.now()).toBeLessThan(opensAt.getTime());
    const claimButton = card.locator('[data-testid=campaign-card-claim]');
    await claimButton.waitFor({ timeout: opensAt.getTime() - Date.now() + 30_000 });
    const claimed = member.waitForResponse((r) => /\/api\/benefits\/campaigns\/[^/]+\/claim$/.test(r.url()));
    await claimButton.click();
    const claim = await claimed;
    expect(claim.status()).toBe(201);
    expect(Date.now()).toBeGreaterThanOrEqual(opensAt.getTime());
    await expectText(card.locator('[data-testid=campaign-card-remaining]'), '剩余 4 / 5 份');
    await expectText(card.locator('[data-testid=campaign-card-claim-off]'), '已领取');
    await expectAccessible(member, '优惠 tab');
    // The officer's list is scanned now, outside the window before the opening.
    await expectAccessible(officer, 'staff campaigns list');

    // 我的券 → the coupon: its QR and the 12-digit code, grouped 4-4-4.
    await testId(member, 'benefits-wallet').click();
    await member.locator('[data-testid=wallet-coupon]', { hasText: '满100减20' }).last().click();
    const codeText = (await (await testId(member, 'coupon-code').elementHandle())!.textContent()) ?? '';
    expect(codeText).toMatch(/^\d{4} \d{4} \d{4}$/);
    await testId(member, 'coupon-qr').waitFor();
    await expectAccessible(member, 'coupon detail');

    // The cashier: 工作台 → 优惠核销 → types the code → the coupon with the member's masked name → ¥128.50 → 确认核销.
    const till = await j.newPhone();
    await storeSession(till, cashier.body);
    await till.goto(`${j.baseUrl}/#/staff/pages/home/index`);
    await testId(till, 'staff-tool-redeem').click();
    await till.locator('[data-testid=redeem-code] input').last().fill(codeText.replace(/ /g, ''));
    await testId(till, 'redeem-look').click();
    await expectText(testId(till, 'redeem-member'), '陈**');
    await expectAccessible(till, 'till: coupon preview');
    expect(await testId(till, 'redeem-preview').textContent()).not.toContain('13900004444');
    await till.locator('[data-testid=redeem-amount] input').last().fill('128.50');
    await testId(till, 'redeem-next').click();
    await expectText(testId(till, 'redeem-pay'), '¥108.50');
    const redeemed = till.waitForResponse((r) => r.url().endsWith('/api/benefits/redemptions') && r.request().method() === 'POST');
    await testId(till, 'redeem-submit').click();
    expect((await redeemed).status()).toBe(201);
    await testId(till, 'redeem-receipt').waitFor();
    expect(await testId(till, 'redeem-receipt').textContent()).toContain('¥128.50');
    await expectAccessible(till, 'till: receipt');

    // The same code again: refused, clearly.
    await testId(till, 'redeem-next-coupon').click();
    await till.locator('[data-testid=redeem-code] input').last().fill(codeText.replace(/ /g, ''));
    await testId(till, 'redeem-look').click();
    const refusal = till.locator('[data-testid=redeem-refusal], [data-testid=redeem-notice]').last();
    await expectText(refusal, '这张券已经核销过了，不能重复使用');

    // The member's coupon is 已使用 now.
    await member.goto(`${j.baseUrl}/#/pages/benefit/wallet`);
    await testId(member, 'wallet-tab-used').click();
    await expectText(member.locator('[data-testid=wallet-coupon-status]').last(), '已使用');
    await expectAccessible(member, 'wallet (已使用)');

    // The officer's settlement for this month: the shop, one redemption, ¥128.50 of orders, ¥20 the union pays.
    await officer.goto(`${j.baseUrl}/#/staff/pages/settlement/index`);
    const row = officer.locator('[data-testid=settlement-row]', { hasText: '老王牛肉面' }).last();
    await row.waitFor();
    expect(await row.locator('[data-testid=settlement-count]').textContent()).toContain('核销 1 笔');
    expect(await row.locator('[data-testid=settlement-orders]').textContent()).toBe('¥128.50');
    expect(await row.locator('[data-testid=settlement-discounts]').textContent()).toBe('¥20');
    await expectAccessible(officer, 'settlement');
    const download = officer.waitForEvent('download');
    await testId(officer, 'settlement-download').click();
    expect((await download).suggestedFilename()).toMatch(/^优惠结算-\d{4}-\d{2}\.xlsx$/);
  }, 360_000); // up to 90 s of it waits for the opening (see openingLeadMs); ~20 s an axe scan under load
});
