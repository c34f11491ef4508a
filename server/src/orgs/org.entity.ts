import type { OrgLevel } from '@nuanxin/shared';
import { Column, Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, RefColumn } from '../database/columns';

/**
 * A union org. `path` is the materialised path of ids from the root (`/rootId/…/ownId/`): descendants are
 * `path LIKE 'prefix%'` and ancestors are the ids in the path, portable to MySQL 5+, SQLite and TiDB.
 */
@Entity('orgs')
export class Org {
  @IdColumn() id: string;

  @Index('uq_orgs_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: OrgLevel;

  @Index('ix_orgs_parent')
  @RefColumn(true)
  parentId: string | null;

  @Index('ix_orgs_path')
  @Column({ type: 'varchar', length: 400 })
  path: string;

  @Column({ type: 'int' })
  depth: number;

  @BoolColumn() autoApprove = false;
  @BoolColumn() catchAll = false;
  @BoolColumn() isMediationCentre = false;
  @BoolColumn() active = true;

  /** Union mediation deadline in working days for claims this org accepts (NULL = the default 3). */
  @Column({ type: 'int', nullable: true, default: null })
  mediationWorkdays: number | null = null;

  @DateTimeColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}
