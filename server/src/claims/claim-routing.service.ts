import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { maskMobile, OPEN_CLAIM_STATUSES } from '@nuanxin/shared';
import { Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { MembershipsService } from '../memberships/memberships.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { Claim, type RoutedBy } from './claim.entity';
import type { AssigneeDto, CreateClaimDto } from './dto/claim.dto';

/** A label for a colleague: the nickname, else the masked mobile, never the plain number. */
export function officerLabel(u: Pick<User, 'id' | 'nickname' | 'mobile'>): string {
  const nick = u.nickname?.trim();
  if (nick) return nick;
  if (u.mobile) return `工会干部 ${maskMobile(u.mobile)}`;
  return `工会干部 ${u.id.slice(0, 4)}`;
}

/**
 * 有人管: which union owns a new claim and which of its officers handles it. The worker's membership org first,
 * else the employer union they name, else their district's catch-all union; an org without officers hands the
 * claim up the tree. Among an org's officers, the one with the fewest open claims.
 */
@Injectable()
export class ClaimRouting {
  constructor(
    @InjectRepository(Claim) private readonly claims: Repository<Claim>,
    private readonly orgs: OrgsService,
    private readonly users: UsersService,
    private readonly memberships: MembershipsService,
  ) {}

  /**
   * The org codes a worker may name: an employer union must be an active enterprise-level (platform or company
   * branch) union, not a district catch-all or the mediation centre; a district must be a district federation.
   * Unknown or unsuitable codes are field errors, all reported at once.
   */
  async checkOrgCodes(dto: Pick<CreateClaimDto, 'employerOrgCode' | 'districtCode'>): Promise<{ employerOrg: Org | null; district: Org | null }> {
    const errors: Array<{ field: string; message: string }> = [];
    let employerOrg: Org | null = null;
    let district: Org | null = null;
    if (dto.employerOrgCode) {
      employerOrg = await this.orgs.findByCode(dto.employerOrgCode);
      if (!employerOrg) errors.push({ field: 'employerOrgCode', message: '找不到该单位工会，请从列表中选择；单位没有工会可以不选' });
      else if (employerOrg.level !== 'enterprise' || employerOrg.catchAll || employerOrg.isMediationCentre) {
        errors.push({ field: 'employerOrgCode', message: '请选择企业或平台的工会；单位没有工会可以不选，改选所在的区' });
      } else if (!employerOrg.active) errors.push({ field: 'employerOrgCode', message: '该单位工会已停用，请不选单位工会，改选所在的区' });
    }
    if (dto.districtCode) {
      district = await this.orgs.findByCode(dto.districtCode);
      if (!district) errors.push({ field: 'districtCode', message: '找不到该区总工会，请从列表中选择所在的区' });
      else if (district.level !== 'district' || district.isMediationCentre) errors.push({ field: 'districtCode', message: '请选择一个区总工会' });
    }
    if (errors.length) throw DomainError.validation(errors);
    return { employerOrg, district };
  }

  async routeOrg(workerId: string, employerOrg: Org | null, district: Org | null): Promise<{ org: Org; routedBy: RoutedBy }> {
    const memberOrgId = await this.memberships.activeOrgOf(workerId);
    if (memberOrgId) {
      const org = await this.orgs.findById(memberOrgId);
      if (org?.active) return { org, routedBy: 'membership' };
    }
    if (employerOrg) return { org: employerOrg, routedBy: 'employer' };
    if (!district) throw DomainError.validation([{ field: 'districtCode', message: '你还不是会员且单位未建工会，请选择你所在的区' }]);
    const catchAll = await this.orgs.catchAllOf(district);
    return { org: catchAll ?? district, routedBy: 'district' };
  }

  /** The officer of the org with the fewest open claims; an org without officers hands over to its parent. */
  async pickOfficer(start: Org): Promise<{ org: Org; assigneeId: string | null }> {
    let org: Org | null = start;
    while (org) {
      const officers = await this.users.officersOf(org.id);
      if (officers.length) {
        const load = await this.openLoad(officers);
        const assigneeId = officers.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), officers[0]);
        return { org, assigneeId };
      }
      org = org.parentId ? await this.orgs.findById(org.parentId) : null;
    }
    return { org: start, assigneeId: null };
  }

  /** The officers `assign` accepts for a claim owned by `org`, with their open workload, least loaded first. */
  async assignees(org: Org): Promise<AssigneeDto[]> {
    const userIds = await this.users.officersOf(org.id);
    if (!userIds.length) return [];
    const [users, open] = await Promise.all([this.users.findByIds(userIds), this.openLoad(userIds)]);
    return users
      .map((u) => ({ id: u.id, displayName: officerLabel(u), openClaims: open.get(u.id) ?? 0 }))
      .sort((a, b) => a.openClaims - b.openClaims || a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  }

  /** An officer of exactly this org (the only people a claim may be assigned to), with their label. */
  async assigneeOf(org: Org, userId: string): Promise<{ id: string; label: string } | null> {
    if (!(await this.users.holds(userId, 'officer', org.id))) return null;
    const [user] = await this.users.findByIds([userId]);
    return user ? { id: user.id, label: officerLabel(user) } : null;
  }

  private async openLoad(officers: string[]): Promise<Map<string, number>> {
    const counts = await this.claims
      .createQueryBuilder('c')
      .select('c.assigneeId', 'assigneeId')
      .addSelect('COUNT(*)', 'n')
      .where('c.assigneeId IN (:...officers)', { officers })
      .andWhere('c.status IN (:...open)', { open: OPEN_CLAIM_STATUSES })
      .groupBy('c.assigneeId')
      .getRawMany<{ assigneeId: string; n: string | number }>();
    return new Map(counts.map((r) => [r.assigneeId, Number(r.n)]));
  }
}
