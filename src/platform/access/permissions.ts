import { Role } from './roles';

/** What a route needs. Routes name permissions, never roles. */
export type Permission =
  | 'catalogs:read'
  | 'catalogs:write'
  | 'persons:read'
  | 'persons:write'
  | 'assets:read'
  | 'assets:write'
  | 'licenses:read'
  | 'licenses:write'
  | 'licenses:write-financial'
  | 'keys:read-clear'
  | 'keys:write'
  | 'seats:assign'
  | 'reports:read'
  | 'imports:run'
  | 'audit:read'
  | 'users:manage'
  /** Sees and acts on every org unit; without it, only the user's own subtree. */
  | 'units:all';

const READ_ALL: Permission[] = ['catalogs:read', 'persons:read', 'assets:read', 'licenses:read'];
const READ_EVERYWHERE: Permission[] = [...READ_ALL, 'units:all'];

/** The one table mapping roles to permissions (DOMAIN.md, "Who uses it"). */
const ASSET_MANAGER: Permission[] = [
  ...READ_EVERYWHERE,
  'catalogs:write',
  'persons:write',
  'assets:write',
  'licenses:write',
  'licenses:write-financial',
  'keys:read-clear',
  'keys:write',
  'seats:assign',
  'reports:read',
  'imports:run',
  'audit:read',
];

/** The one table mapping roles to permissions (DOMAIN.md, "Who uses it"). */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([...ASSET_MANAGER, 'users:manage']),
  asset_manager: new Set<Permission>(ASSET_MANAGER),
  department_head: new Set<Permission>([...READ_ALL, 'seats:assign']),
  finance: new Set<Permission>([
    ...READ_EVERYWHERE,
    'licenses:write-financial',
    'reports:read',
    'audit:read',
  ]),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.has(permission) ?? false;
}
