import { ConflictError, NotFoundError } from '@libs/errors';
import { LocationsService } from '../src/catalog/locations/locations.service';
import { createTestApp, expectError, TestApp } from './helpers/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const URL = '/api/v1/locations';

interface Place {
  id: string;
  name: string;
  parentId: string | null;
  children?: Place[];
}

describe('locations', () => {
  let t: TestApp;
  let service: LocationsService;

  const place = async (name: string, parentId: string | null = null): Promise<Place> => {
    const res = await t.admin.post(URL).send({ name, parentId });
    if (res.status !== 201) throw new Error(`creating ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    service = t.app.get(LocationsService);
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes, trimming the name', async () => {
    const created = await t.admin.post(URL).send({ name: '  Germany  ' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Germany',
      parentId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;
    const child = await place('Berlin', id);
    expect(child.parentId).toBe(id);

    expect((await t.admin.get(`${URL}/${id}`)).body.name).toBe('Germany');
    const updated = await t.admin.patch(`${URL}/${child.id}`).send({ name: 'Berlin-Mitte' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: child.id, name: 'Berlin-Mitte', parentId: id });
    const toTop = await t.admin.patch(`${URL}/${child.id}`).send({ parentId: null });
    expect(toTop.body).toMatchObject({ name: 'Berlin-Mitte', parentId: null });

    expect((await t.admin.delete(`${URL}/${child.id}`)).status).toBe(204);
    expect((await t.admin.delete(`${URL}/${id}`)).status).toBe(204);
    expectError(await t.admin.get(`${URL}/${id}`), 404, 'NOT_FOUND');
  });

  it('answers the nested tree with siblings sorted by name, not shadowed by /:id', async () => {
    const before = (await t.admin.get(`${URL}/tree`)).body as Place[];
    const country = await place('Tree Land');
    const siteB = await place('Site B', country.id);
    const siteA = await place('Site A', country.id);
    const room = await place('Room 1', siteB.id);

    const res = await t.admin.get(`${URL}/tree`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(before.length + 1);
    expect((res.body as Place[]).find((n) => n.id === country.id)).toEqual({
      ...country,
      children: [
        { ...siteA, children: [] },
        { ...siteB, children: [{ ...room, children: [] }] },
      ],
    });
  });

  it('refuses an unknown parent with 400 UNKNOWN_REFERENCE naming parentId', async () => {
    const body = expectError(
      await t.admin.post(URL).send({ name: 'Nowhere', parentId: UNKNOWN }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(body.details)).toEqual(['parentId']);
    const p = await place('Somewhere');
    expectError(await t.admin.patch(`${URL}/${p.id}`).send({ parentId: UNKNOWN }), 400, 'UNKNOWN_REFERENCE');
    expect((await t.admin.get(`${URL}/${p.id}`)).body.parentId).toBeNull();
    expect((await t.admin.get(`${URL}?q=Nowhere`)).body.total).toBe(0);
  });

  it('refuses moves that would make a cycle with 422 TREE_CYCLE', async () => {
    const country = await place('Cycle Land');
    const site = await place('Cycle Site', country.id);
    const room = await place('Cycle Room', site.id);

    expectError(
      await t.admin.patch(`${URL}/${country.id}`).send({ parentId: country.id }),
      422,
      'TREE_CYCLE',
    );
    expectError(await t.admin.patch(`${URL}/${country.id}`).send({ parentId: room.id }), 422, 'TREE_CYCLE');
    expectError(await t.admin.patch(`${URL}/${site.id}`).send({ parentId: room.id }), 422, 'TREE_CYCLE');
    expect((await t.admin.get(`${URL}/${country.id}`)).body.parentId).toBeNull();

    const other = await place('Cycle Other');
    expect((await t.admin.patch(`${URL}/${room.id}`).send({ parentId: other.id })).status).toBe(200);
    expect((await t.admin.patch(`${URL}/${other.id}`).send({ parentId: site.id })).status).toBe(200);
  });

  it('never lets concurrent moves build a cycle together', async () => {
    for (let round = 0; round < 5; round++) {
      const p = await place(`Race P${round}`);
      const q = await place(`Race Q${round}`, p.id);
      const r = await place(`Race R${round}`);
      const moves = await Promise.all([
        t.admin.patch(`${URL}/${p.id}`).send({ parentId: r.id }),
        t.admin.patch(`${URL}/${r.id}`).send({ parentId: q.id }),
      ]);
      expect(moves.map((m) => m.status).sort()).toEqual([200, 422]);
    }
  });

  it('answers 409 IN_USE when deleting a location with children or that others point to', async () => {
    const parent = await place('Busy Land');
    const site = await place('Busy Site', parent.id);
    const withChild = expectError(await t.admin.delete(`${URL}/${parent.id}`), 409, 'IN_USE');
    expect(withChild.details).toEqual({ referencedBy: 'location' });
    expect(withChild.message).toBe('This record is still referenced by locations.');

    await t.dataSource.query(
      `INSERT INTO persons (first_name, last_name, email, location_id) VALUES ('Ann', 'Lee', 'ann.loc@test.local', $1)`,
      [site.id],
    );
    expectError(await t.admin.delete(`${URL}/${site.id}`), 409, 'IN_USE');
    const room = await place('Busy Room');
    await t.dataSource.query(
      `INSERT INTO assets (name, inventory_number, location_id) VALUES ('pc-1', 'INV-LOC-1', $1)`,
      [room.id],
    );
    expectError(await t.admin.delete(`${URL}/${room.id}`), 409, 'IN_USE');
    for (const id of [parent.id, site.id, room.id])
      expect((await t.admin.get(`${URL}/${id}`)).status).toBe(200);
  });

  it('lists with paging, sorting, search and filters', async () => {
    const top = await place('List Zulu');
    await place('List Mike', top.id);
    await place('List Alpha', top.id);
    await place('Other Place');

    const names = (res: { body: { items: Place[] } }) => res.body.items.map((p) => p.name);
    const page1 = await t.admin.get(`${URL}?q=list&sort=-name&pageSize=2&page=1`);
    expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(names(page1)).toEqual(['List Zulu', 'List Mike']);
    expect(names(await t.admin.get(`${URL}?q=list&sort=-name&pageSize=2&page=2`))).toEqual(['List Alpha']);
    expect(names(await t.admin.get(`${URL}?q=list&sort=createdAt`))).toEqual([
      'List Zulu',
      'List Mike',
      'List Alpha',
    ]);
    expect(names(await t.admin.get(`${URL}?parentId=${top.id}`))).toEqual(['List Alpha', 'List Mike']);
    const roots = (await t.admin.get(`${URL}?parentId=root&pageSize=500`)).body.items as Place[];
    expect(roots.every((p) => p.parentId === null)).toBe(true);
    expect(roots.map((p) => p.name)).toEqual(expect.arrayContaining(['List Zulu', 'Other Place']));
    expect(roots.map((p) => p.name)).not.toContain('List Mike');

    expectError(await t.admin.get(`${URL}?sort=code`), 400);
    expectError(await t.admin.get(`${URL}?parentId=nope`), 400, 'VALIDATION_FAILED');
  });

  it('refuses bad input with 400 naming each field and changes nothing', async () => {
    const before = (await t.admin.get(URL)).body.total;
    const body = expectError(
      await t.admin.post(URL).send({ name: '', parentId: 'not-a-uuid', extra: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(body.details).sort()).toEqual(['extra', 'name', 'parentId']);
    const slash = expectError(await t.admin.post(URL).send({ name: 'Berlin/HQ' }), 400, 'VALIDATION_FAILED');
    expect(Object.keys(slash.details)).toEqual(['name']);
    expectError(await t.admin.post(URL).send({ name: 'x'.repeat(201) }), 400, 'VALIDATION_FAILED');
    expectError(await t.admin.post(URL).send({}), 400, 'VALIDATION_FAILED');
    expect((await t.admin.get(URL)).body.total).toBe(before);

    const p = await place('Valid Place');
    expectError(await t.admin.patch(`${URL}/${p.id}`).send({ name: null }), 400, 'VALIDATION_FAILED');
    expectError(await t.admin.patch(`${URL}/${p.id}`).send({ name: '  ' }), 400, 'VALIDATION_FAILED');
    expect((await t.admin.get(`${URL}/${p.id}`)).body.name).toBe('Valid Place');

    expectError(await t.admin.get(`${URL}/not-a-uuid`), 400, 'INVALID_ID');
    expectError(await t.admin.get(`${URL}/${UNKNOWN}`), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`${URL}/${UNKNOWN}`).send({ name: 'Ghost' }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`${URL}/${UNKNOWN}`), 404, 'NOT_FOUND');
  });

  it('gives the path of a location and finds a location by its path', async () => {
    const de = await place('Path Germany');
    const berlin = await place('Berlin', de.id);
    const hq = await place('HQ', berlin.id);
    const munich = await place('Munich', de.id);

    expect(await service.pathOf(hq.id)).toBe('Path Germany/Berlin/HQ');
    expect(await service.pathOf(de.id)).toBe('Path Germany');
    await expect(service.pathOf(UNKNOWN)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.pathOf('not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);

    expect((await service.findByPath('Path Germany/Berlin/HQ'))?.id).toBe(hq.id);
    expect((await service.findByPath(' path germany / berlin '))?.id).toBe(berlin.id);
    expect(await service.findByPath('Path Germany/Munich/HQ')).toBeNull();
    expect(await service.findByPath('Berlin/HQ')).toBeNull(); // paths start at the top
    expect(await service.findByPath('Path Germany//HQ')).toBeNull();
    expect(await service.findByPath('')).toBeNull();

    // a move changes the path at once
    await t.admin.patch(`${URL}/${hq.id}`).send({ parentId: munich.id }).expect(200);
    expect(await service.pathOf(hq.id)).toBe('Path Germany/Munich/HQ');
    expect((await service.findByPath('Path Germany/Munich/HQ'))?.id).toBe(hq.id);

    await place('Berlin', de.id);
    await expect(service.findByPath('Path Germany/Berlin')).rejects.toBeInstanceOf(ConflictError);
  });

  it('needs a token, and writes need catalogs:write', async () => {
    expectError(await t.http.get(URL), 401);
    expectError(await t.http.get(`${URL}/tree`), 401);
    const target = await place('Guarded Place');
    const unit = await t.admin
      .post('/api/v1/org-units')
      .send({ name: 'Loc Heads', code: 'LOC-HEADS' })
      .expect(201);
    for (const api of [await t.as('department_head', unit.body.id), await t.as('finance')]) {
      expect((await api.get(URL)).status).toBe(200);
      expect((await api.get(`${URL}/tree`)).status).toBe(200);
      expect((await api.get(`${URL}/${target.id}`)).status).toBe(200);
      expectError(await api.post(URL).send({ name: 'No' }), 403);
      expectError(await api.patch(`${URL}/${target.id}`).send({ name: 'No' }), 403);
      expectError(await api.delete(`${URL}/${target.id}`), 403);
    }
    expect((await t.admin.get(`${URL}/${target.id}`)).body.name).toBe('Guarded Place');
  });
});
