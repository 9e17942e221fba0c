import { createTestApp, expectError, TestApp } from './helpers/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Today in UTC as the app counts it, shifted by whole days. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function insert(t: TestApp, sql: string, params: unknown[]): Promise<string> {
  const [{ id }] = await t.dataSource.query(`${sql} RETURNING id`, params);
  return id;
}

async function references(t: TestApp, tag: string) {
  const org = async (kind: string) =>
    (
      await t.admin
        .post('/api/v1/organizations')
        .send({ name: `${tag} ${kind}`, kind })
        .expect(201)
    ).body.id as string;
  return {
    organizationId: await org('internal'),
    supplierId: await org('supplier'),
    orgUnitId: await insert(t, 'INSERT INTO org_units (name, code) VALUES ($1, $2)', [
      `${tag} IT`,
      `${tag}-IT`,
    ]),
    locationStructureId: await insert(t, 'INSERT INTO locations (name) VALUES ($1)', [`${tag} Berlin`]),
    locationId: await insert(t, 'INSERT INTO locations (name) VALUES ($1)', [`${tag} Server room`]),
    softwareId: await insert(t, 'INSERT INTO software (name) VALUES ($1)', [`${tag} Office`]),
    categoryId: await insert(t, 'INSERT INTO license_categories (name) VALUES ($1)', [`${tag} Volume`]),
  };
}

const count = async (t: TestApp) =>
  Number((await t.dataSource.query('SELECT count(*) AS n FROM licenses'))[0].n);

