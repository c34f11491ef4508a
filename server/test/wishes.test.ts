import { AppConfig } from '../src/config/app-config';
import { Scheduler } from '../src/jobs/scheduler.service';
import { InboxMessage } from '../src/notifications/inbox-message.entity';
import { Station } from '../src/stations/station.entity';
import { UsersService } from '../src/users/users.service';
import { WishEvent } from '../src/wishes/wish-event.entity';
import { Wish } from '../src/wishes/wish.entity';
import { claimsHelpers } from './helpers/claims';
import { makeApplication, makeIdNumber, makeMobile } from './helpers/factories';
import { multipart, PNG_1PX } from './helpers/multipart';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

const DAY = 86400_000;
/** Distinct surnames so each wisher's alias is theirs; the full names must never leave the wisher's own views. */
const NAMES = ['欧阳秀英', '司马建国', '上官婉清', '诸葛明亮', '东方红梅', '皇甫志强', '慕容晓燕', '令狐春生'];

describe('micro-wishes (微心愿)', () => {
  let t: TestApp;
  let officerMT: Session, officerSM: Session, officerHL: Session, master: Session, otherMaster: Session;
  let stationId: string, otherStationId: string;
  const { post, get, worker } = claimsHelpers(() => t, 'wish-user');
  /** Every body a donor, a station master or a passer-by received: scanned for personal data at the end. */
  const seenByOthers: string[] = [];
  const secrets: string[] = [];
  let n = 0;

  /** A new member of the Meituan union (auto-approved, screened by its officer) with a known name, mobile and ID number. */
  const wisher = async () => {
    const s = await worker();
    const name = NAMES[n++ % NAMES.length];
    const mobile = makeMobile();
    const idNumber = makeIdNumber();
    secrets.push(name, mobile, idNumber);
    const res = await post(s, '/api/memberships/applications', makeApplication('XM-MT', { name, mobile, idNumber, employer: '美团外卖厦门站' }));
    expect(res.json().card).toBeTruthy();
    return Object.assign(s, { name });
  };
  const wishBody = (o: Record<string, unknown> = {}) => ({ category: 'study', title: '给孩子的新书包', story: '孩子今年上小学，想给他买一个结实的新书包和一套文具。', valueFen: 12000, stationId, ...o });
  const ok = async (s: Session, url: string, payload: object = {}, headers: Record<string, string> = {}) => {
    const res = await post(s, url, payload, headers);
    if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const seen = async (s: Session, url: string) => {
    const res = await get(s, url);
    seenByOthers.push(res.body);
    return res;
  };
  const photo = async (s: Session) => {
    const { payload, headers } = multipart([{ filename: 'p.png', type: 'image/png', content: PNG_1PX }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/wishes/photos', headers: { ...s.auth, ...headers }, payload });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  /** A wish posted and approved: on the wall. */
  const published = async (w?: Session, o: Record<string, unknown> = {}) => {
    const owner = w ?? (await wisher());
    const wish = await ok(owner, '/api/wishes', wishBody(o));
    await ok(officerMT, `/api/wishes/${wish.id}/approve`);
    return { owner, id: wish.id as string };
  };
  const donor = () => worker();
  const inbox = (userId: string, kind: string) => t.ds.getRepository(InboxMessage).countBy({ userId, kind });
  const card = async (s: Session) => (await get(s, '/api/memberships/card')).json().token as string;

  beforeAll(async () => {
    t = await createTestApp({ JOBS_ENABLED: 'false', STORAGE_DIR: `/tmp/nuanxin-test-storage-${process.pid}-${Date.now()}` });
    officerMT = await devLogin(t.app, 'demo-officer-mt');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    officerHL = await devLogin(t.app, 'demo-officer-hl');
    master = await devLogin(t.app, 'demo-station-master');
    stationId = (await t.ds.getRepository(Station).findOneByOrFail({ name: '中山路工会驿站' })).id;
    otherStationId = (await t.ds.getRepository(Station).findOneByOrFail({ name: '湖里万达工会驿站' })).id;
    otherMaster = await devLogin(t.app, 'wish-other-master', ['station_master']);
    await t.app.get(UsersService).setGrants(otherMaster.user.id, [
      { role: 'worker', orgId: null },
      { role: 'station_master', orgId: null, scopeRef: otherStationId },
    ]);
  });
  afterAll(() => t.close());

  it('the whole way at a station: post → screen → wall → claim → deliver → receive → pickup with the card → confirm and thank → 已圆梦', async () => {
    const w = await wisher();
    const photoId = await photo(w);
    const posted = await ok(w, '/api/wishes', wishBody({ photoId, story: '孩子今年上小学，想要新书包。有事打我 139 1234 5678。' }));
    expect(posted).toMatchObject({ viewer: 'wisher', status: 'screening', wisher: `${w.name[0]}师傅`, anonymous: false, photoId, actions: ['cancel'] });
    expect(posted.number).toMatch(/^XY\d{10}$/);
    expect(await inbox(officerMT.user.id, 'wish.to_screen')).toBeGreaterThan(0);

    // the officer sees the mobile flagged, cannot publish it, edits it out
    const queue = (await get(officerMT, '/api/wishes/queue')).json();
    const inQueue = queue.items.find((x: { id: string }) => x.id === posted.id);
    expect(inQueue).toMatchObject({ viewer: 'officer', personalData: ['mobile'], overdue: false, org: { code: 'XM-MT' } });
    const refused = await post(officerMT, `/api/wishes/${posted.id}/approve`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'story', message: '内容里像是有手机号，心愿墙会公开展示，请删去' }]);
    const approved = await ok(officerMT, `/api/wishes/${posted.id}/approve`, { story: '孩子今年上小学，想要一个新书包。' });
    expect(approved).toMatchObject({ status: 'published', story: '孩子今年上小学，想要一个新书包。' });
    expect((await get(w, `/api/wishes/${posted.id}`)).json().story).toBe('孩子今年上小学，想要一个新书包。');
    expect(await inbox(w.user.id, 'wish.approved')).toBe(1);

    // on the wall: alias, district, station; no personal data
    const d = await donor();
    const wall = (await seen(d, '/api/wishes/wall?lat=24.4555&lng=118.0796')).json();
    const card0 = wall.items.find((x: { id: string }) => x.id === posted.id);
    expect(card0).toMatchObject({ wisher: `${w.name[0]}师傅`, district: '思明区', station: { id: stationId, name: '中山路工会驿站' }, wall: 'open', donor: null });
    expect(card0.distanceMeters).toBeLessThan(50);
    expect(wall.counts.open).toBeGreaterThan(0);
    expect((await seen(d, `/api/wishes/${posted.id}`)).json()).toMatchObject({ viewer: 'public', number: null, timeline: [], actions: ['claim'] });
    expect((await t.app.inject({ method: 'GET', url: `/api/wishes/photos/${photoId}`, headers: d.auth })).statusCode).toBe(200);

    const claimed = await ok(d, `/api/wishes/${posted.id}/claim`, { donorType: 'volunteer', displayName: '鹭岛爱心车队' });
    expect(claimed).toMatchObject({ viewer: 'donor', status: 'claimed', donor: '鹭岛爱心车队', actions: ['release', 'deliver'] });
    seenByOthers.push(JSON.stringify(claimed));
    expect(await inbox(w.user.id, 'wish.claimed')).toBe(1);
    expect((await seen(d, '/api/wishes/claimed')).json().map((x: { id: string }) => x.id)).toContain(posted.id);

    const deliveryPhoto = await photo(d);
    const delivered = await ok(d, `/api/wishes/${posted.id}/deliver`, { handover: 'station', photoId: deliveryPhoto });
    expect(delivered).toMatchObject({ status: 'delivered', handover: 'station', deliveryPhotoId: deliveryPhoto });
    expect(await inbox(master.user.id, 'wish.at_station')).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: `/api/wishes/photos/${deliveryPhoto}`, headers: (await donor()).auth })).statusCode).toBe(404);

    const atStation = (await seen(master, '/api/wishes/station')).json();
    expect(atStation.find((x: { id: string }) => x.id === posted.id)).toMatchObject({ viewer: 'station', actions: ['receive'] });
    expect((await seen(otherMaster, '/api/wishes/station')).json()).toEqual([]);
    seenByOthers.push(JSON.stringify(await ok(master, `/api/wishes/${posted.id}/receive`)));
    expect(await inbox(w.user.id, 'wish.delivered')).toBe(1);

    // only the wisher's own card hands it over
    const stranger = await wisher();
    const wrong = await post(master, `/api/wishes/${posted.id}/pickup`, { cardToken: await card(stranger) });
    expect(wrong.json()).toMatchObject({ code: 'WISH_CARD_MISMATCH' });
    expect((await post(master, `/api/wishes/${posted.id}/pickup`, { cardToken: 'not-a-card-token' })).json().code).toBe('WISH_CARD_MISMATCH');
    const picked = await ok(master, `/api/wishes/${posted.id}/pickup`, { cardToken: await card(w) });
    seenByOthers.push(JSON.stringify(picked));
    expect(picked).toMatchObject({ status: 'picked_up' });

    const done = await ok(w, `/api/wishes/${posted.id}/confirm`, { thanks: '书包很好看，孩子很喜欢，谢谢你们！' });
    expect(done).toMatchObject({ status: 'fulfilled', thanks: '书包很好看，孩子很喜欢，谢谢你们！', actions: [] });
    expect(done.timeline.map((e: { kind: string }) => e.kind)).toEqual(['posted', 'approve', 'claim', 'deliver', 'receive', 'pickup', 'confirm']);
    expect(await inbox(d.user.id, 'wish.fulfilled')).toBe(1);

    const fulfilled = (await seen(await donor(), '/api/wishes/wall?filter=fulfilled')).json();
    expect(fulfilled.items.find((x: { id: string }) => x.id === posted.id)).toMatchObject({ status: 'fulfilled', wall: 'fulfilled', donor: '鹭岛爱心车队', thanks: '书包很好看，孩子很喜欢，谢谢你们！' });
    // the wisher's one open wish is free again
    expect((await get(w, '/api/wishes/rules')).json()).toMatchObject({ member: true, openWishId: null, usedThisYear: 1, yearlyLimit: 2, canPost: true });
  });

  it('handed over directly: the donor delivers with a photo, the wisher confirms, then thanks once', async () => {
    const { owner, id } = await published();
    const d = await donor();
    await ok(d, `/api/wishes/${id}/claim`, { donorType: 'company', anonymous: true });
    const delivered = await ok(d, `/api/wishes/${id}/deliver`, { handover: 'direct', photoId: await photo(d) });
    expect(delivered).toMatchObject({ status: 'delivered', handover: 'direct', donor: '匿名' });
    expect((await get(owner, `/api/wishes/${id}`)).json().actions).toEqual(['confirm']);
    expect((await post(master, `/api/wishes/${id}/receive`)).json().code).toBe('WISH_ACTION_NOT_ALLOWED');
    const confirmed = await ok(owner, `/api/wishes/${id}/confirm`);
    expect(confirmed).toMatchObject({ status: 'fulfilled', thanks: null, actions: ['thank'] });
    expect((await ok(owner, `/api/wishes/${id}/thanks`, { thanks: '谢谢！' })).thanks).toBe('谢谢！');
    expect((await post(owner, `/api/wishes/${id}/thanks`, { thanks: '再谢一次' })).json().code).toBe('WISH_ACTION_NOT_ALLOWED');
    expect(await inbox(d.user.id, 'wish.fulfilled')).toBe(2);
  });

  it('first claim wins: 50 donors at once, exactly one holds the wish', async () => {
    const { id } = await published();
    const donors = await Promise.all(Array.from({ length: 50 }, () => donor()));
    const answers = await Promise.all(donors.map((d) => post(d, `/api/wishes/${id}/claim`, { donorType: 'person' })));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    // Every other donor is told it is taken (a deadlock retried to the end would show here as a 500 with its body).
    expect(answers.filter((r) => r.statusCode !== 200 && r.statusCode !== 409).map((r) => `${r.statusCode} ${r.body}`)).toEqual([]);
    expect(new Set(answers.filter((r) => r.statusCode === 409).map((r) => r.json().code))).toEqual(new Set(['WISH_TAKEN']));
    const wish = await t.ds.getRepository(Wish).findOneByOrFail({ id });
    expect(wish.donorId).toBe(donors[codes.indexOf(200)].user.id);
    expect(await t.ds.getRepository(WishEvent).countBy({ wishId: id, kind: 'claim' })).toBe(1);
  });

  it('one donor claiming 5 wishes at once still holds at most 3', async () => {
    const five = await Promise.all(Array.from({ length: 5 }, () => published()));
    const d = await donor();
    const answers = await Promise.all(five.map((x) => post(d, `/api/wishes/${x.id}/claim`, { donorType: 'person' })));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(3);
    expect(answers.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(['WISH_DONOR_LIMIT', 'WISH_DONOR_LIMIT']);
    expect(await t.ds.getRepository(Wish).countBy({ donorId: d.user.id, status: 'claimed' })).toBe(3);
  });

  it('release and re-claim race: never two holders', async () => {
    const { id } = await published();
    const [a, b, c] = [await donor(), await donor(), await donor()];
    await ok(a, `/api/wishes/${id}/claim`, { donorType: 'person' });
    const [rel, cb, cc] = await Promise.all([post(a, `/api/wishes/${id}/release`), post(b, `/api/wishes/${id}/claim`, { donorType: 'person' }), post(c, `/api/wishes/${id}/claim`, { donorType: 'person' })]);
    expect(rel.statusCode).toBe(200);
    const winners = [cb, cc].filter((r) => r.statusCode === 200);
    expect(winners.length).toBeLessThanOrEqual(1);
    let wish = await t.ds.getRepository(Wish).findOneByOrFail({ id });
    if (!winners.length) {
      expect(wish).toMatchObject({ status: 'published', donorId: null });
      const again = await Promise.all([b, c].map((d) => post(d, `/api/wishes/${id}/claim`, { donorType: 'person' })));
      expect(again.filter((r) => r.statusCode === 200)).toHaveLength(1);
      wish = await t.ds.getRepository(Wish).findOneByOrFail({ id });
    }
    expect(wish.status).toBe('claimed');
    expect([b.user.id, c.user.id]).toContain(wish.donorId);
    // the one who released sees only the wall now; another donor cannot release or deliver it
    expect((await get(a, `/api/wishes/${id}`)).json().viewer).toBe('public');
    expect((await post(a, `/api/wishes/${id}/release`)).statusCode).toBe(403);
  });

  it('limits: members only, one open wish, the value cap (editable by the org), two a year, a donor holds at most 3', async () => {
    const stranger = await worker();
    expect((await post(stranger, '/api/wishes', wishBody())).json()).toMatchObject({ code: 'NOT_A_MEMBER' });
    expect((await get(stranger, '/api/wishes/rules')).json()).toMatchObject({ member: false, canPost: false });

    const w = await wisher();
    const over = await post(w, '/api/wishes', wishBody({ valueFen: 60000 }));
    expect(over.statusCode).toBe(400);
    expect(over.json().errors).toEqual([{ field: 'valueFen', message: '心愿价值不能超过 500 元' }]);
    const put = await t.app.inject({ method: 'PUT', url: '/api/wishes/settings?orgCode=XM-MT', headers: officerMT.auth, payload: { valueCapFen: 80000, yearlyLimit: 2 } });
    expect(put.json()).toEqual({ orgCode: 'XM-MT', valueCapFen: 80000, yearlyLimit: 2, inherited: false });
    expect((await t.app.inject({ method: 'PUT', url: '/api/wishes/settings?orgCode=XM-MT', headers: officerHL.auth, payload: { valueCapFen: 1000, yearlyLimit: 9 } })).json().code).toBe('ORG_OUT_OF_SCOPE');
    const first = await ok(w, '/api/wishes', wishBody({ valueFen: 60000 }));
    expect((await post(w, '/api/wishes', wishBody())).json().code).toBe('WISH_OPEN_EXISTS');

    // a cancelled wish does not count; an expired one does
    await ok(w, `/api/wishes/${first.id}/cancel`);
    const second = await ok(w, '/api/wishes', wishBody());
    await t.ds.getRepository(Wish).update({ id: second.id }, { status: 'expired', openKey: null });
    const third = await ok(w, '/api/wishes', wishBody());
    await t.ds.getRepository(Wish).update({ id: third.id }, { status: 'expired', openKey: null });
    expect((await post(w, '/api/wishes', wishBody())).json().code).toBe('WISH_YEARLY_LIMIT');

    const d = await donor();
    const four = await Promise.all([published(), published(), published(), published()]);
    for (const x of four.slice(0, 3)) await ok(d, `/api/wishes/${x.id}/claim`, { donorType: 'person' });
    expect((await post(d, `/api/wishes/${four[3].id}/claim`, { donorType: 'person' })).json().code).toBe('WISH_DONOR_LIMIT');
    expect((await post(four[3].owner, `/api/wishes/${four[3].id}/claim`, { donorType: 'person' })).json().code).toBe('WISH_OWN');
  });

  it('every :id route refuses another wisher, another donor, another station\'s master and an officer of another district', async () => {
    const { owner, id } = await published();
    const holder = await donor();
    await ok(holder, `/api/wishes/${id}/claim`, { donorType: 'person' });
    await ok(holder, `/api/wishes/${id}/deliver`, { handover: 'station', photoId: await photo(holder) });
    const otherWisher = await wisher();
    const otherDonor = await donor();
    const routes: Array<[string, object]> = [
      ['cancel', {}],
      ['confirm', {}],
      ['thanks', { thanks: '谢谢' }],
      ['claim', { donorType: 'person' }],
      ['release', {}],
      ['deliver', { handover: 'station', photoId: '00000000-0000-4000-8000-000000000000' }],
      ['receive', {}],
      ['pickup', { cardToken: await card(owner) }],
      ['approve', {}],
      ['reject', { reason: '不符合要求' }],
      ['close', { note: '已电话确认' }],
    ];
    for (const who of [otherWisher, otherDonor, otherMaster, officerHL]) {
      for (const [action, body] of routes) {
        const res = await post(who, `/api/wishes/${id}/${action}`, body);
        expect({ action, refused: [403, 404, 409].includes(res.statusCode) }).toEqual({ action, refused: true });
        if (res.statusCode === 409) expect([action, res.json().code]).toEqual(['claim', 'WISH_TAKEN']);
      }
      // what they see is the wall's card, never the timeline or the delivery photo
      const view = (await seen(who, `/api/wishes/${id}`)).json();
      expect(view).toMatchObject({ viewer: 'public', timeline: [], deliveryPhotoId: null, number: null });
    }
    // a wish still in screening does not exist for them
    const hidden = await ok(otherWisher, '/api/wishes', wishBody());
    for (const who of [otherDonor, otherMaster, officerHL]) expect((await get(who, `/api/wishes/${hidden.id}`)).statusCode).toBe(404);
    expect((await get(officerSM, `/api/wishes/${hidden.id}`)).json().viewer).toBe('officer');
    expect((await get(officerHL, '/api/wishes/queue')).json().items.map((x: { id: string }) => x.id)).not.toContain(hidden.id);
    expect((await post(officerHL, `/api/wishes/${hidden.id}/approve`)).statusCode).toBe(404);
    expect((await post(officerMT, `/api/wishes/${id}/close`, { note: '已电话确认收到' })).json().code).toBe('WISH_CLOSE_TOO_EARLY');
  });

  it('bad inputs answer 400 with a Chinese message per field', async () => {
    const w = await wisher();
    const res = await post(w, '/api/wishes', { category: 'cash', title: '一', story: '短', valueFen: 1500.5, stationId: 'x', anonymous: 'yes', extra: 1 });
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries((res.json().errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]));
    expect(fields).toMatchObject({
      category: '请选择心愿类别',
      title: '心愿标题应为 2–20 个字',
      story: '心愿故事应为 10–300 个字',
      valueFen: '心愿价值应为整数（分）',
      stationId: '请选择领取心愿的驿站',
      anonymous: '匿名应为 true 或 false',
    });
    expect((await post(w, '/api/wishes', wishBody({ title: '一二三四五六七八九十一二三四五六七八九十一' }))).json().errors).toEqual([{ field: 'title', message: '心愿标题应为 2–20 个字' }]);
    expect((await post(w, '/api/wishes', wishBody({ stationId: '00000000-0000-4000-8000-000000000000' }))).json().errors).toEqual([{ field: 'stationId', message: '该驿站不存在或已停用，请重新选择领取驿站' }]);
    const { id } = await published();
    expect((await post(await donor(), `/api/wishes/${id}/claim`, { donorType: 'boss' })).json().errors).toEqual([{ field: 'donorType', message: '请选择认领人类型（个人、企业、工会干部或志愿者）' }]);
    expect((await get(w, '/api/wishes/wall?filter=all&radiusKm=99')).json().errors).toEqual(
      expect.arrayContaining([{ field: 'filter', message: '筛选应为 open、claimed 或 fulfilled' }, { field: 'radiusKm', message: '范围最多 50 公里' }]),
    );
    expect((await get(w, '/api/wishes/not-a-uuid')).statusCode).toBe(404);
  });

  it('an Idempotency-Key retry of post or claim changes nothing', async () => {
    const w = await wisher();
    const key = { 'idempotency-key': `wish-post-${Date.now()}` };
    const a = await ok(w, '/api/wishes', wishBody(), key);
    const b = await ok(w, '/api/wishes', wishBody(), key);
    expect(b.id).toBe(a.id);
    expect(await t.ds.getRepository(Wish).countBy({ wisherId: w.user.id })).toBe(1);
    await ok(officerMT, `/api/wishes/${a.id}/approve`);
    const d = await donor();
    const ck = { 'idempotency-key': `wish-claim-${Date.now()}` };
    await ok(d, `/api/wishes/${a.id}/claim`, { donorType: 'person' }, ck);
    await ok(d, `/api/wishes/${a.id}/claim`, { donorType: 'person' }, ck);
    expect(await t.ds.getRepository(WishEvent).countBy({ wishId: a.id, kind: 'claim' })).toBe(1);
    expect(await inbox(w.user.id, 'wish.claimed')).toBe(1);
  });

  it('officers see the stats of their subtree', async () => {
    const stats = (await get(officerSM, '/api/wishes/stats?orgCode=XM-MT')).json();
    expect(stats.posted).toBeGreaterThan(0);
    expect(stats.fulfilled).toBeGreaterThanOrEqual(2);
    expect(stats.medianDaysToFulfil).toBe(0);
    expect((await get(officerHL, '/api/wishes/stats?orgCode=XM-MT')).json().code).toBe('ORG_OUT_OF_SCOPE');
  });

  it('the jobs room: a hold runs out after 7 days, the wall after 30, a reminder 3 days after pickup — each once', async () => {
    const held = await published();
    const d = await donor();
    await ok(d, `/api/wishes/${held.id}/claim`, { donorType: 'person' });
    const stale = await published();
    const { owner, id: pickedId } = await published();
    const d2 = await donor();
    await ok(d2, `/api/wishes/${pickedId}/claim`, { donorType: 'person' });
    await ok(d2, `/api/wishes/${pickedId}/deliver`, { handover: 'station', photoId: await photo(d2) });
    await ok(master, `/api/wishes/${pickedId}/receive`);
    await ok(master, `/api/wishes/${pickedId}/pickup`, { cardToken: await card(owner) });
    const scheduler = t.app.get(Scheduler);
    const every = t.app.get(AppConfig).HOUSEKEEPING_EVERY_MS;
    const repo = t.ds.getRepository(Wish);

    const in8 = new Date(Date.now() + 8 * DAY);
    await scheduler.runNow('wishes', in8);
    await scheduler.runNow('wishes', new Date(in8.getTime() + every));
    expect(await repo.findOneByOrFail({ id: held.id })).toMatchObject({ status: 'published', donorId: null });
    expect(await inbox(d.user.id, 'wish.released')).toBe(1);
    expect(await t.ds.getRepository(WishEvent).countBy({ wishId: held.id, kind: 'hold_expire' })).toBe(1);
    expect(await inbox(owner.user.id, 'wish.confirm_reminder')).toBe(1);
    expect((await repo.findOneByOrFail({ id: pickedId })).remindedAt).not.toBeNull();

    const in31 = new Date(Date.now() + 31 * DAY);
    await scheduler.runNow('wishes', in31);
    await scheduler.runNow('wishes', new Date(in31.getTime() + every));
    expect(await repo.findOneByOrFail({ id: stale.id })).toMatchObject({ status: 'expired', openKey: null });
    // the wish whose hold ran out went back on the wall at day 8: its 30 days there started again
    expect(await repo.findOneByOrFail({ id: held.id })).toMatchObject({ status: 'published' });
    expect(await inbox(stale.owner.user.id, 'wish.expired')).toBe(1);
    expect(await inbox(owner.user.id, 'wish.confirm_reminder')).toBe(1);
    // after 14 days an officer may close the unconfirmed one
    const closed = await post(officerMT, `/api/wishes/${pickedId}/close`, { note: '已电话确认收到' });
    expect(closed.statusCode).toBe(409);
    await repo.update({ id: pickedId }, { pickedUpAt: new Date(Date.now() - 15 * DAY) });
    expect((await ok(officerMT, `/api/wishes/${pickedId}/close`, { note: '已电话确认收到' })).status).toBe('closed');
  });

  it('no wall, donor, station or passer-by answer ever carries a wisher\'s name, mobile or ID number', async () => {
    const d = await donor();
    for (const filter of ['open', 'claimed', 'fulfilled']) await seen(d, `/api/wishes/wall?filter=${filter}`);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/wishes/wall?filter=fulfilled' });
    expect(anonymous.statusCode).toBe(200);
    seenByOthers.push(anonymous.body);
    await seen(d, '/api/wishes/claimed');
    await seen(master, '/api/wishes/station');
    expect(seenByOthers.length).toBeGreaterThan(15);
    const all = seenByOthers.join('\n');
    for (const s of secrets) expect(all.includes(s) ? s : null).toBeNull();
  });
});
