import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startApp as start, stopApp as stop } from './helpers/app-process';
import { adminQuery, freshDatabase } from './setup/test-database';

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
});
