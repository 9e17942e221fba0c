import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  ACTIVE_DEVICES_CHECK,
  addCheck,
  createFunction,
  DEVICE_RESETS_CHECK,
  LICENSE_SEATS_COUNT,
  ONE_ACTIVATION_PER_DEVICE,
  ONE_SEAT_PER_ASSET,
  ONE_SEAT_PER_PERSON,
  SEAT_DEVICES_CHECK,
  SEAT_TRIGGERS,
  USED_SEATS_CHECK,
} from '../src/licensing/seat-engine/seat-guards';

/**
 * Seats, device activations and their history.
 *
 * The database itself keeps the seat guarantee: triggers maintain counters on the
 * license row (used_seats, active_devices) and on the seat (active_devices), and
 * CHECK constraints bound them. The counter update takes the license row lock, so
 * concurrent writers serialise there, and an insert that would exceed quantity is
 * refused even when it comes from raw SQL. The guards come from the seat engine
 * (src/licensing/seat-engine/seat-guards.ts); the device trigger's first version,
 * replaced by SeatCounterGuards, stays here as it was.
 */
export class Seats1763942400000 implements MigrationInterface {
  name = 'Seats1763942400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "licenses"
      ADD "used_seats" integer NOT NULL DEFAULT 0,
      ADD "active_devices" integer NOT NULL DEFAULT 0,
      ADD "device_resets" integer NOT NULL DEFAULT 0,
      ${addCheck(USED_SEATS_CHECK)},
      ${addCheck(ACTIVE_DEVICES_CHECK)},
      ${addCheck(DEVICE_RESETS_CHECK)}`);

    await q.query(`CREATE TABLE "license_seats" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "license_id" uuid NOT NULL,
      "person_id" uuid,
      "asset_id" uuid,
      "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "assigned_by" uuid,
      "released_at" TIMESTAMP WITH TIME ZONE,
      "released_by" uuid,
      "release_reason" character varying(50),
      "active_devices" integer NOT NULL DEFAULT 0,
      CONSTRAINT "pk_license_seats" PRIMARY KEY ("id"),
      CONSTRAINT "uq_license_seats__license_id__id" UNIQUE ("license_id", "id"),
      CONSTRAINT "ck_license_seats__one_holder" CHECK (num_nonnulls(person_id, asset_id) = 1),
      CONSTRAINT "${SEAT_DEVICES_CHECK.name}" CHECK (${SEAT_DEVICES_CHECK.condition})
    )`);
    await q.query(`CREATE INDEX "ix_license_seats__person_id" ON "license_seats" ("person_id")`);
    await q.query(`CREATE INDEX "ix_license_seats__asset_id" ON "license_seats" ("asset_id")`);
    await q.query(`CREATE INDEX "ix_license_seats__assigned_by" ON "license_seats" ("assigned_by")`);
    await q.query(`CREATE INDEX "ix_license_seats__released_by" ON "license_seats" ("released_by")`);
    // One active seat per (license, person) and per (license, asset).
    await q.query(ONE_SEAT_PER_PERSON.create);
    await q.query(ONE_SEAT_PER_ASSET.create);
    await q.query(`ALTER TABLE "license_seats"
      ADD CONSTRAINT "fk_license_seats__license_id" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE CASCADE,
      ADD CONSTRAINT "fk_license_seats__person_id" FOREIGN KEY ("person_id") REFERENCES "persons"("id") ON DELETE CASCADE,
      ADD CONSTRAINT "fk_license_seats__asset_id" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE,
      ADD CONSTRAINT "fk_license_seats__assigned_by" FOREIGN KEY ("assigned_by") REFERENCES "users"("id") ON DELETE SET NULL,
      ADD CONSTRAINT "fk_license_seats__released_by" FOREIGN KEY ("released_by") REFERENCES "users"("id") ON DELETE SET NULL`);

    await q.query(`CREATE TABLE "seat_devices" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "seat_id" uuid NOT NULL,
      "license_id" uuid NOT NULL,
      "asset_id" uuid NOT NULL,
      "activated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "activated_by" uuid,
      "deactivated_at" TIMESTAMP WITH TIME ZONE,
      "deactivated_by" uuid,
      "deactivation_reason" character varying(50),
      CONSTRAINT "pk_seat_devices" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "ix_seat_devices__seat_id" ON "seat_devices" ("seat_id")`);
    await q.query(`CREATE INDEX "ix_seat_devices__license_id" ON "seat_devices" ("license_id")`);
    await q.query(`CREATE INDEX "ix_seat_devices__asset_id" ON "seat_devices" ("asset_id")`);
    await q.query(`CREATE INDEX "ix_seat_devices__activated_by" ON "seat_devices" ("activated_by")`);
    await q.query(`CREATE INDEX "ix_seat_devices__deactivated_by" ON "seat_devices" ("deactivated_by")`);
    await q.query(ONE_ACTIVATION_PER_DEVICE.create);
    await q.query(`ALTER TABLE "seat_devices"
      ADD CONSTRAINT "fk_seat_devices__seat_id__license_id" FOREIGN KEY ("seat_id", "license_id") REFERENCES "license_seats"("id", "license_id") ON DELETE CASCADE,
      ADD CONSTRAINT "fk_seat_devices__asset_id" FOREIGN KEY ("asset_id") REFERENCES "assets"("id") ON DELETE CASCADE,
      ADD CONSTRAINT "fk_seat_devices__activated_by" FOREIGN KEY ("activated_by") REFERENCES "users"("id") ON DELETE SET NULL,
      ADD CONSTRAINT "fk_seat_devices__deactivated_by" FOREIGN KEY ("deactivated_by") REFERENCES "users"("id") ON DELETE SET NULL`);

    // A key bound to a seat must be bound to a seat of its own license.
    await q.query(`ALTER TABLE "license_keys" ADD CONSTRAINT "fk_license_keys__seat_id__license_id"
      FOREIGN KEY ("seat_id", "license_id") REFERENCES "license_seats"("id", "license_id") ON DELETE SET NULL ("seat_id")`);

    // History: append-only, and without foreign keys so it outlives what it describes.
    await q.query(`CREATE TABLE "seat_events" (
      "id" bigint GENERATED ALWAYS AS IDENTITY,
      "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "license_id" uuid NOT NULL,
      "seat_id" uuid,
      "action" character varying(30) NOT NULL,
      "person_id" uuid,
      "asset_id" uuid,
      "actor_id" uuid,
      "details" jsonb NOT NULL DEFAULT '{}',
      CONSTRAINT "pk_seat_events" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "ix_seat_events__license_id__at" ON "seat_events" ("license_id", "at")`);
    await q.query(`CREATE INDEX "ix_seat_events__person_id" ON "seat_events" ("person_id")`);
    await q.query(`CREATE INDEX "ix_seat_events__asset_id" ON "seat_events" ("asset_id")`);
    await q.query(`CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER "trg_seat_events__append_only" BEFORE UPDATE OR DELETE ON "seat_events"
      FOR EACH ROW EXECUTE FUNCTION refuse_change()`);

    // Seat counter on the license; the holder and license of a seat never change.
    await q.query(createFunction(LICENSE_SEATS_COUNT));
    await q.query(SEAT_TRIGGERS.seatsCount);

    // Device counters on the seat and the license; the per-user limit is checked here too.
    // (Replaced by SeatCounterGuards, which counts resets too: this is its first text.)
    await q.query(`CREATE FUNCTION seat_devices_count() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delta integer;
        per_seat integer;
        per_user_limit integer;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          delta := (NEW.deactivated_at IS NULL)::int;
        ELSIF TG_OP = 'DELETE' THEN
          delta := -(OLD.deactivated_at IS NULL)::int;
        ELSE
          IF NEW.seat_id <> OLD.seat_id OR NEW.asset_id <> OLD.asset_id OR NEW.license_id <> OLD.license_id
             OR (OLD.deactivated_at IS NOT NULL AND NEW.deactivated_at IS NULL) THEN
            RAISE EXCEPTION 'a device activation cannot be moved or revived' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'ck_seat_devices__immutable';
          END IF;
          delta := (NEW.deactivated_at IS NULL)::int - (OLD.deactivated_at IS NULL)::int;
        END IF;
        IF delta = 0 THEN RETURN NULL; END IF;
        UPDATE license_seats SET active_devices = active_devices + delta
          WHERE id = COALESCE(NEW.seat_id, OLD.seat_id) RETURNING active_devices INTO per_seat;
        UPDATE licenses SET active_devices = active_devices + delta
          WHERE id = COALESCE(NEW.license_id, OLD.license_id) RETURNING max_activations_per_user INTO per_user_limit;
        IF delta > 0 AND per_seat > per_user_limit THEN
          RAISE EXCEPTION 'activation limit per user reached' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'ck_seat_devices__per_user_limit';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(SEAT_TRIGGERS.devicesCount);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "license_keys" DROP CONSTRAINT "fk_license_keys__seat_id__license_id"`);
    await q.query(`DROP TABLE "seat_events"`);
    await q.query(`DROP TABLE "seat_devices"`);
    await q.query(`DROP TABLE "license_seats"`);
    await q.query(`DROP FUNCTION seat_devices_count(), license_seats_count(), refuse_change()`);
    await q.query(
      `ALTER TABLE "licenses" DROP COLUMN "used_seats", DROP COLUMN "active_devices", DROP COLUMN "device_resets"`,
    );
  }
}
