import { ConfigError } from '../src/platform/config/app-config';
import { SeedService } from '../src/io/seed/seed.service';
import { createTestApp, TEST_ADMIN, TestApp } from './helpers/test-app';

const DEMO_PASSWORD = 'Seatkeeper-Demo-1';
const DEMO_LOGINS = [
  { role: 'asset_manager', email: 'asset.manager@seatkeeper.local', password: DEMO_PASSWORD },
  { role: 'department_head', email: 'department.head@seatkeeper.local', password: DEMO_PASSWORD },
  { role: 'finance', email: 'finance@seatkeeper.local', password: DEMO_PASSWORD },
];
const REGISTER = [
  'organizations',
  'org_units',
  'locations',
  'license_categories',
  'software',
  'persons',
  'assets',
  'licenses',
];
const EMPTY_REGISTER = {
  ...Object.fromEntries(REGISTER.map((table) => [table, 0])),
  license_keys: 0,
  license_seats: 0,
  seat_devices: 0,
  seat_events: 0,
};

async function counts(t: TestApp): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of [
    ...REGISTER,
    'users',
    'license_keys',
    'license_seats',
    'seat_devices',
    'seat_events',
  ]) {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    result[table] = n;
  }
  return result;
}

async function one<T = Record<string, unknown>>(t: TestApp, sql: string, params: unknown[] = []): Promise<T> {
  const rows = await t.dataSource.query(sql, params);
  return rows[0] as T;
}

const today = () => new Date().toISOString().slice(0, 10);

