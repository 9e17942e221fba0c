import { BusinessRuleError, ConflictError } from '@libs/errors';

/** The license facts the seat rules need. */
export interface SeatLimits {
  id: string;
  metric: 'per_user' | 'per_device';
  quantity: number;
  usedSeats: number;
  maxActivationsPerUser: number;
  maxActivations: number | null;
  activeDevices: number;
  maxDeviceResets: number | null;
  deviceResets: number;
}

export type HolderKind = 'person' | 'asset';

const METRIC_OF: Record<HolderKind, SeatLimits['metric']> = { person: 'per_user', asset: 'per_device' };

/** A per_user license is held by persons, a per_device one by assets. */
export function assertMetric(license: SeatLimits, kind: HolderKind): void {
  if (METRIC_OF[kind] !== license.metric) {
    throw new BusinessRuleError(
      'WRONG_METRIC',
      `This license is ${license.metric}: it is assigned to ${license.metric === 'per_user' ? 'persons' : 'assets'}, not ${kind}s.`,
      { metric: license.metric, holder: kind },
    );
  }
}

/** All or none: `requested` new seats must fit in what is free. */
export function assertSeatsAvailable(license: SeatLimits, requested: number): void {
  const available = license.quantity - license.usedSeats;
  if (requested > available) {
    throw seatsExhausted(license, requested);
  }
}

export function seatsExhausted(license: Pick<SeatLimits, 'quantity' | 'usedSeats'>, requested: number) {
  const available = Math.max(0, license.quantity - license.usedSeats);
  return new ConflictError(
    'SEATS_EXHAUSTED',
    `Not enough free seats: ${requested} requested, ${available} of ${license.quantity} available.`,
    { quantity: license.quantity, used: license.usedSeats, available, requested },
  );
}

/** One more device for a seat that has `seatDevices` active ones. */
export function assertActivationAllowed(license: SeatLimits, seatDevices: number): void {
  if (seatDevices >= license.maxActivationsPerUser) throw perUserLimitReached(license, seatDevices);
  if (license.maxActivations !== null && license.activeDevices >= license.maxActivations) {
    throw totalLimitReached(license);
  }
}

export function perUserLimitReached(license: Pick<SeatLimits, 'maxActivationsPerUser'>, seatDevices: number) {
  return new BusinessRuleError(
    'ACTIVATION_LIMIT',
    `This person already has ${seatDevices} of ${license.maxActivationsPerUser} devices allowed per user.`,
    { limit: 'maxActivationsPerUser', max: license.maxActivationsPerUser, active: seatDevices },
  );
}

export function totalLimitReached(license: Pick<SeatLimits, 'maxActivations' | 'activeDevices'>) {
  return new BusinessRuleError(
    'ACTIVATION_LIMIT',
    `The license already has ${license.activeDevices} of ${license.maxActivations} device activations.`,
    { limit: 'maxActivations', max: license.maxActivations, active: license.activeDevices },
  );
}

/** `count` more resets, all or none. */
export function assertResetsAllowed(license: SeatLimits, count: number): void {
  if (license.maxDeviceResets === null) return;
  if (count > license.maxDeviceResets - license.deviceResets) throw resetLimitReached(license, count);
}

export function resetLimitReached(
  license: Pick<SeatLimits, 'maxDeviceResets' | 'deviceResets'>,
  count: number,
) {
  const remaining = (license.maxDeviceResets ?? 0) - license.deviceResets;
  return new BusinessRuleError(
    'RESET_LIMIT',
    `The license allows ${license.maxDeviceResets} device resets; ${license.deviceResets} are used, ${count} requested.`,
    {
      max: license.maxDeviceResets,
      used: license.deviceResets,
      remaining: Math.max(0, remaining),
      requested: count,
    },
  );
}
