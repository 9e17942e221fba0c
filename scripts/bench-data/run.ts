import { Client } from 'pg';
import { step } from './bulk';
import { verify } from './checks';
import { connect, migrate, recreateDatabase, stagingUrl, swapDatabase } from './database';
import { backfillAudit, recomputeCounters } from './finish';
import { DEPARTMENT_HEAD_UNIT, generateModel } from './generate';
import { Model } from './model';
import { Counts, Options, redact, scaledCounts } from './options';
import { BENCH_PASSWORD, BenchLogin, createUsers } from './users';
import { writeCatalogs, writeRegister } from './write';

export interface Summary {
  scale: number;
  database: string;
  today: string;
  seconds: number;
  counts: Record<string, number>;
  auditTriggersDuringLoad: false;
  users: (BenchLogin & { password?: string })[];
}

const TABLES = [
  'organizations',
  'org_units',
  'locations',
  'license_categories',
  'software',
  'users',
  'persons',
  'assets',
  'licenses',
  'license_seats',
  'seat_devices',
  'seat_events',
  'audit_events',
];

/**
 * Generates the organization in memory, loads it into a fresh staging database,
 * verifies it, and only then swaps it in for the target database.
 */
export async function run(options: Options): Promise<Summary> {
  const started = performance.now();
  const counts = scaledCounts(options.scale);
  const model = await step('generate (in memory)', async () => generateModel(counts, options.today));
  const staging = stagingUrl(options.databaseUrl);
  await step('drop and create staging database', () => recreateDatabase(staging));
  const { tableCounts, logins } = await load(staging, model, counts);
  await step('drop target, rename staging to it', () => swapDatabase(staging, options.databaseUrl));
  return {
    scale: options.scale,
    database: redact(options.databaseUrl),
    today: options.today,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    counts: tableCounts,
    auditTriggersDuringLoad: false,
    users: logins.map((l) => (l.role === 'admin' ? l : { ...l, password: BENCH_PASSWORD })),
  };
}

/**
 * The app's migrations, the bulk load with triggers off, the counters recomputed,
 * audit events backfilled, VACUUM ANALYZE, then the checks (read-only; a failure throws).
 */
async function load(url: string, model: Model, counts: Counts) {
  const rows = (n: number) => n;
  const { dataSource } = await step('migrations', () => migrate(url));
  const client = await connect(url);
  try {
    // Replica mode skips user triggers (counters, audit) and FK triggers: one bulk statement
    // per chunk instead of a trigger call per row. Counters and keys are verified afterwards.
    await client.query('SET session_replication_role = replica');
    await writeCatalogs(client, model);
    const headUnit = model.orgUnits.find((u) => u.code === DEPARTMENT_HEAD_UNIT) ?? model.orgUnits[1];
    const { actors, logins } = await step('users (UsersService, argon2)', async () => {
      try {
        return await createUsers(dataSource, headUnit.id);
      } finally {
        await dataSource.destroy();
      }
    });
    await writeRegister(client, model, actors);
    await step('recompute counters', () => recomputeCounters(client), rows);
    await client.query('SET session_replication_role = DEFAULT');
    await step('audit_events (backfill)', () => backfillAudit(client, actors.asset_manager), rows);
    console.log(
      "bench-data: audit: triggers were off during the load; 'create' events backfilled for the catalogs, " +
        'persons, assets and licenses (as the asset manager, at created_at); seats and devices have no audit ' +
        'rows (their history is seat_events); the users were audited live',
    );
    await step('VACUUM ANALYZE', () => client.query('VACUUM ANALYZE'));
    await step('consistency checks', () =>
      verify(client, { roomyPerMetric: counts.freeLicensesPerMetric, rootPool: counts.rootPoolLicenses }),
    );
    return { tableCounts: await countRows(client), logins };
  } finally {
    await client.end();
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

async function countRows(client: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = rows[0].n;
  }
  const { rows } = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM license_seats WHERE released_at IS NULL',
  );
  counts.active_seats = rows[0].n;
  return counts;
}
