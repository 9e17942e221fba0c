import { registerConstraintErrors } from '../../platform/database/database-errors';
import { SEAT_GUARD_ERRORS } from './seat-guard-errors';
import { check, failed, INSERT_SEAT, translated, UPDATE_LICENSE } from '../../../test/helpers/driver-errors';

const INSERT_DEVICE =
  'INSERT INTO "seat_devices"("id", "seat_id", "license_id", "asset_id") VALUES (DEFAULT, $1, $2, $3)';
const UPDATE_DEVICES = 'UPDATE "seat_devices" SET "deactivated_at" = now() WHERE "deactivated_at" IS NULL';
const RELEASE_SEATS = 'UPDATE "license_seats" SET "released_at" = now() WHERE "id" IN ($1)';

describe('the seat guards through the platform translator', () => {
  // As LicensesModule does when the app starts.
  beforeAll(() => registerConstraintErrors(SEAT_GUARD_ERRORS));

  describe('check refusals of the seat guard (23514)', () => {
    it('ck_licenses__used_seats: 409 SEATS_EXHAUSTED for a seat insert, QUANTITY_BELOW_USE for a license update', () => {
      expect(translated(check('ck_licenses__used_seats', INSERT_SEAT))).toMatchObject({
        kind: 'conflict',
        code: 'SEATS_EXHAUSTED',
      });
      expect(translated(check('ck_licenses__used_seats', UPDATE_LICENSE))).toMatchObject({
        kind: 'conflict',
        code: 'QUANTITY_BELOW_USE',
      });
    });

    it('ck_licenses__active_devices: 422 ACTIVATION_LIMIT (maxActivations), or ACTIVATIONS_BELOW_USE', () => {
      expect(translated(check('ck_licenses__active_devices', INSERT_DEVICE))).toEqual({
        kind: 'rule',
        code: 'ACTIVATION_LIMIT',
        details: { limit: 'maxActivations' },
      });
      expect(translated(check('ck_licenses__active_devices', UPDATE_LICENSE))).toMatchObject({
        kind: 'conflict',
        code: 'ACTIVATIONS_BELOW_USE',
      });
    });

    it('ck_seat_devices__per_user_limit: 422 ACTIVATION_LIMIT (maxActivationsPerUser)', () => {
      expect(translated(check('ck_seat_devices__per_user_limit', INSERT_DEVICE, 'seat_devices'))).toEqual({
        kind: 'rule',
        code: 'ACTIVATION_LIMIT',
        details: { limit: 'maxActivationsPerUser' },
      });
    });

    it('ck_licenses__device_resets: 422 RESET_LIMIT when a reset ends devices, RESETS_BELOW_USE on a license update', () => {
      expect(translated(check('ck_licenses__device_resets', UPDATE_DEVICES))).toMatchObject({
        kind: 'rule',
        code: 'RESET_LIMIT',
      });
      expect(
        translated(check('ck_licenses__device_resets', 'UPDATE "licenses" SET "max_device_resets" = $1')),
      ).toMatchObject({ kind: 'conflict', code: 'RESETS_BELOW_USE' });
    });

    it('ck_license_seats__released_without_devices: 404 NOT_ASSIGNED for an activation, 409 for a release', () => {
      const constraint = 'ck_license_seats__released_without_devices';
      expect(translated(check(constraint, INSERT_DEVICE, 'license_seats'))).toMatchObject({
        kind: 'not_found',
        code: 'NOT_ASSIGNED',
      });
      expect(translated(check(constraint, RELEASE_SEATS, 'license_seats'))).toMatchObject({
        kind: 'conflict',
        code: 'SEAT_HAS_DEVICES',
      });
    });
  });

  describe('unique violations (23505)', () => {
    it('the one-active-seat indexes: 409 ALREADY_ASSIGNED; a device twice: 409 ALREADY_ACTIVATED', () => {
      const unique = (constraint: string, query = INSERT_SEAT) =>
        translated(failed(query, { code: '23505', constraint, table: 'license_seats' }));
      expect(unique('uq_license_seats__license_id__person_id')).toMatchObject({
        kind: 'conflict',
        code: 'ALREADY_ASSIGNED',
      });
      expect(unique('uq_license_seats__license_id__asset_id')).toMatchObject({ code: 'ALREADY_ASSIGNED' });
      expect(unique('uq_seat_devices__seat_id__asset_id', INSERT_DEVICE)).toMatchObject({
        code: 'ALREADY_ACTIVATED',
      });
    });
  });
});
