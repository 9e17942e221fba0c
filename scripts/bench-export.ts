/**
 * `npm run bench:export [-- --lines 100000] [--report costs|compliance|expiring]`: adds
 * license lines to the configured database and times the xlsx export of a report over
 * them (the cost report unless told), printing the time, the file size and the peak
 * memory (RSS) of the process. For the expiring report the lines expire over the next
 * year and the window is 365 days, so every line is in it.
 * Without DATABASE_URL or DATA_DIR it works on a fresh embedded database in a
 * temporary folder, so the register you use is left alone. On a configured database
 * the lines are its own (named `bench-xlsx-<run>-<n>`), written and deleted with
 * triggers off, so they leave no audit events, and deleted at the end whatever
 * happens (Ctrl-C included).
 */
import { Writable } from 'node:stream';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startBenchApp } from './bench-app';
import { LICENSE_LINES_SQL } from './bench/export-lines';
import { withoutTriggers } from './bench/fixtures';

const argLines = process.argv.indexOf('--lines');
const LINES = argLines > 0 ? Number(process.argv[argLines + 1]) : 100_000;
const argReport = process.argv.indexOf('--report');
const REPORT = argReport > 0 ? process.argv[argReport + 1] : 'costs';
const REPORT_QUERY: Record<string, string> = { costs: '', compliance: '', expiring: '&days=365' };
/** This run's lines: apart from other runs and from the bench scenario's `bench-export-` lines. */
const TAG = `bench-xlsx-${Date.now().toString(36)}-${process.pid}-`;

/**
 * Runs `work` on one connection of the app's pool with triggers off. The connection is
 * released before returning: the embedded database has only one, and the export needs it.
 */
async function withoutAudit(dataSource: DataSource, work: (session: Client) => Promise<unknown>) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // withoutTriggers wants a pg client; the runner's connection is one, behind TypeORM.
    const session = {
      query: (sql: string, params?: unknown[]) => runner.query(sql, params),
    } as unknown as Client;
    await withoutTriggers(session, () => work(session));
  } finally {
    await runner.release();
  }
}

async function main() {
  if (!Number.isSafeInteger(LINES) || LINES < 1) throw new Error('--lines takes a positive whole number');
  if (!(REPORT in REPORT_QUERY)) throw new Error('--report takes costs, compliance or expiring');
  const { app, config, base, token } = await startBenchApp();
  const dataSource = app.get(DataSource);
  const interrupted = new AbortController();
  const onSignal = () => interrupted.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let inserted = false;
  try {
    const started = Date.now();
    inserted = true; // from here on, clean up
    await withoutAudit(dataSource, async (session) => {
      await session.query(LICENSE_LINES_SQL, [TAG, 1, LINES]);
      if (REPORT === 'expiring') {
        await session.query(
          `UPDATE licenses SET expiration_date = current_date + (1 + abs(hashtext(name)) % 364)
           WHERE name LIKE $1`,
          [`${TAG}%`],
        );
      }
    });
    await dataSource.query('ANALYZE licenses');
    const seeded = Date.now() - started;
    interrupted.signal.throwIfAborted();

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const before = process.memoryUsage().rss;
    const t0 = Date.now();
    let bytes = 0;
    let status = 0;
    try {
      const url = `${base}/api/v1/reports/${REPORT}?format=xlsx&q=${encodeURIComponent(TAG)}${REPORT_QUERY[REPORT]}`;
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${token}` },
        signal: interrupted.signal,
      });
      status = res.status;
      await res.body!.pipeTo(
        Writable.toWeb(
          new Writable({
            write(chunk, _enc, done) {
              bytes += chunk.length;
              done();
            },
          }),
        ),
        { signal: interrupted.signal },
      );
    } finally {
      clearInterval(sampler);
    }
    const took = Date.now() - t0;

    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `database:        ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded, ${config.dataDir}`}`,
    );
    console.log(`license lines:   ${LINES} (inserted in ${seeded} ms, removed after the run)`);
    console.log(
      `xlsx export:     ${REPORT} report, ${took} ms, ${(bytes / 1024 / 1024).toFixed(1)} MB, status ${status}`,
    );
    console.log(`process RSS:     ${mb(before)} before, ${mb(peak)} peak (server and client in one process)`);
  } finally {
    if (inserted) {
      await withoutAudit(dataSource, (session) =>
        session.query(`DELETE FROM licenses WHERE name LIKE $1`, [`${TAG}%`]),
      );
      await dataSource.query('ANALYZE licenses');
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
