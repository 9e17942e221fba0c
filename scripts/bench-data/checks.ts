import { Client } from 'pg';
import { MIN_FREE } from './seats';

export interface CheckResult {
  name: string;
  violations: number;
}

/** Each query counts the rows that break one rule; every count must be 0. */
// prettier-ignore
const RULES: [string, string][] = [
  ['used_seats equals the active seats', `SELECT count(*) FROM licenses l WHERE l.used_seats <>
     (SELECT count(*) FROM license_seats s WHERE s.license_id = l.id AND s.released_at IS NULL)`],
  ['licenses.active_devices equals the active devices', `SELECT count(*) FROM licenses l WHERE l.active_devices <>
     (SELECT count(*) FROM seat_devices d WHERE d.license_id = l.id AND d.deactivated_at IS NULL)`],
  ['seat active_devices equals its active devices', `SELECT count(*) FROM license_seats s WHERE s.active_devices <>
     (SELECT count(*) FROM seat_devices d WHERE d.seat_id = s.id AND d.deactivated_at IS NULL)`],
  ['device_resets equals the reset devices', `SELECT count(*) FROM licenses l WHERE l.device_resets <>
     (SELECT count(*) FROM seat_devices d WHERE d.license_id = l.id AND d.deactivation_reason = 'reset')`],
  ['no license uses more seats than its quantity', `SELECT count(*) FROM licenses WHERE used_seats > quantity`],
  ['activation and reset limits hold', `SELECT count(*) FROM licenses
     WHERE active_devices > max_activations OR device_resets > max_device_resets`],
  ['devices per seat within maxActivationsPerUser', `SELECT count(*) FROM license_seats s
     JOIN licenses l ON l.id = s.license_id WHERE s.active_devices > l.max_activations_per_user`],
  ['seat holder matches the metric', `SELECT count(*) FROM license_seats s JOIN licenses l ON l.id = s.license_id
     WHERE (l.metric = 'per_user') <> (s.person_id IS NOT NULL)`],
  ['devices only on per_user seats', `SELECT count(*) FROM seat_devices d JOIN licenses l ON l.id = d.license_id
     WHERE l.metric <> 'per_user'`],
  ['one active seat per holder and license', `SELECT count(*) FROM (SELECT 1 FROM license_seats
     WHERE released_at IS NULL GROUP BY license_id, person_id, asset_id HAVING count(*) > 1) dup`],
  ['active seats held by active persons / assets not retired', `SELECT count(*) FROM license_seats s
     LEFT JOIN persons p ON p.id = s.person_id LEFT JOIN assets a ON a.id = s.asset_id
     WHERE s.released_at IS NULL AND (p.active IS FALSE OR a.status = 'retired')`],
  ['active devices on assets not retired', `SELECT count(*) FROM seat_devices d JOIN assets a ON a.id = d.asset_id
     WHERE d.deactivated_at IS NULL AND a.status = 'retired'`],
  ['active seats within the license org subtree', `WITH RECURSIVE tree(ancestor, unit) AS (
       SELECT id, id FROM org_units
       UNION ALL SELECT t.ancestor, u.id FROM tree t JOIN org_units u ON u.parent_id = t.unit)
     SELECT count(*) FROM license_seats s JOIN licenses l ON l.id = s.license_id
       LEFT JOIN persons p ON p.id = s.person_id LEFT JOIN assets a ON a.id = s.asset_id
      WHERE s.released_at IS NULL AND l.org_unit_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM tree t WHERE t.ancestor = l.org_unit_id AND t.unit = COALESCE(p.org_unit_id, a.org_unit_id))`],
  ['seat times are ordered', `SELECT count(*) FROM license_seats s JOIN licenses l ON l.id = s.license_id
     WHERE s.released_at < s.assigned_at OR (s.assigned_at AT TIME ZONE 'UTC')::date < l.purchase_date OR s.assigned_at > now()`],
  ['assign/unassign events match their seat', `SELECT count(*) FROM seat_events e WHERE e.action IN ('assign', 'unassign', 'release')
     AND NOT EXISTS (SELECT 1 FROM license_seats s WHERE s.id = e.seat_id AND s.license_id = e.license_id
       AND s.person_id IS NOT DISTINCT FROM e.person_id AND s.asset_id IS NOT DISTINCT FROM e.asset_id
       AND e.at = CASE WHEN e.action = 'assign' THEN s.assigned_at ELSE s.released_at END)`],
  ['activate/reset events match their device', `SELECT count(*) FROM seat_events e WHERE e.action IN ('activate', 'reset')
     AND NOT EXISTS (SELECT 1 FROM seat_devices d JOIN license_seats s ON s.id = d.seat_id
       WHERE d.seat_id = e.seat_id AND d.asset_id = e.asset_id AND s.person_id = e.person_id
       AND e.at = CASE WHEN e.action = 'activate' THEN d.activated_at ELSE d.deactivated_at END)`],
  ['every license has its create audit event', `SELECT count(*) FROM licenses l WHERE NOT EXISTS (
     SELECT 1 FROM audit_events e WHERE e.entity = 'license' AND e.entity_id = l.id::text AND e.action = 'create')`],
];

