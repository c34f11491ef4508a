import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { beijingParts, type ClaimResult } from '@nuanxin/shared';
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
import { ClaimBatcher, couponsFor, SlotTaken, SoldOut } from './claim-batcher';
import { Coupon } from './coupon.entity';

/** A published campaign's terms never change (only `status` by closing, and the stock, both guarded in SQL): cache them briefly. */
const CAMPAIGN_CACHE_MS = 2000;
/** Tries when the member's own concurrent claim took the slot first (their counts are read again each time). */
const SLOT_ATTEMPTS = 5;

/**
 * The flash claim (抢券): checks (member, eligibility, window, the member's next free slots), then `ClaimBatcher`
 * runs the one transaction — the member's claim row (its unique slot indexes keep them within the campaign and
 * daily limits), the pack's coupons and the stock's conditional update, shared with the claims of the same campaign
 * arriving within 2 ms. No stock left (or closed) = the claim gets nothing and no row: stock never goes below zero
 * and nobody holds coupons without a unit of stock.
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
    private readonly batcher: ClaimBatcher,
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
        const coupons = this.config.BENEFITS_NAIVE_CLAIM_FOR_BENCH
          ? await this.tx.run((em) => this.naive(em, c, user.id, slot, daySlot, day, now))
          : await this.batcher.submit(c, { userId: user.id, slot, daySlot, day, now });
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
        // A short pause lets the claim that took it commit first, so the recount sees it.
        const taken = err instanceof SlotTaken || isUniqueViolation(err);
        if (taken) await new Promise((r) => setTimeout(r, 5 + Math.random() * 10 * attempt));
        if (taken && attempt < SLOT_ATTEMPTS) continue;
        if (taken) {
          await this.nextSlots(c, user.id, now); // throws the limit the member reached
          throw new DomainError(409, 'COUPON_LIMIT_REACHED');
        }
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

  /**
   * BENCHMARK ONLY (`BENEFITS_NAIVE_CLAIM_FOR_BENCH`, refused in production by the config): the read-then-write
   * claim — read the stock, decide in the application, write back what was read minus one. Concurrent claims
   * read the same stock, so it oversells and loses updates; the benchmark prints the damage beside the real path.
   */
  private async naive(em: EntityManager, c: Campaign, userId: string, slot: number, daySlot: number | null, day: number, now: Date): Promise<Coupon[]> {
    const seen = await em.findOneOrFail(Campaign, { where: { id: c.id }, select: { id: true, remaining: true, claimed: true } });
    if (seen.remaining <= 0) throw new SoldOut();
    const claim = em.create(BenefitClaim, { id: newId(), campaignId: c.id, userId, slot, day, daySlot, claimedAt: now });
    await em.insert(BenefitClaim, { ...claim });
    const coupons = couponsFor(em, c, claim, now);
    await em.insert(Coupon, coupons.map((k) => ({ ...k })));
    await em.update(Campaign, { id: c.id }, { remaining: seen.remaining - 1, claimed: seen.claimed + 1 });
    return coupons;
  }
}
