import { Cluster } from './cluster';

/**
 * The seat guarantees, checked in SQL after a fault. Each query lists what breaks
 * one guarantee; `consistencyProblems` returns them all, so a failure shows every
 * broken rule with its rows at once ([] when the database is consistent).
 *
 * How the rows relate (migrations Seats and AuditTrail): a seat is a row of
 * license_seats; its assign is a seat_events row (seat_id, action 'assign'), its
 * release one with action 'unassign' or 'release'; the audit trigger writes an
 * audit_events row (entity 'seat', entity_id = the seat id as text) per insert
 * ('create') and per change ('update'), in the same transaction.
 */
const CHECKS: Record<string, string> = {
  'a seat confirmed with 201 is missing': `
    SELECT c.id FROM unnest($1::uuid[]) AS c(id)
    WHERE NOT EXISTS (SELECT 1 FROM license_seats s WHERE s.id = c.id)`,
  'more active seats than quantity': `
    SELECT l.id, l.quantity, count(*)::int AS active FROM licenses l
    JOIN license_seats s ON s.license_id = l.id AND s.released_at IS NULL
    GROUP BY l.id HAVING count(*) > l.quantity`,
  'a holder with two active seats of one license': `
    SELECT license_id, person_id, asset_id, count(*)::int AS seats FROM license_seats
    WHERE released_at IS NULL GROUP BY 1, 2, 3 HAVING count(*) > 1`,
  'license counters differ from the rows': `
    SELECT l.id, l.used_seats, l.active_devices,
      (SELECT count(*) FROM license_seats s WHERE s.license_id = l.id AND s.released_at IS NULL)::int AS seats,
      (SELECT count(*) FROM seat_devices d WHERE d.license_id = l.id AND d.deactivated_at IS NULL)::int AS devices
    FROM licenses l
    WHERE l.used_seats <> (SELECT count(*) FROM license_seats s WHERE s.license_id = l.id AND s.released_at IS NULL)
       OR l.active_devices <> (SELECT count(*) FROM seat_devices d WHERE d.license_id = l.id AND d.deactivated_at IS NULL)`,
  'a seat without exactly one assign event': `
    SELECT s.id, (SELECT count(*) FROM seat_events e WHERE e.seat_id = s.id AND e.action = 'assign')::int AS events
    FROM license_seats s
    WHERE (SELECT count(*) FROM seat_events e WHERE e.seat_id = s.id AND e.action = 'assign') <> 1`,
  'a seat without its audit create event': `
    SELECT s.id FROM license_seats s WHERE NOT EXISTS (
      SELECT 1 FROM audit_events a WHERE a.entity = 'seat' AND a.entity_id = s.id::text AND a.action = 'create')`,
  'a released seat without its release event or audit update': `
    SELECT s.id FROM license_seats s WHERE s.released_at IS NOT NULL AND (
      NOT EXISTS (SELECT 1 FROM seat_events e WHERE e.seat_id = s.id AND e.action IN ('unassign', 'release'))
      OR NOT EXISTS (SELECT 1 FROM audit_events a
        WHERE a.entity = 'seat' AND a.entity_id = s.id::text AND a.action = 'update'))`,
  'an active seat with a release event': `
    SELECT s.id FROM license_seats s WHERE s.released_at IS NULL AND EXISTS (
      SELECT 1 FROM seat_events e WHERE e.seat_id = s.id AND e.action IN ('unassign', 'release'))`,
  'a seat event for a seat that does not exist': `
    SELECT e.id, e.seat_id, e.action FROM seat_events e
    WHERE e.seat_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM license_seats s WHERE s.id = e.seat_id)`,
  'a seat audit event for a seat that does not exist': `
    SELECT a.id, a.entity_id, a.action FROM audit_events a
    WHERE a.entity = 'seat' AND NOT EXISTS (SELECT 1 FROM license_seats s WHERE s.id::text = a.entity_id)`,
};

export async function consistencyProblems(
  cluster: Pick<Cluster, 'sql'>,
  confirmedSeatIds: readonly string[],
): Promise<Record<string, unknown[]>> {
  const problems: Record<string, unknown[]> = {};
  for (const [rule, query] of Object.entries(CHECKS)) {
    const rows = await cluster.sql(query, query.includes('$1') ? [confirmedSeatIds] : undefined);
    if (rows.length) problems[rule] = rows.slice(0, 10);
  }
  return problems;
}

/** How many seats, seat events and seat audit events there are: to show a check saw real data. */
export async function seatTotals(cluster: Pick<Cluster, 'sql'>) {
  const [row] = await cluster.sql<{ seats: number; active: number; events: number; audits: number }>(
    `SELECT (SELECT count(*) FROM license_seats)::int AS seats,
            (SELECT count(*) FROM license_seats WHERE released_at IS NULL)::int AS active,
            (SELECT count(*) FROM seat_events)::int AS events,
            (SELECT count(*) FROM audit_events WHERE entity = 'seat')::int AS audits`,
  );
  return row;
}
