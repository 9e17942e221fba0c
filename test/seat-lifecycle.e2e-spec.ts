import { factories } from './helpers/factories';
import { createTestApp, expectError, TestApp } from './helpers/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface Seat {
  id: string;
  licenseId: string;
  personId: string | null;
  assetId: string | null;
  devices: Array<{ assetId: string }>;
}
type SeatEvent = Record<string, unknown> & { action: string; details: Record<string, unknown> };

/** Transfers, what happens to seats when holders end, license edits against use, and the database's own guard. */
describe('seats: transfer, lifecycle, license edits, database guarantees', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  const url = (licenseId: string, rest = '') => `/api/v1/licenses/${licenseId}${rest}`;
  const assign = (licenseId: string, personIds: string[]) =>
    t.admin.post(url(licenseId, '/persons')).send({ personIds }).expect(201);
  const assignAssets = (licenseId: string, assetIds: string[]) =>
    t.admin.post(url(licenseId, '/assets')).send({ assetIds }).expect(201);
  const activate = (licenseId: string, personId: string, assetId: string) =>
    t.admin
      .post(url(licenseId, `/persons/${personId}/devices`))
      .send({ assetId })
      .expect(201);
  const transfer = (licenseId: string, seatId: string, body: Record<string, unknown>) =>
    t.admin.post(url(licenseId, `/seats/${seatId}/transfer`)).send(body);
  const seatsOf = async (licenseId: string): Promise<Seat[]> =>
    (await t.admin.get(url(licenseId, '/seats')).expect(200)).body;
  const seatOf = async (licenseId: string, holderId: string) =>
    (await seatsOf(licenseId)).find((s) => s.personId === holderId || s.assetId === holderId);
  const holders = async (licenseId: string) =>
    (await seatsOf(licenseId)).map((s) => s.personId ?? s.assetId).sort();
  const usedSeats = async (licenseId: string) =>
    (await t.admin.get(url(licenseId)).expect(200)).body.usedSeats as number;
  const history = async (licenseId: string): Promise<SeatEvent[]> =>
    (await t.admin.get(url(licenseId, '/history')).expect(200)).body.items;
  const keysOf = async (licenseId: string) =>
    (await t.admin.get(url(licenseId, '/keys')).expect(200)).body as Array<{
      id: string;
      seatId: string | null;
    }>;
  const held = async (kind: 'persons' | 'assets', id: string) =>
    (await t.admin.get(`/api/v1/${kind}/${id}/licenses`).expect(200)).body as unknown[];
  const activeDevicesInDb = async (licenseId: string) =>
    (await t.dataSource.query('SELECT active_devices FROM licenses WHERE id = $1', [licenseId]))[0]
      .active_devices as number;

  beforeAll(async () => {
    t = await createTestApp();
    f = factories(t.admin);
  });
  afterAll(() => t.close());

  describe('transfer', () => {
    it('moves a person seat to another person: old holder freed, count unchanged, the bound key follows', async () => {
      const license = await f.license({ quantity: 2 });
      const [p1, p2, p3] = [(await f.person()).id, (await f.person()).id, (await f.person()).id];
      await assign(license.id, [p1, p2]);
      const from = (await seatOf(license.id, p1))!;
      const key = (
        await t.admin
          .post(url(license.id, '/keys'))
          .send({ key: 'OEM-KEY-0001', seatId: from.id })
          .expect(201)
      ).body;
      const free = (await t.admin.post(url(license.id, '/keys')).send({ key: 'FREE-KEY-0002' }).expect(201))
        .body;

      const res = await transfer(license.id, from.id, { personId: p3 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          licenseId: license.id,
          personId: p3,
          assetId: null,
          assignedBy: t.admin.userId,
        }),
      );
      expect(res.body.id).not.toBe(from.id);
      expect(await holders(license.id)).toEqual([p2, p3].sort());
      expect(await usedSeats(license.id)).toBe(2);
      expect(await keysOf(license.id)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: key.id, seatId: res.body.id }),
          expect.objectContaining({ id: free.id, seatId: null }),
        ]),
      );
      expect(await held('persons', p1)).toEqual([]);
      expect(await held('persons', p3)).toEqual([expect.objectContaining({ seatId: res.body.id })]);

      const [latest, released] = await history(license.id);
      expect(latest).toMatchObject({
        action: 'transfer',
        actorId: t.admin.userId,
        personId: p3,
        details: { fromSeatId: from.id, from: { personId: p1, assetId: null } },
      });
      expect(released).toMatchObject({
        action: 'transfer',
        personId: p1,
        details: { reason: 'transferred' },
      });
      // The old seat can no longer be transferred.
      expectError(await transfer(license.id, from.id, { personId: p1 }), 404);
    });

    it('moves an asset seat to another asset', async () => {
      const license = await f.license({ metric: 'per_device', quantity: 1 });
      const [a1, a2] = [(await f.asset()).id, (await f.asset()).id];
      const [seat] = (await assignAssets(license.id, [a1])).body;
      const res = await transfer(license.id, seat.id, { assetId: a2 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ assetId: a2, personId: null });
      expect(await holders(license.id)).toEqual([a2]);
      expect(await usedSeats(license.id)).toBe(1);
      expect(await held('assets', a1)).toEqual([]);
      expect((await history(license.id))[0]).toMatchObject({
        action: 'transfer',
        assetId: a2,
        details: { from: { assetId: a1, personId: null } },
      });
    });

    it('refuses an inactive, out-of-scope, already-holding or wrong-kind target, and nothing changes', async () => {
      const unit = await f.orgUnit();
      const other = await f.orgUnit();
      const license = await f.license({ orgUnitId: unit.id, quantity: 3 });
      const [p1, p2] = [
        (await f.person({ orgUnitId: unit.id })).id,
        (await f.person({ orgUnitId: unit.id })).id,
      ];
      const inactive = (await f.person({ orgUnitId: unit.id, active: false })).id;
      const outside = (await f.person({ orgUnitId: other.id })).id;
      const asset = (await f.asset({ orgUnitId: unit.id })).id;
      await assign(license.id, [p1, p2]);
      const seat = (await seatOf(license.id, p1))!;
      const key = (
        await t.admin.post(url(license.id, '/keys')).send({ key: 'BOUND-KEY-1', seatId: seat.id }).expect(201)
      ).body;
      const before = { seats: await seatsOf(license.id), events: await history(license.id) };

      expectError(await transfer(license.id, seat.id, { personId: inactive }), 422, 'INACTIVE_PERSON');
      const scope = expectError(
        await transfer(license.id, seat.id, { personId: outside }),
        422,
        'OUT_OF_SCOPE',
      );
      expect(scope.details).toEqual({ orgUnitId: unit.id, personIds: [outside] });
      const taken = expectError(
        await transfer(license.id, seat.id, { personId: p2 }),
        409,
        'ALREADY_ASSIGNED',
      );
      expect(taken.details).toEqual({ personIds: [p2] });
      expectError(await transfer(license.id, seat.id, { personId: p1 }), 409, 'ALREADY_ASSIGNED');
      expectError(await transfer(license.id, seat.id, { assetId: asset }), 422, 'WRONG_METRIC');
      expectError(await transfer(license.id, seat.id, { personId: UNKNOWN }), 404, 'NOT_FOUND');
      expectError(await transfer(license.id, UNKNOWN, { personId: outside }), 404);
      expectError(await transfer(UNKNOWN, seat.id, { personId: p2 }), 404);
      const elsewhere = await f.license({ quantity: 1 });
      expectError(await transfer(elsewhere.id, seat.id, { personId: outside }), 404);

      expect(await seatsOf(license.id)).toEqual(before.seats);
      expect(await history(license.id)).toEqual(before.events);
      expect(await keysOf(license.id)).toEqual([expect.objectContaining({ id: key.id, seatId: seat.id })]);
      expect(await usedSeats(license.id)).toBe(2);
    });

    it('400 unless the body names exactly one of personId or assetId, as a UUID', async () => {
      const license = await f.license();
      const [p1, p2] = [(await f.person()).id, (await f.person()).id];
      const asset = (await f.asset()).id;
      await assign(license.id, [p1]);
      const seat = (await seatOf(license.id, p1))!;
      for (const body of [
        {},
        { personId: p2, assetId: asset },
        { personId: 'nope' },
        { assetId: null },
        { personId: p2, extra: true },
      ]) {
        expectError(await transfer(license.id, seat.id, body), 400, 'VALIDATION_FAILED');
      }
      expectError(await transfer(license.id, 'not-a-uuid', { personId: p2 }), 400, 'INVALID_ID');
      expect(await holders(license.id)).toEqual([p1]);
    });
  });

  describe('holders that end', () => {
    it('deactivating a person releases their seats and devices, with the reason in history', async () => {
      const l1 = await f.license({ maxActivationsPerUser: 2 });
      const l2 = await f.license();
      const p = (await f.person()).id;
      const a = (await f.asset()).id;
      await assign(l1.id, [p]);
      await assign(l2.id, [p]);
      await activate(l1.id, p, a);
      // Other edits release nothing.
      await t.admin.patch(`/api/v1/persons/${p}`).send({ firstName: 'Renamed' }).expect(200);
      expect(await held('persons', p)).toHaveLength(2);

      const res = await t.admin.patch(`/api/v1/persons/${p}`).send({ active: false });
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
      expect(await held('persons', p)).toEqual([]);
      expect(await held('assets', a)).toEqual([]);
      expect(await usedSeats(l1.id)).toBe(0);
      expect(await usedSeats(l2.id)).toBe(0);
      expect(await activeDevicesInDb(l1.id)).toBe(0);
      expect((await history(l1.id))[0]).toMatchObject({
        action: 'release',
        actorId: t.admin.userId,
        personId: p,
        details: { reason: 'person_deactivated', devices: [a] },
      });
      expect((await history(l2.id))[0]).toMatchObject({
        action: 'release',
        details: { reason: 'person_deactivated' },
      });
      // Back to active, the person takes a seat again.
      await t.admin.patch(`/api/v1/persons/${p}`).send({ active: true }).expect(200);
      await assign(l2.id, [p]);
    });

    it('retiring an asset releases its seats and its activations on per_user seats', async () => {
      const perDevice = await f.license({ metric: 'per_device' });
      const perUser = await f.license();
      const a = (await f.asset()).id;
      const p = (await f.person()).id;
      await assignAssets(perDevice.id, [a]);
      await assign(perUser.id, [p]);
      await activate(perUser.id, p, a);

      await t.admin.patch(`/api/v1/assets/${a}`).send({ status: 'retired' }).expect(200);
      expect(await held('assets', a)).toEqual([]);
      expect(await seatsOf(perDevice.id)).toEqual([]);
      // The person keeps the seat; only the device is gone.
      expect(await seatsOf(perUser.id)).toEqual([expect.objectContaining({ personId: p, devices: [] })]);
      expect(await activeDevicesInDb(perUser.id)).toBe(0);
      expect((await history(perDevice.id))[0]).toMatchObject({
        action: 'release',
        assetId: a,
        details: { reason: 'asset_retired' },
      });
      expect((await history(perUser.id))[0]).toMatchObject({
        action: 'release',
        personId: p,
        assetId: a,
        details: { reason: 'asset_retired', devices: [a] },
      });
    });

    it('deleting an asset releases first; its history stays', async () => {
      const license = await f.license({ metric: 'per_device', quantity: 1 });
      const a = (await f.asset()).id;
      await assignAssets(license.id, [a]);
      await t.admin.delete(`/api/v1/assets/${a}`).expect(204);
      expect(await usedSeats(license.id)).toBe(0);
      expect((await history(license.id)).map((e) => [e.action, e.assetId, e.details.reason])).toEqual([
        ['release', a, 'asset_deleted'],
        ['assign', a, undefined],
      ]);
      await assignAssets(license.id, [(await f.asset()).id]);
    });

    it('deleting a person releases first; refused whole (409) while an asset names them as owner', async () => {
      const license = await f.license({ quantity: 1 });
      const p = (await f.person()).id;
      await assign(license.id, [p]);
      const owned = (await f.asset({ ownerPersonId: p })).id;
      expectError(await t.admin.delete(`/api/v1/persons/${p}`), 409, 'IN_USE');
      expect(await holders(license.id)).toEqual([p]);
      expect(await usedSeats(license.id)).toBe(1);

      await t.admin.patch(`/api/v1/assets/${owned}`).send({ ownerPersonId: null }).expect(200);
      await t.admin.delete(`/api/v1/persons/${p}`).expect(204);
      expect(await usedSeats(license.id)).toBe(0);
      expect((await history(license.id))[0]).toMatchObject({
        action: 'release',
        personId: p,
        details: { reason: 'person_deleted' },
      });
    });

    it('offboarding releases every seat and device, answers what it released, and deactivates', async () => {
      const l1 = await f.license({ maxActivationsPerUser: 2 });
      const l2 = await f.license();
      const p = (await f.person()).id;
      const [a1, a2] = [(await f.asset()).id, (await f.asset()).id];
      await assign(l1.id, [p]);
      await assign(l2.id, [p]);
      await activate(l1.id, p, a1);
      await activate(l1.id, p, a2);
      const s1 = (await seatOf(l1.id, p))!;
      const s2 = (await seatOf(l2.id, p))!;

      const res = await t.admin.post(`/api/v1/persons/${p}/offboard`);
      expect(res.status).toBe(200);
      expect(res.body.released).toHaveLength(2);
      expect(res.body.released).toEqual(
        expect.arrayContaining([
          { licenseId: l1.id, seatId: s1.id, kind: 'seat', devices: expect.arrayContaining([a1, a2]) },
          { licenseId: l2.id, seatId: s2.id, kind: 'seat', devices: [] },
        ]),
      );
      expect((await t.admin.get(`/api/v1/persons/${p}`).expect(200)).body.active).toBe(false);
      expect(await held('persons', p)).toEqual([]);
      expect(await usedSeats(l1.id)).toBe(0);
      expect(await activeDevicesInDb(l1.id)).toBe(0);
      expect((await history(l1.id))[0]).toMatchObject({
        action: 'release',
        details: { reason: 'offboarded' },
      });

      expect((await t.admin.post(`/api/v1/persons/${p}/offboard`)).body).toEqual({ released: [] });
      expectError(await t.admin.post(`/api/v1/persons/${UNKNOWN}/offboard`), 404, 'NOT_FOUND');
    });
  });

  describe('license edits against use', () => {
    it('QUANTITY_BELOW_USE: quantity cannot drop below the seats in use', async () => {
      const license = await f.license({ quantity: 3 });
      const ids = [(await f.person()).id, (await f.person()).id, (await f.person()).id];
      await assign(license.id, ids);
      const body = expectError(
        await t.admin.patch(url(license.id)).send({ quantity: 2 }),
        409,
        'QUANTITY_BELOW_USE',
      );
      expect(body.details).toEqual({ quantity: 2, used: 3 });
      expect((await t.admin.get(url(license.id))).body.quantity).toBe(3);
      await t.admin.patch(url(license.id)).send({ quantity: 3 }).expect(200);
      const raised = await t.admin.patch(url(license.id)).send({ quantity: 5 }).expect(200);
      expect(raised.body).toMatchObject({ quantity: 5, usedSeats: 3, availableSeats: 2 });
    });

    it('METRIC_IN_USE while seats are held; allowed once they are free', async () => {
      const license = await f.license({ quantity: 2 });
      const p = (await f.person()).id;
      await assign(license.id, [p]);
      expectError(await t.admin.patch(url(license.id)).send({ metric: 'per_device' }), 409, 'METRIC_IN_USE');
      expect((await t.admin.get(url(license.id))).body.metric).toBe('per_user');
      await t.admin.delete(url(license.id, `/persons/${p}`)).expect(204);
      await t.admin.patch(url(license.id)).send({ metric: 'per_device' }).expect(200);
    });

    it('DELETE is refused with seats in use (409 IN_USE), 204 once unassigned; history rows outlive it', async () => {
      const license = await f.license({ quantity: 2 });
      const p = (await f.person()).id;
      await assign(license.id, [p]);
      const body = expectError(await t.admin.delete(url(license.id)), 409, 'IN_USE');
      expect(body.details).toEqual({ usedSeats: 1 });
      await t.admin.get(url(license.id)).expect(200);
      await t.admin.delete(url(license.id, `/persons/${p}`)).expect(204);
      await t.admin.delete(url(license.id)).expect(204);
      expectError(await t.admin.get(url(license.id)), 404);
      const [{ n }] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM seat_events WHERE license_id = $1',
        [license.id],
      );
      expect(n).toBe(2);
    });
  });

  describe('database guarantees', () => {
    const rejectsOn = (sql: Promise<unknown>, constraint: string) =>
      expect(sql).rejects.toMatchObject({ driverError: expect.objectContaining({ constraint }) });

    it('refuses a raw seat insert past quantity, and a raw quantity below use', async () => {
      const license = await f.license({ quantity: 2 });
      const [p1, p2, p3] = [(await f.person()).id, (await f.person()).id, (await f.person()).id];
      const insert = (personId: string) =>
        t.dataSource.query('INSERT INTO license_seats (license_id, person_id) VALUES ($1, $2)', [
          license.id,
          personId,
        ]);
      await insert(p1);
      await insert(p2);
      await rejectsOn(insert(p3), 'ck_licenses__used_seats');
      // The answers count what the database holds, raw inserts included.
      expect((await t.admin.get(url(license.id))).body).toMatchObject({ usedSeats: 2, availableSeats: 0 });
      expect(await holders(license.id)).toEqual([p1, p2].sort());
      await rejectsOn(
        t.dataSource.query('UPDATE licenses SET quantity = 1 WHERE id = $1', [license.id]),
        'ck_licenses__used_seats',
      );
      expect((await t.admin.get(url(license.id))).body.quantity).toBe(2);
      // A second active seat for the same person is refused too.
      await t.admin.patch(url(license.id)).send({ quantity: 3 }).expect(200);
      await rejectsOn(insert(p1), 'uq_license_seats__license_id__person_id');
    });

    it('keeps seat history append-only: raw UPDATE and DELETE are refused', async () => {
      const license = await f.license();
      await assign(license.id, [(await f.person()).id]);
      await expect(
        t.dataSource.query(`UPDATE seat_events SET action = 'unassign' WHERE license_id = $1`, [license.id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.dataSource.query('DELETE FROM seat_events WHERE license_id = $1', [license.id]),
      ).rejects.toThrow(/append-only/);
      expect((await history(license.id)).map((e) => e.action)).toEqual(['assign']);
    });

    it('a released seat keeps no active device: a raw device insert on it, or a raw release past its devices, is refused', async () => {
      const license = await f.license({ maxActivationsPerUser: 2 });
      const p = (await f.person()).id;
      const [a1, a2] = [(await f.asset()).id, (await f.asset()).id];
      await assign(license.id, [p]);
      await activate(license.id, p, a1);
      const seat = (await seatOf(license.id, p))!;
      await rejectsOn(
        t.dataSource.query('UPDATE license_seats SET released_at = now() WHERE id = $1', [seat.id]),
        'ck_license_seats__released_without_devices',
      );
      expect(await usedSeats(license.id)).toBe(1);

      await t.admin.delete(url(license.id, `/persons/${p}`)).expect(204);
      await rejectsOn(
        t.dataSource.query('INSERT INTO seat_devices (seat_id, license_id, asset_id) VALUES ($1, $2, $3)', [
          seat.id,
          license.id,
          a2,
        ]),
        'ck_license_seats__released_without_devices',
      );
      const [row] = await t.dataSource.query(
        `SELECT s.active_devices AS seat, (SELECT count(*)::int FROM seat_devices d
            WHERE d.seat_id = s.id AND d.deactivated_at IS NULL) AS rows
           FROM license_seats s WHERE s.id = $1`,
        [seat.id],
      );
      expect(row).toEqual({ seat: 0, rows: 0 });
      expect(await activeDevicesInDb(license.id)).toBe(0);
    });

    it('activations racing the release of their person leave no device on a released seat', async () => {
      const license = await f.license({ quantity: 20, maxActivationsPerUser: 3 });
      const persons = await Promise.all(Array.from({ length: 6 }, async () => (await f.person()).id));
      const assets = await Promise.all(Array.from({ length: 6 }, async () => (await f.asset()).id));
      await assign(license.id, persons);
      // Each person is released one way while a device is being activated for them.
      const release = (p: string, i: number) =>
        [
          () => t.admin.patch(`/api/v1/persons/${p}`).send({ active: false }),
          () => t.admin.post(`/api/v1/persons/${p}/offboard`),
          () => t.admin.delete(`/api/v1/persons/${p}`),
        ][i % 3]();
      const replies = await Promise.all(
        persons.flatMap((p, i) => [
          t.admin.post(url(license.id, `/persons/${p}/devices`)).send({ assetId: assets[i] }),
          release(p, i),
        ]),
      );
      expect(replies.filter((r) => r.status >= 500)).toEqual([]);
      for (const r of replies.filter((_, i) => i % 2 === 0)) expect([201, 404]).toContain(r.status);
      const [stray] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM seat_devices d JOIN license_seats s ON s.id = d.seat_id
          WHERE s.license_id = $1 AND d.deactivated_at IS NULL`,
        [license.id],
      );
      expect(stray.n).toBe(0);
      expect(await usedSeats(license.id)).toBe(0);
      expect(await activeDevicesInDb(license.id)).toBe(0);
      // Every seat ended once, and every device activated was ended with it.
      const events = await history(license.id);
      const ends = events.filter((e) => e.action === 'release');
      expect(ends.map((e) => e.personId).sort()).toEqual([...persons].sort());
      const activated = events.filter((e) => e.action === 'activate').map((e) => e.assetId);
      expect(ends.flatMap((e) => e.details.devices as string[]).sort()).toEqual(activated.sort());
    });

    it('a seat ended by two requests at once is recorded once', async () => {
      const license = await f.license({ quantity: 10 });
      const persons = await Promise.all(Array.from({ length: 5 }, async () => (await f.person()).id));
      await assign(license.id, persons);
      const replies = await Promise.all(
        persons.flatMap((p) => [
          t.admin.delete(url(license.id, `/persons/${p}`)),
          t.admin.patch(`/api/v1/persons/${p}`).send({ active: false }),
        ]),
      );
      expect(replies.filter((r) => r.status >= 500)).toEqual([]);
      const ends = (await history(license.id)).filter((e) => ['unassign', 'release'].includes(e.action));
      expect(ends.map((e) => e.personId).sort()).toEqual([...persons].sort());
      expect(await usedSeats(license.id)).toBe(0);
    });

    it('a released seat stays released and keeps its holder', async () => {
      const license = await f.license();
      const [p1, p2] = [(await f.person()).id, (await f.person()).id];
      await assign(license.id, [p1]);
      const seat = (await seatOf(license.id, p1))!;
      await rejectsOn(
        t.dataSource.query('UPDATE license_seats SET person_id = $2 WHERE id = $1', [seat.id, p2]),
        'ck_license_seats__immutable',
      );
      await t.admin.delete(url(license.id, `/persons/${p1}`)).expect(204);
      await rejectsOn(
        t.dataSource.query('UPDATE license_seats SET released_at = NULL WHERE id = $1', [seat.id]),
        'ck_license_seats__immutable',
      );
      expect(await usedSeats(license.id)).toBe(0);
    });
  });
});
