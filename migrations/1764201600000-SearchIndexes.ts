import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lists' `q` search and the license list's default order, from the benchmark
 * at scale 1 (20,000 licenses, 20,000 persons, 30,000 assets; see BENCHMARKS.md).
 *
 * `q` is a case-insensitive substring match (ILIKE '%q%') on a row's searched columns joined
 * by spaces (applySearch), which a btree cannot serve: a trigram GIN index on exactly that
 * expression can. The columns, in order, are the services' `searchable` lists as of this
 * migration. `(name, id)` serves the license list's default order and paging.
 */
const SEARCHED: Record<string, string[]> = {
  licenses: ['name', 'serial_number', 'inventory_number', 'invoice_number', 'notes'],
  persons: ['first_name', 'last_name', 'email', 'employee_number'],
  assets: ['name', 'inventory_number', 'serial_number'],
};

const searchExpression = (columns: string[]) =>
  `(${columns.map((column) => `coalesce("${column}", '')`).join(` || ' ' || `)})`;

export class SearchIndexes1764201600000 implements MigrationInterface {
  name = 'SearchIndexes1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const [table, columns] of Object.entries(SEARCHED)) {
      await q.query(
        `CREATE INDEX "ix_${table}__search__trgm" ON "${table}" USING gin (${searchExpression(columns)} gin_trgm_ops)`,
      );
    }
    await q.query(`CREATE INDEX "ix_licenses__name__id" ON "licenses" ("name", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_licenses__name__id"`);
    for (const table of Object.keys(SEARCHED)) await q.query(`DROP INDEX "ix_${table}__search__trgm"`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
