import { Client } from 'pg';

/** Org units with their ancestors (each unit is its own ancestor): the scope rule in SQL. */
const ANCESTORS = `WITH RECURSIVE anc(unit_id, ancestor_id) AS (
    SELECT id, id FROM org_units
    UNION ALL
    SELECT a.unit_id, o.parent_id FROM anc a JOIN org_units o ON o.id = a.ancestor_id WHERE o.parent_id IS NOT NULL)`;

export interface Pair {
  licenseId: string;
  personId: string;
}

/**
 * `count` per-user licenses with a free seat, each with one active person in its scope who holds
 * no seat on it: what an assign + unassign cycle needs, one license per pair.
 */
export async function assignablePairs(pg: Client, count: number): Promise<Pair[]> {
  const { rows } = await pg.query<Pair>(
    `${ANCESTORS},
     lic AS (SELECT id, org_unit_id FROM licenses
             WHERE metric = 'per_user' AND used_seats < quantity ORDER BY md5(id::text) LIMIT $1)
     SELECT lic.id AS "licenseId", p.id AS "personId"
     FROM lic CROSS JOIN LATERAL (
       SELECT p.id FROM persons p JOIN anc ON anc.unit_id = p.org_unit_id
       WHERE p.active AND (lic.org_unit_id IS NULL OR anc.ancestor_id = lic.org_unit_id)
         AND NOT EXISTS (SELECT 1 FROM license_seats s
                         WHERE s.license_id = lic.id AND s.person_id = p.id AND s.released_at IS NULL)
       LIMIT 1) p`,
    [count],
  );
  if (rows.length < count) throw new Error(`only ${rows.length} assignable licenses; run bench:data first`);
  return rows;
}

/** Active persons, any unit: holders for a license placed nowhere (usable everywhere). */
export async function activePersons(pg: Client, count: number): Promise<string[]> {
  const { rows } = await pg.query<{ id: string }>(
    `SELECT id FROM persons WHERE active ORDER BY md5(id::text) LIMIT $1`,
    [count],
  );
  return rows.map((r) => r.id);
}

export async function sampleLicenseIds(pg: Client, count: number): Promise<string[]> {
  const { rows } = await pg.query<{ id: string }>(`SELECT id FROM licenses ORDER BY md5(id::text) LIMIT $1`, [
    count,
  ]);
  return rows.map((r) => r.id);
}

export async function activeSeatsOf(pg: Client, licenseId: string): Promise<number> {
  const { rows } = await pg.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM license_seats WHERE license_id = $1 AND released_at IS NULL`,
    [licenseId],
  );
  return rows[0].n;
}

/**
 * Runs `work` with triggers off (session_replication_role = replica): benchmark data
 * added and removed around a scenario is not a change anyone made, and leaves no audit.
 */
export async function withoutTriggers<T>(pg: Client, work: () => Promise<T>): Promise<T> {
  await pg.query(`SET session_replication_role = replica`);
  try {
    return await work();
  } finally {
    await pg.query(`SET session_replication_role = DEFAULT`);
  }
}
