import { Injectable } from '@nestjs/common';
import {
  DataSource,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  ObjectLiteral,
  QueryFailedError,
} from 'typeorm';
import { NotFoundError } from '@libs/errors';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
/** Tries of one transaction (the first and the retries) before a deadlock or serialization failure is given up. */
export const MAX_ATTEMPTS = 5;

/**
 * The transaction boundary of a use case. Services that write several rows take
 * the `EntityManager` it hands them. Deadlocks and serialization failures are
 * retried here, and only here, a bounded number of times with jittered backoff;
 * the last one is rethrown and answers 503 DATABASE_BUSY (databaseOutage), a
 * request the client may send again. Every write runs in a transaction, so the
 * audit trigger learns its actor.
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

  /** Deletes the row matching `where`; 404 naming `label` when there is none. */
  async deleteOne<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    where: FindOptionsWhere<T> & { id: string },
    label: string,
  ): Promise<void> {
    const { affected } = await this.run((manager) => manager.delete(entity, where));
    if (!affected) throw new NotFoundError(label, where.id);
  }
}

export function isRetryable(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && RETRYABLE.has((error.driverError as { code?: string }).code ?? '')
  );
}
