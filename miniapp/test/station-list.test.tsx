import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import StationsPage from '../src/pages/stations/index';
import { wgs84ToGcj02 } from '../src/pages/stations/gcj02';
import { LOCATE_SLOW_MS } from '../src/pages/stations/locate.types';
import { SERVICE_CATALOGUE } from '@nuanxin/shared';
import { SERVICE_GLYPHS, serviceGlyph } from '../src/components/station-service-icon';
import { fakeServer, json } from './support/fake-server';
import { browserPosition, queryOf, removeBrowserPosition, summary } from './station-fixtures';

// Wednesday 2026-11-25 10:00 in Beijing.
const NOW = new Date('2026-11-25T02:00:00.000Z');
const HERE = { latitude: 24.4637, longitude: 118.0978 };

const stations = [
  summary({ id: 'a', name: '中山路工会驿站', distanceMeters: 850, alwaysOpen: true, isOpenNow: true }),
  summary({
    id: 'b',
    name: '火车站工会驿站',
    distanceMeters: 1234,
    alwaysOpen: false,
    isOpenNow: false,
    // Opens tomorrow (Thursday) 08:00 Beijing.
    nextChange: '2026-11-26T00:00:00.000Z',
    services: ['microwave', 'water_hot', 'wifi', 'reading', 'toilet', 'umbrella', 'lockers'],
  }),
  summary({ id: 'c', name: '嘉莲街道骑手之家', distanceMeters: 15432, alwaysOpen: false, isOpenNow: false, closedReason: '设备检修', nextChange: '2026-11-25T06:00:00.000Z' }),
  summary({ id: 'd', name: '筼筜湖畔驿站', distanceMeters: 9999, alwaysOpen: false, isOpenNow: true, nextChange: '2026-11-25T12:00:00.000Z' }),
];

const nearby = (s: ReturnType<typeof fakeServer>) => s.to('/api/stations/nearby').map((r) => queryOf(r.url));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(removeBrowserPosition);

