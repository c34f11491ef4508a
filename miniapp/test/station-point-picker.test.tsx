import type TaroType from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type StationsPageType from '../src/pages/stations/index';
import type { MapPicker as WeappMapPickerType } from '../src/components/map-picker.weapp';
import type * as FakeServer from './support/fake-server';
import { browserPosition, queryOf, removeBrowserPosition, summary } from './station-fixtures';

// AMap's CDN loader is the edge: the only thing replaced for the H5 picker.
const loader = vi.hoisted(() => ({ load: vi.fn(), reset: vi.fn() }));
vi.mock('@amap/amap-jsapi-loader', () => ({ default: loader }));

/** A stand-in AMap: records the map's click handler and the pins drawn. */
function fakeAMap() {
  const seen = { click: null as null | ((e: unknown) => void), pins: [] as Array<[number, number]>, center: null as unknown };
  class Marker {
    constructor(readonly options: { position: [number, number] }) {}
    on() {}
  }
  class FakeMap {
    constructor(_el: HTMLElement, options: { center: unknown }) {
      seen.center = options.center;
    }
    on(event: string, handler: (e: unknown) => void) {
      if (event === 'click') seen.click = handler;
    }
    add(list: Marker[]) {
      seen.pins.push(...list.map((m) => m.options.position));
    }
    remove(list: Marker[]) {
      for (const m of list) seen.pins.splice(seen.pins.indexOf(m.options.position), 1);
    }
    setFitView() {}
    destroy() {}
  }
  const tap = (lng: number, lat: number) => act(() => seen.click!({ lnglat: { lng, lat, getLng: () => lng, getLat: () => lat } }));
  return { AMap: { Map: FakeMap, Marker }, seen, tap };
}

const stations = [summary({ id: 'a', distanceMeters: 300 }), summary({ id: 'b', name: '火车站工会驿站', distanceMeters: 900 })];
const nearby = (s: ReturnType<typeof FakeServer.fakeServer>) => s.to('/api/stations/nearby').map((r) => queryOf(r.url));

// Fresh modules per test (the AMap loader keeps a successful load for the page's life), so Taro and the
// fake server come from the same fresh module graph as the page.
let StationsPage: typeof StationsPageType;
let WeappMapPicker: typeof WeappMapPickerType;
let Taro: typeof TaroType;
let fakeServer: typeof FakeServer.fakeServer;
let json: typeof FakeServer.json;
beforeEach(async () => {
  vi.resetModules();
  ({ default: StationsPage } = await import('../src/pages/stations/index'));
  ({ MapPicker: WeappMapPicker } = await import('../src/components/map-picker.weapp'));
  ({ default: Taro } = await import('@tarojs/taro'));
  ({ fakeServer, json } = await import('./support/fake-server'));
  vi.stubEnv('TARO_APP_AMAP_KEY', 'test-key');
  loader.load.mockReset();
  loader.reset.mockReset();
});
afterEach(() => {
  vi.unstubAllEnvs();
  removeBrowserPosition();
});

