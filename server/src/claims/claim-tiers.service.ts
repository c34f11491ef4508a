import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ARBITRATION_CHECKLIST, arbitrationRightDate, CLAIM_HOTLINES, CLAIM_LAW_TEXTS } from '@nuanxin/shared';
import { In, Repository } from 'typeorm';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { ArbitrationCommission } from './arbitration-commission.entity';
import { ClaimEvent } from './claim-event.entity';
import type { Claim } from './claim.entity';
import type { ArbitrationGuideDto, CommissionDto, CommissionInputDto, CommissionPatchDto } from './dto/claim-law.dto';

/**
 * The tiers beyond the union: which linkage mediation centre takes a referred claim, and the arbitration
 * commission (kept per district by admins) a tier-3 claim is guided to.
 */
@Injectable()
export class ClaimTiers {
  constructor(
    @InjectRepository(ArbitrationCommission) private readonly commissions: Repository<ArbitrationCommission>,
    @InjectRepository(ClaimEvent) private readonly events: Repository<ClaimEvent>,
    private readonly orgs: OrgsService,
  ) {}

  /**
   * The centre for a claim owned by `org`: walking up from the org, the first ancestor (the org itself first)
   * with an active mediation-centre child — a district's own centre when it has one, else the city's.
   */
  async centreFor(org: Org): Promise<Org | null> {
    const chain = (await this.orgs.ancestors(org)).reverse();
    for (const a of chain) {
      const centre = (await this.orgs.children(a)).find((o) => o.isMediationCentre && o.active && o.id !== org.id);
      if (centre) return centre;
    }
    return null;
  }

  /**
   * Tier 3 guidance. The commission is the one for the employer's district: up the tree from the employer union,
   * else from the org the claim was first filed with (the district it was routed in), the nearest on file.
   */
  async guide(claim: Claim, org: Org): Promise<ArbitrationGuideDto> {
    let start = claim.employerOrgId ? await this.orgs.findById(claim.employerOrgId) : null;
    if (!start) {
      const first = await this.events.findOne({ where: { claimId: claim.id, kind: 'submitted' }, order: { seq: 'ASC' } });
      const code = first?.data ? (JSON.parse(first.data) as { org?: string }).org : undefined;
      start = (code ? await this.orgs.findByCode(code) : null) ?? org;
    }
    const chain = (await this.orgs.ancestors(start)).reverse();
    const found = await this.commissions.findBy({ orgId: In(chain.map((o) => o.id)) });
    const nearest = chain.map((o) => found.find((c) => c.orgId === o.id)).find((c) => !!c) ?? null;
    return {
      commission: nearest ? (await this.views([nearest]))[0] : null,
      hotlines: CLAIM_HOTLINES.map((h) => ({ ...h })),
      checklist: [...ARBITRATION_CHECKLIST],
      law: { ...CLAIM_LAW_TEXTS },
      arbitrationRightDate: claim.mediationReceivedAt ? arbitrationRightDate(claim.mediationReceivedAt) : null,
    };
  }

  // ---- the commissions table (admin) ----

  async list(): Promise<CommissionDto[]> {
    return this.views(await this.commissions.find());
  }

  async create(dto: CommissionInputDto): Promise<CommissionDto> {
    const org = await this.commissionOrg(dto.orgCode);
    const now = new Date();
    const row = { id: newId(), orgId: org.id, name: dto.name.trim(), address: dto.address.trim(), phone: dto.phone.trim(), note: dto.note?.trim() || null, createdAt: now, updatedAt: now };
    if (await this.commissions.findOneBy({ orgId: org.id })) throw new DomainError(409, 'ARBITRATION_COMMISSION_EXISTS');
    try {
      await this.commissions.insert(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainError(409, 'ARBITRATION_COMMISSION_EXISTS');
      throw err;
    }
    return (await this.views([row]))[0];
  }

  async update(id: string, dto: CommissionPatchDto): Promise<CommissionDto> {
    const row = await this.commissions.findOneBy({ id });
    if (!row) throw DomainError.notFound();
    const patch: Partial<ArbitrationCommission> = { updatedAt: new Date() };
    if (dto.name !== undefined) patch.name = dto.name.trim();
    if (dto.address !== undefined) patch.address = dto.address.trim();
    if (dto.phone !== undefined) patch.phone = dto.phone.trim();
    if (dto.note !== undefined) patch.note = dto.note?.trim() || null;
    await this.commissions.update({ id }, patch);
    return (await this.views([{ ...row, ...patch }]))[0];
  }

  async remove(id: string): Promise<void> {
    const res = await this.commissions.delete({ id });
    if (!res.affected) throw DomainError.notFound();
  }

  private async commissionOrg(code: string): Promise<Org> {
    const org = await this.orgs.findByCode(code);
    if (!org) throw DomainError.validation([{ field: 'orgCode', message: '找不到该组织，请填写区（或市）总工会的组织编码' }]);
    if ((org.level !== 'district' && org.level !== 'city') || org.isMediationCentre) throw DomainError.validation([{ field: 'orgCode', message: '仲裁委员会按区（或市）登记，请填写区或市总工会的组织编码' }]);
    return org;
  }

  private async views(rows: ArbitrationCommission[]): Promise<CommissionDto[]> {
    const orgs = new Map((await this.orgs.findByIds(rows.map((r) => r.orgId))).map((o) => [o.id, o]));
    return rows
      .map((r) => ({ id: r.id, org: { code: orgs.get(r.orgId)?.code ?? '', name: orgs.get(r.orgId)?.name ?? '' }, name: r.name, address: r.address, phone: r.phone, note: r.note }))
      .sort((a, b) => a.org.code.localeCompare(b.org.code));
  }
}
