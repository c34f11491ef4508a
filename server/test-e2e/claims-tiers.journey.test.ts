import { arbitrationRightAt, arbitrationRightDate } from '@nuanxin/shared';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Claim } from '../src/claims/claim.entity';
import { ClaimClock } from '../src/claims/claim-clock.service';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { DEMO_COMMISSIONS } from '../src/seed/seed';
import { expectAccessible } from './axe';
import { useJourney } from './browser';
import { apiCall, devToken, expectText, loginAs, testId } from './session';

const DAY_MS = 86400_000;

/**
 * The claim tiers in Chromium (H5): a rider files asking to be called → the district union accepts (its officer sees
 * the name and the masked mobile) → tier-1 mediation runs over and the SLA clock refers it to the linkage mediation
 * centre → the centre accepts → day 15 (art. 14) comes → the rider chooses 申请仲裁 → the guidance names the
 * arbitration commission with its phone. Time passes the way the clock sees it: the deadlines that have to be behind
 * us are moved into the past in the database, then the clock runs at the real instant.
 */
describe('claim tiers (工会 → 联动调处中心 → 仲裁) in Chromium (H5)', () => {
  const j = useJourney();

  const chip = (page: Page, group: string, label: string) => page.locator(`[data-testid=${group}-option]`, { hasText: label }).last();

  it('files with 电话联系 → accepted → tier 1 overdue → the centre → day 15 → 申请仲裁 → the commission and its phone', async () => {
    const ds = j.server!.app.get(DataSource);
    const clock = j.server!.app.get(ClaimClock);
    const claims = ds.getRepository(Claim);

    // The rider files from the form, asking to be called: 称呼 and a typed mobile (no SMS login to prefill it).
    const worker = j.page;
    await loginAs(worker, j.baseUrl, 'journey-tier-worker');
    await worker.goto(`${j.baseUrl}/#/pages/claims/new`);
    await testId(worker, 'claim-form').waitFor();
    await chip(worker, 'claim-category-choices', '欠薪').click();
    await worker.locator('[data-testid=claim-description] textarea').last().fill('十一月工资 4200 元站点一直拖着不发。');
    await testId(worker, 'claim-employer-no-union').click();
    await worker.locator('[data-testid=claim-employer-name] input').last().fill('某某快送思明站');
    await chip(worker, 'claim-contact-choices', '电话联系').click();
    await worker.locator('[data-testid=claim-contact-name] input').last().fill('王师傅');
    await worker.locator('[data-testid=claim-contact-mobile] input').last().fill('13900002222');
    await chip(worker, 'claim-district-choices', '思明区').click();
    await expectAccessible(worker, '我有事办 (电话联系 filled)');
    const filed = worker.waitForResponse((r) => r.url().endsWith('/api/claims') && r.request().method() === 'POST');
    await testId(worker, 'claim-submit').click();
    expect((await filed).status()).toBe(201);
    const created = (await (await filed).json()) as { id: string; number: string; org: { code: string } };
    expect(created.org.code).toBe('XM-SM');
    await worker.waitForURL(new RegExp(`#/pages/claims/detail\\?id=${created.id}`));
    await expectText(testId(worker, 'claim-tier-label'), '第 1 级 · 工会调解');
    await expectAccessible(worker, '诉求详情 (tier 1)');

    // The district union's officer sees whom to call (masked) and accepts: tier-1 mediation, 3 working days.
    const officerSM = await devToken(j.baseUrl, 'demo-officer-sm');
    const officer = await j.newPhone();
    await loginAs(officer, j.baseUrl, 'demo-officer-sm');
    await officer.goto(`${j.baseUrl}/#/staff/pages/claim/index?id=${created.id}`);
    await expectText(testId(officer, 'staff-claim-contact-name'), '王师傅');
    await expectText(testId(officer, 'staff-claim-contact-mobile'), '139****2222');
    await testId(officer, 'staff-claim-call').waitFor();
    await expectAccessible(officer, '诉求办理 (电话联系)');
    expect((await apiCall(j.baseUrl, 'POST', `/api/claims/${created.id}/accept`, officerSM)).status).toBe(200);

    // The centre has an officer to take it; tier-1 mediation is overdue; the clock refers the claim to the centre.
    const centre = await apiCall<{ accessToken: string }>(j.baseUrl, 'POST', '/api/auth/dev', undefined, { openid: 'journey-centre-officer', roles: ['officer'], orgCode: 'XM-TIAOCHU' });
    expect(centre.status).toBe(200);
    const past = new Date(Date.now() - 60_000);
    await claims.update(created.id, { dueAt: past, mediationDueAt: past });
    await clock.run(new Date());
    await worker.reload();
    await expectText(testId(worker, 'claim-summary-status'), '已转联动调处中心');
    await expectText(testId(worker, 'claim-tier-label'), '第 2 级 · 联动调处中心调解');
    await worker.locator('[data-testid=claim-event][data-kind=auto_refer]').last().waitFor();
    await expectAccessible(worker, '诉求详情 (tier 2, the centre)');

    // The centre accepts; then its day 15 comes: received 15 days ago, the art. 14 day began this morning.
    expect((await apiCall(j.baseUrl, 'POST', `/api/claims/${created.id}/accept`, centre.body.accessToken)).status).toBe(200);
    const received = new Date(Date.now() - 15 * DAY_MS - 60_000);
    await claims.update(created.id, { mediationReceivedAt: received, arbitrationRightAt: arbitrationRightAt(received), arbitrationPromptAt: arbitrationRightAt(received) });
    await clock.run(new Date());
    const told = (await ds.getRepository(InboxMessage).findBy({ kind: 'claim.arbitration_right' })).filter((m) => m.body.includes(created.number) || m.title.includes(created.number));
    expect(told).toHaveLength(1);

    // The rider opens the claim: the day-15 question, 继续调解 or 申请仲裁; they choose arbitration and confirm.
    await worker.reload();
    await testId(worker, 'claim-tier-prompt').waitFor();
    await expectText(testId(worker, 'claim-tier-right-date'), arbitrationRightDate(received));
    await testId(worker, 'claim-action-continue').waitFor();
    await expectAccessible(worker, '诉求详情 (day 15: 继续调解 or 申请仲裁)');
    await testId(worker, 'claim-action-arbitrate').click();
    await worker.locator('.taro-model__confirm').last().waitFor();
    await expectAccessible(worker, '申请仲裁 (confirm dialog)');
    await worker.locator('.taro-model__confirm').last().click();
    await expectText(testId(worker, 'claim-summary-status'), '已引导仲裁');
    await expectText(testId(worker, 'claim-tier-label'), '第 3 级 · 仲裁/诉讼引导');

    // The guidance: the commission for the employer's district (思明 in the demo data) with its phone, the hotlines.
    const siming = DEMO_COMMISSIONS.find((c) => c.orgCode === 'XM-SM')!;
    await expectText(testId(worker, 'claim-guide-commission-name'), siming.name);
    await expectText(testId(worker, 'claim-guide-commission-call-phone'), siming.phone);
    await expectText(testId(worker, 'claim-guide-hotline-12351-phone'), '12351');
    await expectText(testId(worker, 'claim-guide-hotline-12348-phone'), '12348');
    expect(await testId(worker, 'claim-guide-art27').textContent()).toContain('一年');
    expect(await worker.locator('[data-testid^=claim-action-continue]').count()).toBe(0);
    await expectAccessible(worker, '诉求详情 (tier 3 guidance)');
    // Two phones, four reloads and two clock runs: longer than the journeys' default minute on a busy machine.
  }, 300_000);
});
