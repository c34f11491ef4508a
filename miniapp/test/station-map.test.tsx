import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AMAP_LOAD_TIMEOUT_MS } from '../src/components/map-amap-loader';
import type { MapView as MapViewType } from '../src/components/map-view';

// The loader module is the edge to AMap's CDN: the only thing replaced here.
const loader = vi.hoisted(() => ({ load: vi.fn(), reset: vi.fn() }));
vi.mock('@amap/amap-jsapi-loader', () => ({ default: loader }));

const points = [
  { id: 's1', name: '中山路工会驿站', lat: 24.4555, lng: 118.0796 },
  { id: 's2', name: '火车站工会驿站', lat: 24.4686, lng: 118.1156 },
];

function renderMap(onOpen = vi.fn()) {
  render(<MapView center={{ lat: 24.46, lng: 118.09 }} points={points} onOpen={onOpen} fallback={<span data-testid='the-list'>list</span>} testId='map' />);
  return onOpen;
}

/** A stand-in AMap namespace recording what the component draws. */
function fakeAMap() {
  const drawn: Array<{ options: { position: [number, number]; title?: string }; click?: () => void }> = [];
  class Marker {
    record: (typeof drawn)[number];
    constructor(options: { position: [number, number]; title?: string }) {
      this.record = { options };
      drawn.push(this.record);
    }
    on(_event: string, handler: () => void) {
      this.record.click = handler;
    }
  }
  class FakeMap {
    added: Marker[] = [];
    constructor(
      readonly el: HTMLElement,
      readonly options: unknown,
    ) {}
    add(markers: Marker[]) {
      this.added.push(...markers);
    }
    remove() {}
    setFitView() {}
    destroy() {}
  }
  return { AMap: { Map: FakeMap, Marker }, drawn };
}

// A fresh module per test: the loader wrapper keeps a successful load for the page's life.
let MapView: typeof MapViewType;
beforeEach(async () => {
  vi.resetModules();
  ({ MapView } = await import('../src/components/map-view'));
  vi.stubEnv('TARO_APP_AMAP_KEY', 'test-key');
  loader.load.mockReset();
  loader.reset.mockReset();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('H5 map (AMap)', () => {
  it('the loader rejects (a DOM Event, as when the script fails): says so in Chinese, shows the list, resets the loader', async () => {
    loader.load.mockRejectedValue(new Event('error'));
    renderMap();
    expect((await screen.findByTestId('map-unavailable')).textContent).toContain('地图暂时无法加载，已为你显示列表');
    expect(screen.getByTestId('the-list')).toBeTruthy();
    expect(loader.load).toHaveBeenCalledWith({ key: 'test-key', version: '2.0' });
    // A failed loader refuses every later try until reset.
    expect(loader.reset).toHaveBeenCalledTimes(1);
  });

  it('the loader never answers: after the timeout the same fallback, and 重新加载地图 tries again', async () => {
    vi.useFakeTimers();
    loader.load.mockReturnValue(new Promise(() => undefined));
    renderMap();
    await act(() => vi.advanceTimersByTimeAsync(AMAP_LOAD_TIMEOUT_MS - 100));
    expect(screen.queryByTestId('map-unavailable')).toBeNull();
    expect(screen.getByTestId('map').getAttribute('data-state')).toBe('loading');
    await act(() => vi.advanceTimersByTimeAsync(200));
    expect(screen.getByTestId('map-unavailable').textContent).toContain('地图暂时无法加载');
    expect(screen.getByTestId('the-list')).toBeTruthy();
    expect(loader.reset).toHaveBeenCalledTimes(1);

    const { AMap } = fakeAMap();
    loader.load.mockResolvedValue(AMap);
    fireEvent.click(screen.getByTestId('map-retry'));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByTestId('map').getAttribute('data-state')).toBe('ready');
  });

  it('no key configured: does not even try, shows the fallback', async () => {
    vi.stubEnv('TARO_APP_AMAP_KEY', '');
    renderMap();
    await screen.findByTestId('map-unavailable');
    expect(loader.load).not.toHaveBeenCalled();
  });

  it('sets the security code before loading when one is configured', async () => {
    vi.stubEnv('TARO_APP_AMAP_SECURITY', 'sec-code');
    let seen: unknown;
    loader.load.mockImplementation(() => {
      seen = (window as unknown as { _AMapSecurityConfig?: unknown })._AMapSecurityConfig;
      return Promise.reject(new Event('error'));
    });
    renderMap();
    await screen.findByTestId('map-unavailable');
    expect(seen).toEqual({ securityJsCode: 'sec-code' });
  });

  it('AMap loads: one marker per station at its GCJ-02 point; tapping a marker opens that station', async () => {
    const { AMap, drawn } = fakeAMap();
    loader.load.mockResolvedValue(AMap);
    const onOpen = renderMap();
    await act(async () => undefined);
    await vi.waitFor(() => expect(drawn).toHaveLength(2), { timeout: 10_000 });
    expect(screen.getByTestId('map').getAttribute('data-state')).toBe('ready');
    expect(screen.queryByTestId('map-unavailable')).toBeNull();
    expect(drawn.map((m) => m.options)).toEqual([
      { position: [118.0796, 24.4555], title: '中山路工会驿站', extData: 's1' },
      { position: [118.1156, 24.4686], title: '火车站工会驿站', extData: 's2' },
    ]);
    drawn[1].click!();
    expect(onOpen).toHaveBeenCalledWith('s2');
  });
});
