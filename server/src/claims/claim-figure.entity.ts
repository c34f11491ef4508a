import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The dashboards' summary rows: the sums every figure is made of, per (org owning the claims now, Beijing month of
 * filing, category, handling tier). Kept in the same transactions as the claim changes that move a figure
 * (`ClaimFigures`); rebuilt from scratch by the backfill migration and `ClaimFigures.rebuild`.
 * Only what is settled is summed here: `frAnswered` / `medResolved` count the answered / resolved claims, `medOpen`
 * the unresolved ones with a mediation deadline. Which of the unanswered / unresolved ones are late moves with the
 * clock, not with a write: the dashboard subtracts the few whose deadline is still ahead (an index range on the
 * deadline, only claims filed in the last days) from these counts.
 */
@Entity('claim_figures')
export class ClaimFigure {
  @PrimaryColumn({ type: 'varchar', length: 36 }) orgId: string;
  /** Beijing `YYYY-MM` of `submittedAt`. */
  @PrimaryColumn({ type: 'varchar', length: 7 }) month: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) category: string;
  @PrimaryColumn({ type: 'int' }) handlingTier: number;
  @Column({ type: 'int' }) received: number;
  @Column({ type: 'int' }) frOnTime: number;
  @Column({ type: 'int' }) frAnswered: number;
  @Column({ type: 'int' }) medOnTime: number;
  @Column({ type: 'int' }) medResolved: number;
  @Column({ type: 'int' }) mediated: number;
  @Column({ type: 'int' }) withOutcome: number;
  @Column({ type: 'int' }) resolved: number;
  @Column({ type: 'bigint' }) agreed: number;
  @Column({ type: 'bigint' }) recovered: number;
  @Column({ type: 'int' }) rated: number;
  @Column({ type: 'int' }) ratingSum: number;
  @Column({ type: 'int' }) satisfied: number;
  /** Claims with a mediation deadline not resolved yet (the dashboards' late mediations: these minus the ones still in time). */
  @Column({ type: 'int', default: 0 }) medOpen: number;
}
