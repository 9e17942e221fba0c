import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  addCheck,
  createFunction,
  RELEASED_WITHOUT_DEVICES_CHECK,
  REFUSE_COUNTER_CHANGE,
  SEAT_DEVICES_COUNT,
  SEAT_TRIGGERS,
} from '../src/licensing/seat-engine/seat-guards';

/**
 * The database's last word on seats, tightened (review of the assignment engine):
 *
 * - A released seat has no active device: `CHECK (released_at IS NULL OR active_devices = 0)`
 *   on the seat row, whose device counter the count trigger keeps under the seat's row lock.
 *   An activation committed on a seat another transaction has just released, and a release
 *   of a seat whose devices were not ended first, are both refused, whatever the timing.
 *   Devices a race left active on released seats before this are ended here first, each
 *   with a 'release' event.
 * - Device resets are counted by the device trigger (a device ended with reason 'reset'),
 *   like the other counters, instead of by the app.
 * - The counters (licenses.used_seats, active_devices, device_resets and
 *   license_seats.active_devices) change only from inside the counting triggers
 *   (pg_trigger_depth() > 1): a raw UPDATE of a counter is refused, so the CHECKs bounding
 *   them keep meaning what they say. A bulk load with session_replication_role = replica
 *   skips these triggers like the others.
 * - Seat events are dated by clock_timestamp(), the time of the insert, instead of now(),
 *   the start of the transaction: an event written after waiting on a lock no longer sorts
 *   before events of transactions that committed while it waited.
 *
 * The guards come from the seat engine (src/licensing/seat-engine/seat-guards.ts).
 */
export class SeatCounterGuards1764374400000 implements MigrationInterface {
  name = 'SeatCounterGuards1764374400000';

  async up(q: QueryRunner): Promise<void> {
    // Repair first: devices left active on released seats end now, for the seat's reason.
    await q.query(`WITH ended AS (
        UPDATE seat_devices d
           SET deactivated_at = now(), deactivated_by = s.released_by, deactivation_reason = s.release_reason
          FROM license_seats s
         WHERE s.id = d.seat_id AND s.released_at IS NOT NULL AND d.deactivated_at IS NULL
        RETURNING d.license_id, d.seat_id, d.asset_id, s.person_id, s.release_reason
      )
      INSERT INTO seat_events (license_id, seat_id, action, person_id, asset_id, actor_id, details)
      SELECT license_id, seat_id, 'release', person_id, asset_id, NULL,
             jsonb_build_object('reason', release_reason, 'devices', jsonb_build_array(asset_id),
                                'note', 'left active on a released seat; ended by migration SeatCounterGuards')
        FROM ended ORDER BY seat_id, asset_id`);

    await q.query(`ALTER TABLE "license_seats" ${addCheck(RELEASED_WITHOUT_DEVICES_CHECK)}`);

    await q.query(createFunction(SEAT_DEVICES_COUNT, true));

    // Counters change only from inside a counting trigger (this guard then runs at depth 2).
    await q.query(createFunction(REFUSE_COUNTER_CHANGE));
    await q.query(SEAT_TRIGGERS.licenseCounters);
    await q.query(SEAT_TRIGGERS.seatCounters);

    await q.query(`ALTER TABLE "seat_events" ALTER COLUMN "at" SET DEFAULT clock_timestamp()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "seat_events" ALTER COLUMN "at" SET DEFAULT now()`);
    await q.query(`DROP TRIGGER "trg_license_seats__counters_by_trigger" ON "license_seats"`);
    await q.query(`DROP TRIGGER "trg_licenses__counters_by_trigger" ON "licenses"`);
    await q.query(`DROP FUNCTION refuse_counter_change()`);
    // The device trigger as the Seats migration wrote it (resets counted by the app again).
    await q.query(`CREATE OR REPLACE FUNCTION seat_devices_count() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`ALTER TABLE "license_seats" DROP CONSTRAINT "ck_license_seats__released_without_devices"`);
  }
}
