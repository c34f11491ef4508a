import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { fenToYuanString, type SettlementPage, type SettlementRow } from '@nuanxin/shared';
import { PassThrough, type Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { BenefitOrgs } from './benefit-orgs.service';
import type { SettlementQuery } from './dto/benefits.dto';
import { Merchant } from './merchant.entity';
import { merchantIdsOf, MerchantsService } from './merchants.service';
import { Redemption } from './redemption.entity';

/**
 * Per merchant and Beijing month: redemptions not undone, order totals and what the union pays. Officers see their
 * subtree's merchants, admins all, a merchant user its own shop. The Excel file is written row by row by
 * exceljs' streaming writer (no shared strings, no styles), so memory stays flat whatever the month holds.
 */
@Injectable()
export class SettlementService {
  constructor(
    @InjectRepository(Redemption) private readonly repo: Repository<Redemption>,
    private readonly merchants: MerchantsService,
    private readonly orgs: OrgsService,
    private readonly borgs: BenefitOrgs,
    private readonly access: AccessService,
  ) {}

  async page(user: AuthUser, q: SettlementQuery): Promise<SettlementPage> {
    const rows = await this.rows(user, q);
    const totals = rows.reduce((t, r) => ({ redemptions: t.redemptions + r.redemptions, orderTotalFen: t.orderTotalFen + r.orderTotalFen, discountTotalFen: t.discountTotalFen + r.discountTotalFen }), {
      redemptions: 0,
      orderTotalFen: 0,
      discountTotalFen: 0,
    });
    return { month: q.month, rows, totals };
  }

  async export(user: AuthUser, q: SettlementQuery): Promise<{ filename: string; body: Readable }> {
    const { rows, totals } = await this.page(user, q);
    // exceljs is loaded on the first export, not at boot (~600 modules, ~0.4 s CPU of every server start).
    const { stream: excel } = await import('exceljs');
    const body = new PassThrough();
    const wb = new excel.xlsx.WorkbookWriter({ stream: body, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet(`结算 ${q.month}`);
    ws.columns = [
      { header: '月份', key: 'month', width: 10 },
      { header: '商户', key: 'merchant', width: 30 },
      { header: '签约工会', key: 'org', width: 24 },
      { header: '核销笔数', key: 'n', width: 10 },
      { header: '订单金额（元）', key: 'order', width: 16 },
      { header: '优惠金额（元，工会支付）', key: 'discount', width: 22 },
    ];
    const write = async () => {
      for (const r of rows) ws.addRow({ month: r.month, merchant: r.merchant.name, org: r.org.name, n: r.redemptions, order: fenToYuanString(r.orderTotalFen), discount: fenToYuanString(r.discountTotalFen) }).commit();
      ws.addRow({ month: '合计', n: totals.redemptions, order: fenToYuanString(totals.orderTotalFen), discount: fenToYuanString(totals.discountTotalFen) }).commit();
      ws.commit();
      await wb.commit();
    };
    write().catch((err: unknown) => body.destroy(err as Error));
    return { filename: `settlement-${q.month}.xlsx`, body };
  }

  private async rows(user: AuthUser, q: SettlementQuery): Promise<SettlementRow[]> {
    const qb = this.repo
      .createQueryBuilder('r')
      .innerJoin(Merchant, 'm', 'm.id = r.merchantId')
      .select('r.merchantId', 'merchantId')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(r.orderFen)', 'orderFen')
      .addSelect('SUM(r.discountFen)', 'discountFen')
      .where('r.month = :month AND r.undoneAt IS NULL', { month: q.month })
      .groupBy('r.merchantId');
    const staff = this.access.scopePrefixes(user);
    if (staff === null || staff.length) {
      const org = await this.scopeOrg(user, q.orgCode);
      const scope = this.orgs.inSubtrees('m.orgId', org ? [org.path] : staff);
      if (scope) qb.andWhere(scope.sql, scope.params);
      if (q.merchantId) qb.andWhere('r.merchantId = :mid', { mid: q.merchantId });
    } else {
      if (!merchantIdsOf(user).length) throw DomainError.forbidden();
      const merchant = await this.merchants.actingMerchant(user, q.merchantId);
      qb.andWhere('r.merchantId = :mid', { mid: merchant.id });
    }
    const raw = await qb.getRawMany<{ merchantId: string; n: string | number; orderFen: string | number; discountFen: string | number }>();
    const merchants = new Map((await this.merchants.findByIds(raw.map((r) => r.merchantId))).map((m) => [m.id, m]));
    const orgs = await this.borgs.byIds([...merchants.values()].map((m) => m.orgId));
    return raw
      .map((r) => {
        const m = merchants.get(r.merchantId)!;
        return {
          merchant: { id: m.id, name: m.name },
          org: BenefitOrgs.ref(orgs.get(m.orgId)!),
          month: q.month,
          redemptions: Number(r.n),
          orderTotalFen: Number(r.orderFen),
          discountTotalFen: Number(r.discountFen),
        };
      })
      .sort((a, b) => a.merchant.name.localeCompare(b.merchant.name, 'zh-CN') || a.merchant.id.localeCompare(b.merchant.id));
  }

  /** The org asked about (in scope), or null for "all I may see". */
  private async scopeOrg(user: AuthUser, orgCode?: string): Promise<Org | null> {
    if (!orgCode) return null;
    const org = await this.orgs.getByCode(orgCode);
    this.access.assertOrgInScope(user, org);
    return org;
  }
}
