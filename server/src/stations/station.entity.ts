import type { Closure, HostType, StationLevel, WeeklyHours } from '@nuanxin/shared';
import { Column, Entity, Index, type ValueTransformer } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** DECIMAL comes back from MySQL as a string; the app works in numbers. */
const decimal: ValueTransformer = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };
/** Small structured values stored as JSON text (portable: no JSON column type needed). */
export const jsonText = <T>(): ValueTransformer => ({
  to: (v: T | null | undefined) => (v == null ? v : JSON.stringify(v)),
  from: (v: string | null) => (v == null ? null : (JSON.parse(v) as T)),
});

@Entity('stations')
@Index('ix_stations_district', ['district'])
export class Station {
  @IdColumn() id: string;

  @Index('uq_stations_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ type: 'varchar', length: 200 }) address: string;
  @Column({ type: 'varchar', length: 20 }) district: string;

  /** GCJ-02, 6 decimal places (~0.1 m). */
  @Column({ type: 'decimal', precision: 9, scale: 6, transformer: decimal }) lat: number;
  @Column({ type: 'decimal', precision: 9, scale: 6, transformer: decimal }) lng: number;

  @Column({ type: 'varchar', length: 10 }) level: StationLevel;
  @RefColumn(true) parentId: string | null;
  @Column({ type: 'varchar', length: 20 }) hostType: HostType;
  @Column({ type: 'varchar', length: 30, nullable: true, default: null }) phone: string | null;
  @Column({ type: 'text', transformer: jsonText<string[]>() }) photos: string[];
  @Column({ type: 'text', transformer: jsonText<WeeklyHours>() }) hours: WeeklyHours;
  @Column({ type: 'text', transformer: jsonText<Closure[]>() }) closures: Closure[];
  @Column({ type: 'text', transformer: jsonText<string[]>() }) services: string[];
  /** open = listed and searchable; suspended = hidden from search (moved, closed for good). */
  @Column({ type: 'varchar', length: 10 }) status: 'open' | 'suspended';

  /** The union org that runs the station: its officers (and their ancestors') may edit it. */
  @Index('ix_stations_org')
  @RefColumn() orgId: string;

  @Column({ type: 'int' }) ratingSum = 0;
  @Column({ type: 'int' }) ratingCount = 0;

  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
