import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { Role } from '../src/platform/access/roles';
import { factories } from './helpers/factories';
import { Api, createTestApp, TestApp } from './helpers/test-app';

/**
 * Every route of the OpenAPI document, called as each role, without a token, with
 * an expired token and with a token signed by another secret. The expected status
 * of each route is written out below; a route without a rule fails the test.
 *
 * Writes are sent with an empty body (or an unknown id): a role that may write
 * passes the guards and meets validation (400) or the missing record (404); a
 * role that may not is stopped first (403). Fixtures sit in the department
 * head's own unit, so scope is not what is measured here.
 */
type Expect = Record<Role, number>;
const ROLES: Role[] = ['admin', 'asset_manager', 'department_head', 'finance'];
const all = (s: number): Expect => ({ admin: s, asset_manager: s, department_head: s, finance: s });
const managers = (s: number): Expect => ({ admin: s, asset_manager: s, department_head: 403, finance: 403 });
const adminOnly = (s: number): Expect => ({
  admin: s,
  asset_manager: 403,
  department_head: 403,
  finance: 403,
});
const assigners = (s: number): Expect => ({ admin: s, asset_manager: s, department_head: s, finance: 403 });
const auditors = (s: number): Expect => ({ admin: s, asset_manager: s, department_head: 403, finance: s });

const PUBLIC = new Set(['GET /health', 'POST /api/v1/auth/login']);

const RULES: Record<string, Expect> = {
  'GET /health': all(200),
  'POST /api/v1/auth/login': all(400),
  'GET /api/v1/auth/me': all(200),
  'GET /api/v1/users': adminOnly(200),
  'POST /api/v1/users': adminOnly(400),
  'GET /api/v1/users/{id}': adminOnly(200),
  'PATCH /api/v1/users/{id}': adminOnly(200),
  'DELETE /api/v1/users/{id}': adminOnly(404),
  'GET /api/v1/persons/{id}/licenses': all(200),
  'GET /api/v1/assets/{id}/licenses': all(200),
  'POST /api/v1/persons/{id}/offboard': assigners(200),
  'GET /api/v1/licenses': all(200),
  'POST /api/v1/licenses': managers(400),
  'GET /api/v1/licenses/{id}': all(200),
  'PATCH /api/v1/licenses/{id}': { admin: 200, asset_manager: 200, department_head: 403, finance: 200 },
  'DELETE /api/v1/licenses/{id}': managers(404),
  'GET /api/v1/licenses/{id}/keys': all(200),
  'POST /api/v1/licenses/{id}/keys': managers(400),
  'DELETE /api/v1/licenses/{id}/keys/{keyId}': managers(404),
  'POST /api/v1/licenses/{id}/persons': assigners(400),
  'DELETE /api/v1/licenses/{id}/persons/{personId}': assigners(404),
  'POST /api/v1/licenses/{id}/assets': assigners(400),
  'DELETE /api/v1/licenses/{id}/assets/{assetId}': assigners(404),
  'GET /api/v1/licenses/{id}/seats': all(200),
  'POST /api/v1/licenses/{id}/seats/{seatId}/transfer': assigners(400),
  'GET /api/v1/licenses/{id}/history': all(200),
  'POST /api/v1/licenses/{id}/persons/{personId}/devices': assigners(400),
  'POST /api/v1/licenses/{id}/persons/{personId}/devices/{assetId}/reset': assigners(404),
  'POST /api/v1/licenses/{id}/persons/{personId}/reset': assigners(404),
  'GET /api/v1/reports/compliance': auditors(200),
  'GET /api/v1/reports/costs': auditors(200),
  'GET /api/v1/reports/expiring': auditors(200),
  'GET /api/v1/audit-events': auditors(200),
  'GET /api/v1/imports/{entity}/template': managers(200),
  'POST /api/v1/imports/{entity}': managers(400),
};
// The catalogs, persons and assets: everyone reads, managers write.
for (const base of [
  'organizations',
  'org-units',
  'locations',
  'software',
  'license-categories',
  'persons',
  'assets',
]) {
  Object.assign(RULES, {
    [`GET /api/v1/${base}`]: all(200),
    [`POST /api/v1/${base}`]: managers(400),
    [`GET /api/v1/${base}/{id}`]: all(200),
    [`PATCH /api/v1/${base}/{id}`]: managers(200),
    [`DELETE /api/v1/${base}/{id}`]: managers(404),
  });
}
RULES['GET /api/v1/org-units/tree'] = all(200);
RULES['GET /api/v1/locations/tree'] = all(200);

