import { Client } from 'pg';
import globalSetup from '../../setup/global-setup';
import { DEFAULT_DATABASE_URL } from './postgres';

/**
 * The fault suites need the PostgreSQL server (they stop and restart it): DATABASE_URL,
 * by default the local server, must answer. An unreachable server fails the run; it
 * never skips. Then the migrated template database of the other suites is prepared.
 */
export default async function faultsGlobalSetup(): Promise<void> {
  process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
  const url = process.env.DATABASE_URL;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `The fault suites need a reachable PostgreSQL server at ${url}: ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  await globalSetup();
}
