import * as seatRules from '../src/licensing/seat-engine/seat-rules';
import { factories } from './helpers/factories';
import { createTestApp, expectError, TestApp } from './helpers/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

interface Seat {
  id: string;
  personId: string | null;
  devices: Array<{ id: string; assetId: string }>;
}

/** Devices of per_user seats: activations within the limits, resets against maxDeviceResets. */
describe('seat devices: activate and reset', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  const url = (licenseId: string, rest = '') => `/api/v1/licenses/${licenseId}${rest}`;
  const activate = (licenseId: string, personId: string, assetId: string, api = t.admin) =>
    api.post(url(licenseId, `/persons/${personId}/devices`)).send({ assetId });
  const resetDevice = (licenseId: string, personId: string, assetId: string) =>
    t.admin.post(url(licenseId, `/persons/${personId}/devices/${assetId}/reset`));
  const resetPerson = (licenseId: string, personId: string) =>
    t.admin.post(url(licenseId, `/persons/${personId}/reset`));
  const devicesOf = async (licenseId: string, personId: string) => {
    const seats: Seat[] = (await t.admin.get(url(licenseId, '/seats')).expect(200)).body;
    return (seats.find((s) => s.personId === personId)?.devices ?? []).map((d) => d.assetId).sort();
  };
  const history = async (licenseId: string) =>
    (await t.admin.get(url(licenseId, '/history')).expect(200)).body.items as Array<Record<string, unknown>>;
  const counters = async (licenseId: string) =>
    (
      await t.dataSource.query('SELECT active_devices, device_resets FROM licenses WHERE id = $1', [
        licenseId,
      ])
    )[0] as { active_devices: number; device_resets: number };
  const person = async () => (await f.person()).id;
  const assets = async (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push((await f.asset()).id);
    return out;
  };
  /** A per_user license with the given limits, and persons holding a seat of it. */
  const seated = async (limits: Record<string, unknown>, holders = 1) => {
    const license = await f.license({ quantity: 10, ...limits });
    const persons: string[] = [];
    for (let i = 0; i < holders; i++) persons.push(await person());
    await t.admin.post(url(license.id, '/persons')).send({ personIds: persons }).expect(201);
    return { license: license.id, persons };
  };

  beforeAll(async () => {
    t = await createTestApp();
    f = factories(t.admin);
  });
  afterAll(() => t.close());

  describe('activate', () => {
    it('201 with the device; seats, holdings and history show it', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2 });
      const [p] = persons;
      const [a] = await assets(1);
      const res = await activate(license, p, a);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        assetId: a,
        activatedAt: expect.stringMatching(ISO),
        activatedBy: t.admin.userId,
      });
      const seats: Seat[] = (await t.admin.get(url(license, '/seats'))).body;
      expect(seats).toEqual([expect.objectContaining({ personId: p, devices: [res.body] })]);
      const mine = await t.admin.get(`/api/v1/persons/${p}/licenses`).expect(200);
      expect(mine.body).toEqual([
        expect.objectContaining({ licenseId: license, kind: 'seat', devices: [res.body] }),
      ]);
      const onAsset = await t.admin.get(`/api/v1/assets/${a}/licenses`).expect(200);
      expect(onAsset.body).toEqual([
        expect.objectContaining({
          licenseId: license,
          kind: 'device',
          seatId: seats[0].id,
          personId: p,
          devices: [res.body],
        }),
      ]);
      expect((await history(license))[0]).toMatchObject({
        action: 'activate',
        actorId: t.admin.userId,
        personId: p,
        assetId: a,
      });
      expect(await counters(license)).toEqual({ active_devices: 1, device_resets: 0 });
    });

    it('ACTIVATION_LIMIT past maxActivationsPerUser, with the numbers', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2 });
      const [a1, a2, a3] = await assets(3);
      await activate(license, persons[0], a1).expect(201);
      await activate(license, persons[0], a2).expect(201);
      const body = expectError(await activate(license, persons[0], a3), 422, 'ACTIVATION_LIMIT');
      expect(body.details).toEqual({ limit: 'maxActivationsPerUser', max: 2, active: 2 });
      expect(await devicesOf(license, persons[0])).toEqual([a1, a2].sort());

      // The default is one device per user.
      const single = await seated({});
      await activate(single.license, single.persons[0], a1).expect(201);
      const one = expectError(await activate(single.license, single.persons[0], a2), 422, 'ACTIVATION_LIMIT');
      expect(one.details).toEqual({ limit: 'maxActivationsPerUser', max: 1, active: 1 });
    });

    it('ACTIVATION_LIMIT past maxActivations, counted across persons', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2, maxActivations: 3 }, 2);
      const [p1, p2] = persons;
      const [a1, a2, a3, a4] = await assets(4);
      await activate(license, p1, a1).expect(201);
      await activate(license, p1, a2).expect(201);
      await activate(license, p2, a3).expect(201);
      const body = expectError(await activate(license, p2, a4), 422, 'ACTIVATION_LIMIT');
      expect(body.details).toEqual({ limit: 'maxActivations', max: 3, active: 3 });
      expect(await devicesOf(license, p2)).toEqual([a3]);
      expect(await counters(license)).toMatchObject({ active_devices: 3 });
    });

    it('never passes the per-user limit under concurrent activations', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2 });
      const ids = await assets(6);
      const results = await Promise.all(ids.map((a) => activate(license, persons[0], a)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 422, 422, 422, 422]);
      expect(await devicesOf(license, persons[0])).toHaveLength(2);
      expect(await counters(license)).toMatchObject({ active_devices: 2 });
    });

    it('refuses: per_device license, no seat, the same device twice, a retired asset, unknown ids', async () => {
      const perDevice = await f.license({ metric: 'per_device' });
      const p = await person();
      const [a, retired] = await assets(2);
      await t.admin.patch(`/api/v1/assets/${retired}`).send({ status: 'retired' }).expect(200);
      const metric = expectError(await activate(perDevice.id, p, a), 422, 'WRONG_METRIC');
      expect(metric.details).toMatchObject({ metric: 'per_device' });

      const { license, persons } = await seated({ maxActivationsPerUser: 3 });
      const stranger = await person();
      const none = expectError(await activate(license, stranger, a), 404, 'NOT_ASSIGNED');
      expect(none.details).toEqual({ licenseId: license, personId: stranger });

      await activate(license, persons[0], a).expect(201);
      const twice = expectError(await activate(license, persons[0], a), 409, 'ALREADY_ACTIVATED');
      expect(twice.details).toEqual({ assetId: a });
      const gone = expectError(await activate(license, persons[0], retired), 422, 'RETIRED_ASSET');
      expect(gone.details).toEqual({ assetIds: [retired] });

      expectError(await activate(license, persons[0], UNKNOWN), 404, 'NOT_FOUND');
      expectError(await activate(UNKNOWN, persons[0], a), 404, 'NOT_FOUND');
      for (const body of [{}, { assetId: 'nope' }, { assetId: a, extra: 1 }]) {
        const res = await t.admin.post(url(license, `/persons/${persons[0]}/devices`)).send(body);
        expectError(res, 400, 'VALIDATION_FAILED');
      }
      expectError(await activate(license, 'not-a-uuid', a), 400, 'INVALID_ID');
      expect(await devicesOf(license, persons[0])).toEqual([a]);
      expect(await counters(license)).toMatchObject({ active_devices: 1 });
    });
  });

  describe('reset', () => {
    it('resets one device: 200 with the count; RESET_LIMIT at the limit, with the numbers', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2, maxDeviceResets: 2 });
      const [p] = persons;
      const [a1, a2] = await assets(2);
      await activate(license, p, a1).expect(201);
      await activate(license, p, a2).expect(201);

      const first = await resetDevice(license, p, a1);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        licenseId: license,
        personId: p,
        reset: [a1],
        deviceResets: 1,
        maxDeviceResets: 2,
      });
      expect(await devicesOf(license, p)).toEqual([a2]);
      expect((await history(license))[0]).toMatchObject({ action: 'reset', personId: p, assetId: a1 });

      expect((await resetDevice(license, p, a2).expect(200)).body).toMatchObject({
        reset: [a2],
        deviceResets: 2,
      });
      await activate(license, p, a1).expect(201);
      const body = expectError(await resetDevice(license, p, a1), 422, 'RESET_LIMIT');
      expect(body.details).toEqual({ max: 2, used: 2, remaining: 0, requested: 1 });
      expect(await devicesOf(license, p)).toEqual([a1]);
      expect(await counters(license)).toEqual({ active_devices: 1, device_resets: 2 });
    });

    it("resets all of a person's devices, all or none against the remaining resets", async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 3, maxDeviceResets: 3 });
      const [p] = persons;
      const [a1, a2, a3] = await assets(3);
      for (const a of [a1, a2, a3]) await activate(license, p, a).expect(201);
      await resetDevice(license, p, a1).expect(200);
      await activate(license, p, a1).expect(201);

      const refused = expectError(await resetPerson(license, p), 422, 'RESET_LIMIT');
      expect(refused.details).toEqual({ max: 3, used: 1, remaining: 2, requested: 3 });
      expect(await devicesOf(license, p)).toEqual([a1, a2, a3].sort());
      expect(await counters(license)).toEqual({ active_devices: 3, device_resets: 1 });

      await resetDevice(license, p, a3).expect(200);
      const still = expectError(await resetPerson(license, p), 422, 'RESET_LIMIT');
      expect(still.details).toEqual({ max: 3, used: 2, remaining: 1, requested: 2 });
      expect(await devicesOf(license, p)).toEqual([a1, a2].sort());

      await t.admin.patch(url(license)).send({ maxDeviceResets: 4 }).expect(200);
      const res = await resetPerson(license, p);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        licenseId: license,
        personId: p,
        deviceResets: 4,
        maxDeviceResets: 4,
      });
      expect([...res.body.reset].sort()).toEqual([a1, a2].sort());
      expect(await devicesOf(license, p)).toEqual([]);
      expect((await history(license)).slice(0, 2).map((e) => e.action)).toEqual(['reset', 'reset']);
      const below = expectError(
        await t.admin.patch(url(license)).send({ maxDeviceResets: 3 }),
        409,
        'RESETS_BELOW_USE',
      );
      expect(below.details).toEqual({ maxDeviceResets: 3, used: 4 });
    });

    it('resets all without a limit, and each reset is counted', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2 });
      const [a1, a2] = await assets(2);
      await activate(license, persons[0], a1).expect(201);
      await activate(license, persons[0], a2).expect(201);
      const res = await resetPerson(license, persons[0]).expect(200);
      expect(res.body).toMatchObject({ deviceResets: 2, maxDeviceResets: null });
      expect(await counters(license)).toEqual({ active_devices: 0, device_resets: 2 });
      // With nothing active, nothing is reset or counted.
      expect((await resetPerson(license, persons[0]).expect(200)).body).toMatchObject({
        reset: [],
        deviceResets: 2,
      });
    });

    it('404 for a device not activated, a person without a seat, an unknown license', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2, maxDeviceResets: 5 });
      const [a1, a2] = await assets(2);
      await activate(license, persons[0], a1).expect(201);
      const body = expectError(await resetDevice(license, persons[0], a2), 404, 'NOT_ACTIVATED');
      expect(body.details).toEqual({ assetId: a2 });
      const stranger = await person();
      expectError(await resetDevice(license, stranger, a1), 404, 'NOT_ASSIGNED');
      expectError(await resetPerson(license, stranger), 404, 'NOT_ASSIGNED');
      expectError(await resetDevice(UNKNOWN, persons[0], a1), 404, 'NOT_FOUND');
      expectError(await resetDevice(license, persons[0], 'not-a-uuid'), 400, 'INVALID_ID');
      expect(await counters(license)).toEqual({ active_devices: 1, device_resets: 0 });
      expect(await devicesOf(license, persons[0])).toEqual([a1]);
    });

    it('finance may not activate or reset (403); a department head may', async () => {
      const unit = await f.orgUnit();
      const license = await f.license({ orgUnitId: unit.id, maxActivationsPerUser: 2 });
      const p = (await f.person({ orgUnitId: unit.id })).id;
      await t.admin
        .post(url(license.id, '/persons'))
        .send({ personIds: [p] })
        .expect(201);
      const a = (await f.asset({ orgUnitId: unit.id })).id; // a head activates on assets of their unit only
      const finance = await t.as('finance');
      expectError(await activate(license.id, p, a, finance), 403);
      const head = await t.as('department_head', unit.id);
      expect((await activate(license.id, p, a, head)).status).toBe(201);
      expectError(await finance.post(url(license.id, `/persons/${p}/devices/${a}/reset`)), 403);
      expectError(await finance.post(url(license.id, `/persons/${p}/reset`)), 403);
      await head.post(url(license.id, `/persons/${p}/devices/${a}/reset`)).expect(200);
      expectError(await t.http.post(url(license.id, `/persons/${p}/reset`)), 401);
    });
  });

  describe('devices and seats', () => {
    it('unassigning a person deactivates their devices and frees the license activations', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2, maxActivations: 2 }, 2);
      const [p1, p2] = persons;
      const [a1, a2] = await assets(2);
      await activate(license, p1, a1).expect(201);
      await activate(license, p1, a2).expect(201);
      expectError(await activate(license, p2, a1), 422, 'ACTIVATION_LIMIT');

      await t.admin.delete(url(license, `/persons/${p1}`)).expect(204);
      expect((await history(license))[0]).toMatchObject({
        action: 'unassign',
        personId: p1,
        details: { reason: 'unassigned', devices: expect.arrayContaining([a1, a2]) },
      });
      const seats: Seat[] = (await t.admin.get(url(license, '/seats'))).body;
      expect(seats).toEqual([expect.objectContaining({ personId: p2, devices: [] })]);
      expect((await t.admin.get(`/api/v1/assets/${a1}/licenses`)).body).toEqual([]);
      expect((await t.admin.get(`/api/v1/persons/${p1}/licenses`)).body).toEqual([]);
      expect(await counters(license)).toMatchObject({ active_devices: 0 });
      await activate(license, p2, a1).expect(201);
      await activate(license, p2, a2).expect(201);
    });

    it('a transferred seat leaves its devices behind', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2 });
      const [a] = await assets(1);
      await activate(license, persons[0], a).expect(201);
      const seats: Seat[] = (await t.admin.get(url(license, '/seats'))).body;
      const to = await person();
      await t.admin
        .post(url(license, `/seats/${seats[0].id}/transfer`))
        .send({ personId: to })
        .expect(200);
      expect(await devicesOf(license, to)).toEqual([]);
      expect((await t.admin.get(`/api/v1/assets/${a}/licenses`)).body).toEqual([]);
      expect(await counters(license)).toMatchObject({ active_devices: 0 });
      await activate(license, to, a).expect(201);
    });

    it('ACTIVATIONS_BELOW_USE: maxActivations cannot drop below the active devices', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2, maxActivations: 3 });
      const [a1, a2] = await assets(2);
      await activate(license, persons[0], a1).expect(201);
      await activate(license, persons[0], a2).expect(201);
      const body = expectError(
        await t.admin.patch(url(license)).send({ maxActivations: 1 }),
        409,
        'ACTIVATIONS_BELOW_USE',
      );
      expect(body.details).toEqual({ maxActivations: 1, active: 2 });
      expect((await t.admin.get(url(license))).body.maxActivations).toBe(3);
      await t.admin.patch(url(license)).send({ maxActivations: 2 }).expect(200);
      await t.admin.patch(url(license)).send({ maxActivations: null }).expect(200);
    });

    it('the database refuses raw device inserts past maxActivationsPerUser and maxActivations', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 1, maxActivations: 2 }, 3);
      const [a1, a2, a3] = await assets(3);
      const seats: Seat[] = (await t.admin.get(url(license, '/seats'))).body;
      const seatOf = (p: string) => seats.find((s) => s.personId === p)!.id;
      const insert = (p: string, a: string) =>
        t.dataSource.query('INSERT INTO seat_devices (seat_id, license_id, asset_id) VALUES ($1, $2, $3)', [
          seatOf(p),
          license,
          a,
        ]);
      await insert(persons[0], a1);
      await expect(insert(persons[0], a2)).rejects.toMatchObject({
        driverError: expect.objectContaining({ constraint: 'ck_seat_devices__per_user_limit' }),
      });
      await insert(persons[1], a2);
      await expect(insert(persons[2], a3)).rejects.toMatchObject({
        driverError: expect.objectContaining({ constraint: 'ck_licenses__active_devices' }),
      });
      expect(await counters(license)).toMatchObject({ active_devices: 2 });
      expect(await devicesOf(license, persons[0])).toEqual([a1]);
      expect(await devicesOf(license, persons[2])).toEqual([]);
    });

    it("a refusal by the database's own guard answers the same 422, numbers included", async () => {
      // The service's own checks switched off: only the database's CHECKs and triggers are left.
      const spies = [
        jest.spyOn(seatRules, 'assertActivationAllowed').mockImplementation(() => undefined),
        jest.spyOn(seatRules, 'assertResetsAllowed').mockImplementation(() => undefined),
      ];
      try {
        const { license, persons } = await seated({ maxActivationsPerUser: 1, maxActivations: 2 }, 3);
        const [a1, a2, a3] = await assets(3);
        await activate(license, persons[0], a1).expect(201);
        const perUser = expectError(await activate(license, persons[0], a2), 422, 'ACTIVATION_LIMIT');
        expect(perUser.details).toEqual({ limit: 'maxActivationsPerUser', max: 1, active: 1 });
        await activate(license, persons[1], a2).expect(201);
        const total = expectError(await activate(license, persons[2], a3), 422, 'ACTIVATION_LIMIT');
        expect(total.details).toEqual({ limit: 'maxActivations', max: 2, active: 2 });

        const limited = await seated({ maxActivationsPerUser: 2, maxDeviceResets: 1 });
        const [p] = limited.persons;
        await activate(limited.license, p, a1).expect(201);
        await activate(limited.license, p, a3).expect(201);
        const resets = expectError(await resetPerson(limited.license, p), 422, 'RESET_LIMIT');
        expect(resets.details).toEqual({ max: 1, used: 0, remaining: 1, requested: 2 });
        expect(await counters(limited.license)).toEqual({ active_devices: 2, device_resets: 0 });
        expect(spies.every((spy) => spy.mock.calls.length > 0)).toBe(true);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    });

    it('the database counts resets itself, and refuses a raw change of a counter', async () => {
      const { license, persons } = await seated({ maxActivationsPerUser: 2, maxDeviceResets: 5 });
      const [a1, a2] = await assets(2);
      await activate(license, persons[0], a1).expect(201);
      await activate(license, persons[0], a2).expect(201);
      // A raw reset is counted like the app's own; a device ended for another reason is not.
      await t.dataSource.query(
        `UPDATE seat_devices SET deactivated_at = now(), deactivation_reason = 'reset' WHERE asset_id = $1`,
        [a1],
      );
      await t.dataSource.query(
        `UPDATE seat_devices SET deactivated_at = now(), deactivation_reason = 'unassigned' WHERE asset_id = $1`,
        [a2],
      );
      expect(await counters(license)).toEqual({ active_devices: 0, device_resets: 1 });
      for (const sql of [
        'UPDATE licenses SET device_resets = 0 WHERE id = $1',
        'UPDATE licenses SET used_seats = used_seats - 1 WHERE id = $1',
        'UPDATE licenses SET active_devices = 5 WHERE id = $1',
      ]) {
        await expect(t.dataSource.query(sql, [license])).rejects.toMatchObject({
          driverError: expect.objectContaining({ constraint: 'ck_licenses__counters_by_trigger' }),
        });
      }
      await expect(
        t.dataSource.query('UPDATE license_seats SET active_devices = 1 WHERE license_id = $1', [license]),
      ).rejects.toMatchObject({
        driverError: expect.objectContaining({ constraint: 'ck_license_seats__counters_by_trigger' }),
      });
      expect(await counters(license)).toEqual({ active_devices: 0, device_resets: 1 });
      expect((await t.admin.get(url(license)).expect(200)).body.usedSeats).toBe(1);
    });
  });
});
