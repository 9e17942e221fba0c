import { randomBytes } from 'node:crypto';
import { exited } from '../helpers/app-process';
import { Cluster, startCluster } from './helpers/cluster';
import { sleep } from './helpers/postgres';

/**
 * The app process killed with SIGKILL in the middle of an import: no shutdown, no
 * rollback of its own, its connection to PostgreSQL cut while the import's one
 * transaction has written part of the file. PostgreSQL rolls that transaction
 * back: no person of the file, no audit event of them, no import event. The
 * PostgreSQL server itself keeps running.
 */
const ROWS = 20_000;

describe('an app process killed with SIGKILL mid-import', () => {
  let cluster: Cluster | undefined;

  beforeAll(async () => {
    cluster = await startCluster(1);
  }, 150_000);

  afterAll(async () => {
    await cluster?.close();
  }, 30_000);

  it('leaves no person of the file and no audit event of it', async () => {
    const c = cluster!;
    const tag = randomBytes(4).toString('hex');
    const emails = `kill.${tag}.%`;
    const lines = ['Email,First name,Last name,Employee number'];
    for (let i = 0; i < ROWS; i++) lines.push(`kill.${tag}.${i}@example.com,Kill,Row ${i},K-${tag}-${i}`);
    const [{ persons: personsBefore }] = await c.sql<{ persons: number }>(
      'SELECT count(*)::int AS persons FROM persons',
    );

    const form = new FormData();
    form.append('file', new Blob([`${lines.join('\r\n')}\r\n`]), 'persons.csv');
    const upload = fetch(`${c.urls[0]}/api/v1/imports/persons`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}` },
      body: form,
      signal: AbortSignal.timeout(60_000),
    }).then(
      (res) => ({ status: res.status as number | null }),
      (error: Error) => ({
        status: null,
        error: (error.cause as Error | undefined)?.message ?? error.message,
      }),
    );

    // The import's transaction has begun writing the file's persons (1,000 a statement):
    // its backend's statement is such an INSERT, running or just done inside the transaction.
    const deadline = Date.now() + 40_000;
    let writers: { pid: number; state: string }[] = [];
    while (Date.now() < deadline && !writers.length) {
      writers = await c.sql<{ pid: number; state: string }>(
        `SELECT pid, state FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND xact_start IS NOT NULL AND query ILIKE 'INSERT INTO "persons"%'`,
      );
      if (!writers.length) await sleep(10);
    }
    expect(writers.length).toBeGreaterThan(0);
    c.apps[0].child.kill('SIGKILL');
    expect(await exited(c.apps[0], 5000)).toEqual({ code: null, signal: 'SIGKILL' });

    // The client heard no answer: the import was cut, not finished.
    const outcome = await upload;
    expect(outcome.status).toBeNull();

    // PostgreSQL notices the closed connection and rolls its transaction back.
    const pids = writers.map((w) => w.pid);
    const gone = Date.now() + 30_000;
    let left = pids.length;
    while (left && Date.now() < gone) {
      await sleep(100);
      [{ left }] = await c.sql<{ left: number }>(
        'SELECT count(*)::int AS left FROM pg_stat_activity WHERE pid = ANY($1::int[])',
        [pids],
      );
    }
    expect(left).toBe(0);

    const [after] = await c.sql<{ fromFile: number; persons: number; personEvents: number; imports: number }>(
      `SELECT
         (SELECT count(*)::int FROM persons WHERE email LIKE $1) AS "fromFile",
         (SELECT count(*)::int FROM persons) AS persons,
         (SELECT count(*)::int FROM audit_events WHERE entity = 'person' AND after->>'email' LIKE $1) AS "personEvents",
         (SELECT count(*)::int FROM audit_events WHERE entity = 'import') AS imports`,
      [emails],
    );
    expect(after).toEqual({
      fromFile: 0,
      persons: personsBefore,
      personEvents: 0,
      imports: 0,
    });
    // Nothing is left locked either: the file's keys can be written at once.
    const inserted = await c.sql(
      `INSERT INTO persons (first_name, last_name, email, employee_number)
       VALUES ('After', 'Kill', $1, $2) RETURNING id`,
      [`kill.${tag}.0@example.com`, `K-${tag}-0`],
    );
    expect(inserted).toHaveLength(1);
  }, 120_000);
});
