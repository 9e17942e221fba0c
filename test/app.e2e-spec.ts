import { searchExpression } from '@libs/pagination';
import { RecordIndexes1764633600000 } from '../migrations/1764633600000-RecordIndexes';
import { createTestApp, expectError, TestApp } from './helpers/test-app';

describe('the HTTP app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers /health without a token', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up' });
  });

  it('serves the OpenAPI document and its page without a token', async () => {
    const doc = await t.http.get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/auth/login', '/api/v1/users', '/api/v1/organizations/{id}', '/health']) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
    const page = await t.http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger');
  });

  // Clients generate their types from this document (the web UI does): a field with
  // no type, or typed "object" without properties, becomes `unknown` there.
  it('gives every documented field and query parameter a real type', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
    const untyped: string[] = [];
    const check = (where: string, schema: OpenApiSchema | undefined): void => {
      if (!schema || schema.$ref || schema.allOf || schema.oneOf || schema.anyOf) return;
      if (!schema.type && !schema.enum) untyped.push(`${where}: no type`);
      if (schema.type === 'object' && !schema.properties && !schema.additionalProperties) {
        untyped.push(`${where}: bare object`);
      }
      if (schema.type === 'array') check(`${where}[]`, schema.items);
      for (const [name, property] of Object.entries(schema.properties ?? {}))
        check(`${where}.${name}`, property);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) check(name, schema);
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const parameter of operation.parameters ?? []) {
          check(`${method.toUpperCase()} ${path} ?${parameter.name}`, parameter.schema);
        }
      }
    }
    expect(untyped).toEqual([]);
  });

  it('documents the date and timestamp query parameters by their format', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
    const format = (path: string, name: string) =>
      doc.paths[path].get.parameters?.find((p) => p.name === name)?.schema?.format;
    expect([format('/api/v1/reports/costs', 'from'), format('/api/v1/reports/costs', 'to')]).toEqual([
      'date',
      'date',
    ]);
    // the audit trail takes a day or an exact instant
    expect(
      doc.paths['/api/v1/audit-events'].get.parameters?.find((p) => p.name === 'from')?.description,
    ).toMatch(/date .*timestamp/);
  });

  it('gives every answer a request id, and keeps one the client sent', async () => {
    expect((await t.http.get('/health')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.http.get('/health').set('x-request-id', 'abc-123')).headers['x-request-id']).toBe(
      'abc-123',
    );
  });

  it('refuses bodies over 1 MB with 413 and malformed JSON with 400, in the error shape', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), kind: 'internal' });
    const res = await t.admin.post('/api/v1/organizations').set('Content-Type', 'application/json').send(big);
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    const bad = await t.admin
      .post('/api/v1/organizations')
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expectError(bad, 400);
  });

  it('reads bodies as JSON only: 415 for text, forms and multipart outside imports', async () => {
    const organizations = async () =>
      Number((await t.dataSource.query('SELECT count(*) AS n FROM organizations'))[0].n);
    const before = await organizations();
    const json = JSON.stringify({ name: 'Plain Co', kind: 'internal' });
    for (const sent of [
      t.admin.post('/api/v1/organizations').set('Content-Type', 'text/plain').send(json),
      t.admin.post('/api/v1/organizations').type('form').send({ name: 'Form Co', kind: 'internal' }),
      t.admin.post('/api/v1/organizations').field('name', 'Multi Co').field('kind', 'internal'),
      t.admin.post('/api/v1/organizations').set('Content-Type', 'application/xml').send('<name>X</name>'),
    ]) {
      const res = expectError(await sent, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(res.details).toMatchObject({ accepted: ['application/json'] });
    }
    // a PATCH that would otherwise arrive empty, and pass as "no change"
    const org = (await t.admin.post('/api/v1/organizations').send({ name: 'Kept Co', kind: 'internal' }))
      .body;
    expectError(
      await t.admin.patch(`/api/v1/organizations/${org.id}`).type('form').send({ name: 'Changed' }),
      415,
    );
    expect((await t.admin.get(`/api/v1/organizations/${org.id}`)).body.name).toBe('Kept Co');
    expect(await organizations()).toBe(before + 1);
    // the import route takes its multipart upload (here refused for its content, not its type)
    const upload = await t.admin.post('/api/v1/imports/persons').attach('file', Buffer.from(''), 'p.csv');
    expectError(upload, 400, 'EMPTY_FILE');
    // no body at all is no body of the wrong type: its fields are missing
    expectError(await t.admin.post('/api/v1/organizations'), 400, 'VALIDATION_FAILED');
    // a charset is fine, and so is a content type without a body
    const utf8 = await t.admin
      .post('/api/v1/organizations')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ name: 'Utf8 Co', kind: 'internal' }));
    expect(utf8.status).toBe(201);
    expect((await t.admin.get('/api/v1/organizations').set('Content-Type', 'text/plain')).status).toBe(200);
  });

  it('refuses valid JSON that is no object with 400 "must be a JSON object"', async () => {
    for (const body of ['null', '[]', '"name"', '42', 'true']) {
      const res = expectError(
        await t.admin.post('/api/v1/organizations').set('Content-Type', 'application/json').send(body),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.message).toBe('The request body must be a JSON object.');
      expect(res.details).toEqual({ body: ['must be a JSON object'] });
    }
  });

  it('refuses a NUL character in a body or a search with 400, not 500', async () => {
    expectError(
      await t.admin.post('/api/v1/organizations').send({ name: 'a\u0000b', kind: 'internal' }),
      400,
    );
    expectError(await t.admin.get('/api/v1/organizations?q=a%00b'), 400);
  });

  it('documents whole numbers as integers, ids in paths as UUIDs, and the error answers', async () => {
    const doc = (await t.http.get('/api/docs-json')).body as OpenApiDocument;
    const { schemas } = doc.components;
    expect(schemas.LicenseDto.properties?.quantity.type).toBe('integer');
    expect(schemas.LicenseDto.properties?.deviceResets.type).toBe('integer');
    expect(schemas.CreateLicenseDto.properties?.maxActivations.type).toBe('integer');
    expect(schemas.PageOfLicenseDto.properties?.total.type).toBe('integer');
    const licensesList = doc.paths['/api/v1/licenses'].get;
    expect(licensesList.parameters?.find((p) => p.name === 'pageSize')?.schema?.type).toBe('integer');
    const key = doc.paths['/api/v1/licenses/{id}/keys/{keyId}'].delete;
    expect(key.parameters?.filter((p) => p.in === 'path').map((p) => [p.name, p.schema?.format])).toEqual([
      ['id', 'uuid'],
      ['keyId', 'uuid'],
    ]);
    expect(schemas.ApiErrorDto.properties?.details).toMatchObject({
      type: 'object',
      additionalProperties: true,
    });
    expect(Object.keys(schemas.ApiErrorDto.properties ?? {})).toEqual([
      'statusCode',
      'error',
      'message',
      'code',
      'details',
    ]);
    const patchLicense = doc.paths['/api/v1/licenses/{id}'].patch;
    for (const status of ['400', '401', '403', '404', '409']) {
      expect(patchLicense.responses?.[status]?.content?.['application/json'].schema.$ref).toBe(
        '#/components/schemas/ApiErrorDto',
      );
    }
    expect(patchLicense.responses?.['200']?.content?.['application/json'].schema.$ref).toBe(
      '#/components/schemas/LicenseDto',
    );
    expect(Object.keys(doc.paths['/api/v1/org-units/{id}'].patch.responses ?? {})).toContain('422');
  });

  it('answers no CORS headers unless origins are configured, and sets security headers', async () => {
    const res = await t.http.options('/api/v1/licenses').set('Origin', 'https://app.example.com');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect((await t.http.get('/health')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    expectError(await t.admin.get('/api/v1/nothing-here'), 404);
  });

  it('has applied every migration and the entities match the schema (no pending change)', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has an index for the list filters and the persons order (used when scans are off)', async () => {
    const runner = t.dataSource.createQueryRunner();
    const plan = async (sql: string) =>
      ((await runner.query(`EXPLAIN ${sql}`)) as { 'QUERY PLAN': string }[])
        .map((row) => row['QUERY PLAN'])
        .join('\n');
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      expect(await plan(`SELECT id FROM licenses WHERE currency = 'USD'`)).toContain('ix_licenses__currency');
      expect(await plan(`SELECT id FROM organizations WHERE kind = 'supplier'`)).toContain(
        'ix_organizations__kind',
      );
      expect(await plan(`SELECT id FROM audit_events WHERE action = 'delete'`)).toContain(
        'ix_audit_events__action',
      );
      await runner.query('SET LOCAL enable_sort = off');
      expect(await plan(`SELECT id FROM persons ORDER BY last_name, id LIMIT 50`)).toContain(
        'ix_persons__last_name__id',
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('makes natural keys unique ignoring case, and stops the migration on existing case-duplicates', async () => {
    const migration = new RecordIndexes1764633600000();
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      await runner.query(
        `INSERT INTO licenses (name, metric, quantity) VALUES ('x1', 'per_user', 1), ('X1', 'per_user', 1)`,
      );
      await runner.query(`INSERT INTO org_units (name, code) VALUES ('a', 'nw'), ('b', 'NW')`);
      await expect(migration.up(runner)).rejects.toThrow(
        /differ only in case.*licenses\.name "x1" \(2 rows\); org_units\.code "nw" \(2 rows\)/,
      );
      await runner.query(`DELETE FROM licenses WHERE name = 'X1'`);
      await runner.query(`DELETE FROM org_units WHERE code = 'NW'`);
      await migration.up(runner);
      const indexes: { indexname: string; indexdef: string }[] = await runner.query(
        `SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'uq\\_%' ORDER BY indexname`,
      );
      for (const name of [
        'uq_assets__inventory_number',
        'uq_license_categories__name',
        'uq_licenses__name',
        'uq_org_units__code',
        'uq_organizations__name',
      ]) {
        expect(indexes.find((i) => i.indexname === name)?.indexdef).toMatch(/UNIQUE INDEX .*\(lower\(/);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('searches each large list with the expression its trigram index is built on', async () => {
    // The services' searchable columns; were the expression to differ from the index's, no plan could use it.
    const lists = [
      {
        table: 'licenses',
        columns: ['name', 'serial_number', 'inventory_number', 'invoice_number', 'notes'],
      },
      { table: 'persons', columns: ['first_name', 'last_name', 'email', 'employee_number'] },
      { table: 'assets', columns: ['name', 'inventory_number', 'serial_number'] },
    ];
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      for (const { table, columns } of lists) {
        const plan: { 'QUERY PLAN': string }[] = await runner.query(
          `EXPLAIN SELECT id FROM ${table} x WHERE ${searchExpression(columns.map((c) => `x.${c}`))} ILIKE '%office%'`,
        );
        expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(`ix_${table}__search__trgm`);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

interface OpenApiSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  $ref?: string;
  allOf?: unknown[];
  oneOf?: unknown[];
  anyOf?: unknown[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: unknown;
}
interface OpenApiOperation {
  parameters?: { name: string; in: string; description?: string; schema?: OpenApiSchema }[];
  responses?: Record<string, { content?: Record<string, { schema: OpenApiSchema }> }>;
}
interface OpenApiDocument {
  components: { schemas: Record<string, OpenApiSchema> };
  paths: Record<string, Record<string, OpenApiOperation>>;
}
