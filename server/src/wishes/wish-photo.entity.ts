import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/** A wish's photo (the wisher's, of the item) or a delivery photo (the donor's); content-checked, stored by a generated key. */
@Entity('wish_photos')
export class WishPhoto {
  @IdColumn() id: string;
  @Index('ix_wish_photos_owner')
  @RefColumn() ownerId: string;
  @Index('ix_wish_photos_wish')
  @RefColumn(true) wishId: string | null;
  @Column({ type: 'varchar', length: 20 }) mime: string;
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'varchar', length: 100 }) storageKey: string;
  @DateTimeColumn() createdAt: Date;
}
