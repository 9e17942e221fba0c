import { can } from '../../platform/access/permissions';
import { AuthUser } from '../../platform/access/auth-user';

/**
 * The one place that decides who is scoped to their org-unit subtree (a department
 * head); every role with `units:all` sees everything.
 */
export function isScopedActor(actor: AuthUser): boolean {
  return !can(actor.role, 'units:all');
}
