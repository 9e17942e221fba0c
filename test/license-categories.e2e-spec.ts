import { createTestApp, expectError, TestApp } from './helpers/test-app';

const URL = '/api/v1/license-categories';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('license categories', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const count = async () =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM license_categories'))[0].n);
  const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((c) => c.name);

  it('creates, reads, updates and deletes, trimming the name', async () => {
    const created = await t.admin.post(URL).send({ name: '  Open/MOLP ' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Open/MOLP',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;
    expect((await t.admin.get(`${URL}/${id}`)).body).toEqual(created.body);

    const updated = await t.admin.patch(`${URL}/${id}`).send({ name: 'Open License' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: 'Open License' });
    expect((await t.admin.get(`${URL}/${id}`)).body.name).toBe('Open License');

    expect((await t.admin.delete(`${URL}/${id}`)).status).toBe(204);
    expectError(await t.admin.get(`${URL}/${id}`), 404, 'NOT_FOUND');
  });

  it('lists with paging, sorting and search', async () => {
    for (const name of ['Volume', 'OEM', 'Retail', 'Subscription']) {
      await t.admin.post(URL).send({ name }).expect(201);
    }
    const first = await t.admin.get(`${URL}?pageSize=2`);
    expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(names(first)).toEqual(['OEM', 'Retail']);
    expect(names(await t.admin.get(`${URL}?pageSize=2&page=2`))).toEqual(['Subscription', 'Volume']);
    expect(names(await t.admin.get(`${URL}?sort=-name`))).toEqual([
      'Volume',
      'Subscription',
      'Retail',
      'OEM',
    ]);
    expect(names(await t.admin.get(`${URL}?sort=createdAt`))).toEqual([
      'Volume',
      'OEM',
      'Retail',
      'Subscription',
    ]);
    expect(names(await t.admin.get(`${URL}?q=sub`))).toEqual(['Subscription']);
    expect(names(await t.admin.get(`${URL}?q=E`))).toEqual(['OEM', 'Retail', 'Volume']);
    expect((await t.admin.get(`${URL}?q=%25`)).body.total).toBe(0);
  });

  it('answers 409 DUPLICATE naming the field, also for a name that differs only by blanks or case', async () => {
    await t.admin.post(URL).send({ name: 'Enterprise' }).expect(201);
    const before = await count();
    for (const name of [' Enterprise  ', 'ENTERPRISE']) {
      const dup = expectError(await t.admin.post(URL).send({ name }), 409, 'DUPLICATE');
      expect(dup.details).toEqual({ fields: ['name'] });
    }
    expect(await count()).toBe(before);

    const other = (await t.admin.post(URL).send({ name: 'Academic' }).expect(201)).body;
    expectError(await t.admin.patch(`${URL}/${other.id}`).send({ name: 'enterprise' }), 409, 'DUPLICATE');
    expect((await t.admin.get(`${URL}/${other.id}`)).body.name).toBe('Academic');
  });

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const before = await count();
    const res = expectError(
      await t.admin.post(URL).send({ name: '', color: 'red' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.details).sort()).toEqual(['color', 'name']);
    expectError(await t.admin.post(URL).send({ name: 42 }), 400, 'VALIDATION_FAILED');
    expectError(await t.admin.post(URL).send({ name: 'x'.repeat(101) }), 400, 'VALIDATION_FAILED');
    expect(await count()).toBe(before);

    const cat = (await t.admin.post(URL).send({ name: 'Trial' }).expect(201)).body;
    const nulled = expectError(
      await t.admin.patch(`${URL}/${cat.id}`).send({ name: null }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(nulled.details)).toEqual(['name']);
    expectError(await t.admin.patch(`${URL}/${cat.id}`).send({ name: '  ' }), 400, 'VALIDATION_FAILED');
    expect((await t.admin.get(`${URL}/${cat.id}`)).body.name).toBe('Trial');

    expectError(await t.admin.get(`${URL}?sort=id`), 400);
    expectError(await t.admin.get(`${URL}?page=0`), 400);
    expectError(await t.admin.get(`${URL}/123`), 400, 'INVALID_ID');
  });

  it('answers 404 for an unknown id', async () => {
    expectError(await t.admin.get(`${URL}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`${URL}/${UNKNOWN_ID}`).send({ name: 'X' }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`${URL}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
  });

  it('answers 409 IN_USE when deleting a category a license points to', async () => {
    const cat = (await t.admin.post(URL).send({ name: 'OEM Bundle' }).expect(201)).body;
    await t.dataSource.query(
      `INSERT INTO licenses (name, category_id, metric, quantity) VALUES ('Bundled', $1, 'per_device', 1)`,
      [cat.id],
    );
    expectError(await t.admin.delete(`${URL}/${cat.id}`), 409, 'IN_USE');
    expect((await t.admin.get(`${URL}/${cat.id}`)).status).toBe(200);
  });

  it('needs a token; reading needs catalogs:read, writing catalogs:write', async () => {
    const cat = (await t.admin.post(URL).send({ name: 'Guarded' }).expect(201)).body;
    expectError(await t.http.get(URL), 401);
    expectError(await t.http.delete(`${URL}/${cat.id}`), 401);

    const [{ id: unitId }] = await t.dataSource.query(
      `INSERT INTO org_units (name, code) VALUES ('Legal', 'LEGAL') RETURNING id`,
    );
    for (const api of [await t.as('finance'), await t.as('department_head', unitId)]) {
      expect((await api.get(`${URL}/${cat.id}`)).status).toBe(200);
      expectError(await api.post(URL).send({ name: 'Nope' }), 403);
      expectError(await api.patch(`${URL}/${cat.id}`).send({ name: 'Nope' }), 403);
      expectError(await api.delete(`${URL}/${cat.id}`), 403);
    }
    expect((await t.admin.get(`${URL}/${cat.id}`)).body.name).toBe('Guarded');
    const manager = await t.as('asset_manager');
    await manager.delete(`${URL}/${cat.id}`).expect(204);
  });
});
