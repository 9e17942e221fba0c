import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { UnauthorizedError } from '@libs/errors';
import { IS_PUBLIC } from '../../platform/access/decorators';
import { databaseOutage } from '../../platform/database/database-errors';

/** Global: deny by default; `@Public()` routes pass without a token. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic || super.canActivate(context);
  }

  handleRequest<T>(err: unknown, user: T): T {
    // The user lookup failed (database down or busy): that 503, not a 401 telling the client its token is bad.
    if (err && databaseOutage(err)) throw err;
    if (err || !user) throw new UnauthorizedError('A valid bearer token is required.');
    return user;
  }
}
