import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Map, Text, View } from '@tarojs/components';
import { MAP_TEXT, type MapViewProps } from './map-view.types';
import './map-view.scss';

// The tab bar's station icon: a file already in the main package (app.config copies tab icons).
const MARKER_ICON = '/assets/tab/stations-active.png';
const MARKER_SIZE = 30;

/**
 * WeChat's own marker clustering (base library ≥ 2.13): markers closer than `gridSize` pixels merge into a
 * numbered bubble, and tapping one zooms in until they separate. Sparse markers are drawn one by one.
 */
export const MAP_CLUSTER = { enableDefaultStyle: true, zoomOnClick: true, gridSize: 60 } as const;

/** The map element's id, which `Taro.createMapContext` needs. */
export const mapIdOf = (testId: string) => `${testId}-canvas`;

/** WeChat's own map (Tencent, GCJ-02); marker ids are indexes into `points`. */
export function MapView({ center, points, onOpen, fallback, testId }: MapViewProps) {
  const [failed, setFailed] = useState(false);
  const mapId = mapIdOf(testId);
  const markers = useMemo(
    () =>
      points.map((p, i) => ({
        id: i,
        latitude: p.lat,
        longitude: p.lng,
        title: p.name,
        iconPath: MARKER_ICON,
        width: MARKER_SIZE,
        height: MARKER_SIZE,
        // Not in Taro's marker type yet; WeChat reads it from the markers attribute.
        joinCluster: true,
      })),
    [points],
  );
  const includePoints = useMemo(() => [{ latitude: center.lat, longitude: center.lng }, ...markers.map((m) => ({ latitude: m.latitude, longitude: m.longitude }))], [center, markers]);

  useEffect(() => {
    if (failed) return;
    // After the first render reaches the native layer, so the context finds the map.
    Taro.nextTick(() => {
      try {
        Taro.createMapContext(mapId).initMarkerCluster({ ...MAP_CLUSTER, fail: () => undefined });
      } catch {
        // An old base library without clustering still draws every marker.
      }
    });
  }, [mapId, failed]);

  if (failed) {
    return (
      <View className='map-view' data-testid={testId}>
        <View className='map-view__notice' data-testid={`${testId}-unavailable`}>
          <Text className='map-view__notice-text'>{MAP_TEXT.unavailable}</Text>
        </View>
        {fallback}
      </View>
    );
  }
  return (
    <View className='map-view' data-testid={testId}>
      <Map
        id={mapId}
        className='map-view__canvas'
        latitude={center.lat}
        longitude={center.lng}
        scale={14}
        markers={markers}
        includePoints={includePoints}
        showLocation
        onMarkerTap={(e) => {
          const p = points[Number(e.detail.markerId)];
          if (p) onOpen(p.id);
        }}
        onError={() => setFailed(true)}
      />
    </View>
  );
}
