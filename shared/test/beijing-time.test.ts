import { beijingDateTime, beijingParts, beijingPeriod, shanghaiDate, startOfBeijingDay } from '../src';

describe('Beijing time', () => {
  it('turns over at 16:00 UTC, not at the server zone midnight', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(startOfBeijingDay(new Date('2026-12-31T17:30:00.000Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(startOfBeijingDay(new Date('2026-12-31T15:30:00.000Z')).toISOString()).toBe('2026-12-30T16:00:00.000Z');
  });

  it('gives Monday = 0 and formats for WeChat time fields and event periods', () => {
    expect(beijingParts(new Date('2026-11-30T16:30:00.000Z'))).toMatchObject({ year: 2026, month: 12, date: 1, weekday: 1, hours: 0, minutes: 30 });
    expect(beijingDateTime(new Date('2026-12-02T06:05:00.000Z'))).toBe('2026年12月2日 14:05');
    expect(beijingPeriod(new Date('2026-12-05T14:00:00.000Z'), new Date('2026-12-05T17:00:00.000Z'))).toBe('12月5日 22:00 – 12月6日 01:00');
  });
});
