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

  it('keeps the last admin and refuses changing one own role', async () => {
    expectError(await t.admin.patch(`/api/v1/users/${t.admin.userId}`).send({ role: 'finance' }), 403);
    expectError(await t.admin.delete(`/api/v1/users/${t.admin.userId}`), 409);

    const other = await t.admin.post('/api/v1/users').send(body({ role: 'admin' }));
    // Two admins: demoting the other one is fine, then it is the last again.
    await t.admin.patch(`/api/v1/users/${other.body.id}`).send({ role: 'finance' }).expect(200);
    const admins = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
    expect(admins[0].n).toBe(1);
  });

  it('is for admins only', async () => {
    const manager = await t.as('asset_manager');
    expectError(await manager.get('/api/v1/users'), 403, 'FORBIDDEN');
    expectError(await manager.post('/api/v1/users').send(body()), 403);
    expectError(await t.http.get('/api/v1/users'), 401);
  });
});
