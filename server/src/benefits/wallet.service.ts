import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { BENEFIT_RULES, type CouponDetail, type CouponQr, type CouponStatus, type WalletPage } from '@nuanxin/shared';
import { In, Repository, type SelectQueryBuilder } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError } from '../common/domain-error';
import { BenefitOrgs } from './benefit-orgs.service';
import { couponStatusAt, walletItem } from './benefit-views';
import { Campaign } from './campaign.entity';
import { Coupon } from './coupon.entity';
import type { WalletQuery } from './dto/benefits.dto';
import { MerchantsService } from './merchants.service';
import { Redemption } from './redemption.entity';

const PAGE = 20;
export const COUPON_TOKEN_TYPE = 'coupon';

/** 我的券: the caller's own coupons only (the user id comes from the access token); others get 404. */
@Injectable()
export class WalletService {
  constructor(
    @InjectRepository(Coupon) private readonly coupons: Repository<Coupon>,
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(Redemption) private readonly redemptions: Repository<Redemption>,
    private readonly merchants: MerchantsService,
    private readonly borgs: BenefitOrgs,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  async list(user: AuthUser, q: WalletQuery, now = new Date()): Promise<WalletPage> {
    const status: CouponStatus = q.status ?? 'available';
    const base = () => this.coupons.createQueryBuilder('k').where('k.userId = :uid', { uid: user.id });
    const filter = (qb: SelectQueryBuilder<Coupon>, s: CouponStatus) => {
      if (s === 'available') return qb.andWhere("k.status = 'available' AND k.validUntil > :now", { now });
      if (s === 'used') return qb.andWhere("k.status = 'used'");
      return qb.andWhere("(k.status = 'expired' OR (k.status = 'available' AND k.validUntil <= :now))", { now });
    };
    // Usable coupons soonest to end first; used ones by use, newest first; expired ones by end, newest first.
    const [col, dir] = status === 'available' ? (['validUntil', 'ASC'] as const) : status === 'used' ? (['usedAt', 'DESC'] as const) : (['validUntil', 'DESC'] as const);
    const qb = filter(base(), status);
    if (q.cursor) {
      const { at, id } = decodeCursor(q.cursor);
      const cmp = dir === 'ASC' ? '>' : '<';
      qb.andWhere(`(k.${col} ${cmp} :cat OR (k.${col} = :cat AND k.id ${cmp} :cid))`, { cat: at, cid: id });
    }
    const rows = await qb.orderBy(`k.${col}`, dir).addOrderBy('k.id', dir).take(PAGE + 1).getMany();
    const page = rows.slice(0, PAGE);
    const [available, used, expired] = await Promise.all((['available', 'used', 'expired'] as const).map((s) => filter(base(), s).getCount()));
    const items = await this.items(page, now);
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > PAGE ? encodeCursor({ submittedAt: last[col]!, id: last.id }) : null, counts: { available, used, expired } };
  }

  async detail(user: AuthUser, id: string, now = new Date()): Promise<CouponDetail> {
    const coupon = await this.own(user, id);
    const [item] = await this.items([coupon], now);
    const campaign = (await this.campaigns.findOneBy({ id: coupon.campaignId }))!;
    const org = (await this.borgs.byId(campaign.orgId))!;
    const listed = campaign.merchantIds.length ? await this.merchants.findByIds(campaign.merchantIds) : await this.merchants.activeInSubtree(org.path);
    const usable = item.status === 'available';
    const qr = usable ? await this.qrOf(coupon, now) : null;
    let redemption: CouponDetail['redemption'] = null;
    if (coupon.status === 'used') {
      const r = await this.redemptions.findOne({ where: { couponId: coupon.id }, order: { redeemedAt: 'DESC' } });
      const m = r ? await this.merchants.findById(r.merchantId) : null;
      if (r && m) redemption = { merchantName: m.name, orderFen: r.orderFen, discountFen: r.discountFen, at: r.redeemedAt.toISOString() };
    }
    return {
      ...item,
      qrToken: qr?.qrToken ?? null,
      qrExpiresAt: qr?.qrExpiresAt ?? null,
      code: usable ? coupon.code : null,
      merchants: listed.slice(0, 100).map((m) => ({ id: m.id, name: m.name, address: m.address })),
      redemption,
    };
  }

  async qr(user: AuthUser, id: string, now = new Date()): Promise<CouponQr> {
    const coupon = await this.own(user, id);
    const status = couponStatusAt(coupon, now);
    if (status === 'used') throw new DomainError(409, 'COUPON_ALREADY_REDEEMED');
    if (status === 'expired') throw new DomainError(409, 'COUPON_EXPIRED');
    return this.qrOf(coupon, now);
  }

  private async own(user: AuthUser, id: string): Promise<Coupon> {
    const coupon = await this.coupons.findOneBy({ id });
    if (!coupon || coupon.userId !== user.id) throw DomainError.notFound();
    return coupon;
  }

  /** A signed token naming the coupon, valid 60 s (the member card's mechanism with its own type). */
  private async qrOf(coupon: Coupon, now: Date): Promise<CouponQr> {
    const qrToken = await this.jwt.signAsync({ sub: coupon.id, typ: COUPON_TOKEN_TYPE }, { expiresIn: BENEFIT_RULES.qrTokenTtlSeconds, algorithm: 'HS256' });
    return { qrToken, qrExpiresAt: new Date(now.getTime() + BENEFIT_RULES.qrTokenTtlSeconds * 1000).toISOString() };
  }

  private async items(coupons: Coupon[], now: Date) {
    const campaigns = new Map((await this.campaigns.findBy({ id: In([...new Set(coupons.map((k) => k.campaignId))].concat('-')) })).map((c) => [c.id, c]));
    const orgs = await this.borgs.byIds([...campaigns.values()].map((c) => c.orgId));
    return coupons.map((k) => {
      const c = campaigns.get(k.campaignId)!;
      return walletItem(k, c, BenefitOrgs.ref(orgs.get(c.orgId)!), now);
    });
  }
}
