import { Injectable } from '@nestjs/common';
import { makeCouponCode, startOfBeijingDay } from '@nuanxin/shared';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { newId } from '../database/columns';
import { plainInsert } from '../database/plain-insert';
import { TransactionService } from '../database/transaction.service';
import { BenefitClaim } from './benefit-claim.entity';
import { Campaign } from './campaign.entity';
import { Coupon } from './coupon.entity';

const DAY = 86400_000;
/** Claims of one campaign arriving within this window share one transaction. */
const WINDOW_MS = 2;
const BATCH_MAX = 100;

/** The stock is gone (or the campaign closed): the claim rolled back. */
export class SoldOut extends Error {
  constructor(readonly closed = false) {
    super(closed ? 'campaign closed' : 'sold out');
  }
}
/** The member reached the campaign's limit (`COUPON_LIMIT_REACHED`) or today's (`COUPON_DAILY_LIMIT`). */
export class LimitReached extends Error {
  constructor(readonly code: 'COUPON_LIMIT_REACHED' | 'COUPON_DAILY_LIMIT') {
    super(code);
  }
}

export interface ClaimAsk {
  userId: string;
  /** The Beijing day of `now` (the daily limit's day). */
  day: number;
  now: Date;
}

/** A claim's pack, the member's slots it took, and the stock left right after its batch committed (no second read for the answer). */
export interface Issued {
  coupons: Coupon[];
  remaining: number;
  slot: number;
  daySlot: number | null;
}

interface Pending extends ClaimAsk {
  resolve(issued: Issued): void;
  reject(err: unknown): void;
}

type Held = { userId: string; slot: number; day: number; daySlot: number | null };

/**
 * The claim's transaction, shared by the claims of one campaign that arrive within 2 ms on this replica (or while
 * the campaign's previous batch ran — one batch at a time per campaign and replica): lock the campaign row
 * (`FOR UPDATE`), read the batch's members' claims (every claim commits under that lock, so this read sees them
 * all: it decides each member's next slot and their limits, and two requests of one member in one batch take
 * successive slots), give the first min(n, remaining) of the claims within their limits their claim rows and
 * coupons in two multi-row inserts, and move the stock once (`remaining = remaining - k WHERE remaining >= k`).
 * One lock and one commit per batch instead of per claim: the hot row is the ceiling of a flash sale, and this
 * divides its cost. The unique slot indexes stay the guard; should one still fire, the batch's claims run again
 * one by one.
 */
@Injectable()
export class ClaimBatcher {
  private readonly queues = new Map<string, { campaign: Campaign; items: Pending[] }>();
  /** Campaigns with a batch transaction running on this replica: claims arriving meanwhile wait and go in the next one. */
  private readonly running = new Map<string, number>();

  constructor(private readonly tx: TransactionService) {}

  submit(campaign: Campaign, ask: ClaimAsk): Promise<Issued> {
    return new Promise((resolve, reject) => {
      let q = this.queues.get(campaign.id);
      if (!q) {
        q = { campaign, items: [] };
        this.queues.set(campaign.id, q);
        // Idle: a 2 ms window gathers the crowd's first claims. A batch running: the next one goes when it ends.
        if (!this.running.get(campaign.id)) setTimeout(() => this.flush(campaign.id, q!), WINDOW_MS);
      }
      q.items.push({ ...ask, resolve, reject });
      if (q.items.length >= BATCH_MAX) this.flush(campaign.id, q);
    });
  }

  private flush(id: string, q: { campaign: Campaign; items: Pending[] }): void {
    if (this.queues.get(id) !== q) return;
    this.queues.delete(id);
    this.running.set(id, (this.running.get(id) ?? 0) + 1);
    void this.run(q.campaign, q.items).finally(() => {
      const left = this.running.get(id)! - 1;
      if (left) this.running.set(id, left);
      else this.running.delete(id);
      // Batches of one campaign would only queue on its row lock, each holding a connection: what gathered while
      // this one ran goes now, with no window of its own.
      const next = this.queues.get(id);
      if (next && !left) this.flush(id, next);
    });
  }

  private async run(c: Campaign, batch: Pending[]): Promise<void> {
    try {
      const outcome = await this.tx.run((em) => this.issue(em, c, batch));
      batch.forEach((it, i) => (outcome[i] instanceof Error ? it.reject(outcome[i]) : it.resolve(outcome[i] as Issued)));
    } catch (err) {
      if (isUniqueViolation(err) && batch.length > 1) for (const it of batch) await this.run(c, [it]);
      else batch.forEach((it) => it.reject(err));
    }
  }

