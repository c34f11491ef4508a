import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Open-state counters per org (the org owning the claims now), kept in the same transactions as the claim changes
 * (`ClaimFigures`), like `claim_figures`: `running` = the org's claims with a running deadline (`dueAt` set). The
 * dashboards' 当前超期 is `running` of the scope minus its claims whose deadline is still ahead (`dueAt >= now`, an
 * index range over the last days' claims only), instead of a count of every overdue claim on each request.
 */
@Entity('claim_open_counts')
export class ClaimOpenCount {
  @PrimaryColumn({ type: 'varchar', length: 36 }) orgId: string;
  @Column({ type: 'int' }) running: number;
}