describe('licenses', () => {
  let t: TestApp;
  let refs: Awaited<ReturnType<typeof references>>;
  let names = 0;
  const minimal = (over: Record<string, unknown> = {}) => ({
    name: `License ${++names}`,
    metric: 'per_user',
    quantity: 10,
    ...over,
  });
  const create = async (over: Record<string, unknown> = {}) =>
    (await t.admin.post('/api/v1/licenses').send(minimal(over)).expect(201)).body;

  beforeAll(async () => {
    t = await createTestApp();
    refs = await references(t, 'Ref');
  });
  afterAll(() => t.close());

  it('creates a license with all 23 fields and reads it back exactly', async () => {
    const body = {
      ...refs,
      name: '  Office 2024 Volume  ',
      serialNumber: 'SN-0001',
      inventoryNumber: 'INV-42',
      expirationDate: '2099-12-31',
      supportDate: '2099-06-30',
      purchaseDate: '2025-01-15',
      invoiceNumber: 'RE-2025-001',
      currency: 'USD',
      netUnitPrice: '99.99',
      vatRate: '19',
      metric: 'per_device',
      quantity: 25,
      maxActivationsPerUser: 3,
      maxActivations: 50,
      maxDeviceResets: 4,
      notes: 'Bought with the laptops.',
    };
    expect(Object.keys(body)).toHaveLength(23);
    const created = await t.admin.post('/api/v1/licenses').send(body);
    expect(created.status).toBe(201);
    const expected = {
      ...body,
      name: 'Office 2024 Volume',
      id: expect.any(String),
      grossUnitPrice: '118.99',
      usedSeats: 0,
      availableSeats: 25,
      activeDevices: 0,
      deviceResets: 0,
      status: 'active',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    };
    expect(created.body).toEqual(expected);
    const read = await t.admin.get(`/api/v1/licenses/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...expected, id: created.body.id });
  });

  it('fills defaults and normalises money in answers', async () => {
    const plain = await create();
    expect(plain).toMatchObject({
      currency: 'EUR',
      netUnitPrice: '0.00',
      vatRate: '0',
      grossUnitPrice: '0.00',
      maxActivationsPerUser: 1,
      maxActivations: null,
      maxDeviceResets: null,
      categoryId: null,
      expirationDate: null,
      notes: null,
      status: 'active',
      usedSeats: 0,
      availableSeats: 10,
    });
    const priced = await create({ netUnitPrice: '1234.5', vatRate: '7.70', quantity: 0 });
    expect(priced).toMatchObject({ netUnitPrice: '1234.50', vatRate: '7.7', grossUnitPrice: '1329.56' });
    expect(priced.availableSeats).toBe(0);
    const [row] = await t.dataSource.query('SELECT net_unit_price, vat_rate FROM licenses WHERE id = $1', [
      priced.id,
    ]);
    expect(row).toEqual({ net_unit_price: '1234.50', vat_rate: '7.70' });
  });

  it('refuses bad money with 400: three decimals, VAT above 100, JSON numbers, negatives', async () => {
    const before = await count(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ netUnitPrice: '0.125' }, 'netUnitPrice'],
      [{ netUnitPrice: '-1.00' }, 'netUnitPrice'],
      [{ netUnitPrice: '1e3' }, 'netUnitPrice'],
      [{ vatRate: '100.01' }, 'vatRate'],
      [{ vatRate: '-1' }, 'vatRate'],
      [{ vatRate: 19 }, 'vatRate'],
    ];
    for (const [over, field] of cases) {
      const res = expectError(
        await t.admin.post('/api/v1/licenses').send(minimal(over)),
        400,
        'VALIDATION_FAILED',
      );
      expect(Object.keys(res.details)).toEqual([field]);
    }
    const numeric = expectError(
      await t.admin.post('/api/v1/licenses').send(minimal({ netUnitPrice: 12.5 })),
      400,
    );
    expect(numeric.details.netUnitPrice).toEqual([expect.stringMatching(/string.*not a JSON number/)]);
    expect(await count(t)).toBe(before);
    expect(
      (await t.admin.post('/api/v1/licenses').send(minimal({ vatRate: '100', netUnitPrice: '0.01' }))).body,
    ).toMatchObject({ vatRate: '100', grossUnitPrice: '0.02' });
  });

  it('refuses bad input with 400 naming each field, and writes nothing', async () => {
    const before = await count(t);
    const res = expectError(
      await t.admin.post('/api/v1/licenses').send({
        name: 'Bad one',
        metric: 'per_galaxy',
        quantity: -1,
        expirationDate: '2026-02-30',
        currency: 'eur',
        extra: true,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.details).sort()).toEqual([
      'currency',
      'expirationDate',
      'extra',
      'metric',
      'quantity',
    ]);
    expect(res.details.extra).toEqual(['is not a known field']);

    const more = expectError(
      await t.admin.post('/api/v1/licenses').send({
        name: '   ',
        quantity: '5',
        supportDate: '2026-01-01T00:00:00Z',
        purchaseDate: '01.02.2026',
        maxActivationsPerUser: 0,
        maxActivations: 1.5,
        maxDeviceResets: -1,
        currency: null,
        categoryId: 'not-a-uuid',
        serialNumber: 'x'.repeat(201),
        notes: 'nul\u0000byte',
      }),
      400,
    );
    expect(Object.keys(more.details).sort()).toEqual(
      [
        'name',
        'metric',
        'quantity',
        'supportDate',
        'purchaseDate',
        'maxActivationsPerUser',
        'maxActivations',
        'maxDeviceResets',
        'currency',
        'categoryId',
        'serialNumber',
        'notes',
      ].sort(),
    );
    expectError(await t.admin.post('/api/v1/licenses').send(minimal({ quantity: 1_000_001 })), 400);
    // each field names its first problem only: not a whole number, rather than every rule besides
    const wrongType = expectError(
      await t.admin.post('/api/v1/licenses').send(minimal({ quantity: 'a', maxActivations: 'b', name: 7 })),
      400,
    );
    expect(wrongType.details).toEqual({
      quantity: ['quantity must be an integer number'],
      maxActivations: ['maxActivations must be an integer number'],
      name: ['name must be a string'],
    });
    expectError(await t.admin.post('/api/v1/licenses').send(minimal({ purchaseDate: '0000-01-01' })), 400);
    expectError(await t.admin.post('/api/v1/licenses').send(minimal({ name: 'n'.repeat(201) })), 400);
    expect(await count(t)).toBe(before);
  });

  it('answers 409 DUPLICATE on a taken name, ignoring case, on create and on rename', async () => {
    await create({ name: 'Unique Suite' });
    for (const name of [' Unique Suite ', 'UNIQUE suite']) {
      const dup = expectError(
        await t.admin.post('/api/v1/licenses').send(minimal({ name })),
        409,
        'DUPLICATE',
      );
      expect(dup.details).toEqual({ fields: ['name'] });
    }
    const other = await create();
    expectError(
      await t.admin.patch(`/api/v1/licenses/${other.id}`).send({ name: 'unique suite' }),
      409,
      'DUPLICATE',
    );
    expect((await t.admin.get(`/api/v1/licenses/${other.id}`)).body.name).toBe(other.name);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM licenses WHERE lower(name) = 'unique suite'`,
    );
    expect(n).toBe(1);
  });

  it('answers 400 UNKNOWN_REFERENCE for ids that do not exist', async () => {
    const before = await count(t);
    for (const field of ['categoryId', 'supplierId', 'locationStructureId']) {
      const res = expectError(
        await t.admin.post('/api/v1/licenses').send(minimal({ [field]: UNKNOWN })),
        400,
        'UNKNOWN_REFERENCE',
      );
      expect(Object.keys(res.details)).toEqual([field]);
    }
    expect(await count(t)).toBe(before);
    const license = await create();
    const res = expectError(
      await t.admin.patch(`/api/v1/licenses/${license.id}`).send({ orgUnitId: UNKNOWN }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(res.details)).toEqual(['orgUnitId']);
    expect((await t.admin.get(`/api/v1/licenses/${license.id}`)).body.orgUnitId).toBeNull();
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expectError(await t.admin.get(`/api/v1/licenses/${UNKNOWN}`), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`/api/v1/licenses/${UNKNOWN}`).send({ quantity: 1 }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`/api/v1/licenses/${UNKNOWN}`), 404, 'NOT_FOUND');
    expectError(await t.admin.get('/api/v1/licenses/42'), 400, 'INVALID_ID');
  });

  it('updates fields, clears nullable ones with null and refuses null for required ones', async () => {
    const license = await create({ ...refs, serialNumber: 'SN-1', expirationDate: day(-1) });
    expect(license.status).toBe('expired');
    const updated = await t.admin
      .patch(`/api/v1/licenses/${license.id}`)
      .send({ quantity: 40, serialNumber: null, softwareId: null, expirationDate: day(5), vatRate: '7.7' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      quantity: 40,
      availableSeats: 40,
      serialNumber: null,
      softwareId: null,
      categoryId: refs.categoryId,
      expirationDate: day(5),
      status: 'expiring',
      vatRate: '7.7',
    });
    expect(new Date(updated.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(license.updatedAt).getTime(),
    );
    expect((await t.admin.get(`/api/v1/licenses/${license.id}`)).body).toEqual(updated.body);

    const res = expectError(
      await t.admin
        .patch(`/api/v1/licenses/${license.id}`)
        .send({ name: null, quantity: null, netUnitPrice: null }),
      400,
    );
    expect(Object.keys(res.details).sort()).toEqual(['name', 'netUnitPrice', 'quantity']);
    expect((await t.admin.patch(`/api/v1/licenses/${license.id}`).send({})).body).toEqual(updated.body);
  });

  it('deletes a license', async () => {
    const license = await create();
    expect((await t.admin.delete(`/api/v1/licenses/${license.id}`)).status).toBe(204);
    expectError(await t.admin.get(`/api/v1/licenses/${license.id}`), 404);
    expectError(await t.admin.delete(`/api/v1/licenses/${license.id}`), 404);
  });

  it('lets finance change only the financial fields', async () => {
    const license = await create({ netUnitPrice: '10.00', vatRate: '19' });
    const finance = await t.as('finance');
    const ok = await finance.patch(`/api/v1/licenses/${license.id}`).send({
      netUnitPrice: '12.50',
      vatRate: '7',
      currency: 'CHF',
      purchaseDate: '2025-03-01',
      invoiceNumber: 'INV-9',
      supplierId: refs.supplierId,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      netUnitPrice: '12.50',
      grossUnitPrice: '13.38',
      currency: 'CHF',
      supplierId: refs.supplierId,
    });

    const refused = expectError(
      await finance
        .patch(`/api/v1/licenses/${license.id}`)
        .send({ name: 'Renamed', quantity: 99, netUnitPrice: '1.00' }),
      403,
      'FORBIDDEN',
    );
    expect(refused.details).toEqual({ fields: ['name', 'quantity'] });
    expect(refused.message).toMatch(/may change only .*purchaseDate.*; not: name, quantity\.$/);
    const after = (await t.admin.get(`/api/v1/licenses/${license.id}`)).body;
    expect(after).toMatchObject({ name: license.name, quantity: 10, netUnitPrice: '12.50' });

    expectError(await finance.post('/api/v1/licenses').send(minimal()), 403);
    expectError(await finance.delete(`/api/v1/licenses/${license.id}`), 403);
    expect((await finance.get(`/api/v1/licenses/${license.id}`)).status).toBe(200);
  });

  it('lets an asset manager write, and a department head only read', async () => {
    const manager = await t.as('asset_manager');
    const license = (await manager.post('/api/v1/licenses').send(minimal()).expect(201)).body;
    await manager
      .patch(`/api/v1/licenses/${license.id}`)
      .send({ name: `${license.name} v2` })
      .expect(200);

    const head = await t.as('department_head', refs.orgUnitId);
    const before = await count(t);
    expectError(await head.post('/api/v1/licenses').send(minimal()), 403, 'FORBIDDEN');
    expect(await count(t)).toBe(before);
    expectError(await head.patch(`/api/v1/licenses/${license.id}`).send({ netUnitPrice: '1.00' }), 403);
    expectError(await head.delete(`/api/v1/licenses/${license.id}`), 403);
    expect((await head.get('/api/v1/licenses')).status).toBe(200);
    expect((await head.get(`/api/v1/licenses/${license.id}`)).body.name).toBe(`${license.name} v2`);
  });

  it('answers the devices in use and the resets used, as the seats module counts them', async () => {
    const license = await create({ maxDeviceResets: 3 });
    const person = await t.admin
      .post('/api/v1/persons')
      .send({ firstName: 'Dev', lastName: 'Counter', email: 'dev.counter@example.com' })
      .expect(201);
    const asset = await t.admin
      .post('/api/v1/assets')
      .send({ name: 'PC counter', inventoryNumber: 'INV-COUNTER-1' })
      .expect(201);
    const url = `/api/v1/licenses/${license.id}`;
    await t.admin
      .post(`${url}/persons`)
      .send({ personIds: [person.body.id] })
      .expect(201);
    await t.admin
      .post(`${url}/persons/${person.body.id}/devices`)
      .send({ assetId: asset.body.id })
      .expect(201);
    expect((await t.admin.get(url)).body).toMatchObject({ activeDevices: 1, deviceResets: 0, usedSeats: 1 });
    await t.admin.post(`${url}/persons/${person.body.id}/devices/${asset.body.id}/reset`).expect(200);
    expect((await t.admin.get(url)).body).toMatchObject({ activeDevices: 0, deviceResets: 1 });
    const listed = (await t.admin.get(`/api/v1/licenses?q=${encodeURIComponent(license.name)}`)).body.items;
    expect(listed).toEqual([expect.objectContaining({ id: license.id, activeDevices: 0, deviceResets: 1 })]);
  });

  it('needs a token', async () => {
    const license = await create();
    expectError(await t.http.get('/api/v1/licenses'), 401);
    expectError(await t.http.get(`/api/v1/licenses/${license.id}`), 401);
    expectError(await t.http.post('/api/v1/licenses').send(minimal()), 401);
    expectError(await t.http.patch(`/api/v1/licenses/${license.id}`).send({ quantity: 1 }), 401);
    expectError(await t.http.delete(`/api/v1/licenses/${license.id}`), 401);
    expectError(await t.http.get('/api/v1/licenses').set('Authorization', 'Bearer nonsense'), 401);
  });
});

describe('license list', () => {
  let t: TestApp;
  let a: Awaited<ReturnType<typeof references>>;
  let b: Awaited<ReturnType<typeof references>>;
  const names = async (query: string) => {
    const res = await t.admin.get(`/api/v1/licenses?${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((l: { name: string }) => l.name);
  };

  beforeAll(async () => {
    t = await createTestApp();
    a = await references(t, 'A');
    b = await references(t, 'B');
    const rows: Array<Record<string, unknown>> = [
      {
        ...a,
        name: 'Alpha',
        metric: 'per_user',
        quantity: 5,
        netUnitPrice: '100.00',
        expirationDate: day(-1),
        purchaseDate: '2025-01-01',
        serialNumber: 'SER-ALPHA',
      },
      {
        ...b,
        name: 'Bravo',
        metric: 'per_device',
        quantity: 50,
        netUnitPrice: '9.00',
        vatRate: '19',
        currency: 'USD',
        expirationDate: day(0),
        invoiceNumber: 'RE-777',
      },
      {
        name: 'Charlie',
        metric: 'per_user',
        quantity: 1,
        netUnitPrice: '10.00',
        expirationDate: day(30),
        inventoryNumber: 'INV-C',
      },
      {
        name: 'Delta',
        metric: 'per_device',
        quantity: 20,
        netUnitPrice: '0.50',
        expirationDate: day(31),
        notes: 'renew via reseller 50%',
      },
      { name: 'Echo', metric: 'per_user', quantity: 7, supportDate: '2030-01-01' },
      { name: 'Foxtrot', metric: 'per_user', quantity: 3, expirationDate: day(10) },
    ];
    const ids: Record<string, string> = {};
    for (const row of rows) {
      ids[row.name as string] = (await t.admin.post('/api/v1/licenses').send(row).expect(201)).body.id;
    }
    // seats in use: Alpha 3 of 5, Foxtrot 2 of 3, Charlie 1 of 1
    for (const [name, held] of [
      ['Alpha', 3],
      ['Foxtrot', 2],
      ['Charlie', 1],
    ] as const) {
      const personIds: string[] = [];
      for (let i = 0; i < held; i++) {
        const person = await t.admin
          .post('/api/v1/persons')
          .send({
            firstName: name,
            lastName: `${i}`,
            email: `${name}.${i}@example.com`,
            orgUnitId: a.orgUnitId,
          })
          .expect(201);
        personIds.push(person.body.id);
      }
      await t.admin.post(`/api/v1/licenses/${ids[name]}/persons`).send({ personIds }).expect(201);
    }
  });
  afterAll(() => t.close());

  it('sorts by name by default, pages, and sorts by other fields both ways', async () => {
    const first = await t.admin.get('/api/v1/licenses?pageSize=4');
    expect(first.body).toMatchObject({ total: 6, page: 1, pageSize: 4 });
    expect(first.body.items.map((l: { name: string }) => l.name)).toEqual([
      'Alpha',
      'Bravo',
      'Charlie',
      'Delta',
    ]);
    expect(await names('pageSize=4&page=2')).toEqual(['Echo', 'Foxtrot']);
    expect(await names('pageSize=4&page=3')).toEqual([]);
    // numeric, not text order: 100.00 > 10.00 > 9.00 (Echo and Foxtrot tie at 0.00)
    expect((await names('sort=-netUnitPrice')).slice(0, 4)).toEqual(['Alpha', 'Charlie', 'Bravo', 'Delta']);
    expect((await names('sort=netUnitPrice')).slice(2)).toEqual(['Delta', 'Bravo', 'Charlie', 'Alpha']);
    expect(await names('sort=quantity')).toEqual(['Charlie', 'Foxtrot', 'Alpha', 'Echo', 'Delta', 'Bravo']);
    expect(await names('sort=-name')).toEqual(['Foxtrot', 'Echo', 'Delta', 'Charlie', 'Bravo', 'Alpha']);
    // no date sorts last either way
    expect(await names('sort=expirationDate')).toEqual([
      'Alpha',
      'Bravo',
      'Foxtrot',
      'Charlie',
      'Delta',
      'Echo',
    ]);
    expect((await names('sort=-purchaseDate'))[0]).toBe('Alpha');
    expect((await names('sort=supportDate'))[0]).toBe('Echo');
    expect(await names('sort=createdAt')).toHaveLength(6);
    expect(await names('sort=-updatedAt')).toHaveLength(6);
  });

  it('sorts by metric, currency, seats, gross price and status', async () => {
    expect((await names('sort=metric')).slice(0, 2).sort()).toEqual(['Bravo', 'Delta']);
    expect((await names('sort=-currency'))[0]).toBe('Bravo');
    // used 3, 2, 1, then the three without seats
    expect((await names('sort=-usedSeats')).slice(0, 3)).toEqual(['Alpha', 'Foxtrot', 'Charlie']);
    expect((await names('sort=usedSeats')).slice(3)).toEqual(['Charlie', 'Foxtrot', 'Alpha']);
    // available 0, 1, 2, 7, 20, 50
    expect(await names('sort=availableSeats')).toEqual([
      'Charlie',
      'Foxtrot',
      'Alpha',
      'Echo',
      'Delta',
      'Bravo',
    ]);
    // gross, not net: Bravo's 9.00 + 19 % VAT = 10.71 passes Charlie's 10.00
    expect((await names('sort=grossUnitPrice')).slice(2)).toEqual(['Delta', 'Charlie', 'Bravo', 'Alpha']);
    expect((await names('sort=-grossUnitPrice')).slice(0, 4)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    // the most urgent first: expired, expiring (soonest first), active (no date last)
    const byStatus = (await t.admin.get('/api/v1/licenses?sort=status')).body.items;
    expect(byStatus.map((l: { name: string; status: string }) => `${l.status} ${l.name}`)).toEqual([
      'expired Alpha',
      'expiring Bravo',
      'expiring Foxtrot',
      'expiring Charlie',
      'active Delta',
      'active Echo',
    ]);
    expect(await names('sort=-status')).toEqual(['Echo', 'Delta', 'Charlie', 'Foxtrot', 'Bravo', 'Alpha']);
    const refused = expectError(await t.admin.get('/api/v1/licenses?sort=seats'), 400);
    expect(refused.details.sort).toEqual([
      expect.stringContaining('usedSeats, availableSeats, grossUnitPrice, status'),
    ]);
  });

  it('filters by each reference, metric and currency', async () => {
    for (const field of [
      'softwareId',
      'categoryId',
      'organizationId',
      'orgUnitId',
      'supplierId',
      'locationId',
      'locationStructureId',
    ] as const) {
      expect(await names(`${field}=${a[field]}`)).toEqual(['Alpha']);
      expect(await names(`${field}=${b[field]}`)).toEqual(['Bravo']);
    }
    expect(await names('metric=per_device')).toEqual(['Bravo', 'Delta']);
    expect(await names('metric=per_user')).toEqual(['Alpha', 'Charlie', 'Echo', 'Foxtrot']);
    expect(await names('currency=USD')).toEqual(['Bravo']);
    expect(await names(`metric=per_user&orgUnitId=${b.orgUnitId}`)).toEqual([]);
  });

  it('filters by derived status and by the expiry window', async () => {
    expect(await names('status=expired')).toEqual(['Alpha']);
    expect(await names('status=expiring')).toEqual(['Bravo', 'Charlie', 'Foxtrot']);
    expect(await names('status=active')).toEqual(['Delta', 'Echo']);
    const res = await t.admin.get('/api/v1/licenses?status=expiring&pageSize=1');
    expect(res.body).toMatchObject({ total: 3, items: [{ name: 'Bravo', status: 'expiring' }] });
    const statuses = (await t.admin.get('/api/v1/licenses')).body.items.map(
      (l: { status: string }) => l.status,
    );
    expect(statuses).toEqual(['expired', 'expiring', 'expiring', 'active', 'active', 'expiring']);

    expect(await names('expiringWithinDays=10')).toEqual(['Bravo', 'Foxtrot']);
    expect(await names('expiringWithinDays=0')).toEqual(['Bravo']);
    expect(await names('expiringWithinDays=31')).toEqual(['Bravo', 'Charlie', 'Delta', 'Foxtrot']);
  });

  it('searches name, serial, inventory and invoice numbers and notes; wildcards are literal', async () => {
    expect(await names('q=alp')).toEqual(['Alpha']);
    expect(await names('q=ser-alpha')).toEqual(['Alpha']);
    expect(await names('q=INV-C')).toEqual(['Charlie']);
    expect(await names('q=re-777')).toEqual(['Bravo']);
    expect(await names('q=reseller')).toEqual(['Delta']);
    expect(await names('q=50%25')).toEqual(['Delta']);
    expect(await names('q=%25')).toEqual(['Delta']);
    expect(await names('q=zzz')).toEqual([]);
  });

  it('refuses bad list parameters with 400', async () => {
    for (const query of [
      'status=bogus',
      'expiringWithinDays=-1',
      'expiringWithinDays=abc',
      'sort=bogus',
      'sort=-notes',
      'softwareId=nope',
      'metric=per_cpu',
      'currency=usd',
      'pageSize=501',
      'unknown=1',
      'q=a%00b',
    ]) {
      expectError(await t.admin.get(`/api/v1/licenses?${query}`), 400);
    }
  });
});
