import { SERVICE_CODES } from '@nuanxin/shared';
import type { IndexedPoint } from '../src/common/geo-index';

/** Approximate centres (GCJ-02) and a weight (relative number of stations) of Chinese cities, for synthetic data. */
export const CITIES: Array<[string, number, number, number]> = [
  ['北京', 39.9042, 116.4074, 10], ['上海', 31.2304, 121.4737, 10], ['广州', 23.1291, 113.2644, 8], ['深圳', 22.5431, 114.0579, 8],
  ['天津', 39.3434, 117.3616, 5], ['重庆', 29.563, 106.5516, 6], ['成都', 30.5728, 104.0668, 6], ['武汉', 30.5928, 114.3055, 6],
  ['杭州', 30.2741, 120.1551, 6], ['南京', 32.0603, 118.7969, 5], ['西安', 34.3416, 108.9398, 5], ['长沙', 28.2282, 112.9388, 4],
  ['郑州', 34.7466, 113.6253, 4], ['沈阳', 41.8057, 123.4315, 4], ['青岛', 36.0671, 120.3826, 4], ['苏州', 31.2989, 120.5853, 4],
  ['厦门', 24.4798, 118.0894, 3], ['福州', 26.0745, 119.2965, 3], ['济南', 36.6512, 117.1201, 3], ['合肥', 31.8206, 117.2272, 3],
  ['昆明', 25.0389, 102.7183, 3], ['南宁', 22.817, 108.3665, 2], ['贵阳', 26.647, 106.6302, 2], ['南昌', 28.682, 115.8579, 2],
  ['哈尔滨', 45.8038, 126.535, 3], ['长春', 43.8171, 125.3235, 2], ['石家庄', 38.0428, 114.5149, 2], ['太原', 37.8706, 112.5489, 2],
  ['兰州', 36.0611, 103.8343, 2], ['乌鲁木齐', 43.8256, 87.6168, 2], ['呼和浩特', 40.8424, 111.749, 1], ['银川', 38.4872, 106.2309, 1],
  ['西宁', 36.6171, 101.7782, 1], ['拉萨', 29.652, 91.1721, 1], ['海口', 20.044, 110.1999, 1], ['三亚', 18.2528, 109.512, 1],
  ['大连', 38.914, 121.6147, 3], ['宁波', 29.8683, 121.544, 3], ['无锡', 31.4912, 120.3119, 2], ['佛山', 23.0218, 113.1219, 3],
  ['东莞', 23.0207, 113.7518, 3], ['泉州', 24.8741, 118.6757, 2], ['温州', 27.9938, 120.6994, 2], ['珠海', 22.2707, 113.5767, 1],
  ['徐州', 34.2044, 117.2859, 2], ['洛阳', 34.6197, 112.454, 1], ['烟台', 37.4638, 121.4479, 1], ['唐山', 39.6305, 118.1802, 1],
  ['常州', 31.8107, 119.9741, 1], ['南通', 31.9802, 120.8943, 1], ['绍兴', 30.03, 120.5802, 1], ['嘉兴', 30.7522, 120.7555, 1],
  ['金华', 29.0791, 119.6474, 1], ['台州', 28.6564, 121.4208, 1], ['惠州', 23.1115, 114.4152, 1], ['中山', 22.517, 113.3926, 1],
  ['汕头', 23.354, 116.6819, 1], ['湛江', 21.2707, 110.3594, 1], ['桂林', 25.2736, 110.29, 1], ['柳州', 24.3264, 109.4281, 1],
];

/** Mulberry32: a tiny seeded PRNG so every run builds the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from two uniforms (Box–Muller). */
export function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

/** A synthetic station with its services as a bitmask (bit i = SERVICE_CODES[i]) for the SQL table. */
export type BenchStation = IndexedPoint & { mask: number };

/** Stations per city in proportion to its weight, summing to exactly N (largest remainder, ties to the earlier city). */
export function cityCounts(n: number, weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (n * w) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0, left = n - counts.reduce((s, c) => s + c, 0); k < left; k++) counts[order[k][1]]++;
  return counts;
}

/** `n` synthetic stations spread over the cities by weight, seeded: every run builds the same set. */
export function synthesizeStations(n: number): BenchStation[] {
  const rand = prng(20261123);
  const counts = cityCounts(n, CITIES.map((c) => c[3]));
  const out: BenchStation[] = [];
  CITIES.forEach(([, lat, lng], ci) => {
    for (let i = 0; i < counts[ci]; i++) {
      const services = SERVICE_CODES.filter(() => rand() < 0.35).slice(0, 12);
      let mask = 0;
      services.forEach((s) => (mask |= 1 << SERVICE_CODES.indexOf(s)));
      out.push({ id: `b${String(out.length).padStart(7, '0')}`, lat: +(lat + gauss(rand) * 0.12).toFixed(6), lng: +(lng + gauss(rand) * 0.15).toFixed(6), services, mask });
    }
  });
  return out;
}
