import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the lists' `q` search and their default order, from the benchmark at scale 1
 * (20,000 licenses, 20,000 persons, 30,000 assets; see BENCHMARKS.md).
 *
 * `q` is a case-insensitive substring match (ILIKE '%q%'), which a btree cannot serve: each
 * searched column gets a trigram GIN index, so the OR of the columns becomes a BitmapOr of index
 * scans instead of a scan of the whole table. Every OR branch needs its index, or PostgreSQL
 * scans the table anyway. `(name, id)` serves the license list's default order and its paging
 * (ORDER BY name, id), an index-only scan for the page's ids.
 */
const SEARCHED: Record<string, string[]> = {
  licenses: ['name', 'serial_number', 'inventory_number', 'invoice_number', 'notes'],
  persons: ['email', 'employee_number'],
  assets: ['name', 'inventory_number', 'serial_number'],
};

export class SearchIndexes1764201600000 implements MigrationInterface {
  name = 'SearchIndexes1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const [table, columns] of Object.entries(SEARCHED)) {
      for (const column of columns) {
        await q.query(
          `CREATE INDEX "ix_${table}__${column}__trgm" ON "${table}" USING gin ("${column}" gin_trgm_ops)`,
        );
      }
    }
    // The persons list searches the full name, as typed: "Ann Lee" (the same expression as the service).
    await q.query(
      `CREATE INDEX "ix_persons__full_name__trgm" ON "persons" USING gin ((first_name || ' ' || last_name) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX "ix_licenses__name__id" ON "licenses" ("name", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_licenses__name__id"`);
    await q.query(`DROP INDEX "ix_persons__full_name__trgm"`);
    for (const [table, columns] of Object.entries(SEARCHED)) {
      for (const column of columns) await q.query(`DROP INDEX "ix_${table}__${column}__trgm"`);
    }
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
