import { CITIES, cityCounts, synthesizeStations } from '../bench/cities';

/** The stations benchmark's data set (`pnpm bench:stations`): exactly the size asked for, and the same every run. */
describe('stations benchmark data', () => {
  it('splits any count over the cities exactly, in proportion to their weights', () => {
    const weights = CITIES.map((c) => c[3]);
    const total = weights.reduce((s, w) => s + w, 0);
    for (const n of [1, 7, 5000, 123_457, 200_000]) {
      const counts = cityCounts(n, weights);
      expect([n, counts.reduce((s, c) => s + c, 0)]).toEqual([n, n]);
      counts.forEach((c, i) => expect(Math.abs(c - (n * weights[i]) / total)).toBeLessThan(1));
    }
  });

  it('synthesises exactly 200,000 distinct stations, all inside China, reproducibly', () => {
    const a = synthesizeStations(200_000);
    expect(a).toHaveLength(200_000);
    expect(new Set(a.map((p) => p.id)).size).toBe(200_000);
    expect(a.every((p) => p.lat > 3.8 && p.lat < 53.6 && p.lng > 73.5 && p.lng < 135.1)).toBe(true);
    expect(synthesizeStations(2000)).toEqual(synthesizeStations(2000));
  });
});
