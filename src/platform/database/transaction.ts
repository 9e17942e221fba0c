import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
/** Tries of one transaction (the first and the retries) before a deadlock or serialization failure is given up. */
export const MAX_ATTEMPTS = 5;

/**
 * The transaction of the current use case, carried in the request's context
 * (nestjs-cls): repositories take `manager`, which is that transaction's, or the
 * pool's outside one, so no method passes an EntityManager along. The outermost
 * `run` (or `@Transactional()` method) is the boundary: deadlocks and serialization
 * failures are retried there, and only there, a bounded number of times with
 * jittered backoff; the last one is rethrown and answers 503 DATABASE_BUSY. Inner
 * calls join the transaction that is open. Every write runs in one, so the audit
 * trigger learns its actor.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly host: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** A runner for a script outside the Nest app (bench:data), on `dataSource`. */
  static forDataSource(dataSource: DataSource): TransactionRunner {
    const adapter = new TransactionalAdapterTypeOrm({ dataSourceToken: DataSource });
    const options = {
      ...adapter.optionsFactory(dataSource),
      connectionName: undefined,
      enableTransactionProxy: false,
      defaultTxOptions: {},
      extraProviderTokens: [],
    };
    return new TransactionRunner(new TransactionHost(options));
  }

  /** The open transaction's manager, or the pool's when none is open. */
  get manager(): EntityManager {
    return this.host.tx;
  }

  get active(): boolean {
    return this.host.isTransactionActive();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active) return work();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.host.withTransaction(work);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  /** Runs `work` outside any transaction, on the pool (a read after a transaction failed). */
  outside<T>(work: () => Promise<T>): Promise<T> {
    return this.host.withoutTransaction(work);
  }
}

/**
 * Makes the method one use case: it runs in one transaction (joining the caller's
 * when one is open) with the deadlock retry of {@link TransactionRunner.run}. The
 * class injects a TransactionRunner; the decorator finds it there, so each app
 * instance uses its own database.
 */
export function Transactional(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const method = descriptor.value as (...args: unknown[]) => Promise<unknown>;
    descriptor.value = function (this: object, ...args: unknown[]) {
      const runner = Object.values(this).find((v) => v instanceof TransactionRunner) as
        TransactionRunner | undefined;
      if (!runner)
        throw new Error(`${this.constructor.name} uses @Transactional() but injects no TransactionRunner`);
      return runner.run(() => method.apply(this, args));
    };
    Object.defineProperty(descriptor.value, 'name', { value: method.name });
    return descriptor;
  };
}

export function isRetryable(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && RETRYABLE.has((error.driverError as { code?: string }).code ?? '')
  );
}
