import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import StationDetailPage from '../src/pages/station/detail';
import MyEventsPage from '../src/pages/events/mine';
import { errorReply, fakeServer, json } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn, worker } from './support/session';
import { detail, event } from './station-fixtures';
import { amapNavigationUrl } from '../src/pages/station/navigate.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Serves the detail and my events; `extra` answers everything else. */
function server(station = detail(), extra: (req: { url: string; method: string }) => ReturnType<typeof json> | undefined = () => undefined) {
  return fakeServer((req) => {
    const other = extra(req);
    if (other) return other;
    if (req.url.endsWith('/api/stations/s1') && req.method === 'GET') return json(200, station);
    if (req.url.endsWith('/api/events/mine')) return json(200, []);
    return json(404, { code: 'NOT_FOUND', message: '不存在' });
  });
}

/** Before the fixture events start (2026-11-28 19:00 Beijing): tests about other times set their own. */
const NOW = new Date('2026-11-25T02:00:00.000Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  withParams({ id: 's1' });
  vi.spyOn(Taro, 'setNavigationBarTitle').mockResolvedValue({ errMsg: 'setNavigationBarTitle:ok' });
});
afterEach(resetParams);

describe('station detail', () => {
  it("highlights today's hours in Beijing time (a Sunday 01:00 Beijing is still Saturday in UTC) and shows overnight ranges", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T17:00:00.000Z'));
    // Not the same every day (that reads as one 每天 line): Sunday evenings only.
    const sundayNights = [...Array.from({ length: 6 }, () => [{ open: '09:00', close: '17:30' }]), [{ open: '18:00', close: '02:00' }]];
    server(detail({ hours: { alwaysOpen: false, days: sundayNights } }));
    render(<StationDetailPage />);
    const today = await screen.findByTestId('station-hours-today');
    expect(today.textContent).toBe('周日（今天）18:00–次日 02:00');
    expect(today.getAttribute('aria-current')).toBe('date');
    expect(screen.getAllByTestId('station-hours-row').map((r) => r.textContent?.slice(0, 2))).toEqual(['周一', '周二', '周三', '周四', '周五', '周六']);
  });

  it('a Wednesday afternoon: 周三 is today; a 24-hour station reads 每天 24 小时 on one line; days off read 休息', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T06:30:00.000Z'));
    server(detail({ hours: { alwaysOpen: true, days: Array.from({ length: 7 }, () => []) } }));
    const { unmount } = render(<StationDetailPage />);
    expect((await screen.findByTestId('station-hours-every-day')).textContent).toBe('每天24 小时');
    expect(screen.queryByTestId('station-hours-today')).toBeNull();
    expect(screen.queryAllByTestId('station-hours-row')).toHaveLength(0);
    unmount();
    // The same hours every day, stored day by day, read as one line too.
    server(detail({ hours: { alwaysOpen: false, days: Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]) } }));
    const second = render(<StationDetailPage />);
    expect((await screen.findByTestId('station-hours-every-day')).textContent).toBe('每天08:00–20:00');
    second.unmount();
    const weekdays = { alwaysOpen: false, days: [...Array.from({ length: 5 }, () => [{ open: '09:00', close: '17:30' }]), [], []] };
    server(detail({ hours: weekdays }));
    render(<StationDetailPage />);
    await screen.findByTestId('station-hours-today');
    expect(screen.getAllByTestId('station-hours-row').map((r) => r.textContent)).toEqual(['周一09:00–17:30', '周二09:00–17:30', '周四09:00–17:30', '周五09:00–17:30', '周六休息', '周日休息']);
  });

  it('hours per day as the staff editor saves them: a whole day reads 24 小时, split and overnight ranges read in order', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T06:30:00.000Z'));
    const split = [
      { open: '07:00', close: '11:30' },
      { open: '18:00', close: '02:00' },
    ];
    server(detail({ hours: { alwaysOpen: false, days: [split, [], [{ open: '00:00', close: '24:00' }], [], [], [], []] } }));
    render(<StationDetailPage />);
    expect((await screen.findByTestId('station-hours-today')).textContent).toBe('周三（今天）24 小时');
    expect(screen.getAllByTestId('station-hours-row')[0].textContent).toBe('周一07:00–11:30、18:00–次日 02:00');
  });

  it('services grouped by category with their labels, specials marked; closures and the open badge shown', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T06:30:00.000Z'));
    server(
      detail({
        services: ['toilet', 'water_hot', 'tea', 'phone_charging', 'aed'],
        isOpenNow: false,
        closedReason: '设备检修',
        nextChange: '2026-11-25T10:00:00.000Z',
        closures: [{ from: '2026-11-25T06:00:00.000Z', to: '2026-11-25T10:00:00.000Z', reason: '设备检修' }],
      }),
    );
    render(<StationDetailPage />);
    const groups = await screen.findAllByTestId('station-service-category');
    const labels = (g: HTMLElement) => within(g).getAllByTestId('station-service-label').map((l) => l.textContent);
    expect(groups.map((g) => [g.firstChild?.textContent, ...labels(g)])).toEqual([
      ['饮水', '热水', '茶水（特色）'],
      ['充电', '手机充电'],
      ['如厕洗漱', '卫生间'],
      ['医疗急救', 'AED 除颤仪（特色）'],
    ]);
    expect(groups.map((g) => within(g).getAllByTestId('station-service-icon').map((i) => i.textContent).join(''))).toEqual(['水茶', '电', '厕', '救']);
    expect(screen.getByTestId('station-open').textContent).toBe('暂停开放设备检修，18:00 开门');
    expect(screen.getByTestId('station-closures').textContent).toContain('11月25日 14:00 – 18:00 · 设备检修');
  });

  it('报名 sends an Idempotency-Key; EVENT_FULL shows 名额已满 and disables the button', async () => {
    loggedIn();
    const s = server(detail(), (req) => (req.url.endsWith('/api/events/e1/signups') ? errorReply(409, 'EVENT_FULL', '活动名额已满，下次早点来哦') : undefined));
    render(<StationDetailPage />);
    const card = await screen.findByTestId('station-event');
    expect(within(card).getByTestId('station-event-seats').textContent).toBe('剩余 1 个名额');
    fireEvent.click(within(card).getByTestId('station-event-signup'));
    await waitFor(() => expect(within(card).getByTestId('station-event-notice').textContent).toBe('名额已满'));
    expect(within(card).getByTestId('station-event-seats').textContent).toBe('名额已满');
    expect(within(card).getByTestId('station-event-full')).toBeTruthy();
    expect(within(card).queryByTestId('station-event-signup')).toBeNull();
    const [post] = s.to('/api/events/e1/signups');
    expect(post.method).toBe('POST');
    expect(post.header['Idempotency-Key']).toMatch(UUID);
  });

  it('报名 succeeds, then 取消报名 (after confirming) gives the seat back', async () => {
    loggedIn();
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    const s = server(detail(), (req) => {
      if (!req.url.endsWith('/api/events/e1/signups')) return undefined;
      return req.method === 'POST' ? json(201, event({ signedUp: 30, seatsLeft: 0 })) : json(200, event({ signedUp: 29, seatsLeft: 1 }));
    });
    render(<StationDetailPage />);
    const card = await screen.findByTestId('station-event');
    fireEvent.click(within(card).getByTestId('station-event-signup'));
    await within(card).findByTestId('station-event-mine');
    expect(within(card).getByTestId('station-event-notice').textContent).toBe('报名成功，记得准时参加');
    fireEvent.click(within(card).getByTestId('station-event-cancel'));
    await within(card).findByTestId('station-event-signup');
    expect(within(card).getByTestId('station-event-seats').textContent).toBe('剩余 1 个名额');
    expect(s.to('/api/events/e1/signups').map((r) => r.method)).toEqual(['POST', 'DELETE']);
  });

  it('once an event has started there is no 报名 (活动进行中); once it has ended it reads 已结束', async () => {
    loggedIn();
    // 2026-11-28 19:30 Beijing: the concert (19:00–21:00) is under way; the class started at 18:00 and ended at 19:00.
    vi.setSystemTime(new Date('2026-11-28T11:30:00.000Z'));
    const later = event({ id: 'e2', title: '爱心理发日', startsAt: '2026-11-29T06:00:00.000Z', endsAt: '2026-11-29T09:00:00.000Z' });
    const done = event({ id: 'e3', title: '安全骑行课', startsAt: '2026-11-28T10:00:00.000Z', endsAt: '2026-11-28T11:00:00.000Z' });
    server(detail({ events: [done, event(), later] }));
    render(<StationDetailPage />);
    await screen.findByTestId('station-name');
    const [ended, ongoing, ahead] = screen.getAllByTestId('station-event');
    expect(within(ongoing).getByTestId('station-event-seats').textContent).toBe('活动进行中');
    expect(within(ongoing).queryByTestId('station-event-signup')).toBeNull();
    expect(within(ended).getByTestId('station-event-seats').textContent).toBe('已结束');
    expect(within(ended).queryByTestId('station-event-signup')).toBeNull();
    expect(within(ahead).getByTestId('station-event-signup').textContent).toBe('报名');
  });

  it('the server’s refusals read plainly: started, cancelled, station suspended', async () => {
    loggedIn();
    const e2 = event({ id: 'e2', title: '爱心理发日' });
    const e3 = event({ id: 'e3', title: '安全骑行课' });
    const refusals: Record<string, ReturnType<typeof errorReply>> = {
      e1: errorReply(409, 'EVENT_STARTED', 'started'),
      e2: errorReply(409, 'EVENT_CANCELLED', 'cancelled'),
      e3: errorReply(409, 'STATION_SUSPENDED', 'suspended'),
    };
    server(detail({ events: [event(), e2, e3] }), (req) => {
      const m = /\/api\/events\/(e\d)\/signups$/.exec(req.url);
      return m && req.method === 'POST' ? refusals[m[1]] : undefined;
    });
    render(<StationDetailPage />);
    await screen.findByTestId('station-name');
    const card = (i: number) => screen.getAllByTestId('station-event')[i];

    fireEvent.click(within(card(0)).getByTestId('station-event-signup'));
    await waitFor(() => expect(within(card(0)).getByTestId('station-event-notice').textContent).toBe('活动已经开始，不能再报名了，请留意驿站的下一场活动'));
    expect(within(card(0)).queryByTestId('station-event-signup')).toBeNull();

    fireEvent.click(within(card(1)).getByTestId('station-event-signup'));
    await waitFor(() => expect(within(card(1)).getByTestId('station-event-notice').textContent).toBe('活动已取消，请留意驿站的其他活动'));
    expect(within(card(1)).getByTestId('station-event-seats').textContent).toBe('活动已取消');
    expect(within(card(1)).queryByTestId('station-event-signup')).toBeNull();

    fireEvent.click(within(card(2)).getByTestId('station-event-signup'));
    await waitFor(() => expect(within(card(2)).getByTestId('station-event-notice').textContent).toBe('该驿站已暂停开放，活动报名已关闭，请选择其他驿站'));
    expect(screen.getByTestId('station-suspended').textContent).toBe('该驿站已暂停开放，活动报名已关闭，请选择其他驿站');
    expect(screen.queryAllByTestId('station-event-signup')).toHaveLength(0);
  });

  it('already signed up (from /api/events/mine): the button is 取消报名', async () => {
    loggedIn();
    fakeServer((req) => (req.url.endsWith('/api/events/mine') ? json(200, [{ ...event(), station: { id: 's1', name: '中山路工会驿站', address: '' } }]) : json(200, detail())));
    render(<StationDetailPage />);
    const card = await screen.findByTestId('station-event');
    await within(card).findByTestId('station-event-cancel');
  });

  it('logged out: 报名 leads to login instead of calling the server', async () => {
    const s = server();
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<StationDetailPage />);
    const card = await screen.findByTestId('station-event');
    expect(within(card).getByTestId('station-event-signup').textContent).toBe('登录后报名');
    fireEvent.click(within(card).getByTestId('station-event-signup'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(s.to('/api/events/e1/signups')).toHaveLength(0);
    expect(s.to('/api/events/mine')).toHaveLength(0);
  });

  it('导航 (H5) opens AMap riding directions to the station (GCJ-02, from the current position) in a new tab; 拨打电话 dials the station', async () => {
    server();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const call = vi.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
    render(<StationDetailPage />);
    fireEvent.click(await screen.findByTestId('station-navigate'));
    expect(open).toHaveBeenCalledTimes(1);
    const [href, target, features] = open.mock.calls[0];
    expect([target, features]).toEqual(['_blank', 'noopener']);
    const url = new URL(String(href));
    expect(`${url.origin}${url.pathname}`).toBe('https://uri.amap.com/navigation');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      to: '118.0796,24.4555,中山路工会驿站',
      mode: 'ride',
      coordinate: 'gaode',
      callnative: '1',
      src: 'nuanxin',
    });
    // No start point: AMap starts from where the phone is.
    expect(url.searchParams.has('from')).toBe(false);
    fireEvent.click(screen.getByTestId('station-call'));
    expect(call).toHaveBeenCalledWith({ phoneNumber: '0592-5100000' });
  });

  it('评价: needs a score, sends score and comment with a key, and shows ALREADY_RATED_TODAY plainly', async () => {
    loggedIn();
    let rated = false;
    const s = server(detail(), (req) => {
      if (!req.url.endsWith('/api/stations/s1/ratings')) return undefined;
      if (rated) return errorReply(409, 'ALREADY_RATED_TODAY', '今天已经评价过这个驿站了，明天再来吧');
      rated = true;
      return json(201, { rating: 4, ratingCount: 1 });
    });
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
    const { unmount } = render(<StationDetailPage />);
    fireEvent.click(await screen.findByTestId('station-rating-submit'));
    expect(screen.getByTestId('station-rating-message').textContent).toBe('请先点星星打分');
    fireEvent.click(screen.getAllByTestId('station-rating-star')[3]);
    typeInto(document.body, 'station-rating-comment', '热水很方便');
    fireEvent.click(screen.getByTestId('station-rating-submit'));
    // The form closes into a thank-you in its place, with a toast.
    await waitFor(() => expect(screen.getByTestId('station-rating-done').textContent).toBe('感谢你的评价！你给了 4 星（不错）。评分已计入驿站，明天可以再评。'));
    expect(screen.queryByTestId('station-rating-submit')).toBeNull();
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '感谢你的评价！' }));
    expect(screen.getByTestId('station-rating-summary').textContent).toBe('4 分 · 1 人评价');
    const [first] = s.to('/api/stations/s1/ratings');
    expect(first.data).toEqual({ score: 4, comment: '热水很方便' });
    expect(first.header['Idempotency-Key']).toMatch(UUID);
    unmount();

    // Opened again the same day: the server's refusal is said plainly, with a fresh key.
    render(<StationDetailPage />);
    fireEvent.click((await screen.findAllByTestId('station-rating-star'))[4]);
    fireEvent.click(screen.getByTestId('station-rating-submit'));
    await waitFor(() => expect(screen.getByTestId('station-rating-message').textContent).toBe('今天已经评价过这个驿站了，明天再来吧'));
    expect(screen.getByTestId('station-rating')).toBeTruthy();
    const [, second] = s.to('/api/stations/s1/ratings');
    expect(second.header['Idempotency-Key']).not.toBe(first.header['Idempotency-Key']);
  });

  it('staff see 维护本站 and 活动管理; workers do not', async () => {
    loggedIn({ ...worker, roles: [{ role: 'station_master', orgId: null, orgCode: null, orgName: null }] });
    server();
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    const { unmount } = render(<StationDetailPage />);
    fireEvent.click(await screen.findByTestId('station-staff-edit'));
    fireEvent.click(screen.getByTestId('station-staff-events'));
    expect(navigate.mock.calls.map(([o]) => o.url)).toEqual(['/staff/pages/station/index?id=s1', '/staff/pages/station-events/index?id=s1']);
    unmount();
    loggedIn(worker);
    server();
    render(<StationDetailPage />);
    await screen.findByTestId('station-name');
    expect(screen.queryByTestId('station-staff-edit')).toBeNull();
  });
});

