/**
 * When a gathered batch goes: on the next `setImmediate` after its first item, at once when it reaches `max`, and —
 * with `oneInFlight` — while a send is running, not before it returns (the items asked meanwhile then go together).
 * The one scheduling both `Coalescer` and `TickBatch` use.
 */
class BatchSchedule<B> {
  private pending: B | null = null;
  private inFlight = 0;
  private due = false;

  constructor(
    private readonly fresh: () => B,
    private readonly sizeOf: (batch: B) => number,
    /** Sends a batch and answers its items; the promise settles once they are answered (it never rejects). */
    private readonly send: (batch: B) => Promise<void>,
    private readonly max: number,
    private readonly oneInFlight: boolean,
  ) {}

  /** The batch being gathered: add the item to it, then call `added()`. */
  open(): B {
    if (!this.pending) {
      const batch = this.fresh();
      this.pending = batch;
      setImmediate(() => this.flush(batch, false));
    }
    return this.pending;
  }

  /** Sends the batch being gathered at once when it is full. */
  added(): void {
    if (this.pending && this.sizeOf(this.pending) >= this.max) this.flush(this.pending, true);
  }

  private flush(batch: B, full: boolean): void {
    if (this.pending !== batch) return;
    if (this.oneInFlight && this.inFlight > 0 && !full) {
      this.due = true; // sent when the send in flight returns
      return;
    }
    this.pending = null;
    this.inFlight++;
    const after = () => {
      this.inFlight--;
      if (this.due && this.pending && this.inFlight === 0) {
        this.due = false;
        this.flush(this.pending, true);
      }
    };
    void this.send(batch).then(after, after);
  }
}

type Waiter<V> = { resolve(v: V): void; reject(err: unknown): void };

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
  private readonly schedule: BatchSchedule<Map<K, Array<Waiter<V | undefined>>>>;

  constructor(load: (keys: K[]) => Promise<Map<K, V>>, max = 500, oneInFlight = false) {
    this.schedule = new BatchSchedule<Map<K, Array<Waiter<V | undefined>>>>(
      () => new Map(),
      (batch) => batch.size,
      (batch) =>
        load([...batch.keys()]).then(
          (found) => batch.forEach((ws, k) => ws.forEach((w) => w.resolve(found.get(k)))),
          (err: unknown) => batch.forEach((ws) => ws.forEach((w) => w.reject(err))),
        ),
      max,
      oneInFlight,
    );
  }

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const batch = this.schedule.open();
      const waiters = batch.get(key) ?? [];
      waiters.push({ resolve, reject });
      batch.set(key, waiters);
      this.schedule.added();
    });
  }
}

/**
 * Work items that arrive in the same turn of the event loop go to one `run` call (on `setImmediate`, or at `max`):
 * one statement for many requests, where each would otherwise send its own. `run` answers per item, in order; an
 * `Error` in its answer rejects that item only. A lone item waits no timer. `oneInFlight`: as for `Coalescer`.
 */
export class TickBatch<T, R = void> {
  private readonly schedule: BatchSchedule<Array<{ item: T } & Waiter<R>>>;

  constructor(run: (items: T[]) => Promise<Array<R | Error>>, max = 200, oneInFlight = false) {
    this.schedule = new BatchSchedule<Array<{ item: T } & Waiter<R>>>(
      () => [],
      (batch) => batch.length,
      (batch) =>
        run(batch.map((b) => b.item)).then(
          (out) => batch.forEach((b, i) => (out[i] instanceof Error ? b.reject(out[i]) : b.resolve(out[i] as R))),
          (err: unknown) => batch.forEach((b) => b.reject(err)),
        ),
      max,
      oneInFlight,
    );
  }

  add(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.schedule.open().push({ item, resolve, reject });
      this.schedule.added();
    });
  }
}
