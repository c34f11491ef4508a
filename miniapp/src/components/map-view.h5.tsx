import { useEffect, useRef } from 'react';
import { Text, View } from '@tarojs/components';
import { useAMap } from './map-amap-hook';
import { MAP_TEXT, type MapViewProps } from './map-view.types';
import './map-view.scss';

/** H5 map on AMap (Taro's <Map> would load Baidu with its own key). When AMap cannot load, it says so and shows `fallback`. */
export function MapView({ center, points, onOpen, fallback, testId }: MapViewProps) {
  const { state, container, map, retry } = useAMap(center, 14);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const m = map.current;
    if (state !== 'ready' || !m) return;
    const markers = points.map((p) => {
      const marker = new m.AMap.Marker({ position: [p.lng, p.lat], title: p.name, extData: p.id });
      marker.on('click', () => onOpenRef.current(p.id));
      return marker;
    });
    m.map.add(markers);
    if (markers.length) m.map.setFitView?.(markers);
    else m.map.setCenter?.([center.lng, center.lat]);
    return () => {
      try {
        m.map.remove(markers);
      } catch {
        // map destroyed first
      }
    };
  }, [state, points, center.lat, center.lng]);

  return (
    <View className='map-view' data-testid={testId} data-state={state}>
      {state === 'failed' ? (
        <>
          <View className='map-view__notice' data-testid={`${testId}-unavailable`}>
            <Text className='map-view__notice-text'>{MAP_TEXT.unavailable}</Text>
            <Text className='map-view__retry' data-testid={`${testId}-retry`} onClick={retry}>
              {MAP_TEXT.retry}
            </Text>
          </View>
          {fallback}
        </>
      ) : (
        <View className='map-view__frame'>
          <div ref={container} className='map-view__canvas' data-testid={`${testId}-canvas`} />
          {state === 'loading' && <Text className='map-view__loading'>{MAP_TEXT.loading}</Text>}
        </View>
      )}
    </View>
  );
}