describe('我的活动', () => {
  it('lists my events with their station and lets me cancel one', async () => {
    loggedIn();
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    const mine = [{ ...event({ startsAt: '2099-01-01T11:00:00.000Z', endsAt: '2099-01-01T13:00:00.000Z' }), station: { id: 's1', name: '中山路工会驿站', address: '思明区中山路 168 号' } }];
    const s = fakeServer((req) => (req.method === 'DELETE' ? json(200, event()) : json(200, mine)));
    render(<MyEventsPage />);
    const card = await screen.findByTestId('station-event');
    expect(card.textContent).toContain('中山路工会驿站');
    expect(card.textContent).toContain('驿站微型音乐会');
    fireEvent.click(within(card).getByTestId('my-event-cancel'));
    await waitFor(() => expect(screen.queryByTestId('station-event')).toBeNull());
    expect(s.to('/api/events/e1/signups')[0].method).toBe('DELETE');
  });

  it('an event under way or over keeps no 取消报名 button; the card says which', async () => {
    loggedIn();
    const at = (startsAt: string, endsAt: string, id: string) => ({ ...event({ id, startsAt, endsAt }), station: { id: 's1', name: '中山路工会驿站', address: '' } });
    const now = Date.now();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    fakeServer(() => json(200, [at(iso(-3600_000), iso(3600_000), 'e-now'), at(iso(-7200_000), iso(-3600_000), 'e-past')]));
    render(<MyEventsPage />);
    await waitFor(() => expect(screen.getAllByTestId('station-event')).toHaveLength(2));
    const [ongoing, past] = screen.getAllByTestId('station-event');
    expect(within(ongoing).queryByTestId('my-event-cancel')).toBeNull();
    expect(within(past).queryByTestId('my-event-cancel')).toBeNull();
    expect(ongoing.textContent).toContain('活动进行中');
    expect(past.textContent).toContain('已结束');
  });

  it('logged out: asks to log in', () => {
    render(<MyEventsPage />);
    expect(screen.getByTestId('my-events-login-needed')).toBeTruthy();
  });
});

describe('AMap navigation URI', () => {
  it('keeps a station name with an ASCII comma in one piece (the name is the third part of `to`)', () => {
    const url = new URL(amapNavigationUrl({ name: '湖里区骑手之家,二号点', address: '', lat: 24.5127, lng: 118.1465 }));
    expect(url.searchParams.get('to')!.split(',')).toEqual(['118.1465', '24.5127', '湖里区骑手之家，二号点']);
  });
});
