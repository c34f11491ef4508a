import { addWorkingDays, shanghaiDate } from '@nuanxin/shared';
import { CalendarService } from '../src/calendar/calendar.service';
import { Claim } from '../src/claims/claim.entity';
import { ClaimsService } from '../src/claims/claims.service';
import { claimBody, claimsHelpers, loginClaimStaff } from './helpers/claims';
import { multipart, PNG_1PX } from './helpers/multipart';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

describe('claims (我有事办)', () => {
  let t: TestApp;
  let officerSM: Session, officerHL: Session, officerMT: Session, officerJL: Session, admin: Session;
  const { post, get, worker, file, member } = claimsHelpers(() => t, 'claim-worker');

  beforeAll(async () => {
    t = await createTestApp({ STORAGE_DIR: `/tmp/nuanxin-test-storage-${process.pid}-${Date.now()}` });
    ({ officerSM, officerHL, officerMT, officerJL, admin } = await loginClaimStaff(t, 'claim-officer-jl'));
  });
  afterAll(() => t.close());

  describe('routing (有人管)', () => {
    it('a member of a platform union goes to that union\'s officer', async () => {
      const w = await member('XM-MT');
      const c = await file(w, { districtCode: undefined });
      expect(c).toMatchObject({ status: 'submitted', org: { code: 'XM-MT' }, routedBy: 'membership', tier: 0 });
      expect(c.number).toMatch(/^SQ\d{10}$/);
      const queue = (await get(officerMT, '/api/claims?assignee=me')).json();
      expect(queue.items.map((x: { id: string }) => x.id)).toContain(c.id);
      expect((await get(officerMT, '/api/inbox')).json().items[0].title).toBe('新的职工诉求');
    });

    it('a non-member naming an employer union without officers goes up the tree to the first org that has one', async () => {
      const c = await file(await worker(), { employerOrgCode: 'XM-SF', districtCode: undefined });
      expect(c).toMatchObject({ org: { code: 'XM-HL' }, routedBy: 'employer', employerOrg: { code: 'XM-SF' } });
      expect((await get(officerHL, `/api/claims/${c.id}`)).json().assigneeId).toBe(officerHL.user.id);
    });

    it('a non-member without an employer union goes to the district catch-all union (or its parent)', async () => {
      const c = await file(await worker());
      expect(c).toMatchObject({ org: { code: 'XM-SM' }, routedBy: 'district' });
      const res = await post(await worker(), '/api/claims', claimBody({ districtCode: undefined }));
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('districtCode');
      expect((await post(await worker(), '/api/claims', claimBody({ districtCode: 'XM-SM-JL' }))).statusCode).toBe(400);
    });

    it('within an org, the officer with the fewest open claims gets the next one', async () => {
      const second = await devLogin(t.app, 'claim-officer-mt-2', ['officer'], 'XM-MT');
      const assignees: string[] = [];
      for (let i = 0; i < 4; i++) {
        const c = await file(await member('XM-MT'), { districtCode: undefined });
        assignees.push((await get(officerMT, `/api/claims/${c.id}`)).json().assigneeId);
      }
      const counts = [officerMT.user.id, second.user.id].map((id) => assignees.filter((a) => a === id).length);
      expect(counts.reduce((a, b) => a + b)).toBe(4);
      expect(Math.abs(counts[0] - counts[1])).toBeLessThanOrEqual(2);
      expect(counts[1]).toBeGreaterThan(0);
    });
  });

  describe('the whole path, seen by both sides', () => {
    it('accept → reply → internal note → resolve with money → worker sees every visible step and rates → closed', async () => {
      const w = await worker();
      const c = await file(w);
      const calendar = t.app.get(CalendarService);
      expect(new Date(c.firstResponseDueAt).getTime()).toBe(addWorkingDays(new Date(c.submittedAt), 1, calendar.lookup).due.getTime());

      const accepted = (await post(officerSM, `/api/claims/${c.id}/accept`)).json();
      expect(accepted.status).toBe('accepted');
      const acceptedAt = accepted.timeline.find((e: { kind: string }) => e.kind === 'accept').at;
      expect(new Date(accepted.mediationDueAt).getTime()).toBe(addWorkingDays(new Date(acceptedAt), 3, calendar.lookup).due.getTime());
      expect(shanghaiDate(new Date(accepted.mediationDueAt)) > shanghaiDate(new Date(acceptedAt))).toBe(true);

      expect((await post(officerSM, `/api/claims/${c.id}/reply`, { text: '已联系站点负责人，约定周五前结清。' })).json().status).toBe('in_progress');
      await post(officerSM, `/api/claims/${c.id}/notes`, { text: '站长态度消极，必要时转劳动监察。' });
      const resolved = await post(officerSM, `/api/claims/${c.id}/resolve`, { outcome: 'mediated', amountRecoveredFen: 350000, summary: '站点已补发十月工资 3500 元。' });
      expect(resolved.json()).toMatchObject({ status: 'resolved', outcome: 'mediated', amountRecoveredFen: 350000 });

      const seen = (await get(w, `/api/claims/${c.id}`)).json();
      expect(seen.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'accept', 'reply', 'resolve']);
      expect(JSON.stringify(seen)).not.toContain('站长态度消极');
      expect(seen.actions).toEqual(['rate']);
      expect(seen.assigneeId).toBeNull();
      const officerView = (await get(officerSM, `/api/claims/${c.id}`)).json();
      expect(officerView.timeline.map((e: { kind: string }) => e.kind)).toContain('note');

      const rated = await post(w, `/api/claims/${c.id}/rating`, { score: 5, comment: '很快就解决了，谢谢工会！' });
      expect(rated.json()).toMatchObject({ status: 'closed', ratingScore: 5, canReopen: false });
      const inbox = (await get(w, '/api/inbox')).json();
      expect(inbox.items.map((m: { title: string }) => m.title)).toEqual(expect.arrayContaining([expect.stringContaining('已办结，待评价')]));
    });

    it('illegal steps are 409 with a code; wrong roles are 403; the wrong org or user is 404', async () => {
      const w = await worker();
      const c = await file(w);
      const early = await post(officerSM, `/api/claims/${c.id}/resolve`, { outcome: 'mediated', summary: '已处理完毕' });
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('CLAIM_ACTION_NOT_ALLOWED');
      expect((await post(w, `/api/claims/${c.id}/accept`)).statusCode).toBe(403);
      expect((await post(officerSM, `/api/claims/${c.id}/rating`, { score: 5 })).statusCode).toBe(403);
      const bodies: Record<string, object> = {
        accept: {},
        reply: { text: '越权答复' },
        notes: { text: '越权备注' },
        escalate: { note: '越权上报' },
        transfer: { department: 'court', note: '越权转交' },
        resolve: { outcome: 'mediated', summary: '越权办结' },
        assign: { assigneeId: officerHL.user.id },
      };
      for (const [action, body] of Object.entries(bodies)) {
        const res = await post(officerHL, `/api/claims/${c.id}/${action}`, body);
        expect([action, res.statusCode]).toEqual([action, 404]);
      }
      const other = await worker();
      expect((await get(other, `/api/claims/${c.id}`)).statusCode).toBe(404);
      const workerBodies: Record<string, object> = { messages: { text: '别人的' }, withdraw: {}, rating: { score: 1 }, reopen: {} };
      for (const [action, body] of Object.entries(workerBodies)) {
        expect([action, (await post(other, `/api/claims/${c.id}/${action}`, body)).statusCode]).toEqual([action, 404]);
      }
      expect((await get(officerHL, `/api/claims/${c.id}`)).statusCode).toBe(404);
      expect((await get(w, '/api/claims/not-a-uuid')).statusCode).toBe(404);
      expect((await get(w, '/api/claims')).statusCode).toBe(403);
    });

    it('the worker can add information and withdraw while it is open', async () => {
      const w = await worker();
      const c = await file(w);
      const msg = await post(w, `/api/claims/${c.id}/messages`, { text: '补充：还有 9 月的 200 元提成。' });
      expect(msg.json().timeline.at(-1)).toMatchObject({ kind: 'message', actorRole: 'worker' });
      const out = await post(w, `/api/claims/${c.id}/withdraw`, { reason: '已和站长谈妥' });
      expect(out.json()).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn', actions: [] });
      expect((await post(w, `/api/claims/${c.id}/messages`, { text: '再补充' })).statusCode).toBe(409);
    });

    it('a low score within 7 days reopens once, and tells the supervisors', async () => {
      const w = await member('XM-MT');
      const c = await file(w, { districtCode: undefined });
      await post(officerMT, `/api/claims/${c.id}/accept`);
      await post(officerMT, `/api/claims/${c.id}/resolve`, { outcome: 'not_mediated', summary: '平台不同意补偿' });
      const rated = (await post(w, `/api/claims/${c.id}/rating`, { score: 2, comment: '没解决问题' })).json();
      expect(rated).toMatchObject({ status: 'closed', canReopen: true, actions: ['reopen'] });
      const reopened = await post(w, `/api/claims/${c.id}/reopen`, { reason: '希望再协调一次' });
      expect(reopened.json()).toMatchObject({ status: 'reopened', reopenCount: 1 });
      const told = async (s: Session) => (await get(s, '/api/inbox')).json().items.some((m: { title: string }) => m.title === '诉求被重新打开');
      expect(await told(officerJL)).toBe(true);
      expect(await told(officerHL)).toBe(false);
      // a second round: resolve, rate low again — no more reopen
      await post(officerMT, `/api/claims/${c.id}/accept`);
      await post(officerMT, `/api/claims/${c.id}/resolve`, { outcome: 'mediated', summary: '平台补偿 200 元' });
      await post(w, `/api/claims/${c.id}/rating`, { score: 1 });
      const again = await post(w, `/api/claims/${c.id}/reopen`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('CLAIM_CANNOT_REOPEN');
    });

    it('a good score cannot reopen; unrated claims close after 7 days', async () => {
      const w = await worker();
      const c = await file(w);
      await post(officerSM, `/api/claims/${c.id}/accept`);
      await post(officerSM, `/api/claims/${c.id}/resolve`, { outcome: 'mediated', summary: '已解决' });
      const c2 = await file(w);
      await post(officerSM, `/api/claims/${c2.id}/accept`);
      await post(officerSM, `/api/claims/${c2.id}/resolve`, { outcome: 'mediated', summary: '已解决' });
      await post(w, `/api/claims/${c2.id}/rating`, { score: 4 });
      expect((await post(w, `/api/claims/${c2.id}/reopen`)).json().code).toBe('CLAIM_CANNOT_REOPEN');

      const svc = t.app.get(ClaimsService);
      expect(await svc.autoClose(new Date(Date.now() + 6 * 86400_000))).toBe(0);
      expect(await svc.autoClose(new Date(Date.now() + 8 * 86400_000))).toBeGreaterThanOrEqual(1);
      const closed = (await get(w, `/api/claims/${c.id}`)).json();
      expect(closed.status).toBe('closed');
      expect(closed.timeline.at(-1)).toMatchObject({ kind: 'auto_close', actorRole: 'system' });
    });
  });

  describe('escalation and transfer', () => {
    it('escalates up the tree to the next org with officers; the city has no parent', async () => {
      const w = await member('XM-MT');
      const c = await file(w, { districtCode: undefined });
      const up = await post(officerMT, `/api/claims/${c.id}/escalate`, { note: '涉及平台规则，超出本工会职权' });
      expect(up.json()).toMatchObject({ status: 'escalated', org: { code: 'XM-SM-JL' }, tier: 1 });
      expect((await get(officerMT, `/api/claims/${c.id}`)).statusCode).toBe(404);
      const seen = (await get(w, `/api/claims/${c.id}`)).json();
      expect(seen.timeline.at(-1).note).toContain('嘉莲街道总工会');
      // the street has officers; the district above it too; the city federation has none, so the claim waits there unassigned
      expect((await post(officerJL, `/api/claims/${c.id}/escalate`, { note: '需要区总协调' })).json()).toMatchObject({ org: { code: 'XM-SM' }, tier: 2 });
      const top = await post(officerSM, `/api/claims/${c.id}/escalate`, { note: '需要市总协调' });
      expect(top.json()).toMatchObject({ org: { code: 'XM' }, tier: 3, assigneeId: null });
      expect((await get(officerSM, `/api/claims/${c.id}`)).statusCode).toBe(404);
      const last = await post(admin, `/api/claims/${c.id}/escalate`, { note: '再上报' });
      expect(last.statusCode).toBe(409);
      expect(last.json().code).toBe('CLAIM_NO_PARENT_ORG');
      expect((await post(admin, `/api/claims/${c.id}/accept`)).json().status).toBe('accepted');
    });

    it('the linkage mediation centre gets 20 working days', async () => {
      // workers cannot name the centre as their employer; a claim reaches it when an officer refers it (疑难)
      const c = await file(await worker());
      await post(officerSM, `/api/claims/${c.id}/accept`);
      await devLogin(t.app, 'claim-officer-tiaochu', ['officer'], 'XM-TIAOCHU');
      const centre = await devLogin(t.app, 'claim-officer-tiaochu');
      const referred = (await post(officerSM, `/api/claims/${c.id}/refer`, { note: '涉及多个站点，需联动调处' })).json();
      expect(referred).toMatchObject({ status: 'referred', org: { code: 'XM-TIAOCHU' }, handlingTier: 2, difficult: true, assigneeId: centre.user.id });
      const res = (await post(centre, `/api/claims/${c.id}/accept`)).json();
      const acceptedAt = new Date(res.timeline.at(-1).at);
      expect(new Date(res.mediationDueAt).getTime()).toBe(addWorkingDays(acceptedAt, 20, t.app.get(CalendarService).lookup).due.getTime());
    });

    it('transfers to another department; the worker sees where it went and can rate', async () => {
      const w = await worker();
      const c = await file(w);
      await post(officerSM, `/api/claims/${c.id}/accept`);
      const res = await post(officerSM, `/api/claims/${c.id}/transfer`, { department: 'arbitration', note: '调解不成，已协助准备仲裁材料' });
      expect(res.json()).toMatchObject({ status: 'transferred', department: 'arbitration', outcome: 'referred' });
      const seen = (await get(w, `/api/claims/${c.id}`)).json();
      expect(seen.timeline.at(-1).note).toContain('劳动人事争议仲裁委员会');
      expect(seen.actions).toEqual(['rate']);
      expect((await post(officerSM, `/api/claims/${c.id}/transfer`, { department: 'bogus', note: '再转' })).statusCode).toBe(400);
    });

    it('assigns only to officers of the owning org', async () => {
      const c = await file(await worker());
      const bad = await post(officerSM, `/api/claims/${c.id}/assign`, { assigneeId: officerHL.user.id });
      expect(bad.statusCode).toBe(400);
      const colleague = await devLogin(t.app, 'claim-officer-sm-2', ['officer'], 'XM-SM');
      const ok = await post(officerSM, `/api/claims/${c.id}/assign`, { assigneeId: colleague.user.id });
      expect(ok.json().assigneeId).toBe(colleague.user.id);
      expect(ok.json().timeline.at(-1)).toMatchObject({ kind: 'assign', visibleToWorker: false });
    });
  });

  describe('queues', () => {
    it('filters overdue claims in SQL with the same rule as the detail view', async () => {
      const c = await file(await worker());
      const past = new Date(Date.now() - 3600_000);
      await t.ds.getRepository(Claim).update({ id: c.id }, { firstResponseDueAt: past, dueAt: past });
      const overdue = (await get(officerSM, '/api/claims?overdue=true')).json().items;
      expect(overdue.map((x: { id: string }) => x.id)).toContain(c.id);
      expect(overdue.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
      const fine = (await get(officerSM, '/api/claims?overdue=false')).json().items;
      expect(fine.map((x: { id: string }) => x.id)).not.toContain(c.id);
      expect(fine.every((x: { overdue: boolean }) => !x.overdue)).toBe(true);
      expect((await get(officerHL, '/api/claims?overdue=true')).json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    });

    it('a retry of a filed claim with the same Idempotency-Key files it once', async () => {
      const w = await worker();
      const a = await post(w, '/api/claims', claimBody(), { 'idempotency-key': 'claim-retry-0001' });
      const b = await post(w, '/api/claims', claimBody(), { 'idempotency-key': 'claim-retry-0001' });
      expect(b.body).toBe(a.body);
      expect((await get(w, '/api/claims/mine')).json()).toHaveLength(1);
    });

    it('validates every field with Chinese messages', async () => {
      const res = await post(await worker(), '/api/claims', { category: 'x', employerName: '', amountFen: 1.5, description: 'a'.repeat(2001), contactPreference: 'fax' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['amountFen', 'category', 'contactPreference', 'description', 'employerName']);
    });
  });

  describe('evidence photos', () => {
    it('takes photos only from the file field, on the claims and the wishes uploads alike', async () => {
      const w = await worker();
      const other = multipart([{ field: 'photo', filename: 'receipt.png', type: 'image/png', content: PNG_1PX }]);
      for (const url of ['/api/claims/attachments', '/api/wishes/photos']) {
        const res = await t.app.inject({ method: 'POST', url, headers: { ...w.auth, ...other.headers }, payload: other.payload });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'photo', message: '照片请放在 file 字段上传' }] });
      }
    });

    it('accepts images by content, refuses a lying extension and oversize files, serves them only to those allowed', async () => {
      const w = await worker();
      const png = multipart([{ filename: 'receipt.png', type: 'image/png', content: PNG_1PX }]);
      const up = await t.app.inject({ method: 'POST', url: '/api/claims/attachments', headers: { ...w.auth, ...png.headers }, payload: png.payload });
      expect(up.statusCode).toBe(201);
      const [photo] = up.json();
      expect(photo).toMatchObject({ mime: 'image/png', size: PNG_1PX.length });

      const liar = multipart([{ filename: 'evil.jpg', type: 'image/jpeg', content: Buffer.from('#!/bin/sh\necho pwned\n') }]);
      const bad = await t.app.inject({ method: 'POST', url: '/api/claims/attachments', headers: { ...w.auth, ...liar.headers }, payload: liar.payload });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].message).toContain('JPEG、PNG 或 WebP');

      const big = multipart([{ filename: 'big.png', type: 'image/png', content: Buffer.concat([PNG_1PX, Buffer.alloc(5 * 1024 * 1024)]) }]);
      const tooBig = await t.app.inject({ method: 'POST', url: '/api/claims/attachments', headers: { ...w.auth, ...big.headers }, payload: big.payload });
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().code).toBe('ATTACHMENT_TOO_LARGE');

      const json = await post(w, '/api/claims/attachments', { file: 'x' });
      expect(json.statusCode).toBe(415);

      const c = await file(w, { attachmentIds: [photo.id] });
      expect(c.attachmentIds).toEqual([photo.id]);
      const mine = await get(w, `/api/claims/attachments/${photo.id}`);
      expect(mine.statusCode).toBe(200);
      expect(mine.rawPayload.equals(PNG_1PX)).toBe(true);
      expect((await get(officerSM, `/api/claims/attachments/${photo.id}`)).statusCode).toBe(200);
      expect((await get(officerHL, `/api/claims/attachments/${photo.id}`)).statusCode).toBe(404);
      expect((await get(await worker(), `/api/claims/attachments/${photo.id}`)).statusCode).toBe(404);

      // one photo, one claim; and nobody attaches another user's photo
      expect((await post(w, '/api/claims', claimBody({ attachmentIds: [photo.id] }))).statusCode).toBe(400);
      expect((await post(await worker(), '/api/claims', claimBody({ attachmentIds: [photo.id] }))).statusCode).toBe(400);
    });
  });

  describe('calendar', () => {
    it('serves the official days, estimates years without data, and lets only admins edit', async () => {
      const days = (await t.app.inject({ method: 'GET', url: '/api/calendar?from=2026-09-30&to=2026-10-10' })).json();
      const byDate = Object.fromEntries(days.map((d: { date: string; workday: boolean }) => [d.date, d.workday]));
      expect(byDate['2026-09-30']).toBe(true);
      expect(byDate['2026-10-01']).toBe(false);
      expect(byDate['2026-10-08']).toBe(true);
      expect(byDate['2026-10-10']).toBe(true);
      const future = (await t.app.inject({ method: 'GET', url: '/api/calendar?from=2027-01-01&to=2027-01-01' })).json();
      expect(future[0]).toMatchObject({ workday: true, estimated: true });

      expect((await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-31', headers: officerSM.auth, payload: { workday: false } })).statusCode).toBe(403);
      const put = await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-12-31', headers: admin.auth, payload: { workday: false, note: '示例调整' } });
      expect(put.json()).toEqual({ date: '2026-12-31', workday: false, note: '示例调整', estimated: false });
      expect(t.app.get(CalendarService).lookup('2026-12-31')).toBe(false);
      const bad = await t.app.inject({ method: 'PUT', url: '/api/calendar/days/2026-02-30', headers: admin.auth, payload: { workday: false } });
      expect(bad.statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: '/api/calendar?from=2026-01-01&to=2027-06-01' })).statusCode).toBe(400);
    });
  });
});
