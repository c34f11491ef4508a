import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows per statement: far below SQLite's 32,766 bound parameters and MySQL's max_allowed_packet for these tables. */
const ROWS_PER_STATEMENT = 500;

/**
 * A multi-row `INSERT` of complete entity objects in plain SQL through the driver, for hot paths (the flash claim's
 * batch, the idempotency records): TypeORM's insert query builder spends most of its CPU naming and re-scanning a
 * parameter per value (`hasParameter`, `escapeQueryWithParameters`), which for a batch of 100 coupons is thousands
 * of parameters. Each value still goes through the driver's own conversion (`preparePersistentValue`: dates,
 * booleans, transformers), so the stored row is the one the query builder would write. Every column of the entity
 * is written (the objects must be complete: undefined is written as NULL). No write-back, no subscribers.
 */
export async function plainInsert<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  if (!rows.length) return;
  const meta = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = meta.columns.filter((c) => !c.isVirtual);
  const q = (name: string) => driver.escape(name);
  const head = `INSERT INTO ${q(meta.tableName)} (${columns.map((c) => q(c.databaseName)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
    const part = rows.slice(at, at + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const row of part) for (const c of columns) params.push(driver.preparePersistentValue(c.getEntityValue(row) ?? null, c) ?? null);
    await em.query(head + part.map(() => tuple).join(', '), params);
  }
}
