import { CLS_REQ, ClsServiceManager } from 'nestjs-cls';
import { AuthUser } from './access/auth-user';

/**
 * The id of the authenticated caller of the current request; undefined outside one
 * or before auth. The request rides in the context nestjs-cls opens for each one
 * (its middleware, mounted globally); the guards set `user` on it.
 */
export function currentActorId(): string | undefined {
  const cls = ClsServiceManager.getClsService();
  if (!cls.isActive()) return undefined;
  return cls.get<{ user?: AuthUser } | undefined>(CLS_REQ)?.user?.id;
}
