import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { Counter } from './counter.entity';

/**
 * Next value of a named sequence, inside the caller's transaction. The UPDATE takes the row lock on MySQL, so
 * two transactions never read the same value; on SQLite transactions are already serialised.
 */
export async function nextValue(em: EntityManager, name: string): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await em
      .createQueryBuilder()
      .update(Counter)
      .set({ value: () => 'value + 1' })
      .where('name = :name', { name })
      .execute();
    if (res.affected) {
      const row = await em.findOneByOrFail(Counter, { name });
      return row.value;
    }
    try {
      await em.insert(Counter, { name, value: 1 });
      return 1;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new Error(`counter ${name} could not advance`);
}

/** The current value of a sequence (0 before its first step): version rows that replicas poll. */
export async function readValue(em: EntityManager, name: string): Promise<number> {
  return (await em.findOneBy(Counter, { name }))?.value ?? 0;
}
