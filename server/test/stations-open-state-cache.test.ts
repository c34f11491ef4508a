import { openState, type Closure, type WeeklyHours } from '@nuanxin/shared';
import { cachedOpenState } from '../src/stations/open-state-cache';

/** A small deterministic generator: the same instants on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const DAY = 86400_000;
const T0 = Date.parse('2026-12-02T15:59:30.250Z'); // Beijing 23:59:30.250 on a Wednesday

const everyDay = (open: string, close: string): WeeklyHours => ({ alwaysOpen: false, days: Array.from({ length: 7 }, () => [{ open, close }]) });
const SHAPES: Array<{ name: string; hours: WeeklyHours; closures: Closure[] }> = [
  { name: 'around the clock', hours: { alwaysOpen: true, days: Array.from({ length: 7 }, () => []) }, closures: [] },
  { name: 'office hours', hours: everyDay('09:00', '18:00'), closures: [] },
  { name: 'overnight, weekends shut', hours: { alwaysOpen: false, days: [...Array.from({ length: 5 }, () => [{ open: '22:00', close: '06:00' }]), [], []] }, closures: [] },
  { name: 'never open', hours: { alwaysOpen: false, days: Array.from({ length: 7 }, () => []) }, closures: [] },
  {
    name: 'closures on odd milliseconds, one entering the 14-day look-ahead',
    hours: everyDay('08:00', '20:00'),
    closures: [
      { from: new Date(T0 + 20_123).toISOString(), to: new Date(T0 + 2 * 3600_000 + 7).toISOString(), reason: '停电检修' },
      { from: new Date(T0 + 14 * DAY + 45_001).toISOString(), to: new Date(T0 + 15 * DAY).toISOString(), reason: '装修' },
    ],
  },
  { name: 'around the clock with a closure', hours: { alwaysOpen: true, days: Array.from({ length: 7 }, () => []) }, closures: [{ from: new Date(T0 + 30_500).toISOString(), to: new Date(T0 + 90_250).toISOString(), reason: '消毒' }] },
];

/**
 * The nearby list takes each station's open state from a cache kept per shared hours/closures pair until the answer
 * could change (next change, next minute, closure edges). Whatever instants it is asked about, in order or not, it
 * must say exactly what `openState` says for that instant.
 */
describe('the open-state cache of the nearby list', () => {
  for (const shape of SHAPES) {
    it(`answers as openState at every instant: ${shape.name}`, () => {
      const next = rng(shape.name.length * 7919);
      let t = T0;
      for (let i = 0; i < 3000; i++) {
        // Mostly small steps forward (requests within a minute, across minute boundaries and closure edges), some jumps
        // back and far ahead (a request that computed its clock earlier, a test's own `now`).
        const r = next();
        t = r < 0.8 ? t + Math.floor(next() * 7_000) : r < 0.9 ? t - Math.floor(next() * 120_000) : t + Math.floor(next() * 3 * DAY);
        const now = new Date(t);
        const cached = cachedOpenState(shape.hours, shape.closures, now);
        expect(cached.state).toEqual(openState(shape.hours, shape.closures, now));
        const live = openState(shape.hours, shape.closures, now);
        expect(JSON.parse(`{"x":0${cached.bytes.toString()}`)).toEqual({ x: 0, isOpenNow: live.isOpen, nextChange: live.nextChange?.toISOString() ?? null, closedReason: live.closedReason });
      }
    });
  }

  it('answers as openState on both sides of every closure edge, and of each edge entering the 14-day look-ahead', () => {
    for (const shape of SHAPES) {
      for (const c of shape.closures) {
        for (const edge of [Date.parse(c.from), Date.parse(c.to)]) {
          for (const e of [edge, edge - 14 * DAY]) {
            // Asked in order within one minute, so the entry made just before the edge would be reused after it.
            for (const t of [e - 1500, e - 1, e, e + 1]) {
              expect(cachedOpenState(shape.hours, shape.closures, new Date(t)).state).toEqual(openState(shape.hours, shape.closures, new Date(t)));
            }
          }
        }
      }
    }
  });

  it('switches exactly at a change: the last millisecond before it and the first one at it', () => {
    const shape = SHAPES[1]; // 09:00–18:00 Beijing = 01:00–10:00 UTC
    const opening = Date.parse('2026-12-03T01:00:00.000Z');
    expect(cachedOpenState(shape.hours, shape.closures, new Date(opening - 30_000)).state.isOpen).toBe(false);
    expect(cachedOpenState(shape.hours, shape.closures, new Date(opening - 1)).state.isOpen).toBe(false);
    expect(cachedOpenState(shape.hours, shape.closures, new Date(opening)).state).toEqual({ isOpen: true, nextChange: new Date('2026-12-03T10:00:00.000Z'), closedReason: null });
  });
});
