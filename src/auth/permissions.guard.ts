import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@libs/errors';
import { PERMISSIONS } from './decorators';
import { can, Permission } from './permissions';
import { AuthUser } from './auth-user';

/** Global: a route with `@RequirePermissions` needs one of them for the caller's role. */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const needed = this.reflector.getAllAndOverride<Permission[]>(PERMISSIONS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!needed?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user && needed.some((p) => can(user.role, p))) return true;
    throw new ForbiddenError(`Your role may not do this (needs ${needed.join(' or ')}).`, {
      role: user?.role,
      needs: needed,
    });
  }
}
