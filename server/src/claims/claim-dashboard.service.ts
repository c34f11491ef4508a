import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLAIM_CATEGORIES, HANDLING_TIER_LABELS, beijingParts, shanghaiDate, type HandlingTier } from '@nuanxin/shared';
import { Repository } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { OrgsService } from '../orgs/orgs.service';
import { ClaimLedger, beijingDayStart, type LedgerScope } from './claim-ledger.service';
import { isBroadScope } from './claim-queue.service';
import { Claim } from './claim.entity';
import type { DashboardDto, DashboardQuery, PublicAreaDto, PublicFiguresDto, RatioDto } from './dto/dashboard.dto';

const DAY = 86_400_000;
const CATEGORY_LABEL = new Map<string, string>(CLAIM_CATEGORIES.map((c) => [c.code, c.label]));
/** Public figures are cached this long per process (they move slowly; the route is open to anyone). */
export const PUBLIC_FIGURES_TTL_MS = 5 * 60_000;
/** A category with fewer cases than this is folded into 其他 in the public figures (no small, identifying counts). */
export const PUBLIC_MIN_CASES = 5;

/** The sums every figure is made of, per group of claims. */
interface Sums {
  received: number;
  frOnTime: number;
  frDue: number;
  medOnTime: number;
  medDue: number;
  mediated: number;
  withOutcome: number;
  resolved: number;
  agreed: number;
  recovered: number;
  rated: number;
  ratingSum: number;
  satisfied: number;
}
const SUM_KEYS: Array<keyof Sums> = ['received', 'frOnTime', 'frDue', 'medOnTime', 'medDue', 'mediated', 'withOutcome', 'resolved', 'agreed', 'recovered', 'rated', 'ratingSum', 'satisfied'];
const zero = (): Sums => Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as unknown as Sums;
const add = (a: Sums, b: Sums) => SUM_KEYS.forEach((k) => (a[k] += b[k]));

/** The aggregate columns, in SQL both dialects read the same way. */
const SUM_SQL: Array<[keyof Sums, string]> = [
  ['received', 'COUNT(*)'],
  ['frOnTime', 'SUM(CASE WHEN c.firstResponseAt IS NOT NULL AND c.firstResponseAt <= c.firstResponseDueAt THEN 1 ELSE 0 END)'],
  ['frDue', 'SUM(CASE WHEN c.firstResponseAt IS NOT NULL OR c.firstResponseDueAt < :now THEN 1 ELSE 0 END)'],
  ['medOnTime', 'SUM(CASE WHEN c.mediationDueAt IS NOT NULL AND c.resolvedAt IS NOT NULL AND c.resolvedAt <= c.mediationDueAt THEN 1 ELSE 0 END)'],
  ['medDue', 'SUM(CASE WHEN c.mediationDueAt IS NOT NULL AND (c.resolvedAt IS NOT NULL OR c.mediationDueAt < :now) THEN 1 ELSE 0 END)'],
  ['mediated', "SUM(CASE WHEN c.outcome = 'mediated' THEN 1 ELSE 0 END)"],
  ['withOutcome', "SUM(CASE WHEN c.outcome IS NOT NULL AND c.outcome <> 'withdrawn' THEN 1 ELSE 0 END)"],
  ['resolved', 'SUM(CASE WHEN c.resolvedAt IS NOT NULL THEN 1 ELSE 0 END)'],
  ['agreed', 'SUM(COALESCE(c.agreedFen, 0))'],
  ['recovered', 'SUM(COALESCE(c.recoveredFen, 0))'],
  ['rated', 'SUM(CASE WHEN c.ratingScore IS NOT NULL THEN 1 ELSE 0 END)'],
  ['ratingSum', 'SUM(COALESCE(c.ratingScore, 0))'],
  ['satisfied', 'SUM(CASE WHEN c.ratingScore >= 4 THEN 1 ELSE 0 END)'],
];

export function ratio(numerator: number, denominator: number): RatioDto {
  return { numerator, denominator, percent: denominator ? Math.round((numerator / denominator) * 1000) / 10 : null };
}

