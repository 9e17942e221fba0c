import {
  ACTIVE_DEVICES_CHECK,
  DEVICE_RESETS_CHECK,
  LICENSE_SEATS_COUNT,
  ONE_ACTIVATION_PER_DEVICE,
  ONE_SEAT_PER_ASSET,
  ONE_SEAT_PER_PERSON,
  REFUSE_COUNTER_CHANGE,
  RELEASED_WITHOUT_DEVICES_CHECK,
  SEAT_DEVICES_CHECK,
  SEAT_DEVICES_COUNT,
  SEAT_TRIGGERS,
  USED_SEATS_CHECK,
} from '../src/licensing/seat-engine/seat-guards';
import { createTestApp, TestApp } from './helpers/test-app';

/**
 * The seat engine's database side (seat-guards.ts) is what the migrated database
 * runs: a guard changed in code without a migration, or a migration that installs
 * something else, fails here.
 */
describe('seat guards: the migrated database runs the engine’s code', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t.close());

  it('every trigger function has the body of its definition, byte for byte', async () => {
    for (const fn of [LICENSE_SEATS_COUNT, SEAT_DEVICES_COUNT, REFUSE_COUNTER_CHANGE]) {
      const rows: { prosrc: string }[] = await t.dataSource.query(
        `SELECT p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = current_schema() AND p.proname = $1`,
        [fn.name],
      );
      expect({ name: fn.name, bodies: rows.map((r) => r.prosrc) }).toEqual({
        name: fn.name,
        bodies: [fn.body],
      });
    }
  });

  it('every trigger runs its function', async () => {
    const triggers: { name: string; fn: string }[] = await t.dataSource.query(
      `SELECT t.tgname AS name, p.proname AS fn FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE NOT t.tgisinternal`,
    );
    const installed = new Map(triggers.map((tr) => [tr.name, tr.fn]));
    for (const sql of Object.values(SEAT_TRIGGERS)) {
      const [, name, fn] = /CREATE TRIGGER "([^"]+)"[\s\S]*EXECUTE FUNCTION (\w+)\(\)/.exec(sql)!;
      expect({ name, fn: installed.get(name) }).toEqual({ name, fn });
    }
  });

  it('every CHECK and unique index is there, with its condition', async () => {
    // The server prints a condition parenthesised: compare without the parentheses and spaces.
    const bare = (sql: string) => sql.replace(/[()\s]/g, '');
    for (const check of [
      USED_SEATS_CHECK,
      ACTIVE_DEVICES_CHECK,
      DEVICE_RESETS_CHECK,
      SEAT_DEVICES_CHECK,
      RELEASED_WITHOUT_DEVICES_CHECK,
    ]) {
      const rows: { def: string }[] = await t.dataSource.query(
        `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
          WHERE c.conrelid = $1::regclass AND c.conname = $2`,
        [check.table, check.name],
      );
      expect({ check: check.name, defs: rows.map((r) => bare(r.def)) }).toEqual({
        check: check.name,
        defs: [bare(`CHECK ${check.condition}`)],
      });
    }
    for (const index of [ONE_SEAT_PER_PERSON, ONE_SEAT_PER_ASSET, ONE_ACTIVATION_PER_DEVICE]) {
      const rows = await t.dataSource.query(`SELECT 1 FROM pg_indexes WHERE indexname = $1`, [index.name]);
      expect({ index: index.name, found: rows.length }).toEqual({ index: index.name, found: 1 });
    }
  });
});
