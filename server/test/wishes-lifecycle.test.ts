import { CalendarService } from '../src/calendar/calendar.service';
import { AppConfig } from '../src/config/app-config';
import { Scheduler } from '../src/jobs/scheduler.service';
import { WechatChannelService } from '../src/notifications/wechat-channel.service';
import { Station } from '../src/stations/station.entity';
import { Wish } from '../src/wishes/wish.entity';
import { startFakeWechat, type FakeWechat } from './fakes/fake-wechat';
import { claimsHelpers } from './helpers/claims';
import { makeApplication } from './helpers/factories';
import { multipart, PNG_1PX } from './helpers/multipart';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

const DAY = 86400_000;
const WISH_TPL = 'tpl-wish-progress-001';

/**
 * A wish back on the wall keeps its first publish date (what the wall shows as posted) and gets a fresh 30 days
 * there; the officers' publish→fulfil days count from that first date. And a wish's steps reach WeChat like a
 * claim's: the wisher who allowed 心愿进度通知 when posting gets a subscribe message. Officers follow their subtree's
 * handovers and close one left unconfirmed 14 days after handover, with a note both sides see on the timeline.
 */
describe('micro-wishes: the wall clock after a release, WeChat notices, the officers\' handover list', () => {
  let t: TestApp;
  let wx: FakeWechat;
  let officerMT: Session, officerSM: Session, officerHL: Session;
  let stationId: string;
  const { post, get, member, worker } = claimsHelpers(() => t, 'wish-clock');
  const ok = async (s: Session, url: string, payload: object = {}) => {
    const res = await post(s, url, payload);
    if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const body = { category: 'daily', title: '一件冬天的棉外套', story: '冬天跑单风大，想要一件厚实的棉外套，谢谢。', valueFen: 15000 };
  const published = async (owner?: Session) => {
    const w = owner ?? (await member('XM-MT'));
    const wish = await ok(w, '/api/wishes', { ...body, stationId });
    await ok(officerMT, `/api/wishes/${wish.id}/approve`);
    return { owner: w, id: wish.id as string };
  };
  /** Moves the wish's first publication (and its wall clock) `days` into the past. */
  const publishedDaysAgo = (id: string, days: number) => {
    const at = new Date(Date.now() - days * DAY);
    return t.ds.getRepository(Wish).update({ id }, { decidedAt: at, publishedAt: at, postedAt: new Date(at.getTime() - DAY) });
  };
  const runJobs = async (at: Date) => {
    await t.app.get(Scheduler).runNow('wishes', at);
    await t.app.get(Scheduler).runNow('wishes', new Date(at.getTime() + t.app.get(AppConfig).HOUSEKEEPING_EVERY_MS));
  };
  const status = async (id: string) => (await t.ds.getRepository(Wish).findOneByOrFail({ id })).status;

  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await createTestApp({
      JOBS_ENABLED: 'false',
      STORAGE_DIR: `/tmp/nuanxin-test-storage-${process.pid}-${Date.now()}`,
      WECHAT_APPID: 'wx-test-appid',
      WECHAT_SECRET: 'test-secret',
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_TEMPLATE_WISH_PROGRESS: WISH_TPL,
    });
    officerMT = await devLogin(t.app, 'demo-officer-mt');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    stationId = (await t.ds.getRepository(Station).findOneByOrFail({ name: '中山路工会驿站' })).id;
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  it('released by its donor: the posted date stays the first one, its 30 days on the wall start again', async () => {
    const { id } = await published();
    await publishedDaysAgo(id, 20);
    const first = (await get(officerMT, `/api/wishes/${id}`)).json().publishedAt as string;
    const d = await worker();
    await ok(d, `/api/wishes/${id}/claim`, { donorType: 'volunteer' });
    const released = await ok(d, `/api/wishes/${id}/release`);
    expect(released.status).toBe('published');

    const seen = (await get(await worker(), `/api/wishes/${id}`)).json();
    expect(seen.publishedAt).toBe(first);
    expect(Date.parse(seen.wallUntil) - Date.now()).toBeGreaterThan(29 * DAY);
    const onWall = (await t.app.inject({ method: 'GET', url: '/api/wishes/wall?filter=open' })).json().items.find((w: { id: string }) => w.id === id);
    expect(onWall).toMatchObject({ publishedAt: first, wallUntil: seen.wallUntil });

    // 31 days after the first publication it is still on the wall (11 days after the release) …
    await runJobs(new Date(Date.now() + 11 * DAY));
    expect(await status(id)).toBe('published');
    // … and leaves it 30 days after going back up
    await runJobs(new Date(Date.now() + 31 * DAY));
    expect(await status(id)).toBe('expired');
  });

  it('released by the hold-expiry job: the same — first date shown, a fresh 30 days from the release', async () => {
    const { id } = await published();
    await publishedDaysAgo(id, 25);
    const first = (await get(officerMT, `/api/wishes/${id}`)).json().publishedAt as string;
    const d = await worker();
    await ok(d, `/api/wishes/${id}/claim`, { donorType: 'person' });
    const releasedAt = new Date(Date.now() + 8 * DAY);
    await runJobs(releasedAt);
    expect(await status(id)).toBe('published');
    const seen = (await get(officerMT, `/api/wishes/${id}`)).json();
    expect(seen.publishedAt).toBe(first);
    expect(Date.parse(seen.wallUntil)).toBe(releasedAt.getTime() + 30 * DAY);
    await runJobs(new Date(releasedAt.getTime() + 29 * DAY));
    expect(await status(id)).toBe('published');
    await runJobs(new Date(releasedAt.getTime() + 31 * DAY));
    expect(await status(id)).toBe('expired');
  });

  it('the officers\' median days publish→fulfil count from the first publication, not from a re-publication', async () => {
    const statsBefore = (await get(officerMT, '/api/wishes/stats?orgCode=XM-MT')).json();
    expect(statsBefore.fulfilled).toBe(0);
    const { owner, id } = await published();
    await publishedDaysAgo(id, 10);
    const d1 = await worker();
    await ok(d1, `/api/wishes/${id}/claim`, { donorType: 'person' });
    await ok(d1, `/api/wishes/${id}/release`);
    const d2 = await worker();
    await ok(d2, `/api/wishes/${id}/claim`, { donorType: 'company', displayName: '某某物流' });
    const m = multipart([{ filename: 'p.png', type: 'image/png', content: PNG_1PX }]);
    const photo = await t.app.inject({ method: 'POST', url: '/api/wishes/photos', headers: { ...d2.auth, ...m.headers }, payload: m.payload });
    await ok(d2, `/api/wishes/${id}/deliver`, { handover: 'direct', photoId: photo.json().id });
    await ok(owner, `/api/wishes/${id}/confirm`, { thanks: '收到了，很暖和' });
    const stats = (await get(officerMT, '/api/wishes/stats?orgCode=XM-MT')).json();
    expect(stats.fulfilled).toBe(1);
    expect(stats.medianDaysToFulfil).toBe(10);
  });

  it('a wish step reaches the wisher on WeChat (心愿进度通知) when they allowed it while posting', async () => {
    const owner = await devLogin(t.app, 'o-wish-wechat');
    expect((await post(owner, '/api/memberships/applications', makeApplication('XM-MT'))).json().card).toBeTruthy();
    // the consent the mini-program asks for on the 发心愿 tap, then WeChat's own record of it
    expect((await post(owner, '/api/notifications/subscriptions', { results: { [WISH_TPL]: 'accept' } })).statusCode).toBe(200);
    wx.grantCredit('o-wish-wechat', WISH_TPL);
    const { id } = await published(owner);
    const sent = await t.app.get(WechatChannelService).drain(new Date(Date.now() + 1000));
    expect(sent.sent).toBeGreaterThanOrEqual(1);
    const mine = wx.deliveries.filter((x) => x.touser === 'o-wish-wechat');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ template_id: WISH_TPL, page: `pages/wish/detail?id=${id}` });
    expect(mine[0].data).toMatchObject({ thing1: { value: body.title }, phrase2: { value: '已上墙' }, thing3: { value: '等待爱心人士认领' } });
  });

  it('officers list their subtree\'s handovers (longest waiting first) and close one unconfirmed 14 days after handover; both sides see the note', async () => {
    const { owner, id } = await published();
    const d = await worker();
    await ok(d, `/api/wishes/${id}/claim`, { donorType: 'cadre', displayName: '区总工会李干部' });
    const listed = async (s: Session) => ((await get(s, '/api/wishes/handovers')).json() as Array<{ id: string; actions: string[]; status: string }>).find((w) => w.id === id);
    expect(await listed(officerMT)).toMatchObject({ status: 'claimed', actions: [] });
    expect(await listed(officerSM)).toBeTruthy();
    expect(await listed(officerHL)).toBeUndefined();
    expect((await get(d, '/api/wishes/handovers')).statusCode).toBe(403);

    const m = multipart([{ filename: 'p.png', type: 'image/png', content: PNG_1PX }]);
    const photo = await t.app.inject({ method: 'POST', url: '/api/wishes/photos', headers: { ...d.auth, ...m.headers }, payload: m.payload });
    await ok(d, `/api/wishes/${id}/deliver`, { handover: 'direct', photoId: photo.json().id });
    expect((await listed(officerMT))?.actions).toEqual([]);
    expect((await post(officerMT, `/api/wishes/${id}/close`, { note: '已电话联系' })).statusCode).toBe(409);
    await t.ds.getRepository(Wish).update({ id }, { deliveredAt: new Date(Date.now() - 15 * DAY) });
    expect((await listed(officerMT))?.actions).toEqual(['close']);
    // the wish is on the wall (已认领), so another district's officer may look at it but not close it
    expect((await post(officerHL, `/api/wishes/${id}/close`, { note: '已电话联系' })).statusCode).toBe(403);
    expect((await post(officerMT, `/api/wishes/${id}/close`, {})).statusCode).toBe(400);
    const note = '已电话联系心愿人，确认收到，代为关闭';
    expect((await ok(officerMT, `/api/wishes/${id}/close`, { note })).status).toBe('closed');
    expect(await listed(officerMT)).toBeUndefined();
    for (const s of [owner, d]) {
      const seen = (await get(s, `/api/wishes/${id}`)).json();
      expect(seen.status).toBe('closed');
      expect(seen.timeline.at(-1)).toMatchObject({ kind: 'close', by: 'officer', note });
      expect(seen.timeline.map((e: { kind: string }) => e.kind)).toEqual(['posted', 'approve', 'claim', 'deliver', 'close']);
    }
  });

  it('screening goes to the officers of the wisher\'s union, or up the tree when it has none, due in 3 working days on the calendar', async () => {
    const w = await member('XM-SM-XJY'); // 思明区新就业形态劳动者联合工会: no officers of its own
    const wish = await ok(w, '/api/wishes', { ...body, stationId });
    const queued = async (s: Session) => ((await get(s, '/api/wishes/queue')).json().items as Array<{ id: string; org: { code: string }; screeningDueAt: string }>).find((x) => x.id === wish.id);
    const seen = await queued(officerSM);
    expect(seen?.org.code).toBe('XM-SM');
    expect(await queued(officerMT)).toBeUndefined();
    expect(await queued(officerHL)).toBeUndefined();
    const due = t.app.get(CalendarService).addWorkingDays(new Date(wish.postedAt), 3).due;
    expect(seen?.screeningDueAt).toBe(due.toISOString());
    expect((await post(officerMT, `/api/wishes/${wish.id}/approve`, {})).statusCode).toBe(404);
    expect((await ok(officerSM, `/api/wishes/${wish.id}/approve`)).status).toBe('published');
  });
});
