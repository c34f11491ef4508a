import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { TransactionService } from '../database/transaction.service';
import type { CreateOrgDto, UpdateOrgDto } from '../orgs/dto/org.dto';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';

type OrgPatch = Partial<Pick<Org, 'name' | 'autoApprove' | 'catchAll' | 'isMediationCentre' | 'mediationWorkdays'>>;
const PATCHABLE = ['name', 'autoApprove', 'catchAll', 'isMediationCentre', 'mediationWorkdays'] as const;

/**
 * The org tree kept by hand (the staff pages): a child org under one in the caller's subtree, and an org's own
 * settings. Each change and its audit line commit together.
 */
@Injectable()
export class OrgUpkeepService {
  constructor(
    private readonly orgs: OrgsService,
    private readonly access: AccessService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: AuthUser, dto: CreateOrgDto): Promise<Org> {
    const parent = await this.orgs.getByCode(dto.parentCode);
    this.access.assertOrgInScope(actor, parent);
    const { parentCode: _parent, ...fields } = dto;
    return this.tx.run(async (em) => {
      const org = await this.orgs.create({ ...fields, parentId: parent.id }, em);
      await this.audit.record(em, { actor, action: 'org.create', object: { type: 'org', id: org.id }, orgId: org.id, detail: { code: org.code, parentCode: parent.code, level: org.level } });
      return org;
    });
  }

  /** Only the fields sent change; the audit line names each change as [before, after]. */
  async update(actor: AuthUser, code: string, dto: UpdateOrgDto): Promise<Org> {
    const org = await this.orgs.getByCode(code);
    this.access.assertOrgInScope(actor, org);
    const patch: OrgPatch = {};
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of PATCHABLE) {
      const v = dto[k];
      if (v === undefined || v === org[k]) continue;
      Object.assign(patch, { [k]: v });
      changes[k] = [org[k], v];
    }
    if (!Object.keys(patch).length) return org;
    await this.tx.run(async (em) => {
      await this.orgs.updateIn(em, org.id, patch);
      await this.audit.record(em, { actor, action: 'org.update', object: { type: 'org', id: org.id }, orgId: org.id, detail: { code: org.code, changes } });
    });
    return { ...org, ...patch };
  }
}
