import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError } from '@libs/errors';
import { Role } from './roles';
import { AnyRole, Public, RequirePermissions } from './decorators';
import { PermissionsGuard } from './permissions.guard';

@RequirePermissions('users:manage')
class Routes {
  @Public() open() {}
  @AnyRole() everyRole() {}
  @RequirePermissions('reports:read') reports() {}
  fromClass() {}
}
class BareRoutes {
  undeclared() {}
}

/** The guard's context for calling `handler` of `routes` as `role`. */
function call(routes: new () => object, handler: string, role?: Role): ExecutionContext {
  const user = role && { id: 'u', email: 'u@test.local', displayName: 'U', role, orgUnitId: null };
  return {
    getHandler: () => routes.prototype[handler as keyof object],
    getClass: () => routes,
    switchToHttp: () => ({ getRequest: () => ({ user }) }),
  } as unknown as ExecutionContext;
}

describe('PermissionsGuard', () => {
  const guard = new PermissionsGuard(new Reflector());

  it('refuses every role a route that declares no rule', () => {
    for (const role of ['admin', 'asset_manager', 'department_head', 'finance'] as Role[])
      expect(() => guard.canActivate(call(BareRoutes, 'undeclared', role))).toThrow(ForbiddenError);
  });

  it('opens @Public routes without a user and @AnyRole routes to every role', () => {
    expect(guard.canActivate(call(Routes, 'open'))).toBe(true);
    expect(guard.canActivate(call(Routes, 'everyRole', 'department_head'))).toBe(true);
  });

  it("checks a method's permissions before its class's", () => {
    expect(guard.canActivate(call(Routes, 'reports', 'finance'))).toBe(true);
    expect(() => guard.canActivate(call(Routes, 'reports', 'department_head'))).toThrow(ForbiddenError);
    expect(guard.canActivate(call(Routes, 'fromClass', 'admin'))).toBe(true);
    expect(() => guard.canActivate(call(Routes, 'fromClass', 'finance'))).toThrow(/users:manage/);
  });
});
