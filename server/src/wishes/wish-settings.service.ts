import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { WISH_RULES, type WishOrgSettings, type WishStats } from '@nuanxin/shared';
import { In, Repository } from 'typeorm';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { TransactionService } from '../database/transaction.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import type { WishSettingsDto } from './dto/wish.dto';
import { WishSetting } from './wish-setting.entity';
import { firstPublishedAt } from './wish-views';
import { Wish } from './wish.entity';

/** Per-org limits (value cap, wishes a year), inherited down the org tree; and the officers' figures. */
@Injectable()
export class WishSettings {
  constructor(
    @InjectRepository(WishSetting) private readonly settings: Repository<WishSetting>,
    @InjectRepository(Wish) private readonly wishes: Repository<Wish>,
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
  ) {}

  /** The limits that apply in `org`: its own row, else the nearest ancestor's, else the defaults. */
  async effective(org: Org): Promise<{ valueCapFen: number; yearlyLimit: number; from: string | null }> {
    const chain = await this.orgs.ancestors(org);
    const rows = await this.settings.findBy({ orgId: In(chain.map((o) => o.id)) });
    const byOrg = new Map(rows.map((r) => [r.orgId, r]));
    for (const o of [...chain].reverse()) {
      const r = byOrg.get(o.id);
      if (r) return { valueCapFen: r.valueCapFen, yearlyLimit: r.yearlyLimit, from: o.id };
    }
    return { valueCapFen: WISH_RULES.defaultValueCapFen, yearlyLimit: WISH_RULES.defaultYearlyLimit, from: null };
  }

  async get(user: AuthUser, orgCode: string): Promise<WishOrgSettings> {
    const org = await this.orgs.getByCode(orgCode);
    this.access.assertOrgInScope(user, org);
    const e = await this.effective(org);
    return { orgCode: org.code, valueCapFen: e.valueCapFen, yearlyLimit: e.yearlyLimit, inherited: e.from !== org.id };
  }

  async put(user: AuthUser, orgCode: string, dto: WishSettingsDto): Promise<WishOrgSettings> {
    const org = await this.orgs.getByCode(orgCode);
    this.access.assertOrgInScope(user, org);
    await this.tx.run(async (em) => {
      const row = { orgId: org.id, valueCapFen: dto.valueCapFen, yearlyLimit: dto.yearlyLimit, updatedBy: user.id, updatedAt: new Date() };
      const res = await em.update(WishSetting, { orgId: org.id }, row);
      if (!res.affected) await em.insert(WishSetting, row);
    });
    return this.get(user, orgCode);
  }

  /** Wishes screened in the org's subtree: posted, ever published, ever claimed, fulfilled, and the median days from first going on the wall to 已圆梦. */
  async stats(user: AuthUser, orgCode: string): Promise<WishStats> {
    const org = await this.orgs.getByCode(orgCode);
    this.access.assertOrgInScope(user, org);
    const subtree = this.orgs.inSubtrees('w.orgId', [org.path])!;
    const inTree = () => this.wishes.createQueryBuilder('w').where(subtree.sql, subtree.params);
    const [posted, published, claimed] = await Promise.all([
      inTree().getCount(),
      inTree().andWhere('w.publishedAt IS NOT NULL').getCount(),
      inTree().andWhere('w.status IN (:...held)', { held: ['claimed', 'delivered', 'received', 'picked_up', 'fulfilled', 'closed'] }).getCount(),
    ]);
    const done = await inTree().andWhere('w.status = :s', { s: 'fulfilled' }).select(['w.id', 'w.publishedAt', 'w.decidedAt', 'w.fulfilledAt']).getMany();
    const days = done.map((w) => (w.fulfilledAt!.getTime() - firstPublishedAt(w)!.getTime()) / 86400_000).sort((a, b) => a - b);
    const mid = days.length ? (days.length % 2 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2) : null;
    return { orgCode: org.code, posted, published, claimed, fulfilled: done.length, medianDaysToFulfil: mid === null ? null : Math.round(mid * 10) / 10 };
  }

  /** 400 with the field message when the value is over the cap that applies. */
  static checkValue(valueFen: number, capFen: number): void {
    if (valueFen > capFen) throw DomainError.validation([{ field: 'valueFen', message: `心愿价值不能超过 ${capFen / 100} 元` }]);
  }
}
