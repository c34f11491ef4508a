import type { NoticeParams } from '@nuanxin/shared';
import { TransactionService } from '../src/database/transaction.service';
import { NotificationsModule } from '../src/notifications/notifications.module';
import { NotificationsService } from '../src/notifications/notifications.service';
import { OutboxMessage } from '../src/notifications/outbox-message.entity';
import { SubscribeCredit } from '../src/notifications/subscribe-credit.entity';
import { WechatChannelService } from '../src/notifications/wechat-channel.service';
import { UsersService } from '../src/users/users.service';
import { startFakeWechat, type FakeWechat } from './fakes/fake-wechat';
import { createMedium, type Medium } from './helpers/medium';

const TPL = 'tpl-claim-progress-01';
const WISH_TPL = 'tpl-wish-progress-001';

/** The WeChat channel against the real database and a fake WeChat, without HTTP: notify → outbox → drain. */
describe('the WeChat channel (medium tier)', () => {
  let m: Medium;
  let wx: FakeWechat;
  let n = 0;
  const outbox = () => m.ds.getRepository(OutboxMessage);
  const credits = (userId: string) => m.ds.getRepository(SubscribeCredit).findOneByOrFail({ userId, templateId: TPL });
  const later = () => new Date(Date.now() + 1000);
  const drain = (at = later()) => m.get(WechatChannelService).drain(at);

  /** A weapp rider holding `credits` claim-progress credits, here and at WeChat. */
  const rider = async (credits = 1) => {
    const openid = `o-medium-${++n}`;
    const user = await m.get(UsersService).createWithWorkerRole({ openid });
    if (credits) {
      for (let i = 0; i < credits; i++) await m.get(NotificationsService).recordSubscriptions(user.id, { [TPL]: 'accept' });
      wx.grantCredit(openid, TPL, credits);
    }
    return { id: user.id, openid };
  };
  const tell = (userIds: string[], note: string, ref = `ref-${++n}`) => {
    const params: NoticeParams<'claim.reply'> = { claimId: 'c0ffee00-0000-4000-8000-00000000000a', number: 'XM2026000777', status: 'in_progress', note };
    return m.get(TransactionService).run((em) => m.get(NotificationsService).notify(em, 'claim.reply', userIds, params, { ref }));
  };

  beforeAll(async () => {
    wx = await startFakeWechat();
    m = await createMedium([NotificationsModule], {
      WECHAT_APPID: 'wx-test-appid',
      WECHAT_SECRET: 'test-secret',
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_TEMPLATE_CLAIM_PROGRESS: TPL,
      WECHAT_TEMPLATE_WISH_PROGRESS: WISH_TPL,
    });
  });
  afterAll(async () => {
    await m.close();
    await wx.close();
  });
  beforeEach(() => drain()); // each test starts with nothing due

  it('sends what a credit holder was told, with the fields the catalogue made, once', async () => {
    const r = await rider();
    await tell([r.id], '已联系站点负责人，明天下午给你答复');
    expect(await drain()).toEqual({ sent: 1, skipped: 0, failed: 0, retrying: 0 });
    const d = wx.deliveries.filter((x) => x.touser === r.openid);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ template_id: TPL, page: 'pages/claims/detail?id=c0ffee00-0000-4000-8000-00000000000a', miniprogram_state: 'formal' });
    expect(d[0].data).toEqual({ character_string1: { value: 'XM2026000777' }, phrase2: { value: '调解中' }, thing3: { value: '已联系站点负责人，明天下午给你答复' }, time4: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) } });
    expect((await credits(r.id)).credits).toBe(0);
    expect(await drain()).toEqual({ sent: 0, skipped: 0, failed: 0, retrying: 0 });
  });

  it('queues nothing for those without a credit', async () => {
    const none = await rider(0);
    const holder = await rider(1);
    await tell([none.id, holder.id], '两人中只有一人允许了订阅');
    expect((await outbox().findBy({ kind: 'claim.reply' })).filter((o) => o.userId === none.id)).toEqual([]);
    expect(await outbox().countBy({ userId: holder.id })).toBe(1);
  });

  it('43101 spends the credit and is final', async () => {
    const r = await rider();
    wx.failNextSends(43101);
    await tell([r.id], '答复');
    expect(await drain()).toMatchObject({ failed: 1 });
    expect(await outbox().findOneByOrFail({ userId: r.id })).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/^43101/) });
    expect((await credits(r.id)).credits).toBe(0);
  });

  it('a busy WeChat is retried later with the credit kept, then sent; after five tries it gives up', async () => {
    const r = await rider();
    wx.failNextSends(-1);
    await tell([r.id], '答复');
    expect(await drain()).toMatchObject({ retrying: 1 });
    const waiting = await outbox().findOneByOrFail({ userId: r.id });
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect((await credits(r.id)).credits).toBe(1);
    expect(await drain()).toMatchObject({ sent: 0, retrying: 0 }); // not due yet
    expect(await drain(new Date(waiting.nextAttemptAt.getTime() + 1))).toMatchObject({ sent: 1 });

    const s = await rider();
    wx.failNextSends(-1, 5);
    await tell([s.id], '答复');
    let at = later();
    for (let i = 0; i < 5; i++) {
      await drain(at);
      at = new Date((await outbox().findOneByOrFail({ userId: s.id })).nextAttemptAt.getTime() + 1);
    }
    expect(await outbox().findOneByOrFail({ userId: s.id })).toMatchObject({ state: 'failed', attempts: 5 });
    expect(wx.deliveries.some((d) => d.touser === s.openid)).toBe(false);
  });

  it('a field WeChat refuses (47003) is logged as our bug, not retried', async () => {
    const r = await rider();
    wx.failNextSends(47003);
    await tell([r.id], '答复');
    expect(await drain()).toMatchObject({ failed: 1 });
    expect((await outbox().findOneByOrFail({ userId: r.id })).lastError).toMatch(/^47003/);
    expect((await credits(r.id)).credits).toBe(1);
  });

  it('renews a refused token through stable_token, keeps it in the database for every replica, and sends once', async () => {
    const r = await rider();
    await tell([r.id], '答复');
    wx.expireTokens();
    const calls = wx.tokenCalls;
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(wx.tokenCalls).toBe(calls + 1);
    expect(wx.sendAttempts.filter((a) => a.touser === r.openid).map((a) => a.errcode)).toEqual([40001, 0]);
    const stored = await m.ds.query('SELECT accessToken FROM wechat_tokens');
    expect(stored).toHaveLength(1);
    // encrypted at rest: the row does not hold the token WeChat issued
    expect(String(stored[0].accessToken)).not.toMatch(/^stable-/);
  });

  it('a message whose credit was spent meanwhile is skipped, never sent', async () => {
    const r = await rider();
    await tell([r.id], '答复');
    await m.ds.getRepository(SubscribeCredit).update({ userId: r.id }, { credits: 0 });
    expect(await drain()).toMatchObject({ skipped: 1, sent: 0 });
    expect(wx.sendAttempts.some((a) => a.touser === r.openid)).toBe(false);
  });

  it('two drains at once send each message once', async () => {
    const riders = await Promise.all([1, 2, 3, 4, 5].map(() => rider()));
    for (const r of riders) await tell([r.id], '并发');
    const channel = m.get(WechatChannelService);
    const at = later();
    const [a, b] = await Promise.all([channel.drain(at), channel.drain(at)]);
    expect(a.sent + b.sent).toBe(5);
    for (const r of riders) expect(wx.deliveries.filter((d) => d.touser === r.openid)).toHaveLength(1);
  });

  it('a claim whose replica died mid-send is taken over once its lease ran out', async () => {
    const r = await rider();
    await tell([r.id], '接管');
    const row = await outbox().findOneByOrFail({ userId: r.id });
    // as if a replica claimed it and died: sending, lease already past
    await outbox().update({ id: row.id }, { state: 'sending', attempts: 1, leaseUntil: new Date(Date.now() - 1) });
    expect(await drain()).toMatchObject({ sent: 1 });
    expect(await outbox().findOneByOrFail({ id: row.id })).toMatchObject({ state: 'sent', attempts: 2 });
    // a live claim (lease ahead) is left alone
    const s = await rider();
    await tell([s.id], '未到期');
    const live = await outbox().findOneByOrFail({ userId: s.id });
    await outbox().update({ id: live.id }, { state: 'sending', attempts: 1, leaseUntil: new Date(Date.now() + 60_000) });
    expect(await drain()).toMatchObject({ sent: 0 });
  });

  it('counts every accept under concurrency: many first credits at once, and one user tapping many times', async () => {
    const notifications = m.get(NotificationsService);
    const users = await Promise.all(Array.from({ length: 12 }, () => m.get(UsersService).createWithWorkerRole({ openid: `o-medium-c${++n}` })));
    await Promise.all(users.map((u) => notifications.recordSubscriptions(u.id, { [TPL]: 'accept' })));
    for (const u of users) expect((await credits(u.id)).credits).toBe(1);
    const one = users[0];
    await Promise.all(Array.from({ length: 10 }, () => notifications.recordSubscriptions(one.id, { [TPL]: 'accept' })));
    expect((await credits(one.id)).credits).toBe(11);
  });

  it('a wish step reaches a wisher who allowed 心愿进度通知, with the wish and its status', async () => {
    const user = await m.get(UsersService).createWithWorkerRole({ openid: `o-medium-wish-${++n}` });
    await m.get(NotificationsService).recordSubscriptions(user.id, { [WISH_TPL]: 'accept' });
    wx.grantCredit(user.openid!, WISH_TPL);
    const wish = { wishId: 'c0ffee00-0000-4000-8000-0000000000aa', number: 'XY2026000001', title: '给孩子买一套练习册' };
    await m.get(TransactionService).run((em) => m.get(NotificationsService).notify(em, 'wish.claimed', [user.id], { ...wish, donor: '顺丰爱心车队' }, { ref: 'wish-claim-1' }));
    expect(await drain()).toMatchObject({ sent: 1 });
    const d = wx.deliveries.find((x) => x.touser === user.openid)!;
    expect(d).toMatchObject({ template_id: WISH_TPL, page: `pages/wish/detail?id=${wish.wishId}` });
    expect(d.data).toMatchObject({ thing1: { value: '给孩子买一套练习册' }, phrase2: { value: '已认领' }, thing3: { value: '由顺丰爱心车队认领' } });
  });
});
