import { formatYuan } from '@nuanxin/shared';
import type { Locator, Page } from 'playwright-core';
import { FileStorage } from '../src/storage/storage';
import { expectAccessible } from './axe';
import { useJourney } from './browser';
import { expectText, loginAs, testId, until, usePhotoDir } from './session';

/** 我有事办 in Chromium (also run through nginx against the cluster: JOURNEY_BASE_URL): a worker files a claim with a photo against their platform union, its officer handles it in another browser, the worker rates it. */
describe('claims (我有事办) in Chromium (H5)', () => {
  const j = useJourney();
  const photos = usePhotoDir('nuanxin-claim-photo-');

  const chip = (page: Page, group: string, label: string) => page.locator(`[data-testid=${group}-option]`, { hasText: label }).last();
  const event = (page: Page, kind: string) => page.locator(`[data-testid=claim-event][data-kind=${kind}]`).last();
  /** The image behind an <img>: loaded, with real pixels. */
  const imageLoaded = (img: Locator) => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0);

  it('worker picks the 美团 union and files with a photo → its officer accepts, replies, resolves with ¥3500 recovered → worker rates 5 from 我的诉求 → 已关闭', async () => {
    const worker = j.page;
    const photo = photos.png('wage-slip.png');

    // 我的 → 我有事办: one tap to the form.
    await loginAs(worker, j.baseUrl, 'journey-claim-worker');
    await worker.goto(`${j.baseUrl}/#/pages/me/index`);
    await testId(worker, 'me-claim-new').click();
    await testId(worker, 'claim-form').waitFor();
    await expectAccessible(worker, '我有事办');

    await chip(worker, 'claim-category-choices', '欠薪').click();
    await worker.locator('[data-testid=claim-description] textarea').last().fill('十月份工资 3500 元至今未发放，站长说平台没结算。');
    // The employer's union from the search (enterprise unions only): the claim goes straight to it.
    await worker.locator('[data-testid=claim-employer-org] input').last().fill('美团');
    await testId(worker, 'claim-employer-org-item-XM-MT').click();
    await expectText(testId(worker, 'claim-employer-org-name'), '美团厦门骑手联合工会');
    await worker.locator('[data-testid=claim-employer-name] input').last().fill('美团湖里站');
    await worker.locator('[data-testid=claim-amount] input').last().fill('3500');

    // Taro's chooseImage opens a hidden <input type=file>: answer the file chooser.
    const chooser = worker.waitForEvent('filechooser');
    await testId(worker, 'claim-photos-add').click();
    await (await chooser).setFiles(photo);
    await worker.locator('[data-testid=claim-photos-item][data-state=done]').waitFor();
    expect(await worker.locator('[data-testid=claim-form] [data-testid$=-error]').count()).toBe(0);

    const filed = worker.waitForResponse((r) => r.url().endsWith('/api/claims') && r.request().method() === 'POST');
    await testId(worker, 'claim-submit').click();
    const created = (await (await filed).json()) as { id: string; number: string; attachmentIds: string[] };
    expect((await filed).status()).toBe(201);
    expect(created.attachmentIds).toHaveLength(1);
    await worker.waitForURL(new RegExp(`#/pages/claims/detail\\?id=${created.id}`));
    await expectText(testId(worker, 'claim-summary-status'), '待受理');
    await expectText(testId(worker, 'claim-summary-org'), '美团厦门骑手联合工会');
    expect(await testId(worker, 'claim-summary-deadline').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await until(() => imageLoaded(worker.locator('[data-testid=claim-photo-image] img').last()), true);

    // The union's officer: 我的 (with 1 waiting) → 诉求办理 → 我承办的 → the claim → 受理: three taps after the tab.
    const officer = await j.newPhone();
    await loginAs(officer, j.baseUrl, 'demo-officer-mt');
    await officer.goto(`${j.baseUrl}/#/pages/me/index`);
    await expectText(testId(officer, 'me-staff-claims-waiting'), '1');
    await testId(officer, 'me-staff-claims').click();
    const row = officer.locator('[data-testid=staff-claims-item]', { hasText: created.number });
    await row.waitFor();
    await expectAccessible(officer, '诉求工作台');
    expect(await row.textContent()).toContain('待受理');
    await row.click();
    await testId(officer, 'staff-claim').waitFor();
    await expectAccessible(officer, '诉求办理');
    await until(() => imageLoaded(officer.locator('[data-testid=claim-photo-image] img').last()), true);

    // 指定承办人 lists the union's officers from the server; the only one is the current assignee.
    await testId(officer, 'staff-action-assign').click();
    await expectText(testId(officer, 'staff-assignee-load'), '当前承办人');
    await testId(officer, 'staff-assign-none').waitFor();
    await testId(officer, 'staff-assign-cancel').click();

    await testId(officer, 'staff-action-accept').click();
    await expectText(testId(officer, 'claim-summary-status'), '已受理');

    await testId(officer, 'staff-action-reply').click();
    await officer.locator('[data-testid=staff-reply-panel-text] textarea').last().fill('已联系站点负责人，约定本周五前答复。');
    await testId(officer, 'staff-reply-panel-submit').click();
    await event(officer, 'reply').waitFor();
    await expectText(testId(officer, 'claim-summary-status'), '调解中');

    await testId(officer, 'staff-action-resolve').click();
    await chip(officer, 'staff-resolve-outcome', '调解成功').click();
    await officer.locator('[data-testid=staff-resolve-amount] input').last().fill('3500');
    await officer.locator('[data-testid=staff-resolve-summary] textarea').last().fill('经调解，站点同意 11 月 30 日前补发工资。');
    const resolved = officer.waitForResponse((r) => r.url().endsWith(`/api/claims/${created.id}/resolve`));
    await testId(officer, 'staff-resolve-submit').click();
    expect(JSON.parse((await resolved).request().postData() ?? '{}')).toMatchObject({ outcome: 'mediated', amountRecoveredFen: 350000 });
    await expectText(testId(officer, 'claim-summary-status'), '已办结，待评价');

    // Back on the worker's phone: every step is on the timeline.
    await worker.reload();
    await expectText(testId(worker, 'claim-summary-status'), '已办结，待评价');
    const kinds = await worker.locator('[data-testid=claim-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['submitted', 'accept', 'reply', 'resolve']);
    expect(await event(worker, 'accept').textContent()).toContain('受理');
    expect(await event(worker, 'reply').textContent()).toContain('已联系站点负责人');
    expect(await event(worker, 'resolve').textContent()).toContain(`调解成功 · 追回金额 ${formatYuan(350000)}`);
    expect(formatYuan(350000)).toBe('¥3500');
    await expectText(testId(worker, 'claim-recovered'), '¥3500');

    // Rating from 我的: 我的诉求 → ★5 on the claim's row → 提交评价.
    await worker.goto(`${j.baseUrl}/#/pages/me/index`);
    await testId(worker, 'me-claims').click();
    await testId(worker, 'claims-item-rate-star-5').click();
    await worker.waitForURL(new RegExp(`#/pages/claims/detail\\?id=${created.id}&rate=5`));
    await until(() => testId(worker, 'claim-star-5').getAttribute('aria-checked'), 'true');
    await testId(worker, 'claim-rating-submit').click();
    await expectText(testId(worker, 'claim-summary-status'), '已关闭');
    await event(worker, 'rate').waitFor();
    await expectAccessible(worker, '诉求详情 (rated)');
    expect(await worker.locator('[data-testid^=claim-action-]').count()).toBe(0);

    // The uploaded photo is test data: remove it through the server's own storage (a cluster's bucket goes with it).
    const storage = j.server?.app.get(FileStorage);
    await Promise.all(created.attachmentIds.map((id) => storage?.remove(`claims/${id.slice(0, 2)}/${id}.png`)));
  });
});
