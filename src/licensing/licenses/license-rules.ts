import { ConflictError } from '@libs/errors';
import { SeatErrorCode } from '../seat-engine/seat-errors';
import { License } from './license.entity';
import { LicenseErrorCode } from './licenses.errors';

type InUse = Pick<License, 'metric' | 'quantity' | 'usedSeats' | 'activeDevices' | 'deviceResets'>;
type Limits = Partial<Pick<License, 'metric' | 'quantity' | 'maxActivations' | 'maxDeviceResets'>>;

/**
 * A license edit may not drop below what is in use: quantity under the seats held,
 * maxActivations under the active devices, maxDeviceResets under the resets done,
 * nor switch metric while seats are held. (The database's CHECKs back this up.)
 */
export function assertChangeKeepsUse(license: InUse, changes: Limits): void {
  if (changes.quantity !== undefined && changes.quantity < license.usedSeats) {
    throw new ConflictError(
      SeatErrorCode.QUANTITY_BELOW_USE,
      `Quantity cannot be lower than the ${license.usedSeats} seats in use.`,
      {
        quantity: changes.quantity,
        used: license.usedSeats,
      },
    );
  }
  if (changes.metric !== undefined && changes.metric !== license.metric && license.usedSeats > 0) {
    throw new ConflictError(
      LicenseErrorCode.METRIC_IN_USE,
      `The metric cannot change while ${license.usedSeats} seats are held.`,
      {
        metric: license.metric,
        used: license.usedSeats,
      },
    );
  }
  if (changes.maxActivations != null && changes.maxActivations < license.activeDevices) {
    throw new ConflictError(
      SeatErrorCode.ACTIVATIONS_BELOW_USE,
      `maxActivations cannot be lower than the ${license.activeDevices} active devices.`,
      { maxActivations: changes.maxActivations, active: license.activeDevices },
    );
  }
  if (changes.maxDeviceResets != null && changes.maxDeviceResets < license.deviceResets) {
    throw new ConflictError(
      SeatErrorCode.RESETS_BELOW_USE,
      `maxDeviceResets cannot be lower than the ${license.deviceResets} resets already done.`,
      { maxDeviceResets: changes.maxDeviceResets, used: license.deviceResets },
    );
  }
}
