import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@nuanxin/shared';
import type { FastifyRequest } from 'fastify';
import { createSecretKey, type KeyObject } from 'node:crypto';
import type { AuthUser } from '../common/auth-user';
import { Coalescer } from '../common/coalescer';
import { IS_PUBLIC, ROLES } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';

const BEARER = /^Bearer ([A-Za-z0-9_.-]+)$/;

/**
 * The one guard: verifies the bearer token, loads the caller's grants, then checks @Roles.
 * Registered globally; routes opt out only with @Public().
 *
 * Every request pays for it, so (docs/benchmarks.md, "The request pipeline"):
 * - the secret is a `KeyObject` made once: given a string, jsonwebtoken first tries to read it as a PEM public
 *   key on every verification (a thrown and caught error), which was a third of the CPU of an authenticated request;
 * - the grants are read from the database on every request (a revoke applies to the person's next request: no
 *   cache), but the requests that arrive in the same turn of the event loop share one `IN (…)` read. The read is
 *   sent after all of them arrived, so each still sees every grant change committed before it came in;
 * - @Public/@Roles are looked up once per handler.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly key: KeyObject;
  private readonly authUsers = new Coalescer<string, AuthUser>((ids) => this.users.loadAuthUsers(ids), 500, true);
  private readonly routes = new WeakMap<object, { isPublic: boolean; roles: Role[] | undefined }>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  private route(ctx: ExecutionContext): { isPublic: boolean; roles: Role[] | undefined } {
    const handler = ctx.getHandler();
    let r = this.routes.get(handler);
    if (!r) {
      const targets = [handler, ctx.getClass()];
      r = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
      };
      this.routes.set(handler, r);
    }
    return r;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const { isPublic, roles } = this.route(ctx);
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    if (isPublic) {
      // A stale token must never block login or public pages: authenticate if possible, else go on anonymously.
      if (req.headers.authorization) req.user = await this.authenticate(req.headers.authorization, req.id).catch(() => undefined);
      return true;
    }
    const user = await this.authenticate(req.headers.authorization, req.id);
    req.user = user;
    if (roles?.length && !user.grants.some((g) => roles.includes(g.role))) throw new DomainError(403, 'FORBIDDEN');
    return true;
  }

  private async authenticate(header: string | undefined, requestId: string): Promise<AuthUser> {
    if (!header) throw new DomainError(401, 'UNAUTHENTICATED');
    const match = BEARER.exec(header);
    if (!match) throw new DomainError(401, 'TOKEN_INVALID');
    let sub: string;
    try {
      const payload = this.jwt.verify<{ sub: string; typ?: string }>(match[1], { algorithms: ['HS256'], secret: this.key as unknown as Buffer });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string') throw new Error('wrong token type');
      sub = payload.sub;
    } catch (err) {
      if ((err as Error).name === 'TokenExpiredError') throw new DomainError(401, 'TOKEN_EXPIRED');
      throw new DomainError(401, 'TOKEN_INVALID');
    }
    const user = await this.authUsers.get(sub);
    if (!user) throw new DomainError(401, 'TOKEN_INVALID');
    // Its own copy: requests that shared the read never share the object. The request id goes to audit rows.
    return { id: user.id, grants: user.grants.map((g) => ({ ...g })), requestId };
  }
}
