import fc from 'fast-check';
import { SERVICE_CODES } from '@nuanxin/shared';
import { GeoIndex } from '../common/geo-index';
import { columnIds, columnText, StationColumnsBuilder, type StationRow } from './station-columns';

const HOURS = '{"alwaysOpen":true,"days":[[],[],[],[],[],[],[]]}';

function row(id: string, o: Partial<{ code: string; name: string; address: string; phone: string | null; services: string[]; lat: number; lng: number; closures: string }> = {}): StationRow {
  return [id, o.code ?? 'C1', o.name ?? '工会驿站', o.address ?? '思明区湖滨南路 1 号', '思明区', String(o.lat ?? 24.48), String(o.lng ?? 118.09), 'point', 'other', o.phone === undefined ? '0592-1234567' : o.phone, JSON.stringify(o.services ?? ['wifi']), HOURS, o.closures ?? '[]', '9', 2, '2026-12-03 06:25:03.215'];
}

describe('StationColumnsBuilder', () => {
  it('gives back every text field, null phones, service lists (unknown codes kept) and the shared values', () => {
    const b = new StationColumnsBuilder(2); // grows several times
    b.add(row('a', { code: 'X-1', name: '', address: '𠀀 two-unit chars', phone: null, services: ['wifi', 'no_such_code', SERVICE_CODES[3]] }));
    b.add(row('b', { phone: '', services: [] }));
    b.add(row('c', { name: 'x'.repeat(300), closures: '[{"from":"2026-12-01","to":"2026-12-02"}]' }));
    const c = b.finish();
    expect(c.n).toBe(3);
    expect(columnIds(c)).toEqual(['a', 'b', 'c']);
    expect([0, 1, 2, 3].map((f) => columnText(c, 0, f))).toEqual(['X-1', '', '𠀀 two-unit chars', '']);
    expect(c.phoneNull[0]).toBe(1);
    expect(c.phoneNull[1]).toBe(0);
    expect(columnText(c, 1, 3)).toBe('');
    expect(columnText(c, 2, 1)).toBe('x'.repeat(300));
    expect(columnText(c, 2, 3)).toBe('0592-1234567');
    const services = (i: number) => [...c.services.subarray(c.servicesAt[i], c.servicesAt[i + 1])].map((k) => c.codes[k]);
    expect(services(0)).toEqual(['wifi', 'no_such_code', SERVICE_CODES[3]]);
    expect(services(1)).toEqual([]);
    expect(services(2)).toEqual(['wifi']);
    expect(c.dict[c.district[0]]).toBe('思明区');
    expect(c.hours[0]).toBe(c.hours[2]);
    expect(c.json[c.closures[2]]).toBe('[{"from":"2026-12-01","to":"2026-12-02"}]');
    expect([...c.ratingSum]).toEqual([9, 9, 9]);
    expect([...c.ratingCount]).toEqual([2, 2, 2]);
    expect(c.updatedMs[0]).toBe(Date.UTC(2026, 11, 3, 6, 25, 3, 215));
    expect(c.lat[1]).toBe(24.48);
  });

  it('keeps ids beyond Latin-1 as UTF-16, and an empty scan is empty', () => {
    const b = new StationColumnsBuilder();
    b.add(row('站-1'));
    b.add(row('plain'));
    const c = b.finish();
    expect(columnIds(c)).toEqual(['站-1', 'plain']);
    expect(columnIds(new StationColumnsBuilder().finish())).toEqual([]);
  });

  it('property: GeoIndex.adopt of the columns answers exactly like puts of the same points (unknown codes stop the mask)', () => {
    const codes = [...SERVICE_CODES.slice(0, 6), 'no_such_code'];
    const pt = fc.record({
      lat: fc.double({ min: 24.3, max: 24.7, noNaN: true }),
      lng: fc.double({ min: 117.9, max: 118.3, noNaN: true }),
      services: fc.shuffledSubarray(codes),
    });
    fc.assert(
      fc.property(fc.array(pt, { maxLength: 80 }), fc.integer({ min: 1, max: 30 }), fc.subarray(SERVICE_CODES.slice(0, 6) as string[], { maxLength: 2 }), (pts, limit, want) => {
        const b = new StationColumnsBuilder(4);
        const ids = pts.map((_, i) => `s${String(i).padStart(3, '0')}`);
        pts.forEach((p, i) => b.add(row(ids[i], p)));
        const c = b.finish();
        const adopted = new GeoIndex();
        adopted.adopt(columnIds(c), c.lat, c.lng, c.masks, c.cellKeys, c.cellStart, c.cellSlots);
        const put = new GeoIndex();
        pts.forEach((p, i) => put.put({ id: ids[i], lat: Number(String(p.lat)), lng: Number(String(p.lng)), services: p.services }));
        expect(adopted.size).toBe(put.size);
        expect(adopted.nearest(24.5, 118.1, limit, 30_000, want)).toEqual(put.nearest(24.5, 118.1, limit, 30_000, want));
        // Changes after the adoption work as on any index.
        if (pts.length) {
          adopted.put({ id: ids[0], lat: 24.5, lng: 118.1, services: want });
          put.put({ id: ids[0], lat: 24.5, lng: 118.1, services: want });
          adopted.remove(ids[pts.length - 1]);
          put.remove(ids[pts.length - 1]);
          adopted.put({ id: 'new', lat: 24.51, lng: 118.11, services: [] });
          put.put({ id: 'new', lat: 24.51, lng: 118.11, services: [] });
          expect(adopted.nearest(24.5, 118.1, limit, 30_000, want)).toEqual(put.nearest(24.5, 118.1, limit, 30_000, want));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to adopt into an index that was ever used', () => {
    const g = new GeoIndex();
    g.put({ id: 'a', lat: 1, lng: 1, services: [] });
    g.remove('a');
    expect(() => g.adopt([], new Float64Array(0), new Float64Array(0), new Uint32Array(0), new Float64Array(0), new Uint32Array(1), new Uint32Array(0))).toThrow(/not empty/);
  });
});
