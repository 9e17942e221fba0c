/** How many days before its expiration date a license counts as `expiring`. */
export const EXPIRY_WARNING_DAYS = 30;

export const LICENSE_STATUSES = ['active', 'expiring', 'expired'] as const;
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

/** Today's calendar date in UTC, 'YYYY-MM-DD': the one "today" of statuses and filters. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Derived status: expired after its expiration date, expiring on it and within the
 * warning window before it, active otherwise (no expiration date = active).
 * ISO dates compare correctly as strings.
 */
export function licenseStatus(expirationDate: string | null, today: string): LicenseStatus {
  if (!expirationDate) return 'active';
  if (expirationDate < today) return 'expired';
  if (expirationDate <= addDays(today, EXPIRY_WARNING_DAYS)) return 'expiring';
  return 'active';
}

/**
 * The same rule as SQL conditions on a date column, so the `status` filter runs in
 * the query. Parameters: `:today` and `:warnUntil` (see statusParams).
 */
export function statusCondition(status: LicenseStatus, column: string): string {
  switch (status) {
    case 'expired':
      return `${column} < CAST(:today AS date)`;
    case 'expiring':
      return `${column} BETWEEN CAST(:today AS date) AND CAST(:warnUntil AS date)`;
    case 'active':
      return `(${column} IS NULL OR ${column} > CAST(:warnUntil AS date))`;
  }
}

export function statusParams(today: string): { today: string; warnUntil: string } {
  return { today, warnUntil: addDays(today, EXPIRY_WARNING_DAYS) };
}
