import { factories } from './helpers/factories';
import { Api, createTestApp, TestApp } from './helpers/test-app';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A department head reads seats of their subtree, and the answers about them name no
 * person or asset outside it (DOMAIN.md, "Who uses it": persons and assets of their
 * subtree): not the devices a holder of theirs activated elsewhere, not the holder of
 * an activation on their asset, not a transfer's previous holder, not the ended devices
 * of a release. The tree: root > A > A1, root > B; the head sits on A. The licenses
 * have no org unit, so they are usable (and visible) everywhere.
 */
describe('department head: seat answers name nothing outside their subtree', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  let head: Api;
  const unit: Record<'a' | 'a1' | 'b', Rec> = {} as never;

  const url = (licenseId: string, rest = '') => `/api/v1/licenses/${licenseId}${rest}`;
  const personIn = async (key: keyof typeof unit) =>
    (await f.person({ orgUnitId: unit[key].id })).id as string;
  const assetIn = async (key: keyof typeof unit) => (await f.asset({ orgUnitId: unit[key].id })).id as string;
  const assign = (licenseId: string, personIds: string[]) =>
    t.admin.post(url(licenseId, '/persons')).send({ personIds }).expect(201);
  const activate = (licenseId: string, personId: string, assetId: string) =>
    t.admin
      .post(url(licenseId, `/persons/${personId}/devices`))
      .send({ assetId })
      .expect(201);
  const seats = async (api: Api, licenseId: string): Promise<Rec[]> =>
    (await api.get(url(licenseId, '/seats')).expect(200)).body;
  const history = async (api: Api, licenseId: string): Promise<Rec[]> =>
    (await api.get(url(licenseId, '/history')).expect(200)).body.items;
  const deviceIds = (seat: Rec) => (seat.devices as Rec[]).map((d) => d.assetId).sort();

  beforeAll(async () => {
    t = await createTestApp();
    f = factories(t.admin);
    const root = await f.orgUnit({ name: 'Root' });
    unit.a = await f.orgUnit({ name: 'A', parentId: root.id });
    unit.a1 = await f.orgUnit({ name: 'A1', parentId: unit.a.id });
    unit.b = await f.orgUnit({ name: 'B', parentId: root.id });
    head = await t.as('department_head', unit.a.id);
  });
  afterAll(() => t.close());

  it("a seat's devices: only those on assets of the subtree", async () => {
    const license = await f.license({ maxActivationsPerUser: 3 });
    const p = await personIn('a');
    const [inA, inA1, inB] = [await assetIn('a'), await assetIn('a1'), await assetIn('b')];
    await assign(license.id, [p]);
    for (const a of [inA, inA1, inB]) await activate(license.id, p, a);

    const [seen] = await seats(head, license.id);
    expect(deviceIds(seen)).toEqual([inA, inA1].sort());
    expect(deviceIds((await seats(t.admin, license.id))[0])).toEqual([inA, inA1, inB].sort());
    const held = (await head.get(`/api/v1/persons/${p}/licenses`).expect(200)).body as Rec[];
    expect(held.map(deviceIds)).toEqual([[inA, inA1].sort()]);
  });

  it("an asset's activations: the seat's holder only when theirs", async () => {
    const license = await f.license({ quantity: 2 });
    const [mine, theirs] = [await personIn('a1'), await personIn('b')];
    const [asset1, asset2] = [await assetIn('a'), await assetIn('a')];
    await assign(license.id, [mine, theirs]);
    await activate(license.id, theirs, asset1);
    await activate(license.id, mine, asset2);

    const held = async (api: Api, assetId: string) =>
      ((await api.get(`/api/v1/assets/${assetId}/licenses`).expect(200)).body as Rec[]).map((h) => ({
        kind: h.kind,
        personId: h.personId,
      }));
    expect(await held(head, asset1)).toEqual([{ kind: 'device', personId: null }]);
    expect(await held(t.admin, asset1)).toEqual([{ kind: 'device', personId: theirs }]);
    expect(await held(head, asset2)).toEqual([{ kind: 'device', personId: mine }]);
  });

  it("history: a transfer's previous holder, a release's devices and a device event's asset, only when theirs", async () => {
    const license = await f.license({ quantity: 3, maxActivationsPerUser: 2 });
    const [p, p1, outsider] = [await personIn('a'), await personIn('a1'), await personIn('b')];
    const [inA, inB] = [await assetIn('a'), await assetIn('b')];
    await assign(license.id, [outsider, p1]);
    const seatOf = async (personId: string) =>
      (await seats(t.admin, license.id)).find((s) => s.personId === personId)!.id as string;
    const transfer = async (seatId: string, personId: string) =>
      t.admin
        .post(url(license.id, `/seats/${seatId}/transfer`))
        .send({ personId })
        .expect(200);

    // From B into A, then from A1 to A (inside the subtree): the first `from` is left out.
    const fromOutsider = await seatOf(outsider);
    await transfer(fromOutsider, p);
    await t.admin.delete(url(license.id, `/persons/${p}`)).expect(204);
    await transfer(await seatOf(p1), p);
    await activate(license.id, p, inA);
    await activate(license.id, p, inB);
    await t.admin.delete(url(license.id, `/persons/${p}`)).expect(204);

    const seen = await history(head, license.id);
    const all = await history(t.admin, license.id);
    const transfers = (events: Rec[]) => events.filter((e) => e.action === 'transfer' && e.personId === p);
    expect(transfers(all).map((e) => e.details.from)).toEqual([
      { personId: p1, assetId: null },
      { personId: outsider, assetId: null },
    ]);
    expect(transfers(seen).map((e) => e.details.from)).toEqual([{ personId: p1, assetId: null }, undefined]);
    expect(transfers(seen)[1].details.fromSeatId).toBe(fromOutsider);

    const [release] = seen.filter((e) => e.action === 'unassign');
    expect(release.details).toEqual({ reason: 'unassigned', devices: [inA] });
    expect(all.find((e) => e.action === 'unassign')!.details.devices.sort()).toEqual([inA, inB].sort());

    const activations = (events: Rec[]) =>
      events.filter((e) => e.action === 'activate').map((e) => [e.personId, e.assetId]);
    expect(activations(seen)).toEqual([
      [p, null],
      [p, inA],
    ]);
    expect(activations(all)).toEqual([
      [p, inB],
      [p, inA],
    ]);
    // Nothing about the outsider's own seat events.
    expect(JSON.stringify(seen)).not.toContain(outsider);
    expect(JSON.stringify(seen)).not.toContain(inB);
  });

  it('offboarding and resets answer only the devices of the subtree', async () => {
    const license = await f.license({ maxActivationsPerUser: 2 });
    const [p, q] = [await personIn('a'), await personIn('a')];
    const [inA, inB, inA1, inB2] = [
      await assetIn('a'),
      await assetIn('b'),
      await assetIn('a1'),
      await assetIn('b'),
    ];
    await assign(license.id, [p, q]);
    await activate(license.id, p, inA);
    await activate(license.id, p, inB);
    await activate(license.id, q, inA1);
    await activate(license.id, q, inB2);

    const reset = (await head.post(url(license.id, `/persons/${q}/reset`)).expect(200)).body;
    expect(reset).toMatchObject({ personId: q, reset: [inA1], deviceResets: 2 });

    const offboard = (await head.post(`/api/v1/persons/${p}/offboard`).expect(200)).body;
    expect(offboard.released).toEqual([
      { licenseId: license.id, seatId: expect.any(String), kind: 'seat', devices: [inA] },
    ]);
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM seat_devices WHERE license_id = $1 AND deactivated_at IS NULL`,
      [license.id],
    );
    expect(row.n).toBe(0);
  });
});
