import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns';

/**
 * The stations change log: one row per changed station, appended in the transaction that changes it (edit,
 * rating, status, import). Every replica reads the rows after the last id it has taken in and re-reads just those
 * stations; rows are purged an hour after they were written (`stations-changes-purge`, once across replicas).
 * Appending instead of bumping one version row means concurrent ratings never wait on each other.
 */
@Entity('station_changes')
export class StationChange {
  @PrimaryGeneratedColumn('increment', { type: 'int' }) id: number;

  @Column({ type: 'varchar', length: 36 }) stationId: string;

  /** The index instance that wrote the row: it applies its own changes after its commit and skips them when polling. */
  @Column({ type: 'varchar', length: 36 }) source: string;

  @Index('ix_station_changes_created')
  @DateTimeColumn() createdAt: Date;
}
