/** What the users module refuses beyond the common codes (libs/errors). */
export const UsersErrorCode = {
  /** A user deleting their own account. */
  SELF_DELETE: 'SELF_DELETE',
  /** Removing or demoting the only admin. */
  LAST_ADMIN: 'LAST_ADMIN',
} as const;
