import { BusinessRuleError, ConflictError, DomainError } from '@libs/errors';
import { ConstraintError } from '../../platform/database/database-errors';
import { SeatErrorCode } from './seat-errors';
import {
  ACTIVE_DEVICES_CHECK,
  DEVICE_RESETS_CHECK,
  ONE_ACTIVATION_PER_DEVICE,
  ONE_SEAT_PER_ASSET,
  ONE_SEAT_PER_PERSON,
  PER_USER_LIMIT,
  RELEASED_WITHOUT_DEVICES_CHECK,
  USED_SEATS_CHECK,
} from './seat-guards';

const updatesLicenses = (query: string) => /^\s*UPDATE\s+"?licenses"?\s/i.test(query);
const insertsDevices = (query: string) => /^\s*INSERT\s+INTO\s+"?seat_devices"?/i.test(query);

/**
 * The violations of the seat guards (seat-guards.ts), in the words of the rule that
 * normally refuses first (seat-rules.ts, license-rules.ts). A request only meets
 * these when something slipped past that check; SeatRefusals then puts the license's
 * numbers in. The platform's translator answers them so on every path (HTTP, imports):
 * LicensesModule registers them with it.
 */
export const SEAT_GUARD_ERRORS: Readonly<Record<string, ConstraintError>> = {
  [USED_SEATS_CHECK.name]: (query) =>
    updatesLicenses(query)
      ? new ConflictError(SeatErrorCode.QUANTITY_BELOW_USE, 'Quantity cannot be lower than the seats in use.')
      : new ConflictError(SeatErrorCode.SEATS_EXHAUSTED, 'Not enough free seats on this license.'),
  [ACTIVE_DEVICES_CHECK.name]: (query) =>
    updatesLicenses(query)
      ? new ConflictError(
          SeatErrorCode.ACTIVATIONS_BELOW_USE,
          'maxActivations cannot be lower than the active devices.',
        )
      : new BusinessRuleError(SeatErrorCode.ACTIVATION_LIMIT, 'The license has no device activation left.', {
          limit: 'maxActivations',
        }),
  [PER_USER_LIMIT]: () =>
    new BusinessRuleError(SeatErrorCode.ACTIVATION_LIMIT, 'This person has no device activation left.', {
      limit: 'maxActivationsPerUser',
    }),
  // Resets are counted by the device trigger when a reset ends a device (UPDATE seat_devices).
  [DEVICE_RESETS_CHECK.name]: (query) =>
    updatesLicenses(query)
      ? new ConflictError(
          SeatErrorCode.RESETS_BELOW_USE,
          'maxDeviceResets cannot be lower than the resets already done.',
        )
      : new BusinessRuleError(SeatErrorCode.RESET_LIMIT, 'The license has no device reset left.'),
  // An activation racing the release of its seat finds the seat gone; a release that did
  // not end the seat's devices first is refused.
  [RELEASED_WITHOUT_DEVICES_CHECK.name]: (query) =>
    insertsDevices(query)
      ? new DomainError('not_found', SeatErrorCode.NOT_ASSIGNED, 'This person holds no seat of this license.')
      : new ConflictError(
          SeatErrorCode.SEAT_HAS_DEVICES,
          'A seat cannot be released while devices are active on it.',
        ),
  [ONE_SEAT_PER_PERSON.name]: () =>
    new ConflictError(SeatErrorCode.ALREADY_ASSIGNED, 'This person already holds a seat of this license.'),
  [ONE_SEAT_PER_ASSET.name]: () =>
    new ConflictError(SeatErrorCode.ALREADY_ASSIGNED, 'This asset already holds a seat of this license.'),
  [ONE_ACTIVATION_PER_DEVICE.name]: () =>
    new ConflictError(SeatErrorCode.ALREADY_ACTIVATED, 'This device is already activated for this person.'),
};