describe('驿站 tab: nearest stations', () => {
  it('asks the browser for the position, lists nearest first with distances, open badges and services', async () => {
    browserPosition(HERE);
    const server = fakeServer(() => json(200, stations));
    render(<StationsPage />);
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(4));
    expect(screen.getByTestId('stations-place').textContent).toBe('按你当前的位置查找');
    expect(screen.getByTestId('stations-where').textContent).toContain('位置只用于这一次查询，不会被保存');

    const cards = screen.getAllByTestId('station-card');
    expect(cards.map((c) => within(c).getByTestId('station-card-distance').textContent)).toEqual(['850 m', '1.2 km', '15 km', '10 km']);
    const badge = (i: number) => within(cards[i]).getByTestId('station-card-open').textContent;
    expect(badge(0)).toBe('营业中24 小时');
    expect(within(cards[1]).getByTestId('station-card-open-label').textContent).toBe('已打烊');
    expect(within(cards[1]).getByTestId('station-card-open-detail').textContent).toBe('明天 08:00 开门');
    expect(within(cards[2]).getByTestId('station-card-open-label').textContent).toBe('暂停开放');
    expect(within(cards[2]).getByTestId('station-card-open-detail').textContent).toBe('设备检修，14:00 开门');
    expect(within(cards[3]).getByTestId('station-card-open-detail').textContent).toBe('20:00 打烊');
    // Key services first, from the shared catalogue's labels, each with its icon; the rest counted.
    const services = within(cards[1]).getByTestId('station-card-services');
    expect(within(services).getAllByTestId('station-card-service-label').map((l) => l.textContent)).toEqual(['热水', '微波炉热饭', '卫生间', '无线网络', '图书阅读']);
    expect(within(services).getAllByTestId('station-service-icon').map((i) => [i.getAttribute('data-service'), i.textContent])).toEqual([
      ['water_hot', '水'],
      ['microwave', '热'],
      ['toilet', '厕'],
      ['wifi', '网'],
      ['reading', '书'],
    ]);
    // Icons carry a category colour and are hidden from screen readers (the label is read).
    expect(within(services).getAllByTestId('station-service-icon')[1].className).toContain('service-icon--food');
    expect(within(services).getAllByTestId('station-service-icon')[0].getAttribute('aria-hidden')).toBe('true');
    expect(services.textContent?.endsWith('+2')).toBe(true);

    // One query: the browser's WGS-84 fix shifted to GCJ-02, 20 within 10 km, no filters.
    const [q] = nearby(server);
    const gcj = wgs84ToGcj02(HERE.latitude, HERE.longitude);
    expect(Number(q.lat)).toBeCloseTo(gcj.lat, 6);
    expect(Number(q.lng)).toBeCloseTo(gcj.lng, 6);
    expect(Math.abs(Number(q.lat) - HERE.latitude)).toBeLessThan(0.01);
    expect(q).toMatchObject({ limit: '20', radiusKm: '10' });
    expect(q.services).toBeUndefined();
    expect(q.openNow).toBeUndefined();
  });

  it('nothing within 10 km: asks once more within 50 km and says so', async () => {
    browserPosition(HERE);
    const server = fakeServer((req) => json(200, queryOf(req.url).radiusKm === '10' ? [] : [stations[2]]));
    render(<StationsPage />);
    await screen.findByTestId('stations-widened');
    expect(nearby(server).map((q) => q.radiusKm)).toEqual(['10', '50']);
    expect(screen.getAllByTestId('station-card')).toHaveLength(1);
  });

  it('location refused: offers the six districts and searches around the chosen centre', async () => {
    browserPosition(null);
    const server = fakeServer(() => json(200, stations));
    render(<StationsPage />);
    await screen.findByTestId('stations-locate-failed');
    expect(nearby(server)).toHaveLength(0);
    const options = screen.getAllByTestId('stations-districts-option').map((o) => o.textContent);
    expect(options).toEqual(['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区']);
    fireEvent.click(screen.getByText('湖里区'));
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(4));
    expect(nearby(server)[0]).toMatchObject({ lat: '24.5127', lng: '118.1465', radiusKm: '10' });
    expect(screen.getByTestId('stations-place').textContent).toBe('按湖里区中心查找');
    expect(screen.queryByTestId('stations-district-picker')).toBeNull();
  });

  it('a slow fix (e.g. WeChat waiting on its privacy prompt): the picker after 10 s, the late position still used unless a district was picked', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(NOW);
    const answers: Array<(p: unknown) => void> = [];
    Object.defineProperty(window.navigator, 'geolocation', { configurable: true, value: { getCurrentPosition: (ok: (p: unknown) => void) => answers.push(ok) } });
    const position = { coords: { ...HERE, accuracy: 20, altitude: null, altitudeAccuracy: null, speed: null } };
    const server = fakeServer(() => json(200, stations));
    const { unmount } = render(<StationsPage />);
    await act(() => vi.advanceTimersByTimeAsync(LOCATE_SLOW_MS - 100));
    expect(screen.queryByTestId('stations-district-picker')).toBeNull();
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(screen.getByTestId('stations-district-picker')).toBeTruthy();
    answers[0](position);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('stations-place').textContent).toBe('按你当前的位置查找');
    expect(screen.queryByTestId('stations-district-picker')).toBeNull();
    expect(nearby(server)).toHaveLength(1);
    unmount();

    // Second time the rider picks 集美区 first: the late fix is ignored.
    render(<StationsPage />);
    await act(() => vi.advanceTimersByTimeAsync(LOCATE_SLOW_MS + 100));
    fireEvent.click(screen.getByText('集美区'));
    await act(() => vi.advanceTimersByTimeAsync(0));
    answers[1](position);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('stations-place').textContent).toBe('按集美区中心查找');
    expect(nearby(server).slice(1).map((q) => q.lat)).toEqual(['24.5758']);
  });

  it('no geolocation at all (old browser): the district picker too', async () => {
    removeBrowserPosition();
    fakeServer(() => json(200, stations));
    render(<StationsPage />);
    await screen.findByTestId('stations-district-picker');
  });

  it('filter chips change the query: services all required, 仅看营业中 adds openNow=true, tapping again removes', async () => {
    browserPosition(HERE);
    const server = fakeServer(() => json(200, stations));
    render(<StationsPage />);
    await waitFor(() => expect(nearby(server)).toHaveLength(1));
    fireEvent.click(screen.getByTestId('stations-filter-water_hot'));
    await waitFor(() => expect(nearby(server)).toHaveLength(2));
    expect(nearby(server)[1].services).toBe('water_hot');
    fireEvent.click(screen.getByTestId('stations-filter-phone_charging'));
    await waitFor(() => expect(nearby(server)).toHaveLength(3));
    expect(nearby(server)[2].services).toBe('water_hot,phone_charging');
    fireEvent.click(screen.getByTestId('stations-filter-open_now'));
    await waitFor(() => expect(nearby(server)).toHaveLength(4));
    expect(nearby(server)[3]).toMatchObject({ services: 'water_hot,phone_charging', openNow: 'true' });
    expect(screen.getByTestId('stations-filter-open_now').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByTestId('stations-filter-water_hot'));
    await waitFor(() => expect(nearby(server)).toHaveLength(5));
    expect(nearby(server)[4]).toMatchObject({ services: 'phone_charging', openNow: 'true' });
    // Every query keeps the same place.
    expect(new Set(nearby(server).map((q) => `${q.lat},${q.lng}`)).size).toBe(1);
  });

  it('no match even within 50 km with filters on: says so and offers to clear them', async () => {
    browserPosition(HERE);
    const server = fakeServer((req) => json(200, queryOf(req.url).services ? [] : stations));
    render(<StationsPage />);
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(4));
    fireEvent.click(screen.getByTestId('stations-filter-microwave'));
    await screen.findByTestId('stations-none');
    fireEvent.click(screen.getByTestId('stations-clear-filters'));
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(4));
    expect(nearby(server).at(-1)?.services).toBeUndefined();
  });

  it('tapping a station opens its detail page', async () => {
    browserPosition(HERE);
    fakeServer(() => json(200, stations));
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    render(<StationsPage />);
    fireEvent.click((await screen.findAllByTestId('station-card'))[1]);
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/station/detail?id=b' });
  });

  it('the map view without an AMap key says the map is unavailable and keeps the list', async () => {
    browserPosition(HERE);
    fakeServer(() => json(200, stations));
    render(<StationsPage />);
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(4));
    fireEvent.click(screen.getByTestId('stations-mode-map'));
    expect((await screen.findByTestId('stations-map-unavailable')).textContent).toContain('地图暂时无法加载，已为你显示列表');
    expect(within(screen.getByTestId('stations-map')).getAllByTestId('station-card')).toHaveLength(4);
  });

  it('a failed search says what to do and 重试 asks again', async () => {
    browserPosition(HERE);
    let fail = true;
    fakeServer(() => (fail ? { status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' } } : json(200, stations)));
    render(<StationsPage />);
    expect((await screen.findByTestId('stations-error')).textContent).toContain('服务暂时不可用');
    fail = false;
    fireEvent.click(within(screen.getByTestId('stations-error')).getByText('重试'));
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(4));
    expect(screen.queryByTestId('stations-error')).toBeNull();
  });
});

