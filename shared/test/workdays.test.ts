import fc from 'fast-check';
import { addWorkingDays, endOfShanghaiDay, isIsoDate, makeWorkdayLookup, shanghaiDate } from '../src';

/** The State Council's 2026 schedule (holidays and make-up workdays), as published. */
const HOLIDAYS_2026 = [
  '2026-01-01', '2026-01-02', '2026-01-03',
  '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
  '2026-04-04', '2026-04-05', '2026-04-06',
  '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
  '2026-06-19', '2026-06-20', '2026-06-21',
  '2026-09-25', '2026-09-26', '2026-09-27',
  '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
];
const MAKEUP_WORKDAYS_2026 = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

const lookup = makeWorkdayLookup(
  new Map([...HOLIDAYS_2026.map((d) => [d, false] as const), ...MAKEUP_WORKDAYS_2026.map((d) => [d, true] as const)]),
  new Set([2026]),
);
/** 10:00 Beijing time on a date. */
const at10 = (d: string) => new Date(`${d}T02:00:00Z`);
const dueDate = (start: string, n: number) => {
  const r = addWorkingDays(at10(start), n, lookup);
  return { date: shanghaiDate(r.due), estimated: r.estimated };
};

describe('working days on the 2026 official calendar', () => {
  it('counts the Sunday make-up day before National Day (accepted Friday 18 Sept, 3 days → Tue 22 Sept)', () => {
    expect(dueDate('2026-09-18', 3)).toEqual({ date: '2026-09-22', estimated: false });
  });

  it('skips Mid-Autumn and the National Day week (accepted Wed 30 Sept, 3 days → the make-up Saturday 10 Oct)', () => {
    expect(dueDate('2026-09-30', 3)).toEqual({ date: '2026-10-10', estimated: false });
  });

  it('a claim accepted on the Friday holiday before National Day waits out the holiday', () => {
    // 25 Sept is Mid-Autumn (a Friday off): 28, 29, 30 Sept are the three working days
    expect(dueDate('2026-09-25', 3)).toEqual({ date: '2026-09-30', estimated: false });
  });

  it('uses the make-up Saturdays of February', () => {
    expect(dueDate('2026-02-13', 1)).toEqual({ date: '2026-02-14', estimated: false });
    expect(dueDate('2026-02-27', 1)).toEqual({ date: '2026-02-28', estimated: false });
    // submitted on the eve of Spring Festival: the next working day is 24 Feb
    expect(dueDate('2026-02-14', 1)).toEqual({ date: '2026-02-24', estimated: false });
  });

  it('a year without data falls back to Monday–Friday and says so', () => {
    expect(dueDate('2027-01-04', 3)).toEqual({ date: '2027-01-07', estimated: true });
    expect(dueDate('2027-01-08', 1)).toEqual({ date: '2027-01-11', estimated: true });
    // crossing from a known year into an unknown one is estimated too
    expect(dueDate('2026-12-31', 1)).toEqual({ date: '2027-01-01', estimated: true });
    expect(dueDate('2026-12-30', 1)).toEqual({ date: '2026-12-31', estimated: false });
  });

  it('deadlines end at 23:59:59.999 Beijing time, whatever time the claim came in', () => {
    const late = addWorkingDays(new Date('2026-11-23T15:30:00Z'), 1, lookup); // 23:30 Monday in Beijing
    expect(late.due.toISOString()).toBe('2026-11-24T15:59:59.999Z');
    const early = addWorkingDays(new Date('2026-11-23T16:30:00Z'), 1, lookup); // 00:30 Tuesday in Beijing
    expect(early.due.toISOString()).toBe('2026-11-25T15:59:59.999Z');
    expect(endOfShanghaiDay('2026-11-24').toISOString()).toBe('2026-11-24T15:59:59.999Z');
  });

  it('refuses nonsense day counts', () => {
    expect(() => addWorkingDays(at10('2026-11-23'), 0, lookup)).toThrow(RangeError);
    expect(() => addWorkingDays(at10('2026-11-23'), 1.5, lookup)).toThrow(RangeError);
  });

  it('property: the due day is a working day, later than the start, with exactly n working days in between', () => {
    const start = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 20 }), (s, n) => {
        const { due } = addWorkingDays(s, n, lookup);
        const dueDay = shanghaiDate(due);
        if (!lookup(dueDay) || due <= s) return false;
        let count = 0;
        for (let t = Date.parse(`${shanghaiDate(s)}T00:00:00Z`) + 86400_000; t <= Date.parse(`${dueDay}T00:00:00Z`); t += 86400_000) {
          if (lookup(new Date(t).toISOString().slice(0, 10))) count++;
        }
        return count === n;
      }),
    );
  });

  it('validates ISO dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
  });
});
