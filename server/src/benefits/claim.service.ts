import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { beijingParts, makeCouponCode, startOfBeijingDay, type ClaimResult } from '@nuanxin/shared';
import { randomInt } from 'node:crypto';
import { Repository, type EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { BenefitClaim } from './benefit-claim.entity';
import { BenefitOrgs } from './benefit-orgs.service';
import { walletItem } from './benefit-views';
import { Campaign } from './campaign.entity';
import { CampaignsService, isEligible } from './campaigns.service';
import { Coupon } from './coupon.entity';

const DAY = 86400_000;
/** A published campaign's terms never change (only `status` by closing, and the stock, both guarded in SQL): cache them briefly. */
const CAMPAIGN_CACHE_MS = 2000;
/** Tries when the member's own concurrent claim took the slot first (their counts are read again each time). */
const SLOT_ATTEMPTS = 3;

class SoldOut extends Error {}

/** 11 random digits + the Damm check digit. */
export function newCouponCode(): string {
  return makeCouponCode(String(randomInt(0, 1e11)).padStart(11, '0'));
}

/**
 * The flash claim (抢券). One transaction: the member's claim row (its unique slot indexes keep them within the
 * campaign and daily limits), the pack's coupons, then the stock's conditional update
 * `remaining = remaining - 1 WHERE remaining > 0 AND status = 'published'` — last, so the one hot row is locked
 * only from that statement to the commit. Zero rows changed = sold out (or closed): the transaction rolls back
 * whole, so stock can never go below zero and nobody holds coupons without a unit of stock.
 */
@Injectable()
export class ClaimService {
  private readonly cache = new Map<string, { c: Campaign; at: number }>();
  /** Campaigns this replica saw sold out: the stock of a published campaign never grows, so losers skip the database. */
  private readonly soldOut = new Set<string>();

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(BenefitClaim) private readonly claims: Repository<BenefitClaim>,
    private readonly campaignsService: CampaignsService,
    private readonly borgs: BenefitOrgs,
    private readonly tx: TransactionService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async claim(user: AuthUser, campaignId: string, now = new Date()): Promise<ClaimResult> {
    const c = await this.campaign(campaignId);
    const org = c ? await this.borgs.byId(c.orgId) : null;
    if (!c || !org || (c.status !== 'published' && c.status !== 'closed')) throw DomainError.notFound();
    const member = await this.campaignsService.memberOf(user.id);
    if (!member) throw new DomainError(403, 'NOT_A_MEMBER', '领取会员优惠需要先成为工会会员，请先申请入会');
    if (!member.orgPath.startsWith(org.path)) throw DomainError.notFound();
    if (!isEligible(c, org, member)) throw new DomainError(403, 'NOT_ELIGIBLE', `这个活动只面向${c.occupations.join('、')}会员，看看其他优惠吧`);
    if (c.status === 'closed' || now.getTime() >= c.claimClosesAt.getTime()) throw new DomainError(409, 'CAMPAIGN_ENDED');
    if (now.getTime() < c.claimOpensAt.getTime()) throw new DomainError(409, 'CAMPAIGN_NOT_OPEN');
    if (this.soldOut.has(c.id)) throw new DomainError(409, 'COUPON_SOLD_OUT');

    for (let attempt = 1; ; attempt++) {
      const { slot, daySlot, day } = await this.nextSlots(c, user.id, now);
      try {
        const coupons = await this.tx.run((em) => (this.config.BENEFITS_NAIVE_CLAIM_FOR_BENCH ? this.naive(em, c, user.id, slot, daySlot, day, now) : this.issue(em, c, user.id, slot, daySlot, day, now)));
        // The slots just taken are the member's counts (a concurrent claim of theirs would have taken another slot).
        const after = await this.campaigns.findOne({ where: { id: c.id }, select: { id: true, remaining: true } });
        const remaining = after?.remaining ?? 0;
        const left = Math.min(c.perMemberLimit - slot, daySlot === null ? Infinity : c.perDayLimit! - daySlot, remaining);
        return {
          campaignId: c.id,
          coupons: coupons.map((k) => walletItem(k, c, BenefitOrgs.ref(org), now)),
          remaining,
          claimedByMe: slot,
          claimableByMe: Math.max(0, left),
        };
      } catch (err) {
        if (err instanceof SoldOut) {
          const fresh = await this.campaigns.findOneBy({ id: c.id });
          if (fresh?.status === 'closed') throw new DomainError(409, 'CAMPAIGN_ENDED');
          this.soldOut.add(c.id);
          throw new DomainError(409, 'COUPON_SOLD_OUT');
        }
        // The member's own concurrent claim took this slot: count again (and stop at the limit).
        if (isUniqueViolation(err) && attempt < SLOT_ATTEMPTS) continue;
        if (isUniqueViolation(err)) throw new DomainError(409, 'COUPON_LIMIT_REACHED');
        throw err;
      }
    }
  }

  private async campaign(id: string): Promise<Campaign | null> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < CAMPAIGN_CACHE_MS) return hit.c;
    const c = await this.campaigns.findOneBy({ id });
    if (c && c.status === 'published') this.cache.set(id, { c, at: Date.now() });
    else this.cache.delete(id);
    return c;
  }

  /** The member's next free slots, or 409 when a limit is reached. */
  private async nextSlots(c: Campaign, userId: string, now: Date): Promise<{ slot: number; daySlot: number | null; day: number }> {
    const day = beijingParts(now).dayNumber;
    const rows = await this.claims.find({ where: { campaignId: c.id, userId }, select: { id: true, day: true } });
    const today = rows.filter((r) => r.day === day).length;
    if (rows.length >= c.perMemberLimit) throw new DomainError(409, 'COUPON_LIMIT_REACHED');
    if (c.perDayLimit !== null && today >= c.perDayLimit) throw new DomainError(409, 'COUPON_DAILY_LIMIT');
    return { slot: rows.length + 1, daySlot: c.perDayLimit === null ? null : today + 1, day };
  }

  private async issue(em: EntityManager, c: Campaign, userId: string, slot: number, daySlot: number | null, day: number, now: Date): Promise<Coupon[]> {
    const claim = await this.insertClaim(em, c, userId, slot, daySlot, day, now);
    const coupons = await this.insertCoupons(em, c, claim, now);
    const res = await em
      .createQueryBuilder()
      .update(Campaign)
      .set({ remaining: () => 'remaining - 1', claimed: () => 'claimed + 1' })
      .where("id = :id AND remaining > 0 AND status = 'published'", { id: c.id })
      .execute();
    if (!res.affected) throw new SoldOut();
    return coupons;
  }

  /**
   * BENCHMARK ONLY (`BENEFITS_NAIVE_CLAIM_FOR_BENCH`, refused in production by the config): the read-then-write
   * claim — read the stock, decide in the application, write back what was read minus one. Concurrent claims
   * read the same stock, so it oversells and loses updates; the benchmark prints the damage beside the real path.
   */
  private async naive(em: EntityManager, c: Campaign, userId: string, slot: number, daySlot: number | null, day: number, now: Date): Promise<Coupon[]> {
    const seen = await em.findOneOrFail(Campaign, { where: { id: c.id }, select: { id: true, remaining: true, claimed: true } });
    if (seen.remaining <= 0) throw new SoldOut();
    const claim = await this.insertClaim(em, c, userId, slot, daySlot, day, now);
    const coupons = await this.insertCoupons(em, c, claim, now);
    await em.update(Campaign, { id: c.id }, { remaining: seen.remaining - 1, claimed: seen.claimed + 1 });
    return coupons;
  }

  private async insertClaim(em: EntityManager, c: Campaign, userId: string, slot: number, daySlot: number | null, day: number, now: Date): Promise<BenefitClaim> {
    const claim = em.create(BenefitClaim, { id: newId(), campaignId: c.id, userId, slot, day, daySlot, claimedAt: now });
    await em.insert(BenefitClaim, claim);
    return claim;
  }

  private async insertCoupons(em: EntityManager, c: Campaign, claim: BenefitClaim, now: Date): Promise<Coupon[]> {
    const validFrom = c.validityMode === 'fixed' ? c.validFrom! : now;
    const validUntil = c.validityMode === 'fixed' ? c.validUntil! : new Date(startOfBeijingDay(now).getTime() + c.validDays! * DAY);
    const coupons: Coupon[] = [];
    for (const it of c.items) {
      for (let i = 0; i < it.count; i++) {
        coupons.push(
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
        );
      }
    }
    // Copies: TypeORM writes back into inserted objects, and a multi-row insert on SQLite can swap their ids.
    await em.insert(Coupon, coupons.map((k) => ({ ...k })));
    return coupons;
  }
}
