import { ByteSlab, decimalDigits, writeDecimal } from './byte-slab';

describe('ByteSlab', () => {
  it('hands out buffers of exactly the asked length that never share a byte, across slabs', () => {
    const slab = new ByteSlab(1024);
    const taken: Buffer[] = [];
    for (let i = 0; i < 200; i++) {
      const length = 1 + ((i * 37) % 120);
      const b = slab.take(length);
      expect(b.length).toBe(length);
      b.fill(i % 256);
      taken.push(b);
    }
    // Every buffer still holds what was written into it: no later one overwrote it.
    taken.forEach((b, i) => expect(b.every((x) => x === i % 256)).toBe(true));
  });

  it('gives a large answer a buffer of its own', () => {
    const slab = new ByteSlab(1024);
    const small = slab.take(8);
    const big = slab.take(4096);
    expect(big.length).toBe(4096);
    expect(big.buffer).not.toBe(small.buffer);
  });
});

describe('writeDecimal', () => {
  it('writes what String(n) writes, and says where it ended', () => {
    const out = Buffer.alloc(32);
    for (const n of [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 4321, 49_999, 50_000, 123_456_789, 2 ** 31, 2 ** 53 - 1]) {
      const end = writeDecimal(out, 3, n);
      expect(out.toString('latin1', 3, end)).toBe(String(n));
      expect(decimalDigits(n)).toBe(String(n).length);
    }
  });
});
