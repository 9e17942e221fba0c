/** The roles of the product's logins; what each may do is in permissions.ts. */
export const ROLES = ['admin', 'asset_manager', 'department_head', 'finance'] as const;
export type Role = (typeof ROLES)[number];
