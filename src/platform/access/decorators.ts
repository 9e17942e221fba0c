import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Permission } from './permissions';
import { AuthUser } from './auth-user';

export const IS_PUBLIC = 'isPublic';
export const PERMISSIONS = 'permissions';
/** Stored under PERMISSIONS in place of a list, so a method's marker overrides its class's like any other. */
export const ANY_ROLE = 'any-role';

/** Opens a route to callers without a token. Every other route needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these permissions. */
export const RequirePermissions = (...permissions: Permission[]) => SetMetadata(PERMISSIONS, permissions);

/**
 * Opens a route to every signed-in role. Each route says who may call it: this, its
 * permissions or `@Public()`; a route saying none of them is refused to everyone.
 */
export const AnyRole = () => SetMetadata(PERMISSIONS, ANY_ROLE);

/** The authenticated caller. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<{ user: AuthUser }>().user,
);
