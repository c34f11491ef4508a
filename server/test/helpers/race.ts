/**
 * Holds the next `n` calls of `target[method]` until all `n` have arrived, then lets them run together: `n`
 * requests that each read the same state race into their writes, on SQLite (whose transactions then queue) as on
 * MariaDB (where they meet at the row lock). Later calls run untouched.
 */
export function raceAt<T extends object>(target: T, method: keyof T & string, n = 2): { arrived: () => number } {
  const original = (target[method] as unknown as (...args: unknown[]) => unknown).bind(target);
  let arrived = 0;
  let release!: () => void;
  const together = new Promise<void>((r) => (release = r));
  const spy = jest.spyOn(target as Record<string, (...args: unknown[]) => unknown>, method).mockImplementation(async (...args: unknown[]) => {
    if (++arrived >= n) {
      spy.mockRestore();
      release();
    }
    await together;
    return original(...args);
  });
  return { arrived: () => arrived };
}

/** A promise the test settles by hand. */
export function gate<T = void>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((r) => (open = r));
  return { promise, open };
}
