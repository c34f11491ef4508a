import Taro from '@tarojs/taro';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The native <map> is WeChat's (the edge): a stand-in records what the component hands it.
const drawn = vi.hoisted(() => ({ props: null as null | Record<string, any> }));
vi.mock('@tarojs/components', async (importOriginal) => {
  const real = await importOriginal<Record<string, unknown>>();
  return {
    ...real,
    Map: (props: Record<string, any>) => {
      drawn.props = props;
      return <div data-testid='native-map' id={props.id} />;
    },
  };
});

const { MapView, MAP_CLUSTER } = await import('../src/components/map-view.weapp');

const points = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, name: `驿站${i}`, lat: 24.45 + i * 0.0005, lng: 118.08 + i * 0.0005 }));

// WeChat's own APIs, which Taro's H5 runtime does not have.
const initMarkerCluster = vi.fn();
const createMapContext = vi.fn(() => ({ initMarkerCluster }));
const taro = Taro as unknown as Record<string, unknown>;
beforeEach(() => {
  drawn.props = null;
  initMarkerCluster.mockReset();
  createMapContext.mockClear();
  taro.createMapContext = createMapContext;
  taro.nextTick = (cb: () => void) => setTimeout(cb, 0);
});
afterEach(() => {
  delete taro.createMapContext;
  delete taro.nextTick;
});

describe('weapp map (WeChat <map>)', () => {
  it('every marker joins WeChat clustering, and the map context is set to cluster dense markers and split them on tap', async () => {
    const onOpen = vi.fn();
    render(<MapView center={{ lat: 24.45, lng: 118.08 }} points={points} onOpen={onOpen} fallback={<span />} testId='stations-map' />);
    await act(() => new Promise((r) => setTimeout(r, 0)));
    const props = drawn.props!;
    expect(props.id).toBe('stations-map-canvas');
    expect(props.markers).toHaveLength(12);
    expect(props.markers.every((m: { joinCluster?: boolean }) => m.joinCluster === true)).toBe(true);
    expect(props.markers[3]).toMatchObject({ id: 3, latitude: points[3].lat, longitude: points[3].lng, title: '驿站3' });
    expect(createMapContext).toHaveBeenCalledWith('stations-map-canvas');
    expect(initMarkerCluster).toHaveBeenCalledTimes(1);
    expect(initMarkerCluster.mock.calls[0][0]).toMatchObject({ enableDefaultStyle: true, zoomOnClick: true, gridSize: MAP_CLUSTER.gridSize });

    // A tapped marker (not a cluster) opens its station.
    props.onMarkerTap({ detail: { markerId: 7 } });
    expect(onOpen).toHaveBeenCalledWith('s7');
  });

  it('an old base library without clustering still draws the markers; a map error falls back to the list', async () => {
    createMapContext.mockImplementation(() => {
      throw new Error('initMarkerCluster is not a function');
    });
    render(<MapView center={{ lat: 24.45, lng: 118.08 }} points={points} onOpen={vi.fn()} fallback={<span data-testid='the-list' />} testId='stations-map' />);
    await act(() => new Promise((r) => setTimeout(r, 0)));
    expect(screen.getByTestId('native-map')).toBeTruthy();
    act(() => drawn.props!.onError({ detail: {} }));
    expect(screen.getByTestId('stations-map-unavailable').textContent).toContain('地图暂时无法加载，已为你显示列表');
    expect(screen.getByTestId('the-list')).toBeTruthy();
  });
});
