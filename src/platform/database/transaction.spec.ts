import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityManager, QueryFailedError } from 'typeorm';
import { databaseOutage } from './database-errors';
import { MAX_ATTEMPTS, TransactionRunner } from './transaction';

const pgError = (code: string) =>
  new QueryFailedError('UPDATE "licenses" SET ...', [], Object.assign(new Error(`pg ${code}`), { code }));

/** A transaction host whose withTransaction() runs `work` outside any real transaction, failing first with `failures`. */
function fakeHost(failures: unknown[]) {
  const transaction = jest.fn(async (work: () => Promise<unknown>) => {
    const failure = failures.shift();
    if (failure) throw failure;
    return work();
  });
  const host = { tx: {} as EntityManager, isTransactionActive: () => false, withTransaction: transaction };
  return { host: host as unknown as TransactionHost<TransactionalAdapterTypeOrm>, transaction };
}

describe('TransactionRunner.run', () => {
  it.each(['40P01', '40001'])(
    'retries a %s and answers what the transaction that succeeds returns',
    async (code) => {
      const { host, transaction } = fakeHost([pgError(code), pgError(code)]);
      await expect(new TransactionRunner(host).run(async () => 'done')).resolves.toBe('done');
      expect(transaction).toHaveBeenCalledTimes(3);
    },
  );

  it(`gives up after ${MAX_ATTEMPTS} attempts and rethrows the last failure, which answers 503 DATABASE_BUSY`, async () => {
    const failures = Array.from({ length: MAX_ATTEMPTS + 3 }, (_, i) => pgError(i % 2 ? '40001' : '40P01'));
    const { host, transaction } = fakeHost(failures);
    const work = jest.fn(async () => 'never');
    const error = await new TransactionRunner(host).run(work).catch((e: unknown) => e);
    expect(transaction).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(work).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(databaseOutage(error)).toMatchObject({ code: 'DATABASE_BUSY' });
  });

  it('bounds the attempts to a small number', () => {
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
    expect(MAX_ATTEMPTS).toBeLessThanOrEqual(10);
  });

  it('does not retry other failures: a constraint violation, a domain error, a lost connection', async () => {
    for (const failure of [
      pgError('23505'),
      new Error('not a database error'),
      Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    ]) {
      const { host, transaction } = fakeHost([failure]);
      await expect(new TransactionRunner(host).run(async () => 'x')).rejects.toBe(failure);
      expect(transaction).toHaveBeenCalledTimes(1);
    }
  });
});
