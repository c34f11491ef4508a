import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { beijingParts, type ClaimResult } from '@nuanxin/shared';
import { In, Repository, type EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { MembershipsService } from '../memberships/memberships.service';
import { BenefitClaim } from './benefit-claim.entity';
import { BenefitOrgs } from './benefit-orgs.service';
import { walletItem } from './benefit-views';
import { Campaign } from './campaign.entity';
import { isEligible, notEligibleMessage } from './campaigns.service';
import { ClaimBatcher, couponsFor, LimitReached, SoldOut, type Issued } from './claim-batcher';
import { Coalescer } from '../common/coalescer';
import { Coupon } from './coupon.entity';
import { ModelWorkersService } from './model-workers.service';
import { IdempotencyService } from '../idempotency/idempotency.service';

/** A published campaign's terms never change (only `status` by closing, and the stock, both guarded in SQL): cache them briefly. */
const CAMPAIGN_CACHE_MS = 2000;
/** Naive (bench-only) path: tries when the member's own concurrent claim took the slot first (their counts are read again each time). */
const SLOT_ATTEMPTS = 5;

/** The campaign's org, as `BenefitOrgs` gives it. */
type ClaimOrg = NonNullable<Awaited<ReturnType<BenefitOrgs['byId']>>>;
type MemberFacts = { orgId: string; name: string; occupation: string | null };

/**
 * The flash claim (抢券): checks (member, eligibility, window), then `ClaimBatcher` runs the one transaction — the
 * member's limits counted under the campaign row's lock, their claim row (its unique slot indexes keep them within
 * the campaign and daily limits), the pack's coupons and the stock's conditional update, shared with the claims of
 * the same campaign arriving together. No stock left (or closed) = the claim gets nothing and no row: stock never goes below zero
 * and nobody holds coupons without a unit of stock.
 * Per request the database sees only what cannot be shared: the auth guard's grants and the idempotency record.
 * The campaign and its org come from memory; the member's facts are read by a `Coalescer` (one `IN (…)` statement
 * for all the claims that arrive while the previous read runs); their claim counts and the answer's stock come from
 * the batch's own reads.
 * `test/benefits-claim-cost.test.ts` pins the count.
 */
/** The name `@Idempotent({ refusal })` on the claim route uses for `ClaimService.refusal`. */
export const CLAIM_REFUSAL = 'benefits.claim';

@Injectable()
export class ClaimService implements OnModuleInit {
  /** The read in flight is cached too: a crowd arriving on a cold (or just expired) entry makes one read, not one each. */
  private readonly cache = new Map<string, { c: Promise<Campaign | null>; at: number }>();
  /** Campaigns this replica saw sold out: the stock of a published campaign never grows, so losers skip the database. */
  private readonly soldOut = new Set<string>();
  private readonly facts = new Coalescer<string, MemberFacts>((ids) => this.memberships.memberFactsMany(ids), 500, true);
  /** `campaignId userId` → the Beijing day of each claim of that member (the naive bench-only path). */
  private readonly counts = new Coalescer<string, number[]>((keys) => this.loadCounts(keys), 500, true);
  /** Read only for 劳模 campaigns. */
  private readonly modelWorker = new Coalescer<string, true>(async (ids) => new Map([...(await this.modelWorkers.flagged(ids))].map((id) => [id, true as const])));

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(BenefitClaim) private readonly claims: Repository<BenefitClaim>,
    private readonly memberships: MembershipsService,
    private readonly modelWorkers: ModelWorkersService,
    private readonly borgs: BenefitOrgs,
    private readonly tx: TransactionService,
    private readonly batcher: ClaimBatcher,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly idempotency: IdempotencyService,
  ) {}

  onModuleInit(): void {
    this.idempotency.registerRefusal(CLAIM_REFUSAL, (user, params) => this.refusal(user, params.id));
  }

  /**
   * Once this replica knows the campaign sold out (its stock never grows: a published campaign cannot be edited, only
   * closed), the claim's checks end in a refusal whatever the member: the idempotency interceptor answers it without
   * taking a record (unless one exists for the key). The same checks as `claim`, in the same order, so the answer is
   * the one `claim` would give (403 for a non-member, 409 已抢光 for a member).
   */
  private async refusal(user: AuthUser, campaignId: string | undefined): Promise<Error | null> {
    if (!campaignId || !this.soldOut.has(campaignId)) return null;
    try {
      await this.check(user, campaignId, new Date());
      return null;
    } catch (err) {
      return err instanceof DomainError ? err : null;
    }
  }

  async claim(user: AuthUser, campaignId: string, now = new Date()): Promise<ClaimResult> {
    const { c, org } = await this.check(user, campaignId, now);
    if (this.config.BENEFITS_NAIVE_CLAIM_FOR_BENCH) return this.naiveClaim(c, org, user.id, now);
    let issued: Issued;
    try {
      issued = await this.batcher.submit(c, { userId: user.id, day: beijingParts(now).dayNumber, now });
    } catch (err) {
      if (err instanceof LimitReached) throw new DomainError(409, err.code);
      if (err instanceof SoldOut) {
        if (err.closed) throw new DomainError(409, 'CAMPAIGN_ENDED');
        this.soldOut.add(c.id);
        throw new DomainError(409, 'COUPON_SOLD_OUT');
      }
      throw err;
    }
    return this.result(c, org, issued, now);
  }

  /** Everything a claim checks before the batch (no write): the campaign and its org, or the refusal. */
  private async check(user: AuthUser, campaignId: string, now: Date): Promise<{ c: Campaign; org: ClaimOrg }> {
    const c = await this.campaign(campaignId);
    const org = c ? await this.borgs.byId(c.orgId) : null;
    if (!c || !org || (c.status !== 'published' && c.status !== 'closed')) throw DomainError.notFound();
    const facts = await this.facts.get(user.id);
    const memberOrg = facts ? await this.borgs.byId(facts.orgId) : null;
    const member = facts && memberOrg ? { ...facts, orgPath: memberOrg.path, modelWorker: c.modelWorkersOnly ? (await this.modelWorker.get(user.id)) === true : undefined } : null;
    if (!member) throw new DomainError(403, 'NOT_A_MEMBER', '领取会员优惠需要先成为工会会员，请先申请入会');
    if (!member.orgPath.startsWith(org.path)) throw DomainError.notFound();
    if (!isEligible(c, org, member)) throw new DomainError(403, 'NOT_ELIGIBLE', notEligibleMessage(c));
    if (c.status === 'closed' || now.getTime() >= c.claimClosesAt.getTime()) throw new DomainError(409, 'CAMPAIGN_ENDED');
    if (now.getTime() < c.claimOpensAt.getTime()) throw new DomainError(409, 'CAMPAIGN_NOT_OPEN');
    if (this.soldOut.has(c.id)) throw new DomainError(409, 'COUPON_SOLD_OUT');
    return { c, org };
  }

  private result(c: Campaign, org: ClaimOrg, { coupons, remaining, slot, daySlot }: Issued, now: Date): ClaimResult {
    // The slots just taken are the member's counts (their other claims took the slots below).
    const left = Math.min(c.perMemberLimit - slot, daySlot === null ? Infinity : c.perDayLimit! - daySlot, remaining);
    return {
      campaignId: c.id,
      coupons: coupons.map((k) => walletItem(k, c, BenefitOrgs.ref(org), now)),
      remaining,
      claimedByMe: slot,
      claimableByMe: Math.max(0, left),
    };
  }

  /** BENCHMARK ONLY: the read-then-write comparison (see `naive`), with its own count of the member's slots. */
  private async naiveClaim(c: Campaign, org: ClaimOrg, userId: string, now: Date): Promise<ClaimResult> {
    for (let attempt = 1; ; attempt++) {
      const { slot, daySlot, day } = await this.nextSlots(c, userId, now);
      try {
        const issued = await this.tx.run((em) => this.naive(em, c, userId, slot, daySlot, day, now));
        return this.result(c, org, issued, now);
      } catch (err) {
        if (err instanceof SoldOut) {
          this.soldOut.add(c.id);
          throw new DomainError(409, 'COUPON_SOLD_OUT');
        }
        // The member's own concurrent claim took this slot: count again (and stop at the limit).
        const taken = isUniqueViolation(err);
        if (taken) await new Promise((r) => setTimeout(r, 5 + Math.random() * 10 * attempt));
        if (taken && attempt < SLOT_ATTEMPTS) continue;
        if (taken) {
          await this.nextSlots(c, userId, now); // throws the limit the member reached
          throw new DomainError(409, 'COUPON_LIMIT_REACHED');
        }
        throw err;
      }
    }
  }

  private async campaign(id: string): Promise<Campaign | null> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < CAMPAIGN_CACHE_MS) return hit.c;
    const entry = { c: this.campaigns.findOneBy({ id }), at: Date.now() };
    this.cache.set(id, entry);
    const c = await entry.c.catch((err: unknown) => {
      if (this.cache.get(id) === entry) this.cache.delete(id);
      throw err;
    });
    // Only a published campaign's terms are fixed; anything else is read again next time.
    if ((!c || c.status !== 'published') && this.cache.get(id) === entry) this.cache.delete(id);
    return c;
  }

  /** The member's next free slots, or 409 when a limit is reached. */
  private async nextSlots(c: Campaign, userId: string, now: Date): Promise<{ slot: number; daySlot: number | null; day: number }> {
    const day = beijingParts(now).dayNumber;
    const rows = (await this.counts.get(`${c.id} ${userId}`)) ?? [];
    const today = rows.filter((d) => d === day).length;
    if (rows.length >= c.perMemberLimit) throw new DomainError(409, 'COUPON_LIMIT_REACHED');
    if (c.perDayLimit !== null && today >= c.perDayLimit) throw new DomainError(409, 'COUPON_DAILY_LIMIT');
    return { slot: rows.length + 1, daySlot: c.perDayLimit === null ? null : today + 1, day };
  }

  /** The claim days of each `campaignId userId` asked, one statement per campaign (nearly always one). */
  private async loadCounts(keys: string[]): Promise<Map<string, number[]>> {
    const byCampaign = new Map<string, string[]>();
    for (const k of keys) {
      const [cid, uid] = k.split(' ');
      byCampaign.set(cid, [...(byCampaign.get(cid) ?? []), uid]);
    }
    const out = new Map<string, number[]>();
    for (const [campaignId, userIds] of byCampaign) {
      const rows = await this.claims.find({ where: { campaignId, userId: In(userIds) }, select: { id: true, userId: true, day: true } });
      for (const r of rows) {
        const key = `${campaignId} ${r.userId}`;
        out.set(key, [...(out.get(key) ?? []), r.day]);
      }
    }
    return out;
  }

  /**
   * BENCHMARK ONLY (`BENEFITS_NAIVE_CLAIM_FOR_BENCH`, refused in production by the config): the read-then-write
   * claim — read the stock, decide in the application, write back what was read minus one. Concurrent claims
   * read the same stock, so it oversells and loses updates; the benchmark prints the damage beside the real path.
   */
  private async naive(em: EntityManager, c: Campaign, userId: string, slot: number, daySlot: number | null, day: number, now: Date): Promise<Issued> {
    const seen = await em.findOneOrFail(Campaign, { where: { id: c.id }, select: { id: true, remaining: true, claimed: true } });
    if (seen.remaining <= 0) throw new SoldOut();
    const claim = em.create(BenefitClaim, { id: newId(), campaignId: c.id, userId, slot, day, daySlot, claimedAt: now });
    await em.insert(BenefitClaim, { ...claim });
    const coupons = couponsFor(em, c, claim, now);
    await em.insert(Coupon, coupons.map((k) => ({ ...k })));
    await em.update(Campaign, { id: c.id }, { remaining: seen.remaining - 1, claimed: seen.claimed + 1 });
    return { coupons, remaining: seen.remaining - 1, slot, daySlot };
  }
}
