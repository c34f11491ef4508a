import { openState } from '@nuanxin/shared';
import type { Station } from './station.entity';

/** The fields a list entry is made of (the station index keeps exactly these). */
export type ListedStation = Pick<
  Station,
  'id' | 'code' | 'name' | 'address' | 'district' | 'lat' | 'lng' | 'level' | 'hostType' | 'phone' | 'services' | 'hours' | 'closures' | 'ratingSum' | 'ratingCount'
>;

/** The part of a station's list entry that changes only when the station row does (cached by the index). */
export function stationStatic(s: ListedStation) {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    address: s.address,
    district: s.district,
    lat: s.lat,
    lng: s.lng,
    level: s.level,
    hostType: s.hostType,
    phone: s.phone,
    services: s.services,
    alwaysOpen: s.hours.alwaysOpen,
    rating: s.ratingCount ? Math.round((s.ratingSum / s.ratingCount) * 10) / 10 : null,
    ratingCount: s.ratingCount,
  };
}

/** The part that depends on the clock and on where the rider stands. */
export function stationLive(s: Pick<Station, 'hours' | 'closures'>, now: Date, distanceMeters?: number) {
  const state = openState(s.hours, s.closures, now);
  return {
    ...(distanceMeters === undefined ? {} : { distanceMeters: Math.round(distanceMeters) }),
    isOpenNow: state.isOpen,
    nextChange: state.nextChange,
    closedReason: state.closedReason,
  };
}

/** A station in lists (nearby, search) and at the top of its detail. */
export function stationSummary(s: ListedStation, now: Date, distanceMeters?: number) {
  return { ...stationStatic(s), ...stationLive(s, now, distanceMeters) };
}
export type StationSummary = ReturnType<typeof stationSummary>;
