import { openState, type Closure, type OpenState, type WeeklyHours } from '@nuanxin/shared';

/** How far ahead `openState` looks for the next change (shared/src/stations.ts). */
const LOOKAHEAD_MS = 14 * 86400_000;
const MINUTE_MS = 60_000;

export interface CachedOpenState {
  state: OpenState;
  /** `,"isOpenNow":…,"nextChange":…,"closedReason":…}` UTF-8 encoded: the tail of a list entry's JSON after its distance. */
  bytes: Buffer;
  /** Valid for `now` in [from, until): `openState` gives the very same answer for every instant in it. */
  from: number;
  until: number;
}

/**
 * Hours and closures objects of the station index are shared between stations and never changed in place (a
 * station's change brings new objects), so the state is kept per pair of them.
 */
const byHours = new WeakMap<WeeklyHours, WeakMap<readonly Closure[], CachedOpenState>>();

/** Whether a kept state still answers for `now` (ms): a holder of one may keep using it until then. */
export function stillValid(entry: CachedOpenState | undefined, t: number): entry is CachedOpenState {
  return entry !== undefined && t >= entry.from && t < entry.until;
}

/**
 * `openState(hours, closures, now)`, computed once per (hours, closures) pair and kept while the answer cannot
 * differ: until the next change, the next minute boundary (the weekly hours are whole minutes of Beijing time), and
 * any closure edge — or an edge entering the 14-day look-ahead — in between. The station index keeps the state it got
 * per hot station while `stillValid` and asks here again only then (docs/benchmarks.md, "The request pipeline"), so
 * stations with equal hours share one computation a minute. Only for the index's shared objects: freshly loaded rows
 * would each fill an entry.
 */
export function cachedOpenState(hours: WeeklyHours, closures: readonly Closure[], now: Date): CachedOpenState {
  const t = now.getTime();
  let perHours = byHours.get(hours);
  if (!perHours) byHours.set(hours, (perHours = new WeakMap()));
  const hit = perHours.get(closures);
  if (stillValid(hit, t)) return hit;
  const state = openState(hours, closures, now);
  let until = hours.alwaysOpen && closures.length === 0 ? Infinity : t - (((t % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) + MINUTE_MS;
  const next = state.nextChange?.getTime();
  if (next !== undefined && next < until) until = next;
  for (const c of closures) {
    for (const edge of [Date.parse(c.from), Date.parse(c.to)]) {
      if (edge > t && edge < until) until = edge;
      if (edge - LOOKAHEAD_MS > t && edge - LOOKAHEAD_MS < until) until = edge - LOOKAHEAD_MS;
    }
  }
  const nextJson = state.nextChange ? `"${state.nextChange.toISOString()}"` : 'null';
  const reasonJson = state.closedReason === null ? 'null' : JSON.stringify(state.closedReason);
  const entry: CachedOpenState = { from: t, until, state, bytes: Buffer.from(`,"isOpenNow":${state.isOpen},"nextChange":${nextJson},"closedReason":${reasonJson}}`) };
  perHours.set(closures, entry);
  return entry;
}
