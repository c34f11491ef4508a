import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { Coalescer, TickBatch } from '../common/coalescer';
import { DomainError } from '../common/domain-error';
import { isDeadlock, isUniqueViolation } from '../common/db-errors';
import { newId } from '../database/columns';
import { plainInsert } from '../database/plain-insert';
import { IdempotencyRecord } from './idempotency-record.entity';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;
const POLL_MS = 25;
const WAIT_LIMIT_MS = 15000;
/** A pending record this old belongs to a request whose process died: nothing of it was committed, so a retry may take the key. */
export const IDEMPOTENCY_PENDING_LEASE_MS = 2 * 60 * 1000;
/** TEXT holds 64 KiB; larger bodies are not stored (the route then runs again on retry). */
const MAX_STORED_BYTES = 60000;

/** What a route would refuse from memory for this user and path params, or null when it has to run. Must not write. */
export type Refusal = (user: AuthUser, params: Record<string, string>) => Promise<Error | null>;

export type Begin = { kind: 'run'; recordId: string } | { kind: 'replay'; status: number; body: string };

/**
 * Key-sorted JSON so that `{a,b}` and `{b,a}` count as the same request. Written with its own stack, not
 * recursion: no nesting depth can overflow the call stack (the text is the same as the recursive form's).
 */
function canonical(root: unknown): string {
  const out: string[] = [];
  // Work items: text to emit as it is, or a value (boxed) still to write.
  const todo: Array<string | { value: unknown }> = [{ value: root }];
  while (todo.length) {
    const item = todo.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const value = item.value;
    const next: Array<string | { value: unknown }> = [];
    if (Array.isArray(value)) {
      next.push('[');
      value.forEach((v, i) => next.push(...(i ? [','] : []), { value: v }));
      next.push(']');
    } else if (value && typeof value === 'object') {
      next.push('{');
      Object.keys(value)
        .sort()
        .forEach((k, i) => next.push(`${i ? ',' : ''}${JSON.stringify(k)}:`, { value: (value as Record<string, unknown>)[k] }));
      next.push('}');
    } else {
      out.push(JSON.stringify(value ?? null));
      continue;
    }
    for (let i = next.length - 1; i >= 0; i--) todo.push(next[i]);
  }
  return out.join('');
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}


/**
 * Runs a single statement again when MySQL/MariaDB chose it as a deadlock victim (1213: e.g. a batch of completions
 * met a multi-row insert of new records in the unique index): the statement was rolled back whole, and setting the
 * same ids to the same values (or deleting them) again is harmless.
 */
async function retryDeadlock<T>(run: () => Promise<T>, tries = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isDeadlock(err) || attempt >= tries) throw err;
    }
  }
}

/**
 * Stores the first response per user + route + key. A unique index makes the first insert win; concurrent
 * duplicates wait for it and replay its response, so the work runs once.
 */
@Injectable()
export class IdempotencyService {
  /** How long a duplicate waits for the first request before 409 IDEMPOTENCY_IN_PROGRESS (a test shortens it). */
  waitLimitMs = WAIT_LIMIT_MS;

  /**
   * The records of the requests that arrive in the same turn (a flash crowd) are taken with one multi-row insert,
   * stored and released with one statement each: every statement is a round trip the request would wait for and
   * CPU on both ends. A key already taken fails the multi-row insert whole: its rows are then inserted one by one,
   * so only the request concerned goes on to wait or replay.
   */
  private readonly inserts = new TickBatch<IdempotencyRecord, true>((rows) => this.insertMany(rows), 200, true);
  private readonly completions = new TickBatch<{ id: string; status: number; body: string }, true>(async (done) => {
    const t = this.records.metadata.tableName;
    const cases = done.map(() => 'WHEN ? THEN ?').join(' ');
    await retryDeadlock(() => this.records.query(
      `UPDATE ${t} SET state = 'done', responseStatus = CASE id ${cases} END, responseBody = CASE id ${cases} END WHERE id IN (${done.map(() => '?').join(', ')})`,
      [...done.flatMap((d) => [d.id, d.status]), ...done.flatMap((d) => [d.id, d.body]), ...done.map((d) => d.id)],
    ));
    return done.map(() => true as const);
    // Up to 60 KB a body: 50 keep the statement far below max_allowed_packet.
  }, 50, true);
  private readonly releases = new TickBatch<string, true>(async (ids) => {
    await retryDeadlock(() => this.records.query(`DELETE FROM ${this.records.metadata.tableName} WHERE id IN (${ids.map(() => '?').join(', ')})`, ids));
    return ids.map(() => true as const);
  }, 200, true);

  /**
   * Whether a record exists for `userId routeKey idemKey` (any state): the keys asked while the previous read runs
   * share one statement. Only for `refusals` below.
   */
  private readonly held = new Coalescer<string, true>(async (keys) => {
    const asked = keys.map((k) => k.split('\n'));
    const t = this.records.metadata.tableName;
    const rows: Array<{ userId: string; routeKey: string; idemKey: string }> = await this.records.query(
      `SELECT userId, routeKey, idemKey FROM ${t} WHERE userId IN (${asked.map(() => '?').join(', ')}) AND idemKey IN (${asked.map(() => '?').join(', ')})`,
      [...asked.map((a) => a[0]), ...asked.map((a) => a[2])],
    );
    return new Map(rows.map((r) => [`${r.userId}\n${r.routeKey}\n${r.idemKey}`, true as const]));
  }, 500, true);

