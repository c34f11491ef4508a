import type { Page } from 'playwright-core';
import { FileStorage } from '../src/storage/storage';
import { expectAccessible } from './axe';
import { useJourney } from './browser';
import { expectText, idNumber, loginAs, NEAR_ZHONGSHAN, testId, usePhotoDir } from './session';

/**
 * 微心愿 in Chromium: a member posts with a photo → the union's officer approves → a donor on another phone claims
 * and marks it delivered at the station → the station master signs for it and, with the wisher's member-card token,
 * hands it over → the wisher confirms and thanks → the wall shows it 已圆梦 with the thank-you.
 */
describe('micro-wishes (微心愿) in Chromium (H5)', () => {
  const j = useJourney();
  const photos = usePhotoDir('nuanxin-wish-photo-');

  /** Taro's chooseImage opens a hidden <input type=file>: answer the file chooser. */
  async function choosePhoto(page: Page, addTestId: string, file: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    await testId(page, addTestId).click();
    await (await chooser).setFiles(file);
  }

  it('post with a photo → approve → claim → delivered at the station → received → picked up with the card → thanks → 已圆梦 on the wall', async () => {
    const photo = photos.png('schoolbag.png');
    const title = '给孩子买一个新书包';
    const thanks = '书包收到了，孩子很喜欢，谢谢你！';

    // The wisher joins the 美团 union (auto-approved) through the API: the join journey covers that form.
    const wisher = j.page;
    await j.context.grantPermissions(['geolocation'], { origin: j.baseUrl });
    await j.context.setGeolocation(NEAR_ZHONGSHAN);
    await loginAs(wisher, j.baseUrl, 'journey-wish-wisher');
    const joined = await wisher.evaluate(async (idNo) => {
      const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
      const token = (JSON.parse(storage.getItem('nx.accessToken') ?? '{}') as { data: string }).data;
      const res = await fetch('/api/memberships/applications', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': 'journey-wish-join-0001' },
        body: JSON.stringify({ orgCode: 'XM-MT', name: '王小明', mobile: '13900001111', idNumber: idNo, employer: '美团', occupation: '外卖配送员', city: '厦门', consent: true }),
      });
      return res.status;
    }, idNumber(7, '456'));
    expect(joined).toBe(201);

    // 心愿 tab → 发心愿 → the form.
    await wisher.goto(`${j.baseUrl}/#/pages/wishes/index`);
    await testId(wisher, 'wishes-post').click();
    await testId(wisher, 'wish-form').waitFor();
    await expectAccessible(wisher, '发心愿');
    expect(await testId(wisher, 'wish-forbidden').textContent()).toContain('现金');
    await wisher.locator('[data-testid=wish-category-choices-option]', { hasText: '子女学习' }).last().click();
    await wisher.locator('[data-testid=wish-title] input').last().fill(title);
    await wisher.locator('[data-testid=wish-story] textarea').last().fill('孩子上三年级，书包背带断了，想给他换一个结实的。');
    await wisher.locator('[data-testid=wish-value] input').last().fill('200');
    // The nearest stations come first (the position is used for that query only).
    await wisher.locator('[data-testid=wish-station-nearby]', { hasText: '中山路工会驿站' }).last().click();
    await choosePhoto(wisher, 'wish-photos-add', photo);
    await wisher.locator('[data-testid=wish-photos-item][data-state=done]').waitFor();
    expect(await wisher.locator('[data-testid=wish-form] [data-testid$=-error]').count()).toBe(0);

    const posted = wisher.waitForResponse((r) => r.url().endsWith('/api/wishes') && r.request().method() === 'POST');
    await testId(wisher, 'wish-submit').click();
    expect((await posted).status()).toBe(201);
    const wish = (await (await posted).json()) as { id: string; photoId: string | null };
    expect(wish.photoId).toBeTruthy();
    await wisher.waitForURL(new RegExp(`#/pages/wish/detail\\?id=${wish.id}`));
    await expectText(testId(wisher, 'wish-status'), '待审核');
    await expectAccessible(wisher, '心愿详情');

    // The 美团 union's officer: 工作台 → 微心愿审核 → the wish → 通过并发布.
    const officer = await j.newPhone();
    await loginAs(officer, j.baseUrl, 'demo-officer-mt');
    await officer.goto(`${j.baseUrl}/#/staff/pages/home/index`);
    await testId(officer, 'staff-tool-wish-screening').click();
    await officer.locator('[data-testid=wish-screening-item]', { hasText: title }).last().click();
    await testId(officer, 'wish-screen').waitFor();
    await expectAccessible(officer, '心愿审核');
    const approved = officer.waitForResponse((r) => r.url().endsWith(`/api/wishes/${wish.id}/approve`));
    await testId(officer, 'wish-screen-approve').click();
    expect((await approved).status()).toBe(200);

    // A donor on another phone: the wall → 认领 on the card (the detail opens with the sheet) → 确认认领.
    const donor = await j.newPhone();
    await loginAs(donor, j.baseUrl, 'journey-wish-donor');
    await donor.goto(`${j.baseUrl}/#/pages/wishes/index`);
    const card = donor.locator('[data-testid=wish-card]', { hasText: title }).last();
    await card.waitFor();
    await expectAccessible(donor, '心愿墙');
    expect(await card.textContent()).toContain('¥200');
    expect(await card.textContent()).not.toContain('王小明');
    await card.locator('[data-testid=wish-card-claim]').click();
    await testId(donor, 'wish-claim-sheet').waitFor();
    await donor.locator('[data-testid=wish-claim-type-option]', { hasText: '企业' }).last().click();
    await donor.locator('[data-testid=wish-claim-name] input').last().fill('某某科技公司');
    await testId(donor, 'wish-claim-submit').click();
    await expectText(testId(donor, 'wish-status'), '已认领');

    // 标记已送达 at the station, with a photo.
    await testId(donor, 'wish-action-deliver').click();
    await choosePhoto(donor, 'wish-deliver-photos-add', photo);
    await donor.locator('[data-testid=wish-deliver-photos-item][data-state=done]').waitFor();
    const delivered = donor.waitForResponse((r) => r.url().endsWith(`/api/wishes/${wish.id}/deliver`));
    await testId(donor, 'wish-deliver-submit').click();
    expect((await delivered).status()).toBe(200);
    const { deliveryPhotoId } = (await (await delivered).json()) as { deliveryPhotoId: string | null };
    await expectText(testId(donor, 'wish-status'), '已送达');

    // The wisher shows the member card; its QR token is what the station master scans (pasted on H5).
    const cardRes = wisher.waitForResponse((r) => r.url().endsWith('/api/memberships/card?optional=true') && r.status() === 200);
    await wisher.goto(`${j.baseUrl}/#/pages/card/index`);
    const { token } = ((await (await cardRes).json()) as { card: { token: string } }).card;

    // The station master: 工作台 → 心愿交接 → 签收 → 确认领取 with the card token.
    const master = await j.newPhone();
    await loginAs(master, j.baseUrl, 'demo-station-master');
    await master.goto(`${j.baseUrl}/#/staff/pages/home/index`);
    await testId(master, 'staff-tool-wish-handover').click();
    const item = master.locator('[data-testid=wish-handover-item]', { hasText: title }).last();
    await item.waitFor();
    await expectAccessible(master, '心愿交接');
    await item.locator('[data-testid=wish-handover-receive]').click();
    await expectText(item.locator('[data-testid=wish-handover-card-status]'), '驿站已签收');
    await item.locator('[data-testid=wish-handover-pickup]').click();
    await item.locator('[data-testid=wish-pickup-token] input').fill(token);
    const picked = master.waitForResponse((r) => r.url().endsWith(`/api/wishes/${wish.id}/pickup`));
    await item.locator('[data-testid=wish-pickup-submit]').click();
    expect((await picked).status()).toBe(200);
    await expectText(item.locator('[data-testid=wish-handover-card-status]'), '已领取');

    // The wisher confirms and thanks.
    await wisher.goto(`${j.baseUrl}/#/pages/wish/detail?id=${wish.id}`);
    await expectText(testId(wisher, 'wish-status'), '已领取');
    await testId(wisher, 'wish-action-confirm').click();
    await wisher.locator('[data-testid=wish-thanks-panel-text] textarea').last().fill(thanks);
    await testId(wisher, 'wish-thanks-panel-submit').click();
    await expectText(testId(wisher, 'wish-status'), '已圆梦');
    const kinds = await wisher.locator('[data-testid=wish-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(kinds).toEqual(expect.arrayContaining(['approve', 'claim', 'deliver', 'receive', 'pickup', 'confirm']));

    // The wall: 已圆梦 shows it with the thank-you and the donor's name.
    await donor.goto(`${j.baseUrl}/#/pages/wishes/index`);
    await testId(donor, 'wishes-filter-fulfilled').click();
    const done = donor.locator('[data-testid=wish-card][data-status=fulfilled]', { hasText: title }).last();
    await done.waitFor();
    await expectAccessible(donor, '心愿墙 (已圆梦)');
    expect(await done.locator('[data-testid=wish-card-thanks]').textContent()).toBe(`致 某某科技公司：${thanks}`);

    // The uploaded photos are test data: remove them through the server's own storage.
    const storage = j.server!.app.get(FileStorage);
    await Promise.all([wish.photoId, deliveryPhotoId].filter((id): id is string => Boolean(id)).map((id) => storage.remove(`wishes/${id.slice(0, 2)}/${id}.png`)));
  });
});
