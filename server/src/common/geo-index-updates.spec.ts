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

  it('heavy churn in a few crowded cells (cells outgrow their room, move, empty and refill): answers stay exact and the cell store does not grow without end', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const at = () => ({ lat: 24.45 + rand() * 0.1, lng: 118.05 + rand() * 0.1 });
    const live = new Map<string, IndexedPoint>();
    for (let i = 0; i < 2000; i++) live.set(`p${i}`, { id: `p${i}`, ...at(), services: rand() < 0.5 ? ['wifi'] : [] });
    const index = new GeoIndex([...live.values()]);
    const store = () => (index as unknown as { cells: { data: Float64Array } }).cells.data.length;
    let largest = store();
    for (let step = 1; step <= 30_000; step++) {
      const id = `p${Math.floor(rand() * 2400)}`;
      if (rand() < 0.2) {
        index.remove(id);
        live.delete(id);
      } else {
        // moves mostly into one corner cell, then back out: that cell outgrows its room again and again
        const p = { id, ...(rand() < 0.5 ? { lat: 24.451 + rand() * 0.015, lng: 118.051 + rand() * 0.015 } : at()), services: rand() < 0.5 ? ['wifi'] : [] };
        index.put(p);
        live.set(id, p);
      }
      largest = Math.max(largest, store());
      if (step % 3000 === 0) {
        expect(index.size).toBe(live.size);
        for (const [lat, lng, want] of [[24.5, 118.1, []], [24.455, 118.055, ['wifi']], [24.46, 118.14, []]] as const) {
          expect(index.nearest(lat, lng, 25, 20_000, [...want]).map((h) => h.id)).toEqual(bruteForce(live.values(), lat, lng, 25, 20_000, [...want]));
        }
      }
    }
    // At most 2,400 points × 4 numbers live: runs left behind and room that cells emptied are packed (compaction),
    // so the store stays within 4× that (32,768 numbers here; 65,536 when it only grows)
    expect(largest).toBeLessThanOrEqual(4 * 2400 * 4);
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
