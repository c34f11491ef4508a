import fc from 'fast-check';
import { haversineMeters, SERVICE_CODES } from '@nuanxin/shared';
import { GeoIndex, type IndexedPoint } from './geo-index';

/** What the index must equal: scan the live points, same distance, same tie rule. */
function bruteForce(points: Iterable<IndexedPoint>, lat: number, lng: number, limit: number, radius: number, services: string[]) {
  return [...points]
    .map((p) => ({ id: p.id, d: haversineMeters(lat, lng, p.lat, p.lng), ok: services.every((s) => p.services.includes(s)) }))
    .filter((x) => x.ok && x.d <= radius)
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map((x) => x.id);
}

const services = fc.subarray(SERVICE_CODES.slice(0, 5) as string[], { maxLength: 3 });
/** Around one city, so moves, removals and re-adds land in shared and neighbouring cells. */
const point = (ids: number) =>
  fc.record({
    id: fc.integer({ min: 0, max: ids - 1 }).map((i) => `s${String(i).padStart(3, '0')}`),
    lat: fc.double({ min: 24.3, max: 24.7, noNaN: true }),
    lng: fc.double({ min: 117.9, max: 118.3, noNaN: true }),
    services,
  });
const op = fc.oneof(point(60).map((p) => ({ put: p })), fc.integer({ min: 0, max: 59 }).map((i) => ({ remove: `s${String(i).padStart(3, '0')}` })));

describe('GeoIndex updated in place', () => {
  it('property: after any sequence of puts (add, move, change services) and removes it answers like a fresh scan of what is live', () => {
    fc.assert(
      fc.property(fc.array(point(60), { maxLength: 40 }), fc.array(op, { maxLength: 120 }), fc.integer({ min: 1, max: 30 }), services, (initial, ops, limit, want) => {
        const live = new Map<string, IndexedPoint>();
        for (const p of initial) live.set(p.id, p);
        const index = new GeoIndex([...live.values()], 1);
        for (const o of ops) {
          if ('put' in o) {
            index.put(o.put);
            live.set(o.put.id, o.put);
          } else {
            index.remove(o.remove);
            live.delete(o.remove);
          }
        }
        if (index.size !== live.size) return false;
        const got = index.nearest(24.5, 118.1, limit, 40_000, want).map((h) => h.id);
        return JSON.stringify(got) === JSON.stringify(bruteForce(live.values(), 24.5, 118.1, limit, 40_000, want));
      }),
      { numRuns: 300 },
    );
  });

  it('a removed slot is reused, and a hit names the slot its point now holds', () => {
    const index = new GeoIndex([
      { id: 'a', lat: 24.5, lng: 118.1, services: [] },
      { id: 'b', lat: 24.51, lng: 118.1, services: [] },
    ]);
    expect(index.remove('a')).toBe(0);
    expect(index.put({ id: 'c', lat: 24.5, lng: 118.1, services: ['wifi'] })).toBe(0);
    expect(index.nearest(24.5, 118.1, 5, 50_000).map((h) => [h.id, h.index])).toEqual([['c', 0], ['b', 1]]);
    expect(index.remove('a')).toBeUndefined();
  });
});
