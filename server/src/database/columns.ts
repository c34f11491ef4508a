import { Column, PrimaryColumn } from 'typeorm';
import { randomUUID } from 'node:crypto';

/**
 * Column helpers shared by every entity. No database-side defaults: the application sets values, so the
 * MySQL and SQLite schemas generated from one entity set never drift on dialect-specific default syntax.
 */
export const IdColumn = () => PrimaryColumn({ type: 'varchar', length: 36 });
export const newId = () => randomUUID();
export const RefColumn = (nullable = false) => Column({ type: 'varchar', length: 36, nullable, default: nullable ? null : undefined });
export const DateTimeColumn = (nullable = false) => Column({ type: 'datetime', precision: 3, nullable, default: nullable ? null : undefined });
export const BoolColumn = () => Column({ type: 'boolean' });
