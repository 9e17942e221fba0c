import { createTestApp, expectError, TestApp } from './helpers/test-app';

describe('token lifetime (JWT_EXPIRES_IN)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ JWT_EXPIRES_IN: '2s' });
  });
  afterAll(() => t.close());

  it('issues tokens of the configured lifetime that stop working when it ends', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: t.config.adminEmail, password: t.config.adminPassword });
    expect(login.body.expiresIn).toBe(2);
    expect((await t.admin.get('/api/v1/auth/me')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3100));
    expectError(await t.admin.get('/api/v1/auth/me'), 401);
  });
});

describe('token lifetime given as a bare number (JWT_EXPIRES_IN=3600)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ JWT_EXPIRES_IN: '3600' });
  });
  afterAll(() => t.close());

  it('counts seconds, not milliseconds', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: t.config.adminEmail, password: t.config.adminPassword });
    expect(login.body.expiresIn).toBe(3600);
    const { iat, exp } = JSON.parse(
      Buffer.from(login.body.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(exp - iat).toBe(3600);
  });
});