describe('start-up seed with SEED_DEMO=true', () => {
  let t: TestApp;
  let companyId: string;
  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' });
    ({ id: companyId } = await one<{ id: string }>(
      t,
      `SELECT id FROM organizations WHERE kind = 'internal'`,
    ));
  });
  afterAll(() => t.close());

  it('seeds one internal company and its suppliers and manufacturers', async () => {
    const internal = await t.admin.get('/api/v1/organizations?kind=internal');
    expect(internal.status).toBe(200);
    expect(internal.body.total).toBe(1);
    expect(internal.body.items[0]).toMatchObject({ id: companyId, name: 'Northwind Traders GmbH' });
    const external = await one<{ n: number }>(
      t,
      `SELECT count(*)::int AS n FROM organizations WHERE kind <> 'internal'`,
    );
    expect(external.n).toBeGreaterThanOrEqual(5);
  });

  it('puts about ten org units in one tree of four levels under the company', async () => {
    const units = await one<{ total: number; roots: number; other_org: number }>(
      t,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE parent_id IS NULL)::int AS roots,
              count(*) FILTER (WHERE organization_id IS DISTINCT FROM $1)::int AS other_org
       FROM org_units`,
      [companyId],
    );
    expect(units.total).toBeGreaterThanOrEqual(8);
    expect(units.total).toBeLessThanOrEqual(15);
    expect(units.roots).toBe(1);
    expect(units.other_org).toBe(0);
    const tree = await one<{ reachable: number; depth: number }>(
      t,
      `WITH RECURSIVE tree AS (
         SELECT id, 1 AS depth FROM org_units WHERE parent_id IS NULL
         UNION ALL SELECT u.id, tree.depth + 1 FROM org_units u JOIN tree ON u.parent_id = tree.id)
       SELECT count(*)::int AS reachable, max(depth)::int AS depth FROM tree`,
    );
    expect(tree).toEqual({ reachable: units.total, depth: 4 });
  });

  it('seeds locations, categories and software', async () => {
    const roots = await t.dataSource.query(
      `SELECT name FROM locations WHERE parent_id IS NULL ORDER BY name`,
    );
    expect(roots.map((r: { name: string }) => r.name)).toContain('Germany');
    expect(
      (await one<{ n: number }>(t, `SELECT count(*)::int AS n FROM locations`)).n,
    ).toBeGreaterThanOrEqual(8);
    const categories = await t.dataSource.query(`SELECT name FROM license_categories ORDER BY name`);
    expect(categories.map((c: { name: string }) => c.name).sort()).toEqual(
      ['OEM', 'Open/MOLP', 'Retail', 'Subscription', 'Volume'].sort(),
    );
    const software = await one<{ n: number; published: number }>(
      t,
      `SELECT count(*)::int AS n, count(publisher_id)::int AS published FROM software`,
    );
    expect(software).toEqual({ n: 10, published: 10 });
  });

  it('seeds 50 persons and 80 assets spread over units and locations', async () => {
    const persons = await one<Record<string, number>>(
      t,
      `SELECT count(*)::int AS n, count(DISTINCT lower(email))::int AS emails, count(DISTINCT employee_number)::int AS numbers,
              count(*) FILTER (WHERE NOT active)::int AS inactive, count(DISTINCT org_unit_id)::int AS units,
              count(DISTINCT location_id)::int AS locations
       FROM persons`,
    );
    expect(persons).toMatchObject({ n: 50, emails: 50, numbers: 50 });
    expect(persons.inactive).toBeGreaterThanOrEqual(2);
    expect(persons.units).toBeGreaterThanOrEqual(8);
    expect(persons.locations).toBeGreaterThanOrEqual(3);

    const assets = await one<Record<string, number>>(
      t,
      `SELECT count(*)::int AS n, count(DISTINCT inventory_number)::int AS numbers,
              count(*) FILTER (WHERE inventory_number !~ '^INV-[0-9]{6}$')::int AS odd_numbers,
              count(DISTINCT kind)::int AS kinds,
              count(*) FILTER (WHERE status = 'retired')::int AS retired,
              count(*) FILTER (WHERE status = 'in_stock')::int AS in_stock,
              count(*) FILTER (WHERE kind = 'laptop' AND owner_person_id IS NOT NULL)::int AS owned_laptops
       FROM assets`,
    );
    expect(assets).toMatchObject({ n: 80, numbers: 80, odd_numbers: 0, kinds: 5 });
    expect(assets.retired).toBeGreaterThanOrEqual(1);
    expect(assets.in_stock).toBeGreaterThanOrEqual(1);
    expect(assets.owned_laptops).toBeGreaterThanOrEqual(20);
  });

  it('seeds 20 licenses of both metrics, one in USD, active, expiring and expired', async () => {
    const licenses = await one<Record<string, number>>(
      t,
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE metric = 'per_user')::int AS per_user,
              count(*) FILTER (WHERE metric = 'per_device')::int AS per_device,
              count(*) FILTER (WHERE currency = 'USD')::int AS usd,
              count(*) FILTER (WHERE currency NOT IN ('EUR', 'USD'))::int AS other_currency,
              count(*) FILTER (WHERE vat_rate = 0)::int AS vat0,
              count(*) FILTER (WHERE vat_rate NOT IN (0, 19))::int AS other_vat,
              count(*) FILTER (WHERE org_unit_id IS NULL)::int AS company_wide,
              count(DISTINCT org_unit_id)::int AS units,
              count(*) FILTER (WHERE organization_id IS DISTINCT FROM $1)::int AS other_owner,
              count(*) FILTER (WHERE category_id IS NULL OR software_id IS NULL OR supplier_id IS NULL
                                  OR invoice_number IS NULL)::int AS incomplete,
              count(*) FILTER (WHERE net_unit_price::text !~ '^[0-9]+\\.[0-9]{2}$')::int AS odd_prices,
              count(*) FILTER (WHERE quantity NOT BETWEEN 5 AND 200)::int AS odd_quantities,
              count(*) FILTER (WHERE purchase_date NOT BETWEEN '2025-01-01' AND '2026-12-31')::int AS odd_purchases,
              count(*) FILTER (WHERE expiration_date < $2::date)::int AS expired,
              count(*) FILTER (WHERE expiration_date BETWEEN $2::date AND $2::date + 30)::int AS expiring,
              count(*) FILTER (WHERE expiration_date IS NULL OR expiration_date > $2::date + 30)::int AS active,
              count(*) FILTER (WHERE max_activations_per_user > 1 OR max_activations IS NOT NULL
                                  OR max_device_resets IS NOT NULL)::int AS with_limits
       FROM licenses`,
      [companyId, today()],
    );
    expect(licenses).toMatchObject({
      n: 20,
      usd: 1,
      other_currency: 0,
      vat0: 1,
      other_vat: 0,
      other_owner: 0,
      incomplete: 0,
      odd_prices: 0,
      odd_quantities: 0,
      odd_purchases: 0,
      expired: 1,
    });
    expect(licenses.per_user).toBeGreaterThan(0);
    expect(licenses.per_device).toBeGreaterThan(0);
    expect(licenses.company_wide).toBeGreaterThan(0);
    expect(licenses.units).toBeGreaterThanOrEqual(5);
    expect(licenses.expiring).toBeGreaterThanOrEqual(2);
    expect(licenses.active).toBeGreaterThanOrEqual(10);
    expect(licenses.with_limits).toBeGreaterThanOrEqual(3);
  });

  it('creates one demo login per other role, the department head on a department with people and devices', async () => {
    for (const { email, password, role } of DEMO_LOGINS) {
      const api = await t.login(email, password);
      const me = await api.get('/api/v1/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email, role });
    }
    const head = await one<{ org_unit_id: string }>(
      t,
      `SELECT org_unit_id FROM users WHERE role = 'department_head'`,
    );
    const below = await one<{ units: number; persons: number; assets: number }>(
      t,
      `WITH RECURSIVE sub AS (SELECT id FROM org_units WHERE id = $1
                              UNION ALL SELECT u.id FROM org_units u JOIN sub ON u.parent_id = sub.id)
       SELECT (SELECT count(*)::int FROM sub) AS units,
              (SELECT count(*)::int FROM persons WHERE org_unit_id IN (SELECT id FROM sub)) AS persons,
              (SELECT count(*)::int FROM assets WHERE org_unit_id IN (SELECT id FROM sub)) AS assets`,
      [head.org_unit_id],
    );
    expect(below.units).toBeGreaterThan(1);
    expect(below.persons).toBeGreaterThan(0);
    expect(below.assets).toBeGreaterThan(0);
    // Hashed, never stored in clear.
    const hashes = await t.dataSource.query(
      `SELECT password_hash FROM users WHERE email LIKE '%@seatkeeper.local'`,
    );
    for (const { password_hash } of hashes) expect(password_hash).toMatch(/^\$argon2id\$/);
  });

  it('puts seats in use: partly used, full and unused licenses, devices, an expired one still used', async () => {
    const licenses = (await t.admin.get('/api/v1/licenses?pageSize=100&sort=name')).body.items as {
      name: string;
      metric: string;
      quantity: number;
      usedSeats: number;
      availableSeats: number;
      status: string;
    }[];
    expect(licenses).toHaveLength(20);
    const used = (name: string) => licenses.find((l) => l.name === name)!;
    expect(used('Adobe Creative Cloud All Apps – Sales')).toMatchObject({
      quantity: 5,
      usedSeats: 5,
      availableSeats: 0,
    });
    expect(used('Windows Server 2025 Datacenter – Cluster Berlin')).toMatchObject({
      usedSeats: 6,
      availableSeats: 0,
    });
    expect(used('Microsoft 365 E3 – Company-wide')).toMatchObject({
      quantity: 60,
      usedSeats: 40,
      availableSeats: 20,
    });
    expect(used('Adobe Acrobat Pro – Finance 2025')).toMatchObject({ status: 'expired', usedSeats: 3 });
    const partly = licenses.filter((l) => l.usedSeats > 0 && l.availableSeats > 0);
    expect(partly.filter((l) => l.metric === 'per_user').length).toBeGreaterThanOrEqual(3);
    expect(partly.filter((l) => l.metric === 'per_device').length).toBeGreaterThanOrEqual(3);
    expect(licenses.filter((l) => l.usedSeats === 0).length).toBeGreaterThanOrEqual(1);

    const full = used('Adobe Creative Cloud All Apps – Sales') as unknown as { id: string };
    const seats = (await t.admin.get(`/api/v1/licenses/${full.id}/seats`)).body as { devices: unknown[] }[];
    expect(seats).toHaveLength(5);
    for (const seat of seats) expect(seat.devices).toHaveLength(2);

    // The counters the triggers keep agree with the rows, and every seat and device has its event.
    const check = await one<Record<string, number>>(
      t,
      `SELECT (SELECT count(*)::int FROM license_seats WHERE released_at IS NULL) AS seats,
              (SELECT sum(used_seats)::int FROM licenses) AS used,
              (SELECT count(*)::int FROM seat_devices WHERE deactivated_at IS NULL) AS devices,
              (SELECT sum(active_devices)::int FROM licenses) AS active,
              (SELECT count(*)::int FROM seat_events WHERE action = 'assign') AS assigned,
              (SELECT count(*)::int FROM seat_events WHERE action = 'activate') AS activated,
              (SELECT count(*)::int FROM seat_devices d JOIN license_seats s ON s.id = d.seat_id
                 JOIN assets a ON a.id = d.asset_id
                WHERE a.owner_person_id IS DISTINCT FROM s.person_id OR a.status <> 'in_use') AS foreign_devices`,
    );
    expect(check.seats).toBeGreaterThan(150);
    expect(check.devices).toBeGreaterThan(50);
    expect(check).toEqual({
      seats: check.seats,
      used: check.seats,
      devices: check.devices,
      active: check.devices,
      assigned: check.seats,
      activated: check.devices,
      foreign_devices: 0,
    });
  });

  it('adds nothing on a second start and shows no password: the accounts are kept', async () => {
    const before = await counts(t);
    const logins = await t.app.get(SeedService).run();
    expect(await counts(t)).toEqual(before);
    expect(before.users).toBe(4);
    expect(logins).toEqual({ created: [], kept: true });
  });

  it('brings no deleted demo login back at the next start', async () => {
    const users = (await t.admin.get('/api/v1/users?q=finance@seatkeeper.local')).body.items;
    expect(users).toHaveLength(1);
    expect((await t.admin.delete(`/api/v1/users/${users[0].id}`)).status).toBe(204);
    expect(await t.app.get(SeedService).run()).toEqual({ created: [], kept: true });
    expect((await t.admin.get('/api/v1/users?q=finance@seatkeeper.local')).body.total).toBe(0);
    const { email, password } = DEMO_LOGINS[2];
    expect((await t.http.post('/api/v1/auth/login').send({ email, password })).status).toBe(401);
  });
});

