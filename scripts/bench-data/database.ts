import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/platform/database/data-source';
import { Organization } from '../../src/catalog/organizations/organization.entity';
import { OrgUnit } from '../../src/catalog/org-units/org-unit.entity';
import { User } from '../../src/access/users/user.entity';
import { databaseName } from './options';

/** A connected client; the caller ends it. */
export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'seatkeeper-bench-data' });
  await client.connect();
  return client;
}

const STAGING_SUFFIX = '__loading';

/** Runs statements on the `postgres` maintenance database of the server of `url`. */
async function onMaintenance(url: string, statements: string[]): Promise<void> {
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = await connect(maintenance.toString());
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The URL of the database the load is built in: the target's name plus a suffix.
 * The target is only replaced once the load has passed its checks, so a benchmark
 * or app pointed at it never sees half a data set, and a failed load leaves the
 * previous one in place.
 */
export function stagingUrl(url: string): string {
  const staging = new URL(url);
  staging.pathname = `/${databaseName(url)}${STAGING_SUFFIX}`;
  return staging.toString();
}

/** Drops (WITH (FORCE): leftovers of a failed run may hold sessions) and creates the database. */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await onMaintenance(url, [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`, `CREATE DATABASE "${name}"`]);
}

/**
 * Drops the target and renames the loaded database to it. WITH (FORCE) ends the
 * sessions still open on the old data set (an app left running), which a plain
 * DROP would wait on or refuse; they reconnect to the new one.
 */
export async function swapDatabase(from: string, to: string): Promise<void> {
  const target = databaseName(to);
  await onMaintenance(to, [
    `DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`,
    `ALTER DATABASE "${databaseName(from)}" RENAME TO "${target}"`,
  ]);
}

/**
 * Applies the app's own migrations through its own DataSource factory, so the
 * schema is exactly the app's. The DataSource stays open (the caller destroys it):
 * the bench users are created through it with the app's UsersService.
 */
export async function migrate(url: string): Promise<{ dataSource: DataSource; applied: string[] }> {
  const dataSource = await createDataSource(
    { databaseUrl: url, dataDir: '' },
    // Only what UsersService touches: a user and the org unit (and its organization) it points to.
    { entities: [User, OrgUnit, Organization], logging: false },
  );
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { dataSource, applied: applied.map((m) => m.name) };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}
