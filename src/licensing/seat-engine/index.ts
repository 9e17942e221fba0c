/**
 * THE SEAT ENGINE: every way a seat can be refused, in one folder.
 *
 * seat-rules.ts   the rules the services check first, in the transaction that writes,
 *                 once the holders (share-locked) and the license (FOR UPDATE) are locked:
 *   assign / transfer   WRONG_METRIC        a person on a per_device license, or an asset on a per_user one
 *                       INACTIVE_PERSON     a deactivated person takes no new seat
 *                       RETIRED_ASSET       a retired asset takes no new seat
 *                       OUT_OF_SCOPE        the holder is not at or below the license's org unit
 *                       ALREADY_ASSIGNED    the holder has a seat of this license already
 *                       SEATS_EXHAUSTED     more seats asked for than are free: all or none
 *   unassign / devices  NOT_ASSIGNED        the holder has no seat of this license
 *   activate            RETIRED_ASSET       a retired asset takes no activation
 *                       ALREADY_ACTIVATED   the device is active on this seat already
 *                       ACTIVATION_LIMIT    maxActivationsPerUser, then maxActivations
 *   reset               NOT_ACTIVATED       the device is not active on this seat
 *                       RESET_LIMIT         maxDeviceResets, all or none
 *   license edit        QUANTITY_BELOW_USE, ACTIVATIONS_BELOW_USE, RESETS_BELOW_USE, and
 *                       METRIC_IN_USE (licenses/license-rules.ts, licenses/licenses.errors.ts)
 * (A department head is also refused outside their subtree: OUT_OF_YOUR_SCOPE, catalog/org-units.)
 *
 * seat-guards.ts  the database's last word, whatever reaches it (another session, raw SQL):
 *                 counters kept by triggers and bounded by CHECKs (used_seats <= quantity,
 *                 active devices <= maxActivations, per-user activations, resets <= maxDeviceResets,
 *                 no device on a released seat), counters writable only by those triggers,
 *                 one active seat per holder and one activation per device. The migrations
 *                 install them from there.
 * seat-guard-errors.ts  each guard's violation as the rule above that it backs up
 *                 (SEAT_HAS_DEVICES only from here: a release that left devices active).
 * seat-refusals.ts  puts the license's numbers into such an answer, read again outside
 *                 the transaction that failed.
 * seat-errors.ts  the codes.
 *
 * This index re-exports the pure parts; SeatRefusals is a provider of SeatsModule.
 */
export * from './seat-errors';
export * from './seat-rules';
export * from './seat-guards';
export * from './seat-guard-errors';
