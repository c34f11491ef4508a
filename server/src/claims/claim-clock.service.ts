import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AWAITING_CLAIM_STATUSES, beijingParts, CLAIM_LAW_RULES, shanghaiDate, WORKING_CLAIM_STATUSES } from '@nuanxin/shared';
import { In, IsNull, LessThan, LessThanOrEqual, Not, Repository } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrgsService } from '../orgs/orgs.service';
import { UsersService } from '../users/users.service';
import { ClaimAgreements } from './claim-agreements.service';
import { ClaimDigest } from './claim-digest.entity';
import { ClaimTiers } from './claim-tiers.service';
import { Claim } from './claim.entity';
import { ClaimsService } from './claims.service';

/** Claims looked at per kind of work per run; the rest wait for the next run (each run is minutes apart). */
const BATCH = 200;
/** Claim numbers named in a digest; the count says how many more. */
const DIGEST_NUMBERS = 3;

const ref = (c: Pick<Claim, 'id' | 'number'>) => ({ claimId: c.id, number: c.number });
const deadlineOf = (c: Pick<Claim, 'status'>) => (AWAITING_CLAIM_STATUSES.includes(c.status) ? ('first_response' as const) : ('mediation' as const));

/**
 * The SLA clock (有时限 made to act), run by the jobs room as a cluster job. Every piece of work is keyed on a
 * pending instant of the claim (`halfWarnAt`, `overdueWarnAt`, `escalateAt`, `arbitrationPromptAt`; `askAt` of an
 * instalment) that is cleared by compare-and-set in the same transaction as the notice, or on a state change
 * guarded by the claim's status; the digest on a unique (officer, day) row. So however many replicas run it, and
 * a run taken over after a crash, each warning, escalation and question happens once.
 */
