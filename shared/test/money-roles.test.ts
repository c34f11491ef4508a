import fc from 'fast-check';
import { fenToYuanString, formatYuan, isValidChildLevel, isValidOrgCode, parseYuan } from '../src';

describe('money in fen', () => {
  it('formats fen as yuan', () => {
    expect(fenToYuanString(12345)).toBe('123.45');
    expect(fenToYuanString(5)).toBe('0.05');
    expect(fenToYuanString(-5)).toBe('-0.05');
    expect(formatYuan(10000)).toBe('¥100');
    expect(formatYuan(2050)).toBe('¥20.50');
    expect(formatYuan(-2050)).toBe('-¥20.50');
  });
  it('refuses non-integers', () => {
    expect(() => fenToYuanString(1.5)).toThrow(RangeError);
  });
  it('parses yuan strings with at most two decimals', () => {
    expect(parseYuan('123.4')).toBe(12340);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('100')).toBe(10000);
    expect(parseYuan('-0')).toBe(0);
    for (const bad of ['1.234', '1e3', 'abc', '', '.5', '1,000']) expect(parseYuan(bad)).toBeNull();
  });
  it('property: parse(format(x)) === x for every safe amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (fen) => parseYuan(fenToYuanString(fen)) === fen),
    );
  });
});

describe('org rules', () => {
  it('codes are ≤ 32 chars of [A-Za-z0-9_-]', () => {
    expect(isValidOrgCode('XM-SIMING_01')).toBe(true);
    expect(isValidOrgCode('a'.repeat(32))).toBe(true);
    expect(isValidOrgCode('a'.repeat(33))).toBe(false);
    expect(isValidOrgCode('厦门')).toBe(false);
    expect(isValidOrgCode('')).toBe(false);
  });
  it('children sit strictly below their parent', () => {
    expect(isValidChildLevel('city', 'district')).toBe(true);
    expect(isValidChildLevel('district', 'enterprise')).toBe(true);
    expect(isValidChildLevel('street', 'district')).toBe(false);
    expect(isValidChildLevel('street', 'street')).toBe(false);
  });
});
