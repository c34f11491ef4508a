/**
 * Lookups by key that arrive in the same turn of the event loop share one query: each caller awaits its own key,
 * the loader is called once (on `setImmediate`) with all the keys asked meanwhile. Under a flash crowd the
 * requests parsed together become one `IN (…)` read instead of one read each; a lone request waits no timer.
 */
export class Coalescer<K, V> {
  private pending: Map<K, Array<{ resolve(v: V | undefined): void; reject(err: unknown): void }>> | null = null;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly max = 500,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.pending) {
        const batch = new Map<K, Array<{ resolve(v: V | undefined): void; reject(err: unknown): void }>>();
        this.pending = batch;
        setImmediate(() => this.flush(batch));
      }
      const waiters = this.pending.get(key) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(key, waiters);
      if (this.pending.size >= this.max) this.flush(this.pending);
    });
  }

  private flush(batch: Map<K, Array<{ resolve(v: V | undefined): void; reject(err: unknown): void }>>): void {
    if (this.pending !== batch) return;
    this.pending = null;
    this.load([...batch.keys()]).then(
      (found) => batch.forEach((ws, k) => ws.forEach((w) => w.resolve(found.get(k)))),
      (err: unknown) => batch.forEach((ws) => ws.forEach((w) => w.reject(err))),
    );
  }
}

/**
 * Work items that arrive in the same turn of the event loop go to one `run` call (on `setImmediate`, or at `max`):
 * one statement for many requests, where each would otherwise send its own. `run` answers per item, in order; an
 * `Error` in its answer rejects that item only. A lone item waits no timer.
 */
export class TickBatch<T, R = void> {
  private pending: Array<{ item: T; resolve(r: R): void; reject(err: unknown): void }> | null = null;

  constructor(
    private readonly run: (items: T[]) => Promise<Array<R | Error>>,
    private readonly max = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      if (!this.pending) {
        const batch: Array<{ item: T; resolve(r: R): void; reject(err: unknown): void }> = [];
        this.pending = batch;
        setImmediate(() => this.flush(batch));
      }
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.max) this.flush(this.pending);
    });
  }

  private flush(batch: Array<{ item: T; resolve(r: R): void; reject(err: unknown): void }>): void {
    if (this.pending !== batch) return;
    this.pending = null;
    this.run(batch.map((b) => b.item)).then(
      (out) => batch.forEach((b, i) => (out[i] instanceof Error ? b.reject(out[i]) : b.resolve(out[i] as R))),
      (err: unknown) => batch.forEach((b) => b.reject(err)),
    );
  }
}
