import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig, DatabaseTuning } from '../config/app-config';
import { SnakeNamingStrategy } from './naming-strategy';
import { MIGRATIONS } from '../../migrations';

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
  const { PGlite } = await import('@electric-sql/pglite');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  // pg_trgm backs the lists' `q` search (migration SearchIndexes); the server has it from contrib.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const pglite = await PGlite.create(dir, { extensions: { pg_trgm } });
  return {
    options: { ...common, poolSize: 1, extra: { ...createPgConfig(pglite), max: 1 } },
    close: () => pglite.close(),
    embedded: true,
  };
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
