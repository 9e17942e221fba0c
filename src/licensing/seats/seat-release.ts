import { Injectable } from '@nestjs/common';
import { LicenseKeysService } from '../licenses/license-keys.service';
import { LicensesRepository } from '../licenses/licenses.repository';
import { LicenseSeat, ReleaseReason } from './license-seat.entity';
import { SeatAction } from './seat-event.entity';
import { SeatHistory } from './seat-history.service';
import { SeatsRepository } from './seats.repository';
import { DeviceFilter, EndedDevice, SeatDevicesRepository } from './seat-devices.repository';
import { ReleasedDto } from './dto/seat.dto';

/**
 * Ending seats and device activations, the one way every path does it (unassign,
 * transfer, offboarding, a person deactivated, an asset retired or deleted):
 * the licenses and then the seats locked (FOR UPDATE, each in id order), devices
 * ended, then the seats, then their key bindings, and a history event for each
 * row that this call changed (a row another transaction ended first is not
 * recorded twice). It runs in the caller's transaction.
 *
 * Lock order of every seat write: holders (persons, assets), then licenses, then
 * seats, then devices. A holder being released is locked by its caller; an
 * activation share-locks its asset and person first, so it waits for a release of
 * either, and then finds the seat gone.
 */
@Injectable()
export class SeatRelease {
  constructor(
    private readonly history: SeatHistory,
    private readonly keys: LicenseKeysService,
    private readonly licenses: LicensesRepository,
    private readonly seats: SeatsRepository,
    private readonly devices: SeatDevicesRepository,
  ) {}

  async releaseSeats(
    seats: LicenseSeat[],
    reason: ReleaseReason,
    actorId: string | null,
    action: SeatAction = reason === 'unassigned' ? 'unassign' : 'release',
  ): Promise<ReleasedDto[]> {
    if (!seats.length) return [];
    const locked = await this.lockSeats(seats);
    const seatIds = locked.filter((s) => s.releasedAt === null).map((s) => s.id);
    if (!seatIds.length) return [];
    const devices = await this.endDevices({ seatIds }, reason, actorId);
    const releasedIds = await this.seats.release(seatIds, reason, actorId);
    // In the caller's order, the rows as locked: only those this update ended.
    const byId = new Map(locked.map((s) => [s.id, s]));
    const released = seats.filter((s) => releasedIds.has(s.id)).map((s) => byId.get(s.id)!);
    if (!released.length) return [];
    // A transfer moves the keys to the new seat itself.
    if (reason !== 'transferred')
      await this.keys.rebindSeats(
        released.map((s) => s.id),
        null,
      );
    const devicesOf = (seatId: string) => devices.filter((d) => d.seatId === seatId).map((d) => d.assetId);
    await this.history.record(
      released.map((seat) => ({
        licenseId: seat.licenseId,
        seatId: seat.id,
        action,
        personId: seat.personId,
        assetId: seat.assetId,
        actorId,
        details: { reason, devices: devicesOf(seat.id) },
      })),
    );
    return released.map((seat) => ({
      licenseId: seat.licenseId,
      seatId: seat.id,
      kind: 'seat' as const,
      devices: devicesOf(seat.id),
    }));
  }

  /** Ends the activations of one asset on other people's per_user seats (asset retired or deleted). */
  async releaseActivationsOn(
    assetId: string,
    reason: ReleaseReason,
    actorId: string | null,
  ): Promise<ReleasedDto[]> {
    const active = await this.devices.activeOnAsset(assetId);
    if (!active.length) return [];
    const seats = await this.lockSeats(active.map((d) => ({ id: d.seatId, licenseId: d.licenseId })));
    const devices = await this.endDevices({ assetId }, reason, actorId);
    const holderOf = new Map(seats.map((s) => [s.id, s.personId]));
    await this.history.record(
      devices.map((d) => ({
        licenseId: d.licenseId,
        seatId: d.seatId,
        action: 'release' as const,
        personId: holderOf.get(d.seatId) ?? null,
        assetId,
        actorId,
        details: { reason, devices: [assetId] },
      })),
    );
    return devices.map((d) => ({
      licenseId: d.licenseId,
      seatId: d.seatId,
      kind: 'device' as const,
      devices: [assetId],
    }));
  }

  /**
   * Deactivates the matching active devices and answers those this call ended (in
   * activation order); the count triggers keep the counters right. The caller holds
   * the lock of their seats' license.
   */
  endDevices(filter: DeviceFilter, reason: string, actorId: string | null): Promise<EndedDevice[]> {
    return this.devices.end(filter, reason, actorId);
  }

  /**
   * Locks the licenses of `seats`, then the seats themselves, each FOR UPDATE in id
   * order, and answers the seats as they are now (released ones included).
   */
  private async lockSeats(seats: readonly Pick<LicenseSeat, 'id' | 'licenseId'>[]): Promise<LicenseSeat[]> {
    await this.licenses.lockInIdOrder([...new Set(seats.map((s) => s.licenseId))]);
    return this.seats.lockInIdOrder(seats.map((s) => s.id));
  }
}
