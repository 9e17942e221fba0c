import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 5;

/**
 * The transaction boundary of a use case. Services that write several rows take
 * the `EntityManager` it hands them. Deadlocks and serialization failures are
 * retried here, and only here, a bounded number of times with jittered backoff.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }
}

function isRetryable(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && RETRYABLE.has((error.driverError as { code?: string }).code ?? '')
  );
}
