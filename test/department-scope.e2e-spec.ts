import { factories } from './helpers/factories';
import { Api, createTestApp, expectError, TestApp } from './helpers/test-app';

type Rec = { id: string } & Record<string, unknown>;

/**
 * A department head sees and changes only their org-unit subtree (DOMAIN.md, "Who
 * uses it"). The tree: root > A > A1, root > B; the head sits on A.
 */
describe('department head scope: their org-unit subtree, on reads and writes', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  let head: Api;
  const unit: Record<'root' | 'a' | 'a1' | 'b', Rec> = {} as never;
  const person: Record<'root' | 'a' | 'a1' | 'b' | 'none', Rec> = {} as never;
  const asset: Record<'a' | 'a1' | 'b' | 'none', Rec> = {} as never;

  const url = (licenseId: string, rest = '') => `/api/v1/licenses/${licenseId}${rest}`;
  const ids = (items: Rec[]) => items.map((i) => i.id).sort();
  const sorted = (...items: Rec[]) => ids(items);
  const list = async (api: Api, path: string) => {
    const res = await api.get(`${path}${path.includes('?') ? '&' : '?'}pageSize=500`).expect(200);
    return { ids: ids(res.body.items), total: res.body.total as number };
  };
  const seatHolders = async (api: Api, licenseId: string) =>
    ((await api.get(url(licenseId, '/seats')).expect(200)).body as Rec[])
      .map((s) => (s.personId ?? s.assetId) as string)
      .sort();
  const historyHolders = async (api: Api, licenseId: string) =>
    ((await api.get(url(licenseId, '/history')).expect(200)).body.items as Rec[]).map(
      (e) => `${e.action}:${(e.personId ?? e.assetId) as string}`,
    );
  /** What the database holds: the active seats of a license, by holder. */
  const storedHolders = async (licenseId: string) =>
    (
      (await t.dataSource.query(
        `SELECT coalesce(person_id, asset_id) AS holder FROM license_seats
          WHERE license_id = $1 AND released_at IS NULL`,
        [licenseId],
      )) as { holder: string }[]
    )
      .map((r) => r.holder)
      .sort();
  const eventCount = async (licenseId: string) =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM seat_events WHERE license_id = $1`, [
        licenseId,
      ])
    )[0].n as number;
  const assign = (api: Api, licenseId: string, personIds: string[]) =>
    api.post(url(licenseId, '/persons')).send({ personIds });
  const seatOf = async (licenseId: string, personId: string) =>
    ((await t.admin.get(url(licenseId, '/seats')).expect(200)).body as Rec[]).find(
      (s) => s.personId === personId,
    )!.id as string;
  const move = (unitId: string, parentId: string) =>
    t.admin.patch(`/api/v1/org-units/${unitId}`).send({ parentId }).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    f = factories(t.admin);
    unit.root = await f.orgUnit({ name: 'Root' });
    unit.a = await f.orgUnit({ name: 'A', parentId: unit.root.id });
    unit.a1 = await f.orgUnit({ name: 'A1', parentId: unit.a.id });
    unit.b = await f.orgUnit({ name: 'B', parentId: unit.root.id });
    for (const key of ['root', 'a', 'a1', 'b'] as const) {
      person[key] = await f.person({ orgUnitId: unit[key].id });
    }
    person.none = await f.person();
    for (const key of ['a', 'a1', 'b'] as const) asset[key] = await f.asset({ orgUnitId: unit[key].id });
    asset.none = await f.asset();
    head = await t.as('department_head', unit.a.id);
  });
  afterAll(() => t.close());

  describe('persons and assets', () => {
    it('lists only those of the subtree, totals too; filters and search stay inside it', async () => {
      expect(await list(head, '/api/v1/persons')).toEqual({ ids: sorted(person.a, person.a1), total: 2 });
      expect(await list(head, '/api/v1/assets')).toEqual({ ids: sorted(asset.a, asset.a1), total: 2 });
      expect((await list(head, `/api/v1/persons?orgUnitId=${unit.b.id}`)).total).toBe(0);
      const byEmail = await head.get(`/api/v1/persons?email=${person.b.email as string}`).expect(200);
      expect(byEmail.body).toMatchObject({ items: [], total: 0 });
      const byName = await head.get(`/api/v1/persons?q=${person.b.lastName as string}`).expect(200);
      expect(byName.body.total).toBe(0);
    });

    it('reads one of the subtree (200); outside it, unknown alike (404)', async () => {
      await head.get(`/api/v1/persons/${person.a1.id}`).expect(200);
      await head.get(`/api/v1/assets/${asset.a.id}`).expect(200);
      await head.get(`/api/v1/persons/${person.a1.id}/licenses`).expect(200);
      await head.get(`/api/v1/assets/${asset.a1.id}/licenses`).expect(200);
      for (const p of [person.b, person.root, person.none]) {
        expectError(await head.get(`/api/v1/persons/${p.id}`), 404, 'NOT_FOUND');
        expectError(await head.get(`/api/v1/persons/${p.id}/licenses`), 404, 'NOT_FOUND');
      }
      for (const a of [asset.b, asset.none]) {
        expectError(await head.get(`/api/v1/assets/${a.id}`), 404, 'NOT_FOUND');
        expectError(await head.get(`/api/v1/assets/${a.id}/licenses`), 404, 'NOT_FOUND');
      }
    });

    it('a head lower down sees less: a head on A1 does not see A', async () => {
      const lower = await t.as('department_head', unit.a1.id);
      expect(await list(lower, '/api/v1/persons')).toEqual({ ids: sorted(person.a1), total: 1 });
      expectError(await lower.get(`/api/v1/persons/${person.a.id}`), 404);
    });

    it('admin, asset manager and finance see everyone', async () => {
      const everyone = sorted(...Object.values(person));
      for (const api of [t.admin, await t.as('asset_manager'), await t.as('finance')]) {
        expect(await list(api, '/api/v1/persons')).toEqual({ ids: everyone, total: everyone.length });
        expect((await list(api, '/api/v1/assets')).total).toBe(4);
        await api.get(`/api/v1/persons/${person.b.id}`).expect(200);
        await api.get(`/api/v1/assets/${asset.none.id}/licenses`).expect(200);
      }
    });
  });

  describe('licenses', () => {
    let placed: Record<'root' | 'a' | 'a1' | 'b' | 'none', Rec>;
    beforeAll(async () => {
      placed = {
        root: await f.license({ orgUnitId: unit.root.id }),
        a: await f.license({ orgUnitId: unit.a.id }),
        a1: await f.license({ orgUnitId: unit.a1.id }),
        b: await f.license({ orgUnitId: unit.b.id }),
        none: await f.license(),
      };
      await t.admin.post(url(placed.b.id, '/keys')).send({ key: 'KEY-OF-B-0001' }).expect(201);
      await t.admin.post(url(placed.root.id, '/keys')).send({ key: 'KEY-OF-ROOT-0002' }).expect(201);
    });

    it('are visible when usable in the subtree: placed above, on, below the unit, or unplaced', async () => {
      const mine = await list(head, '/api/v1/licenses');
      expect(mine.ids).toEqual(sorted(placed.root, placed.a, placed.a1, placed.none));
      expect(mine.total).toBe(4);
      for (const l of [placed.root, placed.a, placed.a1, placed.none]) {
        await head.get(url(l.id)).expect(200);
      }
      expect((await list(head, `/api/v1/licenses?orgUnitId=${unit.b.id}`)).total).toBe(0);
      expect((await head.get(url(placed.root.id, '/keys')).expect(200)).body).toEqual([
        expect.objectContaining({ key: '*****-0002' }),
      ]);
    });

    it('placed elsewhere: 404 on the license, its keys, seats and history', async () => {
      for (const rest of ['', '/keys', '/seats', '/history']) {
        expectError(await head.get(url(placed.b.id, rest)), 404, 'NOT_FOUND');
      }
    });

    it('admin, asset manager and finance see every license', async () => {
      for (const api of [t.admin, await t.as('asset_manager'), await t.as('finance')]) {
        expect((await list(api, '/api/v1/licenses')).ids).toEqual(ids(Object.values(placed)));
        await api.get(url(placed.b.id, '/seats')).expect(200);
      }
    });

    it('the head still cannot create, edit or delete licenses, persons or assets', async () => {
      expectError(
        await head.post('/api/v1/licenses').send({ name: 'X', metric: 'per_user', quantity: 1 }),
        403,
      );
      expectError(await head.patch(url(placed.a.id)).send({ notes: 'x' }), 403);
      expectError(await head.delete(url(placed.a.id)), 403);
      expectError(await head.patch(`/api/v1/persons/${person.a.id}`).send({ active: false }), 403);
      expectError(await head.delete(`/api/v1/assets/${asset.a.id}`), 403);
      expectError(await head.post('/api/v1/org-units').send({ name: 'N', code: 'N-1' }), 403);
    });
  });

  describe('seats and history', () => {
    it('show only the holders of the subtree', async () => {
      const license = await f.license({ orgUnitId: unit.root.id, quantity: 10 });
      const everyone = [person.root, person.a, person.a1, person.b].map((p) => p.id);
      await assign(t.admin, license.id, everyone).expect(201);
      await t.admin.delete(url(license.id, `/persons/${person.b.id}`)).expect(204);
      await assign(t.admin, license.id, [person.b.id]).expect(201);

      expect(await seatHolders(head, license.id)).toEqual(sorted(person.a, person.a1));
      expect(await seatHolders(t.admin, license.id)).toEqual([...everyone].sort());
      const seen = await historyHolders(head, license.id);
      expect([...seen].sort()).toEqual([`assign:${person.a.id}`, `assign:${person.a1.id}`].sort());
      expect((await head.get(url(license.id, '/history')).expect(200)).body.total).toBe(2);
      expect((await t.admin.get(url(license.id, '/history')).expect(200)).body.total).toBe(6);
    });

    it('per_device: the assets of the subtree', async () => {
      const license = await f.license({ metric: 'per_device', quantity: 5 });
      const all = [asset.a, asset.a1, asset.b, asset.none].map((a) => a.id);
      await t.admin.post(url(license.id, '/assets')).send({ assetIds: all }).expect(201);
      expect(await seatHolders(head, license.id)).toEqual(sorted(asset.a, asset.a1));
      expect((await head.get(url(license.id, '/history')).expect(200)).body.total).toBe(2);
    });

    it("a holder's licenses leave out those the head does not see", async () => {
      const elsewhere = await f.license();
      const visible = await f.license({ orgUnitId: unit.root.id });
      await assign(t.admin, elsewhere.id, [person.a1.id]).expect(201);
      await assign(t.admin, visible.id, [person.a1.id]).expect(201);
      // Placed on B afterwards, still held in A1 (a compliance finding): the head does not see it.
      await t.admin.patch(url(elsewhere.id)).send({ orgUnitId: unit.b.id }).expect(200);
      const held = (await head.get(`/api/v1/persons/${person.a1.id}/licenses`).expect(200)).body as Rec[];
      expect(held.map((h) => h.licenseId)).toContain(visible.id);
      expect(held.map((h) => h.licenseId)).not.toContain(elsewhere.id);
      const all = (await t.admin.get(`/api/v1/persons/${person.a1.id}/licenses`).expect(200)).body as Rec[];
      expect(all.map((h) => h.licenseId)).toEqual(expect.arrayContaining([visible.id, elsewhere.id]));
    });
  });

  describe('writes', () => {
    it('assigns inside the subtree (201); outside it 403 and nothing is written', async () => {
      const license = await f.license({ orgUnitId: unit.root.id });
      const events = await eventCount(license.id);
      for (const personIds of [
        [person.b.id],
        [person.a1.id, person.b.id],
        [person.none.id],
        [person.root.id],
      ]) {
        const err = expectError(await assign(head, license.id, personIds), 403, 'OUT_OF_YOUR_SCOPE');
        expect(err.details.personIds).toEqual(personIds.filter((id) => id !== person.a1.id));
      }
      expect(await storedHolders(license.id)).toEqual([]);
      expect(await eventCount(license.id)).toBe(events);

      const res = await assign(head, license.id, [person.a1.id]);
      expect(res.status).toBe(201);
      expect(res.body[0]).toMatchObject({ personId: person.a1.id, assignedBy: head.userId });
      expect(await storedHolders(license.id)).toEqual([person.a1.id]);

      const perDevice = await f.license({ metric: 'per_device' });
      expectError(
        await head.post(url(perDevice.id, '/assets')).send({ assetIds: [asset.b.id] }),
        403,
        'OUT_OF_YOUR_SCOPE',
      );
      await head
        .post(url(perDevice.id, '/assets'))
        .send({ assetIds: [asset.a.id] })
        .expect(201);
      expect(await storedHolders(perDevice.id)).toEqual([asset.a.id]);
    });

    it('on a license it does not see: 404, nothing written', async () => {
      const elsewhere = await f.license({ orgUnitId: unit.b.id });
      expectError(await assign(head, elsewhere.id, [person.a.id]), 404, 'NOT_FOUND');
      await assign(t.admin, elsewhere.id, [person.b.id]).expect(201);
      expectError(await head.delete(url(elsewhere.id, `/persons/${person.b.id}`)), 404);
      const seat = await seatOf(elsewhere.id, person.b.id);
      expectError(
        await head.post(url(elsewhere.id, `/seats/${seat}/transfer`)).send({ personId: person.a.id }),
        404,
      );
      expect(await storedHolders(elsewhere.id)).toEqual([person.b.id]);
    });

    it('unassigns inside the subtree; outside it 403 and the seat stays', async () => {
      const license = await f.license({ quantity: 5 });
      await assign(t.admin, license.id, [person.a.id, person.b.id]).expect(201);
      const perDevice = await f.license({ metric: 'per_device' });
      await t.admin
        .post(url(perDevice.id, '/assets'))
        .send({ assetIds: [asset.b.id] })
        .expect(201);

      expectError(await head.delete(url(license.id, `/persons/${person.b.id}`)), 403, 'OUT_OF_YOUR_SCOPE');
      expectError(await head.delete(url(perDevice.id, `/assets/${asset.b.id}`)), 403, 'OUT_OF_YOUR_SCOPE');
      expect(await storedHolders(license.id)).toEqual(sorted(person.a, person.b));
      expect(await storedHolders(perDevice.id)).toEqual([asset.b.id]);

      await head.delete(url(license.id, `/persons/${person.a.id}`)).expect(204);
      expect(await storedHolders(license.id)).toEqual([person.b.id]);
    });

    it('transfers only from and to holders of the subtree', async () => {
      const license = await f.license({ orgUnitId: unit.root.id, quantity: 5 });
      await assign(t.admin, license.id, [person.a.id, person.b.id]).expect(201);
      const seatOfA = await seatOf(license.id, person.a.id);
      const seatOfB = await seatOf(license.id, person.b.id);
      const transfer = (seatId: string, personId: string) =>
        head.post(url(license.id, `/seats/${seatId}/transfer`)).send({ personId });

      expectError(await transfer(seatOfB, person.a1.id), 403, 'OUT_OF_YOUR_SCOPE'); // from outside
      expectError(await transfer(seatOfA, person.root.id), 403, 'OUT_OF_YOUR_SCOPE'); // to outside
      expect(await storedHolders(license.id)).toEqual(sorted(person.a, person.b));

      const res = await transfer(seatOfA, person.a1.id);
      expect(res.status).toBe(200);
      expect(res.body.personId).toBe(person.a1.id);
      expect(await storedHolders(license.id)).toEqual(sorted(person.a1, person.b));
    });

    it('activates and resets devices only for persons and assets of the subtree', async () => {
      const license = await f.license({ quantity: 5, maxActivationsPerUser: 3 });
      await assign(t.admin, license.id, [person.a.id, person.b.id]).expect(201);
      const activate = (api: Api, personId: string, assetId: string) =>
        api.post(url(license.id, `/persons/${personId}/devices`)).send({ assetId });
      await activate(t.admin, person.b.id, asset.b.id).expect(201);
      await activate(t.admin, person.a.id, asset.a.id).expect(201);
      const devices = async () =>
        (
          (await t.dataSource.query(
            `SELECT asset_id FROM seat_devices WHERE license_id = $1 AND deactivated_at IS NULL`,
            [license.id],
          )) as { asset_id: string }[]
        )
          .map((r) => r.asset_id)
          .sort();

      expectError(await activate(head, person.b.id, asset.a1.id), 403, 'OUT_OF_YOUR_SCOPE'); // person outside
      const err = expectError(await activate(head, person.a.id, asset.b.id), 403, 'OUT_OF_YOUR_SCOPE');
      expect(err.details).toMatchObject({ assetIds: [asset.b.id] });
      expectError(await activate(head, person.a.id, asset.none.id), 403, 'OUT_OF_YOUR_SCOPE');
      expectError(
        await head.post(url(license.id, `/persons/${person.b.id}/devices/${asset.b.id}/reset`)),
        403,
        'OUT_OF_YOUR_SCOPE',
      );
      expectError(
        await head.post(url(license.id, `/persons/${person.b.id}/reset`)),
        403,
        'OUT_OF_YOUR_SCOPE',
      );
      expect(await devices()).toEqual(sorted(asset.a, asset.b));

      await activate(head, person.a.id, asset.a1.id).expect(201);
      await head.post(url(license.id, `/persons/${person.a.id}/devices/${asset.a1.id}/reset`)).expect(200);
      await head.post(url(license.id, `/persons/${person.a.id}/reset`)).expect(200);
      expect(await devices()).toEqual([asset.b.id]);
    });

    it('offboards persons of the subtree only', async () => {
      const inside = await f.person({ orgUnitId: unit.a1.id });
      const outside = await f.person({ orgUnitId: unit.b.id });
      const license = await f.license({ quantity: 5 });
      await assign(t.admin, license.id, [inside.id, outside.id]).expect(201);

      expectError(await head.post(`/api/v1/persons/${outside.id}/offboard`), 403, 'OUT_OF_YOUR_SCOPE');
      expect((await t.admin.get(`/api/v1/persons/${outside.id}`).expect(200)).body.active).toBe(true);
      expect(await storedHolders(license.id)).toEqual(sorted(inside, outside));

      await head.post(`/api/v1/persons/${inside.id}/offboard`).expect(200);
      expect((await t.admin.get(`/api/v1/persons/${inside.id}`).expect(200)).body.active).toBe(false);
      expect(await storedHolders(license.id)).toEqual([outside.id]);
    });

    it('admin and asset manager act anywhere', async () => {
      const license = await f.license({ quantity: 5 });
      await assign(t.admin, license.id, [person.b.id]).expect(201);
      const manager = await t.as('asset_manager');
      await assign(manager, license.id, [person.none.id]).expect(201);
      await manager.delete(url(license.id, `/persons/${person.b.id}`)).expect(204);
      expect(await storedHolders(license.id)).toEqual([person.none.id]);
    });
  });

  describe('moving a unit', () => {
    it('changes the scope at once, both ways', async () => {
      const license = await f.license({ orgUnitId: unit.b.id });
      const shared = await f.license({ orgUnitId: unit.root.id });
      expectError(await head.get(`/api/v1/persons/${person.b.id}`), 404);

      await move(unit.b.id, unit.a.id);
      try {
        await head.get(`/api/v1/persons/${person.b.id}`).expect(200);
        await head.get(`/api/v1/assets/${asset.b.id}`).expect(200);
        expect((await list(head, '/api/v1/persons')).ids).toContain(person.b.id);
        await head.get(url(license.id)).expect(200);
        await assign(head, shared.id, [person.b.id]).expect(201);
      } finally {
        await move(unit.b.id, unit.root.id);
      }

      expectError(await head.get(`/api/v1/persons/${person.b.id}`), 404);
      expect((await list(head, '/api/v1/persons')).ids).not.toContain(person.b.id);
      expectError(await head.get(url(license.id)), 404);
      expect(await seatHolders(head, shared.id)).toEqual([]);
      expectError(await head.delete(url(shared.id, `/persons/${person.b.id}`)), 403, 'OUT_OF_YOUR_SCOPE');
      expectError(await assign(head, license.id, [person.a.id]), 404);
      expect(await storedHolders(shared.id)).toEqual([person.b.id]);
    });

    it('moving a person into the subtree makes them visible at once', async () => {
      const mover = await f.person({ orgUnitId: unit.b.id });
      expectError(await head.get(`/api/v1/persons/${mover.id}`), 404);
      await t.admin.patch(`/api/v1/persons/${mover.id}`).send({ orgUnitId: unit.a1.id }).expect(200);
      await head.get(`/api/v1/persons/${mover.id}`).expect(200);
    });
  });
});
