import type { AppConfig } from '../config/app-config';

/**
 * One piece of timed work, in a file of its own (`*.job.ts`).
 * - `cluster`: runs once per time slot across all replicas (the slot is claimed by a unique insert). Its work
 *   should also be a guarded state change, so a run taken over after a crash repeats nothing that was done.
 * - `replica`: runs on every replica (refreshing what each holds in memory, or draining a queue whose rows are
 *   claimed one by one).
 */
export interface Job {
  readonly name: string;
  readonly scope: 'cluster' | 'replica';
  /** The period in ms, from config so tests can shorten it. */
  everyMs(config: AppConfig): number;
  /** Where a cluster job's slots start, in ms after each multiple of `everyMs` since the epoch (UTC); 0 when absent. A daily job at 02:30 Beijing time = 18.5 h. */
  offsetMs?(config: AppConfig): number;
  run(now: Date): Promise<unknown>;
}

/** The multi-provider token every job is registered under. */
export const JOBS = Symbol('JOBS');
