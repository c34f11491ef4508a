/**
 * Lookups by key that arrive in the same turn of the event loop share one query: each caller awaits its own key,
 * the loader is called once (on `setImmediate`) with all the keys asked meanwhile. Under a flash crowd the
 * requests parsed together become one `IN (…)` read instead of one read each; a lone request waits no timer.
 *
 * `oneInFlight` (opt-in): while a load is running, the keys asked meanwhile gather and go in ONE load when it
 * returns (group commit). Idle, nothing changes (the first key loads at once); under a crowd the batch grows with
 * the round trip instead of the event loop's turns — with 200 requests in flight a turn holds only a few, and every
 * statement costs the sender a socket write (docs/benchmarks.md, "The flash claim under load").
 */
export class Coalescer<K, V> {
  private pending: Map<K, Array<{ resolve(v: V | undefined): void; reject(err: unknown): void }>> | null = null;
  private inFlight = 0;
  private due = false;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly max = 500,
    private readonly oneInFlight = false,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.pending) {
        const batch = new Map<K, Array<{ resolve(v: V | undefined): void; reject(err: unknown): void }>>();
        this.pending = batch;
        setImmediate(() => this.flush(batch, false));
      }
      const waiters = this.pending.get(key) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(key, waiters);
      if (this.pending.size >= this.max) this.flush(this.pending, true);
    });
  }

  private flush(batch: Map<K, Array<{ resolve(v: V | undefined): void; reject(err: unknown): void }>>, full: boolean): void {
    if (this.pending !== batch) return;
    if (this.oneInFlight && this.inFlight > 0 && !full) {
      this.due = true; // sent when the load in flight returns
      return;
    }
    this.pending = null;
    this.inFlight++;
    const done = () => {
      this.inFlight--;
      if (this.due && this.pending && this.inFlight === 0) {
        this.due = false;
        this.flush(this.pending, true);
      }
    };
    this.load([...batch.keys()]).then(
      (found) => {
        done();
        batch.forEach((ws, k) => ws.forEach((w) => w.resolve(found.get(k))));
      },
      (err: unknown) => {
        done();
        batch.forEach((ws) => ws.forEach((w) => w.reject(err)));
      },
    );
  }
}

/**
 * Work items that arrive in the same turn of the event loop go to one `run` call (on `setImmediate`, or at `max`):
 * one statement for many requests, where each would otherwise send its own. `run` answers per item, in order; an
 * `Error` in its answer rejects that item only. A lone item waits no timer. `oneInFlight`: as for `Coalescer`.
 */
export class TickBatch<T, R = void> {
  private pending: Array<{ item: T; resolve(r: R): void; reject(err: unknown): void }> | null = null;
  private inFlight = 0;
  private due = false;

  constructor(
    private readonly run: (items: T[]) => Promise<Array<R | Error>>,
    private readonly max = 200,
    private readonly oneInFlight = false,
  ) {}

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      if (!this.pending) {
        const batch: Array<{ item: T; resolve(r: R): void; reject(err: unknown): void }> = [];
        this.pending = batch;
        setImmediate(() => this.flush(batch, false));
      }
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.max) this.flush(this.pending, true);
    });
  }

  private flush(batch: Array<{ item: T; resolve(r: R): void; reject(err: unknown): void }>, full: boolean): void {
    if (this.pending !== batch) return;
    if (this.oneInFlight && this.inFlight > 0 && !full) {
      this.due = true;
      return;
    }
    this.pending = null;
    this.inFlight++;
    const done = () => {
      this.inFlight--;
      if (this.due && this.pending && this.inFlight === 0) {
        this.due = false;
        this.flush(this.pending, true);
      }
    };
    this.run(batch.map((b) => b.item)).then(
      (out) => {
        done();
        batch.forEach((b, i) => (out[i] instanceof Error ? b.reject(out[i]) : b.resolve(out[i] as R)));
      },
      (err: unknown) => {
        done();
        batch.forEach((b) => b.reject(err));
      },
    );
  }
}
