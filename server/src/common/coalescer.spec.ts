import { Coalescer, TickBatch } from './coalescer';

/** A load the test finishes by hand: each call is recorded with its keys and a way to answer it. */
function manualLoad<K, V>() {
  const calls: Array<{ keys: K[]; answer(found: Map<K, V>): void; fail(err: Error): void }> = [];
  const load = (keys: K[]) =>
    new Promise<Map<K, V>>((resolve, reject) => {
      calls.push({ keys, answer: resolve, fail: reject });
    });
  return { calls, load };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('Coalescer', () => {
  it('keys asked in the same turn share one load; a repeated key is loaded once and answers every caller', async () => {
    const { calls, load } = manualLoad<string, number>();
    const c = new Coalescer(load);
    const asked = [c.get('a'), c.get('b'), c.get('a')];
    await turn();
    expect(calls.map((x) => x.keys)).toEqual([['a', 'b']]);
    calls[0].answer(new Map([['a', 1]]));
    expect(await Promise.all(asked)).toEqual([1, undefined, 1]);
  });

  it('a full batch goes at once, without waiting for the turn to end', () => {
    const { calls, load } = manualLoad<number, number>();
    const c = new Coalescer(load, 3);
    for (const k of [1, 2, 3, 4]) void c.get(k);
    expect(calls.map((x) => x.keys)).toEqual([[1, 2, 3]]);
  });

  it('a failed load rejects every caller of its batch, and the next batch loads again', async () => {
    const { calls, load } = manualLoad<string, number>();
    const c = new Coalescer(load);
    const a = c.get('a');
    const b = c.get('b');
    await turn();
    calls[0].fail(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await expect(b).rejects.toThrow('down');
    const again = c.get('a');
    await turn();
    calls[1].answer(new Map([['a', 7]]));
    expect(await again).toBe(7);
  });

  it('without oneInFlight, each turn loads while an earlier load runs', async () => {
    const { calls, load } = manualLoad<string, number>();
    const c = new Coalescer(load);
    void c.get('a');
    await turn();
    void c.get('b');
    await turn();
    void c.get('c');
    await turn();
    expect(calls.map((x) => x.keys)).toEqual([['a'], ['b'], ['c']]);
  });

  it('oneInFlight: keys asked while a load runs wait for it and then go in one load', async () => {
    const { calls, load } = manualLoad<string, number>();
    const c = new Coalescer(load, 500, true);
    const a = c.get('a');
    await turn();
    const later = [c.get('b'), c.get('c')];
    await turn();
    const last = c.get('d');
    await turn();
    expect(calls.map((x) => x.keys)).toEqual([['a']]);
    calls[0].answer(new Map([['a', 1]]));
    expect(await a).toBe(1);
    await turn();
    expect(calls.map((x) => x.keys)).toEqual([['a'], ['b', 'c', 'd']]);
    calls[1].answer(new Map([['b', 2], ['d', 4]]));
    expect(await Promise.all([...later, last])).toEqual([2, undefined, 4]);
  });
});

describe('TickBatch', () => {
  it('items of one turn go to one run, answered in order; an Error answer rejects that item only', async () => {
    const runs: number[][] = [];
    const b = new TickBatch<number, number>(async (items) => {
      runs.push(items);
      return items.map((i) => (i < 0 ? new Error(`bad ${i}`) : i * 10));
    });
    const out = [b.add(1), b.add(-2), b.add(3)];
    await expect(out[0]).resolves.toBe(10);
    await expect(out[1]).rejects.toThrow('bad -2');
    await expect(out[2]).resolves.toBe(30);
    expect(runs).toEqual([[1, -2, 3]]);
  });

  it('oneInFlight: items added while a run is in flight go together once it returns; a failed run rejects its items', async () => {
    const runs: number[][] = [];
    const finish: Array<(fail?: boolean) => void> = [];
    const b = new TickBatch<number>(
      (items) =>
        new Promise((resolve, reject) => {
          runs.push(items);
          finish.push((fail) => (fail ? reject(new Error('rolled back')) : resolve(items.map(() => undefined))));
        }),
      200,
      true,
    );
    const first = b.add(1);
    await turn();
    const waiting = [b.add(2)];
    await turn();
    waiting.push(b.add(3));
    await turn();
    expect(runs).toEqual([[1]]);
    finish[0](true);
    await expect(first).rejects.toThrow('rolled back');
    await turn();
    expect(runs).toEqual([[1], [2, 3]]);
    finish[1]();
    await expect(Promise.all(waiting)).resolves.toEqual([undefined, undefined]);
  });
});
