import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Named sequences (member numbers per year), advanced with a conditional UPDATE inside a transaction. */
@Entity('counters')
export class Counter {
  @PrimaryColumn({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'int' }) value: number;
}
