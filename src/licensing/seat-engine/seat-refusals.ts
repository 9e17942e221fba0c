import { Injectable } from '@nestjs/common';
import { DomainError } from '@libs/errors';
import { translateDatabaseError } from '../../platform/database/database-errors';
import { TransactionRunner } from '../../platform/database/transaction';
import { License } from '../licenses/license.entity';
import { LicensesRepository } from '../licenses/licenses.repository';
import { SeatsRepository } from '../seats/seats.repository';
import { SeatErrorCode } from './seat-errors';
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

/** The guard refusals that carry the license's numbers when the service's own check raises them. */
const WITH_NUMBERS: readonly string[] = [
  SeatErrorCode.SEATS_EXHAUSTED,
  SeatErrorCode.ACTIVATION_LIMIT,
  SeatErrorCode.RESET_LIMIT,
];

/**
 * A refusal of the database's seat guard (a CHECK on the counters: something slipped
 * past the service's own check, such as a raw insert from another session) answers
 * as the very error the service raises itself, numbers included: the license's
 * counters are re-read in a fresh query, outside the transaction that failed.
 */
@Injectable()
export class SeatRefusals {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly licenses: LicensesRepository,
    private readonly seats: SeatsRepository,
  ) {}

  /**
   * Runs the seat use case `work`, explaining a guard's refusal. Inside a caller's
   * transaction (an import, the seed) the error goes up as it is: that transaction
   * has failed, and its owner decides what to answer.
   */
  async explained<T>(request: RefusedRequest, work: () => Promise<T>): Promise<T> {
    if (this.tx.active) return work();
    try {
      return await work();
    } catch (error) {
      throw await this.tx.outside(() => this.explain(error, request));
    }
  }

  private async explain(error: unknown, request: RefusedRequest): Promise<unknown> {
    const refusal = translateDatabaseError(error);
    if (!refusal || !WITH_NUMBERS.includes(refusal.code)) return error;
    const license = await this.licenses.findById(request.licenseId);
    if (!license) return refusal;
    return this.withNumbers(refusal, license, request);
  }

  private async withNumbers(refusal: DomainError, license: License, request: RefusedRequest) {
    switch (refusal.code) {
      case SeatErrorCode.SEATS_EXHAUSTED:
        return seatsExhausted(license, request.seats ?? 1);
      case SeatErrorCode.RESET_LIMIT:
        return resetLimitReached(license, request.resets ?? 1);
      default: {
        if (refusal.details.limit !== 'maxActivationsPerUser') return totalLimitReached(license);
        const seat = request.personId
          ? await this.seats.findActive(license.id, 'person', request.personId)
          : null;
        return perUserLimitReached(license, seat?.activeDevices ?? license.maxActivationsPerUser);
      }
    }
  }
}
