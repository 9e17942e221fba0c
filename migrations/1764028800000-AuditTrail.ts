import { MigrationInterface, QueryRunner } from 'typeorm';

/** How one register table is audited: its entity name in the API and its column rules. */
export interface AuditedTable {
  table: string;
  entity: string;
  /** Columns left out of before/after entirely (timestamps and trigger-maintained counters). */
  skip: string[];
  /** Columns whose values never leave the table: column → what the event shows instead. */
  mask?: Record<string, string>;
}

export const AUDITED: AuditedTable[] = [
  { table: 'organizations', entity: 'organization', skip: ['updated_at'] },
  { table: 'org_units', entity: 'org_unit', skip: ['updated_at'] },
  { table: 'locations', entity: 'location', skip: ['updated_at'] },
  { table: 'software', entity: 'software', skip: ['updated_at'] },
  { table: 'license_categories', entity: 'license_category', skip: ['updated_at'] },
  { table: 'persons', entity: 'person', skip: ['updated_at'] },
  { table: 'assets', entity: 'asset', skip: ['updated_at'] },
  // The seat and device counters change with every seat event, which the seat rows record.
  {
    table: 'licenses',
    entity: 'license',
    skip: ['updated_at', 'used_seats', 'active_devices', 'device_resets'],
  },
  { table: 'license_keys', entity: 'license_key', skip: [], mask: { key_encrypted: '[encrypted]' } },
  { table: 'users', entity: 'user', skip: ['updated_at'], mask: { password_hash: '[hidden]' } },
  { table: 'license_seats', entity: 'seat', skip: ['active_devices'] },
  { table: 'seat_devices', entity: 'device', skip: [] },
];

/** `CREATE TRIGGER` attaching audit_row() to a table; later migrations adding a table reuse it. */
export function auditTriggerSql({ table, entity, skip, mask }: AuditedTable): string {
  const args = [entity, `{${skip.join(',')}}`, JSON.stringify(mask ?? {})].map(
    (a) => `'${a.replace(/'/g, "''")}'`,
  );
  return `CREATE TRIGGER "trg_${table}__audit" AFTER INSERT OR UPDATE OR DELETE ON "${table}"
    FOR EACH ROW EXECUTE FUNCTION audit_row(${args.join(', ')})`;
}

/**
 * The audit trail. Row triggers on every register table write the event in the
 * transaction of the change, so a change and its event commit or roll back
 * together, whatever wrote it. The actor is the transaction-local setting
 * `seatkeeper.actor_id`, which the app sets at the start of every transaction of
 * a request (null for start-up, migrations and raw SQL). The table is append-only.
 */
export class AuditTrail1764028800000 implements MigrationInterface {
  name = 'AuditTrail1764028800000';

  async up(q: QueryRunner): Promise<void> {
    // No foreign keys: events outlive the users and records they name.
    await q.query(`CREATE TABLE "audit_events" (
      "id" bigint GENERATED ALWAYS AS IDENTITY,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "actor_id" uuid,
      "action" character varying(30) NOT NULL,
      "entity" character varying(50) NOT NULL,
      "entity_id" text,
      "before" jsonb,
      "after" jsonb,
      CONSTRAINT "pk_audit_events" PRIMARY KEY ("id")
    )`);
    await q.query(
      `CREATE INDEX "ix_audit_events__entity__entity_id" ON "audit_events" ("entity", "entity_id")`,
    );
    await q.query(`CREATE INDEX "ix_audit_events__actor_id" ON "audit_events" ("actor_id")`);
    await q.query(`CREATE INDEX "ix_audit_events__at" ON "audit_events" ("at")`);
    await q.query(`CREATE TRIGGER "trg_audit_events__append_only" BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE TRIGGER "trg_audit_events__no_truncate" BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);

    // A row (or the changed part of one) as the API names and shows it: camelCase keys,
    // masked secrets, numerics as decimal strings, timestamps in ISO 8601 UTC.
    await q.query(`CREATE FUNCTION audit_public(data jsonb, rel oid, masks jsonb) RETURNS jsonb
      LANGUAGE sql STABLE AS $$
        SELECT jsonb_object_agg(
          lower(left(d.key, 1)) || substr(replace(initcap(d.key), '_', ''), 2),
          CASE
            WHEN jsonb_typeof(d.value) = 'null' THEN d.value
            WHEN masks ? d.key THEN masks -> d.key
            WHEN a.atttypid = 'numeric'::regtype THEN to_jsonb(d.value #>> '{}')
            WHEN a.atttypid = 'timestamptz'::regtype THEN to_jsonb(to_char(
              (d.value #>> '{}')::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
            ELSE d.value
          END)
        FROM jsonb_each(data) d
        LEFT JOIN pg_attribute a ON a.attrelid = rel AND a.attname = d.key AND a.attnum > 0 AND NOT a.attisdropped
      $$`);

    // TG_ARGV: entity name, columns to leave out ('{a,b}'), masks ('{"column": "shown instead"}').
    // The diff is taken on the raw values, then masked: a changed secret shows as changed.
    await q.query(`CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        skipped text[] := COALESCE(NULLIF(TG_ARGV[1], ''), '{}')::text[];
        masks jsonb := COALESCE(NULLIF(TG_ARGV[2], ''), '{}')::jsonb;
        old_row jsonb;
        new_row jsonb;
        v_before jsonb;
        v_after jsonb;
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - skipped; END IF;
        IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - skipped; END IF;
        IF TG_OP = 'UPDATE' THEN
          SELECT jsonb_object_agg(o.key, o.value), jsonb_object_agg(o.key, new_row -> o.key)
            INTO v_before, v_after
            FROM jsonb_each(old_row) o
            WHERE o.value IS DISTINCT FROM new_row -> o.key;
          IF v_before IS NULL THEN RETURN NULL; END IF;
        ELSE
          v_before := old_row;
          v_after := new_row;
        END IF;
        INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after)
        VALUES (
          NULLIF(current_setting('seatkeeper.actor_id', true), '')::uuid,
          CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END,
          TG_ARGV[0],
          COALESCE(new_row, old_row) ->> 'id',
          audit_public(v_before, TG_RELID, masks),
          audit_public(v_after, TG_RELID, masks)
        );
        RETURN NULL;
      END $$`);

    for (const audited of AUDITED) await q.query(auditTriggerSql(audited));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of AUDITED) await q.query(`DROP TRIGGER "trg_${table}__audit" ON "${table}"`);
    await q.query(`DROP TABLE "audit_events"`);
    await q.query(`DROP FUNCTION audit_row(), audit_public(jsonb, oid, jsonb)`);
  }
}
