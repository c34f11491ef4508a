import { MEMBER_NUMBER_PATTERN, REJECT_REASONS } from '@nuanxin/shared';
import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { useJourney } from './browser';
import { idNumber, loginAs } from './session';

/** 扫码入会 in Chromium: a worker scans an org's code, applies, and gets a card; officers decide in a second browser. */
describe('scan to join in Chromium (H5)', () => {
  const j = useJourney();

  const testId = (page: Page, id: string) => page.locator(`[data-testid=${id}]`);
  const expectText = async (locator: Locator, text: string) => {
    await locator.waitFor();
    expect(await locator.textContent()).toBe(text);
  };

  async function fillJoinForm(page: Page, name: string, n: number): Promise<void> {
    await testId(page, 'join-form').waitFor();
    await expectAccessible(page, '加入工会 (form)');
    await page.locator('[data-testid=join-name] input').fill(name);
    await page.locator('[data-testid=join-mobile] input').fill(`139${String(n).padStart(8, '0')}`);
    await page.locator('[data-testid=join-id-number] input').fill(idNumber(n));
    await page.locator('[data-testid=join-employer] input').fill('饿了么');
    await page.locator('[data-testid=join-occupation-choices-option]', { hasText: '外卖配送员' }).click();
    await testId(page, 'join-consent-box').click();
    expect(await testId(page, 'join-form').locator('[data-testid$=-error]').count()).toBe(0);
  }

  /** Worker applies to XM-ELM (decided by an officer) and lands on the status page, 审核中. */
  async function applyForReview(name: string, n: number): Promise<void> {
    await loginAs(j.page, j.baseUrl, `journey-worker-${n}`);
    await j.page.goto(`${j.baseUrl}/#/pages/join/index?org=XM-ELM`);
    expect(await testId(j.page, 'join-org-mode').textContent()).toContain('审核');
    await fillJoinForm(j.page, name, n);
    await testId(j.page, 'join-submit').click();
    await j.page.waitForURL(/#\/pages\/join\/status\?id=/);
    await testId(j.page, 'status-label').waitFor();
    await expectAccessible(j.page, '入会申请状态');
    expect(await testId(j.page, 'status-label').textContent()).toBe('审核中');
    expect(await testId(j.page, 'status-org').textContent()).toBe('饿了么厦门站点联合工会');
  }

  /** The Siming officer (demo user button) opens 入会审批 from the workbench and finds the application. */
  async function officerFinds(name: string): Promise<{ page: Page; item: Locator }> {
    const page = await j.newPhone();
    await page.goto(`${j.baseUrl}/#/pages/login/index`);
    await page.locator('[data-testid=login-demo-users] .login-panel__demo-user', { hasText: '思明区总工会' }).click();
    await testId(page, 'me-workbench').click();
    await testId(page, 'staff-tool-applications').click();
    const item = page.locator('[data-testid=application-item]', { hasText: name });
    await item.waitFor();
    expect(await item.textContent()).toContain('139****');
    expect(await item.textContent()).not.toContain(idNumber(0).slice(6, 14));
    await expectAccessible(page, '入会审核');
    return { page, item };
  }

  it('auto-approving org (XM-MT): scan link → form → submit → the card with a member number and a QR a station verifies', async () => {
    await loginAs(j.page, j.baseUrl, 'journey-worker-a');
    await j.page.goto(`${j.baseUrl}/#/pages/join/index?org=XM-MT`);
    await testId(j.page, 'join-org-name').waitFor();
    expect(await testId(j.page, 'join-org-name').textContent()).toBe('美团厦门骑手联合工会');
    expect(await testId(j.page, 'join-org-mode').textContent()).toBe('自动审核，提交即发卡');
    await fillJoinForm(j.page, '李明', 1);
    const card = j.page.waitForResponse((r) => r.url().endsWith('/api/memberships/card?optional=true') && r.status() === 200);
    await testId(j.page, 'join-submit').click();

    const memberNo = testId(j.page, 'card-member-no');
    await memberNo.waitFor();
    expect(await memberNo.textContent()).toMatch(MEMBER_NUMBER_PATTERN);
    expect(await testId(j.page, 'card-name').textContent()).toBe('李*');
    expect(await testId(j.page, 'card-org').textContent()).toBe('美团厦门骑手联合工会');
    expect(await j.page.locator('[data-testid=card-qr] img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);

    // A station master pastes the token the card shows and sees a valid member.
    const { token } = ((await (await card).json()) as { card: { token: string } }).card;
    const station = await j.newPhone();
    await loginAs(station, j.baseUrl, 'demo-station-master');
    await station.goto(`${j.baseUrl}/#/staff/pages/verify/index`);
    await station.locator('[data-testid=verify-token] input').fill(token);
    await testId(station, 'verify-submit').click();
    await testId(station, 'verify-state').waitFor();
    expect(await testId(station, 'verify-state').textContent()).toBe('有效会员');
    expect(await testId(station, 'verify-member-no').textContent()).toBe(await memberNo.textContent());
    await expectAccessible(station, '会员核验');

    // 我的 now leads to the card (Taro H5 keeps earlier pages in the DOM: the newest is last).
    const number = (await memberNo.textContent())!;
    await j.page.goto(`${j.baseUrl}/#/pages/me/index`);
    await testId(j.page, 'me-card').click();
    await j.page.waitForURL(/#\/pages\/card\/index/);
    await expectText(testId(j.page, 'card-member-no').last(), number);
    await expectAccessible(j.page, '会员卡');
  });

  it('reviewed org (XM-ELM): 审核中 → the officer approves in another browser → the status shows 已通过 and the card', async () => {
    await applyForReview('王强', 2);
    const { page: officer, item } = await officerFinds('王强');
    await item.locator('[data-testid=application-approve]').click();
    await item.waitFor({ state: 'detached' });
    expect(await testId(officer, 'applications-notice').textContent()).toContain('已通过');

    await j.page.reload();
    await j.page.locator('[data-testid=status-label]', { hasText: '已通过' }).waitFor();
    await testId(j.page, 'status-goto-card').click();
    const memberNo = testId(j.page, 'card-member-no');
    await memberNo.waitFor();
    expect(await memberNo.textContent()).toMatch(MEMBER_NUMBER_PATTERN);
    expect(await testId(j.page, 'card-org').textContent()).toBe('饿了么厦门站点联合工会');
  });

  it('reviewed org: the officer must give a reason to reject, and the worker sees it; another union found by name then takes two taps', async () => {
    await applyForReview('张伟', 3);
    const { page: officer, item } = await officerFinds('张伟');
    await item.locator('[data-testid=application-reject]').click();
    await item.locator('[data-testid=application-reject-confirm]').click();
    expect(await item.locator('[data-testid=application-reason-error]').textContent()).toBe('请选择或填写不通过的原因');
    await item.locator('[data-testid=application-reasons-option]', { hasText: REJECT_REASONS[0] }).click();
    await item.locator('[data-testid=application-reject-panel] input').fill('姓名与身份证不符');
    await item.locator('[data-testid=application-reject-confirm]').click();
    await item.waitFor({ state: 'detached' });
    expect(await testId(officer, 'applications-notice').textContent()).toContain('已驳回');

    await j.page.reload();
    await j.page.locator('[data-testid=status-label]', { hasText: '未通过' }).waitFor();
    expect(await testId(j.page, 'status-reason').textContent()).toContain(`${REJECT_REASONS[0]}；姓名与身份证不符`);
    await expectAccessible(j.page, '入会申请状态 (未通过)');

    // 我的 → 加入工会 without an org: search by name, pick the auto-approving Meituan union.
    await j.page.goto(`${j.baseUrl}/#/pages/join/index`);
    await j.page.locator('[data-testid=join-org-picker] input').last().fill('美团');
    await testId(j.page, 'join-org-picker-item-XM-MT').last().click();
    await expectText(testId(j.page, 'join-org-name').last(), '美团厦门骑手联合工会');
    // The identity from the rejected application is shown masked; nothing needs retyping.
    const saved = testId(j.page, 'join-saved').last();
    await saved.waitFor();
    expect(await testId(j.page, 'join-saved-name').last().textContent()).toContain('张*');
    expect(await testId(j.page, 'join-saved-mobile').last().textContent()).toContain('139****0003');
    expect(await saved.textContent()).not.toContain(idNumber(3));
    await expectAccessible(j.page, '加入工会 (org picked, identity saved)');
    expect(await j.page.locator('[data-testid=join-id-number] input').count()).toBe(0);
    expect(await j.page.locator('[data-testid=join-employer] input').last().inputValue()).toBe('饿了么');
    // Tap 1: consent; tap 2: submit → the card.
    await testId(j.page, 'join-consent-box').last().click();
    await testId(j.page, 'join-submit').last().click();
    const memberNo = testId(j.page, 'card-member-no').last();
    await memberNo.waitFor();
    expect(await memberNo.textContent()).toMatch(MEMBER_NUMBER_PATTERN);
    expect(await testId(j.page, 'card-name').last().textContent()).toBe('张*');
    expect(await testId(j.page, 'card-org').last().textContent()).toBe('美团厦门骑手联合工会');
  });
});
