import { NEARBY_LIMITS, type Closure, type EventKind, type HostType, type StationLevel, type WeeklyHours } from '@nuanxin/shared';
import { http } from './http';

/** One station in a list (GET /api/stations/nearby, GET /api/stations). Dates are ISO strings. */
export interface StationSummary {
  id: string;
  code: string;
  name: string;
  address: string;
  district: string;
  /** GCJ-02. */
  lat: number;
  lng: number;
  level: StationLevel;
  hostType: HostType;
  phone: string | null;
  services: string[];
  /** Only in nearby answers. */
  distanceMeters?: number;
  isOpenNow: boolean;
  /** When it next opens (closed) or closes (open); null = never within two weeks, or always open. */
  nextChange: string | null;
  /** Set while a temporary closure applies. */
  closedReason: string | null;
  alwaysOpen: boolean;
  rating: number | null;
  ratingCount: number;
}

export type EventStatus = 'scheduled' | 'cancelled';

export interface StationEvent {
  id: string;
  stationId: string;
  title: string;
  kind: EventKind;
  description: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  signedUp: number;
  seatsLeft: number;
  status: EventStatus;
}

/** GET /api/stations/:id — upcoming scheduled events only, current and future closures only. */
export interface StationDetail extends StationSummary {
  hours: WeeklyHours;
  closures: Closure[];
  photos: string[];
  events: StationEvent[];
}

export type StationStatus = 'open' | 'suspended';

/** One of my stations in GET /api/stations/manage (suspended ones too). */
export interface ManagedStationSummary extends StationSummary {
  status: StationStatus;
}

export interface ManagedStationPage {
  items: ManagedStationSummary[];
  nextAfter: string | null;
}

/**
 * GET /api/stations/:id/manage — the station whatever its status, for those who keep it: every event of the
 * last 30 days and ahead (scheduled and cancelled), current and future closures.
 */
export interface ManagedStation extends StationDetail {
  status: StationStatus;
  parent: { id: string; code: string; name: string; level: StationLevel } | null;
}

/** GET /api/events/mine: my active sign-ups, cancelled events included. */
export interface MyEvent extends StationEvent {
  station: { id: string; name: string; address: string };
}

export interface StationPage {
  items: StationSummary[];
  nextAfter: string | null;
}

export interface NearbyQuery {
  lat: number;
  lng: number;
  /** Every one of these services (codes) must be offered. */
  services?: readonly string[];
  openNow?: boolean;
  limit?: number;
  radiusKm?: number;
}

export interface NearbyResult {
  stations: StationSummary[];
  /** The radius that answered: the default one, or the wider retry when nothing was near. */
  radiusKm: number;
}

/** PATCH /api/stations/:id body (station masters: their station; officers: their subtree; admins: all). */
export interface StationPatch {
  status?: StationStatus;
  hours?: WeeklyHours;
  closures?: Closure[];
  services?: string[];
  phone?: string;
}

export interface StationPatchResult extends StationSummary {
  hours: WeeklyHours;
  closures: Closure[];
  status: 'open' | 'suspended';
}

export interface EventDraft {
  title: string;
  kind: EventKind;
  description?: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

/** The list asks for this many within this radius first, then widens once when nothing is that near. */
export const NEARBY_DEFAULTS = { limit: 20, radiusKm: 10, widerRadiusKm: NEARBY_LIMITS.maxRadiusKm } as const;

const enc = encodeURIComponent;

export function fetchNearby(q: NearbyQuery): Promise<StationSummary[]> {
  return http.get<StationSummary[]>('/api/stations/nearby', {
    auth: false,
    query: {
      lat: q.lat,
      lng: q.lng,
      limit: q.limit ?? NEARBY_DEFAULTS.limit,
      radiusKm: q.radiusKm ?? NEARBY_DEFAULTS.radiusKm,
      services: q.services && q.services.length ? q.services.join(',') : undefined,
      openNow: q.openNow ? true : undefined,
    },
  });
}

/** Nearest first within 10 km; when none is that close, once more within 50 km. */
export async function findNearby(q: Omit<NearbyQuery, 'radiusKm' | 'limit'>): Promise<NearbyResult> {
  const near = await fetchNearby({ ...q, radiusKm: NEARBY_DEFAULTS.radiusKm });
  if (near.length > 0) return { stations: near, radiusKm: NEARBY_DEFAULTS.radiusKm };
  const wide = await fetchNearby({ ...q, radiusKm: NEARBY_DEFAULTS.widerRadiusKm });
  return { stations: wide, radiusKm: NEARBY_DEFAULTS.widerRadiusKm };
}

export function searchStations(q: { q?: string; district?: string; after?: string | null }): Promise<StationPage> {
  return http.get<StationPage>('/api/stations', { auth: false, query: { q: q.q || undefined, district: q.district || undefined, after: q.after || undefined } });
}

export function fetchStation(id: string): Promise<StationDetail> {
  return http.get<StationDetail>(`/api/stations/${enc(id)}`, { auth: false });
}

export function signUpForEvent(eventId: string, idempotencyKey: string): Promise<StationEvent> {
  return http.post<StationEvent>(`/api/events/${enc(eventId)}/signups`, {}, { idempotencyKey });
}

export function cancelSignup(eventId: string): Promise<StationEvent> {
  return http.delete<StationEvent>(`/api/events/${enc(eventId)}/signups`);
}

export function fetchMyEvents(): Promise<MyEvent[]> {
  return http.get<MyEvent[]>('/api/events/mine');
}

export function rateStation(stationId: string, body: { score: number; comment?: string }, idempotencyKey: string): Promise<{ rating: number; ratingCount: number }> {
  return http.post(`/api/stations/${enc(stationId)}/ratings`, body, { idempotencyKey });
}

// ---- staff ----

/** The stations I may keep (a master's own, an officer's org subtree, an admin's all), by code. */
export function fetchManagedStations(q: { q?: string; after?: string | null }): Promise<ManagedStationPage> {
  return http.get<ManagedStationPage>('/api/stations/manage', { query: { q: q.q || undefined, after: q.after || undefined } });
}

export function fetchManagedStation(id: string): Promise<ManagedStation> {
  return http.get<ManagedStation>(`/api/stations/${enc(id)}/manage`);
}

export function updateStation(id: string, patch: StationPatch): Promise<StationPatchResult> {
  return http.patch<StationPatchResult>(`/api/stations/${enc(id)}`, patch);
}

export function createStationEvent(stationId: string, body: EventDraft, idempotencyKey: string): Promise<StationEvent> {
  return http.post<StationEvent>(`/api/stations/${enc(stationId)}/events`, body, { idempotencyKey });
}

/** PATCH /api/events/:id takes the whole event again (a missing description clears it); sign-ups are told. */
export function updateStationEvent(eventId: string, body: EventDraft): Promise<StationEvent> {
  return http.patch<StationEvent>(`/api/events/${enc(eventId)}`, body);
}

export function cancelStationEvent(eventId: string): Promise<StationEvent> {
  return http.post<StationEvent>(`/api/events/${enc(eventId)}/cancel`);
}