describe('start-up seed with SEED_DEMO=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates the admin and nothing else', async () => {
    const logins = await t.app.get(SeedService).run();
    expect(logins).toEqual({ created: [], kept: true });
    const all = await counts(t);
    expect(all).toEqual({ ...EMPTY_REGISTER, users: 1 });
    expect(await one(t, `SELECT email, role FROM users`)).toEqual({ email: TEST_ADMIN.email, role: 'admin' });
  });

  it('leaves nothing half-seeded when the seed fails', async () => {
    await t.dataSource.query(`
      CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
    // On the demo logins, written last: the data and seats before them go too.
    await t.dataSource.query(
      `CREATE TRIGGER refuse_users BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION refuse_insert()`,
    );
    t.config.seedDemo = true;
    try {
      await expect(t.app.get(SeedService).run()).rejects.toThrow(/refused by test/);
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_users ON users`);
      await t.dataSource.query(`DROP FUNCTION refuse_insert()`);
    }
    const all = await counts(t);
    expect(all).toEqual({ ...EMPTY_REGISTER, users: 1 });
  });

  it('seeds an empty register once turned on, even when two instances start together', async () => {
    t.config.seedDemo = true;
    const seed = t.app.get(SeedService);
    const both = await Promise.all([seed.run(), seed.run()]);
    // One of them seeded and made the demo logins; the admin was there already.
    expect(both.map((run) => run.created.length).sort()).toEqual([0, 3]);
    expect(both.flatMap((run) => run.created)).toEqual(DEMO_LOGINS);
    for (const run of both) expect(run.kept).toBe(true);
    const all = await counts(t);
    expect(all).toMatchObject({ organizations: 8, persons: 50, assets: 80, licenses: 20, users: 4 });
    expect((await one<{ n: number }>(t, `SELECT sum(used_seats)::int AS n FROM licenses`)).n).toBe(
      all.license_seats,
    );
    await t.login('department.head@seatkeeper.local', DEMO_PASSWORD);
  });

  it('seeds no demo data and no demo logins into a register that holds real data', async () => {
    const t2 = await createTestApp();
    try {
      await t2.dataSource.query(`INSERT INTO locations (name) VALUES ('Head office')`);
      t2.config.seedDemo = true;
      expect(await t2.app.get(SeedService).run()).toEqual({ created: [], kept: true });
      expect(await counts(t2)).toMatchObject({ locations: 1, organizations: 0, persons: 0, users: 1 });
    } finally {
      await t2.close();
    }
  });
});

describe('the first admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is created with the password from ADMIN_PASSWORD, which is never shown', async () => {
    await t.dataSource.query(`DELETE FROM users`);
    expect(await t.app.get(SeedService).run()).toEqual({
      created: [{ role: 'admin', email: TEST_ADMIN.email, password: null }],
      kept: false,
    });
    await t.login(TEST_ADMIN.email, TEST_ADMIN.password);
  });

  describe('without an admin password (production without ADMIN_PASSWORD)', () => {
    beforeAll(() => {
      t.config.adminPassword = undefined;
      t.config.adminPasswordFromEnv = false;
    });

    it('starts while an admin exists', async () => {
      expect(await t.app.get(SeedService).run()).toEqual({ created: [], kept: true });
    });

    it('refuses to start when no admin exists, naming ADMIN_PASSWORD, and creates no account', async () => {
      await t.dataSource.query(`DELETE FROM users`);
      const run = t.app.get(SeedService).run();
      await expect(run).rejects.toThrow(ConfigError);
      await expect(run).rejects.toThrow(/set ADMIN_PASSWORD/);
      expect((await counts(t)).users).toBe(0);
    });
  });
});
