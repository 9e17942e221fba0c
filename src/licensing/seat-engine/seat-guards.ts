/**
 * The seat engine's database side: the counters, CHECKs, unique indexes and triggers
 * that keep the seat guarantees whatever reaches the database (raw SQL, another
 * session, a race the service's own checks cannot see). The migrations import these
 * instead of spelling them out (as Immich's server/src/schema/functions.ts), so this
 * file is what the database runs; test/seat-guards.e2e-spec.ts compares the two.
 *
 * Changing a guard means a new migration that installs it from here; the migration
 * that installed it before then keeps the old text inline, so that a fresh database
 * goes through the same history as an old one. A function's body is stored as it is
 * written, indentation included: it stays as the migrations first installed it.
 *
 * Every name here is what a violation reports; seat-guard-errors.ts answers each.
 */

/** A CHECK constraint: the name a violation reports, and its condition. */
export interface GuardCheck {
  readonly table: string;
  readonly name: string;
  readonly condition: string;
}

/** `ADD CONSTRAINT "…" CHECK (…)`, for an ALTER TABLE. */
export const addCheck = (check: GuardCheck) => `ADD CONSTRAINT "${check.name}" CHECK (${check.condition})`;

/** licenses.used_seats (active seats, kept by the seat trigger) never exceeds quantity: quantity is a hard limit. */
export const USED_SEATS_CHECK: GuardCheck = {
  table: 'licenses',
  name: 'ck_licenses__used_seats',
  condition: 'used_seats >= 0 AND used_seats <= quantity',
};

/** licenses.active_devices (kept by the device trigger) never exceeds maxActivations. */
export const ACTIVE_DEVICES_CHECK: GuardCheck = {
  table: 'licenses',
  name: 'ck_licenses__active_devices',
  condition: 'active_devices >= 0 AND (max_activations IS NULL OR active_devices <= max_activations)',
};

/** licenses.device_resets (counted by the device trigger) never exceeds maxDeviceResets. */
export const DEVICE_RESETS_CHECK: GuardCheck = {
  table: 'licenses',
  name: 'ck_licenses__device_resets',
  condition: 'device_resets >= 0 AND (max_device_resets IS NULL OR device_resets <= max_device_resets)',
};

/** license_seats.active_devices, the seat's own device counter. */
export const SEAT_DEVICES_CHECK: GuardCheck = {
  table: 'license_seats',
  name: 'ck_license_seats__active_devices',
  condition: 'active_devices >= 0',
};

/**
 * A released seat has no active device: an activation committed on a seat another
 * transaction has just released, and a release that did not end its devices first,
 * are both refused, whatever the timing.
 */
export const RELEASED_WITHOUT_DEVICES_CHECK: GuardCheck = {
  table: 'license_seats',
  name: 'ck_license_seats__released_without_devices',
  condition: 'released_at IS NULL OR active_devices = 0',
};

/** Raised by the device trigger: no CHECK on the seat can see the license's maxActivationsPerUser. */
export const PER_USER_LIMIT = 'ck_seat_devices__per_user_limit';

/** A unique index: the name a violation reports, and its statement. */
export interface GuardIndex {
  readonly name: string;
  readonly create: string;
}

/** One active seat per (license, person). */
export const ONE_SEAT_PER_PERSON: GuardIndex = {
  name: 'uq_license_seats__license_id__person_id',
  create: `CREATE UNIQUE INDEX "uq_license_seats__license_id__person_id" ON "license_seats" ("license_id", "person_id") WHERE released_at IS NULL AND person_id IS NOT NULL`,
};

/** One active seat per (license, asset). */
export const ONE_SEAT_PER_ASSET: GuardIndex = {
  name: 'uq_license_seats__license_id__asset_id',
  create: `CREATE UNIQUE INDEX "uq_license_seats__license_id__asset_id" ON "license_seats" ("license_id", "asset_id") WHERE released_at IS NULL AND asset_id IS NOT NULL`,
};

/** One active activation per (seat, device). */
export const ONE_ACTIVATION_PER_DEVICE: GuardIndex = {
  name: 'uq_seat_devices__seat_id__asset_id',
  create: `CREATE UNIQUE INDEX "uq_seat_devices__seat_id__asset_id" ON "seat_devices" ("seat_id", "asset_id") WHERE deactivated_at IS NULL`,
};

/** A PL/pgSQL trigger function: its name and its body, byte for byte as installed. */
export interface TriggerFunction {
  readonly name: string;
  readonly body: string;
}

/** `CREATE FUNCTION` (or, to replace one, `CREATE OR REPLACE FUNCTION`) of a trigger function. */
export const createFunction = (fn: TriggerFunction, replace = false) =>
  `CREATE ${replace ? 'OR REPLACE ' : ''}FUNCTION ${fn.name}() RETURNS trigger LANGUAGE plpgsql AS $$${fn.body}$$`;

/**
 * Keeps licenses.used_seats: +1 for a seat inserted active, -1 when it is released or
 * deleted. Its UPDATE of the license row takes that row's lock, so concurrent writers
 * serialise there and USED_SEATS_CHECK sees every one. The license and holder of a
 * seat never change, and a released seat stays released (ck_license_seats__immutable).
 */
