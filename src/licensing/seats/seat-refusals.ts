import { EntityManager, IsNull } from 'typeorm';
import { DomainError } from '@libs/errors';
import { translateDatabaseError } from '../../platform/database/database-errors';
import { License } from '../licenses/license.entity';
import { LicenseSeat } from './license-seat.entity';
import { perUserLimitReached, resetLimitReached, seatsExhausted, totalLimitReached } from './seat-rules';

/** What the refused request asked for, to put beside the license's numbers. */
export interface RefusedRequest {
  licenseId: string;
  /** Seats asked for (assign, transfer). */
  seats?: number;
  /** The person whose seat took a device (activate). */
  personId?: string;
  /** Resets asked for. */
  resets?: number;
}

/**
 * The error to answer for `error`, thrown by a seat transaction. A refusal of the
 * database's seat guard (a CHECK on the counters: something slipped past the
 * service's own check, such as a raw insert from another session) becomes the very
 * error the service raises itself, numbers included: the license's counters are
 * re-read in a fresh query, outside the transaction that failed. Anything else is
 * returned as it was.
 */
export async function explainRefusal(
  manager: EntityManager,
  error: unknown,
  request: RefusedRequest,
): Promise<unknown> {
  const refusal = translateDatabaseError(error);
  if (!refusal || !['SEATS_EXHAUSTED', 'ACTIVATION_LIMIT', 'RESET_LIMIT'].includes(refusal.code)) {
    return error;
  }
  const license = await manager.findOneBy(License, { id: request.licenseId });
  if (!license) return refusal;
  return withNumbers(manager, refusal, license, request);
}

async function withNumbers(
  manager: EntityManager,
  refusal: DomainError,
  license: License,
  request: RefusedRequest,
): Promise<DomainError> {
  switch (refusal.code) {
    case 'SEATS_EXHAUSTED':
      return seatsExhausted(license, request.seats ?? 1);
    case 'RESET_LIMIT':
      return resetLimitReached(license, request.resets ?? 1);
    default: {
      if (refusal.details.limit !== 'maxActivationsPerUser') return totalLimitReached(license);
      const seat = request.personId
        ? await manager.findOneBy(LicenseSeat, {
            licenseId: license.id,
            personId: request.personId,
            releasedAt: IsNull(),
          })
        : null;
      return perUserLimitReached(license, seat?.activeDevices ?? license.maxActivationsPerUser);
    }
  }
}
