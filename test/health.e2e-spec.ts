import { createTestApp, TestApp } from './helpers/test-app';

describe('health when the database is gone', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close().catch(() => undefined));

  it('answers 503 {status, db: "down"}', async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    await t.dataSource.destroy();
    const res = await t.http.get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'error', db: 'down' });
  });
});