describe('驿站 tab: search and quick entries', () => {
  const searchBox = () => screen.getByTestId('stations-search').querySelector('input') as HTMLInputElement;
  const found = [summary({ id: 'z', name: '中山路工会驿站', address: '思明区中山路 100 号', distanceMeters: undefined })];

  it('searches stations by name or address once typing pauses; the results stand in for the nearby list until 取消', async () => {
    browserPosition(HERE);
    const server = fakeServer((req) => (new URL(req.url, 'http://x').pathname === '/api/stations' ? json(200, { items: queryOf(req.url).q === '中山' ? found : [], nextAfter: null }) : json(200, stations)));
    render(<StationsPage />);
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(4));
    expect(searchBox().getAttribute('placeholder')).toBe('搜索驿站名称或地址');

    fireEvent.input(searchBox(), { target: { value: '中' } });
    fireEvent.input(searchBox(), { target: { value: '中山' } });
    const results = await screen.findByTestId('stations-search-results');
    await waitFor(() => expect(within(results).getAllByTestId('station-card-name').map((n) => n.textContent)).toEqual(['中山路工会驿站']));
    // One request for what was typed last, none for the keystroke before it.
    expect(server.to('/api/stations').map((r) => queryOf(r.url).q)).toEqual(['中山']);
    expect(screen.getByTestId('stations-nearby').className).toContain('stations-page__hidden');
    expect(screen.queryByTestId('stations-quick')).toBeNull();

    fireEvent.input(searchBox(), { target: { value: '无此驿站' } });
    expect((await screen.findByTestId('stations-search-none')).textContent).toBe('没有找到名称或地址含「无此驿站」的驿站');

    fireEvent.click(screen.getByTestId('stations-search-clear'));
    expect(screen.queryByTestId('stations-search-results')).toBeNull();
    expect(screen.getByTestId('stations-nearby').className).not.toContain('stations-page__hidden');
    expect(within(screen.getByTestId('stations-nearby')).getAllByTestId('station-card')).toHaveLength(4);
    // The nearby list was kept, not asked for again.
    expect(server.to('/api/stations/nearby')).toHaveLength(1);
  });

  it('我有事办 opens the claim form; the hotline tile calls 12351 in one tap', async () => {
    browserPosition(HERE);
    fakeServer(() => json(200, stations));
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    const call = vi.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' });
    render(<StationsPage />);
    fireEvent.click(await screen.findByTestId('stations-quick-claim'));
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/claims/new' });
    fireEvent.click(screen.getByTestId('stations-quick-hotline'));
    expect(call).toHaveBeenCalledWith({ phoneNumber: '12351' });
    expect(screen.getByTestId('stations-quick-hotline').textContent).toContain('工会热线 12351');
    vi.restoreAllMocks();
  });
});

describe('service icons', () => {
  it('every service in the shared catalogue has its own glyph and a category colour', () => {
    const glyphs = SERVICE_CATALOGUE.map((s) => serviceGlyph(s.code));
    expect(SERVICE_CATALOGUE.filter((s) => !SERVICE_GLYPHS[s.code]).map((s) => s.code)).toEqual([]);
    expect(new Set(glyphs).size).toBe(glyphs.length);
    expect(glyphs.every((g) => [...g].length === 1)).toBe(true);
  });
});
