import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import {
  BENEFIT_RULES,
  couponTitle,
  discountFor,
  ERROR_MESSAGES,
  formatYuan,
  isValidCouponCode,
  maskName,
  meetsThreshold,
  normalizeCouponCode,
  shanghaiDate,
  type ErrorCode,
  type RedemptionPage,
  type RedemptionPreview,
  type RedemptionReceipt,
} from '@nuanxin/shared';
import { In, IsNull, Repository } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { MembershipsService } from '../memberships/memberships.service';
import { BenefitOrgs } from './benefit-orgs.service';
import { couponStatusAt, specOf } from './benefit-views';
import { Campaign } from './campaign.entity';
import { Coupon } from './coupon.entity';
import type { RedeemDto, RedemptionLookupDto, RedemptionsQuery } from './dto/benefits.dto';
import type { Merchant } from './merchant.entity';
import { merchantIdsOf, MerchantsService } from './merchants.service';
import { Redemption } from './redemption.entity';
import { COUPON_TOKEN_TYPE } from './wallet.service';

const PAGE = 20;
const UNDO_MS = BENEFIT_RULES.undoMinutes * 60_000;

interface Looked {
  coupon: Coupon;
  campaign: Campaign;
  merchant: Merchant;
}

/**
 * At the till: preview, redeem once (`UPDATE … WHERE status = 'available'`: of two tills at once, one wins),
 * undo within 10 minutes by the same merchant. Merchants see a masked member name, never a mobile or ID number.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    @InjectRepository(Coupon) private readonly coupons: Repository<Coupon>,
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(Redemption) private readonly repo: Repository<Redemption>,
    private readonly merchants: MerchantsService,
    private readonly memberships: MembershipsService,
    private readonly borgs: BenefitOrgs,
    private readonly tx: TransactionService,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  async preview(user: AuthUser, dto: RedemptionLookupDto, now = new Date()): Promise<RedemptionPreview> {
    const { coupon, campaign, merchant } = await this.lookup(user, dto);
    const refusal = await this.refusal(coupon, campaign, merchant, now);
    return {
      couponId: coupon.id,
      title: couponTitle(specOf(coupon)),
      spec: specOf(coupon),
      campaignTitle: campaign.title,
      memberName: await this.maskedName(coupon.userId),
      validUntil: coupon.validUntil.toISOString(),
      status: couponStatusAt(coupon, now),
      redeemable: !refusal,
      refusal,
    };
  }

  async redeem(user: AuthUser, dto: RedeemDto, now = new Date()): Promise<RedemptionReceipt> {
    const { coupon, campaign, merchant } = await this.lookup(user, dto);
    const refusal = await this.refusal(coupon, campaign, merchant, now);
    if (refusal) throw new DomainError(409, refusal as ErrorCode);
    const spec = specOf(coupon);
    if (!meetsThreshold(spec, dto.orderFen)) {
      throw new DomainError(400, 'COUPON_BELOW_THRESHOLD', undefined, [{ field: 'orderFen', message: `订单满 ${formatYuan(spec.thresholdFen)} 才能使用这张券` }]);
    }
    const r = this.repo.create({
      id: newId(),
      couponId: coupon.id,
      campaignId: coupon.campaignId,
      merchantId: merchant.id,
      userId: coupon.userId,
      redeemedBy: user.id,
      orderFen: dto.orderFen,
      discountFen: discountFor(spec, dto.orderFen),
      month: shanghaiDate(now).slice(0, 7),
      redeemedAt: now,
      undoneAt: null,
    });
    await this.tx.run(async (em) => {
      const res = await em
        .createQueryBuilder()
        .update(Coupon)
        .set({ status: 'used', usedAt: now })
        .where("id = :id AND status = 'available' AND validUntil > :now", { id: coupon.id, now })
        .execute();
      if (!res.affected) throw new DomainError(409, 'COUPON_ALREADY_REDEEMED');
      await em.insert(Redemption, r);
    });
    return this.receipt(r, coupon, campaign, merchant, now);
  }

  async undo(user: AuthUser, id: string, now = new Date()): Promise<RedemptionReceipt> {
    const r = await this.repo.findOneBy({ id });
    if (!r || !merchantIdsOf(user).includes(r.merchantId)) throw DomainError.notFound();
    if (!r.undoneAt) {
      if (now.getTime() - r.redeemedAt.getTime() > UNDO_MS) throw new DomainError(409, 'REDEMPTION_UNDO_EXPIRED');
      await this.tx.run(async (em) => {
        const res = await em.update(Redemption, { id, undoneAt: IsNull() }, { undoneAt: now });
        if (res.affected) await em.update(Coupon, { id: r.couponId, status: 'used' }, { status: 'available', usedAt: null });
      });
    }
    const fresh = (await this.repo.findOneBy({ id }))!;
    const coupon = (await this.coupons.findOneBy({ id: r.couponId }))!;
    const campaign = (await this.campaigns.findOneBy({ id: r.campaignId }))!;
    const merchant = (await this.merchants.findById(r.merchantId))!;
    return this.receipt(fresh, coupon, campaign, merchant, now);
  }

  async list(user: AuthUser, q: RedemptionsQuery, now = new Date()): Promise<RedemptionPage> {
    const merchant = await this.merchants.actingMerchant(user, q.merchantId);
    const qb = this.repo.createQueryBuilder('r').where('r.merchantId = :mid', { mid: merchant.id });
    if (q.month) qb.andWhere('r.month = :month', { month: q.month });
    if (q.cursor) {
      const { at, id } = decodeCursor(q.cursor);
      qb.andWhere('(r.redeemedAt < :at OR (r.redeemedAt = :at AND r.id < :rid))', { at, rid: id });
    }
    const rows = await qb.orderBy('r.redeemedAt', 'DESC').addOrderBy('r.id', 'DESC').take(PAGE + 1).getMany();
    const page = rows.slice(0, PAGE);
    const coupons = new Map((await this.coupons.findBy({ id: In(page.map((r) => r.couponId).concat('-')) })).map((k) => [k.id, k]));
    const campaigns = new Map((await this.campaigns.findBy({ id: In(page.map((r) => r.campaignId).concat('-')) })).map((c) => [c.id, c]));
    const items = await Promise.all(page.map((r) => this.receipt(r, coupons.get(r.couponId)!, campaigns.get(r.campaignId)!, merchant, now)));
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > PAGE ? encodeCursor({ submittedAt: last.redeemedAt, id: last.id }) : null };
  }

  // ---- internals ----

  private async lookup(user: AuthUser, dto: RedemptionLookupDto): Promise<Looked> {
    const merchant = await this.merchants.actingMerchant(user, dto.merchantId);
    let coupon: Coupon | null;
    if (dto.token) {
      coupon = await this.coupons.findOneBy({ id: await this.couponIdOf(dto.token) });
      if (!coupon) throw new DomainError(400, 'COUPON_TOKEN_INVALID');
    } else if (dto.code !== undefined) {
      if (!isValidCouponCode(dto.code)) throw new DomainError(400, 'COUPON_CODE_INVALID', undefined, [{ field: 'code', message: ERROR_MESSAGES.COUPON_CODE_INVALID }]);
      coupon = await this.coupons.findOneBy({ code: normalizeCouponCode(dto.code) });
      if (!coupon) throw DomainError.notFound('找不到这张券，请核对券码');
    } else {
      throw DomainError.validation([{ field: 'code', message: '请扫码或输入 12 位券码' }]);
    }
    const campaign = (await this.campaigns.findOneBy({ id: coupon.campaignId }))!;
    return { coupon, campaign, merchant };
  }

  private async couponIdOf(token: string): Promise<string> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; typ: string }>(token, { algorithms: ['HS256'] });
      if (payload.typ !== COUPON_TOKEN_TYPE || typeof payload.sub !== 'string') throw new Error('not a coupon token');
      return payload.sub;
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') throw new DomainError(400, 'COUPON_TOKEN_EXPIRED');
      throw new DomainError(400, 'COUPON_TOKEN_INVALID');
    }
  }

  /** Why this merchant may not redeem the coupon now (an error code), or null. */
  private async refusal(coupon: Coupon, campaign: Campaign, merchant: Merchant, now: Date): Promise<string | null> {
    const status = couponStatusAt(coupon, now);
    if (status === 'used') return 'COUPON_ALREADY_REDEEMED';
    if (status === 'expired') return 'COUPON_EXPIRED';
    if (merchant.status !== 'active') return 'MERCHANT_SUSPENDED';
    if (!(await this.applies(campaign, merchant))) return 'COUPON_WRONG_MERCHANT';
    if (coupon.validFrom.getTime() > now.getTime()) return 'COUPON_NOT_STARTED';
    return null;
  }

  /** A listed merchant, or (for `all`) any partner signed by an org inside the campaign's subtree. */
  private async applies(campaign: Campaign, merchant: Merchant): Promise<boolean> {
    if (campaign.merchantIds.length) return campaign.merchantIds.includes(merchant.id);
    const orgs = await this.borgs.byIds([campaign.orgId, merchant.orgId]);
    const co = orgs.get(campaign.orgId);
    const mo = orgs.get(merchant.orgId);
    return !!co && !!mo && mo.path.startsWith(co.path);
  }

  private async maskedName(userId: string): Promise<string> {
    const name = await this.memberships.memberNameOf(userId);
    return name ? maskName(name) : '会员';
  }

  private async receipt(r: Redemption, coupon: Coupon, campaign: Campaign, merchant: Merchant, now: Date): Promise<RedemptionReceipt> {
    const undoUntil = new Date(r.redeemedAt.getTime() + UNDO_MS);
    return {
      id: r.id,
      couponId: r.couponId,
      title: couponTitle(specOf(coupon)),
      campaignTitle: campaign.title,
      memberName: await this.maskedName(r.userId),
      merchant: { id: merchant.id, name: merchant.name },
      orderFen: r.orderFen,
      discountFen: r.discountFen,
      payFen: r.orderFen - r.discountFen,
      redeemedAt: r.redeemedAt.toISOString(),
      undoUntil: r.undoneAt || undoUntil.getTime() < now.getTime() ? null : undoUntil.toISOString(),
      undoneAt: r.undoneAt?.toISOString() ?? null,
    };
  }
}
