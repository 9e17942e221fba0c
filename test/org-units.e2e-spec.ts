import { OrgUnitsRepository } from '../src/catalog/org-units/org-units.repository';
import { OrgUnitsService } from '../src/catalog/org-units/org-units.service';
import { OrgUnit } from '../src/catalog/org-units/org-unit.entity';
import { createTestApp, expectError, TestApp } from './helpers/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const URL = '/api/v1/org-units';

interface Unit {
  id: string;
  name: string;
  code: string;
  parentId: string | null;
  organizationId: string | null;
  children?: Unit[];
}

describe('org-units', () => {
  let t: TestApp;
  let service: OrgUnitsService;
  let codes = 0;

  const unit = async (name: string, fields: Partial<Unit> = {}): Promise<Unit> => {
    const res = await t.admin.post(URL).send({ name, code: `U-${++codes}`, ...fields });
    if (res.status !== 201) throw new Error(`creating ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const organization = async (name: string): Promise<string> =>
    (await t.admin.post('/api/v1/organizations').send({ name, kind: 'internal' }).expect(201)).body.id;

  beforeAll(async () => {
    t = await createTestApp();
    service = t.app.get(OrgUnitsService);
  });
  afterAll(() => t.close());

  it('creates, reads, updates and deletes, trimming name and code', async () => {
    const created = await t.admin.post(URL).send({ name: '  Head Office ', code: ' HO ' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'Head Office',
      code: 'HO',
      parentId: null,
      organizationId: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const id = created.body.id;

    expect((await t.admin.get(`${URL}/${id}`)).body).toMatchObject({ name: 'Head Office', code: 'HO' });
    const updated = await t.admin.patch(`${URL}/${id}`).send({ name: 'Headquarters' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, name: 'Headquarters', code: 'HO', parentId: null });

    expect((await t.admin.delete(`${URL}/${id}`)).status).toBe(204);
    expectError(await t.admin.get(`${URL}/${id}`), 404, 'NOT_FOUND');
  });

  it('answers the nested tree with siblings sorted by name, not shadowed by /:id', async () => {
    const before = (await t.admin.get(`${URL}/tree`)).body as Unit[];
    const corp = await unit('Tree Corp');
    const sales = await unit('Sales', { parentId: corp.id });
    const finance = await unit('Finance', { parentId: corp.id });
    const teamB = await unit('Team B', { parentId: sales.id });
    const teamA = await unit('Team A', { parentId: sales.id });

    const res = await t.admin.get(`${URL}/tree`);
    expect(res.status).toBe(200);
    const root = (res.body as Unit[]).find((n) => n.id === corp.id);
    expect(res.body).toHaveLength(before.length + 1);
    expect(root).toEqual({
      ...corp,
      children: [
        { ...finance, children: [] },
        {
          ...sales,
          children: [
            { ...teamA, children: [] },
            { ...teamB, children: [] },
          ],
        },
      ],
    });
    const names = (res.body as Unit[]).map((n) => n.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('gives a child without an organization its parent’s, and keeps one given explicitly', async () => {
    const acme = await organization('Acme Tree AG');
    const other = await organization('Other Tree AG');
    const top = await unit('Acme Top', { organizationId: acme });
    expect(top.organizationId).toBe(acme);

    const inherited = await unit('Acme Child', { parentId: top.id });
    expect(inherited.organizationId).toBe(acme);
    const explicitNull = await unit('Acme Child 2', { parentId: top.id, organizationId: null });
    expect(explicitNull.organizationId).toBe(acme);
    const own = await unit('Other Child', { parentId: top.id, organizationId: other });
    expect(own.organizationId).toBe(other);
    expect((await t.admin.get(`${URL}/${inherited.id}`)).body.organizationId).toBe(acme);
  });

  it('refuses unknown parents and organizations with 400 naming the field', async () => {
    const parent = expectError(
      await t.admin.post(URL).send({ name: 'Lost', code: 'LOST-1', parentId: UNKNOWN }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(parent.details)).toEqual(['parentId']);
    const org = expectError(
      await t.admin.post(URL).send({ name: 'Lost', code: 'LOST-2', organizationId: UNKNOWN }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(org.details)).toEqual(['organizationId']);

    const u = await unit('Stays');
    const move = expectError(
      await t.admin.patch(`${URL}/${u.id}`).send({ parentId: UNKNOWN }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(move.details)).toEqual(['parentId']);
    expect((await t.admin.get(`${URL}/${u.id}`)).body.parentId).toBeNull();
    expect((await t.admin.get(`${URL}?q=LOST-`)).body.total).toBe(0);
  });

  it('answers 409 DUPLICATE naming code, on create and on update, after trimming and ignoring case', async () => {
    const first = await unit('Dup One', { code: 'DUP' });
    for (const code of [' DUP ', 'dup']) {
      const dup = expectError(await t.admin.post(URL).send({ name: 'Dup Two', code }), 409, 'DUPLICATE');
      expect(dup.details).toEqual({ fields: ['code'] });
    }
    const second = await unit('Dup Two', { code: 'DUP-2' });
    expectError(await t.admin.patch(`${URL}/${second.id}`).send({ code: 'Dup' }), 409, 'DUPLICATE');
    expect((await t.admin.get(`${URL}/${second.id}`)).body.code).toBe('DUP-2');
    expect((await t.admin.get(`${URL}/${first.id}`)).body.code).toBe('DUP');
  });

  it('moves a unit and refuses moves that would make a cycle with 422 TREE_CYCLE', async () => {
    const a = await unit('Cycle A');
    const b = await unit('Cycle B', { parentId: a.id });
    const c = await unit('Cycle C', { parentId: b.id });
    const other = await unit('Cycle Other');

    const self = expectError(
      await t.admin.patch(`${URL}/${a.id}`).send({ parentId: a.id }),
      422,
      'TREE_CYCLE',
    );
    expect(self.details).toMatchObject({ id: a.id, parentId: a.id });
    expectError(await t.admin.patch(`${URL}/${a.id}`).send({ parentId: c.id }), 422, 'TREE_CYCLE');
    expectError(
      await t.admin.patch(`${URL}/${a.id}`).send({ parentId: b.id, name: 'Renamed' }),
      422,
      'TREE_CYCLE',
    );
    expect((await t.admin.get(`${URL}/${a.id}`)).body).toMatchObject({ name: 'Cycle A', parentId: null });

    const moved = await t.admin.patch(`${URL}/${b.id}`).send({ parentId: other.id });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBe(other.id);
    // a's old descendant c is no longer below a, so a may now go under c
    expect((await t.admin.patch(`${URL}/${a.id}`).send({ parentId: c.id })).status).toBe(200);
    expectError(await t.admin.patch(`${URL}/${other.id}`).send({ parentId: a.id }), 422, 'TREE_CYCLE');

    const toTop = await t.admin.patch(`${URL}/${a.id}`).send({ parentId: null });
    expect(toTop.status).toBe(200);
    expect(toTop.body.parentId).toBeNull();
  });

  it('never lets concurrent moves build a cycle together', async () => {
    const parentOf = async (id: string) => (await t.admin.get(`${URL}/${id}`)).body.parentId;
    for (let round = 0; round < 5; round++) {
      // x under y and y under x at once: each is fine alone
      const x = await unit(`Race X${round}`);
      const y = await unit(`Race Y${round}`);
      const swaps = await Promise.all([
        t.admin.patch(`${URL}/${x.id}`).send({ parentId: y.id }),
        t.admin.patch(`${URL}/${y.id}`).send({ parentId: x.id }),
      ]);
      expect(swaps.map((r) => r.status).sort()).toEqual([200, 422]);
      expect([await parentOf(x.id), await parentOf(y.id)].filter((p) => p === null)).toHaveLength(1);

      // p > q, and r alone: p under r and r under q at once would close p > q > r > p
      const p = await unit(`Race P${round}`);
      const q = await unit(`Race Q${round}`, { parentId: p.id });
      const r = await unit(`Race R${round}`);
      const moves = await Promise.all([
        t.admin.patch(`${URL}/${p.id}`).send({ parentId: r.id }),
        t.admin.patch(`${URL}/${r.id}`).send({ parentId: q.id }),
      ]);
      expect(moves.map((m) => m.status).sort()).toEqual([200, 422]);
      expect([await parentOf(p.id), await parentOf(r.id)].filter((id) => id === null)).toHaveLength(1);
    }
  });

  it('moving a unit in the tree changes subtreeIds and isWithin at once', async () => {
    const root = await unit('Scope Root');
    const dept = await unit('Scope Dept', { parentId: root.id });
    const team = await unit('Scope Team', { parentId: dept.id });
    const outside = await unit('Scope Outside');

    expect((await service.subtreeIds(root.id)).sort()).toEqual([root.id, dept.id, team.id].sort());
    expect(await service.subtreeIds(team.id)).toEqual([team.id]);
    expect(await service.isWithin(team.id, root.id)).toBe(true);
    expect(await service.isWithin(root.id, root.id)).toBe(true);
    expect(await service.isWithin(root.id, team.id)).toBe(false);

    await t.admin.patch(`${URL}/${dept.id}`).send({ parentId: outside.id }).expect(200);
    expect(await service.subtreeIds(root.id)).toEqual([root.id]);
    expect((await service.subtreeIds(outside.id)).sort()).toEqual([outside.id, dept.id, team.id].sort());
    expect(await service.isWithin(team.id, root.id)).toBe(false);
    expect(await service.isWithin(team.id, outside.id)).toBe(true);

    // the same scope as a condition inside a query
    const inScope = await t.dataSource
      .getRepository(OrgUnit)
      .createQueryBuilder('ou')
      .where(t.app.get(OrgUnitsRepository).subtreeSql('ou.id', 'scopeRoot'), { scopeRoot: outside.id })
      .getMany();
    expect(inScope.map((u) => u.id).sort()).toEqual([outside.id, dept.id, team.id].sort());

    expect(await service.subtreeIds(UNKNOWN)).toEqual([]);
    expect(await service.subtreeIds('not-a-uuid')).toEqual([]);
    expect(await service.isWithin('not-a-uuid', root.id)).toBe(false);
  });

  it('answers 409 IN_USE when deleting a unit with children or that others point to', async () => {
    const parent = await unit('Busy Parent');
    const child = await unit('Busy Child', { parentId: parent.id });
    const withChild = expectError(await t.admin.delete(`${URL}/${parent.id}`), 409, 'IN_USE');
    // in the API's words, not the table's
    expect(withChild.details).toEqual({ referencedBy: 'orgUnit' });
    expect(withChild.message).toBe('This record is still referenced by org units.');

    await t.dataSource.query(
      `INSERT INTO persons (first_name, last_name, email, org_unit_id) VALUES ('Ann', 'Lee', 'ann.busy@test.local', $1)`,
      [child.id],
    );
    expectError(await t.admin.delete(`${URL}/${child.id}`), 409, 'IN_USE');

    const headed = await unit('Busy Headed');
    await t.as('department_head', headed.id);
    expectError(await t.admin.delete(`${URL}/${headed.id}`), 409, 'IN_USE');

    for (const id of [parent.id, child.id, headed.id])
      expect((await t.admin.get(`${URL}/${id}`)).status).toBe(200);
  });

  it('lists with paging, sorting, search and filters', async () => {
    const org = await organization('List Org');
    const top = await unit('List Zulu', { code: 'LST-3', organizationId: org });
    await unit('List Alpha', { code: 'LST-1', parentId: top.id });
    await unit('List Mike', { code: 'LST-2', parentId: top.id, organizationId: null });
    await unit('Unrelated', { code: 'XYZ-LIST' });

    const names = (res: { body: { items: Unit[] } }) => res.body.items.map((u) => u.name);
    const page1 = await t.admin.get(`${URL}?q=lst-&sort=-code&pageSize=2&page=1`);
    expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(names(page1)).toEqual(['List Zulu', 'List Mike']);
    expect(names(await t.admin.get(`${URL}?q=lst-&sort=-code&pageSize=2&page=2`))).toEqual(['List Alpha']);

    // q looks into name and code
    expect(names(await t.admin.get(`${URL}?q=list&sort=name`))).toEqual([
      'List Alpha',
      'List Mike',
      'List Zulu',
      'Unrelated',
    ]);
    expect(names(await t.admin.get(`${URL}?parentId=${top.id}`))).toEqual(['List Alpha', 'List Mike']);
    expect(names(await t.admin.get(`${URL}?organizationId=${org}`))).toEqual([
      'List Alpha',
      'List Mike',
      'List Zulu',
    ]);
    const roots = (await t.admin.get(`${URL}?parentId=root&pageSize=500`)).body.items as Unit[];
    expect(roots.length).toBeGreaterThan(0);
    expect(roots.every((u) => u.parentId === null)).toBe(true);
    expect(roots.map((u) => u.name)).toEqual(expect.arrayContaining(['List Zulu', 'Unrelated']));
    expect(names(await t.admin.get(`${URL}?parentId=root&q=list`))).toEqual(['List Zulu', 'Unrelated']);
    const byCreated = (await t.admin.get(`${URL}?q=lst-&sort=createdAt`)).body.items as Unit[];
    expect(byCreated.map((u) => u.code)).toEqual(['LST-3', 'LST-1', 'LST-2']);

    expectError(await t.admin.get(`${URL}?sort=bogus`), 400);
    expectError(await t.admin.get(`${URL}?parentId=nope`), 400, 'VALIDATION_FAILED');
    expectError(await t.admin.get(`${URL}?organizationId=nope`), 400, 'VALIDATION_FAILED');
  });

  it('refuses bad input with 400 naming each field and changes nothing', async () => {
    const before = (await t.admin.get(URL)).body.total;
    const res = await t.admin
      .post(URL)
      .send({ name: '   ', code: 'x'.repeat(51), parentId: 'not-a-uuid', extra: 1 });
    const body = expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(body.details).sort()).toEqual(['code', 'extra', 'name', 'parentId']);
    expectError(await t.admin.post(URL).send({ code: 'NO-NAME' }), 400, 'VALIDATION_FAILED');
    expectError(
      await t.admin.post(URL).send({ name: 'x'.repeat(201), code: 'LONG' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await t.admin.post(URL).send({ name: 'Org', code: 'ORG-X', organizationId: 42 }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await t.admin.get(URL)).body.total).toBe(before);

    const u = await unit('Valid');
    const nulls = expectError(
      await t.admin.patch(`${URL}/${u.id}`).send({ name: null, code: null }),
      400,
      'VALIDATION_FAILED',
    );
    expect(Object.keys(nulls.details).sort()).toEqual(['code', 'name']);
    expectError(await t.admin.patch(`${URL}/${u.id}`).send({ parentId: 'bad' }), 400, 'VALIDATION_FAILED');
    expectError(await t.admin.patch(`${URL}/${u.id}`).send({ id: UNKNOWN }), 400, 'VALIDATION_FAILED');
    expect((await t.admin.get(`${URL}/${u.id}`)).body).toMatchObject({
      id: u.id,
      name: 'Valid',
      code: u.code,
    });

    expectError(await t.admin.get(`${URL}/not-a-uuid`), 400, 'INVALID_ID');
    expectError(await t.admin.get(`${URL}/${UNKNOWN}`), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`${URL}/${UNKNOWN}`).send({ name: 'Ghost' }), 404, 'NOT_FOUND');
    expectError(await t.admin.patch(`${URL}/${UNKNOWN}`).send({ parentId: u.id }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`${URL}/${UNKNOWN}`), 404, 'NOT_FOUND');
  });

  it('needs a token, and writes need catalogs:write', async () => {
    expectError(await t.http.get(URL), 401);
    expectError(await t.http.get(`${URL}/tree`), 401);
    expectError(await t.http.post(URL).send({ name: 'No', code: 'NO-TOKEN' }), 401);

    const target = await unit('Guarded');
    const head = await t.as('department_head', target.id);
    const finance = await t.as('finance');
    for (const api of [head, finance]) {
      expect((await api.get(URL)).status).toBe(200);
      expect((await api.get(`${URL}/tree`)).status).toBe(200);
      expect((await api.get(`${URL}/${target.id}`)).status).toBe(200);
      expectError(await api.post(URL).send({ name: 'No', code: 'NO-WRITE' }), 403);
      expectError(await api.patch(`${URL}/${target.id}`).send({ name: 'No' }), 403);
      expectError(await api.delete(`${URL}/${target.id}`), 403);
    }
    expect((await t.admin.get(`${URL}/${target.id}`)).body.name).toBe('Guarded');
  });
});
