import { WECHAT_TEMPLATES } from '@nuanxin/shared';
import { DataSource } from 'typeorm';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { NotificationsService } from '../src/notifications/notifications.service';
import { OutboxMessage } from '../src/notifications/outbox-message.entity';
import { SubscribeCredit } from '../src/notifications/subscribe-credit.entity';
import { WechatChannelService } from '../src/notifications/wechat-channel.service';
import { TransactionService } from '../src/database/transaction.service';
import { startFakeWechat, type FakeWechat } from './fakes/fake-wechat';
import { claimsHelpers, loginClaimStaff, type ClaimStaff } from './helpers/claims';
import { makeApplication } from './helpers/factories';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

const TPL = { claim: 'tpl-claim-progress-01', join: 'tpl-join-result-0001', event: 'tpl-event-change-001', wish: 'tpl-wish-progress-001' };

describe('the mailroom: 消息, subscribe credits and the WeChat channel', () => {
  let t: TestApp;
  let wx: FakeWechat;
  let staff: ClaimStaff;
  const h = claimsHelpers(() => t, 'mail-w');
  const inbox = async (s: Session, cursor?: string) => (await h.get(s, `/api/inbox${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
  const unread = async (s: Session) => (await h.get(s, '/api/inbox/unread-count')).json().unread as number;
  const outbox = () => t.ds.getRepository(OutboxMessage);
  const drain = () => t.app.get(WechatChannelService).drain(new Date(Date.now() + 1000));
  /** A weapp rider (openid `o-<name>`) who allowed `n` claim-progress messages. */
  const weappRider = async (name: string, n = 1) => {
    const s = await devLogin(t.app, `o-${name}`);
    if (n) {
      const res = await h.post(s, '/api/notifications/subscriptions', { results: { [TPL.claim]: 'accept' } });
      expect(res.statusCode).toBe(200);
      for (let i = 1; i < n; i++) await h.post(s, '/api/notifications/subscriptions', { results: { [TPL.claim]: 'accept' } });
      wx.grantCredit(`o-${name}`, TPL.claim, n);
    }
    return s;
  };

  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await createTestApp({
      WECHAT_APPID: 'wx-test-appid',
      WECHAT_SECRET: 'test-secret',
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_TEMPLATE_CLAIM_PROGRESS: TPL.claim,
      WECHAT_TEMPLATE_JOIN_RESULT: TPL.join,
      WECHAT_TEMPLATE_EVENT_CHANGE: TPL.event,
      WECHAT_TEMPLATE_WISH_PROGRESS: TPL.wish,
      WECHAT_MINIPROGRAM_STATE: 'trial',
      JOBS_ENABLED: 'false',
    });
    staff = await loginClaimStaff(t, 'mail-jl');
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  describe('消息 (the inbox)', () => {
    it('pages newest first by 20 with a cursor, counts unread in one call, marks one and all read', async () => {
      const w = await h.worker();
      const claim = await h.file(w);
      // accept + 22 replies = 23 notices to the worker, newest first
      await h.ok(staff.officerSM, `/api/claims/${claim.id}/accept`);
      for (let i = 1; i <= 22; i++) await h.ok(staff.officerSM, `/api/claims/${claim.id}/reply`, { text: `第 ${i} 次答复：正在联系站点` });
      const first = await inbox(w);
      expect(first.unread).toBe(23);
      expect(first.items).toHaveLength(20);
      expect(first.items[0]).toMatchObject({ kind: 'claim.reply', body: '第 22 次答复：正在联系站点', link: `/pages/claims/detail?id=${claim.id}`, readAt: null });
      const second = await inbox(w, first.nextCursor);
      expect(second.items.map((m: { body: string }) => m.body)).toEqual(['第 2 次答复：正在联系站点', '第 1 次答复：正在联系站点', expect.stringContaining('已受理')]);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...first.items, ...second.items].map((m: { id: string }) => m.id)).size).toBe(23);
      expect(await unread(w)).toBe(23);

      const read = await h.post(w, `/api/inbox/${first.items[0].id}/read`);
      expect(read.statusCode).toBe(200);
      expect(read.json().readAt).not.toBeNull();
      expect(await unread(w)).toBe(22);
      const all = await h.post(w, '/api/inbox/read-all');
      expect(all.json()).toEqual({ unread: 0 });
      expect((await inbox(w)).items.every((m: { readAt: string | null }) => m.readAt !== null)).toBe(true);
    });

    it('nobody reads or marks another person\'s messages', async () => {
      const w = await h.worker();
      const other = await h.worker();
      await h.file(w);
      const mine = (await inbox(staff.officerSM)).items[0];
      expect((await h.post(other, `/api/inbox/${mine.id}/read`)).statusCode).toBe(404);
      expect((await h.post(w, `/api/inbox/${mine.id}/read`)).statusCode).toBe(404);
      expect((await inbox(other)).items).toEqual([]);
      expect(await unread(other)).toBe(0);
      await h.post(other, '/api/inbox/read-all');
      expect((await t.ds.getRepository(InboxMessage).findOneByOrFail({ id: mine.id })).readAt).toBeNull();
    });

    it('refuses a forged cursor with a field error, and anonymous callers', async () => {
      const w = await h.worker();
      const bad = await h.get(w, '/api/inbox?cursor=bm90LWEtY3Vyc29y');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'cursor' }] });
      expect((await t.app.inject({ method: 'GET', url: '/api/inbox/unread-count' })).statusCode).toBe(401);
    });
  });

  describe('notify: one catalogue, in the caller\'s transaction, once per action', () => {
    it('a rolled-back action leaves neither an inbox row nor an outbox row', async () => {
      const w = await weappRider('rollback');
      const notifications = t.app.get(NotificationsService);
      const before = { inbox: await t.ds.getRepository(InboxMessage).countBy({ userId: w.user.id }), outbox: await outbox().countBy({ userId: w.user.id }) };
      await expect(
        t.app.get(TransactionService).run(async (em) => {
          await notifications.notify(em, 'claim.reply', [w.user.id], { claimId: w.user.id, number: 'XM2026999999', status: 'in_progress', note: '不会送达' }, { ref: 'rollback-test' });
          throw new Error('the action failed after notifying');
        }),
      ).rejects.toThrow('the action failed');
      expect(await t.ds.getRepository(InboxMessage).countBy({ userId: w.user.id })).toBe(before.inbox);
      expect(await outbox().countBy({ userId: w.user.id })).toBe(before.outbox);
    });

    it('the same action told twice writes once, in 消息 and in the outbox', async () => {
      const w = await weappRider('dedupe');
      const notifications = t.app.get(NotificationsService);
      const tx = t.app.get(TransactionService);
      const send = () => tx.run((em) => notifications.notify(em, 'claim.reply', [w.user.id, w.user.id], { claimId: w.user.id, number: 'XM2026999998', status: 'in_progress', note: '只说一次' }, { ref: 'dedupe-event' }));
      await send();
      await send();
      expect(await t.ds.getRepository(InboxMessage).countBy({ userId: w.user.id, body: '只说一次' })).toBe(1);
      expect(await outbox().countBy({ userId: w.user.id, kind: 'claim.reply' })).toBe(1);
    });

    it('an officer step reaches the worker in 消息 and, for a weapp worker with a credit, by one WeChat message', async () => {
      await drain(); // what earlier tests left queued
      const w = await weappRider('reply', 2);
      const h5 = await h.worker(); // logged in on H5 only: no openid the channel can use, no credit
      const claim = await h.file(w);
      const claimH5 = await h.file(h5);
      const sentBefore = wx.deliveries.length;
      await h.ok(staff.officerSM, `/api/claims/${claim.id}/accept`);
      await h.ok(staff.officerSM, `/api/claims/${claim.id}/reply`, { text: '已联系站点负责人，明天下午给你答复，请保持电话畅通' });
      await h.ok(staff.officerSM, `/api/claims/${claimH5.id}/accept`);
      // the internal note is not told to the worker at all
      await h.ok(staff.officerSM, `/api/claims/${claim.id}/notes`, { text: '内部：先核实排班' });
      expect((await outbox().findBy({ userId: h5.user.id })).length).toBe(0);
      const queued = await outbox().findBy({ userId: w.user.id, state: 'pending' });
      expect(queued.map((r) => r.kind).sort()).toEqual(['claim.accept', 'claim.reply']);

      expect(await drain()).toMatchObject({ sent: 2, failed: 0 });
      const mine = wx.deliveries.slice(sentBefore).filter((d) => d.touser === 'o-reply');
      expect(mine).toHaveLength(2);
      const reply = mine.find((d) => d.data.phrase2.value === '调解中')!;
      expect(reply).toMatchObject({ template_id: TPL.claim, page: `pages/claims/detail?id=${claim.id}`, miniprogram_state: 'trial' });
      expect(reply.data.character_string1.value).toBe(claim.number);
      expect(WECHAT_TEMPLATES.claimProgress.fields.thing3).toBe('thing');
      expect(reply.data.thing3.value).toBe('已联系站点负责人，明天下午给你答复，请…');
      expect(await outbox().countBy({ userId: w.user.id, state: 'sent' })).toBe(2);
      expect((await t.ds.getRepository(SubscribeCredit).findOneByOrFail({ userId: w.user.id, templateId: TPL.claim })).credits).toBe(0);
      // nothing left: a second drain sends nothing more
      expect(await drain()).toEqual({ sent: 0, skipped: 0, failed: 0, retrying: 0 });
    });

    it('join decisions travel by the join template; a member who allowed none hears only in 消息', async () => {
      const w = await devLogin(t.app, 'o-joiner');
      await h.post(w, '/api/notifications/subscriptions', { results: { [TPL.join]: 'accept', [TPL.claim]: 'reject' } });
      wx.grantCredit('o-joiner', TPL.join);
      // XM-MT auto-approves: the approval notice is written in the applying transaction
      expect((await h.post(w, '/api/memberships/applications', makeApplication('XM-MT'))).statusCode).toBe(201);
      const [row] = await outbox().findBy({ userId: w.user.id });
      expect(row).toMatchObject({ kind: 'membership.approved', templateKey: 'joinResult', state: 'pending' });
      await drain();
      const d = wx.deliveries.find((x) => x.touser === 'o-joiner')!;
      expect(d).toMatchObject({ template_id: TPL.join, page: 'pages/card/index' });
      expect(d.data.phrase1.value).toBe('已通过');
    });
  });

  // The channel's own rules (43101, retries, token renewal, concurrent drains, takeover) are in notifications.medium.test.ts.

  describe('subscribe consent', () => {
    it('tells the mini-program which templates to ask for at each moment', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/notifications/templates' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ enabled: true, moments: { claim: [TPL.claim], join: [TPL.join], event: [TPL.event], wish: [TPL.wish] } });
    });

    it('counts one credit per accept, nothing for the other answers, and refuses unknown templates or answers', async () => {
      const w = await devLogin(t.app, 'o-consent');
      const res = await h.post(w, '/api/notifications/subscriptions', { results: { [TPL.claim]: 'accept', [TPL.join]: 'reject', [TPL.event]: 'ban' } });
      expect(res.json()).toEqual({ credits: { [TPL.claim]: 1, [TPL.join]: 0, [TPL.event]: 0 } });
      const again = await h.post(w, '/api/notifications/subscriptions', { results: { [TPL.claim]: 'accept' } });
      expect(again.json()).toEqual({ credits: { [TPL.claim]: 2 } });
      const unknown = await h.post(w, '/api/notifications/subscriptions', { results: { 'tpl-not-configured': 'accept' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors).toEqual([{ field: 'results.tpl-not-configured', message: expect.any(String) }]);
      for (const bad of [{ results: { [TPL.claim]: 'maybe' } }, { results: {} }, { results: 'accept' }, {}]) {
        const r = await h.post(w, '/api/notifications/subscriptions', bad);
        expect(r.statusCode).toBe(400);
        expect(r.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'results' }] });
      }
      expect((await t.ds.getRepository(SubscribeCredit).findOneByOrFail({ userId: w.user.id, templateId: TPL.claim })).credits).toBe(2);
    });

    it('a retried report with the same Idempotency-Key counts once', async () => {
      const w = await devLogin(t.app, 'o-idem');
      const headers = { 'idempotency-key': 'consent-retry-0001' };
      await h.post(w, '/api/notifications/subscriptions', { results: { [TPL.claim]: 'accept' } }, headers);
      const replay = await h.post(w, '/api/notifications/subscriptions', { results: { [TPL.claim]: 'accept' } }, headers);
      expect(replay.json()).toEqual({ credits: { [TPL.claim]: 1 } });
      expect((await t.ds.getRepository(SubscribeCredit).findOneByOrFail({ userId: w.user.id })).credits).toBe(1);
    });
  });
});

describe('without WeChat configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ WECHAT_TEMPLATE_CLAIM_PROGRESS: TPL.claim, JOBS_ENABLED: 'false' });
  });
  afterAll(() => t.close());

  it('asks for no consent, queues nothing for WeChat, and the inbox still works', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications/templates' })).json()).toEqual({ enabled: false, moments: { claim: [], join: [], event: [], wish: [] } });
    const h = claimsHelpers(() => t, 'nowx-w');
    const w = await devLogin(t.app, 'o-nowx');
    const officer = await devLogin(t.app, 'demo-officer-sm');
    const claim = await h.file(w);
    await h.ok(officer, `/api/claims/${claim.id}/accept`);
    expect((await h.get(w, '/api/inbox/unread-count')).json()).toEqual({ unread: 1 });
    expect(await t.app.get(DataSource).getRepository(OutboxMessage).count()).toBe(0);
  });
});
