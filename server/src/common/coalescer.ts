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
