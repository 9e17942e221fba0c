import { Client } from 'pg';
import { withoutTriggers } from './fixtures';
import { Scenario } from './scenarios';
import { timedRequests } from './sequential';

const TAG = 'bench-export-';

/**
 * Plain license lines named `$1 || n` for n from $2 to $3 (mixed metrics, prices, VAT and
 * currencies), inserted by the server in one statement: shared with `npm run bench:export`.
 */
export const LICENSE_LINES_SQL = `INSERT INTO licenses (name, metric, quantity, net_unit_price, vat_rate, currency, purchase_date, invoice_number)
  SELECT $1 || n, CASE WHEN n % 2 = 0 THEN 'per_user' ELSE 'per_device' END, 1 + n % 50,
         (n % 100000) / 100.0 + 1, CASE WHEN n % 10 = 0 THEN 7 ELSE 19 END,
         CASE WHEN n % 20 = 0 THEN 'USD' ELSE 'EUR' END, DATE '2025-01-01' + (n % 365), 'INV-' || $1 || n
  FROM generate_series($2::int, $3::int) AS n`;

/**
 * The cost workbook over `lines` license lines: the register is topped up with plain
 * licenses (no seats, so no counter is affected) for the run and cleaned afterwards.
 * Audit triggers are skipped for the top-up: it is test data, not a change anyone made.
 */
export function exportLines(lines: number): Scenario {
  return {
    name: `cost workbook (xlsx), ${lines.toLocaleString('en')} license lines`,
    connections: 1,
    async run(ctx) {
      const added = await topUp(ctx.pg, lines);
      try {
        const result = await timedRequests(1, () =>
          fetch(`${ctx.base}/api/v1/reports/costs?groupBy=orgUnit&format=xlsx`, {
            headers: { authorization: `Bearer ${ctx.token}` },
          }),
        );
        const failures =
          result.statuses[200] === 1 ? [] : [`export failed: ${JSON.stringify(result.statuses)}`];
        const note = `${added.toLocaleString('en')} lines added for the run; ${(result.bytes / 1024 / 1024).toFixed(1)} MB file`;
        return { ...result, note, failures };
      } finally {
        await removeTopUp(ctx.pg);
      }
    },
  };
}

async function topUp(pg: Client, lines: number): Promise<number> {
  const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM licenses`);
  const missing = Math.max(0, lines - rows[0].n);
  await withoutTriggers(pg, () => pg.query(LICENSE_LINES_SQL, [TAG, 1, missing]));
  await pg.query(`ANALYZE licenses`);
  return missing;
}

async function removeTopUp(pg: Client) {
  await withoutTriggers(pg, () => pg.query(`DELETE FROM licenses WHERE name LIKE $1`, [`${TAG}%`]));
  await pg.query(`ANALYZE licenses`);
}
