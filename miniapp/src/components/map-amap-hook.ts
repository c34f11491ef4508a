import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { loadAMap, type AMapMap, type AMapNamespace } from './map-amap-loader';

export type AMapState = 'loading' | 'ready' | 'failed';

export interface AMapHandle {
  state: AMapState;
  /** The element AMap draws into: give it to the map's <div ref>. */
  container: MutableRefObject<HTMLDivElement | null>;
  /** The live map while `state` is 'ready' (null before and after). */
  map: MutableRefObject<{ AMap: AMapNamespace; map: AMapMap } | null>;
  /** 重新加载: loads AMap and draws the map again after a failure. */
  retry: () => void;
}

/**
 * The H5 map life shared by the station map and the point picker: loads AMap (see loadAMap), creates the map in
 * `container` at the first `center`, and destroys it on unmount or retry. `onCreate` runs on each new map, before
 * 'ready'; if it throws, the map counts as failed like a map that could not be created.
 */
export function useAMap(
  center: { lat: number; lng: number },
  zoom: number,
  onCreate?: (AMap: AMapNamespace, map: AMapMap) => void,
): AMapHandle {
  const [state, setState] = useState<AMapState>('loading');
  const [attempt, setAttempt] = useState(0);
  const container = useRef<HTMLDivElement | null>(null);
  const map = useRef<{ AMap: AMapNamespace; map: AMapMap } | null>(null);
  const firstCenter = useRef(center);
  const firstZoom = useRef(zoom);
  const onCreateRef = useRef(onCreate);
  onCreateRef.current = onCreate;

  useEffect(() => {
    let alive = true;
    setState('loading');
    loadAMap().then(
      (AMap) => {
        if (!alive || !container.current) return;
        try {
          const c = firstCenter.current;
          const m = new AMap.Map(container.current, { zoom: firstZoom.current, center: [c.lng, c.lat] });
          map.current = { AMap, map: m };
          onCreateRef.current?.(AMap, m);
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

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, container, map, retry };
}
