import { createTestApp, expectError, TestApp } from './helpers/test-app';

const URL = '/api/v1/software';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('software', () => {
  let t: TestApp;
  let publisherId: string;
  let otherPublisherId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const org = (name: string) =>
      t.admin.post('/api/v1/organizations').send({ name, kind: 'manufacturer' }).expect(201);
    publisherId = (await org('Microsoft')).body.id;
    otherPublisherId = (await org('Adobe')).body.id;
  });
  afterAll(() => t.close());

  const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM software'))[0].n);

  it('creates, reads, updates and deletes; trims text and clears nullable fields with null', async () => {
    const created = await t.admin.post(URL).send({ name: '  Visio  ', publisherId, version: ' 2021 ' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Visio',
      publisherId,
      version: '2021',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;
    expect((await t.admin.get(`${URL}/${id}`)).body).toEqual(created.body);

    const updated = await t.admin.patch(`${URL}/${id}`).send({ version: null, publisherId: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Visio', version: null, publisherId: null });
    // A blank optional text means "none".
    const blank = await t.admin.patch(`${URL}/${id}`).send({ version: '   ' });
    expect(blank.body.version).toBeNull();

    expect((await t.admin.delete(`${URL}/${id}`)).status).toBe(204);
    expectError(await t.admin.get(`${URL}/${id}`), 404, 'NOT_FOUND');
  });

  it('lists with paging, sorting, search and the publisher filter', async () => {
    for (const [name, version, publisher] of [
      ['Word', '2019', publisherId],
      ['Excel', '2021', publisherId],
      ['Photoshop', 'CC', otherPublisherId],
      ['Notepad++', null, null],
    ]) {
      await t.admin.post(URL).send({ name, version, publisherId: publisher }).expect(201);
    }
    const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((s) => s.name);

    const first = await t.admin.get(`${URL}?pageSize=3`);
    expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(names(first)).toEqual(['Excel', 'Notepad++', 'Photoshop']);
    expect(names(await t.admin.get(`${URL}?pageSize=3&page=2`))).toEqual(['Word']);
    expect(names(await t.admin.get(`${URL}?sort=-name`))).toEqual([
      'Word',
      'Photoshop',
      'Notepad++',
      'Excel',
    ]);
    // nulls last either way
    expect(names(await t.admin.get(`${URL}?sort=version`))).toEqual([
      'Word',
      'Excel',
      'Photoshop',
      'Notepad++',
    ]);
    expect(names(await t.admin.get(`${URL}?sort=createdAt`))).toEqual([
      'Word',
      'Excel',
      'Photoshop',
      'Notepad++',
    ]);

    const byPublisher = await t.admin.get(`${URL}?publisherId=${publisherId}`);
    expect(names(byPublisher)).toEqual(['Excel', 'Word']);
    expect(byPublisher.body.total).toBe(2);
    // q looks into the name and the version, case-insensitively
    expect(names(await t.admin.get(`${URL}?q=PHOTO`))).toEqual(['Photoshop']);
    expect(names(await t.admin.get(`${URL}?q=2019`))).toEqual(['Word']);
    expect(names(await t.admin.get(`${URL}?q=%2B%2B`))).toEqual(['Notepad++']);
    expect((await t.admin.get(`${URL}?q=_`)).body.total).toBe(0);
  });

  it('refuses a duplicate name and version, case-insensitively, with 409 naming both fields', async () => {
    await t.admin.post(URL).send({ name: 'Acrobat', version: 'DC' }).expect(201);
    const dup = expectError(
      await t.admin.post(URL).send({ name: 'ACROBAT', version: 'DC' }),
      409,
      'DUPLICATE',
    );
    expect(dup.details).toEqual({ fields: ['name', 'version'] });
    // another version is another product
    const v2 = await t.admin.post(URL).send({ name: 'Acrobat', version: '2020' }).expect(201);
    expectError(await t.admin.patch(`${URL}/${v2.body.id}`).send({ version: 'DC' }), 409, 'DUPLICATE');
    expect((await t.admin.get(`${URL}/${v2.body.id}`)).body.version).toBe('2020');

    // no version counts as one version: a second unversioned "7-Zip" is a duplicate
    await t.admin.post(URL).send({ name: '7-Zip' }).expect(201);
    expectError(await t.admin.post(URL).send({ name: '7-zip', version: '' }), 409, 'DUPLICATE');
  });

  it('refuses an unknown publisher with 400 UNKNOWN_REFERENCE and writes nothing', async () => {
    const before = await count();
    const res = expectError(
      await t.admin.post(URL).send({ name: 'Ghost', publisherId: UNKNOWN_ID }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(res.details)).toEqual(['publisherId']);
    expect(await count()).toBe(before);

    const sw = (await t.admin.post(URL).send({ name: 'Real' }).expect(201)).body;
    expectError(
      await t.admin.patch(`${URL}/${sw.id}`).send({ publisherId: UNKNOWN_ID }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect((await t.admin.get(`${URL}/${sw.id}`)).body.publisherId).toBeNull();
  });

  it('refuses bad input with 400 naming each field', async () => {
    const before = await count();
    const res = expectError(
      await t.admin.post(URL).send({ name: '   ', publisherId: 'nope', version: 5, extra: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(res.details).sort()).toEqual(['extra', 'name', 'publisherId', 'version']);
    expectError(await t.admin.post(URL).send({}), 400, 'VALIDATION_FAILED');
    expectError(await t.admin.post(URL).send({ name: 'x'.repeat(201) }), 400, 'VALIDATION_FAILED');
    expectError(await t.admin.post(URL).send({ name: 'Nul\u0000Byte' }), 400, 'VALIDATION_FAILED');
    expect(await count()).toBe(before);

    const sw = (await t.admin.post(URL).send({ name: 'Keeper' }).expect(201)).body;
    const nulled = expectError(
      await t.admin.patch(`${URL}/${sw.id}`).send({ name: null }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(nulled.details)).toEqual(['name']);
    expect((await t.admin.get(`${URL}/${sw.id}`)).body.name).toBe('Keeper');

    expectError(await t.admin.get(`${URL}?publisherId=nope`), 400, 'VALIDATION_FAILED');
    expectError(await t.admin.get(`${URL}?sort=publisher`), 400);
    expectError(await t.admin.get(`${URL}/not-a-uuid`), 400, 'INVALID_ID');
    expectError(await t.admin.patch(`${URL}/not-a-uuid`).send({}), 400, 'INVALID_ID');
    expectError(await t.admin.delete(`${URL}/not-a-uuid`), 400, 'INVALID_ID');
  });

  it('answers 404 for an unknown id', async () => {
    expectError(await t.admin.get(`${URL}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`${URL}/${UNKNOWN_ID}`).send({ name: 'X' }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`${URL}/${UNKNOWN_ID}`), 404, 'NOT_FOUND');
  });

  it('answers 409 IN_USE when deleting software a license points to, and 409 for its publisher', async () => {
    const sw = (await t.admin.post(URL).send({ name: 'Licensed', publisherId }).expect(201)).body;
    await t.dataSource.query(
      `INSERT INTO licenses (name, software_id, metric, quantity) VALUES ('L1', $1, 'per_user', 1)`,
      [sw.id],
    );
    expectError(await t.admin.delete(`${URL}/${sw.id}`), 409, 'IN_USE');
    expect((await t.admin.get(`${URL}/${sw.id}`)).status).toBe(200);
    expectError(await t.admin.delete(`/api/v1/organizations/${publisherId}`), 409, 'IN_USE');
  });

  it('needs a token; reading needs catalogs:read, writing catalogs:write', async () => {
    const sw = (await t.admin.post(URL).send({ name: 'Guarded' }).expect(201)).body;
    expectError(await t.http.get(URL), 401);
    expectError(await t.http.get(`${URL}/${sw.id}`), 401);
    expectError(await t.http.post(URL).send({ name: 'Anon' }), 401);

    const [{ id: unitId }] = await t.dataSource.query(
      `INSERT INTO org_units (name, code) VALUES ('Sales', 'SALES') RETURNING id`,
    );
    for (const api of [await t.as('finance'), await t.as('department_head', unitId)]) {
      expect((await api.get(URL)).status).toBe(200);
      expect((await api.get(`${URL}/${sw.id}`)).status).toBe(200);
      expectError(await api.post(URL).send({ name: 'Nope' }), 403);
      expectError(await api.patch(`${URL}/${sw.id}`).send({ name: 'Nope' }), 403);
      expectError(await api.delete(`${URL}/${sw.id}`), 403);
    }
    const manager = await t.as('asset_manager');
    await manager.patch(`${URL}/${sw.id}`).send({ version: '1.0' }).expect(200);
    expect((await t.admin.get(`${URL}/${sw.id}`)).body).toMatchObject({ name: 'Guarded', version: '1.0' });
  });
});
