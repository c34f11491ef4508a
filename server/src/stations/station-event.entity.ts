import type { EventKind } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** An activity at a station (micro-concert, class, health check…) with a hard capacity. */
@Entity('station_events')
@Index('ix_station_events_station_start', ['stationId', 'startsAt'])
export class StationEvent {
  @IdColumn() id: string;
  @RefColumn() stationId: string;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 20 }) kind: EventKind;
  @Column({ type: 'varchar', length: 500, nullable: true, default: null }) description: string | null;
  @DateTimeColumn() startsAt: Date;
  @DateTimeColumn() endsAt: Date;
  @Column({ type: 'int' }) capacity: number;
  /** Seats taken; only ever changed by a conditional UPDATE so it never passes capacity. */
  @Column({ type: 'int' }) signedUp = 0;
  @Column({ type: 'varchar', length: 10 }) status: 'scheduled' | 'cancelled';
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}

/** One seat. `activeKey` = user id while the sign-up stands: unique per event, so one seat per person. */
@Entity('event_signups')
@Index('uq_event_signups_active', ['eventId', 'activeKey'], { unique: true })
export class EventSignup {
  @IdColumn() id: string;
  @RefColumn() eventId: string;
  @Index('ix_event_signups_user')
  @RefColumn() userId: string;
  @RefColumn(true) activeKey: string | null;
  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn(true) cancelledAt: Date | null;
}

/** A visit rating: one per user, station and Beijing day. */
@Entity('station_ratings')
@Index('uq_station_ratings_day', ['stationId', 'userId', 'day'], { unique: true })
export class StationRating {
  @IdColumn() id: string;
  @RefColumn() stationId: string;
  @RefColumn() userId: string;
  @Column({ type: 'varchar', length: 10 }) day: string;
  @Column({ type: 'int' }) score: number;
  @Column({ type: 'varchar', length: 300, nullable: true, default: null }) comment: string | null;
  @DateTimeColumn() createdAt: Date;
}
