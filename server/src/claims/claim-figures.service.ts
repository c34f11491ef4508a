import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@nuanxin/shared';
import { DataSource, type EntityManager, type EntitySubscriberInterface, type InsertEvent } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { ClaimFigure } from './claim-figure.entity';
import { ClaimOpenCount } from './claim-open-count.entity';
import { Claim } from './claim.entity';

/** The sums kept per summary row (see ClaimFigure). */
export const FIGURE_KEYS = ['received', 'frOnTime', 'frAnswered', 'medOnTime', 'medResolved', 'mediated', 'withOutcome', 'resolved', 'agreed', 'recovered', 'rated', 'ratingSum', 'satisfied', 'medOpen'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Record<FigureKey, number>;

/** The claim columns a figure reads; a change to any other column leaves the summary alone. */
export type FigureFields = Pick<Claim, 'orgId' | 'submittedAt' | 'category' | 'handlingTier' | 'firstResponseAt' | 'firstResponseDueAt' | 'mediationDueAt' | 'resolvedAt' | 'outcome' | 'agreedFen' | 'recoveredFen' | 'ratingScore' | 'dueAt'>;

export interface FigureRowKey {
  orgId: string;
  month: string;
  category: string;
  handlingTier: number;
}

const time = (d: Date | string | null | undefined): number | null => (d === null || d === undefined ? null : new Date(d).getTime());

/** What one claim adds to its summary row (the same rules as the dashboard's SQL over the claims). */
export function contribution(c: FigureFields): { key: FigureRowKey; figures: Figures } {
  const frAt = time(c.firstResponseAt);
  const frDue = time(c.firstResponseDueAt)!;
  const medDue = time(c.mediationDueAt);
  const resolvedAt = time(c.resolvedAt);
  const score = c.ratingScore ?? null;
  return {
    key: { orgId: c.orgId, month: shanghaiDate(new Date(c.submittedAt)).slice(0, 7), category: c.category, handlingTier: Number(c.handlingTier) },
    figures: {
      received: 1,
      frOnTime: frAt !== null && frAt <= frDue ? 1 : 0,
      frAnswered: frAt !== null ? 1 : 0,
      medOnTime: medDue !== null && resolvedAt !== null && resolvedAt <= medDue ? 1 : 0,
      medResolved: medDue !== null && resolvedAt !== null ? 1 : 0,
      mediated: c.outcome === 'mediated' ? 1 : 0,
      withOutcome: c.outcome && c.outcome !== 'withdrawn' ? 1 : 0,
      resolved: resolvedAt !== null ? 1 : 0,
      agreed: Number(c.agreedFen ?? 0),
      recovered: Number(c.recoveredFen ?? 0),
      rated: score !== null ? 1 : 0,
      ratingSum: Number(score ?? 0),
      satisfied: score !== null && score >= 4 ? 1 : 0,
      medOpen: medDue !== null && resolvedAt === null ? 1 : 0,
    },
  };
}

const keyString = (k: FigureRowKey) => `${k.orgId}|${k.month}|${k.category}|${k.handlingTier}`;

/**
 * Keeps `claim_figures` in step with the claims, in the transaction that changes a claim:
 * - every claim row inserted (the service's filing, seeds, fixtures) is counted by this subscriber's `afterInsert`,
 *   on the inserting query runner;
 * - every state change goes through `ClaimsService.transition`, whose compare-and-set on (status, updatedAt) makes
 *   the loaded claim the exact row it replaced, so `apply(em, before, after)` adds the exact difference.
 * A row is `UPDATE … SET n = n + d`; when it does not exist yet it is inserted, and a concurrent insert of the same
 * row (unique violation) falls back to the update. No `ON DUPLICATE KEY`, no triggers (docs/scaling.md).
 */
@Injectable()
export class ClaimFigures implements EntitySubscriberInterface<Claim> {
  constructor(private readonly dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  listenTo() {
    return Claim;
  }

  async afterInsert(event: InsertEvent<Claim>): Promise<void> {
    await this.apply(event.manager, null, event.entity);
  }

  /** Adds after − before to the summary rows (either may be null: a claim appearing or disappearing). */
  async apply(em: EntityManager, before: FigureFields | null, after: FigureFields | null): Promise<void> {
    const deltas = new Map<string, { key: FigureRowKey; figures: Figures }>();
    const put = (c: FigureFields, sign: 1 | -1) => {
      const { key, figures } = contribution(c);
      const k = keyString(key);
      const d = deltas.get(k) ?? { key, figures: Object.fromEntries(FIGURE_KEYS.map((f) => [f, 0])) as Figures };
      for (const f of FIGURE_KEYS) d.figures[f] += sign * figures[f];
      deltas.set(k, d);
    };
    if (before) put(before, -1);
    if (after) put(after, 1);
    // rows in one order in every transaction (a transfer a→b and one b→a must not lock them crosswise)
    for (const { key, figures } of [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d)) {
      if (FIGURE_KEYS.every((f) => figures[f] === 0)) continue;
      if (await this.add(em, key, figures)) continue;
      try {
        await em.insert(ClaimFigure, { ...key, ...figures });
      } catch (err) {
        // another transaction created the row meanwhile (MariaDB rolls back only the failed statement)
        if (!isUniqueViolation(err) || !(await this.add(em, key, figures))) throw err;
      }
    }
    // the org's open-state counter: claims with a running deadline
    const running = new Map<string, number>();
    if (before?.dueAt) running.set(before.orgId, (running.get(before.orgId) ?? 0) - 1);
    if (after?.dueAt) running.set(after.orgId, (running.get(after.orgId) ?? 0) + 1);
    for (const [orgId, d] of [...running.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!d) continue;
      const bump = () => em.createQueryBuilder().update(ClaimOpenCount).set({ running: () => `${this.col('running')} + (${d})` }).where('orgId = :orgId', { orgId }).execute();
      if ((await bump()).affected) continue;
      try {
        await em.insert(ClaimOpenCount, { orgId, running: d });
      } catch (err) {
        if (!isUniqueViolation(err) || !(await bump()).affected) throw err;
      }
    }
  }

  private async add(em: EntityManager, key: FigureRowKey, figures: Figures): Promise<boolean> {
    const set: Record<string, () => string> = {};
    for (const f of FIGURE_KEYS) {
      const d = figures[f];
      if (!Number.isSafeInteger(d)) throw new Error(`claim figure ${f}: ${d}`);
      if (d) set[f] = () => `${this.col(f)} + (${d})`;
    }
    const res = await em.createQueryBuilder().update(ClaimFigure).set(set).where('orgId = :orgId AND month = :month AND category = :category AND handlingTier = :handlingTier', key).execute();
    return !!res.affected;
  }

  private col(name: string): string {
    return this.dataSource.driver.escape(name);
  }

  /** Recomputes every summary row from the claims (the backfill; the benchmark after its raw multi-row inserts). */
  async rebuild(em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.query(`DELETE FROM ${this.col('claim_figures')}`);
    await em.query(figuresFromClaimsSql(this.dialect()));
    await em.query(`DELETE FROM ${this.col('claim_open_counts')}`);
    await em.query(`INSERT INTO ${this.col('claim_open_counts')} ${openCountsFromClaimsSql(this.dialect())}`);
  }

  /**
   * Reconciliation: recomputes every summary row and open counter from the claims and returns where the stored ones
   * differ (empty = in step). Rows whose sums are all zero count as absent (a claim moving away leaves its old row
   * at zero). Reads the whole claims table: for tests and an operator's check, not for a request.
   */
  async differences(em: EntityManager = this.dataSource.manager): Promise<string[]> {
    const d = this.dialect();
    const cols = ['orgId', 'month', 'category', 'handlingTier', ...FIGURE_KEYS];
    const q = (s: string) => (d === 'sqlite' ? `"${s}"` : `\`${s}\``);
    const keyed = (rows: Array<Record<string, unknown>>, key: string[], values: readonly string[]) => {
      const out = new Map<string, string>();
      for (const r of rows) {
        const v = values.map((k) => Number(r[k] ?? 0));
        if (v.some((x) => x !== 0)) out.set(key.map((k) => String(r[k])).join('|'), v.join(','));
      }
      return out;
    };
    const compare = (what: string, stored: Map<string, string>, fresh: Map<string, string>) =>
      [...new Set([...stored.keys(), ...fresh.keys()])].filter((k) => stored.get(k) !== fresh.get(k)).map((k) => `${what} ${k}: stored ${stored.get(k) ?? 'none'}, from the claims ${fresh.get(k) ?? 'none'}`);
    const key = ['orgId', 'month', 'category', 'handlingTier'];
    const figures = compare(
      'claim_figures',
      keyed(await em.query(`SELECT ${cols.map(q).join(', ')} FROM ${q('claim_figures')}`), key, FIGURE_KEYS),
      keyed(await em.query(figuresFromClaimsSql(d, false)), key, FIGURE_KEYS),
    );
    const open = compare(
      'claim_open_counts',
      keyed(await em.query(`SELECT ${q('orgId')}, ${q('running')} FROM ${q('claim_open_counts')}`), ['orgId'], ['running']),
      keyed(await em.query(openCountsFromClaimsSql(d)), ['orgId'], ['running']),
    );
    return [...figures, ...open];
  }

  private dialect(): 'sqlite' | 'mysql' {
    return this.dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }
}

/** `(orgId, running) SELECT …` of every open counter from the claims, for one dialect. */
export function openCountsFromClaimsSql(dialect: 'sqlite' | 'mysql'): string {
  const q = (s: string) => (dialect === 'sqlite' ? `"${s}"` : `\`${s}\``);
  return `SELECT ${q('orgId')}, COUNT(*) AS ${q('running')} FROM ${q('claims')} WHERE ${q('dueAt')} IS NOT NULL GROUP BY ${q('orgId')}`;
}

/** INSERT … SELECT of every summary row from the claims (or the SELECT alone), for one dialect (the migrations keep their own copies). */
export function figuresFromClaimsSql(dialect: 'sqlite' | 'mysql', insert = true): string {
  const q = (s: string) => (dialect === 'sqlite' ? `"${s}"` : `\`${s}\``);
  const month = dialect === 'sqlite' ? `strftime('%Y-%m', ${q('submittedAt')}, '+8 hours')` : `DATE_FORMAT(DATE_ADD(${q('submittedAt')}, INTERVAL 8 HOUR), '%Y-%m')`;
  const cols: Array<[FigureKey, string]> = [
    ['received', 'COUNT(*)'],
    ['frOnTime', `SUM(CASE WHEN ${q('firstResponseAt')} IS NOT NULL AND ${q('firstResponseAt')} <= ${q('firstResponseDueAt')} THEN 1 ELSE 0 END)`],
    ['frAnswered', `SUM(CASE WHEN ${q('firstResponseAt')} IS NOT NULL THEN 1 ELSE 0 END)`],
    ['medOnTime', `SUM(CASE WHEN ${q('mediationDueAt')} IS NOT NULL AND ${q('resolvedAt')} IS NOT NULL AND ${q('resolvedAt')} <= ${q('mediationDueAt')} THEN 1 ELSE 0 END)`],
    ['medResolved', `SUM(CASE WHEN ${q('mediationDueAt')} IS NOT NULL AND ${q('resolvedAt')} IS NOT NULL THEN 1 ELSE 0 END)`],
    ['mediated', `SUM(CASE WHEN ${q('outcome')} = 'mediated' THEN 1 ELSE 0 END)`],
    ['withOutcome', `SUM(CASE WHEN ${q('outcome')} IS NOT NULL AND ${q('outcome')} <> 'withdrawn' THEN 1 ELSE 0 END)`],
    ['resolved', `SUM(CASE WHEN ${q('resolvedAt')} IS NOT NULL THEN 1 ELSE 0 END)`],
    ['agreed', `SUM(COALESCE(${q('agreedFen')}, 0))`],
    ['recovered', `SUM(COALESCE(${q('recoveredFen')}, 0))`],
    ['rated', `SUM(CASE WHEN ${q('ratingScore')} IS NOT NULL THEN 1 ELSE 0 END)`],
    ['ratingSum', `SUM(COALESCE(${q('ratingScore')}, 0))`],
    ['satisfied', `SUM(CASE WHEN ${q('ratingScore')} >= 4 THEN 1 ELSE 0 END)`],
    ['medOpen', `SUM(CASE WHEN ${q('mediationDueAt')} IS NOT NULL AND ${q('resolvedAt')} IS NULL THEN 1 ELSE 0 END)`],
  ];
  return (
    `${insert ? `INSERT INTO ${q('claim_figures')} (${['orgId', 'month', 'category', 'handlingTier', ...cols.map(([k]) => k)].map(q).join(', ')}) ` : ''}` +
    `SELECT ${q('orgId')}, ${month} AS ${q('month')}, ${q('category')}, ${q('handlingTier')}, ${cols.map(([k, s]) => `${s} AS ${q(k)}`).join(', ')} ` +
    `FROM ${q('claims')} GROUP BY ${q('orgId')}, ${month}, ${q('category')}, ${q('handlingTier')}`
  );
}
