import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { IsNull, LessThan, Repository } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { AppConfig } from '../config/app-config';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { JobRun } from './job-run.entity';
import { JOBS, type Job } from './job';

/**
 * The jobs room's clock: the only timer in the server. Every `JOBS_TICK_MS` it starts each job that is due, never
 * two runs of one job at once in a process. Cluster jobs claim their slot in `job_runs`, renew the claim while
 * they run, and take over a slot whose owner stopped renewing (killed mid-run), so every slot runs once and
 * none is lost; replica jobs simply run on every replica.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer?: NodeJS.Timeout;
  private readonly running = new Map<string, Promise<void>>();
  private readonly nextAt = new Map<string, number>();
  private stopped = false;

  constructor(
    @Inject(JOBS) private readonly jobs: Job[],
    @Inject(AppConfig) private readonly config: AppConfig,
    @InjectRepository(JobRun) private readonly runs: Repository<JobRun>,
    private readonly tx: TransactionService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.JOBS_ENABLED) return;
    this.timer = setInterval(() => void this.tick(), this.config.JOBS_TICK_MS);
    this.timer.unref();
  }

  /** Stops the clock and lets running jobs finish while the database is still open (it closes at shutdown). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.allSettled(this.running.values());
  }

  get names(): string[] {
    return this.jobs.map((j) => j.name);
  }

  /** Starts every due job; the promise settles when they have run (the timer does not wait for it). Tests pass their own clock. */
  tick(now = new Date()): Promise<void> {
    const started: Array<Promise<void>> = [];
    for (const job of this.jobs) {
      if (this.stopped || this.running.has(job.name)) continue;
      if (now.getTime() < (this.nextAt.get(job.name) ?? 0)) continue;
      const every = job.everyMs(this.config);
      const offset = this.offsetOf(job, every);
      this.nextAt.set(job.name, job.scope === 'cluster' ? (Math.floor((now.getTime() - offset) / every) + 1) * every + offset : now.getTime() + every);
      const run = (job.scope === 'cluster' ? this.runCluster(job, now, every) : this.runReplica(job, now))
        .catch((err: Error) => this.logger.warn(`job ${job.name} failed: ${err.message}`))
        .finally(() => this.running.delete(job.name));
      this.running.set(job.name, run);
      started.push(run);
    }
    return Promise.all(started).then(() => undefined);
  }

  /** Runs one job now, whatever its schedule (operations and tests). */
  async runNow(name: string, now = new Date()): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    await (job.scope === 'cluster' ? this.runCluster(job, now, job.everyMs(this.config)) : this.runReplica(job, now));
  }

  private offsetOf(job: Job, every: number): number {
    const offset = job.offsetMs?.(this.config) ?? 0;
    return ((offset % every) + every) % every;
  }

  private async runReplica(job: Job, now: Date): Promise<void> {
    await job.run(now);
  }

  private async runCluster(job: Job, now: Date, every: number): Promise<void> {
    const slot = String(Math.floor((now.getTime() - this.offsetOf(job, every)) / every));
    const mine = (await this.claim(job.name, slot, now)) ?? (await this.takeOver(job.name, now));
    if (!mine) return;
    await this.execute(job, mine, now);
  }

  private leaseEnd(from: number): Date {
    return new Date(from + this.config.JOBS_LEASE_MS);
  }

  /** The first replica to insert (job, slot) owns the run. */
  private async claim(job: string, slot: string, now: Date): Promise<JobRun | null> {
    const row: JobRun = { id: newId(), job, slot, owner: this.owner, attempts: 1, startedAt: now, leaseUntil: this.leaseEnd(now.getTime()), finishedAt: null, error: null };
    try {
      await this.tx.run((em) => em.insert(JobRun, row));
      return row;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /** A run whose owner died (its lease ran out unfinished) is taken by a guarded update: one replica wins. */
  private async takeOver(job: string, now: Date): Promise<JobRun | null> {
    const stale = await this.runs.findOne({ where: { job, finishedAt: IsNull(), leaseUntil: LessThan(now) }, order: { slot: 'ASC' } });
    if (!stale) return null;
    const res = await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(JobRun)
        .set({ owner: this.owner, leaseUntil: this.leaseEnd(now.getTime()), attempts: () => 'attempts + 1' })
        .where('id = :id AND finishedAt IS NULL AND leaseUntil < :now', { id: stale.id, now })
        .execute(),
    );
    if (!res.affected) return null;
    this.logger.warn(`job ${job} slot ${stale.slot}: taken over from ${stale.owner}`);
    return { ...stale, owner: this.owner };
  }

  private async execute(job: Job, run: JobRun, now: Date): Promise<void> {
    // Renew the lease while the job runs, so only a dead owner's run is ever taken over.
    const renew = setInterval(() => {
      void this.tx
        .run((em) => em.update(JobRun, { id: run.id, owner: this.owner, finishedAt: IsNull() }, { leaseUntil: this.leaseEnd(Date.now()) }))
        .catch(() => undefined);
    }, Math.max(50, Math.floor(this.config.JOBS_LEASE_MS / 3)));
    renew.unref();
    let error: string | null = null;
    try {
      const result = await job.run(now);
      this.logger.log(`job ${job.name} slot ${run.slot} ran on ${this.owner}: ${JSON.stringify(result ?? null)}`);
    } catch (err) {
      error = (err as Error).message.slice(0, 200);
      this.logger.warn(`job ${job.name} slot ${run.slot} failed: ${error}`);
    } finally {
      clearInterval(renew);
    }
    await this.tx.run((em) => em.update(JobRun, { id: run.id, owner: this.owner }, { finishedAt: new Date(), error }));
  }
}
