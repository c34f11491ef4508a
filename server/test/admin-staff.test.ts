import { AuditEntry } from '../src/audit/audit-entry.entity';
import { AuditService } from '../src/audit/audit.service';
import { AuditRetentionJob } from '../src/jobs/audit-retention.job';
import { makeApplication, makeMobile } from './helpers/factories';
import { smsLogin } from './helpers/sms-login';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

describe('staff and roles, the audit log', () => {
  let t: TestApp;
  let admin: Session, officerSM: Session, officerHL: Session, worker: Session;
  let smStationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await devLogin(t.app, 'demo-admin');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    worker = await devLogin(t.app, 'staff-test-worker');
    const [row] = await t.ds.query(`SELECT s.id AS id FROM stations s JOIN orgs o ON o.id = s.orgId WHERE o.code = 'XM-SM' ORDER BY s.code LIMIT 1`);
    smStationId = row.id;
  });
  afterAll(() => t.close());

  const req = (s: Session | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s ? s.auth : {}, ...(payload ? { payload } : {}) });
  const grant = (s: Session, body: object) => req(s, 'POST', '/api/admin/grants', body);
  const staff = (s: Session, orgCode: string) => req(s, 'GET', `/api/admin/staff?orgCode=${orgCode}`);
  const audit = (query = '') => req(admin, 'GET', `/api/audit${query}`);
  const inbox = async (s: Session) => (await req(s, 'GET', '/api/inbox')).json().items as Array<{ kind: string; title: string }>;

  describe('inviting by mobile', () => {
    it('waits for a first SMS login, then attaches, tells the person and shows in the staff list', async () => {
      const mobile = makeMobile();
      const res = await grant(admin, { mobile, role: 'officer', orgCode: 'XM-SM' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: 'invited', grant: null, invitation: { role: 'officer', mobileMasked: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` } });
      const before = (await staff(admin, 'XM-SM')).json();
      expect(before.invitations.map((i: { id: string }) => i.id)).toContain(res.json().invitation.id);
      expect(JSON.stringify(before)).not.toContain(mobile);

      const s = await smsLogin(t.app, mobile);
      expect(s.user.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'officer', orgCode: 'XM-SM' })]));
      expect((await inbox(s)).map((m) => m.title)).toContain('你已成为思明区总工会的工会干部');
      const after = (await staff(admin, 'XM-SM')).json();
      expect(after.invitations.map((i: { id: string }) => i.id)).not.toContain(res.json().invitation.id);
      expect(after.grants).toEqual(expect.arrayContaining([expect.objectContaining({ userId: s.user.id, role: 'officer', mobileMasked: s.user.mobileMasked })]));
      // A second login attaches nothing twice.
      await new Promise((r) => setTimeout(r, 5));
      const entries = (await audit(`?action=grant.attach&subjectUserId=${s.user.id}`)).json().items;
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor: null, subject: { userId: s.user.id, masked: s.user.mobileMasked }, org: { code: 'XM-SM' } });
    });

    it('grants at once to someone who already signed in by SMS; the same grant again changes nothing', async () => {
      const mobile = makeMobile();
      const s = await smsLogin(t.app, mobile);
      const res = await grant(officerSM, { mobile, role: 'officer', orgCode: 'XM-SM-JL' });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: 'granted', invitation: null, grant: { userId: s.user.id, role: 'officer' } });
      expect((await inbox(s)).map((m) => m.title)).toContain('你已成为思明区嘉莲街道总工会的工会干部');
      const me = (await req(s, 'GET', '/api/me')).json();
      expect(me.roles).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'officer', orgCode: 'XM-SM-JL' })]));
      expect((await grant(officerSM, { mobile, role: 'officer', orgCode: 'XM-SM-JL' })).json().status).toBe('unchanged');
      expect((await inbox(s)).filter((m) => m.title.includes('嘉莲'))).toHaveLength(1);
    });

    it('a station master is granted on a station of the subtree, named in the notice', async () => {
      const mobile = makeMobile();
      const res = await grant(officerSM, { mobile, role: 'station_master', stationId: smStationId });
      expect(res.json()).toMatchObject({ status: 'invited', invitation: { role: 'station_master', station: { id: smStationId } } });
      const s = await smsLogin(t.app, mobile);
      expect(s.user.roles.map((r) => r.role)).toContain('station_master');
      const manage = await req(s, 'GET', '/api/stations/manage');
      expect(manage.json().items.map((x: { id: string }) => x.id)).toEqual([smStationId]);
      expect((await grant(officerHL, { mobile: makeMobile(), role: 'station_master', stationId: smStationId })).json().code).toBe('ORG_OUT_OF_SCOPE');
      expect((await grant(admin, { mobile: makeMobile(), role: 'station_master', stationId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    });
  });

  describe('the rules', () => {
    it('an officer cannot grant outside their subtree, nor admin; admin only on the root org', async () => {
      const out = await grant(officerSM, { mobile: makeMobile(), role: 'officer', orgCode: 'XM-HL' });
      expect(out.statusCode).toBe(403);
      expect(out.json().code).toBe('ORG_OUT_OF_SCOPE');
      const up = await grant(officerSM, { mobile: makeMobile(), role: 'admin', orgCode: 'XM' });
      expect(up.statusCode).toBe(403);
      expect(up.json()).toMatchObject({ code: 'FORBIDDEN', message: '只有市总管理员可以授予或撤销管理员角色' });
      const low = await grant(admin, { mobile: makeMobile(), role: 'admin', orgCode: 'XM-SM' });
      expect(low.statusCode).toBe(400);
      expect(low.json().errors).toEqual([{ field: 'orgCode', message: '管理员只能授予在市总工会（最上级组织）上' }]);
    });

    it('nobody grants to themselves', async () => {
      const mobile = makeMobile();
      await grant(officerSM, { mobile, role: 'officer', orgCode: 'XM-SM-LQ' });
      const me = await smsLogin(t.app, mobile);
      expect((await grant(me, { mobile, role: 'officer', orgCode: 'XM-SM' })).json().code).toBe('ORG_OUT_OF_SCOPE');
      const res = await grant(me, { mobile, role: 'officer', orgCode: 'XM-ELM' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('OWN_GRANTS');
      const own = (await staff(me, 'XM-SM-LQ')).json().grants.find((g: { userId: string }) => g.userId === me.user.id);
      expect((await req(me, 'DELETE', `/api/admin/grants/${own.id}`)).json().code).toBe('OWN_GRANTS');
    });

    it('refuses bad input with field messages, and workers altogether', async () => {
      const bad = await grant(admin, { mobile: '12345', role: 'worker', orgCode: 'no spaces' });
      expect(bad.statusCode).toBe(400);
      const fields = Object.fromEntries(bad.json().errors.map((e: { field: string; message: string }) => [e.field, e.message]));
      expect(fields).toMatchObject({ mobile: '手机号应为 11 位中国大陆手机号码', role: '角色应为 officer、station_master、merchant 或 admin', orgCode: '组织编码应为 1–32 位字母、数字、_ 或 -' });
      expect((await grant(admin, { mobile: makeMobile(), role: 'officer' })).json().errors).toEqual([{ field: 'orgCode', message: '请选择组织' }]);
      expect((await grant(admin, { mobile: makeMobile(), role: 'station_master' })).json().errors).toEqual([{ field: 'stationId', message: '请选择驿站' }]);
      expect((await grant(admin, { mobile: makeMobile(), role: 'merchant' })).json().errors).toEqual([{ field: 'merchantId', message: '请选择商户' }]);
      expect((await grant(admin, { mobile: makeMobile(), role: 'merchant', merchantId: 'm-1' })).statusCode).toBe(404);
      expect((await grant(worker, { mobile: makeMobile(), role: 'officer', orgCode: 'XM-SM' })).statusCode).toBe(403);
      expect((await staff(worker, 'XM-SM')).statusCode).toBe(403);
      expect((await staff(officerHL, 'XM-SM')).json().code).toBe('ORG_OUT_OF_SCOPE');
      expect((await req(null, 'GET', '/api/admin/staff?orgCode=XM-SM')).statusCode).toBe(401);
    });

    it('a revoked officer gets 403 on their very next request (grants are read per request)', async () => {
      const mobile = makeMobile();
      const s = await smsLogin(t.app, mobile);
      const granted = (await grant(officerSM, { mobile, role: 'officer', orgCode: 'XM-SM-LQ' })).json().grant;
      expect((await staff(s, 'XM-SM-LQ')).statusCode).toBe(200);
      expect((await req(s, 'GET', '/api/memberships/applications?status=pending')).statusCode).toBe(200);
      expect((await req(officerHL, 'DELETE', `/api/admin/grants/${granted.id}`)).json().code).toBe('ORG_OUT_OF_SCOPE');
      expect((await req(officerSM, 'DELETE', `/api/admin/grants/${granted.id}`)).statusCode).toBe(204);
      expect((await staff(s, 'XM-SM-LQ')).statusCode).toBe(403);
      expect((await req(s, 'GET', '/api/memberships/applications?status=pending')).statusCode).toBe(403);
      expect((await req(officerSM, 'DELETE', `/api/admin/grants/${granted.id}`)).statusCode).toBe(404);
      expect((await req(officerSM, 'DELETE', '/api/admin/grants/not-a-uuid')).statusCode).toBe(404);
      const revoked = (await audit(`?action=revoke&subjectUserId=${s.user.id}`)).json().items;
      expect(revoked).toHaveLength(1);
      expect(revoked[0].actor).toMatchObject({ id: officerSM.user.id, role: 'officer', orgName: '思明区总工会' });
    });

    it('an invitation is withdrawn only by someone in scope', async () => {
      const inv = (await grant(officerSM, { mobile: makeMobile(), role: 'officer', orgCode: 'XM-SM' })).json().invitation;
      expect((await req(officerHL, 'DELETE', `/api/admin/invitations/${inv.id}`)).statusCode).toBe(403);
      expect((await req(worker, 'DELETE', `/api/admin/invitations/${inv.id}`)).statusCode).toBe(403);
      expect((await req(officerSM, 'DELETE', `/api/admin/invitations/${inv.id}`)).statusCode).toBe(204);
      expect((await req(officerSM, 'DELETE', `/api/admin/invitations/${inv.id}`)).statusCode).toBe(404);
    });

    it('two admins revoking each other at once leave one admin: the second gets 409 LAST_ADMIN', async () => {
      const mobile = makeMobile();
      await grant(admin, { mobile, role: 'admin', orgCode: 'XM' });
      const second = await smsLogin(t.app, mobile);
      const grants = (await staff(admin, 'XM')).json().grants.filter((g: { role: string }) => g.role === 'admin');
      expect(grants).toHaveLength(2);
      const mine = (s: Session) => grants.find((g: { userId: string }) => g.userId === s.user.id).id;
      const [a, b] = await Promise.all([req(admin, 'DELETE', `/api/admin/grants/${mine(second)}`), req(second, 'DELETE', `/api/admin/grants/${mine(admin)}`)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([204, 409]);
      expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('LAST_ADMIN');
      const left = (await t.ds.query(`SELECT r.userId AS userId FROM user_roles r JOIN orgs o ON o.id = r.orgId WHERE r.role = 'admin' AND o.code = 'XM'`)) as Array<{ userId: string }>;
      expect(left).toHaveLength(1);
      // Whoever remains is the admin the rest of this file uses.
      if (left[0].userId === second.user.id) admin = second;
    });
  });

  describe('the org-tree import', () => {
    const csv = [
      'code,name,level,parentCode,autoApprove,catchAll,isMediationCentre,mediationWorkdays',
      'XM-NA,"新安区总工会",district,XM,false,,,',
      'XM-NA-DT,新安区大同街道总工会,street,XM-NA,,,,',
      'XM-NB,新北区总工会,district,XM,是,,,5',
      'XM-NA-X,坏的层级,city,XM-NA,,,,',
      'XM-ZZ,上级在后面,street,XM-YY,,,,',
      'xm-na,大小写重复,district,XM,,,,',
      'XM-SM,思明区总工会（改名）,,,,,,',
      'XM-HL,湖里区总工会,city,,,,,',
      'XM-BAD,名,district,XM,maybe,,,99',
    ].join('\n');
    const importOrgs = (s: Session, dryRun?: boolean, body = csv) => req(s, 'POST', '/api/admin/orgs/import', { csv: body, ...(dryRun === undefined ? {} : { dryRun }) });

    it('a dry run reports per row with line numbers and writes nothing', async () => {
      const res = await importOrgs(admin, true);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ dryRun: true, created: 3, updated: 1, unchanged: 0, rejected: 5 });
      expect(body.errors).toEqual([
        { line: 5, field: 'level', message: '下级组织的层级必须低于上级组织（上级为 district）' },
        { line: 6, field: 'parentCode', message: '上级组织 XM-YY 不存在，或在文件中排在本行之后，或该行有错误' },
        { line: 7, field: 'code', message: '编码在文件中重复（不区分大小写）' },
        { line: 9, field: 'level', message: '已有组织的层级不能通过导入修改（现为 district）' },
        { line: 10, field: 'name', message: '组织名称应为 2–100 个字' },
        { line: 10, field: 'autoApprove', message: 'autoApprove 应为 true/false、1/0 或 是/否' },
        { line: 10, field: 'mediationWorkdays', message: '调解期限应为 1–30 个工作日（留空为默认 3 个）' },
      ]);
      expect((await req(null, 'GET', '/api/orgs/XM-NA')).statusCode).toBe(404);
    });

    it('imports the good rows, in one go; a re-run changes nothing; officers may not import', async () => {
      expect((await importOrgs(officerSM)).statusCode).toBe(403);
      expect((await importOrgs(admin)).json()).toMatchObject({ dryRun: false, created: 3, updated: 1, rejected: 5 });
      expect((await req(null, 'GET', '/api/orgs/XM-NA-DT')).json()).toMatchObject({ name: '新安区大同街道总工会', level: 'street', parentName: '新安区总工会' });
      expect((await req(null, 'GET', '/api/orgs/XM-NB')).json()).toMatchObject({ autoApprove: true });
      expect((await req(null, 'GET', '/api/orgs/XM-SM')).json().name).toBe('思明区总工会（改名）');
      expect((await importOrgs(admin)).json()).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 5 });
      const bad = await importOrgs(admin, false, 'code,name,colour\nX,y,z\n');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].message).toContain('未知列：colour');
      expect((await audit('?action=org.import')).json().items[0]).toMatchObject({ detail: { created: 3, updated: 1 } });
    });
  });

  describe('the audit log', () => {
    it('records application decisions with the masked applicant, and the request id', async () => {
      const w = await devLogin(t.app, 'audit-applicant');
      const body = makeApplication('XM-ELM');
      const app1 = (await req(w, 'POST', '/api/memberships/applications', body)).json().application;
      const approved = await req(officerSM, 'POST', `/api/memberships/applications/${app1.id}/approve`);
      expect(approved.statusCode).toBe(200);
      const w2 = await devLogin(t.app, 'audit-applicant-2');
      const body2 = makeApplication('XM-ELM');
      const app2 = (await req(w2, 'POST', '/api/memberships/applications', body2)).json().application;
      await req(officerSM, 'POST', `/api/memberships/applications/${app2.id}/reject`, { reason: '请补充劳动关系证明材料' });
      const [approve] = (await audit(`?action=membership.approve&subjectUserId=${w.user.id}`)).json().items;
      expect(approve).toMatchObject({ actor: { id: officerSM.user.id, role: 'officer' }, subject: { masked: `${body.mobile.slice(0, 3)}****${body.mobile.slice(-4)}` }, object: { type: 'membership_application', id: app1.id }, org: { code: 'XM-ELM' } });
      expect(approve.requestId).toBe(approved.headers['x-request-id']);
      expect((await audit(`?subjectMobile=${body2.mobile}`)).json().items.map((e: { action: string }) => e.action)).toEqual(['membership.reject']);
      const raw = JSON.stringify(await t.ds.query('SELECT * FROM audit_log'));
      for (const m of [body.mobile, body2.mobile, body.idNumber]) expect(raw).not.toContain(m);
    });

    it('filters by actor, action and period, pages by cursor, newest first', async () => {
      const all = (await audit(`?actorId=${officerSM.user.id}&limit=100`)).json().items as Array<{ id: string; at: string; action: string }>;
      expect(all.length).toBeGreaterThanOrEqual(5);
      expect(new Set(all.map((e) => e.action))).toEqual(new Set(['grant', 'invite', 'revoke', 'invite.cancel', 'membership.approve', 'membership.reject']));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await audit(`?actorId=${officerSM.user.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.map((e) => e.id));
      expect([...all].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).map((e) => e.at)).toEqual(all.map((e) => e.at));
      expect((await audit(`?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json().items).toEqual([]);
      const bad = await audit('?action=delete&from=yesterday&limit=0');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['action', 'from', 'limit']);
    });

    it('is read by admins only and has no route that changes it', async () => {
      for (const s of [officerSM, worker]) expect((await req(s, 'GET', '/api/audit')).statusCode).toBe(403);
      const any = (await audit('?limit=1')).json().items[0];
      for (const method of ['DELETE', 'PATCH', 'PUT'] as const) {
        const res = await t.app.inject({ method, url: `/api/audit/${any.id}`, headers: admin.auth, payload: {} });
        expect([404, 405]).toContain(res.statusCode);
      }
      expect((await t.app.inject({ method: 'DELETE', url: '/api/audit', headers: admin.auth })).statusCode).toBeGreaterThanOrEqual(404);
    });

    it('a reveal of a full mobile is one record() call; lines past AUDIT_RETENTION_DAYS are purged by the job', async () => {
      const audits = t.app.get(AuditService);
      await t.ds.transaction((em) => audits.record(em, { actor: null, action: 'pii.reveal', subject: { mobile: '13912345678' }, detail: { field: 'mobile', reason: 'test' } }));
      expect((await audit('?action=pii.reveal')).json().items[0].subject.masked).toBe('139****5678');
      await t.ds.getRepository(AuditEntry).update({ action: 'pii.reveal' }, { at: new Date(Date.now() - (t.config.AUDIT_RETENTION_DAYS + 1) * 86_400_000) });
      expect(await t.app.get(AuditRetentionJob).run(new Date())).toEqual({ auditLines: 1 });
      expect((await audit('?action=pii.reveal')).json().items).toEqual([]);
      expect((await audit()).json().items.length).toBeGreaterThan(0);
    });
  });
});
