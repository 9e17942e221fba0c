import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Request } from 'autocannon';
import { activePersons, activeSeatsOf, assignablePairs, sampleLicenseIds, withoutTriggers } from './fixtures';
import { LoadResult, runLoad, serverErrors } from './load';
import { timedRequests } from './sequential';

export interface BenchContext {
  base: string;
  token: string;
  pg: Client;
  /** Seconds each throughput scenario runs. */
  duration: number;
}

export interface ScenarioResult extends LoadResult {
  /** What the figures mean beyond the columns: outcome counts, checks. */
  note: string;
  /** Checks that failed (wrong count of successes, 5xx, ...): the run is marked failed. */
  failures: string[];
}

export interface Scenario {
  name: string;
  connections: number;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}

const json = (body: unknown) => JSON.stringify(body);
const statusNote = (r: LoadResult) =>
  Object.entries(r.statuses)
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ');
const noServerErrors = (r: LoadResult) =>
  serverErrors(r) || r.errors ? [`${serverErrors(r)} 5xx and ${r.errors} connection errors`] : [];

/** A GET scenario: `paths` taken in turn by all connections. */
function reads(name: string, connections: number, paths: (ctx: BenchContext) => Promise<string[]>): Scenario {
  return {
    name,
    connections,
    async run(ctx) {
      const list = await paths(ctx);
      let next = 0;
      const result = await runLoad({
        ...ctx,
        connections,
        duration: ctx.duration,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: list[next++ % list.length] }) }],
      });
      const failures = noServerErrors(result);
      if (result.statuses[200] !== result.requests) failures.push(`not all 200: ${statusNote(result)}`);
      return { ...result, note: statusNote(result), failures };
    },
  };
}

/** Assign a person, then unassign them, on 1,000 licenses; each connection keeps to its own licenses. */
const ASSIGN_CONNECTIONS = 50;
const assignUnassign: Scenario = {
  name: 'assign + unassign, 1,000 licenses',
  connections: ASSIGN_CONNECTIONS,
  async run(ctx) {
    const pairs = await assignablePairs(ctx.pg, 1000);
    let slots = 0;
    type Ctx = { slot?: number; round: number };
    // Connection `slot` takes pairs slot, slot + 50, ...: no two connections share a license.
    const pairOf = (c: Ctx) => pairs[(c.slot! + c.round * ASSIGN_CONNECTIONS) % pairs.length];
    const requests: Request[] = [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          const c = context as Ctx;
          c.slot ??= slots++;
          const pair = pairOf(c);
          return {
            ...req,
            path: `/api/v1/licenses/${pair.licenseId}/persons`,
            body: json({ personIds: [pair.personId] }),
          };
        },
      },
      {
        method: 'DELETE',
        setupRequest: (req, context) => {
          const c = context as Ctx;
          const pair = pairOf(c);
          c.round++;
          return {
            ...req,
            path: `/api/v1/licenses/${pair.licenseId}/persons/${pair.personId}`,
            body: undefined,
          };
        },
      },
    ];
    const result = await runLoad({
      ...ctx,
      connections: ASSIGN_CONNECTIONS,
      duration: ctx.duration,
      requests,
      initialContext: { round: 0 },
    });
    const failures = noServerErrors(result);
    const unexpected = result.requests - (result.statuses[201] ?? 0) - (result.statuses[204] ?? 0);
    if (unexpected) failures.push(`${unexpected} answers other than 201/204: ${statusNote(result)}`);
    return { ...result, note: `${statusNote(result)}; ${(result.rps / 2).toFixed(0)} cycles/s`, failures };
  },
};

