import { factories } from './helpers/factories';
import { Api, createTestApp, expectError, TEST_ADMIN, TestApp } from './helpers/test-app';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KEY = 'QWERT-98765-ZXCVB-43210-9F8E';

interface AuditEvent {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('audit trail', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  let manager: Api;
  let finance: Api;

  const list = async (query: Record<string, string | number> = {}, api?: Api) => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
    const res = await (api ?? t.admin).get(`/api/v1/audit-events?${qs}`);
    expect(res.status).toBe(200);
    return res.body as { items: AuditEvent[]; total: number; page: number; pageSize: number };
  };
  const eventsOf = async (entity: string, entityId: string) =>
    (await list({ entity, entityId, pageSize: 500 })).items;
  /** Every stored event whose before or after contains `text` (raw SQL, the whole table). */
  const rowsContaining = async (text: string): Promise<unknown[]> =>
    t.dataSource.query(`SELECT id FROM audit_events WHERE before::text LIKE $1 OR after::text LIKE $1`, [
      `%${text}%`,
    ]);

  beforeAll(async () => {
    t = await createTestApp();
    f = factories(t.admin);
    manager = await t.as('asset_manager');
    finance = await t.as('finance');
  });
  afterAll(() => t.close());

  describe('changes of records', () => {
    it('records a create with the whole row and the caller as actor', async () => {
      const org = (await manager.post('/api/v1/organizations').send({ name: 'Audit Org', kind: 'supplier' }))
        .body;
      const [event] = await eventsOf('organization', org.id);
      expect(event).toEqual({
        id: expect.any(String),
        at: expect.stringMatching(ISO),
        actorId: manager.userId,
        action: 'create',
        entity: 'organization',
        entityId: org.id,
        before: null,
        after: { id: org.id, name: 'Audit Org', kind: 'supplier', createdAt: org.createdAt },
      });
    });

    it('records an update with the changed fields only, camelCase, without updatedAt; no-op updates none', async () => {
      const org = (await manager.post('/api/v1/organizations').send({ name: 'Before Co', kind: 'internal' }))
        .body;
      await manager.patch(`/api/v1/organizations/${org.id}`).send({ name: 'After Co' }).expect(200);
      await manager
        .patch(`/api/v1/organizations/${org.id}`)
        .send({ name: 'After Co', kind: 'internal' })
        .expect(200);
      const events = await eventsOf('organization', org.id);
      expect(events.map((e) => e.action)).toEqual(['update', 'create']);
      expect(events[0]).toMatchObject({
        actorId: manager.userId,
        before: { name: 'Before Co' },
        after: { name: 'After Co' },
      });
      expect(Object.keys(events[0].before!)).toEqual(['name']);
      expect(Object.keys(events[0].after!)).toEqual(['name']);

      // An org unit update runs in an explicit transaction (TransactionRunner): same actor.
      const unit = await f.orgUnit();
      await manager.patch(`/api/v1/org-units/${unit.id}`).send({ organizationId: org.id }).expect(200);
      const [unitUpdate] = await eventsOf('org_unit', unit.id);
      expect(unitUpdate).toMatchObject({
        action: 'update',
        actorId: manager.userId,
        before: { organizationId: null },
        after: { organizationId: org.id },
      });
    });

    it('records a delete with the row before it', async () => {
      const org = (
        await manager.post('/api/v1/organizations').send({ name: 'Gone Co', kind: 'manufacturer' })
      ).body;
      await manager.delete(`/api/v1/organizations/${org.id}`).expect(204);
      const [event] = await eventsOf('organization', org.id);
      expect(event).toMatchObject({
        action: 'delete',
        actorId: manager.userId,
        entityId: org.id,
        before: { id: org.id, name: 'Gone Co', kind: 'manufacturer', createdAt: org.createdAt },
        after: null,
      });
    });

    it('shows money as decimal strings and leaves out the seat counters of a license', async () => {
      const license = await f.license({ netUnitPrice: '99.90', vatRate: '19', quantity: 3 });
      const [created] = await eventsOf('license', license.id);
      expect(created.after).toMatchObject({
        name: license.name,
        netUnitPrice: '99.90',
        vatRate: '19.00',
        quantity: 3,
      });
      for (const field of ['usedSeats', 'activeDevices', 'deviceResets', 'updatedAt'])
        expect(created.after).not.toHaveProperty(field);
    });

    it('an update that fails leaves no event; neither does a rolled-back transaction', async () => {
      await manager.post('/api/v1/organizations').send({ name: 'Taken Name', kind: 'internal' }).expect(201);
      const org = (await manager.post('/api/v1/organizations').send({ name: 'Free Name', kind: 'internal' }))
        .body;
      expectError(await manager.patch(`/api/v1/organizations/${org.id}`).send({ name: 'Taken Name' }), 409);
      expect((await eventsOf('organization', org.id)).map((e) => e.action)).toEqual(['create']);

      // The embedded engine has one connection: release it before asking over HTTP.
      const runner = t.dataSource.createQueryRunner();
      let orgId: string;
      try {
        await runner.startTransaction();
        const [row] = await runner.query(
          `INSERT INTO organizations (name, kind) VALUES ('Rolled Back', 'internal') RETURNING id`,
        );
        orgId = row.id;
        const [inside] = await runner.query(
          `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1`,
          [orgId],
        );
        expect(inside.n).toBe(1);
        await runner.rollbackTransaction();
      } finally {
        await runner.release();
      }
      expect(await eventsOf('organization', orgId)).toEqual([]);
    });

    it('keeps each request its own actor when requests run at once', async () => {
      const callers = Array.from({ length: 12 }, (_, i) => (i % 2 ? manager : t.admin));
      const created = await Promise.all(
        callers.map((api, i) =>
          api
            .post('/api/v1/organizations')
            .send({ name: `Parallel ${i}`, kind: 'internal' })
            .expect(201),
        ),
      );
      for (const [i, res] of created.entries()) {
        const [event] = await eventsOf('organization', res.body.id);
        expect(event.actorId).toBe(callers[i].userId);
      }
    });

    it('records raw SQL and start-up changes with a null actor', async () => {
      const [row] = await t.dataSource.query(
        `INSERT INTO license_categories (name) VALUES ('Raw SQL category') RETURNING id`,
      );
      const [event] = await eventsOf('license_category', row.id);
      expect(event).toMatchObject({ action: 'create', actorId: null });

      const [admin] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [TEST_ADMIN.email]);
      const [seeded] = await eventsOf('user', admin.id).then((events) =>
        events.filter((e) => e.action === 'create'),
      );
      expect(seeded).toMatchObject({ actorId: null, after: { email: TEST_ADMIN.email, role: 'admin' } });
    });
  });

  describe('seat events', () => {
    it('records assign, device activation and unassign with the actor, and no license update', async () => {
      const license = await f.license({ metric: 'per_user', quantity: 2, maxActivationsPerUser: 2 });
      const person = await f.person();
      const asset = await f.asset();
      const [seat] = (
        await manager
          .post(`/api/v1/licenses/${license.id}/persons`)
          .send({ personIds: [person.id] })
          .expect(201)
      ).body;
      await manager
        .post(`/api/v1/licenses/${license.id}/persons/${person.id}/devices`)
        .send({ assetId: asset.id })
        .expect(201);
      await manager.delete(`/api/v1/licenses/${license.id}/persons/${person.id}`).expect(204);

      const seatEvents = await eventsOf('seat', seat.id);
      expect(seatEvents.map((e) => e.action)).toEqual(['update', 'create']);
      expect(seatEvents[1]).toMatchObject({
        actorId: manager.userId,
        before: null,
        after: { id: seat.id, licenseId: license.id, personId: person.id, assetId: null, releasedAt: null },
      });
      expect(seatEvents[1].after).not.toHaveProperty('activeDevices');
      expect(seatEvents[0]).toMatchObject({
        actorId: manager.userId,
        before: { releasedAt: null, releasedBy: null },
        after: { releasedAt: expect.stringMatching(ISO), releasedBy: manager.userId },
      });

      const [activation] = (await list({ entity: 'device', action: 'create', actorId: manager.userId }))
        .items;
      expect(activation.after).toMatchObject({ seatId: seat.id, assetId: asset.id, licenseId: license.id });
      const devices = await eventsOf('device', activation.entityId!);
      expect(devices.map((e) => e.action)).toEqual(['update', 'create']);
      expect(devices[0]).toMatchObject({
        actorId: manager.userId,
        before: { deactivatedAt: null },
        after: { deactivatedAt: expect.stringMatching(ISO) },
      });

      // The counters the seat triggers keep on the license are no license change.
      expect((await eventsOf('license', license.id)).map((e) => e.action)).toEqual(['create']);
    });
  });

  describe('secrets', () => {
    it('never shows a license key in clear', async () => {
      const license = await f.license({ metric: 'per_device' });
      const key = (
        await manager.post(`/api/v1/licenses/${license.id}/keys`).send({ key: KEY, note: 'n' }).expect(201)
      ).body;
      const [event] = await eventsOf('license_key', key.id);
      expect(event).toMatchObject({
        action: 'create',
        actorId: manager.userId,
        after: { id: key.id, licenseId: license.id, keyEncrypted: '[encrypted]', note: 'n' },
      });
      await manager.delete(`/api/v1/licenses/${license.id}/keys/${key.id}`).expect(204);
      const [deleted] = await eventsOf('license_key', key.id);
      expect(deleted).toMatchObject({ action: 'delete', before: { keyEncrypted: '[encrypted]' } });

      expect(await rowsContaining(KEY)).toEqual([]);
      expect(await rowsContaining('9F8E')).toEqual([]);
      const stored = await t.dataSource.query(`SELECT key_encrypted FROM license_keys LIMIT 1`);
      if (stored[0]) expect(await rowsContaining(stored[0].key_encrypted.slice(0, 16))).toEqual([]);
    });

    it('never shows a password or its hash', async () => {
      const password = 'Audit-Secret-Password-1';
      const user = (
        await t.admin
          .post('/api/v1/users')
          .send({ email: 'audited@test.local', password, displayName: 'Audited', role: 'finance' })
          .expect(201)
      ).body;
      await t.admin
        .patch(`/api/v1/users/${user.id}`)
        .send({ password: `${password}-2` })
        .expect(200);
      await t.admin.patch(`/api/v1/users/${user.id}`).send({ displayName: 'Renamed' }).expect(200);
      const events = await eventsOf('user', user.id);
      expect(events.map((e) => e.action)).toEqual(['update', 'update', 'create']);
      expect(events[2]).toMatchObject({
        actorId: t.admin.userId,
        after: { email: 'audited@test.local', passwordHash: '[hidden]' },
      });
      // A new password shows as such, and as the new token version that ends the old sessions.
      expect(events[1]).toEqual(
        expect.objectContaining({
          before: { passwordHash: '[hidden]', tokenVersion: 1 },
          after: { passwordHash: '[hidden]', tokenVersion: 2 },
        }),
      );
      expect(events[0]).toEqual(
        expect.objectContaining({ before: { displayName: 'Audited' }, after: { displayName: 'Renamed' } }),
      );

      const [{ password_hash: hash }] = await t.dataSource.query(
        `SELECT password_hash FROM users WHERE id = $1`,
        [user.id],
      );
      expect(await rowsContaining(hash)).toEqual([]);
      expect(await rowsContaining('$argon2')).toEqual([]);
      expect(await rowsContaining(password)).toEqual([]);
    });
  });

  describe('logins', () => {
    it('records a login and a failed one, never the password', async () => {
      const email = 'login.audit@test.local';
      const password = 'Login-Audit-Password-1';
      const user = (
        await t.admin
          .post('/api/v1/users')
          .send({ email, password, displayName: 'L', role: 'finance' })
          .expect(201)
      ).body;

      await t.http.post('/api/v1/auth/login').send({ email: email.toUpperCase(), password }).expect(200);
      await t.http.post('/api/v1/auth/login').send({ email, password: 'Wrong-Password-12345' }).expect(401);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'nobody.audit@test.local', password: 'Wrong-Password-12345' })
        .expect(401);

      const logins = (await list({ entity: 'user', entityId: user.id })).items.filter((e) =>
        e.action.startsWith('login'),
      );
      expect(logins).toEqual([
        expect.objectContaining({
          action: 'login_failed',
          actorId: null,
          entityId: user.id,
          after: { email, reason: 'wrong_credentials' },
        }),
        expect.objectContaining({ action: 'login', actorId: user.id, entityId: user.id, after: { email } }),
      ]);
      const [unknown] = (await list({ action: 'login_failed' })).items;
      expect(unknown).toMatchObject({
        actorId: null,
        entity: 'user',
        entityId: null,
        before: null,
        after: { email: 'nobody.audit@test.local', reason: 'wrong_credentials' },
      });
      expect(await rowsContaining('Wrong-Password')).toEqual([]);
      expect(await rowsContaining(password)).toEqual([]);
    });

    it('records a throttled attempt as a failed login with its reason, the email bounded', async () => {
      const domain = '.throttled@test.local';
      const email = `${'x'.repeat(254 - domain.length)}${domain}`; // the longest accepted
      const attempt = () =>
        t.http.post('/api/v1/auth/login').send({ email, password: 'Throttled-Password-1' });
      let last = await attempt();
      for (let i = 0; i < 20 && last.status !== 429; i++) last = await attempt();
      expectError(last, 429, 'TOO_MANY_REQUESTS');

      const [event] = (await list({ action: 'login_failed' })).items;
      expect(event).toMatchObject({
        actorId: null,
        entity: 'user',
        entityId: null,
        after: { email, reason: 'throttled' },
      });
      const failed = (await list({ action: 'login_failed', q: 'throttled@test.local', pageSize: 500 })).items;
      // Newest first: the default LOGIN_MAX_ATTEMPTS of 10 failures, then the refused one.
      expect(failed.map((e) => e.after?.reason)).toEqual([
        'throttled',
        ...Array<string>(10).fill('wrong_credentials'),
      ]);
      // Longer than any email address: refused before anything is checked or written.
      const tooLong = await t.http.post('/api/v1/auth/login').send({ email: `y${email}`, password: 'x' });
      expectError(tooLong, 400);
      expect(await rowsContaining(`y${email}`)).toEqual([]);
    });
  });

  describe('reading', () => {
    it('filters by entity, id, actor, action and time, newest first, in pages', async () => {
      const org = (await manager.post('/api/v1/organizations').send({ name: 'Paged Co', kind: 'internal' }))
        .body;
      for (const name of ['Paged Co 2', 'Paged Co 3', 'Paged Co 4'])
        await manager.patch(`/api/v1/organizations/${org.id}`).send({ name }).expect(200);

      const all = await eventsOf('organization', org.id);
      expect(all.map((e) => e.after?.name)).toEqual(['Paged Co 4', 'Paged Co 3', 'Paged Co 2', 'Paged Co']);
      const ids = all.map((e) => BigInt(e.id));
      expect([...ids].sort((a, b) => (a < b ? 1 : -1))).toEqual(ids);

      const page2 = await list({ entity: 'organization', entityId: org.id, pageSize: 3, page: 2 });
      expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(page2.items.map((e) => e.id)).toEqual([all[3].id]);

      const updates = await list({ entityId: org.id, action: 'update' });
      expect(updates.total).toBe(3);
      const byActor = await list({ actorId: manager.userId, pageSize: 500 });
      expect(byActor.items.every((e) => e.actorId === manager.userId)).toBe(true);
      expect(byActor.items.map((e) => e.id)).toEqual(expect.arrayContaining(all.map((e) => e.id)));
      // Finance only logged in.
      expect((await list({ actorId: finance.userId })).items.map((e) => e.action)).toEqual(['login']);

      const day = all[0].at.slice(0, 10);
      const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const prev = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect((await list({ entityId: org.id, from: day, to: day })).total).toBe(4);
      expect((await list({ entityId: org.id, from: next })).total).toBe(0);
      expect((await list({ entityId: org.id, to: prev })).total).toBe(0);
      expect((await list({ entityId: org.id, from: all[1].at })).total).toBe(2);
      expect((await list({ entityId: org.id, to: all[2].at })).total).toBe(2);

      expect((await list({ entityId: org.id, q: 'Paged Co 3' })).total).toBe(2);
    });

    it('refuses malformed filters with 400', async () => {
      for (const qs of [
        'from=yesterday',
        'to=2026-02-30',
        'entity=nothing',
        'actorId=42',
        'action=read',
        'sort=name',
      ])
        expectError(await t.admin.get(`/api/v1/audit-events?${qs}`), 400);
    });

    it('is for admin, asset_manager and finance: 403 for a department head, 401 without a token', async () => {
      await list({}, manager);
      await list({}, finance);
      const unit = await f.orgUnit();
      const head = await t.as('department_head', unit.id);
      expectError(await head.get('/api/v1/audit-events'), 403);
      expectError(await t.http.get('/api/v1/audit-events'), 401);
    });
  });

  describe('append-only in the database', () => {
    it('refuses UPDATE, DELETE and TRUNCATE of audit events, even from raw SQL', async () => {
      const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`);
      await expect(t.dataSource.query(`UPDATE audit_events SET actor_id = NULL`)).rejects.toThrow(
        /append-only/,
      );
      await expect(t.dataSource.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
      const after = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`);
      expect(after[0].n).toBe(before[0].n);
    });
  });
});