@Injectable()
export class ClaimClock {
  private readonly logger = new Logger('ClaimClock');

  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    @InjectRepository(ClaimDigest) private readonly digests: Repository<ClaimDigest>,
    private readonly service: ClaimsService,
    private readonly agreements: ClaimAgreements,
    private readonly tiers: ClaimTiers,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly orgs: OrgsService,
    private readonly tx: TransactionService,
  ) {}

  async run(now = new Date()): Promise<Record<string, number>> {
    // moves first: a claim referred or escalated now has a new deadline, so it is not warned about the old one
    const clockDates = await this.backfillClockDates(now);
    const referred = await this.autoRefer(now);
    const escalated = await this.autoEscalate(now);
    return {
      clockDates,
      referred,
      escalated,
      half: await this.halfWarnings(now),
      overdue: await this.overdueWarnings(now),
      arbitrationPrompts: await this.arbitrationPrompts(now),
      paymentQuestions: await this.paymentQuestions(now),
      digests: await this.digest(now),
    };
  }

  /**
   * Tier-1 mediation overdue → the linkage mediation centre (tier 2). Only claims of orgs that have a centre to go
   * to are picked, so claims that must stay where they are never crowd the others out of the batch.
   */
  private async autoRefer(now: Date): Promise<number> {
    const where = { dueAt: LessThanOrEqual(now), status: In([...WORKING_CLAIM_STATUSES]), handlingTier: 1 as const };
    const orgIds = (
      await this.claims
        .createQueryBuilder('c')
        .select('DISTINCT c.orgId', 'orgId')
        .where('c.dueAt <= :now AND c.status IN (:...working) AND c.handlingTier = 1', { now, working: WORKING_CLAIM_STATUSES })
        .getRawMany<{ orgId: string }>()
    ).map((r) => r.orgId);
    const referable: string[] = [];
    for (const org of await this.orgs.findByIds(orgIds)) if (await this.tiers.centreFor(org)) referable.push(org.id);
    if (!referable.length) return 0;
    const due = await this.claims.find({ where: { ...where, orgId: In(referable) }, order: { dueAt: 'ASC' }, take: BATCH });
    return this.each(due, (c) => this.service.autoRefer(c, now));
  }

  /**
   * Running claims filed before the tiers release get their clock dates (see ClaimsService.backfillClock). Read on
   * `ix_claims_due` (running deadline) with `tierEnteredAt` unset: once filled, nothing is found again.
   */
  private async backfillClockDates(now: Date): Promise<number> {
    const due = await this.claims.find({ where: { dueAt: Not(IsNull()), tierEnteredAt: IsNull() }, take: BATCH });
    return this.each(due, (c) => this.service.backfillClock(c, now));
  }

  /** First response overdue by one more working day → the parent org. */
  private async autoEscalate(now: Date): Promise<number> {
    const due = await this.claims.find({ where: { escalateAt: LessThanOrEqual(now) }, order: { escalateAt: 'ASC' }, take: BATCH });
    return this.each(due, (c) => this.service.autoEscalate(c, now));
  }

  private async halfWarnings(now: Date): Promise<number> {
    const due = await this.claims.find({ where: { halfWarnAt: LessThanOrEqual(now) }, take: BATCH });
    return this.each(due, async (c) => {
      const handlers = await this.handlers(c);
      return this.tx.run(async (em) => {
        if (!(await this.service.clearPending(em, c, 'halfWarnAt'))) return false;
        if (!c.dueAt || !handlers.length) return false;
        await this.notifications.notify(em, 'claim.deadline_half', handlers, { ...ref(c), deadline: deadlineOf(c), dueAt: c.dueAt.toISOString() }, { ref: `${c.id}:${c.dueAt.getTime()}` });
        return true;
      });
    });
  }

  /** Who handles a claim for the clock: its assignee; a claim nobody is assigned to: its org's officers. */
  private async handlers(c: Claim): Promise<string[]> {
    return c.assigneeId ? [c.assigneeId] : this.users.officersOf(c.orgId);
  }

  /** To the assignee and the officers of the parent org (the supervisors). */
  private async overdueWarnings(now: Date): Promise<number> {
    const due = await this.claims.find({ where: { overdueWarnAt: LessThanOrEqual(now) }, take: BATCH });
    return this.each(due, async (c) => {
      const org = await this.orgs.findById(c.orgId);
      const supervisors = org?.parentId ? await this.users.officersOf(org.parentId) : [];
      const handlers = await this.handlers(c);
      return this.tx.run(async (em) => {
        if (!(await this.service.clearPending(em, c, 'overdueWarnAt'))) return false;
        if (!c.dueAt) return false;
        const params = { ...ref(c), deadline: deadlineOf(c), dueAt: c.dueAt.toISOString() };
        const key = `${c.id}:${c.dueAt.getTime()}`;
        if (handlers.length) await this.notifications.notify(em, 'claim.overdue', handlers, { ...params, supervisor: false }, { ref: key });
        await this.notifications.notify(em, 'claim.overdue', supervisors.filter((u) => !handlers.includes(u)), { ...params, supervisor: true }, { ref: key });
        return true;
      });
    });
  }

  /** Art. 14, day 15: tell the worker of the right and ask 继续调解 or 申请仲裁 (the claim page holds the choice). */
  private async arbitrationPrompts(now: Date): Promise<number> {
    const due = await this.claims.find({ where: { arbitrationPromptAt: LessThanOrEqual(now) }, take: BATCH });
    return this.each(due, (c) =>
      this.tx.run(async (em) => {
        if (!(await this.service.clearPending(em, c, 'arbitrationPromptAt'))) return false;
        await this.notifications.notify(em, 'claim.arbitration_right', [c.workerId], { ...ref(c), date: shanghaiDate(c.arbitrationPromptAt!) }, { ref: `${c.id}:${c.arbitrationPromptAt!.getTime()}` });
        return true;
      }),
    );
  }

  /** On each payment's due date: 是否已收到 (only while the claim rests resolved or closed). */
  private async paymentQuestions(now: Date): Promise<number> {
    const due = await this.agreements.dueToAsk(now, BATCH);
    const byId = new Map((await this.claims.findBy({ id: In([...new Set(due.map((i) => i.claimId))]) })).map((c) => [c.id, c]));
    return this.each(due, (inst) =>
      this.tx.run(async (em) => {
        const c = byId.get(inst.claimId);
        if (!(await this.agreements.markAsked(em, inst, now)) || !c || (c.status !== 'resolved' && c.status !== 'closed')) return false;
        await this.notifications.notify(em, 'claim.payment_due', [c.workerId], { ...ref(c), amountFen: inst.amountFen, dueDate: inst.dueDate }, { ref: inst.id });
        return true;
      }),
    );
  }

  /**
   * Once a Beijing day, from the digest hour, to every officer responsible for overdue claims: the assignee of an
   * assigned one, the officers of the org holding an unassigned one. Each gets their count and the most overdue
   * numbers. One grouped read of the overdue claims (a range on `ix_claims_due`), one read of the orgs' officers;
   * the unique (officer, day) row written with the notice makes it once across replicas.
   */
  private async digest(now: Date): Promise<number> {
    if (beijingParts(now).hours < CLAIM_LAW_RULES.digestHour) return 0;
    const day = shanghaiDate(now);
    const groups = await this.claims
      .createQueryBuilder('c')
      .select('c.assigneeId', 'assigneeId')
      .addSelect('c.orgId', 'orgId')
      .addSelect('COUNT(*)', 'n')
      .where('c.dueAt < :now', { now })
      .groupBy('c.assigneeId')
      .addGroupBy('c.orgId')
      .getRawMany<{ assigneeId: string | null; orgId: string; n: string | number }>();
    if (!groups.length) return 0;
    const officers = await this.users.holdersOf(groups.filter((g) => !g.assigneeId).map((g) => g.orgId));
    /** Per officer: how many overdue claims they answer for, and the orgs whose unassigned ones they hold. */
    const duty = new Map<string, { count: number; orgs: string[] }>();
    const add = (userId: string, n: number, orgId?: string) => {
      const d = duty.get(userId) ?? { count: 0, orgs: [] };
      d.count += n;
      if (orgId) d.orgs.push(orgId);
      duty.set(userId, d);
    };
    for (const g of groups) {
      if (g.assigneeId) add(g.assigneeId, Number(g.n));
      else for (const o of officers.filter((x) => x.orgId === g.orgId)) add(o.userId, Number(g.n), g.orgId);
    }
    const sent = new Set((await this.digests.find({ where: { day }, select: { userId: true } })).map((d) => d.userId));
    let n = 0;
    for (const [userId, { count, orgs }] of [...duty].filter(([u]) => !sent.has(u)).sort(([a], [b]) => a.localeCompare(b))) {
      const mine = [{ assigneeId: userId, dueAt: LessThan(now) }, ...(orgs.length ? [{ assigneeId: IsNull(), orgId: In(orgs), dueAt: LessThan(now) }] : [])];
      const top = await this.claims.find({ where: mine, order: { dueAt: 'ASC' }, take: DIGEST_NUMBERS, select: { id: true, number: true, dueAt: true } });
      try {
        await this.tx.run(async (em) => {
          await em.insert(ClaimDigest, { id: newId(), userId, day, overdue: count, sentAt: now });
          await this.notifications.notify(em, 'claim.digest', [userId], { count, numbers: top.map((c) => c.number) }, { ref: day });
        });
        n++;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // another replica sent it
      }
    }
    return n;
  }

  /** Runs `work` per item; one failing item is logged and does not stop the others. */
  private async each<T extends { id: string }>(items: T[], work: (item: T) => Promise<boolean>): Promise<number> {
    let done = 0;
    for (const item of items) {
      try {
        if (await work(item)) done++;
      } catch (err) {
        this.logger.warn(`claim clock: ${item.id}: ${(err as Error).message}`);
      }
    }
    return done;
  }
}
