import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from './axe';
import { useJourney } from './browser';
import { apiCall, devToken, loginAs, testId, until } from './session';

/** 消息 in Chromium: the union answers a rider's claim, the rider sees it on 我的 and opens it from 消息. */
describe('messages (消息) in Chromium (H5)', () => {
  const j = useJourney();

  const textOf = (locator: Locator) => locator.textContent().then((t) => t ?? '');
  /** The badge Taro's H5 tab bar draws on 我的 (the fourth tab); '' when there is none. */
  const meTabBadge = async (page: Page) => {
    const badge = page.locator('.weui-tabbar__item').nth(3).locator('.taro-tabbar-badge');
    return (await badge.count()) === 0 ? '' : textOf(badge.first());
  };

  /** The officer works through the API, as the staff pages would. */
  async function api<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const res = await apiCall<T>(j.baseUrl, method, path, token, body);
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
  const token = (openid: string) => devToken(j.baseUrl, openid);

  it('rider files a claim → the officer accepts and replies → 我的 shows 2 unread (tab badge and 消息 entry) → 消息 → the reply opens the claim with the answer; back on 我的 one is left', async () => {
    const rider = j.page;
    await loginAs(rider, j.baseUrl, 'journey-messages-rider');
    await rider.goto(`${j.baseUrl}/#/pages/me/index`);
    // Nothing yet: the entry says what will arrive, the tab has no badge.
    await until(() => textOf(testId(rider, 'me-messages')), '消息诉求进度、入会结果、活动变动');
    expect(await meTabBadge(rider)).toBe('');

    // 我有事办 against the 美团 union, whose officer is seeded.
    await testId(rider, 'me-claim-new').click();
    await testId(rider, 'claim-form').waitFor();
    await expectAccessible(rider, '我有事办');
    await rider.locator('[data-testid=claim-category-choices-option]', { hasText: '欠薪' }).last().click();
    await rider.locator('[data-testid=claim-description] textarea').last().fill('十月份工资 3500 元至今未发放，站长说平台没结算。');
    await rider.locator('[data-testid=claim-employer-org] input').last().fill('美团');
    await testId(rider, 'claim-employer-org-item-XM-MT').click();
    const filed = rider.waitForResponse((r) => r.url().endsWith('/api/claims') && r.request().method() === 'POST');
    await testId(rider, 'claim-submit').click();
    const claim = (await (await filed).json()) as { id: string; number: string };
    await rider.waitForURL(new RegExp(`#/pages/claims/detail\\?id=${claim.id}`));
    // The detail page has finished opening (its subpackage loaded) before the rider goes elsewhere.
    await testId(rider, 'claim-detail').waitFor();
    await expectAccessible(rider, '诉求详情');

    // The union's officer accepts and replies.
    const officer = await token('demo-officer-mt');
    const reply = '已联系站点负责人，约定本周五前答复。';
    await api('POST', `/api/claims/${claim.id}/accept`, officer, {});
    await api('POST', `/api/claims/${claim.id}/reply`, officer, { text: reply });

    // 我的: the tab badge and the 消息 entry at the top both say 2.
    await rider.goto(`${j.baseUrl}/#/pages/me/index`);
    await until(() => textOf(testId(rider, 'me-messages')), '消息2 条未读');
    await until(() => meTabBadge(rider), '2');

    // 消息: newest first, both unread; the reply is on top and carries the officer's words.
    await testId(rider, 'me-messages').click();
    await testId(rider, 'messages').waitFor();
    await expectAccessible(rider, '消息');
    const items = rider.locator('[data-testid=messages] [data-testid=message-item]');
    await until(() => items.count(), 2);
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-unread')))).toEqual(['true', 'true']);
    expect(await textOf(items.nth(0).locator('[data-testid=message-title]'))).toContain(claim.number);
    expect(await textOf(items.nth(0).locator('[data-testid=message-body]'))).toBe(reply);
    expect(await textOf(testId(rider, 'messages-unread'))).toBe('2 条未读');

    // One tap: marked read on the server, and the claim opens with the reply on its timeline.
    const read = rider.waitForResponse((r) => /\/api\/inbox\/[^/]+\/read$/.test(r.url()) && r.request().method() === 'POST');
    await items.nth(0).click();
    expect((await read).status()).toBe(200);
    await rider.waitForURL(new RegExp(`#/pages/claims/detail\\?id=${claim.id}`));
    const replied = rider.locator('[data-testid=claim-event][data-kind=reply]').last();
    await replied.waitFor();
    await expectAccessible(rider, '诉求详情 (replied)');
    expect(await textOf(replied)).toContain(reply);

    // Back to 消息 (the reply now read), back to 我的: one unread left, on the entry and the tab.
    await rider.goBack();
    await until(() => rider.locator('[data-testid=messages] [data-testid=message-item][data-unread=true]').count(), 1);
    await rider.goBack();
    await until(() => textOf(testId(rider, 'me-messages')), '消息1 条未读');
    await until(() => meTabBadge(rider), '1');
  });
});
