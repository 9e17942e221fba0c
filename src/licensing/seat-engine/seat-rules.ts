import { BusinessRuleError, ConflictError, DomainError } from '@libs/errors';
import { SeatErrorCode } from './seat-errors';

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

/** A person or asset about to take a seat, as the rules see it. */
export interface SeatCandidate {
  id: string;
  orgUnitId: string | null;
  /** An active person, an asset not retired. */
  usable: boolean;
}

const METRIC_OF: Record<HolderKind, SeatLimits['metric']> = { person: 'per_user', asset: 'per_device' };

/** A per_user license is held by persons, a per_device one by assets. */
export function assertMetric(license: SeatLimits, kind: HolderKind): void {
  if (METRIC_OF[kind] !== license.metric) {
    throw new BusinessRuleError(
      SeatErrorCode.WRONG_METRIC,
      `This license is ${license.metric}: it is assigned to ${license.metric === 'per_user' ? 'persons' : 'assets'}, not ${kind}s.`,
      { metric: license.metric, holder: kind },
    );
  }
}

/** Deactivated persons and retired assets take no new seat. */
export function assertUsable(kind: HolderKind, holders: readonly SeatCandidate[]): void {
  const unusable = holders.filter((h) => !h.usable).map((h) => h.id);
  if (!unusable.length) return;
  throw kind === 'person'
    ? new BusinessRuleError(SeatErrorCode.INACTIVE_PERSON, 'Deactivated persons take no new seat.', {
        personIds: unusable,
      })
    : new BusinessRuleError(SeatErrorCode.RETIRED_ASSET, 'Retired assets take no new seat.', {
        assetIds: unusable,
      });
}

/** A license placed on an org unit is usable at or below it (`subtree`: that unit and those below). */
export function assertWithinLicenseUnit(
  license: { orgUnitId: string | null },
  kind: HolderKind,
  holders: readonly SeatCandidate[],
  subtree: ReadonlySet<string>,
): void {
  const outside = holders.filter((h) => !h.orgUnitId || !subtree.has(h.orgUnitId)).map((h) => h.id);
  if (!outside.length) return;
  throw new BusinessRuleError(
    SeatErrorCode.OUT_OF_SCOPE,
    `The license is placed on an org unit; these ${kind}s are not at or below it.`,
    { orgUnitId: license.orgUnitId, [`${kind}Ids`]: outside },
  );
}

/** One active seat per holder and license: `heldIds` are the holders that have one already. */
export function assertNotHeld(kind: HolderKind, heldIds: readonly (string | null)[]): void {
  if (!heldIds.length) return;
  throw new ConflictError(
    SeatErrorCode.ALREADY_ASSIGNED,
    `Already assigned to this license: ${heldIds.length} of the ${kind}s.`,
    { [`${kind}Ids`]: heldIds },
  );
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
    SeatErrorCode.SEATS_EXHAUSTED,
    `Not enough free seats: ${requested} requested, ${available} of ${license.quantity} available.`,
    { quantity: license.quantity, used: license.usedSeats, available, requested },
  );
}

/** The seat an unassign, activation or reset names is not there. */
export function notAssigned(licenseId: string, kind: HolderKind, holderId: string): DomainError {
  return new DomainError(
    'not_found',
    SeatErrorCode.NOT_ASSIGNED,
    `This ${kind} holds no seat of license ${licenseId}.`,
    { licenseId, [`${kind}Id`]: holderId },
  );
}

/** A retired asset takes no activation. */
export function assertActivatable(asset: { id: string; status: string }): void {
  if (asset.status === 'retired') {
    throw new BusinessRuleError(SeatErrorCode.RETIRED_ASSET, 'A retired asset cannot be activated.', {
      assetIds: [asset.id],
    });
  }
}

/** A device is activated once per seat. */
export function alreadyActivated(assetId: string): DomainError {
  return new ConflictError(
    SeatErrorCode.ALREADY_ACTIVATED,
    'This device is already activated for this person.',
    {
      assetId,
    },
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
    SeatErrorCode.ACTIVATION_LIMIT,
    `This person already has ${seatDevices} of ${license.maxActivationsPerUser} devices allowed per user.`,
    { limit: 'maxActivationsPerUser', max: license.maxActivationsPerUser, active: seatDevices },
  );
}

export function totalLimitReached(license: Pick<SeatLimits, 'maxActivations' | 'activeDevices'>) {
  return new BusinessRuleError(
    SeatErrorCode.ACTIVATION_LIMIT,
    `The license already has ${license.activeDevices} of ${license.maxActivations} device activations.`,
    { limit: 'maxActivations', max: license.maxActivations, active: license.activeDevices },
  );
}

/** A reset of one device needs it active on the seat. */
export function notActivated(assetId: string): DomainError {
  return new DomainError(
    'not_found',
    SeatErrorCode.NOT_ACTIVATED,
    'This device is not activated for this person.',
    { assetId },
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
    SeatErrorCode.RESET_LIMIT,
    `The license allows ${license.maxDeviceResets} device resets; ${license.deviceResets} are used, ${count} requested.`,
    {
      max: license.maxDeviceResets,
      used: license.deviceResets,
      remaining: Math.max(0, remaining),
      requested: count,
    },
  );
}
