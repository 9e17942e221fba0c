import { MigrationInterface, QueryRunner } from 'typeorm';
import { AUDITED, AuditedTable, auditTriggerSql } from './1764028800000-AuditTrail';

/**
 * The audit trail written once per statement instead of once per row: the same events, from
 * the statement's transition tables in one set-based INSERT. A row trigger ran a PL/pgSQL
 * call and re-planned audit_public() for every row, about 1.8 ms a row on the benchmark
 * machine: 18 s of a 10,000-person import. Per statement it costs about a tenth of that.
 *
 * A trigger with transition tables serves one event, so each table gets three.
 */
export function auditTriggersSql({ table, entity, skip, mask }: AuditedTable): string[] {
  const args = [entity, `{${skip.join(',')}}`, JSON.stringify(mask ?? {})]
    .map((a) => `'${a.replace(/'/g, "''")}'`)
    .join(', ');
  const trigger = (event: string, tables: string) =>
    `CREATE TRIGGER "trg_${table}__audit_${event.toLowerCase()}" AFTER ${event} ON "${table}"
      REFERENCING ${tables} FOR EACH STATEMENT EXECUTE FUNCTION audit_rows(${args})`;
  return [
    trigger('INSERT', 'NEW TABLE AS new_rows'),
    trigger('UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'),
    trigger('DELETE', 'OLD TABLE AS old_rows'),
  ];
}

export class AuditPerStatement1764288000000 implements MigrationInterface {
  name = 'AuditPerStatement1764288000000';

  async up(q: QueryRunner): Promise<void> {
    // TG_ARGV as audit_row(): entity name, columns left out, masks. Events of one statement
    // are written in the order of the rows' ids; an update that changed nothing is no event.
    await q.query(`CREATE FUNCTION audit_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        skipped text[] := COALESCE(NULLIF(TG_ARGV[1], ''), '{}')::text[];
        masks jsonb := COALESCE(NULLIF(TG_ARGV[2], ''), '{}')::jsonb;
        actor uuid := NULLIF(current_setting('seatkeeper.actor_id', true), '')::uuid;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after)
          SELECT actor, 'create', TG_ARGV[0], r.row ->> 'id', NULL, audit_public(r.row, TG_RELID, masks)
          FROM (SELECT to_jsonb(n) - skipped AS row FROM new_rows n) r ORDER BY r.row ->> 'id';
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after)
          SELECT actor, 'delete', TG_ARGV[0], r.row ->> 'id', audit_public(r.row, TG_RELID, masks), NULL
          FROM (SELECT to_jsonb(o) - skipped AS row FROM old_rows o) r ORDER BY r.row ->> 'id';
        ELSE
          INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after)
          SELECT actor, 'update', TG_ARGV[0], d.id, audit_public(d.before, TG_RELID, masks),
                 audit_public(d.after, TG_RELID, masks)
          FROM (
            SELECT o.row ->> 'id' AS id, changed.before, changed.after
            FROM (SELECT to_jsonb(x) - skipped AS row FROM old_rows x) o
            JOIN (SELECT to_jsonb(x) - skipped AS row FROM new_rows x) n ON n.row -> 'id' = o.row -> 'id'
            CROSS JOIN LATERAL (
              SELECT jsonb_object_agg(f.key, f.value) AS before, jsonb_object_agg(f.key, n.row -> f.key) AS after
              FROM jsonb_each(o.row) f WHERE f.value IS DISTINCT FROM n.row -> f.key
            ) changed
            WHERE changed.before IS NOT NULL
          ) d ORDER BY d.id;
        END IF;
        RETURN NULL;
      END $$`);
    for (const audited of AUDITED) {
      await q.query(`DROP TRIGGER "trg_${audited.table}__audit" ON "${audited.table}"`);
      for (const sql of auditTriggersSql(audited)) await q.query(sql);
    }
    // audit_row() stays: down() goes back to it.
  }

  async down(q: QueryRunner): Promise<void> {
    for (const audited of AUDITED) {
      for (const event of ['insert', 'update', 'delete']) {
        await q.query(`DROP TRIGGER "trg_${audited.table}__audit_${event}" ON "${audited.table}"`);
      }
      await q.query(auditTriggerSql(audited));
    }
    await q.query(`DROP FUNCTION audit_rows()`);
  }
}