/** 200 connections race for the 10 free seats of one license: exactly 10 win. */
const HOT_CONNECTIONS = 200;
const hotLicense: Scenario = {
  name: 'contention: 10 free seats, 200 connections',
  connections: HOT_CONNECTIONS,
  async run(ctx) {
    const persons = await activePersons(ctx.pg, 2000);
    const created = await fetch(`${ctx.base}/api/v1/licenses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: json({ name: `Bench hot license ${randomUUID()}`, metric: 'per_user', quantity: 10 }),
    });
    if (created.status !== 201)
      throw new Error(`creating the hot license: ${created.status} ${await created.text()}`);
    const { id } = (await created.json()) as { id: string };
    let next = 0;
    const result = await runLoad({
      ...ctx,
      connections: HOT_CONNECTIONS,
      duration: 60,
      amount: persons.length,
      requests: [
        {
          method: 'POST',
          path: `/api/v1/licenses/${id}/persons`,
          setupRequest: (req) => ({ ...req, body: json({ personIds: [persons[next++ % persons.length]] }) }),
        },
      ],
    });
    const failures = noServerErrors(result);
    const held = await activeSeatsOf(ctx.pg, id);
    if (result.statuses[201] !== 10 || held !== 10) {
      failures.push(
        `expected exactly 10 × 201 and 10 seats, got ${result.statuses[201] ?? 0} × 201 and ${held} seats`,
      );
    }
    if ((result.statuses[409] ?? 0) !== result.requests - 10)
      failures.push(`the others must be 409: ${statusNote(result)}`);
    return { ...result, note: `${statusNote(result)}; ${held} seats held`, failures };
  },
};

/** A few runs of a heavy request, one at a time: the latency is the figure. */
function heavy(name: string, path: string, runs: number): Scenario {
  return {
    name,
    connections: 1,
    async run(ctx) {
      const result = await timedRequests(runs, () =>
        fetch(`${ctx.base}${path}`, { headers: { authorization: `Bearer ${ctx.token}` } }),
      );
      const failures = result.statuses[200] === runs ? [] : [`not all 200: ${statusNote(result)}`];
      return {
        ...result,
        note: `${statusNote(result)}; ${(result.bytes / 1024).toFixed(0)} KiB each`,
        failures,
      };
    },
  };
}

const IMPORTED = '@import.example';

/** 10,000 new persons from one CSV file, three times (fresh e-mail addresses each time), removed afterwards. */
const importPersons: Scenario = {
  name: 'import 10,000 persons (CSV)',
  connections: 1,
  async run(ctx) {
    const result = await timedRequests(3, () => {
      const batch = randomUUID().slice(0, 8);
      const lines = ['First name,Last name,Email'];
      for (let i = 0; i < 10_000; i++) lines.push(`Bench,Person ${i},bench.${batch}.${i}${IMPORTED}`);
      const form = new FormData();
      form.append('file', new Blob([lines.join('\r\n')], { type: 'text/csv' }), 'persons.csv');
      return fetch(`${ctx.base}/api/v1/imports/persons`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.token}` },
        body: form,
      });
    });
    await withoutTriggers(ctx.pg, async () => {
      await ctx.pg.query(
        `DELETE FROM audit_events WHERE entity = 'person' AND entity_id IN (SELECT id::text FROM persons WHERE email LIKE $1)`,
        [`%${IMPORTED}`],
      );
      await ctx.pg.query(`DELETE FROM persons WHERE email LIKE $1`, [`%${IMPORTED}`]);
    });
    const failures =
      (result.statuses[200] ?? 0) + (result.statuses[201] ?? 0) === 3
        ? []
        : [`import failed: ${statusNote(result)}`];
    return { ...result, note: statusNote(result), failures };
  },
};

export const SCENARIOS: Scenario[] = [
  assignUnassign,
  hotLicense,
  reads('licenses list, q + filters, page 1', 50, async () => [
    '/api/v1/licenses?q=office&metric=per_user&page=1&pageSize=50',
    '/api/v1/licenses?q=adobe&status=active&page=1&pageSize=50&sort=-purchaseDate',
    '/api/v1/licenses?q=autocad&page=1&pageSize=50',
  ]),
  reads('licenses list, deep page (offset 10,000)', 50, async () => [
    '/api/v1/licenses?page=201&pageSize=50',
    '/api/v1/licenses?metric=per_device&page=101&pageSize=50&sort=-purchaseDate',
  ]),
  reads('license detail with seat counts', 50, async (ctx) =>
    (await sampleLicenseIds(ctx.pg, 1000)).map((id) => `/api/v1/licenses/${id}`),
  ),
  heavy('compliance report, whole database', '/api/v1/reports/compliance?pageSize=500', 5),
  heavy('cost report by org unit (JSON)', '/api/v1/reports/costs?groupBy=orgUnit', 5),
  heavy('cost report by org unit (xlsx)', '/api/v1/reports/costs?groupBy=orgUnit&format=xlsx', 3),
  importPersons,
];
