import { Client } from 'pg';

/** One column of a bulk insert: its name, its PostgreSQL type and one value per row. */
export interface Column {
  name: string;
  type: string;
  values: readonly unknown[];
}

/** Rows per statement: large enough that round trips do not matter, small enough for memory. */
const CHUNK = 25_000;

/**
 * `INSERT ... SELECT FROM unnest($1::type[], $2::type[], ...)`: one statement per
 * CHUNK rows, each column sent as one array parameter. Returns the rows inserted.
 */
export async function bulkInsert(client: Client, table: string, columns: Column[]): Promise<number> {
  const rows = columns[0]?.values.length ?? 0;
  for (const c of columns) {
    if (c.values.length !== rows)
      throw new Error(`${table}.${c.name}: ${c.values.length} values for ${rows} rows`);
  }
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${params})`;
  let inserted = 0;
  for (let start = 0; start < rows; start += CHUNK) {
    const end = Math.min(rows, start + CHUNK);
    const result = await client.query(
      sql,
      columns.map((c) => c.values.slice(start, end)),
    );
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}

/** Times a step and prints `label: rows, seconds`; returns the step's result. */
export async function step<T>(
  label: string,
  work: () => Promise<T>,
  rows?: (result: T) => number,
): Promise<T> {
  const started = performance.now();
  const result = await work();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const count = rows ? `${rows(result).toLocaleString('en-US').padStart(9)} rows ` : ''.padStart(15);
  console.log(`bench-data: ${label.padEnd(34)} ${count} ${seconds.padStart(6)} s`);
  return result;
}
