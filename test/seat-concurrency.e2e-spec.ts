import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { AppProcess, sharedAppEnv, startApp, stopApp } from './helpers/app-process';
import { createTestApp, TEST_ADMIN } from './helpers/test-app';
import { adminQuery, freshDatabase, serverUrl } from './setup/test-database';

/**
 * "Quantity is a hard limit … whatever the concurrency, the number of app instances,
 * or the order of requests" (DOMAIN.md, Seats). Bursts of simultaneous requests,
 * spread round-robin over every app instance, against one license; afterwards the
 * database itself is counted.
 *
 * On a PostgreSQL server (DATABASE_URL) the instances are 3 separate Node processes
 * on one database. The embedded database lives inside its one process, so without
 * DATABASE_URL the same bursts go to that single app (in-process, listening on a
 * real port). Fixtures are written by SQL for speed; everything under test goes
 * through HTTP.
 */
const ON_SERVER = serverUrl() !== undefined;
const INSTANCES = ON_SERVER ? 3 : 1;
const WHERE = ON_SERVER
  ? `${INSTANCES} app processes on one PostgreSQL database`
  : `${INSTANCES} app on the embedded database`;

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

interface Cluster {
  /** Base URL of every instance. */
  urls: string[];
  token: string;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const tag = () => randomBytes(4).toString('hex');

/** 3 processes on a fresh server database: the first alone (it creates the admin), then the others together. */
async function startProcesses(): Promise<Cluster> {
  const db = await freshDatabase();
  const pool = new Pool({ connectionString: db.databaseUrl, max: 2 });
  // Dropping the database at the end terminates what is still connected: expected, not a failure.
  pool.on('error', () => undefined);
  const apps: AppProcess[] = [];
  const close = async () => {
    await Promise.allSettled(apps.map((app) => stopApp(app, 10_000)));
    await pool.end();
    await adminQuery(`DROP DATABASE IF EXISTS ${new URL(db.databaseUrl!).pathname.slice(1)} WITH (FORCE)`);
    rmSync(db.dataDir, { recursive: true, force: true });
  };
  try {
    // The shipped pool and lock waits (DB_POOL_TIMEOUT_MS, DB_LOCK_TIMEOUT_MS unset): 300
    // writers queued on one license row must all be answered without a 503 at the defaults.
    const env = sharedAppEnv({ databaseUrl: db.databaseUrl!, dataDir: db.dataDir }, TEST_ADMIN);
    apps.push(await startApp(env));
    const others = await Promise.allSettled(Array.from({ length: INSTANCES - 1 }, () => startApp(env)));
    for (const o of others) if (o.status === 'fulfilled') apps.push(o.value);
    const failed = others.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;

    const urls = apps.map((a) => a.url);
    const token = await login(urls[0]);
    return {
      urls,
      token,
      sql: async (text, params) => (await pool.query(text, params)).rows,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The embedded database: one app, in this process, on a real port. */
async function startEmbedded(): Promise<Cluster> {
  const t = await createTestApp();
  try {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    return {
      urls: [`http://127.0.0.1:${port}`],
      token: t.admin.token,
      sql: (text, params) => t.dataSource.query(text, params),
      close: () => t.close(),
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

describe('seats under concurrency', () => {
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    cluster = ON_SERVER ? await startProcesses() : await startEmbedded();
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  /** One request; it starts at once (fetch), so a list of these is in flight together. */
  const call = (i: number, method: string, path: string, body?: unknown): Promise<Reply> => {
    const { urls, token } = cluster!;
    return fetch(`${urls[i % urls.length]}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (res) => {
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    });
  };

  const persons = async (n: number): Promise<string[]> => {
    const t = tag();
    const rows = await cluster!.sql<{ id: string }>(
      `INSERT INTO persons (first_name, last_name, email)
       SELECT 'Burst', $1 || '-' || g, 'burst.' || $1 || '.' || g || '@example.com'
       FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [t, n],
    );
    return rows.map((r) => r.id);
  };

  const assets = async (n: number): Promise<string[]> => {
    const t = tag();
    const rows = await cluster!.sql<{ id: string }>(
      `INSERT INTO assets (name, inventory_number, kind)
       SELECT 'PC ' || $1 || '-' || g, 'INV-' || $1 || '-' || g, 'laptop'
       FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [t, n],
    );
    return rows.map((r) => r.id);
  };

  const license = async (fields: Record<string, unknown>): Promise<string> => {
    const res = await call(0, 'POST', '/licenses', { name: `Burst ${tag()}`, metric: 'per_user', ...fields });
    if (res.status !== 201)
      throw new Error(`creating a license failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  /** What the database holds for the license: counters and the rows behind them. */
  const counted = async (licenseId: string) => {
    const [row] = await cluster!.sql<{
      quantity: number;
      used_seats: number;
      active_devices: number;
      seats: number;
      seat_devices: number;
      devices: number;
      assigns: number;
    }>(
      `SELECT l.quantity, l.used_seats, l.active_devices,
         (SELECT count(*)::int FROM license_seats s WHERE s.license_id = l.id AND s.released_at IS NULL) AS seats,
         (SELECT coalesce(sum(s.active_devices), 0)::int FROM license_seats s
            WHERE s.license_id = l.id AND s.released_at IS NULL) AS seat_devices,
         (SELECT count(*)::int FROM seat_devices d WHERE d.license_id = l.id AND d.deactivated_at IS NULL) AS devices,
         (SELECT count(*)::int FROM seat_events e WHERE e.license_id = l.id AND e.action = 'assign') AS assigns
       FROM licenses l WHERE l.id = $1`,
      [licenseId],
    );
    return row;
  };

  const statuses = (replies: Reply[]) => {
    const by: Record<number, number> = {};
    for (const r of replies) by[r.status] = (by[r.status] ?? 0) + 1;
    return by;
  };
  const serverErrors = (replies: Reply[]) => replies.filter((r) => r.status >= 500);

  it(`300 simultaneous assigns of a 25-seat license: exactly 25 seats (${WHERE})`, async () => {
    const people = await persons(300);
    const licenseId = await license({ quantity: 25 });

    // All 300 are sent before any answer can be read.
    const pending = people.map((personId, i) =>
      call(i, 'POST', `/licenses/${licenseId}/persons`, { personIds: [personId] }),
    );
    const replies = await Promise.all(pending);

    expect(serverErrors(replies)).toEqual([]);
    expect(statuses(replies)).toEqual({ 201: 25, 409: 275 });
    for (const r of replies.filter((x) => x.status === 409)) {
      // Refused by the service under the license lock: it saw the true count.
      expect(r.body).toMatchObject({
        code: 'SEATS_EXHAUSTED',
        details: { quantity: 25, used: 25, available: 0, requested: 1 },
      });
    }
    const granted = replies
      .filter((r) => r.status === 201)
      .map((r) => {
        expect(r.body).toHaveLength(1);
        return r.body[0].personId as string;
      });

    expect(await counted(licenseId)).toMatchObject({ quantity: 25, used_seats: 25, seats: 25, assigns: 25 });
    const held = await cluster!.sql<{ person_id: string }>(
      'SELECT person_id FROM license_seats WHERE license_id = $1 AND released_at IS NULL',
      [licenseId],
    );
    expect(held.map((s) => s.person_id).sort()).toEqual(granted.sort());
  }, 60_000);

  it(`60 simultaneous device activations against maxActivations 20: exactly 20 (${WHERE})`, async () => {
    const [people, devices] = await Promise.all([persons(60), assets(60)]);
    const licenseId = await license({ quantity: 60, maxActivationsPerUser: 1, maxActivations: 20 });
    const assigned = await call(0, 'POST', `/licenses/${licenseId}/persons`, { personIds: people });
    expect(assigned.status).toBe(201);

    const pending = people.map((personId, i) =>
      call(i, 'POST', `/licenses/${licenseId}/persons/${personId}/devices`, { assetId: devices[i] }),
    );
    const replies = await Promise.all(pending);

    expect(serverErrors(replies)).toEqual([]);
    expect(statuses(replies)).toEqual({ 201: 20, 422: 40 });
    for (const r of replies.filter((x) => x.status === 422)) {
      expect(r.body).toMatchObject({
        code: 'ACTIVATION_LIMIT',
        details: { limit: 'maxActivations', max: 20, active: 20 },
      });
    }

    expect(await counted(licenseId)).toMatchObject({
      used_seats: 60,
      seats: 60,
      active_devices: 20,
      devices: 20,
      seat_devices: 20,
    });
  }, 60_000);

  it(`device activations racing the release of their persons leave no device on a released seat (${WHERE})`, async () => {
    const [people, devices] = await Promise.all([persons(60), assets(60)]);
    const licenseId = await license({ quantity: 60, maxActivationsPerUser: 2, maxActivations: 60 });
    const assigned = await call(0, 'POST', `/licenses/${licenseId}/persons`, { personIds: people });
    expect(assigned.status).toBe(201);

    // For every person, on different instances at once: an activation, and a release of the
    // person (deactivated, offboarded or deleted), and for some an unassign of the same seat too.
    const pending: Promise<Reply & { kind: string }>[] = [];
    people.forEach((personId, i) => {
      const tagged = (kind: string) => (r: Reply) => ({ ...r, kind });
      pending.push(
        call(i, 'POST', `/licenses/${licenseId}/persons/${personId}/devices`, { assetId: devices[i] }).then(
          tagged('activate'),
        ),
      );
      const release = [
        () => call(i + 1, 'PATCH', `/persons/${personId}`, { active: false }),
        () => call(i + 1, 'POST', `/persons/${personId}/offboard`),
        () => call(i + 1, 'DELETE', `/persons/${personId}`),
      ][i % 3];
      pending.push(release().then(tagged('release')));
      if (i % 4 === 0) {
        pending.push(
          call(i + 2, 'DELETE', `/licenses/${licenseId}/persons/${personId}`).then(tagged('unassign')),
        );
      }
    });
    const replies = await Promise.all(pending);

    expect(serverErrors(replies)).toEqual([]);
    const byKind = (kind: string) => replies.filter((r) => r.kind === kind).map((r) => r.status);
    expect(byKind('activate').every((s) => s === 201 || s === 404)).toBe(true);
    expect(byKind('release').every((s) => s === 200 || s === 204)).toBe(true);
    expect(byKind('unassign').every((s) => s === 204 || s === 404)).toBe(true);

    expect(await counted(licenseId)).toMatchObject({
      used_seats: 0,
      seats: 0,
      active_devices: 0,
      devices: 0,
    });
    // Every seat ended exactly once in history, and every activation ended with its seat.
    const events = await cluster!.sql<{
      action: string;
      person_id: string;
      asset_id: string;
      devices: string[];
    }>(
      `SELECT action, person_id, asset_id, COALESCE(details -> 'devices', '[]') AS devices
         FROM seat_events WHERE license_id = $1 AND action IN ('activate', 'release', 'unassign')`,
      [licenseId],
    );
    const ends = events.filter((e) => e.action !== 'activate');
    expect(ends.map((e) => e.person_id).sort()).toEqual([...people].sort());
    const activated = events.filter((e) => e.action === 'activate').map((e) => e.asset_id);
    expect(activated).toHaveLength(byKind('activate').filter((s) => s === 201).length);
    expect(ends.flatMap((e) => e.devices).sort()).toEqual(activated.sort());
  }, 60_000);

  it(`a quantity decrease racing 100 assigns never leaves used > quantity (${WHERE})`, async () => {
    const people = await persons(100);
    const licenseId = await license({ quantity: 50 });

    // Quantity changes in the middle of the burst, each to a different instance.
    const changes = new Map([
      [20, 20],
      [35, 30],
      [50, 15],
      [65, 40],
      [80, 25],
    ]);
    const pending: Promise<Reply & { kind: 'assign' | 'quantity' }>[] = [];
    people.forEach((personId, i) => {
      const quantity = changes.get(i);
      if (quantity !== undefined) {
        pending.push(
          call(i + 1, 'PATCH', `/licenses/${licenseId}`, { quantity }).then((r) => ({
            ...r,
            kind: 'quantity',
          })),
        );
      }
      pending.push(
        call(i, 'POST', `/licenses/${licenseId}/persons`, { personIds: [personId] }).then((r) => ({
          ...r,
          kind: 'assign',
        })),
      );
    });
    const replies = await Promise.all(pending);

    expect(serverErrors(replies)).toEqual([]);
    const assigns = replies.filter((r) => r.kind === 'assign');
    const patches = replies.filter((r) => r.kind === 'quantity');
    expect(assigns.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(patches.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    for (const r of assigns.filter((x) => x.status === 409)) {
      // One seat did not fit: the license was full, and never over full.
      expect(r.body).toMatchObject({ code: 'SEATS_EXHAUSTED', details: { requested: 1, available: 0 } });
      expect(r.body.details.used).toBe(r.body.details.quantity);
    }
    for (const r of patches) {
      if (r.status === 200) expect(r.body.usedSeats).toBeLessThanOrEqual(r.body.quantity);
      else expect(r.body).toMatchObject({ code: 'QUANTITY_BELOW_USE' });
    }

    const db = await counted(licenseId);
    expect(db.used_seats).toBeLessThanOrEqual(db.quantity);
    expect(db.seats).toBe(db.used_seats);
    expect(db.assigns).toBe(db.used_seats);
    expect(assigns.filter((r) => r.status === 201)).toHaveLength(db.used_seats);

    // Every instance reports what the database holds.
    const views = await Promise.all(cluster!.urls.map((_, i) => call(i, 'GET', `/licenses/${licenseId}`)));
    for (const v of views) {
      expect(v.body).toMatchObject({ quantity: db.quantity, usedSeats: db.used_seats });
    }
  }, 60_000);
});
