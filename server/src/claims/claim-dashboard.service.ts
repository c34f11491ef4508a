import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CLAIM_CATEGORIES, HANDLING_TIER_LABELS, beijingParts, shanghaiDate, type HandlingTier } from '@nuanxin/shared';
import { Repository } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { DomainError } from '../common/domain-error';
import { OrgsService } from '../orgs/orgs.service';
import { ClaimLedger, beijingDayStart, type LedgerScope } from './claim-ledger.service';
import { isBroadScope } from './claim-queue.service';
import { ClaimFigure } from './claim-figure.entity';
import { ClaimOpenCount } from './claim-open-count.entity';
import { FIGURE_KEYS } from './claim-figures.service';
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

/** The last Beijing day of a `YYYY-MM` month. */
function monthEnd(label: string): string {
  const [y, m] = label.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** One group of claims' sums, by whatever the caller grouped on. */
interface Group {
  orgId: string;
  category: string;
  tier: number;
  /** index into the period's months */
  month: number;
  sums: Sums;
}

/**
 * Dashboards (officer subtree, admin city-wide) and the public figures. The whole Beijing months of a period are
 * read from the summary rows `claim_figures` (per org, month, category, tier; kept in the claims' own transactions
 * by `ClaimFigures`); the part months at either end of a period from the claims, through the covering index
 * `ix_claims_dashboard`. The figures that move with the clock rather than with a write — unanswered claims whose
 * first-response deadline has passed, unresolved ones whose mediation deadline has, 当前超期 — are open counts kept
 * in the claims' transactions (`claim_figures.medOpen`, received − frAnswered, `claim_open_counts.running`) minus
 * the claims whose deadline is still ahead, counted on deadline indexes from `now` on (`nowCounts`): a request
 * reads no claim whose deadline has passed. Measured in docs/benchmarks.md.
 */
@Injectable()
export class ClaimDashboard {
  private cached: { at: number; year: number; figures: PublicFiguresDto } | null = null;

  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    @InjectRepository(ClaimFigure) private readonly figures: Repository<ClaimFigure>,
    private readonly orgs: OrgsService,
    private readonly ledger: ClaimLedger,
  ) {}

  async dashboard(user: AuthUser, q: DashboardQuery, now = new Date()): Promise<DashboardDto> {
    const scope = await this.ledger.scopeOf(user, q.org);
    const today = shanghaiDate(now);
    const from = q.from ?? `${today.slice(0, 4)}-01-01`;
    const to = q.to ?? today;
    if (from > to) throw DomainError.validation([{ field: 'from', message: '起始日期不能晚于截止日期' }]);
    const { labels } = months(from, to);
    const { groups, late, overdueNow } = await this.period(scope, from, to, now, false);

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
    total.frDue += late.fr;
    total.medDue += late.med;
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
      overdueNow,
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
    const { groups } = await this.period(null, `${year}-01-01`, `${year}-12-31`, now, true);
    const orgs = new Map((await this.orgs.findByIds([...new Set(groups.map((g) => g.orgId))])).map((o) => [o.id, o]));
    // the district of an org is the second id of its path (/city/district/…); orgs above a district count for the city only
    const districtOf = (orgId: string) => orgs.get(orgId)?.path.split('/').filter(Boolean)[1] ?? null;
    const districts = new Map((await this.orgs.findByIds([...new Set(groups.map((g) => districtOf(g.orgId)).filter((x): x is string => !!x))])).map((o) => [o.id, o]));
    const city = new Map<string, Sums>();
    const perDistrict = new Map<string, Map<string, Sums>>();
    const put = (into: Map<string, Sums>, category: string, s: Sums) => {
      if (!into.has(category)) into.set(category, zero());
      add(into.get(category)!, s);
    };
    for (const g of groups) {
      put(city, g.category, g.sums);
      const d = districtOf(g.orgId);
      if (!d) continue;
      if (!perDistrict.has(d)) perDistrict.set(d, new Map());
      put(perDistrict.get(d)!, g.category, g.sums);
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
   * The groups of claims filed in [from, to] (Beijing days) in the scope, by category, tier and month (and org when
   * `byOrg`): whole months from the summary rows, the part months at the ends from the claims. `late`: the claims
   * of the whole months still unanswered past their first-response deadline / unresolved past their mediation
   * deadline, which the summary cannot hold (they become late without any write).
   */
  private async period(scope: LedgerScope, from: string, to: string, now: Date, byOrg: boolean): Promise<{ groups: Group[]; late: { fr: number; med: number }; overdueNow: number }> {
    const { labels, starts } = months(from, to);
    const index = new Map(labels.map((l, i) => [l, i]));
    // a month is read whole from the summary when the period covers it to its end, or up to today (nothing is filed later)
    const openEnded = to >= shanghaiDate(now);
    const whole = labels.filter((l) => from <= `${l}-01` && (monthEnd(l) <= to || openEnded));
    const ends = new Date(beijingDayStart(to).getTime() + DAY);
    // the part months: [from, end of from's month) and [start of to's month, to], unless whole
    const parts: Array<[Date, Date]> = [];
    const first = labels[0];
    const last = labels[labels.length - 1];
    if (!whole.includes(first)) parts.push([beijingDayStart(from), labels.length > 1 ? starts[1] : ends]);
    if (labels.length > 1 && !whole.includes(last)) parts.push([starts[starts.length - 1], ends]);

    const ids = scope ? await this.scopeIds(scope) : null;
    const groups: Group[] = [];
    const late = { fr: 0, med: 0 };
    if (ids && !ids.length) return { groups, late, overdueNow: 0 };
    // the whole months' open claims (kept by ClaimFigures): unanswered, and unresolved with a mediation deadline
    const open = { fr: 0, med: 0 };

    if (whole.length) {
      const qb = this.figures.createQueryBuilder('f').select('f.category', 'category').addSelect('f.handlingTier', 'tier').addSelect('f.month', 'month');
      for (const k of FIGURE_KEYS) qb.addSelect(`SUM(f.${k})`, k);
      qb.where('f.month IN (:...whole)', { whole });
      if (ids) qb.andWhere('f.orgId IN (:...ids)', { ids });
      qb.groupBy('f.category').addGroupBy('f.handlingTier').addGroupBy('f.month');
      if (byOrg) qb.addSelect('f.orgId', 'orgId').addGroupBy('f.orgId');
      for (const r of await qb.getRawMany<Record<string, unknown>>()) {
        const s = sums({ ...r, frDue: r.frAnswered, medDue: r.medResolved });
        open.fr += s.received - Number(r.frAnswered ?? 0);
        open.med += Number(r.medOpen ?? 0);
        groups.push({ orgId: String(r.orgId ?? ''), category: String(r.category), tier: Number(r.tier), month: index.get(String(r.month))!, sums: s });
      }
    }
    let overdueNow = 0;
    if (!byOrg) {
      const range = whole.length ? { wFrom: beijingDayStart(`${whole[0]}-01`), wTo: new Date(beijingDayStart(monthEnd(whole[whole.length - 1])).getTime() + DAY) } : null;
      const n = await this.nowCounts(scope, ids, range, now);
      late.fr = open.fr - n.frAhead;
      late.med = open.med - n.medAhead;
      overdueNow = n.running - n.dueAhead;
    }

    if (parts.length) {
      // the month of each claim as an index into the period's months (a one-month period has no CASE to make)
      const bucket = starts.length === 1 ? '0' : `CASE ${starts
        .slice(1)
        .map((_, i) => `WHEN c.submittedAt < :m${i + 1} THEN ${i}`)
        .join(' ')} ELSE ${starts.length - 1} END`;
      const qb = this.claims.createQueryBuilder('c').select([]);
      if (isBroadScope(scope)) qb.useIndex('ix_claims_dashboard');
      for (const [key, sql] of SUM_SQL) qb.addSelect(sql, key);
      qb.addSelect('c.category', 'category').addSelect('c.handlingTier', 'tier').addSelect(bucket, 'month');
      if (ids) qb.andWhere('c.orgId IN (:...ids)', { ids });
      qb.andWhere(`(${parts.map((_, i) => `(c.submittedAt >= :pFrom${i} AND c.submittedAt < :pTo${i})`).join(' OR ')})`, Object.fromEntries(parts.flatMap(([a, b], i) => [[`pFrom${i}`, a], [`pTo${i}`, b]])));
      qb.setParameter('now', now).setParameters(Object.fromEntries(starts.map((s, i) => [`m${i}`, s])));
      qb.groupBy('c.category').addGroupBy('c.handlingTier').addGroupBy('month');
      if (byOrg) qb.addSelect('c.orgId', 'orgId').addGroupBy('c.orgId');
      for (const r of await qb.getRawMany<Record<string, unknown>>()) {
        groups.push({ orgId: String(r.orgId ?? ''), category: String(r.category), tier: Number(r.tier), month: Number(r.month), sums: sums(r) });
      }
    }
    return { groups, late, overdueNow };
  }

  /**
   * The figures that move with the clock, in one statement that reads no claim whose deadline has passed:
   * - `running`: the scope's claims with a running deadline, from the open counters `claim_open_counts` (kept in the
   *   claims' transactions); 当前超期 = running − `dueAhead` (those whose deadline is still ahead, `dueAt >= now`);
   * - `frAhead` / `medAhead`: the whole months' unanswered / unresolved claims whose deadline is still ahead, which
   *   the caller subtracts from the summary rows' open counts to get the late ones.
   * Each count is a range on a deadline index from `now` on: only the claims of the last days (a first response is
   * due in a working day or two, mediation in weeks), whatever the size of the table.
   */
  private async nowCounts(scope: LedgerScope, ids: string[] | null, range: { wFrom: Date; wTo: Date } | null, now: Date): Promise<{ running: number; dueAhead: number; frAhead: number; medAhead: number }> {
    const broad = isBroadScope(scope);
    const qb = this.figures.manager.createQueryBuilder().from(ClaimOpenCount, 'o').select('SUM(o.running)', 'running');
    if (ids) qb.where('o.orgId IN (:...ids)', { ids });
    const ahead = (alias: string, indexName: string, where: string, period: boolean) => {
      const sub = qb.subQuery().select('COUNT(*)').from(Claim, alias).where(where.replace(/\bc\./g, `${alias}.`), { now });
      if (ids) sub.andWhere(`${alias}.orgId IN (:...ids)`, { ids });
      if (period && range) sub.andWhere(`${alias}.submittedAt >= :wFrom AND ${alias}.submittedAt < :wTo`, range);
      if (broad) sub.useIndex(indexName);
      return sub.getQuery();
    };
    qb.addSelect(ahead('d', 'ix_claims_due', 'c.dueAt >= :now', false), 'dueAhead');
    if (range) {
      qb.addSelect(ahead('u', 'ix_claims_unanswered', 'c.firstResponseAt IS NULL AND c.firstResponseDueAt >= :now', true), 'frAhead');
      qb.addSelect(ahead('m', 'ix_claims_unresolved', 'c.resolvedAt IS NULL AND c.mediationDueAt >= :now', true), 'medAhead');
    }
    const r = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    return { running: Number(r.running ?? 0), dueAhead: Number(r.dueAhead ?? 0), frAhead: Number(r.frAhead ?? 0), medAhead: Number(r.medAhead ?? 0) };
  }

  /**
   * The scope as its org ids (one small query): as a literal list it is checked inside the indexes, where the usual
   * `orgId IN (subquery)` made MariaDB join the orgs table once per claim.
   */
  private async scopeIds(scope: string[]): Promise<string[]> {
    return (await this.orgs.all()).filter((o) => scope.some((p) => o.path.startsWith(p))).map((o) => o.id);
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
