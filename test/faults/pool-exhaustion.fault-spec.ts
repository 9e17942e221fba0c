import { Cluster, createLicense, createPersons, startCluster } from './helpers/cluster';
import { consistencyProblems } from './helpers/consistency';
import { confirmedSeatIds, Outcome, RequestSpec, send } from './helpers/http';
import { holdLicenseLock, HeldLock, untilLockWaiters } from './helpers/row-lock';

/**
 * Every pooled connection taken by slow requests: seat writes waiting for a license
 * row another session holds locked. The app must not deadlock: other requests come
 * back promptly with 503 DATABASE_BUSY, health answers, and once the lock goes the
 * waiting requests complete and the app serves as before. A lock that is never
 * released ends the wait at DB_LOCK_TIMEOUT_MS, again with a 503.
 */
const POOL_SIZE = 3;
const POOL_TIMEOUT_MS = 1000;
const LOCK_TIMEOUT_MS = 4000;
/** "Promptly": a request that cannot get a connection answers within the pool wait and a margin. */
const BUSY_ANSWER_LIMIT_MS = POOL_TIMEOUT_MS + 1500;

describe('a connection pool exhausted by slow requests', () => {
  let cluster: Cluster | undefined;
  let lock: HeldLock | undefined;

  beforeAll(async () => {
    cluster = await startCluster(1, {
      DB_POOL_SIZE: String(POOL_SIZE),
      DB_POOL_TIMEOUT_MS: String(POOL_TIMEOUT_MS),
      DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS),
    });
  }, 100_000);

  afterEach(async () => {
    await lock?.release();
  });

  afterAll(async () => {
    await cluster?.close();
  }, 30_000);

  const request = (spec: Omit<RequestSpec, 'instance' | 'token'>) =>
    send(cluster!.urls[0], { instance: 0, token: cluster!.token, timeoutMs: 20_000, ...spec });
  const assign = (licenseId: string, personId: string) =>
    request({
      kind: 'assign',
      method: 'POST',
      path: `/api/v1/licenses/${licenseId}/persons`,
      body: { personIds: [personId] },
    });
  const took = (o: Outcome) => o.endedAt - o.startedAt;

  it('answers 503 DATABASE_BUSY meanwhile, and completes the waiting requests once the lock goes', async () => {
    const c = cluster!;
    const [locked, other] = await Promise.all([createLicense(c, 20), createLicense(c, 20)]);
    const persons = await createPersons(c, 20);

    lock = await holdLicenseLock(c.databaseUrl, locked);
    // One request per pooled connection, each waiting inside its transaction.
    const waiting = persons.slice(0, POOL_SIZE).map((p) => assign(locked, p));
    await untilLockWaiters(c, lock, POOL_SIZE, 10_000);

    // Meanwhile: reads, a write elsewhere, more writes on the locked row, health.
    const meanwhile = await Promise.all([
      request({ kind: 'list', method: 'GET', path: '/api/v1/licenses' }),
      request({ kind: 'read', method: 'GET', path: `/api/v1/licenses/${other}` }),
      assign(other, persons[10]),
      assign(locked, persons[11]),
      request({ kind: 'health', method: 'GET', path: '/health' }),
    ]);
    for (const o of meanwhile) {
      expect(took(o)).toBeLessThan(BUSY_ANSWER_LIMIT_MS);
      expect(o.status).toBe(503);
      if (o.kind === 'health') expect(o.body).toMatchObject({ status: 'error', db: 'down', statusCode: 503 });
      else expect(o.body).toMatchObject({ statusCode: 503, code: 'DATABASE_BUSY' });
    }

    await lock.release();
    const done = await Promise.all(waiting);
    expect(done.map((o) => o.status)).toEqual(Array(POOL_SIZE).fill(201));

    // Served as before.
    const after = await Promise.all([
      request({ kind: 'list', method: 'GET', path: '/api/v1/licenses' }),
      assign(other, persons[10]),
      assign(locked, persons[11]),
      request({ kind: 'health', method: 'GET', path: '/health' }),
    ]);
    expect(after.map((o) => o.status)).toEqual([200, 201, 201, 200]);

    const confirmed = confirmedSeatIds([...done, ...after]);
    expect(confirmed).toHaveLength(POOL_SIZE + 2);
    expect(await consistencyProblems(c, confirmed)).toEqual({});
  }, 30_000);

  it('ends a wait for a lock that is never released with 503 after DB_LOCK_TIMEOUT_MS, writing nothing', async () => {
    const c = cluster!;
    const locked = await createLicense(c, 20);
    const persons = await createPersons(c, 2);

    lock = await holdLicenseLock(c.databaseUrl, locked);
    const waiting = await Promise.all(persons.map((p) => assign(locked, p)));
    for (const o of waiting) {
      expect(o.status).toBe(503);
      expect(o.body).toMatchObject({ code: 'DATABASE_BUSY' });
      // lock_timeout bounds each wait for a lock, not the request: the second in the
      // row lock's queue waits its turn behind the first (timed out), then for the row.
      expect(took(o)).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 200);
      expect(took(o)).toBeLessThan(persons.length * LOCK_TIMEOUT_MS + 2000);
    }
    // The lock is still held; the app is not stuck behind it.
    expect((await request({ kind: 'health', method: 'GET', path: '/health' })).status).toBe(200);
    await lock.release();

    const [seats] = await c.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM license_seats WHERE license_id = $1',
      [locked],
    );
    expect(seats.n).toBe(0);
    expect((await assign(locked, persons[0])).status).toBe(201);
    expect(await consistencyProblems(c, [])).toEqual({});
  }, 30_000);
});
