import fc from 'fast-check';
import { checkIdNumber, idNumberCheckChar, isValidIdNumber, normalizeIdNumber } from '../src';

const TODAY = new Date(Date.UTC(2026, 10, 23));

/** Builds a valid ID from region, birth date and sequence. */
function makeId(region: string, y: number, m: number, d: number, seq: number): string {
  const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const validId = fc
  .record({
    region: fc.constantFrom('350203', '110101', '440305', '310115', '510107'),
    date: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: TODAY, noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, date, seq }) => makeId(region, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), seq));

describe('mainland ID number (GB 11643)', () => {
  it('accepts known-good numbers, including an X check char in either case', () => {
    expect(checkIdNumber('11010519491231002X', TODAY)).toBeNull();
    expect(checkIdNumber('11010519491231002x', TODAY)).toBeNull();
    expect(checkIdNumber(' 35020319900101123x ', TODAY)).toBeNull();
  });

  it('names the problem', () => {
    expect(checkIdNumber('1101051949123100', TODAY)).toBe('format');
    expect(checkIdNumber('11010519491231002Y', TODAY)).toBe('format');
    expect(checkIdNumber('991231194912310020', TODAY)).toBe('region');
    expect(checkIdNumber(makeId('350203', 2001, 2, 29, 1), TODAY)).toBe('birthdate');
    expect(checkIdNumber(makeId('350203', 2030, 1, 1, 1), TODAY)).toBe('birthdate');
    expect(checkIdNumber(makeId('350203', 1899, 12, 31, 1), TODAY)).toBe('birthdate');
    expect(checkIdNumber('110105194912310021', TODAY)).toBe('checksum');
  });

  it('property: every generated valid number passes', () => {
    fc.assert(fc.property(validId, (id) => isValidIdNumber(id, TODAY)));
  });

  it('property: changing any one of the first 17 digits breaks the checksum', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        const digit = (Number(id[pos]) + delta) % 10;
        const mutated = id.slice(0, pos) + digit + id.slice(pos + 1);
        // the mutation may also break region or date first; it must never pass
        return !isValidIdNumber(mutated, TODAY);
      }),
    );
  });

  it('property: swapping the check char for any other char fails', () => {
    fc.assert(
      fc.property(validId, fc.constantFrom(...'0123456789X'), (id, c) => {
        fc.pre(c !== id[17]);
        return checkIdNumber(id.slice(0, 17) + c, TODAY) === 'checksum';
      }),
    );
  });

  it('normalises to upper case without spaces', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});
