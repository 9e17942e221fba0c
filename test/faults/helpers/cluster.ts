import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AppProcess, sharedAppEnv, startApp, stopApp } from '../../helpers/app-process';
import { TEST_ADMIN } from '../../helpers/test-app';
import { adminQuery, freshDatabase } from '../../setup/test-database';

/** App processes on one fresh database of the PostgreSQL server, and a side connection to it. */
export interface Cluster {
  apps: AppProcess[];
  /** Base URL of every instance, in the order of `apps`. */
  urls: string[];
  databaseUrl: string;
  /** The environment the apps were started with, to start another one alike. */
  env: Record<string, string>;
  /** The admin's bearer token; valid on every instance (one JWT_SECRET). */
  token: string;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Stops every app still running, drops the database. Safe to call twice. */
  close(): Promise<void>;
}

/** One start compiles the app through ts-node: seconds, and many more on a busy 2-core runner. */
const START_TIMEOUT_MS = 90_000;

/**
 * Starts `instances` app processes on a fresh copy of the migrated template: the
 * first alone (it creates the admin), then the others together.
 */
export async function startCluster(
  instances: number,
  extraEnv: Record<string, string> = {},
): Promise<Cluster> {
  const db = await freshDatabase();
  if (!db.databaseUrl) throw new Error('fault suites need DATABASE_URL (see jest.faults.config.js)');
  const databaseUrl = db.databaseUrl;
  // Two connections for fixtures and checks. The fault suites restart the server and drop
  // the database under it: a pooled connection dying then is expected, not an unhandled error.
  const pool = new Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  const apps: AppProcess[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.allSettled(apps.map((app) => stopApp(app, 10_000)));
    keepLogs(apps);
    await pool.end().catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
    rmSync(db.dataDir, { recursive: true, force: true });
  };
  const env = { ...sharedAppEnv({ databaseUrl, dataDir: db.dataDir }, TEST_ADMIN), ...extraEnv };
  try {
    apps.push(await startApp(env, { timeoutMs: START_TIMEOUT_MS }));
    const others = await Promise.allSettled(
      Array.from({ length: instances - 1 }, () => startApp(env, { timeoutMs: START_TIMEOUT_MS })),
    );
    for (const o of others) if (o.status === 'fulfilled') apps.push(o.value);
    const failed = others.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
    const urls = apps.map((a) => a.url);
    return {
      apps,
      urls,
      databaseUrl,
      env,
      token: await login(urls[0]),
      sql: async (text, params) => (await pool.query(text, params)).rows,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** With FAULTS_LOG_DIR set, each app's output is kept there (app-<port>.log) to read after a failure. */
function keepLogs(apps: AppProcess[]): void {
  const dir = process.env.FAULTS_LOG_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const app of apps) writeFileSync(join(dir, `app-${app.port}.log`), app.output());
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

const tag = () => randomBytes(4).toString('hex');

/** `n` active persons, written by SQL for speed; their ids in order. */
export async function createPersons(cluster: Cluster, n: number): Promise<string[]> {
  const t = tag();
  const rows = await cluster.sql<{ id: string }>(
    `INSERT INTO persons (first_name, last_name, email)
     SELECT 'Fault', $1 || '-' || g, 'fault.' || $1 || '.' || g || '@example.com'
     FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
    [t, n],
  );
  return rows.map((r) => r.id);
}

/** A per_user license through the API (so it is audited like any other); its id. */
export async function createLicense(cluster: Cluster, quantity: number): Promise<string> {
  const res = await fetch(`${cluster.urls[0]}/api/v1/licenses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cluster.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Fault ${tag()}`, metric: 'per_user', quantity }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`creating a license failed: ${res.status} ${JSON.stringify(body)}`);
  return body.id;
}
