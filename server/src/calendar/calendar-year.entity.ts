import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../database/columns';

/**
 * A year whose exception days are complete (official). Coverage is explicit: seeded from `chinese-days` or
 * declared by an admin once every holiday and make-up day of the year has been entered. A year without a row
 * follows Monday–Friday and its deadlines are estimated, whatever single days an admin has edited in it.
 */
@Entity('calendar_years')
export class CalendarYear {
  @PrimaryColumn({ type: 'int' }) year: number;
  @Column({ type: 'varchar', length: 20 }) source: 'chinese-days' | 'admin';
  @DateTimeColumn() coveredAt: Date;
}
