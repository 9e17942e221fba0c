import { createTestApp, expectError, TEST_ADMIN, TestApp } from './helpers/test-app';

describe('hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS: '3', CORS_ORIGINS: 'https://app.example.com' });
  });
  afterAll(() => t.close());

  const login = (email: string, password = 'wrong-password-1', ip = '203.0.113.1') =>
    t.http.post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  const account = async () => {
    const email = `throttle.${Math.random().toString(36).slice(2, 8)}@test.local`;
    await t.admin
      .post('/api/v1/users')
      .send({ email, password: 'Right-Password-123', displayName: 'T', role: 'finance' })
      .expect(201);
    return email;
  };

  it('never throttles successful logins', async () => {
    const email = await account();
    for (let i = 0; i < 8; i++) expect((await login(email, 'Right-Password-123')).status).toBe(200);
  });

  it('locks an email after repeated failures with 429, then the right password too', async () => {
    const email = await account();
    for (let i = 0; i < 3; i++) expectError(await login(email), 401, 'INVALID_CREDENTIALS');
    const blocked = await login(email, 'Right-Password-123');
    expectError(blocked, 429, 'TOO_MANY_REQUESTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The address is case-insensitive; another account is not blocked by it.
    expectError(await login(email.toUpperCase(), 'Right-Password-123'), 429);
    expect((await login(await account(), 'Right-Password-123')).status).toBe(200);
  });

  it("forgets an email's failures when a login succeeds", async () => {
    const email = await account();
    for (let i = 0; i < 2; i++) expectError(await login(email), 401);
    expect((await login(email, 'Right-Password-123')).status).toBe(200);
    for (let i = 0; i < 2; i++) expectError(await login(email), 401);
    expect((await login(email, 'Right-Password-123')).status).toBe(200);
  });

  it('throttles one client trying many accounts, whatever X-Forwarded-For says (TRUST_PROXY unset)', async () => {
    // 3 failures per email, 15 per IP: fresh emails stay under the first, not the second.
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++)
      statuses.push((await login(`user${i}@test.local`, 'wrong-password-1', `198.51.100.${i}`)).status);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(0);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
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

describe('login throttling behind a reverse proxy (TRUST_PROXY=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_ATTEMPTS: '3', TRUST_PROXY: '1' });
  });
  afterAll(() => t.close());

  const login = (email: string, ip: string) =>
    t.http
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', `10.9.9.9, ${ip}`)
      .send({ email, password: 'wrong-password-1' });

  it('counts failures per client address the proxy reports, each with its own budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await login(`user${i}@test.local`, '203.0.113.7')).status);
    expect(statuses).toEqual([...Array<number>(15).fill(401), 429]);
    // Another client behind the same proxy, and clients each trying one account, are not blocked.
    expectError(await login('user0.other@test.local', '203.0.113.8'), 401);
    for (let i = 0; i < 20; i++) expectError(await login(`many${i}@test.local`, `198.51.100.${i}`), 401);
  });
});
