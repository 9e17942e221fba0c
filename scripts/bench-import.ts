/**
 * `npm run bench:import [-- --rows 10000 --format csv|xlsx]`: times the import of
 * a file of persons through HTTP (POST /api/v1/imports/persons): a dry run, the
 * import itself, and the same file again (every row unchanged). Prints the
 * times, the file size and the peak memory (RSS) of the process.
 * Without DATABASE_URL or DATA_DIR it works on a fresh embedded database in a
 * temporary folder, so the register you use is left alone.
 */
import * as ExcelJS from 'exceljs';
import { startBenchApp } from './bench-app';

const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const ROWS = Number(arg('rows') ?? 10_000);
const FORMAT = arg('format') === 'xlsx' ? 'xlsx' : 'csv';
const HEADER = ['Email', 'First name', 'Last name', 'Employee number', 'Active'];

/** A file of ROWS persons; the run's tag keeps the emails apart from those of earlier runs. */
async function personsFile(tag: string): Promise<Buffer> {
  const row = (i: number) => [
    `bench.${tag}.${i}@example.com`,
    'Bench',
    `Person ${i}`,
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

async function main() {
  const { app, config, base, token } = await startBenchApp();

  const file = await personsFile(Date.now().toString(36));
  const upload = async (query: string) => {
    const form = new FormData();
    form.append('file', new Blob([file]), `persons.${FORMAT}`);
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
  clearInterval(sampler);

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `database:        ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded, ${config.dataDir}`}`,
  );
  console.log(`file:            ${ROWS} persons, ${FORMAT}, ${(file.length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`dry run:         ${dryRun}`);
  console.log(`import:          ${imported}`);
  console.log(`same file again: ${again}`);
  console.log(`process RSS:     ${mb(before)} before, ${mb(peak)} peak (server and client in one process)`);
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
