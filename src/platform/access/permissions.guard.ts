import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@libs/errors';
import { ANY_ROLE, IS_PUBLIC, PERMISSIONS } from './decorators';
import { can, Permission } from './permissions';
import { AuthUser } from './auth-user';

/**
 * Global, after authentication: a route passes when it is `@Public()`, `@AnyRole()`, or
 * the caller's role has one of its `@RequirePermissions`. A route declaring none of these
 * is refused (403), so a route whose author forgot its rule is closed, not open to all.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const needed = this.reflector.getAllAndOverride<Permission[] | typeof ANY_ROLE | undefined>(
      PERMISSIONS,
      targets,
    );
    if (needed === ANY_ROLE) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!needed?.length) {
      throw new ForbiddenError('This route declares no permission, so no role may use it.', {
        role: user?.role,
      });
    }
    if (user && needed.some((p) => can(user.role, p))) return true;
    throw new ForbiddenError(`Your role may not do this (needs ${needed.join(' or ')}).`, {
      role: user?.role,
      needs: needed,
    });
  }
}
