import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { runBootstrap } from '../src/admin-bootstrap';
import { testEnv } from '../test/helpers/test-app';
import { expectAccessible } from './axe';
import { H5_DIST, useJourney } from './browser';
import { apiCall, until } from './session';

/** The union's SMS gateway on this machine: production sends every code and notice here. */
async function startGateway() {
  const received: Array<Record<string, unknown>> = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push(JSON.parse(raw) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const codeFor = (mobile: string) => [...received].reverse().find((m) => m.mobile === mobile && m.template === 'login')?.code as string | undefined;
  return { url: `http://127.0.0.1:${port}/send`, received, codeFor, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const ADMIN = '13800001111';
const OFFICER = '13800003333';

/**
 * A union's IT team from an empty production-mode database: bootstrap → the admin signs in by SMS → imports two
 * districts → invites an officer by mobile → the officer signs in and works in their district only → the admin
 * reads those steps in the audit log. All through the pages, in Chromium, with the SMS gateway on loopback.
 */
describe('administration of a new city in Chromium (H5, production mode)', () => {
  let gw: Awaited<ReturnType<typeof startGateway>>;
  let dir: string;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    gw = await startGateway();
    dir = mkdtempSync(join(tmpdir(), 'nuanxin-admin-journey-'));
    env = {
      NODE_ENV: 'production',
      JWT_SECRET: 'prod-secret-for-journeys-only-0123456789abcdef',
      PII_KEYS: 'p1:' + Buffer.alloc(32, 7).toString('base64'),
      PII_HMAC_KEY: Buffer.alloc(32, 9).toString('base64'),
      SMS_SENDER: 'http',
      SMS_HTTP_URL: gw.url,
      // A real origin (not localhost), over http so the CSP does not upgrade the journey's loopback requests.
      PUBLIC_BASE_URL: 'http://nuanxin.example.org',
      SEED_DEMO: 'false',
      DEV_LOGIN: 'false',
      SQLITE_PATH: join(dir, 'city.sqlite'),
    };
  });
  afterAll(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const j = useJourney(() => env);

  const testId = (page: Page, id: string) => page.locator(`[data-testid=${id}]`).last();
  const chip = (page: Page, group: string, label: string) => page.locator(`[data-testid=${group}-option]`, { hasText: label }).last();
  const confirmModal = (page: Page) => page.locator('.taro-model__confirm').last().click();

  async function smsLoginIn(page: Page, mobile: string): Promise<void> {
    await page.goto(`${j.baseUrl}/#/pages/login/index`);
    await page.locator('.login-panel__input input').first().waitFor();
    await expectAccessible(page, '登录');
    await page.locator('.login-panel__input input').first().fill(mobile);
    await testId(page, 'login-send-code').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=login-send-code]')?.textContent?.includes('秒'));
    await page.locator('.login-panel__input input').nth(1).fill(gw.codeFor(mobile)!);
    await testId(page, 'login-submit').click();
    await testId(page, 'me-name').waitFor();
    await expectAccessible(page, '我的 (staff)');
  }
  /** The access token the app stored (Taro's H5 storage wraps it as { data }). */
  const tokenOf = (page: Page) => page.evaluate(() => (JSON.parse((globalThis as unknown as { localStorage: { getItem(k: string): string } }).localStorage.getItem('nx.accessToken')) as { data: string }).data);

  it('bootstrap → SMS login → import two districts → invite an officer → the officer sees their district’s tools only → the audit log', async () => {
    const lines: string[] = [];
    await runBootstrap(['--org-code', 'XM', '--org-name', '厦门市总工会', '--mobile', ADMIN], { ...process.env, ...testEnv({ DB_URL: undefined, H5_DIST, ...env }) }, (l) => lines.push(l));
    expect(lines.slice(1)).toEqual(['已创建市总工会「厦门市总工会」（编码 XM）', '138****1111：已登记管理员授权，此人首次用短信验证码登录时生效']);

    // The admin signs in by SMS: the waiting grant attaches.
    const admin = j.page;
    await smsLoginIn(admin, ADMIN);
    expect(await testId(admin, 'me-roles').textContent()).toContain('市总管理员');
    await admin.goto(`${j.baseUrl}/#/staff/pages/home/index`);
    await testId(admin, 'staff-tool-org-import').waitFor();
    await expectAccessible(admin, '工作台 (admin)');
    await testId(admin, 'staff-tool-org-import').click();
    await testId(admin, 'org-import-file').waitFor();
    await expectAccessible(admin, '导入组织架构');

    // Two districts from a CSV file (as Excel saves it: BOM, CRLF), read in the page, checked first, then applied after a confirm.
    const chooser = admin.waitForEvent('filechooser');
    await testId(admin, 'org-import-file').click();
    const csv = '\uFEFFcode,name,level,parentCode\r\nXM-SM,思明区总工会,district,XM\r\nXM-HL,湖里区总工会,district,XM\r\n';
    await (await chooser).setFiles({ name: 'districts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await until(() => testId(admin, 'org-import-file-name').textContent(), '已读取「districts.csv」，共 3 行；可在下方核对或修改');
    await testId(admin, 'org-import-check').click();
    await until(() => testId(admin, 'org-import-summary').textContent(), '检查结果：将新建 2 个，更新 0 个，不变 0 个，有误 0 行');
    await testId(admin, 'org-import-apply').click();
    await confirmModal(admin);
    await until(() => testId(admin, 'org-import-summary').textContent(), '已新建 2 个，更新 0 个，不变 0 个，有误 0 行');
    await expectAccessible(admin, '导入组织架构 (result)');

    // The tree shows them; 思明区 → 工作人员 → invite an officer by mobile.
    await admin.goto(`${j.baseUrl}/#/staff/pages/orgs/index`);
    await testId(admin, 'orgs-page').waitFor();
    expect(await admin.locator('[data-testid=orgs-child]').allTextContents()).toEqual(['湖里区总工会XM-HL · 区总工会', '思明区总工会XM-SM · 区总工会']);
    await expectAccessible(admin, '组织管理');
    await admin.locator('[data-testid=orgs-child]', { hasText: '思明区总工会' }).last().click();
    await until(() => testId(admin, 'orgs-current').textContent(), '思明区总工会');
    await testId(admin, 'orgs-staff').click();
    await until(() => testId(admin, 'staff-org').textContent(), '思明区总工会');
    await expectAccessible(admin, '工作人员');
    await admin.locator('[data-testid=invite-mobile] input').last().fill(OFFICER);
    await chip(admin, 'invite-role-chips', '工会干部').click();
    await testId(admin, 'invite-submit').click();
    await until(() => admin.locator('[data-testid=staff-invitation]').last().textContent(), '138****3333工会干部撤回');
    // Told by SMS through the gateway (the inbox waits for their first login).
    expect(gw.received.filter((m) => m.mobile === OFFICER)).toEqual([{ mobile: OFFICER, template: 'staff_invited', params: { role: '工会干部', scopeName: '思明区总工会' } }]);

    // The officer, on their own phone, signs in by SMS and has the district's tools.
    const officer = await j.newPhone();
    await smsLoginIn(officer, OFFICER);
    await officer.goto(`${j.baseUrl}/#/staff/pages/home/index`);
    await testId(officer, 'staff-home').waitFor();
    expect(await officer.locator('.staff-home__role').allTextContents()).toEqual(['工会干部 · 思明区总工会']);
    await testId(officer, 'staff-tool-claims').waitFor();
    await testId(officer, 'staff-tool-applications').waitFor();
    expect(await officer.locator('[data-testid=staff-tool-org-import], [data-testid=staff-tool-audit]').count()).toBe(0);
    await expectAccessible(officer, '工作台 (officer)');
    await testId(officer, 'staff-tool-applications').click();
    await testId(officer, 'applications-page').waitFor();
    await expectAccessible(officer, '入会审批');
    // Their district only: its tree and staff, not the neighbour's.
    const token = await tokenOf(officer);
    expect((await apiCall(j.baseUrl, 'GET', '/api/orgs/XM-SM/subtree', token)).status).toBe(200);
    expect((await apiCall(j.baseUrl, 'GET', '/api/orgs/XM-HL/subtree', token)).status).toBe(403);
    expect((await apiCall(j.baseUrl, 'GET', '/api/admin/staff?orgCode=XM-HL', token)).status).toBe(403);
    await officer.goto(`${j.baseUrl}/#/staff/pages/orgs/index`);
    await until(() => testId(officer, 'orgs-current').textContent(), '思明区总工会');
    expect(await officer.locator('[data-testid=orgs-crumb]').allTextContents()).toEqual(['思明区总工会']);
    await expectAccessible(officer, '组织管理 (officer)');

    // The admin reads every step in the audit log, newest first, on a desktop-wide window.
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.goto(`${j.baseUrl}/#/staff/pages/audit/index`);
    await testId(admin, 'audit-entry').waitFor();
    await until(() => admin.locator('[data-testid=audit-entry]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')).join(',')), 'grant.attach,invite,org.import,grant.attach,bootstrap');
    expect(await admin.locator('[data-testid=audit-actor]').first().textContent()).toBe('系统');
    await expectAccessible(admin, '审计日志');
    // Desktop: a readable centred column with the filters beside the list, not a stretched phone.
    // Read once the resized window has settled (the staff stylesheet and the root font-size follow the resize).
    const desktopLayout = async () => {
      const page = await testId(admin, 'audit-page').boundingBox();
      const filters = await testId(admin, 'audit-filters').boundingBox();
      if (!page || !filters) return 'not on screen';
      const problems = [page.width <= 1160 ? '' : `column ${page.width}px wide`, page.x > 40 ? '' : `column at x=${page.x}`, filters.x > page.x + page.width / 2 ? '' : `filters at x=${filters.x}, not beside the list`];
      return problems.filter(Boolean).join('; ') || 'centred column, filters beside the list';
    };
    await until(desktopLayout, 'centred column, filters beside the list');
    // Two phones, a dozen pages, two SMS logins and an axe pass per page on a shared machine: longer than one step.
  }, 360_000);
});
