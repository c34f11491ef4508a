import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '@nuanxin/shared';
import { AdminService } from '../admin/admin.service';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { isUniqueViolation } from '../common/db-errors';
import { OrgsService } from '../orgs/orgs.service';
import { piiHash } from '../pii/pii-cipher';
import type { User } from '../users/user.entity';
import { UsersService, type MeView } from '../users/users.service';
import { SmsService } from './sms.service';
import { TokenService, type IssuedTokens } from './token.service';
import { WechatClient } from '../wechat/wechat.client';
import { demoUsers, type DemoUser } from './demo-users';

export type TokenResponse = IssuedTokens & { user: MeView };


@Injectable()
export class AuthService {
  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly usersService: UsersService,
    private readonly orgs: OrgsService,
    private readonly tokens: TokenService,
    private readonly wechat: WechatClient,
    private readonly sms: SmsService,
    private readonly admin: AdminService,
  ) {}

  async loginWechat(code: string): Promise<TokenResponse> {
    // Not configured is how a deployment without a mini-program runs (riders use SMS): expected, not a fault.
    if (!this.wechat.configured) throw DomainError.expected(503, 'WECHAT_UNAVAILABLE', '未配置微信小程序登录，请使用手机号登录');
    const session = await this.wechat.code2Session(code);
    const user = await this.upsert({ openid: session.openid }, { unionid: session.unionid ?? null });
    return this.respond(user);
  }

  async loginSms(mobile: string, code: string, requestId?: string): Promise<TokenResponse> {
    const normalized = await this.sms.verify(mobile, code);
    const user = await this.upsert({ mobileHash: piiHash(normalized) }, { mobile: normalized });
    // Staff roles granted to this mobile before the person ever signed in attach now, before the tokens.
    await this.admin.attachInvitations(user.id, normalized, requestId);
    return this.respond(user);
  }

  /** Demos and tests only: the controller answers 404 unless DEV_LOGIN=true. */
  async loginDev(openid: string, roles?: Role[], orgCode?: string): Promise<TokenResponse> {
    const user = await this.upsert({ openid }, {});
    if (roles?.length) {
      const org = orgCode ? await this.orgs.getByCode(orgCode) : null;
      const needsOrg = roles.some((r) => r === 'officer' || r === 'admin');
      if (needsOrg && !org) throw DomainError.validation([{ field: 'orgCode', message: '工会干部和管理员必须指定所属组织' }]);
      const grants = roles.map((role) => ({ role, orgId: role === 'officer' || role === 'admin' ? org!.id : null }));
      if (!roles.includes('worker')) grants.unshift({ role: 'worker', orgId: null });
      await this.usersService.setGrants(user.id, grants);
    }
    return this.respond(user);
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    const { userId, tokens } = await this.tokens.rotate(refreshToken);
    const me = await this.usersService.me(userId);
    if (!me) throw new DomainError(401, 'REFRESH_TOKEN_INVALID');
    return { ...tokens, user: me };
  }

  logout(refreshToken: string): Promise<void> {
    return this.tokens.revoke(refreshToken);
  }

  /** The demo users the login page offers (none without dev login). */
  get demoUsers(): DemoUser[] {
    return this.devLoginEnabled ? demoUsers(this.config.SEED_CATCH_ALL_OFFICERS) : [];
  }

  /** Only with the explicit DEV_LOGIN=true opt-in (which the config refuses in production); never by default. */
  get devLoginEnabled(): boolean {
    return this.config.DEV_LOGIN && !this.config.isProduction;
  }

  /** Find by a unique key or create; a concurrent first login that loses the race reads the winner's row. */
  private async upsert(where: { openid: string } | { mobileHash: string }, fields: Partial<User>): Promise<User> {
    const existing = await this.usersService.findByLogin(where);
    if (existing) {
      await this.usersService.touchLogin(existing);
      return existing;
    }
    try {
      return await this.usersService.createWithWorkerRole({ ...where, ...fields });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.usersService.findByLogin(where);
      if (!winner) throw err;
      return winner;
    }
  }

  private async respond(user: User): Promise<TokenResponse> {
    const tokens = await this.tokens.issue(user.id);
    const me = await this.usersService.me(user.id);
    return { ...tokens, user: me! };
  }
}
