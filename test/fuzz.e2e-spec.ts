import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { MAX_PAGE } from '../src/platform/http/list-query.dto';
import { factories } from './helpers/factories';
import { binary } from './helpers/files';
import {
  ANSWER_WITHIN_MS,
  FuzzRequest,
  ImportTemplate,
  OpenApiDocument,
  Operation,
  operationsOf,
  requestArb,
  RequestSources,
  send,
} from './helpers/openapi-fuzz';
import { createTestApp, expectError, TestApp } from './helpers/test-app';

/**
 * Bad input against every route of the OpenAPI document, as an admin: generated
 * path parameters, query strings and bodies (see helpers/openapi-fuzz.ts). Every
 * answer must be below 500, and an answer of 4xx must leave the database as it was.
 *
 * No route is skipped: logout does not exist (tokens expire), login is public and is
 * fuzzed like the rest, and routes that hash passwords only get fewer cases.
 *
 * Reproducible: a fixed seed unless FUZZ_SEED is set. FUZZ_RUNS sets the cases per
 * route, FUZZ_ROUTE (a substring of "METHOD /path") picks routes, FUZZ_STATS=1 prints
 * the answers each route got, FUZZ_LOG=error shows the server's log of a 500.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260117);
// 20 cases a route keep the file near 40 s alone and under 90 s beside another worker on two
// cores; a nightly run can raise it (FUZZ_RUNS=200 finds more).
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const ONLY = process.env.FUZZ_ROUTE;
const STATS = !!process.env.FUZZ_STATS;

/** Ids of one set of records every route can point at; rebuilt after a route that may have removed them. */
interface World {
  organizations: string[];
  orgUnits: string[];
  locations: string[];
  software: string[];
  categories: string[];
  persons: string[];
  assets: string[];
  licenses: string[];
  users: string[];
  keys: string[];
  seats: string[];
}

/** `{id}` of `/api/v1/<resource>/{id}…`. */
const BY_RESOURCE: Record<string, keyof World> = {
  organizations: 'organizations',
  'org-units': 'orgUnits',
  locations: 'locations',
  software: 'software',
  'license-categories': 'categories',
  persons: 'persons',
  assets: 'assets',
  licenses: 'licenses',
  users: 'users',
};

/** Other path parameters, body fields and query filters holding ids, by name. */
const BY_NAME: Record<string, keyof World> = {
  keyId: 'keys',
  seatId: 'seats',
  personId: 'persons',
  personIds: 'persons',
  ownerPersonId: 'persons',
  assetId: 'assets',
  assetIds: 'assets',
  orgUnitId: 'orgUnits',
  organizationId: 'organizations',
  supplierId: 'organizations',
  publisherId: 'organizations',
  categoryId: 'categories',
  softwareId: 'software',
  locationId: 'locations',
  locationStructureId: 'locations',
  actorId: 'users',
};

const tag = () => Math.random().toString(36).slice(2, 10);

function idsFor(world: World, op: Operation): (name: string) => string[] {
  const resource = op.path.split('/')[3];
  return (name) => {
    if (name === 'id' || name === 'parentId') return world[BY_RESOURCE[resource]] ?? [];
    if (BY_NAME[name]) return world[BY_NAME[name]];
    return Object.values(world).flat();
  };
}

