import { createTestApp, expectError, TestApp } from './helpers/test-app';

const URL = '/api/v1/persons';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('persons', () => {
  let t: TestApp;
  let unitId: string;
  let otherUnitId: string;
  let locationId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const unit = async (name: string, code: string) =>
      (
        await t.dataSource.query('INSERT INTO org_units (name, code) VALUES ($1, $2) RETURNING id', [
          name,
          code,
        ])
      )[0].id;
    unitId = await unit('Finance', 'FIN');
    otherUnitId = await unit('Engineering', 'ENG');
    [{ id: locationId }] = await t.dataSource.query(
      `INSERT INTO locations (name) VALUES ('Berlin') RETURNING id`,
    );
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM persons'))[0].n);
  const emails = (res: { body: { items: { email: string }[] } }) => res.body.items.map((p) => p.email);
  const person = (over: Record<string, unknown>) =>
    t.admin
      .post(URL)
      .send({
        firstName: 'Some',
        lastName: 'One',
        email: `p${Math.random().toString(36).slice(2, 10)}@x.com`,
        ...over,
      })
      .expect(201)
      .then((res) => res.body as { id: string; email: string });

  it('creates, reads, updates and deletes; trims text, defaults active, clears with null', async () => {
    const created = await t.admin.post(URL).send({
      firstName: ' Ann ',
      lastName: ' Lee',
      email: ' Ann.Lee@Example.com ',
      employeeNumber: ' E-1 ',
      orgUnitId: unitId,
      locationId,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'Ann.Lee@Example.com',
      employeeNumber: 'E-1',
      orgUnitId: unitId,
      locationId,
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;
    expect((await t.admin.get(`${URL}/${id}`)).body).toEqual(created.body);

    const updated = await t.admin.patch(`${URL}/${id}`).send({
      active: false,
      orgUnitId: null,
      locationId: null,
      employeeNumber: null,
      email: 'ann.lee@example.com',
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      firstName: 'Ann',
      email: 'ann.lee@example.com',
      active: false,
      orgUnitId: null,
      locationId: null,
      employeeNumber: null,
    });
    expect((await t.admin.get(`${URL}/${id}`)).body).toEqual(updated.body);

    expect((await t.admin.delete(`${URL}/${id}`)).status).toBe(204);
    expectError(await t.admin.get(`${URL}/${id}`), 404, 'NOT_FOUND');
  });

  describe('lists', () => {
    beforeAll(async () => {
      await t.dataSource.query('DELETE FROM assets');
      await t.dataSource.query('DELETE FROM persons');
      await person({
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann@x.com',
        employeeNumber: 'E-300',
        orgUnitId: unitId,
      });
      await person({
        firstName: 'Bob',
        lastName: 'Marley',
        email: 'bob@x.com',
        employeeNumber: 'E-100',
        locationId,
      });
      await person({
        firstName: 'Cleo',
        lastName: 'Abbott',
        email: 'cleo@y.org',
        orgUnitId: otherUnitId,
        locationId,
      });
      await person({
        firstName: 'Dan',
        lastName: 'Leeds',
        email: 'dan@y.org',
        employeeNumber: 'E-200',
        active: false,
      });
    });

    it('pages and sorts, by last name by default', async () => {
      const first = await t.admin.get(`${URL}?pageSize=3`);
      expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(emails(first)).toEqual(['cleo@y.org', 'ann@x.com', 'dan@y.org']);
      expect(emails(await t.admin.get(`${URL}?pageSize=3&page=2`))).toEqual(['bob@x.com']);
      expect(emails(await t.admin.get(`${URL}?sort=-firstName`))).toEqual([
        'dan@y.org',
        'cleo@y.org',
        'bob@x.com',
        'ann@x.com',
      ]);
      // persons without an employee number come last
      expect(emails(await t.admin.get(`${URL}?sort=employeeNumber`))).toEqual([
        'bob@x.com',
        'dan@y.org',
        'ann@x.com',
        'cleo@y.org',
      ]);
      expect(emails(await t.admin.get(`${URL}?sort=-email`))).toEqual([
        'dan@y.org',
        'cleo@y.org',
        'bob@x.com',
        'ann@x.com',
      ]);
      expect(emails(await t.admin.get(`${URL}?sort=createdAt`))).toEqual([
        'ann@x.com',
        'bob@x.com',
        'cleo@y.org',
        'dan@y.org',
      ]);
      expect(emails(await t.admin.get(`${URL}?sort=firstName&pageSize=1&page=4`))).toEqual(['dan@y.org']);
    });

    it('filters by org unit, location, active and exact email (case-insensitive)', async () => {
      expect(emails(await t.admin.get(`${URL}?orgUnitId=${unitId}`))).toEqual(['ann@x.com']);
      expect(emails(await t.admin.get(`${URL}?locationId=${locationId}`))).toEqual([
        'cleo@y.org',
        'bob@x.com',
      ]);
      expect(emails(await t.admin.get(`${URL}?active=false`))).toEqual(['dan@y.org']);
      expect((await t.admin.get(`${URL}?active=true`)).body.total).toBe(3);
      expect(emails(await t.admin.get(`${URL}?email=ANN@X.COM`))).toEqual(['ann@x.com']);
      expect((await t.admin.get(`${URL}?email=ann`)).body.total).toBe(0);
      expect(emails(await t.admin.get(`${URL}?locationId=${locationId}&orgUnitId=${otherUnitId}`))).toEqual([
        'cleo@y.org',
      ]);
    });

    it('searches first name, last name, full name, email and employee number', async () => {
      expect(emails(await t.admin.get(`${URL}?q=cleo`))).toEqual(['cleo@y.org']);
      expect(emails(await t.admin.get(`${URL}?q=lee`))).toEqual(['ann@x.com', 'dan@y.org']);
      expect(emails(await t.admin.get(`${URL}?q=Ann%20Lee`))).toEqual(['ann@x.com']);
      expect(emails(await t.admin.get(`${URL}?q=y.org`))).toEqual(['cleo@y.org', 'dan@y.org']);
      expect(emails(await t.admin.get(`${URL}?q=e-1`))).toEqual(['bob@x.com']);
      expect(emails(await t.admin.get(`${URL}?q=lee&active=true`))).toEqual(['ann@x.com']);
      expect((await t.admin.get(`${URL}?q=%25`)).body.total).toBe(0);
    });

    it('refuses bad filters with 400', async () => {
      const res = expectError(
        await t.admin.get(`${URL}?active=yes&orgUnitId=x&locationId=1&sort=age`),
        400,
        'VALIDATION_FAILED',
      );
      expect(Object.keys(res.details).sort()).toEqual(['active', 'locationId', 'orgUnitId']);
      expectError(await t.admin.get(`${URL}?sort=age`), 400, 'VALIDATION_FAILED');
      expectError(await t.admin.get(`${URL}?pageSize=0`), 400, 'VALIDATION_FAILED');
      expectError(await t.admin.get(`${URL}?unknown=1`), 400, 'VALIDATION_FAILED');
    });
  });

  it('treats emails case-insensitively: 409 DUPLICATE naming the email', async () => {
    const ann = await person({ email: 'Dup.Ann@x.com' });
    const before = await count();
    const res = await t.admin.post(URL).send({ firstName: 'Ann', lastName: 'Again', email: 'dup.ann@X.COM' });
    const body = expectError(res, 409, 'DUPLICATE');
    expect(body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringContaining('email'),
      code: 'DUPLICATE',
      details: { fields: ['email'] },
    });
    expect(await count()).toBe(before);

    const other = await person({});
    expectError(await t.admin.patch(`${URL}/${other.id}`).send({ email: 'DUP.ANN@x.com' }), 409, 'DUPLICATE');
    // changing the case of one's own email is not a duplicate
    const own = await t.admin.patch(`${URL}/${ann.id}`).send({ email: 'dup.ann@x.com' });
    expect(own.status).toBe(200);
    expect(own.body.email).toBe('dup.ann@x.com');
  });

  it('refuses a duplicate employee number with 409, and allows many persons without one', async () => {
    await person({ employeeNumber: 'E-777' });
    const body = expectError(
      await t.admin
        .post(URL)
        .send({ firstName: 'X', lastName: 'Y', email: 'emp@x.com', employeeNumber: ' E-777 ' }),
      409,
      'DUPLICATE',
    );
    expect(body.details).toEqual({ fields: ['employeeNumber'] });
    await person({ employeeNumber: null });
    await person({ employeeNumber: '' });
  });

  it('refuses unknown org units and locations with 400 UNKNOWN_REFERENCE', async () => {
    const before = await count();
    const unit = expectError(
      await t.admin
        .post(URL)
        .send({ firstName: 'A', lastName: 'B', email: 'ref1@x.com', orgUnitId: UNKNOWN_ID }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(unit.details)).toEqual(['orgUnitId']);
    const loc = expectError(
      await t.admin
        .post(URL)
        .send({ firstName: 'A', lastName: 'B', email: 'ref2@x.com', locationId: UNKNOWN_ID }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(loc.details)).toEqual(['locationId']);
    expect(await count()).toBe(before);

    const p = await person({ orgUnitId: unitId });
    expectError(
      await t.admin.patch(`${URL}/${p.id}`).send({ orgUnitId: UNKNOWN_ID }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect((await t.admin.get(`${URL}/${p.id}`)).body.orgUnitId).toBe(unitId);
  });

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const before = await count();
    const res = expectError(
      await t.admin.post(URL).send({
        firstName: '  ',
        lastName: 7,
        email: 'not-an-email',
        employeeNumber: 'x'.repeat(51),
        orgUnitId: 'nope',
        locationId: 12,
        active: 'yes',
        salary: 1,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.details).sort()).toEqual([
      'active',
      'email',
      'employeeNumber',
      'firstName',
      'lastName',
      'locationId',
      'orgUnitId',
      'salary',
    ]);
    const missing = expectError(await t.admin.post(URL).send({}), 400, 'VALIDATION_FAILED');
    expect(Object.keys(missing.details).sort()).toEqual(['email', 'firstName', 'lastName']);
    expect(await count()).toBe(before);

    const p = await person({ firstName: 'Keep' });
    const nulled = expectError(
      await t.admin
        .patch(`${URL}/${p.id}`)
        .send({ firstName: null, lastName: null, email: null, active: null }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(nulled.details).sort()).toEqual(['active', 'email', 'firstName', 'lastName']);
    expect((await t.admin.get(`${URL}/${p.id}`)).body).toMatchObject({ firstName: 'Keep', active: true });

    expectError(await t.admin.get(`${URL}/not-a-uuid`), 400, 'INVALID_ID');
    expectError(await t.admin.patch(`${URL}/not-a-uuid`).send({ active: false }), 400, 'INVALID_ID');
    expectError(await t.admin.delete(`${URL}/not-a-uuid`), 400, 'INVALID_ID');
  });

  it('answers 404 for an unknown id', async () => {
    expectError(await t.admin.get(`${URL}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`${URL}/${UNKNOWN_ID}`).send({ active: false }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`${URL}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
  });

  it('answers 409 IN_USE when deleting a person who owns assets', async () => {
    const owner = await person({});
    await t.admin
      .post('/api/v1/assets')
      .send({ name: 'Laptop', inventoryNumber: 'INV-P-1', ownerPersonId: owner.id })
      .expect(201);
    expectError(await t.admin.delete(`${URL}/${owner.id}`), 409, 'IN_USE');
    expect((await t.admin.get(`${URL}/${owner.id}`)).status).toBe(200);
  });

  it('needs a token; reading needs persons:read, writing persons:write', async () => {
    const p = await person({ firstName: 'Guarded', orgUnitId: unitId }); // in the head's unit: a head sees only their subtree
    expectError(await t.http.get(URL), 401);
    expectError(await t.http.get(`${URL}/${p.id}`), 401);
    expectError(await t.http.patch(`${URL}/${p.id}`).send({ active: false }), 401);

    for (const api of [await t.as('finance'), await t.as('department_head', unitId)]) {
      expect((await api.get(URL)).status).toBe(200);
      expect((await api.get(`${URL}/${p.id}`)).status).toBe(200);
      expectError(await api.post(URL).send({ firstName: 'N', lastName: 'O', email: 'no@x.com' }), 403);
      expectError(await api.patch(`${URL}/${p.id}`).send({ active: false }), 403);
      expectError(await api.delete(`${URL}/${p.id}`), 403);
    }
    expect((await t.admin.get(`${URL}/${p.id}`)).body.active).toBe(true);
    const manager = await t.as('asset_manager');
    await manager.patch(`${URL}/${p.id}`).send({ active: false }).expect(200);
    expect((await t.admin.get(`${URL}/${p.id}`)).body.active).toBe(false);
  });
});
