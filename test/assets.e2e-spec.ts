import { createTestApp, expectError, TestApp } from './helpers/test-app';

const URL = '/api/v1/assets';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('assets', () => {
  let t: TestApp;
  let unitId: string;
  let locationId: string;
  let ownerId: string;
  beforeAll(async () => {
    t = await createTestApp();
    [{ id: unitId }] = await t.dataSource.query(
      `INSERT INTO org_units (name, code) VALUES ('IT', 'IT') RETURNING id`,
    );
    [{ id: locationId }] = await t.dataSource.query(
      `INSERT INTO locations (name) VALUES ('Server room') RETURNING id`,
    );
    ownerId = (
      await t.admin
        .post('/api/v1/persons')
        .send({ firstName: 'Olga', lastName: 'Owner', email: 'olga@x.com' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM assets'))[0].n);
  const inv = (res: { body: { items: { inventoryNumber: string }[] } }) =>
    res.body.items.map((a) => a.inventoryNumber);
  let seq = 0;
  const asset = (over: Record<string, unknown> = {}) =>
    t.admin
      .post(URL)
      .send({ name: 'Device', inventoryNumber: `INV-T-${++seq}`, ...over })
      .expect(201)
      .then((res) => res.body as { id: string });

  it('creates, reads, updates and deletes; defaults kind and status, trims, clears with null', async () => {
    const minimal = await t.admin.post(URL).send({ name: ' WS-01 ', inventoryNumber: ' INV-0001 ' });
    expect(minimal.status).toBe(201);
    expect(minimal.body).toEqual({
      id: expect.any(String),
      name: 'WS-01',
      inventoryNumber: 'INV-0001',
      serialNumber: null,
      kind: 'other',
      status: 'in_use',
      orgUnitId: null,
      locationId: null,
      ownerPersonId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const full = await t.admin.post(URL).send({
      name: 'srv-db-01',
      inventoryNumber: 'INV-0002',
      serialNumber: 'SN-42',
      kind: 'server',
      status: 'in_stock',
      orgUnitId: unitId,
      locationId,
      ownerPersonId: ownerId,
    });
    expect(full.status).toBe(201);
    const id = full.body.id;
    expect((await t.admin.get(`${URL}/${id}`)).body).toMatchObject({
      kind: 'server',
      status: 'in_stock',
      serialNumber: 'SN-42',
      orgUnitId: unitId,
      locationId,
      ownerPersonId: ownerId,
    });

    const updated = await t.admin.patch(`${URL}/${id}`).send({
      status: 'retired',
      serialNumber: null,
      orgUnitId: null,
      locationId: null,
      ownerPersonId: null,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'srv-db-01',
      kind: 'server',
      status: 'retired',
      serialNumber: null,
      orgUnitId: null,
      locationId: null,
      ownerPersonId: null,
    });
    expect((await t.admin.get(`${URL}/${id}`)).body).toEqual(updated.body);

    expect((await t.admin.delete(`${URL}/${id}`)).status).toBe(204);
    expectError(await t.admin.get(`${URL}/${id}`), 404, 'NOT_FOUND');
    await t.admin.delete(`${URL}/${minimal.body.id}`).expect(204);
  });

  describe('lists', () => {
    beforeAll(async () => {
      await t.dataSource.query('DELETE FROM assets');
      await asset({
        name: 'Charlie',
        inventoryNumber: 'INV-300',
        kind: 'laptop',
        serialNumber: 'ABC-1',
        ownerPersonId: ownerId,
      });
      await asset({
        name: 'Alpha',
        inventoryNumber: 'INV-100',
        kind: 'server',
        status: 'in_stock',
        orgUnitId: unitId,
      });
      await asset({
        name: 'Bravo',
        inventoryNumber: 'INV-200',
        kind: 'laptop',
        status: 'retired',
        locationId,
      });
      await asset({
        name: 'Delta',
        inventoryNumber: 'INV-400',
        kind: 'mobile',
        orgUnitId: unitId,
        locationId,
      });
    });

    it('pages and sorts, by name by default', async () => {
      const first = await t.admin.get(`${URL}?pageSize=2`);
      expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(first.body.items.map((a: { name: string }) => a.name)).toEqual(['Alpha', 'Bravo']);
      expect(inv(await t.admin.get(`${URL}?pageSize=2&page=2`))).toEqual(['INV-300', 'INV-400']);
      expect(inv(await t.admin.get(`${URL}?sort=-inventoryNumber`))).toEqual([
        'INV-400',
        'INV-300',
        'INV-200',
        'INV-100',
      ]);
      // two laptops first (their order is by id), then mobile, then server
      expect(inv(await t.admin.get(`${URL}?sort=kind&pageSize=2`)).sort()).toEqual(['INV-200', 'INV-300']);
      expect(inv(await t.admin.get(`${URL}?sort=kind&pageSize=2&page=2`))).toEqual(['INV-400', 'INV-100']);
      expect(inv(await t.admin.get(`${URL}?sort=-status&pageSize=1`))).toEqual(['INV-200']);
      expect(inv(await t.admin.get(`${URL}?sort=createdAt`))).toEqual([
        'INV-300',
        'INV-100',
        'INV-200',
        'INV-400',
      ]);
    });

    it('filters by kind, status, org unit, location and owner', async () => {
      expect(inv(await t.admin.get(`${URL}?kind=laptop&sort=inventoryNumber`))).toEqual([
        'INV-200',
        'INV-300',
      ]);
      expect(inv(await t.admin.get(`${URL}?status=in_use&sort=inventoryNumber`))).toEqual([
        'INV-300',
        'INV-400',
      ]);
      expect(inv(await t.admin.get(`${URL}?orgUnitId=${unitId}&sort=inventoryNumber`))).toEqual([
        'INV-100',
        'INV-400',
      ]);
      expect(inv(await t.admin.get(`${URL}?locationId=${locationId}&sort=inventoryNumber`))).toEqual([
        'INV-200',
        'INV-400',
      ]);
      expect(inv(await t.admin.get(`${URL}?ownerPersonId=${ownerId}`))).toEqual(['INV-300']);
      expect(inv(await t.admin.get(`${URL}?kind=laptop&status=retired`))).toEqual(['INV-200']);
      expect((await t.admin.get(`${URL}?kind=desktop`)).body).toMatchObject({ items: [], total: 0 });
    });

    it('searches name, inventory number and serial number', async () => {
      expect(inv(await t.admin.get(`${URL}?q=ALPHA`))).toEqual(['INV-100']);
      expect(inv(await t.admin.get(`${URL}?q=inv-2`))).toEqual(['INV-200']);
      expect(inv(await t.admin.get(`${URL}?q=abc`))).toEqual(['INV-300']);
      expect(inv(await t.admin.get(`${URL}?q=a&kind=laptop&sort=inventoryNumber`))).toEqual([
        'INV-200',
        'INV-300',
      ]);
      expect((await t.admin.get(`${URL}?q=_`)).body.total).toBe(0);
    });

    it('refuses bad filters with 400', async () => {
      const res = expectError(
        await t.admin.get(`${URL}?kind=tablet&status=lost&ownerPersonId=1&orgUnitId=a&locationId=b`),
        400,
        'VALIDATION_FAILED',
      );
      expect(Object.keys(res.details).sort()).toEqual([
        'kind',
        'locationId',
        'orgUnitId',
        'ownerPersonId',
        'status',
      ]);
      expectError(await t.admin.get(`${URL}?sort=serialNumber`), 400, 'VALIDATION_FAILED');
    });
  });

  it('refuses a duplicate inventory number, ignoring case, with 409 naming it', async () => {
    const first = await asset({ inventoryNumber: 'INV-DUP' });
    const before = await count();
    for (const inventoryNumber of ['INV-DUP ', 'inv-dup']) {
      const body = expectError(
        await t.admin.post(URL).send({ name: 'Copy', inventoryNumber }),
        409,
        'DUPLICATE',
      );
      expect(body.details).toEqual({ fields: ['inventoryNumber'] });
    }
    expect(await count()).toBe(before);

    const other = await asset({});
    expectError(
      await t.admin.patch(`${URL}/${other.id}`).send({ inventoryNumber: 'Inv-Dup' }),
      409,
      'DUPLICATE',
    );
    expect((await t.admin.get(`${URL}/${first.id}`)).status).toBe(200);
  });

  it('refuses unknown owners, org units and locations with 400 UNKNOWN_REFERENCE', async () => {
    const before = await count();
    for (const field of ['ownerPersonId', 'orgUnitId', 'locationId']) {
      const body = expectError(
        await t.admin
          .post(URL)
          .send({ name: 'Ghost', inventoryNumber: `INV-G-${field}`, [field]: UNKNOWN_ID }),
        400,
        'UNKNOWN_REFERENCE',
      );
      expect(Object.keys(body.details)).toEqual([field]);
    }
    expect(await count()).toBe(before);

    const a = await asset({ ownerPersonId: ownerId });
    expectError(
      await t.admin.patch(`${URL}/${a.id}`).send({ ownerPersonId: UNKNOWN_ID }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect((await t.admin.get(`${URL}/${a.id}`)).body.ownerPersonId).toBe(ownerId);
  });

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const before = await count();
    const res = expectError(
      await t.admin.post(URL).send({
        name: '',
        serialNumber: 5,
        kind: 'tablet',
        status: 'lost',
        orgUnitId: 'x',
        locationId: 'y',
        ownerPersonId: 'z',
        color: 'grey',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.details).sort()).toEqual([
      'color',
      'inventoryNumber',
      'kind',
      'locationId',
      'name',
      'orgUnitId',
      'ownerPersonId',
      'serialNumber',
      'status',
    ]);
    expectError(
      await t.admin.post(URL).send({ name: 'A', inventoryNumber: '   ' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.admin.post(URL).send({ name: 'A', inventoryNumber: 'x'.repeat(101) }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await count()).toBe(before);

    const a = await asset({ name: 'Keep', kind: 'desktop' });
    const nulled = expectError(
      await t.admin
        .patch(`${URL}/${a.id}`)
        .send({ name: null, inventoryNumber: null, kind: null, status: null }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(nulled.details).sort()).toEqual(['inventoryNumber', 'kind', 'name', 'status']);
    expect((await t.admin.get(`${URL}/${a.id}`)).body).toMatchObject({
      name: 'Keep',
      kind: 'desktop',
      status: 'in_use',
    });

    expectError(await t.admin.get(`${URL}/not-a-uuid`), 400, 'INVALID_ID');
    expectError(await t.admin.patch(`${URL}/not-a-uuid`).send({}), 400, 'INVALID_ID');
    expectError(await t.admin.delete(`${URL}/not-a-uuid`), 400, 'INVALID_ID');
  });

  it('answers 404 for an unknown id', async () => {
    expectError(await t.admin.get(`${URL}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`${URL}/${UNKNOWN_ID}`).send({ status: 'retired' }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`${URL}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
  });

  it('needs a token; reading needs assets:read, writing assets:write', async () => {
    const a = await asset({ name: 'Guarded', orgUnitId: unitId }); // in the head's unit: a head sees only their subtree
    expectError(await t.http.get(URL), 401);
    expectError(await t.http.get(`${URL}/${a.id}`), 401);
    expectError(await t.http.post(URL).send({ name: 'Anon', inventoryNumber: 'INV-ANON' }), 401);

    for (const api of [await t.as('finance'), await t.as('department_head', unitId)]) {
      expect((await api.get(URL)).status).toBe(200);
      expect((await api.get(`${URL}/${a.id}`)).status).toBe(200);
      expectError(await api.post(URL).send({ name: 'No', inventoryNumber: 'INV-NO' }), 403);
      expectError(await api.patch(`${URL}/${a.id}`).send({ status: 'retired' }), 403);
      expectError(await api.delete(`${URL}/${a.id}`), 403);
    }
    expect((await t.admin.get(`${URL}/${a.id}`)).body.status).toBe('in_use');
    const manager = await t.as('asset_manager');
    await manager.delete(`${URL}/${a.id}`).expect(204);
  });
});
