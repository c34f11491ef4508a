import { ListJsonArena } from './list-json-arena';

const textOf = (slot: number) => `{"id":"s${slot}","name":"驿站${slot}","pad":"${'x'.repeat(slot % 50)}"`;
const read = (a: ListJsonArena, slot: number) => {
  const at = a.offset(slot);
  return at < 0 ? undefined : a.bytes.toString('utf8', at, at + a.length(slot));
};

describe('ListJsonArena', () => {
  it('keeps each slot’s text where it says, across growth, replacing and dropping', () => {
    const a = new ListJsonArena(1 << 20, 64);
    for (let slot = 0; slot < 3000; slot += 3) a.add(slot, textOf(slot));
    for (let slot = 0; slot < 3000; slot++) expect(read(a, slot)).toBe(slot % 3 === 0 ? textOf(slot) : undefined);
    a.add(9, '{"id":"changed"');
    a.drop(12);
    expect(read(a, 9)).toBe('{"id":"changed"');
    expect(read(a, 12)).toBeUndefined();
    expect(read(a, 15)).toBe(textOf(15));
    expect(a.generation).toBe(0);
    expect(a.offset(1_000_000)).toBe(-1);
  });

  it('starts over when full: never more than its maximum, every slot gone, the generation moved on', () => {
    const a = new ListJsonArena(4096, 256);
    let restarts = 0;
    let gen = a.generation;
    const kept = new Map<number, string>();
    for (let slot = 0; slot < 500; slot++) {
      a.add(slot, textOf(slot));
      if (a.generation !== gen) {
        restarts++;
        gen = a.generation;
        kept.clear();
      }
      kept.set(slot, textOf(slot));
      expect(a.bytes.length).toBeLessThanOrEqual(4096);
      expect(a.used).toBeLessThanOrEqual(4096);
    }
    expect(restarts).toBeGreaterThan(5);
    for (let slot = 0; slot < 500; slot++) expect(read(a, slot)).toBe(kept.get(slot));
  });
});
