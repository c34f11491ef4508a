import AxeBuilder from '@axe-core/playwright';
import { useJourney } from './browser';
import { loginAs } from './session';

describe('axe survey', () => {
  const j = useJourney();
  it('prints violations', async () => {
    const out: string[] = [];
    const check = async (what: string) => {
      const r = await new AxeBuilder({ page: j.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of r.violations) out.push(`${what}: ${v.impact} ${v.id} ${v.help} :: ${v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 120)).join(' | ')}`);
    };
    await j.page.goto(`${j.baseUrl}/`);
    await j.page.locator('[data-testid=stations-page]').waitFor();
    await j.page.waitForTimeout(1500);
    await check('home');
    await j.page.goto(`${j.baseUrl}/#/pages/login/index`);
    await j.page.waitForTimeout(1500);
    await check('login');
    await j.page.goto(`${j.baseUrl}/#/pages/me/index`);
    await j.page.waitForTimeout(1500);
    await check('me-out');
    await loginAs(j.page, j.baseUrl, 'demo-station-master');
    await j.page.goto(`${j.baseUrl}/#/pages/me/index`);
    await j.page.waitForTimeout(1500);
    await check('me-in');
    await j.page.goto(`${j.baseUrl}/#/pages/claims/new`);
    await j.page.waitForTimeout(1500);
    await check('claim-new');
    await j.page.goto(`${j.baseUrl}/#/staff/pages/station-events/index`);
    await j.page.waitForTimeout(2500);
    await check('events');
    await j.page.goto(`${j.baseUrl}/#/staff/pages/home/index`);
    await j.page.waitForTimeout(1500);
    await check('staff-home');
    process.stdout.write(out.join('\n') + '\n');
  }, 240_000);
});