/**
 * The consistency of the loaded data: counters against the rows, the seat and
 * scope rules, the history against the seats and devices, every foreign key
 * (the load ran with FK triggers off), and what the benchmark relies on.
 */
async function runChecks(
  client: Client,
  need: { roomyPerMetric: number; rootPool: number },
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await client.query<{ n: string }>(`SELECT (${sql}) AS n`, params)).rows[0].n);
  for (const [name, sql] of RULES) results.push({ name, violations: await count(sql) });
  for (const fk of await foreignKeys(client)) {
    const matches = fk.columns.map((c, i) => `p."${fk.refColumns[i]}" = c."${c}"`).join(' AND ');
    const present = fk.columns.map((c) => `c."${c}" IS NOT NULL`).join(' AND ');
    const sql = `SELECT count(*) FROM "${fk.table}" c WHERE ${present}
      AND NOT EXISTS (SELECT 1 FROM "${fk.refTable}" p WHERE ${matches})`;
    results.push({ name: `foreign key ${fk.name} resolves`, violations: await count(sql) });
  }
  for (const metric of ['per_user', 'per_device']) {
    const roomy = await count(
      `SELECT count(*) FROM licenses WHERE metric = $1 AND quantity - used_seats >= $2`,
      [metric, MIN_FREE],
    );
    results.push({
      name: `≥ ${need.roomyPerMetric} ${metric} licenses with ≥ ${MIN_FREE} free seats (${roomy})`,
      violations: Math.max(0, need.roomyPerMetric - roomy),
    });
  }
  const pool = await count(`SELECT count(*) FROM licenses l JOIN org_units u ON u.id = l.org_unit_id
    WHERE u.parent_id IS NULL AND l.metric = 'per_user' AND l.quantity - l.used_seats >= 100`);
  results.push({
    name: `≥ ${need.rootPool} per_user root licenses with ≥ 100 free seats (${pool})`,
    violations: Math.max(0, need.rootPool - pool),
  });
  return results;
}

interface ForeignKey {
  name: string;
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

/** Every foreign key of the schema, read from the catalog: the check follows the migrations. */
async function foreignKeys(client: Client): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(`
    SELECT con.conname AS name, child.relname AS table, parent.relname AS "refTable",
           ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns,
           ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS "refColumns"
      FROM pg_constraint con
      JOIN pg_class child ON child.oid = con.conrelid
      JOIN pg_class parent ON parent.oid = con.confrelid
     WHERE con.contype = 'f' AND child.relnamespace = 'public'::regnamespace
     ORDER BY con.conname`);
  return rows;
}

/** Runs the checks, prints one line each, and throws when any rule is broken. */
export async function verify(
  client: Client,
  need: { roomyPerMetric: number; rootPool: number },
): Promise<void> {
  const results = await runChecks(client, need);
  for (const r of results) {
    const verdict = r.violations ? 'FAIL' : 'ok  ';
    console.log(`bench-data:   ${verdict} ${r.name}${r.violations ? `: ${r.violations} rows` : ''}`);
  }
  const failed = results.filter((r) => r.violations > 0).length;
  if (failed) throw new Error(`${failed} consistency checks failed; the target database was left as it was`);
}
