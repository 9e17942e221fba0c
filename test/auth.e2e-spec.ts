import { JwtService } from '@nestjs/jwt';
import { factories } from './helpers/factories';
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
    // Signed with the right secret, but without the token version every issued token carries.
    const unversioned = t.app.get(JwtService).sign({ sub: t.admin.userId });
    expectError(await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${unversioned}`), 401);
  });

  it("takes away a demoted user's rights at once, with the same token", async () => {
    const admin = await t.as('admin');
    expect((await admin.get('/api/v1/users')).status).toBe(200);
    await t.admin.patch(`/api/v1/users/${admin.userId}`).send({ role: 'finance' }).expect(200);
    expectError(await admin.get('/api/v1/users'), 403, 'FORBIDDEN');
    expect((await admin.get('/api/v1/auth/me')).body).toMatchObject({ id: admin.userId, role: 'finance' });
  });

  it('shows a department head the scope of their new org unit, with the same token', async () => {
    const make = factories(t.admin);
    const [first, second] = [await make.orgUnit(), await make.orgUnit()];
    const [inFirst, inSecond] = [
      await make.person({ orgUnitId: first.id }),
      await make.person({ orgUnitId: second.id }),
    ];
    const head = await t.as('department_head', first.id);
    const visible = async () =>
      ((await head.get('/api/v1/persons?pageSize=500').expect(200)).body.items as { id: string }[]).map(
        (p) => p.id,
      );

    expect(await visible()).toEqual([inFirst.id]);
    await t.admin.patch(`/api/v1/users/${head.userId}`).send({ orgUnitId: second.id }).expect(200);
    expect(await visible()).toEqual([inSecond.id]);
    expectError(await head.get(`/api/v1/persons/${inFirst.id}`), 404);
    expect((await head.get('/api/v1/auth/me')).body.orgUnitId).toBe(second.id);
  });

  it('ends the tokens issued before a password change, and only those', async () => {
    const finance = await t.as('finance');
    const other = await t.as('finance');
    await t.admin.patch(`/api/v1/users/${finance.userId}`).send({ displayName: 'Renamed' }).expect(200);
    expect((await finance.get('/api/v1/auth/me')).status).toBe(200);

    const me = (await finance.get('/api/v1/auth/me')).body as { email: string };
    await t.admin
      .patch(`/api/v1/users/${finance.userId}`)
      .send({ password: 'A-New-Password-42' })
      .expect(200);
    expectError(await finance.get('/api/v1/auth/me'), 401);
    expectError(
      await t.http.post('/api/v1/auth/login').send({ email: me.email, password: 'Test-User-Password-1' }),
      401,
    );
    const fresh = await t.login(me.email, 'A-New-Password-42');
    expect((await fresh.get('/api/v1/auth/me')).body.id).toBe(finance.userId);
    // Another user's sessions are untouched.
    expect((await other.get('/api/v1/auth/me')).status).toBe(200);
    const [row] = await t.dataSource.query(`SELECT token_version FROM users WHERE id = $1`, [finance.userId]);
    expect(row.token_version).toBe(2);
  });

  it('stops accepting the token of a deleted user at once', async () => {
    const finance = await t.as('finance');
    expect((await finance.get('/api/v1/auth/me')).status).toBe(200);
    await t.admin.delete(`/api/v1/users/${finance.userId}`).expect(204);
    expectError(await finance.get('/api/v1/auth/me'), 401);
  });
});
