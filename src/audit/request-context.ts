import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, NestMiddleware } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';

interface RequestContext {
  /** The request itself: the guards set `user` on it after this middleware ran. */
  req: { user?: AuthUser };
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the authenticated caller of the current request; undefined outside one or before auth. */
export function currentActorId(): string | undefined {
  return storage.getStore()?.req.user?.id;
}

/** Global: makes the request reachable from code that has no handle on it (the transaction hook). */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: RequestContext['req'], _res: unknown, next: () => void): void {
    storage.run({ req }, next);
  }
}
