/**
 * What the licenses module refuses beyond the common codes (libs/errors) and the
 * seat engine's (seat-engine/seat-errors.ts: quantity and limits below use).
 */
export const LicenseErrorCode = {
  /** 409: the metric cannot change while seats are held. */
  METRIC_IN_USE: 'METRIC_IN_USE',
} as const;
