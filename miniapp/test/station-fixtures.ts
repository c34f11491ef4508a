import type { ManagedStation, ManagedStationSummary, StationDetail, StationEvent, StationSummary } from '../src/services/stations';

const day = (open: string, close: string) => ({ alwaysOpen: false, days: Array.from({ length: 7 }, () => [{ open, close }]) });

/** A station as the server lists it; override what a test is about. */
export function summary(over: Partial<StationSummary> = {}): StationSummary {
  return {
    id: 's1',
    code: 'ST-SM-01',
    name: '中山路工会驿站',
    address: '思明区中山路 168 号',
    district: '思明区',
    lat: 24.4555,
    lng: 118.0796,
    level: 'hub',
    hostType: 'community_centre',
    phone: '0592-5100000',
    services: ['rest_seats', 'water_hot', 'phone_charging', 'toilet'],
    distanceMeters: 850,
    isOpenNow: true,
    nextChange: null,
    closedReason: null,
    alwaysOpen: true,
    rating: null,
    ratingCount: 0,
    ...over,
  };
}

export function event(over: Partial<StationEvent> = {}): StationEvent {
  return {
    id: 'e1',
    stationId: 's1',
    title: '驿站微型音乐会',
    kind: 'concert',
    description: '一边等单一边听歌，每月一次。',
    startsAt: '2026-11-28T11:00:00.000Z',
    endsAt: '2026-11-28T13:00:00.000Z',
    capacity: 30,
    signedUp: 29,
    seatsLeft: 1,
    status: 'scheduled',
    ...over,
  };
}

export function detail(over: Partial<StationDetail> = {}): StationDetail {
  return {
    ...summary({ distanceMeters: undefined, alwaysOpen: false, isOpenNow: true, nextChange: '2026-11-25T18:00:00.000Z' }),
    hours: day('18:00', '02:00'),
    closures: [],
    photos: [],
    events: [event()],
    ...over,
  };
}

/** GET /api/stations/:id/manage: the station whatever its status. */
export function managed(over: Partial<ManagedStation> = {}): ManagedStation {
  return { ...detail(), status: 'open', parent: null, ...over };
}

/** One entry of GET /api/stations/manage. */
export function managedSummary(over: Partial<ManagedStationSummary> = {}): ManagedStationSummary {
  return { ...summary({ distanceMeters: undefined }), status: 'open', ...over };
}

/** Stubs the browser's geolocation (what Taro's H5 getLocation reads); `null` = the user refuses. */
export function browserPosition(at: { latitude: number; longitude: number } | null): void {
  Object.defineProperty(window.navigator, 'geolocation', {
    configurable: true,
    value: {
      getCurrentPosition: (ok: (p: unknown) => void, fail: (e: unknown) => void) => {
        if (at) setTimeout(() => ok({ coords: { ...at, accuracy: 20, altitude: null, altitudeAccuracy: null, speed: null } }), 0);
        else setTimeout(() => fail({ code: 1, message: 'User denied Geolocation' }), 0);
      },
    },
  });
}

export function removeBrowserPosition(): void {
  delete (window.navigator as { geolocation?: unknown }).geolocation;
}

/** The query parameters of a recorded request URL. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://x').searchParams.entries());
}
