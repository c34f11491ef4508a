import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BoolColumn } from '../database/columns';

/**
 * Exception days of China's official calendar: holidays that fall on weekdays (and the weekend days inside
 * a holiday) as `workday = false`, make-up working days (调休) as `workday = true`. Every other day of a year
 * that has rows follows Monday–Friday. A year without rows is "no data" and deadlines in it are estimated.
 */
@Entity('calendar_days')
export class CalendarDay {
  @PrimaryColumn({ type: 'varchar', length: 10 }) date: string;
  @BoolColumn() workday: boolean;
  @Column({ type: 'varchar', length: 50, nullable: true, default: null }) note: string | null;
}
