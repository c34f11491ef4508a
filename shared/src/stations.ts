/** Union outdoor-worker stations (工会驿站): service catalogue, opening hours and distance, shared by both sides. */
import { beijingParts } from './beijing-time';

export interface ServiceItem {
  code: string;
  label: string;
  category: string;
  /** standard = in the national basic list; special = a station's own extra. */
  kind: 'standard' | 'special';
}

export const SERVICE_CATEGORIES = [
  { code: 'rest', label: '休息' },
  { code: 'drink', label: '饮水' },
  { code: 'food', label: '餐饮' },
  { code: 'charge', label: '充电' },
  { code: 'hygiene', label: '如厕洗漱' },
  { code: 'health', label: '医疗急救' },
  { code: 'repair', label: '应急维修' },
  { code: 'weather', label: '避暑取暖' },
  { code: 'info', label: '网络阅读' },
  { code: 'legal', label: '法律维权' },
  { code: 'care', label: '心理关爱' },
  { code: 'life', label: '生活服务' },
] as const;

const S = (code: string, label: string, category: string, kind: 'standard' | 'special' = 'standard'): ServiceItem => ({ code, label, category, kind });

export const SERVICE_CATALOGUE: readonly ServiceItem[] = [
  S('rest_seats', '休息座椅', 'rest'),
  S('nap', '午休床位', 'rest', 'special'),
  S('water_hot', '热水', 'drink'),
  S('water_cold', '冷饮水', 'drink'),
  S('tea', '茶水', 'drink', 'special'),
  S('microwave', '微波炉热饭', 'food'),
  S('fridge', '冰箱', 'food'),
  S('free_breakfast', '爱心早餐', 'food', 'special'),
  S('discount_meal', '优惠餐', 'food', 'special'),
  S('phone_charging', '手机充电', 'charge'),
  S('ebike_charging', '电动车充电', 'charge', 'special'),
  S('battery_swap', '换电柜', 'charge', 'special'),
  S('toilet', '卫生间', 'hygiene'),
  S('washbasin', '洗手池', 'hygiene'),
  S('first_aid', '急救药箱', 'health'),
  S('aed', 'AED 除颤仪', 'health', 'special'),
  S('health_check', '健康检测', 'health', 'special'),
  S('sewing_kit', '针线包', 'repair'),
  S('tools', '打气筒/工具', 'repair'),
  S('umbrella', '爱心雨伞', 'weather'),
  S('air_conditioning', '空调', 'weather'),
  S('heater', '取暖', 'weather'),
  S('cooling_drinks', '防暑降温用品', 'weather', 'special'),
  S('wifi', '无线网络', 'info'),
  S('reading', '图书阅读', 'info'),
  S('legal_counselling', '法律咨询', 'legal', 'special'),
  S('claim_desk', '维权服务点', 'legal', 'special'),
  S('psychological_counselling', '心理咨询', 'care', 'special'),
  S('haircut', '爱心理发', 'life', 'special'),
  S('parcel_storage', '物品寄存', 'life'),
  S('lockers', '储物柜', 'life'),
  S('mobile_map', '地图导航指引', 'info'),
];
export const SERVICE_CODES: readonly string[] = SERVICE_CATALOGUE.map((s) => s.code);
export const SERVICE_LABELS: Record<string, string> = Object.fromEntries(SERVICE_CATALOGUE.map((s) => [s.code, s.label]));

export const STATION_LEVELS = [
  { code: 'hub', label: '总站' },
  { code: 'branch', label: '分站' },
  { code: 'point', label: '站点' },
] as const;
export type StationLevel = (typeof STATION_LEVELS)[number]['code'];

export const HOST_TYPES = [
  { code: 'community_centre', label: '社区服务中心' },
  { code: 'bank', label: '银行网点' },
  { code: 'petrol_station', label: '加油站' },
  { code: 'enterprise', label: '企业' },
  { code: 'government', label: '政务服务窗口' },
  { code: 'other', label: '其他' },
] as const;
export type HostType = (typeof HOST_TYPES)[number]['code'];

export const EVENT_KINDS = [
  { code: 'concert', label: '微型音乐会' },
  { code: 'class', label: '课堂培训' },
  { code: 'health_check', label: '健康体检' },
  { code: 'legal_clinic', label: '法律咨询日' },
  { code: 'haircut', label: '爱心理发' },
  { code: 'other', label: '其他活动' },
] as const;
export type EventKind = (typeof EVENT_KINDS)[number]['code'];

/** Seats of one station event: a station room, not a stadium (a typo like 2025 must not pass). */
export const EVENT_CAPACITY = { min: 1, max: 1000 } as const;

export const NEARBY_LIMITS = { maxLimit: 50, defaultLimit: 20, maxRadiusKm: 50, defaultRadiusKm: 10 } as const;

/** Mainland China, Hainan and the South China Sea islands, Taiwan, Hong Kong and Macao (GCJ-02 ≈ WGS-84 at this scale). */
export const CHINA_BBOX = { minLat: 3.8, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 } as const;

export function isInChina(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && lat >= CHINA_BBOX.minLat && lat <= CHINA_BBOX.maxLat && lng >= CHINA_BBOX.minLng && lng <= CHINA_BBOX.maxLng;
}

/**
 * Where a position outside China is wrong, each coordinate on its own field: `swapped` when latitude and longitude
 * look exchanged (the pair fits the other way round), else the fields out of range (none for a position inside).
 */
