import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isValidMobile, isValidOrgCode, maskMobile, normalizeMobile, ROLE_LABELS, type Role } from '@nuanxin/shared';
import { Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { SmsSender } from '../auth/sms.sender';
import { BenefitsService } from '../benefits/benefits.service';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { isUniqueViolation } from '../common/db-errors';
import { DomainError } from '../common/domain-error';
import { newId } from '../database/columns';
import { TransactionService } from '../database/transaction.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Org } from '../orgs/org.entity';
import { OrgsService } from '../orgs/orgs.service';
import { piiHash } from '../pii/pii-cipher';
import { StationsService } from '../stations/stations.service';
import type { UserRole } from '../users/user-role.entity';
import { UsersService } from '../users/users.service';
import type { GrantRequestDto, GrantResultDto, StaffGrantDto, StaffInvitationDto, StaffListDto } from './dto/admin.dto';
import { StaffInvitation } from './staff-invitation.entity';

export type StaffRole = Exclude<Role, 'worker'>;

/** What a grant binds to, resolved and checked: the org that scopes it, and the station or merchant it names. */
interface GrantTarget {
  role: StaffRole;
  org: Org;
  scopeRef: string | null;
  /** What the invitee reads: the org's or the station's name. */
  scopeName: string;
}

export class BootstrapError extends Error {}

export interface BootstrapResult {
  org: { code: string; name: string; created: boolean };
  admin: { mobileMasked: string; result: 'granted' | 'invited' | 'unchanged' };
}

const grantKey = (t: { role: Role; orgId: string; scopeRef: string | null }) => `${t.role}|${t.orgId}|${t.scopeRef ?? ''}`;

/**
 * Administration: the first admin of a deployment, staff grants by mobile (granted at once, or waiting for the
 * person's first SMS login), revocation with its rules, and staff lists. Every change writes an audit line in
 * its own transaction.
 */
@Injectable()
export class AdminService {
  private readonly logger = new Logger('Admin');

  constructor(
    @InjectRepository(StaffInvitation) private readonly invitations: Repository<StaffInvitation>,
    private readonly tx: TransactionService,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly orgs: OrgsService,
    private readonly stations: StationsService,
    private readonly benefits: BenefitsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly sms: SmsSender,
  ) {}

  // ---- bootstrap --------------------------------------------------------------------------------------------

  /**
   * The root org (created when missing) and an admin grant on it for a mobile. Running it again changes nothing;
   * another mobile adds a second admin. Refuses a code that names a lower org or a second root.
   */
  async bootstrap(input: { orgCode: string; orgName?: string; mobile: string }): Promise<BootstrapResult> {
    const problems: string[] = [];
    if (!isValidOrgCode(input.orgCode ?? '')) problems.push('--org-code：组织编码应为 1–32 位字母、数字、_ 或 -');
    if (!isValidMobile(input.mobile ?? '')) problems.push('--mobile：手机号应为 11 位中国大陆手机号码');
    const name = input.orgName?.trim();
    if (name !== undefined && (name.length < 2 || name.length > 100)) problems.push('--org-name：组织名称应为 2–100 个字');
    if (problems.length) throw new BootstrapError(problems.join('\n'));
    let org = await this.orgs.findByCode(input.orgCode);
    let created = false;
    if (org && org.parentId) throw new BootstrapError(`编码 ${org.code} 属于下级组织「${org.name}」，请使用市总工会的编码`);
    if (!org) {
      const roots = await this.orgs.roots();
      if (roots.length) throw new BootstrapError(`已有市总工会「${roots[0].name}」（编码 ${roots[0].code}），请用该编码再运行`);
      if (!name) throw new BootstrapError('--org-name：首次运行须提供市总工会名称');
      org = await this.orgs.create({ code: input.orgCode, name, level: 'city', parentId: null }).catch((err: unknown) => {
        if (err instanceof DomainError) throw new BootstrapError(`--org-code：${err.errors?.[0]?.message ?? err.message}`);
        throw err;
      });
      created = true;
    }
    const mobile = normalizeMobile(input.mobile);
    const target: GrantTarget = { role: 'admin', org, scopeRef: null, scopeName: org.name };
    const result = await this.grantOrInvite(null, target, mobile, 'bootstrap', { orgCreated: created });
    return { org: { code: org.code, name: org.name, created }, admin: { mobileMasked: maskMobile(mobile), result } };
  }

  // ---- grants -----------------------------------------------------------------------------------------------

  /** Grants a staff role to a mobile: at once when the person has signed in by SMS before, else when they first do. */
  async grant(actor: AuthUser, dto: GrantRequestDto): Promise<GrantResultDto> {
    const target = await this.resolveTarget(dto);
    this.assertMayChange(actor, target.role, target.org);
    const mobile = normalizeMobile(dto.mobile);
    const self = (await this.users.findByIds([actor.id]))[0];
    if (self?.mobileHash && self.mobileHash === piiHash(mobile)) throw new DomainError(403, 'OWN_GRANTS');
    const status = await this.grantOrInvite(actor, target, mobile, null);
    if (status !== 'unchanged') await this.textInvitee(mobile, target);
    const list = await this.staffOf(actor, target.org.code);
    const hash = piiHash(mobile);
    const user = await this.users.findByLogin({ mobileHash: hash });
    const same = (x: { role: Role; scopeRef: string | null }) => x.role === target.role && x.scopeRef === target.scopeRef;
    return {
      status,
      grant: user ? (list.grants.find((g) => g.userId === user.id && same({ role: g.role, scopeRef: g.station?.id ?? g.merchantId })) ?? null) : null,
      invitation: user ? null : (list.invitations.find((i) => i.mobileMasked === maskMobile(mobile) && same({ role: i.role, scopeRef: i.station?.id ?? i.merchantId })) ?? null),
    };
  }

  async revoke(actor: AuthUser, grantId: string): Promise<void> {
    const grant = await this.users.findGrant(grantId);
    if (!grant || grant.role === 'worker' || !grant.orgId) throw DomainError.notFound();
    const org = await this.scopeOrgOf(grant);
    if (!org) throw DomainError.notFound();
    this.assertMayChange(actor, grant.role, org);
    if (grant.userId === actor.id) throw new DomainError(403, 'OWN_GRANTS');
    await this.tx.run(async (em) => {
      if (grant.role === 'admin') {
        const admins = await this.users.adminGrantsIn(em, grant.orgId!, !this.tx.isSqlite);
        if (admins.length <= 1 && !org.parentId) throw new DomainError(409, 'LAST_ADMIN');
      }
      if (!(await this.users.revokeIn(em, grant.id))) throw DomainError.notFound();
      const user = (await this.users.findByIds([grant.userId]))[0];
      await this.audit.record(em, {
        actor,
        action: 'revoke',
        subject: { userId: grant.userId, mobile: user?.mobile ?? null },
        object: { type: 'user_role', id: grant.id },
        orgId: org.id,
        detail: { role: grant.role, scopeRef: grant.scopeRef },
      });
    });
  }

  async cancelInvitation(actor: AuthUser, id: string): Promise<void> {
    const inv = await this.invitations.findOneBy({ id });
    if (!inv) throw DomainError.notFound();
    const org = await this.orgs.findById(inv.orgId);
    if (!org) throw DomainError.notFound();
    this.assertMayChange(actor, inv.role, org);
    await this.tx.run(async (em) => {
      if (!(await em.delete(StaffInvitation, { id })).affected) throw DomainError.notFound();
      await this.audit.record(em, {
        actor,
        action: 'invite.cancel',
        subject: { masked: inv.mobileMasked },
        object: { type: 'staff_invitation', id },
        orgId: org.id,
        detail: { role: inv.role, scopeRef: inv.scopeRef },
      });
    });
  }

  /** The staff bound to one org: their grants (masked mobiles) and invitations still waiting for a first login. */
  async staffOf(actor: AuthUser, orgCode: string): Promise<StaffListDto> {
    const org = await this.orgs.getByCode(orgCode);
    this.access.assertOrgInScope(actor, org);
    const grants = await this.users.staffGrantsOn([org.id]);
    const invitations = await this.invitations.find({ where: { orgId: org.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const people = new Map((await this.users.findByIds(grants.map((g) => g.userId))).map((u) => [u.id, u]));
    const stationIds = [...grants, ...invitations].filter((g) => g.role === 'station_master' && g.scopeRef).map((g) => g.scopeRef!);
    const stations = await this.stations.namesOf(stationIds);
    const station = (g: { role: Role; scopeRef: string | null }) =>
      g.role === 'station_master' && g.scopeRef ? { id: g.scopeRef, code: stations.get(g.scopeRef)?.code ?? null, name: stations.get(g.scopeRef)?.name ?? null } : null;
    const merchantId = (g: { role: Role; scopeRef: string | null }) => (g.role === 'merchant' ? g.scopeRef : null);
    return {
      org: { code: org.code, name: org.name, level: org.level },
      grants: grants.map((g): StaffGrantDto => {
        const u = people.get(g.userId);
        return {
          id: g.id,
          userId: g.userId,
          nickname: u?.nickname ?? null,
          mobileMasked: u?.mobile ? maskMobile(u.mobile) : null,
          role: g.role as StaffRole,
          station: station(g),
          merchantId: merchantId(g),
          createdAt: g.createdAt.toISOString(),
        };
      }),
      invitations: invitations.map(
        (i): StaffInvitationDto => ({ id: i.id, mobileMasked: i.mobileMasked, role: i.role as StaffRole, station: station(i), merchantId: merchantId(i), createdAt: i.createdAt.toISOString() }),
      ),
    };
  }

  /**
   * At every SMS login: invitations waiting for this mobile become grants, the person is told through the inbox,
   * and the audit log notes it. A second login racing this one attaches nothing twice (each invitation row is
   * deleted by exactly one of them).
   */
  async attachInvitations(userId: string, mobile: string, requestId?: string): Promise<number> {
    const hash = piiHash(normalizeMobile(mobile));
    if (!(await this.invitations.existsBy({ mobileHash: hash }))) return 0;
    return this.tx.run(async (em) => {
      let attached = 0;
      for (const inv of await em.find(StaffInvitation, { where: { mobileHash: hash }, order: { createdAt: 'ASC', id: 'ASC' } })) {
        if (!(await em.delete(StaffInvitation, { id: inv.id })).affected) continue;
        const { grant, created } = await this.users.grantIn(em, userId, { role: inv.role, orgId: inv.orgId, scopeRef: inv.scopeRef });
        if (!created) continue;
        attached++;
        const scopeName = await this.scopeNameOf(inv);
        await this.notifications.notify(em, 'staff.granted', [userId], { role: inv.role as StaffRole, scopeName }, { ref: grant.id });
        await this.audit.record(em, {
          actor: null,
          action: 'grant.attach',
          subject: { userId, mobile },
          object: { type: 'user_role', id: grant.id },
          orgId: inv.orgId,
          detail: { role: inv.role, scopeRef: inv.scopeRef, invitationId: inv.id, invitedBy: inv.invitedBy },
          requestId,
        });
      }
      return attached;
    });
  }

  // ---- internals --------------------------------------------------------------------------------------------

  /**
   * Besides the inbox (which a person who never signed in cannot read yet), a text through the SMS gateway: after
   * the grant committed, and a gateway failure does not undo it (the inbox and the staff list still say it).
   */
  private async textInvitee(mobile: string, target: GrantTarget): Promise<void> {
    try {
      await this.sms.notify(mobile, { template: 'staff_invited', params: { role: ROLE_LABELS[target.role], scopeName: target.scopeName } });
    } catch (err) {
      this.logger.warn(`staff_invited SMS to ${maskMobile(mobile)} failed: ${(err as Error).message}`);
    }
  }

  /**
   * The one place the grant rules live: only an admin grants or revokes admin; anyone else acts only inside their
   * officer subtree (admins act everywhere).
   */
  private assertMayChange(actor: AuthUser, role: Role, org: Org): void {
    if (role === 'admin' && !actor.grants.some((g) => g.role === 'admin')) throw new DomainError(403, 'FORBIDDEN', '只有市总管理员可以授予或撤销管理员角色');
    this.access.assertOrgInScope(actor, org);
  }

  private async resolveTarget(dto: GrantRequestDto): Promise<GrantTarget> {
    const need = (field: string, message: string) => DomainError.validation([{ field, message }]);
    if (dto.role === 'station_master') {
      if (!dto.stationId) throw need('stationId', '请选择驿站');
      const station = await this.stations.orgOfStation(dto.stationId);
      if (!station) throw new DomainError(404, 'NOT_FOUND', '找不到该驿站，请刷新后重试');
      const org = await this.orgs.findById(station.orgId);
      if (!org) throw new DomainError(404, 'ORG_NOT_FOUND');
      return { role: 'station_master', org, scopeRef: station.id, scopeName: station.name };
    }
    if (dto.role === 'merchant') {
      // The grant names the merchant in scopeRef and is scoped by the org that signed it up.
      if (!dto.merchantId) throw need('merchantId', '请选择商户');
      const merchant = await this.benefits.merchantForGrant(dto.merchantId);
      if (!merchant) throw new DomainError(404, 'NOT_FOUND', '找不到该商户，请刷新后重试');
      const org = await this.orgs.findById(merchant.orgId);
      if (!org) throw new DomainError(404, 'ORG_NOT_FOUND');
      return { role: 'merchant', org, scopeRef: merchant.id, scopeName: merchant.name };
    }
    if (!dto.orgCode) throw need('orgCode', '请选择组织');
    const org = await this.orgs.getByCode(dto.orgCode);
    if (dto.role === 'admin' && org.parentId) throw need('orgCode', '管理员只能授予在市总工会（最上级组织）上');
    return { role: dto.role, org, scopeRef: null, scopeName: org.name };
  }

  /** The org that scopes an existing grant: a station master's station's org, else the grant's own org. */
  private async scopeOrgOf(grant: UserRole): Promise<Org | null> {
    if (grant.role === 'station_master' && grant.scopeRef) {
      const station = await this.stations.orgOfStation(grant.scopeRef);
      if (station) return this.orgs.findById(station.orgId);
    }
    return this.orgs.findById(grant.orgId!);
  }

  private async scopeNameOf(g: { role: Role; orgId: string; scopeRef: string | null }): Promise<string> {
    if (g.role === 'station_master' && g.scopeRef) {
      const s = await this.stations.orgOfStation(g.scopeRef);
      if (s) return s.name;
    }
    if (g.role === 'merchant' && g.scopeRef) {
      const m = await this.benefits.merchantForGrant(g.scopeRef);
      if (m) return m.name;
    }
    return (await this.orgs.findById(g.orgId))?.name ?? '工会';
  }

  /** Grants at once to a known mobile, else records an invitation; writes the notice and the audit line with it. */
  private async grantOrInvite(
    actor: AuthUser | null,
    target: GrantTarget,
    mobile: string,
    action: 'bootstrap' | null,
    detail: Record<string, unknown> = {},
  ): Promise<'granted' | 'invited' | 'unchanged'> {
    const hash = piiHash(mobile);
    const user = await this.users.findByLogin({ mobileHash: hash });
    if (user && actor && user.id === actor.id) throw new DomainError(403, 'OWN_GRANTS');
    const grantFields = { role: target.role, orgId: target.org.id, scopeRef: target.scopeRef };
    const auditBase = { actor, orgId: target.org.id, detail: { role: target.role, scopeRef: target.scopeRef, ...detail } };
    try {
      return await this.tx.run(async (em: EntityManager) => {
        if (user) {
          const { grant, created } = await this.users.grantIn(em, user.id, grantFields);
          if (!created) return 'unchanged';
          await this.notifications.notify(em, 'staff.granted', [user.id], { role: target.role, scopeName: target.scopeName }, { ref: grant.id });
          await this.audit.record(em, { ...auditBase, action: action ?? 'grant', subject: { userId: user.id, mobile }, object: { type: 'user_role', id: grant.id } });
          return 'granted';
        }
        const key = grantKey(grantFields);
        if (await em.existsBy(StaffInvitation, { mobileHash: hash, grantKey: key })) return 'unchanged';
        const id = newId();
        await em.insert(StaffInvitation, { id, mobileHash: hash, mobileMasked: maskMobile(mobile), ...grantFields, grantKey: key, invitedBy: actor?.id ?? null, createdAt: new Date() });
        await this.audit.record(em, { ...auditBase, action: action ?? 'invite', subject: { mobile }, object: { type: 'staff_invitation', id } });
        return 'invited';
      });
    } catch (err) {
      // Two identical invitations at once: the unique index keeps one, and the loser changed nothing.
      if (isUniqueViolation(err)) return 'unchanged';
      throw err;
    }
  }
}