/** The first instant of each Beijing month from `from`'s month to `to`'s, and the month labels. */
function months(from: string, to: string): { labels: string[]; starts: Date[] } {
  const labels: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${y}-${String(m).padStart(2, '0')}`;
    labels.push(label);
    if (label >= last) break;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return { labels, starts: labels.map((l) => beijingDayStart(`${l}-01`)) };
}

/**
 * Dashboards (officer subtree, admin city-wide) and the public figures, computed from the claims on each request:
 * one grouped scan of the period through the covering index `ix_claims_dashboard` (submittedAt first, then every
 * column a figure reads), plus one indexed count for 当前超期. No summary rows to keep in step with the claims'
 * transactions; measured at 1,000,000 claims in docs/benchmarks.md.
 */
@Injectable()
export class ClaimDashboard {
  private cached: { at: number; year: number; figures: PublicFiguresDto } | null = null;

  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    private readonly orgs: OrgsService,
    private readonly ledger: ClaimLedger,
  ) {}

  async dashboard(user: AuthUser, q: DashboardQuery, now = new Date()): Promise<DashboardDto> {
    const scope = await this.ledger.scopeOf(user, q.org);
    const today = shanghaiDate(now);
    const from = q.from ?? `${today.slice(0, 4)}-01-01`;
    const to = q.to ?? today;
    if (from > to) throw DomainError.validation([{ field: 'from', message: '起始日期不能晚于截止日期' }]);
    const { labels, starts } = months(from, to);
    const bucket = `CASE ${starts
      .slice(1)
      .map((_, i) => `WHEN c.submittedAt < :m${i + 1} THEN ${i}`)
      .join(' ')} ELSE ${starts.length - 1} END`;
    const qb = (await this.scan(scope, beijingDayStart(from), new Date(beijingDayStart(to).getTime() + DAY), now))
      .addSelect('c.category', 'category')
      .addSelect('c.handlingTier', 'tier')
      .addSelect(bucket, 'month')
      .groupBy('c.category')
      .addGroupBy('c.handlingTier')
      .addGroupBy('month')
      .setParameters(Object.fromEntries(starts.map((s, i) => [`m${i}`, s])));
    const groups = (await qb.getRawMany<Record<string, unknown>>()).map((r) => ({ category: String(r.category), tier: Number(r.tier), month: Number(r.month), sums: sums(r) }));

    const total = zero();
    const byTier = new Map<number, number>();
    const byCategory = new Map<string, Sums>();
    const byMonth = labels.map(() => zero());
    for (const g of groups) {
      add(total, g.sums);
      byTier.set(g.tier, (byTier.get(g.tier) ?? 0) + g.sums.received);
      if (!byCategory.has(g.category)) byCategory.set(g.category, zero());
      add(byCategory.get(g.category)!, g.sums);
      add(byMonth[g.month], g.sums);
    }
    return {
      from,
      to,
      received: total.received,
      firstResponseOnTime: ratio(total.frOnTime, total.frDue),
      mediationOnTime: ratio(total.medOnTime, total.medDue),
      mediatedSuccessfully: ratio(total.mediated, total.withOutcome),
      byTier: ([1, 2, 3] as HandlingTier[]).map((tier) => ({ tier, label: HANDLING_TIER_LABELS[tier], received: byTier.get(tier) ?? 0 })),
      agreedFen: total.agreed,
      recoveredFen: total.recovered,
      agreedUnpaidFen: Math.max(0, total.agreed - total.recovered),
      averageRating: total.rated ? Math.round((total.ratingSum / total.rated) * 100) / 100 : null,
      satisfaction: ratio(total.satisfied, total.rated),
      overdueNow: await this.overdueNow(scope, now),
      byCategory: CLAIM_CATEGORIES.filter((c) => byCategory.has(c.code)).map((c) => {
        const s = byCategory.get(c.code)!;
        return { category: c.code, label: c.label, received: s.received, mediated: s.mediated, recoveredFen: s.recovered };
      }),
      byMonth: labels.map((month, i) => ({ month, received: byMonth[i].received, resolved: byMonth[i].resolved, recoveredFen: byMonth[i].recovered })),
    };
  }

  /** 公开数据 (no login): this year, per district and the city, aggregates only; cached a few minutes per process. */
  async publicFigures(now = new Date()): Promise<PublicFiguresDto> {
    const year = beijingParts(now).year;
    if (this.cached && this.cached.year === year && now.getTime() - this.cached.at < PUBLIC_FIGURES_TTL_MS) return this.cached.figures;
    const rows = await (await this.scan(null, beijingDayStart(`${year}-01-01`), beijingDayStart(`${year + 1}-01-01`), now))
      .addSelect('c.orgId', 'orgId')
      .addSelect('c.category', 'category')
      .groupBy('c.orgId')
      .addGroupBy('c.category')
      .getRawMany<Record<string, unknown>>();
    const orgs = new Map((await this.orgs.findByIds(rows.map((r) => String(r.orgId)))).map((o) => [o.id, o]));
    // the district of an org is the second id of its path (/city/district/…); orgs above a district count for the city only
    const districtOf = (orgId: string) => orgs.get(orgId)?.path.split('/').filter(Boolean)[1] ?? null;
    const districts = new Map((await this.orgs.findByIds([...new Set(rows.map((r) => districtOf(String(r.orgId))).filter((x): x is string => !!x))])).map((o) => [o.id, o]));
    const city = new Map<string, Sums>();
    const perDistrict = new Map<string, Map<string, Sums>>();
    const put = (into: Map<string, Sums>, category: string, s: Sums) => {
      if (!into.has(category)) into.set(category, zero());
      add(into.get(category)!, s);
    };
    for (const r of rows) {
      const s = sums(r);
      put(city, String(r.category), s);
      const d = districtOf(String(r.orgId));
      if (!d) continue;
      if (!perDistrict.has(d)) perDistrict.set(d, new Map());
      put(perDistrict.get(d)!, String(r.category), s);
    }
    const figures: PublicFiguresDto = {
      year,
      city: area('全市', null, city),
      districts: [...perDistrict.entries()]
        .map(([id, cats]) => area(districts.get(id)?.name ?? '', districts.get(id)?.code ?? null, cats))
        .sort((a, b) => b.received - a.received || (a.code ?? '').localeCompare(b.code ?? '')),
      asOf: now,
    };
    this.cached = { at: now.getTime(), year, figures };
    return figures;
  }

  /**
   * The grouped scan. The scope is turned into its org ids first (one small query): as a literal list it is checked
   * inside the covering index, where the usual `orgId IN (subquery)` made MariaDB join the orgs table once per claim
   * (9 s for a district's year at 1M claims, against 1 s for the scan itself).
   */
  private async scan(scope: LedgerScope, from: Date, to: Date, now: Date) {
    const qb = this.claims.createQueryBuilder('c').select([]);
    if (isBroadScope(scope)) qb.useIndex('ix_claims_dashboard');
    for (const [key, sql] of SUM_SQL) qb.addSelect(sql, key);
    if (scope) {
      const ids = (await this.orgs.all()).filter((o) => scope.some((p) => o.path.startsWith(p))).map((o) => o.id);
      qb.andWhere(ids.length ? 'c.orgId IN (:...scopeIds)' : '1 = 0', { scopeIds: ids });
    }
    return qb.andWhere('c.submittedAt >= :from AND c.submittedAt < :to', { from, to, now });
  }

  private overdueNow(scope: LedgerScope, now: Date): Promise<number> {
    const qb = this.claims.createQueryBuilder('c').where('c.dueAt < :now', { now });
    if (isBroadScope(scope)) qb.useIndex('ix_claims_due');
    const cond = this.orgs.inSubtrees('c.orgId', scope);
    if (cond) qb.andWhere(cond.sql, cond.params);
    return qb.getCount();
  }
}

function sums(r: Record<string, unknown>): Sums {
  return Object.fromEntries(SUM_KEYS.map((k) => [k, Number(r[k] ?? 0)])) as unknown as Sums;
}

/** One public area: totals, satisfaction, categories with fewer than PUBLIC_MIN_CASES folded into 其他 (last). */
function area(name: string, code: string | null, cats: Map<string, Sums>): PublicAreaDto {
  const total = zero();
  let other = 0;
  const shown: Array<{ label: string; received: number }> = [];
  for (const c of CLAIM_CATEGORIES) {
    const s = cats.get(c.code);
    if (!s) continue;
    add(total, s);
    if (c.code === 'other' || s.received < PUBLIC_MIN_CASES) other += s.received;
    else shown.push({ label: CATEGORY_LABEL.get(c.code)!, received: s.received });
  }
  shown.sort((a, b) => b.received - a.received);
  if (other) shown.push({ label: '其他', received: other });
  return {
    name,
    code,
    received: total.received,
    closed: total.resolved,
    recoveredFen: total.recovered,
    satisfactionPercent: ratio(total.satisfied, total.rated).percent,
    byCategory: shown,
  };
}
