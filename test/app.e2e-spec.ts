import { searchExpression } from '@libs/pagination';
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

  it('refuses a NUL character in a body or a search with 400, not 500', async () => {
    expectError(
      await t.admin.post('/api/v1/organizations').send({ name: 'a\u0000b', kind: 'internal' }),
      400,
    );
    expectError(await t.admin.get('/api/v1/organizations?q=a%00b'), 400);
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
interface OpenApiDocument {
  components: { schemas: Record<string, OpenApiSchema> };
  paths: Record<string, Record<string, { parameters?: { name: string; schema?: OpenApiSchema }[] }>>;
}
