/** The few AMap JS API 2.0 pieces the map view uses. */
export interface AMapMarker {
  on(event: 'click', handler: () => void): void;
}

/** AMap's click event on the map: where it was tapped (GCJ-02, as AMap draws). */
export interface AMapClickEvent {
  lnglat: { lng: number; lat: number; getLng?(): number; getLat?(): number };
}

export interface AMapMap {
  add(overlays: AMapMarker[]): void;
  on?(event: 'click', handler: (e: AMapClickEvent) => void): void;
  remove(overlays: AMapMarker[]): void;
  setCenter?(center: [number, number]): void;
  setFitView?(overlays?: AMapMarker[]): void;
  destroy?(): void;
}

export interface AMapNamespace {
  Map: new (container: HTMLElement, options: { zoom: number; center: [number, number] }) => AMapMap;
  Marker: new (options: { position: [number, number]; title?: string; extData?: unknown }) => AMapMarker;
}

interface Loader {
  load(options: { key: string; version: string; plugins?: string[] }): Promise<unknown>;
  reset(): void;
}

/** The loader has no timeout of its own: a CDN that never answers must not leave a blank map. */
export const AMAP_LOAD_TIMEOUT_MS = 8000;
const AMAP_VERSION = '2.0';

let pending: Promise<AMapNamespace> | null = null;

/**
 * Loads AMap once per page life (the loader and AMap itself are fetched only now, not with the app).
 * A failure or timeout resets the loader, which otherwise refuses every later try, so 重新加载 can work.
 */
export function loadAMap(timeoutMs = AMAP_LOAD_TIMEOUT_MS): Promise<AMapNamespace> {
  const key = process.env.TARO_APP_AMAP_KEY;
  if (!key) return Promise.reject(new Error('AMap key not configured'));
  if (pending) return pending;
  const attempt = new Promise<AMapNamespace>((resolve, reject) => {
    let settled = false;
    let loader: Loader | null = null;
    const fail = (reason: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        loader?.reset();
      } catch {
        // nothing loaded to reset
      }
      pending = null;
      // The loader rejects with a DOM Event or a bare string: keep one shape for callers.
      reject(reason instanceof Error ? reason : new Error('AMap failed to load'));
    };
    const timer = setTimeout(() => fail(new Error('AMap load timed out')), timeoutMs);
    import('@amap/amap-jsapi-loader')
      .then((mod) => {
        if (settled) return undefined;
        const m = mod as unknown as { default?: Loader } & Loader;
        loader = m.default ?? m;
        const securityJsCode = process.env.TARO_APP_AMAP_SECURITY;
        // AMap reads the security code from this global while loading; it must be there first.
        if (securityJsCode) (window as unknown as { _AMapSecurityConfig?: object })._AMapSecurityConfig = { securityJsCode };
        return loader.load({ key, version: AMAP_VERSION });
      })
      .then((AMap) => {
        if (settled) return;
        if (!AMap || typeof (AMap as AMapNamespace).Map !== 'function') return fail(new Error('AMap incomplete'));
        settled = true;
        clearTimeout(timer);
        resolve(AMap as AMapNamespace);
      }, fail);
  });
  pending = attempt;
  return attempt;
}
