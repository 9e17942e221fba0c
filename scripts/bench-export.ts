/**
 * `npm run bench:export [-- --lines 100000]`: fills the configured database with
 * license lines and times the xlsx export of the cost report over them, printing
 * the time, the file size and the peak memory (RSS) of the process.
 * Without DATABASE_URL or DATA_DIR it works on a fresh embedded database in a
 * temporary folder, so the register you use is left alone.
 */
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { startBenchApp } from './bench-app';
import { LICENSE_LINES_SQL } from './bench/export-lines';

const argLines = process.argv.indexOf('--lines');
const LINES = argLines > 0 ? Number(process.argv[argLines + 1]) : 100_000;

async function main() {
  const { app, config, base, token } = await startBenchApp();
  const dataSource = app.get(DataSource);

  const started = Date.now();
  const [{ count }] = await dataSource.query(
    `SELECT count(*)::int AS count FROM licenses WHERE name LIKE 'bench-%'`,
  );
  if (count < LINES) {
    await dataSource.query(LICENSE_LINES_SQL, ['bench-', count + 1, LINES]);
  }
  const seeded = Date.now() - started;

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const before = process.memoryUsage().rss;
  const t0 = Date.now();
  const res = await fetch(`${base}/api/v1/reports/costs?format=xlsx&q=bench-`, {
    headers: { authorization: `Bearer ${token}` },
  });
  let bytes = 0;
  await res.body!.pipeTo(
    Writable.toWeb(
      new Writable({
        write(chunk, _enc, done) {
          bytes += chunk.length;
          done();
        },
      }),
    ),
  );
  const took = Date.now() - t0;
  clearInterval(sampler);

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `database:        ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded, ${config.dataDir}`}`,
  );
  console.log(`license lines:   ${LINES} (inserted in ${seeded} ms)`);
  console.log(`xlsx export:     ${took} ms, ${(bytes / 1024 / 1024).toFixed(1)} MB, status ${res.status}`);
  console.log(`process RSS:     ${mb(before)} before, ${mb(peak)} peak (server and client in one process)`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
