import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { BENEFIT_RULES, beijingDateTime, couponTitle } from '@nuanxin/shared';
import { And, In, IsNull, LessThanOrEqual, MoreThan, Repository } from 'typeorm';
import { TransactionService } from '../database/transaction.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgsService } from '../orgs/orgs.service';
import { UsersService } from '../users/users.service';
import { BenefitClaim } from './benefit-claim.entity';
import { specOf } from './benefit-views';
import { Campaign } from './campaign.entity';
import { Coupon } from './coupon.entity';
import { MerchantIndex } from './merchant-index.service';
import { MerchantsService } from './merchants.service';

const DAY = 86400_000;
const BATCH = 500;

/** The benefits module's face: the merchant lookup the staff grants use, and the jobs room's timed work. */
@Injectable()
export class BenefitsService {
  private readonly log = new Logger('benefits');

  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(BenefitClaim) private readonly claims: Repository<BenefitClaim>,
    @InjectRepository(Coupon) private readonly coupons: Repository<Coupon>,
    private readonly merchants: MerchantsService,
    private readonly index: MerchantIndex,
    private readonly orgs: OrgsService,
    private readonly users: UsersService,
    private readonly tx: TransactionService,
    private readonly notifications: NotificationsService,
  ) {}

  /** A merchant as a `merchant` grant names it: its id, name and the org that signed it (which scopes the grant). */
  async merchantForGrant(id: string): Promise<{ id: string; name: string; orgId: string } | null> {
    const m = await this.merchants.findById(id);
    return m ? { id: m.id, name: m.name, orgId: m.orgId } : null;
  }

  refreshIndexIfChanged(): Promise<boolean> {
    return this.index.refreshIfChanged();
  }

  /**
   * Unused coupons past their end become `expired`, and each coupon ending within 3 days is reminded of once
   * (`remindedAt`, set by a guarded update in the notice's transaction, so a repeated run tells nobody twice).
   */
  async housekeeping(now = new Date()): Promise<{ expired: number; reminded: number }> {
    const expired = await this.coupons.update({ status: 'available', validUntil: LessThanOrEqual(now) }, { status: 'expired' });
    let reminded = 0;
    for (;;) {
      const due = await this.coupons.find({
        where: { status: 'available', remindedAt: IsNull(), validUntil: And(MoreThan(now), LessThanOrEqual(new Date(now.getTime() + BENEFIT_RULES.remindDaysBefore * DAY))) },
        order: { validUntil: 'ASC', id: 'ASC' },
        take: BATCH,
      });
      if (!due.length) break;
      const titles = new Map((await this.campaigns.findBy({ id: In([...new Set(due.map((k) => k.campaignId))]) })).map((c) => [c.id, c.title]));
      for (const k of due) {
        await this.tx.run(async (em) => {
          const res = await em.update(Coupon, { id: k.id, remindedAt: IsNull() }, { remindedAt: now });
          if (!res.affected) return;
          reminded++;
          await this.notifications.notify(em, 'benefit.expiring', [k.userId], { couponId: k.id, title: couponTitle(specOf(k)), campaignTitle: titles.get(k.campaignId) ?? '会员优惠', validUntil: beijingDateTime(new Date(k.validUntil.getTime() - 1)) }, { ref: k.id });
        });
      }
      if (due.length < BATCH) break;
    }
    return { expired: expired.affected ?? 0, reminded };
  }

  /**
   * The nightly stock audit: for every campaign that ever gave out stock, remaining + claimed = stock and claimed
   * = the claim rows. A mismatch is logged at error level and told to the city admins.
   */
  async stockAudit(now = new Date()): Promise<{ checked: number; mismatched: string[] }> {
    const list = await this.campaigns.find({ where: { status: In(['published', 'closed']) }, select: { id: true, title: true, stock: true, remaining: true, claimed: true } });
    const counts = new Map<string, number>();
    if (list.length) {
      const raw = await this.claims.createQueryBuilder('b').select('b.campaignId', 'id').addSelect('COUNT(*)', 'n').where('b.campaignId IN (:...ids)', { ids: list.map((c) => c.id) }).groupBy('b.campaignId').getRawMany<{ id: string; n: string | number }>();
      for (const r of raw) counts.set(r.id, Number(r.n));
    }
    const bad = list.filter((c) => c.remaining + c.claimed !== c.stock || c.remaining < 0 || (counts.get(c.id) ?? 0) !== c.claimed);
    if (bad.length) {
      const roots = await this.orgs.roots();
      const admins = (await this.users.holdersOf(roots.map((o) => o.id), 'admin')).map((g) => g.userId);
      for (const c of bad) {
        const claimedRows = counts.get(c.id) ?? 0;
        this.log.error({ campaignId: c.id, stock: c.stock, remaining: c.remaining, claimed: c.claimed, claimRows: claimedRows }, 'benefit stock mismatch');
        await this.tx.run((em) =>
          this.notifications.notify(em, 'benefit.stock_mismatch', admins, { campaignId: c.id, title: c.title, stock: c.stock, remaining: c.remaining, claimed: claimedRows }, { ref: `${c.id}:${now.toISOString().slice(0, 10)}` }),
        );
      }
    }
    return { checked: list.length, mismatched: bad.map((c) => c.id) };
  }
}
