export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/seatkeeper_bench';

export interface Options {
  scale: number;
  databaseUrl: string;
  /** 'YYYY-MM-DD' (UTC): dates are relative to it, so the same day gives the same data. */
  today: string;
}

/** Rows per table at scale 1 (the brief), and the floor that keeps every table usable at tiny scales. */
const BASE = {
  orgUnits: [200, 15],
  persons: [20_000, 300],
  assets: [30_000, 400],
  software: [500, 30],
  licenses: [20_000, 200],
  seats: [300_000, 2_000],
  seatEvents: [100_000, 1_000],
  /** Licenses of each metric with at least 5 free seats (the benchmark assigns on them). */
  freeLicensesPerMetric: [1_000, 20],
  /** per_user licenses on the root unit with room for the benchmark's assign/unassign loop. */
  rootPoolLicenses: [48, 24],
} as const;

export type Counts = { -readonly [K in keyof typeof BASE]: number };

export function scaledCounts(scale: number): Counts {
  const counts = {} as Counts;
  for (const key of Object.keys(BASE) as (keyof Counts)[]) {
    const [base, min] = BASE[key];
    counts[key] = Math.max(min, Math.round(base * scale));
  }
  return counts;
}

const MAX_SCALE = 10;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return undefined;
    const v = argv[at + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    return v;
  };
  const scale = Number(value('scale') ?? 1);
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    throw new UsageError(`--scale must be a number in (0, ${MAX_SCALE}]`);
  }
  const today = value('today') ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
    throw new UsageError('--today must be a date YYYY-MM-DD');
  }
  const databaseUrl = value('database-url') ?? env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  assertLoopback(databaseUrl);
  return { scale, databaseUrl, today };
}

export class UsageError extends Error {}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const RESERVED_DATABASES = new Set(['postgres', 'template0', 'template1']);

/**
 * The script drops the database it is given: only ever on this machine, and never
 * the maintenance or template databases.
 */
export function assertLoopback(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`not a database URL: ${redact(url)}`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new UsageError(`not a postgres:// URL: ${redact(url)}`);
  }
  const host = parsed.hostname.toLowerCase();
  if (!LOOPBACK.has(host) && !/^127(\.\d{1,3}){3}$/.test(host)) {
    throw new UsageError(
      `refusing to drop and re-create a database on "${host || '(no host)'}": bench:data only runs against a loopback host (127.0.0.1, localhost, ::1)`,
    );
  }
  // A host or socket in the query string would override the loopback host above.
  if (parsed.searchParams.has('host') || parsed.searchParams.has('hostaddr')) {
    throw new UsageError('refusing a database URL with host/hostaddr parameters');
  }
  const name = databaseName(url);
  if (RESERVED_DATABASES.has(name)) throw new UsageError(`refusing to drop the "${name}" database`);
  // The load is built in a database named with a suffix (database.ts, stagingUrl); 63 is PostgreSQL's limit.
  if (name.length > 50) throw new UsageError(`database name "${name}" is longer than 50 characters`);
}

/** The database name of the URL: a plain identifier, since it goes into DROP/CREATE DATABASE. */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
    throw new UsageError(`database name must be a plain identifier (letters, digits, _), got "${name}"`);
  }
  return name;
}

/** The URL without its password, for logs and the summary. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