  /** `@Idempotent({ refusal })` routes: what they would refuse from memory, before any write (see `refusal`). */
  private readonly refusals = new Map<string, Refusal>();

  constructor(@InjectRepository(IdempotencyRecord) private readonly records: Repository<IdempotencyRecord>) {}

  /**
   * A route registers how to tell, from what it can check without writing, that it will refuse the request (e.g. a
   * flash claim once the stock is known gone). The interceptor then answers that refusal without taking a record —
   * a refusal changes nothing and was never stored (a failed route releases its key) — unless a record of the same
   * key exists, in which case the request takes the usual path (replay, wait, 422), so the same key still gets the
   * same answer. Per refused request: one shared read instead of an insert and a delete.
   */
  registerRefusal(name: string, refusal: Refusal): void {
    this.refusals.set(name, refusal);
  }

  /** The registered refusal of `name` for this request, or null when the route has to run (or none is registered). */
  async refusal(name: string, user: AuthUser, params: Record<string, string>): Promise<Error | null> {
    const check = this.refusals.get(name);
    return check ? check(user, params) : null;
  }

  /** True when a record of this key exists (pending, done or expired): the request must take the usual path. */
  async exists(userId: string, routeKey: string, idemKey: string): Promise<boolean> {
    return (await this.held.get(`${userId}\n${routeKey}\n${idemKey}`)) === true;
  }

  private async insertMany(rows: IdempotencyRecord[]): Promise<Array<true | Error>> {
    // Plain SQL, no write-back: the records are complete as built (the query builder's per-parameter work was the
    // statement's main CPU cost at 200 rows).
    const insert = (values: IdempotencyRecord[]) => plainInsert(this.records.manager, IdempotencyRecord, values);
    try {
      await insert(rows);
      return rows.map(() => true as const);
    } catch (err) {
      // A deadlock (1213: the insert met a batch of releases deleting neighbours in the unique index) rolled the
      // statement back whole: nothing was taken, so the rows are simply inserted again, one by one.
      if ((rows.length === 1 && !isDeadlock(err)) || !(isUniqueViolation(err) || isDeadlock(err))) throw err;
    }
    const one = async (r: IdempotencyRecord, tries = 1): Promise<true | Error> => {
      try {
        await insert([r]);
        return true;
      } catch (err) {
        if (isDeadlock(err) && tries < 5) return one(r, tries + 1);
        return err as Error;
      }
    };
    return Promise.all(rows.map((r) => one(r)));
  }

  validateKey(key: string): void {
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError(400, 'IDEMPOTENCY_KEY_INVALID', undefined, [
        { field: 'Idempotency-Key', message: '请求标识应为 8–100 位字母、数字或 _ . : -' },
      ]);
    }
  }

  async begin(userId: string, routeKey: string, idemKey: string, hash: string): Promise<Begin> {
    const now = new Date();
    const record = this.records.create({
      id: newId(),
      userId,
      routeKey,
      idemKey,
      requestHash: hash,
      state: 'pending',
      responseStatus: null,
      responseBody: null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    });
    const deadline = Date.now() + this.waitLimitMs;
    for (;;) {
      try {
        await this.inserts.add(record);
        return { kind: 'run', recordId: record.id };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      const existing = await this.records.findOneBy({ userId, routeKey, idemKey });
      if (!existing) continue; // the first request failed and released the key: try to take it
      if (existing.expiresAt.getTime() < Date.now()) {
        await this.records.delete({ id: existing.id, state: existing.state });
        continue;
      }
      if (existing.state === 'pending' && existing.createdAt.getTime() < Date.now() - IDEMPOTENCY_PENDING_LEASE_MS) {
        await this.records.delete({ id: existing.id, state: 'pending' });
        continue;
      }
      if (existing.requestHash !== hash) throw new DomainError(422, 'IDEMPOTENCY_KEY_REUSED');
      if (existing.state === 'done') return { kind: 'replay', status: existing.responseStatus!, body: existing.responseBody! };
      if (Date.now() > deadline) throw new DomainError(409, 'IDEMPOTENCY_IN_PROGRESS');
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  async complete(recordId: string, status: number, body: string): Promise<void> {
    if (Buffer.byteLength(body) > MAX_STORED_BYTES) {
      await this.release(recordId);
      return;
    }
    await this.completions.add({ id: recordId, status, body });
  }

  /** The route failed: nothing was written, so the key is free for a retry. */
  async release(recordId: string): Promise<void> {
    await this.releases.add(recordId);
  }

  /** Drops records past their 24 h window; run periodically. */
  async purgeExpired(now = new Date()): Promise<number> {
    const res = await this.records.delete({ expiresAt: LessThan(now) });
    return res.affected ?? 0;
  }
}