describe('fuzzing every route with bad input', () => {
  let t: TestApp;
  let allOperations: Operation[];
  let operations: Operation[];
  const templates = new Map<string, ImportTemplate>();

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: process.env.FUZZ_LOG ?? 'silent' });
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    allOperations = operationsOf(doc);
    operations = allOperations.filter((op) => !ONLY || `${op.method} ${op.path}`.includes(ONLY));
    for (const entity of ['licenses', 'persons', 'assets', 'seats']) {
      const url = `/api/v1/imports/${entity}/template`;
      const [csv, xlsx] = await Promise.all([
        binary(t.admin.get(`${url}?format=csv`)),
        binary(t.admin.get(`${url}?format=xlsx`)),
      ]);
      templates.set(entity, {
        csv: parse(csv.body as Buffer, { bom: true }),
        xlsx: new Uint8Array(xlsx.body),
      });
    }
  });
  afterAll(() => t.close());

  /**
   * A user the /users routes can change or delete. Hashing its password is the
   * slowest part of a world, so it is only made again when it is gone.
   */
  let user: string | undefined;
  async function ensureUser(): Promise<string> {
    if (user && (await t.admin.get(`/api/v1/users/${user}`)).status === 200) return user;
    user = await created('/api/v1/users', {
      email: `u.${tag()}@test.local`,
      displayName: 'Fuzz',
      role: 'finance',
      password: 'Long-Enough-Pass-1',
    });
    return user;
  }

  async function created(url: string, body: object): Promise<string> {
    const res = await t.admin.post(url).send(body);
    if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return (Array.isArray(res.body) ? res.body[0] : res.body).id as string;
  }

  /** Two of most things, a per-user license with a seat, a device and a key, a per-device one with a seat. */
  async function createWorld(): Promise<World> {
    const make = factories(t.admin);
    const [org, supplier, location, category, userId] = await Promise.all([
      created('/api/v1/organizations', { name: `Org ${tag()}`, kind: 'internal' }),
      created('/api/v1/organizations', { name: `Supplier ${tag()}`, kind: 'supplier' }),
      created('/api/v1/locations', { name: `Site ${tag()}` }),
      created('/api/v1/license-categories', { name: `Cat ${tag()}` }),
      ensureUser(),
    ]);
    const [unit, software] = await Promise.all([
      make.orgUnit({ organizationId: org }).then((u) => u.id),
      created('/api/v1/software', { name: `Tool ${tag()}`, publisherId: supplier }),
    ]);
    const holder = { orgUnitId: unit, locationId: location };
    const [p1, p2, a1, a2, perUser, perDevice] = await Promise.all([
      make.person(holder).then((p) => p.id),
      make.person(holder).then((p) => p.id),
      make.asset({ orgUnitId: unit }).then((a) => a.id),
      make.asset({ orgUnitId: unit }).then((a) => a.id),
      make
        .license({
          softwareId: software,
          categoryId: category,
          organizationId: org,
          supplierId: supplier,
          orgUnitId: unit,
          maxActivationsPerUser: 2,
          maxDeviceResets: 3,
        })
        .then((l) => l.id),
      make.license({ metric: 'per_device', quantity: 3 }).then((l) => l.id),
    ]);
    const seat = await created(`/api/v1/licenses/${perUser}/persons`, { personIds: [p1] });
    const [deviceSeat, key] = await Promise.all([
      created(`/api/v1/licenses/${perDevice}/assets`, { assetIds: [a2] }),
      created(`/api/v1/licenses/${perUser}/keys`, { key: `KEY-${tag()}`, seatId: seat }),
      created(`/api/v1/licenses/${perUser}/persons/${p1}/devices`, { assetId: a1 }),
    ]);
    return {
      organizations: [org, supplier],
      orgUnits: [unit],
      locations: [location],
      software: [software],
      categories: [category],
      persons: [p1, p2],
      assets: [a1, a2],
      licenses: [perUser, perDevice],
      users: [userId],
      keys: [key],
      seats: [seat, deviceSeat],
    };
  }

  it('reads the whole OpenAPI document', () => {
    expect(allOperations.length).toBeGreaterThan(60);
  });

  it('fingerprints the database: a write changes it, a read does not', async () => {
    const fingerprint = await fingerprinter(t.dataSource);
    const start = await fingerprint();
    expect(Object.keys(start)).toEqual(expect.arrayContaining(['licenses', 'license_seats', 'audit_events']));
    await t.admin.get('/api/v1/organizations').expect(200);
    expect(await fingerprint()).toEqual(start);
    const org = await created('/api/v1/organizations', { name: `Org ${tag()}`, kind: 'internal' });
    const afterCreate = await fingerprint();
    expect(changedTables(start, afterCreate)).toEqual(['audit_events', 'organizations']);
    await t.admin.patch(`/api/v1/organizations/${org}`).send({ kind: 'supplier' }).expect(200);
    const afterUpdate = await fingerprint();
    expect(changedTables(afterCreate, afterUpdate)).toEqual(['audit_events', 'organizations']);
    // The update kept the row count: the md5 of the rows is what saw it.
    expect(afterUpdate.organizations.split(':')[0]).toBe(afterCreate.organizations.split(':')[0]);
  });

  it(
    'answers every generated request below 500, and leaves the database unchanged on a 4xx',
    async () => {
      const fingerprint = await fingerprinter(t.dataSource);
      const failures: string[] = [];
      let world = await createWorld();
      for (const [i, op] of operations.entries()) {
        if (i > 0 && mayDamageWorld(operations[i - 1])) world = await createWorld();
        const failure = await fuzz(op, world, fingerprint);
        if (failure) failures.push(failure);
      }
      expect(failures).toEqual([]);
    },
    10 * 60_000,
  );

  /** Runs one route's property; a report of the (shrunk) failing request, or undefined. */
  async function fuzz(op: Operation, world: World, fingerprint: () => Promise<Fingerprint>) {
    const sources: RequestSources = {
      idsFor: idsFor(world, op),
      importTemplate: (entity) => templates.get(entity ?? '') ?? templates.get('persons')!,
    };
    const answers: Record<string, number> = {};
    let before = await fingerprint();
    const property = fc.asyncProperty(requestArb(op, sources), async (req) => {
      const res = await send(t.http, t.admin.token, req).catch((error: { timeout?: number }) => {
        if (error.timeout) throw new Error(`no answer within ${ANSWER_WITHIN_MS} ms`);
        throw error;
      });
      // Taken before any assertion, so that the next case compares with the current state.
      const after = await fingerprint();
      const expected = expectedAfter(before, req, res.status);
      before = after;
      const answer = `${res.status} ${(res.body as { code?: string })?.code ?? ''}`.trim();
      answers[answer] = (answers[answer] ?? 0) + 1;
      if (res.status >= 500) throw new Error(`${res.status} ${shortBody(res)}`);
      if (res.status >= 400 && diff(expected, after)) {
        throw new Error(`${res.status} changed the database: ${diff(expected, after)} ${shortBody(res)}`);
      }
    });
    const result = await fc.check(property, { seed: SEED, numRuns: runsOf(op) });
    // How far the cases got (a fuzzer that only ever meets the validation pipe tests little).
    if (STATS) console.log(`${op.method} ${op.path}: ${JSON.stringify(answers)}`);
    return result.failed ? reportOf(op, result) : undefined;
  }

  describe('bugs it found', () => {
    /** JSON text 5,000 levels deep, written out: JSON.stringify itself overflows on such a value. */
    const deep = `${'{"a":['.repeat(2500)}0${']}'.repeat(2500)}`;
    const post = (url: string, json: string) =>
      t.admin.post(url).set('Content-Type', 'application/json').send(json);

    it('refuses a body nested thousands deep with a 400 naming the field (class-transformer overflowed: 500)', async () => {
      const problem = ['must not be nested more than 32 levels deep'];
      const unknownField = await post(
        '/api/v1/organizations',
        `{"name":"Deep","kind":"internal","x":${deep}}`,
      );
      expect(expectError(unknownField, 400, 'VALIDATION_FAILED').details).toEqual({ x: problem });
      const knownField = await post('/api/v1/license-categories', `{"name":${deep}}`);
      expect(expectError(knownField, 400, 'VALIDATION_FAILED').details).toEqual({ name: problem });
      const wholeBody = await post(`/api/v1/licenses/${randomUUID()}/persons`, `[${deep}]`);
      expect(expectError(wholeBody, 400, 'VALIDATION_FAILED').details).toEqual({ body: problem });
      // What a DTO does nest stays accepted.
      expect((await post('/api/v1/license-categories', '{"name":"Shallow"}')).status).toBe(201);
    });

    it('refuses a lone surrogate in any text with a 400 (isEmail threw a URIError: 500; elsewhere stored as U+FFFD)', async () => {
      const problem = ['must not contain a lone surrogate (invalid Unicode)'];
      const person = await t.admin
        .post('/api/v1/persons')
        .send({ firstName: 'Ann', lastName: 'Lee', email: 'ann\ud800@example.com' });
      expect(expectError(person, 400, 'VALIDATION_FAILED').details).toEqual({ email: problem });
      const user = await t.admin
        .post('/api/v1/users')
        .send({ email: '\udc00', displayName: 'U', role: 'finance', password: 'Long-Enough-Pass-1' });
      expect(expectError(user, 400, 'VALIDATION_FAILED').details).toEqual({ email: problem });
      const unit = await t.admin.post('/api/v1/org-units').send({ name: 'Unit', code: 'X\ud800' });
      expect(expectError(unit, 400, 'VALIDATION_FAILED').details).toEqual({ code: problem });
      // A pair is one character, and welcome.
      expect(
        (await t.admin.post('/api/v1/org-units').send({ name: 'Unit 😀', code: `😀-${tag()}` })).status,
      ).toBe(201);
    });

    it('refuses a workbook with a corrupt compressed sheet with a 400 (exceljs never ended the sheet: a hang)', async () => {
      const xlsx = (await binary(t.admin.get('/api/v1/imports/persons/template?format=xlsx'))).body as Buffer;
      for (const [part, at] of [
        ['xl/worksheets/sheet1.xml', 10],
        ['xl/worksheets/sheet2.xml', 50],
      ] as const) {
        const res = await t.admin
          .post('/api/v1/imports/persons')
          .attach('file', corruptPart(xlsx, part, at), 'persons.xlsx')
          .timeout(ANSWER_WITHIN_MS);
        expectError(res, 400, 'INVALID_XLSX');
      }
    });

    it('refuses a page past where any list can reach with a 400 (the compliance report overflowed OFFSET: 500)', async () => {
      const license = await factories(t.admin).license();
      const lists = allOperations
        .filter((op) => op.method === 'GET' && op.queryParams.some((p) => p.name === 'page'))
        .map((op) => op.path.replace('{id}', license.id));
      expect(lists).toContain('/api/v1/reports/compliance');
      for (const list of lists) {
        for (const page of [MAX_PAGE + 1, '1e300', '184467440737095520']) {
          expectError(await t.admin.get(`${list}?page=${page}`), 400, 'VALIDATION_FAILED');
        }
        const last = await t.admin.get(`${list}?page=${MAX_PAGE}&pageSize=500`);
        expect(`${list}: ${last.status}`).toBe(`${list}: 200`);
      }
    });
  });
});

