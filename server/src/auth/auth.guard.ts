import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@nuanxin/shared';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../common/auth-user';
import { IS_PUBLIC, ROLES } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { UsersService } from '../users/users.service';

/**
 * The one guard: verifies the bearer token, loads the caller's grants, then checks @Roles.
 * Registered globally; routes opt out only with @Public().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (isPublic) {
      // A stale token must never block login or public pages: authenticate if possible, else go on anonymously.
      if (req.headers.authorization) req.user = await this.authenticate(req.headers.authorization).catch(() => undefined);
      return true;
    }
    const user = await this.authenticate(req.headers.authorization);
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles?.length && !user.grants.some((g) => roles.includes(g.role))) throw new DomainError(403, 'FORBIDDEN');
    return true;
  }

  private async authenticate(header: string | undefined): Promise<AuthUser> {
    if (!header) throw new DomainError(401, 'UNAUTHENTICATED');
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header);
    if (!match) throw new DomainError(401, 'TOKEN_INVALID');
    let sub: string;
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; typ?: string }>(match[1], { algorithms: ['HS256'] });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string') throw new Error('wrong token type');
      sub = payload.sub;
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') throw new DomainError(401, 'TOKEN_EXPIRED');
      throw new DomainError(401, 'TOKEN_INVALID');
    }
    const user = await this.users.loadAuthUser(sub);
    if (!user) throw new DomainError(401, 'TOKEN_INVALID');
    return user;
  }
}
