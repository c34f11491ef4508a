export interface NavTarget {
  name: string;
  address: string;
  /** GCJ-02. */
  lat: number;
  lng: number;
}

/**
 * AMap's route planner to the station from wherever the phone is (no `from`: AMap uses the current position).
 * Riding mode, because riders travel by e-bike; callnative=1 opens the AMap app when installed, its web map otherwise.
 */
export function amapNavigationUrl(t: NavTarget): string {
  // The name is the third comma-separated part of `to`: a comma inside it would cut it short.
  const name = encodeURIComponent(t.name.replace(/,/g, '，'));
  return `https://uri.amap.com/navigation?to=${t.lng},${t.lat},${name}&mode=ride&coordinate=gaode&callnative=1&src=nuanxin`;
}