/** The zip with one byte of a part's compressed data zeroed (a corrupt deflate stream; sizes and CRC kept). */
function corruptPart(zip: Buffer, part: string, at: number): Buffer {
  const out = Buffer.from(zip);
  // The first occurrence of the name is in the part's local header, 30 bytes after its start.
  const header = out.indexOf(Buffer.from(part, 'latin1')) - 30;
  const data = header + 30 + out.readUInt16LE(header + 26) + out.readUInt16LE(header + 28);
  out[data + at] = 0;
  return out;
}

/**
 * A delete, or a POST acting on existing records (transfer, offboard, unassign…),
 * may have removed or released what the next route's ids point at. An update
 * leaves the records there, which is all the next route needs.
 */
const mayDamageWorld = (op: Operation) =>
  op.method === 'DELETE' || (op.method === 'POST' && op.pathParams.length > 0);

/** Routes that hash or verify a password (argon2, slow on purpose) for most cases get a quarter of the runs. */
const PASSWORD_ROUTES = ['POST /api/v1/auth/login', 'POST /api/v1/users', 'PATCH /api/v1/users/{id}'];
const runsOf = (op: Operation) =>
  PASSWORD_ROUTES.includes(`${op.method} ${op.path}`) ? Math.max(5, Math.ceil(RUNS / 4)) : RUNS;

