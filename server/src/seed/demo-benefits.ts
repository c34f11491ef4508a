import { packValueFen, startOfBeijingDay, type MerchantCategory, type PackItem } from '@nuanxin/shared';
import type { DataSource } from 'typeorm';
import { BenefitClaim } from '../benefits/benefit-claim.entity';
import { Campaign } from '../benefits/campaign.entity';
import { Coupon } from '../benefits/coupon.entity';
import { MERCHANTS_VERSION } from '../benefits/merchant-index.service';
import { Merchant } from '../benefits/merchant.entity';
import { newCouponCode } from '../benefits/claim.service';
import { newId } from '../database/columns';
import { nextValue } from '../counters/counters';
import type { OrgsService } from '../orgs/orgs.service';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** [name, category, address, district, signing org, lat, lng] — GCJ-02, beside the demo stations. */
const MERCHANTS: Array<[string, MerchantCategory, string, string, string, number, number]> = [
  ['骑手食堂（中山路店）', 'food', '思明区中山路 172 号', '思明区', 'XM-SM', 24.4561, 118.0803],
  ['好邻居便利店（厦禾路店）', 'grocery', '思明区厦禾路 896 号', '思明区', 'XM-SM', 24.4681, 118.1149],
  ['小刘电动车维修', 'vehicle', '思明区嘉禾路 31 号', '思明区', 'XM-SM', 24.4871, 118.1252],
  ['湖里万达沙县小吃', 'food', '湖里区仙岳路 4660 号', '湖里区', 'XM-HL', 24.5068, 118.1753],
  ['禾山社区卫生服务站', 'health', '湖里区金尚路 880 号', '湖里区', 'XM-HL', 24.5066, 118.1544],
  ['集美学村快修', 'vehicle', '集美区嘉庚路 181 号', '集美区', 'XM-JM', 24.5766, 118.1035],
];

const threshold = (t: number, d: number, count: number): PackItem => ({ kind: 'threshold', thresholdFen: t, discountFen: d, percentOff: null, capFen: null, count });

/**
 * Partner merchants and three city-wide campaigns (open now, opening later today, sold out); the demo merchant
 * user is bound to the first merchant. Skipped when any merchant exists.
 */
export async function seedBenefits(ds: DataSource, orgs: OrgsService, now = new Date()): Promise<{ demoMerchant: Merchant | null }> {
  const repo = ds.getRepository(Merchant);
  if (await repo.exists()) return { demoMerchant: await repo.findOne({ where: {}, order: { createdAt: 'ASC', id: 'ASC' } }) };
  const city = await orgs.findByCode('XM');
  if (!city) return { demoMerchant: null };
  const merchants: Merchant[] = [];
  for (const [i, [name, category, address, district, orgCode, lat, lng]] of MERCHANTS.entries()) {
    const org = await orgs.findByCode(orgCode);
    if (!org) continue;
    merchants.push(repo.create({ id: newId(), name, category, address, district, lat, lng, phone: null, orgId: org.id, status: 'active', createdAt: new Date(now.getTime() + i), updatedAt: now }));
  }
  const hourStart = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const campaign = (o: Partial<Campaign> & { items: PackItem[]; stock: number }): Campaign =>
    ds.getRepository(Campaign).create({
      id: newId(),
      description: '厦门市总工会为新就业形态劳动者发放的消费券，在合作商户使用。',
      orgId: city.id,
      status: 'published',
      packValueFen: packValueFen(o.items),
      remaining: o.stock,
      claimed: 0,
      perMemberLimit: 1,
      perDayLimit: null,
      occupations: [],
      claimOpensAt: new Date(hourStart.getTime() - HOUR),
      claimClosesAt: new Date(startOfBeijingDay(now).getTime() + 7 * DAY),
      validityMode: 'days',
      validFrom: null,
      validUntil: null,
      validDays: 30,
      merchantIds: [],
      proposedByMerchantId: null,
      rejectReason: null,
      createdBy: 'seed',
      createdAt: now,
      publishedAt: now,
      closedAt: null,
      ...o,
    });
  const open = campaign({ title: '暖新骑手消费券 满50减10', items: [threshold(5000, 1000, 2), threshold(10000, 2000, 1)], stock: 500 });
  const later = campaign({ title: '周末加油站 满100减20', items: [threshold(10000, 2000, 1)], stock: 200, claimOpensAt: new Date(hourStart.getTime() + 2 * HOUR), claimClosesAt: new Date(hourStart.getTime() + 2 * HOUR + 7 * DAY) });
  const gone = campaign({ title: '开年福利 30 元代金券', items: [{ kind: 'voucher', thresholdFen: 0, discountFen: 3000, percentOff: null, capFen: null, count: 1 }], stock: 3, remaining: 0, claimed: 3 });
  await ds.transaction(async (em) => {
    // Copies: TypeORM writes back into inserted objects, and a multi-row insert on SQLite can swap their ids.
    await em.insert(Merchant, merchants.map((m) => ({ ...m })));
    await em.insert(Campaign, [open, later, gone].map((c) => ({ ...c })));
    // The sold-out campaign's three packs, held by demo claimants (the nightly audit finds claimed = claim rows).
    for (let i = 0; i < gone.stock; i++) {
      const claim = em.create(BenefitClaim, { id: newId(), campaignId: gone.id, userId: newId(), slot: 1, day: 0, daySlot: null, claimedAt: now });
      await em.insert(BenefitClaim, claim);
      await em.insert(Coupon, {
        id: newId(),
        campaignId: gone.id,
        claimId: claim.id,
        userId: claim.userId,
        code: newCouponCode(),
        kind: 'voucher',
        thresholdFen: 0,
        discountFen: 3000,
        percentOff: null,
        capFen: null,
        validFrom: now,
        validUntil: new Date(startOfBeijingDay(now).getTime() + 30 * DAY),
        status: 'available',
        claimedAt: now,
        usedAt: null,
        remindedAt: null,
      });
    }
    await nextValue(em, MERCHANTS_VERSION);
  });
  return { demoMerchant: merchants[0] ?? null };
}