describe('location refused: a point on the map (H5, AMap)', () => {
  it('在地图上选点 shows the map; a tap drops a pin, 用这个位置 searches nearest-first around that point', async () => {
    browserPosition(null);
    const { AMap, seen, tap } = fakeAMap();
    loader.load.mockResolvedValue(AMap);
    const server = fakeServer(() => json(200, stations));
    render(<StationsPage />);
    await screen.findByTestId('stations-locate-failed');
    expect(screen.getByTestId('stations-locate-failed').textContent).toContain('在地图上选一个点');
    fireEvent.click(screen.getByTestId('stations-pick-point'));
    await waitFor(() => expect(screen.getByTestId('stations-point-picker').getAttribute('data-state')).toBe('ready'));
    // Opens on the first district's centre (思明区) when there was no place yet.
    expect(seen.center).toEqual([118.0894, 24.4798]);
    // Nothing to confirm before a tap.
    expect(screen.getByTestId('stations-point-picker-confirm').classList.contains('nut-button-disabled')).toBe(true);

    tap(118.11, 24.47);
    tap(118.123456789, 24.4912345);
    expect(seen.pins).toEqual([[118.123457, 24.491235]]);
    expect(nearby(server)).toHaveLength(0);
    fireEvent.click(screen.getByTestId('stations-point-picker-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(2));
    expect(nearby(server)).toEqual([expect.objectContaining({ lat: '24.491235', lng: '118.123457', radiusKm: '10' })]);
    expect(screen.getByTestId('stations-place').textContent).toBe('按你在地图上选的位置查找');
    expect(screen.queryByTestId('stations-district-picker')).toBeNull();
  });

  it('AMap cannot load: says so, the district chips still work; 取消 closes the picker', async () => {
    browserPosition(null);
    loader.load.mockRejectedValue(new Event('error'));
    const server = fakeServer(() => json(200, stations));
    render(<StationsPage />);
    await screen.findByTestId('stations-locate-failed');
    fireEvent.click(screen.getByTestId('stations-pick-point'));
    expect((await screen.findByTestId('stations-point-picker-unavailable')).textContent).toContain('地图暂时无法加载，请选择上面的区');
    expect(screen.queryByTestId('stations-point-picker-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('stations-point-picker-cancel'));
    expect(screen.queryByTestId('stations-point-picker')).toBeNull();
    expect(screen.getByTestId('stations-pick-point')).toBeTruthy();

    fireEvent.click(screen.getByTestId('stations-pick-point'));
    await screen.findByTestId('stations-point-picker-unavailable');
    fireEvent.click(screen.getByText('海沧区'));
    await waitFor(() => expect(screen.getAllByTestId('station-card')).toHaveLength(2));
    expect(nearby(server)[0]).toMatchObject({ lat: '24.4846', lng: '118.0326' });
    expect(screen.getByTestId('stations-place').textContent).toBe('按海沧区中心查找');
  });
});

describe('weapp: WeChat’s location picker', () => {
  const center = { lat: 24.4798, lng: 118.0894 };

  it('opens Taro.chooseLocation at the centre and hands back the chosen GCJ-02 point with its name', async () => {
    const choose = vi.spyOn(Taro, 'chooseLocation').mockResolvedValue({ latitude: 24.5, longitude: 118.1, name: '湖滨南路', address: '思明区湖滨南路', errMsg: 'chooseLocation:ok' });
    const onPick = vi.fn();
    render(<WeappMapPicker center={center} onPick={onPick} onCancel={vi.fn()} testId='p' />);
    await waitFor(() => expect(onPick).toHaveBeenCalledWith({ lat: 24.5, lng: 118.1, name: '湖滨南路' }));
    expect(choose).toHaveBeenCalledTimes(1);
    expect(choose.mock.calls[0][0]).toMatchObject({ latitude: 24.4798, longitude: 118.0894 });
  });

  it('cancelled: closes quietly; any other failure says so and points to the districts', async () => {
    vi.spyOn(Taro, 'chooseLocation').mockRejectedValueOnce({ errMsg: 'chooseLocation:fail cancel' });
    const onCancel = vi.fn();
    const { unmount } = render(<WeappMapPicker center={center} onPick={vi.fn()} onCancel={onCancel} testId='p' />);
    await waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1));
    unmount();

    vi.spyOn(Taro, 'chooseLocation').mockRejectedValueOnce({ errMsg: 'chooseLocation:fail privacy permission is not authorized' });
    const onPick = vi.fn();
    render(<WeappMapPicker center={center} onPick={onPick} onCancel={vi.fn()} testId='p' />);
    expect((await screen.findByTestId('p-unavailable')).textContent).toContain('没能打开地图选点，请选择上面的区。');
    expect(onPick).not.toHaveBeenCalled();

    // 再试一次 opens the picker again; 取消 closes it.
    vi.spyOn(Taro, 'chooseLocation').mockResolvedValueOnce({ latitude: 24.6, longitude: 118.2, name: '', address: '', errMsg: 'chooseLocation:ok' });
    fireEvent.click(screen.getByTestId('p-retry'));
    await waitFor(() => expect(onPick).toHaveBeenCalledWith({ lat: 24.6, lng: 118.2, name: undefined }));
  });

  it('after a failure, 取消 goes back to the district chips and links', async () => {
    vi.spyOn(Taro, 'chooseLocation').mockRejectedValueOnce({ errMsg: 'chooseLocation:fail system error' });
    const onCancel = vi.fn();
    render(<WeappMapPicker center={center} onPick={vi.fn()} onCancel={onCancel} testId='p' />);
    fireEvent.click(await screen.findByTestId('p-cancel'));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
