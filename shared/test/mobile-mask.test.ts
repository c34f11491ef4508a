import fc from 'fast-check';
import { isValidMobile, maskIdNumber, maskMobile, maskName, normalizeMobile } from '../src';

describe('mobile numbers', () => {
  it('accepts 11-digit mainland numbers with optional +86 and separators', () => {
    expect(isValidMobile('13812345678')).toBe(true);
    expect(isValidMobile('+86 138-1234-5678')).toBe(true);
    expect(isValidMobile('8613812345678')).toBe(true);
    expect(normalizeMobile('+86 138 1234 5678')).toBe('13812345678');
  });
  it('rejects wrong length, wrong prefix and letters', () => {
    for (const bad of ['1381234567', '138123456789', '12812345678', '23812345678', '1381234567a', '']) {
      expect(isValidMobile(bad)).toBe(false);
    }
  });
  it('property: 1[3-9] + 9 digits is always valid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) =>
        isValidMobile(`1${second}${rest}`),
      ),
    );
  });
});

describe('masking', () => {
  it('masks ID numbers as 3502**********123X', () => {
    expect(maskIdNumber('35020319900101123x')).toBe('3502**********123X');
  });
  it('masks mobiles as 138****5678', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskMobile('+86 13812345678')).toBe('138****5678');
  });
  it('masks names to the surname', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
  });
  it('property: a masked ID never contains the 10 middle characters and keeps its length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id);
        return masked.length === 18 && masked.slice(4, 14) === '*'.repeat(10) && masked.slice(-4) === id.slice(-4);
      }),
    );
  });
  it('property: a masked mobile hides the 4 middle digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => maskMobile(m) === `${m.slice(0, 3)}****${m.slice(7)}`),
    );
  });
});
