import { exited, isRunning } from '../helpers/app-process';
import { Cluster, createLicense, createPersons, startCluster } from './helpers/cluster';
import { consistencyProblems, seatTotals } from './helpers/consistency';
import { confirmedSeatIds, tally } from './helpers/http';
import { Load, startLoad } from './helpers/load';
import { NORMAL_STATUSES, seatWorkload } from './helpers/seat-workload';

/**
 * One of three app processes on one database killed with SIGKILL in the middle of
 * an assign load: no shutdown, no rollback of its own, transactions cut mid-way.
 * The other two carry on, and the database holds no half-written assignment: a seat
 * exists with its history event and its audit event, or none of the three does.
 */
const INSTANCES = 3;
const VICTIM = 2;

describe('an app process killed with SIGKILL mid-load', () => {
  let cluster: Cluster | undefined;
  let load: Load | undefined;

  beforeAll(async () => {
    cluster = await startCluster(INSTANCES);
  }, 150_000);

  afterAll(async () => {
    await load?.stop();
    await cluster?.close();
  }, 30_000);

  it('the others carry on; every seat has its history and audit event, or neither exists', async () => {
    const c = cluster!;
    const personIds = await createPersons(c, 600);
    const licenseIds = await Promise.all([30, 30, 30].map((quantity) => createLicense(c, quantity)));

    let killedAt = 0;
    const survivors = Array.from({ length: INSTANCES }, (_, i) => i).filter((i) => i !== VICTIM);
    load = startLoad({
      urls: c.urls,
      concurrency: 15,
      maxRequests: 5000,
      maxDurationMs: 30_000,
      // Round-robin over every instance; after the kill, a balancer would route around it.
      ...seatWorkload({
        licenseIds,
        personIds,
        token: c.token,
        instanceFor: (i) => (killedAt ? survivors[i % survivors.length] : i % INSTANCES),
        unassignEvery: 4,
      }),
    });

    await load.until((o) => o.filter((x) => x.instance === VICTIM && x.status === 201).length >= 10, 15_000);
    killedAt = Date.now();
    c.apps[VICTIM].child.kill('SIGKILL');
    expect(await exited(c.apps[VICTIM], 5000)).toEqual({ code: null, signal: 'SIGKILL' });

    // The survivors go on serving: assigns granted after the kill on each of them.
    await load.until(
      (o) =>
        survivors.every(
          (s) => o.filter((x) => x.instance === s && x.startedAt > killedAt && x.status === 201).length >= 10,
        ),
      15_000,
    );
    const outcomes = await load.stop();

    const onVictim = outcomes.filter((o) => o.instance === VICTIM);
    const onSurvivors = outcomes.filter((o) => o.instance !== VICTIM);
    // Requests on the survivors: only what the contract allows, never an error, before or after.
    const wrong = onSurvivors.filter((o) => !NORMAL_STATUSES[o.kind].includes(o.status ?? 0));
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(tally(onSurvivors)['201']).toBeGreaterThan(0);
    // On the victim: proper answers before it died, and requests cut by its death.
    for (const o of onVictim) {
      if (o.status === null) expect(o.endedAt).toBeGreaterThanOrEqual(killedAt);
      else expect(NORMAL_STATUSES[o.kind]).toContain(o.status);
    }
    expect(onVictim.filter((o) => o.status === null).length).toBeGreaterThan(0);
    expect(survivors.every((s) => isRunning(c.apps[s]))).toBe(true);

    const confirmed = confirmedSeatIds(outcomes);
    expect(await consistencyProblems(c, confirmed)).toEqual({});
    const totals = await seatTotals(c);
    expect(totals.seats).toBeGreaterThanOrEqual(confirmed.length);
  }, 90_000);
});
