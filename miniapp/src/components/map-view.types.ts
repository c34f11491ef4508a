import type { ReactNode } from 'react';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace NodeJS {
    interface ProcessEnv {
      /** AMap Web JS API key (H5 map), baked in at build time. */
      TARO_APP_AMAP_KEY?: string;
      /** AMap security code paired with the key (window._AMapSecurityConfig). */
      TARO_APP_AMAP_SECURITY?: string;
    }
  }
}

export interface MapPoint {
  id: string;
  name: string;
  /** GCJ-02, as AMap and the WeChat map expect. */
  lat: number;
  lng: number;
}

export interface MapViewProps {
  /** Where the rider is (or the chosen district's centre). */
  center: { lat: number; lng: number };
  /** One marker each. */
  points: readonly MapPoint[];
  /** Tapping a marker. */
  onOpen: (id: string) => void;
  /** Shown below the notice when the map cannot be drawn (the station list). */
  fallback: ReactNode;
  testId: string;
}

export const MAP_TEXT = {
  unavailable: '地图暂时无法加载，已为你显示列表',
  loading: '地图加载中…',
  retry: '重新加载地图',
};
