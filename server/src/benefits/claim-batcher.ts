import { Injectable } from '@nestjs/common';
import { makeCouponCode, startOfBeijingDay } from '@nuanxin/shared';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { newId } from '../database/columns';
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
/** Another claim of the same member took part in the same batch: count again and retry. */
export class SlotTaken extends Error {}

export interface ClaimSlot {
  userId: string;
  slot: number;
  daySlot: number | null;
  day: number;
  now: Date;
}

/** A claim's pack and the stock left right after its batch committed (no second read for the answer). */
export interface Issued {
  coupons: Coupon[];
  remaining: number;
}

interface Pending extends ClaimSlot {
  resolve(issued: Issued): void;
  reject(err: unknown): void;
}

/**
 * The claim's transaction, shared by the claims of one campaign that arrive within 2 ms on this replica: lock the
 * campaign row (`FOR UPDATE`), give the first min(n, remaining) of them their claim rows and coupons in two
 * multi-row inserts, and move the stock once (`remaining = remaining - k WHERE remaining >= k`). One lock and one
 * commit per batch instead of per claim: the hot row is the ceiling of a flash sale, and this divides its cost.
 * A unique violation (a member's slot taken by a claim committed meanwhile) fails the batch whole; its claims are
 * then run one by one, so only the member concerned retries.
 */
@Injectable()
export class ClaimBatcher {
  private readonly queues = new Map<string, { campaign: Campaign; items: Pending[] }>();

  constructor(private readonly tx: TransactionService) {}

  submit(campaign: Campaign, slot: ClaimSlot): Promise<Issued> {
    return new Promise((resolve, reject) => {
      let q = this.queues.get(campaign.id);
      if (!q) {
        q = { campaign, items: [] };
        this.queues.set(campaign.id, q);
        setTimeout(() => this.flush(campaign.id, q!), WINDOW_MS);
      }
      q.items.push({ ...slot, resolve, reject });
      if (q.items.length >= BATCH_MAX) this.flush(campaign.id, q);
    });
  }

  private flush(id: string, q: { campaign: Campaign; items: Pending[] }): void {
    if (this.queues.get(id) !== q) return;
    this.queues.delete(id);
    void this.run(q.campaign, q.items);
  }

  private async run(c: Campaign, items: Pending[]): Promise<void> {
    const users = new Set<string>();
    const batch: Pending[] = [];
    for (const it of items) {
      if (users.has(it.userId)) it.reject(new SlotTaken());
      else {
        users.add(it.userId);
        batch.push(it);
      }
    }
    try {
      const { coupons, remaining, closed } = await this.tx.run((em) => this.issue(em, c, batch));
      batch.forEach((it, i) => (i < coupons.length ? it.resolve({ coupons: coupons[i], remaining }) : it.reject(new SoldOut(closed))));
    } catch (err) {
      if (isUniqueViolation(err) && batch.length > 1) await Promise.all(batch.map((it) => this.run(c, [it])));
      else batch.forEach((it) => it.reject(err));
    }
  }

  /** The coupons of each claim that got stock, in order (the rest got none), and the stock left after them. */
  private async issue(em: EntityManager, c: Campaign, batch: Pending[]): Promise<{ coupons: Coupon[][]; remaining: number; closed: boolean }> {
    const qb = em.createQueryBuilder(Campaign, 'c').select(['c.id', 'c.remaining', 'c.status']).where('c.id = :id', { id: c.id });
    // SQLite serialises whole transactions (TransactionService); MySQL/MariaDB lock the row here until the commit.
    if (!this.tx.isSqlite) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    const k = row && row.status === 'published' ? Math.min(batch.length, row.remaining) : 0;
    if (!k) return { coupons: [], remaining: row?.remaining ?? 0, closed: row?.status === 'closed' };
    const winners = batch.slice(0, k);
    const claims = winners.map((it) => em.create(BenefitClaim, { id: newId(), campaignId: c.id, userId: it.userId, slot: it.slot, day: it.day, daySlot: it.daySlot, claimedAt: it.now }));
    const coupons = winners.map((it, i) => couponsFor(em, c, claims[i], it.now));
    // Copies: TypeORM writes back into inserted objects, and a multi-row insert on SQLite can swap their ids.
    // No write-back at all (`updateEntity(false)`): else TypeORM re-selects the defaulted columns after each insert.
    await em.createQueryBuilder().insert().into(BenefitClaim).values(claims.map((x) => ({ ...x }))).updateEntity(false).execute();
    await em.createQueryBuilder().insert().into(Coupon).values(coupons.flat().map((x) => ({ ...x }))).updateEntity(false).execute();
    const res = await em
      .createQueryBuilder()
      .update(Campaign)
      .set({ remaining: () => `remaining - ${k}`, claimed: () => `claimed + ${k}` })
      .where('id = :id AND remaining >= :k', { id: c.id, k })
      .execute();
    if (!res.affected) throw new Error(`campaign ${c.id}: stock moved under its row lock`);
    return { coupons, remaining: row!.remaining - k, closed: false };
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