  /** Each claim's pack and slots, or why it got none (sold out, closed, a limit of the member's). */
  private async issue(em: EntityManager, c: Campaign, batch: Pending[]): Promise<Array<Issued | Error>> {
    const qb = em.createQueryBuilder(Campaign, 'c').select(['c.id', 'c.remaining', 'c.status']).where('c.id = :id', { id: c.id });
    // SQLite serialises whole transactions (TransactionService); MySQL/MariaDB lock the row here until the commit.
    if (!this.tx.isSqlite) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    if (!row || row.status !== 'published' || row.remaining <= 0) return batch.map(() => new SoldOut(row?.status === 'closed'));
    const users = [...new Set(batch.map((it) => it.userId))];
    const held: Held[] = await em.query(`SELECT userId, slot, day, daySlot FROM benefit_claims WHERE campaignId = ? AND userId IN (${users.map(() => '?').join(', ')})`, [
      c.id,
      ...users,
    ]);
    const byUser = new Map<string, Held[]>();
    for (const h of held) byUser.set(h.userId, [...(byUser.get(h.userId) ?? []), { userId: h.userId, slot: Number(h.slot), day: Number(h.day), daySlot: h.daySlot === null ? null : Number(h.daySlot) }]);
    const out: Array<Issued | Error> = [];
    const winners: Array<{ it: Pending; at: number; slot: number; daySlot: number | null }> = [];
    let left = row.remaining;
    batch.forEach((it, at) => {
      const mine = byUser.get(it.userId) ?? [];
      const today = mine.filter((h) => h.day === it.day).length;
      if (mine.length >= c.perMemberLimit) out[at] = new LimitReached('COUPON_LIMIT_REACHED');
      else if (c.perDayLimit !== null && today >= c.perDayLimit) out[at] = new LimitReached('COUPON_DAILY_LIMIT');
      else if (!left) out[at] = new SoldOut();
      else {
        const slot = mine.length + 1;
        const daySlot = c.perDayLimit === null ? null : today + 1;
        // The next request of this member in the same batch counts this one.
        byUser.set(it.userId, [...mine, { userId: it.userId, slot, day: it.day, daySlot }]);
        winners.push({ it, at, slot, daySlot });
        left--;
      }
    });
    const k = winners.length;
    if (!k) return out;
    const claims = winners.map((w) => em.create(BenefitClaim, { id: newId(), campaignId: c.id, userId: w.it.userId, slot: w.slot, day: w.it.day, daySlot: w.daySlot, claimedAt: w.it.now }));
    const coupons = winners.map((w, i) => couponsFor(em, c, claims[i], w.it.now));
    // Plain multi-row inserts (no query builder: its per-parameter naming and escaping was most of the batch's CPU,
    // and no write-back into the objects, which the answer still reads).
    await plainInsert(em, BenefitClaim, claims);
    await plainInsert(em, Coupon, coupons.flat());
    const res = await em
      .createQueryBuilder()
      .update(Campaign)
      .set({ remaining: () => `remaining - ${k}`, claimed: () => `claimed + ${k}` })
      .where('id = :id AND remaining >= :k', { id: c.id, k })
      .execute();
    if (!res.affected) throw new Error(`campaign ${c.id}: stock moved under its row lock`);
    winners.forEach((w, i) => (out[w.at] = { coupons: coupons[i], remaining: row.remaining - k, slot: w.slot, daySlot: w.daySlot }));
    return out;
  }
}

/** 11 random digits + the Damm check digit. */
export function newCouponCode(): string {
  return makeCouponCode(String(randomInt(0, 1e11)).padStart(11, '0'));
}

/** A claim's pack, each coupon with its own 12-digit code. */
export function couponsFor(em: EntityManager, c: Campaign, claim: BenefitClaim, now: Date): Coupon[] {
  const validFrom = c.validityMode === 'fixed' ? c.validFrom! : now;
  const validUntil = c.validityMode === 'fixed' ? c.validUntil! : new Date(startOfBeijingDay(now).getTime() + c.validDays! * DAY);
  return c.items.flatMap((it) =>
    Array.from({ length: it.count }, () =>
      em.create(Coupon, {
        id: newId(),
        campaignId: c.id,
        claimId: claim.id,
        userId: claim.userId,
        code: newCouponCode(),
        kind: it.kind,
        thresholdFen: it.thresholdFen,
        discountFen: it.discountFen,
        percentOff: it.percentOff,
        capFen: it.capFen,
        validFrom,
        validUntil,
        status: 'available',
        claimedAt: now,
        usedAt: null,
        remindedAt: null,
      }),
    ),
  );
}
