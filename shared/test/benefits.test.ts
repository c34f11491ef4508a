import fc from 'fast-check';
import {
  campaignInputErrors,
  campaignState,
  couponTitle,
  discountFor,
  ERROR_MESSAGES,
  isValidCouponCode,
  makeCouponCode,
  packValueFen,
  type CampaignInput,
  type CouponSpec,
} from '../src';

const threshold = (t: number, d: number): CouponSpec => ({ kind: 'threshold', thresholdFen: t, discountFen: d, percentOff: null, capFen: null });
const voucher = (d: number): CouponSpec => ({ kind: 'voucher', thresholdFen: 0, discountFen: d, percentOff: null, capFen: null });
const percent = (p: number, cap: number, t = 0): CouponSpec => ({ kind: 'percent', thresholdFen: t, discountFen: 0, percentOff: p, capFen: cap });

const input = (o: Partial<CampaignInput> = {}): CampaignInput => ({
  title: '五一职工消费券',
  items: [{ ...threshold(10000, 2000), count: 5 }, { ...threshold(5000, 1000), count: 10 }],
  stock: 100,
  perMemberLimit: 1,
  perDayLimit: null,
  claimOpensAt: '2026-12-02T02:00:00.000Z',
  claimClosesAt: '2026-12-09T02:00:00.000Z',
  validity: { mode: 'days', days: 30 },
  merchantIds: 'all',
  ...o,
});
const fields = (i: CampaignInput) => campaignInputErrors(i).map((e) => e.field);

describe('the 12-digit till code', () => {
  const body = fc.stringMatching(/^\d{11}$/);
  it('accepts every code it makes', () => fc.assert(fc.property(body, (b) => isValidCouponCode(makeCouponCode(b)))));
  it('catches every single wrong digit', () =>
    fc.assert(
      fc.property(body, fc.nat(11), fc.integer({ min: 1, max: 9 }), (b, at, plus) => {
        const code = makeCouponCode(b);
        const typo = code.slice(0, at) + String((Number(code[at]) + plus) % 10) + code.slice(at + 1);
        return !isValidCouponCode(typo);
      }),
    ));
  it('catches every swap of two different neighbours', () =>
    fc.assert(
      fc.property(body, fc.nat(10), (b, at) => {
        const code = makeCouponCode(b);
        fc.pre(code[at] !== code[at + 1]);
        return !isValidCouponCode(code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2));
      }),
    ));
  it('ignores the spaces of the shown form and refuses other lengths', () => {
    const code = makeCouponCode('12345678901');
    expect(isValidCouponCode(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`)).toBe(true);
    expect(isValidCouponCode(code.slice(1))).toBe(false);
  });
});

describe('discountFor: what the union pays', () => {
  it('满100减20 pays 20 from 100 and nothing below', () => {
    expect(discountFor(threshold(10000, 2000), 10000)).toBe(2000);
    expect(discountFor(threshold(10000, 2000), 25000)).toBe(2000);
    expect(discountFor(threshold(10000, 2000), 9999)).toBe(0);
  });
  it('a voucher never pays more than the order', () => {
    expect(discountFor(voucher(1600), 5000)).toBe(1600);
    expect(discountFor(voucher(1600), 1200)).toBe(1200);
  });
  it('八折 rounds down to the fen and stops at its cap', () => {
    expect(discountFor(percent(20, 3000), 10001)).toBe(2000); // 2000.2 → 2000
    expect(discountFor(percent(20, 3000), 50000)).toBe(3000);
    expect(discountFor(percent(20, 3000, 5000), 4999)).toBe(0);
  });
  it('never pays more than the order or the face value, never negative', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 0, max: 10_000_000 }), (p, cap, order) => {
        const d = discountFor(percent(p, cap), order);
        return d >= 0 && d <= cap && d <= order && Number.isInteger(d);
      }),
    ));
  it('titles read as the shops write them', () => {
    expect(couponTitle(threshold(10000, 2000))).toBe('满100减20');
    expect(couponTitle(voucher(16000))).toBe('160元代金券');
    expect(couponTitle(percent(20, 3000))).toBe('8折 最高减30元');
  });
});

describe('campaign rules', () => {
  it('a valid 300-yuan pack passes and is worth 300 yuan', () => {
    expect(campaignInputErrors(input())).toEqual([]);
    expect(packValueFen(input().items)).toBe(5 * 2000 + 10 * 1000);
  });
  it('refuses a discount at or above its threshold, fractional or negative fen, on the field', () => {
    expect(fields(input({ items: [{ ...threshold(2000, 2000), count: 1 }] }))).toEqual(['items.0.discountFen']);
    expect(fields(input({ items: [{ ...threshold(10000, 20.5), count: 1 }] }))).toEqual(['items.0.discountFen']);
    expect(fields(input({ items: [{ ...voucher(-100), count: 1 }] }))).toEqual(['items.0.discountFen']);
    expect(fields(input({ items: [{ ...percent(100, 3000), count: 1 }] }))).toEqual(['items.0.percentOff']);
  });
  it('refuses a window that ends before it starts and a daily limit above the total', () => {
    expect(fields(input({ claimClosesAt: '2026-12-01T02:00:00.000Z' }))).toEqual(['claimClosesAt']);
    expect(fields(input({ perMemberLimit: 1, perDayLimit: 2 }))).toEqual(['perDayLimit']);
    expect(fields(input({ items: [{ ...voucher(100), count: 51 }] }))).toEqual(['items.0.count']);
  });
  it('states: upcoming before the opening moment, sold out at 0, ended after the window', () => {
    const c = { status: 'published' as const, claimOpensAt: '2026-12-02T02:00:00.000Z', claimClosesAt: '2026-12-02T10:00:00.000Z', remaining: 3 };
    expect(campaignState(c, new Date('2026-12-02T01:59:59.999Z'))).toBe('upcoming');
    expect(campaignState(c, new Date('2026-12-02T02:00:00.000Z'))).toBe('open');
    expect(campaignState({ ...c, remaining: 0 }, new Date('2026-12-02T03:00:00.000Z'))).toBe('sold_out');
    expect(campaignState(c, new Date('2026-12-02T10:00:00.000Z'))).toBe('ended');
  });
  it('a loser is told 已抢光', () => expect(ERROR_MESSAGES.COUPON_SOLD_OUT).toMatch(/^已抢光/));
});
