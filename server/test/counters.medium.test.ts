import { nextValue, readValue } from '../src/counters/counters';
import { TransactionService } from '../src/database/transaction.service';
import { createMedium, type Medium } from './helpers/medium';

/** Named sequences (member, claim and wish numbers, version rows) under concurrent first use. */
describe('counters (medium tier)', () => {
  let m: Medium;
  beforeAll(async () => {
    m = await createMedium([]);
  });
  afterAll(() => m.close());

  it('concurrent transactions on a sequence nobody used yet get 1…n, each once', async () => {
    const tx = m.get(TransactionService);
    const values = await Promise.all(Array.from({ length: 20 }, () => tx.run((em) => nextValue(em, 'first-use:2026'))));
    expect(values.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await readValue(m.ds.manager, 'first-use:2026')).toBe(20);
  });

  it('a rolled-back transaction gives its number back', async () => {
    const tx = m.get(TransactionService);
    await tx.run((em) => nextValue(em, 'rollback'));
    await expect(tx.run(async (em) => {
      await nextValue(em, 'rollback');
      throw new Error('undo');
    })).rejects.toThrow('undo');
    expect(await tx.run((em) => nextValue(em, 'rollback'))).toBe(2);
  });
});
