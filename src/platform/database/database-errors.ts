import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { ConflictError, DomainError, ValidationError } from '@libs/errors';

interface PgError {
  code?: string;
  table?: string;
  constraint?: string;
  detail?: string;
}

/** Answers a violation of one named constraint; `query` is the statement that broke it. */
export type ConstraintError = (query: string) => DomainError;

const CONSTRAINT_ERRORS = new Map<string, ConstraintError>();

/**
 * Lets a module answer violations of its own constraints in its own words (the seat
 * engine does, for the guards of its counters: licensing/seat-engine/seat-guard-errors.ts)
 * on every path that translates database errors; all others get the answers below.
 */
export function registerConstraintErrors(errors: Readonly<Record<string, ConstraintError>>): void {
  for (const [constraint, answer] of Object.entries(errors)) CONSTRAINT_ERRORS.set(constraint, answer);
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** What each table holds, in the API's words: an IN_USE answer names these, never a table. */
const RECORDS_OF_TABLE: Record<string, { entity: string; words: string }> = {
  organizations: { entity: 'organization', words: 'organizations' },
  org_units: { entity: 'orgUnit', words: 'org units' },
  locations: { entity: 'location', words: 'locations' },
  software: { entity: 'software', words: 'software' },
  license_categories: { entity: 'licenseCategory', words: 'license categories' },
  persons: { entity: 'person', words: 'persons' },
  assets: { entity: 'asset', words: 'assets' },
  licenses: { entity: 'license', words: 'licenses' },
  license_keys: { entity: 'licenseKey', words: 'license keys' },
  license_seats: { entity: 'seat', words: 'seats' },
  seat_devices: { entity: 'device', words: 'devices' },
  users: { entity: 'user', words: 'users' },
};

/** `uq_persons__email` → ['email']; `uq_software__name__version` → ['name', 'version']. */
function fieldsOf(constraint?: string): string[] {
  const parts = (constraint ?? '').split('__').slice(1);
  return parts.map(camel);
}

/**
 * Turns constraint violations that client input can cause into domain errors.
 * The database is the last word on uniqueness and references, so a race between
 * two requests still ends in a clean 409/400, never a 500.
 */
export function translateDatabaseError(error: unknown): DomainError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = error.driverError as PgError;
  const own = CONSTRAINT_ERRORS.get(pg.constraint ?? '');
  if (own) return own(error.query);
  const fields = fieldsOf(pg.constraint);
  const field = fields.join(', ') || 'value';
  switch (pg.code) {
    case '23505':
      return new ConflictError('DUPLICATE', `Another ${singular(pg.table)} already has this ${field}.`, {
        fields,
      });
    case '23001': // ON DELETE RESTRICT
    case '23503': {
      if (pg.code === '23001' || /^\s*DELETE/i.test(error.query)) {
        const table = /from table "([^"]+)"/.exec(pg.detail ?? '')?.[1] ?? pg.table ?? '';
        const by = RECORDS_OF_TABLE[table] ?? { entity: 'record', words: 'other records' };
        return new ConflictError('IN_USE', `This record is still referenced by ${by.words}.`, {
          referencedBy: by.entity,
        });
      }
      return new ValidationError(
        `The referenced ${field} does not exist.`,
        {
          [fields[0] ?? 'reference']: ['no record with this id exists'],
        },
        'UNKNOWN_REFERENCE',
      );
    }
    case '23514':
      return new ValidationError(`A value breaks the rule ${pg.constraint}.`, {
        [fields[0] ?? 'value']: ['is not allowed'],
      });
    case '22021': // invalid byte sequence: a NUL character in a string
    case '22P05': // untranslatable character
      return new ValidationError('A value contains a character that cannot be stored (such as NUL).', {});
    case '22001':
      return new ValidationError('A value is too long.', {});
    default:
      return undefined;
  }
}

function singular(table?: string): string {
  if (!table) return 'record';
  return table.replace(/_/g, ' ').replace(/ies$/, 'y').replace(/s$/, '');
}

/** A request that failed because of the database's state rather than its own content: 503. */
export interface DatabaseOutage {
  code: 'DATABASE_UNAVAILABLE' | 'DATABASE_BUSY';
  message: string;
}

const UNAVAILABLE: DatabaseOutage = {
  code: 'DATABASE_UNAVAILABLE',
  message: 'The database cannot be reached; try again shortly.',
};
const BUSY: DatabaseOutage = { code: 'DATABASE_BUSY', message: 'The database is busy; try again shortly.' };

// Sockets: the server is down, restarting, or the network between is.
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATEs of a server going away: admin_shutdown (a fast stop or restart), crash_shutdown,
// cannot_connect_now (starting up or shutting down); class 08 is every connection exception.
const SERVER_GONE = new Set(['57P01', '57P02', '57P03']);
// too_many_connections, lock_not_available (lock_timeout), query_canceled (statement_timeout or a cancel),
// and serialization_failure and deadlock_detected once TransactionRunner has used up its retries.
const SERVER_BUSY = new Set(['53300', '55P03', '57014', '40001', '40P01']);
// node-postgres reports a socket closed under it by message only, without a code.
const LOST_CONNECTION =
  /^Connection terminated|Client has encountered a connection error|Client was closed and is not queryable/;
// pg-pool: every pooled connection stayed busy past connectionTimeoutMillis.
const POOL_TIMEOUT = /timeout exceeded when trying to connect/;

/**
 * Whether `error` means the database is unreachable or overloaded, looking through
 * TypeORM's QueryFailedError and Node's AggregateError (one per address tried) to the
 * driver's own error. Such a request may be retried as it is: the transaction it was
 * in rolled back, or its outcome is unknown, never half-written.
 */
export function databaseOutage(error: unknown, depth = 0): DatabaseOutage | undefined {
  if (!(error instanceof Error) || depth > 3) return undefined;
  // TypeORM releases a query runner whose connection emitted 'error' (the server closed it);
  // the app never releases one itself, so its next query failing so means a lost connection.
  if (error instanceof QueryRunnerAlreadyReleasedError) return UNAVAILABLE;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SOCKET_ERRORS.has(code) || SERVER_GONE.has(code) || code.startsWith('08')) return UNAVAILABLE;
    if (SERVER_BUSY.has(code)) return BUSY;
  }
  if (POOL_TIMEOUT.test(error.message)) return BUSY;
  if (LOST_CONNECTION.test(error.message)) return UNAVAILABLE;
  const inner = [
    error instanceof QueryFailedError ? error.driverError : undefined,
    error.cause,
    ...(error instanceof AggregateError ? error.errors : []),
  ];
  for (const e of inner) {
    const found = e === error ? undefined : databaseOutage(e, depth + 1);
    if (found) return found;
  }
  return undefined;
}
