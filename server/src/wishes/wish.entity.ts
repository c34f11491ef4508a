import type { WishCategory, WishDonorType, WishHandover, WishStatus } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/**
 * A micro-wish (微心愿) and its whole lifecycle. The wisher appears only as `alias` (made once at posting from
 * the member name, never the name itself); `openKey` = the wisher's id while the wish is open, NULL after: its
 * unique index is what makes "one open wish per member" hold under concurrency.
 */
@Entity('wishes')
@Index('ix_wishes_wall', ['status', 'publishedAt', 'id'])
@Index('ix_wishes_screening', ['status', 'screeningDueAt', 'postedAt', 'id'])
@Index('ix_wishes_wisher', ['wisherId', 'postedAt'])
@Index('ix_wishes_donor', ['donorId', 'status'])
export class Wish {
  @IdColumn() id: string;

  @Index('uq_wishes_number', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  number: string;

  @RefColumn() wisherId: string;
  @Index('uq_wishes_open_key', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true, default: null })
  openKey: string | null;
  /** `<surname>师傅` or 匿名, as the wall shows the wisher. */
  @Column({ type: 'varchar', length: 20 }) alias: string;
  @BoolColumn() anonymous = false;

  /** The union that screens it (the wisher's membership org, or the nearest ancestor with officers). */
  @Index('ix_wishes_org')
  @RefColumn() orgId: string;
  /** The wisher's membership org when posting (its settings applied). */
  @RefColumn() memberOrgId: string;

  @Column({ type: 'varchar', length: 12 }) category: WishCategory;
  @Column({ type: 'varchar', length: 40 }) title: string;
  @Column({ type: 'text' }) story: string;
  @Column({ type: 'int' }) valueFen: number;
  @RefColumn(true) photoId: string | null;

  @Index('ix_wishes_station')
  @RefColumn() stationId: string;
  /** The pickup station's district, copied for the wall's filter. */
  @Column({ type: 'varchar', length: 20 }) district: string;

  @Column({ type: 'varchar', length: 12 }) status: WishStatus;
  @Column({ type: 'varchar', length: 10 }) handover: WishHandover;

  @RefColumn(true) donorId: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true, default: null }) donorType: WishDonorType | null;
  /** What the wall shows for the donor: their display name, or 匿名. */
  @Column({ type: 'varchar', length: 30, nullable: true, default: null }) donorName: string | null;
  @RefColumn(true) deliveryPhotoId: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true, default: null }) rejectReason: string | null;
  @Column({ type: 'varchar', length: 400, nullable: true, default: null }) thanks: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true, default: null }) closeNote: string | null;

  @DateTimeColumn() postedAt: Date;
  @DateTimeColumn() screeningDueAt: Date;
  @BoolColumn() screeningDueEstimated = false;
  @DateTimeColumn(true) decidedAt: Date | null;
  /** On the wall since: set at approval and again when a released wish goes back up (its 30 days count from here). The first publication is `decidedAt`. */
  @DateTimeColumn(true) publishedAt: Date | null;
  @DateTimeColumn(true) claimedAt: Date | null;
  @DateTimeColumn(true) deliveredAt: Date | null;
  @DateTimeColumn(true) receivedAt: Date | null;
  @DateTimeColumn(true) pickedUpAt: Date | null;
  @DateTimeColumn(true) fulfilledAt: Date | null;
  @DateTimeColumn(true) endedAt: Date | null;
  /** The confirm reminder was sent (once). */
  @DateTimeColumn(true) remindedAt: Date | null;
  @DateTimeColumn() updatedAt: Date;
}
