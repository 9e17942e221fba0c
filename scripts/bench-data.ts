/**
 * `npm run bench:data -- --scale N [--database-url URL] [--today YYYY-MM-DD]`:
 * drops and re-creates a PostgreSQL database on this machine (DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/seatkeeper_bench), applies the app's
 * migrations and bulk-loads a realistic organization: at scale 1 20,000 persons,
 * 30,000 assets, 20,000 licenses, 300,000 active seats and 100,000 history events.
 * The same scale and day give the same data. The last line is a JSON summary for
 * the benchmark runner: `bench-data: {...}`.
 */
import { run } from './bench-data/run';
import { parseOptions, UsageError } from './bench-data/options';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const summary = await run(options);
  console.log(`bench-data: done in ${summary.seconds} s`);
  console.log(`bench-data: ${JSON.stringify(summary)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `bench-data: ${error.message}` : error);
  process.exit(1);
});
