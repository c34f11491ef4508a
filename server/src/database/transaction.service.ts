import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isDeadlock } from '../common/db-errors';

/**
 * A deadlock victim runs again, this many times in all, after a random pause that doubles each time (up to 10, 20,
 * 40 … 640 ms): fifty donors claiming one wish at once on a busy machine deadlocked on their counter rows four times
 * running with a short fixed pause (a 500 for one of them); spread out, the retries stop meeting.
 */
const DEADLOCK_ATTEMPTS = 8;

/**
 * Every transaction goes through here. SQLite has one connection: two overlapping `transaction()` calls
 * would nest and can commit half of one, so on SQLite transactions run one after another.
 * MySQL/MariaDB run them concurrently on the pool; InnoDB may then pick one as a deadlock victim (1213, e.g. two
 * transactions creating the same counter row or unique rows in one index gap). The victim was rolled back whole,
 * so it runs again: `work` must keep its effects inside the transaction (notices are; files are written before).
 */
@Injectable()
export class TransactionService {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  get isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.retryDeadlocks(work);
    const next = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async retryDeadlocks<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (err) {
        if (!isDeadlock(err) || attempt >= DEADLOCK_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** attempt));
      }
    }
  }
}
