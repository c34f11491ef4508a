import fc from 'fast-check';
import { CHINA_BBOX, haversineMeters, SERVICE_CODES } from '@nuanxin/shared';
import { GeoIndex, type IndexedPoint } from './geo-index';

/** What the index must equal: scan everything, same distance, same tie rule. */
function bruteForce(points: IndexedPoint[], lat: number, lng: number, limit: number, radius: number, services: string[]) {
  return points
    .map((p) => ({ id: p.id, d: haversineMeters(lat, lng, p.lat, p.lng), ok: services.every((s) => p.services.includes(s)) }))
    .filter((x) => x.ok && x.d <= radius)
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map((x) => x.id);
}

const coord = fc.record({
  lat: fc.double({ min: CHINA_BBOX.minLat, max: CHINA_BBOX.maxLat, noNaN: true }),
  lng: fc.double({ min: CHINA_BBOX.minLng, max: CHINA_BBOX.maxLng, noNaN: true }),
});
const someServices = fc.subarray(SERVICE_CODES.slice(0, 6) as string[], { maxLength: 3 });

/** Stations scattered over China, plus clusters around a few "cities" so that the nearby case is dense. */
const stations = fc
  .tuple(fc.array(coord, { maxLength: 120 }), fc.array(fc.tuple(coord, fc.array(fc.tuple(fc.double({ min: -0.3, max: 0.3, noNaN: true }), fc.double({ min: -0.3, max: 0.3, noNaN: true })), { maxLength: 80 })), { maxLength: 4 }))
  .chain(([loose, clusters]) => {
    const all = [...loose, ...clusters.flatMap(([c, offs]) => offs.map(([a, b]) => ({ lat: Math.min(CHINA_BBOX.maxLat, Math.max(CHINA_BBOX.minLat, c.lat + a)), lng: Math.min(CHINA_BBOX.maxLng, Math.max(CHINA_BBOX.minLng, c.lng + b)) })))];
    return fc.tuple(...all.map(() => someServices)).map((svcs) => all.map((p, i) => ({ id: `s${String(i).padStart(4, '0')}`, lat: p.lat, lng: p.lng, services: svcs[i] })));
  });

describe('GeoIndex', () => {
  it('property: returns exactly the brute-force answer (ids and order, ties by id), with and without filters', () => {
    fc.assert(
      fc.property(
        stations,
        fc.oneof(coord, fc.constant({ lat: 24.48, lng: 118.09 })),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 100, max: 50_000 }),
        someServices,
        (points, q, limit, radius, services) => {
          const index = new GeoIndex(points);
          const got = index.nearest(q.lat, q.lng, limit, radius, services).map((h) => h.id);
          return JSON.stringify(got) === JSON.stringify(bruteForce(points, q.lat, q.lng, limit, radius, services));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: queries near a cluster agree with brute force', () => {
    fc.assert(
      fc.property(stations, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 20 }), (points, pick, limit) => {
        fc.pre(points.length > 0);
        const p = points[pick % points.length];
        const index = new GeoIndex(points);
        const got = index.nearest(p.lat + 0.01, p.lng - 0.01, limit, 50_000).map((h) => h.id);
        return JSON.stringify(got) === JSON.stringify(bruteForce(points, p.lat + 0.01, p.lng - 0.01, limit, 50_000, []));
      }),
      { numRuns: 200 },
    );
  });

  it('breaks exact distance ties by id', () => {
    const index = new GeoIndex([
      { id: 'b', lat: 24.5, lng: 118.1, services: [] },
      { id: 'a', lat: 24.5, lng: 118.1, services: [] },
      { id: 'c', lat: 24.6, lng: 118.1, services: [] },
    ]);
    expect(index.nearest(24.5, 118.1, 3, 50_000).map((h) => h.id)).toEqual(['a', 'b', 'c']);
  });

  it('an unknown service matches nothing; an accept callback filters', () => {
    const index = new GeoIndex([{ id: 'a', lat: 24.5, lng: 118.1, services: ['wifi'] }, { id: 'b', lat: 24.5, lng: 118.2, services: ['wifi'] }]);
    expect(index.nearest(24.5, 118.1, 5, 50_000, ['no_such_service'])).toEqual([]);
    expect(index.nearest(24.5, 118.1, 5, 50_000, ['wifi'], (i) => i === 1).map((h) => h.id)).toEqual(['b']);
  });
});

describe('GeoIndex against brute force, dense and on cell edges (seeded)', () => {
  /** Mulberry32: the same cases every run. */
  function prng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('returns exactly the brute-force answer for 800 queries over 4,000 stations (ties, edges, filters, accept)', () => {
    const rand = prng(16);
    const codes = SERVICE_CODES.slice(0, 5) as string[];
    const points: IndexedPoint[] = [];
    for (let i = 0; i < 4000; i++) {
      const kind = rand();
      // A city centre, points exactly on cell edges (multiples of 0.02°) and exact duplicates (distance ties).
      const lat = kind < 0.2 ? 24.4 + Math.round(rand() * 20) * 0.02 : 24.4 + rand() * 0.4;
      const lng = kind < 0.2 ? 118 + Math.round(rand() * 20) * 0.02 : kind < 0.3 && points.length ? points[points.length - 1].lng : 118 + rand() * 0.4;
      const same = kind > 0.95 && points.length > 0 ? points[Math.floor(rand() * points.length)] : null;
      points.push({
        id: `p${String(Math.floor(rand() * 1e6)).padStart(6, '0')}-${i}`,
        lat: same ? same.lat : lat,
        lng: same ? same.lng : lng,
        services: codes.filter(() => rand() < 0.4),
      });
    }
    const index = new GeoIndex(points);
    const slotOk = (slot: number) => slot % 3 !== 0;
    const idOk = new Set(points.filter((p) => slotOk(index.slotOf(p.id)!)).map((p) => p.id));
    for (let q = 0; q < 800; q++) {
      const onEdge = rand() < 0.2;
      const lat = onEdge ? 24.4 + Math.round(rand() * 20) * 0.02 : 24.3 + rand() * 0.6;
      const lng = onEdge ? 118 + Math.round(rand() * 20) * 0.02 : 117.9 + rand() * 0.6;
      const limit = 1 + Math.floor(rand() * 50);
      const radius = [300, 1000, 3000, 10_000, 50_000][Math.floor(rand() * 5)];
      const services = codes.filter(() => rand() < 0.25);
      const withAccept = rand() < 0.3;
      const got = index.nearest(lat, lng, limit, radius, services, withAccept ? slotOk : undefined);
      const want = bruteForce(withAccept ? points.filter((p) => idOk.has(p.id)) : points, lat, lng, limit, radius, services);
      expect(got.map((h) => h.id)).toEqual(want);
      for (const h of got) expect(h.distanceMeters).toBe(haversineMeters(lat, lng, points[h.index].lat, points[h.index].lng));
    }
  });
});

describe('GeoIndex service filter', () => {
  it('finds stations by every service code, the last one of the catalogue included (bit 31 of a mask word)', () => {
    const index = new GeoIndex(SERVICE_CODES.map((code, i) => ({ id: `s${i}`, lat: 24.5 + i * 0.001, lng: 118.1, services: [code] })));
    SERVICE_CODES.forEach((code, i) => expect(index.nearest(24.5, 118.1, 5, 50_000, [code]).map((h) => h.id)).toEqual([`s${i}`]));
  });
});
