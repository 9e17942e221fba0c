import { connect } from 'node:net';
import { exited, isRunning } from '../helpers/app-process';
import { Cluster, createLicense, createPersons, startCluster } from './helpers/cluster';
import { consistencyProblems } from './helpers/consistency';
import { confirmedSeatIds, Outcome, send } from './helpers/http';
import { Load, startLoad } from './helpers/load';
import { sleep } from './helpers/postgres';
import { holdLicenseLock, untilLockWaiters } from './helpers/row-lock';
import { seatWorkload } from './helpers/seat-workload';

/**
 * SIGTERM under load: the process stops taking connections, answers every request
 * it was already working on, and exits 0 within 10 s.
 *
 * The in-flight requests are slow for real: seat writes on a license whose row a
 * separate session holds locked, so they wait inside their transactions until the
 * lock goes, a second after the signal. Beside them, a load of assigns on another
 * license keeps the process busy up to the signal.
 */
const EXIT_LIMIT_MS = 10_000;
const HELD_AFTER_SIGNAL_MS = 1000;

/** Whether a new TCP connection to the port is accepted (false: refused). */
function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe('SIGTERM under load', () => {
  let cluster: Cluster | undefined;
  let busy: Load | undefined;

  beforeAll(async () => {
    cluster = await startCluster(1);
  }, 100_000);

  afterAll(async () => {
    await busy?.stop();
    await cluster?.close();
  }, 30_000);

  it('answers the requests in flight, refuses new connections, exits 0 within 10 s', async () => {
    const c = cluster!;
    const app = c.apps[0];
    const [slowLicense, busyLicense] = await Promise.all([createLicense(c, 20), createLicense(c, 30)]);
    const persons = await createPersons(c, 200);
    const call = (kind: string, method: string, path: string, body?: unknown, tag?: string) =>
      send(app.url, { kind, instance: 0, method, path, body, token: c.token, tag, timeoutMs: 20_000 });

    // Two seats to unassign later, while the lock is held.
    const held = persons.slice(0, 2);
    const setup = await call('assign', 'POST', `/api/v1/licenses/${slowLicense}/persons`, {
      personIds: held,
    });
    expect(setup.status).toBe(201);

    busy = startLoad({
      urls: c.urls,
      concurrency: 4,
      maxRequests: 2000,
      maxDurationMs: 20_000,
      pauseMs: 5, // once the port is shut, refusals come back at once
      ...seatWorkload({
        licenseIds: [busyLicense],
        personIds: persons.slice(100),
        token: c.token,
        instanceFor: () => 0,
        unassignEvery: 3,
      }),
    });
    await busy.until((o) => o.length >= 20, 10_000);

    const lock = await holdLicenseLock(c.databaseUrl, slowLicense);
    let inFlight: Promise<Outcome>[] = [];
    let signalledAt = 0;
    try {
      inFlight = [
        ...persons
          .slice(2, 8)
          .map((p) =>
            call(
              'assign',
              'POST',
              `/api/v1/licenses/${slowLicense}/persons`,
              { personIds: [p] },
              `slow ${p}`,
            ),
          ),
        ...held.map((p) => call('unassign', 'DELETE', `/api/v1/licenses/${slowLicense}/persons/${p}`)),
      ];
      // All 8 are inside their transactions, waiting for the license row.
      await untilLockWaiters(c, lock, inFlight.length, 10_000);

      signalledAt = Date.now();
      app.child.kill('SIGTERM');
      await sleep(300);
      // The listening socket is closed at once: a new connection is refused.
      expect(await accepts(app.port)).toBe(false);
      expect(isRunning(app)).toBe(true); // still answering what it took on
      await sleep(HELD_AFTER_SIGNAL_MS - 300);
    } finally {
      await lock.release();
    }

    const answers = await Promise.all(inFlight);
    const exit = await exited(app, EXIT_LIMIT_MS - (Date.now() - signalledAt));
    const background = await busy.stop();

    // Complete answers, with what the contract promises, to every request in flight.
    expect(answers.map((a) => [a.kind, a.status, a.error])).toEqual([
      ...Array.from({ length: 6 }, () => ['assign', 201, undefined]),
      ['unassign', 204, undefined],
      ['unassign', 204, undefined],
    ]);
    for (const a of answers) expect(a.endedAt).toBeGreaterThan(signalledAt + HELD_AFTER_SIGNAL_MS - 100);

    // A clean exit in time (code 0: app.close() finished, database closed).
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(EXIT_LIMIT_MS);

    // The background load: every answer it got is a proper one; after the signal a
    // request may find the door shut (refused, or its idle keep-alive socket closed).
    for (const o of background) {
      if (o.status !== null) expect([201, 204, 409]).toContain(o.status);
      else expect(o.startedAt).toBeGreaterThanOrEqual(signalledAt - 50);
    }

    const confirmed = confirmedSeatIds([...answers, ...background, setup]);
    expect(await consistencyProblems(c, confirmed)).toEqual({});
  }, 60_000);
});
