import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { WEB_DIST } from '../src/app.setup';
import { verifyInstanceSecrets } from '../src/platform/database/secret-checks';
import { startApp as start, stopApp as stop } from './helpers/app-process';
import { createTestApp } from './helpers/test-app';
import { adminQuery, freshDatabase } from './setup/test-database';

const BANNER = 'Seatkeeper is running';

/** Starts the app expecting it to refuse; resolves with what it printed. */
async function refusal(env: Record<string, string>): Promise<string> {
  const outcome = await start(env).then(
    async (run) => {
      await stop(run);
      return null;
    },
    (error: Error) => error.message,
  );
  if (outcome === null) throw new Error('the app started, but should have refused to');
  expect(outcome).toMatch(/the app exited \(1\) before it started/);
  return outcome;
}

/**
 * The real process: starts main.ts as `npm start` would (through ts-node, so no
 * build is needed), reads its banner, logs in with the printed credentials, and
 * stops it with SIGTERM.
 */
describe('the app as a process', () => {
  let dataDir: string;
  let databaseUrl: string | undefined;
  beforeAll(async () => {
    ({ dataDir, databaseUrl } = await freshDatabase());
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl)
      await adminQuery(`DROP DATABASE IF EXISTS ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
  });

  it('prints its URL and the admin login, serves /health, logs JSON lines, and exits cleanly on SIGTERM', async () => {
    const env = {
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    const run = await start(env);
    try {
      // The banner comes last: start-up's log lines (and no line a route or module) above it.
      await new Promise((r) => setTimeout(r, 300));
      const [logged, banner] = run.output().split(BANNER);
      const jsonLines = (text: string) => text.split('\n').filter((l) => l.startsWith('{'));
      expect(jsonLines(banner)).toEqual([]);
      expect(jsonLines(logged).length).toBeGreaterThan(0);
      expect(jsonLines(logged).length).toBeLessThan(20);
      expect(logged).not.toMatch(/RoutesResolver|RouterExplorer|InstanceLoader/);

      expect(run.output()).toContain(run.url.replace('127.0.0.1', 'localhost'));
      const login = /admin\s+(\S+@\S+)\s+\/\s+(\S+)/.exec(run.output());
      expect(login).not.toBeNull();
      const health = await request(run.url).get('/health');
      expect(health.body).toEqual({ status: 'ok', db: 'up' });
      const res = await request(run.url)
        .post('/api/v1/auth/login')
        .send({ email: login![1], password: login![2] });
      expect(res.status).toBe(200);

      // One JSON line a request, with its request id.
      await new Promise((r) => setTimeout(r, 300));
      const lines = run
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { req?: { id?: string; url?: string } });
      expect(lines.some((l) => l.req?.url === '/health' && typeof l.req.id === 'string')).toBe(true);

      // The web UI at /, or, not built, a page that says so.
      const home = await request(run.url).get('/');
      if (existsSync(join(WEB_DIST, 'index.html'))) expect(home.status).toBe(200);
      else
        expect({ status: home.status, text: home.text }).toMatchObject({
          status: 404,
          text: expect.stringContaining('The web UI is not built: run <code>npm run build:web</code>'),
        });
    } finally {
      expect(await stop(run)).toBe(0);
    }
    expect(run.output()).toContain('closed cleanly');
  });

  it('keeps its data and generated secrets across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatkeeper-restart-'));
    try {
      const first = await start({ DATA_DIR: dir, SEED_DEMO: 'false' });
      const token = (
        await request(first.url)
          .post('/api/v1/auth/login')
          .send({ email: 'admin@seatkeeper.local', password: 'Seatkeeper-Admin-1' })
      ).body.accessToken;
      await request(first.url)
        .post('/api/v1/organizations')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'Kept AG', kind: 'internal' })
        .expect(201);
      expect(await stop(first)).toBe(0);

      const second = await start({ DATA_DIR: dir, SEED_DEMO: 'false' });
      try {
        expect(second.output()).toContain('existing accounts kept');
        expect(second.output()).not.toContain('Seatkeeper-Admin-1');
        // The token of the first run is still valid: the secret was kept in DATA_DIR.
        const list = await request(second.url)
          .get('/api/v1/organizations?q=Kept')
          .set('Authorization', `Bearer ${token}`);
        expect(list.status).toBe(200);
        expect(list.body.total).toBe(1);
      } finally {
        expect(await stop(second)).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with other secrets than its database was first started with', async () => {
    // On a server database: another host, with secrets of its own generated into its DATA_DIR.
    // Embedded: the same folder, with another key in the environment.
    const otherHost = mkdtempSync(join(tmpdir(), 'seatkeeper-other-host-'));
    try {
      const env: Record<string, string> = databaseUrl
        ? { DATABASE_URL: databaseUrl, DATA_DIR: otherHost }
        : { DATA_DIR: dataDir, KEYS_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
      const output = await refusal({ ...env, SEED_DEMO: 'false' });
      expect(output).toContain(
        'Refusing to start: KEYS_ENCRYPTION_KEY differs from the one this database was first started with, ' +
          'so license keys stored under the other one would not decrypt',
      );
      expect(output.includes('JWT_SECRET differs')).toBe(!!databaseUrl);
      expect(output).not.toContain(BANNER);
    } finally {
      rmSync(otherHost, { recursive: true, force: true });
    }
  });

  it('refuses a second process on the same embedded database, and the first keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatkeeper-locked-'));
    const admin = { email: 'owner@example.com', password: `Secret-${randomBytes(6).toString('hex')}` };
    const env = {
      DATA_DIR: dir,
      SEED_DEMO: 'false',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    };
    try {
      const first = await start(env);
      try {
        // A password from the environment is never printed.
        expect(first.output()).toMatch(/admin\s+owner@example\.com\s+\(the password from ADMIN_PASSWORD\)/);
        expect(first.output()).not.toContain(admin.password);

        const output = await refusal(env);
        expect(output).toContain(
          `The embedded database in ${dir} is in use by another Seatkeeper process (PID ${first.child.pid}).`,
        );

        const login = await request(first.url).post('/api/v1/auth/login').send(admin).expect(200);
        const auth = `Bearer ${login.body.accessToken}`;
        await request(first.url)
          .post('/api/v1/organizations')
          .set('Authorization', auth)
          .send({ name: 'Still Serving AG', kind: 'internal' })
          .expect(201);
        const list = await request(first.url).get('/api/v1/organizations').set('Authorization', auth);
        expect(list.body.total).toBe(1);
      } finally {
        expect(await stop(first)).toBe(0);
      }
      // Released on shutdown: the next start takes the folder.
      expect(existsSync(join(dir, 'seatkeeper.lock'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in production, refuses to create the first admin without ADMIN_PASSWORD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seatkeeper-production-'));
    try {
      const output = await refusal({
        NODE_ENV: 'production',
        DATA_DIR: dir,
        JWT_SECRET: randomBytes(32).toString('hex'),
        KEYS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      });
      expect(output).toContain('No admin exists yet, and NODE_ENV=production has no default password');
      expect(output).toContain('set ADMIN_PASSWORD');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the start-up check of the secrets, on a database from before it', () => {
  it('checks a stored license key first: another key is refused, the right one recorded', async () => {
    const t = await createTestApp();
    try {
      const license = await t.admin
        .post('/api/v1/licenses')
        .send({ name: 'Keyed before the checks', metric: 'per_device', quantity: 1 })
        .expect(201);
      await t.admin.post(`/api/v1/licenses/${license.body.id}/keys`).send({ key: 'ABCDE-12345' }).expect(201);
      await t.dataSource.query(`DELETE FROM instance_secret_checks`);
      const rows = () => t.dataSource.query(`SELECT * FROM instance_secret_checks`);

      const other = { ...t.config, keysEncryptionKey: randomBytes(32) };
      await expect(verifyInstanceSecrets(t.dataSource, other)).rejects.toThrow(
        /^Refusing to start: KEYS_ENCRYPTION_KEY differs/,
      );
      expect(await rows()).toEqual([]);

      await verifyInstanceSecrets(t.dataSource, t.config);
      expect(await rows()).toHaveLength(1);
      await expect(
        verifyInstanceSecrets(t.dataSource, { ...t.config, jwtSecret: 'y'.repeat(40) }),
      ).rejects.toThrow(/^Refusing to start: JWT_SECRET differs/);
    } finally {
      await t.close();
    }
  });
});
