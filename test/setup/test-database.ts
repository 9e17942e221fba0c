import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * One migrated database per test run, copied for every test file: a PGlite data
 * folder (embedded, the default) or a PostgreSQL template database (DATABASE_URL).
 */
export const TEMPLATE_ENV = 'SEATKEEPER_TEST_TEMPLATE';

export function serverUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl(), connectionTimeoutMillis: 10000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file: `{ databaseUrl }` or `{ dataDir }`. */
export async function freshDatabase(): Promise<{ databaseUrl?: string; dataDir: string }> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error('The jest global setup did not prepare a template database.');
  const dataDir = mkdtempSync(join(tmpdir(), 'seatkeeper-test-'));
  const url = serverUrl();
  if (url) {
    const name = `seatkeeper_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    return { databaseUrl: withDatabase(url, name), dataDir };
  }
  cpSync(template, dataDir, { recursive: true });
  return { dataDir };
}
