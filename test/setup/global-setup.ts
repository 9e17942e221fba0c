import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../../src/platform/database/data-source';
import { adminQuery, serverUrl, TEMPLATE_ENV, withDatabase } from './test-database';

/**
 * Migrates an empty database once per run; test files copy it. With DATABASE_URL
 * the server must answer: an unreachable server fails the run, it never skips.
 */
export default async function globalSetup(): Promise<void> {
  const url = serverUrl();
  if (url) {
    const name = `seatkeeper_tmpl_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    try {
      await adminQuery(`CREATE DATABASE ${name}`);
    } catch (error) {
      throw new Error(
        `DATABASE_URL is set but the PostgreSQL server cannot be used: ${(error as Error).message}`,
      );
    }
    await migrate({ databaseUrl: withDatabase(url, name), dataDir: tmpdir() });
    process.env[TEMPLATE_ENV] = name;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'seatkeeper-template-'));
  await migrate({ dataDir });
  process.env[TEMPLATE_ENV] = dataDir;
}

async function migrate(config: { databaseUrl?: string; dataDir: string }): Promise<void> {
  const dataSource = await createDataSource(config);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
