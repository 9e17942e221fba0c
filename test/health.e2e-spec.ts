import { createTestApp, expectError, TestApp } from './helpers/test-app';

const embedded = !process.env.DATABASE_URL;

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close().catch(() => undefined));

  // The embedded database has one connection: a transaction holding it (a long import)
  // must not make the probe queue behind it and report the database down.
  (embedded ? it : it.skip)(
    'answers 200 at once while a transaction holds the embedded connection',
    async () => {
      const runner = t.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query('SELECT 1');
        const started = Date.now();
        const res = await t.http.get('/health');
        expect({ status: res.status, body: res.body }).toEqual({
          status: 200,
          body: { status: 'ok', db: 'up' },
        });
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    },
  );

  it('answers 503 in the error shape, with status and db, when the database is gone', async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    await t.dataSource.destroy();
    const res = await t.http.get('/health');
    expectError(res, 503, 'DATABASE_UNAVAILABLE');
    expect(res.body).toMatchObject({ status: 'error', db: 'down' });
  });
});
