import * as seatRules from '../src/licensing/seat-engine/seat-rules';
import { factories } from './helpers/factories';
import { createTestApp, expectError, TestApp } from './helpers/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

interface Seat {
  id: string;
  licenseId: string;
  personId: string | null;
  assetId: string | null;
  assignedAt: string;
  assignedBy: string | null;
  devices: unknown[];
}

describe('seats: assign, unassign, refusals, reading', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  const url = (licenseId: string, rest = '') => `/api/v1/licenses/${licenseId}${rest}`;
  const assign = (licenseId: string, personIds: string[], api = t.admin) =>
    api.post(url(licenseId, '/persons')).send({ personIds });
  const assignAssets = (licenseId: string, assetIds: string[], api = t.admin) =>
    api.post(url(licenseId, '/assets')).send({ assetIds });
  const seatsOf = async (licenseId: string): Promise<Seat[]> =>
    (await t.admin.get(url(licenseId, '/seats')).expect(200)).body;
  const holders = async (licenseId: string) =>
    (await seatsOf(licenseId)).map((s) => s.personId ?? s.assetId).sort();
  const counts = async (licenseId: string) => {
    const { quantity, usedSeats, availableSeats } = (await t.admin.get(url(licenseId)).expect(200)).body;
    return { quantity, usedSeats, availableSeats };
  };
  /** What the database holds: active seat rows and the trigger-kept counter. */
  const stored = async (licenseId: string) => {
    const [row] = await t.dataSource.query(
      `SELECT l.used_seats AS used,
              (SELECT count(*)::int FROM license_seats s WHERE s.license_id = l.id AND s.released_at IS NULL) AS active
         FROM licenses l WHERE l.id = $1`,
      [licenseId],
    );
    return row as { used: number; active: number };
  };
  const history = async (licenseId: string) =>
    (await t.admin.get(url(licenseId, '/history')).expect(200)).body.items as Array<Record<string, unknown>>;
  const people = async (n: number, over: Record<string, unknown> = {}) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push((await f.person(over)).id);
    return out;
  };
  const machines = async (n: number, over: Record<string, unknown> = {}) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push((await f.asset(over)).id);
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp();
    f = factories(t.admin);
  });
  afterAll(() => t.close());

  describe('assign and unassign', () => {
    it('assigns one person: 201 with the seat, and the license counts it', async () => {
      const license = await f.license({ quantity: 5 });
      const [p] = await people(1);
      const res = await assign(license.id, [p]);
      expect(res.status).toBe(201);
      expect(res.body).toEqual([
        {
          id: expect.any(String),
          licenseId: license.id,
          personId: p,
          assetId: null,
          assignedAt: expect.stringMatching(ISO),
          assignedBy: t.admin.userId,
          devices: [],
        },
      ]);
      expect(await counts(license.id)).toEqual({ quantity: 5, usedSeats: 1, availableSeats: 4 });
      expect(await seatsOf(license.id)).toEqual(res.body);
      expect(await stored(license.id)).toEqual({ used: 1, active: 1 });
    });

    it('assigns persons in bulk, and the license list shows the counts too', async () => {
      const license = await f.license({ quantity: 4 });
      const ids = await people(3);
      const res = await assign(license.id, ids);
      expect(res.status).toBe(201);
      expect(res.body).toHaveLength(3);
      expect(res.body.map((s: Seat) => s.personId).sort()).toEqual([...ids].sort());
      expect(new Set(res.body.map((s: Seat) => s.id)).size).toBe(3);
      expect(await counts(license.id)).toEqual({ quantity: 4, usedSeats: 3, availableSeats: 1 });
      const list = await t.admin.get(`/api/v1/licenses?q=${encodeURIComponent(license.name)}`).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: license.id, usedSeats: 3, availableSeats: 1 }),
      ]);
      expect(await holders(license.id)).toEqual([...ids].sort());
    });

    it('assigns assets to a per_device license, singly and in bulk', async () => {
      const license = await f.license({ metric: 'per_device', quantity: 3 });
      const [a1, a2, a3] = await machines(3);
      const one = await assignAssets(license.id, [a1]);
      expect(one.status).toBe(201);
      expect(one.body).toEqual([
        expect.objectContaining({ licenseId: license.id, assetId: a1, personId: null }),
      ]);
      const bulk = await assignAssets(license.id, [a2, a3]);
      expect(bulk.status).toBe(201);
      expect(bulk.body.map((s: Seat) => s.assetId).sort()).toEqual([a2, a3].sort());
      expect(await counts(license.id)).toEqual({ quantity: 3, usedSeats: 3, availableSeats: 0 });
      expect(await holders(license.id)).toEqual([a1, a2, a3].sort());
    });

    it('unassigns: 204, the seat is free at once; 404 NOT_ASSIGNED when not held', async () => {
      const license = await f.license({ quantity: 1 });
      const [p1, p2] = await people(2);
      const [seat] = (await assign(license.id, [p1]).expect(201)).body;
      const key = await t.admin
        .post(url(license.id, '/keys'))
        .send({ key: 'BOUND-0001', seatId: seat.id })
        .expect(201);
      expectError(await assign(license.id, [p2]), 409, 'SEATS_EXHAUSTED');

      expect((await t.admin.delete(url(license.id, `/persons/${p1}`))).status).toBe(204);
      expect(await counts(license.id)).toEqual({ quantity: 1, usedSeats: 0, availableSeats: 1 });
      expect(await seatsOf(license.id)).toEqual([]);
      await assign(license.id, [p2]).expect(201);
      // A key bound to the ended seat is free again.
      expect((await t.admin.get(url(license.id, '/keys'))).body).toEqual([{ ...key.body, seatId: null }]);

      const again = expectError(await t.admin.delete(url(license.id, `/persons/${p1}`)), 404, 'NOT_ASSIGNED');
      expect(again.details).toEqual({ licenseId: license.id, personId: p1 });
      // The ended seat stays as a record.
      const rows = await t.dataSource.query(
        'SELECT release_reason, released_by FROM license_seats WHERE license_id = $1 AND person_id = $2',
        [license.id, p1],
      );
      expect(rows).toEqual([{ release_reason: 'unassigned', released_by: t.admin.userId }]);
    });

    it('unassigns an asset the same way', async () => {
      const license = await f.license({ metric: 'per_device', quantity: 2 });
      const [a1, a2] = await machines(2);
      await assignAssets(license.id, [a1, a2]).expect(201);
      expect((await t.admin.delete(url(license.id, `/assets/${a1}`))).status).toBe(204);
      expect(await holders(license.id)).toEqual([a2]);
      expect(await counts(license.id)).toMatchObject({ usedSeats: 1, availableSeats: 1 });
      expectError(await t.admin.delete(url(license.id, `/assets/${a1}`)), 404, 'NOT_ASSIGNED');
      expect((await history(license.id)).map((e) => [e.action, e.personId, e.assetId])).toEqual([
        ['unassign', null, a1],
        ['assign', null, a2],
        ['assign', null, a1],
      ]);
      // A person never holds a per_device seat.
      const [p] = await people(1);
      expectError(await t.admin.delete(url(license.id, `/persons/${p}`)), 404, 'NOT_ASSIGNED');
    });
  });

  describe('refusals', () => {
    it('SEATS_EXHAUSTED with exact numbers; a bulk of 5 with 3 free assigns none', async () => {
      const license = await f.license({ quantity: 5 });
      const first = await people(2);
      await assign(license.id, first).expect(201);
      const before = await seatsOf(license.id);
      const five = await people(5);

      const body = expectError(await assign(license.id, five), 409, 'SEATS_EXHAUSTED');
      expect(body.details).toEqual({ quantity: 5, used: 2, available: 3, requested: 5 });
      expect(await seatsOf(license.id)).toEqual(before);
      expect(await stored(license.id)).toEqual({ used: 2, active: 2 });
      expect(await counts(license.id)).toEqual({ quantity: 5, usedSeats: 2, availableSeats: 3 });
      expect((await history(license.id)).filter((e) => e.action === 'assign')).toHaveLength(2);

      await assign(license.id, five.slice(0, 3)).expect(201);
      const full = expectError(await assign(license.id, [five[3]]), 409, 'SEATS_EXHAUSTED');
      expect(full.details).toEqual({ quantity: 5, used: 5, available: 0, requested: 1 });
      expect(await stored(license.id)).toEqual({ used: 5, active: 5 });
    });

    it('SEATS_EXHAUSTED for assets too, none assigned', async () => {
      const license = await f.license({ metric: 'per_device', quantity: 2 });
      const ids = await machines(3);
      const body = expectError(await assignAssets(license.id, ids), 409, 'SEATS_EXHAUSTED');
      expect(body.details).toEqual({ quantity: 2, used: 0, available: 2, requested: 3 });
      expect(await seatsOf(license.id)).toEqual([]);
    });

    it("a refusal by the database's own guard answers the same 409, numbers included", async () => {
      const license = await f.license({ quantity: 3 });
      await assign(license.id, await people(2)).expect(201);
      // The service's own count switched off: only the database's CHECK (used_seats <= quantity) is left.
      const skip = jest.spyOn(seatRules, 'assertSeatsAvailable').mockImplementation(() => undefined);
      try {
        const body = expectError(await assign(license.id, await people(2)), 409, 'SEATS_EXHAUSTED');
        expect(body.details).toEqual({ quantity: 3, used: 2, available: 1, requested: 2 });
        expect(skip).toHaveBeenCalled();
      } finally {
        skip.mockRestore();
      }
      expect(await stored(license.id)).toEqual({ used: 2, active: 2 });
    });

    it('never gives out more seats than quantity, whatever the concurrency', async () => {
      const license = await f.license({ quantity: 3 });
      const ids = await people(8);
      const results = await Promise.all(ids.map((id) => assign(license.id, [id])));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('SEATS_EXHAUSTED');
      expect(await stored(license.id)).toEqual({ used: 3, active: 3 });
      expect(await counts(license.id)).toMatchObject({ usedSeats: 3, availableSeats: 0 });
    });

    it('ALREADY_ASSIGNED names the holders, and assigns none of the list', async () => {
      const license = await f.license({ quantity: 5 });
      const [p1, p2] = await people(2);
      await assign(license.id, [p1]).expect(201);
      const body = expectError(await assign(license.id, [p2, p1]), 409, 'ALREADY_ASSIGNED');
      expect(body.details).toEqual({ personIds: [p1] });
      expect(await holders(license.id)).toEqual([p1]);

      const devices = await f.license({ metric: 'per_device', quantity: 5 });
      const [a1, a2] = await machines(2);
      await assignAssets(devices.id, [a1]).expect(201);
      const assets = expectError(await assignAssets(devices.id, [a1, a2]), 409, 'ALREADY_ASSIGNED');
      expect(assets.details).toEqual({ assetIds: [a1] });
      expect(await holders(devices.id)).toEqual([a1]);
    });

    it('WRONG_METRIC: persons on per_device, assets on per_user', async () => {
      const perDevice = await f.license({ metric: 'per_device' });
      const perUser = await f.license({ metric: 'per_user' });
      const [p] = await people(1);
      const [a] = await machines(1);
      const persons = expectError(await assign(perDevice.id, [p]), 422, 'WRONG_METRIC');
      expect(persons.details).toEqual({ metric: 'per_device', holder: 'person' });
      const assets = expectError(await assignAssets(perUser.id, [a]), 422, 'WRONG_METRIC');
      expect(assets.details).toEqual({ metric: 'per_user', holder: 'asset' });
      expect(await seatsOf(perDevice.id)).toEqual([]);
      expect(await seatsOf(perUser.id)).toEqual([]);
    });

    it('INACTIVE_PERSON and RETIRED_ASSET: they take no new seat', async () => {
      const license = await f.license();
      const [active] = await people(1);
      const [inactive] = await people(1, { active: false });
      const body = expectError(await assign(license.id, [active, inactive]), 422, 'INACTIVE_PERSON');
      expect(body.details).toEqual({ personIds: [inactive] });

      const devices = await f.license({ metric: 'per_device' });
      const [inUse] = await machines(1);
      const [retired] = await machines(1, { status: 'retired' });
      const assets = expectError(await assignAssets(devices.id, [inUse, retired]), 422, 'RETIRED_ASSET');
      expect(assets.details).toEqual({ assetIds: [retired] });
      expect(await seatsOf(license.id)).toEqual([]);
      expect(await seatsOf(devices.id)).toEqual([]);
      // An asset in stock is fine.
      const [stock] = await machines(1, { status: 'in_stock' });
      await assignAssets(devices.id, [stock]).expect(201);
    });

    it('404 for unknown licenses, persons and assets, and nothing assigned', async () => {
      const license = await f.license();
      const [p] = await people(1);
      expectError(await assign(UNKNOWN, [p]), 404, 'NOT_FOUND');
      expectError(await assign(license.id, [p, UNKNOWN]), 404, 'NOT_FOUND');
      expect(await seatsOf(license.id)).toEqual([]);
      const devices = await f.license({ metric: 'per_device' });
      expectError(await assignAssets(devices.id, [UNKNOWN]), 404, 'NOT_FOUND');
      expectError(await t.admin.delete(url(UNKNOWN, `/persons/${p}`)), 404, 'NOT_FOUND');
      expectError(await t.admin.delete(url(UNKNOWN, `/assets/${UNKNOWN}`)), 404, 'NOT_FOUND');
      expectError(await t.admin.get(url(UNKNOWN, '/seats')), 404, 'NOT_FOUND');
      expectError(await t.admin.get(url(UNKNOWN, '/history')), 404, 'NOT_FOUND');
      expectError(await t.admin.get(`/api/v1/persons/${UNKNOWN}/licenses`), 404, 'NOT_FOUND');
      expectError(await t.admin.get(`/api/v1/assets/${UNKNOWN}/licenses`), 404, 'NOT_FOUND');
    });

    it('400 for empty, repeated or non-UUID id lists and unknown fields; nothing assigned', async () => {
      const license = await f.license();
      const [p] = await people(1);
      const bad: Array<[unknown, string]> = [
        [{ personIds: [] }, 'personIds'],
        [{ personIds: [p, p] }, 'personIds'],
        [{ personIds: ['not-a-uuid'] }, 'personIds'],
        [{ personIds: p }, 'personIds'],
        [{}, 'personIds'],
        [{ personIds: [p], extra: 1 }, 'extra'],
        [{ personIds: [p], assetIds: [p] }, 'assetIds'],
      ];
      for (const [body, field] of bad) {
        const res = await t.admin.post(url(license.id, '/persons')).send(body as object);
        const error = expectError(res, 400, 'VALIDATION_FAILED');
        expect(Object.keys(error.details)).toContain(field);
      }
      const devices = await f.license({ metric: 'per_device' });
      expectError(
        await t.admin.post(url(devices.id, '/assets')).send({ assetIds: [] }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await t.admin.post(url(devices.id, '/assets')).send({ personIds: [p] }), 400);
      expectError(await assign('not-a-uuid', [p]), 400, 'INVALID_ID');
      expectError(await t.admin.delete(url(license.id, '/persons/not-a-uuid')), 400, 'INVALID_ID');
      expect(await seatsOf(license.id)).toEqual([]);
      expect(await seatsOf(devices.id)).toEqual([]);
    });
  });

  describe('scope', () => {
    it('a license on a unit serves that unit and below, not siblings or persons without a unit', async () => {
      const top = await f.orgUnit();
      const unit = await f.orgUnit({ parentId: top.id });
      const child = await f.orgUnit({ parentId: unit.id });
      const grandchild = await f.orgUnit({ parentId: child.id });
      const sibling = await f.orgUnit({ parentId: top.id });
      const license = await f.license({ orgUnitId: unit.id, quantity: 10 });

      const [onUnit] = await people(1, { orgUnitId: unit.id });
      const [onChild] = await people(1, { orgUnitId: child.id });
      const [deep] = await people(1, { orgUnitId: grandchild.id });
      const [onSibling] = await people(1, { orgUnitId: sibling.id });
      const [onTop] = await people(1, { orgUnitId: top.id });
      const [nowhere] = await people(1);

      const out = expectError(await assign(license.id, [onChild, onSibling]), 422, 'OUT_OF_SCOPE');
      expect(out.details).toEqual({ orgUnitId: unit.id, personIds: [onSibling] });
      expect(await seatsOf(license.id)).toEqual([]);
      expectError(await assign(license.id, [onTop]), 422, 'OUT_OF_SCOPE');
      const none = expectError(await assign(license.id, [nowhere]), 422, 'OUT_OF_SCOPE');
      expect(none.details).toEqual({ orgUnitId: unit.id, personIds: [nowhere] });

      await assign(license.id, [onUnit, onChild, deep]).expect(201);
      expect(await holders(license.id)).toEqual([onUnit, onChild, deep].sort());
    });

    it('scope applies to assets as well', async () => {
      const unit = await f.orgUnit();
      const other = await f.orgUnit();
      const license = await f.license({ metric: 'per_device', orgUnitId: unit.id });
      const [inside] = await machines(1, { orgUnitId: unit.id });
      const [outside] = await machines(1, { orgUnitId: other.id });
      const [nowhere] = await machines(1);
      const body = expectError(await assignAssets(license.id, [outside, nowhere]), 422, 'OUT_OF_SCOPE');
      expect((body.details.assetIds as string[]).sort()).toEqual([outside, nowhere].sort());
      await assignAssets(license.id, [inside]).expect(201);
    });

    it('a license without a unit is usable by everyone', async () => {
      const unit = await f.orgUnit();
      const license = await f.license({ quantity: 3 });
      const ids = [...(await people(1, { orgUnitId: unit.id })), ...(await people(1))];
      await assign(license.id, ids).expect(201);
      expect(await holders(license.id)).toEqual([...ids].sort());
    });
  });

  describe('reading', () => {
    it('history: newest first, with actor, action, holder and details', async () => {
      const license = await f.license({ quantity: 5 });
      const manager = await t.as('asset_manager');
      const [p1, p2] = await people(2);
      await assign(license.id, [p1]).expect(201);
      await assign(license.id, [p2], manager).expect(201);
      await manager.delete(url(license.id, `/persons/${p1}`)).expect(204);

      const res = await t.admin.get(url(license.id, '/history')).expect(200);
      expect(res.body).toMatchObject({ total: 3, page: 1 });
      expect(res.body.items).toEqual([
        expect.objectContaining({
          action: 'unassign',
          actorId: manager.userId,
          personId: p1,
          assetId: null,
          details: { reason: 'unassigned', devices: [] },
        }),
        expect.objectContaining({ action: 'assign', actorId: manager.userId, personId: p2, assetId: null }),
        expect.objectContaining({ action: 'assign', actorId: t.admin.userId, personId: p1, assetId: null }),
      ]);
      const times = res.body.items.map((e: { at: string }) => Date.parse(e.at));
      for (const e of res.body.items) expect(e.at).toMatch(ISO);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const page = await t.admin.get(url(license.id, '/history?pageSize=1&page=2')).expect(200);
      expect(page.body.items).toEqual([res.body.items[1]]);
    });

    it("a person's and an asset's licenses show what they hold now", async () => {
      const [p] = await people(1);
      const [a] = await machines(1);
      const l1 = await f.license();
      const l2 = await f.license();
      const l3 = await f.license({ metric: 'per_device' });
      const [s1] = (await assign(l1.id, [p]).expect(201)).body;
      await assign(l2.id, [p]).expect(201);
      const [s3] = (await assignAssets(l3.id, [a]).expect(201)).body;
      await t.admin.delete(url(l2.id, `/persons/${p}`)).expect(204);

      const person = await t.admin.get(`/api/v1/persons/${p}/licenses`).expect(200);
      expect(person.body).toEqual([
        {
          licenseId: l1.id,
          licenseName: l1.name,
          metric: 'per_user',
          kind: 'seat',
          seatId: s1.id,
          personId: p,
          since: s1.assignedAt,
          devices: [],
        },
      ]);
      const asset = await t.admin.get(`/api/v1/assets/${a}/licenses`).expect(200);
      expect(asset.body).toEqual([
        expect.objectContaining({
          licenseId: l3.id,
          metric: 'per_device',
          kind: 'seat',
          seatId: s3.id,
          devices: [],
        }),
      ]);
      const [idle] = await people(1);
      expect((await t.admin.get(`/api/v1/persons/${idle}/licenses`).expect(200)).body).toEqual([]);
    });
  });

  describe('permissions', () => {
    it('finance reads seats but cannot assign, unassign, transfer or offboard (403)', async () => {
      const finance = await t.as('finance');
      const license = await f.license();
      const [p1, p2] = await people(2);
      const [seat] = (await assign(license.id, [p1]).expect(201)).body;
      expectError(await assign(license.id, [p2], finance), 403);
      expectError(await finance.delete(url(license.id, `/persons/${p1}`)), 403);
      expectError(
        await finance.post(url(license.id, `/seats/${seat.id}/transfer`)).send({ personId: p2 }),
        403,
      );
      expectError(await finance.post(`/api/v1/persons/${p1}/offboard`), 403);
      expect(await holders(license.id)).toEqual([p1]);
      await finance.get(url(license.id, '/seats')).expect(200);
      await finance.get(url(license.id, '/history')).expect(200);
      await finance.get(`/api/v1/persons/${p1}/licenses`).expect(200);
    });

    it('a department head assigns and unassigns inside their unit', async () => {
      const unit = await f.orgUnit();
      const head = await t.as('department_head', unit.id);
      const license = await f.license({ orgUnitId: unit.id });
      const [p] = await people(1, { orgUnitId: unit.id });
      const res = await assign(license.id, [p], head);
      expect(res.status).toBe(201);
      expect(res.body[0].assignedBy).toBe(head.userId);
      await head.delete(url(license.id, `/persons/${p}`)).expect(204);
      expect(await seatsOf(license.id)).toEqual([]);
    });

    it('401 without a token', async () => {
      const license = await f.license();
      const [p] = await people(1);
      expectError(await t.http.post(url(license.id, '/persons')).send({ personIds: [p] }), 401);
      expectError(await t.http.delete(url(license.id, `/persons/${p}`)), 401);
      expectError(await t.http.get(url(license.id, '/seats')), 401);
      expectError(await t.http.get(url(license.id, '/history')), 401);
      expectError(await t.http.post(`/api/v1/persons/${p}/offboard`), 401);
      expect(await seatsOf(license.id)).toEqual([]);
    });
  });
});
