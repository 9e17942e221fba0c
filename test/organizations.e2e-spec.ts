import { createTestApp, expectError, TestApp } from './helpers/test-app';

describe('organizations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes', async () => {
    const created = await t.admin.post('/api/v1/organizations').send({ name: 'Acme GmbH', kind: 'internal' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'Acme GmbH', kind: 'internal' });
    const id = created.body.id;

    expect((await t.admin.get(`/api/v1/organizations/${id}`)).body.name).toBe('Acme GmbH');
    const updated = await t.admin.patch(`/api/v1/organizations/${id}`).send({ kind: 'supplier' });
    expect(updated.status).toBe(200);
    expect(updated.body.kind).toBe('supplier');

    expect((await t.admin.delete(`/api/v1/organizations/${id}`)).status).toBe(204);
    expectError(await t.admin.get(`/api/v1/organizations/${id}`), 404, 'NOT_FOUND');
  });

  it('lists with paging, sorting, search and filters', async () => {
    for (const [name, kind] of [
      ['Zeta Supplies', 'supplier'],
      ['Alpha Soft', 'manufacturer'],
      ['Beta Corp', 'internal'],
    ]) {
      await t.admin.post('/api/v1/organizations').send({ name, kind }).expect(201);
    }
    const page = await t.admin.get('/api/v1/organizations?sort=-name&pageSize=2&page=1');
    expect(page.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page.body.items.map((o: { name: string }) => o.name)).toEqual(['Zeta Supplies', 'Beta Corp']);
    const second = await t.admin.get('/api/v1/organizations?sort=-name&pageSize=2&page=2');
    expect(second.body.items.map((o: { name: string }) => o.name)).toEqual(['Alpha Soft']);

    const search = await t.admin.get('/api/v1/organizations?q=soft');
    expect(search.body.items.map((o: { name: string }) => o.name)).toEqual(['Alpha Soft']);
    const filtered = await t.admin.get('/api/v1/organizations?kind=supplier');
    expect(filtered.body.total).toBe(1);
    // LIKE wildcards in q are literal
    expect((await t.admin.get('/api/v1/organizations?q=%25')).body.total).toBe(0);
  });

  it('refuses bad input with 400 naming each field', async () => {
    const res = await t.admin.post('/api/v1/organizations').send({ name: '', kind: 'alien', extra: 1 });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(body.details).sort()).toEqual(['extra', 'kind', 'name']);
    expectError(await t.admin.get('/api/v1/organizations?pageSize=501'), 400);
    expectError(await t.admin.get('/api/v1/organizations?sort=bogus'), 400);
    expectError(await t.admin.get('/api/v1/organizations/not-a-uuid'), 400, 'INVALID_ID');
    expectError(
      await t.admin.patch('/api/v1/organizations/00000000-0000-4000-8000-000000000000').send({}),
      404,
    );
  });

  it('answers 409 naming the field on a duplicate name, ignoring case', async () => {
    await t.admin.post('/api/v1/organizations').send({ name: 'Dup AG', kind: 'internal' }).expect(201);
    for (const name of ['Dup AG', 'DUP ag']) {
      const body = expectError(
        await t.admin.post('/api/v1/organizations').send({ name, kind: 'supplier' }),
        409,
        'DUPLICATE',
      );
      expect(body.details).toEqual({ fields: ['name'] });
    }
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM organizations WHERE lower(name) = 'dup ag'`,
    );
    expect(n).toBe(1);
  });

  it('answers 409 when deleting an organization that others point to', async () => {
    const org = (await t.admin.post('/api/v1/organizations').send({ name: 'Parent Co', kind: 'internal' }))
      .body;
    await t.dataSource.query(
      `INSERT INTO org_units (name, code, organization_id) VALUES ('HQ', 'HQ-1', $1)`,
      [org.id],
    );
    expectError(await t.admin.delete(`/api/v1/organizations/${org.id}`), 409, 'IN_USE');
    expect((await t.admin.get(`/api/v1/organizations/${org.id}`)).status).toBe(200);
  });

  it('needs a token, and catalog writes need the permission', async () => {
    expectError(await t.http.get('/api/v1/organizations'), 401);
    const head = await t.as('finance');
    expect((await head.get('/api/v1/organizations')).status).toBe(200);
    expectError(await head.post('/api/v1/organizations').send({ name: 'No', kind: 'internal' }), 403);
  });
});
