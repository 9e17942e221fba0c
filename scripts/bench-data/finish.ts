import { Client } from 'pg';

/**
 * The counters the triggers keep (migrations Seats… and SeatCounterGuards…: used seats,
 * active devices, device resets), recomputed from the rows in three set-based
 * statements: the triggers, the counter guard among them, were off during the load. The CHECK
 * constraints (used ≤ quantity, active ≤ maxActivations, resets ≤ maxDeviceResets)
 * are not triggers, so these updates fail if the data broke a limit.
 */
export async function recomputeCounters(client: Client): Promise<number> {
  await client.query(`UPDATE license_seats s SET active_devices = d.n
    FROM (SELECT seat_id, count(*)::int AS n FROM seat_devices WHERE deactivated_at IS NULL GROUP BY seat_id) d
    WHERE d.seat_id = s.id`);
  const { rowCount } = await client.query(`
    WITH used AS (
      SELECT license_id, count(*)::int AS n FROM license_seats WHERE released_at IS NULL GROUP BY license_id
    ), devices AS (
      SELECT license_id,
             count(*) FILTER (WHERE deactivated_at IS NULL)::int AS active,
             count(*) FILTER (WHERE deactivation_reason = 'reset')::int AS resets
        FROM seat_devices GROUP BY license_id
    )
    UPDATE licenses l
       SET used_seats = COALESCE(u.n, 0),
           active_devices = COALESCE(d.active, 0),
           device_resets = COALESCE(d.resets, 0)
      FROM licenses x
      LEFT JOIN used u ON u.license_id = x.id
      LEFT JOIN devices d ON d.license_id = x.id
     WHERE x.id = l.id`);
  return rowCount ?? 0;
}

/** Register tables whose rows get a 'create' audit event; seats and devices have seat_events. */
const AUDIT_BACKFILL = [
  'organizations',
  'org_units',
  'locations',
  'license_categories',
  'software',
  'persons',
  'assets',
  'licenses',
];

/**
 * The 'create' events the audit trigger would have written, had it been on:
 * entity name, skipped columns and masks are read from the trigger's own
 * arguments (the per-row trigger of AuditTrail, or the INSERT one of
 * AuditPerStatement: both take the same three), and the row is rendered by the
 * migrations' audit_public(), so the events look exactly like live ones. Dated
 * at the row's created_at, by the asset manager (who records the register).
 */
export async function backfillAudit(client: Client, actorId: string): Promise<number> {
  const { rows } = await client.query<{ table: string; args: Buffer }>(
    `SELECT c.relname AS table, t.tgargs AS args
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relname = ANY($1) AND c.relnamespace = 'public'::regnamespace
        AND t.tgname IN ('trg_' || c.relname || '__audit', 'trg_' || c.relname || '__audit_insert')`,
    [AUDIT_BACKFILL],
  );
  if (rows.length !== AUDIT_BACKFILL.length) {
    throw new Error(`audit triggers found on ${rows.length} of ${AUDIT_BACKFILL.length} tables`);
  }
  let written = 0;
  for (const { table, args } of rows) {
    // tgargs: the trigger's arguments, each NUL-terminated: entity, '{skipped,columns}', masks (JSON).
    const [entity, skip, masks] = args.toString('utf8').split('\0');
    const result = await client.query(
      `INSERT INTO audit_events (at, actor_id, action, entity, entity_id, before, after)
       SELECT t.created_at, $1, 'create', $2, t.id::text, NULL,
              audit_public(to_jsonb(t) - $3::text[], '"${table}"'::regclass, $4::jsonb)
         FROM "${table}" t ORDER BY t.created_at, t.id`,
      [actorId, entity, skip || '{}', masks || '{}'],
    );
    written += result.rowCount ?? 0;
  }
  return written;
}
