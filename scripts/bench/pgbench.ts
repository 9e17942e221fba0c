import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { Pair } from './fixtures';

const run = promisify(execFile);

/**
 * The statements the app sends for one assign and one unassign of a person (read off the
 * server log with log_statement = 'all'), as a pgbench script: the database's own cost of
 * the work, without Node, HTTP or the ORM. One script run = one assign + unassign cycle.
 */
const CYCLE = `
\\set k random(0, :pairs_per_client - 1)
\\set n :client_id + :clients * :k
SELECT license_id AS lic, person_id AS per FROM bench_pairs WHERE n = :n \\gset
SELECT id, email, role, org_unit_id FROM users WHERE id = :actor LIMIT 1;
BEGIN;
SELECT set_config('seatkeeper.actor_id', :actor, true);
SELECT * FROM persons WHERE id IN (:per) ORDER BY id FOR SHARE;
SELECT * FROM licenses WHERE id = :lic LIMIT 1 FOR UPDATE;
SELECT * FROM license_seats WHERE license_id = :lic AND person_id IN (:per) AND released_at IS NULL;
INSERT INTO license_seats (license_id, person_id, assigned_by) VALUES (:lic, :per, :actor)
  RETURNING id AS seat, assigned_at, active_devices \\gset
INSERT INTO seat_events (license_id, seat_id, action, person_id, asset_id, actor_id)
  VALUES (:lic, :seat, 'assign', :per, NULL, :actor) RETURNING id, at, details;
COMMIT;
SELECT id, email, role, org_unit_id FROM users WHERE id = :actor LIMIT 1;
BEGIN;
SELECT set_config('seatkeeper.actor_id', :actor, true);
SELECT * FROM licenses WHERE id = :lic LIMIT 1 FOR UPDATE;
SELECT * FROM license_seats WHERE license_id = :lic AND person_id = :per AND released_at IS NULL LIMIT 1;
SELECT * FROM seat_devices WHERE seat_id IN (:seat) AND deactivated_at IS NULL ORDER BY activated_at, id;
UPDATE license_seats SET released_at = now(), released_by = :actor, release_reason = 'unassigned'
  WHERE id IN (:seat) AND released_at IS NULL;
UPDATE license_keys SET seat_id = NULL WHERE seat_id IN (:seat);
INSERT INTO seat_events (license_id, seat_id, action, person_id, asset_id, actor_id, details)
  VALUES (:lic, :seat, 'unassign', :per, NULL, :actor, '{"reason": "unassigned", "devices": []}')
  RETURNING id, at, details;
COMMIT;
`;

export interface PgbenchResult {
  cyclesPerSecond: number;
  latencyMs: number;
  failed: number;
}

export async function pgbenchAssignCycle(
  pg: Client,
  databaseUrl: string,
  pairs: Pair[],
  clients: number,
  seconds: number,
): Promise<PgbenchResult> {
  const perClient = Math.floor(pairs.length / clients);
  await pg.query(`DROP TABLE IF EXISTS bench_pairs`);
  await pg.query(
    `CREATE TABLE bench_pairs (n int PRIMARY KEY, license_id uuid NOT NULL, person_id uuid NOT NULL)`,
  );
  await pg.query(
    `INSERT INTO bench_pairs SELECT n - 1, l, p FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS t(l, p, n)`,
    [pairs.map((p) => p.licenseId), pairs.map((p) => p.personId)],
  );
  const { rows } = await pg.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'admin' ORDER BY created_at LIMIT 1`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'seatkeeper-pgbench-'));
  try {
    const script = join(dir, 'assign-cycle.sql');
    writeFileSync(script, CYCLE);
    const { stdout } = await run(
      'pgbench',
      [
        '--no-vacuum',
        '--protocol=extended', // as node-postgres: every :variable becomes a bind parameter
        `--client=${clients}`,
        '--jobs=2',
        `--time=${seconds}`,
        `--define=clients=${clients}`,
        `--define=pairs_per_client=${perClient}`,
        `--define=actor=${rows[0].id}`,
        `--file=${script}`,
        databaseUrl,
      ],
      { maxBuffer: 10 * 1024 * 1024, timeout: (seconds + 60) * 1000 },
    );
    const number = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? NaN);
    return {
      cyclesPerSecond: number(/tps = ([\d.]+)/),
      latencyMs: number(/latency average = ([\d.]+) ms/),
      failed: number(/number of failed transactions: (\d+)/) || 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pg.query(`DROP TABLE IF EXISTS bench_pairs`);
  }
}
