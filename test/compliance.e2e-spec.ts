import { createTestApp, expectError, TestApp } from './helpers/test-app';
import { factories } from './helpers/factories';

describe('compliance report', () => {
  let t: TestApp;
  let make: ReturnType<typeof factories>;
  beforeAll(async () => {
    t = await createTestApp();
    make = factories(t.admin);
  });
  afterAll(() => t.close());

  const report = async (query = '') => {
    const res = await t.admin.get(`/api/v1/reports/compliance${query}`);
    expect(res.status).toBe(200);
    return res.body as {
      items: { licenseId: string; findings: { code: string; count: number }[] }[];
      total: number;
    };
  };
  const findingsOf = async (licenseId: string) =>
    (
      await report(`?q=${encodeURIComponent((await t.admin.get(`/api/v1/licenses/${licenseId}`)).body.name)}`)
    ).items[0].findings.map((f) => [f.code, f.count]);

  it('answers per license quantity, use, status and no findings when clean', async () => {
    const license = await make.license({ quantity: 3 });
    const person = await make.person();
    await t.admin
      .post(`/api/v1/licenses/${license.id}/persons`)
      .send({ personIds: [person.id] })
      .expect(201);
    const { items } = await report(`?q=${encodeURIComponent(license.name)}`);
    expect(items).toEqual([
      {
        licenseId: license.id,
        name: license.name,
        metric: 'per_user',
        quantity: 3,
        used: 1,
        available: 2,
        status: 'active',
        expirationDate: null,
        activeDevices: 0,
        findings: [],
      },
    ]);
  });

  it('finds an expired license still in use', async () => {
    const license = await make.license({ quantity: 2 });
    const person = await make.person();
    await t.admin
      .post(`/api/v1/licenses/${license.id}/persons`)
      .send({ personIds: [person.id] })
      .expect(201);
    await t.admin.patch(`/api/v1/licenses/${license.id}`).send({ expirationDate: '2020-01-01' }).expect(200);
    expect(await findingsOf(license.id)).toEqual([['EXPIRED_IN_USE', 1]]);
  });

  it('finds seats held outside the scope after a person moved department', async () => {
    const root = await make.orgUnit();
    const sales = await make.orgUnit({ parentId: root.id });
    const it_ = await make.orgUnit({ parentId: root.id });
    const license = await make.license({ orgUnitId: sales.id });
    const person = await make.person({ orgUnitId: sales.id });
    await t.admin
      .post(`/api/v1/licenses/${license.id}/persons`)
      .send({ personIds: [person.id] })
      .expect(201);
    expect(await findingsOf(license.id)).toEqual([]);
    await t.admin.patch(`/api/v1/persons/${person.id}`).send({ orgUnitId: it_.id }).expect(200);
    expect(await findingsOf(license.id)).toEqual([['OUT_OF_SCOPE', 1]]);
  });

  it('finds seats of deactivated persons left by data from outside the app, and devices over the limit', async () => {
    const license = await make.license({ quantity: 5, maxActivationsPerUser: 2 });
    const [ann, bob] = [await make.person(), await make.person()];
    await t.admin
      .post(`/api/v1/licenses/${license.id}/persons`)
      .send({ personIds: [ann.id, bob.id] })
      .expect(201);
    for (const n of [1, 2]) {
      const asset = await make.asset();
      await t.admin
        .post(`/api/v1/licenses/${license.id}/persons/${ann.id}/devices`)
        .send({ assetId: asset.id })
        .expect(201);
      expect(n).toBeGreaterThan(0);
    }
    // The per-user limit lowered after the fact; a person deactivated by a direct database edit.
    await t.admin.patch(`/api/v1/licenses/${license.id}`).send({ maxActivationsPerUser: 1 }).expect(200);
    await t.dataSource.query('UPDATE persons SET active = false WHERE id = $1', [bob.id]);
    expect(await findingsOf(license.id)).toEqual([
      ['INACTIVE_HOLDERS', 1],
      ['OVER_ACTIVATION_LIMIT', 1],
    ]);
  });

  it('filters like the license list, pages, and can keep only licenses with findings', async () => {
    const all = await report('?pageSize=500');
    expect(all.total).toBeGreaterThanOrEqual(4);
    const flagged = await report('?onlyFindings=true&pageSize=500');
    expect(flagged.items.length).toBe(flagged.total);
    expect(flagged.items.every((r) => r.findings.length > 0)).toBe(true);
    expect(flagged.total).toBeLessThan(all.total);
    expect(
      (await report('?status=expired')).items.every(
        (r) => (r as unknown as { status: string }).status === 'expired',
      ),
    ).toBe(true);
    expect((await report('?pageSize=1&page=2')).items).toHaveLength(1);
    expectError(await t.admin.get('/api/v1/reports/compliance?onlyFindings=maybe'), 400);
    expectError(await t.admin.get('/api/v1/reports/compliance?metric=per_seat'), 400);
  });

  it('is for admins, asset managers and finance', async () => {
    expect((await (await t.as('finance')).get('/api/v1/reports/compliance')).status).toBe(200);
    const unit = await make.orgUnit();
    expectError(await (await t.as('department_head', unit.id)).get('/api/v1/reports/compliance'), 403);
    expectError(await t.http.get('/api/v1/reports/compliance'), 401);
  });
});
