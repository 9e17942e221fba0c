import { createTestApp, expectError, TestApp } from './helpers/test-app';

describe('users', () => {
  let t: TestApp;
  let unitId: string;
  beforeAll(async () => {
    t = await createTestApp();
    [{ id: unitId }] = await t.dataSource.query(
      `INSERT INTO org_units (name, code) VALUES ('IT', 'IT') RETURNING id`,
    );
  });
  afterAll(() => t.close());

  const body = (over: Record<string, unknown> = {}) => ({
    email: `u${Math.random().toString(36).slice(2, 8)}@test.local`,
    displayName: 'Someone',
    role: 'asset_manager',
    password: 'Long-Enough-Pass-1',
    ...over,
  });

  it('creates, reads, lists, updates and deletes users; the password is write-only', async () => {
    const created = await t.admin
      .post('/api/v1/users')
      .send(body({ email: 'Ann.Lee@Test.local', displayName: 'Ann Lee' }));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'Ann.Lee@Test.local',
      displayName: 'Ann Lee',
      role: 'asset_manager',
      orgUnitId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;
    expect((await t.admin.get(`/api/v1/users/${id}`)).body.email).toBe('Ann.Lee@Test.local');
    const list = await t.admin.get('/api/v1/users?q=ann.lee');
    expect(list.body.items.map((u: { id: string }) => u.id)).toEqual([id]);
    expect((await t.admin.get('/api/v1/users?role=admin')).body.total).toBe(1);

    const moved = await t.admin
      .patch(`/api/v1/users/${id}`)
      .send({ role: 'department_head', orgUnitId: unitId });
    expect(moved.body).toMatchObject({ role: 'department_head', orgUnitId: unitId });

    await t.admin.patch(`/api/v1/users/${id}`).send({ password: 'Another-Long-Pass-2' }).expect(200);
    await t.login('ann.lee@test.local', 'Another-Long-Pass-2');

    await t.admin.delete(`/api/v1/users/${id}`).expect(204);
    expectError(await t.admin.get(`/api/v1/users/${id}`), 404);
  });

  it('refuses a duplicate email, case-insensitively', async () => {
    await t.admin
      .post('/api/v1/users')
      .send(body({ email: 'dup@test.local' }))
      .expect(201);
    const res = expectError(
      await t.admin.post('/api/v1/users').send(body({ email: 'DUP@test.local' })),
      409,
      'DUPLICATE',
    );
    expect(res.details).toEqual({ fields: ['email'] });
  });

  it('refuses bad input: short password, unknown role, bad email, department head without unit', async () => {
    const res = expectError(
      await t.admin.post('/api/v1/users').send(body({ password: 'short', role: 'king', email: 'nope' })),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.details).sort()).toEqual(['email', 'password', 'role']);
    expect(JSON.stringify(res.details.password)).toContain('at least 12 characters');
    const head = expectError(
      await t.admin.post('/api/v1/users').send(body({ role: 'department_head' })),
      400,
    );
    expect(head.details).toHaveProperty('orgUnitId');
    const unknownUnit = await t.admin
      .post('/api/v1/users')
      .send(body({ role: 'department_head', orgUnitId: '00000000-0000-4000-8000-000000000000' }));
    expectError(unknownUnit, 400, 'UNKNOWN_REFERENCE');
  });

  it('refuses a PATCH to an email another user has, naming the field', async () => {
    const taken = (await t.admin.post('/api/v1/users').send(body()).expect(201)).body;
    const user = (await t.admin.post('/api/v1/users').send(body()).expect(201)).body;
    const res = expectError(
      await t.admin.patch(`/api/v1/users/${user.id}`).send({ email: taken.email.toUpperCase() }),
      409,
      'DUPLICATE',
    );
    expect(res.details).toEqual({ fields: ['email'] });
    expect((await t.admin.get(`/api/v1/users/${user.id}`)).body.email).toBe(user.email);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectError(await t.admin.get(`/api/v1/users/${unknown}`), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`/api/v1/users/${unknown}`).send({ displayName: 'X' }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`/api/v1/users/${unknown}`), 404, 'NOT_FOUND');
    for (const res of [
      await t.admin.get('/api/v1/users/not-a-uuid'),
      await t.admin.patch('/api/v1/users/not-a-uuid').send({ displayName: 'X' }),
      await t.admin.delete('/api/v1/users/not-a-uuid'),
    ])
      expectError(res, 400);
  });

  it('keeps the last admin and refuses changing one own role', async () => {
    const other = (
      await t.admin
        .post('/api/v1/users')
        .send(body({ role: 'admin' }))
        .expect(201)
    ).body;
    // Two admins: removing the other one is fine, then this one is the last.
    await t.admin.delete(`/api/v1/users/${other.id}`).expect(204);
    expectError(await t.admin.patch(`/api/v1/users/${t.admin.userId}`).send({ role: 'finance' }), 403);
    expectError(await t.admin.delete(`/api/v1/users/${t.admin.userId}`), 409, 'SELF_DELETE');
    const admins = await t.dataSource.query(`SELECT id FROM users WHERE role = 'admin'`);
    expect(admins).toEqual([{ id: t.admin.userId }]);
  });

  it('is for admins only', async () => {
    const manager = await t.as('asset_manager');
    expectError(await manager.get('/api/v1/users'), 403, 'FORBIDDEN');
    expectError(await manager.post('/api/v1/users').send(body()), 403);
    expectError(await t.http.get('/api/v1/users'), 401);
  });
});
