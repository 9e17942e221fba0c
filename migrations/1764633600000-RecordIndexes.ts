import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Natural keys unique regardless of case, and indexes for list filters and orders.
 *
 * Imports match licenses, org units, assets, organizations and license categories by
 * these keys case-insensitively, so "X1" beside "x1" made such rows ambiguous. Each
 * unique constraint becomes a unique index on lower(...) under the same name, so a
 * violation still names its field (uq_<table>__<column>). A database already holding
 * values that differ only in case stops here with the list of them, to be renamed by
 * hand: which of two records is the real one is not the migration's call.
 */
const CASE_INSENSITIVE: ReadonlyArray<[table: string, column: string]> = [
  ['licenses', 'name'],
  ['org_units', 'code'],
  ['assets', 'inventory_number'],
  ['organizations', 'name'],
  ['license_categories', 'name'],
];

/** List filters (licenses ?currency=, organizations ?kind=, audit events ?action=) and the persons' default order. */
const INDEXES: ReadonlyArray<[name: string, table: string, columns: string[]]> = [
  ['ix_licenses__currency', 'licenses', ['currency']],
  ['ix_organizations__kind', 'organizations', ['kind']],
  ['ix_audit_events__action', 'audit_events', ['action']],
  ['ix_persons__last_name__id', 'persons', ['last_name', 'id']],
];

export class RecordIndexes1764633600000 implements MigrationInterface {
  name = 'RecordIndexes1764633600000';

  async up(q: QueryRunner): Promise<void> {
    const clashes: string[] = [];
    for (const [table, column] of CASE_INSENSITIVE) {
      const rows: { value: string; n: number }[] = await q.query(
        `SELECT lower("${column}") AS value, count(*)::int AS n FROM "${table}"
          GROUP BY lower("${column}") HAVING count(*) > 1 ORDER BY 1 LIMIT 20`,
      );
      for (const { value, n } of rows) clashes.push(`${table}.${column} "${value}" (${n} rows)`);
    }
    if (clashes.length) {
      throw new Error(
        `${this.name}: these values differ only in case; rename them so each is unique ignoring case, then migrate again: ${clashes.join('; ')}`,
      );
    }
    for (const [table, column] of CASE_INSENSITIVE) {
      const name = `uq_${table}__${column}`;
      await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
      await q.query(`CREATE UNIQUE INDEX "${name}" ON "${table}" (lower("${column}"))`);
    }
    for (const [name, table, columns] of INDEXES) {
      await q.query(`CREATE INDEX "${name}" ON "${table}" (${columns.map((c) => `"${c}"`).join(', ')})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of INDEXES) await q.query(`DROP INDEX "${name}"`);
    for (const [table, column] of CASE_INSENSITIVE) {
      const name = `uq_${table}__${column}`;
      await q.query(`DROP INDEX "${name}"`);
      await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" UNIQUE ("${column}")`);
    }
  }
}
