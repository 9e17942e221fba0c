import { join } from 'node:path';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig, ConfigError, DatabaseTuning } from '../config/app-config';
import { SnakeNamingStrategy } from './naming-strategy';
import { MIGRATIONS } from '../../../migrations';

// `date` columns stay 'YYYY-MM-DD' strings: no time zone may shift a purchase date.
types.setTypeParser(types.builtins.DATE, (value) => value);

type DbConfig = Pick<AppConfig, 'databaseUrl' | 'dataDir'> & { database?: DatabaseTuning };

/** A script without the full AppConfig (benchmarks, the test template): the pool as before, no lock limit. */
const SCRIPT_TUNING: DatabaseTuning = { poolSize: 10, poolTimeoutMs: 5000, lockTimeoutMs: 0 };

export interface DatabaseHandle {
  options: DataSourceOptions;
  /** Closes the embedded engine after the DataSource is destroyed; no-op on a server. */
  close: () => Promise<void>;
  embedded: boolean;
}

const common = {
  type: 'postgres' as const,
  namingStrategy: new SnakeNamingStrategy(),
  uuidExtension: 'pgcrypto' as const, // gen_random_uuid() is built in since PostgreSQL 13
  installExtensions: false,
  migrations: MIGRATIONS,
  migrationsTransactionMode: 'each' as const,
  synchronize: false,
};

/**
 * With DATABASE_URL the app talks to that PostgreSQL server. Without it, to an
 * embedded PostgreSQL (PGlite) kept in DATA_DIR/pgdata, through PGlite's own
 * node-postgres adapter. PGlite is one session, so its pool has exactly one
 * connection: transactions queue instead of interleaving.
 */
export async function openDatabase(config: DbConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const tuning = config.database ?? SCRIPT_TUNING;
    return {
      options: {
        ...common,
        url: config.databaseUrl,
        poolSize: tuning.poolSize,
        extra: {
          // Bounds both the wait for a free pooled connection and the opening of a new
          // one: with every connection busy, or the server gone, a request fails (503)
          // instead of queueing forever.
          connectionTimeoutMillis: tuning.poolTimeoutMs,
          // A seat write blocked behind a lock nobody releases (another session's open
          // transaction) must end too, or it holds its pooled connection for good.
          ...(tuning.lockTimeoutMs ? { lock_timeout: tuning.lockTimeoutMs } : {}),
        },
      },
      close: async () => undefined,
      embedded: false,
    };
  }
  const dir = join(config.dataDir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(config.dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    // pg_trgm backs the lists' `q` search (migration SearchIndexes); the server has it from contrib.
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const pglite = await PGlite.create(dir, { extensions: { pg_trgm } });
    return {
      options: { ...common, poolSize: 1, extra: { ...createPgConfig(pglite), max: 1 } },
      close: () => pglite.close().finally(unlock),
      embedded: true,
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** The embedded database of `dataDir` is open in another living process. */
export class DataDirInUseError extends ConfigError {}

/**
 * PGlite has no lock of its own: two processes on one data folder both write it and
 * corrupt it (unique constraints stop holding). So the folder gets a lock file made
 * with O_EXCL and holding the owner's PID; one whose process is gone is taken over.
 * Returns the release, which also runs at exit, whatever ends the process.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'seatkeeper.lock');
  if (heldLocks.has(file))
    throw new DataDirInUseError(`The embedded database in ${dataDir} is already open.`);
  const patience = Date.now() + 1000;
  while (!createExclusive(file, String(process.pid))) {
    const owner = readOwner(file);
    if (owner === null && Date.now() < patience) {
      // Just created and not written yet, or just deleted: look again.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      continue;
    }
    if (owner !== null && owner !== process.pid && isAlive(owner)) {
      throw new DataDirInUseError(
        `The embedded database in ${dataDir} is in use by another Seatkeeper process (PID ${owner}). ` +
          `Stop that process, or give this one another DATA_DIR. If no such process runs, delete ${file}.`,
      );
    }
    // Left by a process that is gone, or by this PID in an earlier life (PID 1 in a container).
    unlinkOwnedBy(file, owner);
  }
  heldLocks.add(file);
  const release = () => {
    process.off('exit', release);
    heldLocks.delete(file);
    unlinkOwnedBy(file, process.pid);
  };
  process.on('exit', release);
  return release;
}

/** Lock files this process holds: a file naming this PID and not in here is a stale one. */
const heldLocks = new Set<string>();

function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The PID in the lock file; null when there is none (no file, empty, garbage). */
function readOwner(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

/** Deletes the lock file only while it still names `owner`: never a lock another process just took. */
function unlinkOwnedBy(file: string, owner: number | null): void {
  if (readOwner(file) !== owner) return;
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Makes a DataSource's destroy() also close the engine behind it. */
export function closingWith(dataSource: DataSource, close: () => Promise<void>): DataSource {
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    if (dataSource.isInitialized) await destroy();
    await close();
  };
  return dataSource;
}

/** A DataSource for scripts (migrations, benchmarks) outside the Nest app. */
export async function createDataSource(
  config: DbConfig,
  extra: Partial<DataSourceOptions> = {},
): Promise<DataSource> {
  const db = await openDatabase(config);
  return closingWith(new DataSource({ ...db.options, ...extra } as DataSourceOptions), db.close);
}
