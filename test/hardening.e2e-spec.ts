import { createTestApp, expectError, TEST_ADMIN, TestApp } from './helpers/test-app';

describe('hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS: '3', CORS_ORIGINS: 'https://app.example.com' });
  });
  afterAll(() => t.close());

  const login = (email: string, password = 'wrong-password-1', ip = '203.0.113.1') =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });

  it('throttles repeated logins per email with 429, even with the right password', async () => {
    const email = 'target@test.local';
    for (let i = 0; i < 3; i++) expectError(await login(email), 401);
    const blocked = await login(email);
    expectError(blocked, 429, 'TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after-email'] ?? blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not blocked by it.
    expectError(await login('other@test.local'), 401);
  });

  it('throttles one client trying many accounts (per IP)', async () => {
    // 3 per email, 15 per IP and minute: fresh emails stay under the first, not the second.
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await login(`user${i}@test.local`)).status);
    expect(statuses[0]).toBe(401);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(0);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await t.http.options('/api/v1/licenses').set('Origin', 'https://app.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const other = await t.http.options('/api/v1/licenses').set('Origin', 'https://evil.example.com');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never shows SQL or stack traces in error answers', async () => {
    const api = await t.login(TEST_ADMIN.email, TEST_ADMIN.password).catch(() => t.admin);
    await api.post('/api/v1/organizations').send({ name: 'Twice', kind: 'internal' });
    const dup = await api.post('/api/v1/organizations').send({ name: 'Twice', kind: 'internal' });
    const text = JSON.stringify(dup.body);
    expect(dup.status).toBe(409);
    expect(text).not.toMatch(/INSERT|SELECT|duplicate key|at \w+ \(|\.ts:\d+/);
  });
});