/** The failing request as fast-check shrank it, what went wrong, and how to replay it. */
function reportOf(op: Operation, result: fc.RunDetails<[FuzzRequest]>): string {
  const [req] = result.counterexample ?? [];
  const error =
    result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
  return [
    `${op.method} ${op.path}: ${error}`,
    `  request: ${req ? String(req) : '(none)'}`,
    `  replay:  FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_ROUTE="${op.method} ${op.path}"` +
      ` (fast-check path ${result.counterexamplePath}, ${result.numRuns} runs, shrunk ${result.numShrinks}x)`,
  ].join('\n');
}

// ---------------------------------------------------------------------------
// The database fingerprint.

type Fingerprint = Record<string, string>;

const FAILED_LOGINS = 'audit_events (login_failed)';

/**
 * One SQL statement: per table of the public schema (but the migrations) its row
 * count and an md5 of its rows in order. audit_events is append-only (a trigger
 * refuses UPDATE and DELETE) and by far the largest, so count and highest id say
 * the same there, cheaper; failed logins are counted apart (see expectedAfter).
 */
async function fingerprinter(ds: DataSource): Promise<() => Promise<Fingerprint>> {
  const tables: { name: string }[] = await ds.query(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
      ORDER BY table_name`,
  );
  const parts = tables.map(({ name }) =>
    name === 'audit_events'
      ? `SELECT 'audit_events' AS name, count(*) || ':' || coalesce(max(id), 0) AS value
           FROM audit_events WHERE action <> 'login_failed'`
      : `SELECT '${name}' AS name, count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS value
           FROM "${name}" t`,
  );
  parts.push(
    `SELECT '${FAILED_LOGINS}' AS name, count(*)::text AS value FROM audit_events WHERE action = 'login_failed'`,
  );
  const sql = parts.join('\nUNION ALL\n');
  return async () => {
    const rows: { name: string; value: string }[] = await ds.query(sql);
    return Object.fromEntries(rows.map((r) => [r.name, r.value]));
  };
}

/**
 * What the database must hold after a refused request: what it held before. The one
 * exception is written on purpose: a refused login (401) is an audit event
 * "login_failed" (AuthService.login), so it adds exactly one.
 */
function expectedAfter(before: Fingerprint, req: FuzzRequest, status: number): Fingerprint {
  if (req.method === 'POST' && req.url.startsWith('/api/v1/auth/login') && status === 401) {
    return { ...before, [FAILED_LOGINS]: String(Number(before[FAILED_LOGINS]) + 1) };
  }
  return before;
}

function changedTables(expected: Fingerprint, actual: Fingerprint): string[] {
  return Object.keys({ ...expected, ...actual })
    .filter((k) => expected[k] !== actual[k])
    .sort();
}

/** The tables whose fingerprint differs, '' when none. */
function diff(expected: Fingerprint, actual: Fingerprint): string {
  return changedTables(expected, actual)
    .map((k) => `${k}: ${expected[k]} -> ${actual[k]}`)
    .join(', ');
}

function shortBody(res: { text?: string; body?: unknown }): string {
  const text = res.text ?? JSON.stringify(res.body);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
