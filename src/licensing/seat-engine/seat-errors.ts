/**
 * Every code a seat refusal answers with (beside the common ones of libs/errors).
 * The rules that raise them are listed in index.ts.
 */
export const SeatErrorCode = {
  /** 409: more seats asked for than are free; details carry the numbers. */
  SEATS_EXHAUSTED: 'SEATS_EXHAUSTED',
  /** 409: the person or asset already holds a seat of this license. */
  ALREADY_ASSIGNED: 'ALREADY_ASSIGNED',
  /** 404: the person or asset holds no seat of this license. */
  NOT_ASSIGNED: 'NOT_ASSIGNED',
  /** 422: a person on a per_device license, or an asset on a per_user one. */
  WRONG_METRIC: 'WRONG_METRIC',
  /** 422: the holder is not at or below the license's org unit. */
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  /** 422: a deactivated person takes no new seat. */
  INACTIVE_PERSON: 'INACTIVE_PERSON',
  /** 422: a retired asset takes no new seat and no activation. */
  RETIRED_ASSET: 'RETIRED_ASSET',
  /** 422: maxActivationsPerUser or maxActivations reached (details.limit names which). */
  ACTIVATION_LIMIT: 'ACTIVATION_LIMIT',
  /** 422: maxDeviceResets would be exceeded. */
  RESET_LIMIT: 'RESET_LIMIT',
  /** 409: this device is already activated on this seat. */
  ALREADY_ACTIVATED: 'ALREADY_ACTIVATED',
  /** 404: a reset of a device that is not activated on this seat. */
  NOT_ACTIVATED: 'NOT_ACTIVATED',
  /** 409: a seat released while devices are still active on it (the database's guard). */
  SEAT_HAS_DEVICES: 'SEAT_HAS_DEVICES',
  /** 409: a license edit taking quantity below the seats in use. */
  QUANTITY_BELOW_USE: 'QUANTITY_BELOW_USE',
  /** 409: a license edit taking maxActivations below the active devices. */
  ACTIVATIONS_BELOW_USE: 'ACTIVATIONS_BELOW_USE',
  /** 409: a license edit taking maxDeviceResets below the resets done. */
  RESETS_BELOW_USE: 'RESETS_BELOW_USE',
} as const;

export type SeatErrorCode = (typeof SeatErrorCode)[keyof typeof SeatErrorCode];
