import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import StationEditorPage from '../src/staff/pages/station/index';
import StationEventsPage from '../src/staff/pages/station-events/index';
import { errorReply, fakeServer, json } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn, worker } from './support/session';
import { event, managed, managedSummary } from './station-fixtures';

const master = { ...worker, roles: [{ role: 'station_master' as const, orgId: null, orgCode: null, orgName: null }] };
const NOW = new Date('2026-11-25T02:00:00.000Z');

type Patch = Record<string, unknown>;

/** The event form's date and time pickers, as a master sets them. */
function pickWhen(field: 'station-events-starts' | 'station-events-ends', beijing: string) {
  const [date, time] = beijing.split(' ');
  fireEvent.input(screen.getByTestId(`${field}-date`), { target: { value: date } });
  fireEvent.input(screen.getByTestId(`${field}-time`), { target: { value: time } });
}
const whenOf = (field: string) => `${(screen.getByTestId(`${field}-date`) as HTMLInputElement).value} ${(screen.getByTestId(`${field}-time`) as HTMLInputElement).value}`;

/** The keepers' detail on GET; PATCH answers with the station as patched (or `refuse` when given). */
function editorServer(refuse?: ReturnType<typeof errorReply>, start: Partial<ReturnType<typeof managed>> = {}) {
  let current = managed({ hours: { alwaysOpen: false, days: [...Array.from({ length: 5 }, () => [{ open: '09:00', close: '17:30' }]), [], []] }, ...start });
  return fakeServer((req) => {
    if (req.method === 'PATCH') {
      if (refuse) return refuse;
      current = { ...current, ...(req.data as Patch) };
      return json(200, current);
    }
    if (req.url.endsWith('/api/stations/s1/manage')) return json(200, current);
    return errorReply(404, 'NOT_FOUND', '找不到该驿站');
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(resetParams);

describe('驿站维护 (staff)', () => {
  it('a worker without a staff role gets the no-access page', () => {
    loggedIn(worker);
    withParams({ id: 's1' });
    render(<StationEditorPage />);
    expect(screen.getByTestId('staff-no-access')).toBeTruthy();
  });

  it('starts a temporary closure from now for N hours with a reason, then clears it', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = editorServer();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(screen.getByTestId('station-editor-closure-start'));
    expect(screen.getByTestId('station-editor-closure-error').textContent).toBe('请填写闭站原因，职工能看到');
    fireEvent.click(screen.getByText('4 小时'));
    typeInto(document.body, 'station-editor-closure-reason', '设备检修');
    fireEvent.click(screen.getByTestId('station-editor-closure-start'));
    await screen.findByTestId('station-editor-closure-item');
    const [patch] = s.to('/api/stations/s1').filter((r) => r.method === 'PATCH');
    expect(patch.data).toEqual({ closures: [{ from: '2026-11-25T02:00:00.000Z', to: '2026-11-25T06:00:00.000Z', reason: '设备检修' }] });
    expect(screen.getByTestId('station-editor-closure-item').textContent).toBe('11月25日 10:00 – 14:00 · 设备检修');
    expect(screen.getByTestId('station-editor-notice').textContent).toBe('已保存');
    // The keepers' route, not the public detail that hides suspended stations.
    expect(s.requests[0]).toMatchObject({ method: 'GET', url: expect.stringMatching(/\/api\/stations\/s1\/manage$/) });

    fireEvent.click(screen.getByTestId('station-editor-closure-clear'));
    await waitFor(() => expect(screen.queryByTestId('station-editor-closure-item')).toBeNull());
    expect(s.requests.filter((r) => r.method === 'PATCH').at(-1)?.data).toEqual({ closures: [] });
  });

  const patches = (s: ReturnType<typeof fakeServer>) => s.requests.filter((r) => r.method === 'PATCH').map((r) => r.data as Patch);
  const mode = (d: number) => screen.getByTestId(`station-editor-day-${d}-mode`).querySelector('[aria-checked=true]')?.textContent;
  const pickMode = (d: number, label: string) => fireEvent.click(within(screen.getByTestId(`station-editor-day-${d}-mode`)).getByText(label));

  it('weekly hours per day: loads each day as stored, edits one day, copies it to Monday–Friday; services and phone saved together', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = editorServer();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    // Loaded: Monday–Friday 09:00–17:30, weekend closed.
    expect([0, 1, 2, 3, 4, 5, 6].map(mode)).toEqual(['分时段', '分时段', '分时段', '分时段', '分时段', '休息', '休息']);
    typeInto(document.body, 'station-editor-day-0-open-0', '18:00');
    typeInto(document.body, 'station-editor-day-0-close-0', '02:00');
    fireEvent.click(screen.getByTestId('station-editor-day-0-copy-weekdays'));
    pickMode(5, '24 小时');
    fireEvent.click(within(screen.getByTestId('station-editor-services')).getByText('微波炉热饭'));
    fireEvent.click(within(screen.getByTestId('station-editor-services')).getByText('卫生间'));
    typeInto(document.body, 'station-editor-phone', '0592-1234567');
    fireEvent.click(screen.getByTestId('station-editor-save'));
    await waitFor(() => expect(screen.getByTestId('station-editor-notice').textContent).toBe('已保存'));
    const night = [{ open: '18:00', close: '02:00' }];
    expect(patches(s)[0]).toEqual({
      hours: { alwaysOpen: false, days: [night, night, night, night, night, [{ open: '00:00', close: '24:00' }], []] },
      services: ['rest_seats', 'water_hot', 'phone_charging', 'microwave'],
      phone: '0592-1234567',
    });
  });

  it('several ranges a day and different hours per day load and save unchanged (nothing flattened)', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const split = [
      { open: '07:00', close: '11:30' },
      { open: '13:30', close: '21:00' },
    ];
    const stored = { alwaysOpen: false, days: [split, split, [{ open: '08:00', close: '20:00' }], [{ open: '00:00', close: '24:00' }], [{ open: '22:00', close: '06:00' }], [], [{ open: '09:00', close: '12:00' }]] };
    const s = fakeServer((req) => (req.method === 'PATCH' ? json(200, { ...managed({ hours: stored }), ...(req.data as Patch) }) : json(200, managed({ hours: stored }))));
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    expect([0, 1, 2, 3, 4, 5, 6].map(mode)).toEqual(['分时段', '分时段', '分时段', '24 小时', '分时段', '休息', '分时段']);
    expect(screen.getAllByTestId('station-editor-day-0-range')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('station-editor-save'));
    await waitFor(() => expect(patches(s)).toHaveLength(1));
    expect(patches(s)[0].hours).toEqual(stored);

    // A second range on Sunday, then the second Monday range removed.
    fireEvent.click(screen.getByTestId('station-editor-day-6-add'));
    typeInto(document.body, 'station-editor-day-6-open-1', '14:00');
    typeInto(document.body, 'station-editor-day-6-close-1', '18:00');
    fireEvent.click(screen.getByTestId('station-editor-day-0-remove-1'));
    fireEvent.click(screen.getByTestId('station-editor-save'));
    await waitFor(() => expect(patches(s)).toHaveLength(2));
    const days = (patches(s)[1].hours as { days: unknown[] }).days;
    expect(days[0]).toEqual([{ open: '07:00', close: '11:30' }]);
    expect(days[6]).toEqual([
      { open: '09:00', close: '12:00' },
      { open: '14:00', close: '18:00' },
    ]);
    expect(days.slice(1, 6)).toEqual(stored.days.slice(1, 6));
  });

  it('24 小时 copied to every day is saved as always open; all days closed is refused', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = editorServer();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    pickMode(2, '24 小时');
    fireEvent.click(screen.getByTestId('station-editor-day-2-copy-all'));
    expect([0, 1, 2, 3, 4, 5, 6].map(mode)).toEqual(Array(7).fill('24 小时'));
    fireEvent.click(screen.getByTestId('station-editor-save'));
    await waitFor(() => expect(patches(s)).toHaveLength(1));
    expect(patches(s)[0].hours).toEqual({ alwaysOpen: true, days: [[], [], [], [], [], [], []] });

    pickMode(0, '休息');
    fireEvent.click(screen.getByTestId('station-editor-day-0-copy-all'));
    fireEvent.click(screen.getByTestId('station-editor-save'));
    expect(screen.getByTestId('station-editor-hours-error').textContent).toBe('请至少开放一天');
    expect(patches(s)).toHaveLength(1);
  });

  it('opening hours are chosen with time pickers: typed text never reaches the form', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    editorServer();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    const open = screen.getByTestId('station-editor-day-3-open-0-time') as HTMLInputElement;
    expect([open.tagName, open.type, open.value, open.getAttribute('aria-label')]).toEqual(['INPUT', 'time', '09:00', '周四第 1 段开门']);
    // A browser's time input holds only a valid HH:MM: anything else reads as empty and keeps the last time.
    typeInto(document.body, 'station-editor-day-3-open-0', '8点');
    expect(open.value).toBe('09:00');
    // Added ranges start with a time too.
    fireEvent.click(screen.getByTestId('station-editor-day-3-add'));
    expect((screen.getByTestId('station-editor-day-3-close-1-time') as HTMLInputElement).value).toBe('22:00');
  });

  it('a bad range is caught with the shared hours rule before anything is sent', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = editorServer();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    typeInto(document.body, 'station-editor-day-3-open-0', '17:30');
    fireEvent.click(screen.getByTestId('station-editor-save'));
    expect(screen.getByTestId('station-editor-hours-error').textContent).toBe('开始与结束时间不能相同');
    // Said under the day it is about.
    expect(screen.getByTestId('station-editor-day-3-error').textContent).toBe('开始与结束时间不能相同');
    expect(screen.queryByTestId('station-editor-day-2-error')).toBeNull();
    expect(s.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('a server refusal of one day’s hours is shown under that day', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    editorServer(errorReply(400, 'VALIDATION_FAILED', '提交的信息有误', [{ field: 'hours.days.2.0', message: '开始与结束时间不能相同' }]));
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(screen.getByTestId('station-editor-save'));
    await waitFor(() => expect(screen.getByTestId('station-editor-day-2-error').textContent).toBe('开始与结束时间不能相同'));
    expect(screen.getByTestId('station-editor-hours-error').textContent).toBe('开始与结束时间不能相同');
  });

  it("another station's master: the server's 403 message is shown", async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    editorServer(errorReply(403, 'FORBIDDEN', '只能维护自己负责的驿站'));
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(screen.getByText('停用'));
    await waitFor(() => expect(screen.getByTestId('station-editor-notice').textContent).toBe('只能维护自己负责的驿站'));
  });

  it('no ?id=: lists my stations at once (suspended ones marked 已停用), narrows by keyword, pages on, picks one', async () => {
    loggedIn(master);
    const mine = [managedSummary(), managedSummary({ id: 's2', code: 'ST-SM-02', name: '火车站工会驿站', address: '思明区厦禾路 900 号', status: 'suspended' })];
    const s = fakeServer((req) => {
      if (req.url.includes('/api/stations/manage?q=')) return json(200, { items: [mine[1]], nextAfter: null });
      if (req.url.includes('/api/stations/manage?after=ST-SM-02')) return json(200, { items: [managedSummary({ id: 's3', code: 'ST-SM-03', name: '莲前街道户外劳动者驿站' })], nextAfter: null });
      if (req.url.endsWith('/api/stations/manage')) return json(200, { items: mine, nextAfter: 'ST-SM-02' });
      if (req.url.endsWith('/api/stations/s2/manage')) return json(200, managed({ id: 's2', code: 'ST-SM-02', name: '火车站工会驿站', status: 'suspended' }));
      return errorReply(404, 'NOT_FOUND', '找不到');
    });
    render(<StationEditorPage />);
    await waitFor(() => expect(screen.getAllByTestId('station-picker-item')).toHaveLength(2));
    const items = screen.getAllByTestId('station-picker-item');
    expect(within(items[0]).queryByTestId('station-picker-suspended')).toBeNull();
    expect(within(items[1]).getByTestId('station-picker-suspended').textContent).toBe('已停用');
    expect(items[1].textContent).toContain('火车站工会驿站');
    // Never the public search, which lists only open stations.
    expect(s.requests.some((r) => /\/api\/stations(\?|$)/.test(r.url))).toBe(false);

    fireEvent.click(screen.getByTestId('station-picker-more'));
    await waitFor(() => expect(screen.getAllByTestId('station-picker-item')).toHaveLength(3));
    expect(screen.queryByTestId('station-picker-more')).toBeNull();

    typeInto(document.body, 'station-picker-query', '火车站');
    fireEvent.click(screen.getByTestId('station-picker-search'));
    await waitFor(() => expect(screen.getAllByTestId('station-picker-item')).toHaveLength(1));
    expect(s.requests.at(-1)?.url).toContain('/api/stations/manage?q=%E7%81%AB%E8%BD%A6%E7%AB%99');
    fireEvent.click(screen.getByTestId('station-picker-item'));
    expect((await screen.findByTestId('station-editor-name')).textContent).toBe('火车站工会驿站');
    expect(screen.getByTestId('station-editor-suspended')).toBeTruthy();
  });

  it('no stations of mine, or none matching: says so', async () => {
    loggedIn(master);
    fakeServer(() => json(200, { items: [], nextAfter: null }));
    render(<StationEditorPage />);
    expect((await screen.findByTestId('station-picker-none')).textContent).toBe('没有找到你负责的驿站');
    typeInto(document.body, 'station-picker-query', '湖里');
    fireEvent.click(screen.getByTestId('station-picker-search'));
    await waitFor(() => expect(screen.getByTestId('station-picker-none').textContent).toBe('你负责的驿站中没有“湖里”，换个关键词试试'));
  });

  it('a suspended station shows its real data and 恢复开放; reopening PATCHes status open and the card goes', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = editorServer(undefined, { status: 'suspended', phone: '0592-7654321' });
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    expect(screen.getByTestId('station-editor-name').textContent).toBe('中山路工会驿站');
    expect((screen.getByTestId('station-editor-phone').querySelector('input') as HTMLInputElement).value).toBe('0592-7654321');
    expect(screen.getByTestId('station-editor-status-choices').querySelector('[aria-checked=true]')?.textContent).toBe('停用');
    fireEvent.click(within(screen.getByTestId('station-editor-suspended')).getByTestId('station-editor-reopen'));
    await waitFor(() => expect(screen.queryByTestId('station-editor-suspended')).toBeNull());
    expect(patches(s)).toEqual([{ status: 'open' }]);
    expect(screen.getByTestId('station-editor-notice').textContent).toBe('已恢复开放，骑手又能找到本站了');
    expect(screen.getByTestId('station-editor-status-choices').querySelector('[aria-checked=true]')?.textContent).toBe('营业');
  });

  it('停用 asks first, then shows the suspended card', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    const s = editorServer();
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    fireEvent.click(screen.getByText('停用'));
    await screen.findByTestId('station-editor-suspended');
    expect(modal).toHaveBeenCalledTimes(1);
    expect(patches(s)).toEqual([{ status: 'suspended' }]);
    expect(screen.getByTestId('station-editor-notice').textContent).toBe('已停用，骑手暂时看不到本站');
  });

  it('a station that is not mine (403) or gone (404): the server’s message, no 重试, and 换一个驿站 leads to my list', async () => {
    loggedIn(master);
    withParams({ id: 's9' });
    const s = fakeServer((req) => {
      if (req.url.endsWith('/api/stations/s9/manage')) return errorReply(403, 'FORBIDDEN', '只能维护自己负责的驿站');
      if (req.url.endsWith('/api/stations/s8/manage')) return errorReply(404, 'NOT_FOUND', '找不到该驿站');
      return json(200, { items: [managedSummary()], nextAfter: null });
    });
    const { unmount } = render(<StationEditorPage />);
    await waitFor(() => expect(screen.getByTestId('station-editor-error').textContent).toBe('只能维护自己负责的驿站'));
    expect(within(screen.getByTestId('station-editor-error')).queryByText('重试')).toBeNull();
    fireEvent.click(screen.getByTestId('station-editor-switch'));
    await screen.findByTestId('station-picker-item');
    expect(s.to('/api/stations/manage')).toHaveLength(1);
    unmount();

    withParams({ id: 's8' });
    render(<StationEditorPage />);
    await waitFor(() => expect(screen.getByTestId('station-editor-error').textContent).toBe('找不到该驿站'));
  });

  it('a network failure on load offers 重试', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    let calls = 0;
    // The client itself tries a GET three times before giving up.
    // The retry backoff (500 + 1,500 ms) on fake timers: jumped over, not waited through.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    vi.setSystemTime(NOW);
    fakeServer(() => (++calls <= 3 ? { networkError: 'net::ERR_CONNECTION_RESET' } : json(200, managed())));
    render(<StationEditorPage />);
    await waitFor(() => expect(calls).toBe(1));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(3);
    fireEvent.click(within(await screen.findByTestId('station-editor-error')).getByText('重试'));
    await screen.findByTestId('station-editor');
  });
});

