import { useMemo, useState } from 'react';
import { Map, Text, View } from '@tarojs/components';
import { MAP_TEXT, type MapViewProps } from './map-view.types';
import './map-view.scss';

// The tab bar's station icon: a file already in the main package (app.config copies tab icons).
const MARKER_ICON = '/assets/tab/stations-active.png';
const MARKER_SIZE = 30;

/** WeChat's own map (Tencent, GCJ-02); marker ids are indexes into `points`. */
export function MapView({ center, points, onOpen, fallback, testId }: MapViewProps) {
  const [failed, setFailed] = useState(false);
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
      })),
    [points],
  );
  const includePoints = useMemo(() => [{ latitude: center.lat, longitude: center.lng }, ...markers.map((m) => ({ latitude: m.latitude, longitude: m.longitude }))], [center, markers]);
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
