/**
 * Answers of a few kilobytes cut from one shared slab, as Node's own Buffer pool does below 4 KB: a request then
 * allocates no ArrayBuffer of its own (each one a native allocation, a finaliser, and external memory that brings
 * V8's collections sooner). Every answer is its own region, never handed out again; a slab is freed by the garbage
 * collector once no answer cut from it is referenced any more (sent, or dropped).
 */
export class ByteSlab {
  private slab = new ArrayBuffer(0);
  private at = 0;

  constructor(private readonly size = 256 * 1024) {}

  /** A Buffer of exactly `length` bytes, to be written in full by the caller (its contents are whatever was there). */
  take(length: number): Buffer {
    if (length > this.size >> 3) return Buffer.allocUnsafeSlow(length);
    if (this.at + length > this.slab.byteLength) {
      this.slab = new ArrayBuffer(this.size);
      this.at = 0;
    }
    const out = Buffer.from(this.slab, this.at, length);
    // Each answer starts on an 8-byte boundary, as Node's pool aligns its buffers.
    this.at += (length + 7) & ~7;
    return out;
  }
}

/** Digits of a non-negative integer (as `String(n)` writes it, below 1e21). */
export function decimalDigits(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    digits++;
  }
  return digits;
}

/** Writes a non-negative integer's decimal digits at `at`, as `String(n)` would; returns the position after them. */
export function writeDecimal(out: Buffer, at: number, n: number): number {
  const end = at + decimalDigits(n);
  let i = end;
  do {
    const q = Math.floor(n / 10);
    out[--i] = 0x30 + (n - q * 10);
    n = q;
  } while (n > 0);
  return end;
}