describe('活动管理 (staff)', () => {
  it('publishes an event in Beijing time with a key, and cancels one after confirming', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    const s = fakeServer((req) => {
      if (req.url.endsWith('/api/stations/s1/events')) return json(201, event({ id: 'e2', title: '夏日义诊', kind: 'health_check', capacity: 3, signedUp: 0, seatsLeft: 3 }));
      if (req.url.endsWith('/api/events/e1/cancel')) return json(200, event({ status: 'cancelled' }));
      return json(200, managed());
    });
    render(<StationEventsPage />);
    await screen.findByTestId('station-event');
    // Defaults: tomorrow 14:00–16:00 Beijing.
    expect([whenOf('station-events-starts'), whenOf('station-events-ends')]).toEqual(['2026-11-26 14:00', '2026-11-26 16:00']);
    // Date and time pickers, no earlier than today (Beijing); capacity says its range.
    expect([(screen.getByTestId('station-events-starts-date') as HTMLInputElement).type, (screen.getByTestId('station-events-starts-date') as HTMLInputElement).min]).toEqual(['date', '2026-11-25']);
    expect((screen.getByTestId('station-events-starts-time') as HTMLInputElement).type).toBe('time');
    expect(screen.getByTestId('station-events-capacity').textContent).toContain('1–1000 人');
    typeInto(document.body, 'station-events-title', '夏日义诊');
    fireEvent.click(screen.getByText('健康体检'));
    pickWhen('station-events-starts', '2026-12-01 09:30');
    pickWhen('station-events-ends', '2026-12-01 11:00');
    typeInto(document.body, 'station-events-capacity', '3');
    fireEvent.click(screen.getByTestId('station-events-publish'));
    await waitFor(() => expect(screen.getByTestId('station-events-notice').textContent).toBe('活动已发布'));
    const [post] = s.to('/api/stations/s1/events');
    expect(post.data).toEqual({ title: '夏日义诊', kind: 'health_check', startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T03:00:00.000Z', capacity: 3 });
    expect(post.header['Idempotency-Key']).toBeTruthy();
    expect(screen.getAllByTestId('station-event')).toHaveLength(2);

    fireEvent.click(within(screen.getAllByTestId('station-event')[0]).getByTestId('station-events-cancel'));
    // Off the upcoming list, kept below as cancelled, with nothing left to do to it.
    await waitFor(() => expect(within(screen.getByTestId('station-events-list')).getAllByTestId('station-event')).toHaveLength(1));
    const past = within(screen.getByTestId('station-events-past')).getByTestId('station-event');
    expect(within(past).getByTestId('station-event-seats').textContent).toBe('活动已取消');
    expect(within(past).queryByTestId('station-events-edit')).toBeNull();
    expect(s.to('/api/events/e1/cancel')).toHaveLength(1);
    expect(s.requests[0].url).toMatch(/\/api\/stations\/s1\/manage$/);
  });

  it('shows recent and cancelled events apart from the upcoming ones, and says when the station is suspended', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const events = [
      event({ id: 'e0', title: '上周的讲座', startsAt: '2026-11-18T06:00:00.000Z', endsAt: '2026-11-18T08:00:00.000Z', signedUp: 12 }),
      event(),
      event({ id: 'e2', title: '已取消的理发日', status: 'cancelled' }),
      event({ id: 'e3', title: '正在进行的义诊', startsAt: '2026-11-25T01:00:00.000Z', endsAt: '2026-11-25T04:00:00.000Z' }),
    ];
    fakeServer(() => json(200, managed({ status: 'suspended', events })));
    render(<StationEventsPage />);
    await screen.findAllByTestId('station-event');
    const titles = (id: string) => within(screen.getByTestId(id)).getAllByTestId('station-event-title').map((t) => t.textContent);
    expect(titles('station-events-list')).toEqual(['正在进行的义诊', '驿站微型音乐会']);
    expect(within(screen.getByTestId('station-events-list')).getAllByTestId('station-event-seats')[0].textContent).toBe('活动进行中');
    expect(titles('station-events-past')).toEqual(['已取消的理发日', '上周的讲座']);
    const seats = within(screen.getByTestId('station-events-past')).getAllByTestId('station-event-seats').map((t) => t.textContent);
    expect(seats).toEqual(['活动已取消', '已结束']);
    expect(within(screen.getByTestId('station-events-past')).queryByTestId('station-events-edit')).toBeNull();
    expect(screen.getByTestId('station-events-suspended').textContent).toContain('本站已停用');
  });

  it('a station that is not mine: the server’s message, no form, and 换一个驿站 leads to my list', async () => {
    loggedIn(master);
    withParams({ id: 's9' });
    const s = fakeServer((req) => {
      if (req.url.endsWith('/api/stations/s9/manage')) return errorReply(403, 'FORBIDDEN', '只能维护自己负责的驿站');
      if (req.url.endsWith('/api/stations/s1/manage')) return json(200, managed());
      return json(200, { items: [managedSummary()], nextAfter: null });
    });
    render(<StationEventsPage />);
    await waitFor(() => expect(screen.getByTestId('station-events-error').textContent).toBe('只能维护自己负责的驿站'));
    expect(screen.queryByTestId('station-events-publish')).toBeNull();
    expect(within(screen.getByTestId('station-events-error')).queryByText('重试')).toBeNull();
    fireEvent.click(screen.getByTestId('station-events-switch'));
    fireEvent.click(await screen.findByTestId('station-picker-item'));
    expect((await screen.findByTestId('station-event-title')).textContent).toBe('驿站微型音乐会');
    expect(screen.getByTestId('station-events-name').textContent).toBe('中山路工会驿站');
    expect(s.to('/api/stations/s1/manage')).toHaveLength(1);
  });

  it('修改: loads the event into the form, PATCHes title, time and capacity (description kept), and updates the list', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = fakeServer((req) => {
      if (req.method === 'PATCH' && req.url.endsWith('/api/events/e1')) {
        const body = req.data as Record<string, unknown>;
        return json(200, event({ ...(body as object), signedUp: 29, seatsLeft: (body.capacity as number) - 29 }));
      }
      return json(200, managed());
    });
    render(<StationEventsPage />);
    fireEvent.click(within(await screen.findByTestId('station-event')).getByTestId('station-events-edit'));
    expect(screen.getByTestId('station-events-form-head').textContent).toContain('修改活动：驿站微型音乐会');
    const value = (id: string) => (screen.getByTestId(id).querySelector('input') as HTMLInputElement).value;
    // 2026-11-28T11:00Z is 19:00 in Beijing.
    expect([value('station-events-title'), whenOf('station-events-starts'), whenOf('station-events-ends'), value('station-events-capacity')]).toEqual([
      '驿站微型音乐会',
      '2026-11-28 19:00',
      '2026-11-28 21:00',
      '30',
    ]);
    expect(screen.getByTestId('station-events-publish').textContent).toBe('保存修改');

    typeInto(document.body, 'station-events-title', '驿站微型音乐会（改期）');
    pickWhen('station-events-starts', '2026-11-29 19:30');
    pickWhen('station-events-ends', '2026-11-29 21:30');
    typeInto(document.body, 'station-events-capacity', '40');
    fireEvent.click(screen.getByTestId('station-events-publish'));
    await waitFor(() => expect(screen.getByTestId('station-events-notice').textContent).toBe('活动已修改，已通知报名的职工'));
    const patches = s.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0].url).toMatch(/\/api\/events\/e1$/);
    expect(patches[0].data).toEqual({
      title: '驿站微型音乐会（改期）',
      kind: 'concert',
      description: '一边等单一边听歌，每月一次。',
      startsAt: '2026-11-29T11:30:00.000Z',
      endsAt: '2026-11-29T13:30:00.000Z',
      capacity: 40,
    });
    expect(s.to('/api/stations/s1/events')).toHaveLength(0);
    const card = screen.getByTestId('station-event');
    expect(within(card).getByTestId('station-event-title').textContent).toBe('驿站微型音乐会（改期）');
    expect(within(card).getByTestId('station-event-seats').textContent).toBe('剩余 11 个名额');
    // Back to publishing a new event.
    expect(screen.getByTestId('station-events-form-head').textContent).toBe('发布新活动');
    expect(value('station-events-title')).toBe('');
  });

  it('修改 capacity below the sign-ups: caught before sending; when more signed up meanwhile, the server’s Chinese message is shown', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = fakeServer((req) => {
      if (req.method === 'PATCH') return errorReply(400, 'VALIDATION_FAILED', '提交的信息有误', [{ field: 'capacity', message: '已有 31 人报名，名额不能少于报名人数' }]);
      return json(200, managed({ events: [event({ capacity: 40, signedUp: 29, seatsLeft: 11 })] }));
    });
    render(<StationEventsPage />);
    fireEvent.click(within(await screen.findByTestId('station-event')).getByTestId('station-events-edit'));
    typeInto(document.body, 'station-events-capacity', '20');
    fireEvent.click(screen.getByTestId('station-events-publish'));
    expect(screen.getByTestId('station-events-capacity-error').textContent).toBe('已有 29 人报名，名额不能少于报名人数');
    expect(s.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);

    // The page knew of 29; by now 31 have signed up.
    typeInto(document.body, 'station-events-capacity', '30');
    fireEvent.click(screen.getByTestId('station-events-publish'));
    await waitFor(() => expect(screen.getByTestId('station-events-notice').textContent).toBe('已有 31 人报名，名额不能少于报名人数'));
    expect(screen.getByTestId('station-events-capacity-error').textContent).toBe('已有 31 人报名，名额不能少于报名人数');
    // Still editing, nothing lost.
    expect(screen.getByTestId('station-events-form-head').textContent).toContain('修改活动');

    fireEvent.click(screen.getByTestId('station-events-discard'));
    expect(screen.getByTestId('station-events-form-head').textContent).toBe('发布新活动');
  });

  it('修改 an event cancelled meanwhile: the server’s 409 message is shown', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    fakeServer((req) => (req.method === 'PATCH' ? errorReply(409, 'CONFLICT', '活动已取消或报名人数已变化，请刷新后重试') : json(200, managed())));
    render(<StationEventsPage />);
    fireEvent.click(within(await screen.findByTestId('station-event')).getByTestId('station-events-edit'));
    fireEvent.click(screen.getByTestId('station-events-publish'));
    await waitFor(() => expect(screen.getByTestId('station-events-notice').textContent).toBe('活动已取消或报名人数已变化，请刷新后重试'));
  });

  it('checks times before sending: the end must come after the start', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = fakeServer(() => json(200, managed()));
    render(<StationEventsPage />);
    await screen.findByTestId('station-event');
    typeInto(document.body, 'station-events-title', '夏日义诊');
    pickWhen('station-events-ends', '2026-11-26 13:00');
    fireEvent.click(screen.getByTestId('station-events-publish'));
    expect(screen.getByTestId('station-events-ends-error').textContent).toBe('结束时间应晚于开始时间');
    expect(s.to('/api/stations/s1/events')).toHaveLength(0);
  });

  it('capacity is a number of 1–1000: 0 and 2025 are refused before sending, letters never reach the field', async () => {
    loggedIn(master);
    withParams({ id: 's1' });
    const s = fakeServer(() => json(200, managed()));
    render(<StationEventsPage />);
    await screen.findByTestId('station-event');
    typeInto(document.body, 'station-events-title', '夏日义诊');
    for (const typed of ['0', '2025']) {
      typeInto(document.body, 'station-events-capacity', typed);
      fireEvent.click(screen.getByTestId('station-events-publish'));
      expect(screen.getByTestId('station-events-capacity-error').textContent).toBe('名额应为 1–1000 人');
    }
    expect(s.to('/api/stations/s1/events')).toHaveLength(0);
    typeInto(document.body, 'station-events-capacity', '3a0');
    expect((screen.getByTestId('station-events-capacity').querySelector('input') as HTMLInputElement).value).toBe('30');
  });
});
