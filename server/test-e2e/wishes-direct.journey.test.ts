import { FileStorage } from '../src/storage/storage';
import { expectAccessible } from './axe';
import { useJourney } from './browser';
import { apiCall, devToken, expectText, idNumber, loginAs, NEAR_ZHONGSHAN, testId, until, usePhotoDir } from './session';

/**
 * 微心愿 handed over DIRECTLY (issue 11): the donor meets the wisher, marks the wish delivered with a photo and
 * 当面交给了心愿人 → no station step (the station master never sees it) → the wisher hears of it in 消息, opens
 * the wish from the message, confirms and thanks → 已圆梦, and the donor's phone shows the thank-you.
 * The wisher's join, the post and the officer's approval go through the API (the join and wishes journeys
 * drive those forms); every wait is for a state the page shows, never a fixed time.
 */
describe('micro-wish handed over directly (当面交接) in Chromium (H5)', () => {
  const j = useJourney();
  const photos = usePhotoDir('nuanxin-wish-direct-');

  it('claim → 当面交给了心愿人 with a photo → the wisher opens it from 消息, confirms and thanks → 已圆梦', async () => {
    const photo = photos.png('helmet.png');
    const title = '想要一个新头盔';
    const thanks = '头盔很合适，谢谢你当面送来！';

    // Setup through the API: the wisher joins the 美团 union (auto-approved) and posts; its officer approves.
    const wisherToken = await devToken(j.baseUrl, 'journey-direct-wisher');
    const joined = await apiCall(j.baseUrl, 'POST', '/api/memberships/applications', wisherToken, {
      orgCode: 'XM-MT', name: '陈小红', mobile: '13900002222', idNumber: idNumber(11, '789', 1991), employer: '美团', occupation: '外卖配送员', city: '厦门', consent: true,
    });
    expect(joined.status).toBe(201);
    const nearby = await apiCall<Array<{ id: string; name: string }>>(j.baseUrl, 'GET', `/api/stations/nearby?lat=${NEAR_ZHONGSHAN.latitude}&lng=${NEAR_ZHONGSHAN.longitude}`, wisherToken);
    expect(nearby.status).toBe(200);
    const station = nearby.body[0];
    const posted = await apiCall<{ id: string }>(j.baseUrl, 'POST', '/api/wishes', wisherToken, {
      category: 'daily', title, story: '头盔用了三年，扣带坏了，每天骑车送餐想换一个安全的。', valueFen: 15_000, stationId: station.id,
    });
    expect(posted.status).toBe(201);
    const wishId = posted.body.id;
    const approved = await apiCall(j.baseUrl, 'POST', `/api/wishes/${wishId}/approve`, await devToken(j.baseUrl, 'demo-officer-mt'), {});
    expect(approved.status).toBe(200);

    // The donor: the wall → 认领 on the card → 个人 → 确认认领.
    const donor = j.page;
    await loginAs(donor, j.baseUrl, 'journey-direct-donor');
    await donor.goto(`${j.baseUrl}/#/pages/wishes/index`);
    const card = donor.locator('[data-testid=wish-card]', { hasText: title }).last();
    await card.waitFor();
    await card.locator('[data-testid=wish-card-claim]').click();
    await testId(donor, 'wish-claim-sheet').waitFor();
    await donor.locator('[data-testid=wish-claim-type-option]', { hasText: '个人' }).last().click();
    await testId(donor, 'wish-claim-submit').click();
    await expectText(testId(donor, 'wish-status'), '已认领');

    // 标记已送达 → 当面交给了心愿人: the hint changes to the direct one; one photo, then 确认送达.
    await testId(donor, 'wish-action-deliver').click();
    await testId(donor, 'wish-deliver-panel').waitFor();
    await donor.locator('[data-testid=wish-deliver-handover-option]', { hasText: '当面交给了心愿人' }).last().click();
    await until(async () => (await testId(donor, 'wish-deliver-panel').textContent())?.includes('当面交给心愿人后') ?? false, true);
    const chooser = donor.waitForEvent('filechooser');
    await testId(donor, 'wish-deliver-photos-add').click();
    await (await chooser).setFiles(photo);
    await donor.locator('[data-testid=wish-deliver-photos-item][data-state=done]').waitFor();
    // A toast still fading (认领成功) measures as low contrast: check the panel once no toast is on screen.
    await donor.locator('.taro__toast').first().waitFor({ state: 'hidden' });
    await expectAccessible(donor, '标记已送达 (当面)');
    const delivered = donor.waitForResponse((r) => r.url().endsWith(`/api/wishes/${wishId}/deliver`));
    await testId(donor, 'wish-deliver-submit').click();
    const deliverRes = await delivered;
    expect(deliverRes.status()).toBe(200);
    expect(JSON.parse(deliverRes.request().postData() ?? '{}')).toMatchObject({ handover: 'direct' });
    const { deliveryPhotoId } = (await deliverRes.json()) as { deliveryPhotoId: string | null };
    expect(deliveryPhotoId).toBeTruthy();
    await expectText(testId(donor, 'wish-status'), '已送达');

    // No station step: the station's master has nothing to sign for.
    const atStation = await apiCall<Array<{ id: string }>>(j.baseUrl, 'GET', '/api/wishes/station', await devToken(j.baseUrl, 'demo-station-master'));
    expect(atStation.status).toBe(200);
    expect(atStation.body.map((w) => w.id)).not.toContain(wishId);

    // The wisher: 我的 → 消息 → 「心愿礼物已送达」 opens the wish → 确认收到并致谢 → 已圆梦.
    const wisher = await j.newPhone();
    await loginAs(wisher, j.baseUrl, 'journey-direct-wisher');
    await wisher.goto(`${j.baseUrl}/#/pages/me/index`);
    await testId(wisher, 'me-messages').click();
    const message = wisher.locator('[data-testid=message-item]', { hasText: '心愿礼物已送达' }).last();
    await message.waitFor();
    expect(await message.textContent()).toContain(`「${title}」爱心人士已当面送达`);
    await expectAccessible(wisher, '消息 (心愿已送达)');
    await message.click();
    await wisher.waitForURL(new RegExp(`#/pages/wish/detail\\?id=${wishId}`));
    await expectText(testId(wisher, 'wish-status'), '已送达');
    await expectAccessible(wisher, '心愿详情 (当面送达)');
    await testId(wisher, 'wish-action-confirm').click();
    await wisher.locator('[data-testid=wish-thanks-panel-text] textarea').last().fill(thanks);
    const confirmed = wisher.waitForResponse((r) => r.url().endsWith(`/api/wishes/${wishId}/confirm`));
    await testId(wisher, 'wish-thanks-panel-submit').click();
    expect((await confirmed).status()).toBe(200);
    await expectText(testId(wisher, 'wish-status'), '已圆梦');
    const kinds = await wisher.locator('[data-testid=wish-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(kinds).toEqual(expect.arrayContaining(['approve', 'claim', 'deliver', 'confirm']));
    expect(kinds).not.toContain('receive');
    expect(kinds).not.toContain('pickup');

    // Back on the donor's phone: 已圆梦 with the thank-you.
    await donor.reload();
    await expectText(testId(donor, 'wish-status'), '已圆梦');
    await until(async () => (await testId(donor, 'wish-detail').textContent())?.includes(thanks) ?? false, true);
    await expectAccessible(donor, '心愿详情 (已圆梦, donor)');

    // The uploaded photo is test data: remove it through the server's own storage.
    const storage = j.server?.app.get(FileStorage);
    if (deliveryPhotoId) await storage?.remove(`wishes/${deliveryPhotoId.slice(0, 2)}/${deliveryPhotoId}.png`);
    // Three phones in one Chromium: ~40 s on an idle machine, up to ~3 min measured at load average ~20.
  }, 300_000);
});
