import { KeyCipher } from '../src/platform/crypto/key-cipher';
import { Api, createTestApp, expectError, TestApp } from './helpers/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const KEY = 'ABCDE-12345-FGHIJ-67890-1A2B';

describe('license keys', () => {
  let t: TestApp;
  let licenseId: string;
  let names = 0;
  const newLicense = async () =>
    (
      await t.admin
        .post('/api/v1/licenses')
        .send({ name: `Keyed ${++names}`, metric: 'per_device', quantity: 5 })
        .expect(201)
    ).body.id as string;
  const keysUrl = (id = licenseId) => `/api/v1/licenses/${id}/keys`;
  const addKey = async (body: Record<string, unknown>, id = licenseId) =>
    (await t.admin.post(keysUrl(id)).send(body).expect(201)).body;
  const storedKeys = async (id = licenseId): Promise<Array<{ id: string; key_encrypted: string }>> =>
    t.dataSource.query('SELECT id, key_encrypted FROM license_keys WHERE license_id = $1', [id]);

  beforeAll(async () => {
    t = await createTestApp();
    licenseId = await newLicense();
  });
  afterAll(() => t.close());

  it('adds a key and lists it in clear for an admin', async () => {
    const created = await t.admin
      .post(keysUrl())
      .send({ key: `  ${KEY}  `, note: 'OEM for the reception PC' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      key: KEY,
      note: 'OEM for the reception PC',
      seatId: null,
    });
    const list = await t.admin.get(keysUrl());
    expect(list.status).toBe(200);
    expect(list.body).toEqual([created.body]);
  });

  it('stores keys encrypted: no clear key in the database, a fresh nonce per value', async () => {
    const id = await newLicense();
    await addKey({ key: KEY }, id);
    await addKey({ key: KEY }, id);
    const rows = await storedKeys(id);
    expect(rows).toHaveLength(2);
    const cipher = new KeyCipher(t.config);
    for (const row of rows) {
      expect(row.key_encrypted).not.toContain(KEY);
      expect(row.key_encrypted).not.toContain('1A2B');
      expect(Buffer.from(row.key_encrypted, 'base64').toString('latin1')).not.toContain('1A2B');
      expect(Buffer.from(row.key_encrypted, 'base64')).toHaveLength(12 + KEY.length + 16);
      expect(cipher.decrypt(row.key_encrypted)).toBe(KEY);
    }
    expect(rows[0].key_encrypted).not.toBe(rows[1].key_encrypted);
    const [dump] = await t.dataSource.query(
      `SELECT count(*) AS n FROM license_keys k WHERE row_to_json(k)::text LIKE '%1A2B%'`,
    );
    expect(Number(dump.n)).toBe(0);
  });

  it('shows keys in clear to admin and asset manager, masked to finance and department heads', async () => {
    const id = await newLicense();
    await addKey({ key: KEY, note: 'n1' }, id);
    await addKey({ key: 'XYZ' }, id);
    const clear = [
      { id: expect.any(String), key: KEY, note: 'n1', seatId: null },
      { id: expect.any(String), key: 'XYZ', note: null, seatId: null },
    ];
    const masked = [
      { id: expect.any(String), key: '*****-1A2B', note: 'n1', seatId: null },
      { id: expect.any(String), key: '*****', note: null, seatId: null },
    ];
    const [{ id: unitId }] = await t.dataSource.query(
      `INSERT INTO org_units (name, code) VALUES ('Sales', 'SALES') RETURNING id`,
    );
    const seen = async (api: Api) => {
      const res = await api.get(keysUrl(id));
      expect(res.status).toBe(200);
      return res.body;
    };
    expect(await seen(t.admin)).toEqual(clear);
    expect(await seen(await t.as('asset_manager'))).toEqual(clear);
    expect(await seen(await t.as('finance'))).toEqual(masked);
    expect(await seen(await t.as('department_head', unitId))).toEqual(masked);
  });

  it('lets an asset manager add and delete keys, but not finance or a department head', async () => {
    const manager = await t.as('asset_manager');
    const key = (await manager.post(keysUrl()).send({ key: 'MGR-KEY-0001' }).expect(201)).body;
    expect(key.key).toBe('MGR-KEY-0001');
    const [{ id: unitId }] = await t.dataSource.query(
      `INSERT INTO org_units (name, code) VALUES ('Ops', 'OPS') RETURNING id`,
    );
    for (const api of [await t.as('finance'), await t.as('department_head', unitId)]) {
      expectError(await api.post(keysUrl()).send({ key: 'NOPE-0000' }), 403, 'FORBIDDEN');
      expectError(await api.delete(`${keysUrl()}/${key.id}`), 403, 'FORBIDDEN');
    }
    expect((await storedKeys()).map((r) => r.id)).toContain(key.id);
    expect(await manager.delete(`${keysUrl()}/${key.id}`).then((r) => r.status)).toBe(204);
  });

  it('refuses bad keys with 400 and writes nothing', async () => {
    const before = (await storedKeys()).length;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ key: '' }, ['key']],
      [{ key: '   ' }, ['key']],
      [{}, ['key']],
      [{ key: 12345 }, ['key']],
      [{ key: 'k'.repeat(501) }, ['key']],
      [{ key: 'OK-1', note: 'n'.repeat(501) }, ['note']],
      [{ key: 'OK-1', seatId: 'seat-1' }, ['seatId']],
      [{ key: 'OK-1', extra: 1 }, ['extra']],
    ];
    for (const [body, fields] of cases) {
      const res = expectError(await t.admin.post(keysUrl()).send(body), 400, 'VALIDATION_FAILED');
      expect(Object.keys(res.details).sort()).toEqual(fields);
    }
    // no seats exist yet, so any seat id is unknown
    const seat = expectError(
      await t.admin.post(keysUrl()).send({ key: 'OK-1', seatId: UNKNOWN }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expect(Object.keys(seat.details)).toEqual(['seatId']);
    expect((await storedKeys()).length).toBe(before);
    // the limits themselves are allowed
    const long = await addKey({ key: 'k'.repeat(500), note: 'n'.repeat(500), seatId: null });
    expect(long.key).toHaveLength(500);
  });

  it('deletes a key: 204, then 404', async () => {
    const key = await addKey({ key: 'DEL-ME-0001' });
    expect((await t.admin.delete(`${keysUrl()}/${key.id}`)).status).toBe(204);
    expect((await t.admin.get(keysUrl())).body.map((k: { id: string }) => k.id)).not.toContain(key.id);
    expectError(await t.admin.delete(`${keysUrl()}/${key.id}`), 404, 'NOT_FOUND');
  });

  it('answers 404 for unknown licenses and keys, and for a key of another license', async () => {
    expectError(await t.admin.get(keysUrl(UNKNOWN)), 404, 'NOT_FOUND');
    expectError(await t.admin.post(keysUrl(UNKNOWN)).send({ key: 'ORPHAN-1' }), 404, 'NOT_FOUND');
    expectError(await t.admin.delete(`${keysUrl()}/${UNKNOWN}`), 404, 'NOT_FOUND');
    const other = await newLicense();
    const key = await addKey({ key: 'OTHER-0001' }, other);
    expectError(await t.admin.delete(`${keysUrl()}/${key.id}`), 404, 'NOT_FOUND');
    expect((await storedKeys(other)).map((r) => r.id)).toEqual([key.id]);
    expectError(await t.admin.get(keysUrl('nope')), 400, 'INVALID_ID');
    expectError(await t.admin.delete(`${keysUrl()}/nope`), 400, 'INVALID_ID');
  });

  it('deletes the keys with their license', async () => {
    const id = await newLicense();
    await addKey({ key: 'GONE-0001' }, id);
    await addKey({ key: 'GONE-0002' }, id);
    await t.admin.delete(`/api/v1/licenses/${id}`).expect(204);
    expect(await storedKeys(id)).toEqual([]);
    expectError(await t.admin.get(keysUrl(id)), 404);
  });

  it('needs a token', async () => {
    expectError(await t.http.get(keysUrl()), 401);
    expectError(await t.http.post(keysUrl()).send({ key: 'X-1' }), 401);
    expectError(await t.http.delete(`${keysUrl()}/${UNKNOWN}`), 401);
  });
});
