import { isRunning } from '../helpers/app-process';
import { Cluster, createLicense, createPersons, startCluster } from './helpers/cluster';
import { consistencyProblems, seatTotals } from './helpers/consistency';
import { confirmedSeatIds, Outcome, send, tally } from './helpers/http';
import { Load, startLoad } from './helpers/load';
import { ensureServerUp, sleep, startServer, stopServer, waitUntilReady } from './helpers/postgres';
import { NORMAL_STATUSES, seatWorkload } from './helpers/seat-workload';

/**
 * PostgreSQL restarted under an assign load. While it is down the API answers 503
 * (health too), promptly, and the process stays up; once it accepts connections
 * again the same process serves within 10 s; nothing a client was told is lost.
 */
const DOWN_FOR_MS = 3000;
const RECOVERY_LIMIT_MS = 10_000;
/** "Promptly": an answer while the database is down never takes longer than this. */
const ANSWER_LIMIT_MS = 5000;
/** A request caught as the server stops may also find every connection busy reconnecting. */
const OUTAGE_CODES = ['DATABASE_UNAVAILABLE', 'DATABASE_BUSY'];

describe('PostgreSQL restarted during an assign load', () => {
  let cluster: Cluster | undefined;
  let load: Load | undefined;

  beforeAll(async () => {
    cluster = await startCluster(1);
  }, 100_000);

  afterAll(async () => {
    // Whatever happened above: the server runs again for the suites after this one.
    await ensureServerUp();
    await load?.stop();
    await cluster?.close();
  }, 60_000);

  it('answers 503 while down, recovers within 10 s of the server, keeps every confirmed seat', async () => {
    const c = cluster!;
    const personIds = await createPersons(c, 500);
    const licenseIds = await Promise.all([40, 40, 40, 40].map((quantity) => createLicense(c, quantity)));
    const probe = (kind: string, path: string) =>
      send(c.urls[0], { kind, instance: 0, method: 'GET', path, token: c.token, timeoutMs: 10_000 });

    const workload = seatWorkload({
      licenseIds,
      personIds,
      token: c.token,
      instanceFor: () => 0,
      unassignEvery: 4,
    });
    // 10 ms between a worker's requests: a load of instant 503s must not spin.
    load = startLoad({
      urls: c.urls,
      concurrency: 12,
      maxRequests: 6000,
      maxDurationMs: 45_000,
      pauseMs: 10,
      ...workload,
    });

    let stoppingAt = 0;
    let readyAt = 0;
    const down: Outcome[] = [];
    try {
      await load.until((o) => o.filter((x) => x.status === 201).length >= 40, 15_000);

      stoppingAt = Date.now();
      await stopServer();
      // Probes while down: each answers 503 in time, the process stays up.
      const probeUntil = Date.now() + DOWN_FOR_MS;
      while (Date.now() < probeUntil) {
        down.push(
          ...(await Promise.all([
            probe('health', '/health'),
            probe('list', '/api/v1/licenses'),
            probe('license', `/api/v1/licenses/${licenseIds[0]}`),
          ])),
        );
        await sleep(250);
      }
      expect(isRunning(c.apps[0])).toBe(true);

      await startServer();
      readyAt = await waitUntilReady(30_000);
    } finally {
      await ensureServerUp();
    }

    // The first request after the server is back that succeeds: a read with the same token.
    let recoveredAt = 0;
    while (!recoveredAt && Date.now() - readyAt < RECOVERY_LIMIT_MS + 5000) {
      const r = await probe('list', '/api/v1/licenses');
      if (r.status === 200) recoveredAt = r.endedAt;
      else await sleep(100);
    }
    // The load too: at least one assign or unassign succeeds after the restart.
    await load.until(
      (o) => o.some((x) => x.startedAt > readyAt && [201, 204].includes(x.status ?? 0)),
      10_000,
    );
    const outcomes = await load.stop();
    const health = await probe('health', '/health');

    // Recovery, without restarting the app.
    expect(recoveredAt).toBeGreaterThan(0);
    expect(recoveredAt - readyAt).toBeLessThan(RECOVERY_LIMIT_MS);
    expect(isRunning(c.apps[0])).toBe(true);
    expect(health.status).toBe(200);

    // While down: 503 in the contract's shape, for health too, each in time.
    expect(down.length).toBeGreaterThan(5);
    for (const o of down) {
      expect({ kind: o.kind, status: o.status, error: o.error }).toEqual({
        kind: o.kind,
        status: 503,
        error: undefined,
      });
      expect(o.endedAt - o.startedAt).toBeLessThan(ANSWER_LIMIT_MS);
      if (o.kind === 'health') expect(o.body).toMatchObject({ status: 'error', db: 'down', statusCode: 503 });
      else expect(o.body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    }

    // The load: never a 500, never a request left without an answer; 503 only around the outage.
    const counts = tally(outcomes);
    expect(outcomes.filter((o) => o.status === null || (o.status >= 500 && o.status !== 503))).toEqual([]);
    for (const o of outcomes) {
      const during = o.endedAt >= stoppingAt && o.startedAt <= recoveredAt;
      const allowed = [...NORMAL_STATUSES[o.kind], ...(during ? [503] : [])];
      if (!allowed.includes(o.status!)) throw new Error(`unexpected ${o.kind} answer: ${JSON.stringify(o)}`);
      if (o.status === 503) expect(OUTAGE_CODES).toContain(o.body?.code);
      expect(o.endedAt - o.startedAt).toBeLessThan(ANSWER_LIMIT_MS);
    }
    expect(counts['503']).toBeGreaterThan(0);

    // Every seat a client was told about is there, and the seat rules and trails hold.
    const confirmed = confirmedSeatIds(outcomes);
    expect(confirmed.length).toBeGreaterThan(40);
    expect(await consistencyProblems(c, confirmed)).toEqual({});
    expect((await seatTotals(c)).seats).toBeGreaterThanOrEqual(confirmed.length);
  }, 90_000);
});
