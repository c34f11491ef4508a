import { addWorkingDays } from '@nuanxin/shared';
import { CalendarService } from '../src/calendar/calendar.service';
import { Claim } from '../src/claims/claim.entity';
import { Org } from '../src/orgs/org.entity';
import { User } from '../src/users/user.entity';
import { claimBody, claimsHelpers, loginClaimStaff } from './helpers/claims';
import { makeMobile } from './helpers/factories';
import { multipart } from './helpers/multipart';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

/** Real minimal images (1×1) and two impostors, so the content sniffing is tested on genuine bytes. */
const JPEG_1PX = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const WEBP_1PX = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const GIF_1PX = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('claims: reopen, employer orgs, roles, idempotency, assignees, photos', () => {
  let t: TestApp;
  let officerSM: Session, officerHL: Session, officerMT: Session, officerJL: Session, admin: Session;
  const { post, get, worker, file, member, ok } = claimsHelpers(() => t, 'audit-worker');

  beforeAll(async () => {
    t = await createTestApp({ STORAGE_DIR: `/tmp/nuanxin-test-storage-audit-${process.pid}-${Date.now()}` });
    ({ officerSM, officerHL, officerMT, officerJL, admin } = await loginClaimStaff(t, 'audit-officer-jl'));
  });
  afterAll(() => t.close());

  const kinds = async (id: string) => (await get(admin, `/api/claims/${id}`)).json().timeline.map((e: { kind: string }) => e.kind);
  const lookup = () => t.app.get(CalendarService).lookup;

  describe('reopen clears the previous result (history stays on the timeline)', () => {
    it('a resolved, low-rated claim comes back as a claim in progress, with a fresh first-response deadline', async () => {
      const w = await member('XM-MT');
      const c = await file(w, { districtCode: undefined });
      await ok(officerMT, `/api/claims/${c.id}/accept`);
      await ok(officerMT, `/api/claims/${c.id}/resolve`, { outcome: 'not_mediated', amountRecoveredFen: 1000, summary: '平台只同意补 10 元' });
      const rated = await ok(w, `/api/claims/${c.id}/rating`, { score: 1, comment: '没解决问题' });
      expect(rated).toMatchObject({ outcome: 'not_mediated', amountRecoveredFen: 1000, ratingScore: 1 });

      const reopened = await ok(w, `/api/claims/${c.id}/reopen`, { reason: '希望再协调一次' });
      expect(reopened).toMatchObject({
        status: 'reopened',
        reopenCount: 1,
        outcome: null,
        amountRecoveredFen: null,
        outcomeSummary: null,
        ratingScore: null,
        ratingComment: null,
        resolvedAt: null,
        closedAt: null,
        department: null,
        mediationDueAt: null,
        firstResponseAt: null,
        overdue: false,
        canReopen: false,
      });
      expect(reopened.actions).toEqual(expect.arrayContaining(['message', 'withdraw']));
      expect(reopened.actions).not.toContain('rate');
      const event = reopened.timeline.at(-1);
      expect(event).toMatchObject({ kind: 'reopen', fromStatus: 'closed', toStatus: 'reopened' });
      expect(event.data.previous).toMatchObject({
        status: 'closed',
        outcome: 'not_mediated',
        amountRecoveredFen: 1000,
        outcomeSummary: '平台只同意补 10 元',
        ratingScore: 1,
        ratingComment: '没解决问题',
      });
      expect(new Date(event.data.previous.resolvedAt).getTime()).toBe(new Date(rated.resolvedAt).getTime());
      expect(new Date(reopened.firstResponseDueAt).getTime()).toBe(addWorkingDays(new Date(event.at), 1, lookup()).due.getTime());
      // the earlier steps are still there for both sides
      expect(reopened.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'accept', 'resolve', 'rate', 'reopen']);

      const officerView = (await get(officerMT, `/api/claims/${c.id}`)).json();
      expect(officerView).toMatchObject({ status: 'reopened', outcome: null, ratingScore: null, resolvedAt: null });
      expect(officerView.actions).toContain('accept');
      const queue = (await get(officerMT, '/api/claims?status=reopened')).json().items.find((x: { id: string }) => x.id === c.id);
      expect(queue).toMatchObject({ outcome: null, ratingScore: null });

      // acceptance starts a new mediation deadline from the new acceptance
      const again = await ok(officerMT, `/api/claims/${c.id}/accept`);
      const acceptedAt = new Date(again.timeline.at(-1).at);
      expect(new Date(again.mediationDueAt).getTime()).toBe(addWorkingDays(acceptedAt, 3, lookup()).due.getTime());
      expect(again.timeline.at(-1).note).toContain('3 个工作日');
    });

    it('a transferred claim reopened loses its department and "referred" outcome', async () => {
      const w = await worker();
      const c = await file(w);
      await ok(officerSM, `/api/claims/${c.id}/accept`);
      await ok(officerSM, `/api/claims/${c.id}/transfer`, { department: 'labour_bureau', note: '已移交劳动监察' });
      await ok(w, `/api/claims/${c.id}/rating`, { score: 2 });
      const reopened = await ok(w, `/api/claims/${c.id}/reopen`, {});
      expect(reopened).toMatchObject({ status: 'reopened', department: null, outcome: null, resolvedAt: null, ratingScore: null });
      expect(reopened.timeline.at(-1).data.previous).toMatchObject({ department: 'labour_bureau', outcome: 'referred', ratingScore: 2 });
    });

    it('reopens within 7 days of resolution only (the clock: resolution moved back in the database)', async () => {
      const setup = async () => {
        const w = await worker();
        const c = await file(w);
        await ok(officerSM, `/api/claims/${c.id}/accept`);
        await ok(officerSM, `/api/claims/${c.id}/resolve`, { outcome: 'mediated', summary: '已解决' });
        await ok(w, `/api/claims/${c.id}/rating`, { score: 2 });
        return { w, c };
      };
      const late = await setup();
      await t.ds.getRepository(Claim).update({ id: late.c.id }, { resolvedAt: new Date(Date.now() - 7 * 86400_000 - 60_000) });
      expect((await get(late.w, `/api/claims/${late.c.id}`)).json()).toMatchObject({ canReopen: false, actions: [] });
      const refused = await post(late.w, `/api/claims/${late.c.id}/reopen`, {});
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('CLAIM_CANNOT_REOPEN');
      expect((await get(late.w, `/api/claims/${late.c.id}`)).json().status).toBe('closed');

      const inTime = await setup();
      await t.ds.getRepository(Claim).update({ id: inTime.c.id }, { resolvedAt: new Date(Date.now() - 7 * 86400_000 + 60_000) });
      expect((await post(inTime.w, `/api/claims/${inTime.c.id}/reopen`, {})).json().status).toBe('reopened');
    });
  });

  describe('employer union and district codes', () => {
    const fieldErrors = (res: { statusCode: number; json(): { code: string; errors?: Array<{ field: string; message: string }> } }) => {
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      return res.json().errors ?? [];
    };

    it('only enterprise-level (platform or company) unions can be named as the employer', async () => {
      for (const code of ['XM', 'XM-SM', 'XM-SM-JL', 'XM-TIAOCHU', 'XM-SM-XJY']) {
        const errors = fieldErrors(await post(await worker(), '/api/claims', claimBody({ employerOrgCode: code })));
        expect([code, errors.map((e) => e.field)]).toEqual([code, ['employerOrgCode']]);
        expect(errors[0].message).toMatch(/企业或平台的工会/);
      }
      const c = await file(await worker(), { employerOrgCode: 'XM-ELM', districtCode: undefined });
      expect(c).toMatchObject({ routedBy: 'employer', employerOrg: { code: 'XM-ELM' } });
    });

    it('unknown codes are 400 with a Chinese field message, both reported at once', async () => {
      const one = fieldErrors(await post(await worker(), '/api/claims', claimBody({ employerOrgCode: 'NO-SUCH-ORG' })));
      expect(one).toEqual([{ field: 'employerOrgCode', message: expect.stringMatching(/找不到该单位工会/) }]);
      const both = fieldErrors(await post(await worker(), '/api/claims', claimBody({ employerOrgCode: 'NO-SUCH-ORG', districtCode: 'NO-SUCH-DIST' })));
      expect(both.map((e) => e.field).sort()).toEqual(['districtCode', 'employerOrgCode']);
      expect(both.find((e) => e.field === 'districtCode')!.message).toMatch(/找不到该区总工会/);
    });

    it('the district must be a district federation, checked even when another route applies', async () => {
      for (const code of ['XM-MT', 'XM-SM-JL', 'XM', 'XM-TIAOCHU']) {
        const errors = fieldErrors(await post(await worker(), '/api/claims', claimBody({ districtCode: code })));
        expect([code, errors]).toEqual([code, [{ field: 'districtCode', message: '请选择一个区总工会' }]]);
      }
      const m = await member('XM-MT');
      expect(fieldErrors(await post(m, '/api/claims', claimBody({ districtCode: 'XM-MT' }))).map((e) => e.field)).toEqual(['districtCode']);
    });

    it('an inactive employer union is refused on its field', async () => {
      const orgs = t.ds.getRepository(Org);
      await orgs.update({ code: 'XM-JDL' }, { active: false });
      try {
        const errors = fieldErrors(await post(await worker(), '/api/claims', claimBody({ employerOrgCode: 'XM-JDL' })));
        expect(errors).toEqual([{ field: 'employerOrgCode', message: expect.stringMatching(/已停用/) }]);
      } finally {
        await orgs.update({ code: 'XM-JDL' }, { active: true });
      }
    });

    it('the employer name may be left out when an employer union is picked (it defaults to that union\'s name)', async () => {
      const c = await file(await worker(), { employerName: undefined, employerOrgCode: 'XM-DIDI', districtCode: undefined });
      expect(c).toMatchObject({ employerName: '滴滴出行厦门分公司工会', employerOrg: { code: 'XM-DIDI' } });
      const named = await file(await worker(), { employerName: '滴滴厦门某车队', employerOrgCode: 'XM-DIDI', districtCode: undefined });
      expect(named.employerName).toBe('滴滴厦门某车队');
      expect(fieldErrors(await post(await worker(), '/api/claims', claimBody({ employerName: undefined }))).map((e) => e.field)).toEqual(['employerName']);
      expect(fieldErrors(await post(await worker(), '/api/claims', claimBody({ employerName: '   ' }))).map((e) => e.field)).toEqual(['employerName']);
      expect(fieldErrors(await post(await worker(), '/api/claims', claimBody({ employerName: '', employerOrgCode: 'XM-DIDI' }))).map((e) => e.field)).toEqual(['employerName']);
    });
  });

  describe('wrong roles', () => {
    it('the claim\'s own worker calling any officer route gets 403 (404 for the assignee list) and nothing changes', async () => {
      const w = await worker();
      const c = await file(w);
      const bodies: Record<string, object> = {
        accept: {},
        reply: { text: '自己答复' },
        notes: { text: '自己备注' },
        assign: { assigneeId: w.user.id },
        escalate: { note: '自己上报' },
        transfer: { department: 'court', note: '自己转交' },
        resolve: { outcome: 'mediated', summary: '自己办结' },
      };
      for (const [action, body] of Object.entries(bodies)) {
        const res = await post(w, `/api/claims/${c.id}/${action}`, body);
        expect([action, res.statusCode, res.json().code]).toEqual([action, 403, 'FORBIDDEN']);
      }
      expect((await get(w, '/api/claims')).statusCode).toBe(403);
      expect((await get(w, `/api/claims/${c.id}/assignees`)).statusCode).toBe(404);
      expect(await kinds(c.id)).toEqual(['submitted']);
      expect((await get(w, `/api/claims/${c.id}`)).json().status).toBe('submitted');
    });

    it('an officer in scope calling the worker\'s routes gets 403, in the states where the worker could act', async () => {
      const w = await worker();
      const open = await file(w);
      expect((await post(officerSM, `/api/claims/${open.id}/messages`, { text: '代职工补充' })).statusCode).toBe(403);
      expect((await post(officerSM, `/api/claims/${open.id}/withdraw`, {})).statusCode).toBe(403);
      expect((await post(admin, `/api/claims/${open.id}/withdraw`, {})).statusCode).toBe(403);

      await ok(officerSM, `/api/claims/${open.id}/accept`);
      await ok(officerSM, `/api/claims/${open.id}/resolve`, { outcome: 'not_mediated', summary: '未谈妥' });
      const rating = await post(officerSM, `/api/claims/${open.id}/rating`, { score: 5 });
      expect([rating.statusCode, rating.json().code]).toEqual([403, 'FORBIDDEN']);
      await ok(w, `/api/claims/${open.id}/rating`, { score: 1 });
      expect((await get(w, `/api/claims/${open.id}`)).json().canReopen).toBe(true);
      const reopen = await post(officerSM, `/api/claims/${open.id}/reopen`, {});
      expect([reopen.statusCode, reopen.json().code]).toEqual([403, 'FORBIDDEN']);
      expect(await kinds(open.id)).toEqual(['submitted', 'accept', 'resolve', 'rate']);
      expect((await get(w, `/api/claims/${open.id}`)).json()).toMatchObject({ status: 'closed', ratingScore: 1, canReopen: true });
    });
  });

  describe('idempotent actions', () => {
    let keyN = 0;
    /** The same request twice with one Idempotency-Key: identical answers, one timeline step. */
    const twice = async (s: Session, id: string, action: string, body: object, kind: string) => {
      const key = `audit-replay-${++keyN}-${Date.now()}`;
      const before = (await kinds(id)).filter((k: string) => k === kind).length;
      const a = await post(s, `/api/claims/${id}/${action}`, body, { 'idempotency-key': key });
      const b = await post(s, `/api/claims/${id}/${action}`, body, { 'idempotency-key': key });
      expect([action, a.statusCode]).toEqual([action, 200]);
      expect(b.statusCode).toBe(a.statusCode);
      expect(b.body).toBe(a.body);
      expect([action, (await kinds(id)).filter((k: string) => k === kind).length]).toEqual([action, before + 1]);
      return a.json();
    };

    it('every officer and worker action replays its first answer and happens once', async () => {
      const w = await member('XM-MT');
      const colleague = await devLogin(t.app, 'audit-officer-mt-2', ['officer'], 'XM-MT');
      const c = await file(w, { districtCode: undefined });
      await twice(w, c.id, 'messages', { text: '补充：还有 9 月的提成。' }, 'message');
      await twice(officerMT, c.id, 'assign', { assigneeId: colleague.user.id }, 'assign');
      await twice(officerMT, c.id, 'accept', {}, 'accept');
      await twice(officerMT, c.id, 'reply', { text: '已联系平台。' }, 'reply');
      await twice(officerMT, c.id, 'notes', { text: '平台态度积极。' }, 'note');
      await twice(officerMT, c.id, 'resolve', { outcome: 'not_mediated', summary: '平台拒绝补发' }, 'resolve');
      await twice(w, c.id, 'rating', { score: 1 }, 'rate');
      await twice(w, c.id, 'reopen', { reason: '再试一次' }, 'reopen');
      await twice(officerMT, c.id, 'escalate', { note: '需要街道协调' }, 'escalate');
      await twice(officerJL, c.id, 'accept', {}, 'accept');
      await twice(officerJL, c.id, 'transfer', { department: 'arbitration', note: '协助申请仲裁' }, 'transfer');

      const w2 = await worker();
      const c2 = await file(w2);
      await twice(w2, c2.id, 'withdraw', { reason: '已谈妥' }, 'withdraw');
    });

    it('the same key with a different body is refused, not replayed', async () => {
      const c = await file(await worker());
      const key = `audit-reuse-${Date.now()}`;
      expect((await post(officerSM, `/api/claims/${c.id}/notes`, { text: '一' }, { 'idempotency-key': key })).statusCode).toBe(200);
      const reused = await post(officerSM, `/api/claims/${c.id}/notes`, { text: '二' }, { 'idempotency-key': key });
      expect([reused.statusCode, reused.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    });
  });

  describe('assignees', () => {
    it('lists the owning org\'s officers with their open claims, labelled without plain mobiles, to officers in scope only', async () => {
      const mobile = makeMobile();
      const second = await devLogin(t.app, 'audit-officer-mt-mobile', ['officer'], 'XM-MT');
      await t.ds.getRepository(User).update({ id: second.user.id }, { mobile, nickname: null });
      const c = await file(await member('XM-MT'), { districtCode: undefined });
      await ok(officerMT, `/api/claims/${c.id}/assign`, { assigneeId: officerMT.user.id }); // whoever routing picked

      const res = await get(officerMT, `/api/claims/${c.id}/assignees`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(mobile);
      const list = res.json() as Array<{ id: string; displayName: string; openClaims: number }>;
      const mt = list.find((a) => a.id === officerMT.user.id)!;
      const sec = list.find((a) => a.id === second.user.id)!;
      expect(mt.displayName).toBe('美团骑手联合工会 干部');
      expect(sec.displayName).toBe(`工会干部 ${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
      expect(list.every((a) => Object.keys(a).sort().join() === 'displayName,id,openClaims')).toBe(true);
      // only officers of XM-MT itself: not the street above it
      expect(list.map((a) => a.id)).not.toContain(officerJL.user.id);
      expect([...list].sort((a, b) => a.openClaims - b.openClaims).map((a) => a.openClaims)).toEqual(list.map((a) => a.openClaims));

      // the counts move with assignment and with closing
      const before = sec.openClaims;
      await ok(officerMT, `/api/claims/${c.id}/assign`, { assigneeId: second.user.id });
      const count = async () => ((await get(officerMT, `/api/claims/${c.id}/assignees`)).json() as typeof list).find((a) => a.id === second.user.id)!.openClaims;
      expect(await count()).toBe(before + 1);
      await ok(officerMT, `/api/claims/${c.id}/accept`);
      await ok(officerMT, `/api/claims/${c.id}/resolve`, { outcome: 'mediated', summary: '已补发' });
      expect(await count()).toBe(before);

      // in scope above the org: the street's officers and the admin; everyone else: 404
      expect((await get(officerJL, `/api/claims/${c.id}/assignees`)).statusCode).toBe(200);
      expect((await get(admin, `/api/claims/${c.id}/assignees`)).statusCode).toBe(200);
      expect((await get(officerHL, `/api/claims/${c.id}/assignees`)).statusCode).toBe(404);
      expect((await get(await worker(), `/api/claims/${c.id}/assignees`)).statusCode).toBe(404);
      expect((await get(officerMT, '/api/claims/00000000-0000-4000-8000-000000000000/assignees')).statusCode).toBe(404);
    });

    it('an org without officers has nobody to list', async () => {
      const c = await file(await worker());
      await t.ds.getRepository(Claim).update({ id: c.id }, { orgId: (await t.ds.getRepository(Org).findOneByOrFail({ code: 'XM-JDL' })).id });
      expect((await get(admin, `/api/claims/${c.id}/assignees`)).json()).toEqual([]);
    });
  });

  describe('evidence photos by content', () => {
    const upload = (s: Session, filename: string, type: string, content: Buffer) => {
      const body = multipart([{ filename, type, content }]);
      return t.app.inject({ method: 'POST', url: '/api/claims/attachments', headers: { ...s.auth, ...body.headers }, payload: body.payload });
    };

    it('accepts real JPEG and WebP files and serves them back with their type', async () => {
      const w = await worker();
      for (const [name, bytes, mime] of [['a.jpg', JPEG_1PX, 'image/jpeg'], ['b.webp', WEBP_1PX, 'image/webp'], ['c.png', JPEG_1PX, 'image/jpeg']] as const) {
        const res = await upload(w, name, 'application/octet-stream', bytes);
        expect([name, res.statusCode]).toEqual([name, 201]);
        const [photo] = res.json();
        expect(photo).toMatchObject({ mime, size: bytes.length });
        const back = await get(w, `/api/claims/attachments/${photo.id}`);
        expect(back.headers['content-type']).toBe(mime);
        expect(back.rawPayload.equals(bytes)).toBe(true);
      }
    });

    it('refuses a GIF and a PDF renamed .jpg', async () => {
      const w = await worker();
      for (const [name, bytes] of [['anim.gif', GIF_1PX], ['photo.jpg', GIF_1PX], ['scan.jpg', PDF]] as const) {
        const res = await upload(w, name, 'image/jpeg', bytes);
        expect([name, res.statusCode, res.json().code]).toEqual([name, 400, 'VALIDATION_FAILED']);
        expect(res.json().errors[0]).toEqual({ field: 'file[0]', message: '只能上传 JPEG、PNG 或 WebP 照片' });
      }
    });
  });
});
