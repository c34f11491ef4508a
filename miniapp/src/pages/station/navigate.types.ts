export interface NavTarget {
  name: string;
  address: string;
  /** GCJ-02. */
  lat: number;
  lng: number;
}

/** AMap's marker page: opens the AMap app when installed (callnative=1), its web map otherwise. */
export function amapMarkerUrl(t: NavTarget): string {
  return `https://uri.amap.com/marker?position=${t.lng},${t.lat}&name=${encodeURIComponent(t.name)}&src=nuanxin&coordinate=gaode&callnative=1`;
}
