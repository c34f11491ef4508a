import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BootstrapError } from '../src/admin/admin.service';
import { runBootstrap } from '../src/admin-bootstrap';
import { smsLogin } from './helpers/sms-login';
import { createTestApp, testEnv, TEST_DB_URL, type Session, type TestApp } from './helpers/test-app';

/** From an empty database (no demo seed), the way a union's IT team starts a city. */
describe('admin:bootstrap and the first steps of a real deployment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nuanxin-bootstrap-'));
  const overrides = { SEED_DEMO: 'false', DEV_LOGIN: 'false', SQLITE_PATH: join(dir, 'city.sqlite') };
  let t: TestApp;
  let admin: Session;
  const ADMIN = '13800001111';
  const SECOND = '13800002222';
  const OFFICER = '13800003333';

  beforeAll(async () => {
    t = await createTestApp(overrides);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const bootstrap = async (...argv: string[]) => {
    const lines: string[] = [];
    await runBootstrap(argv, { ...process.env, ...testEnv(overrides) }, (l) => lines.push(l));
    return lines;
  };
  const count = async (table: string) => Number((await t.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('refuses bad codes, mobiles and arguments with clear messages', async () => {
    await expect(bootstrap('--org-code', 'X M', '--org-name', '厦门市总工会', '--mobile', ADMIN)).rejects.toThrow('--org-code：组织编码应为 1–32 位字母、数字、_ 或 -');
    await expect(bootstrap('--org-code', 'XM', '--org-name', '厦门市总工会', '--mobile', '1380000')).rejects.toThrow('--mobile：手机号应为 11 位中国大陆手机号码');
    await expect(bootstrap('--org-code', 'XM', '--mobile', ADMIN)).rejects.toThrow('--org-name：首次运行须提供市总工会名称');
    await expect(bootstrap('--org-code', 'XM', '--colour', 'red', '--mobile', ADMIN)).rejects.toBeInstanceOf(BootstrapError);
    await expect(bootstrap('--org-code', 'XM')).rejects.toThrow('缺少 --org-code 或 --mobile');
    expect(await count('orgs')).toBe(0);
  });

  it('creates the root org and a waiting admin grant; a second run changes nothing; prints no full mobile', async () => {
    const first = await bootstrap('--', '--org-code', 'XM', '--org-name', '厦门市总工会', '--mobile', ADMIN);
    expect(first).toEqual([expect.stringMatching(/^迁移已执行/), '已创建市总工会「厦门市总工会」（编码 XM）', '138****1111：已登记管理员授权，此人首次用短信验证码登录时生效']);
    const again = await bootstrap('--org-code=XM', '--mobile', ADMIN);
    expect(again.slice(1)).toEqual(['市总工会「厦门市总工会」（编码 XM）已存在，未改动', '138****1111：已是管理员（或已在等待首次登录），未改动']);
    for (const line of [...first, ...again]) expect(line).not.toContain(ADMIN);
    expect(await count('orgs')).toBe(1);
    expect(await count('staff_invitations')).toBe(1);
    await expect(bootstrap('--org-code', 'QZ', '--org-name', '泉州市总工会', '--mobile', ADMIN)).rejects.toThrow('已有市总工会「厦门市总工会」（编码 XM），请用该编码再运行');
  });

  it('the admin signs in by SMS and is admin; a second mobile becomes a second admin', async () => {
    admin = await smsLogin(t.app, ADMIN);
    expect(admin.user.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'admin', orgCode: 'XM' })]));
    const second = await smsLogin(t.app, SECOND);
    expect((await bootstrap('--org-code', 'XM', '--mobile', SECOND)).at(-1)).toBe('138****2222：已授予管理员，下次请求起生效');
    const me = (await t.app.inject({ method: 'GET', url: '/api/me', headers: second.auth })).json();
    expect(me.roles.map((r: { role: string }) => r.role)).toContain('admin');
  });

  it('the admin imports districts, invites an officer who then works in their district only; all of it is in the audit log', async () => {
    const post = (url: string, payload: object, auth = admin.auth) => t.app.inject({ method: 'POST', url, headers: auth, payload });
    const csv = 'code,name,level,parentCode\nXM-SM,思明区总工会,district,XM\nXM-HL,湖里区总工会,district,XM\n';
    expect((await post('/api/admin/orgs/import', { csv })).json()).toMatchObject({ created: 2, rejected: 0 });
    expect((await post('/api/admin/grants', { mobile: OFFICER, role: 'officer', orgCode: 'XM-SM' })).json().status).toBe('invited');
    const officer = await smsLogin(t.app, OFFICER);
    expect(officer.user.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'officer', orgCode: 'XM-SM' })]));
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: officer.auth });
    expect((await get('/api/admin/staff?orgCode=XM-SM')).statusCode).toBe(200);
    expect((await get('/api/admin/staff?orgCode=XM-HL')).statusCode).toBe(403);
    expect((await get('/api/orgs/XM-SM/subtree')).statusCode).toBe(200);
    expect((await get('/api/orgs/XM-HL/subtree')).statusCode).toBe(403);
    const log = (await t.app.inject({ method: 'GET', url: '/api/audit?limit=100', headers: admin.auth })).json().items as Array<{ action: string }>;
    expect(log.map((e) => e.action).reverse()).toEqual(['bootstrap', 'grant.attach', 'bootstrap', 'org.import', 'invite', 'grant.attach']);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: officer.auth })).statusCode).toBe(403);
  });
});

// The MariaDB run of this file uses TEST_DB_URL instead of the SQLite file.
if (TEST_DB_URL) jest.setTimeout(60_000);
