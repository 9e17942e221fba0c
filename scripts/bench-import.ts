/**
 * `npm run bench:import [-- --rows 10000 --format csv|xlsx]`: times the import of
 * a file of persons through HTTP (POST /api/v1/imports/persons): a dry run, the
 * import itself, the same file again (every row unchanged) and a file changing
 * every row (every row updated). Prints the times, the file size and the peak
 * memory (RSS) of the process.
 *
 * The register you use is left alone: without DATABASE_URL it works on a fresh
 * embedded database in a temporary folder; with DATABASE_URL it creates a
 * throwaway database on that server, runs there and drops it at the end (the
 * persons could be deleted, their audit events cannot: the audit is append-only).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { Client } from 'pg';
import { startBenchApp } from './bench-app';

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const ROWS = Number(arg('rows') ?? 10_000);
const FORMAT = arg('format') === 'xlsx' ? 'xlsx' : 'csv';
const HEADER = ['Email', 'First name', 'Last name', 'Employee number', 'Active'];

/** A file of ROWS persons; `version` changes every row's last name. */
async function personsFile(tag: string, version = 1): Promise<Buffer> {
  const row = (i: number) => [
    `bench.${tag}.${i}@example.com`,
    'Bench',
    version === 1 ? `Person ${i}` : `Person ${i} v${version}`,
    `BENCH-${tag}-${i}`,
    'yes',
  ];
  if (FORMAT === 'csv') {
    const lines = [HEADER, ...Array.from({ length: ROWS }, (_, i) => row(i))].map((r) => r.join(','));
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Persons');
  sheet.addRow(HEADER);
  for (let i = 0; i < ROWS; i++) sheet.addRow(row(i));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Runs `run` on a database created for it on DATABASE_URL's server, dropped afterwards. */
async function withThrowawayDatabase<T>(run: () => Promise<T>): Promise<T> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return run();
  const name = `seatkeeper_bench_import_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  const dataDir = process.env.DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'seatkeeper-bench-'));
  if (dataDir) process.env.DATA_DIR = dataDir; // generated secrets, not ./data
  try {
    return await run();
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  await withThrowawayDatabase(() => bench(serverUrl));
}

async function bench(serverUrl: string | undefined) {
  const { app, config, base, token } = await startBenchApp();

  const tag = Date.now().toString(36);
  const file = await personsFile(tag);
  const changed = await personsFile(tag, 2);
  const upload = async (query: string, upload = file) => {
    const form = new FormData();
    form.append('file', new Blob([upload]), `persons.${FORMAT}`);
    const t0 = Date.now();
    const res = await fetch(`${base}/api/v1/imports/persons${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    const body = (await res.json()) as Record<string, unknown>;
    const took = Date.now() - t0;
    if (res.status !== 200 || (body.errorCount as number) > 0) {
      throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
    }
    const { created, updated, unchanged } = body;
    return `${String(took).padStart(6)} ms  (created ${created}, updated ${updated}, unchanged ${unchanged})`;
  };

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const before = process.memoryUsage().rss;
  const dryRun = await upload('?dryRun=true');
  const imported = await upload('');
  const again = await upload('');
  const updated = await upload('', changed);
  clearInterval(sampler);

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `database:        ${
      serverUrl
        ? `PostgreSQL, throwaway database ${new URL(config.databaseUrl!).pathname.slice(1)} (dropped at the end)`
        : `embedded, ${config.dataDir}`
    }`,
  );
  console.log(`file:            ${ROWS} persons, ${FORMAT}, ${(file.length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`dry run:         ${dryRun}`);
  console.log(`import:          ${imported}`);
  console.log(`same file again: ${again}`);
  console.log(`all rows changed:${updated}`);
  console.log(`process RSS:     ${mb(before)} before, ${mb(peak)} peak (server and client in one process)`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
