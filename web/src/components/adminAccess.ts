import type { Role } from '../api/client';
import { can } from '../auth';

/**
 * Who may open the admin screens, mirroring the API's permissions (catalogs:write,
 * users:manage, audit:read); anything else is denied.
 */
export const canAdmin = {
  catalogs: can.manage,
  users: (r?: Role) => r === 'admin',
  audit: (r?: Role) => r === 'admin' || r === 'asset_manager' || r === 'finance',
};
