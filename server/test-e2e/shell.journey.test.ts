import { SmsSender, type TestSmsSender } from '../src/auth/sms.sender';
import { expectAccessible } from './axe';
import { useJourney } from './browser';

/** The rider's first minutes: open the app, log in by SMS, see themselves; staff see their workbench. */
describe('mini-program shell in Chromium (H5)', () => {
  const j = useJourney();

  const sms = () => j.server!.app.get(SmsSender) as TestSmsSender;
  const mobileInput = () => j.page.locator('.login-panel__input input').first();
  const codeInput = () => j.page.locator('.login-panel__input input').nth(1);

  it('serves the app at / with the stations tab as home', async () => {
    const res = await j.page.goto(`${j.baseUrl}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['cache-control']).toBe('no-cache');
    await j.page.getByText('驿站').first().waitFor();
    expect(await j.page.title()).toBeTruthy();
    await j.page.locator('[data-testid=stations-place]').waitFor();
    await expectAccessible(j.page, '驿站 tab');
  });

  it('SMS login → 我的 shows the masked mobile and the role', async () => {
    await j.page.goto(`${j.baseUrl}/#/pages/me/index`);
    await j.page.locator('[data-testid=me-login]').waitFor();
    await expectAccessible(j.page, '我的 (logged out)');
    await j.page.locator('[data-testid=me-login]').click();
    await mobileInput().waitFor();
    await expectAccessible(j.page, 'login');
    await mobileInput().fill('13912345678');
    await j.page.locator('[data-testid=login-send-code]').click();
    await j.page.waitForFunction(() => document.querySelector('[data-testid=login-send-code]')?.textContent?.includes('秒'));
    const code = sms().lastCodeFor('13912345678');
    expect(code).toMatch(/^\d{6}$/);
    await codeInput().fill(code!);
    await j.page.locator('[data-testid=login-submit]').click();
    const name = j.page.locator('[data-testid=me-name]');
    await name.waitFor();
    expect(await name.textContent()).toContain('139****5678');
    expect(await j.page.locator('[data-testid=me-roles]').textContent()).toContain('职工');
    expect(await j.page.locator('[data-testid=me-profile]').textContent()).not.toContain('13912345678');
    expect(await j.page.locator('[data-testid=me-workbench]').count()).toBe(0);
    await expectAccessible(j.page, '我的 (worker)');
  });

  it('demo officer login → the staff workbench entry is there and opens', async () => {
    await j.page.goto(`${j.baseUrl}/#/pages/login/index`);
    const demo = j.page.locator('[data-testid=login-demo-users] .login-panel__demo-user', { hasText: '思明区总工会' });
    await demo.click();
    await j.page.locator('[data-testid=me-roles]').waitFor();
    expect(await j.page.locator('[data-testid=me-roles]').textContent()).toContain('思明区总工会');
    await expectAccessible(j.page, '我的 (officer)');
    await j.page.locator('[data-testid=me-workbench]').click();
    await j.page.locator('[data-testid=staff-home]').waitFor();
    await expectAccessible(j.page, '工作台');
  });

  it('five wrong codes → the locked message', async () => {
    await j.page.goto(`${j.baseUrl}/#/pages/login/index`);
    await mobileInput().fill('13900007777');
    await j.page.locator('[data-testid=login-send-code]').click();
    await j.page.waitForFunction(() => document.querySelector('[data-testid=login-send-code]')?.textContent?.includes('秒'));
    const right = sms().lastCodeFor('13900007777')!;
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await codeInput().fill(wrong);
      const answered = j.page.waitForResponse((r) => r.url().endsWith('/api/auth/sms/verify'));
      await j.page.locator('[data-testid=login-submit]').click();
      expect((await answered).status()).toBe(i < 4 ? 400 : 429);
    }
    await j.page.getByText('验证码错误次数过多，请重新获取验证码').first().waitFor();
    const text = await j.page.locator('.login-panel').textContent();
    expect(text).toContain('验证码错误次数过多，请重新获取验证码');
    await expectAccessible(j.page, 'login (locked)');
  });
});
