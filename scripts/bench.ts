/**
 * `npm run bench [-- --duration 15] [-- --only list]`: drives the production build on the
 * database `npm run bench:data` filled, one scenario after another, with autocannon on
 * loopback; runs the assign transaction's own SQL with pgbench for comparison; prints a
 * Markdown table (one row a scenario), the targets of issue 8 next to the figures, and
 * writes the run as JSON to bench-results/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { assignablePairs } from './bench/fixtures';
import { exportLines } from './bench/export-lines';
import { pgbenchAssignCycle } from './bench/pgbench';
import { Row, table, targets, targetTable } from './bench/report';
import { SCENARIOS } from './bench/scenarios';
import { startServer } from './bench/server';

const ROOT = resolve(__dirname, '..');
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const DATABASE_URL = arg(
  'database-url',
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/seatkeeper_bench',
);
const DURATION = Number(arg('duration', '15'));
const ONLY = arg('only', '');
const EXPORT_LINES = Number(arg('export-lines', '100000'));
const PORT = Number(arg('port', '3457'));

async function main() {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(DATABASE_URL).hostname)) {
    throw new Error('The benchmark runs against a loopback database only.');
  }
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  const { rows } = await pg
    .query<{ n: number }>(`SELECT count(*)::int AS n FROM licenses`)
    .catch(() => ({ rows: [{ n: 0 }] }));
  if (!rows[0].n)
    throw new Error(`No licenses in ${DATABASE_URL}: run \`npm run bench:data -- --scale 1\` first.`);
  if (!existsSync(resolve(ROOT, 'dist/src/main.js')))
    execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit' });

  const server = await startServer(DATABASE_URL, PORT);
  const results: Row[] = [];
  try {
    const token = await login(server.base);
    const ctx = { base: server.base, token, pg, duration: DURATION };
    const scenarios = [...SCENARIOS, exportLines(EXPORT_LINES)].filter((s) => s.name.includes(ONLY));
    for (const scenario of scenarios) {
      process.stdout.write(`${scenario.name} ... `);
      server.resetPeak();
      const result = await scenario.run(ctx);
      results.push({
        ...result,
        name: scenario.name,
        connections: scenario.connections,
        peakRss: server.peakRss(),
      });
      console.log(
        `${result.rps.toFixed(1)} req/s, p95 ${result.p95.toFixed(0)} ms${result.failures.length ? `  FAILED: ${result.failures.join('; ')}` : ''}`,
      );
    }
  } finally {
    await server.stop();
  }

  const cycle = results.find((r) => r.name.startsWith('assign + unassign'));
  let pgbench;
  if (cycle) {
    process.stdout.write('pgbench, same SQL ... ');
    pgbench = await pgbenchAssignCycle(
      pg,
      DATABASE_URL,
      await assignablePairs(pg, 1000),
      cycle.connections,
      DURATION,
    );
    console.log(`${pgbench.cyclesPerSecond.toFixed(0)} cycles/s, ${pgbench.latencyMs} ms average`);
  }
  const environment = await describeEnvironment(pg);
  await pg.end();

  console.log(`\n${environment.join('\n')}\n\n${table(results)}\n`);
  const goals =
    pgbench && cycle ? targets(new Map(results.map((r) => [r.name, r])), pgbench, cycle.rps / 2) : [];
  if (goals.length) console.log(`${targetTable(goals)}\n`);
  mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
  const file = resolve(ROOT, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ environment, results, pgbench, targets: goals }, null, 2));
  console.log(`written: ${file}`);
  const failed = results.filter((r) => r.failures.length);
  if (failed.length) {
    console.error(
      `${failed.length} scenario(s) failed their checks: ${failed.map((r) => r.name).join(', ')}`,
    );
    process.exitCode = 1;
  }
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: process.env.ADMIN_EMAIL ?? 'admin@seatkeeper.local',
      password: process.env.ADMIN_PASSWORD ?? 'Seatkeeper-Admin-1',
    }),
  });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function describeEnvironment(pg: Client): Promise<string[]> {
  const version = (pkg: string) =>
    (
      JSON.parse(readFileSync(resolve(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  const { rows } = await pg.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
  const counts = await pg.query<{ licenses: number; seats: number; persons: number }>(
    `SELECT (SELECT count(*) FROM licenses)::int AS licenses,
            (SELECT count(*) FROM license_seats WHERE released_at IS NULL)::int AS seats,
            (SELECT count(*) FROM persons)::int AS persons`,
  );
  const c = counts.rows[0];
  return [
    `machine:  ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    `versions: Node ${process.version}, PostgreSQL ${rows[0].version}, NestJS ${version('@nestjs/core')}, TypeORM ${version('typeorm')}, pg ${version('pg')}, autocannon ${version('autocannon')}`,
    `data:     ${c.licenses} licenses, ${c.seats} active seats, ${c.persons} persons; ${DURATION} s per throughput scenario`,
  ];
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
