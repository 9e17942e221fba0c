import { JwtService } from '@nestjs/jwt';
import { createTestApp, expectError, TEST_ADMIN, TestApp } from './helpers/test-app';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('logs in with the right password and answers a token, its lifetime and the user', async () => {
    const res = await t.http.post('/api/v1/auth/login').send(TEST_ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      expiresIn: 3600,
      user: { email: TEST_ADMIN.email, role: 'admin' },
    });
    expect(res.body.user.passwordHash).toBeUndefined();
  });

  it('treats the email case-insensitively', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ ...TEST_ADMIN, email: TEST_ADMIN.email.toUpperCase() });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong password or unknown email with 401 in the error shape', async () => {
    expectError(
      await t.http.post('/api/v1/auth/login').send({ ...TEST_ADMIN, password: 'wrong-password-1' }),
      401,
      'INVALID_CREDENTIALS',
    );
    expectError(
      await t.http.post('/api/v1/auth/login').send({ email: 'nobody@test.local', password: 'x' }),
      401,
      'INVALID_CREDENTIALS',
    );
    expectError(await t.http.post('/api/v1/auth/login').send({ email: 42 }), 400);
  });

  it('answers the current user on /auth/me', async () => {
    const res = await t.admin.get('/api/v1/auth/me');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: t.admin.userId, email: TEST_ADMIN.email, role: 'admin' });
  });

  it('refuses a missing, malformed, forged or expired token with 401', async () => {
    expectError(await t.http.get('/api/v1/auth/me'), 401);
    expectError(await t.http.get('/api/v1/auth/me').set('Authorization', 'Bearer nonsense'), 401);
    const [h, p] = t.admin.token.split('.');
    expectError(await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${h}.${p}.forged`), 401);

    const expired = t.app.get(JwtService).sign({ sub: t.admin.userId }, { expiresIn: -10 });
    expectError(await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`), 401);
    const otherSecret = new JwtService({ secret: 'another-secret-another-secret-1234' }).sign({
      sub: t.admin.userId,
    });
    expectError(await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${otherSecret}`), 401);
  });

  it('stops accepting the token of a deleted user at once', async () => {
    const finance = await t.as('finance');
    expect((await finance.get('/api/v1/auth/me')).status).toBe(200);
    await t.admin.delete(`/api/v1/users/${finance.userId}`).expect(204);
    expectError(await finance.get('/api/v1/auth/me'), 401);
  });
});
