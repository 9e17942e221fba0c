import { Client } from 'pg';
import { Cluster } from './cluster';
import { sleep } from './postgres';

export interface HeldLock {
  /** Backend pid of the session holding the lock. */
  pid: number;
  /** Commits the holding transaction: whoever waited on the row goes on. */
  release(): Promise<void>;
}

/**
 * Locks a license row (FOR UPDATE) in a transaction of a separate session and keeps
 * it open: every seat write on that license then waits inside its own transaction,
 * holding its pooled connection, until release(). Slowness that is real, not simulated.
 */
export async function holdLicenseLock(databaseUrl: string, licenseId: string): Promise<HeldLock> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined); // the server may go away under it in a fault test
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await client.query('BEGIN');
  await client.query('SELECT id FROM licenses WHERE id = $1 FOR UPDATE', [licenseId]);
  let released = false;
  return {
    pid: rows[0].pid,
    release: async () => {
      if (released) return;
      released = true;
      await client.query('COMMIT').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

/**
 * Sessions waiting, directly or in the queue behind another waiter, for the lock
 * `lock` holds: the first waiter waits for its transaction, the others for the row's
 * tuple lock the first one took. Waits on other rows do not count.
 */
export async function lockWaiters(cluster: Pick<Cluster, 'sql'>, lock: HeldLock): Promise<number> {
  const [row] = await cluster.sql<{ n: number }>(
    `WITH RECURSIVE blocked AS (
       SELECT pid FROM pg_stat_activity WHERE $1::int = ANY (pg_blocking_pids(pid))
       UNION
       SELECT a.pid FROM pg_stat_activity a JOIN blocked b ON b.pid = ANY (pg_blocking_pids(a.pid))
     )
     SELECT count(*)::int AS n FROM blocked`,
    [lock.pid],
  );
  return row.n;
}

/** Resolves once at least `n` sessions wait for `lock`; rejects after `timeoutMs`. */
export async function untilLockWaiters(
  cluster: Pick<Cluster, 'sql'>,
  lock: HeldLock,
  n: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while ((seen = await lockWaiters(cluster, lock)) < n) {
    if (Date.now() > deadline)
      throw new Error(`${seen} sessions wait for the lock after ${timeoutMs} ms, not ${n}`);
    await sleep(50);
  }
}
