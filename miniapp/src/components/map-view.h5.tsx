import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { loadAMap, type AMapMap, type AMapNamespace } from './map-amap-loader';
import { MAP_TEXT, type MapViewProps } from './map-view.types';
import './map-view.scss';

type State = 'loading' | 'ready' | 'failed';

/** H5 map on AMap (Taro's <Map> would load Baidu with its own key). When AMap cannot load, it says so and shows `fallback`. */
export function MapView({ center, points, onOpen, fallback, testId }: MapViewProps) {
  const [state, setState] = useState<State>('loading');
  const [attempt, setAttempt] = useState(0);
  const container = useRef<HTMLDivElement | null>(null);
  const map = useRef<{ AMap: AMapNamespace; map: AMapMap } | null>(null);
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;
  const firstCenter = useRef(center);

  useEffect(() => {
    let alive = true;
    setState('loading');
    loadAMap().then(
      (AMap) => {
        if (!alive || !container.current) return;
        try {
          const c = firstCenter.current;
          map.current = { AMap, map: new AMap.Map(container.current, { zoom: 14, center: [c.lng, c.lat] }) };
          setState('ready');
        } catch {
          setState('failed');
        }
      },
      () => {
        if (alive) setState('failed');
      },
    );
    return () => {
      alive = false;
      try {
        map.current?.map.destroy?.();
      } catch {
        // already gone
      }
      map.current = null;
    };
  }, [attempt]);

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
            <Text className='map-view__retry' data-testid={`${testId}-retry`} onClick={() => setAttempt((n) => n + 1)}>
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
