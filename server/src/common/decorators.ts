import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@nuanxin/shared';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'nuanxin:public';
export const ROLES = 'nuanxin:roles';

/** Opens a route to anonymous callers; every other route needs a valid access token (deny by default). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to callers holding one of the roles; without it any signed-in user passes. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
