import { ScenarioResult } from './scenarios';
import { PgbenchResult } from './pgbench';

export interface Row extends ScenarioResult {
  name: string;
  connections: number;
  peakRss: number;
}

const ms = (n: number) =>
  Number.isFinite(n) ? (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(0)} ms`) : '-';
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const errors = (r: Row) =>
  Object.entries(r.statuses).reduce((n, [s, c]) => n + (Number(s) >= 500 ? c : 0), 0) + r.errors;

/** The run as a Markdown table, one row a scenario, ready for BENCHMARKS.md. */
export function table(rows: Row[]): string {
  const head = [
    'scenario',
    'conns',
    'requests',
    'req/s',
    'p50',
    'p95',
    'p99',
    'errors',
    'server peak RSS',
    'outcome',
  ];
  const lines = rows.map((r) => [
    r.name,
    String(r.connections),
    String(r.requests),
    r.rps.toFixed(r.rps < 10 ? 2 : 0),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    String(errors(r)),
    mb(r.peakRss),
    r.note,
  ]);
  return [head, head.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export interface Target {
  what: string;
  goal: string;
  measured: string;
  met: boolean;
}

/** The targets next to the figures of this run. */
export function targets(rows: Map<string, Row>, pgbench: PgbenchResult, appCycles: number): Target[] {
  const find = (prefix: string) => [...rows.values()].find((r) => r.name.startsWith(prefix));
  const out: Target[] = [];
  const ratio = appCycles / pgbench.cyclesPerSecond;
  out.push({
    what: 'assign throughput vs pgbench, same SQL',
    goal: '≥ 0.5',
    measured: `${ratio.toFixed(2)} (${appCycles.toFixed(0)} vs ${pgbench.cyclesPerSecond.toFixed(0)} cycles/s)`,
    met: ratio >= 0.5,
  });
  for (const prefix of ['licenses list, q', 'licenses list, deep', 'license detail']) {
    const r = find(prefix);
    if (r)
      out.push({
        what: `${r.name}: p95 at 50 connections`,
        goal: '< 50 ms',
        measured: ms(r.p95),
        met: r.p95 < 50,
      });
  }
  const compliance = find('compliance');
  if (compliance)
    out.push({
      what: 'compliance report',
      goal: '< 2 s',
      measured: ms(compliance.p99),
      met: compliance.p99 < 2000,
    });
  const xlsx = find('cost workbook');
  if (xlsx) {
    out.push({ what: xlsx.name, goal: '< 15 s', measured: ms(xlsx.p50), met: xlsx.p50 < 15_000 });
    out.push({
      what: `${xlsx.name}: server peak RSS`,
      goal: '< 400 MB',
      measured: mb(xlsx.peakRss),
      met: xlsx.peakRss < 400 * 1024 * 1024,
    });
  }
  const importRow = find('import');
  if (importRow)
    out.push({
      what: importRow.name,
      goal: '< 10 s',
      measured: ms(importRow.p99),
      met: importRow.p99 < 10_000,
    });
  return out;
}

export function targetTable(list: Target[]): string {
  const head = ['target', 'goal', 'measured', 'met'];
  const lines = list.map((t) => [t.what, t.goal, t.measured, t.met ? 'yes' : '**no**']);
  return [head, head.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