describe('role matrix over every documented route', () => {
  let t: TestApp;
  let clients: Record<Role, Api>;
  let routes: string[];
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    const make = factories(t.admin);
    const unit = await make.orgUnit();
    const [organization, location, software, category, person, asset, license, user] = await Promise.all([
      t.admin.post('/api/v1/organizations').send({ name: `Org ${randomUUID()}`, kind: 'internal' }),
      t.admin.post('/api/v1/locations').send({ name: 'Berlin' }),
      t.admin.post('/api/v1/software').send({ name: `Tool ${randomUUID()}` }),
      t.admin.post('/api/v1/license-categories').send({ name: `Cat ${randomUUID()}` }),
      make.person({ orgUnitId: unit.id }),
      make.asset({ orgUnitId: unit.id }),
      make.license(),
      t.admin.post('/api/v1/users').send({
        email: `u.${randomUUID()}@test.local`,
        displayName: 'U',
        role: 'finance',
        password: 'Long-Enough-Pass-1',
      }),
    ]);
    ids = {
      organizations: organization.body.id,
      'org-units': unit.id,
      locations: location.body.id,
      software: software.body.id,
      'license-categories': category.body.id,
      persons: person.id,
      assets: asset.id,
      licenses: license.id,
      users: user.body.id,
      personId: person.id,
      assetId: asset.id,
      entity: 'persons',
    };
    clients = {
      admin: t.admin,
      asset_manager: await t.as('asset_manager'),
      department_head: await t.as('department_head', unit.id),
      finance: await t.as('finance'),
    };
    const doc = (await t.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => t.close());

  /** A concrete URL: the resource's fixture for `{id}` of reads and updates, unknown ids elsewhere. */
  function urlOf(route: string): string {
    const [method, path] = route.split(' ');
    const base = path.split('/')[3];
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'id') return method === 'DELETE' && path.endsWith('{id}') ? randomUUID() : ids[base];
      return method === 'DELETE' || name === 'seatId' || name === 'keyId' ? randomUUID() : ids[name];
    });
  }

  function call(http: ReturnType<typeof request>, route: string, token?: string) {
    const [method, path] = route.split(' ');
    const req = http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](urlOf(`${method} ${path}`));
    if (token) req.set('Authorization', `Bearer ${token}`);
    return ['POST', 'PATCH', 'PUT'].includes(method) ? req.send({}) : req;
  }

  it('has a rule for every route in /api/docs-json', () => {
    expect(routes.filter((r) => !RULES[r])).toEqual([]);
    expect(routes.length).toBeGreaterThan(60);
  });

  it('answers each role with the exact status', async () => {
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => RULES[r])) {
      for (const role of ROLES) {
        const res = await call(t.http, route, clients[role].token);
        if (res.status !== RULES[route][role]) {
          mismatches.push(
            `${route} as ${role}: ${res.status}, expected ${RULES[route][role]} ${JSON.stringify(res.body)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers 401 without a token, with an expired one and with one signed by another secret', async () => {
    const jwt = t.app.get(JwtService);
    const tokens = {
      none: undefined,
      expired: jwt.sign({ sub: t.admin.userId }, { expiresIn: -10 }),
      forged: new JwtService({ secret: 'another-secret-another-secret-1234' }).sign({ sub: t.admin.userId }),
    };
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => !PUBLIC.has(r))) {
      for (const [kind, token] of Object.entries(tokens)) {
        const res = await call(t.http, route, token);
        if (res.status !== 401) mismatches.push(`${route} with ${kind} token: ${res.status}`);
      }
    }
    expect(mismatches).toEqual([]);
    for (const route of PUBLIC) expect((await call(t.http, route)).status).not.toBe(401);
  });
});
