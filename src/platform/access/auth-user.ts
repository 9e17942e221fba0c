import { Role } from './roles';

/** The caller of a request, as the guards resolved it. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  orgUnitId: string | null;
}
