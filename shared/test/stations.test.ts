import fc from 'fast-check';
import { checkWeeklyHours, chinaPositionProblem, haversineMeters, isInChina, openState, type WeeklyHours } from '../src';

const week = (ranges: Array<{ open: string; close: string }>): WeeklyHours => ({ alwaysOpen: false, days: Array.from({ length: 7 }, () => ranges) });
/** A Beijing wall-clock time as an instant. 2026-11-23 is a Monday. */
const bj = (iso: string) => new Date(`${iso}+08:00`);

describe('opening hours in Beijing time', () => {
  it('a day range: open inside, closed outside, with the next change', () => {
    const h = week([{ open: '08:00', close: '20:00' }]);
    expect(openState(h, [], bj('2026-11-23T07:59:00'))).toEqual({ isOpen: false, nextChange: bj('2026-11-23T08:00:00'), closedReason: null });
    expect(openState(h, [], bj('2026-11-23T12:00:00'))).toEqual({ isOpen: true, nextChange: bj('2026-11-23T20:00:00'), closedReason: null });
    expect(openState(h, [], bj('2026-11-23T20:00:00')).isOpen).toBe(false);
  });

  it('an overnight range runs past midnight, including Sunday into Monday', () => {
    const h: WeeklyHours = { alwaysOpen: false, days: [[], [], [], [], [], [], [{ open: '22:00', close: '06:00' }]] };
    expect(openState(h, [], bj('2026-11-29T23:30:00')).isOpen).toBe(true); // Sunday night
    const monday = openState(h, [], bj('2026-11-30T05:00:00'));
    expect(monday).toMatchObject({ isOpen: true, nextChange: bj('2026-11-30T06:00:00') });
    expect(openState(h, [], bj('2026-11-30T06:00:00')).isOpen).toBe(false);
    expect(openState(h, [], bj('2026-11-28T23:30:00')).isOpen).toBe(false); // Saturday night
  });

  it('24 hours is always open, unless closed for a reason', () => {
    const h: WeeklyHours = { alwaysOpen: true, days: Array.from({ length: 7 }, () => []) };
    expect(openState(h, [], bj('2026-11-23T03:00:00'))).toEqual({ isOpen: true, nextChange: null, closedReason: null });
    const closures = [{ from: bj('2026-11-23T00:00:00').toISOString(), to: bj('2026-11-24T00:00:00').toISOString(), reason: '设备检修' }];
    expect(openState(h, closures, bj('2026-11-23T03:00:00'))).toEqual({ isOpen: false, nextChange: bj('2026-11-24T00:00:00'), closedReason: '设备检修' });
    expect(openState(h, closures, bj('2026-11-22T23:00:00'))).toMatchObject({ isOpen: true, nextChange: bj('2026-11-23T00:00:00') });
  });

  it('does not depend on the server\'s time zone (instants in, instants out)', () => {
    const h = week([{ open: '09:00', close: '17:00' }]);
    // 01:00 UTC is 09:00 in Beijing; what a server in any zone computes is the same instant
    expect(openState(h, [], new Date('2026-11-23T01:00:00Z')).isOpen).toBe(true);
    expect(openState(h, [], new Date('2026-11-23T00:59:00Z')).isOpen).toBe(false);
  });

  it('never opens → no next change', () => {
    expect(openState(week([]), [], bj('2026-11-23T12:00:00'))).toEqual({ isOpen: false, nextChange: null, closedReason: null });
  });

  it('property: the state really flips at nextChange and holds until then', () => {
    const time = fc.integer({ min: 0, max: 47 }).map((h) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`);
    const range = fc.tuple(time, time).filter(([a, b]) => a !== b).map(([open, close]) => ({ open, close }));
    const hours = fc.array(fc.array(range, { maxLength: 2 }), { minLength: 7, maxLength: 7 }).map((days) => ({ alwaysOpen: false, days }));
    const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-01T00:00:00Z') }).map((t) => new Date(t - (t % 60_000)));
    fc.assert(
      fc.property(hours, instant, (h, now) => {
        const s = openState(h, [], now);
        if (!s.nextChange) return true;
        const before = new Date(s.nextChange.getTime() - 60_000);
        return openState(h, [], s.nextChange).isOpen !== s.isOpen && openState(h, [], before).isOpen === s.isOpen;
      }),
      { numRuns: 300 },
    );
  });

  it('validates hours with Chinese messages', () => {
    expect(checkWeeklyHours(week([{ open: '08:00', close: '20:00' }]))).toEqual({});
    expect(checkWeeklyHours({ alwaysOpen: false, days: [] })).toEqual({ days: '请按周一至周日填写 7 天的开放时间' });
    const bad = week([{ open: '8:00', close: '20:00' }]);
    expect(checkWeeklyHours(bad)['days.0.0']).toBe('时间格式应为 HH:MM');
  });
});

describe('geography', () => {
  it('measures great-circle distance', () => {
    // Xiamen Zhongshan Road to Gulangyu pier: about 1.3 km
    const d = haversineMeters(24.4555, 118.0796, 24.4477, 118.0676);
    expect(d).toBeGreaterThan(1300);
    expect(d).toBeLessThan(1600);
    expect(haversineMeters(24.4, 118.1, 24.4, 118.1)).toBe(0);
  });
  it('knows China\'s bounding box', () => {
    expect(isInChina(24.48, 118.09)).toBe(true);
    expect(isInChina(51.5, -0.12)).toBe(false);
    expect(isInChina(Number.NaN, 118)).toBe(false);
  });
});

describe('where a position outside China is wrong', () => {
  it('inside: nothing; swapped: said so; else each coordinate out of range on its own field', () => {
    expect(chinaPositionProblem(24.4811, 118.1391)).toEqual({ fields: [] });
    expect(chinaPositionProblem(118.1391, 24.4811)).toEqual({ swapped: true });
    expect(chinaPositionProblem(51.5, -0.12)).toEqual({ fields: ['lng'] });
    expect(chinaPositionProblem(60.5, 118.1)).toEqual({ fields: ['lat'] });
    expect(chinaPositionProblem(-33.9, 151.2)).toEqual({ fields: ['lat', 'lng'] });
    expect(chinaPositionProblem(Number.NaN, 118.1)).toEqual({ fields: ['lat'] });
  });

  it('agrees with isInChina everywhere', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 200, noNaN: true }), fc.double({ min: -100, max: 200, noNaN: true }), (lat, lng) => {
        const p = chinaPositionProblem(lat, lng);
        expect('fields' in p && p.fields.length === 0).toBe(isInChina(lat, lng));
        if ('swapped' in p) expect(isInChina(lng, lat)).toBe(true);
      }),
    );
  });
});
