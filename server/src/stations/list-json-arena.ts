/**
 * The static list JSON of hot stations (UTF-8, without the closing brace), side by side in one buffer, found by slot
 * through one typed array of (offset, length). A nearby answer copies each station's bytes from here: per station one
 * read of the slot's pair and a short run of one buffer, where a Map of per-station objects and Buffers cost five or
 * six scattered reads each, most of them cache misses for a search that lands in another city every time
 * (docs/benchmarks.md, "The request pipeline").
 *
 * Grows by doubling up to `maxBytes`; when a station's bytes no longer fit there, everything is dropped and refilled
 * as stations are asked for again (`generation` counts those restarts, so a caller holding offsets can tell). A
 * station that changes is dropped (its bytes stay behind until the next restart).
 */
export class ListJsonArena {
  bytes: Buffer;
  /** Per slot: offset into `bytes` (-1: not here), length. */
  at = new Int32Array(0);
  generation = 0;
  private end = 0;

  constructor(
    private readonly maxBytes = 16 * 1024 * 1024,
    initialBytes = 256 * 1024,
  ) {
    this.bytes = Buffer.allocUnsafeSlow(Math.min(initialBytes, maxBytes));
  }

  /** Where a slot's bytes start, or -1. */
  offset(slot: number): number {
    return 2 * slot < this.at.length ? this.at[2 * slot] : -1;
  }

  length(slot: number): number {
    return this.at[2 * slot + 1];
  }

  /** Files a slot's text (replacing what it had) and returns its offset. */
  add(slot: number, text: string): number {
    const need = Buffer.byteLength(text);
    if (this.end + need > this.bytes.length) this.makeRoom(need);
    this.ensureSlots(slot);
    const offset = this.end;
    this.bytes.write(text, offset, need, 'utf8');
    this.end += need;
    this.at[2 * slot] = offset;
    this.at[2 * slot + 1] = need;
    return offset;
  }

  drop(slot: number): void {
    if (2 * slot < this.at.length) this.at[2 * slot] = -1;
  }

  clear(): void {
    for (let i = 0; i < this.at.length; i += 2) this.at[i] = -1;
    this.end = 0;
    this.generation++;
  }

  /** Bytes in use (for the tests and the memory figures). */
  get used(): number {
    return this.end;
  }

  private makeRoom(need: number): void {
    let size = this.bytes.length;
    while (size < this.end + need && size < this.maxBytes) size = Math.min(this.maxBytes, size * 2);
    if (this.end + need <= size) {
      const bytes = Buffer.allocUnsafeSlow(size);
      this.bytes.copy(bytes, 0, 0, this.end);
      this.bytes = bytes;
      return;
    }
    this.clear();
    if (need > this.bytes.length) this.bytes = Buffer.allocUnsafeSlow(Math.max(need, this.bytes.length));
  }

  private ensureSlots(slot: number): void {
    if (2 * slot < this.at.length) return;
    let size = Math.max(1024, this.at.length);
    while (size <= 2 * slot + 1) size *= 2;
    const at = new Int32Array(size).fill(-1);
    at.set(this.at);
    this.at = at;
  }
}