export function chinaPositionProblem(lat: number, lng: number): { swapped: true } | { fields: Array<'lat' | 'lng'> } {
  if (isInChina(lat, lng)) return { fields: [] };
  if (isInChina(lng, lat)) return { swapped: true };
  const fields: Array<'lat' | 'lng'> = [];
  if (!(Number.isFinite(lat) && lat >= CHINA_BBOX.minLat && lat <= CHINA_BBOX.maxLat)) fields.push('lat');
  if (!(Number.isFinite(lng) && lng >= CHINA_BBOX.minLng && lng <= CHINA_BBOX.maxLng)) fields.push('lng');
  return { fields };
}

export const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance in metres (haversine); the one distance both the index and its tests use. */
export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

// ---- opening hours -----------------------------------------------------------------------------------------

/** `HH:MM`, 00:00–24:00. A range whose close is not after its open runs past midnight into the next day. */
export interface TimeRange {
  open: string;
  close: string;
}

/** Monday first: `days[0]` is Monday … `days[6]` is Sunday. */
export interface WeeklyHours {
  alwaysOpen: boolean;
  days: TimeRange[][];
}

export interface Closure {
  from: string;
  to: string;
  reason: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Problems with an hours object, as field → Chinese message (empty when valid). */
export function checkWeeklyHours(h: WeeklyHours): Record<string, string> {
  const errors: Record<string, string> = {};
  if (typeof h?.alwaysOpen !== 'boolean') errors.alwaysOpen = '请说明是否 24 小时开放';
  if (!Array.isArray(h?.days) || h.days.length !== 7) {
    errors.days = '请按周一至周日填写 7 天的开放时间';
    return errors;
  }
  h.days.forEach((ranges, d) => {
    if (!Array.isArray(ranges) || ranges.length > 4) errors[`days.${d}`] = '每天最多 4 个时段';
    else
      ranges.forEach((r, i) => {
        if (!HHMM.test(r?.open ?? '') || !HHMM.test(r?.close ?? '')) errors[`days.${d}.${i}`] = '时间格式应为 HH:MM';
        else if (r.open === r.close) errors[`days.${d}.${i}`] = '开始与结束时间不能相同';
      });
  });
  return errors;
}

const DAY_MIN = 1440;

/** Minute of the week in Beijing time, Monday 00:00 = 0. */
function weekMinute(at: Date): number {
  const b = beijingParts(at);
  return b.weekday * DAY_MIN + b.hours * 60 + b.minutes;
}

/** Open intervals of the week in minutes [start, end), overnight ranges split across midnight and Sunday→Monday. */
function weekIntervals(h: WeeklyHours): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const WEEK = 7 * DAY_MIN;
  h.days.forEach((ranges, d) => {
    for (const r of ranges) {
      const start = d * DAY_MIN + minutes(r.open);
      let end = d * DAY_MIN + minutes(r.close);
      if (minutes(r.close) <= minutes(r.open)) end += DAY_MIN;
      if (end <= WEEK) out.push([start, end]);
      else {
        out.push([start, WEEK]);
        out.push([0, end - WEEK]);
      }
    }
  });
  return out.sort((a, b) => a[0] - b[0]);
}

/** Hours objects are immutable once loaded: their week intervals are computed once. */
const intervalCache = new WeakMap<WeeklyHours, Array<[number, number]>>();
function intervalsOf(h: WeeklyHours): Array<[number, number]> {
  let v = intervalCache.get(h);
  if (!v) {
    v = weekIntervals(h);
    intervalCache.set(h, v);
  }
  return v;
}

export interface OpenState {
  isOpen: boolean;
  /** When the state next changes (opening if closed, closing if open); null = never (always open, or never opens). */
  nextChange: Date | null;
  /** Set while a temporary closure applies. */
  closedReason: string | null;
}

/**
 * Whether a station is open at `now` in Beijing time, and when that changes next. Temporary closures win over
 * the weekly hours. Looks ahead at most 14 days.
 */
export function openState(hours: WeeklyHours, closures: readonly Closure[], now: Date): OpenState {
  // The common case on the hot path (nearby lists): open around the clock, no closures.
  if (hours.alwaysOpen && closures.length === 0) return { isOpen: true, nextChange: null, closedReason: null };
  const closure = closures.find((c) => Date.parse(c.from) <= now.getTime() && now.getTime() < Date.parse(c.to));
  const intervals = hours.alwaysOpen ? [] : intervalsOf(hours);
  const openAtWeekly = (t: Date) => {
    const m = weekMinute(t);
    return hours.alwaysOpen || intervals.some(([s, e]) => m >= s && m < e);
  };
  const isOpenAt = (t: Date) => !closures.some((c) => Date.parse(c.from) <= t.getTime() && t.getTime() < Date.parse(c.to)) && openAtWeekly(t);
  const isOpen = isOpenAt(now);
  // Candidate change points: minute boundaries of the weekly intervals and closure edges, over the next 14 days.
  const horizon = now.getTime() + 14 * 86400_000;
  const points = new Set<number>();
  const base = now.getTime() - weekMinute(now) * 60_000 - (now.getTime() % 60_000);
  for (let w = 0; w <= 2; w++) {
    for (const [s, e] of intervals) {
      points.add(base + (w * 7 * DAY_MIN + s) * 60_000);
      points.add(base + (w * 7 * DAY_MIN + e) * 60_000);
    }
  }
  for (const c of closures) {
    points.add(Date.parse(c.from));
    points.add(Date.parse(c.to));
  }
  const next = [...points].filter((p) => p > now.getTime() && p <= horizon).sort((a, b) => a - b).find((p) => isOpenAt(new Date(p)) !== isOpen);
  return { isOpen, nextChange: next === undefined ? null : new Date(next), closedReason: closure ? closure.reason : null };
}