export const LICENSE_SEATS_COUNT: TriggerFunction = {
  name: 'license_seats_count',
  body: `
      DECLARE delta integer;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          delta := (NEW.released_at IS NULL)::int;
        ELSIF TG_OP = 'DELETE' THEN
          delta := -(OLD.released_at IS NULL)::int;
        ELSE
          IF NEW.license_id <> OLD.license_id OR NEW.person_id IS DISTINCT FROM OLD.person_id
             OR NEW.asset_id IS DISTINCT FROM OLD.asset_id THEN
            RAISE EXCEPTION 'the license and holder of a seat cannot change' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'ck_license_seats__immutable';
          END IF;
          IF OLD.released_at IS NOT NULL AND NEW.released_at IS NULL THEN
            RAISE EXCEPTION 'a released seat stays released' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'ck_license_seats__immutable';
          END IF;
          delta := (NEW.released_at IS NULL)::int - (OLD.released_at IS NULL)::int;
        END IF;
        IF delta <> 0 THEN
          UPDATE licenses SET used_seats = used_seats + delta WHERE id = COALESCE(NEW.license_id, OLD.license_id);
        END IF;
        RETURN NULL;
      END `,
};

/**
 * Keeps the device counters on the seat and the license, and counts resets (a device
 * ended with reason 'reset'); refuses an activation past maxActivationsPerUser
 * (PER_USER_LIMIT). An activation is never moved or revived (ck_seat_devices__immutable).
 */
export const SEAT_DEVICES_COUNT: TriggerFunction = {
  name: 'seat_devices_count',
  body: `
      DECLARE
        delta integer;
        resets integer;
        per_seat integer;
        per_user_limit integer;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          delta := (NEW.deactivated_at IS NULL)::int;
          resets := (NEW.deactivated_at IS NOT NULL AND NEW.deactivation_reason = 'reset')::int;
        ELSIF TG_OP = 'DELETE' THEN
          -- Resets stay counted when their rows go (an asset deleted): they were used.
          delta := -(OLD.deactivated_at IS NULL)::int;
          resets := 0;
        ELSE
          IF NEW.seat_id <> OLD.seat_id OR NEW.asset_id <> OLD.asset_id OR NEW.license_id <> OLD.license_id
             OR (OLD.deactivated_at IS NOT NULL AND NEW.deactivated_at IS NULL) THEN
            RAISE EXCEPTION 'a device activation cannot be moved or revived' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'ck_seat_devices__immutable';
          END IF;
          delta := (NEW.deactivated_at IS NULL)::int - (OLD.deactivated_at IS NULL)::int;
          resets := (NEW.deactivated_at IS NOT NULL AND NEW.deactivation_reason = 'reset')::int
                  - (OLD.deactivated_at IS NOT NULL AND OLD.deactivation_reason = 'reset')::int;
        END IF;
        IF delta = 0 AND resets = 0 THEN RETURN NULL; END IF;
        IF delta <> 0 THEN
          UPDATE license_seats SET active_devices = active_devices + delta
            WHERE id = COALESCE(NEW.seat_id, OLD.seat_id) RETURNING active_devices INTO per_seat;
        END IF;
        UPDATE licenses SET active_devices = active_devices + delta, device_resets = device_resets + resets
          WHERE id = COALESCE(NEW.license_id, OLD.license_id) RETURNING max_activations_per_user INTO per_user_limit;
        IF delta > 0 AND per_seat > per_user_limit THEN
          RAISE EXCEPTION 'activation limit per user reached' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'ck_seat_devices__per_user_limit';
        END IF;
        RETURN NULL;
      END `,
};

/**
 * The counters change only from inside a counting trigger (this guard then runs at
 * depth 2): a raw UPDATE of one is refused (ck_<table>__counters_by_trigger), so the
 * CHECKs bounding them keep meaning what they say.
 */
export const REFUSE_COUNTER_CHANGE: TriggerFunction = {
  name: 'refuse_counter_change',
  body: `
      DECLARE
        changed boolean;
      BEGIN
        IF pg_trigger_depth() > 1 THEN RETURN NEW; END IF;
        -- One branch a table: NEW has the fields of its own table only.
        IF TG_TABLE_NAME = 'licenses' THEN
          changed := (NEW.used_seats, NEW.active_devices, NEW.device_resets)
                     IS DISTINCT FROM (OLD.used_seats, OLD.active_devices, OLD.device_resets);
        ELSE
          changed := NEW.active_devices IS DISTINCT FROM OLD.active_devices;
        END IF;
        IF changed THEN
          RAISE EXCEPTION '%: the seat and device counters are kept by the seat triggers', TG_TABLE_NAME
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_' || TG_TABLE_NAME || '__counters_by_trigger';
        END IF;
        RETURN NEW;
      END `,
};

/** The triggers that run the functions above. */
export const SEAT_TRIGGERS = {
  seatsCount: `CREATE TRIGGER "trg_license_seats__count" AFTER INSERT OR UPDATE OR DELETE ON "license_seats"
      FOR EACH ROW EXECUTE FUNCTION ${LICENSE_SEATS_COUNT.name}()`,
  devicesCount: `CREATE TRIGGER "trg_seat_devices__count" AFTER INSERT OR UPDATE OR DELETE ON "seat_devices"
      FOR EACH ROW EXECUTE FUNCTION ${SEAT_DEVICES_COUNT.name}()`,
  licenseCounters: `CREATE TRIGGER "trg_licenses__counters_by_trigger"
      BEFORE UPDATE OF used_seats, active_devices, device_resets ON "licenses"
      FOR EACH ROW EXECUTE FUNCTION ${REFUSE_COUNTER_CHANGE.name}()`,
  seatCounters: `CREATE TRIGGER "trg_license_seats__counters_by_trigger"
      BEFORE UPDATE OF active_devices ON "license_seats"
      FOR EACH ROW EXECUTE FUNCTION ${REFUSE_COUNTER_CHANGE.name}()`,
};
