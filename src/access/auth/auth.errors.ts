/** What login refuses beyond the common codes (libs/errors; a throttled login is TOO_MANY_REQUESTS). */
export const AuthErrorCode = {
  /** Unknown email or wrong password: the answer does not say which. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
} as const;
